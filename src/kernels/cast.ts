// Converting storage between dtypes as NumPy's astype does: floats to integers truncate toward
// zero, integers wrap to the narrower width (as C casts do), anything to bool is `!= 0`, and the
// narrow floats round to nearest.
import { allocateUnfilled, isBig, isFloat, isUnsigned, narrowRounding, type DType, type TensorData } from '../tensor/dtype.js';

export function castData(a: TensorData, from: DType, to: DType): TensorData {
  if (from === to) return a;
  const n = a.length;
  const out = allocateUnfilled(to, n);
  // 64-bit integers are read and written as two 32-bit words (little-endian): no BigInt per element.
  const inW = isBig(from) ? words(a) : null, outW = isBig(to) ? words(out) : null;
  if (to === 'bool') {
    const o = out as Uint8Array;
    if (inW) for (let i = 0; i < n; i++) o[i] = (inW[2 * i] | inW[2 * i + 1]) !== 0 ? 1 : 0;
    else for (let i = 0; i < n; i++) o[i] = (a[i] as number) !== 0 ? 1 : 0;
    return out;
  }
  if (outW) {
    if (inW) outW.set(inW); // the same bits: int64 and uint64 wrap into each other
    else if (!isFloat(from)) {
      // Integers sign-extended (unsigned ones are never negative).
      for (let i = 0; i < n; i++) { const v = a[i] as number; outW[2 * i] = v; outW[2 * i + 1] = v < 0 ? -1 : 0; }
    } else {
      // NaN and infinities have no integer value; NumPy gives the most negative integer (2^63 unsigned).
      const o = out as BigInt64Array;
      const bad = to === 'int64' ? -(2n ** 63n) : 2n ** 63n;
      for (let i = 0; i < n; i++) {
        const v = Math.trunc(a[i] as number);
        if (Math.abs(v) < 2 ** 63) {
          // hi 2^32 + lo with lo in [0, 2^32): both exact for an integral double.
          const hi = Math.floor(v / 4294967296);
          outW[2 * i] = v - hi * 4294967296;
          outW[2 * i + 1] = hi;
        } else o[i] = Number.isFinite(v) ? BigInt(v) : bad; // the store wraps to the target's range
      }
    }
    return out;
  }
  const O = out as Float64Array;
  if (inW) {
    const unsigned = from === 'uint64';
    if (isFloat(to)) {
      // hi 2^32 + lo: one rounding, as Number(bigint) rounds.
      for (let i = 0; i < n; i++) O[i] = (unsigned ? inW[2 * i + 1] >>> 0 : inW[2 * i + 1]) * 4294967296 + (inW[2 * i] >>> 0);
    } else {
      // The low word wraps to any narrower width (the store keeps its low bits, signed or not).
      for (let i = 0; i < n; i++) O[i] = isUnsigned(to) ? inW[2 * i] >>> 0 : inW[2 * i];
    }
  } else if (isFloat(from) && !isFloat(to)) {
    // Truncate first: a typed-array store of a fraction would also truncate, but NaN must become 0.
    for (let i = 0; i < n; i++) { const v = a[i] as number; O[i] = v === v ? Math.trunc(v) : 0; }
  } else O.set(a as Float64Array);
  const r = narrowRounding(to);
  if (r) for (let i = 0; i < n; i++) O[i] = r(O[i]);
  return out;
}

/** A 64-bit integer array's words, two per element (low first). */
function words(a: TensorData): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, 2 * a.length);
}
