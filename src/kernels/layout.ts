// Copies between layouts: transpose and strided slices are one strided gather; the slice's
// transpose (for gradients) is the matching strided scatter. Plus gather/scatter-add by indices and concat.
import { allocate, allocateUnfilled, type DType, type TensorData } from '../tensor/dtype.js';
import { stridesOf } from '../tensor/shape.js';
import { memcpyRuns, nextRow, simplify, stridedGather } from '../tensor/strided.js';
import { simdTranspose } from './simd.js';
import { bitsView } from './storage.js';

export { stridedGather };

/** dst[offset + Σ idx_d·strides_d] (+)= src[o]: the transpose of stridedGather. */
export function stridedScatter(src: TensorData, dimsIn: readonly number[], stridesIn: readonly number[], offset: number, dst: TensorData, accumulate: boolean): void {
  const [dims, strides] = simplify(dimsIn, stridesIn);
  const nd = dims.length;
  const total = src.length;
  if (total === 0) return;
  const D = dst as Float64Array, S = src as Float64Array;
  if (nd === 0) { D[offset] = accumulate ? D[offset] + S[0] : S[0]; return; }
  const last = nd - 1, n = dims[last], s = strides[last];
  const idx = new Array<number>(nd).fill(0);
  const runs = !accumulate && memcpyRuns(src, dst, n, s);
  let p = offset, o = 0;
  while (o < total) {
    let k = p;
    if (runs) { D.set(S.subarray(o, o + n), k); o += n; }
    else if (accumulate) for (let j = 0; j < n; j++) { D[k] += S[o++]; k += s; }
    else for (let j = 0; j < n; j++) { D[k] = S[o++]; k += s; }
    p = nextRow(idx, dims, strides, p);
    if (p < 0) break;
  }
}

export function transpose(a: TensorData, dims: readonly number[], perm: readonly number[], dtype: DType): TensorData {
  const st = stridesOf(dims);
  const out = allocateUnfilled(dtype, a.length);
  const [pd, ps] = simplify(perm.map((p) => dims[p]), perm.map((p) => st[p]));
  if (!simdTranspose(a, pd, ps, out)) stridedGather(a, pd, ps, 0, out);
  return out;
}

/** Takes `indices` (already in range) along `axis`; the result's dims are dims[:axis] + indexDims + dims[axis+1:]. */
export function gather(a: TensorData, dims: readonly number[], indices: Int32Array, axis: number, dtype: DType): TensorData {
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const n = dims[axis];
  const m = indices.length;
  const out = allocateUnfilled(dtype, outer * m * inner);
  if (inner === 1 && a.BYTES_PER_ELEMENT === out.BYTES_PER_ELEMENT) {
    // Single elements move as integer words (no BigInt or float conversions).
    const { view: A, words } = bitsView(a), O = bitsView(out).view;
    if (words === 2) {
      for (let o = 0, d = 0; o < outer; o++) {
        for (let j = 0; j < m; j++, d += 2) { const s = 2 * (o * n + indices[j]); O[d] = A[s]; O[d + 1] = A[s + 1]; }
      }
    } else {
      for (let o = 0, d = 0; o < outer; o++) for (let j = 0; j < m; j++) O[d++] = A[o * n + indices[j]];
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const src = (o * n + indices[j]) * inner;
      const dst = (o * m + j) * inner;
      if (inner === 1) out[dst] = a[src] as never;
      else (out as Float64Array).set((a as Float64Array).subarray(src, src + inner), dst);
    }
  }
  return out;
}

/** The transpose of gather: adds each slice of `ct` into position indices[j] along `axis` of a zero array. */
export function scatterAdd(ct: TensorData, indices: Int32Array, axis: number, outDims: readonly number[], dtype: DType): TensorData {
  const outer = outDims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = outDims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const n = outDims[axis];
  const m = indices.length;
  const out = allocate(dtype, outer * n * inner);
  const O = out as Float64Array, C = ct as Float64Array;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const dst = (o * n + indices[j]) * inner;
      const src = (o * m + j) * inner;
      for (let i = 0; i < inner; i++) O[dst + i] += C[src + i];
    }
  }
  return out;
}

export function concat(parts: { data: TensorData; dims: readonly number[] }[], axis: number, dtype: DType, outDims: readonly number[]): TensorData {
  const outer = outDims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = outDims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const total = outDims[axis] * inner;
  const out = allocateUnfilled(dtype, outer * total);
  let offset = 0;
  for (const part of parts) {
    const chunk = part.dims[axis] * inner;
    const src = part.data as Float64Array;
    for (let o = 0; o < outer; o++) (out as Float64Array).set(src.subarray(o * chunk, (o + 1) * chunk), o * total + offset);
    offset += chunk;
  }
  return out;
}
