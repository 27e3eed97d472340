// Reductions (sum, prod, max, min, any/all, argmax/argmin, cumsum) and the statistics built on them.
import { argReduce, cumsum as cumsumKernel, reduce as reduceKernel, type ReduceKind } from '../kernels/reduce.js';
import { isFloat, type DType } from '../tensor/dtype.js';
import { normAxes, normAxis } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { bind, definePrimitive, type Primitive } from './primitive.js';
import { toTensor, type TensorLike } from './convert.js';
import { broadcastTo, reshape, transpose } from './shape.js';
import { eye } from '../tensor/create.js';
import { abs, add, cast, div, equal, exp, log, mul, pow, sqrt, square, sub, where } from './elementwise.js';
import { stopGradient } from './stop_gradient.js';

interface ReduceParams {
  axes: number[];
  keepdims: boolean;
}

export type Axis = number | readonly number[] | null | undefined;

function keptDims(dims: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? dims.map((d, i) => (axes.includes(i) ? 1 : d)) : dims.filter((_, i) => !axes.includes(i));
}

function reduced(kind: ReduceKind, x: Tensor, p: ReduceParams, dtype: DType = x.dtype): Tensor {
  const data = reduceKernel(kind, x.data, x.dims, p.axes, dtype);
  return new Tensor(dtype, keptDims(x.dims, p.axes, p.keepdims), data, x.flavor);
}

/** A reduced cotangent (or tangent) broadcast back over the reduced axes, batch axes kept. */
function expandBack(ct: Tensor, dims: readonly number[], p: ReduceParams, bd: number): Tensor {
  const batch = ct.dims.slice(0, bd);
  const withOnes = p.keepdims ? ct : reshape(ct, [...batch, ...keptDims(dims, p.axes, true)]);
  return broadcastTo(withOnes, [...batch, ...dims]);
}

const shift = (p: ReduceParams, bd: number): number[] => p.axes.map((a) => a + bd);

export const sumP = definePrimitive<ReduceParams>({
  name: 'sum',
  impl: ([x], p) => reduced('sum', x, p),
  jvp: (_x, [t], _o, p, bd) => sum(t!, shift(p, bd), p.keepdims),
  vjp: ([x], _o, p) => {
    const dims = x.dims;
    return (ct, bd) => [expandBack(ct, dims, p, bd)];
  },
});

export const prodP: Primitive<ReduceParams> = definePrimitive<ReduceParams>({
  name: 'prod',
  impl: ([x], p) => reduced('prod', x, p),
  jvp: ([x], [t], _out, p, bd) => sum(mul(t!, othersProduct(x, p)), shift(p, bd), p.keepdims),
  vjp: ([x], _out, p) => (ct, bd) => [mul(expandBack(ct, x.dims, p, bd), othersProduct(x, p))],
});

/**
 * d prod / dx_i: the product of the other elements of x_i's group. Without zeros that is prod / x_i;
 * with a zero, each element's others are multiplied out explicitly (a masked product over a
 * [group, group] expansion), which keeps every higher derivative right as well.
 */
function othersProduct(x: Tensor, p: ReduceParams): Tensor {
  let hasZero = false;
  for (let i = 0; i < x.data.length && !hasZero; i++) hasZero = x.data[i] === 0;
  if (!hasZero) return div(bind(prodP, [x], { axes: p.axes, keepdims: true }), x);
  const keptAxes = x.dims.map((_, i) => i).filter((i) => !p.axes.includes(i));
  const perm = [...keptAxes, ...p.axes];
  const keptDims = keptAxes.map((i) => x.dims[i]), groupDims = p.axes.map((i) => x.dims[i]);
  const k = keptDims.reduce((a, d) => a * d, 1), g = groupDims.reduce((a, d) => a * d, 1);
  const rows = reshape(transpose(x, perm), [k, 1, g]);
  const mask = reshape(cast(eye(g, g, 'float64'), 'bool'), [1, g, g]);
  const others = bind(prodP, [where(mask, 1, broadcastTo(rows, [k, g, g]))], { axes: [2], keepdims: false });
  const inverse = new Array<number>(perm.length);
  perm.forEach((a, i) => (inverse[a] = i));
  return transpose(reshape(others, [...keptDims, ...groupDims]), inverse);
}

function keep(out: Tensor, x: Tensor, p: ReduceParams): Tensor {
  return p.keepdims ? out : reshape(out, keptDims(x.dims, p.axes, true));
}

/** max/min: the derivative is shared equally among the elements that attain the extreme. */
function extremePrim(kind: 'max' | 'min'): Primitive<ReduceParams> {
  const share = (x: Tensor, out: Tensor, p: ReduceParams): Tensor => {
    const mask = cast(equal(x, keep(out, x, p)), x.dtype);
    return div(mask, sum(mask, p.axes, true));
  };
  return definePrimitive<ReduceParams>({
    name: kind,
    torchName: kind === 'max' ? 'MaxBackward1' : 'MinBackward1',
    impl: ([x], p) => reduced(kind, x, p),
    jvp: ([x], [t], out, p, bd) => sum(mul(t!, share(x, out, p)), shift(p, bd), p.keepdims),
    vjp: ([x], out, p) => (ct, bd) => [mul(expandBack(ct, x.dims, p, bd), share(x, out, p))],
  });
}
export const maxP = extremePrim('max');
export const minP = extremePrim('min');

