// Reductions over any set of axes in one pass over the input in storage order, accumulating in
// the output's own dtype (float32 sums are rounded to float32 at every step, as float32 frameworks do).
import { allocate, type DType, type TensorData } from '../tensor/dtype.js';
import { stridesOf } from '../tensor/shape.js';
import { isBigStorage } from './storage.js';
import { simdArgExtremes, simdExtremeGroups, simdExtremeRows, simdSumGroups, simdSumRows } from './simd.js';

const loops = new Map<string, Function>();

function reduceLoop(combine: string): (A: TensorData, O: TensorData, dims: readonly number[], so: readonly number[]) => void {
  let f = loops.get(combine);
  if (!f) {
    f = new Function(
      'A', 'O', 'dims', 'so',
      `"use strict";
       const nd = dims.length; let total = 1; for (let d = 0; d < nd; d++) total *= dims[d];
       if (total === 0) return;
       if (nd === 0) { let acc = O[0]; const a = A[0]; O[0] = ${combine}; return; }
       const last = nd - 1, n = dims[last], io = so[last];
       const idx = new Array(nd).fill(0);
       let po = 0, i = 0;
       while (i < total) {
         if (io === 0) {
           let acc = O[po];
           for (let j = 0; j < n; j++) { const a = A[i++]; acc = ${combine}; }
           O[po] = acc;
         } else {
           let k = po;
           for (let j = 0; j < n; j++) { const a = A[i++]; let acc = O[k]; O[k] = ${combine}; k += io; }
         }
         let d = last - 1;
         while (d >= 0) {
           idx[d]++; po += so[d];
           if (idx[d] < dims[d]) break;
           po -= so[d] * dims[d]; idx[d] = 0; d--;
         }
         if (d < 0) break;
       }`,
    );
    loops.set(combine, f);
  }
  return f as never;
}

export type ReduceKind = 'sum' | 'prod' | 'max' | 'min' | 'any' | 'all';

const COMBINE: Record<ReduceKind, string> = {
  sum: 'acc + a',
  prod: 'acc * a',
  // NaN wins, as in NumPy's maximum/minimum.
  max: '(acc !== acc || a < acc) ? acc : a',
  min: '(acc !== acc || a > acc) ? acc : a',
  any: '(acc || a) ? 1 : 0',
  all: '(acc && a) ? 1 : 0',
};

/**
 * NumPy's pairwise summation (`@TYPE@_pairwise_sum` in numpy/core/src/umath/loops_utils.h.src) of
 * n contiguous elements: sequential below 8, eight running sums up to 128, halves beyond; `r` rounds
 * every addition to the dtype (Math.fround for float32), so float32 sums agree with NumPy bit for bit
 * and keep their accuracy over millions of elements.
 */
function pairwiseSum(a: Float32Array | Float64Array, start: number, n: number, r: (x: number) => number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const p = start + i;
      r0 = r(r0 + a[p]); r1 = r(r1 + a[p + 1]); r2 = r(r2 + a[p + 2]); r3 = r(r3 + a[p + 3]);
      r4 = r(r4 + a[p + 4]); r5 = r(r5 + a[p + 5]); r6 = r(r6 + a[p + 6]); r7 = r(r7 + a[p + 7]);
    }
    let res = r(r(r(r0 + r1) + r(r2 + r3)) + r(r(r4 + r5) + r(r6 + r7)));
    for (; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwiseSum(a, start, n2, r) + pairwiseSum(a, start + n2, n - n2, r));
}

const identity = (x: number) => x;

