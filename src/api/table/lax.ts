// jax.lax's elementwise binary primitives: no implicit promotion (both operands, Python scalars
// taken as their weakly typed default dtypes, must have one dtype), JAX's error otherwise.
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { finish, tensorOf } from '../kinds.js';
import { pyError } from '../errors.js';
import { row, type OpRow } from './types.js';

function laxBinary(name: string, jnpName: string, f: (x: Tensor, y: Tensor) => Tensor, doc: string): OpRow {
  return row({
    name: `lax_${name}`, doc,
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x), y = tensorOf(lib, a.y);
      if (x.dt !== y.dt) {
        throw pyError('TypeError', `lax.${name} requires arguments to have the same dtypes, got ${x.dt}, ${y.dt}. (Tip: jnp.${jnpName} is a similar function that does automatic type promotion on inputs).`);
      }
      return finish(lib, f(x, y), [a.x, a.y]);
    },
    jax: `lax.${name}(x, y)`,
  });
}

export const laxRows: OpRow[] = [
  laxBinary('add', 'add', ops.add, 'Elementwise addition: x + y (operands of one dtype).'),
  laxBinary('sub', 'subtract', ops.sub, 'Elementwise subtraction: x - y (operands of one dtype).'),
  laxBinary('mul', 'multiply', ops.mul, 'Elementwise multiplication: x * y (operands of one dtype).'),
  laxBinary('max', 'maximum', ops.maximum, 'Elementwise maximum: max(x, y) (operands of one dtype).'),
  laxBinary('min', 'minimum', ops.minimum, 'Elementwise minimum: min(x, y) (operands of one dtype).'),
];
