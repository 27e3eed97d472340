// Padding, composed of differentiable ops one axis after another as NumPy fills them (so the corners
// come from the later axes): constant blocks concatenated, edges gathered, reflections and wraps
// built chunk by chunk exactly as NumPy's `_set_reflect_both` and `_set_wrap_both` build them (its
// 'odd' reflections included). PyTorch's modes are NumPy's (replicate = edge, circular = wrap) with
// their own checks; TensorFlow's REFLECT and SYMMETRIC with its limits.
import * as ops from '../ops/index.js';
import { Tensor } from '../tensor/tensor.js';
import { castTo, strong } from './kinds.js';
import { pyError } from './errors.js';

export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap';

const slice = (x: Tensor, axis: number, start: number, stop: number, step = 1): Tensor =>
  ops.getItem(x, x.dims.map((_, i) => (i === axis ? new ops.Slice(start, stop, step) : ':')));

/** Lengths of the pad before and after one axis; `value` the constant pair for mode constant. */
export interface AxisPad { before: number; after: number; values?: readonly [unknown, unknown] }

function constantBlock(x: Tensor, axis: number, width: number, value: unknown): Tensor {
  const dims = x.dims.map((d, i) => (i === axis ? width : d));
  const v = value instanceof Tensor ? castTo(value, x.dt) : ops.cast(ops.toTensor(value as number), x.dt);
  return strong(ops.broadcastTo(ops.reshape(v, []), dims));
}

/** NumPy's reflect/symmetric fill of one axis: chunks reflected about the current edges until the pads are full. */
function reflectAxis(x: Tensor, axis: number, before: number, after: number, odd: boolean, includeEdge: boolean): Tensor {
  const eo = includeEdge ? 1 : 0;
  const run = (from: number, count: number) => Int32Array.from({ length: count }, (_, k) => from - k);
  let cur = x, left = before, right = after;
  while (left > 0 || right > 0) {
    const len = cur.dims[axis];
    const old = len - 1 + eo;
    const parts: Tensor[] = [];
    const lchunk = Math.min(old, left), rchunk = Math.min(old, right);
    if (lchunk > 0) {
      // cur[chunk - eo], ..., cur[1 - eo]: the elements next to (or from) the left edge, reversed.
      let c = ops.gather(cur, run(lchunk - eo, lchunk), axis);
      if (odd) c = castTo(ops.sub(ops.mul(2, slice(cur, axis, 0, 1)), c), x.dt);
      parts.push(c);
    }
    parts.push(cur);
    if (rchunk > 0) {
      let c = ops.gather(cur, run(len - 2 + eo, rchunk), axis);
      if (odd) c = castTo(ops.sub(ops.mul(2, slice(cur, axis, len - 1, len)), c), x.dt);
      parts.push(c);
    }
    cur = ops.concat(parts, axis);
    left -= lchunk;
    right -= rchunk;
  }
  return cur;
}

/**
 * NumPy's wrap fill of one axis (`_set_wrap_both`): each round copies at most the current filled
 * length from the far end, so pads longer than the axis wrap the already padded array, not the
 * original one (np.pad([a, b, c], (2, 4), 'wrap') ends in ..., a, b, c, b).
 */
function wrapAxis(x: Tensor, axis: number, before: number, after: number): Tensor {
  let cur = x, left = before, right = after;
  while (left > 0 || right > 0) {
    const len = cur.dims[axis];
    const lchunk = Math.min(len, left), rchunk = Math.min(len, right);
    const parts: Tensor[] = [];
    if (lchunk > 0) parts.push(slice(cur, axis, len - lchunk, len));
    parts.push(cur);
    if (rchunk > 0) parts.push(slice(cur, axis, 0, rchunk));
    cur = ops.concat(parts, axis);
    left -= lchunk;
    right -= rchunk;
  }
  return cur;
}

/** One axis padded with `mode`; `x` may already be padded along earlier axes. */
export function padAxis(x: Tensor, axis: number, p: AxisPad, mode: PadMode, odd = false): Tensor {
  const { before, after } = p;
  if (before === 0 && after === 0) return x;
  const n = x.dims[axis];
  switch (mode) {
    case 'constant': {
      const parts: Tensor[] = [];
      if (before > 0) parts.push(constantBlock(x, axis, before, p.values?.[0] ?? 0));
      parts.push(x);
      if (after > 0) parts.push(constantBlock(x, axis, after, p.values?.[1] ?? 0));
      return ops.concat(parts, axis);
    }
    case 'edge': {
      const idx = Array.from({ length: before + n + after }, (_, i) => Math.min(Math.max(i - before, 0), n - 1));
      return ops.gather(x, Int32Array.from(idx), axis);
    }
    case 'wrap':
      return wrapAxis(x, axis, before, after);
    default:
      // A single element reflects as its edge (NumPy's legacy behaviour for reflect; symmetric agrees).
      if (n === 1) return padAxis(x, axis, p, 'edge');
      return reflectAxis(x, axis, before, after, odd, mode === 'symmetric');
  }
}

