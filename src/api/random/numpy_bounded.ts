// NumPy's bounded integers (distributions.c, _bounded_integers.pyx): values in the closed interval
// [off, off + rng] by masked rejection (RandomState) or Lemire's multiply-shift (Generator), with 8- and
// 16-bit draws carved out of a 32-bit word and booleans out of single bits, buffered per fill call.

import type { BitGenerator, U64 } from './numpy_bitgen.js';
import { u64ToBig } from './numpy_bitgen.js';
import { numpyCheckBounds } from './errors.js';

export type NumpyIntDType = 'int64' | 'int32' | 'int16' | 'int8' | 'uint64' | 'uint32' | 'uint16' | 'uint8' | 'bool';
export type NumpyIntArray = BigInt64Array | BigUint64Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/** Smallest all-ones mask covering max (< 2^53 as a number). */
export function genMask(max: number): number {
  if (max <= 0xffffffff) {
    let m = max >>> 0;
    m |= m >>> 1; m |= m >>> 2; m |= m >>> 4; m |= m >>> 8; m |= m >>> 16;
    return m >>> 0;
  }
  return Number(genMaskBig(BigInt(max)));
}

function genMaskBig(max: bigint): bigint {
  let m = max;
  for (const s of [1n, 2n, 4n, 8n, 16n, 32n]) m |= m >> s;
  return m;
}

/** 32 x 32 -> 64-bit product as [hi, lo]. */
function mul32(a: number, b: number, out: U64): U64 {
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  const mid = lh + hl + Math.floor(ll / 65536); // < 2^34
  const lo = ((mid % 65536) * 65536 + (ll % 65536)) >>> 0;
  out[0] = (hh + Math.floor(mid / 65536)) >>> 0;
  out[1] = lo;
  return out;
}

const M: U64 = [0, 0];

/** Lemire's method on 32-bit draws: floor(x * (rng + 1) / 2^32) with rejection of the biased low part. */
function lemire32(next: () => number, rng: number): number {
  const excl = (rng + 1) >>> 0;
  mul32(next(), excl, M);
  if (M[1] < excl) {
    const threshold = ((0xffffffff - rng) >>> 0) % excl;
    while (M[1] < threshold) mul32(next(), excl, M);
  }
  return M[0];
}

/** Lemire's method for 16 and 8 bits (products fit in a double). */
function lemireSmall(next: () => number, rng: number, bits: number): number {
  const size = 2 ** bits;
  const excl = rng + 1;
  let m = next() * excl;
  let left = m % size;
  if (left < excl) {
    const threshold = (size - 1 - rng) % excl;
    while (left < threshold) {
      m = next() * excl;
      left = m % size;
    }
  }
  return Math.floor(m / size);
}

const W: U64 = [0, 0];

/** Lemire's method on 64-bit draws (ranges above 2^32). */
function lemire64(bg: BitGenerator, rng: bigint): bigint {
  const excl = rng + 1n;
  let m = u64ToBig(bg.nextUint64(W)) * excl;
  let left = m & 0xffffffffffffffffn;
  if (left < excl) {
    const threshold = (0xffffffffffffffffn - rng) % excl;
    while (left < threshold) {
      m = u64ToBig(bg.nextUint64(W)) * excl;
      left = m & 0xffffffffffffffffn;
    }
  }
  return m >> 64n;
}

/** A 32-bit word dealt out 16 or 8 bits at a time (buffered_uint16 / buffered_uint8). */
class Buffered {
  private buf = 0;
  private cnt = 0;
  constructor(private readonly bg: BitGenerator) {}
  u16 = (): number => {
    if (this.cnt === 0) { this.buf = this.bg.nextUint32(); this.cnt = 1; } else { this.buf >>>= 16; this.cnt -= 1; }
    return this.buf & 0xffff;
  };
  u8 = (): number => {
    if (this.cnt === 0) { this.buf = this.bg.nextUint32(); this.cnt = 3; } else { this.buf >>>= 8; this.cnt -= 1; }
    return this.buf & 0xff;
  };
  bit = (): number => {
    if (this.cnt === 0) { this.buf = this.bg.nextUint32(); this.cnt = 31; } else { this.buf >>>= 1; this.cnt -= 1; }
    return this.buf & 1;
  };
}

const BITS: Record<NumpyIntDType, number> = { int64: 64, uint64: 64, int32: 32, uint32: 32, int16: 16, uint16: 16, int8: 8, uint8: 8, bool: 1 };

export function numpyIntAlloc(dtype: NumpyIntDType, n: number): NumpyIntArray {
  switch (dtype) {
    case 'int64': return new BigInt64Array(n);
    case 'uint64': return new BigUint64Array(n);
    case 'int32': return new Int32Array(n);
    case 'uint32': return new Uint32Array(n);
    case 'int16': return new Int16Array(n);
    case 'uint16': return new Uint16Array(n);
    case 'int8': return new Int8Array(n);
    case 'uint8': case 'bool': return new Uint8Array(n);
  }
}

/**
 * random_bounded_*_fill: n values in [off, off + rng] of the dtype, one buffer for the whole call.
 * `masked` selects RandomState's rejection sampling, otherwise Lemire's method.
 */
