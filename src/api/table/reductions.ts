// Reductions: sum, prod, mean, var, std, max, min, argmax, argmin, any, all, cumsum, cumprod,
// logsumexp, ptp, with each library's dtypes (NumPy sums ints in int64, TensorFlow's mean of ints is
// an int, PyTorch refuses the mean of ints) and argument names (axis/dim, keepdims/keepdim).
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { NamedTuple } from '../../tensor/pytuple.js';
import type { DType } from '../../tensor/dtype.js';
import { castTo, finish, inputOf, tensorOf } from '../kinds.js';
import { dtypeArg } from '../dtype_objects.js';
import { pyError } from '../errors.js';
import type { Library } from '../lib/library.js';
import { row, type Args, type OpRow } from './types.js';

/** An axis argument: an int, a sequence of ints, None, or a tensor of ints. */
export function axisArg(axis: unknown): number | number[] | null {
  if (axis === undefined || axis === null) return null;
  if (axis instanceof Tensor) return axis.dims.length === 0 ? Number(axis.values[0]) : Array.from(axis.values as ArrayLike<number>, Number);
  if (typeof axis === 'number') {
    if (!Number.isInteger(axis)) throw pyError('TypeError', `'float' object cannot be interpreted as an integer`);
    return axis;
  }
  if (Array.isArray(axis)) return axis.map((a) => Number(a));
  throw pyError('TypeError', `'${typeof axis}' object cannot be interpreted as an integer`);
}

const TORCH_DTYPE: Partial<Record<DType, string>> = { int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool' };

/** The dtype sum/prod accumulate in: the `dtype` argument, else the library's rule. */
function accumulate(lib: Library, a: Args, x: Tensor, op: string): DType {
  const given = dtypeArg(a.dtype, lib.name, op);
  return given !== undefined ? lib.canonical(given) : lib.sumDtype(x.dt, op);
}

/** The dtype mean/var/std compute in. */
function averaging(lib: Library, a: Args, x: Tensor, op: string): DType {
  const given = dtypeArg(a.dtype, lib.name, op);
  if (given !== undefined) return lib.canonical(given);
  if (ops.isFloatDtype(x.dt)) return x.dt;
  if (lib.name === 'torch') {
    throw pyError('RuntimeError', `${op}(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${TORCH_DTYPE[x.dt] ?? x.dt}`);
  }
  if (lib.name === 'tensorflow' && op === 'mean') return x.dt;
  // NumPy averages integers in float64 whatever their width (not the narrow float of np.sin).
  if (lib.name === 'numpy') return 'float64';
  return lib.floatOf(x.dt, op);
}

const keep = (a: Args) => Boolean(a.keepdims);

/** `where=`: a bool mask broadcast to x's shape, or null for none (True, None). */
function whereMask(lib: Library, a: Args, x: Tensor): Tensor | null {
  if (a.where === undefined || a.where === null || a.where === true) return null;
  return ops.broadcastTo(ops.cast(tensorOf(lib, a.where), 'bool'), x.dims);
}

type Reduce = (x: Tensor, axis: number | number[] | null, keepdims: boolean, a: Args, lib: Library) => Tensor;

/**
 * A reduction with NumPy's `where=` (only the selected elements count) and `initial=` (one more
 * element): sum and prod fill the rest with their identity, mean/var/std count the selected ones.
 */
function masked(name: string, f: Reduce, x: Tensor, mask: Tensor | null, a: Args, lib: Library): Tensor {
  const axis = axisArg(a.axis), k = keep(a);
  const hasInitial = a.initial !== undefined && a.initial !== null;
  switch (name) {
    case 'sum': case 'prod': case 'any': case 'all': {
      const id = name === 'sum' ? 0 : name === 'prod' ? 1 : name === 'all';
      const filled = mask === null ? x : ops.where(mask, x, ops.cast(ops.toTensor(id), x.dt));
      const r = f(filled, axis, k, a, lib);
      if (!hasInitial) return r;
      return castTo((name === 'prod' ? ops.mul : ops.add)(r, ops.cast(tensorOf(lib, a.initial), r.dt)), r.dt);
    }
    case 'mean': case 'var': case 'std': {
      if (hasInitial) throw pyError('TypeError', `${name}() got an unexpected keyword argument 'initial'`);
      const xf = castTo(x, averaging(lib, a, x, name));
      const m = ops.cast(mask!, xf.dt);
      const n = ops.sum(m, axis, true);
      const mean = ops.div(ops.sum(ops.mul(xf, m), axis, true), n);
      let r = mean;
      if (name !== 'mean') {
        r = ops.div(ops.sum(ops.mul(ops.square(ops.sub(xf, mean)), m), axis, true), ops.sub(n, ddof(a, lib)));
        if (name === 'std') r = ops.sqrt(r);
      }
      return k ? r : ops.squeeze(r, axis === null ? null : axis);
    }
  }
  throw pyError('NotImplementedError', `${name}(..., where=...) is not supported by Jacobi`);
}

function reduction(name: string, doc: string, f: (x: Tensor, axis: number | number[] | null, keepdims: boolean, a: Args, lib: Library) => Tensor, sigs: Partial<Record<'np' | 'jnp' | 'torch' | 'tf', string | string[]>>, methods: OpRow['methods']): OpRow {
  return row({
    name, doc,
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const mask = whereMask(lib, a, x);
      if (mask === null && (a.initial === undefined || a.initial === null)) return finish(lib, f(x, axisArg(a.axis), keep(a), a, lib), [x]);
      return finish(lib, masked(name, f, x, mask, a, lib), [x]);
    },
    ...sigs, methods,
  });
}

