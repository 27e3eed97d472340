// TensorFlow's random ops on CPU over Philox: the eager seed logic of tf.random.set_seed and
// random_seed.get_seed (op seeds drawn from random.Random(global_seed) when only the global seed is
// set), the stateful kernels that keep a counter per (op, seeds, dtype) and reserve 256 samples per
// output, the stateless ops (seed scrambled into key and counter), tf.random.Generator, and the
// distributions of random_distributions.h: Uint32ToFloat, Box-Muller, truncated normal by rejection.

import { PhiloxRandom } from './philox.js';
import { PythonRandom } from './python_random.js';
import { f32, f32FromBits, f64FromBits } from './float32.js';
import { RandomError, tfCheckShape, tfCheckStatelessSeed, tfCheckUniformInt } from './errors.js';
import { simdPhilox } from '../../kernels/simd.js';
import * as libm from './libm.js';

export type TFFloat = 'float32' | 'float64';
export type TFInt = 'int32' | 'int64';
export type TFDType = TFFloat | TFInt;

export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2 ** 31 - 1;

/** seed % (2^31 - 1) with Python's sign rule. */
function truncateSeed(seed: number | bigint): number {
  const m = BigInt(seed) % BigInt(MAXINT32);
  return Number(m < 0n ? m + BigInt(MAXINT32) : m);
}

// ---------------------------------------------------------------- distributions

/** Uint32ToFloat: 23 random mantissa bits under exponent 0, minus 1. */
export function uint32ToFloat(x: number): number {
  return f32(f32FromBits((x & 0x7fffff) | 0x3f800000) - 1);
}

/** Uint64ToDouble: 52 mantissa bits from x0's low 20 bits and x1, minus 1. */
export function uint64ToDouble(x0: number, x1: number): number {
  return f64FromBits(0x3ff00000 | (x0 & 0xfffff), x1 >>> 0) - 1;
}

const EPS_F = f32(1e-7);
const BM: [number, number] = [0, 0];

/** BoxMullerFloat: [sin, cos] of 2 pi u scaled by sqrt(-2 log u'), in float with libm calls. */
export function boxMullerFloat(x0: number, x1: number, out: [number, number] = BM): [number, number] {
  let u1 = uint32ToFloat(x0);
  if (u1 < EPS_F) u1 = EPS_F;
  const v1 = f32(2 * Math.PI * uint32ToFloat(x1)); // 2.0f * M_PI is a double product
  const u2 = f32(Math.sqrt(f32(-2 * libm.logf(u1))));
  out[0] = f32(libm.sinf(v1) * u2);
  out[1] = f32(libm.cosf(v1) * u2);
  return out;
}

/** BoxMullerDouble from four words. */
export function boxMullerDouble(x0: number, x1: number, x2: number, x3: number, out: [number, number] = BM): [number, number] {
  let u1 = uint64ToDouble(x0, x1);
  if (u1 < 1e-7) u1 = 1e-7;
  const v1 = 2 * Math.PI * uint64ToDouble(x2, x3);
  const u2 = Math.sqrt(-2 * libm.log(u1));
  out[0] = libm.sin(v1) * u2;
  out[1] = libm.cos(v1) * u2;
  return out;
}

type Dist = 'uniform' | 'normal' | 'truncated_normal' | 'uniform_int' | 'uniform_full_int';
export type TFArray = Float32Array | Float64Array | Int32Array | BigInt64Array;

function alloc(dtype: TFDType, n: number): TFArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'int64': return new BigInt64Array(n);
  }
}

/**
 * FillPhiloxRandom on CPU: group g of the output comes from the generator skipped by g (one 128-bit
 * draw per group), or, for the truncated normal, skipped by g * 256 group-sizes of words and read
 * one word at a time.
 */
