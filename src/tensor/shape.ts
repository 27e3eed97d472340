// Shapes: broadcasting (NumPy rules), strides and axis normalization, with errors that name the shapes.

export function shapeString(dims: readonly number[]): string {
  return `[${dims.join(',')}]`;
}

export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < dims.length; i++) n *= dims[i];
  return n;
}

export function stridesOf(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i];
  }
  return s;
}

export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The broadcast of two shapes, or an error naming both shapes and the op. */
export function broadcastDims(a: readonly number[], b: readonly number[], op = 'broadcast'): number[] {
  if (sameDims(a, b)) return a.slice();
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else throw new ShapeError(`Incompatible shapes: ${shapeString(a)} vs. ${shapeString(b)} [Op:${op}]`);
  }
  return out;
}

/** Strides of `dims` seen through a broadcast to `outDims` (0 where an axis is broadcast). */
export function broadcastStrides(dims: readonly number[], outDims: readonly number[]): number[] {
  const own = stridesOf(dims);
  const off = outDims.length - dims.length;
  const s = new Array<number>(outDims.length).fill(0);
  for (let i = 0; i < dims.length; i++) s[i + off] = dims[i] === 1 && outDims[i + off] !== 1 ? 0 : own[i];
  return s;
}

/** Normalizes a possibly negative axis for an array of rank `ndim`. */
export function normAxis(axis: number, ndim: number, op = 'op'): number {
  if (!Number.isInteger(axis)) throw new TypeError(`${op}: axis must be an integer, got ${axis}`);
  const a = axis < 0 ? axis + ndim : axis;
  if (a < 0 || a >= ndim) throw new AxisError(`${op}: axis ${axis} is out of bounds for array of dimension ${ndim}`);
  return a;
}

/** Normalizes an axis argument (undefined/null = all axes) into sorted unique positive axes. */
export function normAxes(axis: number | readonly number[] | null | undefined, ndim: number, op = 'op'): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const out = list.map((a) => normAxis(a, ndim, op));
  const set = new Set(out);
  if (set.size !== out.length) throw new ValueError(`${op}: duplicate value in 'axis'`);
  return [...set].sort((x, y) => x - y);
}

export class ShapeError extends Error {
  override name = 'InvalidArgumentError';
}
export class AxisError extends Error {
  override name = 'AxisError';
}
export class ValueError extends Error {
  override name = 'ValueError';
}
export class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
export class OverflowError extends Error {
  override name = 'OverflowError';
}
