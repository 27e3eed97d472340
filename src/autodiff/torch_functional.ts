// torch.autograd.functional: jvp, vjp, jacobian, hessian, hvp, vhp on the same levels as JAX's
// transforms. Results are detached from torch's graph unless create_graph is set.
import { Tensor } from '../tensor/tensor.js';
import { independentInputs, jacfwd, jacrev, jvp as jaxJvp, vjp as jaxVjp } from './functional.js';
import { RuntimeError } from './tape.js';
import { detach, requiresGrad } from './torch_autograd.js';
import { mapTree } from './tree.js';
import { bind } from '../core/primitive.js';
import { reshapeP } from '../ops/structural.js';
import { tuple as makeTuple } from '../tensor/pytuple.js';

type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

interface Options { create_graph?: boolean; strict?: boolean }

const tuple = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);
/** torch returns a tensor where the caller passed a tensor, a tuple where it passed a tuple. */
const like = (given: unknown, xs: unknown[]): unknown => (Array.isArray(given) ? makeTuple(...xs) : xs[0]);
const finish = (x: unknown, o: Options): any => (o.create_graph ? x : mapTree(x, isTensor, detach));

/**
 * PyTorch's _grad_preprocess: with create_graph, an input that does not require grad is replaced by
 * a new leaf that does, so the results carry a graph (grad_fn) as PyTorch's do; inputs that require
 * grad are used as they are, so the results are differentiable with respect to them.
 */
const prepare = (xs: unknown[], o: Options): unknown[] =>
  o.create_graph ? xs.map((x) => (x instanceof Tensor && !x.requires_grad ? requiresGrad(detach(x)) : x)) : xs;

/** strict=True: an input that no output depends on is an error instead of a zero result. */
function checkStrict(func: Fn, xs: unknown[], o: Options): void {
  if (!o.strict) return;
  const [i] = independentInputs(func, xs);
  if (i !== undefined) throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
}

export function jvp(func: Fn, inputs: Tensor | Tensor[], v?: Tensor | Tensor[] | null, o: Options = {}): [any, any] {
  const xs = prepare(tuple(inputs), o);
  checkStrict(func, xs, o);
  const vs = v === undefined || v === null ? xs.map((x) => (x as Tensor).count === 1 ? x : null) : tuple(v);
  if (vs.some((t) => t === null)) throw new Error('The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.');
  const [out, t] = jaxJvp(func, xs, vs);
  return makeTuple(finish(out, o), finish(t, o)) as unknown as [any, any];
}

export function vjp(func: Fn, inputs: Tensor | Tensor[], v?: Tensor | Tensor[] | null, o: Options = {}): [any, any] {
  const xs = prepare(tuple(inputs), o);
  checkStrict(func, xs, o);
  const [out, pullback] = jaxVjp(func, ...xs);
  const ct = v === undefined || v === null ? mapTree(out, isTensor, (t) => {
    if (t.count !== 1) throw new Error('The vector v can only be None if the user-provided function returns a single Tensor with a single element.');
    return new Tensor(t.dt, t.dims, new (t.values.constructor as Float32ArrayConstructor)([1]), t.flavor);
  }) : Array.isArray(v) && !Array.isArray(out) ? v[0] : v;
  return makeTuple(finish(out, o), finish(like(inputs, pullback(ct)), o)) as unknown as [any, any];
}

export function jacobian(func: Fn, inputs: Tensor | Tensor[], o: Options & { vectorize?: boolean; strategy?: 'reverse-mode' | 'forward-mode' } = {}): any {
  const xs = prepare(tuple(inputs), o);
  checkStrict(func, xs, o);
  const transform = o.strategy === 'forward-mode' ? jacfwd : jacrev;
  const argnums = xs.map((_, i) => i);
  const jacs = transform(func, { argnums })(...xs) as unknown[];
  return finish(like(inputs, o.create_graph ? mapTree(jacs, isTensor, viewed) as unknown[] : jacs), o);
}

export function hessian(func: Fn, inputs: Tensor | Tensor[], o: Options & { vectorize?: boolean; outer_jacobian_strategy?: string } = {}): any {
  const xs = prepare(tuple(inputs), o);
  checkStrict(func, xs, o);
  const argnums = xs.map((_, i) => i);
  const h = jacfwd(jacrev(func, { argnums }), { argnums })(...xs) as unknown[][];
  const hs = o.create_graph ? mapTree(h, isTensor, viewed) as unknown[][] : h;
  return finish(Array.isArray(inputs) ? hs : hs[0][0], o);
}

/** (func(inputs), H·v) by forward-over-reverse. */
export function hvp(func: Fn, inputs: Tensor | Tensor[], v: Tensor | Tensor[], o: Options = {}): [any, any] {
  const xs = prepare(tuple(inputs), o);
  checkStrict(func, xs, o);
  const vs = tuple(v);
  const gradFn = (...a: Tensor[]) => jaxVjp(func, ...a)[1](onesOf(func(...a)));
  const [, hv] = jaxJvp(gradFn, xs, vs);
  return makeTuple(finish(func(...xs), o), finish(like(inputs, hv as unknown[]), o)) as unknown as [any, any];
}

/** v·H; equal to hvp for the symmetric Hessians of scalar functions. */
export function vhp(func: Fn, inputs: Tensor | Tensor[], v: Tensor | Tensor[], o: Options = {}): [any, any] {
  return hvp(func, inputs, v, o);
}

/** PyTorch's Jacobians end in a view to the output-by-input shape (their graph's last node, ViewBackward0). */
const viewed = (t: Tensor): Tensor => {
  const r = bind(reshapeP, [t], t.dims);
  r.flavor = 'torch';
  return r;
};

function onesOf(t: Tensor): Tensor {
  if (t.count !== 1) throw new Error('The function given to hvp or vhp must return a single Tensor with a single element.');
  return new Tensor(t.dt, t.dims, new (t.values.constructor as Float32ArrayConstructor)([1]), t.flavor);
}
