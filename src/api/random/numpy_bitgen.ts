// NumPy's bit generators as its distributions see them (bitgen_t): 32- and 64-bit words and a double
// in [0, 1). MT19937 backs the legacy RandomState; PCG64 (seeded through SeedSequence) backs
// default_rng. 64-bit words travel as [hi, lo] pairs of uint32 to avoid BigInt on hot paths.

import { MT_N, mtInitByArray, mtInitGenrand, mtTemper, mtTwist } from './mt19937.js';
import { simdPcg64 } from '../../kernels/simd.js';
import { SeedSequence } from './seed_sequence.js';

export type U64 = [number, number];

export interface BitGenerator {
  nextUint32(): number;
  /** Fills and returns [hi, lo]. */
  nextUint64(out: U64): U64;
  nextDouble(): number;
  /**
   * A promise from the caller that at least k more 64-bit outputs will be drawn before anything else
   * reads or sets the state: the generator may compute up to that many ahead, in one go.
   */
  reserve?(k: number): void;
}

export function u64ToBig(w: U64): bigint {
  return (BigInt(w[0]) << 32n) | BigInt(w[1]);
}

// ---------------------------------------------------------------- MT19937

/** NumPy's MT19937 state: the 624 key words and the read position. */
export interface MT19937State {
  key: Uint32Array;
  pos: number;
}

export class NumpyMT19937 implements BitGenerator {
  readonly key = new Uint32Array(MT_N);
  pos = MT_N;

  /** mt19937_seed: init_genrand from a 32-bit seed. */
  seedLegacy(seed: number): void {
    mtInitGenrand(this.key, seed);
    this.pos = MT_N;
  }

  /** mt19937_init_by_array: the legacy seeding of array seeds. */
  seedByArray(key: ArrayLike<number>): void {
    mtInitByArray(this.key, key);
    this.pos = MT_N;
  }

  /** MT19937(seed) of the new API: SeedSequence words, with the first word's MSB forced. */
  seedSequence(seq: SeedSequence): void {
    const val = seq.generateState(MT_N);
    this.key.set(val);
    this.key[0] = 0x80000000;
    this.pos = MT_N - 1; // the Cython loop leaves its index at 623
  }

  nextUint32(): number {
    if (this.pos === MT_N) {
      mtTwist(this.key);
      this.pos = 0;
    }
    return mtTemper(this.key[this.pos++]);
  }

  nextUint64(out: U64): U64 {
    out[0] = this.nextUint32();
    out[1] = this.nextUint32();
    return out;
  }

  /** mt19937_next_double: 27 + 26 bits. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5, b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos };
  }

  setState(s: MT19937State): void {
    this.key.set(s.key);
    this.pos = s.pos;
  }
}

// ---------------------------------------------------------------- PCG64

// 128-bit integers as eight 16-bit limbs, least significant first: products of limbs stay exact.
type U128 = Float64Array;

function u128FromBig(x: bigint): U128 {
  const r = new Float64Array(8);
  for (let i = 0; i < 8; i++) r[i] = Number((x >> BigInt(16 * i)) & 0xffffn);
  return r;
}

function u128ToBig(a: U128): bigint {
  let x = 0n;
  for (let i = 7; i >= 0; i--) x = (x << 16n) | BigInt(a[i]);
  return x;
}

const PCG_MULT = u128FromBig((2549297995355413924n << 64n) | 4865540595714422341n);
const MASK128 = (1n << 128n) - 1n;

/** PCG64 (XSL-RR 128/64), NumPy's default bit generator, with its buffered 32-bit output. */
export class PCG64 implements BitGenerator {
  private state: U128 = new Float64Array(8);
  private inc: U128 = new Float64Array(8);
  private readonly tmp = new Float64Array(8);
  hasUint32 = false;
  uinteger = 0;

  /** PCG64(seed) / default_rng(seed): four uint64 words from SeedSequence set state and increment. */
  constructor(seed?: SeedSequence) {
    if (seed) {
      const w = seed.generateState64(4);
      this.setSeed((w[0] << 64n) | w[1], (w[2] << 64n) | w[3]);
    }
  }

  /** pcg_setseq_128_srandom_r. */
  setSeed(initState: bigint, initSeq: bigint): void {
    this.aheadAt = this.aheadEnd = 0;
    this.state = new Float64Array(8);
    this.inc = u128FromBig(((initSeq << 1n) | 1n) & MASK128);
    this.step();
    this.state = u128FromBig((u128ToBig(this.state) + initState) & MASK128);
    this.step();
    this.hasUint32 = false;
    this.uinteger = 0;
  }

