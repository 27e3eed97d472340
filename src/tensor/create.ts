// Making tensors from JavaScript values: nested arrays (shape inferred, ragged input rejected with
// the offending path), typed arrays, scalars, and the fill/range constructors.
import { allocate, dtypeOfArray, isFloat, type DType, type TensorData } from './dtype.js';
import { Tensor, sizeOf, type Flavor } from './tensor.js';
import { ValueError } from './shape.js';

export type NestedArray = number | boolean | bigint | Tensor | readonly NestedArray[] | ArrayLike<number>;

function isTypedArray(x: unknown): x is TensorData {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * The dims of a nested array, checking that every sibling has the same shape. `leaf.depth` is the
 * depth where the first scalar was found; every scalar must sit at that depth, and no list below it.
 */
function inferDims(value: unknown, path: string, dims: number[], depth: number, leaf = { depth: -1 }): void {
  if (leaf.depth >= 0 && depth > leaf.depth) {
    throw new ValueError(
      `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${leaf.depth} dimensions: ${path || 'the input'} is nested deeper than the scalars beside it`,
    );
  }
  if (Array.isArray(value) || isTypedArray(value)) {
    const len = (value as ArrayLike<unknown>).length;
    if (depth === dims.length) dims.push(len);
    else if (dims[depth] !== len) {
      throw new ValueError(
        `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions: ` +
          `${path || 'the input'} has length ${len}, expected ${dims[depth]}`,
      );
    }
    if (isTypedArray(value)) {
      if (depth + 1 < dims.length) throw new ValueError(`ragged input: ${path || 'the input'} is a flat array where nested arrays were expected`);
      return;
    }
    for (let i = 0; i < len; i++) inferDims((value as unknown[])[i], `${path}[${i}]`, dims, depth + 1, leaf);
  } else if (value instanceof Tensor) {
    const d = value.dims;
    for (let i = 0; i < d.length; i++) {
      if (depth + i === dims.length) dims.push(d[i]);
      else if (dims[depth + i] !== d[i]) throw new ValueError(`ragged input: ${path || 'the input'} has shape (${d.join(', ')}) that does not match its siblings`);
    }
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    if (depth < dims.length) throw new ValueError(`ragged input: ${path || 'the input'} is a scalar where a sequence of length ${dims[depth]} was expected`);
    leaf.depth = depth;
  } else {
    throw new TypeError(`cannot make a tensor from ${value === null ? 'null' : typeof value} at ${path || 'the top level'}`);
  }
}

/** The dtype nested JS data gets when none is given: bool for booleans, else float32 (like TensorFlow.js). */
function inferDtype(value: unknown): DType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int64';
  if (value instanceof Tensor) return value.dtype;
  if (isTypedArray(value)) return value instanceof Uint8Array ? 'int32' : dtypeOfArray(value);
  if (Array.isArray(value) && value.length > 0) return inferDtype(value[0]);
  return 'float32';
}

function flattenInto(value: unknown, out: TensorData, pos: { i: number }): void {
  if (value instanceof Tensor) {
    const d = value.data;
    for (let k = 0; k < d.length; k++) store(out, pos.i++, d[k]);
  } else if (Array.isArray(value) || isTypedArray(value)) {
    const arr = value as ArrayLike<unknown>;
    for (let k = 0; k < arr.length; k++) flattenInto(arr[k], out, pos);
  } else {
    store(out, pos.i++, value as number | boolean | bigint);
  }
}

function store(out: TensorData, i: number, v: unknown): void {
  if (out instanceof BigInt64Array) {
    if (typeof v === 'bigint') out[i] = v;
    else {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new ValueError(`cannot convert ${n} to int64`);
      out[i] = BigInt(Math.trunc(n));
    }
  } else if (out instanceof Uint8Array) out[i] = v ? 1 : 0;
  else out[i] = Number(v);
}

export function tensor(value: unknown, dtype?: DType, flavor: Flavor = 'numpy'): Tensor {
  if (value instanceof Tensor && (dtype === undefined || dtype === value.dtype)) {
    return new Tensor(value.dtype, value.dims, value.data, flavor);
  }
  const dims: number[] = [];
  inferDims(value, '', dims, 0);
  const dt = dtype ?? inferDtype(value);
  const data = allocate(dt, sizeOf(dims));
  flattenInto(value, data, { i: 0 });
  return new Tensor(dt, dims, data, flavor);
}

export function scalar(value: number | boolean | bigint, dtype?: DType, flavor: Flavor = 'numpy'): Tensor {
  const dt = dtype ?? (typeof value === 'boolean' ? 'bool' : typeof value === 'bigint' ? 'int64' : 'float32');
  const data = allocate(dt, 1);
  store(data, 0, value);
  return new Tensor(dt, [], data, flavor);
}

export function checkDims(dims: readonly number[], op: string): number[] {
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new ValueError(`${op}: dimensions must be non-negative integers, got (${dims.join(', ')})`);
  }
  return dims.slice();
}

export function full(dims: readonly number[], value: number | boolean | bigint, dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  const d = checkDims(dims, 'full');
  const data = allocate(dtype, sizeOf(d));
  if (data instanceof BigInt64Array) data.fill(BigInt(Math.trunc(Number(value))));
  else data.fill(typeof value === 'boolean' ? (value ? 1 : 0) : Number(value));
  return new Tensor(dtype, d, data, flavor);
}

export function zeros(dims: readonly number[], dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  return new Tensor(dtype, checkDims(dims, 'zeros'), allocate(dtype, sizeOf(dims)), flavor);
}

export function ones(dims: readonly number[], dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  return full(dims, 1, dtype, flavor);
}

export function eye(n: number, m: number = n, dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  const t = zeros([n, m], dtype, flavor);
  for (let i = 0; i < Math.min(n, m); i++) store(t.data, i * m + i, 1);
  return t;
}

/** Python's range semantics: arange(stop), arange(start, stop, step). */
export function arange(start: number, stop?: number, step = 1, dtype?: DType, flavor: Flavor = 'numpy'): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  if (step === 0) throw new ValueError('arange: step must not be zero');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const dt = dtype ?? (Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step) ? 'int32' : 'float32');
  const data = allocate(dt, n);
  for (let i = 0; i < n; i++) store(data, i, start + i * step);
  return new Tensor(dt, [n], data, flavor);
}

export function linspace(start: number, stop: number, num = 50, endpoint = true, dtype: DType = 'float32', flavor: Flavor = 'numpy'): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new ValueError(`linspace: num must be a non-negative integer, got ${num}`);
  const data = allocate(dtype, num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) store(data, i, isFloat(dtype) ? start + i * step : Math.trunc(start + i * step));
  if (endpoint && num > 1) store(data, num - 1, stop);
  return new Tensor(dtype, [num], data, flavor);
}