export function boundedFill(bg: BitGenerator, off: bigint, rng: bigint, n: number, dtype: NumpyIntDType, masked: boolean): NumpyIntArray {
  const out = numpyIntAlloc(dtype, n);
  const bits = BITS[dtype];
  const put = storer(out, off, bits);
  if (bits === 1) {
    // random_bounded_bool_fill: one bit per value unless rng is 0
    const b = new Buffered(bg);
    for (let i = 0; i < n; i++) put(i, rng === 0n ? 0 : b.bit());
    return out;
  }
  if (rng === 0n) {
    for (let i = 0; i < n; i++) put(i, 0);
    return out;
  }
  if (bits <= 16) {
    const b = new Buffered(bg);
    const next = bits === 16 ? b.u16 : b.u8;
    const r = Number(rng);
    if (r === 2 ** bits - 1) for (let i = 0; i < n; i++) put(i, next());
    else if (masked) {
      const mask = genMask(r);
      for (let i = 0; i < n; i++) {
        let v: number;
        while ((v = next() & mask) > r);
        put(i, v);
      }
    } else for (let i = 0; i < n; i++) put(i, lemireSmall(next, r, bits));
    return out;
  }
  if (rng <= 0xffffffffn) {
    // 32-bit draws (also for 64-bit dtypes with a small range)
    const r = Number(rng);
    const next = (): number => bg.nextUint32();
    if (r === 0xffffffff) for (let i = 0; i < n; i++) put(i, next());
    else if (masked) {
      const mask = genMask(r);
      for (let i = 0; i < n; i++) {
        let v: number;
        while ((v = (next() & mask) >>> 0) > r);
        put(i, v);
      }
    } else for (let i = 0; i < n; i++) put(i, lemire32(next, r));
    return out;
  }
  const putBig = storerBig(out, off);
  if (rng === 0xffffffffffffffffn) {
    for (let i = 0; i < n; i++) putBig(i, u64ToBig(bg.nextUint64(W)));
  } else if (masked) {
    const mask = genMaskBig(rng);
    for (let i = 0; i < n; i++) {
      let v: bigint;
      while ((v = u64ToBig(bg.nextUint64(W)) & mask) > rng);
      putBig(i, v);
    }
  } else for (let i = 0; i < n; i++) putBig(i, lemire64(bg, rng));
  return out;
}

/** Stores off + v (wrapping in the dtype's width) for a small v. */
function storer(out: NumpyIntArray, off: bigint, bits: number): (i: number, v: number) => void {
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const o = out as unknown as { [i: number]: bigint };
    const signed = out instanceof BigInt64Array;
    if (off >= -(2n ** 52n) && off <= 2n ** 52n) {
      const offN = Number(off);
      return (i, v) => { const s = offN + v; o[i] = signed || s >= 0 ? BigInt(s) : BigInt.asUintN(64, BigInt(s)); };
    }
    return (i, v) => { o[i] = signed ? BigInt.asIntN(64, off + BigInt(v)) : BigInt.asUintN(64, off + BigInt(v)); };
  }
  // typed arrays wrap modulo 2^bits on store; bool keeps 0/1
  const offN = Number(BigInt.asUintN(Math.max(bits, 8), off));
  const o = out as unknown as { [i: number]: number };
  return (i, v) => { o[i] = offN + v; };
}

function storerBig(out: NumpyIntArray, off: bigint): (i: number, v: bigint) => void {
  const o = out as unknown as { [i: number]: bigint };
  const signed = out instanceof BigInt64Array;
  return (i, v) => { o[i] = signed ? BigInt.asIntN(64, off + v) : BigInt.asUintN(64, off + v); };
}

/**
 * randint / integers for scalar bounds: checks as NumPy does, then fills [low, high) (or [low, high]
 * with endpoint). Masked for RandomState.randint, Lemire for Generator.integers.
 */
export function boundedIntegers(bg: BitGenerator, low: number | bigint, high: number | bigint, n: number, dtype: NumpyIntDType, masked: boolean, endpoint = false): NumpyIntArray {
  const [lo, hi] = numpyCheckBounds(BigInt(low), BigInt(high), dtype, endpoint, masked ? 'randint' : 'integers');
  if (n === 0) return numpyIntAlloc(dtype, 0);
  return boundedFill(bg, lo, hi - lo, n, dtype, masked);
}

/** random_interval(max): masked rejection in [0, max], 32-bit draws while max fits. */
export function randomInterval(bg: BitGenerator, max: number): number {
  if (max === 0) return 0;
  if (max <= 0xffffffff) {
    const mask = genMask(max);
    let v: number;
    while ((v = (bg.nextUint32() & mask) >>> 0) > max);
    return v;
  }
  const m = genMaskBig(BigInt(max));
  let v: bigint;
  while ((v = u64ToBig(bg.nextUint64(W)) & m) > BigInt(max));
  return Number(v);
}

/** random_bounded_uint64(off=0, rng=max, use_masked=false): Lemire in [0, max]. */
export function boundedLemire(bg: BitGenerator, max: number): number {
  if (max === 0) return 0;
  if (max <= 0xffffffff) {
    if (max === 0xffffffff) return bg.nextUint32();
    return lemire32(() => bg.nextUint32(), max);
  }
  return Number(lemire64(bg, BigInt(max)));
}
