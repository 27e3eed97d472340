// The shape functions (NumPy's semantics and messages): reshape with -1, transpose, broadcast_to,
// expand_dims, squeeze, concat, stack, split, tile, gather, and the axis moves built on them.
import { broadcastDims, normAxis, sameDims, sizeOf, ShapeError, ValueError } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkDims } from '../tensor/create.js';
import { bind } from '../core/primitive.js';
import { operands, toTensor, type TensorLike } from './convert.js';
import { cast } from './cast.js';
import { broadcastToDims, concatP, cumsumP, gatherP, reshapeTo, sliceP, transposeP } from './structural.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const pyShape = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

/** Reshape with one -1 inferred, NumPy's rules and messages. */
export function reshape(x: TensorLike, shape: readonly number[] | number): Tensor {
  const t = toTensor(x);
  const req = typeof shape === 'number' ? [shape] : [...shape];
  const unknown = req.indexOf(-1);
  for (let i = 0; i < req.length; i++) {
    const d = req[i];
    if (typeof d !== 'number' || !Number.isInteger(d)) throw new TypeError(`'${typeof d === 'number' ? 'float' : typeof d}' object cannot be interpreted as an integer`);
    if (d < -1 || (d === -1 && i !== unknown)) throw new ValueError(d === -1 ? 'can only specify one unknown dimension' : `negative dimensions not allowed`);
  }
  if (unknown >= 0) {
    const known = req.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    if (known === 0 || t.count % known !== 0) throw new ValueError(`cannot reshape array of size ${t.count} into shape ${pyShape(req)}`);
    req[unknown] = t.count / known;
  }
  if (sizeOf(req) !== t.count) throw new ValueError(`cannot reshape array of size ${t.count} into shape ${pyShape(req)}`);
  return reshapeTo(t, req);
}

export function transpose(x: TensorLike, perm?: readonly number[] | null): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  if (perm && perm.length !== n) throw new ValueError("axes don't match array");
  const p = perm ? perm.map((a) => normAxis(a, n, 'transpose')) : range(n).reverse();
  if (new Set(p).size !== n) throw new ValueError('repeated axis in transpose');
  return p.every((a, i) => a === i) ? t : bind(transposeP, [t], p);
}

/** Swaps two axes. */
export function swapaxes(x: TensorLike, a: number, b: number): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  const p = range(n);
  const i = normAxis(a, n, 'swapaxes'), j = normAxis(b, n, 'swapaxes');
  [p[i], p[j]] = [p[j], p[i]];
  return transpose(t, p);
}

/** Swaps the last two axes (the matrix transpose of a batch of matrices). */
export function matrixTranspose(x: TensorLike): Tensor {
  const t = toTensor(x);
  return t.dims.length < 2 ? t : swapaxes(t, -2, -1);
}

/** Moves axes `source` to positions `destination`, the others keeping their order. */
export function moveaxis(x: TensorLike, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  const src = (typeof source === 'number' ? [source] : [...source]).map((a) => normAxis(a, n, 'moveaxis'));
  const dst = (typeof destination === 'number' ? [destination] : [...destination]).map((a) => normAxis(a, n, 'moveaxis'));
  if (src.length !== dst.length) throw new ValueError('`source` and `destination` arguments must have the same number of elements');
  const order = range(n).filter((i) => !src.includes(i));
  dst.map((d, i) => [d, src[i]] as const).sort((p, q) => p[0] - q[0]).forEach(([d, s]) => order.splice(d, 0, s));
  return transpose(t, order);
}

export function broadcastTo(x: TensorLike, shape: readonly number[] | number): Tensor {
  const t = toTensor(x);
  const dims = checkDims(shape, 'broadcast_to');
  let b: number[] | null;
  try { b = broadcastDims(t.dims, dims, 'BroadcastTo'); } catch { b = null; }
  if (t.dims.length > dims.length) throw new ValueError('input operand has more dimensions than allowed by the axis remapping');
  if (b === null || !sameDims(b, dims)) {
    // NumPy's iterator text: tuples without spaces, two spaces before "and".
    const tight = (d: readonly number[]) => `(${d.join(',')}${d.length === 1 ? ',' : ''})`;
    throw new ValueError(`operands could not be broadcast together with remapped shapes [original->remapped]: ${tight(t.dims)}  and requested shape ${tight(dims)}`);
  }
  return broadcastToDims(t, dims);
}

