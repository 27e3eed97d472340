// numpy.random.Generator (NumPy 1.24) over a bit generator, PCG64 by default (default_rng): 53-bit and
// 24-bit uniforms, the ziggurat normal, Lemire's bounded integers, and choice/permutation/shuffle.

import { PCG64, type BitGenerator } from './numpy_bitgen.js';
import { SeedSequence, type Entropy } from './seed_sequence.js';
import { boundedIntegers, boundedLemire, genMask, type NumpyIntArray, type NumpyIntDType } from './numpy_bounded.js';
import { choiceNoReplaceP, normalizedCdf, searchRight, shuffleRows } from './numpy_choice.js';
import { nextFloat, standardNormal, standardNormalF } from './ziggurat.js';
import { numpyCheckChoice, numpyCheckNonNegative, numpyCheckUniform, RandomError } from './errors.js';

export type NumpyFloatDType = 'float64' | 'float32';

/** default_rng(seed): a Generator over PCG64 seeded through SeedSequence(seed). */
export function defaultRng(seed?: Entropy | SeedSequence): Generator {
  if (seed === undefined) {
    const w = new Uint32Array(4);
    globalThis.crypto.getRandomValues(w);
    seed = Array.from(w);
  }
  return new Generator(new PCG64(seed instanceof SeedSequence ? seed : new SeedSequence(seed)));
}

export class Generator {
  constructor(readonly bitGenerator: BitGenerator) {}

  /** random(size, dtype): doubles from 53 bits, floats from 24 bits of a 32-bit draw. */
  random(n: number, dtype: NumpyFloatDType = 'float64'): Float64Array | Float32Array {
    const bg = this.bitGenerator;
    if (dtype === 'float32') {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = nextFloat(bg);
      return out;
    }
    if (dtype !== 'float64') throw new RandomError('TypeError', `Unsupported dtype dtype('${dtype}') for random`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) { bg.reserve?.(n - i); out[i] = bg.nextDouble(); }
    return out;
  }

  /** standard_normal(size, dtype): the ziggurat. */
  standardNormal(n: number, dtype: NumpyFloatDType = 'float64'): Float64Array | Float32Array {
    const bg = this.bitGenerator;
    if (dtype === 'float32') {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = standardNormalF(bg);
      return out;
    }
    if (dtype !== 'float64') throw new RandomError('TypeError', `Unsupported dtype dtype('${dtype}') for standard_normal`);
    const out = new Float64Array(n);
    // Each sample draws one output or more: the n - i still to come are certainly drawn.
    for (let i = 0; i < n; i++) { bg.reserve?.(n - i); out[i] = standardNormal(bg); }
    return out;
  }

  /** normal(loc, scale, size): loc + scale * z. */
  normal(loc: number, scale: number, n: number): Float64Array {
    numpyCheckNonNegative(scale, 'scale');
    const out = new Float64Array(n), bg = this.bitGenerator;
    for (let i = 0; i < n; i++) { bg.reserve?.(n - i); out[i] = loc + scale * standardNormal(bg); }
    return out;
  }

  /** uniform(low, high, size): low + (high - low) * u, high - low must be >= 0. */
  uniform(low: number, high: number, n: number): Float64Array {
    numpyCheckUniform(low, high, false);
    const range = high - low, bg = this.bitGenerator;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) { bg.reserve?.(n - i); out[i] = low + range * bg.nextDouble(); }
    return out;
  }

  /** integers(low, high=None, size, dtype, endpoint): Lemire's method. */
  integers(low: number | bigint, high: number | bigint | null, n: number, dtype: NumpyIntDType = 'int64', endpoint = false): NumpyIntArray {
    if (high === null) { high = low; low = 0; }
    return boundedIntegers(this.bitGenerator, low, high, n, dtype, false, endpoint);
  }

  /** shuffle(x) in place along the first axis (rowSize elements per row). */
  shuffle<T extends { [i: number]: unknown; length: number }>(x: T, rowSize = 1): T {
    return shuffleRows(this.bitGenerator, x, rowSize);
  }

  /** permutation(n): a shuffled arange(n) (int64). */
  permutation(n: number): BigInt64Array {
    const idx = new Float64Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    shuffleRows(this.bitGenerator, idx);
    return BigInt64Array.from(idx, (v) => BigInt(v));
  }

  /**
   * choice(a, size, replace, p, shuffle) as int64 indices into a population of popSize. Without
   * replacement and p: a partial tail shuffle for large draws, otherwise Floyd's algorithm with a
   * hash set, then (shuffle=True) a Fisher-Yates pass, as NumPy does.
   */
  choice(popSize: number, size: number, replace = true, p: ArrayLike<number> | null = null, shuffle = true): BigInt64Array {
    numpyCheckChoice(popSize, size, replace, p, false);
    const bg = this.bitGenerator;
    if (replace) {
      if (p !== null) {
        const cdf = normalizedCdf(p);
        const u = this.random(size) as Float64Array;
        return BigInt64Array.from(u, (v) => BigInt(searchRight(cdf, v)));
      }
      return this.integers(0, popSize, size, 'int64') as BigInt64Array;
    }
    if (p !== null) return BigInt64Array.from(choiceNoReplaceP(p, size, (k) => this.random(k) as Float64Array), (v) => BigInt(v));
    const cutoff = shuffle ? 50 : 20;
    if (popSize > 10000 && size > Math.floor(popSize / cutoff)) {
      const idx = new Float64Array(popSize);
      for (let i = 0; i < popSize; i++) idx[i] = i;
      shuffleInt(bg, idx, popSize, Math.max(popSize - size, 1));
      return BigInt64Array.from(idx.subarray(popSize - size), (v) => BigInt(v));
    }
    // Floyd's algorithm over a linear-probing hash set of size 2^k >= 1.2 * size
    const idx = new Float64Array(size);
    const mask = genMask(Math.floor(1.2 * size));
    const set = new Float64Array(mask + 1).fill(-1);
    for (let j = popSize - size; j < popSize; j++) {
      const val = boundedLemire(bg, j);
      let loc = val % (mask + 1);
      while (set[loc] !== -1 && set[loc] !== val) loc = (loc + 1) & mask;
      if (set[loc] === -1) {
        set[loc] = val;
        idx[j - popSize + size] = val;
      } else {
        loc = j % (mask + 1);
        while (set[loc] !== -1) loc = (loc + 1) & mask;
        set[loc] = j;
        idx[j - popSize + size] = j;
      }
    }
    if (shuffle) shuffleInt(bg, idx, size, 1);
    return BigInt64Array.from(idx, (v) => BigInt(v));
  }
}

/** _shuffle_int: swaps i with a Lemire draw in [0, i] for i from n-1 down to `first`. */
function shuffleInt(bg: BitGenerator, data: Float64Array, n: number, first: number): void {
  for (let i = n - 1; i >= first; i--) {
    const j = boundedLemire(bg, i);
    const t = data[j];
    data[j] = data[i];
    data[i] = t;
  }
}
