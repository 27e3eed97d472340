// NumPy's and jax.numpy's scalar types (`np.float32`, `jnp.int32`...): callables that make a scalar
// (or an array from a sequence) of their dtype, stand for the dtype when given as one, and print as
// Python prints classes (`<class 'numpy.float32'>`).
import { DTYPES, type DType } from '../tensor/dtype.js';
import { PY_REPR } from '../tensor/printable.js';
import { Tensor } from '../tensor/tensor.js';
import * as ops from '../ops/index.js';
import { DTYPE_OF } from './dtype_objects.js';
import { dataTensor, type Library } from './lib/library.js';

const NUMPY_NAMES: Partial<Record<DType, string[]>> = {
  bool: ['bool_', 'bool8'], float64: ['float64', 'double', 'float_'], float32: ['float32', 'single'], float16: ['float16', 'half'],
  int64: ['int64', 'int_', 'longlong'], int32: ['int32', 'intc'], int16: ['int16', 'short'], int8: ['int8', 'byte'],
  uint8: ['uint8', 'ubyte'], uint16: ['uint16', 'ushort'], uint32: ['uint32', 'uintc'], uint64: ['uint64', 'ulonglong'],
};

/** The scalar type of `dt` for a library: `np.float32(3.0)` is a NumPy scalar, `jnp.float32(3)` a JAX array. */
export function scalarType(lib: Library, dt: DType, module: string): (x?: unknown) => Tensor {
  const f = (x: unknown = 0): Tensor => {
    const d = lib.canonical(dt);
    const t = x instanceof Tensor ? ops.cast(x, d) : dataTensor(x, d, lib);
    const r = t === x ? ops.identity(t) : t;
    r.flavor = lib.flavor;
    r.weak = false;
    r.scalar = lib.name === 'numpy' && r.dims.length === 0;
    return r;
  };
  Object.defineProperty(f, 'name', { value: dt === 'bool' ? 'bool_' : dt });
  Object.defineProperty(f, DTYPE_OF, { value: dt });
  Object.defineProperty(f, PY_REPR, { value: () => `<class '${module}.${dt === 'bool' ? 'bool_' : dt}'>` });
  return f;
}

/** All scalar types of a library, under NumPy's names and aliases. */
export function scalarTypes(lib: Library, module: string): Record<string, (x?: unknown) => Tensor> {
  const out: Record<string, (x?: unknown) => Tensor> = {};
  for (const dt of DTYPES) {
    if (!lib.dtypes.includes(dt) && !(lib.name === 'jax' && (dt === 'float64' || dt === 'int64' || dt === 'uint64'))) continue;
    const f = scalarType(lib, dt, module);
    for (const n of NUMPY_NAMES[dt] ?? [dt]) out[n] = f;
  }
  return out;
}
