// Fitting tangents and cotangents that carry `bd` leading batch axes (jacfwd/jacrev push every
// basis vector through at once) to the shapes a rule needs.
import type { Tensor } from '../tensor/tensor.js';
import { sameDims } from '../tensor/shape.js';
import { broadcastTo, reshape } from './shape.js';
import { sum } from './reduce.js';

/** [...batch, ...dims] -> [...batch, 1, ..., 1, ...dims] with `rank` axes after the batch. */
export function padRank(t: Tensor, rank: number, bd: number): Tensor {
  const own = t.dims.length - bd;
  if (own >= rank) return t;
  const dims = [...t.dims.slice(0, bd), ...new Array<number>(rank - own).fill(1), ...t.dims.slice(bd)];
  return reshape(t, dims);
}

/** A tangent of an input, brought to the output's full shape (after the batch axes). */
export function fitTangent(t: Tensor, outDims: readonly number[], bd: number): Tensor {
  const p = padRank(t, outDims.length, bd);
  const target = [...p.dims.slice(0, bd), ...outDims];
  return sameDims(p.dims, target) ? p : broadcastTo(p, target);
}

/** Sums a cotangent of a broadcast result back to the input's dims (keeping the batch axes). */
export function unbroadcast(ct: Tensor, dims: readonly number[], bd: number): Tensor {
  const own = ct.dims.slice(bd);
  if (sameDims(own, dims)) return ct;
  const lead = own.length - dims.length;
  const axes: number[] = [];
  for (let i = 0; i < own.length; i++) {
    if (i < lead || (dims[i - lead] === 1 && own[i] !== 1)) axes.push(bd + i);
  }
  const s = axes.length ? sum(ct, axes, false) : ct;
  return reshape(s, [...ct.dims.slice(0, bd), ...dims]);
}
