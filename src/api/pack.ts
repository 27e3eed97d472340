// Building a tensor from nested data that holds tensors: like TensorFlow's auto-packing and
// jnp.array([...]), the parts are stacked (a traced op), so derivatives flow through the result.
import * as ops from '../ops/index.js';
import { tensor as makeTensor } from '../tensor/create.js';
import type { DType } from '../tensor/dtype.js';
import { Tensor, type Flavor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';

function holdsTensor(x: unknown): boolean {
  return x instanceof Tensor || x instanceof Variable || (Array.isArray(x) && x.some(holdsTensor));
}

function packed(x: unknown, dtype: DType | undefined): Tensor {
  if (Array.isArray(x) && holdsTensor(x)) return ops.stack(x.map((p) => packed(p, dtype)));
  if (x instanceof Variable) return x.read();
  if (x instanceof Tensor) return x;
  return makeTensor(x, dtype);
}

/** A tensor of `flavor` from `value`; tensors inside nested arrays are stacked, not copied. */
export function toTensorOf(value: unknown, dtype: DType | undefined, flavor: Flavor): Tensor {
  if (!holdsTensor(value)) return makeTensor(value, dtype, flavor);
  let t = packed(value, dtype);
  if (dtype !== undefined && t.dt !== dtype) t = ops.cast(t, dtype);
  if (t.flavor === flavor) return t;
  const r = ops.identity(t);
  r.flavor = flavor;
  return r;
}
