// Shape primitives (reshape, transpose, broadcast_to, strided slice and its transpose, concat,
// gather and scatter-add) and the shape functions built from them.
import { concat as concatKernel, gather as gatherKernel, scatterAdd as scatterAddKernel, stridedGather, stridedScatter, transpose as transposeKernel } from '../kernels/layout.js';
import { allocate } from '../tensor/dtype.js';
import { broadcastDims, broadcastStrides, normAxis, sameDims, shapeString, stridesOf, ValueError, ShapeError } from '../tensor/shape.js';
import { Tensor, sizeOf } from '../tensor/tensor.js';
import { zeros } from '../tensor/create.js';
import { bind, definePrimitive, type Primitive } from './primitive.js';
import { operands, toTensor, type TensorLike } from './convert.js';
import { fitTangent, unbroadcast } from './batching.js';

const like = (x: Tensor, dims: readonly number[], data: Tensor['data']) => {
  const t = new Tensor(x.dtype, dims, data, x.flavor);
  t.weak = x.weak;
  return t;
};
const batchOf = (t: Tensor, bd: number) => t.dims.slice(0, bd);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

// ---------------------------------------------------------------- reshape

export const reshapeP: Primitive<readonly number[]> = definePrimitive<readonly number[]>({
  name: 'reshape',
  torchName: 'ViewBackward0',
  impl: ([x], dims) => like(x, dims, x.data),
  jvp: (_x, [t], _o, dims, bd) => reshape(t!, [...batchOf(t!, bd), ...dims]),
  vjp: ([x]) => {
    const dims = x.dims;
    return (ct, bd) => [reshape(ct, [...batchOf(ct, bd), ...dims])];
  },
});

/** Reshape with one -1 inferred, NumPy's rules and messages. */
export function reshape(x: TensorLike, shape: readonly number[] | number): Tensor {
  const t = toTensor(x);
  const req = typeof shape === 'number' ? [shape] : [...shape];
  const unknown = req.indexOf(-1);
  if (req.some((d, i) => !Number.isInteger(d) || d < -1 || (d === -1 && i !== unknown))) {
    throw new ValueError(`cannot reshape array of size ${t.size} into shape (${req.join(', ')}${req.length === 1 ? ',' : ''}): only one -1 and non-negative integers are allowed`);
  }
  if (unknown >= 0) {
    const known = req.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    if (known === 0 || t.size % known !== 0) throw new ValueError(`cannot reshape array of size ${t.size} into shape (${req.join(', ')})`);
    req[unknown] = t.size / known;
  }
  if (sizeOf(req) !== t.size) {
    throw new ValueError(`cannot reshape array of size ${t.size} into shape (${req.join(', ')}${req.length === 1 ? ',' : ''})`);
  }
  return sameDims(req, t.dims) ? t : bind(reshapeP, [t], req);
}

// ---------------------------------------------------------------- transpose

export const transposeP: Primitive<readonly number[]> = definePrimitive<readonly number[]>({
  name: 'transpose',
  torchName: 'PermuteBackward0',
  impl: ([x], perm) => like(x, perm.map((p) => x.dims[p]), transposeKernel(x.data, x.dims, perm, x.dtype)),
  jvp: (_x, [t], _o, perm, bd) => bind(transposeP, [t!], [...range(bd), ...perm.map((p) => p + bd)]),
  vjp: (_x, _o, perm) => {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => (inv[p] = i));
    return (ct, bd) => [bind(transposeP, [ct], [...range(bd), ...inv.map((p) => p + bd)])];
  },
});

export function transpose(x: TensorLike, perm?: readonly number[] | null): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  const p = perm ? perm.map((a) => normAxis(a, n, 'transpose')) : range(n).reverse();
  if (p.length !== n || new Set(p).size !== n) throw new ValueError(`transpose: axes (${perm?.join(', ')}) don't match array of rank ${n}`);
  return p.every((a, i) => a === i) ? t : bind(transposeP, [t], p);
}

