// PyTorch 1.13's CPU sampling kernels over a TorchGenerator: rand/uniform_, randn/normal_ (the scalar
// Box-Muller path, the 16-wide normal_fill, and its AVX2 variant), the tensor forms of normal, random_,
// randint, randperm and bernoulli. Results are typed arrays in the tensor's dtype.

import type { TorchGenerator } from './torch_generator.js';
import {
  RandomError, TORCH_INT_LIMITS, torchCheckBernoulliP, torchCheckBernoulliTensor, torchCheckFromTo,
  torchCheckRandperm, torchCheckRange, torchCheckStd, torchCheckStdTensor, torchCheckUniform,
} from './errors.js';
import { log256, sincos256 } from './avx_mathfun.js';
import { f32, fma32 } from './float32.js';
import * as libm from './libm.js';
import { simdBoxMuller } from '../../kernels/simd.js';

export type TorchFloatDType = 'float32' | 'float64';
export type TorchIntDType = 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';
export type TorchDType = TorchFloatDType | TorchIntDType;

/** Storage of each dtype (int64 as BigInt64Array, bool as Uint8Array of 0/1). */
export type TorchArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/**
 * Which ATen CPU kernel build runs: 'avx2' (x86-64 machines with AVX2, PyTorch's usual dispatch) or
 * 'default' (no AVX2, e.g. ATEN_CPU_CAPABILITY=default or other CPUs). Only float normal_ of 16 or more
 * elements, and FMA contractions in the AVX2 build, differ between them.
 */
export type CpuCapability = 'avx2' | 'default';

export interface TorchNormalOptions {
  capability?: CpuCapability;
  /** normal_ on a non-contiguous tensor always takes the scalar path. */
  contiguous?: boolean;
}

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const TWO_PI = 2 * Math.PI; // c10::pi<double> * 2, exact in double

export function torchAlloc(dtype: TorchDType, n: number): TorchArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'int16': return new Int16Array(n);
    case 'int8': return new Int8Array(n);
    case 'uint8': case 'bool': return new Uint8Array(n);
  }
}

/** uniform_real_distribution<float>: 24 random bits scaled into [0, 1). */
function uniformFloat(g: TorchGenerator): number {
  return (g.random() & 0xffffff) * TWO_POW_M24;
}

const R64: [number, number] = [0, 0];
/** uniform_real_distribution<double>: the low 53 bits of random64 scaled into [0, 1). */
function uniformDouble(g: TorchGenerator): number {
  g.random64(R64);
  return ((R64[0] & 0x1fffff) * 4294967296 + R64[1]) * TWO_POW_M53;
}

// ---------------------------------------------------------------- uniform

/** Tensor.uniform_(from, to) on n elements (torch.rand is uniform_(0, 1)). */
export function uniform(g: TorchGenerator, n: number, from = 0, to = 1, dtype: TorchFloatDType = 'float32', o: TorchNormalOptions = {}): Float32Array | Float64Array {
  checkUniformBounds(from, to, dtype);
  torchCheckUniform(from, to);
  const fma = (o.capability ?? 'avx2') === 'avx2';
  if (dtype === 'float32') {
    const out = new Float32Array(n);
    const lo = f32(from), range = f32(f32(to) - lo);
    for (let i = 0; i < n; i++) {
      const x = uniformFloat(g);
      // x * (to - from) + from in float; the AVX2 build contracts it to one FMA
      out[i] = fma ? fma32(x, range, lo) : f32(f32(x * range) + lo);
    }
    return out;
  }
  const out = new Float64Array(n);
  const range = to - from;
  for (let i = 0; i < n; i++) out[i] = fma ? fma64(uniformDouble(g), range, from) : uniformDouble(g) * range + from;
  return out;
}

/** torch.rand(n, dtype). */
export function rand(g: TorchGenerator, n: number, dtype: TorchFloatDType = 'float32'): Float32Array | Float64Array {
  return uniform(g, n, 0, 1, dtype);
}

function checkUniformBounds(from: number, to: number, dtype: TorchFloatDType): void {
  const max = dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const name = dtype === 'float32' ? 'float' : 'double';
  if (!(from >= -max && from <= max)) throw new RandomError('RuntimeError', `from is out of bounds for ${name}`);
  if (!(to >= -max && to <= max)) throw new RandomError('RuntimeError', `to is out of bounds for ${name}`);
}

