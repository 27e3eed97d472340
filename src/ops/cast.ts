// cast: a dtype conversion. Between floats it is linear (its transpose casts back); to integers or
// bool it has no derivative.
import { castData } from '../kernels/cast.js';
import { isFloat, type DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { bind, definePrimitive } from '../core/primitive.js';
import { result } from './result.js';

export const castP = definePrimitive<DType>({
  name: 'cast',
  linear: true,
  impl: ([x], dtype) => result(dtype, x.dims, castData(x.values, x.dt, dtype), [x]),
  jvp: ([x], [t], _out, dtype) => (isFloat(dtype) && isFloat(x.dt) ? cast(t!, dtype) : null),
  vjp: ([x], _out, dtype) => {
    const from = x.dt;
    return (ct) => [isFloat(from) && isFloat(dtype) ? cast(ct, from) : null];
  },
  batch: ([x], [d], dtype) => [cast(x, dtype), d],
});

export function cast(x: Tensor, dtype: DType): Tensor {
  return x.dt === dtype ? x : bind(castP, [x], dtype);
}
