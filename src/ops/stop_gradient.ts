// stop_gradient: the identity, with no rules, so no level follows a value through it.
import { Tensor } from '../tensor/tensor.js';
import { bind, definePrimitive } from './primitive.js';
import { toTensor, type TensorLike } from './convert.js';

const stopGradientP = definePrimitive<void>({
  name: 'stop_gradient',
  impl: ([x]) => new Tensor(x.dtype, x.dims, x.data, x.flavor),
});

export function stopGradient(x: TensorLike): Tensor {
  return bind(stopGradientP, [toTensor(x)], undefined);
}
