// Short names of storage types and dtypes, so that loops are compiled (and cached) per (input
// storage, output dtype): each compiled loop then sees one kind of typed array and stays monomorphic.
import type { DType, TensorData } from '../tensor/dtype.js';

/** NumPy's type characters, one per storage class. */
export function storageCode(a: TensorData): string {
  if (a instanceof Float32Array) return 'f';
  if (a instanceof Float64Array) return 'd';
  if (a instanceof Int32Array) return 'i';
  if (a instanceof Uint8Array) return 'B';
  if (a instanceof BigInt64Array) return 'l';
  if (a instanceof Int8Array) return 'b';
  if (a instanceof Int16Array) return 'h';
  if (a instanceof Uint16Array) return 'H';
  if (a instanceof Uint32Array) return 'I';
  return 'L';
}

const DTYPE_CODE: Record<DType, string> = {
  bool: '?', int8: 'b', int16: 'h', int32: 'i', int64: 'l', uint8: 'B', uint16: 'H', uint32: 'I', uint64: 'L',
  float16: 'e', bfloat16: 'E', float32: 'f', float64: 'd',
};

export function dtypeCode(d: DType): string {
  return DTYPE_CODE[d];
}

/** Stored as BigInt. */
export function isBigStorage(a: TensorData): a is BigInt64Array | BigUint64Array {
  return a instanceof BigInt64Array || a instanceof BigUint64Array;
}

/** Integer storage held in JS numbers (where integer semantics differ from doubles': Math.imul, x // 0 == 0). */
export function isIntStorage(a: TensorData): boolean {
  return a instanceof Int32Array || a instanceof Uint32Array || a instanceof Int8Array || a instanceof Int16Array ||
    a instanceof Uint16Array || (a instanceof Uint8Array);
}

/**
 * Storage's elements as JS numbers: itself, or for 64-bit integers their values from the two 32-bit
 * words (hi 2^32 + lo, one rounding: exact up to 2^53, then as Number(bigint) rounds), without a
 * BigInt per element.
 */
export function asNumbers(a: TensorData): ArrayLike<number> {
  if (!isBigStorage(a)) return a;
  const n = a.length, out = new Float64Array(n);
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  if (a instanceof BigInt64Array) {
    const signed = new Int32Array(a.buffer, a.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) out[i] = signed[2 * i + 1] * 4294967296 + words[2 * i];
  } else {
    for (let i = 0; i < n; i++) out[i] = words[2 * i + 1] * 4294967296 + words[2 * i];
  }
  return out;
}

/**
 * Integer views of the same bytes for moving elements without reading them as values (no BigInt,
 * NaN payloads kept): one element per view element, or two Int32 words per element for 8-byte types.
 */
export function bitsView(a: TensorData): { view: Int8Array | Int16Array | Int32Array; words: 1 | 2 } {
  const size = a.BYTES_PER_ELEMENT;
  if (size === 8) return { view: new Int32Array(a.buffer, a.byteOffset, 2 * a.length), words: 2 };
  if (size === 4) return { view: new Int32Array(a.buffer, a.byteOffset, a.length), words: 1 };
  if (size === 2) return { view: new Int16Array(a.buffer, a.byteOffset, a.length), words: 1 };
  return { view: new Int8Array(a.buffer, a.byteOffset, a.length), words: 1 };
}