/** Swaps the last two axes (the matrix transpose of a batch of matrices). */
export function matrixTranspose(x: TensorLike): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  if (n < 2) return t;
  const p = range(n);
  [p[n - 2], p[n - 1]] = [p[n - 1], p[n - 2]];
  return bind(transposeP, [t], p);
}

// ---------------------------------------------------------------- broadcast_to

export const broadcastToP: Primitive<readonly number[]> = definePrimitive<readonly number[]>({
  name: 'broadcast_to',
  torchName: 'ExpandBackward0',
  impl: ([x], dims) => {
    const out = allocate(x.dtype, sizeOf(dims));
    stridedGather(x.data, dims, broadcastStrides(x.dims, dims), 0, out);
    return like(x, dims, out);
  },
  jvp: (_x, [t], _o, dims, bd) => fitTangent(t!, dims, bd),
  vjp: ([x]) => {
    const dims = x.dims;
    return (ct, bd) => [unbroadcast(ct, dims, bd)];
  },
});

export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor(x);
  const dims = [...shape];
  const b = (() => {
    try { return broadcastDims(t.dims, dims, 'BroadcastTo'); } catch { return null; }
  })();
  if (b === null || !sameDims(b, dims)) {
    throw new ShapeError(`operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeString(t.dims)} and requested shape ${shapeString(dims)}`);
  }
  return sameDims(t.dims, dims) ? t : bind(broadcastToP, [t], dims);
}

// ---------------------------------------------------------------- strided slice and its transpose

interface SliceParams {
  begin: readonly number[];
  step: readonly number[];
  size: readonly number[];
}

function sliceStrides(dims: readonly number[], p: SliceParams): { strides: number[]; offset: number } {
  const st = stridesOf(dims);
  return { strides: st.map((s, i) => s * p.step[i]), offset: p.begin.reduce((o, b, i) => o + b * st[i], 0) };
}

function withBatch(p: SliceParams, batch: readonly number[]): SliceParams {
  return { begin: [...batch.map(() => 0), ...p.begin], step: [...batch.map(() => 1), ...p.step], size: [...batch, ...p.size] };
}

export const sliceP: Primitive<SliceParams> = definePrimitive<SliceParams>({
  name: 'slice',
  torchName: 'SliceBackward0',
  impl: ([x], p) => {
    const out = allocate(x.dtype, sizeOf(p.size));
    const { strides, offset } = sliceStrides(x.dims, p);
    stridedGather(x.data, p.size, strides, offset, out);
    return like(x, p.size, out);
  },
  jvp: (_x, [t], _o, p, bd) => bind(sliceP, [t!], withBatch(p, batchOf(t!, bd))),
  vjp: ([x], _o, p) => {
    const dims = x.dims;
    return (ct, bd) => [bind(sliceTransposeP, [ct], { slice: withBatch(p, batchOf(ct, bd)), dims: [...batchOf(ct, bd), ...dims] })];
  },
});

interface SliceTransposeParams { slice: SliceParams; dims: readonly number[] }

/** Places a slice's values back at their positions in a zero tensor of the original dims. */
export const sliceTransposeP: Primitive<SliceTransposeParams> = definePrimitive<SliceTransposeParams>({
  name: 'slice_transpose',
  impl: ([ct], p) => {
    const out = allocate(ct.dtype, sizeOf(p.dims));
    const { strides, offset } = sliceStrides(p.dims, p.slice);
    stridedScatter(ct.data, p.slice.size, strides, offset, out, false);
    return like(ct, p.dims, out);
  },
  jvp: (_c, [t], _o, p, bd) => {
    const batch = batchOf(t!, bd);
    return bind(sliceTransposeP, [t!], { slice: withBatch(p.slice, batch), dims: [...batch, ...p.dims] });
  },
  vjp: (_c, _o, p) => (ct, bd) => [bind(sliceP, [ct], withBatch(p.slice, batchOf(ct, bd)))],
});

// ---------------------------------------------------------------- concat

