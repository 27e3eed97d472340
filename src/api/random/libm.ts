// Correctly rounded log, log1p, exp, sin and cos, in double and in float, computed in double-double.
// The libraries call the C library's functions (glibc's log, sin, cos, logf, ...), which are not
// correctly rounded in about 1 call in 1000 (double) or 100 (float); V8's Math.log is off in about 1 in
// 14. Rounding the exact value is the closest a portable engine can get to glibc: see README.md.

/** A double-double: hi + lo with |lo| <= ulp(hi) / 2. */
type DD = [number, number];

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

function twoSum(a: number, b: number, out: DD): DD {
  const s = a + b;
  const bb = s - a;
  out[0] = s;
  out[1] = (a - (s - bb)) + (b - bb);
  return out;
}

function twoProd(a: number, b: number, out: DD): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  out[0] = p;
  out[1] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return out;
}

const T1: DD = [0, 0], T2: DD = [0, 0];

function ddAdd(ah: number, al: number, bh: number, bl: number, out: DD): DD {
  twoSum(ah, bh, T1);
  const s = T1[0];
  const e = T1[1] + al + bl;
  return twoSum(s, e, out);
}

function ddMul(ah: number, al: number, bh: number, bl: number, out: DD): DD {
  twoProd(ah, bh, T2);
  const p = T2[0];
  const e = T2[1] + (ah * bl + al * bh);
  return twoSum(p, e, out);
}

function ddDiv(ah: number, al: number, bh: number, bl: number, out: DD): DD {
  const q1 = ah / bh;
  // r = a - q1 * b
  const P: DD = [0, 0];
  ddMul(q1, 0, bh, bl, P);
  const R: DD = [0, 0];
  ddAdd(ah, al, -P[0], -P[1], R);
  const q2 = R[0] / bh;
  ddMul(q2, 0, bh, bl, P);
  ddAdd(R[0], R[1], -P[0], -P[1], R);
  const q3 = R[0] / bh;
  twoSum(q1, q2, out);
  return ddAdd(out[0], out[1], q3, 0, out);
}

// ln 2 and pi/2 to about 160 bits, as sums of doubles.
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const LN2_3 = 5.707708438416212e-34;
const PIO2: [number, number, number] = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33];

const RECIPROCALS: DD[] = [];

/** 1/k as a double-double, computed once per k. */
function reciprocal(k: number): DD {
  let r = RECIPROCALS[k];
  if (!r) r = RECIPROCALS[k] = ddDiv(1, 0, k, 0, [0, 0]);
  return r;
}

/** atanh(s) * 2 = log((1+s)/(1-s)) for a small double-double s: the odd series. */
function log1pSeries(sh: number, sl: number, out: DD): DD {
  const S2: DD = [0, 0];
  ddMul(sh, sl, sh, sl, S2);
  // sum_{k>=0} s^(2k+1)/(2k+1), by Horner from the highest needed term.
  let n = 1;
  let p = Math.abs(sh);
  while (p > 1e-36 && n < 200) { p *= S2[0]; n += 2; }
  const acc: DD = [1 / n, 0];
  for (let k = n - 2; k >= 1; k -= 2) {
    ddMul(acc[0], acc[1], S2[0], S2[1], acc);
    const inv = reciprocal(k);
    ddAdd(acc[0], acc[1], inv[0], inv[1], acc);
  }
  ddMul(acc[0], acc[1], sh, sl, acc);
  out[0] = 2 * acc[0];
  out[1] = 2 * acc[1];
  return out;
}

