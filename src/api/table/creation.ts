// Making arrays: from data (np.array, torch.tensor, tf.constant, jnp.array), filled (zeros, ones,
// full, empty, eye, identity, and the *_like forms) and ranges (arange, range, linspace, logspace),
// each with its library's default dtypes (NumPy's float64 and int64, torch's float32 and int64,
// TensorFlow's float32 and int32, JAX's float32 and int32).
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { Variable } from '../../tensor/variable.js';
import { arange, describe, eye, full, linspace, zeros } from '../../tensor/create.js';
import { isPyFloat, PyFloat } from '../../tensor/scalars.js';
import type { DType } from '../../tensor/dtype.js';
import { dtypeArg } from '../dtype_objects.js';
import { pyError } from '../errors.js';
import { dataTensor, relabel, type Library } from '../lib/library.js';
import { requiresGrad } from '../../autodiff/torch_autograd.js';
import { sameView } from '../views.js';
import { shapeArg } from './shape.js';
import { row, type Args, type OpRow } from './types.js';
import { finish } from '../kinds.js';
import { tuple } from '../../tensor/pytuple.js';

function dt(a: Args, lib: Library, fn: string): DType | undefined {
  const d = dtypeArg(a.dtype, lib.name, fn);
  return d === undefined ? undefined : lib.canonical(d);
}

function withGrad(t: Tensor, a: Args): Tensor {
  return a.requires_grad ? requiresGrad(t) : t;
}

/** The dtype a fill value gives (np.full((2,), 7) is int64, 7.0 float64). */
function fillDtype(lib: Library, value: unknown): DType {
  if (value instanceof Tensor) return value.dt;
  return lib.dataDtype(describe(value));
}

function fillValue(v: unknown): number | boolean | bigint {
  if (v instanceof Tensor) return v.values[0] as number;
  return (v instanceof Number ? v.valueOf() : v) as number | boolean | bigint;
}

/** Python's range arguments: (stop), (start, stop) or (start, stop, step). */
function rangeArgs(a: Args): [number, number, number] {
  const num = (v: unknown) => Number(v instanceof Number ? v.valueOf() : v);
  if (a.stop === undefined || a.stop === null) return [0, num(a.start), a.step === undefined || a.step === null ? 1 : num(a.step)];
  return [num(a.start), num(a.stop), a.step === undefined || a.step === null ? 1 : num(a.step)];
}

function rangeDtype(lib: Library, a: Args): DType {
  const vals = [a.start, a.stop, a.step].filter((v) => v !== undefined && v !== null);
  const anyFloat = vals.some((v) => isPyFloat(v));
  return anyFloat ? lib.floatDtype : lib.intDtype;
}

