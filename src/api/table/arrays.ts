// The array functions that look at values: sort and argsort (NumPy's introsort, PyTorch's
// std::sort, stable sorts, descending orders), unique, nonzero/argwhere/flatnonzero, searchsorted,
// take_along_axis and torch.gather; and the ones that reshape data by position: pad, diff,
// meshgrid, fromfunction; median, percentile and quantile; the NaN-ignoring reductions. Each with
// its library's index dtypes, result types (torch.return_types.sort, tf.unique's Unique) and error
// texts. Values move by differentiable ops (taken along the sorting permutation, gathered, sliced,
// concatenated), so sort, median, quantile, diff and pad have derivatives in both modes.
import * as ops from '../../ops/index.js';
import type { SortKind } from '../../ops/sorting.js';
import { Tensor } from '../../tensor/tensor.js';
import { NamedTuple, tuple } from '../../tensor/pytuple.js';
import type { DType } from '../../tensor/dtype.js';
import { definePrimitive, bind, type Primitive } from '../../core/primitive.js';
import { vmap } from '../../autodiff/vmap.js';
import { nameNode } from '../../autodiff/torch_autograd.js';
import { castTo, finish, strong, tensorOf } from '../kinds.js';
import { dtypeArg } from '../dtype_objects.js';
import { pyError } from '../errors.js';
import { axisOf } from '../axes.js';
import type { Library } from '../lib/library.js';
import { updateInPlace } from '../mutation.js';
import { jaxQuantile, numpyMedian, numpyQuantile, torchMedian, torchQuantile, type QuantileArgs } from '../quantile.js';
import { asPairs, padAll, padAxis, padStats, type AxisPad, type PadMode } from '../pad.js';
import { uniqueAlong, uniqueFirstSeen } from '../unique.js';
import { argwhereOf, nonzeroCoords, sized } from '../nonzero.js';
import { axisArg } from './reductions.js';
import { shapeArg } from './shape.js';
import { row, type Args, type OpRow } from './types.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** NumPy's `<no value>` defaults (np._NoValue) and None: the argument was not given. */
const given = (v: unknown) => v !== undefined && v !== null && v !== '<no value>';

/** Integer positions as a tensor of the library's index dtype. */
function indexTensor(lib: Library, data: Int32Array, dims: readonly number[], dt: DType): Tensor {
  return finish(lib, castTo(new Tensor('int32', dims, data, lib.flavor), dt), [], false);
}

/** A TensorFlow dtype argument (the signature's default is written `tf.int32`). */
function tfDtype(v: unknown): DType {
  return dtypeArg(typeof v === 'string' ? v.replace(/^tf\./, '') : v, 'tensorflow') ?? 'int32';
}

function flat(x: Tensor): Tensor {
  return ops.reshape(x, [x.count]);
}

// ---------------------------------------------------------------- sort and argsort

/** NumPy's kind names: read by their first letter, as NumPy reads them. */
function npKind(kind: unknown): SortKind {
  if (kind === null || kind === undefined) return 'quicksort';
  const s = String(kind);
  const c = s[0]?.toLowerCase();
  if (c === 'q') return 'quicksort';
  if (c === 'h') return 'heapsort';
  if (c === 'm' || c === 's') return 'stable';
  throw pyError('ValueError', `sort kind must be one of 'quick', 'heap', or 'stable' (got '${s}')`);
}

interface SortSpec { x: Tensor; axis: number; kind: SortKind; desc: boolean; reverse: boolean }

/** The array and axis a sort works on (None: the flattened array), with the library's checks. */
function sortSpec(lib: Library, a: Args, op: 'sort' | 'argsort'): SortSpec {
  let x = tensorOf(lib, a.x);
  let axis = axisArg(a.axis) as number | null;
  let kind: SortKind = 'stable', desc = false, reverse = false;
  switch (lib.name) {
    case 'numpy':
      if (given(a.order)) throw pyError('ValueError', 'Cannot specify order when the array has no fields.');
      kind = npKind(a.kind);
      break;
    case 'jax':
      if (given(a.kind)) throw pyError('TypeError', `'kind' argument to ${op} is not supported. Use stable=True or stable=False to specify sort stability.`);
      if (given(a.order)) throw pyError('TypeError', `'order' argument to ${op} is not supported.`);
      // jnp.sort(descending=True) reverses the ascending sort; argsort keeps equal elements in order when stable.
      desc = Boolean(a.descending) && op === 'argsort' && a.stable !== false;
      reverse = Boolean(a.descending) && !desc;
      break;
    case 'torch':
      desc = Boolean(a.descending);
      // stable=False is std::sort on the CPU: its order of equal elements.
      kind = a.stable ? 'stable' : 'std';
      break;
    case 'tensorflow': {
      const d = String(a.direction);
      if (d !== 'ASCENDING' && d !== 'DESCENDING') throw pyError('ValueError', `${d} should be one of ASCENDING, DESCENDING`);
      desc = d === 'DESCENDING';
      break;
    }
  }
  if (axis === null) { x = flat(x); axis = 0; }
  if (x.dims.length === 0) {
    if (lib.name === 'numpy' && op === 'sort') throw pyError('AxisError', `axis ${axis} is out of bounds for array of dimension 0`);
    return { x, axis: 0, kind, desc, reverse };
  }
  return { x, axis: axisOf(lib, axis, x.dims.length), kind, desc, reverse };
}

function flipAxis(t: Tensor, axis: number): Tensor {
  return ops.getItem(t, t.dims.map((_, i) => (i === axis ? '::-1' : ':')));
}

function sortedValues(s: SortSpec): { values: Tensor; perm: Tensor } {
  if (s.x.dims.length === 0) return { values: s.x, perm: new Tensor('int32', [], Int32Array.of(0), s.x.flavor) };
  let perm = ops.argsort(s.x, s.axis, s.kind, s.desc);
  if (s.reverse) perm = flipAxis(perm, s.axis);
  return { values: ops.takeAlong(s.x, perm, s.axis), perm };
}

function sortImpl(a: Args, lib: Library): Tensor {
  const s = sortSpec(lib, a, 'sort');
  // ops.sort sorts the values themselves where nothing is watching (the same bits as through the permutation).
  const values = s.x.dims.length === 0 || s.reverse ? sortedValues(s).values : ops.sort(s.x, s.axis, s.kind, s.desc);
  return finish(lib, values, [s.x], false);
}

function argsortImpl(a: Args, lib: Library): Tensor {
  const s = sortSpec(lib, a, 'argsort');
  // NumPy sorts a 0-d array as a 1-element one.
  if (lib.name === 'numpy' && s.x.dims.length === 0) s.x = ops.reshape(s.x, [1]);
  const dt: DType = lib.name === 'tensorflow' ? 'int32' : lib.indexDtype;
  return finish(lib, castTo(sortedValues(s).perm, dt), [], false);
}

/** torch.sort: values and indices as torch.return_types.sort. */
function torchSort(a: Args, lib: Library): NamedTuple<Tensor> {
  const s = sortSpec(lib, a, 'sort');
  const { values, perm } = sortedValues(s);
  const v = nameNode(finish(lib, values, [s.x], false), a.stable ? 'SortBackward1' : 'SortBackward0');
  return NamedTuple.make('torch.return_types.sort', ['values', 'indices'], [v, finish(lib, castTo(perm, 'int64'), [], false)]);
}

// ---------------------------------------------------------------- nonzero and friends