export function fillPhilox(base: PhiloxRandom, n: number, dist: Dist, dtype: TFDType, lo = 0n, hi = 0n): TFArray {
  const out = alloc(dtype, n);
  const s = new Uint32Array(4);
  const wide = dtype === 'float64' || dtype === 'int64';
  if (dist === 'truncated_normal') {
    const group = wide ? 2 : 4;
    const skipPerGroup = (group * 256) / 4;
    for (let g = 0; g * group < n; g++) {
      const gen = base.clone().skip(BigInt(g) * BigInt(skipPerGroup));
      let buf: Uint32Array = new Uint32Array(4), used = 4;
      const single = (): number => {
        if (used === 4) { buf = gen.next(new Uint32Array(4)); used = 0; }
        return buf[used++];
      };
      const res: number[] = [];
      while (res.length < group) {
        const v = wide ? boxMullerDouble(single(), single(), single(), single()) : boxMullerFloat(single(), single());
        if (Math.abs(v[0]) < 2) res.push(v[0]);
        if (res.length < group && Math.abs(v[1]) < 2) res.push(v[1]);
      }
      for (let i = 0; i < group && g * group + i < n; i++) out[g * group + i] = res[i];
    }
    return out;
  }
  const gen = base.clone();
  if (dist === 'normal' && !wide) {
    // The common case written straight into the output: two Box-Muller pairs per 128-bit draw, the
    // draws made by the module in one go where it is here (each steps the counter by one).
    const o = out as Float32Array, groups = Math.ceil(n / 4);
    const words = new Uint32Array(4 * groups);
    if (!simdPhilox(gen.counter, gen.key, words, groups)) for (let g = 0; g < groups; g++) words.set(gen.next(s), 4 * g);
    for (let i = 0; i < n; i += 4) {
      const a = boxMullerFloat(words[i], words[i + 1]);
      o[i] = a[0];
      if (i + 1 < n) o[i + 1] = a[1];
      if (i + 2 >= n) break;
      const b = boxMullerFloat(words[i + 2], words[i + 3]);
      o[i + 2] = b[0];
      if (i + 3 < n) o[i + 3] = b[1];
    }
    return out;
  }
  const perGroup = wide ? 2 : 4;
  const range = BigInt.asUintN(wide ? 64 : 32, hi - lo);
  for (let g = 0; g * perGroup < n; g++) {
    gen.next(s);
    const vals: (number | bigint)[] = [];
    switch (dist) {
      case 'uniform':
        if (wide) vals.push(uint64ToDouble(s[0], s[1]), uint64ToDouble(s[2], s[3]));
        else for (let i = 0; i < 4; i++) vals.push(uint32ToFloat(s[i]));
        break;
      case 'normal':
        if (wide) vals.push(...boxMullerDouble(s[0], s[1], s[2], s[3]));
        else { vals.push(...boxMullerFloat(s[0], s[1])); vals.push(...boxMullerFloat(s[2], s[3])); }
        break;
      case 'uniform_int':
        if (wide) {
          for (let i = 0; i < 2; i++) {
            const bits = (BigInt(s[2 * i + 1]) << 32n) | BigInt(s[2 * i]);
            vals.push(BigInt.asIntN(64, lo + bits % range));
          }
        } else for (let i = 0; i < 4; i++) vals.push(Number(BigInt.asIntN(32, lo + BigInt(s[i]) % range)));
        break;
      case 'uniform_full_int':
        if (wide) for (let i = 0; i < 2; i++) vals.push(BigInt.asIntN(64, (BigInt(s[2 * i + 1]) << 32n) | BigInt(s[2 * i])));
        else for (let i = 0; i < 4; i++) vals.push(s[i] | 0);
        break;
    }
    for (let i = 0; i < perGroup && g * perGroup + i < n; i++) (out as { [i: number]: number | bigint })[g * perGroup + i] = vals[i];
  }
  return out;
}

/** rnd * (maxval - minval) + minval, then rnd * stddev + mean: separate ops, each rounded. */
function affine(out: TFArray, scale: number, shift: number, dtype: TFDType): void {
  const r = dtype === 'float32' ? f32 : (x: number) => x;
  const a = r(scale), b = r(shift);
  const o = out as Float32Array | Float64Array;
  for (let i = 0; i < o.length; i++) o[i] = r(r(o[i] * a) + b);
}

// ---------------------------------------------------------------- stateful ops and seeds

export interface TFOpOptions {
  dtype?: TFDType;
  /** The op-level seed (Python int). */
  seed?: number | bigint | null;
}

