// Quantiles, percentiles and medians as each library computes them, composed of differentiable ops:
// the lanes are sorted (values taken along the sorting permutation), the neighbouring order
// statistics are taken at indices computed from q with tensor ops, and interpolated with the
// library's own formula and dtypes. NumPy: its 13 methods, float64 weights, `_lerp`, NaN lanes
// NaN, the median as a mean of the middle elements. JAX: inexact promotion, `low·(1-w) + high·w`,
// the median as the midpoint quantile. PyTorch: ranks in the input's dtype, `lerp`, the lower
// median with its index.
import * as ops from '../ops/index.js';
import { takeAlong, sort } from '../ops/sorting.js';
import { Tensor } from '../tensor/tensor.js';
import { sizeOf } from '../tensor/shape.js';
import { axisOf } from './axes.js';
import { NamedTuple } from '../tensor/pytuple.js';
import { castTo, strong } from './kinds.js';
import { pyError } from './errors.js';
import type { Library } from './lib/library.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);


/** The reduced elements of each output position as the last axis of `moved`; `restore` puts keepdims' ones back. */
export interface Lanes {
  moved: Tensor;
  rest: number[];
  n: number;
  restore(r: Tensor, qDims: readonly number[]): Tensor;
}

/** Moves the reduced axes (all of them when axis is None) to the end, merged into one (NumPy's _ureduce). */
export function lanes(lib: Library, x: Tensor, axis: number | number[] | null, keepdims: boolean): Lanes {
  const nd = x.dims.length;
  if (axis === null) {
    const moved = ops.reshape(x, [x.count]);
    return { moved, rest: [], n: x.count, restore: (r, q) => (keepdims ? ops.reshape(r, [...q, ...x.dims.map(() => 1)]) : r) };
  }
  const axes = (typeof axis === 'number' ? [axis] : axis).map((a) => axisOf(lib, a, nd));
  if (new Set(axes).size !== axes.length) throw pyError('ValueError', 'repeated axis');
  const keep = range(nd).filter((i) => !axes.includes(i));
  const rest = keep.map((i) => x.dims[i]);
  const n = sizeOf(axes.map((a) => x.dims[a]));
  const moved = ops.reshape(ops.transpose(x, [...keep, ...axes]), [...rest, n]);
  const kept = x.dims.map((d, i) => (axes.includes(i) ? 1 : d));
  return { moved, rest, n, restore: (r, q) => (keepdims ? ops.reshape(r, [...q, ...kept]) : r) };
}

/** sorted[..., idx] for every index of `idx` (shape qDims): the result is [...qDims, ...rest]. */
function pick(sorted: Tensor, rest: readonly number[], idx: Tensor): Tensor {
  const m = idx.count;
  const flat = ops.reshape(castTo(idx, 'int32'), [...rest.map(() => 1), m]);
  const taken = takeAlong(sorted, ops.broadcastTo(flat, [...rest, m]), rest.length);
  return ops.reshape(ops.moveaxis(taken, -1, 0), [...idx.dims, ...rest]);
}

/** A q-shaped weight made to broadcast against [...qDims, ...rest]. */
const spread = (w: Tensor, rest: readonly number[]) => ops.reshape(w, [...w.dims, ...rest.map(() => 1)]);

/** NaN where the lane (sorted, NaN last) holds a NaN. */
function nanLanes(r: Tensor, sorted: Tensor, n: number, rest: readonly number[]): Tensor {
  if (!ops.isFloatDtype(sorted.dt) || n === 0) return r;
  const last = ops.reshape(ops.getItem(sorted, ['...', n - 1]), rest);
  return ops.where(ops.isnan(last), NaN, r);
}

// ---------------------------------------------------------------- NumPy

const NP_METHODS = ['inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull',
  'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest'];
/** alpha and beta of the Hyndman & Fan continuous methods. */
const HF: Record<string, [number, number]> = {
  interpolated_inverted_cdf: [0, 1], hazen: [0.5, 0.5], weibull: [0, 0], median_unbiased: [1 / 3, 1 / 3], normal_unbiased: [3 / 8, 3 / 8],
};

/** NumPy's `_discret_interpolation_to_boundaries`: floor or floor + 1 of `index` as `atFloor` says, clipped at 0. */
function discrete(index: Tensor, atFloor: (gamma: Tensor, index: Tensor) => Tensor): Tensor {
  const prev = ops.floor(index);
  const gamma = ops.sub(index, prev);
  const res = ops.where(atFloor(gamma, index), prev, ops.add(prev, 1));
  return ops.maximum(castTo(res, 'int64'), 0);
}

export interface QuantileArgs { q: unknown; axis: number | number[] | null; method: string; keepdims: boolean }

