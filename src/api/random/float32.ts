// Float32 arithmetic helpers: bit casts, and a fused multiply-add rounded once to float32, as the
// vfmadd instructions of PyTorch's AVX2 kernels compute it.

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U64 = new Uint32Array(F64.buffer);

export const f32 = Math.fround;

export function f32FromBits(bits: number): number {
  U32[0] = bits;
  return F32[0];
}

export function f32Bits(x: number): number {
  F32[0] = x;
  return U32[0];
}

/** The two 32-bit halves [hi, lo] of a double's bits. */
export function f64Bits(x: number): [number, number] {
  F64[0] = x;
  return [U64[1], U64[0]];
}

export function f64FromBits(hi: number, lo: number): number {
  U64[1] = hi;
  U64[0] = lo;
  return F64[0];
}

/** Rounds hi + lo (an unevaluated exact sum of doubles, hi = fl(hi + lo)) to float32, once. */
export function roundToF32(hi: number, lo: number): number {
  const f = Math.fround(hi);
  if (f === hi || lo === 0 || !Number.isFinite(f)) return f;
  // Only a hi lying exactly halfway between two floats needs the tail to break the tie. Then
  // 2 hi - f (exact) is the float on its other side; otherwise it lies strictly between floats.
  const other = 2 * hi - f;
  if (Math.fround(other) !== other) return f;
  return (lo > 0) === (other > f) ? other : f;
}

/** fmaf(a, b, c) for float32 inputs: a * b is exact in double; the sum is rounded once to float32. */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bb = s - p;
  const e = (p - (s - bb)) + (c - bb);
  return roundToF32(s, e);
}