/**
 * The eager context: the global seed, the Python RNG that hands out op seeds, and the kernel cache
 * whose Philox generators advance across calls of the same op with the same seeds.
 */
export class TFRandomContext {
  private globalSeed: number | bigint | null = null;
  private rng: PythonRandom | null = null;
  private readonly kernels = new Map<string, PhiloxRandom>();

  /** tf.random.set_seed: a new op-seed stream and an empty kernel cache. */
  setSeed(seed: number | bigint | null): void {
    if (typeof seed === 'number' && !Number.isInteger(seed)) throw new RandomError('TypeError', '\'float\' object cannot be interpreted as an integer');
    this.globalSeed = seed;
    this.rng = seed === null ? null : new PythonRandom(seed);
    this.kernels.clear();
  }

  /** random_seed.get_seed(op_seed) in eager mode. */
  getSeed(opSeed: number | bigint | null = null): [number | null, number | null] {
    let seeds: [number | null, number | null];
    if (this.globalSeed !== null) {
      const op = opSeed ?? this.rng!.randint(0, MAXINT32);
      seeds = [truncateSeed(this.globalSeed), truncateSeed(op)];
    } else if (opSeed !== null) {
      seeds = [DEFAULT_GRAPH_SEED, truncateSeed(opSeed)];
    } else {
      seeds = [null, null];
    }
    if (seeds[0] === 0 && seeds[1] === 0) return [0, MAXINT32];
    return seeds;
  }

  /** The cached kernel's generator; reserving n outputs moves it on by n * 256 draws. */
  private reserve(op: string, seeds: [number | null, number | null], dtype: TFDType, n: number): PhiloxRandom {
    const s1 = seeds[0] ?? 0, s2 = seeds[1] ?? 0;
    const id = `${op}/${s1}/${s2}/${dtype}`;
    let gen = this.kernels.get(id);
    if (!gen) {
      if (s1 === 0 && s2 === 0) {
        const w = new Uint32Array(4);
        globalThis.crypto.getRandomValues(w);
        gen = PhiloxRandom.fromSeeds((BigInt(w[0]) << 32n) | BigInt(w[1]), (BigInt(w[2]) << 32n) | BigInt(w[3]));
      } else gen = PhiloxRandom.fromSeeds(BigInt(s1), BigInt(s2));
      this.kernels.set(id, gen);
    }
    const local = gen.clone();
    gen.skip(BigInt(n) * 256n);
    return local;
  }

  /** tf.random.uniform(shape, minval, maxval, dtype, seed). */
  uniform(shape: readonly number[], minval: number | bigint = 0, maxval: number | bigint | null = null, o: TFOpOptions = {}): TFArray {
    const dtype = o.dtype ?? 'float32';
    const n = tfCheckShape(shape);
    if (dtype === 'int32' || dtype === 'int64') {
      tfCheckUniformInt(Number(minval), maxval === null ? null : Number(maxval), dtype);
      const seeds = this.getSeed(o.seed ?? null);
      const gen = this.reserve('RandomUniformInt', seeds, dtype, n);
      return fillPhilox(gen, n, 'uniform_int', dtype, BigInt(minval), BigInt(maxval!));
    }
    const seeds = this.getSeed(o.seed ?? null);
    const gen = this.reserve('RandomUniform', seeds, dtype, n);
    const out = fillPhilox(gen, n, 'uniform', dtype);
    const lo = Number(minval), hi = maxval === null ? 1 : Number(maxval);
    if (!(lo === 0 && hi === 1)) {
      const r = dtype === 'float32' ? f32 : (x: number) => x;
      affine(out, r(r(hi) - r(lo)), lo, dtype);
    }
    return out;
  }

  /** tf.random.normal(shape, mean, stddev, dtype, seed). */
  normal(shape: readonly number[], mean = 0, stddev = 1, o: TFOpOptions = {}): Float32Array | Float64Array {
    const dtype = (o.dtype ?? 'float32') as TFFloat;
    const n = tfCheckShape(shape);
    const gen = this.reserve('RandomStandardNormal', this.getSeed(o.seed ?? null), dtype, n);
    const out = fillPhilox(gen, n, 'normal', dtype) as Float32Array | Float64Array;
    affine(out, stddev, mean, dtype);
    return out;
  }