/** Natural log of a positive double-double, as a double-double. */
function logDD(xh: number, xl: number, out: DD): DD {
  // x = 2^k m with m in [sqrt(1/2), sqrt(2)); the scaling by 2^-k is exact.
  // (log2 of the largest doubles rounds to 1024, whose power of two overflows.)
  let k = Math.min(Math.floor(Math.log2(xh)), 1023);
  let m = xh / 2 ** k, ml = xl / 2 ** k;
  if (m >= Math.SQRT2) { m /= 2; ml /= 2; k += 1; } else if (m < Math.SQRT1_2) { m *= 2; ml *= 2; k -= 1; }
  // s = (m - 1) / (m + 1)
  const num: DD = [0, 0], den: DD = [0, 0], s: DD = [0, 0];
  ddAdd(m, ml, -1, 0, num);
  ddAdd(m, ml, 1, 0, den);
  ddDiv(num[0], num[1], den[0], den[1], s);
  log1pSeries(s[0], s[1], out);
  if (k !== 0) {
    const kl: DD = [0, 0];
    ddMul(LN2[0], LN2[1], k, 0, kl);
    kl[1] += LN2_3 * k;
    ddAdd(out[0], out[1], kl[0], kl[1], out);
  }
  return out;
}

/** log(x) correctly rounded. */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  if (x === 1) return 0;
  return quickLog(x) ?? exactLog(x);
}

/** log(x) by the double-double series alone (the quick phase's fallback, and its specs' oracle). */
export function exactLog(x: number): number {
  const r = logDD(x, 0, [0, 0]);
  return r[0] + r[1];
}

// ---------------------------------------------------------------- log's quick phase
// log x = e ln2 + log(1/r) + log1p(u), x = 2^e f, f in [1, 2), u = f r - 1 with r about 1/f from a
// table of 256 (|u| <= 2^-9), in double-double where it matters, with a bound on the error. The
// rounding is certain, and the result returned, when the bound keeps the true value on the same side
// of every rounding midpoint; else (about 1 call in 10^4, and x near 1 or subnormal) the series runs.

/** ln 2 as LN2_HI + LN2_LO, with e LN2_HI exact for |e| < 2^11 (its low 11 bits are zero). */
const LN2_HI = 0.6931471805598903;
const LN2_LO = (LN2[0] - LN2_HI) + LN2[1];
const D64 = new Float64Array(1);
const D32 = new Uint32Array(D64.buffer);
let LOG_R = new Float64Array(0), LOG_T = new Float64Array(0);

/** The error of the product a * b = p (Dekker's: exact without a fused multiply-add). */
function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** r_j = 1/c_j (rounded), c_j the middle of [1 + j/256, 1 + (j+1)/256), and log(1/r_j) = -log r_j as hi, lo. */
function makeLogTables(): void {
  LOG_R = new Float64Array(256);
  LOG_T = new Float64Array(512);
  for (let j = 0; j < 256; j++) {
    const r = 1 / (1 + (j + 0.5) / 256);
    const t = logDD(r, 0, [0, 0]);
    LOG_R[j] = r;
    LOG_T[2 * j] = -t[0];
    LOG_T[2 * j + 1] = -t[1];
  }
}

/**
 * The quick phase's value of log x as rh + rl (rh = fl(rh + rl)) and a bound on its error, for x a
 * positive normal double (undefined for subnormals).
 */