/** TensorFlow's integer mean: the sum divided by the count in integers (rounding toward zero). */
function integerMean(x: Tensor, axis: number | number[] | null, keepdims: boolean): Tensor {
  const s = ops.sum(x, axis, keepdims);
  const n = x.count / Math.max(s.count, 1);
  const q = ops.div(s, n);
  return castTo(ops.trunc(q), x.dt);
}

export const reductionRows: OpRow[] = [
  reduction('sum', 'Sum of array elements over a given axis.',
    (x, axis, k, a, lib) => ops.sum(castTo(x, accumulate(lib, a, x, 'sum')), axis, k),
    {
      np: 'sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True)',
      jnp: 'sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None, promote_integers=True)',
      torch: 'sum(input, dim=None, keepdim=False, *, dtype=None)',
      tf: ['reduce_sum(input_tensor, axis=None, keepdims=False, name=None)', 'math.reduce_sum(input_tensor, axis=None, keepdims=False, name=None)'],
    },
    { numpy: 'sum(axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True)', jax: 'sum(axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)', torch: 'sum(dim=None, keepdim=False, dtype=None)' }),
  reduction('prod', 'Return the product of array elements over a given axis.',
    (x, axis, k, a, lib) => ops.prod(castTo(x, accumulate(lib, a, x, 'prod')), axis, k),
    {
      np: ['prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True)', 'product(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True)'],
      jnp: 'prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None, promote_integers=True)',
      torch: 'prod(input, dim=None, keepdim=False, *, dtype=None)',
      tf: ['reduce_prod(input_tensor, axis=None, keepdims=False, name=None)', 'math.reduce_prod(input_tensor, axis=None, keepdims=False, name=None)'],
    },
    { numpy: 'prod(axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True)', jax: 'prod(axis=None, dtype=None, out=None, keepdims=False)', torch: 'prod(dim=None, keepdim=False, dtype=None)' }),
  reduction('mean', 'Compute the arithmetic mean along the specified axis.',
    (x, axis, k, a, lib) => {
      const dt = averaging(lib, a, x, 'mean');
      return lib.name === 'tensorflow' && !ops.isFloatDtype(dt) ? integerMean(x, axis, k) : ops.mean(castTo(x, dt), axis, k);
    },
    {
      np: 'mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True)',
      jnp: 'mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=None)',
      torch: 'mean(input, dim=None, keepdim=False, *, dtype=None)',
      tf: ['reduce_mean(input_tensor, axis=None, keepdims=False, name=None)', 'math.reduce_mean(input_tensor, axis=None, keepdims=False, name=None)'],
    },
    { numpy: 'mean(axis=None, dtype=None, out=None, keepdims=False, *, where=True)', jax: 'mean(axis=None, dtype=None, out=None, keepdims=False)', torch: 'mean(dim=None, keepdim=False, *, dtype=None)' }),
  reduction('var', 'Compute the variance along the specified axis (ddof: delta degrees of freedom).',
    (x, axis, k, a, lib) => ops.variance(castTo(x, averaging(lib, a, x, 'var')), axis, k, ddof(a, lib)),
    {
      np: 'var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True)',
      jnp: 'var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None)',
      torch: 'var(input, dim=None, unbiased=True, keepdim=False, *, correction=None)',
      tf: 'math.reduce_variance(input_tensor, axis=None, keepdims=False, name=None)',
    },
    { numpy: 'var(axis=None, dtype=None, out=None, ddof=0, keepdims=False)', jax: 'var(axis=None, dtype=None, out=None, ddof=0, keepdims=False)', torch: 'var(dim=None, unbiased=True, keepdim=False, *, correction=None)' }),
  reduction('std', 'Compute the standard deviation along the specified axis.',
    (x, axis, k, a, lib) => ops.std(castTo(x, averaging(lib, a, x, 'std')), axis, k, ddof(a, lib)),
    {
      np: 'std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True)',
      jnp: 'std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None)',
      torch: 'std(input, dim=None, unbiased=True, keepdim=False, *, correction=None)',
      tf: 'math.reduce_std(input_tensor, axis=None, keepdims=False, name=None)',
    },
    { numpy: 'std(axis=None, dtype=None, out=None, ddof=0, keepdims=False)', jax: 'std(axis=None, dtype=None, out=None, ddof=0, keepdims=False)', torch: 'std(dim=None, unbiased=True, keepdim=False, *, correction=None)' }),
  extreme('max', 'amax', 'maximum'),
  extreme('min', 'amin', 'minimum'),
  argExtreme('argmax'),
  argExtreme('argmin'),
  reduction('any', 'Test whether any array element along a given axis evaluates to True.',
    (x, axis, k) => ops.any(x, axis, k),
    {
      np: 'any(a, axis=None, out=None, keepdims=False, *, where=True)', jnp: 'any(a, axis=None, out=None, keepdims=False, *, where=None)',
      torch: 'any(input, dim=None, keepdim=False)', tf: ['reduce_any(input_tensor, axis=None, keepdims=False, name=None)', 'math.reduce_any(input_tensor, axis=None, keepdims=False, name=None)'],
    },
    { numpy: 'any(axis=None, out=None, keepdims=False)', jax: 'any(axis=None, out=None, keepdims=False)', torch: 'any(dim=None, keepdim=False)' }),
  reduction('all', 'Test whether all array elements along a given axis evaluate to True.',
    (x, axis, k) => ops.all(x, axis, k),
    {
      np: 'all(a, axis=None, out=None, keepdims=False, *, where=True)', jnp: 'all(a, axis=None, out=None, keepdims=False, *, where=None)',
      torch: 'all(input, dim=None, keepdim=False)', tf: ['reduce_all(input_tensor, axis=None, keepdims=False, name=None)', 'math.reduce_all(input_tensor, axis=None, keepdims=False, name=None)'],
    },
    { numpy: 'all(axis=None, out=None, keepdims=False)', jax: 'all(axis=None, out=None, keepdims=False)', torch: 'all(dim=None, keepdim=False)' }),
  row({
    name: 'cumsum', doc: 'Return the cumulative sum of the elements along a given axis.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const t = castTo(x, accumulate(lib, a, x, 'cumsum'));
      let r = ops.cumsum(t, axisArg(a.axis) as number | null, Boolean(a.reverse));
      if (a.exclusive) r = ops.sub(r, t);
      return finish(lib, r, [x], false);
    },
    np: 'cumsum(a, axis=None, dtype=None, out=None)', jnp: 'cumsum(a, axis=None, dtype=None, out=None)',
    torch: 'cumsum(input, dim, *, dtype=None, out=None)', tf: 'math.cumsum(x, axis=0, exclusive=False, reverse=False, name=None)',
    methods: { numpy: 'cumsum(axis=None, dtype=None, out=None)', jax: 'cumsum(axis=None, dtype=None, out=None)', torch: 'cumsum(dim, dtype=None)' },
  }),
  row({
    name: 'cumprod', doc: 'Return the cumulative product of elements along a given axis.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      return finish(lib, ops.cumprod(castTo(x, accumulate(lib, a, x, 'cumprod')), axisArg(a.axis) as number | null, Boolean(a.reverse)), [x], false);
    },
    np: 'cumprod(a, axis=None, dtype=None, out=None)', jnp: 'cumprod(a, axis=None, dtype=None, out=None)',
    torch: 'cumprod(input, dim, *, dtype=None, out=None)', tf: 'math.cumprod(x, axis=0, exclusive=False, reverse=False, name=None)',
    methods: { numpy: 'cumprod(axis=None, dtype=None, out=None)', jax: 'cumprod(axis=None, dtype=None, out=None)', torch: 'cumprod(dim, dtype=None)' },
  }),
  reduction('logsumexp', 'Compute the log of the sum of exponentials of input elements, stably.',
    (x, axis, k, _a, lib) => ops.logsumexp(castTo(x, lib.floatOf(x.dt, 'logsumexp')), axis, k),
    { torch: 'logsumexp(input, dim, keepdim=False, *, out=None)', tf: ['reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None)', 'math.reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None)'] },
    { torch: 'logsumexp(dim, keepdim=False)' }),
  reduction('ptp', 'Range of values (maximum - minimum) along an axis.',
    (x, axis, k) => ops.sub(ops.max(x, axis, k), ops.min(x, axis, k)),
    { np: 'ptp(a, axis=None, out=None, keepdims=False)', jnp: 'ptp(a, axis=None, out=None, keepdims=False)' },
    { numpy: 'ptp(axis=None, out=None, keepdims=False)', jax: 'ptp(axis=None, out=None, keepdims=False)' }),
  row({
    name: 'count_nonzero', doc: 'Counts the number of non-zero values in the array.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      return finish(lib, ops.sum(castTo(ops.not_equal(x, 0), lib.intDtype === 'int32' ? 'int32' : 'int64'), axisArg(a.axis), keep(a)), [x]);
    },
    np: 'count_nonzero(a, axis=None, *, keepdims=False)', jnp: 'count_nonzero(a, axis=None, keepdims=False)',
    torch: 'count_nonzero(input, dim=None)', tf: 'math.count_nonzero(input, axis=None, keepdims=None, dtype=tf.int64, name=None)',
    methods: { torch: 'count_nonzero(dim=None)' },
  }),
];

