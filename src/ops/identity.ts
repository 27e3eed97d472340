// identity: a new tensor object over the same storage that levels follow through. Transforms use it
// to give each primal a fresh identity of their own, so `jvp(f, [x, x], ...)` sees two inputs.
import { Tensor } from '../tensor/tensor.js';
import { bind, definePrimitive } from './primitive.js';

export const identityP = definePrimitive<void>({
  name: 'identity',
  torchName: 'AliasBackward0',
  impl: ([x]) => {
    const t = new Tensor(x.dtype, x.dims, x.data, x.flavor);
    t.weak = x.weak;
    return t;
  },
  jvp: (_x, [t]) => t,
  vjp: () => (ct) => [ct],
});

export function identity(x: Tensor): Tensor {
  return bind(identityP, [x], undefined);
}
