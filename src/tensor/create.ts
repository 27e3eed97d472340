// Making tensors from JavaScript values: nested arrays (shape inferred; ragged, cyclic or too deep
// input rejected naming the path), typed arrays, scalars, and the fill/range constructors. Which
// dtype data gets is the caller's choice (each facade has its library's rule); `describe` tells
// what the data holds so that the facades can apply theirs.
import { allocate, dtypeOfArray, isBig, isFloat, narrowRounding, promoteTypes, type DType, type TensorData } from './dtype.js';
import { Tensor, type Flavor } from './tensor.js';
import { sizeOf, OverflowError, ValueError, ZeroDivisionError } from './shape.js';
import { PyFloat } from './scalars.js';

export type NestedArray = number | boolean | bigint | PyFloat | Tensor | readonly NestedArray[] | ArrayLike<number>;

/** NumPy's limit on dimensions: deeper nesting is an error, never a stack overflow. */
export const MAX_DIMS = 32;

export function isTypedArray(x: unknown): x is TensorData | Uint8ClampedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** What nested data holds: its dims, the Python kinds of its scalars, and the dtypes of tensors and typed arrays in it. */
export interface Described {
  dims: number[];
  /** Python bools, ints or floats among the scalars. */
  bools: boolean; ints: boolean; floats: boolean;
  /** Whether some of the ints are JS bigints (the neutral default makes those int64). */
  bigints: boolean;
  /** The promoted dtype of the tensors and typed arrays inside, if any. */
  dtype: DType | undefined;
  /** The smallest and largest Python int seen (as bigints: exact). */
  minInt: bigint; maxInt: bigint;
}

export function describe(value: unknown): Described {
  const d: Described = { dims: [], bools: false, ints: false, floats: false, bigints: false, dtype: undefined, minInt: 0n, maxInt: 0n };
  const leaf = { depth: -1 };
  const path: unknown[] = [];
  const walk = (v: unknown, where: string, depth: number): void => {
    if (depth > MAX_DIMS) throw new ValueError(`maximum supported dimension for an ndarray is ${MAX_DIMS}, found ${depth}`);
    if (leaf.depth >= 0 && depth > leaf.depth) {
      throw new ValueError(`setting an array element with a sequence. The requested array has an inhomogeneous shape after ${leaf.depth} dimensions. The detected shape was (${d.dims.slice(0, leaf.depth).join(', ')}${leaf.depth === 1 ? ',' : ''}) + inhomogeneous part.`);
    }
    if (Array.isArray(v) || isTypedArray(v)) {
      if (path.includes(v)) throw new ValueError(`cannot make an array from a list that contains itself (at ${where || 'the top level'})`);
      const len = (v as ArrayLike<unknown>).length;
      if (depth === d.dims.length) d.dims.push(len);
      else if (d.dims[depth] !== len) throw ragged(depth, where, `has length ${len}, expected ${d.dims[depth]}`);
      if (isTypedArray(v)) {
        if (depth + 1 < d.dims.length) throw ragged(depth + 1, where, 'is a flat typed array where nested arrays were expected');
        const dt = dtypeOfArray(v)!;
        d.dtype = d.dtype === undefined ? dt : promoteTypes(d.dtype, dt);
        if (len > 0) leaf.depth = depth + 1;
        return;
      }
      path.push(v);
      for (let i = 0; i < len; i++) walk((v as unknown[])[i], `${where}[${i}]`, depth + 1);
      path.pop();
    } else if (v instanceof Tensor) {
      const td = v.dims;
      for (let i = 0; i < td.length; i++) {
        if (depth + i === d.dims.length) d.dims.push(td[i]);
        else if (d.dims[depth + i] !== td[i]) throw ragged(depth + i, where, `has shape (${td.join(', ')}) that does not match its siblings`);
      }
      d.dtype = d.dtype === undefined ? v.dt : promoteTypes(d.dtype, v.dt);
      leaf.depth = depth + td.length;
    } else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof PyFloat) {
      if (depth < d.dims.length) throw ragged(depth, where, `is a scalar where a sequence of length ${d.dims[depth]} was expected`);
      leaf.depth = depth;
      if (typeof v === 'boolean') d.bools = true;
      else if (v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))) d.floats = true;
      else {
        const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : BigInt(v);
        if (!d.ints) { d.minInt = b; d.maxInt = b; }
        else { if (b < d.minInt) d.minInt = b; if (b > d.maxInt) d.maxInt = b; }
        d.ints = true;
        if (typeof v === 'bigint') d.bigints = true;
      }
    } else {
      const what = v === null ? 'None' : v === undefined ? 'undefined' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v;
      throw new TypeError(`cannot make a numeric array from ${what} at ${where || 'the top level'}`);
    }
  };
  walk(value, '', 0);
  return d;
}

