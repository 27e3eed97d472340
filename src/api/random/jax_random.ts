// jax.random over threefry2x32 keys: PRNGKey/key, split, fold_in, random bits (the partitionable
// stream, JAX's default since 0.5, and the original one), and the samplers built on them as JAX writes
// them. Keys are raw uint32 data: a Uint32Array of 2 words per key.

import { threefry2x32 } from './threefry.js';
import { XLA_F32, erfInv32, erfInv64, erf32, erf64 } from './xla_math.js';
import { simdErfInvSqrt2 } from '../../kernels/simd.js';
import { f32, f32FromBits, f64FromBits } from './float32.js';
import { jaxCheckChoice, jaxCheckKey, jaxCheckSeed, jaxCheckShape, RandomError } from './errors.js';
import * as libm from './libm.js';

export interface JaxOptions {
  /** jax_threefry_partitionable (default true, as in JAX >= 0.5). */
  partitionable?: boolean;
  /** jax_enable_x64: 64-bit seeds keep their high word; default false. */
  x64?: boolean;
}

/** Global defaults the options fall back to. */
export const JAX_CONFIG: Required<JaxOptions> = { partitionable: true, x64: false };

const part = (o: JaxOptions): boolean => o.partitionable ?? JAX_CONFIG.partitionable;
const prod = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export type JaxKey = Uint32Array;

function checkKey(key: JaxKey): void {
  jaxCheckKey([key.length], 'uint32');
  if (key.length !== 2) throw new RandomError('ValueError', `jax.random functions accept a single key, but was given a key array of shape (${key.length / 2},) != (). Use jax.vmap for batching.`);
}

/**
 * PRNGKey(seed) / key_data(key(seed)): [seed >> 32, seed & 0xffffffff]. Without x64 the seed is first
 * converted to int32 (so negative seeds and seeds >= 2^32 wrap and the high word is 0).
 */
export function PRNGKey(seed: number | bigint, o: JaxOptions = {}): JaxKey {
  jaxCheckSeed(seed);
  let s = BigInt(seed);
  if (!(o.x64 ?? JAX_CONFIG.x64)) s = BigInt.asIntN(32, s);
  const hi = (o.x64 ?? JAX_CONFIG.x64) ? Number(BigInt.asUintN(32, s >> 32n)) : 0;
  return Uint32Array.of(hi, Number(BigInt.asUintN(32, s)));
}

/** jax.random.key(seed): the same data (the typed-key wrapper belongs to the facade). */
export const key = PRNGKey;

/** key_data: the raw words. */
export function keyData(key: JaxKey): Uint32Array {
  return key.slice();
}

/**
 * threefry_2x32(key, count) over a flat count array, as JAX's original (non-partitionable) code does:
 * pad to even length, hash the first half against the second, concatenate.
 */
export function threefryCounts(key: JaxKey, count: Uint32Array): Uint32Array {
  const n = count.length;
  const half = Math.ceil(n / 2);
  const x0 = count.slice(0, half);
  const x1 = new Uint32Array(half);
  x1.set(count.subarray(half));
  threefry2x32(key[0], key[1], x0, x1);
  const out = new Uint32Array(n);
  out.set(x0.subarray(0, Math.min(half, n)));
  out.set(x1.subarray(0, n - half), half);
  return out;
}

/** The partitionable hash of the 64-bit iota: (bits1, bits2) for counter i = (hi 0, lo i). */
function threefryIota(key: JaxKey, n: number): [Uint32Array, Uint32Array] {
  const hi = new Uint32Array(n), lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) { hi[i] = Math.floor(i / 4294967296); lo[i] = i >>> 0; }
  threefry2x32(key[0], key[1], hi, lo);
  return [hi, lo];
}

