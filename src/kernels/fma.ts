// Fused multiply-add, a*b + c rounded once, in JavaScript (which has no Math.fma): the matmul kernels'
// step when the WebAssembly kernel (which uses the processor's FMA) cannot run, so that both give the
// same bits. Both are exact for finite operands whose product neither overflows nor falls below the
// normal range (about 1e-292 for float64); beyond that they return the unfused a*b + c.

/**
 * float32: a*b is exact in a double (24 + 24 bits), so s = a*b + c is the only rounding before
 * Math.fround. Rounding s to float32 can differ from rounding the exact sum only when s is exactly
 * halfway between two floats (q is then the other one), where the sign of s's error (TwoSum) decides.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  const d = s - r;
  if (d === 0) return r;
  const q = r + 2 * d;
  if (Math.fround(q) !== q) return r; // not a midpoint: the usual case
  const v = s - p;
  const e = (p - (s - v)) + (c - v);
  if (e === 0 || !Number.isFinite(e)) return r;
  return (e > 0) === (d > 0) ? q : r;
}

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves
const LIMIT = 2 ** 995; // above this the split overflows
const bits = new Float64Array(1);
const word = new Uint32Array(bits.buffer); // word[0]: the low 32 bits of the significand (little-endian)

/**
 * float64: Boldo and Melquiond's emulation: a*b = ph + pl exactly (Dekker's product), ph + c = sh + sl
 * exactly (TwoSum), then sh + (sl + pl) where the inner sum is rounded to odd, which makes the final
 * rounding to nearest that of the exact a*b + c.
 */
export function fma64(a: number, b: number, c: number): number {
  const ph = a * b;
  if (c === 0 || ph === 0 || !Number.isFinite(ph) || !Number.isFinite(c)) return ph + c;
  if (Math.abs(a) > LIMIT || Math.abs(b) > LIMIT) return ph + c;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  const pl = ((ah * bh - ph) + ah * bl + al * bh) + al * bl;
  const sh = ph + c;
  let v = sh - ph;
  const sl = (ph - (sh - v)) + (c - v);
  // u + w = sl + pl exactly; u rounded to odd when w is not zero.
  const u0 = sl + pl;
  v = u0 - sl;
  const w = (sl - (u0 - v)) + (pl - v);
  let u = u0;
  if (w !== 0) {
    bits[0] = u0;
    if ((word[0] & 1) === 0) {
      // u0 is even: the odd neighbour on w's side is one unit away in the integer encoding.
      const up = (w > 0) === (u0 > 0);
      if (up) word[0] += 1;
      else if (word[0] === 0) { word[0] = 0xffffffff; word[1] -= 1; } else word[0] -= 1;
      u = bits[0];
    }
  }
  return sh + u;
}
