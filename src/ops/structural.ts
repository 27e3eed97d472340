// The linear primitives that move data (JAX's deflinear family): reshape, transpose, broadcast_to,
// reduce_sum, strided slice and its transpose (pad), concat, gather and scatter-add, cumsum and the
// identity. Each is declared with its transpose instead of twin forward/backward rules; they are
// each other's transposes (broadcast <-> sum, slice <-> pad, gather <-> scatter-add), which is why
// they live together. Batching rules move the batch axis to the front and carry it along.
import {
  concat as concatKernel, gather as gatherKernel, scatterAdd as scatterAddKernel, stridedGather, stridedScatter,
  transpose as transposeKernel,
} from '../kernels/layout.js';
import { cumsum as cumsumKernel, reduce as reduceKernel } from '../kernels/reduce.js';
import { allocate, allocateUnfilled } from '../tensor/dtype.js';
import { broadcastStrides, sameDims, sizeOf, stridesOf } from '../tensor/shape.js';
import { alias, Tensor } from '../tensor/tensor.js';
import { zeros } from '../tensor/create.js';
import { bind, defineLinear, definePrimitive, type InputMeta, type Primitive } from '../core/primitive.js';
import { result } from './result.js';
import { fusedSum } from './fused.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const zerosFor = (m: InputMeta, like: Tensor) => zeros(m.dims, m.dt, like.flavor);

// ---------------------------------------------------------------- batching helpers

/** Moves axis `d` of `x` to the front (the layout every batching rule here works in). */
export function batchFirst(x: Tensor, d: number): Tensor {
  if (d === 0) return x;
  const perm = [d, ...range(x.dims.length).filter((i) => i !== d)];
  return bind(transposeP, [x], perm);
}

/** An unbatched input made batched: the same value for each of `n` examples, batch axis first. */
export function broadcastBatch(x: Tensor, n: number): Tensor {
  return bind(broadcastToP, [x], [n, ...x.dims]);
}

/** Every input with its batch first (unbatched ones broadcast to `n` copies). */
export function allBatchFirst(xs: Tensor[], ds: (number | null)[]): Tensor[] {
  const i = ds.findIndex((d) => d !== null);
  const n = xs[i].dims[ds[i]!];
  return xs.map((x, k) => (ds[k] === null ? broadcastBatch(x, n) : batchFirst(x, ds[k]!)));
}

// ---------------------------------------------------------------- reshape, identity

export const reshapeP: Primitive<readonly number[]> = defineLinear<readonly number[]>({
  name: 'reshape',
  impl: ([x], dims) => alias(x, dims),
  transpose: (ct, _dims, [x]) => [reshapeTo(ct, x.dims)],
  batch: ([x], [d], dims) => {
    const b = batchFirst(x, d!);
    return [bind(reshapeP, [b], [b.dims[0], ...dims]), 0];
  },
});

/** Reshape to dims known to hold the same number of elements. */
export function reshapeTo(x: Tensor, dims: readonly number[]): Tensor {
  return sameDims(x.dims, dims) ? x : bind(reshapeP, [x], dims);
}

export const identityP: Primitive<void> = defineLinear<void>({
  name: 'identity',
  impl: ([x]) => alias(x),
  transpose: (ct) => [ct],
  batch: ([x], [d]) => [bind(identityP, [x], undefined), d],
});

/** A new tensor object for the same values, that levels follow through (each primal gets its own identity). */
export function identity(x: Tensor): Tensor {
  return bind(identityP, [x], undefined);
}

/** The identity with no rules: no derivative flows through it. */
export const stopGradientP: Primitive<void> = definePrimitive<void>({
  name: 'stop_gradient',
  impl: ([x]) => alias(x),
  batch: ([x], [d]) => [bind(stopGradientP, [x], undefined), d],
});

export function stopGradient(x: Tensor): Tensor {
  return bind(stopGradientP, [x], undefined);
}

// ---------------------------------------------------------------- transpose

export const transposeP: Primitive<readonly number[]> = defineLinear<readonly number[]>({
  name: 'transpose',
  impl: ([x], perm) => result(x.dt, perm.map((p) => x.dims[p]), transposeKernel(x.values, x.dims, perm, x.dt), [x]),
  transpose: (ct, perm) => {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => (inv[p] = i));
    return [bind(transposeP, [ct], inv)];
  },
  batch: ([x], [d], perm) => {
    const full = (p: number) => (p < d! ? p : p + 1);
    return [bind(transposeP, [x], [d!, ...perm.map(full)]), 0];
  },
});