/** split(key, num): num (or a shape of) new keys, flat as [k0, k1, k0, k1, ...]. */
export function split(key: JaxKey, num: number | readonly number[] = 2, o: JaxOptions = {}): JaxKey {
  checkKey(key);
  const shape = typeof num === 'number' ? [num] : num;
  jaxCheckShape('split', shape);
  const n = prod(shape);
  const out = new Uint32Array(2 * n);
  if (part(o)) {
    const [b1, b2] = threefryIota(key, n);
    for (let i = 0; i < n; i++) { out[2 * i] = b1[i]; out[2 * i + 1] = b2[i]; }
  } else {
    const counts = new Uint32Array(2 * n);
    for (let i = 0; i < 2 * n; i++) counts[i] = i;
    out.set(threefryCounts(key, counts));
  }
  return out;
}

/** The i-th key of a flat key array. */
export function keyAt(keys: JaxKey, i: number): JaxKey {
  return keys.slice(2 * i, 2 * i + 2);
}

/** fold_in(key, data): threefry_2x32(key, [0, uint32(data)]). */
export function foldIn(key: JaxKey, data: number | bigint): JaxKey {
  checkKey(key);
  const d = Number(BigInt.asUintN(32, BigInt(data)));
  return threefryCounts(key, Uint32Array.of(0, d));
}

export type BitWidth = 8 | 16 | 32 | 64;
export type BitsArray = Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

/** random_bits(key, bit_width, shape), in both streams. */
export function randomBits(key: JaxKey, bitWidth: BitWidth, shape: readonly number[], o: JaxOptions = {}): BitsArray {
  checkKey(key);
  jaxCheckShape('bits', shape);
  const n = prod(shape);
  if (part(o)) {
    const [b1, b2] = threefryIota(key, n);
    switch (bitWidth) {
      case 64: return BigUint64Array.from(b1, (h, i) => (BigInt(h) << 32n) | BigInt(b2[i]));
      case 32: { for (let i = 0; i < n; i++) b1[i] ^= b2[i]; return b1; }
      case 16: return Uint16Array.from(b1, (h, i) => (h ^ b2[i]) & 0xffff);
      case 8: return Uint8Array.from(b1, (h, i) => (h ^ b2[i]) & 0xff);
    }
  }
  const maxCount = Math.ceil((bitWidth * n) / 32);
  if (maxCount >= 0xffffffff) throw new RandomError('NotImplementedError', 'random bits of more than 2^32 - 1 words are not reproduced');
  const counts = new Uint32Array(maxCount);
  for (let i = 0; i < maxCount; i++) counts[i] = i;
  const bits = threefryCounts(key, counts);
  switch (bitWidth) {
    case 32: return bits;
    case 64: {
      const h = maxCount / 2;
      return BigUint64Array.from({ length: h }, (_, i) => (BigInt(bits[i]) << 32n) | BigInt(bits[h + i]));
    }
    case 16: return Uint16Array.from({ length: n }, (_, i) => (bits[i >>> 1] >>> (16 * (i & 1))) & 0xffff);
    case 8: return Uint8Array.from({ length: n }, (_, i) => (bits[i >>> 2] >>> (8 * (i & 3))) & 0xff);
  }
}

/** jax.random.bits(key, shape, dtype). */
export function bits(key: JaxKey, shape: readonly number[] = [], dtype: 'uint8' | 'uint16' | 'uint32' | 'uint64' = 'uint32', o: JaxOptions = {}): BitsArray {
  const w = { uint8: 8, uint16: 16, uint32: 32, uint64: 64 }[dtype] as BitWidth;
  return randomBits(key, w, shape, o);
}

export type JaxFloat = 'float32' | 'float64';

/**
 * uniform(key, shape, dtype, minval, maxval): random mantissa bits under the exponent of 1.0, minus 1,
 * scaled into [minval, maxval) in the dtype, and clamped below by minval.
 */
