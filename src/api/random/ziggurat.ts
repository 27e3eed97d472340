// NumPy Generator's standard normal: the 256-layer ziggurat of Marsaglia & Tsang (2000), with NumPy's
// bit layout (e3n52sb8 for doubles, n23sb8 for floats). The layer tables are rebuilt here from their
// defining recurrence, x_{i+1} = sqrt(-2 log(f(x_i) + v / x_i)) from the tail edge r, in double
// arithmetic; that reproduces NumPy's published tables except at one layer (see below).

import type { BitGenerator, U64 } from './numpy_bitgen.js';
import * as libm from './libm.js';
import { f32, f64Bits, f64FromBits } from './float32.js';

/** The tail edge r and the common layer area v. */
export const ZIG_R = 3.6541528853610087963519472518;
const ZIG_V = 0.0049286732339746519;
export const ZIG_INV_R = 1 / ZIG_R;
const ZIG_R_F = f32(ZIG_R);
const ZIG_INV_R_F = f32(ZIG_INV_R);

export interface ZigguratTables {
  /** Acceptance thresholds (52-bit for doubles, 23-bit for floats). */
  ki: Float64Array;
  /** Layer widths scaled to the integer draw. */
  wi: Float64Array;
  /** Density at each layer edge. */
  fi: Float64Array;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The density exp(-x^2/2) as the tables' generator computed it: correctly rounded, except at layer 38
 * where the exact value lies 0.0017 ulp from a rounding midpoint and that generator's exp rounded up
 * (every other entry of NumPy's tables follows from correctly rounded double arithmetic).
 */
function density(x: number): number {
  const y = libm.exp(-0.5 * x * x);
  const [hi, lo] = f64Bits(x);
  if (hi === 0x3fec3e70 && lo === 0xf9594ef3) {
    const [yh, yl] = f64Bits(y);
    return f64FromBits(yl === 0xffffffff ? yh + 1 : yh, (yl + 1) >>> 0);
  }
  return y;
}

let tables: { double: ZigguratTables; float: ZigguratTables } | null = null;

/** Builds (once) the double and float tables. */
export function zigguratTables(): { double: ZigguratTables; float: ZigguratTables } {
  if (tables) return tables;
  const C = 256;
  const x = new Float64Array(C);
  // x[255] = r, down to x[1]; x[0] = 0
  x[C - 1] = ZIG_R;
  for (let i = C - 2; i >= 1; i--) {
    const prev = x[i + 1];
    x[i] = Math.sqrt(-2 * libm.log(density(prev) + ZIG_V / prev));
  }
  const make = (scale: number, isFloat: boolean): ZigguratTables => {
    const ki = new Float64Array(C), wi = new Float64Array(C), fi = new Float64Array(C);
    const rnd = isFloat ? f32 : (v: number) => v;
    for (let i = 1; i < C; i++) ki[i] = roundHalfEven((x[i - 1] / x[i]) * scale);
    ki[0] = roundHalfEven(((ZIG_R * density(ZIG_R)) / ZIG_V) * scale);
    for (let i = 0; i < C; i++) {
      wi[i] = rnd(x[i] / scale);
      fi[i] = rnd(density(x[i]));
    }
    wi[0] = rnd(ZIG_V / density(ZIG_R) / scale);
    return { ki, wi, fi };
  };
  tables = { double: make(2 ** 52, false), float: make(2 ** 23, true) };
  return tables;
}

const W: U64 = [0, 0];

/** random_standard_normal: one double. */
export function standardNormal(bg: BitGenerator): number {
  const { ki, wi, fi } = zigguratTables().double;
  for (;;) {
    bg.nextUint64(W);
    // r = [hi:lo]; idx = low 8 bits; sign = bit 8; rabs = bits 9..60
    const idx = W[1] & 0xff;
    const sign = (W[1] >>> 8) & 1;
    const rabs = (W[0] & 0x1fffffff) * 8388608 + (W[1] >>> 9); // 29 + 23 bits
    let x = rabs * wi[idx];
    if (sign) x = -x;
    if (rabs < ki[idx]) return x;
    if (idx === 0) {
      for (;;) {
        const xx = -ZIG_INV_R * libm.log1p(-bg.nextDouble());
        const yy = -libm.log1p(-bg.nextDouble());
        if (yy + yy > xx * xx) return ((rabs / 256) & 1) ? -(ZIG_R + xx) : ZIG_R + xx;
      }
    }
    if ((fi[idx - 1] - fi[idx]) * bg.nextDouble() + fi[idx] < libm.exp(-0.5 * x * x)) return x;
  }
}

/** random_standard_normal_f: one float. */
export function standardNormalF(bg: BitGenerator): number {
  const { ki, wi, fi } = zigguratTables().float;
  for (;;) {
    const r = bg.nextUint32();
    const idx = r & 0xff;
    const sign = (r >>> 8) & 1;
    const rabs = (r >>> 9) & 0x7fffff;
    let x = f32(rabs * wi[idx]);
    if (sign) x = -x;
    if (rabs < ki[idx]) return x;
    if (idx === 0) {
      for (;;) {
        const xx = f32(-ZIG_INV_R_F * libm.log1pf(-nextFloat(bg)));
        const yy = f32(-libm.log1pf(-nextFloat(bg)));
        if (f32(yy + yy) > f32(xx * xx)) return ((rabs >>> 8) & 1) ? -f32(ZIG_R_F + xx) : f32(ZIG_R_F + xx);
      }
    }
    if (f32(f32(f32(fi[idx - 1] - fi[idx]) * nextFloat(bg)) + fi[idx]) < libm.expf(f32(f32(-0.5 * x) * x))) return x;
  }
}

/** next_float: 24 bits of a 32-bit draw. */
export function nextFloat(bg: BitGenerator): number {
  return (bg.nextUint32() >>> 8) * 5.9604644775390625e-8;
}