export function quickLogParts(x: number): { rh: number; rl: number; bound: number } | undefined {
  if (LOG_R.length === 0) makeLogTables();
  const R = LOG_R, T = LOG_T;
  D64[0] = x;
  const hw = D32[1];
  const biased = (hw >>> 20) & 0x7ff;
  if (biased === 0) return undefined; // subnormal
  let e: number, uh: number, ul: number, th: number, tl: number;
  if (Math.abs(x - 1) < 1 / 512) {
    // Near 1: u = x - 1 exactly (no table term to cancel against).
    e = 0; uh = x - 1; ul = 0; th = 0; tl = 0;
  } else {
    e = biased - 1023;
    const j = (hw >>> 12) & 0xff;
    D32[1] = (hw & 0x000fffff) | 0x3ff00000;
    const f = D64[0], r = R[j];
    const p = f * r;
    const pe = productError(f, r, p);
    // u = (p - 1) + pe exactly (p - 1 is exact: p lies within 2^-9 of 1), as a normalized pair.
    const u0 = p - 1;
    uh = u0 + pe;
    const bb = uh - u0;
    ul = (u0 - (uh - bb)) + (pe - bb);
    th = T[2 * j]; tl = T[2 * j + 1];
  }
  // log1p(u) = u - u^2/2 + u^3 P(u), P(u) = 1/3 - u/4 + ... - u^7/10 (next term below 2^-99 |u|).
  const hh = uh * uh, hl = productError(uh, uh, hh);
  const q = uh * hh * (1 / 3 + uh * (-1 / 4 + uh * (1 / 5 + uh * (-1 / 6 + uh * (1 / 7 + uh * (-1 / 8 + uh * (1 / 9 + uh * (-1 / 10))))))));
  // The large terms summed exactly (two-sums), the small ones in one double.
  const a = e * LN2_HI;
  let s = a + th;
  let bb = s - a;
  let err = (a - (s - bb)) + (th - bb);
  let s2 = s + uh;
  bb = s2 - s;
  err += (s - (s2 - bb)) + (uh - bb);
  const h = -0.5 * hh;
  s = s2 + h;
  bb = s - s2;
  err += (s2 - (s - bb)) + (h - bb);
  const small = err + (e * LN2_LO + tl + ul - 0.5 * hl - uh * ul + q);
  const rh = s + small;
  bb = rh - s;
  const rl = (s - (rh - bb)) + (small - bb);
  // Bound on |true - (rh + rl)|: q's rounding (2^-50.6 |u|^3), ln 2's and the table's representation,
  // the small sum's rounding; each with a margin of 4 or more.
  const bound = 2 ** -48 * Math.abs(uh * hh) + 2 ** -86 * Math.abs(e) + 2 ** -94 * (Math.abs(a) + Math.abs(th) + Math.abs(uh));
  return { rh, rl, bound };
}

function quickLog(x: number): number | undefined {
  const q = quickLogParts(x);
  if (q === undefined) return undefined;
  const { rh, rl, bound } = q;
  D64[0] = rh;
  const rb = (D32[1] >>> 20) & 0x7ff;
  // Powers of two (a smaller spacing below) and tiny results go to the series.
  if (rb < 60 || ((D32[1] & 0x000fffff) === 0 && D32[0] === 0)) return undefined;
  // Half an ulp of rh: 2^(exponent - 53).
  D32[1] = (rb - 53) << 20;
  D32[0] = 0;
  return Math.abs(rl) + bound < D64[0] ? rh : undefined;
}

/** log x as the series computes it, hi and lo (the specs' measure of the quick phase's error). */
export function exactLogParts(x: number): [number, number] {
  const r = logDD(x, 0, [0, 0]);
  return [r[0], r[1]];
}

/** log1p(x) correctly rounded. */
export function log1p(x: number): number {
  if (!(x > -1)) return x === -1 ? -Infinity : NaN;
  if (x === 0 || x === Infinity) return x;
  return dd2d(log1pDD(x, [0, 0]));
}

function log1pDD(x: number, out: DD): DD {
  if (Math.abs(x) < 0.5) {
    // log1p(x) = 2 atanh(x / (2 + x)), with 2 + x exact as a double-double.
    const den = twoSum(2, x, [0, 0]);
    const s = ddDiv(x, 0, den[0], den[1], [0, 0]);
    return log1pSeries(s[0], s[1], out);
  }
  const a = twoSum(1, x, [0, 0]);
  return logDD(a[0], a[1], out);
}

const dd2d = (r: DD): number => r[0] + r[1];

/** exp(x) correctly rounded (x finite and in range). */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.8) return Infinity;
  if (x < -745.2) return 0;
  const r = expDD(x, [0, 0]);
  const v = r[0] + r[1];
  return v;
}

