// Pieces of numpy.random that RandomState and Generator share: the cdf search of choice with p, the
// sampling-without-replacement loop with p, and Fisher-Yates shuffles along the first axis.

import type { BitGenerator } from './numpy_bitgen.js';
import { randomInterval } from './numpy_bounded.js';

/** cumsum(p) / cdf[-1]: a sequential float64 sum, then one division per entry. */
export function normalizedCdf(p: ArrayLike<number>): Float64Array {
  const cdf = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = s = s + p[i];
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/** searchsorted(cdf, u, side='right'): the number of entries <= u. */
export function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0, hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * choice(replace=False, p=p): draw size - found uniforms, map them through the cdf with the found
 * entries zeroed, keep first occurrences of new indices, repeat until size indices are found.
 */
export function choiceNoReplaceP(p: ArrayLike<number>, size: number, uniforms: (n: number) => Float64Array): number[] {
  const q = Float64Array.from(p);
  const found: number[] = [];
  while (found.length < size) {
    const x = uniforms(size - found.length);
    for (const f of found) q[f] = 0;
    const cdf = normalizedCdf(q);
    const seen = new Set<number>();
    for (let i = 0; i < x.length; i++) {
      const k = searchRight(cdf, x[i]);
      if (!seen.has(k)) {
        seen.add(k);
        found.push(k);
      }
    }
  }
  return found;
}

/**
 * In-place shuffle of `rows` rows of `rowSize` elements: for i from rows-1 down to 1, swap row i with
 * row random_interval(i). Both RandomState and Generator shuffle this way.
 */
export function shuffleRows<T extends { [i: number]: unknown; length: number }>(bg: BitGenerator, x: T, rowSize = 1): T {
  const rows = rowSize === 0 ? 0 : Math.floor(x.length / rowSize);
  for (let i = rows - 1; i >= 1; i--) {
    const j = randomInterval(bg, i);
    if (i === j) continue;
    for (let k = 0; k < rowSize; k++) {
      const t = x[j * rowSize + k];
      x[j * rowSize + k] = x[i * rowSize + k];
      x[i * rowSize + k] = t;
    }
  }
  return x;
}