function ragged(depth: number, where: string, what: string): ValueError {
  return new ValueError(`setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions: ${where || 'the input'} ${what}`);
}

/**
 * The neutral default dtype of described data, for the engine's own callers (the facades use their
 * library's rules instead): JS numbers are float32 (TypeScript cannot tell `1.` from `1`), bigints
 * int64, booleans bool, joined with the dtypes of tensors and typed arrays inside.
 */
export function defaultDtype(d: Described): DType {
  let dt: DType | undefined = d.dtype;
  const join = (x: DType) => { dt = dt === undefined ? x : promoteTypes(dt, x); };
  if (d.bools) join('bool');
  if (d.bigints) join('int64');
  if (d.floats || (d.ints && !d.bigints)) join('float32');
  return dt ?? 'float32';
}

/** Python's error converting a non-finite float to an integer. */
const nonFinite = (n: number): Error => (Number.isNaN(n) ? new ValueError('cannot convert float NaN to integer') : new OverflowError('cannot convert float infinity to integer'));

/**
 * Whether assigning finite numbers to storage of `dtype` stores what storeScalar would (a typed
 * array's own conversion: float32's rounding, integers' truncation and wrap-around), with `values`
 * finite: then loops that write many numbers assign them directly (storeScalar costs about 20 ns).
 */
function assignsAsStored(dtype: DType, ...values: number[]): boolean {
  return !isBig(dtype) && dtype !== 'bool' && narrowRounding(dtype) === undefined && values.every(Number.isFinite);
}

/** Writes one JS scalar into storage of `dtype` (wrapping like a C cast for integers, rounding narrow floats). */
export function storeScalar(out: TensorData, i: number, v: unknown, dtype: DType): void {
  const x = v instanceof PyFloat ? v.valueOf() : v;
  if (isBig(dtype)) {
    const o = out as BigInt64Array | BigUint64Array;
    if (typeof x === 'bigint') o[i] = x;
    else if (typeof x === 'boolean') o[i] = x ? 1n : 0n;
    else {
      const n = x as number;
      if (!Number.isFinite(n)) throw nonFinite(n);
      o[i] = BigInt(Math.trunc(n));
    }
    return;
  }
  let n = typeof x === 'bigint' ? Number(x) : typeof x === 'boolean' ? (x ? 1 : 0) : (x as number);
  if (dtype === 'bool') n = n !== 0 ? 1 : 0;
  else if (!isFloat(dtype) && !Number.isFinite(n)) throw nonFinite(n);
  else if (!isFloat(dtype)) n = Math.trunc(n);
  const r = narrowRounding(dtype);
  (out as Float64Array)[i] = r ? r(n) : n;
}

function flattenInto(value: unknown, out: TensorData, dtype: DType, pos: { i: number }): void {
  if (value instanceof Tensor) {
    const src = value.values;
    for (let k = 0; k < src.length; k++) storeScalar(out, pos.i++, src[k], dtype);
  } else if (Array.isArray(value) || isTypedArray(value)) {
    const arr = value as ArrayLike<unknown>;
    for (let k = 0; k < arr.length; k++) flattenInto(arr[k], out, dtype, pos);
  } else {
    storeScalar(out, pos.i++, value, dtype);
  }
}

/** A tensor of `dtype` (the neutral default when omitted) from nested data. */
export function tensor(value: unknown, dtype?: DType, flavor: Flavor = 'numpy'): Tensor {
  if (value instanceof Tensor && (dtype === undefined || dtype === value.dt)) {
    const t = new Tensor(value.dt, value.dims, value.share(), flavor);
    return t;
  }
  const d = describe(value);
  const dt = dtype ?? defaultDtype(d);
  return fromDescribed(value, d, dt, flavor);
}

/** A tensor from data already described (so that callers who chose the dtype need not walk it twice). */
export function fromDescribed(value: unknown, d: Described, dtype: DType, flavor: Flavor): Tensor {
  const data = allocate(dtype, sizeOf(d.dims), d.dims);
  // A typed array of the very storage wanted is copied in one go.
  if (isTypedArray(value) && value.constructor === data.constructor && narrowRounding(dtype) === undefined) {
    (data as Float64Array).set(value as Float64Array);
  } else flattenInto(value, data, dtype, { i: 0 });
  return new Tensor(dtype, d.dims, data, flavor);
}