/** a * b + c rounded once, for doubles (a*b split exactly with Dekker's product). */
function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const SPLIT = 134217729;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  const pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // a*b = p + pe exactly
  const s = p + c;
  const bb = s - p;
  const se = (p - (s - bb)) + (c - bb); // p + c = s + se exactly
  return s + (se + pe);
}

// ---------------------------------------------------------------- normal

/** normal_distribution<double> (one draw): Box-Muller on two 53-bit uniforms, caching the sine. */
function normalScalar(g: TorchGenerator, mean: number, std: number, fma: boolean): number {
  let ret: number;
  if (g.nextDoubleNormal !== null) {
    ret = g.nextDoubleNormal;
    g.nextDoubleNormal = null;
  } else {
    const u1 = uniformDouble(g);
    const u2 = uniformDouble(g);
    const r = Math.sqrt(-2 * libm.log(1 - u2));
    const theta = TWO_PI * u1;
    g.nextDoubleNormal = r * libm.sin(theta);
    ret = r * libm.cos(theta);
  }
  return fma ? fma64(ret, std, mean) : ret * std + mean;
}

/** Tensor.normal_(mean, std) on n elements; torch.randn is normal_(0, 1). */
export function normal(g: TorchGenerator, n: number, mean = 0, std = 1, dtype: TorchFloatDType = 'float32', o: TorchNormalOptions = {}): Float32Array | Float64Array {
  torchCheckStd(std);
  const cap = o.capability ?? 'avx2';
  const contiguous = o.contiguous ?? true;
  if (dtype === 'float32') {
    const out = new Float32Array(n);
    if (n >= 16 && contiguous) {
      if (cap === 'avx2') normalFillAvx2(g, out, f32(mean), f32(std));
      else normalFillFloat(g, out, f32(mean), f32(std));
    } else {
      for (let i = 0; i < n; i++) out[i] = normalScalar(g, mean, std, cap === 'avx2');
    }
    return out;
  }
  const out = new Float64Array(n);
  if (n >= 16 && contiguous) normalFillDouble(g, out, mean, std, cap === 'avx2');
  else for (let i = 0; i < n; i++) out[i] = normalScalar(g, mean, std, cap === 'avx2');
  return out;
}

/** torch.randn(n, dtype). */
export function randn(g: TorchGenerator, n: number, dtype: TorchFloatDType = 'float32', o: TorchNormalOptions = {}): Float32Array | Float64Array {
  return normal(g, n, 0, 1, dtype, o);
}

/**
 * The 16-wide fill: draw every uniform first, transform blocks of 16 (the first 8 give the radius, the
 * next 8 the angle); a ragged tail redraws the last 16 elements and transforms them again.
 * `blocks(start, count)` transforms `count` blocks from `start`.
 */
function fill16(n: number, draw: (i: number) => void, blocks: (start: number, count: number) => void, redraw: (start: number) => void): void {
  for (let i = 0; i < n; i++) draw(i);
  blocks(0, Math.floor(n / 16));
  if (n % 16 !== 0) {
    redraw(n - 16);
    blocks(n - 16, 1);
  }
}

/** blocks() from a transform of one block. */
const eachBlock = (block: (start: number) => void) => (start: number, count: number): void => {
  for (let b = 0; b < count; b++) block(start + 16 * b);
};

const SC: [number, number] = [0, 0];
const TWO_PI_F = f32(TWO_PI);

function normalFillAvx2(g: TorchGenerator, data: Float32Array, mean: number, std: number): void {
  const block = (s: number): void => {
    for (let j = 0; j < 8; j++) {
      const u1 = f32(1 - data[s + j]);
      const u2 = data[s + j + 8];
      const radius = f32(Math.sqrt(f32(-2 * log256(u1))));
      const theta = f32(TWO_PI_F * u2);
      sincos256(theta, SC);
      data[s + j] = fma32(f32(radius * SC[1]), std, mean);
      data[s + j + 8] = fma32(f32(radius * SC[0]), std, mean);
    }
  };
  // The module runs the same steps four lanes at a time where it can (the same bits: spec/random).
  const blocks = (start: number, count: number): void => {
    if (!simdBoxMuller(data, start, count, mean, std, TWO_PI_F)) eachBlock(block)(start, count);
  };
  fill16(data.length, (i) => { data[i] = uniformFloat(g); }, blocks, (s) => { for (let i = 0; i < 16; i++) data[s + i] = uniformFloat(g); });
}

