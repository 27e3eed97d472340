// numpy.random.RandomState (NumPy 1.24), the legacy API behind np.random.seed/rand/randn/...: MT19937
// with the legacy seeding, 53-bit doubles from two draws, the polar Box-Muller with its cached second
// value, and masked rejection for bounded integers.

import { NumpyMT19937 } from './numpy_bitgen.js';
import { boundedIntegers, numpyIntAlloc, type NumpyIntArray, type NumpyIntDType } from './numpy_bounded.js';
import { choiceNoReplaceP, normalizedCdf, searchRight, shuffleRows } from './numpy_choice.js';
import {
  numpyCheckChoice, numpyCheckNonNegative, numpyCheckPermutation, numpyCheckSize, numpyCheckUniform, numpyLegacySeed,
  RandomError,
} from './errors.js';
import * as libm from './libm.js';

/** get_state(): ('MT19937', key, pos, has_gauss, cached_gaussian). */
export interface LegacyState {
  key: Uint32Array;
  pos: number;
  hasGauss: number;
  gauss: number;
}

export class RandomState {
  readonly bitGenerator = new NumpyMT19937();
  private hasGauss = false;
  private gauss = 0;

  constructor(seed?: number | bigint | ArrayLike<number | bigint>) {
    this.seed(seed);
  }

  /** seed(seed): an int in [0, 2^32) (init_genrand) or a 1-d array of them (init_by_array). */
  seed(seed?: number | bigint | ArrayLike<number | bigint>): void {
    if (seed === undefined || seed === null) {
      const w = new Uint32Array(624);
      globalThis.crypto.getRandomValues(w);
      this.bitGenerator.seedByArray(w);
    } else {
      numpyLegacySeed(seed);
      if (typeof seed === 'number' || typeof seed === 'bigint') this.bitGenerator.seedLegacy(Number(seed));
      else this.bitGenerator.seedByArray(Array.from(seed, (v) => Number(v)));
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  getState(): LegacyState {
    return { key: this.bitGenerator.key.slice(), pos: this.bitGenerator.pos, hasGauss: this.hasGauss ? 1 : 0, gauss: this.gauss };
  }

  /** set_state((name, key, pos[, has_gauss, gauss])). */
  setState(s: { key: ArrayLike<number>; pos: number; hasGauss?: number; gauss?: number }, name = 'MT19937'): void {
    if (name !== 'MT19937') throw new RandomError('ValueError', 'set_state can only be used with legacy MT19937state instances.');
    if (s.key.length !== 624) throw new RandomError('ValueError', 'state must be 624 elements');
    this.bitGenerator.setState({ key: Uint32Array.from(s.key), pos: s.pos });
    this.hasGauss = (s.hasGauss ?? 0) !== 0;
    this.gauss = s.gauss ?? 0;
  }

  /** random_sample / random / rand. */
  randomSample(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.bitGenerator.nextDouble();
    return out;
  }

  random(n: number): Float64Array {
    return this.randomSample(n);
  }

  /** rand(d0, d1, ...). */
  rand(...dims: number[]): Float64Array {
    return this.randomSample(numpyCheckSize(dims));
  }

  /** legacy_gauss: the polar method; the second value of each pair is kept for the next call. */
  gaussOne(): number {
    if (this.hasGauss) {
      const t = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return t;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.bitGenerator.nextDouble() - 1;
      x2 = 2 * this.bitGenerator.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * libm.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** standard_normal / randn. */
  standardNormal(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.gaussOne();
    return out;
  }

  randn(...dims: number[]): Float64Array {
    return this.standardNormal(numpyCheckSize(dims));
  }

  /** normal(loc, scale, size): loc + scale * gauss. */
  normal(loc: number, scale: number, n: number): Float64Array {
    numpyCheckNonNegative(scale, 'scale');
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = loc + scale * this.gaussOne();
    return out;
  }

  /** uniform(low, high, size): low + (high - low) * u; the legacy API allows low > high. */
  uniform(low: number, high: number, n: number): Float64Array {
    numpyCheckUniform(low, high, true);
    const range = high - low;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + range * this.bitGenerator.nextDouble();
    return out;
  }

  /** randint(low, high=None, size, dtype): masked rejection sampling on [low, high). */
  randint(low: number | bigint, high: number | bigint | null, n: number, dtype: NumpyIntDType = 'int64'): NumpyIntArray {
    if (high === null) { high = low; low = 0; }
    return boundedIntegers(this.bitGenerator, low, high, n, dtype, true);
  }

  /** shuffle(x) in place along the first axis (rowSize elements per row). */
  shuffle<T extends { [i: number]: unknown; length: number }>(x: T, rowSize = 1): T {
    return shuffleRows(this.bitGenerator, x, rowSize);
  }

  /** permutation(n): a shuffled arange(n) (int64). */
  permutation(n: number): BigInt64Array {
    if (!Number.isInteger(n)) numpyCheckPermutation(0);
    const idx = new Float64Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    shuffleRows(this.bitGenerator, idx);
    return BigInt64Array.from(idx, (v) => BigInt(v));
  }

  /**
   * choice(a, size, replace, p) as indices into a (a is the population size here): int64 indices.
   * With replacement and p, searchsorted over the normalised cdf; without p, randint; without
   * replacement, the first `size` of a permutation or NumPy's repeated-draw loop with p.
   */
  choice(popSize: number, size: number, replace = true, p: ArrayLike<number> | null = null): BigInt64Array {
    numpyCheckChoice(popSize, size, replace, p, true);
    if (replace) {
      if (p !== null) {
        const cdf = normalizedCdf(p);
        const u = this.randomSample(size);
        return BigInt64Array.from(u, (v) => BigInt(searchRight(cdf, v)));
      }
      return this.randint(0, popSize, size, 'int64') as BigInt64Array;
    }
    if (p !== null) return BigInt64Array.from(choiceNoReplaceP(p, size, (k) => this.randomSample(k)), (v) => BigInt(v));
    return this.permutation(popSize).slice(0, size);
  }

  /** tomaxint(size): non-negative int64 (next_uint64 >> 1). */
  tomaxint(n: number): NumpyIntArray {
    const out = numpyIntAlloc('int64', n) as BigInt64Array;
    const w: [number, number] = [0, 0];
    for (let i = 0; i < n; i++) {
      this.bitGenerator.nextUint64(w);
      out[i] = ((BigInt(w[0]) << 32n) | BigInt(w[1])) >> 1n;
    }
    return out;
  }
}
