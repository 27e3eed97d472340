// What plotting functions accept as data, read into float64 arrays with a shape: numbers (and cells'
// Python floats, Number objects), JS arrays (nested for 2-D), typed arrays, and tensors of any facade
// (read through src/tensor/printable.ts: dims and values; a tf.Variable's value; else `tolist()`).
// Python's errors, worded as matplotlib words them.
import { isPrintableTensor, isPrintableVariable } from '../tensor/printable.js';

export class ValueError extends Error {
  override name = 'ValueError';
}

/** An n-d array of float64 values, row-major. */
export interface NdArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Python's tuple text of a shape: `(3,)`, `(2, 4)`, `()`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

type TensorLike = { dims: readonly number[]; values: ArrayLike<number | bigint | boolean> };

function tensorOf(x: unknown): TensorLike | undefined {
  if (isPrintableVariable(x)) return tensorOf(x.value);
  if (!isPrintableTensor(x) || x.concrete === false) return undefined;
  const values = x.values as ArrayLike<number | bigint | boolean>;
  // A contiguous buffer holds exactly its elements; anything else is read through tolist().
  return values.length === x.dims.reduce((a, b) => a * b, 1) ? { dims: x.dims, values } : undefined;
}

/** Python floats in cells are Number objects (src/tensor/scalars.ts PyFloat): their primitive value. */
export function unbox<T>(v: T): T {
  if (v instanceof Number) return v.valueOf() as T;
  if (Array.isArray(v)) return (v.some((e) => e instanceof Number || Array.isArray(e) || isPlainObject(e)) ? v.map(unbox) : v) as T;
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, unbox(e)])) as T;
  return v;
}

function hasToList(x: unknown): x is { tolist(): unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { tolist?: unknown }).tolist === 'function';
}

/** True for values plot-like functions take as data (not option objects, not format strings). */
export function isArrayLike(x: unknown): boolean {
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || x instanceof Number) return true;
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return true;
  return tensorOf(x) !== undefined || hasToList(x);
}

const toNumber = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (v instanceof Number) return v.valueOf();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) return NaN;
  const t = tensorOf(v);
  if (t && t.dims.length === 0) return toNumber(t.values[0]);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new ValueError(`could not convert ${typeof v === 'string' ? `string to float: '${v}'` : `${typeof v} to float`}`);
};

/**
 * Reads data into a float64 array with its shape. Nested arrays must be rectangular (ragged input is
 * NumPy's error).
 */
export function asArray(x: unknown, what = 'data'): NdArray {
  const t = tensorOf(x);
  if (t) {
    const data = new Float64Array(t.values.length);
    for (let i = 0; i < data.length; i++) data[i] = toNumber(t.values[i]);
    return { shape: [...t.dims], data };
  }
  if (hasToList(x)) return asArray(x.tolist(), what);
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const src = x as unknown as ArrayLike<number | bigint>;
    const data = new Float64Array(src.length);
    for (let i = 0; i < data.length; i++) data[i] = toNumber(src[i]);
    return { shape: [data.length], data };
  }
  if (!Array.isArray(x)) return { shape: [], data: Float64Array.of(toNumber(x)) };
  // Nested arrays: the shape from the first element at each depth, checked as the values are read.
  const shape: number[] = [];
  for (let level: unknown = x; ; ) {
    if (Array.isArray(level)) {
      shape.push(level.length);
      if (level.length === 0) break;
      level = level[0];
    } else if (ArrayBuffer.isView(level)) {
      shape.push((level as unknown as ArrayLike<number>).length);
      break;
    } else {
      const inner = tensorOf(level);
      if (inner && inner.dims.length > 0) shape.push(...inner.dims);
      break;
    }
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let at = 0;
  const ragged = () => new ValueError(`setting an array element with a sequence. The requested array has an inhomogeneous shape after ${shape.length > 1 ? shape.length - 1 : 1} dimensions.`);
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (Array.isArray(v) || ArrayBuffer.isView(v)) throw ragged();
      data[at++] = toNumber(v);
      return;
    }
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = v as ArrayLike<unknown>;
      if (items.length !== shape[depth]) throw ragged();
      for (let i = 0; i < items.length; i++) walk(items[i], depth + 1);
      return;
    }
    // A tensor inside a list fills the remaining dimensions with its elements.
    if (tensorOf(v) === undefined && !hasToList(v)) throw ragged();
    const inner = asArray(v);
    if (inner.shape.join() !== shape.slice(depth).join()) throw ragged();
    data.set(inner.data, at);
    at += inner.data.length;
  };
  walk(x, 0);
  if (at !== size) throw ragged();
  return { shape, data };
}

/** 1-D view of data: scalars become length 1; higher ranks are refused with `what` in the message. */
export function asVector(x: unknown, what: string): Float64Array {
  const a = asArray(x, what);
  if (a.shape.length > 1) throw new ValueError(`${what} must be 1D, but has shape ${shapeText(a.shape)}`);
  return a.data;
}

/** Column `j` of a 1-D (j ignored) or 2-D array. */
export function column(a: NdArray, j: number): Float64Array {
  if (a.shape.length < 2) return a.data;
  const [n, k] = a.shape as [number, number];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a.data[i * k + j];
  return out;
}

export function finiteRange(values: ArrayLike<number>): [number, number] | undefined {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}
