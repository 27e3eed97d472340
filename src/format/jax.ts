// JAX `ArrayImpl.__repr__` / `__str__` (jax/_src/array.py, PRINTING.md §4).
import type { DType, TensorData } from '../tensor/dtype.js';
import { array2string, numpyStr } from './numpy.js';
import { pyTuple, sizeOfDims } from './layout.js';
import { numpyPrint } from './options.js';

/** `Array([1., 2.], dtype=float32)`; the dtype is always shown, and a long last line gets 6 spaces, not a newline. */
export function jaxRepr(dtype: DType, dims: readonly number[], data: TensorData, weak = false): string {
  const prefix = 'Array(';
  const t = `dtype=${dtype}${weak ? ', weak_type=True' : ''})`;
  const width = numpyPrint.linewidth; // JAX reads NumPy's print options
  const s = sizeOfDims(dims) === 0 ? `[], shape=${pyTuple(dims)}` : array2string(dtype, dims, data, ', ', prefix, ',', width);
  const lastLen = s.length - s.lastIndexOf('\n') + 1;
  const sep = lastLen + t.length + 1 > width ? ' '.repeat(prefix.length) : ' ';
  return `${prefix}${s},${sep}${t}`;
}

/** `str(x)` is `str(np.asarray(x))`. */
export function jaxStr(dtype: DType, dims: readonly number[], data: TensorData): string {
  return numpyStr(dtype, dims, data);
}
