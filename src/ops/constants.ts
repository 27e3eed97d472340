// Constant tensors shaped like others: they carry no tangent and need no rule.
import { full, zeros } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';

export function zerosLike(t: Tensor): Tensor {
  return zeros(t.dims, t.dtype, t.flavor);
}

export function onesLike(t: Tensor): Tensor {
  return full(t.dims, 1, t.dtype, t.flavor);
}
