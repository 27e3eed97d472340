// Sorting by least-significant-digit radix sort over the values' bits, 11 bits a pass: linear time
// (3 passes for 32-bit values, 6 for float64; a pass whose digit is the same for every key is
// skipped). It is stable, so it gives the permutation a stable sort gives, and, when no two values
// compare equal, the one permutation every sort gives. src/ops/sorting.ts keeps its comparison sorts
// (NumPy's introsort, libstdc++'s std::sort, heapsort) for lanes where the order of equal values is
// theirs to decide.
import type { TensorData } from '../tensor/dtype.js';

const BITS = 11, BUCKETS = 1 << BITS, MASK = BUCKETS - 1, DIGITS = 3;

/** Below this many elements a comparison sort is as fast (the histograms cost 2048 steps a pass). */
export const RADIX_MIN = 256;

/**
 * Unsigned keys ordered as the values are: `hi` for every element and, for float64, `lo` below it.
 * NaN is after every number (before it when `desc`), as NumPy and PyTorch order them. With
 * `canonical`, -0 and 0 get one key and every NaN another (they compare equal in a sort); without it
 * each value's bits decide, so keys decode back to the same bits (valuesFromKeys).
 */
export interface SortKeys { hi: Uint32Array; lo: Uint32Array | null }

export function sortKeys(values: TensorData, desc: boolean, canonical: boolean): SortKeys {
  const n = values.length;
  const hi = new Uint32Array(n);
  let lo: Uint32Array | null = null;
  if (values instanceof Float32Array) {
    const bits = new Uint32Array(values.buffer, values.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      hi[i] = canonical && v !== v ? 0xffffffff : canonical && v === 0 ? 0x80000000 : floatKey(bits[i]);
    }
  } else if (values instanceof Float64Array) {
    lo = new Uint32Array(n);
    const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (canonical && v !== v) { hi[i] = 0xffffffff; lo[i] = 0xffffffff; continue; }
      if (canonical && v === 0) { hi[i] = 0x80000000; lo[i] = 0; continue; }
      const h = bits[2 * i + 1], l = bits[2 * i];
      // Negative numbers: every bit flipped, so larger magnitudes come first.
      if (h & 0x80000000) { hi[i] = ~h >>> 0; lo[i] = ~l >>> 0; } else { hi[i] = (h | 0x80000000) >>> 0; lo[i] = l; }
    }
  } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    // 64-bit integers by their two words (little-endian), int64's high word offset as int32's is.
    lo = new Uint32Array(n);
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    const sign = values instanceof BigInt64Array ? 0x80000000 : 0;
    for (let i = 0; i < n; i++) { lo[i] = words[2 * i]; hi[i] = (words[2 * i + 1] ^ sign) >>> 0; }
  } else {
    // Signed integers are offset by their type's minimum; unsigned ones (and bool) are their own keys.
    const offset = values instanceof Int32Array ? 0x80000000 : values instanceof Int16Array ? 0x8000 : values instanceof Int8Array ? 0x80 : 0;
    for (let i = 0; i < n; i++) hi[i] = (values[i] + offset) >>> 0;
  }
  if (desc) {
    for (let i = 0; i < n; i++) hi[i] = ~hi[i] >>> 0;
    if (lo !== null) for (let i = 0; i < n; i++) lo[i] = ~lo[i] >>> 0;
  }
  return { hi, lo };
}

/** A float32's bits as a key: negative numbers flipped whole, the others with the sign bit set. */
function floatKey(b: number): number {
  return (b & 0x80000000 ? ~b : b | 0x80000000) >>> 0;
}

/** The inverse of floatKey. */
function keyFloat(k: number): number {
  return (k & 0x80000000 ? k & 0x7fffffff : ~k) >>> 0;
}

/**
 * The stable permutation sorting `keys`, and, when two keys are equal, each element's rank among the
 * distinct keys (equal keys share one): comparing ranks is comparing keys, in one int32 each.
 */
export function radixArgsort(keys: SortKeys): { perm: Int32Array; ranks: Int32Array | null } {
  const { hi, lo } = keys;
  const n = hi.length, words = lo === null ? 1 : 2, stride = words + 1;
  // Records of the key's words (least significant first) and the index: a pass writes one stream a bucket.
  const rec = new Uint32Array(n * stride);
  for (let i = 0, r = 0; i < n; i++, r += stride) {
    if (lo === null) rec[r] = hi[i];
    else { rec[r] = lo[i]; rec[r + 1] = hi[i]; }
    rec[r + words] = i;
  }
  const sorted = sortRecords(rec, stride, lo === null ? [hi] : [lo, hi]);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = sorted[i * stride + words];
  const same = (r: number) => sorted[r] === sorted[r - stride] && (words === 1 || sorted[r + 1] === sorted[r + 1 - stride]);
  let r = stride;
  while (r < n * stride && !same(r)) r += stride;
  if (r >= n * stride) return { perm, ranks: null };
  const ranks = new Int32Array(n);
  for (let i = 1, rank = 0; i < n; i++) {
    if (!same(i * stride)) rank++;
    ranks[perm[i]] = rank;
  }
  return { perm, ranks };
}