/** The shape two arrays broadcast to (NumPy's `broadcast_shapes`). */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  return shapes.reduce<number[]>((acc, s) => broadcastDims(acc, s, 'broadcast'), []);
}

export function expandDims(x: TensorLike, axis: number | readonly number[]): Tensor {
  const t = toTensor(x);
  const axes = typeof axis === 'number' ? [axis] : [...axis];
  const n = t.dims.length + axes.length;
  const at = axes.map((a) => normAxis(a, n, 'expand_dims'));
  if (new Set(at).size !== at.length) throw new ValueError('repeated axis');
  const dims: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) dims.push(at.includes(i) ? 1 : t.dims[k++]);
  return reshapeTo(t, dims);
}

export function squeeze(x: TensorLike, axis?: number | readonly number[] | null): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  const axes = axis === undefined || axis === null ? range(n).filter((i) => t.dims[i] === 1) : (typeof axis === 'number' ? [axis] : axis).map((a) => normAxis(a, n, 'squeeze'));
  for (const a of axes) {
    if (t.dims[a] !== 1) throw new ValueError('cannot select an axis to squeeze out which has size not equal to one');
  }
  return reshapeTo(t, t.dims.filter((_, i) => !axes.includes(i)));
}

export function flatten(x: TensorLike): Tensor {
  const t = toTensor(x);
  return reshapeTo(t, [t.count]);
}

/** Tensors brought to one dtype by the neutral promotion (concat and stack of mixed inputs). */
function sameDtype(values: readonly TensorLike[]): Tensor[] {
  let ts = values.map((v) => toTensor(v));
  for (let i = 1; i < ts.length; i++) {
    const [a] = operands(ts[0], ts[i]);
    if (a.dt !== ts[0].dt || ts[i].dt !== a.dt) ts = ts.map((t) => cast(t, a.dt));
  }
  return ts;
}

export function concat(values: readonly TensorLike[], axis = 0): Tensor {
  if (values.length === 0) throw new ValueError('need at least one array to concatenate');
  const ts = sameDtype(values);
  const n = ts[0].dims.length;
  if (n === 0) throw new ValueError('zero-dimensional arrays cannot be concatenated');
  const a = normAxis(axis, n, 'concatenate');
  ts.forEach((t, i) => {
    if (t.dims.length !== n) {
      throw new ValueError(`all the input arrays must have same number of dimensions, but the array at index 0 has ${n} dimension(s) and the array at index ${i} has ${t.dims.length} dimension(s)`);
    }
    const k = t.dims.findIndex((d, j) => j !== a && d !== ts[0].dims[j]);
    if (k >= 0) {
      throw new ValueError(`all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${k}, the array at index 0 has size ${ts[0].dims[k]} and the array at index ${i} has size ${t.dims[k]}`);
    }
  });
  return ts.length === 1 ? ts[0] : bind(concatP, ts, a);
}

export function stack(values: readonly TensorLike[], axis = 0): Tensor {
  if (values.length === 0) throw new ValueError('need at least one array to stack');
  const ts = sameDtype(values);
  const first = ts[0].dims;
  for (const t of ts) if (!sameDims(t.dims, first)) throw new ValueError('all input arrays must have the same shape');
  const a = normAxis(axis, first.length + 1, 'stack');
  const parts = ts.map((t) => expandDims(t, a));
  return parts.length === 1 ? parts[0] : bind(concatP, parts, a);
}

/** A contiguous range along one axis. */
export function sliceAxis(x: Tensor, axis: number, start: number, size: number): Tensor {
  const begin = x.dims.map((_, i) => (i === axis ? start : 0));
  const sz = x.dims.map((d, i) => (i === axis ? size : d));
  return bind(sliceP, [x], { begin, step: x.dims.map(() => 1), size: sz });
}