/** Pads every axis in order (the axes' pads already checked and made non-negative). */
export function padAll(x: Tensor, pads: readonly AxisPad[], mode: PadMode, odd = false): Tensor {
  if (mode !== 'constant') {
    pads.forEach((p, axis) => {
      if (x.dims[axis] === 0 && (p.before > 0 || p.after > 0)) {
        throw pyError('ValueError', `can't extend empty axis ${axis} using modes other than 'constant' or 'empty'`);
      }
    });
  }
  return pads.reduce((t, p, axis) => padAxis(t, axis, p, mode, odd), x);
}

/** A statistic of a chunk along an axis, kept as a length-1 axis (max, min, mean, median). */
export type AxisStat = (chunk: Tensor, axis: number) => Tensor;

/**
 * NumPy's maximum/minimum/mean/median modes, one axis after another: each side filled with the
 * statistic of the first (last) `stat_length` elements along the axis, rounded half to even and
 * cast back for integer arrays.
 */
export function padStats(x: Tensor, pads: readonly AxisPad[], lengths: readonly [unknown, unknown][], stat: AxisStat, extremum: boolean): Tensor {
  return pads.reduce((t, p, axis) => {
    if (p.before === 0 && p.after === 0) return t;
    const n = t.dims[axis];
    const len = (v: unknown) => (v === null || v === undefined ? n : Math.min(Number(v), n));
    const lb = len(lengths[axis][0]), la = len(lengths[axis][1]);
    if ((lb === 0 || la === 0) && extremum) throw pyError('ValueError', 'stat_length of 0 yields no value for padding');
    const fit = (v: Tensor) => (ops.isFloatDtype(t.dt) || !ops.isFloatDtype(v.dt) ? castTo(v, t.dt) : castTo(ops.round(v), t.dt));
    const left = fit(stat(slice(t, axis, 0, lb), axis));
    const right = lb === n && la === n ? left : fit(stat(slice(t, axis, n - la, n), axis));
    const block = (v: Tensor, w: number) => ops.broadcastTo(v, t.dims.map((d, i) => (i === axis ? w : d)));
    const parts = [...(p.before > 0 ? [block(left, p.before)] : []), t, ...(p.after > 0 ? [block(right, p.after)] : [])];
    return ops.concat(parts, axis);
  }, x);
}

/** NumPy's `_as_pairs`: a scalar, a pair, or one pair per axis, as (before, after) per axis. */
export function asPairs(v: unknown, ndim: number, asIndex: boolean, what: string): [unknown, unknown][] {
  const toList = (t: unknown): unknown => (t instanceof Tensor ? (t.dims.length === 0 ? t.values[0] : Array.from({ length: t.dims[0] }, (_, i) => toList(ops.getItem(t, [i])))) : t);
  const val = toList(v);
  const check = (x: unknown): unknown => {
    if (!asIndex) return x;
    const k = Number(x);
    if (!Number.isInteger(k)) throw pyError('TypeError', '`pad_width` must be of integral type.');
    if (k < 0) throw pyError('ValueError', "index can't contain negative values");
    return k;
  };
  if (!Array.isArray(val)) { const c = check(val); return Array.from({ length: ndim }, () => [c, c]); }
  if (val.length === 1 && !Array.isArray(val[0])) { const c = check(val[0]); return Array.from({ length: ndim }, () => [c, c]); }
  if (val.length === 1 && Array.isArray(val[0]) && val[0].length === 1) { const c = check(val[0][0]); return Array.from({ length: ndim }, () => [c, c]); }
  if (val.length === 1 && Array.isArray(val[0]) && val[0].length === 2) { const pair: [unknown, unknown] = [check(val[0][0]), check(val[0][1])]; return Array.from({ length: ndim }, () => pair); }
  if (val.length === 2 && !Array.isArray(val[0])) { const pair: [unknown, unknown] = [check(val[0]), check(val[1])]; return Array.from({ length: ndim }, () => pair); }
  const rows = val as unknown[];
  if (rows.length !== ndim || rows.some((r) => !Array.isArray(r) || (r.length !== 2 && r.length !== 1))) {
    const shape = Array.isArray(rows[0]) ? `(${rows.length}, ${(rows[0] as unknown[]).length})` : `(${rows.length},)`;
    throw pyError('ValueError', `operands could not be broadcast together with remapped shapes [original->remapped]: ${shape.replace(/ /g, '')}  and requested shape (${ndim},2)`);
  }
  return rows.map((r) => {
    const a = r as unknown[];
    return a.length === 1 ? [check(a[0]), check(a[0])] : [check(a[0]), check(a[1])];
  });
}
