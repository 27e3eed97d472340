// The unique elements (or unique slices along an axis) of an array, found on its values: a stable
// lexicographic sort, the positions where a new value starts, and from them the first-occurrence
// indices, the inverse and the counts. The values themselves are gathered from the input, so they
// keep their derivatives (JAX's jnp.unique does; PyTorch's refuses them, see the rows).
import * as ops from '../ops/index.js';
import { Tensor } from '../tensor/tensor.js';
import { sizeOf } from '../tensor/shape.js';
import type { TensorData } from '../tensor/dtype.js';
import { RADIX_MIN, radixArgsort, sortKeys } from '../kernels/radix_sort.js';

export interface Uniques {
  /** The unique slices in sorted order, gathered from the input along the axis (the axis at 0 when moved). */
  values: Tensor;
  /** For each unique slice, the position of its first occurrence. */
  index: Int32Array;
  /** For each input slice, the position of its value among the unique ones. */
  inverse: Int32Array;
  counts: Int32Array;
}

/** Lexicographic less-than of rows (NaN after every number in each column). */
function rowLess(data: ArrayLike<unknown>, width: number): (i: number, j: number) => number {
  return (i, j) => {
    for (let k = 0; k < width; k++) {
      const a = data[i * width + k] as number, b = data[j * width + k] as number;
      if (a < b || (b !== b && a === a)) return -1;
      if (b < a || (a !== a && b === b)) return 1;
    }
    return 0;
  };
}

/**
 * Unique slices of `x` along `axis` (x already flattened to 1-D when the library's axis is None).
 * `equalNan`: NaNs count as one value (NumPy's and JAX's default), else each NaN is its own.
 */
export function uniqueAlong(x: Tensor, axis: number, equalNan: boolean): Uniques {
  const moved = axis === 0 ? x : ops.moveaxis(x, axis, 0);
  const n = moved.dims[0] ?? 1;
  const width = n === 0 ? 0 : sizeOf(moved.dims.slice(1));
  const data = ops.stopGradient(moved).values as ArrayLike<unknown>;
  let perm: ArrayLike<number>;
  let same: (i: number, j: number) => boolean;
  if (width === 1 && n >= RADIX_MIN && ArrayBuffer.isView(data)) {
    // Long lanes of single values: the radix sort's stable permutation, equal values by equal ranks.
    const sorted = radixArgsort(sortKeys(data as TensorData, false, true));
    const ranks = sorted.ranks, float = data instanceof Float32Array || data instanceof Float64Array;
    perm = sorted.perm;
    same = (i, j) => ranks !== null && ranks[i] === ranks[j] && (equalNan || !float || data[i] === data[i]);
  } else {
    perm = Array.from({ length: n }, (_, i) => i).sort(rowLess(data, width));
    same = (i, j) => {
      for (let k = 0; k < width; k++) {
        const a = data[i * width + k], b = data[j * width + k];
        if (a !== b && !(equalNan && a !== a && b !== b)) return false;
      }
      return true;
    };
  }
  const isStart = new Uint8Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) if (k === 0 || !same(perm[k - 1], perm[k])) { isStart[k] = 1; count++; }
  const index = new Int32Array(count), counts = new Int32Array(count), inverse = new Int32Array(n);
  for (let k = 0, u = -1; k < n; k++) {
    if (isStart[k]) index[++u] = perm[k];
    inverse[perm[k]] = u;
    counts[u]++;
  }
  const values = ops.gather(moved, index, 0);
  return { values: axis === 0 ? values : ops.moveaxis(values, 0, axis), index, inverse, counts };
}

/** The values in the order of their first occurrence (TensorFlow's tf.unique): y, idx and counts. */
export function uniqueFirstSeen(x: Tensor): { values: Tensor; inverse: Int32Array; counts: Int32Array } {
  const data = ops.stopGradient(x).values as ArrayLike<unknown>;
  const seen = new Map<unknown, number>();
  const firsts: number[] = [];
  const counts: number[] = [];
  const inverse = new Int32Array(x.count);
  for (let i = 0; i < x.count; i++) {
    const v = data[i];
    // Keys compare with ==, as TensorFlow's hash map does: -0.0 is 0.0, and no NaN equals another.
    let slot = v !== v ? undefined : seen.get(v === 0 ? 0 : v);
    if (slot === undefined) {
      slot = firsts.length;
      firsts.push(i);
      counts.push(0);
      if (v === v) seen.set(v === 0 ? 0 : v, slot);
    }
    inverse[i] = slot;
    counts[slot]++;
  }
  return { values: ops.gather(x, Int32Array.from(firsts), 0), inverse, counts: Int32Array.from(counts) };
}