function normalFillFloat(g: TorchGenerator, data: Float32Array, mean: number, std: number): void {
  const block = (s: number): void => {
    for (let j = 0; j < 8; j++) {
      const u1 = f32(1 - data[s + j]);
      const u2 = data[s + j + 8];
      const radius = f32(Math.sqrt(f32(-2 * libm.logf(u1))));
      const theta = f32(TWO_PI * u2); // 2.0f * pi<double> * u2 in double, stored as float
      data[s + j] = f32(f32(f32(radius * libm.cosf(theta)) * std) + mean);
      data[s + j + 8] = f32(f32(f32(radius * libm.sinf(theta)) * std) + mean);
    }
  };
  fill16(data.length, (i) => { data[i] = uniformFloat(g); }, eachBlock(block), (s) => { for (let i = 0; i < 16; i++) data[s + i] = uniformFloat(g); });
}

function normalFillDouble(g: TorchGenerator, data: Float64Array, mean: number, std: number, fma: boolean): void {
  const block = (s: number): void => {
    for (let j = 0; j < 8; j++) {
      const u1 = 1 - data[s + j];
      const u2 = data[s + j + 8];
      const radius = Math.sqrt(-2 * libm.log(u1));
      const theta = TWO_PI * u2;
      const c = radius * libm.cos(theta), sn = radius * libm.sin(theta);
      data[s + j] = fma ? fma64(c, std, mean) : c * std + mean;
      data[s + j + 8] = fma ? fma64(sn, std, mean) : sn * std + mean;
    }
  };
  fill16(data.length, (i) => { data[i] = uniformDouble(g); }, eachBlock(block), (s) => { for (let i = 0; i < 16; i++) data[s + i] = uniformDouble(g); });
}

type Param = number | Float32Array | Float64Array;

/**
 * torch.normal with tensor arguments (mean and/or std already broadcast to n elements): standard
 * normals (or normal_(0, std) when std is a number), then `* std` and `+ mean` in the output dtype.
 */
export function normalTensor(g: TorchGenerator, mean: Param, std: Param, n: number, dtype: TorchFloatDType = 'float32', o: TorchNormalOptions = {}): Float32Array | Float64Array {
  if (typeof std === 'number') torchCheckStd(std);
  else torchCheckStdTensor(std);
  const round = dtype === 'float32' ? f32 : (x: number) => x;
  if (typeof mean === 'number' && typeof std === 'number') return normal(g, n, mean, std, dtype, o);
  if (typeof std === 'number') {
    const out = normal(g, n, 0, std, dtype, o);
    for (let i = 0; i < n; i++) out[i] = round(out[i] + (mean as ArrayLike<number>)[i]);
    return out;
  }
  const out = normal(g, n, 0, 1, dtype, o);
  const m = typeof mean === 'number' ? round(mean) : null;
  for (let i = 0; i < n; i++) {
    const v = round(out[i] * std[i]);
    out[i] = round(v + (m ?? (mean as ArrayLike<number>)[i]));
  }
  return out;
}

// ---------------------------------------------------------------- integers

const FLOAT_DIGITS: Record<TorchFloatDType, number> = { float32: 24, float64: 53 };
const isFloat = (d: TorchDType): d is TorchFloatDType => d === 'float32' || d === 'float64';

/** Rounds an int64 through the float dtype and back, as static_cast does. */
function throughFloat(x: bigint, dtype: TorchFloatDType): bigint {
  const v = Number(x);
  return BigInt(dtype === 'float32' ? f32(v) : v);
}

function bitLength(x: bigint): number {
  let n = 0;
  while ((x >>= 1n) > 0n) n++;
  return n;
}

/** update_from: move `from` up to the next value the float dtype can hold exactly. */
function updateFrom(from: bigint, dtype: TorchFloatDType): bigint {
  const plus1 = throughFloat(from + 1n, dtype);
  if (plus1 < from) {
    const n = bitLength(from + 1n < 0n ? -(from + 1n) : from + 1n);
    from = plus1 + (1n << BigInt(n - FLOAT_DIGITS[dtype] + 1));
  }
  return from;
}

/** update_to: move `to` down likewise. */
function updateTo(to: bigint, dtype: TorchFloatDType): bigint {
  const minus1 = throughFloat(to - 1n, dtype);
  if (minus1 >= to) {
    const n = bitLength(to - 1n < 0n ? -(to - 1n) : to - 1n);
    to = minus1 - (1n << BigInt(n - FLOAT_DIGITS[dtype] + 1));
  }
  return to;
}