export const concatP: Primitive<number> = definePrimitive<number>({
  name: 'concat',
  torchName: 'CatBackward0',
  impl: (xs, axis) => {
    const dims = xs[0].dims.slice();
    dims[axis] = xs.reduce((n, x) => n + x.dims[axis], 0);
    return like(xs[0], dims, concatKernel(xs, axis, xs[0].dtype, dims));
  },
  jvp: (xs, ts, _o, axis, bd) => {
    const some = ts.find((t) => t !== null)!;
    const batch = batchOf(some, bd);
    const parts = ts.map((t, i) => t ?? zeros([...batch, ...xs[i].dims], some.dtype, some.flavor));
    return bind(concatP, parts, axis + bd);
  },
  vjp: (xs, _o, axis) => {
    const sizes = xs.map((x) => x.dims[axis]);
    return (ct, bd) => {
      let start = 0;
      return sizes.map((n) => {
        const begin = ct.dims.map((_, i) => (i === axis + bd ? start : 0));
        const size = ct.dims.map((d, i) => (i === axis + bd ? n : d));
        start += n;
        return bind(sliceP, [ct], { begin, step: ct.dims.map(() => 1), size });
      });
    };
  },
});

export function concat(values: readonly TensorLike[], axis = 0): Tensor {
  if (values.length === 0) throw new ValueError('need at least one array to concatenate');
  let ts = values.map((v) => toTensor(v));
  // Bring every part to one dtype with the usual promotion.
  for (let i = 1; i < ts.length; i++) {
    const [a, b] = operands(ts[0], ts[i], 'ConcatV2');
    if (a.dtype !== ts[0].dtype) ts = ts.map((t) => (t.dtype === a.dtype ? t : operands(a, t, 'ConcatV2')[1]));
    ts[i] = b;
  }
  const n = ts[0].dims.length;
  if (n === 0) throw new ValueError('zero-dimensional arrays cannot be concatenated');
  const a = normAxis(axis, n, 'concat');
  for (const t of ts) {
    if (t.dims.length !== n || t.dims.some((d, i) => i !== a && d !== ts[0].dims[i])) {
      throw new ShapeError(`ConcatOp : Dimension mismatch in shapes ${ts.map((x) => shapeString(x.dims)).join(' vs. ')} along axis ${a} [Op:ConcatV2]`);
    }
  }
  return ts.length === 1 ? ts[0] : bind(concatP, ts, a);
}

// ---------------------------------------------------------------- gather / scatter-add

interface GatherParams { indices: Int32Array; indexDims: readonly number[]; axis: number }
interface ScatterParams extends GatherParams { dims: readonly number[] }

export const gatherP: Primitive<GatherParams> = definePrimitive<GatherParams>({
  name: 'gather',
  torchName: 'IndexBackward0',
  impl: ([x], p) => {
    const dims = [...x.dims.slice(0, p.axis), ...p.indexDims, ...x.dims.slice(p.axis + 1)];
    return like(x, dims, gatherKernel(x.data, x.dims, p.indices, p.axis, x.dtype));
  },
  jvp: (_x, [t], _o, p, bd) => bind(gatherP, [t!], { ...p, axis: p.axis + bd }),
  vjp: ([x], _o, p) => {
    const dims = x.dims;
    return (ct, bd) => [bind(scatterAddP, [ct], { ...p, axis: p.axis + bd, dims: [...batchOf(ct, bd), ...dims] })];
  },
});

export const scatterAddP: Primitive<ScatterParams> = definePrimitive<ScatterParams>({
  name: 'scatter_add',
  impl: ([ct], p) => {
    // Flatten the index axes of ct into one so the kernel sees [outer, m, inner].
    return like(ct, p.dims, scatterAddKernel(ct.data, p.indices, p.axis, p.dims, ct.dtype));
  },
  jvp: (_c, [t], _o, p, bd) => bind(scatterAddP, [t!], { ...p, axis: p.axis + bd, dims: [...batchOf(t!, bd), ...p.dims] }),
  vjp: (_c, _o, p) => (ct, bd) => [bind(gatherP, [ct], { indices: p.indices, indexDims: p.indexDims, axis: p.axis + bd })],
});

