// Strided walks over storage: the copy behind every view, slice and transpose. Length-1 axes are
// dropped and contiguous neighbours merged first, so the inner loop runs as long as it can.
import type { TensorData } from './dtype.js';

/**
 * The same walk over fewer axes: length-1 axes dropped and neighbours merged where the outer one's
 * stride is the inner one's times its length. Without this, a layout whose last axis has length 1
 * would run the index bookkeeping for every single element.
 */
export function simplify(dims: readonly number[], strides: readonly number[]): [number[], number[]] {
  const d: number[] = [], s: number[] = [];
  for (let i = 0; i < dims.length; i++) {
    if (dims[i] === 1) continue;
    const last = d.length - 1;
    if (last >= 0 && s[last] === strides[i] * dims[i]) {
      d[last] *= dims[i];
      s[last] = strides[i];
    } else {
      d.push(dims[i]);
      s.push(strides[i]);
    }
  }
  return [d, s];
}

/**
 * Advances the row index `idx` (all axes but the last) and returns the new row's offset, or -1 past
 * the last row.
 */
export function nextRow(idx: number[], dims: readonly number[], strides: readonly number[], p: number): number {
  for (let d = dims.length - 2; d >= 0; d--) {
    idx[d]++;
    p += strides[d];
    if (idx[d] < dims[d]) return p;
    p -= strides[d] * dims[d];
    idx[d] = 0;
  }
  return -1;
}

/**
 * From this many elements a contiguous run between storages of one kind is copied by TypedArray.set
 * (a memcpy; a subarray costs about 0.1 us to make), not element by element through the loop, whose
 * access is polymorphic over the storage kinds (measured 2-5 ns an element).
 */
export const MEMCPY_RUN = 32;

/** Whether runs of `n` contiguous elements may be copied from `a` to `b` with TypedArray.set. */
export function memcpyRuns(a: TensorData, b: TensorData, n: number, stride: number): boolean {
  return stride === 1 && n >= MEMCPY_RUN && a.constructor === b.constructor;
}

/** dst[o] = src[offset + Σ idx_d·strides_d] for every index of `dims` in row-major order. */
export function stridedGather(src: TensorData, dimsIn: readonly number[], stridesIn: readonly number[], offset: number, dst: TensorData): void {
  const [dims, strides] = simplify(dimsIn, stridesIn);
  const nd = dims.length;
  const total = dst.length;
  if (total === 0) return;
  if (nd === 0) { dst[0] = src[offset] as never; return; }
  const last = nd - 1, n = dims[last], s = strides[last];
  const idx = new Array<number>(nd).fill(0);
  const D = dst as Float64Array, S = src as Float64Array;
  const runs = memcpyRuns(src, dst, n, s);
  let p = offset, o = 0;
  while (o < total) {
    if (runs) {
      D.set(S.subarray(p, p + n), o);
      o += n;
    } else {
      let k = p;
      for (let j = 0; j < n; j++) { D[o++] = S[k]; k += s; }
    }
    p = nextRow(idx, dims, strides, p);
    if (p < 0) break;
  }
}