  /** tf.random.truncated_normal(shape, mean, stddev, dtype, seed): |z| < 2 by rejection. */
  truncatedNormal(shape: readonly number[], mean = 0, stddev = 1, o: TFOpOptions = {}): Float32Array | Float64Array {
    const dtype = (o.dtype ?? 'float32') as TFFloat;
    const n = tfCheckShape(shape);
    const gen = this.reserve('TruncatedNormal', this.getSeed(o.seed ?? null), dtype, n);
    const out = fillPhilox(gen, n, 'truncated_normal', dtype) as Float32Array | Float64Array;
    affine(out, stddev, mean, dtype);
    return out;
  }
}

/** The process-wide eager context (what tf.random.* use). */
export const tfContext = new TFRandomContext();

// ---------------------------------------------------------------- stateless ops

/**
 * The key and counter the stateless ops derive from a seed pair: one Philox round trip under a fixed
 * key scrambles (seed0, seed1) into key = mix[0..1], counter = [0, 0, mix[2], mix[3]].
 */
export function statelessKeyCounter(seed: ArrayLike<number | bigint>): PhiloxRandom {
  tfCheckStatelessSeed(seed);
  const s0 = BigInt.asUintN(64, BigInt(seed[0])), s1 = BigInt.asUintN(64, BigInt(seed[1]));
  const counter = [Number(s0 & 0xffffffffn), Number(s0 >> 32n), Number(s1 & 0xffffffffn), Number(s1 >> 32n)];
  const mix = PhiloxRandom.fromCounterKey(counter, [0x3ec8f720, 0x02461e29]).next();
  return PhiloxRandom.fromCounterKey([0, 0, mix[2], mix[3]], [mix[0], mix[1]]);
}

export interface TFStatelessOptions {
  dtype?: TFDType;
}

/** tf.random.stateless_uniform(shape, seed, minval, maxval, dtype). */
export function statelessUniform(shape: readonly number[], seed: ArrayLike<number | bigint>, minval: number | bigint | null = 0, maxval: number | bigint | null = null, o: TFStatelessOptions = {}): TFArray {
  const dtype = o.dtype ?? 'float32';
  const n = tfCheckShape(shape);
  const gen = statelessKeyCounter(seed);
  if (dtype === 'int32' || dtype === 'int64') {
    if (minval === null && maxval === null) return fillPhilox(gen, n, 'uniform_full_int', dtype);
    tfCheckUniformInt(Number(minval ?? 0), maxval === null ? null : Number(maxval), dtype);
    return fillPhilox(gen, n, 'uniform_int', dtype, BigInt(minval ?? 0), BigInt(maxval!));
  }
  const out = fillPhilox(gen, n, 'uniform', dtype);
  const r = dtype === 'float32' ? f32 : (x: number) => x;
  const lo = Number(minval ?? 0), hi = maxval === null ? 1 : Number(maxval);
  affine(out, r(r(hi) - r(lo)), lo, dtype);
  return out;
}

/** tf.random.stateless_normal(shape, seed, mean, stddev, dtype). */
export function statelessNormal(shape: readonly number[], seed: ArrayLike<number | bigint>, mean = 0, stddev = 1, o: TFStatelessOptions = {}): Float32Array | Float64Array {
  const dtype = (o.dtype ?? 'float32') as TFFloat;
  const out = fillPhilox(statelessKeyCounter(seed), tfCheckShape(shape), 'normal', dtype) as Float32Array | Float64Array;
  affine(out, stddev, mean, dtype);
  return out;
}

/** tf.random.stateless_truncated_normal(shape, seed, mean, stddev, dtype). */
export function statelessTruncatedNormal(shape: readonly number[], seed: ArrayLike<number | bigint>, mean = 0, stddev = 1, o: TFStatelessOptions = {}): Float32Array | Float64Array {
  const dtype = (o.dtype ?? 'float32') as TFFloat;
  const out = fillPhilox(statelessKeyCounter(seed), tfCheckShape(shape), 'truncated_normal', dtype) as Float32Array | Float64Array;
  affine(out, stddev, mean, dtype);
  return out;
}

// ---------------------------------------------------------------- tf.random.Generator