const boolReduce = (kind: 'any' | 'all') =>
  definePrimitive<ReduceParams>({ name: kind, impl: ([x], p) => reduced(kind, x, p, 'bool') });
const anyP = boolReduce('any');
const allP = boolReduce('all');

function params(x: Tensor, axis: Axis, keepdims: boolean | undefined, op: string): ReduceParams {
  return { axes: normAxes(axis, x.dims.length, op), keepdims: keepdims ?? false };
}

/** Sums of bools and small ints accumulate in the default integer, as NumPy's do. */
function sumInput(x: Tensor): Tensor {
  return x.dtype === 'bool' ? cast(x, 'int32') : x;
}

export function sum(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = sumInput(toTensor(x));
  return bind(sumP, [t], params(t, axis, keepdims, 'sum'));
}

export function prod(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = sumInput(toTensor(x));
  return bind(prodP, [t], params(t, axis, keepdims, 'prod'));
}

export function max(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = toTensor(x);
  return bind(maxP, [t], params(t, axis, keepdims, 'max'));
}

export function min(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = toTensor(x);
  return bind(minP, [t], params(t, axis, keepdims, 'min'));
}

export function any(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = cast(x, 'bool');
  return bind(anyP, [t], params(t, axis, keepdims, 'any'));
}

export function all(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = cast(x, 'bool');
  return bind(allP, [t], params(t, axis, keepdims, 'all'));
}

function countOf(x: Tensor, axes: readonly number[]): number {
  return axes.reduce((n, a) => n * x.dims[a], 1);
}

function floatOf(x: TensorLike): Tensor {
  const t = toTensor(x);
  return isFloat(t.dtype) ? t : cast(t, 'float32');
}

export function mean(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = floatOf(x);
  const axes = normAxes(axis, t.dims.length, 'mean');
  return div(sum(t, axes, keepdims), countOf(t, axes));
}

/** Population variance (ddof = 0 unless given), like NumPy and TensorFlow's reduce_variance. */
export function variance(x: TensorLike, axis?: Axis, keepdims?: boolean, ddof = 0): Tensor {
  const t = floatOf(x);
  const axes = normAxes(axis, t.dims.length, 'variance');
  const centered = sub(t, mean(t, axes, true));
  return div(sum(square(centered), axes, keepdims), Math.max(countOf(t, axes) - ddof, 0));
}

export function std(x: TensorLike, axis?: Axis, keepdims?: boolean, ddof = 0): Tensor {
  return sqrt(variance(x, axis, keepdims, ddof));
}

/** The p-norm over `axis` (p = 2 by default; 1, Infinity and any p > 0 are accepted). */
export function norm(x: TensorLike, ord: number | 'euclidean' | 'fro' = 2, axis?: Axis, keepdims?: boolean): Tensor {
  const t = floatOf(x);
  const p = ord === 'euclidean' || ord === 'fro' ? 2 : ord;
  if (p === 2) return sqrt(sum(square(t), axis, keepdims));
  const a = abs(t);
  if (p === 1) return sum(a, axis, keepdims);
  if (p === Infinity) return max(a, axis, keepdims);
  if (!(p > 0)) throw new RangeError(`norm: unsupported ord ${ord}`);
  return pow1(sum(pow1(a, p), axis, keepdims), 1 / p);
}

const pow1 = (t: Tensor, p: number) => pow(t, p);

/** log(Σ exp(x)) computed stably around the maximum. */
export function logsumexp(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = floatOf(x);
  const axes = normAxes(axis, t.dims.length, 'logsumexp');
  const m = stopGradient(max(t, axes, true));
  const s = log(sum(exp(sub(t, m)), axes, true));
  const r = add(s, m);
  return keepdims ? r : reshape(r, keptDims(t.dims, axes, false));
}

export function argmax(x: TensorLike, axis?: number | null): Tensor {
  return argExtreme('max', x, axis);
}

export function argmin(x: TensorLike, axis?: number | null): Tensor {
  return argExtreme('min', x, axis);
}

function argExtreme(kind: 'max' | 'min', x: TensorLike, axis: number | null | undefined): Tensor {
  let t = toTensor(x);
  if (t.dtype === 'int64') t = cast(t, 'float64');
  if (axis === undefined || axis === null) t = reshape(t, [t.size]);
  const a = normAxis(axis ?? 0, t.dims.length, `arg${kind}`);
  const data = argReduce(kind, t.data, t.dims, a);
  return new Tensor('int32', t.dims.filter((_, i) => i !== a), data, t.flavor);
}

interface CumsumParams { axis: number; reverse: boolean }

export const cumsumP: Primitive<CumsumParams> = definePrimitive<CumsumParams>({
  name: 'cumsum',
  impl: ([x], p) => new Tensor(x.dtype, x.dims, cumsumKernel(x.data, x.dims, p.axis, p.reverse, x.dtype), x.flavor),
  jvp: (_x, [t], _o, p, bd) => bind(cumsumP, [t!], { axis: p.axis + bd, reverse: p.reverse }),
  vjp: (_x, _o, p) => (ct, bd) => [bind(cumsumP, [ct], { axis: p.axis + bd, reverse: !p.reverse })],
});

export function cumsum(x: TensorLike, axis?: number | null, reverse = false): Tensor {
  let t = sumInput(toTensor(x));
  if (axis === undefined || axis === null) t = reshape(t, [t.size]);
  return bind(cumsumP, [t], { axis: normAxis(axis ?? 0, t.dims.length, 'cumsum'), reverse });
}

