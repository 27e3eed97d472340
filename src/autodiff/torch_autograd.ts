// PyTorch's autograd: tensors with requires_grad are recorded by one level that sits below every
// other (number 0) and is entered the first time a tensor requires grad, so code that never asks
// for torch autograd pays nothing. `.backward()` fills `.grad` of leaves; `torch.autograd.grad`
// returns gradients; create_graph lets the level record the backward pass itself.
import { alias, gradFnNames, Tensor } from '../tensor/tensor.js';
import { isFloat, TORCH_TYPE_NAME } from '../tensor/dtype.js';
import { sameDims, shapeString } from '../tensor/shape.js';
import { onesLike } from '../tensor/create.js';
import { toTensor } from '../ops/convert.js';
import { add } from '../ops/arith.js';
import { belowLevel, enterBottomLevel, exitLevel, registerState } from '../core/levels.js';
import { RuntimeError, TapeLevel, type TapeNode } from './tape.js';

/** PyTorch's names of the backward nodes of the primitives. */
const NODE_NAMES: Record<string, string> = {
  reshape: 'ViewBackward0', transpose: 'PermuteBackward0', broadcast_to: 'ExpandBackward0', reduce_sum: 'SumBackward1',
  slice: 'SliceBackward0', concat: 'CatBackward0', gather: 'IndexBackward0', identity: 'AliasBackward0', cast: 'ToCopyBackward0',
  reduce_max: 'MaxBackward1', reduce_min: 'MinBackward1', reduce_prod: 'ProdBackward1', matmul: 'MmBackward0', where: 'WhereBackward0',
  scatter: 'IndexPutBackward0', cumsum: 'CumsumBackward0', take_along_axis: 'GatherBackward0',
};

function torchNodeName(prim: string): string {
  return NODE_NAMES[prim] ?? `${prim[0].toUpperCase()}${prim.slice(1).replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}Backward0`;
}

/** The PyTorch name of a node (its op's, or its primitive's). */
export function nodeName(n: TapeNode): string {
  return n.name ?? torchNodeName(n.prim?.name ?? 'identity');
}

class TorchLevel extends TapeLevel {
  readonly leaves = new WeakMap<TapeNode, Tensor>();
  protected override recorded(out: Tensor, node: TapeNode): void {
    out.requires_grad = true;
    gradFnNames.set(out, nodeName(node));
  }

  /** An in-place op: the tensor's grad_fn is now the op's node. */
  override rebind(old: Tensor, out: Tensor): void {
    super.rebind(old, out);
    const n = this.nodeOf(old);
    if (n !== undefined && n.backward !== null) gradFnNames.set(old, nodeName(n));
    else gradFnNames.delete(old);
  }

  /** PyTorch's words for a saved tensor changed in place, naming the node that made it. */
  protected override modifiedError(t: Tensor, n: TapeNode, i: number): Error {
    const maker = n.savedMakers?.[i];
    const type = `torch.${TORCH_TYPE_NAME[t.dt] ?? 'Float'}Tensor [${t.dims.join(', ')}]`;
    const made = maker && maker.backward !== null ? `, which is output 0 of ${nodeName(maker)},` : '';
    return new RuntimeError(`one of the variables needed for gradient computation has been modified by an inplace operation: [${type}]${made} is at version ${t.version}; expected version ${n.versions![i]} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`);
  }
}

const level = new TorchLevel();
// PyTorch's autograd is session-wide: it outlives the cell that first used it.
level.kept = true;
let enabled = true;
// Grad mode is part of the autodiff state a failed or interrupted cell gets back.
registerState({
  save: () => enabled,
  // The stack itself (with or without this level) is restored beside it.
  restore: (was) => { enabled = was as boolean; },
});

function ensureActive(): void {
  if (enabled) enterBottomLevel(level);
}

/** The node that made a tensor (its grad_fn), if torch's autograd recorded it. */
export function nodeOf(t: Tensor): TapeNode | undefined {
  return level.nodeOf(t);
}

/** Gives the node that made `t` PyTorch's name for the op that made it (`AddmmBackward0`). */
export function nameNode(t: Tensor, name: string): Tensor {
  const n = level.nodeOf(t);
  if (n !== undefined && n.backward !== null) {
    n.name = name;
    gradFnNames.set(t, name);
  }
  return t;
}