/** Takes elements along `axis` at `indices` (negative indices count from the end). */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x);
  const it = toTensor(indices);
  const a = normAxis(axis, t.dims.length, 'gather');
  const n = t.dims[a];
  const idx = new Int32Array(it.size);
  for (let i = 0; i < it.size; i++) {
    const v = Number(it.data[i]);
    if (!Number.isInteger(v)) throw new TypeError(`gather: indices must be integers, got ${v}`);
    const k = v < 0 ? v + n : v;
    if (k < 0 || k >= n) throw new RangeError(`index ${v} is out of bounds for axis ${a} with size ${n}`);
    idx[i] = k;
  }
  return bind(gatherP, [t], { indices: idx, indexDims: it.dims, axis: a });
}

// ---------------------------------------------------------------- composites

export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = toTensor(x);
  const a = normAxis(axis, t.dims.length + 1, 'expand_dims');
  const dims = t.dims.slice();
  dims.splice(a, 0, 1);
  return reshape(t, dims);
}

export function squeeze(x: TensorLike, axis?: number | readonly number[] | null): Tensor {
  const t = toTensor(x);
  const n = t.dims.length;
  const axes = axis === undefined || axis === null ? range(n).filter((i) => t.dims[i] === 1) : (typeof axis === 'number' ? [axis] : axis).map((a) => normAxis(a, n, 'squeeze'));
  for (const a of axes) {
    if (t.dims[a] !== 1) throw new ValueError(`cannot select an axis to squeeze out which has size not equal to one (axis ${a} of shape ${shapeString(t.dims)})`);
  }
  return reshape(t, t.dims.filter((_, i) => !axes.includes(i)));
}

export function flatten(x: TensorLike): Tensor {
  const t = toTensor(x);
  return reshape(t, [t.size]);
}

export function stack(values: readonly TensorLike[], axis = 0): Tensor {
  if (values.length === 0) throw new ValueError('need at least one array to stack');
  const ts = values.map((v) => toTensor(v));
  const first = ts[0].dims;
  for (const t of ts) {
    if (!sameDims(t.dims, first)) {
      throw new ShapeError(`Shapes of all inputs must match: values[0].shape = ${shapeString(first)} != values[${ts.indexOf(t)}].shape = ${shapeString(t.dims)} [Op:Pack]`);
    }
  }
  const a = normAxis(axis, first.length + 1, 'stack');
  const parts = ts.map((t) => expandDims(t, a));
  return parts.length === 1 ? parts[0] : concat(parts, a);
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
  return range(t.dims[a]).map((i) => squeeze(sliceAxis(t, a, i, 1), a));
}

/** Splits into `n` equal parts or parts of the given sizes (one may be -1), TensorFlow's split. */
export function split(x: TensorLike, numOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const t = toTensor(x);
  const a = normAxis(axis, t.dims.length, 'split');
  const n = t.dims[a];
  let sizes: number[];
  if (typeof numOrSizes === 'number') {
    if (numOrSizes <= 0 || n % numOrSizes !== 0) throw new ValueError(`array split does not result in an equal division: ${n} into ${numOrSizes}`);
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

export function tile(x: TensorLike, reps: readonly number[] | number): Tensor {
  const t = toTensor(x);
  const r = typeof reps === 'number' ? [reps] : [...reps];
  const n = Math.max(r.length, t.dims.length);
  const dims = [...new Array<number>(n - t.dims.length).fill(1), ...t.dims];
  const rr = [...new Array<number>(n - r.length).fill(1), ...r];
  const interleaved = dims.flatMap((d) => [1, d]);
  const target = dims.flatMap((d, i) => [rr[i], d]);
  return reshape(broadcastTo(reshape(t, interleaved), target), dims.map((d, i) => d * rr[i]));
}

export { zeros };
