// Shape operations: reshape, transpose and its relatives, expand_dims, squeeze, ravel, concatenate,
// stack (and vstack/hstack/column_stack), split (and array_split/hsplit/vsplit, torch's chunk),
// tile, repeat, broadcast_to, flip, roll, take/gather. NumPy and PyTorch results that NumPy and
// PyTorch make views are views here too (they read and write through to their base).
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { tuple } from '../../tensor/pytuple.js';
import { normAxis } from '../../tensor/shape.js';
import { finish, tensorOf } from '../kinds.js';
import { pyError } from '../errors.js';
import type { Library } from '../lib/library.js';
import { reshapeView, transposeView } from '../views.js';
import { axisArg } from './reductions.js';
import { jaxBounds, numpyTakeBounds } from '../bounds.js';
import { row, type Args, type OpRow } from './types.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A shape given as varargs (`x.reshape(2, 3)`) or as one sequence (`x.reshape((2, 3))`). */
export function shapeArg(v: unknown): number[] {
  if (v instanceof Tensor) return Array.from(v.values as ArrayLike<number>, Number);
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) {
    if (v.length === 1 && (Array.isArray(v[0]) || v[0] instanceof Tensor)) return shapeArg(v[0]);
    return v.map((d) => {
      if (typeof d !== 'number' || !Number.isInteger(d)) throw pyError('TypeError', `'${typeof d === 'number' ? 'float' : typeof d}' object cannot be interpreted as an integer`);
      return d;
    });
  }
  throw pyError('TypeError', `'${v === null ? 'NoneType' : typeof v}' object cannot be interpreted as an integer`);
}

/** A sequence of tensors (a list, a tuple, or a tensor's first axis). */
function seqArg(lib: Library, v: unknown): Tensor[] {
  if (v instanceof Tensor) return ops.unstack(v, 0);
  if (!Array.isArray(v)) throw pyError('TypeError', 'expected a sequence of arrays');
  return v.map((x) => tensorOf(lib, x));
}

function reshapeImpl(a: Args, lib: Library): Tensor {
  const x = tensorOf(lib, a.x);
  if (a.order === 'F') {
    // Fortran order: read and write the elements with the first index fastest (a copy, not a view).
    const shape = shapeArg(a.shape);
    const rev = range(x.dims.length).reverse();
    const r = ops.reshape(ops.transpose(x, rev), [...shape].reverse());
    return finish(lib, ops.transpose(r, range(r.dims.length).reverse()), [x], false);
  }
  if (a.order !== undefined && a.order !== 'C' && a.order !== 'A') throw pyError('ValueError', `order must be one of 'C', 'F', 'A', or 'K' (got '${String(a.order)}')`);
  const r = finish(lib, ops.reshape(x, shapeArg(a.shape)), [x], false);
  return reshapeView(r, x);
}

function permute(lib: Library, x: Tensor, perm: number[] | null): Tensor {
  const p = perm ?? range(x.dims.length).reverse();
  const r = finish(lib, ops.transpose(x, p), [x], false);
  return transposeView(r, x, p.map((a) => normAxis(a, x.dims.length, 'transpose')));
}

function swap(lib: Library, x: Tensor, d0: number, d1: number): Tensor {
  const n = x.dims.length;
  const p = range(n);
  const i = normAxis(d0, n, 'transpose'), j = normAxis(d1, n, 'transpose');
  [p[i], p[j]] = [p[j], p[i]];
  return permute(lib, x, p);
}

/** torch.split's sizes: a chunk size (the last chunk smaller) or a list of sizes. */
function torchSplit(x: Tensor, size: number | number[], axis: number): Tensor[] {
  const n = x.dims[normAxis(axis, x.dims.length, 'split')];
  if (Array.isArray(size)) return ops.split(x, size, axis);
  const sizes: number[] = [];
  for (let s = 0; s < n; s += size) sizes.push(Math.min(size, n - s));
  return ops.split(x, sizes.length ? sizes : [0], axis);
}

/** NumPy's split points: a section count (equal parts, or array_split's near-equal ones) or indices. */
function npSplit(x: Tensor, what: unknown, axis: number, strict: boolean): Tensor[] {
  const a = normAxis(axis, x.dims.length, 'split');
  const n = x.dims[a];
  if (typeof what === 'number') {
    if (what <= 0) throw pyError('ValueError', 'number sections must be larger than 0.');
    if (strict && n % what !== 0) throw pyError('ValueError', 'array split does not result in an equal division');
    const each = Math.floor(n / what), extra = n % what;
    const points: number[] = [];
    let at = 0;
    for (let k = 0; k < what - 1; k++) { at += each + (k < extra ? 1 : 0); points.push(at); }
    return ops.splitAt(x, points, a);
  }
  return ops.splitAt(x, shapeArg(what), a);
}