export const creationRows: OpRow[] = [
  row({
    name: 'array', doc: 'Create an array from data (nested lists, scalars, typed arrays, other tensors).',
    impl: (a, lib) => {
      let t = dataTensor(a.x, dt(a, lib, 'array'), lib);
      if (a.ndmin) while (t.dims.length < a.ndmin) t = ops.expandDims(t, 0);
      return t;
    },
    variants: {
      torch: (a, lib) => withGrad(dataTensor(a.x, dt(a, lib, 'tensor'), lib), a),
      tensorflow: (a, lib) => {
        let t = dataTensor(a.x instanceof Variable ? a.x.value : a.x, dt(a, lib, 'constant'), lib);
        if (a.shape !== undefined && a.shape !== null) {
          const shape = shapeArg(a.shape);
          t = t.count === 1 && shape.reduce((p, d) => p * d, 1) !== 1 ? ops.broadcastTo(ops.reshape(t, []), shape) : ops.reshape(t, shape);
        }
        return t;
      },
    },
    np: 'array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None)',
    jnp: 'array(object, dtype=None, copy=True, order="K", ndmin=0)',
    torch: 'tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False)',
    tf: 'constant(value, dtype=None, shape=None, name="Const")',
    rename: { object: 'x', data: 'x', value: 'x' },
    arrayResult: true,
  }),
  row({
    name: 'asarray', doc: 'Convert the input to an array (no copy when it already is one of the dtype asked for).',
    impl: (a, lib) => {
      const d = dt(a, lib, 'asarray');
      if (a.x instanceof Tensor && a.x.flavor === lib.flavor && (d === undefined || d === a.x.dt) && !a.x.scalar) return a.x;
      const t = dataTensor(a.x, d, lib);
      // Across NumPy and PyTorch an array shares its memory (np.asarray(t), torch.as_tensor(a)).
      return a.x instanceof Tensor && t.dt === a.x.dt ? sameView(t, a.x) : t;
    },
    np: ['asarray(a, dtype=None, order=None, *, like=None)', 'asanyarray(a, dtype=None, order=None, *, like=None)', 'ascontiguousarray(a, dtype=None, *, like=None)'],
    jnp: 'asarray(a, dtype=None, order=None)',
    torch: ['as_tensor(data, dtype=None, device=None)', 'from_numpy(ndarray)'],
    tf: 'convert_to_tensor(value, dtype=None, dtype_hint=None, name=None)',
    rename: { data: 'x', ndarray: 'x', value: 'x' },
    arrayResult: true,
  }),
  row({
    name: 'copy', doc: 'Return an array copy of the given object.',
    impl: (a, lib) => relabel(ops.identity(dataTensor(a.x, undefined, lib)), lib.flavor, true),
    np: 'copy(a, order="K", subok=False)', jnp: 'copy(a, order=None)', torch: 'clone(input, *, memory_format=None)',
    methods: { numpy: 'copy(order="C")', jax: 'copy()', torch: 'clone(*, memory_format=None)' },
    arrayResult: true,
  }),
  row({
    name: 'zeros', doc: 'Return a new array of given shape and type, filled with zeros.',
    impl: (a, lib) => withGrad(zeros(shapeArg(a.shape), dt(a, lib, 'zeros') ?? lib.floatDtype, lib.flavor), a),
    np: ['zeros(shape, dtype=float, order="C", *, like=None)', 'empty(shape, dtype=float, order="C", *, like=None)'],
    jnp: ['zeros(shape, dtype=None)', 'empty(shape, dtype=None)'],
    torch: ['zeros(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False)', 'empty(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False)'],
    tf: 'zeros(shape, dtype=tf.float32, name=None)',
    arrayResult: true,
  }),
  row({
    name: 'ones', doc: 'Return a new array of given shape and type, filled with ones.',
    impl: (a, lib) => withGrad(full(shapeArg(a.shape), 1, dt(a, lib, 'ones') ?? lib.floatDtype, lib.flavor), a),
    np: 'ones(shape, dtype=None, order="C", *, like=None)', jnp: 'ones(shape, dtype=None)',
    torch: 'ones(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False)', tf: 'ones(shape, dtype=tf.float32, name=None)',
    arrayResult: true,
  }),
  row({
    name: 'full', doc: 'Return a new array of given shape, filled with fill_value (its dtype from the value unless given).',
    impl: (a, lib) => withGrad(full(shapeArg(a.shape), fillValue(a.fill_value), dt(a, lib, 'full') ?? fillDtype(lib, a.fill_value), lib.flavor), a),
    np: 'full(shape, fill_value, dtype=None, order="C", *, like=None)', jnp: 'full(shape, fill_value, dtype=None)',
    torch: 'full(size, fill_value, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)', tf: 'fill(dims, value, name=None)',
    rename: { dims: 'shape', value: 'fill_value' },
    arrayResult: true,
  }),
  likeRow('zeros_like', 0, 'Return an array of zeros with the same shape and type as a given array.'),
  likeRow('ones_like', 1, 'Return an array of ones with the same shape and type as a given array.'),
  likeRow('empty_like', 0, 'Return a new array with the same shape and type as a given array (zeros here: Jacobi never exposes uninitialized memory).'),
  row({
    name: 'full_like', doc: 'Return a full array with the same shape and type as a given array.',
    impl: (a, lib) => {
      const x = a.x instanceof Tensor ? a.x : dataTensor(a.x, undefined, lib);
      return full(x.dims, fillValue(a.fill_value), dt(a, lib, 'full_like') ?? x.dt, lib.flavor);
    },
    np: 'full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None)', jnp: 'full_like(a, fill_value, dtype=None, shape=None)',
    torch: 'full_like(input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None)',
    arrayResult: true,
  }),
  row({
    name: 'eye', doc: 'Return a 2-D array with ones on the diagonal (the k-th) and zeros elsewhere.',
    impl: (a, lib) => withGrad(eye(a.N, a.M ?? a.N, dt(a, lib, 'eye') ?? lib.floatDtype, lib.flavor, a.k ?? 0), a),
    variants: {
      tensorflow: (a, lib) => {
        const e = eye(a.N, a.M ?? a.N, dt(a, lib, 'eye') ?? lib.floatDtype, lib.flavor);
        return a.batch_shape ? ops.broadcastTo(e, [...shapeArg(a.batch_shape), ...e.dims]) : e;
      },
    },
    np: 'eye(N, M=None, k=0, dtype=float, order="C", *, like=None)', jnp: 'eye(N, M=None, k=0, dtype=None)',
    torch: 'eye(n, m=None, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)',
    tf: 'eye(num_rows, num_columns=None, batch_shape=None, dtype=tf.float32, name=None)',
    rename: { n: 'N', m: 'M', num_rows: 'N', num_columns: 'M' },
    arrayResult: true,
  }),
  row({
    name: 'identity', doc: 'Return the identity array (a square array with ones on the main diagonal).',
    impl: (a, lib) => eye(a.n, a.n, dt(a, lib, 'identity') ?? lib.floatDtype, lib.flavor),
    np: 'identity(n, dtype=None, *, like=None)', jnp: 'identity(n, dtype=None)',
    arrayResult: true,
  }),
  row({
    name: 'arange', doc: 'Return evenly spaced values within a given interval (Python\'s range as an array).',
    impl: (a, lib) => {
      const [start, stop, step] = rangeArgs(a);
      if (step === 0) throw pyError(lib.name === 'torch' ? 'RuntimeError' : 'ZeroDivisionError', lib.name === 'torch' ? 'step must be nonzero' : 'division by zero');
      return withGrad(arange(start, stop, step, dt(a, lib, 'arange') ?? rangeDtype(lib, a), lib.flavor), a);
    },
    np: 'arange(start, stop=None, step=None, dtype=None, *, like=None)', jnp: 'arange(start, stop=None, step=None, dtype=None)',
    torch: 'arange(start, end=None, step=1, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)',
    tf: 'range(start, limit=None, delta=1, dtype=None, name="range")',
    rename: { end: 'stop', limit: 'stop', delta: 'step' },
    arrayResult: true,
  }),
  row({
    name: 'linspace', doc: 'Return evenly spaced numbers over a specified interval (num of them, stop included unless endpoint=False).',
    impl: (a, lib) => {
      const num = a.num ?? 50;
      if (!Number.isInteger(num) || num < 0) throw pyError('ValueError', `Number of samples, ${num}, must be non-negative.`);
      if (lib.name === 'numpy') return numpyLinspace(a, num, lib);
      if (lib.name === 'jax') return jaxLinspace(a, num, lib);
      const t = linspace(scalarEnd(a.start, 'linspace'), scalarEnd(a.stop, 'linspace'), num, a.endpoint ?? true, dt(a, lib, 'linspace') ?? lib.floatDtype, lib.flavor);
      return withGrad(t, a);
    },
    np: 'linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)', jnp: 'linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)',
    torch: 'linspace(start, end, steps, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)',
    tf: 'linspace(start, stop, num, name=None, axis=0)',
    rename: { end: 'stop', steps: 'num' },
  }),
  row({
    name: 'logspace', doc: 'Return numbers spaced evenly on a log scale (base ** linspace(start, stop, num)).',
    impl: (a, lib) => {
      const want = dt(a, lib, 'logspace');
      const num = a.num ?? 50;
      if (lib.name === 'numpy' || lib.name === 'jax') {
        // base ** linspace(start, stop, num, endpoint, axis), in the samples' type, then the dtype asked for.
        const samples = { ...a, dtype: undefined, retstep: false };
        const y = (lib.name === 'numpy' ? numpyLinspace(samples, num, lib) : jaxLinspace(samples, num, lib)) as Tensor;
        const p = ops.pow(ops.cast(dataTensor(a.base ?? 10, undefined, lib), y.dt), y);
        return finish(lib, want !== undefined ? ops.cast(p, want) : p, [], false);
      }
      const t = linspace(scalarEnd(a.start, 'logspace'), scalarEnd(a.stop, 'logspace'), num, a.endpoint ?? true, 'float64', lib.flavor);
      return ops.cast(ops.pow(a.base ?? 10, t), want ?? lib.floatDtype);
    },
    np: 'logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)', jnp: 'logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)',
    torch: 'logspace(start, end, steps, base=10.0, *, out=None, dtype=None)',
    rename: { end: 'stop', steps: 'num' },
    arrayResult: true,
  }),
];