/** np.quantile / np.percentile (q already divided by 100). */
export function numpyQuantile(lib: Library, x: Tensor, q0: Tensor, a: QuantileArgs): Tensor {
  const q = strong(q0);
  if (!NP_METHODS.includes(a.method)) {
    throw pyError('ValueError', `'${a.method}' is not a valid method. Use one of: dict_keys([${NP_METHODS.map((m) => `'${m}'`).join(', ')}])`);
  }
  const L = lanes(lib, x, a.axis, a.keepdims);
  const { rest, n } = L;
  if (n === 0) throw pyError('IndexError', 'cannot do a non-empty take from an empty axes.');
  const s = sort(L.moved, -1, 'stable');
  const m = a.method;
  const nq = (f: (q: Tensor) => Tensor) => f(q);
  // The virtual index: an integer (take it) or a float (interpolate its neighbours).
  let vi: Tensor;
  if (m === 'linear' || m === 'lower' || m === 'higher' || m === 'nearest' || m === 'midpoint') {
    const v = ops.mul(q, n - 1);
    vi = m === 'lower' ? castTo(ops.floor(v), 'int64') : m === 'higher' ? castTo(ops.ceil(v), 'int64')
      : m === 'nearest' ? castTo(ops.round(v), 'int64') : m === 'midpoint' ? ops.mul(0.5, ops.add(ops.floor(v), ops.ceil(v))) : v;
  } else if (m === 'inverted_cdf') {
    vi = discrete(nq((t) => ops.sub(ops.mul(n, t), 1)), (g) => ops.equal(g, 0));
  } else if (m === 'closest_observation') {
    vi = discrete(nq((t) => ops.sub(ops.sub(ops.mul(n, t), 1), 0.5)), (g, i) => ops.logical_and(ops.equal(g, 0), ops.equal(ops.mod(ops.floor(i), 2), 0)));
  } else if (m === 'averaged_inverted_cdf') {
    vi = ops.sub(ops.mul(n, q), 1);
  } else {
    const [al, be] = HF[m];
    vi = ops.sub(ops.add(ops.mul(n, q), ops.add(al, ops.mul(q, 1 - al - be))), 1);
  }
  let r: Tensor;
  if (!ops.isFloatDtype(vi.dt)) {
    r = pick(s, rest, vi);
  } else {
    if (x.dt === 'bool') {
      throw pyError('TypeError', 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.');
    }
    const above = ops.greater_equal(vi, n - 1), below = ops.less(vi, 0), nan = ops.isnan(vi);
    let prev = castTo(ops.where(nan, -1, ops.where(below, 0, ops.where(above, -1, ops.floor(vi)))), 'int64');
    const next = ops.where(ops.logical_or(above, nan), -1, ops.where(below, 0, ops.add(prev, 1)));
    let gamma = ops.sub(castTo(vi, 'float64'), castTo(prev, 'float64'));
    if (m === 'midpoint') gamma = ops.where(ops.equal(ops.mod(vi, 1), 0), 0, ops.full(gamma.dims, 0.5, 'float64'));
    if (m === 'averaged_inverted_cdf') gamma = ops.where(ops.equal(gamma, 0), 0.5, ops.full(gamma.dims, 1, 'float64'));
    const wrap = (i: Tensor) => ops.where(ops.less(i, 0), ops.add(i, n), i);
    prev = wrap(prev);
    const lo = pick(s, rest, prev), hi = pick(s, rest, wrap(next));
    r = lerpNumpy(lo, hi, spread(gamma, rest));
  }
  return L.restore(nanLanes(r, s, n, rest), q.dims);
}

/** NumPy's `_lerp`: a + (b - a)·t, or b - (b - a)·(1 - t) where t >= 0.5 (b - a in the values' dtype). */
function lerpNumpy(a: Tensor, b: Tensor, t: Tensor): Tensor {
  const d = castTo(ops.sub(b, a), 'float64');
  const low = ops.add(castTo(a, 'float64'), ops.mul(d, t));
  const high = ops.sub(castTo(b, 'float64'), ops.mul(d, ops.sub(1, t)));
  return ops.where(ops.greater_equal(t, 0.5), high, low);
}

/** np.median: the mean of the middle element or two, in np.mean's dtype; NaN lanes NaN. */
export function numpyMedian(lib: Library, x: Tensor, axis: number | number[] | null, keepdims: boolean): Tensor {
  const L = lanes(lib, x, axis, keepdims);
  const { rest, n } = L;
  const dt = x.dt === 'float16' ? 'float32' : ops.isFloatDtype(x.dt) ? x.dt : 'float64';
  let r: Tensor;
  if (n === 0) {
    process.emitWarning('Mean of empty slice.', 'RuntimeWarning');
    r = ops.full(rest, NaN, dt);
    return L.restore(castTo(r, x.dt === 'float16' ? 'float16' : dt), []);
  }
  const s = sort(L.moved, -1, 'stable');
  const at = (k: number) => castTo(ops.reshape(ops.getItem(s, ['...', k]), rest), dt);
  r = n % 2 === 1 ? at((n - 1) / 2) : ops.div(ops.add(at(n / 2 - 1), at(n / 2)), 2);
  r = nanLanes(r, s, n, rest);
  return L.restore(x.dt === 'float16' ? castTo(r, 'float16') : r, []);
}

// ---------------------------------------------------------------- JAX

/** jnp.quantile (jnp.percentile divides q by 100 first; jnp.median is the midpoint quantile at 0.5). */
export function jaxQuantile(lib: Library, x: Tensor, q: Tensor, a: QuantileArgs): Tensor {
  if (!['linear', 'lower', 'higher', 'midpoint', 'nearest'].includes(a.method)) {
    throw pyError('ValueError', "method can only be 'linear', 'lower', 'higher', 'midpoint', or 'nearest'");
  }
  if (q.dims.length > 1) throw pyError('ValueError', `q must be have rank <= 1, got shape (${q.dims.join(', ')})`);
  const adt = ops.isFloatDtype(x.dt) ? x.dt : lib.floatDtype;
  const L = lanes(lib, castTo(x, adt), a.axis, a.keepdims);
  const { rest, n } = L;
  const qdt = ops.isFloatDtype(q.dt) ? q.dt : adt;
  const qq = strong(castTo(q, qdt));
  const hasNan = ops.any(ops.isnan(L.moved), -1, true);
  const s = sort(ops.where(hasNan, NaN, L.moved), -1, 'stable');
  const v = ops.mul(qq, n - 1);
  const low = ops.floor(v), high = ops.ceil(v);
  const hw = ops.sub(v, low), lw = ops.sub(1, hw);
  const clamp = (t: Tensor) => castTo(ops.maximum(ops.minimum(t, n - 1), 0), 'int32');
  const lo = pick(s, rest, clamp(low)), hi = pick(s, rest, clamp(high));
  let r: Tensor;
  switch (a.method) {
    case 'linear': r = ops.add(ops.mul(castTo(lo, qdt), spread(lw, rest)), ops.mul(castTo(hi, qdt), spread(hw, rest))); break;
    case 'lower': r = lo; break;
    case 'higher': r = hi; break;
    case 'nearest': r = ops.where(spread(ops.less_equal(hw, 0.5), rest), lo, hi); break;
    default: r = ops.mul(ops.add(lo, hi), 0.5);
  }
  return castTo(L.restore(r, q.dims), adt);
}

// ---------------------------------------------------------------- PyTorch

const TORCH_MODES = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

/**
 * torch.quantile: ranks q·(n - 1) in the input's dtype (the last index in NaN lanes), then lerp;
 * torch.nanquantile (ignoreNan): ranks over each lane's non-NaN values.
 */
export function torchQuantile(x: Tensor, qArg: unknown, dim: number | null, keepdim: boolean, interpolation: string, lib: Library, ignoreNan = false): Tensor {
  // nanquantile's checks are quantile's, in quantile's words.
  const fn = 'quantile';
  if (x.dt !== 'float32' && x.dt !== 'float64') throw pyError('RuntimeError', `${fn}() input tensor must be either float or double dtype`);
  let q: Tensor;
  if (qArg instanceof Tensor) {
    if (qArg.dims.length > 1) throw pyError('RuntimeError', `${fn}() q must be a scalar or 1D tensor`);
    if (qArg.dt !== x.dt) throw pyError('RuntimeError', `${fn}() q tensor must be same dtype as the input tensor`);
    const qv = Array.from(ops.stopGradient(qArg).values as ArrayLike<number>);
    if (qv.some((v) => !(v >= 0 && v <= 1))) throw pyError('RuntimeError', `${fn}() q values must be in the range [0, 1]`);
    q = qArg;
  } else {
    const v = Number(qArg);
    if (!(v >= 0 && v <= 1)) throw pyError('RuntimeError', `${fn}() q must be in the range [0, 1] but got ${v}`);
    // A Python float becomes a tensor of the input's dtype directly (0.3 as a double for float64 input).
    q = strong(castTo(lib.convert(qArg, x.dt), x.dt));
  }
  if (x.count === 0) throw pyError('RuntimeError', `${fn}() input tensor must be non-empty`);
  if (!TORCH_MODES.includes(interpolation)) {
    throw pyError('RuntimeError', `${fn}() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`);
  }
  const L = lanes(lib, x, dim, keepdim);
  const { rest, n } = L;
  const s = sort(L.moved, -1, 'stable');
  const last = n - 1;
  const laneShape = [...q.dims.map(() => 1), ...rest];
  let ranks: Tensor;
  if (ignoreNan) {
    // Over the non-NaN values; all-NaN lanes take rank 0 (a NaN).
    const valid = ops.reshape(castTo(ops.sum(castTo(ops.logical_not(ops.isnan(s)), 'int32'), -1), x.dt), laneShape);
    ranks = ops.mul(spread(q, rest), ops.sub(valid, 1));
    ranks = ops.where(ops.less(ranks, 0), 0, ranks);
  } else {
    const nanLane = ops.isnan(ops.reshape(ops.getItem(s, ['...', last]), laneShape));
    ranks = ops.where(nanLane, last, spread(ops.mul(q, last), rest));
  }
  if (interpolation === 'lower') ranks = ops.floor(ranks);
  else if (interpolation === 'higher') ranks = ops.ceil(ranks);
  else if (interpolation === 'nearest') ranks = ops.round(ranks);
  // Ranks differ per lane only where a lane holds a NaN: take along the full [...q, ...rest] shape.
  const full = [...q.dims, ...rest];
  const rb = ops.broadcastTo(ranks, full);
  const below = castTo(ops.trunc(rb), 'int32');
  const take = (idx: Tensor) => {
    const moved = ops.moveaxis(ops.reshape(idx, [q.count, ...rest]), 0, -1);
    return ops.reshape(ops.moveaxis(takeAlong(s, moved, rest.length), -1, 0), full);
  };
  let r = take(below);
  if (interpolation === 'linear' || interpolation === 'midpoint') {
    const w = interpolation === 'midpoint' ? ops.full(full, 0.5, x.dt) : ops.sub(rb, castTo(below, x.dt));
    const above = take(castTo(ops.ceil(rb), 'int32'));
    r = lerpTorch(r, above, w);
  }
  return L.restore(r, q.dims);
}

/**
 * torch.lerp: self + w·(end - self) for w < 0.5, else end - (end - self)·(1 - w). PyTorch's CPU
 * kernel fuses the multiply-add (one rounding): for float32 the product and sum are formed in
 * float64 and rounded once.
 */
export function lerpTorch(a: Tensor, b: Tensor, w: Tensor): Tensor {
  const d = ops.sub(b, a);
  const wide = a.dt === 'float32' ? 'float64' : a.dt;
  const [a2, b2, d2, w2] = [a, b, d, w].map((t) => castTo(t, wide));
  const low = ops.add(a2, ops.mul(w2, d2));
  const high = ops.sub(b2, ops.mul(d2, castTo(ops.sub(1, w), wide)));
  return castTo(ops.where(ops.less(w, 0.5), low, high), a.dt);
}

/**
 * torch.median: the lower of the two middle values (NaN if the input holds one); with a dim, the
 * values and their indices (a NaN lane gives its first NaN).
 */
export function torchMedian(lib: Library, x: Tensor, dim: number | null, keepdim: boolean, ignoreNan: boolean, name: 'median' | 'nanmedian'): Tensor | NamedTuple<Tensor> {
  const L = lanes(lib, x, dim, keepdim && dim !== null);
  const { rest, n } = L;
  if (n === 0) {
    if (dim === null) return ops.full([], NaN, x.dt);
    throw pyError('IndexError', `${name}(): Expected reduction dim ${dim} to have non-zero size.`);
  }
  const perm = ops.argsort(L.moved, -1, 'stable');
  const nanCount = ops.isFloatDtype(x.dt) ? castTo(ops.sum(castTo(ops.isnan(L.moved), 'int32'), -1), 'int32') : ops.zeros(rest, 'int32');
  // The k-th element of the sorted lane: k = (n - 1) // 2, or over the non-NaN elements for nanmedian.
  let k: Tensor;
  if (ignoreNan) {
    const valid = ops.sub(n, nanCount);
    k = ops.where(ops.equal(valid, 0), 0, ops.floordiv(ops.sub(valid, 1), 2));
  } else {
    // A lane with a NaN gives its first NaN: the first NaN sorts right after the numbers (stable order).
    k = ops.where(ops.greater(nanCount, 0), ops.sub(n, nanCount), Math.floor((n - 1) / 2));
  }
  const kk = ops.expandDims(castTo(k, 'int32'), -1);
  const idx = takeAlong(perm, kk, rest.length);
  const values = takeAlong(L.moved, idx, rest.length);
  const squeeze = (t: Tensor) => (keepdim && dim !== null ? L.restore(ops.reshape(t, rest), []) : ops.reshape(t, rest));
  if (dim === null) return ops.reshape(values, []);
  return NamedTuple.make(`torch.return_types.${name}`, ['values', 'indices'], [squeeze(values), castTo(squeeze(idx), 'int64')]);
}