export function uniform(key: JaxKey, shape: readonly number[] = [], dtype: JaxFloat = 'float32', minval: number | ArrayLike<number> = 0, maxval: number | ArrayLike<number> = 1, o: JaxOptions = {}): Float32Array | Float64Array {
  const n = prod(shape);
  const at = (v: number | ArrayLike<number>, i: number): number => (typeof v === 'number' ? v : v[i]);
  if (dtype === 'float32') {
    const b = randomBits(key, 32, shape, o) as Uint32Array;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const lo = f32(at(minval, i)), hi = f32(at(maxval, i));
      const fl = f32(f32FromBits((b[i] >>> 9) | 0x3f800000) - 1);
      out[i] = Math.max(lo, f32(f32(fl * f32(hi - lo)) + lo));
    }
    return out;
  }
  const b = randomBits(key, 64, shape, o) as BigUint64Array;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = at(minval, i), hi = at(maxval, i);
    const m = b[i] >> 12n;
    const fl = f64FromBits(0x3ff00000 | Number(m >> 32n), Number(m & 0xffffffffn)) - 1;
    out[i] = Math.max(lo, fl * (hi - lo) + lo);
  }
  return out;
}

/** normal(key, shape, dtype): sqrt(2) * erf_inv(u) with u uniform in (-1, 1). */
export function normal(key: JaxKey, shape: readonly number[] = [], dtype: JaxFloat = 'float32', o: JaxOptions = {}): Float32Array | Float64Array {
  if (dtype === 'float32') {
    const lo = f32FromBits(0xbf7fffff); // nextafter(-1, 0)
    const u = uniform(key, shape, 'float32', lo, 1, o) as Float32Array;
    const s2 = f32(Math.SQRT2);
    if (u.length >= 64 && XLA_F32.fma && XLA_F32.log1p === 'xla') {
      // The module's four lanes at a time (the same steps), and here the few it could not certify.
      const out = new Float32Array(u.length);
      const doubts = simdErfInvSqrt2(u, out, s2);
      if (doubts !== null) {
        for (const i of doubts) out[i] = f32(s2 * erfInv32(u[i]));
        return out;
      }
    }
    for (let i = 0; i < u.length; i++) u[i] = f32(s2 * erfInv32(u[i]));
    return u;
  }
  const lo = f64FromBits(0xbfefffff, 0xffffffff);
  const u = uniform(key, shape, 'float64', lo, 1, o) as Float64Array;
  for (let i = 0; i < u.length; i++) u[i] = Math.SQRT2 * erfInv64(u[i]);
  return u;
}

/**
 * truncated_normal(key, lower, upper, shape, dtype): sqrt(2) erf_inv of a uniform between
 * erf(lower / sqrt 2) and erf(upper / sqrt 2), clipped strictly inside (lower, upper).
 */
export function truncatedNormal(key: JaxKey, lower: number, upper: number, shape: readonly number[] = [], dtype: JaxFloat = 'float32', o: JaxOptions = {}): Float32Array | Float64Array {
  if (dtype === 'float32') {
    const s2 = f32(Math.SQRT2);
    const lo = f32(lower), hi = f32(upper);
    const a = erf32(f32(lo / s2)), b = erf32(f32(hi / s2));
    const u = uniform(key, shape, 'float32', a, b, o) as Float32Array;
    const lo1 = nextAfter32(lo, Infinity), hi1 = nextAfter32(hi, -Infinity);
    for (let i = 0; i < u.length; i++) u[i] = Math.min(Math.max(f32(s2 * erfInv32(u[i])), lo1), hi1);
    return u;
  }
  const a = erf64(lower / Math.SQRT2), b = erf64(upper / Math.SQRT2);
  const u = uniform(key, shape, 'float64', a, b, o) as Float64Array;
  const lo1 = nextAfter64(lower, Infinity), hi1 = nextAfter64(upper, -Infinity);
  for (let i = 0; i < u.length; i++) u[i] = Math.min(Math.max(Math.SQRT2 * erfInv64(u[i]), lo1), hi1);
  return u;
}

function nextAfter32(x: number, to: number): number {
  if (Number.isNaN(x) || x === to) return x;
  if (x === 0) return to > 0 ? f32FromBits(1) : f32FromBits(0x80000001);
  const b = new Uint32Array(Float32Array.of(x).buffer)[0];
  return f32FromBits((x < to) === (x > 0) ? b + 1 : b - 1);
}