/**
 * Sorts `values` in place (ascending, or descending with `desc`): the keys of their bits sorted and
 * decoded back, so every value keeps its bits. Equal values are indistinguishable except zeros of
 * both signs and NaNs (ordered here by their bits): a caller that cares sorts those otherwise.
 */
export function radixSortValues(values: TensorData, desc: boolean): void {
  const { hi, lo } = sortKeys(values, desc, false);
  if (lo === null) {
    decode(values, sortRecords(hi, 1, [hi]), 1, desc);
  } else {
    const n = hi.length, rec = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) { rec[2 * i] = lo[i]; rec[2 * i + 1] = hi[i]; }
    decode(values, sortRecords(rec, 2, [lo, hi]), 2, desc);
  }
}

/**
 * Records of `stride` words sorted by their first `keyWords.length` words (the key, least significant
 * first; `keyWords` holds the same words by element, for the histograms): the array holding the result.
 */
function sortRecords(rec: Uint32Array, stride: number, keyWords: Uint32Array[]): Uint32Array {
  const n = rec.length / stride;
  const counts = histograms(keyWords);
  let src = rec, dst: Uint32Array = new Uint32Array(rec.length);
  for (let w = 0; w < keyWords.length; w++) {
    for (let d = 0; d < DIGITS; d++) {
      const at = startOffsets(counts, (w * DIGITS + d) * BUCKETS, n);
      if (at === null) continue;
      const shift = d * BITS;
      if (stride === 1) scatter1(src, dst, shift, at);
      else if (stride === 2) scatter2(src, dst, w, shift, at);
      else scatter3(src, dst, w, shift, at);
      [src, dst] = [dst, src];
    }
  }
  return src;
}

/** values[i] = the value whose key is record i of `rec` (sortKeys without `canonical`, inverted). */
function decode(values: TensorData, rec: Uint32Array, stride: number, desc: boolean): void {
  const n = values.length;
  const flip = desc ? 0xffffffff : 0;
  if (values instanceof Float32Array) {
    const bits = new Uint32Array(values.buffer, values.byteOffset, n);
    for (let i = 0; i < n; i++) bits[i] = keyFloat((rec[i] ^ flip) >>> 0);
  } else if (values instanceof Float64Array) {
    const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const l = (rec[stride * i] ^ flip) >>> 0, h = (rec[stride * i + 1] ^ flip) >>> 0;
      if (h & 0x80000000) { bits[2 * i + 1] = h & 0x7fffffff; bits[2 * i] = l; } else { bits[2 * i + 1] = ~h; bits[2 * i] = ~l; }
    }
  } else if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    const sign = values instanceof BigInt64Array ? 0x80000000 : 0;
    for (let i = 0; i < n; i++) { words[2 * i] = rec[2 * i] ^ flip; words[2 * i + 1] = rec[2 * i + 1] ^ flip ^ sign; }
  } else {
    const offset = values instanceof Int32Array ? 0x80000000 : values instanceof Int16Array ? 0x8000 : values instanceof Int8Array ? 0x80 : 0;
    for (let i = 0; i < n; i++) values[i] = ((rec[i] ^ flip) >>> 0) - offset;
  }
}

/** Each word's three digit histograms, counted in one read. */
function histograms(words: Uint32Array[]): Int32Array {
  const counts = new Int32Array(words.length * DIGITS * BUCKETS);
  words.forEach((word, w) => {
    const c0 = w * DIGITS * BUCKETS, c1 = c0 + BUCKETS, c2 = c1 + BUCKETS;
    for (let i = 0; i < word.length; i++) {
      const k = word[i];
      counts[c0 + (k & MASK)]++;
      counts[c1 + ((k >>> BITS) & MASK)]++;
      counts[c2 + (k >>> (2 * BITS))]++;
    }
  });
  return counts;
}

/** Each bucket's first position (the histogram at `at`, summed in place), or null when one bucket holds all n. */
function startOffsets(counts: Int32Array, at: number, n: number): Int32Array | null {
  const h = counts.subarray(at, at + BUCKETS);
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = h[b];
    if (c === n) return null;
    h[b] = sum;
    sum += c;
  }
  return h;
}

function scatter1(src: Uint32Array, dst: Uint32Array, shift: number, at: Int32Array): void {
  for (let i = 0; i < src.length; i++) {
    const key = src[i];
    dst[at[(key >>> shift) & MASK]++] = key;
  }
}

/** One pass over records of two words, by digit `shift` of word `w`. */
function scatter2(src: Uint32Array, dst: Uint32Array, w: number, shift: number, at: Int32Array): void {
  for (let r = 0; r < src.length; r += 2) {
    const p = 2 * at[(src[r + w] >>> shift) & MASK]++;
    dst[p] = src[r];
    dst[p + 1] = src[r + 1];
  }
}

function scatter3(src: Uint32Array, dst: Uint32Array, w: number, shift: number, at: Int32Array): void {
  for (let r = 0; r < src.length; r += 3) {
    const p = 3 * at[(src[r + w] >>> shift) & MASK]++;
    dst[p] = src[r];
    dst[p + 1] = src[r + 1];
    dst[p + 2] = src[r + 2];
  }
}
