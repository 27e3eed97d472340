// Converting storage between dtypes as NumPy's astype does: floats to integers truncate toward
// zero, integers wrap to the narrower width (as C casts do), anything to bool is `!= 0`, and the
// narrow floats round to nearest.
import { allocateUnfilled, bitsOf, isBig, isFloat, isUnsigned, narrowRounding, type DType, type TensorData } from '../tensor/dtype.js';

export function castData(a: TensorData, from: DType, to: DType): TensorData {
  if (from === to) return a;
  const n = a.length;
  const out = allocateUnfilled(to, n);
  if (to === 'bool') {
    const o = out as Uint8Array;
    if (isBig(from)) for (let i = 0; i < n; i++) o[i] = (a[i] as bigint) !== 0n ? 1 : 0;
    else for (let i = 0; i < n; i++) o[i] = (a[i] as number) !== 0 ? 1 : 0;
    return out;
  }
  if (isBig(to)) {
    const o = out as BigInt64Array;
    if (isBig(from)) for (let i = 0; i < n; i++) o[i] = a[i] as bigint; // the store wraps to the target's range
    else {
      // NaN and infinities have no integer value; NumPy gives the most negative integer (2^63 unsigned).
      const bad = to === 'int64' ? -(2n ** 63n) : 2n ** 63n;
      for (let i = 0; i < n; i++) {
        const v = a[i] as number;
        o[i] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : bad;
      }
    }
    return out;
  }
  const O = out as Float64Array;
  if (isBig(from)) {
    const s = a as BigInt64Array;
    if (isFloat(to)) for (let i = 0; i < n; i++) O[i] = Number(s[i]);
    else {
      // Wrap exactly through BigInt: Number() of a large int64 would lose the low bits first.
      const bits = bitsOf(to);
      const wrap = isUnsigned(to) ? (v: bigint) => BigInt.asUintN(bits, v) : (v: bigint) => BigInt.asIntN(bits, v);
      for (let i = 0; i < n; i++) O[i] = Number(wrap(s[i]));
    }
  } else if (isFloat(from) && !isFloat(to)) {
    // Truncate first: a typed-array store of a fraction would also truncate, but NaN must become 0.
    for (let i = 0; i < n; i++) { const v = a[i] as number; O[i] = v === v ? Math.trunc(v) : 0; }
  } else O.set(a as Float64Array);
  const r = narrowRounding(to);
  if (r) for (let i = 0; i < n; i++) O[i] = r(O[i]);
  return out;
}