function nonzeroImpl(a: Args, lib: Library): unknown {
  const x = tensorOf(lib, a.x);
  if (x.dims.length === 0) {
    if (lib.name === 'jax') throw pyError('ValueError', 'Calling nonzero on 0d arrays is not allowed. Use jnp.atleast_1d(scalar).nonzero() instead.');
    if (lib.name === 'numpy') process.emitWarning('Calling nonzero on 0d arrays is deprecated, as it behaves surprisingly. Use `atleast_1d(arr).nonzero()` if the old behavior was intended.', 'DeprecationWarning');
  }
  let coords = nonzeroCoords(x);
  if (lib.name === 'jax') coords = sized(coords, a.size, a.fill_value, x.dims.length);
  if (lib.name === 'torch' && !a.as_tuple) return argwhereOf(lib, x, coords);
  return tuple(...coords.map((c) => indexTensor(lib, c, [c.length], lib.indexDtype)));
}

// ---------------------------------------------------------------- unique

/** A primitive that passes values through and refuses derivatives, as PyTorch's unique does. */
function refusing(op: string): Primitive<void> {
  const fail = () => { throw pyError('NotImplementedError', `the derivative for '${op}' is not implemented.`); };
  const p: Primitive<void> = definePrimitive<void>({
    name: op, impl: ([x]) => x, jvp: fail, vjp: () => fail, batch: ([x], [d]) => [bind(p, [x], undefined), d],
  });
  return p;
}
const unique2P = refusing('_unique2');
const uniqueDimP = refusing('unique_dim');

function uniqueImpl(a: Args, lib: Library): unknown {
  const x0 = tensorOf(lib, a.x);
  const ax = axisArg(a.axis) as number | null;
  const x = ax === null ? flat(x0) : x0;
  const axis = ax === null ? 0 : axisOf(lib, ax, x.dims.length);
  if (lib.name === 'torch' && a.sorted === false) {
    throw pyError('NotImplementedError', 'torch.unique(..., sorted=False) is not supported by Jacobi (PyTorch returns the values in the order of its hash set)');
  }
  // PyTorch compares neighbours with != (each NaN its own value), NumPy and JAX collapse NaNs by default.
  const u = uniqueAlong(x, axis, lib.name === 'torch' ? false : a.equal_nan !== false);
  const idt: DType = lib.indexDtype;
  let values = u.values, index = u.index, counts = u.counts;
  const inverse = u.inverse;
  if (lib.name === 'jax' && given(a.size)) {
    const size = Number(a.size);
    const k = index.length;
    if (x.dims[axis] === 0 && size > 0 && !given(a.fill_value)) {
      throw pyError('ValueError', 'jnp.unique: for zero-sized input with nonzero size argument, fill_value must be specified');
    }
    const pos = Int32Array.from(range(size), (i) => (i < k ? i : 0));
    values = ops.gather(values, pos, axis);
    if (given(a.fill_value)) {
      const keep = ops.reshape(ops.less(ops.arange(0, size, 1, 'int32'), k), values.dims.map((d, i) => (i === axis ? size : 1)));
      values = ops.where(keep, values, castTo(tensorOf(lib, a.fill_value), values.dt));
    }
    index = Int32Array.from(range(size), (i) => (i < k ? index[i] : index[0] ?? 0));
    counts = Int32Array.from(range(size), (i) => (i < k ? counts[i] : 0));
  }
  if (lib.name === 'torch') values = nameNode(bind(ax === null ? unique2P : uniqueDimP, [values], undefined), ax === null ? 'Unique2Backward0' : 'UniqueDimBackward0');
  const out: unknown[] = [finish(lib, values, [x0], false)];
  if (a.return_index) out.push(indexTensor(lib, index, [index.length], idt));
  if (a.return_inverse) {
    const invDims = ax === null && (lib.name === 'jax' || lib.name === 'torch') ? x0.dims : [inverse.length];
    out.push(indexTensor(lib, inverse, invDims, idt));
  }
  if (a.return_counts) out.push(indexTensor(lib, counts, [counts.length], idt));
  return out.length === 1 ? out[0] : tuple(...out);
}

function tfUnique(a: Args, lib: Library, withCounts: boolean): NamedTuple<Tensor> {
  const x = tensorOf(lib, a.x);
  if (x.dims.length !== 1) throw pyError('InvalidArgumentError', `unique expects a 1D vector. [Op:${withCounts ? 'UniqueWithCounts' : 'Unique'}]`);
  const dt = tfDtype(a.out_idx);
  const u = uniqueFirstSeen(x);
  const y = finish(lib, u.values, [x], false);
  const idx = indexTensor(lib, u.inverse, [u.inverse.length], dt);
  if (!withCounts) return NamedTuple.make('Unique', ['y', 'idx'], [y, idx]);
  return NamedTuple.make('UniqueWithCounts', ['y', 'idx', 'count'], [y, idx, indexTensor(lib, u.counts, [u.counts.length], dt)]);
}

// ---------------------------------------------------------------- searchsorted

function searchsortedImpl(a: Args, lib: Library): Tensor {
  let seq = tensorOf(lib, a.x);
  const right = lib.name === 'torch' ? torchSide(a) : sideArg(lib, a.side);
  const v = a.v ?? a.values;
  const vt = tensorOf(lib, v);
  const dt = lib.resultType('searchsorted', [seq, v]);
  if (given(a.sorter)) seq = ops.gather(seq, tensorOf(lib, a.sorter), -1);
  if (lib.name === 'numpy' || lib.name === 'jax') {
    if (seq.dims.length !== 1) throw pyError('ValueError', lib.name === 'numpy' ? 'object too deep for desired array' : 'a should be 1-dimensional');
  } else if (seq.dims.length > 1 && (vt.dims.length !== seq.dims.length || seq.dims.slice(0, -1).some((d, i) => d !== vt.dims[i]))) {
    throw pyError(lib.name === 'torch' ? 'RuntimeError' : 'InvalidArgumentError', lib.name === 'torch'
      ? `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [${seq.dims.join(', ')}] and input value tensor [${vt.dims.join(', ')}]`
      : 'Leading dims of sorted_inputs and values must match [Op:LowerBound]');
  }
  const pos = ops.searchsorted(ops.stopGradient(castTo(seq, dt)), ops.stopGradient(castTo(vt, dt)), right);
  let odt: DType = lib.name === 'jax' ? 'int32' : lib.indexDtype;
  if (lib.name === 'torch' && a.out_int32) odt = 'int32';
  if (lib.name === 'tensorflow') odt = tfDtype(a.out_type);
  return finish(lib, castTo(pos, odt), [], true);
}

function sideArg(lib: Library, side: unknown): boolean {
  const s = String(side);
  if (s === 'left' || s === 'right') return s === 'right';
  if (lib.name === 'jax') throw pyError('ValueError', `'${s}' is an invalid value for keyword 'side'. Expected one of ['left', 'right'].`);
  if (lib.name === 'tensorflow') throw pyError('ValueError', `Argument \`side\` must be either 'right' or 'left'. Received: \`side\` = '${s}'.`);
  throw pyError('ValueError', `search side must be 'left' or 'right' (got '${s}')`);
}