/** A scalar endpoint (torch's and tf's ranges here take numbers or one-element tensors). */
function scalarEnd(v: unknown, fn: string): number {
  if (v instanceof Tensor) {
    if (v.count !== 1) throw pyError('NotImplementedError', `${fn} with tensor endpoints of shape (${v.dims.join(', ')}${v.dims.length === 1 ? ',' : ''}) is not supported by Jacobi here (np.${fn} and jnp.${fn} take arrays)`);
    return Number(v.values[0]);
  }
  return Number(v);
}

/** The axis the samples go on (negative counts from the end of the result's dims). */
function sampleAxis(axis: unknown, boundsRank: number): number {
  const ax = Number(axis ?? 0);
  const rank = boundsRank + 1;
  if (!(ax >= -rank && ax < rank)) throw pyError('AxisError', `axis ${ax} is out of bounds for array of dimension ${rank}`);
  return ax < 0 ? ax + rank : ax;
}

/**
 * np.linspace as NumPy 1.24 computes it, for scalar or array endpoints: the samples i * step + start
 * in the endpoints' float type (float64 for ints), along a new first axis moved to `axis`, the last
 * one exactly stop; (samples, step) with retstep.
 */
function numpyLinspace(a: Args, num: number, lib: Library): unknown {
  const asFloat = (v: unknown) => { const t = dataTensor(v, undefined, lib); return ops.isFloatDtype(t.dt) ? t : ops.cast(t, 'float64'); };
  const start0 = asFloat(a.start), stop0 = asFloat(a.stop);
  // result_type(start, stop, float(num)): value-based, so 0-d float32 endpoints compute in float64.
  const work = lib.resultType('linspace', [start0, stop0, new PyFloat(num)]);
  const start = ops.cast(start0, work), stop = ops.cast(stop0, work);
  const endpoint = a.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const delta = ops.sub(stop, start);
  const y0 = ops.reshape(ops.arange(0, num, 1, work), [num, ...delta.dims.map(() => 1)]);
  let step: Tensor | number = NaN;
  let y: Tensor;
  if (div > 0) {
    step = ops.div(delta, div);
    const anyZero = (ops.any(ops.equal(step, 0)).values[0] as number) !== 0;
    y = anyZero ? ops.mul(ops.div(y0, div), delta) : ops.mul(y0, step);
  } else y = ops.mul(y0, delta);
  y = ops.add(y, start);
  if (endpoint && num > 1) {
    y = ops.concat([ops.getItem(y, [new ops.Slice(0, -1)]), ops.reshape(ops.broadcastTo(stop, y.dims.slice(1)), [1, ...y.dims.slice(1)])], 0);
  }
  const axis = sampleAxis(a.axis, delta.dims.length);
  if (axis !== 0) y = ops.moveaxis(y, 0, axis);
  const want = dt(a, lib, 'linspace');
  if (want !== undefined && !ops.isFloatDtype(want)) y = ops.floor(y);
  const out = finish(lib, want !== undefined && want !== y.dt ? ops.cast(y, want) : y, [a.start, a.stop], false);
  if (!a.retstep) return out;
  return tuple(out, step instanceof Tensor ? finish(lib, step, [a.start, a.stop]) : NaN);
}

