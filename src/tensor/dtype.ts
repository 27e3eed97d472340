// Dtypes and their storage. Every dtype of the four libraries has one, stored in the typed array
// that holds its values exactly:
//   bool -> Uint8Array (0/1)      int8/16/32 -> Int8/16/32Array      uint8/16/32 -> Uint8/16/32Array
//   int64 -> BigInt64Array        uint64 -> BigUint64Array (the full 64-bit ranges, exact; arithmetic
//   wraps around like NumPy's)    float32 -> Float32Array            float64 -> Float64Array
//   float16, bfloat16 -> Float32Array holding values already rounded to the narrow format (every
//   result is rounded on store, so they print and compute as the narrow type does).
// Which dtype a value or an operation gets is each library's rule, kept with its facade (src/api);
// `promoteTypes` here is NumPy's lattice, the runtime's neutral default.

export type DType =
  | 'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'float16' | 'bfloat16' | 'float32' | 'float64';

export const DTYPES: readonly DType[] = [
  'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'bfloat16', 'float32', 'float64',
];

export type TensorData =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array
  | BigInt64Array | BigUint64Array;
/** Storage whose elements are JS numbers (every dtype except the 64-bit integers). */
export type NumberData = Exclude<TensorData, BigInt64Array | BigUint64Array>;

/** NumPy's kind letter: b(ool), i(nt), u(nsigned), f(loat). */
export type Kind = 'b' | 'i' | 'u' | 'f';

interface Info { kind: Kind; bits: number; storage: { new (n: number): TensorData; new (buffer: ArrayBufferLike, offset: number, length: number): TensorData; readonly BYTES_PER_ELEMENT: number } }

const INFO: Record<DType, Info> = {
  bool: { kind: 'b', bits: 8, storage: Uint8Array },
  int8: { kind: 'i', bits: 8, storage: Int8Array },
  int16: { kind: 'i', bits: 16, storage: Int16Array },
  int32: { kind: 'i', bits: 32, storage: Int32Array },
  int64: { kind: 'i', bits: 64, storage: BigInt64Array },
  uint8: { kind: 'u', bits: 8, storage: Uint8Array },
  uint16: { kind: 'u', bits: 16, storage: Uint16Array },
  uint32: { kind: 'u', bits: 32, storage: Uint32Array },
  uint64: { kind: 'u', bits: 64, storage: BigUint64Array },
  float16: { kind: 'f', bits: 16, storage: Float32Array },
  bfloat16: { kind: 'f', bits: 16, storage: Float32Array },
  float32: { kind: 'f', bits: 32, storage: Float32Array },
  float64: { kind: 'f', bits: 64, storage: Float64Array },
};

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(INFO, x);
}

export function kindOf(d: DType): Kind {
  return INFO[d].kind;
}

export function isFloat(d: DType): boolean {
  return INFO[d].kind === 'f';
}

/** Signed or unsigned integers (not bool). */
export function isInteger(d: DType): boolean {
  const k = INFO[d].kind;
  return k === 'i' || k === 'u';
}

export function isUnsigned(d: DType): boolean {
  return INFO[d].kind === 'u';
}

/** Stored as BigInt (int64, uint64). */
export function isBig(d: DType): boolean {
  return d === 'int64' || d === 'uint64';
}

/** Bytes per element as the library counts them (float16 is 2, whatever its storage here). */
export function itemsize(d: DType): number {
  return INFO[d].bits / 8;
}

export function bitsOf(d: DType): number {
  return INFO[d].bits;
}

