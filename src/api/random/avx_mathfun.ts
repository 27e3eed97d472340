// The float32 log and sincos of avx_mathfun.h (Cephes polynomials, after Julien Pommier's SSE code),
// which PyTorch's AVX2 normal_fill applies to 8 lanes at a time. One lane, operation by operation in
// float32; GCC fuses the multiply-adds of the polynomials into FMA instructions (found by comparing
// with torch's output), so those steps round once.

import { f32, f32Bits, f32FromBits, fma32 } from './float32.js';

const SQRTHF = f32(0.707106781186547524);
const LOG_P = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(f32);
const LOG_Q1 = f32(-2.12194440e-4);
const LOG_Q2 = f32(0.693359375);

/** Which multiply-adds were contracted to FMA by the compiler (tests can flip them). */
export const AVX_FMA = {
  logPoly: true, logQ1: 'yz' as 'yz' | 'eq1' | 'none', logQ2: true,
  dp: true, cosPoly: true, cosHalf: 'yz' as 'yz' | 'none', sinPoly: true, sinX: true,
};

const madd = (use: boolean, a: number, b: number, c: number): number => (use ? fma32(a, b, c) : f32(f32(a * b) + c));

/** log256_ps for one lane x > 0 (x is float32; the callers pass 1 - u with u in [0, 1)). */
export function log256(x: number): number {
  if (x <= 0) return NaN;
  if (x < 1.1754943508222875e-38) x = 1.1754943508222875e-38; // cut off denormals
  const bits = f32Bits(x);
  let e = f32((bits >>> 23) - 127);
  x = f32FromBits((bits & ~0x7f800000) | 0x3f000000); // mantissa with the exponent of 0.5
  e = f32(e + 1);
  const small = x < SQRTHF;
  const tmp0 = small ? x : 0;
  x = f32(x - 1);
  if (small) e = f32(e - 1);
  x = f32(x + tmp0);
  const z = f32(x * x);
  let y = LOG_P[0];
  for (let i = 1; i < 9; i++) y = madd(AVX_FMA.logPoly, y, x, LOG_P[i]);
  y = f32(y * x);
  // y*z + e*q1: one of the two products is fused into the addition
  const q1 = AVX_FMA.logQ1;
  y = q1 === 'yz' ? fma32(y, z, f32(e * LOG_Q1)) : q1 === 'eq1' ? fma32(e, LOG_Q1, f32(y * z)) : f32(f32(y * z) + f32(e * LOG_Q1));
  y = f32(y - z * 0.5); // z * 0.5 is exact: fused or not, one rounding
  x = f32(x + y);
  x = madd(AVX_FMA.logQ2, e, LOG_Q2, x);
  return x;
}

const DP1 = f32(-0.78515625), DP2 = f32(-2.4187564849853515625e-4), DP3 = f32(-3.77489497744594108e-8);
const SINCOF = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f32);
const COSCOF = [2.443315711809948e-005, -1.388731625493765e-003, 4.166664568298827e-002].map(f32);
const FOPI = f32(1.27323954473516);

/** sincos256_ps for one lane: [sin x, cos x]. */
export function sincos256(x: number, out: [number, number] = [0, 0]): [number, number] {
  const signSin = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  let y = f32(x * FOPI);
  let j = y | 0; // cvttps: truncation
  j = (j + 1) & ~1;
  y = f32(j);
  const swapSin = (j & 4) !== 0;
  const poly2 = (j & 2) === 0; // the sine polynomial for the sine output
  // x = ((x - y*DP1) - y*DP2) - y*DP3, with the (negated) constants added
  x = madd(AVX_FMA.dp, y, DP1, x);
  x = madd(AVX_FMA.dp, y, DP2, x);
  x = madd(AVX_FMA.dp, y, DP3, x);
  const j4 = j - 2;
  const signCos = (~j4 & 4) !== 0;
  const sinNeg = signSin !== swapSin;

  const z = f32(x * x);
  let yc = COSCOF[0];
  yc = madd(AVX_FMA.cosPoly, yc, z, COSCOF[1]);
  yc = madd(AVX_FMA.cosPoly, yc, z, COSCOF[2]);
  yc = f32(yc * z);
  yc = AVX_FMA.cosHalf === 'yz' ? fma32(yc, z, -z * 0.5) : f32(f32(yc * z) - z * 0.5);
  yc = f32(yc + 1);

  let ys = SINCOF[0];
  ys = madd(AVX_FMA.sinPoly, ys, z, SINCOF[1]);
  ys = madd(AVX_FMA.sinPoly, ys, z, SINCOF[2]);
  ys = f32(ys * z);
  ys = madd(AVX_FMA.sinX, ys, x, x);

  const s = poly2 ? ys : yc;
  const c = poly2 ? yc : ys;
  out[0] = sinNeg ? -s : s;
  out[1] = signCos ? -c : c;
  return out;
}