function expDD(x: number, out: DD): DD {
  const k = Math.round(x / LN2[0]);
  // r = x - k ln2, in double-double
  const kl = ddMul(LN2[0], LN2[1], k, 0, [0, 0]);
  kl[1] += LN2_3 * k;
  const r = ddAdd(x, 0, -kl[0], -kl[1], [0, 0]);
  // exp(r) = (exp(r / 2^8))^(2^8)
  const SC = 256;
  const rh = r[0] / SC, rl = r[1] / SC;
  // Taylor: sum r^n / n!
  const sum: DD = [1, 0];
  const term: DD = [1, 0];
  for (let n = 1; n < 30; n++) {
    ddMul(term[0], term[1], rh, rl, term);
    ddDiv(term[0], term[1], n, 0, term);
    ddAdd(sum[0], sum[1], term[0], term[1], sum);
    if (Math.abs(term[0]) < 1e-36) break;
  }
  for (let i = 0; i < 8; i++) ddMul(sum[0], sum[1], sum[0], sum[1], sum);
  // scale by 2^k (exact unless the result is subnormal)
  const s = 2 ** k;
  out[0] = sum[0] * s;
  out[1] = sum[1] * s;
  return out;
}

/** x - k pi/2 as a double-double and the quadrant k mod 4, for |x| < 2^28. */
function reduce(x: number, out: DD): number {
  const k = Math.round(x / PIO2[0]);
  // k * (p0 + p1 + p2) with k < 2^28: k*p0 is not exact, so use double-double products.
  const a = twoProd(k, PIO2[0], [0, 0]);
  const b = twoProd(k, PIO2[1], [0, 0]);
  const c = k * PIO2[2];
  const r: DD = [0, 0];
  ddAdd(x, 0, -a[0], -a[1], r);
  ddAdd(r[0], r[1], -b[0], -b[1], r);
  ddAdd(r[0], r[1], -c, 0, r);
  out[0] = r[0];
  out[1] = r[1];
  return ((k % 4) + 4) % 4;
}

/** sin (odd = true) or cos series of a reduced double-double argument |r| <= pi/4. */
function trigSeries(rh: number, rl: number, odd: boolean, out: DD): DD {
  const r2 = ddMul(rh, rl, rh, rl, [0, 0]);
  // Horner over terms (-1)^n r^(2n) / (2n + o)!, o = 1 for sin, 0 for cos.
  const N = 16;
  const o = odd ? 1 : 0;
  const acc: DD = [0, 0];
  for (let n = N; n >= 0; n--) {
    // acc = acc * r2 * (-1) / ((2n+o+1)(2n+o+2)) + 1, arranged from the top term down
    if (n === N) { acc[0] = 1; acc[1] = 0; continue; }
    const d = (2 * n + o + 1) * (2 * n + o + 2);
    ddMul(acc[0], acc[1], r2[0], r2[1], acc);
    ddDiv(acc[0], acc[1], -d, 0, acc);
    ddAdd(acc[0], acc[1], 1, 0, acc);
  }
  if (odd) ddMul(acc[0], acc[1], rh, rl, acc);
  out[0] = acc[0];
  out[1] = acc[1];
  return out;
}

function sinCosDD(x: number, wantSin: boolean, out: DD): DD {
  const r: DD = [0, 0];
  const q = reduce(x, r);
  // sin(x) by quadrant: sin r, cos r, -sin r, -cos r; cos(x): cos r, -sin r, -cos r, sin r.
  const k = wantSin ? q : (q + 1) % 4;
  trigSeries(r[0], r[1], k % 2 === 0, out);
  if (k >= 2) { out[0] = -out[0]; out[1] = -out[1]; }
  return out;
}

/** sin(x) correctly rounded for |x| < 2^28 (Math.sin beyond, unused by the engines). */
export function sin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (x === 0 || Math.abs(x) >= 2 ** 28) return Math.sin(x);
  return dd2d(sinCosDD(x, true, [0, 0]));
}