/**
 * tf.random.Generator with the Philox algorithm. Its state is three int64 words: the 128-bit counter
 * (low word first) and the key. Each draw of n values uses the current state and then moves the
 * counter on by n * 256.
 */
export class TFGenerator {
  readonly state: BigInt64Array;

  private constructor(state: BigInt64Array) {
    this.state = state;
  }

  /** Generator.from_seed(seed): the integer split into 64-bit words [lo, hi, 0]. */
  static fromSeed(seed: number | bigint, alg: 'philox' | 1 = 'philox'): TFGenerator {
    if (alg !== 'philox' && alg !== 1) throw new RandomError('ValueError', `Unknown algorithm name: ${alg}`);
    if (typeof seed === 'number' && !Number.isInteger(seed)) throw new RandomError('TypeError', 'seed must be an integer');
    let s = BigInt(seed);
    const st = new BigInt64Array(3);
    for (let i = 0; i < 3; i++) { st[i] = BigInt.asIntN(64, s & 0xffffffffffffffffn); s >>= 64n; }
    return new TFGenerator(st);
  }

  /** Generator.from_state / from_key_counter. */
  static fromState(state: ArrayLike<number | bigint>): TFGenerator {
    if (state.length !== 3) throw new RandomError('ValueError', `Shapes (${state.length},) and (3,) are incompatible`);
    return new TFGenerator(BigInt64Array.from(Array.from(state, (v) => BigInt.asIntN(64, BigInt(v)))));
  }

  private words(): [number[], number[]] {
    const w = (i: number): [number, number] => {
      const u = BigInt.asUintN(64, this.state[i]);
      return [Number(u & 0xffffffffn), Number(u >> 32n)];
    };
    return [[...w(0), ...w(1)], w(2)];
  }

  /** skip(delta): the counter moves on by delta * 256; returns the state before. */
  skip(delta: number | bigint): PhiloxRandom {
    const [counter, key] = this.words();
    const old = PhiloxRandom.fromCounterKey(counter, key);
    const next = old.clone().skip(BigInt(delta) * 256n);
    const c = next.counter;
    this.state[0] = BigInt.asIntN(64, (BigInt(c[1]) << 32n) | BigInt(c[0]));
    this.state[1] = BigInt.asIntN(64, (BigInt(c[3]) << 32n) | BigInt(c[2]));
    return old;
  }

  normal(shape: readonly number[], mean = 0, stddev = 1, dtype: TFFloat = 'float32'): Float32Array | Float64Array {
    const n = tfCheckShape(shape);
    const out = fillPhilox(this.skip(n), n, 'normal', dtype) as Float32Array | Float64Array;
    affine(out, stddev, mean, dtype);
    return out;
  }

  uniform(shape: readonly number[], minval: number | bigint | null = 0, maxval: number | bigint | null = null, dtype: TFDType = 'float32'): TFArray {
    const n = tfCheckShape(shape);
    if (dtype === 'int32' || dtype === 'int64') {
      if ((minval === null) !== (maxval === null)) throw new RandomError('ValueError', 'For integer dtype ' + dtype + ', minval and maxval must be both `None` or both non-`None`.');
      if (minval === null) return fillPhilox(this.skip(n), n, 'uniform_full_int', dtype);
      tfCheckUniformInt(Number(minval), Number(maxval), dtype);
      return fillPhilox(this.skip(n), n, 'uniform_int', dtype, BigInt(minval), BigInt(maxval!));
    }
    const out = fillPhilox(this.skip(n), n, 'uniform', dtype);
    const r = dtype === 'float32' ? f32 : (x: number) => x;
    const lo = Number(minval ?? 0), hi = maxval === null ? 1 : Number(maxval);
    affine(out, r(r(hi) - r(lo)), lo, dtype);
    return out;
  }

  truncatedNormal(shape: readonly number[], mean = 0, stddev = 1, dtype: TFFloat = 'float32'): Float32Array | Float64Array {
    const n = tfCheckShape(shape);
    const out = fillPhilox(this.skip(n), n, 'truncated_normal', dtype) as Float32Array | Float64Array;
    affine(out, stddev, mean, dtype);
    return out;
  }
}
