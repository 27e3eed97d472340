// The positions of the nonzero elements of an array, as the libraries return them: one index array
// per axis (NumPy's nonzero, torch's as_tuple), grouped per element (argwhere, torch.nonzero,
// tf.where with one argument), and JAX's fixed `size` (truncated, or padded with `fill_value`).
import * as ops from '../ops/index.js';
import { Tensor } from '../tensor/tensor.js';
import { castTo, finish } from './kinds.js';
import { pyError } from './errors.js';
import type { Library } from './lib/library.js';

/** One Int32Array per axis (a 0-d array counts as 1-d: [0] when it is nonzero). */
export function nonzeroCoords(x: Tensor): Int32Array[] {
  const b = ops.stopGradient(x.dt === 'bool' ? x : ops.not_equal(x, 0));
  if (x.dims.length === 0) return [new Int32Array(b.values[0] ? 1 : 0)];
  return ops.nonzeroIndices(b);
}

/** JAX's `size` and `fill_value` (a scalar or one per axis): each array truncated or padded to `size`. */
export function sized(coords: Int32Array[], size: unknown, fill: unknown, ndim: number): Int32Array[] {
  if (size === null || size === undefined) return coords;
  const n = Number(size);
  const fills = Array.isArray(fill) ? fill.map(Number) : new Array<number>(ndim).fill(fill === null || fill === undefined ? 0 : Number(fill));
  if (fills.length !== coords.length) throw pyError('ValueError', `fill_value must be a scalar or a tuple of length ${ndim}; got ${String(fill)}`);
  return coords.map((c, k) => Int32Array.from({ length: n }, (_, i) => (i < c.length ? c[i] : fills[k])));
}

/** The [n, ndim] array of coordinates (ndim 0 for a 0-d input: shape (1, 0) or (0, 0)). */
export function argwhereOf(lib: Library, x: Tensor, coords: Int32Array[]): Tensor {
  const nd = x.dims.length;
  const n = coords[0]?.length ?? 0;
  const out = new Int32Array(n * nd);
  for (let i = 0; i < n; i++) for (let k = 0; k < nd; k++) out[i * nd + k] = coords[k][i];
  const t = new Tensor('int32', [n, nd], out, lib.flavor);
  return finish(lib, castTo(t, lib.indexDtype), [], false);
}