function nextAfter64(x: number, to: number): number {
  if (Number.isNaN(x) || x === to || !Number.isFinite(x)) return x;
  const v = new BigInt64Array(Float64Array.of(x).buffer)[0];
  if (x === 0) return to > 0 ? 5e-324 : -5e-324;
  const r = (x < to) === (x > 0) ? v + 1n : v - 1n;
  return new Float64Array(BigInt64Array.of(r).buffer)[0];
}

export type JaxInt = 'int32' | 'int64' | 'int16' | 'int8' | 'uint32' | 'uint64' | 'uint16' | 'uint8';
const INT_BITS: Record<JaxInt, number> = { int8: 8, uint8: 8, int16: 16, uint16: 16, int32: 32, uint32: 32, int64: 64, uint64: 64 };
const INT_LIMITS: Record<JaxInt, [bigint, bigint]> = {
  int8: [-128n, 127n], uint8: [0n, 255n], int16: [-32768n, 32767n], uint16: [0n, 65535n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n], uint32: [0n, 2n ** 32n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n],
};

export type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/**
 * randint(key, shape, minval, maxval, dtype): two streams of bits from split(key), combined into
 * (hi % span * (2^nbits % span) + lo % span) % span, as JAX reduces double-width randomness.
 */
export function randint(key: JaxKey, shape: readonly number[], minval: number | bigint, maxval: number | bigint, dtype: JaxInt = 'int32', o: JaxOptions = {}): IntArray {
  checkKey(key);
  const nbits = INT_BITS[dtype];
  const [tmin, tmax] = INT_LIMITS[dtype];
  const clip = (v: bigint): bigint => (v < tmin ? tmin : v > tmax ? tmax : v);
  const maxRaw = BigInt(maxval);
  const maxOut = maxRaw > tmax;
  const lo = clip(BigInt(minval)), hi = clip(maxRaw);
  const keys = split(key, 2, o);
  const w = Math.max(nbits, 8) as BitWidth;
  const higher = randomBits(keyAt(keys, 0), w, shape, o);
  const lower = randomBits(keyAt(keys, 1), w, shape, o);
  let span = BigInt.asUintN(nbits, hi - lo);
  if (hi <= lo) span = 1n;
  if (maxOut && hi > lo) span = BigInt.asUintN(nbits, span + 1n);
  const n = prod(shape);
  const out = allocInt(dtype, n);
  // span 0 (the full range) makes the remainders no-ops, as unsigned `rem` by 0 does in XLA.
  const rem = (a: bigint): bigint => (span === 0n ? a : a % span);
  let mult = rem(1n << BigInt(nbits / 2));
  mult = rem(BigInt.asUintN(nbits, mult * mult));
  for (let i = 0; i < n; i++) {
    const h = BigInt(higher[i]), l = BigInt(lower[i]);
    const off = rem(BigInt.asUintN(nbits, BigInt.asUintN(nbits, rem(h) * mult) + rem(l)));
    const v = BigInt.asIntN(nbits, lo + off);
    (out as unknown as { [i: number]: bigint | number })[i] = nbits === 64 ? (dtype === 'uint64' ? BigInt.asUintN(64, v) : v) : Number(v);
  }
  return out;
}

function allocInt(dtype: JaxInt, n: number): IntArray {
  switch (dtype) {
    case 'int8': return new Int8Array(n);
    case 'uint8': return new Uint8Array(n);
    case 'int16': return new Int16Array(n);
    case 'uint16': return new Uint16Array(n);
    case 'int32': return new Int32Array(n);
    case 'uint32': return new Uint32Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'uint64': return new BigUint64Array(n);
  }
}

/** bernoulli(key, p, shape): uniform(key, shape, p's dtype) < p. */
export function bernoulli(key: JaxKey, p: number | ArrayLike<number> = 0.5, shape?: readonly number[], dtype: JaxFloat = 'float32', o: JaxOptions = {}): Uint8Array {
  const s = shape ?? (typeof p === 'number' ? [] : [p.length]);
  const u = uniform(key, s, dtype, 0, 1, o);
  const pr = (i: number): number => (typeof p === 'number' ? p : p[i]);
  const round = dtype === 'float32' ? f32 : (x: number) => x;
  return Uint8Array.from(u, (v, i) => (v < round(pr(i)) ? 1 : 0));
}