function torchSide(a: Args): boolean {
  if (!given(a.side)) return Boolean(a.right);
  const s = String(a.side);
  if (s !== 'left' && s !== 'right') throw pyError('RuntimeError', `torch.searchsorted(): side can only be 'left' or 'right' but got ${s}`);
  if (a.right && s === 'left') throw pyError('RuntimeError', "torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
  return s === 'right';
}

// ---------------------------------------------------------------- take_along_axis, gather

/** Indices along `axis` checked, negative ones wrapped (NumPy's and PyTorch's rules). */
function alongIndices(lib: Library, idx: Tensor, n: number, axis: number, negativeOk: boolean): Tensor {
  if (idx.dt === 'bool' || ops.isFloatDtype(idx.dt)) {
    if (lib.name === 'torch') throw pyError('RuntimeError', 'gather(): Expected dtype int64 for index');
    throw pyError('IndexError', '`indices` must be an integer array');
  }
  const vals = ops.stopGradient(idx).values as ArrayLike<number | bigint>;
  const out = new Int32Array(idx.count);
  for (let i = 0; i < out.length; i++) {
    const v = Number(vals[i]);
    if (v < -n || v >= n || (v < 0 && !negativeOk)) {
      if (lib.name === 'torch') throw pyError('RuntimeError', `index ${v} is out of bounds for dimension ${axis} with size ${n}`);
      throw pyError('IndexError', `index ${v} is out of bounds for axis ${axis} with size ${n}`);
    }
    out[i] = v < 0 ? v + n : v;
  }
  return new Tensor('int32', idx.dims, out, idx.flavor);
}

function takeAlongImpl(a: Args, lib: Library): Tensor {
  let x = tensorOf(lib, a.x);
  let idx = tensorOf(lib, a.indices);
  let axis = axisArg(a.axis) as number | null;
  if (axis === null) {
    if (lib.name === 'numpy' && idx.dims.length !== 1) throw pyError('ValueError', 'when axis=None, `indices` must have a single dimension.');
    x = flat(x); idx = lib.name === 'torch' ? flat(idx) : idx; axis = 0;
  }
  if (idx.dims.length !== x.dims.length) {
    if (lib.name === 'torch') throw pyError('RuntimeError', `torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${x.dims.length} dimensions for input, and ${idx.dims.length} dimensions for indices`);
    throw pyError('ValueError', '`indices` and `arr` must have the same number of dimensions');
  }
  const ax = axisOf(lib, axis, x.dims.length);
  const i = alongIndices(lib, idx, x.dims[ax], ax, true);
  return finish(lib, ops.takeAlong(x, i, ax), [x], false);
}

/** torch.gather: index no larger than input apart from `dim`; no broadcasting, no negative indices. */
function gatherImpl(a: Args, lib: Library): Tensor {
  const x = tensorOf(lib, a.x), idx = tensorOf(lib, a.index);
  if (idx.dims.length !== x.dims.length && !(idx.dims.length <= 1 && x.dims.length <= 1)) {
    throw pyError('RuntimeError', 'Index tensor must have the same number of dimensions as input tensor');
  }
  const d = axisOf(lib, Number(a.axis), x.dims.length);
  if (x.dims.length === 0) return finish(lib, ops.reshape(ops.takeAlong(ops.reshape(x, [1]), alongIndices(lib, ops.reshape(idx, [idx.count]), 1, 0, false), 0), idx.dims), [x], false);
  x.dims.forEach((n, k) => {
    if (k !== d && idx.dims[k] > n) {
      throw pyError('RuntimeError', `Size does not match at dimension ${k} expected index [${idx.dims.join(', ')}] to be smaller than self [${x.dims.join(', ')}] apart from dimension ${d}`);
    }
  });
  const part = ops.getItem(x, x.dims.map((_, k) => (k === d ? ':' : `:${idx.dims[k]}`)));
  const r = ops.takeAlong(part, alongIndices(lib, idx, x.dims[d], d, false), d);
  return nameNode(finish(lib, r, [x], false), 'GatherBackward0');
}

// ---------------------------------------------------------------- diff

function diffImpl(a: Args, lib: Library): Tensor {
  let x = tensorOf(lib, a.x);
  const n = Number(a.n ?? 1);
  if (n === 0) return finish(lib, x, [x], false);
  if (n < 0) throw pyError(lib.name === 'torch' ? 'RuntimeError' : 'ValueError', lib.name === 'torch' ? `order must be non-negative but got ${n}` : `order must be non-negative but got ${n}`);
  if (x.dims.length === 0) {
    if (lib.name === 'torch') throw pyError('RuntimeError', 'diff expects input to be at least one-dimensional');
    throw pyError('ValueError', `diff requires input that is at least one dimensional${lib.name === 'jax' ? `; got ${String(a.x)}` : ''}`);
  }
  const axis = axisOf(lib, Number(a.axis ?? -1), x.dims.length);
  const ends = (v: unknown): Tensor | null => {
    if (!given(v)) return null;
    let t = tensorOf(lib, v);
    if (lib.name === 'torch' && t.dims.length !== x.dims.length) throw pyError('RuntimeError', 'diff expects prepend or append to be the same dimension as input');
    if (t.dims.length === 0) t = ops.broadcastTo(t, x.dims.map((d, i) => (i === axis ? 1 : d)));
    return t;
  };
  const pre = ends(a.prepend), app = ends(a.append);
  if (pre || app) {
    const parts = [pre, x, app].filter((t): t is Tensor => t !== null);
    const dt = lib.resultType('concatenate', parts);
    x = ops.concat(parts.map((t) => castTo(t, dt)), axis);
  }
  const isBool = x.dt === 'bool';
  for (let k = 0; k < n; k++) {
    const len = x.dims[axis];
    const hi = ops.getItem(x, x.dims.map((_, i) => (i === axis ? '1:' : ':')));
    const lo = ops.getItem(x, x.dims.map((_, i) => (i === axis ? `:${Math.max(len - 1, 0)}` : ':')));
    x = isBool ? (lib.name === 'torch' ? ops.logical_xor(hi, lo) : ops.not_equal(hi, lo)) : ops.sub(hi, lo);
  }
  return finish(lib, x, [], false);
}

// ---------------------------------------------------------------- pad

const NP_PAD_MODES = ['constant', 'edge', 'linear_ramp', 'maximum', 'mean', 'median', 'minimum', 'reflect', 'symmetric', 'wrap', 'empty'];
const NP_PAD_KWARGS: Record<string, string[]> = {
  constant: ['constant_values'], edge: [], wrap: [], reflect: ['reflect_type'], symmetric: ['reflect_type'], empty: [],
  linear_ramp: ['end_values'], maximum: ['stat_length'], mean: ['stat_length'], median: ['stat_length'], minimum: ['stat_length'],
};

function npPad(a: Args, lib: Library): Tensor {
  const x = tensorOf(lib, a.x);
  const kw = (a.kwargs ?? {}) as Record<string, unknown>;
  const mode = a.mode;
  if (typeof mode === 'function') throw pyError('NotImplementedError', 'np.pad with a callable mode is not supported by Jacobi');
  const m = String(mode);
  if (!NP_PAD_MODES.includes(m)) throw pyError('ValueError', `mode '${m}' is not supported`);
  const bad = Object.keys(kw).filter((k) => !NP_PAD_KWARGS[m].includes(k));
  if (bad.length) throw pyError('ValueError', `unsupported keyword arguments for mode '${m}': {${bad.map((k) => `'${k}'`).join(', ')}}`);
  if (m === 'linear_ramp') throw pyError('NotImplementedError', `${lib.name === 'jax' ? 'jnp' : 'np'}.pad(..., mode='linear_ramp') is not supported by Jacobi`);
  const widths = asPairs(a.pad_width, x.dims.length, true, 'pad_width') as [number, number][];
  if (m === 'maximum' || m === 'minimum' || m === 'mean' || m === 'median') {
    if (x.count === 0) throw pyError('ValueError', `can't extend empty axis 0 using modes other than 'constant' or 'empty'`);
    const lengths = asPairs(kw.stat_length ?? null, x.dims.length, kw.stat_length !== undefined && kw.stat_length !== null, 'stat_length');
    const pads = widths.map(([b, e]): AxisPad => ({ before: b, after: e }));
    return finish(lib, padStats(x, pads, lengths, padStat(lib, m), m === 'maximum' || m === 'minimum' || lib.name === 'jax'), [x], false);
  }
  if (m === 'constant' || m === 'empty') {
    const values = m === 'empty' ? asPairs(0, x.dims.length, false, '') : asPairs(kw.constant_values ?? 0, x.dims.length, false, 'constant_values');
    const pads: AxisPad[] = widths.map(([b, e], i) => ({ before: b, after: e, values: values[i] }));
    return finish(lib, padAll(x, pads, 'constant'), [x], false);
  }
  const rt = kw.reflect_type ?? 'even';
  if (rt !== 'even' && rt !== 'odd') throw pyError('ValueError', `reflect_type must be 'even' or 'odd' (got '${String(rt)}')`);
  const pads: AxisPad[] = widths.map(([b, e]) => ({ before: b, after: e }));
  if (x.count === 0) {
    pads.forEach((p, i) => {
      if (x.dims[i] === 0 && (p.before || p.after)) throw pyError('ValueError', `can't extend empty axis ${i} using modes other than 'constant' or 'empty'`);
    });
    return finish(lib, padAll(x, pads, 'constant'), [x], false);
  }
  return finish(lib, padAll(x, pads, m as PadMode, rt === 'odd'), [x], false);
}

/** The statistic of np.pad's and jnp.pad's statistic modes, in each library's dtypes (kept dims). */
function padStat(lib: Library, m: string): (chunk: Tensor, axis: number) => Tensor {
  switch (m) {
    case 'maximum': return (c, axis) => ops.max(c, axis, true);
    case 'minimum': return (c, axis) => ops.min(c, axis, true);
    case 'mean': return (c, axis) => ops.mean(castTo(c, ops.isFloatDtype(c.dt) ? c.dt : lib.floatDtype), axis, true);
    default: return (c, axis) => (lib.name === 'jax'
      ? jaxQuantile(lib, c, strong(tensorOf(lib, 0.5)), { q: 0.5, axis, method: 'midpoint', keepdims: true })
      : numpyMedian(lib, c, axis, true));
  }
}

/** torch.nn.functional.pad: pairs for the last dims first; constant pads may be negative (they crop). */
function torchPad(a: Args, lib: Library): Tensor {
  const x = tensorOf(lib, a.x);
  const pad = shapeArg(a.pad);
  const mode = String(a.mode);
  if (pad.length % 2 !== 0) throw pyError('RuntimeError', 'Padding length must be divisible by 2');
  if (pad.length > x.dims.length * 2) throw pyError('RuntimeError', 'Padding length too large');
  const k = pad.length / 2;
  const nd = x.dims.length;
  const axisOf = (j: number) => nd - 1 - j; // pair j pads the j-th dim from the end
  if (mode === 'constant') {
    let t = x;
    // Negative pads crop first (torch narrows each dim, before then after), positive ones are filled with the value.
    const crop = x.dims.map((d, i) => {
      const j = nd - 1 - i;
      if (j >= k) return ':';
      let start = 0, len = d;
      const narrow = (s0: number, l: number) => {
        if (l < 0 || s0 + l > len) throw pyError('RuntimeError', `start (${s0}) + length (${l}) exceeds dimension size (${len}).`);
        start += s0; len = l;
      };
      if (pad[2 * j] < 0) narrow(-pad[2 * j], len + pad[2 * j]);
      if (pad[2 * j + 1] < 0) narrow(0, len + pad[2 * j + 1]);
      if (d + pad[2 * j] + pad[2 * j + 1] <= 0) {
        throw pyError('RuntimeError', `The input size ${d}, plus negative padding ${pad[2 * j]} and ${pad[2 * j + 1]} resulted in a negative output size, which is invalid. Check dimension ${i} of your input.`);
      }
      return `${start}:${start + len}`;
    });
    if (crop.some((c) => c !== ':')) t = ops.getItem(t, crop);
    const pads = range(nd).map((i): AxisPad => {
      const j = nd - 1 - i;
      return j >= k ? { before: 0, after: 0 } : { before: Math.max(pad[2 * j], 0), after: Math.max(pad[2 * j + 1], 0), values: [a.value ?? 0, a.value ?? 0] };
    });
    return nameNode(finish(lib, padAll(t, pads, 'constant'), [x], false), 'ConstantPadNdBackward0');
  }
  const names: Record<string, PadMode> = { reflect: 'reflect', replicate: 'edge', circular: 'wrap' };
  if (!(mode in names)) throw pyError('NotImplementedError', `Unrecognised padding mode ${mode}`);
  if (given(a.value) && Number(a.value) !== 0) throw pyError('RuntimeError', `Padding mode "${mode}" doesn't take in value argument`);
  if (mode === 'circular') {
    if (pad.length + 4 !== nd * 2) throw pyError('RuntimeError', `Invalid padding size, expected ${(nd - 2) * 2} but got ${pad.length}`);
  } else if (!((k === 1 && (nd === 2 || nd === 3)) || (k === 2 && (nd === 3 || nd === 4)) || (k === 3 && (nd === 4 || nd === 5)))) {
    throw pyError('NotImplementedError', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  let t = x;
  for (let j = 0; j < k; j++) {
    const axis = axisOf(j), n = x.dims[axis];
    const before = pad[2 * j], after = pad[2 * j + 1];
    if (before < 0 || after < 0) throw pyError('NotImplementedError', `torch.nn.functional.pad(..., mode='${mode}') with negative padding is not supported by Jacobi`);
    if (mode === 'reflect' && (before >= n || after >= n)) {
      const arg = 2 + 2 * k;
      const input = k === 1 ? `[${x.dims.join(', ')}]` : `${nd}`;
      throw pyError('RuntimeError', `Argument #${arg}: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${axis} of input ${input}`);
    }
    if (mode === 'circular' && (before > n || after > n)) throw pyError('RuntimeError', 'Padding value causes wrapping around more than once.');
    t = padAxis(t, axis, { before, after }, names[mode]);
  }
  const node = mode === 'reflect' ? `ReflectionPad${k}DBackward0` : mode === 'replicate' ? `ReplicationPad${k}DBackward0` : 'CopySlices';
  return nameNode(finish(lib, t, [x], false), node);
}

function tfPad(a: Args, lib: Library): Tensor {
  const x = tensorOf(lib, a.x);
  const p = a.paddings instanceof Tensor ? (ops.stopGradient(a.paddings).values as ArrayLike<number | bigint>) : null;
  const rows: number[][] = p ? range(x.dims.length).map((i) => [Number(p[2 * i]), Number(p[2 * i + 1])]) : (a.paddings as unknown[][]).map((r) => r.map(Number));
  if (rows.length !== x.dims.length || rows.some((r) => r.length !== 2)) {
    throw pyError('InvalidArgumentError', `The first dimension of paddings must be the rank of inputs[${rows.length},${rows[0]?.length ?? 0}], [${x.dims.join(',')}] [Op:Pad]`);
  }
  const mode = String(a.mode).toUpperCase();
  if (mode === 'CONSTANT') {
    const pads = rows.map(([b, e]): AxisPad => ({ before: b, after: e, values: [a.constant_values ?? 0, a.constant_values ?? 0] }));
    return finish(lib, padAll(x, pads, 'constant'), [x], false);
  }
  if (mode !== 'REFLECT' && mode !== 'SYMMETRIC') throw pyError('ValueError', `Value of argument \`mode\` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". Received \`mode\` = ${String(a.mode)}`);
  rows.forEach(([b, e], i) => {
    const n = x.dims[i];
    if (mode === 'REFLECT' && (b >= n || e >= n)) throw pyError('InvalidArgumentError', `paddings must be less than the dimension size: ${b}, ${e} not less than ${n} [Op:MirrorPad]`);
    if (mode === 'SYMMETRIC' && (b > n || e > n)) throw pyError('InvalidArgumentError', `paddings must be no greater than the dimension size: ${b}, ${e} greater than ${n} [Op:MirrorPad]`);
  });
  const pads = rows.map(([b, e]): AxisPad => ({ before: b, after: e }));
  return finish(lib, padAll(x, pads, mode === 'REFLECT' ? 'reflect' : 'symmetric'), [x], false);
}

// ---------------------------------------------------------------- meshgrid, fromfunction

function meshgridImpl(xs: unknown[], indexing: unknown, sparse: boolean, lib: Library): Tensor[] {
  const ts = xs.map((v) => flat(tensorOf(lib, v)));
  const nd = ts.length;
  if (indexing !== 'xy' && indexing !== 'ij') {
    if (lib.name === 'torch') throw pyError('RuntimeError', `torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${String(indexing)}`);
    if (lib.name === 'tensorflow') throw pyError('ValueError', 'Argument `indexing` parameter must be either "xy" or "ij", got \'' + String(indexing) + "'");
    throw pyError('ValueError', "Valid values for `indexing` are 'xy' and 'ij'.");
  }
  const shapes = ts.map((t, i) => range(nd).map((k) => (k === i ? t.count : 1)));
  if (indexing === 'xy' && nd > 1) {
    shapes[0] = [1, ts[0].count, ...range(nd - 2).map(() => 1)];
    shapes[1] = [ts[1].count, 1, ...range(nd - 2).map(() => 1)];
  }
  let out = ts.map((t, i) => ops.reshape(t, shapes[i]));
  if (!sparse && nd > 0) {
    const full = ops.broadcastShapes(...out.map((t) => t.dims));
    out = out.map((t) => ops.broadcastTo(t, full));
  }
  return out.map((t) => finish(lib, t, [], false));
}

function fromfunctionImpl(a: Args, lib: Library): unknown {
  if (typeof a.function !== 'function') throw pyError('TypeError', `'${typeof a.function}' object is not callable`);
  const shape = shapeArg(a.shape);
  // dtype=float (the signature's default, Python's float) is the library's default float, without JAX's truncation warning.
  const dt = a.dtype === 'float' ? lib.floatDtype : a.dtype === 'int' ? lib.intDtype : lib.canonical(dtypeArg(a.dtype, lib.name) ?? lib.floatDtype);
  const kw = (a.kwargs ?? {}) as Record<string, unknown>;
  const extra = Object.keys(kw).length ? [kw] : [];
  const f = a.function as (...args: unknown[]) => unknown;
  if (lib.name === 'jax') {
    // As jnp.fromfunction does: the function vmapped over each axis, given the 1-D ranges.
    let g = (...xs: unknown[]) => f(...xs, ...extra);
    for (let i = 0; i < shape.length; i++) {
      const inAxes = range(shape.length).map((j) => (j === i ? 0 : null)).reverse();
      g = vmap(g, { in_axes: inAxes });
    }
    return g(...shape.map((s) => finish(lib, ops.arange(0, s, 1, dt), [], false)));
  }
  const grids = shape.map((s, i) => finish(lib, ops.broadcastTo(ops.reshape(ops.arange(0, s, 1, dt), shape.map((d, k) => (k === i ? s : 1))), shape), [], false));
  return f(...grids.map((g) => ops.identity(g)), ...extra);
}

/** np.ix_: the k-th sequence as an array of shape (1,)*k + (n,) + (1,)*(N-k-1); booleans by their nonzero indices. */
function ixImpl(args: unknown[], lib: Library): unknown {
  return tuple(...args.map((v, k) => {
    let t = tensorOf(lib, v);
    if (!(v instanceof Tensor) && t.count === 0) t = castTo(t, lib.indexDtype);
    if (t.dims.length !== 1) throw pyError('ValueError', 'Cross index must be 1 dimensional');
    if (t.dt === 'bool') {
      const nz = nonzeroCoords(t)[0];
      t = indexTensor(lib, nz, [nz.length], lib.indexDtype);
    }
    const shape = args.map((_, j) => (j === k ? t.count : 1));
    return finish(lib, ops.reshape(t, shape), [t], false);
  }));
}

// ---------------------------------------------------------------- unravel_index, ravel_multi_index

/** Integer index values of a tensor or list (NumPy's refusal of anything else). */
function intIndices(lib: Library, v: unknown): Tensor {
  const t = tensorOf(lib, v);
  if (!ops.isIntegerDtype(t.dt) || t.dt === 'bool') throw pyError('TypeError', 'only int indices permitted');
  return t;
}

/** An index result: float64 positions (exact to 2^53) as the library's index dtype, shaped like the input. */
function indexResult(lib: Library, values: Float64Array, dims: readonly number[]): Tensor {
  return finish(lib, ops.cast(new Tensor('float64', dims, values, lib.flavor), lib.indexDtype), [], true);
}

function unravelImpl(a: Args, lib: Library): unknown {
  const idx = intIndices(lib, a.indices);
  const shape = shapeArg(a.shape);
  const order = String(a.order ?? 'C');
  if (order !== 'C' && order !== 'F') throw pyError('ValueError', "only 'C' or 'F' order is permitted");
  const size = shape.reduce((p, d) => p * d, 1);
  const flatIdx = Array.from(idx.values as ArrayLike<number | bigint>, Number);
  const outs = shape.map(() => new Float64Array(flatIdx.length));
  const axes = order === 'C' ? range(shape.length).reverse() : range(shape.length);
  flatIdx.forEach((v0, i) => {
    let v = v0;
    if (lib.name === 'jax') {
      // JAX accepts negative indices and clips out-of-bounds ones into range.
      v = Math.min(Math.max(v, -size), size - 1);
      if (v < 0) v += size;
    } else if (v < 0 || v >= size) throw pyError('ValueError', `index ${v0} is out of bounds for array with size ${size}`);
    for (const ax of axes) {
      outs[ax][i] = v % shape[ax];
      v = Math.floor(v / shape[ax]);
    }
  });
  return tuple(...outs.map((o) => indexResult(lib, o, idx.dims)));
}

function ravelImpl(a: Args, lib: Library): Tensor {
  const dims = shapeArg(a.dims);
  const mi = a.multi_index;
  // A 2-D array of coordinates is a sequence of its rows, as Python iterates it.
  const seq = mi instanceof Tensor ? range(mi.dims[0] ?? 0).map((i) => ops.getItem(mi, [i])) : Array.from(mi as Iterable<unknown>);
  const coords = seq.map((c) => intIndices(lib, c));
  if (coords.length !== dims.length) throw pyError('ValueError', `parameter multi_index must be a sequence of length ${dims.length}`);
  const order = String(a.order ?? 'C');
  if (order !== 'C' && order !== 'F') throw pyError('ValueError', "only 'C' or 'F' order is permitted");
  const modes = Array.isArray(a.mode) ? (a.mode as string[]) : dims.map(() => String(a.mode ?? 'raise'));
  const shape = ops.broadcastShapes(...coords.map((c) => c.dims));
  const vals = coords.map((c) => Array.from(ops.broadcastTo(c, shape).values as ArrayLike<number | bigint>, Number));
  const n = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  const axes = order === 'C' ? range(dims.length) : range(dims.length).reverse();
  for (let i = 0; i < n; i++) {
    let flat = 0;
    for (const ax of axes) {
      let v = vals[ax][i];
      const d = dims[ax];
      if (v < 0 || v >= d) {
        if (modes[ax] === 'wrap') v = ((v % d) + d) % d;
        else if (modes[ax] === 'clip') v = Math.min(Math.max(v, 0), d - 1);
        else if (modes[ax] === 'raise') throw pyError('ValueError', 'invalid entry in coordinates array');
        else throw pyError('ValueError', `clipmode must be one of 'clip', 'raise', or 'wrap' (got '${modes[ax]}')`);
      }
      flat = flat * d + v;
    }
    out[i] = flat;
  }
  return indexResult(lib, out, shape);
}

// ---------------------------------------------------------------- median, percentile, quantile

function quantileArgs(a: Args, method: string): QuantileArgs {
  return { q: a.q, axis: axisArg(a.axis) as number | number[] | null, method, keepdims: Boolean(a.keepdims), };
}

function methodArg(a: Args, fname: string): string {
  if (given(a.interpolation)) {
    process.emitWarning(`the \`interpolation=\` argument to ${fname} was renamed to \`method=\`, which has additional options.\nUsers of the modes 'nearest', 'lower', 'higher', or 'midpoint' are encouraged to review the method they used. (Deprecated NumPy 1.22)`, 'DeprecationWarning');
    if (a.method !== 'linear') throw pyError('TypeError', 'You shall not pass both `method` and `interpolation`!\n(`interpolation` is Deprecated in favor of `method`)');
    return String(a.interpolation);
  }
  return String(a.method ?? 'linear');
}

function unsupportedOut(a: Args, lib: Library, fname: string): void {
  if (lib.name === 'jax' && (given(a.out) || a.overwrite_input)) {
    throw pyError('ValueError', `jax.numpy.${fname} does not support overwrite_input=True or out != None`);
  }
}

function quantileImpl(percent: boolean) {
  return (a: Args, lib: Library): Tensor => {
    const fname = percent ? 'percentile' : 'quantile';
    const x = tensorOf(lib, a.x);
    const method = methodArg(a, fname);
    unsupportedOut(a, lib, fname);
    let q = strong(tensorOf(lib, a.q));
    if (lib.name === 'jax') {
      if (percent) q = ops.div(strong(castTo(q, ops.isFloatDtype(q.dt) ? q.dt : lib.floatDtype)), 100);
      return finish(lib, jaxQuantile(lib, x, q, quantileArgs(a, method)), [x], false);
    }
    if (percent) q = ops.div(strong(castTo(q, ops.isFloatDtype(q.dt) ? q.dt : 'float64')), 100);
    const qv = Array.from(ops.stopGradient(q).values as ArrayLike<number | bigint>, Number);
    if (qv.some((v) => !(v >= 0 && v <= 1))) throw pyError('ValueError', percent ? 'Percentiles must be in the range [0, 100]' : 'Quantiles must be in the range [0, 1]');
    if (q.dims.length > 2) throw pyError('ValueError', 'q must be a scalar or 1d');
    return finish(lib, numpyQuantile(lib, x, q, quantileArgs(a, method)), [x], true);
  };
}

function medianImpl(a: Args, lib: Library): Tensor {
  const x = tensorOf(lib, a.x);
  unsupportedOut(a, lib, 'median');
  const axis = axisArg(a.axis) as number | number[] | null;
  if (lib.name === 'jax') return finish(lib, jaxQuantile(lib, x, tensorOf(lib, 0.5), { q: 0.5, axis, method: 'midpoint', keepdims: Boolean(a.keepdims) }), [x], false);
  return finish(lib, numpyMedian(lib, x, axis, Boolean(a.keepdims)), [x], true);
}

function torchMedianImpl(name: 'median' | 'nanmedian') {
  return (a: Args, lib: Library): unknown => {
    const x = tensorOf(lib, a.x);
    const dim = a.axis === undefined || a.axis === null ? null : Number(a.axis);
    if (dim === null && a.keepdims) {
      throw pyError('TypeError', `${name}() received an invalid combination of arguments - got (Tensor, keepdim=bool), but expected one of:\n * (Tensor input)\n * (Tensor input, int dim, bool keepdim, *, tuple of Tensors out)\n * (Tensor input, name dim, bool keepdim, *, tuple of Tensors out)\n`);
    }
    const r = torchMedian(lib, x, dim, Boolean(a.keepdims), name === 'nanmedian', name);
    const node = `${name === 'median' ? 'Median' : 'Nanmedian'}Backward${dim === null ? 0 : 1}`;
    if (r instanceof Tensor) return nameNode(finish(lib, r, [x], false), node);
    return NamedTuple.make(r.typeName, r.fields, [nameNode(finish(lib, r[0], [x], false), node), finish(lib, r[1], [], false)]);
  };
}

function torchQuantileImpl(ignoreNan: boolean) {
  return (a: Args, lib: Library): Tensor => {
    const x = tensorOf(lib, a.x);
    const dim = a.axis === undefined || a.axis === null ? null : Number(a.axis);
    const r = torchQuantile(x, a.q, dim, Boolean(a.keepdims), String(a.interpolation ?? 'linear'), lib, ignoreNan);
    return nameNode(finish(lib, r, [x], false), 'SqueezeBackward3');
  };
}

// ---------------------------------------------------------------- NaN-ignoring reductions

function nanReduce(kind: 'sum' | 'mean' | 'max' | 'min') {
  return (a: Args, lib: Library): Tensor => {
    const x = tensorOf(lib, a.x);
    if (given(a.where) && a.where !== true) throw pyError('NotImplementedError', `nan${kind}(..., where=...) is not supported by Jacobi`);
    if (given(a.initial)) throw pyError('NotImplementedError', `nan${kind}(..., initial=...) is not supported by Jacobi`);
    const axis = axisArg(a.axis);
    const keep = given(a.keepdims) && Boolean(a.keepdims);
    const isF = ops.isFloatDtype(x.dt);
    const nan = isF ? ops.isnan(x) : null;
    if (kind === 'sum') {
      const given_ = dtypeArg(a.dtype, lib.name, 'nansum');
      const dt = given_ !== undefined ? lib.canonical(given_) : lib.sumDtype(x.dt, 'sum');
      const v = nan ? ops.where(nan, 0, x) : x;
      return finish(lib, ops.sum(castTo(v, dt), axis, keep), [x]);
    }
    if (kind === 'mean') {
      if (lib.name === 'torch' && !isF) throw pyError('RuntimeError', `nanmean(): expected input to have floating point dtype but got ${x.dt === 'int64' ? 'Long' : x.dt === 'int32' ? 'Int' : x.dt}`);
      const given_ = dtypeArg(a.dtype, lib.name, 'nanmean');
      const dt = given_ !== undefined ? lib.canonical(given_) : isF ? x.dt : lib.floatOf(x.dt, 'mean');
      const v = nan ? ops.where(nan, 0, x) : x;
      const total = ops.sum(castTo(v, dt), axis, keep);
      const count = ops.sum(castTo(nan ? ops.logical_not(nan) : ops.onesLike(castTo(x, 'bool')), 'int32'), axis, keep);
      if (lib.name === 'numpy' && Array.from(ops.stopGradient(count).values as Int32Array).some((c) => c === 0)) process.emitWarning('Mean of empty slice', 'RuntimeWarning');
      const r = ops.div(total, castTo(count, dt));
      return lib.name === 'torch' ? nameNode(finish(lib, r, [x]), 'DivBackward0') : finish(lib, r, [x]);
    }
    const isMax = kind === 'max';
    if (x.count === 0 && axis === null) {
      throw pyError('ValueError', `zero-size array to reduction operation ${isMax ? 'fmax' : 'fmin'} which has no identity`);
    }
    if (!nan) return finish(lib, (isMax ? ops.max : ops.min)(x, axis, keep), [x]);
    const filled = ops.where(nan, isMax ? -Infinity : Infinity, x);
    const r = (isMax ? ops.max : ops.min)(filled, axis, keep);
    const allNan = ops.all(nan, axis, keep);
    if (lib.name === 'numpy' && Array.from(ops.stopGradient(allNan).values as Uint8Array).some((v) => v)) process.emitWarning('All-NaN slice encountered', 'RuntimeWarning');
    return finish(lib, ops.where(allNan, NaN, r), [x]);
  };
}

// ---------------------------------------------------------------- the rows

export const arrayRows: OpRow[] = [
  row({
    name: 'sort', doc: 'Return a sorted copy of an array (along the last axis by default; the flattened array when axis is None). PyTorch returns the values and their indices.',
    impl: sortImpl,
    variants: { torch: torchSort },
    np: 'sort(a, axis=-1, kind=None, order=None)',
    jnp: 'sort(a, axis=-1, *, kind=None, order=None, stable=True, descending=False)',
    torch: 'sort(input, dim=-1, descending=False, stable=False, *, out=None)',
    tf: 'sort(values, axis=-1, direction="ASCENDING", name=None)',
    rename: { values: 'x' },
    methods: { jax: 'sort(axis=-1, *, kind=None, order=None, stable=True, descending=False)', torch: 'sort(dim=-1, descending=False, stable=False)' },
  }),
  row({
    name: 'ndarray.sort', doc: 'Sort an array in place (NumPy\'s method; it returns None).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const s = sortSpec(lib, a, 'sort');
      updateInPlace(x, sortedValues(s).values, 'sort');
      return null;
    },
    methods: { numpy: 'sort(axis=-1, kind=None, order=None)' }, raw: true,
  }),
  row({
    name: 'msort', doc: 'Sorts the elements of the input along its first dimension in ascending order.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const s = sortSpec(lib, { x, axis: 0, descending: false }, 'sort');
      return nameNode(finish(lib, sortedValues(s).values, [x], false), 'SortBackward0');
    },
    torch: 'msort(input, *, out=None)', methods: { torch: 'msort()' },
  }),
  row({
    name: 'argsort', doc: 'Returns the indices that would sort an array along an axis.',
    impl: argsortImpl,
    np: 'argsort(a, axis=-1, kind=None, order=None)',
    jnp: 'argsort(a, axis=-1, *, kind=None, order=None, stable=True, descending=False)',
    torch: 'argsort(input, dim=-1, descending=False, stable=False)',
    tf: 'argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None)',
    rename: { values: 'x' },
    methods: {
      numpy: 'argsort(axis=-1, kind=None, order=None)', jax: 'argsort(axis=-1, *, kind=None, order=None, stable=True, descending=False)',
      torch: 'argsort(dim=-1, descending=False, stable=False)',
    },
  }),
  row({
    name: 'unique', doc: 'Find the unique elements of an array, sorted (with the first indices, the inverse and the counts on request).',
    impl: uniqueImpl,
    np: 'unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True)',
    jnp: 'unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, size=None, fill_value=None)',
    torch: 'unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None)',
    rename: { ar: 'x', size: 'size' },
    methods: { torch: 'unique(sorted=True, return_inverse=False, return_counts=False, dim=None)' },
  }),
  row({
    name: 'tf.unique', doc: 'Finds unique elements in a 1-D tensor, in the order they first occur, and the index of each element among them.',
    impl: (a, lib) => tfUnique(a, lib, false),
    tf: 'unique(x, out_idx=tf.int32, name=None)', raw: true,
  }),
  row({
    name: 'tf.unique_with_counts', doc: 'Finds unique elements in a 1-D tensor (in order of first occurrence), their indices and counts.',
    impl: (a, lib) => tfUnique(a, lib, true),
    tf: 'unique_with_counts(x, out_idx=tf.int32, name=None)', raw: true,
  }),
  row({
    name: 'nonzero', doc: 'Return the indices of the elements that are non-zero (a tuple of arrays, one per dimension; torch: an [n, ndim] tensor unless as_tuple).',
    impl: nonzeroImpl,
    np: 'nonzero(a)', jnp: 'nonzero(a, *, size=None, fill_value=None)', torch: 'nonzero(input, *, out=None, as_tuple=False)', rename: { size: 'size' },
    methods: { numpy: 'nonzero()', jax: 'nonzero(*, fill_value=None, size=None)', torch: 'nonzero(*, as_tuple=False)' },
  }),
  row({
    name: 'argwhere', doc: 'Find the indices of array elements that are non-zero, grouped by element (an [n, ndim] array).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      let coords = nonzeroCoords(x);
      if (lib.name === 'jax') coords = sized(coords, a.size, a.fill_value, Math.max(x.dims.length, 1));
      return argwhereOf(lib, x, coords);
    },
    np: 'argwhere(a)', jnp: 'argwhere(a, *, size=None, fill_value=None)', torch: 'argwhere(input)', methods: { torch: 'argwhere()' }, rename: { size: 'size' },
  }),
  row({
    name: 'flatnonzero', doc: 'Return indices that are non-zero in the flattened version of a.',
    impl: (a, lib) => {
      const x = flat(tensorOf(lib, a.x));
      let [c] = nonzeroCoords(x);
      if (lib.name === 'jax') [c] = sized([c], a.size, a.fill_value, 1);
      return indexTensor(lib, c, [c.length], lib.indexDtype);
    },
    np: 'flatnonzero(a)', jnp: 'flatnonzero(a, *, size=None, fill_value=None)', rename: { size: 'size' },
  }),
  row({
    name: 'searchsorted', doc: 'Find the indices where elements should be inserted to maintain order (binary search; NaN sorts last).',
    impl: searchsortedImpl,
    np: 'searchsorted(a, v, side="left", sorter=None)', jnp: 'searchsorted(a, v, side="left", sorter=None, *, method="scan")',
    torch: 'searchsorted(sorted_sequence, values, *, out_int32=False, right=False, side=None, sorter=None)',
    tf: 'searchsorted(sorted_sequence, values, side="left", out_type=tf.int32, name=None)',
    rename: { sorted_sequence: 'x' },
    methods: { numpy: 'searchsorted(v, side="left", sorter=None)', jax: 'searchsorted(v, side="left", sorter=None, *, method="scan")' },
  }),
  row({
    name: 'take_along_axis', doc: 'Take values from the input array by matching 1d index and data slices along an axis.',
    impl: takeAlongImpl,
    np: 'take_along_axis(arr, indices, axis)', jnp: 'take_along_axis(arr, indices, axis, mode=None, fill_value=None)',
    torch: 'take_along_dim(input, indices, dim=None, *, out=None)',
    methods: { torch: 'take_along_dim(indices, dim=None)' },
  }),
  row({
    name: 'gather', doc: 'Gathers values along an axis specified by dim (index no larger than input apart from dim).',
    impl: gatherImpl,
    torch: 'gather(input, dim, index, *, sparse_grad=False, out=None)', methods: { torch: 'gather(dim, index)' },
  }),
  row({
    name: 'diff', doc: 'Calculate the n-th discrete difference along the given axis (after prepending/appending values).',
    impl: diffImpl,
    np: 'diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)', jnp: 'diff(a, n=1, axis=-1, prepend=None, append=None)',
    torch: 'diff(input, n=1, dim=-1, prepend=None, append=None)',
    methods: { torch: 'diff(n=1, dim=-1, prepend=None, append=None)' },
  }),
  row({
    name: 'pad', doc: "Pad an array (modes constant, edge, reflect, symmetric, wrap, maximum, minimum, mean, median, empty; torch: constant, reflect, replicate, circular; tf: CONSTANT, REFLECT, SYMMETRIC).",
    impl: npPad,
    variants: { torch: torchPad, tensorflow: tfPad },
    np: 'pad(array, pad_width, mode="constant", **kwargs)', jnp: 'pad(array, pad_width, mode="constant", **kwargs)',
    torch: 'nn.functional.pad(input, pad, mode="constant", value=None)',
    tf: 'pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None)',
  }),
  row({
    name: 'meshgrid', doc: "Return coordinate matrices from coordinate vectors ('xy': Cartesian, 'ij': matrix indexing).",
    impl: (a, lib) => meshgridImpl(a.xi, a.indexing, Boolean(a.sparse), lib),
    variants: {
      torch: (a, lib) => {
        let xs = a.tensors as unknown[];
        if (xs.length === 1 && Array.isArray(xs[0])) xs = xs[0] as unknown[];
        const dts = new Set(xs.map((v) => tensorOf(lib, v).dt));
        if (dts.size > 1) throw pyError('RuntimeError', 'meshgrid expects all tensors to have the same dtype');
        if (a.indexing === null || a.indexing === undefined) {
          process.emitWarning('torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.', 'UserWarning');
        }
        return tuple(...meshgridImpl(xs, a.indexing ?? 'ij', false, lib));
      },
      tensorflow: (a, lib) => {
        const kw = (a.kwargs ?? {}) as Record<string, unknown>;
        const bad = Object.keys(kw).filter((k) => k !== 'indexing' && k !== 'name');
        if (bad.length) throw pyError('TypeError', `Invalid keyword arguments: ${bad.join(', ')}`);
        return meshgridImpl(a.args as unknown[], kw.indexing ?? 'xy', false, lib);
      },
    },
    np: 'meshgrid(*xi, copy=True, sparse=False, indexing="xy")', jnp: 'meshgrid(*xi, copy=True, sparse=False, indexing="xy")',
    torch: 'meshgrid(*tensors, indexing=None)', tf: 'meshgrid(*args, **kwargs)',
  }),
  row({
    name: 'unravel_index', doc: 'Convert flat indices into a tuple of coordinate arrays for an array of the given shape.',
    impl: unravelImpl,
    np: 'unravel_index(indices, shape, order="C")', jnp: 'unravel_index(indices, shape)',
  }),
  row({
    name: 'ravel_multi_index', doc: 'Convert a tuple of coordinate arrays into flat indices for an array of the given dims.',
    impl: ravelImpl,
    np: 'ravel_multi_index(multi_index, dims, mode="raise", order="C")', jnp: 'ravel_multi_index(multi_index, dims, mode="raise", order="C")',
  }),
  row({
    name: 'ix_', doc: 'Construct an open mesh from N one-dimensional sequences: N arrays of N dimensions, each along its own axis, for cross indexing and broadcasting.',
    impl: (a, lib) => ixImpl(a.args as unknown[], lib),
    np: 'ix_(*args)', jnp: 'ix_(*args)',
  }),
  row({
    name: 'fromfunction', doc: 'Construct an array by executing a function over each coordinate (the function gets one index array per axis).',
    impl: fromfunctionImpl,
    np: 'fromfunction(function, shape, *, dtype=float, like=None, **kwargs)', jnp: 'fromfunction(function, shape, *, dtype=float, **kwargs)',
    raw: true,
  }),
  row({
    name: 'median', doc: 'Compute the median along the specified axis (PyTorch: the lower of the two middle values; with a dim, values and indices).',
    impl: medianImpl,
    variants: { torch: torchMedianImpl('median') },
    np: 'median(a, axis=None, out=None, overwrite_input=False, keepdims=False)',
    jnp: 'median(a, axis=None, out=None, overwrite_input=False, keepdims=False)',
    torch: 'median(input, dim=None, keepdim=False)',
    methods: { torch: 'median(dim=None, keepdim=False)' },
  }),
  row({
    name: 'nanmedian', doc: 'Returns the median of the values in input, ignoring NaN values (the lower middle value).',
    impl: torchMedianImpl('nanmedian'),
    torch: 'nanmedian(input, dim=None, keepdim=False)', methods: { torch: 'nanmedian(dim=None, keepdim=False)' },
  }),
  row({
    name: 'percentile', doc: 'Compute the q-th percentile of the data along the specified axis (q in [0, 100]).',
    impl: quantileImpl(true),
    np: 'percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *, interpolation=None)',
    jnp: 'percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *, interpolation=None)',
  }),
  row({
    name: 'quantile', doc: 'Compute the q-th quantile of the data along the specified axis (q in [0, 1]).',
    impl: quantileImpl(false),
    variants: { torch: torchQuantileImpl(false) },
    np: 'quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *, interpolation=None)',
    jnp: 'quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *, interpolation=None)',
    torch: 'quantile(input, q, dim=None, keepdim=False, *, interpolation="linear", out=None)',
    methods: { torch: 'quantile(q, dim=None, keepdim=False, *, interpolation="linear")' },
  }),
  row({
    name: 'nanquantile', doc: 'torch.quantile ignoring NaN values (all-NaN rows give NaN).',
    impl: torchQuantileImpl(true),
    torch: 'nanquantile(input, q, dim=None, keepdim=False, *, interpolation="linear", out=None)',
    methods: { torch: 'nanquantile(q, dim=None, keepdim=False, *, interpolation="linear")' },
  }),
  row({
    name: 'nansum', doc: 'Return the sum of array elements over a given axis treating NaNs as zero.',
    impl: nanReduce('sum'),
    variants: { torch: (a, lib) => nameNode(nanReduce('sum')(a, lib), 'NansumBackward0') },
    np: 'nansum(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)',
    jnp: 'nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)',
    torch: 'nansum(input, dim=None, keepdim=False, *, dtype=None)',
    methods: { torch: 'nansum(dim=None, keepdim=False, *, dtype=None)' },
  }),
  row({
    name: 'nanmean', doc: 'Compute the arithmetic mean along the specified axis, ignoring NaNs.',
    impl: nanReduce('mean'),
    np: 'nanmean(a, axis=None, dtype=None, out=None, keepdims=<no value>, *, where=<no value>)',
    jnp: 'nanmean(a, axis=None, dtype=None, out=None, keepdims=False, where=None)',
    torch: 'nanmean(input, dim=None, keepdim=False, *, dtype=None)',
    methods: { torch: 'nanmean(dim=None, keepdim=False, *, dtype=None)' },
  }),
  row({
    name: 'nanmax', doc: 'Return the maximum of an array or maximum along an axis, ignoring any NaNs (NaN where a slice is all NaN).',
    impl: nanReduce('max'),
    np: 'nanmax(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)',
    jnp: 'nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=None)',
  }),
  row({
    name: 'nanmin', doc: 'Return minimum of an array or minimum along an axis, ignoring any NaNs (NaN where a slice is all NaN).',
    impl: nanReduce('min'),
    np: 'nanmin(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)',
    jnp: 'nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=None)',
  }),
];
