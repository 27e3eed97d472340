// How a primitive's output tensor is made: the flavor of its first strongly typed input, weak when
// every input was (JAX's weak types), and narrow floats rounded to their format.
import { narrowRounding, type DType, type TensorData } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { flavorOf } from './convert.js';

export function result(dt: DType, dims: readonly number[], data: TensorData, inputs: readonly Tensor[]): Tensor {
  const r = narrowRounding(dt);
  if (r) {
    const d = data as Float32Array;
    for (let i = 0; i < d.length; i++) d[i] = r(d[i]);
  }
  return withWeakType(new Tensor(dt, dims, data, flavorOf(inputs)), inputs);
}

/** `t`, weakly typed when every input was. */
export function withWeakType(t: Tensor, inputs: readonly Tensor[]): Tensor {
  let weak = inputs.length > 0;
  for (let i = 0; i < inputs.length; i++) weak &&= inputs[i].weak;
  if (weak) t.weak = true;
  return t;
}