/** Stores an int64 value into the dtype, wrapping as static_cast does. */
function store(out: TorchArray, i: number, v: bigint, dtype: TorchDType): void {
  if (dtype === 'int64') (out as BigInt64Array)[i] = BigInt.asIntN(64, v);
  else if (dtype === 'bool') (out as Uint8Array)[i] = v !== 0n ? 1 : 0;
  else if (dtype === 'float32' || dtype === 'float64') (out as Float64Array)[i] = Number(BigInt.asIntN(64, v));
  else (out as Int32Array)[i] = Number(BigInt.asIntN(32, v)); // typed arrays wrap the rest
}

/** uniform_int_from_to_distribution over [base, base + range). */
function fromToKernel(g: TorchGenerator, out: TorchArray, range: bigint, base: bigint, dtype: TorchDType): void {
  const n = out.length;
  const wide = (dtype === 'int64' || isFloat(dtype)) && range >= 1n << 32n;
  if (!wide && range <= 0xffffffffn) {
    // the common case without BigInt: random() % range + base, stored through int64
    const r = Number(range);
    if (dtype === 'int64' || isFloat(dtype) || base < -(1n << 31n) || base > (1n << 31n)) {
      for (let i = 0; i < n; i++) store(out, i, BigInt(g.random() % r) + base, dtype);
    } else {
      const b = Number(base);
      if (dtype === 'bool') for (let i = 0; i < n; i++) (out as Uint8Array)[i] = (g.random() % r) + b !== 0 ? 1 : 0;
      else for (let i = 0; i < n; i++) (out as Int32Array)[i] = (g.random() % r) + b;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = wide ? g.random64Big() : BigInt(g.random());
    store(out, i, BigInt.asUintN(64, (v % range) + BigInt.asUintN(64, base)), dtype);
  }
}

/**
 * Tensor.random_(from, to) with torch's checks and its float adjustments (update_from/update_to).
 * `to` null is random_(from): up to the dtype's largest value (2^digits for floats).
 */
export function randomFromTo(g: TorchGenerator, n: number, from: number | bigint, to: number | bigint | null, dtype: TorchDType = 'int64'): TorchArray {
  let lo = BigInt(from);
  const out = torchAlloc(dtype, n);
  if (to !== null) {
    let hi = BigInt(to);
    if (!(lo < hi)) torchCheckFromTo(lo, hi, dtype);
    if (isFloat(dtype)) {
      lo = updateFrom(lo, dtype);
      hi = updateTo(hi, dtype);
      if (!(lo < hi)) throw new RandomError('RuntimeError', `random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${lo} >= to=${hi}`);
    }
    torchCheckFromTo(lo, hi, dtype);
    if (n === 0) return out;
    fromToKernel(g, out, hi - lo, lo, dtype);
    return out;
  }
  if (lo !== -(1n << 63n)) {
    let toInc: bigint;
    if (isFloat(dtype)) {
      toInc = 1n << BigInt(FLOAT_DIGITS[dtype]);
      lo = updateFrom(lo, dtype);
      if (!(lo < toInc)) throw new RandomError('RuntimeError', `random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${lo} > to_inc=${toInc}`);
    } else {
      toInc = TORCH_INT_LIMITS[dtype][1];
    }
    torchCheckRange(lo, toInc, dtype);
    if (n === 0) return out;
    fromToKernel(g, out, toInc - lo + 1n, lo, dtype);
    return out;
  }
  // [int64 min, int64 max]: the full 64-bit range
  if (dtype !== 'int64' && !isFloat(dtype)) throw new RandomError('RuntimeError', 'random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16');
  for (let i = 0; i < n; i++) store(out, i, BigInt.asIntN(64, g.random64Big()), dtype);
  return out;
}

/** torch.randint(low, high, size, dtype=int64) = random_(low, high). */
export function randint(g: TorchGenerator, low: number | bigint, high: number | bigint, n: number, dtype: TorchDType = 'int64'): TorchArray {
  return randomFromTo(g, n, low, high, dtype);
}

/** Tensor.random_() without bounds: [0, 2^mantissa] for floats, [0, max] for integers. */
export function random(g: TorchGenerator, n: number, dtype: TorchDType): TorchArray {
  const out = torchAlloc(dtype, n);
  switch (dtype) {
    case 'int64': for (let i = 0; i < n; i++) (out as BigInt64Array)[i] = g.random64Big() & ((1n << 63n) - 1n); break;
    case 'float64': for (let i = 0; i < n; i++) (out as Float64Array)[i] = Number(g.random64Big() % ((1n << 53n) + 1n)); break;
    case 'float32': for (let i = 0; i < n; i++) out[i] = g.random() % (2 ** 24 + 1); break;
    case 'int32': for (let i = 0; i < n; i++) out[i] = g.random() % 2 ** 31; break;
    case 'int16': for (let i = 0; i < n; i++) out[i] = g.random() % 2 ** 15; break;
    case 'int8': for (let i = 0; i < n; i++) out[i] = g.random() % 128; break;
    case 'uint8': for (let i = 0; i < n; i++) out[i] = g.random() % 256; break;
    case 'bool': for (let i = 0; i < n; i++) out[i] = g.random() & 1; break;
  }
  return out;
}

export interface RandpermOptions {
  /**
   * PyTorch 2.6 and later draw large permutations (n >= floor((2^32 - 1) / 20)) with random64 and an
   * inside-out Fisher-Yates; 1.13 uses the 32-bit swap loop for every n. Default false (1.13).
   */
  largeN?: boolean;
}

/** The threshold of the large-n algorithm: uint32 max / 20. */
export const RANDPERM_LARGE_N = Math.floor(0xffffffff / 20);

/** torch.randperm(n, dtype). */
export function randperm(g: TorchGenerator, n: number, dtype: TorchDType = 'int64', o: RandpermOptions = {}): TorchArray {
  torchCheckRandperm(n);
  if (isFloat(dtype) && n > 2 ** FLOAT_DIGITS[dtype] + 1) {
    throw new RandomError('RuntimeError', `n cannot be greater than 2^${FLOAT_DIGITS[dtype]}+1 for ${dtype === 'float32' ? 'Float' : 'Double'} type.`);
  }
  const perm = n < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
  if (o.largeN && n >= RANDPERM_LARGE_N) {
    for (let i = 0; i < n; i++) {
      const z = Number(g.random64Big() % BigInt(i + 1));
      perm[i] = perm[z];
      perm[z] = i;
    }
  } else {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = g.random() % (n - i);
      const t = perm[i];
      perm[i] = perm[z + i];
      perm[z + i] = t;
    }
  }
  const out = torchAlloc(dtype, n);
  if (dtype === 'int64') for (let i = 0; i < n; i++) (out as BigInt64Array)[i] = BigInt(perm[i]);
  else for (let i = 0; i < n; i++) out[i] = perm[i];
  return out;
}