export function unstack(x: TensorLike, axis = 0): Tensor[] {
  const t = toTensor(x);
  const a = normAxis(axis, t.dims.length, 'unstack');
  return range(t.dims[a]).map((i) => reshapeTo(sliceAxis(t, a, i, 1), t.dims.filter((_, k) => k !== a)));
}

/** Splits into `n` equal parts or parts of the given sizes (one may be -1), TensorFlow's split. */
export function split(x: TensorLike, numOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const t = toTensor(x);
  const a = normAxis(axis, t.dims.length, 'split');
  const n = t.dims[a];
  let sizes: number[];
  if (typeof numOrSizes === 'number') {
    if (numOrSizes <= 0 || n % numOrSizes !== 0) throw new ValueError('array split does not result in an equal division');
    sizes = new Array<number>(numOrSizes).fill(n / numOrSizes);
  } else {
    sizes = [...numOrSizes];
    const unknown = sizes.indexOf(-1);
    if (unknown >= 0) sizes[unknown] = n - sizes.reduce((s, v, i) => (i === unknown ? s : s + v), 0);
    if (sizes.reduce((s, v) => s + v, 0) !== n || sizes.some((v) => v < 0)) {
      throw new ValueError(`split: sizes (${numOrSizes.join(', ')}) do not add up to ${n}, the size of axis ${a}`);
    }
  }
  let start = 0;
  return sizes.map((s) => {
    const part = sliceAxis(t, a, start, s);
    start += s;
    return part;
  });
}

/** NumPy's array_split / split at indices: parts between the given indices along `axis`. */
export function splitAt(x: TensorLike, indices: readonly number[], axis = 0): Tensor[] {
  const t = toTensor(x);
  const a = normAxis(axis, t.dims.length, 'split');
  const n = t.dims[a];
  const bounds = [0, ...indices.map((i) => Math.min(Math.max(i < 0 ? i + n : i, 0), n)), n];
  const out: Tensor[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const s = bounds[k], e = Math.max(bounds[k + 1], s);
    out.push(sliceAxis(t, a, s, e - s));
  }
  return out;
}

export function tile(x: TensorLike, reps: readonly number[] | number): Tensor {
  const t = toTensor(x);
  const r = typeof reps === 'number' ? [reps] : [...reps];
  const n = Math.max(r.length, t.dims.length);
  const dims = [...new Array<number>(n - t.dims.length).fill(1), ...t.dims];
  const rr = [...new Array<number>(n - r.length).fill(1), ...r];
  const interleaved = dims.flatMap((d) => [1, d]);
  const target = dims.flatMap((d, i) => [rr[i], d]);
  return reshapeTo(broadcastToDims(reshapeTo(t, interleaved), target), dims.map((d, i) => d * rr[i]));
}

/** Takes elements along `axis` at `indices` (negative indices count from the end). */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x);
  const it = toTensor(indices);
  const a = normAxis(axis, t.dims.length, 'take');
  const n = t.dims[a];
  const src = it.values;
  const idx = new Int32Array(it.count);
  for (let i = 0; i < it.count; i++) {
    const v = Number(src[i]);
    if (it.dt === 'bool' || !Number.isInteger(v)) throw new IndexError('arrays used as indices must be of integer (or boolean) type');
    const k = v < 0 ? v + n : v;
    if (k < 0 || k >= n) throw new IndexError(`index ${v} is out of bounds for axis ${a} with size ${n}`);
    idx[i] = k;
  }
  return bind(gatherP, [t], { indices: idx, indexDims: it.dims, axis: a });
}

export function cumsum(x: TensorLike, axis?: number | null, reverse = false): Tensor {
  let t = toTensor(x);
  if (axis === undefined || axis === null) t = reshapeTo(t, [t.count]);
  return bind(cumsumP, [t], { axis: normAxis(axis ?? 0, t.dims.length, 'cumsum'), reverse });
}

export class IndexError extends Error {
  override name = 'IndexError';
}