/**
 * jnp.linspace as JAX computes it: start * (1 - t) + stop * t with t = iota / div in the computation
 * type (float32 without x64), which recovers both endpoints; (samples, delta) with retstep.
 */
function jaxLinspace(a: Args, num: number, lib: Library): unknown {
  const want = dt(a, lib, 'linspace');
  const operandType = lib.resultType('linspace', [a.start, a.stop, new PyFloat(num)]);
  const work = ops.isFloatDtype(operandType) ? operandType : lib.floatDtype;
  const start0 = ops.cast(dataTensor(a.start, undefined, lib), work), stop0 = ops.cast(dataTensor(a.stop, undefined, lib), work);
  const bounds = ops.broadcastShapes(start0.dims, stop0.dims);
  const start = ops.broadcastTo(start0, bounds), stop = ops.broadcastTo(stop0, bounds);
  const axis = sampleAxis(a.axis, bounds.length);
  const withAxis = [...bounds.slice(0, axis), 1, ...bounds.slice(axis)];
  const endpoint = a.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  let out: Tensor;
  let delta: Tensor | undefined;
  if (num > 1) {
    delta = ops.div(ops.sub(stop, start), div);
    const iotaShape = withAxis.map((_, i) => (i === axis ? div : 1));
    const t = ops.reshape(ops.div(ops.arange(0, div, 1, work), div), iotaShape);
    out = ops.add(ops.mul(ops.reshape(start, withAxis), ops.sub(1, t)), ops.mul(ops.reshape(stop, withAxis), t));
    if (endpoint) out = ops.concat([out, ops.reshape(stop, withAxis)], axis);
  } else if (num === 1) {
    out = ops.reshape(start, withAxis);
  } else out = ops.zeros(withAxis.map((d, i) => (i === axis ? 0 : d)), work);
  const target = want ?? (ops.isFloatDtype(operandType) ? operandType : work);
  if (!ops.isFloatDtype(target)) out = ops.floor(out);
  const result = finish(lib, ops.cast(out, target), [], false);
  result.weak = false;
  if (!a.retstep) return result;
  const d = delta === undefined ? ops.full([], NaN, work) : delta;
  const step = finish(lib, d, [], false);
  step.weak = false;
  return tuple(result, step);
}

function likeRow(name: string, value: number, doc: string): OpRow {
  return row({
    name, doc,
    impl: (a, lib) => {
      const x = a.x instanceof Tensor ? a.x : a.x instanceof Variable ? a.x.value : dataTensor(a.x, undefined, lib);
      const shape = a.shape !== undefined && a.shape !== null ? shapeArg(a.shape) : x.dims;
      return withGrad(full(shape, value, dt(a, lib, name) ?? x.dt, lib.flavor), a);
    },
    np: `${name}(a, dtype=None, order="K", subok=True, shape=None)`, jnp: `${name}(a, dtype=None, shape=None)`,
    torch: `${name}(input, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None)`,
    tf: name === 'empty_like' ? undefined : `${name}(input, dtype=None, name=None)`,
    arrayResult: true,
  });
}
