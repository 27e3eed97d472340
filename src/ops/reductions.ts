// Reductions (sum, prod, max, min, any/all, argmax/argmin) and the statistics built on them (mean,
// var, std, norm, logsumexp). Sums are the linear primitive of structural.ts.
import { argReduce, cumprod as cumprodKernel, reduce as reduceKernel, type ReduceKind } from '../kernels/reduce.js';
import type { DType } from '../tensor/dtype.js';
import { normAxes, normAxis } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { eye } from '../tensor/create.js';
import { bind, definePrimitive, type Primitive } from '../core/primitive.js';
import { floatArg, toTensor, type TensorLike } from './convert.js';
import { result } from './result.js';
import { batchFirst, broadcastToDims, expandBack, keptDims, reshapeTo, stopGradient, sumP, type ReduceParams } from './structural.js';
import { abs, add, div, equal, exp, isfinite, log, mul, pow, sqrt, square, sub, where } from './arith.js';
import { cast } from './cast.js';
import { cumsum, transpose } from './shape.js';

export type Axis = number | readonly number[] | null | undefined;

function reduced(kind: ReduceKind, x: Tensor, p: ReduceParams, dtype: DType = x.dt): Tensor {
  return result(dtype, keptDims(x.dims, p.axes, p.keepdims), reduceKernel(kind, x.values, x.dims, p.axes, dtype), [x]);
}

const batchReduce = (prim: () => Primitive<ReduceParams>) => ([x]: Tensor[], [d]: (number | null)[], p: ReduceParams): [Tensor, number] =>
  [bind(prim(), [batchFirst(x, d!)], { axes: p.axes.map((a) => a + 1), keepdims: p.keepdims }), 0];

export const prodP: Primitive<ReduceParams> = definePrimitive<ReduceParams>({
  name: 'reduce_prod',
  impl: ([x], p) => reduced('prod', x, p),
  jvp: ([x], [t], _out, p) => bind(sumP, [mul(t!, othersProduct(x, p))], p),
  vjp: ([x], _out, p) => (ct) => [mul(expandBack(ct, x.dims, p), othersProduct(x, p))],
  batch: batchReduce(() => prodP),
});

/**
 * d prod / dx_i: the product of the other elements of x_i's group. Without zeros that is prod / x_i;
 * with a zero (or when the values cannot be looked at, under vmap), each element's others are
 * multiplied out explicitly (a masked product over a [group, group] expansion), which keeps every
 * higher derivative right as well.
 */
function othersProduct(x: Tensor, p: ReduceParams): Tensor {
  if (x.concrete) {
    const data = x.values;
    let hasZero = false;
    for (let i = 0; i < data.length && !hasZero; i++) hasZero = data[i] === 0;
    if (!hasZero) return div(bind(prodP, [x], { axes: p.axes, keepdims: true }), x);
  }
  const keptAxes = x.dims.map((_, i) => i).filter((i) => !p.axes.includes(i));
  const perm = [...keptAxes, ...p.axes];
  const kd = keptAxes.map((i) => x.dims[i]), gd = p.axes.map((i) => x.dims[i]);
  const k = kd.reduce((a, d) => a * d, 1), g = gd.reduce((a, d) => a * d, 1);
  const rows = reshapeTo(transpose(x, perm), [k, 1, g]);
  const mask = reshapeTo(eye(g, g, 'bool'), [1, g, g]);
  const others = bind(prodP, [where(mask, 1, broadcastToDims(rows, [k, g, g]))], { axes: [2], keepdims: false });
  const inverse = new Array<number>(perm.length);
  perm.forEach((a, i) => (inverse[a] = i));
  return transpose(reshapeTo(others, [...kd, ...gd]), inverse);
}

