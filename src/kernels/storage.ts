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
