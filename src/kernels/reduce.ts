// Reductions over any set of axes in one pass over the input in storage order, accumulating in
// the output's own dtype (float32 sums are rounded to float32 at every step, as float32 frameworks do).
import { allocate, type DType, type TensorData } from '../tensor/dtype.js';
import { stridesOf } from '../tensor/shape.js';

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

/** Reduces `axes` (sorted, unique) of `a`; the result has the kept axes' dims (keepdims is a reshape). */
export function reduce(kind: ReduceKind, a: TensorData, dims: readonly number[], axes: readonly number[], outDtype: DType): TensorData {
  const outDims = dims.filter((_, i) => !axes.includes(i));
  const outSize = outDims.reduce((p, d) => p * d, 1);
  const out = allocate(outDtype, outSize);
  const big = out instanceof BigInt64Array;
  const init = kind === 'sum' || kind === 'any' ? 0 : kind === 'prod' || kind === 'all' ? 1 : NaN;
  if (kind === 'max' || kind === 'min') {
    if (a.length === 0) {
      // Reducing an empty group has no identity; an empty result of other axes is fine.
      if (outSize > 0) throw new RangeError(`zero-size array to reduction operation ${kind === 'max' ? 'maximum' : 'minimum'} which has no identity`);
      return out;
    }
    // Seed each output with its first element so that the combine never sees the NaN placeholder.
    seedFirst(a, dims, axes, out);
  } else if (big) (out as BigInt64Array).fill(BigInt(init));
  else out.fill(init as never);
  const ostr = stridesOf(outDims);
  const so = new Array<number>(dims.length);
  for (let i = 0, k = 0; i < dims.length; i++) so[i] = axes.includes(i) ? 0 : ostr[k++];
  reduceLoop(COMBINE[kind])(a, out, dims, so);
  return out;
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
export function cumsum(a: TensorData, dims: readonly number[], axis: number, reverse: boolean, outDtype: DType): TensorData {
  const out = allocate(outDtype, a.length);
  const n = dims[axis];
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const O = out as Float64Array;
  const A = a as Float64Array;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc: any = out instanceof BigInt64Array ? 0n : 0;
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
