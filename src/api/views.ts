// Which results of NumPy and PyTorch are views of their input, and how they read it: basic
// indexing, reshapes that need no copy (NumPy's _attempt_nocopy_reshape), transposes, squeezes and
// new axes. A view sees later in-place changes of its base and writes through to it.
import type { Tensor } from '../tensor/tensor.js';
import { basicIndexMap } from '../ops/indexing.js';
import { makeView } from './mutation.js';

/**
 * Strides for `newDims` over storage laid out as `dims` with `strides`, if the reshape needs no
 * copy (NumPy's _attempt_nocopy_reshape): each group of old axes that merges must be contiguous.
 */
export function reshapeStrides(dims: readonly number[], strides: readonly number[], newDims: readonly number[]): number[] | null {
  if (dims.includes(0) || newDims.includes(0)) return newDims.map(() => 0);
  const od: number[] = [], os: number[] = [];
  dims.forEach((d, i) => { if (d !== 1) { od.push(d); os.push(strides[i]); } });
  const out = new Array<number>(newDims.length).fill(0);
  let oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < newDims.length && oi < od.length) {
    let np = newDims[ni], op = od[oi];
    while (np !== op) {
      if (np < op) np *= newDims[nj++];
      else op *= od[oj++];
    }
    for (let k = oi; k < oj - 1; k++) if (os[k] !== od[k + 1] * os[k + 1]) return null;
    out[nj - 1] = os[oj - 1];
    for (let k = nj - 1; k > ni; k--) out[k - 1] = out[k] * newDims[k];
    ni = nj++;
    oi = oj++;
  }
  const last = ni >= 1 ? out[ni - 1] : 1;
  for (let k = ni; k < newDims.length; k++) out[k] = last;
  return out;
}

/** `result` (a reshape of `base`) as a view when no copy was needed. */
export function reshapeView(result: Tensor, base: Tensor): Tensor {
  return makeView(result, base, (offset, strides) => {
    const s = reshapeStrides(base.dims, strides, result.dims);
    return s === null ? null : { offset, strides: s };
  });
}

/** `result` (base transposed by `perm`) as a view. */
export function transposeView(result: Tensor, base: Tensor, perm: readonly number[]): Tensor {
  return makeView(result, base, (offset, strides) => ({ offset, strides: perm.map((p) => strides[p]) }));
}

/** `result` (base[specs]) as a view when the index is basic (ints, slices, newaxis, ellipsis). */
export function indexView(result: Tensor, base: Tensor, specs: readonly unknown[]): Tensor {
  const m = basicIndexMap(base.dims, specs);
  if (m === null) return result;
  return makeView(result, base, (offset, strides) => m(offset, strides));
}

/** The same values under another name (x.view(), x.numpy(), torch.from_numpy, detach). */
export function sameView(result: Tensor, base: Tensor): Tensor {
  return makeView(result, base, (offset, strides) => ({ offset, strides: [...strides] }));
}