/** Reduces `axes` (sorted, unique) of `a`; the result has the kept axes' dims (keepdims is a reshape). */
export function reduce(kind: ReduceKind, a: TensorData, dims: readonly number[], axes: readonly number[], outDtype: DType): TensorData {
  const outDims = dims.filter((_, i) => !axes.includes(i));
  const outSize = outDims.reduce((p, d) => p * d, 1);
  const out = allocate(outDtype, outSize, outDims);
  const trailing = axes.every((ax, i) => ax === dims.length - axes.length + i);
  if (kind === 'sum' && trailing && (a instanceof Float32Array || a instanceof Float64Array) && a.constructor === out.constructor) {
    // Sums over the innermost axes: each output's group is contiguous, summed pairwise like NumPy.
    const g = outSize === 0 ? 0 : a.length / outSize;
    // The same additions in the same order in WebAssembly SIMD (eight running sums are two registers).
    if ((outDtype === 'float32' || outDtype === 'float64') && simdSumGroups(a, outSize, g, out)) return out;
    const r = a instanceof Float32Array ? Math.fround : identity;
    for (let o = 0; o < outSize; o++) {
      // NumPy's reduction loop is handed the data in buffers of 8192 elements and adds each one's
      // pairwise sum to the running total.
      let acc = 0;
      for (let b = 0; b < g; b += 8192) acc = r(acc + pairwiseSum(a, o * g + b, Math.min(8192, g - b), r));
      out[o] = acc;
    }
    return out;
  }
  if (kind === 'sum' && axes.length > 0 && !axes.includes(dims.length - 1) && axes.every((ax, i) => ax === axes[0] + i) && a.constructor === out.constructor) {
    // One block of reduced axes before the last: rows added in order onto each kept row, in SIMD.
    const size = (from: number, to: number) => dims.slice(from, to).reduce((p, d) => p * d, 1);
    const first = axes[0], end = first + axes.length;
    if (simdSumRows(a, size(0, first), size(first, end), size(end, dims.length), out)) return out;
  }
  if (kind === 'sum' && axes.includes(dims.length - 1) && (a instanceof Float32Array || a instanceof Float64Array) && a.constructor === out.constructor) {
    sumInnerRuns(a, dims, axes, out as Float32Array | Float64Array);
    return out;
  }
  const big = isBigStorage(out);
  const init = kind === 'sum' || kind === 'any' ? 0 : kind === 'prod' || kind === 'all' ? 1 : NaN;
  if (kind === 'max' || kind === 'min') {
    if (a.length === 0) {
      // Reducing an empty group has no identity; an empty result of other axes is fine.
      if (outSize > 0) throw new RangeError(`zero-size array to reduction operation ${kind === 'max' ? 'maximum' : 'minimum'} which has no identity`);
      return out;
    }
    // Over the innermost axes each group is contiguous: WebAssembly SIMD, with this loop's result.
    if (trailing && a.constructor === out.constructor && simdExtremeGroups(kind, a, outSize, a.length / outSize, out)) return out;
    // One block of axes before the last: rows combined in order onto each kept row, in SIMD.
    if (axes.length > 0 && !axes.includes(dims.length - 1) && axes.every((ax, i) => ax === axes[0] + i) && a.constructor === out.constructor) {
      const size = (from: number, to: number) => dims.slice(from, to).reduce((p, d) => p * d, 1);
      const first = axes[0], end = first + axes.length;
      if (simdExtremeRows(kind, a, size(0, first), size(first, end), size(end, dims.length), out)) return out;
    }
    // Seed each output with its first element so that the combine never sees the NaN placeholder.
    seedFirst(a, dims, axes, out);
  } else if (big) (out as BigInt64Array).fill(BigInt(init));
  else out.fill(init as never);
  const ostr = stridesOf(outDims);
  const so = new Array<number>(dims.length);
  for (let i = 0, k = 0; i < dims.length; i++) so[i] = axes.includes(i) ? 0 : ostr[k++];
  // float32 sums and products round every step to float32, as float32 frameworks accumulate.
  const combine = out instanceof Float32Array && (kind === 'sum' || kind === 'prod') ? `Math.fround(${COMBINE[kind]})` : COMBINE[kind];
  reduceLoop(combine)(a, out, dims, so);
  return out;
}

/**
 * A float sum whose reduced axes include the innermost but not only trailing ones, in NumPy's order:
 * the iterator walks the array in memory order, its inner loop is the run of trailing reduced axes
 * (contiguous), whose pairwise sum is added to the output element the outer indices select.
 */
function sumInnerRuns(a: Float32Array | Float64Array, dims: readonly number[], axes: readonly number[], out: Float32Array | Float64Array): void {
  let t = 0;
  while (t < dims.length && axes.includes(dims.length - 1 - t)) t++;
  const outer = dims.slice(0, dims.length - t);
  const g = dims.slice(dims.length - t).reduce((p, d) => p * d, 1);
  const r = a instanceof Float32Array ? Math.fround : identity;
  out.fill(0);
  if (g === 0) return;
  // The output stride of each outer axis (0 where the axis is reduced).
  const keptStrides = stridesOf(outer.filter((_, i) => !axes.includes(i)));
  const so = new Array<number>(outer.length);
  for (let i = 0, k = 0; i < outer.length; i++) so[i] = axes.includes(i) ? 0 : keptStrides[k++];
  const idx = new Array<number>(outer.length).fill(0);
  const count = outer.reduce((p, d) => p * d, 1);
  for (let p = 0, o = 0; p < count; p++) {
    let acc = out[o];
    for (let b = 0; b < g; b += 8192) acc = r(acc + pairwiseSum(a, p * g + b, Math.min(8192, g - b), r));
    out[o] = acc;
    for (let k = outer.length - 1; k >= 0; k--) {
      o += so[k];
      if (++idx[k] < outer[k]) break;
      o -= so[k] * outer[k];
      idx[k] = 0;
    }
  }
}

