// Dtypes, their storage, and NumPy's promotion rules.
//
// Storage: float32 -> Float32Array, float64 -> Float64Array, int32 -> Int32Array,
// bool -> Uint8Array (0/1), int64 -> BigInt64Array (the full signed 64-bit range, exact;
// arithmetic on int64 wraps around like NumPy's).

export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'bool'];

export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
/** Storage whose elements are JS numbers (every dtype except int64). */
export type NumberData = Float32Array | Float64Array | Int32Array | Uint8Array;

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

export function isInteger(d: DType): boolean {
  return d === 'int32' || d === 'int64';
}

export function allocate(dtype: DType, size: number): TensorData {
  switch (dtype) {
    case 'float32': return new Float32Array(size);
    case 'float64': return new Float64Array(size);
    case 'int32': return new Int32Array(size);
    case 'int64': return new BigInt64Array(size);
    case 'bool': return new Uint8Array(size);
  }
}

/** The dtype whose storage is this typed array (Uint8Array is bool). */
export function dtypeOfArray(a: TensorData): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof BigInt64Array) return 'int64';
  return 'bool';
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

/** NumPy's promotion of two array dtypes (bool < int32 < int64 < float32 < float64, with int64 & float32 -> float64). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if ((a === 'int64' && b === 'float32') || (a === 'float32' && b === 'int64')) return 'float64';
  if ((a === 'int32' && b === 'float32') || (a === 'float32' && b === 'int32')) return 'float64';
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Promotion against a weakly typed Python scalar (NEP 50): the array's dtype wins unless the
 * scalar is of a higher kind (a float with an integer or bool array gives the default float).
 */
export function promoteWeak(arrayType: DType, scalar: number | boolean, defaultFloat: DType = 'float32'): DType {
  if (typeof scalar === 'boolean') return arrayType;
  if (Number.isInteger(scalar)) return arrayType === 'bool' ? 'int32' : arrayType;
  return isFloat(arrayType) ? arrayType : defaultFloat;
}