export const shapeRows: OpRow[] = [
  row({
    name: 'reshape', doc: 'Gives a new shape to an array without changing its data (one dimension may be -1).',
    impl: reshapeImpl,
    np: 'reshape(a, newshape, order="C")', jnp: 'reshape(a, newshape, order="C")', torch: 'reshape(input, shape)', tf: 'reshape(tensor, shape, name=None)',
    methods: { numpy: 'reshape(*shape, order="C")', jax: 'reshape(*shape, order="C")', torch: ['reshape(*shape)', 'view(*shape)'] },
  }),
  row({
    name: 'transpose', doc: 'Reverse or permute the axes of an array (torch.transpose swaps two dimensions).',
    impl: (a, lib) => {
      // The method takes `*axes`: none reverses them, one sequence is the permutation.
      let axes = a.axes;
      if (Array.isArray(axes) && axes.length === 0) axes = null;
      else if (Array.isArray(axes) && axes.length === 1 && (Array.isArray(axes[0]) || axes[0] === null)) axes = axes[0];
      return permute(lib, tensorOf(lib, a.x), axes === undefined || axes === null ? (a.perm ?? null) : shapeArg(axes));
    },
    variants: { torch: (a, lib) => swap(lib, tensorOf(lib, a.x), a.dim0, a.dim1) },
    np: 'transpose(a, axes=None)', jnp: 'transpose(a, axes=None)', torch: 'transpose(input, dim0, dim1)', tf: 'transpose(a, perm=None, conjugate=False, name=None)',
    methods: { numpy: 'transpose(*axes)', jax: 'transpose(*axes)', torch: 'transpose(dim0, dim1)' },
  }),
  row({
    name: 'permute', doc: 'Returns a view of the original tensor with its dimensions permuted.',
    impl: (a, lib) => permute(lib, tensorOf(lib, a.x), shapeArg(a.dims)),
    torch: 'permute(input, dims)', methods: { torch: 'permute(*dims)' },
  }),
  row({
    name: 'swapaxes', doc: 'Interchange two axes of an array.',
    impl: (a, lib) => swap(lib, tensorOf(lib, a.x), a.axis1, a.axis2),
    np: 'swapaxes(a, axis1, axis2)', jnp: 'swapaxes(a, axis1, axis2)', torch: ['swapaxes(input, axis0, axis1)', 'swapdims(input, dim0, dim1)'],
    rename: { axis0: 'axis1', axis1: 'axis2', dim0: 'axis1', dim1: 'axis2' },
    methods: { numpy: 'swapaxes(axis1, axis2)', jax: 'swapaxes(axis1, axis2)', torch: 'swapaxes(axis0, axis1)' },
  }),
  row({
    name: 'moveaxis', doc: 'Move axes of an array to new positions; the other axes keep their order.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const r = ops.moveaxis(x, a.source, a.destination);
      return finish(lib, r, [x], false);
    },
    np: 'moveaxis(a, source, destination)', jnp: 'moveaxis(a, source, destination)', torch: ['moveaxis(input, source, destination)', 'movedim(input, source, destination)'],
    methods: { torch: ['moveaxis(source, destination)', 'movedim(source, destination)'] },
  }),
  row({
    name: 't', doc: 'Transposes a 2-D tensor (0-D and 1-D tensors are returned as they are).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      if (x.dims.length > 2) throw pyError('RuntimeError', `t() expects a tensor with <= 2 dimensions, but self is ${x.dims.length}D`);
      return x.dims.length < 2 ? x : swap(lib, x, 0, 1);
    },
    torch: 't(input)', methods: { torch: 't()' },
  }),
  row({
    name: 'expand_dims', doc: 'Expand the shape of an array: a new axis of length one at `axis`.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      return reshapeView(finish(lib, ops.expandDims(x, axisArg(a.axis) as number | number[]), [x], false), x);
    },
    np: 'expand_dims(a, axis)', jnp: 'expand_dims(a, axis)', torch: 'unsqueeze(input, dim)', tf: 'expand_dims(input, axis, name=None)',
    methods: { torch: 'unsqueeze(dim)' },
  }),
  row({
    name: 'squeeze', doc: 'Remove axes of length one.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      return reshapeView(finish(lib, ops.squeeze(x, axisArg(a.axis)), [x], false), x);
    },
    variants: {
      // PyTorch ignores a named dim whose size is not one.
      torch: (a, lib) => {
        const x = tensorOf(lib, a.x);
        const ax = axisArg(a.axis);
        const axes = ax === null ? null : (typeof ax === 'number' ? [ax] : ax).map((d) => normAxis(d, Math.max(x.dims.length, 1), 'squeeze')).filter((d) => x.dims[d] === 1);
        return reshapeView(finish(lib, axes !== null && axes.length === 0 ? ops.identity(x) : ops.squeeze(x, axes), [x], false), x);
      },
    },
    np: 'squeeze(a, axis=None)', jnp: 'squeeze(a, axis=None)', torch: 'squeeze(input, dim=None)', tf: 'squeeze(input, axis=None, name=None)',
    methods: { numpy: 'squeeze(axis=None)', jax: 'squeeze(axis=None)', torch: 'squeeze(dim=None)' },
  }),
  row({
    name: 'ravel', doc: 'Return a contiguous flattened array (a view when possible).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      return reshapeView(finish(lib, ops.flatten(x), [x], false), x);
    },
    np: 'ravel(a, order="C")', jnp: 'ravel(a, order="C")', torch: 'ravel(input)',
    methods: { numpy: 'ravel(order="C")', jax: 'ravel(order="C")', torch: 'ravel()' },
  }),
  row({
    name: 'flatten', doc: 'Flattens input by reshaping it into a one-dimensional tensor (NumPy: always a copy).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      return finish(lib, ops.identity(ops.flatten(x)), [x], false);
    },
    variants: {
      torch: (a, lib) => {
        const x = tensorOf(lib, a.x);
        const n = x.dims.length;
        if (n === 0) return reshapeView(finish(lib, ops.reshape(x, [1]), [x], false), x);
        const s = normAxis(a.start_dim ?? 0, n, 'flatten'), e = normAxis(a.end_dim ?? -1, n, 'flatten');
        const dims = [...x.dims.slice(0, s), x.dims.slice(s, e + 1).reduce((p, d) => p * d, 1), ...x.dims.slice(e + 1)];
        return reshapeView(finish(lib, ops.reshape(x, dims), [x], false), x);
      },
    },
    torch: 'flatten(input, start_dim=0, end_dim=-1)',
    methods: { numpy: 'flatten(order="C")', jax: 'flatten(order="C")', torch: 'flatten(start_dim=0, end_dim=-1)' },
  }),
  row({
    name: 'concatenate', doc: 'Join a sequence of arrays along an existing axis.',
    impl: (a, lib) => {
      const xs = seqArg(lib, a.x);
      if (a.axis === null) return finish(lib, ops.concat(xs.map((t) => ops.flatten(t)), 0), xs, false);
      const dt = lib.resultType('concatenate', xs);
      return finish(lib, ops.concat(xs.map((t) => ops.cast(t, dt)), a.axis ?? 0), xs, false);
    },
    np: 'concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind")', jnp: 'concatenate(arrays, axis=0, dtype=None)',
    torch: ['cat(tensors, dim=0, *, out=None)', 'concat(tensors, dim=0, *, out=None)', 'concatenate(tensors, axis=0, out=None)'],
    tf: 'concat(values, axis, name="concat")',
    rename: { arrays: 'x', tensors: 'x', values: 'x' },
  }),
  row({
    name: 'stack', doc: 'Join a sequence of arrays along a new axis.',
    impl: (a, lib) => {
      const xs = seqArg(lib, a.x);
      const dt = lib.resultType('stack', xs);
      return finish(lib, ops.stack(xs.map((t) => ops.cast(t, dt)), a.axis ?? 0), xs, false);
    },
    np: 'stack(arrays, axis=0, out=None)', jnp: 'stack(arrays, axis=0, out=None, dtype=None)', torch: 'stack(tensors, dim=0, *, out=None)', tf: 'stack(values, axis=0, name="stack")',
    rename: { arrays: 'x', tensors: 'x', values: 'x' },
  }),
  row({
    name: 'vstack', doc: 'Stack arrays in sequence vertically (row wise); 1-D arrays become rows.',
    impl: (a, lib) => {
      const xs = seqArg(lib, a.x).map((t) => (t.dims.length < 2 ? ops.reshape(t, [1, t.count]) : t));
      return finish(lib, ops.concat(promoteAll(lib, xs), 0), xs, false);
    },
    np: ['vstack(tup)', 'row_stack(tup)'], jnp: ['vstack(tup, dtype=None)', 'row_stack(tup, dtype=None)'], torch: ['vstack(tensors, *, out=None)', 'row_stack(tensors, *, out=None)'],
    rename: { tup: 'x', tensors: 'x' },
  }),
  row({
    name: 'hstack', doc: 'Stack arrays in sequence horizontally (column wise); 1-D arrays are joined end to end.',
    impl: (a, lib) => {
      const xs = seqArg(lib, a.x).map((t) => (t.dims.length === 0 ? ops.reshape(t, [1]) : t));
      return finish(lib, ops.concat(promoteAll(lib, xs), xs[0].dims.length === 1 ? 0 : 1), xs, false);
    },
    np: 'hstack(tup)', jnp: 'hstack(tup, dtype=None)', torch: 'hstack(tensors, *, out=None)',
    rename: { tup: 'x', tensors: 'x' },
  }),
  row({
    name: 'column_stack', doc: 'Stack 1-D arrays as columns into a 2-D array.',
    impl: (a, lib) => {
      const xs = seqArg(lib, a.x).map((t) => (t.dims.length < 2 ? ops.reshape(t, [t.count, 1]) : t));
      return finish(lib, ops.concat(promoteAll(lib, xs), 1), xs, false);
    },
    np: 'column_stack(tup)', jnp: 'column_stack(tup)', torch: 'column_stack(tensors, *, out=None)',
    rename: { tup: 'x', tensors: 'x' },
  }),
  row({
    name: 'dstack', doc: 'Stack arrays in sequence depth wise (along the third axis).',
    impl: (a, lib) => {
      const xs = seqArg(lib, a.x).map((t) => (t.dims.length === 0 ? ops.reshape(t, [1, 1, 1]) : t.dims.length === 1 ? ops.reshape(t, [1, t.count, 1]) : t.dims.length === 2 ? ops.expandDims(t, 2) : t));
      return finish(lib, ops.concat(promoteAll(lib, xs), 2), xs, false);
    },
    np: 'dstack(tup)', jnp: 'dstack(tup, dtype=None)', torch: 'dstack(tensors, *, out=None)',
    rename: { tup: 'x', tensors: 'x' },
  }),
  row({
    name: 'split', doc: 'Split an array into multiple sub-arrays (equal sections or at indices; torch: chunks of a size; tf: a count or sizes).',
    impl: (a, lib) => tuple(...npSplit(tensorOf(lib, a.x), a.indices_or_sections, a.axis ?? 0, true).map((t) => finish(lib, t, [], false))),
    variants: {
      torch: (a, lib) => tuple(...torchSplit(tensorOf(lib, a.x), a.split_size_or_sections, a.axis ?? 0).map((t) => finish(lib, t, [], false))),
      tensorflow: (a, lib) => ops.split(tensorOf(lib, a.x), a.num_or_size_splits, a.axis ?? 0).map((t) => finish(lib, t, [], false)),
    },
    np: 'split(ary, indices_or_sections, axis=0)', jnp: 'split(ary, indices_or_sections, axis=0)',
    torch: 'split(tensor, split_size_or_sections, dim=0)', tf: 'split(value, num_or_size_splits, axis=0, num=None, name="split")',
    rename: { value: 'x', split_size: 'split_size_or_sections' },
    methods: { torch: 'split(split_size, dim=0)' },
  }),
  row({
    name: 'array_split', doc: 'Split an array into multiple sub-arrays of (nearly) equal size.',
    impl: (a, lib) => npSplit(tensorOf(lib, a.x), a.indices_or_sections, a.axis ?? 0, false).map((t) => finish(lib, t, [], false)),
    np: 'array_split(ary, indices_or_sections, axis=0)', jnp: 'array_split(ary, indices_or_sections, axis=0)',
  }),
  row({
    name: 'hsplit', doc: 'Split an array into multiple sub-arrays horizontally (column-wise).',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return npSplit(x, a.indices_or_sections, x.dims.length > 1 ? 1 : 0, true).map((t) => finish(lib, t, [], false)); },
    np: 'hsplit(ary, indices_or_sections)', jnp: 'hsplit(ary, indices_or_sections)',
  }),
  row({
    name: 'vsplit', doc: 'Split an array into multiple sub-arrays vertically (row-wise).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      if (x.dims.length < 2) throw pyError('ValueError', 'vsplit only works on arrays of 2 or more dimensions');
      return npSplit(x, a.indices_or_sections, 0, true).map((t) => finish(lib, t, [], false));
    },
    np: 'vsplit(ary, indices_or_sections)', jnp: 'vsplit(ary, indices_or_sections)',
  }),
  row({
    name: 'chunk', doc: 'Attempts to split a tensor into the specified number of chunks.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const n = x.dims[normAxis(a.axis ?? 0, x.dims.length, 'chunk')];
      return tuple(...torchSplit(x, Math.ceil(n / a.chunks), a.axis ?? 0).map((t) => finish(lib, t, [], false)));
    },
    torch: 'chunk(input, chunks, dim=0)', methods: { torch: 'chunk(chunks, dim=0)' },
  }),
  row({
    name: 'unstack', doc: 'Unpacks the given dimension of a rank-R tensor into rank-(R-1) tensors.',
    impl: (a, lib) => tuple(...ops.unstack(tensorOf(lib, a.x), a.axis ?? 0).map((t) => finish(lib, t, [], false))),
    torch: 'unbind(input, dim=0)', tf: 'unstack(value, num=None, axis=0, name="unstack")',
    rename: { value: 'x' },
    methods: { torch: 'unbind(dim=0)' },
  }),
  row({
    name: 'tile', doc: 'Construct an array by repeating A the number of times given by reps.',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.tile(x, shapeArg(a.reps)), [x], false); },
    np: 'tile(A, reps)', jnp: 'tile(A, reps)', torch: 'tile(input, dims)', tf: 'tile(input, multiples, name=None)',
    rename: { A: 'x', dims: 'reps', multiples: 'reps' },
    methods: { torch: ['tile(*dims)', 'repeat(*dims)'] },
  }),
  row({
    name: 'repeat', doc: 'Repeat each element of an array after themselves.',
    impl: (a, lib) => {
      let x = tensorOf(lib, a.x);
      let axis = axisArg(a.axis) as number | null;
      if (axis === null) { x = ops.flatten(x); axis = 0; }
      const ax = normAxis(axis, x.dims.length, 'repeat');
      const n = x.dims[ax];
      const reps = typeof a.repeats === 'number' ? new Array<number>(n).fill(a.repeats) : shapeArg(a.repeats);
      if (reps.length !== n) throw pyError('ValueError', `operands could not be broadcast together with shape (${n},) (${reps.length},)`);
      const idx: number[] = [];
      reps.forEach((r, i) => { for (let k = 0; k < r; k++) idx.push(i); });
      return finish(lib, ops.gather(x, idx, ax), [x], false);
    },
    np: 'repeat(a, repeats, axis=None)', jnp: 'repeat(a, repeats, axis=None, *, total_repeat_length=None)',
    torch: 'repeat_interleave(input, repeats, dim=None, *, output_size=None)', tf: 'repeat(input, repeats, axis=None, name=None)',
    methods: { numpy: 'repeat(repeats, axis=None)', jax: 'repeat(repeats, axis=None)', torch: 'repeat_interleave(repeats, dim=None)' },
  }),
  row({
    name: 'broadcast_to', doc: 'Broadcast an array to a new shape.',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.broadcastTo(x, shapeArg(a.shape)), [x], false); },
    np: 'broadcast_to(array, shape, subok=False)', jnp: 'broadcast_to(array, shape)', torch: 'broadcast_to(input, size)', tf: 'broadcast_to(input, shape, name=None)',
    methods: { torch: 'expand(*size)' },
  }),
  row({
    name: 'flip', doc: 'Reverse the order of elements along the given axes (all of them when axis is None).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const ax = axisArg(a.axis);
      const axes = ax === null ? range(x.dims.length) : (typeof ax === 'number' ? [ax] : ax).map((d) => normAxis(d, x.dims.length, 'flip'));
      return finish(lib, ops.getItem(x, x.dims.map((_, i) => (axes.includes(i) ? '::-1' : ':'))), [x], false);
    },
    np: 'flip(m, axis=None)', jnp: 'flip(m, axis=None)', torch: 'flip(input, dims)', tf: 'reverse(tensor, axis, name=None)',
    rename: { m: 'x', dims: 'axis' },
    methods: { torch: 'flip(*dims)' },
  }),
  row({
    name: 'fliplr', doc: 'Reverse the order of elements along axis 1 (left/right).',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.getItem(x, [':', '::-1']), [x], false); },
    np: 'fliplr(m)', jnp: 'fliplr(m)', torch: 'fliplr(input)', rename: { m: 'x' },
  }),
  row({
    name: 'flipud', doc: 'Reverse the order of elements along axis 0 (up/down).',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.getItem(x, ['::-1']), [x], false); },
    np: 'flipud(m)', jnp: 'flipud(m)', torch: 'flipud(input)', rename: { m: 'x' },
  }),
  row({
    name: 'roll', doc: 'Roll array elements along a given axis (elements that roll beyond the last position come back at the first).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const ax = axisArg(a.axis);
      if (ax === null) return finish(lib, ops.reshape(roll1(ops.flatten(x), Number(a.shift), 0), x.dims), [x], false);
      const axes = typeof ax === 'number' ? [ax] : ax;
      const shifts = typeof a.shift === 'number' ? axes.map(() => a.shift as number) : shapeArg(a.shift);
      let r = x;
      axes.forEach((d, i) => { r = roll1(r, shifts[i], normAxis(d, x.dims.length, 'roll')); });
      return finish(lib, r, [x], false);
    },
    np: 'roll(a, shift, axis=None)', jnp: 'roll(a, shift, axis=None)', torch: 'roll(input, shifts, dims=None)', tf: 'roll(input, shift, axis, name=None)',
    rename: { shifts: 'shift', dims: 'axis' },
    methods: { torch: 'roll(shifts, dims=None)' },
  }),
  row({
    name: 'take', doc: 'Take elements from an array along an axis (from the flattened array when axis is None).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const bounds = lib.name === 'jax' ? jaxBounds(a.mode, a.fill_value, x.dt, 'fill') : numpyTakeBounds(a.mode);
      return finish(lib, takeAlong(x, tensorOf(lib, a.indices), axisArg(a.axis) as number | null, bounds), [x], false);
    },
    np: 'take(a, indices, axis=None, out=None, mode="raise")', jnp: 'take(a, indices, axis=None, out=None, mode=None, unique_indices=False, indices_are_sorted=False, fill_value=None)',
    tf: 'gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None)',
    rename: { params: 'x' },
    variants: {
      tensorflow: (a, lib) => {
        if (a.batch_dims) throw pyError('NotImplementedError', 'tf.gather(..., batch_dims=...) is not supported by Jacobi');
        const x = tensorOf(lib, a.x);
        return finish(lib, ops.gather(x, tensorOf(lib, a.indices), axisArg(a.axis) as number ?? 0), [x], false);
      },
    },
    methods: { numpy: 'take(indices, axis=None, out=None, mode="raise")', jax: 'take(indices, axis=None, out=None, mode=None, unique_indices=False, indices_are_sorted=False, fill_value=None)' },
  }),
  row({
    name: 'index_select', doc: 'Returns the entries of input along dimension dim at the positions in index.',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.gather(x, tensorOf(lib, a.index), a.axis), [x], false); },
    torch: 'index_select(input, dim, index)', methods: { torch: 'index_select(dim, index)' },
  }),
];

/** x.take(indices, axis) as an index along `axis` (of the flattened x when axis is None), with out-of-bounds `bounds`. */
function takeAlong(x: Tensor, idx: Tensor, axis: number | null, bounds: ops.Bounds): Tensor {
  if (axis === null) return ops.getItem(ops.flatten(x), [idx], bounds);
  const ax = normAxis(axis, x.dims.length);
  return ops.getItem(x, [...Array.from({ length: ax }, () => new ops.Slice()), idx], bounds);
}

/** The dtypes of a list of arrays brought together (concatenate's promotion). */
function promoteAll(lib: Library, xs: Tensor[]): Tensor[] {
  const dt = lib.resultType('concatenate', xs);
  return xs.map((t) => ops.cast(t, dt));
}

function roll1(x: Tensor, shift: number, axis: number): Tensor {
  const n = x.dims[axis];
  if (n === 0) return x;
  const s = ((shift % n) + n) % n;
  if (s === 0) return ops.identity(x);
  const [head, tail] = ops.splitAt(x, [n - s], axis);
  return ops.concat([tail, head], axis);
}