export function scalar(value: number | boolean | bigint | PyFloat, dtype?: DType, flavor: Flavor = 'numpy'): Tensor {
  const dt = dtype ?? (typeof value === 'boolean' ? 'bool' : typeof value === 'bigint' ? 'int64' : 'float32');
  const data = allocate(dt, 1);
  storeScalar(data, 0, value, dt);
  return new Tensor(dt, [], data, flavor);
}

/** Dims as the libraries accept them: non-negative integers (an error names the op and the shape). */
export function checkDims(dims: readonly number[] | number, op: string): number[] {
  const list = typeof dims === 'number' ? [dims] : [...dims];
  for (const d of list) {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new TypeError(`'${typeof d === 'number' ? 'float' : typeof d}' object cannot be interpreted as an integer`);
    }
    if (d < 0) throw new ValueError('negative dimensions are not allowed');
  }
  return list;
}

export function full(dims: readonly number[], value: number | boolean | bigint | PyFloat, dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  const d = checkDims(dims, 'full');
  const data = allocate(dtype, sizeOf(d), d);
  const one = allocate(dtype, 1);
  storeScalar(one, 0, value, dtype);
  (data as Float64Array).fill((one as Float64Array)[0]);
  return new Tensor(dtype, d, data, flavor);
}

export function zeros(dims: readonly number[], dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  const d = checkDims(dims, 'zeros');
  return new Tensor(dtype, d, allocate(dtype, sizeOf(d), d), flavor);
}

export function ones(dims: readonly number[], dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  return full(dims, 1, dtype, flavor);
}

/** An n×m matrix with ones on diagonal k (k > 0 above the main diagonal). */
export function eye(n: number, m: number = n, dtype: DType = 'float32', flavor: Flavor = 'numpy', k = 0): Tensor {
  const t = zeros([n, m], dtype, flavor);
  const data = t.values;
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) storeScalar(data, i * m + i + k, 1, dtype);
  return t;
}

/** The number of elements of Python's range(start, stop, step) with real bounds (NumPy's arange length). */
export function rangeLength(start: number, stop: number, step: number): number {
  if (step === 0) throw new ZeroDivisionError('division by zero');
  return Math.max(0, Math.ceil((stop - start) / step));
}

/** start, start + step, ... below stop (above it for a negative step), in `dtype`. */
/** Python's range semantics: arange(stop) or arange(start, stop, step); integers give int32 unless a dtype is given. */
export function arange(start: number, stop?: number, step = 1, dtype?: DType, flavor: Flavor = 'numpy'): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  dtype ??= Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step) ? 'int32' : 'float32';
  const n = rangeLength(start, stop, step);
  const data = allocate(dtype, n);
  const last = start + (n - 1) * step;
  if (assignsAsStored(dtype, start, step)) for (let i = 0; i < n; i++) (data as Float64Array)[i] = start + i * step;
  else if (isBig(dtype) && Number.isInteger(start) && Number.isInteger(step) && Math.abs(start) <= 2 ** 53 && Math.abs(last) <= 2 ** 53) {
    // 64-bit integers as their two 32-bit words (hi 2^32 + lo), no BigInt per element.
    const w = new Int32Array(data.buffer, data.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const v = start + i * step, hi = Math.floor(v / 4294967296);
      w[2 * i] = v - hi * 4294967296;
      w[2 * i + 1] = hi;
    }
  } else for (let i = 0; i < n; i++) storeScalar(data, i, start + i * step, dtype);
  return new Tensor(dtype, [n], data, flavor);
}

/** NumPy's linspace: computed in float64 as `start + i * step`, the last value exactly `stop`. */
export function linspace(start: number, stop: number, num = 50, endpoint = true, dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new ValueError(`Number of samples, ${num}, must be non-negative.`);
  const data = allocate(dtype, num);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = div > 0 ? delta / div : NaN;
  if (div > 0 && step !== 0 && isFloat(dtype) && assignsAsStored(dtype, start, step)) {
    for (let i = 0; i < num; i++) (data as Float64Array)[i] = i * step + start;
  } else {
    for (let i = 0; i < num; i++) {
      const v = div > 0 ? (step === 0 ? (i / div) * delta + start : i * step + start) : start;
      storeScalar(data, i, isFloat(dtype) ? v : Math.floor(v), dtype);
    }
  }
  if (endpoint && num > 1) storeScalar(data, num - 1, stop, dtype);
  return new Tensor(dtype, [num], data, flavor);
}

/** Zeros shaped and typed like `t` (a constant: it carries no tangent). */
export function zerosLike(t: Tensor): Tensor {
  return zeros(t.dims, t.dt, t.flavor);
}

/** Ones shaped and typed like `t`. */
export function onesLike(t: Tensor): Tensor {
  return full(t.dims, 1, t.dt, t.flavor);
}