/** NumPy's ddof; PyTorch's unbiased (default True) or correction. */
function ddof(a: Args, lib: Library): number {
  if (lib.name === 'torch') return a.correction !== undefined && a.correction !== null ? Number(a.correction) : a.unbiased === false ? 0 : 1;
  return Number(a.ddof ?? 0);
}

/** max/min: NumPy's amax; torch.max also takes a dim (values and indices) or another tensor (maximum). */
function extreme(name: 'max' | 'min', alias: string, pairwise: string): OpRow {
  const f = name === 'max' ? ops.max : ops.min;
  return row({
    name, doc: `Return the ${name === 'max' ? 'maximum' : 'minimum'} of an array or ${name === 'max' ? 'maximum' : 'minimum'} along an axis.`,
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      if (x.count === 0 && (a.axis === undefined || a.axis === null)) {
        if (lib.name === 'torch') throw pyError('RuntimeError', `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
        throw pyError('ValueError', `zero-size array to reduction operation ${pairwise} which has no identity`);
      }
      const mask = whereMask(lib, a, x);
      const hasInitial = a.initial !== undefined && a.initial !== null;
      if (mask !== null && !hasInitial) {
        throw pyError('ValueError', `reduction operation '${pairwise}' does not have an identity, so to use a where mask one has to specify 'initial'`);
      }
      if (!hasInitial) return finish(lib, f(x, axisArg(a.axis), keep(a)), [x]);
      // initial= is one more element; where= leaves out the others (they become `initial`).
      const init = ops.cast(tensorOf(lib, a.initial), x.dt);
      const filled = mask === null ? x : ops.where(mask, x, init);
      const both = name === 'max' ? ops.maximum : ops.minimum;
      return finish(lib, castTo(both(f(filled, axisArg(a.axis), keep(a)), init), x.dt), [x]);
    },
    variants: {
      torch: (a, lib) => {
        const x = tensorOf(lib, a.x);
        if (a.y instanceof Tensor) return finish(lib, (name === 'max' ? ops.maximum : ops.minimum)(x, a.y), [x, a.y]);
        if (a.axis === undefined || a.axis === null) {
          if (x.count === 0) throw pyError('RuntimeError', `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
          return finish(lib, f(x), [x]);
        }
        const axis = axisArg(a.axis) as number;
        const values = finish(lib, f(x, axis, keep(a)), [x]);
        const idx = (name === 'max' ? ops.argmax : ops.argmin)(x, axis);
        const indices = finish(lib, ops.cast(keep(a) ? ops.expandDims(idx, axis) : idx, 'int64'), [x]);
        return NamedTuple.make(`torch.return_types.${name}`, ['values', 'indices'], [values, indices]);
      },
    },
    np: [`${name}(a, axis=None, out=None, keepdims=False, initial=None, where=True)`, `${alias}(a, axis=None, out=None, keepdims=False, initial=None, where=True)`],
    jnp: [`${name}(a, axis=None, out=None, keepdims=False, initial=None, where=None)`, `${alias}(a, axis=None, out=None, keepdims=False, initial=None, where=None)`],
    torch: [`${name}(input, dim=None, keepdim=False, *, other=None)`, `${alias}(input, dim=(), keepdim=False)`],
    tf: [`reduce_${name}(input_tensor, axis=None, keepdims=False, name=None)`, `math.reduce_${name}(input_tensor, axis=None, keepdims=False, name=None)`],
    rename: { other: 'y' },
    methods: {
      numpy: `${name}(axis=None, out=None, keepdims=False, initial=None, where=True)`,
      jax: `${name}(axis=None, out=None, keepdims=False, initial=None, where=None)`,
      torch: [`${name}(dim=None, keepdim=False, *, other=None)`, `${alias}(dim=(), keepdim=False)`],
    },
  });
}