// ---------------------------------------------------------------- broadcast_to and reduce_sum

export const broadcastToP: Primitive<readonly number[]> = defineLinear<readonly number[]>({
  name: 'broadcast_to',
  impl: ([x], dims) => {
    // Every element is written below: storage not zeroed first.
    const out = allocateUnfilled(x.dt, sizeOf(dims), dims);
    // One element everywhere (a reduction's cotangent, a scalar operand): a fill, not a strided walk.
    if (x.values.length === 1) (out as Float64Array).fill(x.values[0] as number);
    else stridedGather(x.values, dims, broadcastStrides(x.dims, dims), 0, out);
    return result(x.dt, dims, out, [x]);
  },
  transpose: (ct, _dims, [x]) => [unbroadcast(ct, x.dims)],
  batch: ([x], [d], dims) => {
    const b = batchFirst(x, d!);
    const own = b.dims.slice(1);
    const padded = reshapeTo(b, [b.dims[0], ...new Array<number>(dims.length - own.length).fill(1), ...own]);
    return [bind(broadcastToP, [padded], [b.dims[0], ...dims]), 0];
  },
});

/** Broadcast to dims (the caller has checked they are compatible). */
export function broadcastToDims(x: Tensor, dims: readonly number[]): Tensor {
  return sameDims(x.dims, dims) ? x : bind(broadcastToP, [x], dims);
}

export interface ReduceParams {
  axes: readonly number[];
  keepdims: boolean;
}

export function keptDims(dims: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? dims.map((d, i) => (axes.includes(i) ? 1 : d)) : dims.filter((_, i) => !axes.includes(i));
}

export const sumP: Primitive<ReduceParams> = defineLinear<ReduceParams>({
  name: 'reduce_sum',
  impl: ([x], p) => fusedSum(x, p.axes, keptDims(x.dims, p.axes, p.keepdims))
    ?? result(x.dt, keptDims(x.dims, p.axes, p.keepdims), reduceKernel('sum', x.values, x.dims, p.axes, x.dt), [x]),
  transpose: (ct, p, [x]) => [expandBack(ct, x.dims, p)],
  batch: ([x], [d], p) => [bind(sumP, [batchFirst(x, d!)], { axes: p.axes.map((a) => a + 1), keepdims: p.keepdims }), 0],
});

/** A reduced value broadcast back over the reduced axes. */
export function expandBack(r: Tensor, dims: readonly number[], p: ReduceParams): Tensor {
  return broadcastToDims(p.keepdims ? r : reshapeTo(r, keptDims(dims, p.axes, true)), dims);
}

/** Sums a cotangent of a broadcast result back to the input's dims. */
export function unbroadcast(ct: Tensor, dims: readonly number[]): Tensor {
  if (sameDims(ct.dims, dims)) return ct;
  const lead = ct.dims.length - dims.length;
  const axes: number[] = [];
  for (let i = 0; i < ct.dims.length; i++) {
    if (i < lead || (dims[i - lead] === 1 && ct.dims[i] !== 1)) axes.push(i);
  }
  const s = axes.length ? bind(sumP, [ct], { axes, keepdims: false }) : ct;
  return reshapeTo(s, dims);
}

/** A tangent brought to the output's dims (broadcast where an input was smaller). */
export function fitTo(t: Tensor, dims: readonly number[]): Tensor {
  return broadcastToDims(t, dims);
}

// ---------------------------------------------------------------- strided slice and pad

export interface SliceParams {
  begin: readonly number[];
  step: readonly number[];
  size: readonly number[];
}

function sliceStrides(dims: readonly number[], p: SliceParams): { strides: number[]; offset: number } {
  const st = stridesOf(dims);
  return { strides: st.map((s, i) => s * p.step[i]), offset: p.begin.reduce((o, b, i) => o + b * st[i], 0) };
}

function withBatch(p: SliceParams, n: number): SliceParams {
  return { begin: [0, ...p.begin], step: [1, ...p.step], size: [n, ...p.size] };
}

export const sliceP: Primitive<SliceParams> = defineLinear<SliceParams>({
  name: 'slice',
  impl: ([x], p) => {
    const out = allocateUnfilled(x.dt, sizeOf(p.size), p.size);
    const { strides, offset } = sliceStrides(x.dims, p);
    stridedGather(x.values, p.size, strides, offset, out);
    return result(x.dt, p.size, out, [x]);
  },
  transpose: (ct, p, [x]) => [bind(padP, [ct], { slice: p, dims: x.dims })],
  batch: ([x], [d], p) => {
    const b = batchFirst(x, d!);
    return [bind(sliceP, [b], withBatch(p, b.dims[0])), 0];
  },
});

