// Conversions and questions about arrays: cast/astype, stop_gradient, identity, shape/size/ndim
// (tf.shape and friends return tensors), isclose, allclose, array_equal.
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { tensor as makeTensor } from '../../tensor/create.js';
import { castTo, compare, finish, tensorOf } from '../kinds.js';
import { dtypeArg } from '../dtype_objects.js';
import { pyError } from '../errors.js';
import type { Library } from '../lib/library.js';
import { row, type OpRow } from './types.js';

/** |a - b| <= atol + rtol * |b|, NaNs equal when equal_nan (NumPy's isclose; torch's and jnp's alike). */
function closeness(lib: Library, a: unknown, b: unknown, rtol: number, atol: number, equalNan: boolean): Tensor {
  const x = tensorOf(lib, a), y = tensorOf(lib, b);
  const p = castTo(x, 'float64'), q = castTo(y, 'float64');
  const diff = ops.abs(ops.sub(p, q));
  const tol = ops.add(atol, ops.mul(rtol, ops.abs(q)));
  let close = ops.logical_or(ops.less_equal(diff, tol), ops.equal(p, q));
  // Infinities are close only to themselves (inf - inf is nan).
  const finite = ops.logical_and(ops.isfinite(p), ops.isfinite(q));
  close = ops.where(finite, close, ops.equal(p, q));
  if (equalNan) close = ops.logical_or(close, ops.logical_and(ops.isnan(p), ops.isnan(q)));
  return close;
}

export const miscRows: OpRow[] = [
  row({
    name: 'cast', doc: 'Casts a tensor to a new type.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const d = dtypeArg(a.dtype, lib.name, 'cast');
      if (d === undefined) throw pyError('TypeError', 'a dtype is required');
      return finish(lib, castTo(x, lib.canonical(d)), [x], false);
    },
    tf: ['cast(x, dtype, name=None)', 'dtypes.cast(x, dtype, name=None)'],
    methods: { numpy: 'astype(dtype, order="K", casting="unsafe", subok=True, copy=True)', jax: 'astype(dtype)' },
  }),
  row({
    name: 'stop_gradient', doc: 'Stops gradient computation: the value passes through, its derivative is zero.',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.stopGradient(x), [x], false); },
    tf: 'stop_gradient(input, name=None)', jax: 'lax.stop_gradient(x)',
  }),
  row({
    name: 'identity', doc: 'Return a Tensor with the same shape and contents as input.',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, ops.identity(x), [x], false); },
    tf: 'identity(input, name=None)',
  }),
  row({
    name: 'shape', doc: 'The shape of an array (TensorFlow: as an int32 tensor).',
    impl: (a, lib) => tensorOf(lib, a.x).shape,
    variants: { tensorflow: (a, lib) => makeTensor(tensorOf(lib, a.x).dims.slice(), dtypeArg(a.out_type, 'tensorflow') ?? 'int32', 'tf') },
    np: 'shape(a)', jnp: 'shape(a)', tf: 'shape(input, out_type=None, name=None)', raw: true,
  }),
  row({
    name: 'ndim', doc: 'The number of dimensions of an array (TensorFlow: tf.rank, a tensor).',
    impl: (a, lib) => tensorOf(lib, a.x).dims.length,
    variants: { tensorflow: (a, lib) => makeTensor(tensorOf(lib, a.x).dims.length, 'int32', 'tf') },
    np: 'ndim(a)', jnp: 'ndim(a)', tf: 'rank(input, name=None)', raw: true,
  }),
  row({
    name: 'size', doc: 'The number of elements of an array (TensorFlow: tf.size, a tensor).',
    impl: (a, lib) => tensorOf(lib, a.x).count,
    variants: { tensorflow: (a, lib) => makeTensor(tensorOf(lib, a.x).count, 'int32', 'tf') },
    np: 'size(a, axis=None)', jnp: 'size(a, axis=None)', tf: 'size(input, out_type=None, name=None)', raw: true,
  }),
  row({
    name: 'isclose', doc: 'Element-wise |a - b| <= atol + rtol * |b| (NaNs equal with equal_nan).',
    impl: (a, lib) => finish(lib, closeness(lib, a.x, a.y, a.rtol ?? 1e-5, a.atol ?? 1e-8, a.equal_nan ?? false), [a.x, a.y]),
    np: 'isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)', jnp: 'isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)',
    torch: 'isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False)', rename: { b: 'y' },
    methods: { torch: 'isclose(other, rtol=1e-05, atol=1e-08, equal_nan=False)' },
  }),
  row({
    name: 'allclose', doc: 'Whether all elements of two arrays are close: isclose(a, b).all(), as a Python bool.',
    impl: (a, lib) => closeness(lib, a.x, a.y, a.rtol ?? 1e-5, a.atol ?? 1e-8, a.equal_nan ?? false).values.every((v) => v === 1),
    variants: { jax: (a, lib) => finish(lib, ops.all(closeness(lib, a.x, a.y, a.rtol ?? 1e-5, a.atol ?? 1e-8, a.equal_nan ?? false)), [a.x, a.y]) },
    np: 'allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)', jnp: 'allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)',
    torch: 'allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False)', rename: { b: 'y' }, raw: true,
    methods: { torch: 'allclose(other, rtol=1e-05, atol=1e-08, equal_nan=False)' },
  }),
  row({
    name: 'array_equal', doc: 'True if two arrays have the same shape and elements.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x), y = tensorOf(lib, a.y);
      if (x.dims.length !== y.dims.length || x.dims.some((d, i) => d !== y.dims[i])) return false;
      const eq = compare(lib, 'equal', (p, q) => ops.equal(p, q), x, y);
      const ok = eq.values.every((v) => v === 1) || (Boolean(a.equal_nan) && ops.logical_or(eq, ops.logical_and(ops.isnan(x), ops.isnan(y))).values.every((v) => v === 1));
      return lib.name === 'jax' ? finish(lib, ops.toTensor(ok), []) : ok;
    },
    np: 'array_equal(a1, a2, equal_nan=False)', jnp: 'array_equal(a1, a2, equal_nan=False)', torch: 'equal(input, other)',
    rename: { a1: 'x', a2: 'y' }, raw: true, methods: { torch: 'equal(other)' },
  }),
];