/**
 * The shuffle behind permutation: ceil(3 ln n / ln(2^32 - 1)) rounds of sorting by fresh 32-bit keys
 * (a stable sort, as lax.sort_key_val is on CPU).
 */
export function shuffleIndices(key: JaxKey, n: number, o: JaxOptions = {}): Int32Array {
  let x = Int32Array.from({ length: n }, (_, i) => i);
  const rounds = Math.ceil((3 * Math.log(Math.max(1, n))) / Math.log(4294967295));
  let k = key;
  for (let r = 0; r < rounds; r++) {
    const ks = split(k, 2, o);
    k = keyAt(ks, 0);
    const sortKeys = randomBits(keyAt(ks, 1), 32, [n], o) as Uint32Array;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => sortKeys[a] - sortKeys[b] || a - b);
    x = Int32Array.from(order, (i) => x[i]);
  }
  return x;
}

/** permutation(key, n): a shuffled arange(n) (int32; int64 with x64). */
export function permutation(key: JaxKey, n: number, o: JaxOptions = {}): Int32Array {
  checkKey(key);
  if (!Number.isInteger(n)) throw new RandomError('TypeError', 'x must be an integer or at least 1-dimensional');
  return shuffleIndices(key, n, o);
}

/**
 * choice(key, a, shape, replace, p) as indices into a population of n. With p and replacement: search
 * the cumulative sum for p_cuml[-1] * (1 - u); without replacement: the Gumbel top-k trick.
 */
export function choice(key: JaxKey, n: number, shape: readonly number[] = [], replace = true, p: ArrayLike<number> | null = null, dtype: JaxFloat = 'float32', o: JaxOptions = {}): Int32Array {
  checkKey(key);
  const nDraws = prod(shape);
  jaxCheckChoice(n, nDraws, replace, p === null ? null : p.length);
  if (nDraws === 0) return new Int32Array(0);
  if (p === null) {
    if (replace) return Int32Array.from(randint(key, shape, 0, n, 'int32', o) as Int32Array);
    return shuffleIndices(key, n, o).slice(0, nDraws);
  }
  const round = dtype === 'float32' ? f32 : (x: number) => x;
  if (replace) {
    const cum = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) cum[i] = s = round(s + round(p[i]));
    const u = uniform(key, shape, dtype, 0, 1, o);
    const last = cum[n - 1];
    return Int32Array.from(u, (v) => {
      const r = round(last * round(1 - v));
      // searchsorted (side='left'): the first index with cum >= r
      let a = 0, b = n;
      while (a < b) { const m = (a + b) >>> 1; if (cum[m] < r) a = m + 1; else b = m; }
      return a;
    });
  }
  // -gumbel(key, (n,)) - log(p), argsort, first nDraws
  const g = gumbel(key, [n], dtype, o);
  const score = Float64Array.from(g, (v, i) => round(-v - round(dtype === 'float32' ? libm.logf(round(p[i])) : libm.log(p[i]))));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b] || a - b);
  return Int32Array.from(order.slice(0, nDraws));
}

/** gumbel(key, shape, dtype): -log(-log(u)) with u uniform in (tiny, 1). */
export function gumbel(key: JaxKey, shape: readonly number[], dtype: JaxFloat = 'float32', o: JaxOptions = {}): Float32Array | Float64Array {
  const tiny = dtype === 'float32' ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
  const u = uniform(key, shape, dtype, tiny, 1, o);
  if (dtype === 'float32') for (let i = 0; i < u.length; i++) u[i] = -libm.logf(-libm.logf(u[i]));
  else for (let i = 0; i < u.length; i++) u[i] = -libm.log(-libm.log(u[i]));
  return u;
}