export interface PadParams { slice: SliceParams; dims: readonly number[] }

/** A slice's values placed back at their positions in zeros of the original dims (the slice's transpose). */
export const padP: Primitive<PadParams> = defineLinear<PadParams>({
  name: 'pad',
  impl: ([ct], p) => {
    const out = allocate(ct.dt, sizeOf(p.dims), p.dims);
    const { strides, offset } = sliceStrides(p.dims, p.slice);
    stridedScatter(ct.values, p.slice.size, strides, offset, out, false);
    return result(ct.dt, p.dims, out, [ct]);
  },
  transpose: (ct, p) => [bind(sliceP, [ct], p.slice)],
  batch: ([x], [d], p) => {
    const b = batchFirst(x, d!);
    const n = b.dims[0];
    return [bind(padP, [b], { slice: withBatch(p.slice, n), dims: [n, ...p.dims] }), 0];
  },
});

// ---------------------------------------------------------------- concat

export const concatP: Primitive<number> = defineLinear<number>({
  name: 'concat',
  impl: (xs, axis) => {
    const dims = xs[0].dims.slice();
    dims[axis] = xs.reduce((n, x) => n + x.dims[axis], 0);
    return result(xs[0].dt, dims, concatKernel(xs.map((x) => ({ data: x.values, dims: x.dims })), axis, xs[0].dt, dims), xs);
  },
  zeros: zerosFor,
  transpose: (ct, axis, xs, need) => {
    let start = 0;
    return xs.map((x, i) => {
      const n = x.dims[axis];
      const begin = ct.dims.map((_, k) => (k === axis ? start : 0));
      const size = ct.dims.map((d, k) => (k === axis ? n : d));
      start += n;
      return need[i] ? bind(sliceP, [ct], { begin, step: ct.dims.map(() => 1), size }) : null;
    });
  },
  batch: (xs, ds, axis) => [bind(concatP, allBatchFirst(xs, ds), axis + 1), 0],
});

// ---------------------------------------------------------------- gather and scatter-add

export interface GatherParams { indices: Int32Array; indexDims: readonly number[]; axis: number }
export interface ScatterParams extends GatherParams { dims: readonly number[] }

export const gatherP: Primitive<GatherParams> = defineLinear<GatherParams>({
  name: 'gather',
  impl: ([x], p) => {
    const dims = [...x.dims.slice(0, p.axis), ...p.indexDims, ...x.dims.slice(p.axis + 1)];
    return result(x.dt, dims, gatherKernel(x.values, x.dims, p.indices, p.axis, x.dt), [x]);
  },
  transpose: (ct, p, [x]) => [bind(scatterAddP, [ct], { ...p, dims: x.dims })],
  batch: ([x], [d], p) => [bind(gatherP, [batchFirst(x, d!)], { ...p, axis: p.axis + 1 }), 0],
});

/** Adds each slice of the input into position indices[j] along `axis` of zeros of `dims` (gather's transpose). */
export const scatterAddP: Primitive<ScatterParams> = defineLinear<ScatterParams>({
  name: 'scatter_add',
  impl: ([ct], p) => result(ct.dt, p.dims, scatterAddKernel(ct.values, p.indices, p.axis, p.dims, ct.dt), [ct]),
  transpose: (ct, p) => [bind(gatherP, [ct], { indices: p.indices, indexDims: p.indexDims, axis: p.axis })],
  batch: ([x], [d], p) => {
    const b = batchFirst(x, d!);
    return [bind(scatterAddP, [b], { ...p, axis: p.axis + 1, dims: [b.dims[0], ...p.dims] }), 0];
  },
});

// ---------------------------------------------------------------- cumsum

export interface CumsumParams { axis: number; reverse: boolean }

export const cumsumP: Primitive<CumsumParams> = defineLinear<CumsumParams>({
  name: 'cumsum',
  impl: ([x], p) => result(x.dt, x.dims, cumsumKernel(x.values, x.dims, p.axis, p.reverse, x.dt), [x]),
  transpose: (ct, p) => [bind(cumsumP, [ct], { axis: p.axis, reverse: !p.reverse })],
  batch: ([x], [d], p) => [bind(cumsumP, [batchFirst(x, d!)], { axis: p.axis + 1, reverse: p.reverse }), 0],
});