// ---------------------------------------------------------------- bernoulli

/**
 * torch.bernoulli(p) / Tensor.bernoulli_(p tensor): one uniform per element in p's precision (24 bits
 * for float p, 53 for double p), 1 where it is below p. The result has p's dtype unless `dtype` says.
 */
export function bernoulliTensor(g: TorchGenerator, p: Float32Array | Float64Array, dtype?: TorchDType): TorchArray {
  torchCheckBernoulliTensor(p);
  const double = p instanceof Float64Array;
  const out = torchAlloc(dtype ?? (double ? 'float64' : 'float32'), p.length);
  const big = out instanceof BigInt64Array;
  for (let i = 0; i < p.length; i++) {
    const u = double ? uniformDouble(g) : uniformFloat(g);
    const v = u < p[i] ? 1 : 0;
    if (big) (out as BigInt64Array)[i] = BigInt(v);
    else out[i] = v;
  }
  return out;
}

/**
 * Tensor.bernoulli_(p: float) and torch.bernoulli(x, p=...): a 53-bit uniform per element below p.
 * This is the kernel of PyTorch builds without MKL; builds with MKL (the x86 wheels) draw from MKL's
 * MCG31 stream seeded by one random() and are not reproduced.
 */
export function bernoulliScalar(g: TorchGenerator, n: number, p: number, dtype: TorchDType = 'float32'): TorchArray {
  torchCheckBernoulliP(p);
  const out = torchAlloc(dtype, n);
  const big = out instanceof BigInt64Array;
  for (let i = 0; i < n; i++) {
    const v = uniformDouble(g) < p ? 1 : 0;
    if (big) (out as BigInt64Array)[i] = BigInt(v);
    else out[i] = v;
  }
  return out;
}