/** max/min: the derivative is shared equally among the elements that attain the extreme. */
function extremePrim(kind: 'max' | 'min'): Primitive<ReduceParams> {
  const share = (x: Tensor, out: Tensor, p: ReduceParams): Tensor => {
    const mask = cast(equal(x, p.keepdims ? out : reshapeTo(out, keptDims(x.dims, p.axes, true))), x.dt);
    return div(mask, bind(sumP, [mask], { axes: p.axes, keepdims: true }));
  };
  const prim: Primitive<ReduceParams> = definePrimitive<ReduceParams>({
    name: `reduce_${kind}`,
    saves: { inputs: [0], out: true },
    impl: ([x], p) => reduced(kind, x, p),
    jvp: ([x], [t], out, p) => bind(sumP, [mul(t!, share(x, out, p))], p),
    vjp: ([x], out, p) => (ct) => [mul(expandBack(ct, x.dims, p), share(x, out, p))],
    batch: batchReduce(() => prim),
  });
  return prim;
}
export const maxP = extremePrim('max');
export const minP = extremePrim('min');

function boolReduce(kind: 'any' | 'all'): Primitive<ReduceParams> {
  const prim: Primitive<ReduceParams> = definePrimitive<ReduceParams>({
    name: `reduce_${kind}`,
    impl: ([x], p) => reduced(kind, x, p, 'bool'),
    batch: batchReduce(() => prim),
  });
  return prim;
}
const anyP = boolReduce('any');
const allP = boolReduce('all');

export interface ArgParams { axis: number; kind: 'max' | 'min' }

export const argP: Primitive<ArgParams> = definePrimitive<ArgParams>({
  name: 'argmax',
  impl: ([x], p) => result('int32', x.dims.filter((_, i) => i !== p.axis), argReduce(p.kind, x.values, x.dims, p.axis), [x]),
  batch: ([x], [d], p) => [bind(argP, [batchFirst(x, d!)], { axis: p.axis + 1, kind: p.kind }), 0],
});

export function reduceParams(x: Tensor, axis: Axis, keepdims: boolean | undefined, op: string): ReduceParams {
  return { axes: normAxes(axis, x.dims.length, op), keepdims: keepdims ?? false };
}

/** Sums of bools count (in the default integer), as NumPy's do. */
function sumInput(x: Tensor): Tensor {
  return x.dt === 'bool' ? cast(x, 'int32') : x;
}

export function sum(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = sumInput(toTensor(x));
  return bind(sumP, [t], reduceParams(t, axis, keepdims, 'sum'));
}

export function prod(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = sumInput(toTensor(x));
  return bind(prodP, [t], reduceParams(t, axis, keepdims, 'prod'));
}

export function max(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = toTensor(x);
  return bind(maxP, [t], reduceParams(t, axis, keepdims, 'max'));
}

export function min(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = toTensor(x);
  return bind(minP, [t], reduceParams(t, axis, keepdims, 'min'));
}

export function any(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = cast(toTensor(x), 'bool');
  return bind(anyP, [t], reduceParams(t, axis, keepdims, 'any'));
}

export function all(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = cast(toTensor(x), 'bool');
  return bind(allP, [t], reduceParams(t, axis, keepdims, 'all'));
}

function countOf(x: Tensor, axes: readonly number[]): number {
  return axes.reduce((n, a) => n * x.dims[a], 1);
}

export function mean(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = floatArg(x);
  const axes = normAxes(axis, t.dims.length, 'mean');
  return div(sum(t, axes, keepdims), countOf(t, axes));
}

/** Population variance (ddof = 0 unless given), like NumPy and TensorFlow's reduce_variance. */
export function variance(x: TensorLike, axis?: Axis, keepdims?: boolean, ddof = 0): Tensor {
  const t = floatArg(x);
  const axes = normAxes(axis, t.dims.length, 'var');
  const centered = sub(t, mean(t, axes, true));
  return div(sum(square(centered), axes, keepdims), Math.max(countOf(t, axes) - ddof, 0));
}

export function std(x: TensorLike, axis?: Axis, keepdims?: boolean, ddof = 0): Tensor {
  return sqrt(variance(x, axis, keepdims, ddof));
}