function argExtreme(name: 'argmax' | 'argmin'): OpRow {
  const f = name === 'argmax' ? ops.argmax : ops.argmin;
  return row({
    name, doc: `Returns the indices of the ${name === 'argmax' ? 'maximum' : 'minimum'} values along an axis (over the flattened array when axis is None).`,
    impl: (a, lib) => {
      const x = inputOf(lib, name, a.x);
      let axis = axisArg(a.axis) as number | null;
      if (axis === null && lib.name === 'tensorflow') axis = 0;
      if (x.count === 0) throw pyError('ValueError', `attempt to get ${name} of an empty sequence`);
      let r = f(x, axis);
      if (keep(a)) r = axis === null ? ops.reshape(r, x.dims.map(() => 1)) : ops.expandDims(r, axis);
      const out = a.output_type !== undefined && a.output_type !== null ? dtypeArg(a.output_type, lib.name)! : lib.indexDtype;
      return finish(lib, ops.cast(r, out), [x]);
    },
    np: `${name}(a, axis=None, out=None, *, keepdims=False)`, jnp: `${name}(a, axis=None, out=None, keepdims=None)`,
    torch: `${name}(input, dim=None, keepdim=False)`, tf: `math.${name}(input, axis=None, output_type=None, name=None)`,
    methods: { numpy: `${name}(axis=None, out=None, *, keepdims=False)`, jax: `${name}(axis=None, out=None, keepdims=None)`, torch: `${name}(dim=None, keepdim=False)` },
  });
}
