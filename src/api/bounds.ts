// Out-of-bounds indices as each library treats them when reading: NumPy raises (np.take may wrap or
// clip); JAX clamps indexing and `.at[i].get()`, and `jnp.take` fills (NaN for floats, the most
// negative integer, the largest unsigned one, True), as its gathers do on device.
import * as ops from '../ops/index.js';
import type { Bounds } from '../ops/index.js';
import type { DType } from '../tensor/dtype.js';
import { pyError } from './errors.js';

export const JAX_INDEXING: Bounds = { mode: 'clip' };

const INT_RANGE: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295], uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** JAX's default fill value of a dtype. */
function jaxFill(dt: DType): number | boolean {
  if (dt === 'bool') return true;
  const r = INT_RANGE[dt];
  if (r === undefined) return NaN;
  return dt.startsWith('u') ? r[1] : r[0];
}

/** JAX's gather `mode` ('clip', 'fill', 'promise_in_bounds', 'wrap' for take) and fill_value. */
export function jaxBounds(mode: unknown, fillValue: unknown, dt: DType, fallback: 'clip' | 'fill'): Bounds {
  const m = mode === null || mode === undefined ? fallback : String(mode);
  if (m === 'clip' || m === 'promise_in_bounds') return { mode: 'clip' };
  if (m === 'wrap') return { mode: 'wrap' };
  if (m === 'fill' || m === 'drop') {
    const fill = fillValue === null || fillValue === undefined ? jaxFill(dt) : (fillValue as number | boolean);
    if (dt === 'int64' && typeof fill === 'number' && !Number.isSafeInteger(fill)) throw pyError('NotImplementedError', 'a fill value beyond 2**53 for int64 is not supported by Jacobi');
    return { mode: 'fill', fill };
  }
  if (m === 'raise') throw pyError('NotImplementedError', "The 'raise' mode to jnp.take is not supported.");
  throw pyError('ValueError', `Invalid mode value: ${m!}. Must be one of ['promise_in_bounds', 'clip', 'drop', 'fill']`);
}

/** np.take's mode: 'raise' (the default), 'wrap', or 'clip' (which stops negative indices counting from the end). */
export function numpyTakeBounds(mode: unknown): Bounds {
  const m = mode === null || mode === undefined ? 'raise' : String(mode);
  if (m === 'raise') return ops.RAISE;
  if (m === 'wrap') return { mode: 'wrap' };
  if (m === 'clip') return { mode: 'clip-raw' };
  throw pyError('ValueError', `clipmode must be one of 'clip', 'raise', or 'wrap' (got '${m}')`);
}
