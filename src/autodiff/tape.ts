// A reverse-mode level: a graph of nodes, one per recorded primitive result, each holding only its
// parents and the rule's cotangent closure (which keeps just what the rule needs). Backward walks the
// nodes that lie between the targets and the sources, newest first, and frees each cotangent as soon
// as it has been passed on.
import { isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Primitive } from '../core/primitive.js';
import { belowLevel, isActive, Level } from '../core/levels.js';
import { add } from '../ops/arith.js';

export interface TapeNode {
  readonly parents: readonly (TapeNode | null)[];
  /** null for a watched leaf; replaced by `FREED` once a non-retained backward has used it. */
  backward: ((ct: Tensor, need: readonly boolean[]) => (Tensor | null)[]) | null | typeof FREED;
  readonly seq: number;
  readonly prim: Primitive<unknown> | null;
  readonly dims: readonly number[];
  /** The tensors the rule reads and their versions when recorded (a changed one makes backward fail). */
  readonly saved: readonly Tensor[] | null;
  readonly versions: readonly number[] | null;
  /** The node that made each saved tensor when it was saved (null for a tensor no node made). */
  readonly savedMakers?: readonly (TapeNode | null)[];
  /** Which input each saved tensor is (-1: the output), for torch's `grad_fn._saved_self`. */
  readonly savedWhich?: readonly number[];
  /** A name the node shows (torch's grad_fn names, set by the torch facade). */
  name?: string;
  /** Functions of the gradient reaching this node, run in order before it flows on (torch's register_hook). */
  hooks?: ((grad: Tensor) => Tensor | void | null | undefined)[];
}

export const FREED = Symbol('freed');

/** Which inputs a primitive's cotangent map reads, and whether it reads its output. */
function savedIndices(prim: Primitive<unknown>, n: number): { inputs: readonly number[]; out: boolean } {
  const s = prim.saves;
  return { inputs: s?.inputs ?? Array.from({ length: n }, (_, i) => i), out: Boolean(s?.out) };
}
let seq = 0;

export class TapeLevel extends Level {
  nodes = new WeakMap<Tensor, TapeNode>();

  process(prim: Primitive<unknown>, inputs: Tensor[], out: Tensor, params: unknown): void {
    if (prim.vjp === undefined || !isFloat(out.dt)) return;
    let any = false;
    const parents = new Array<TapeNode | null>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const n = this.nodes.get(inputs[i]) ?? null;
      parents[i] = n;
      if (n !== null) any = true;
    }
    if (!any) return;
    const vjp = prim.vjp;
    const backward = belowLevel(this.id, () => vjp(inputs, out, params));
    const which = prim.linear ? null : savedIndices(prim, inputs.length);
    let saved: Tensor[] | null = null, savedMakers: (TapeNode | null)[] | undefined, savedWhich: number[] | undefined;
    if (which && (which.inputs.length || which.out)) {
      saved = which.inputs.map((i) => inputs[i]);
      savedMakers = which.inputs.map((i) => parents[i]);
      savedWhich = [...which.inputs];
    }
    const node: TapeNode = {
      parents, backward, seq: ++seq, prim, dims: out.dims, saved, versions: saved && saved.map((t) => t.version), savedMakers, savedWhich,
    };
    // The output is saved as what the node made (known once the node exists).
    if (which?.out) {
      saved!.push(out);
      (node.versions as number[]).push(out.version);
      savedMakers!.push(node);
      savedWhich!.push(-1);
    }
    this.nodes.set(out, node);
    this.recorded(out, node);
  }

  /** It records only results of tensors it has nodes for. */
  override watches(inputs: readonly Tensor[]): boolean {
    for (const t of inputs) if (this.nodes.has(t)) return true;
    return false;
  }

  /** A hook for subclasses (torch names grad_fn here). */
  protected recorded(_out: Tensor, _node: TapeNode): void {}

  watch(t: Tensor): TapeNode {
    let n = this.nodes.get(t);
    if (n === undefined) {
      n = { parents: [], backward: null, seq: ++seq, prim: null, dims: t.dims, saved: null, versions: null };
      this.nodes.set(t, n);
    }
    return n;
  }

  nodeOf(t: Tensor): TapeNode | undefined {
    return this.nodes.get(t);
  }

  /** `out` now stands where `old` was (an in-place change): the tensor's history continues from it. */
  override rebind(old: Tensor, out: Tensor): void {
    const n = this.nodes.get(out);
    if (n !== undefined) this.nodes.set(old, n);
    else this.nodes.delete(old);
  }

  /**
   * Cotangents of `sources` given cotangents of `targets`. `visibleToSelf` lets this level record
   * the backward ops too (torch's create_graph); levels below always may.
   */
  backward(targets: readonly [TapeNode, Tensor][], sources: readonly TapeNode[], options: { retain?: boolean; visibleToSelf?: boolean } = {}): Map<TapeNode, Tensor> {
    const limit = options.visibleToSelf || !isActive(this) ? Infinity : this.id;
    return belowLevel(limit, () => this.walk(targets, sources, options.retain ?? true));
  }

  /** Checks a node's saved tensors were not changed in place since it was recorded. */
  protected checkVersions(n: TapeNode): void {
    if (n.saved === null) return;
    for (let i = 0; i < n.saved.length; i++) {
      const t = n.saved[i];
      if (t.version !== n.versions![i]) throw this.modifiedError(t, n, i);
    }
  }

  protected modifiedError(t: Tensor, n: TapeNode, i: number): Error {
    return new RuntimeError(`one of the values needed for gradient computation (input ${i} of ${n.prim?.name ?? 'an op'}, shape (${t.dims.join(', ')})) has been modified by an in-place operation: it is at version ${t.version}; expected version ${n.versions![i]} instead.`);
  }

  private walk(targets: readonly [TapeNode, Tensor][], sources: readonly TapeNode[], retain: boolean): Map<TapeNode, Tensor> {
    // Every node reachable backwards from the targets...
    const seen = new Set<TapeNode>();
    const stack = targets.map(([n]) => n);
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const p of n.parents) if (p !== null && !seen.has(p)) stack.push(p);
    }
    const order = [...seen].sort((a, b) => a.seq - b.seq);
    // ...that also depends on a source (the rest would compute cotangents nobody asked for).
    const wanted = new Set<TapeNode>(sources);
    const relevant = new Set<TapeNode>();
    for (const n of order) if (wanted.has(n) || n.parents.some((p) => p !== null && relevant.has(p))) relevant.add(n);

    const cts = new Map<TapeNode, Tensor>();
    const accumulate = (n: TapeNode, g: Tensor) => {
      const prev = cts.get(n);
      cts.set(n, prev === undefined ? g : add(prev, g));
    };
    for (const [n, ct] of targets) if (relevant.has(n)) accumulate(n, ct);
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      let ct = cts.get(n);
      if (ct === undefined) continue;
      if (n.hooks) {
        for (const h of n.hooks) ct = h(ct) ?? ct;
        cts.set(n, ct);
      }
      if (!wanted.has(n)) cts.delete(n);
      const back = n.backward;
      if (back === null) continue;
      if (back === FREED) {
        throw new RuntimeError('Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.');
      }
      this.checkVersions(n);
      const grads = back(ct, n.parents.map((p) => p !== null && relevant.has(p)));
      if (!retain) n.backward = FREED;
      for (let k = 0; k < n.parents.length; k++) {
        const p = n.parents[k];
        const g = grads[k];
        if (p !== null && g !== null && relevant.has(p)) accumulate(p, g);
      }
    }
    return cts;
  }
}

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}