/** cos(x) correctly rounded for |x| < 2^28. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) >= 2 ** 28) return Math.cos(x);
  if (x === 0) return 1;
  return dd2d(sinCosDD(x, false, [0, 0]));
}

// ---------------------------------------------------------------- float results

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** Rounds a double-double to float32 without double rounding. */
function dd2f(r: DD): number {
  const h = r[0] + r[1];
  const l = r[1] - (h - r[0]);
  const f = Math.fround(h);
  if (f === h || l === 0) return f;
  // h is the nearest double to the value; only an exact float midpoint needs the tail to decide.
  F32[0] = f;
  const bits = U32[0];
  const other = f < h ? nextUp32(bits, f) : nextDown32(bits, f);
  const mid = (f + other) / 2;
  if (mid !== h) return f;
  return (l > 0) === (other > f) ? other : f;
}

function nextUp32(bits: number, f: number): number {
  U32[0] = f >= 0 ? bits + 1 : bits - 1;
  if (f === 0) U32[0] = 1;
  return F32[0];
}
function nextDown32(bits: number, f: number): number {
  U32[0] = f > 0 ? bits - 1 : bits + 1;
  if (f === 0) U32[0] = 0x80000001;
  return F32[0];
}

/**
 * fround(d) where d is Math's value of the function (V8's fdlibm ports: within 1 double ulp of the
 * true value), when that is certainly the true value's float32 rounding: d lies more than MARGIN
 * double ulps from every float32 rounding midpoint (about 2 in 10^8 do not), and the result is a
 * normal float32. Else undefined, and the caller computes the exact value.
 */
const MARGIN = 4;
export function certifiedFloat(d: number): number | undefined {
  const f = Math.fround(d);
  if (!(Math.abs(f) >= 1.1754943508222875e-38 && Math.abs(f) < Infinity)) return undefined;
  D64[0] = d;
  // The 29 bits a double has beyond float32's: the midpoint between two floats is 2^28 there.
  const below = D32[0] & 0x1fffffff;
  return Math.abs(below - 0x10000000) > MARGIN ? f : undefined;
}

/** The float functions by the double-double series alone (their fallback, and the specs' oracle). */
export const exactFloat = {
  logf: (x: number): number => dd2f(logDD(x, 0, [0, 0])),
  log1pf: (x: number): number => dd2f(log1pDD(x, [0, 0])),
  sinf: (x: number): number => dd2f(sinCosDD(x, true, [0, 0])),
  cosf: (x: number): number => dd2f(sinCosDD(x, false, [0, 0])),
  expf: (x: number): number => dd2f(expDD(x, [0, 0])),
};

/** logf correctly rounded. */
export function logf(x: number): number {
  if (!(x > 0) || x === Infinity) return log(x);
  if (x === 1) return 0;
  return certifiedFloat(Math.log(x)) ?? exactFloat.logf(x);
}

/** log1pf correctly rounded. */
export function log1pf(x: number): number {
  if (!(x > -1) || x === 0 || x === Infinity) return log1p(x);
  return certifiedFloat(Math.log1p(x)) ?? exactFloat.log1pf(x);
}

/** sinf correctly rounded. */
export function sinf(x: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) >= 2 ** 28) return Math.fround(Math.sin(x));
  return certifiedFloat(Math.sin(x)) ?? exactFloat.sinf(x);
}

/** cosf correctly rounded. */
export function cosf(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 28) return Math.fround(Math.cos(x));
  if (x === 0) return 1;
  return certifiedFloat(Math.cos(x)) ?? exactFloat.cosf(x);
}

/** expf correctly rounded. */
export function expf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 89) return Infinity;
  if (x < -104) return 0;
  return certifiedFloat(Math.exp(x)) ?? exactFloat.expf(x);
}