  /** state = state * MULT + inc (mod 2^128). */
  private step(): void {
    const a = this.state, m = PCG_MULT, r = this.tmp, inc = this.inc;
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      let s = carry + inc[k];
      for (let i = 0; i <= k; i++) s += a[i] * m[k - i];
      // s < 2^36, so the division and floor are exact (and much faster than % on doubles).
      carry = Math.floor(s / 65536);
      r[k] = s - carry * 65536;
    }
    a.set(r);
  }

  // Outputs computed ahead by reserve(), [high, low] word pairs, drawn from `ahead` before stepping.
  private ahead = new Uint32Array(0);
  private aheadAt = 0;
  private aheadEnd = 0;
  private readonly words = new Uint32Array(8);

  /** Up to k outputs at once (4096 at most) by the module, where it is here and nothing is ahead. */
  reserve(k: number): void {
    if (this.aheadAt < this.aheadEnd || k < 64) return;
    const m = Math.min(k, 4096), w = this.words, s = this.state, inc = this.inc;
    for (let i = 0; i < 4; i++) { w[i] = s[2 * i] + s[2 * i + 1] * 65536; w[4 + i] = inc[2 * i] + inc[2 * i + 1] * 65536; }
    if (this.ahead.length < 2 * m) this.ahead = new Uint32Array(2 * 4096);
    if (!simdPcg64(w, this.ahead, m)) return;
    for (let i = 0; i < 4; i++) { s[2 * i] = w[i] & 0xffff; s[2 * i + 1] = w[i] >>> 16; }
    this.aheadAt = 0;
    this.aheadEnd = m;
  }

  /** One 64-bit output: step, then xor-fold the halves and rotate right by the top 6 bits. */
  nextUint64(out: U64): U64 {
    if (this.aheadAt < this.aheadEnd) {
      const p = 2 * this.aheadAt++;
      out[0] = this.ahead[p];
      out[1] = this.ahead[p + 1];
      return out;
    }
    this.step();
    const s = this.state;
    const hi = ((s[7] * 65536 + s[6]) ^ (s[3] * 65536 + s[2])) >>> 0;
    const lo = ((s[5] * 65536 + s[4]) ^ (s[1] * 65536 + s[0])) >>> 0;
    const rot = (s[7] >>> 10) & 63;
    if (rot === 0) { out[0] = hi; out[1] = lo; return out; }
    if (rot === 32) { out[0] = lo; out[1] = hi; return out; }
    if (rot < 32) {
      out[0] = ((hi >>> rot) | (lo << (32 - rot))) >>> 0;
      out[1] = ((lo >>> rot) | (hi << (32 - rot))) >>> 0;
    } else {
      const r = rot - 32;
      out[0] = ((lo >>> r) | (hi << (32 - r))) >>> 0;
      out[1] = ((hi >>> r) | (lo << (32 - r))) >>> 0;
    }
    return out;
  }

  private readonly w: U64 = [0, 0];

  /** The low half of a fresh 64-bit output, keeping the high half for the next call. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.nextUint64(this.w);
    this.hasUint32 = true;
    this.uinteger = this.w[0];
    return this.w[1];
  }

  /** (next_uint64 >> 11) * 2^-53. */
  nextDouble(): number {
    this.nextUint64(this.w);
    return (this.w[0] * 2097152 + (this.w[1] >>> 11)) * 1.1102230246251565e-16;
  }

  /** The `state` property's numbers: state, inc, has_uint32, uinteger. */
  getState(): { state: bigint; inc: bigint; hasUint32: boolean; uinteger: number } {
    // A caller broke reserve()'s promise: the state is ahead of what was drawn.
    if (this.aheadAt < this.aheadEnd) throw new Error('PCG64: outputs reserved ahead were not drawn');
    return { state: u128ToBig(this.state), inc: u128ToBig(this.inc), hasUint32: this.hasUint32, uinteger: this.uinteger };
  }

  setState(s: { state: bigint; inc: bigint; hasUint32: boolean; uinteger: number }): void {
    this.aheadAt = this.aheadEnd = 0;
    this.state = u128FromBig(s.state & MASK128);
    this.inc = u128FromBig(s.inc & MASK128);
    this.hasUint32 = s.hasUint32;
    this.uinteger = s.uinteger >>> 0;
  }
}