/** tensor.register_hook(fn): fn(grad) runs when the gradient of `t` is computed; what it returns replaces it. */
export function registerHook(t: Tensor, hook: (g: Tensor) => Tensor | void | null | undefined): { remove(): void } {
  if (!t.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
  const n = level.nodeOf(t)!;
  (n.hooks ??= []).push(hook);
  return { remove: () => { n.hooks = n.hooks?.filter((h) => h !== hook); } };
}

/** tensor.retain_grad(): a non-leaf gets its .grad filled by backward() too. */
export function retainGrad(t: Tensor): void {
  if (!t.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
  const n = level.nodeOf(t)!;
  if (n.backward === null) return;
  registerHook(t, (g) => { t.grad = t.grad === null ? detach(g) : add(t.grad, detach(g)); });
}

/** Whether autograd records operations (torch.is_grad_enabled()). */
export function isGradEnabled(): boolean {
  return enabled;
}

/** torch.set_grad_enabled(mode). */
export function setGradEnabled(mode: boolean): void {
  enabled = mode;
  if (!mode) exitLevel(level);
  else if (hasLeaves) enterBottomLevel(level);
}
let hasLeaves = false;

/** Marks a float leaf as requiring grad (torch.tensor(..., requires_grad=True), x.requires_grad_()). */
export function requiresGrad(t: Tensor, flag = true): Tensor {
  if (!flag) {
    t.requires_grad = false;
    return t;
  }
  if (!isFloat(t.dt)) throw new RuntimeError('only Tensors of floating point dtype can require gradients');
  hasLeaves = true;
  ensureActive();
  level.leaves.set(level.watch(t), t);
  t.requires_grad = true;
  return t;
}

/** A tensor sharing storage with `t` that autograd does not follow (x.detach()). */
export function detach(t: Tensor): Tensor {
  return alias(t);
}

/** Runs fn with grad mode set to `mode`, restoring the previous mode afterwards. */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const was = enabled;
  setGradEnabled(mode);
  try {
    return fn();
  } finally {
    setGradEnabled(was);
  }
}

/** torch.no_grad(): runs fn with autograd recording paused. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}


function leavesBelow(roots: TapeNode[]): TapeNode[] {
  const seen = new Set<TapeNode>();
  const out: TapeNode[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.backward === null) out.push(n);
    for (const p of n.parents) if (p) stack.push(p);
  }
  return out;
}

function seedsFor(outputs: Tensor[], grads: (Tensor | null | undefined)[] | undefined): [TapeNode, Tensor][] {
  return outputs.map((o, i) => {
    const node = level.nodeOf(o);
    if (!o.requires_grad || node === undefined) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    let g = grads?.[i] ?? null;
    if (g === null) {
      if (o.count !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
      g = onesLike(o);
    } else g = toTensor(g, o.dt);
    if (!sameDims(g.dims, o.dims)) throw new RuntimeError(`Mismatch in shape: grad_output[${i}] has a shape of ${shapeString(g.dims)} and output[${i}] has a shape of ${shapeString(o.dims)}.`);
    return [node, g];
  });
}

export interface BackwardOptions {
  retain_graph?: boolean;
  create_graph?: boolean;
  inputs?: Tensor[];
}

/** tensor.backward(gradient): accumulates d(tensor)/d(leaf) into every leaf's `.grad`. */
export function backward(t: Tensor, gradient?: Tensor | null, o: BackwardOptions = {}): void {
  const seeds = seedsFor([t], [gradient]);
  const leaves = o.inputs ? o.inputs.map((x) => level.nodeOf(x)!).filter(Boolean) : leavesBelow(seeds.map(([n]) => n));
  const create = o.create_graph ?? false;
  const cts = level.backward(seeds, leaves, { retain: o.retain_graph ?? create, visibleToSelf: create });
  for (const n of leaves) {
    const g = cts.get(n);
    const leaf = level.leaves.get(n);
    if (g === undefined || leaf === undefined) continue;
    const gg = create ? g : detach(g);
    leaf.grad = leaf.grad === null ? gg : belowLevel(create ? Infinity : 0, () => add(leaf.grad!, gg));
  }
}

export interface GradOptions {
  grad_outputs?: (Tensor | null)[] | Tensor | null;
  retain_graph?: boolean;
  create_graph?: boolean;
  allow_unused?: boolean;
}

/** torch.autograd.grad(outputs, inputs): the gradients, as a list (one per input). */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], o: GradOptions = {}): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const go = o.grad_outputs === undefined || o.grad_outputs === null ? undefined : Array.isArray(o.grad_outputs) ? o.grad_outputs : [o.grad_outputs];
  const seeds = seedsFor(outs, go);
  const nodes = ins.map((x, i) => {
    const n = level.nodeOf(x);
    if (n === undefined || !x.requires_grad) throw new RuntimeError(`One of the differentiated Tensors (input ${i}) does not require grad`);
    return n;
  });
  const create = o.create_graph ?? false;
  const cts = level.backward(seeds, nodes, { retain: o.retain_graph ?? create, visibleToSelf: create });
  return nodes.map((n, i) => {
    const g = cts.get(n);
    if (g === undefined) {
      if (!o.allow_unused) throw new RuntimeError(`One of the differentiated Tensors (input ${i}) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.`);
      return null;
    }
    return create ? g : detach(g);
  });
}