/** Guards every allocation: a configurable limit, checked before any memory is taken. */
export const memory = {
  /** Bytes of tensor storage one allocation may take (set by the runtime; none by default). */
  limit: Infinity,
  /** The library's out-of-memory error (NumPy's wording unless a facade installs its own). */
  error: (bytes: number, dims: readonly number[], dtype: DType): Error => {
    const shape = `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
    const e = new Error(`Unable to allocate ${formatBytes(bytes)} for an array with shape ${shape} and data type ${dtype}`);
    e.name = 'MemoryError';
    return e;
  },
};

/** NumPy's size text: three significant digits in the largest unit below 1024 (`8.00 GiB`, `16.0 GiB`). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let u = Math.min(Math.floor(Math.max(Math.floor(Math.log2(Math.max(bytes, 1))), 1) / 10), units.length - 1);
  let v = bytes / 2 ** (10 * u);
  if (Math.round(v) === 1024 && u < units.length - 1) { u++; v /= 1024; }
  if (u === 0) return `${bytes} bytes`;
  return `${v.toFixed(Math.max(0, 2 - Math.floor(Math.log10(v))))} ${units[u]}`;
}

/**
 * Small storage is cut from shared blocks, as Node's Buffer pool does: a typed array with memory of its
 * own costs 0.4-1.5 us to make (V8 allocates it outside its heap and registers it), a view of part of a
 * block 0.05-0.4 (measured, 17 to 1024 float32 elements). A block is new memory, zeroed, and each part
 * is handed out once (8-byte aligned, for 64-bit views); it is freed when no part of it is referenced, so
 * a small tensor kept alive can keep up to BLOCK bytes. Up to 64 bytes V8 keeps a typed array's memory
 * in its own heap, which is faster still.
 */
const BLOCK = 16384, POOLED_FROM = 65, POOLED_UP_TO = 4096;
let block = new ArrayBuffer(0), blockUsed = BLOCK;

function pooled(info: Info, size: number, bytes: number): TensorData {
  if (blockUsed + bytes > BLOCK) {
    block = new ArrayBuffer(BLOCK);
    blockUsed = 0;
  }
  const t = new info.storage(block, blockUsed, size);
  blockUsed += (bytes + 7) & ~7;
  return t;
}

/** Throws the out-of-memory error where storage for `size` elements would pass the limit (`dims` names the shape). */
export function checkAllocation(dtype: DType, size: number, dims: readonly number[] = [size]): void {
  const bytes = size * (INFO[dtype].bits / 8);
  if (bytes > memory.limit) throw memory.error(bytes, dims, dtype);
}

/** Zeroed storage for `size` elements (`dims` names the shape in an out-of-memory error). */
export function allocate(dtype: DType, size: number, dims: readonly number[] = [size]): TensorData {
  const info = INFO[dtype];
  const bytes = size * (info.bits / 8);
  checkAllocation(dtype, size, dims);
  const stored = size * info.storage.BYTES_PER_ELEMENT;
  if (stored >= POOLED_FROM && stored <= POOLED_UP_TO) return pooled(info, size, stored);
  try {
    return new info.storage(size);
  } catch (e) {
    if (e instanceof RangeError) throw memory.error(bytes, dims, dtype);
    throw e;
  }
}

/** From this many bytes, storage a kernel fills whole skips the zero fill (below, a plain typed array is as fast). */
const UNFILLED_FROM = 4096;

/**
 * Storage for `size` elements that the caller writes in full before anything reads it. Large ones are
 * not zeroed first (Node's Buffer.allocUnsafeSlow: a plain ArrayBuffer of its own, unfilled); the zero
 * fill was a quarter of a float32 add's time at a million elements.
 */
export function allocateUnfilled(dtype: DType, size: number, dims: readonly number[] = [size]): TensorData {
  const info = INFO[dtype];
  const bytes = size * info.storage.BYTES_PER_ELEMENT;
  if (bytes < UNFILLED_FROM || typeof Buffer === 'undefined') return allocate(dtype, size, dims);
  checkAllocation(dtype, size, dims);
  try {
    const b = Buffer.allocUnsafeSlow(bytes);
    return new info.storage(b.buffer, b.byteOffset, size);
  } catch (e) {
    if (e instanceof RangeError) throw memory.error(size * (info.bits / 8), dims, dtype);
    throw e;
  }
}

/** The dtype a typed array stands for (Uint8Array and Uint8ClampedArray are uint8, never bool). */
export function dtypeOfArray(a: ArrayBufferView): DType | undefined {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return 'uint8';
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Uint32Array) return 'uint32';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof BigUint64Array) return 'uint64';
  return undefined;
}

/** The range of an integer dtype, as bigints (exact for every width). */
export function integerRange(d: DType): [bigint, bigint] {
  const bits = BigInt(INFO[d].bits);
  if (d === 'bool') return [0n, 1n];
  return INFO[d].kind === 'u' ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** Round to the nearest bfloat16 (ties to even), through float32. */
export function roundBfloat16(x: number): number {
  F32[0] = x;
  const v = F32[0];
  if (v !== v) return v;
  const bits = U32[0];
  U32[0] = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
  return F32[0];
}

/** Round to the nearest IEEE half (ties to even), with half's subnormals and overflow. */
export function roundFloat16(x: number): number {
  if (x !== x || x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  if (a >= 65520) return x > 0 ? Infinity : -Infinity;
  let e = Math.floor(Math.log2(a));
  // log2 may round across a power of two: correct it exactly.
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  const ulp = 2 ** (Math.max(e, -14) - 10);
  const q = a / ulp;
  const f = Math.floor(q);
  const d = q - f;
  const r = (d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f) * ulp;
  return x < 0 ? -r : r;
}

/** The rounding a float dtype applies on store, for the ones their storage does not round itself. */
export function narrowRounding(d: DType): ((x: number) => number) | undefined {
  return d === 'float16' ? roundFloat16 : d === 'bfloat16' ? roundBfloat16 : undefined;
}

// NumPy's promotion lattice, by kind and size: the smallest type that holds both exactly, with
// int64 and uint64 meeting at float64, and integers with floats widening the float as needed.
const ORDER: DType[] = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64', 'float16', 'float32', 'float64'];

function numpyPromote(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bfloat16' || b === 'bfloat16') {
    const o = a === 'bfloat16' ? b : a;
    return o === 'bool' || o === 'int8' || o === 'uint8' ? 'bfloat16' : isFloat(o) && o !== 'float16' ? o : 'float32';
  }
  const ka = INFO[a].kind, kb = INFO[b].kind;
  if (ka === 'b') return b;
  if (kb === 'b') return a;
  if (ka === 'f' || kb === 'f') {
    const [f, o] = ka === 'f' ? [a, b] : [b, a];
    if (INFO[o].kind === 'f') return INFO[a].bits >= INFO[b].bits ? a : b;
    // an integer needs a float wide enough to hold it: int8/uint8 -> float16, 16-bit -> float32, wider -> float64
    const need: DType = INFO[o].bits <= 8 ? 'float16' : INFO[o].bits <= 16 ? 'float32' : 'float64';
    return ORDER.indexOf(need) > ORDER.indexOf(f) ? need : f;
  }
  if (ka === kb) return INFO[a].bits >= INFO[b].bits ? a : b;
  const [s, u] = ka === 'i' ? [a, b] : [b, a];
  if (INFO[s].bits > INFO[u].bits) return s;
  // a signed type twice the unsigned one's width holds both
  const w = INFO[u].bits * 2;
  return w === 16 ? 'int16' : w === 32 ? 'int32' : w === 64 ? 'int64' : 'float64';
}

/** NumPy's promotion of two array dtypes (`np.promote_types`). */
export function promoteTypes(a: DType, b: DType): DType {
  return numpyPromote(a, b);
}

/** PyTorch's name of each dtype's tensor type (`Float` of `torch.FloatTensor`), which its messages use. */
export const TORCH_TYPE_NAME: Partial<Record<DType, string>> = {
  bool: 'Bool', uint8: 'Byte', int8: 'Char', int16: 'Short', int32: 'Int', int64: 'Long', float16: 'Half', bfloat16: 'BFloat16', float32: 'Float', float64: 'Double',
};