function seedFirst(a: TensorData, dims: readonly number[], axes: readonly number[], out: TensorData): void {
  // The first element of each reduced group sits at the group's zero index along every reduced axis.
  const strides = stridesOf(dims);
  const kept = dims.map((_, i) => i).filter((i) => !axes.includes(i));
  const idx = new Array<number>(kept.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let off = 0;
    for (let k = 0; k < kept.length; k++) off += idx[k] * strides[kept[k]];
    (out as Float64Array)[o] = (a as Float64Array)[off];
    for (let k = kept.length - 1; k >= 0; k--) {
      if (++idx[k] < dims[kept[k]]) break;
      idx[k] = 0;
    }
  }
}

/** Index of the max (or min) along one axis; NaN counts as the extreme, first occurrence wins. */
export function argReduce(kind: 'max' | 'min', a: TensorData, dims: readonly number[], axis: number): Int32Array {
  const n = dims[axis];
  if (n === 0) throw new RangeError(`attempt to get arg${kind} of an empty sequence`);
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const out = new Int32Array(outer * inner);
  if (inner === 1 && simdArgExtremes(kind, a, outer, n, out)) return out;
  const A = a as Float64Array;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = A[o * n * inner + i];
      let bi = 0;
      if (best === best) {
        for (let k = 1; k < n; k++) {
          const v = A[(o * n + k) * inner + i];
          if (v !== v) { bi = k; break; }
          if (kind === 'max' ? v > best : v < best) { best = v; bi = k; }
        }
      }
      out[o * inner + i] = bi;
    }
  }
  return out;
}

/** Cumulative sum along one axis, optionally from the end. */
/**
 * cumsum of float storage with the general loop's bits (each running sum stored, so rounded to the
 * storage's precision, before the next addition), in a loop of its own per precision: the general
 * loop, which also serves BigInt and every integer storage, ran about 10 ns per element.
 */
function floatCumsum(A: Float32Array | Float64Array, O: Float32Array | Float64Array, outer: number, n: number, inner: number, reverse: boolean): void {
  const f32 = O instanceof Float32Array;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const first = (o * n + (reverse ? n - 1 : 0)) * inner + i, step = reverse ? -inner : inner;
      let acc = 0;
      if (f32) for (let j = 0, p = first; j < n; j++, p += step) O[p] = acc = Math.fround(acc + A[p]);
      else for (let j = 0, p = first; j < n; j++, p += step) O[p] = acc = acc + A[p];
    }
  }
}

export function cumsum(a: TensorData, dims: readonly number[], axis: number, reverse: boolean, outDtype: DType): TensorData {
  const out = allocate(outDtype, a.length);
  const n = dims[axis];
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  if (a.constructor === out.constructor && (out instanceof Float32Array || out instanceof Float64Array)) {
    floatCumsum(a as Float32Array | Float64Array, out, outer, n, inner, reverse);
    return out;
  }
  const O = out as Float64Array;
  const A = a as Float64Array;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc: any = isBigStorage(out) ? 0n : 0;
      for (let j = 0; j < n; j++) {
        const k = reverse ? n - 1 - j : j;
        const p = (o * n + k) * inner + i;
        O[p] = acc = acc + A[p];
        acc = O[p];
      }
    }
  }
  return out;
}

/** Cumulative product along one axis, optionally from the end. */
export function cumprod(a: TensorData, dims: readonly number[], axis: number, reverse: boolean, outDtype: DType): TensorData {
  const out = allocate(outDtype, a.length, dims);
  const n = dims[axis];
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const O = out as Float64Array;
  const A = a as Float64Array;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc: any = isBigStorage(out) ? 1n : 1;
      for (let j = 0; j < n; j++) {
        const k = reverse ? n - 1 - j : j;
        const p = (o * n + k) * inner + i;
        O[p] = acc * A[p];
        acc = O[p];
      }
    }
  }
  return out;
}