/** The p-norm over `axis` (p = 2 by default; 1, Infinity, -Infinity, 0 and any p > 0 are accepted). */
export function vectorNorm(x: TensorLike, ord: number = 2, axis?: Axis, keepdims?: boolean): Tensor {
  const t = floatArg(x);
  if (ord === 2) return sqrt(sum(square(t), axis, keepdims));
  const a = abs(t);
  if (ord === 1) return sum(a, axis, keepdims);
  if (ord === Infinity) return max(a, axis, keepdims);
  if (ord === -Infinity) return min(a, axis, keepdims);
  if (ord === 0) return sum(cast(cast(a, 'bool'), t.dt), axis, keepdims);
  return pow(sum(pow(a, ord), axis, keepdims), 1 / ord);
}

/** log(Σ exp(x)) computed stably around the maximum (which is left out of the derivative). */
export function logsumexp(x: TensorLike, axis?: Axis, keepdims?: boolean): Tensor {
  const t = floatArg(x);
  const axes = normAxes(axis, t.dims.length, 'logsumexp');
  const mx = max(t, axes, true);
  // All -inf (or inf) groups: shift by 0, so exp gives 0 (log 0 = -inf) instead of nan.
  const m = stopGradient(where(isfinite(mx), mx, 0));
  const r = add(log(sum(exp(sub(t, m)), axes, true)), m);
  return keepdims ? r : reshapeTo(r, keptDims(t.dims, axes, false));
}

export function argmax(x: TensorLike, axis?: number | null): Tensor {
  return argExtreme('max', x, axis);
}

export function argmin(x: TensorLike, axis?: number | null): Tensor {
  return argExtreme('min', x, axis);
}

function argExtreme(kind: 'max' | 'min', x: TensorLike, axis: number | null | undefined): Tensor {
  let t = toTensor(x);
  if (axis === undefined || axis === null) t = reshapeTo(t, [t.count]);
  const a = normAxis(axis ?? 0, t.dims.length, `arg${kind}`);
  if (t.dims[a] === 0) throw new RangeError(`attempt to get arg${kind} of an empty sequence`);
  return bind(argP, [t], { axis: a, kind });
}


interface CumprodParams { axis: number; reverse: boolean }

/**
 * Cumulative product. Its derivative divides by the input (out_i / x_j for j <= i), exact where no
 * element is zero; with a zero it says so rather than give a wrong number.
 */
export const cumprodP: Primitive<CumprodParams> = definePrimitive<CumprodParams>({
  name: 'cumprod',
  saves: { inputs: [0], out: true },
  impl: ([x], p) => result(x.dt, x.dims, cumprodKernel(x.values, x.dims, p.axis, p.reverse, x.dt), [x]),
  jvp: ([x], [t], out, p) => { noZeros(x); return mul(out, cumsum(div(t!, x), p.axis, p.reverse)); },
  vjp: ([x], out, p) => (ct) => { noZeros(x); return [div(cumsum(mul(ct, out), p.axis, !p.reverse), x)]; },
  batch: ([x], [d], p) => [bind(cumprodP, [batchFirst(x, d!)], { axis: p.axis + 1, reverse: p.reverse }), 0],
});

function noZeros(x: Tensor): void {
  if (!x.concrete) throw new Error('NotImplementedError: the derivative of cumprod under vmap is not implemented');
  const d = x.values;
  for (let i = 0; i < d.length; i++) {
    if (d[i] === 0) throw new Error('NotImplementedError: the derivative of cumprod at an input with a zero element is not implemented');
  }
}

export function cumprod(x: TensorLike, axis?: number | null, reverse = false): Tensor {
  let t = sumInput(toTensor(x));
  if (axis === undefined || axis === null) t = reshapeTo(t, [t.count]);
  return bind(cumprodP, [t], { axis: normAxis(axis ?? 0, t.dims.length, 'cumprod'), reverse });
}
