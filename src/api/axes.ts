// An axis argument normalized (negative counts from the end) and checked, out-of-range axes
// reported in the library's own words.
import { pyError } from './errors.js';
import type { Library } from './lib/library.js';

export function axisOf(lib: Library, axis: number, ndim: number): number {
  if (!Number.isInteger(axis)) throw pyError('TypeError', `'float' object cannot be interpreted as an integer`);
  const a = axis < 0 ? axis + ndim : axis;
  if (a >= 0 && a < ndim) return a;
  switch (lib.name) {
    case 'torch': {
      const n = Math.max(ndim, 1);
      if (a >= 0 && a < n) return a;
      throw pyError('IndexError', `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${axis})`);
    }
    case 'jax': throw pyError('ValueError', `axis ${axis} is out of bounds for array of dimension ${ndim}`);
    case 'tensorflow': throw pyError('InvalidArgumentError', `Expected axis in the range [${-ndim}, ${ndim}), but got ${axis}`);
    default: throw pyError('AxisError', `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
}
