// Converting storage between dtypes (float -> int truncates toward zero, like NumPy's astype).
import { allocate, type DType, type TensorData } from '../tensor/dtype.js';

export function castData(a: TensorData, from: DType, to: DType): TensorData {
  if (from === to) return a;
  const n = a.length;
  const out = allocate(to, n);
  if (to === 'int64') {
    const o = out as BigInt64Array;
    for (let i = 0; i < n; i++) { const v = Number(a[i]); o[i] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n; }
  } else if (from === 'int64') {
    const s = a as BigInt64Array;
    if (to === 'bool') for (let i = 0; i < n; i++) out[i] = s[i] !== 0n ? 1 : 0;
    else for (let i = 0; i < n; i++) (out as Float64Array)[i] = Number(s[i]);
  } else if (to === 'bool') {
    for (let i = 0; i < n; i++) out[i] = a[i] !== 0 ? 1 : 0;
  } else {
    // Int32Array stores ToInt32(v), which truncates toward zero for in-range values; floats copy.
    (out as Float64Array).set(a as Float64Array);
  }
  return out;
}
