// Vector and matrix norms per library: np.linalg.norm / jnp.linalg.norm (ord None, 'fro', 'nuc',
// ±1, ±2, ±inf, 0 and p; a 2-D input without axis is a matrix), jnp.linalg.vector_norm and
// matrix_norm, torch.linalg.norm / vector_norm / matrix_norm and the older torch.norm (p and dim:
// a vector norm over the given dims unless p='nuc'), tf.norm / tf.linalg.norm (the flattened
// tensor without axis; 'euclidean', 'fro', 1, 2, inf and p > 0). The spectral and nuclear norms
// come from the singular values, so they are differentiable like the SVD.
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DType } from '../../tensor/dtype.js';
import { normAxis } from '../../tensor/shape.js';
import { castTo, finish, tensorOf } from '../kinds.js';
import { InvalidArgumentError, pyError } from '../errors.js';
import { dtypeArg } from '../dtype_objects.js';
import type { Library } from '../lib/library.js';
import { axisArg } from './reductions.js';
import { row, type Args, type OpRow } from './types.js';

const TORCH_DT: Partial<Record<DType, string>> = { int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool' };
const isStr = (x: unknown): x is string => typeof x === 'string';
/** Python's text of an ord value (inf, 2, 'fro'). */
const ordText = (o: unknown) => (o === Infinity ? 'inf' : o === -Infinity ? '-inf' : String(o));

/** A vector norm over `axes` (NumPy's formulas; ord 0 counts nonzeros). */
function vectorNorm(x: Tensor, ord: number, axes: number[] | null, keepdims: boolean): Tensor {
  return reduction(() => ops.vectorNorm(x, ord, axes, keepdims));
}

/** The kernels' RangeError for an empty max/min reduction, as the ValueError NumPy raises. */
function reduction<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && e.message.startsWith('zero-size array')) throw pyError('ValueError', e.message);
    throw e;
  }
}

/** A matrix norm over the axes (r, c), which may be anywhere. */
function matrixNorm(x: Tensor, ord: unknown, r: number, c: number, keepdims: boolean): Tensor {
  return reduction(() => matrixNormOf(x, ord, r, c, keepdims));
}

function matrixNormOf(x: Tensor, ord: unknown, r: number, c: number, keepdims: boolean): Tensor {
  let out: Tensor;
  if (ord === null || ord === 'fro' || ord === 'f' || ord === 'euclidean') out = ops.sqrt(ops.sum(ops.square(x), [r, c]));
  else if (ord === 1 || ord === -1) {
    const s = ops.sum(ops.abs(x), r, true);
    out = ops.squeeze((ord === 1 ? ops.max : ops.min)(s, c, true), [r, c]);
  } else if (ord === Infinity || ord === -Infinity) {
    const s = ops.sum(ops.abs(x), c, true);
    out = ops.squeeze((ord === Infinity ? ops.max : ops.min)(s, r, true), [r, c]);
  } else {
    // 'nuc', 2, -2: from the singular values of the matrices moved to the last two axes.
    const [sv] = ops.linalg.svd(ops.moveaxis(x, [r, c], [-2, -1]), { full: false, uv: false });
    out = ord === 'nuc' ? ops.sum(sv, -1) : ord === 2 ? ops.max(sv, -1) : ops.min(sv, -1);
  }
  return keepdims ? ops.reshape(out, x.dims.map((d, i) => (i === r || i === c ? 1 : d))) : out;
}

const flatNorm = (x: Tensor, keepdims: boolean) => {
  const r = ops.sqrt(ops.sum(ops.square(x)));
  return keepdims ? ops.reshape(r, x.dims.map(() => 1)) : r;
};

/** The float input: NumPy converts integers to float64, JAX to its default float. */
function floatInput(lib: Library, x: Tensor): Tensor {
  if (ops.isFloatDtype(x.dt)) return x;
  return castTo(x, lib.name === 'numpy' ? 'float64' : lib.floatOf(x.dt, 'norm'));
}

/** np.linalg.norm and jnp.linalg.norm (the same semantics, each library's words). */
function numpyNorm(lib: Library, a: Args): Tensor {
  const x = floatInput(lib, tensorOf(lib, a.x));
  const nd = x.dims.length, keepdims = Boolean(a.keepdims);
  const ord = a.ord ?? null;
  const jax = lib.name === 'jax';
  let axis = axisArg(a.axis);
  if (axis === null) {
    if (ord === null || (!jax && ((ord === 'fro' || ord === 'f') && nd === 2 || ord === 2 && nd === 1))) return flatNorm(x, keepdims);
    if (jax) axis = x.dims.map((_, i) => i);
    else if (nd === 1 || nd === 2) axis = nd === 1 ? [0] : [0, 1];
    else throw pyError('ValueError', 'Improper number of dimensions to norm.');
  }
  const axes = (typeof axis === 'number' ? [axis] : axis).map((v) => normAxis(v, nd, 'norm'));
  if (axes.length === 1) {
    if (isStr(ord)) {
      if (jax) throw pyError('ValueError', `Invalid order '${ord}' for vector norm.${ord === 'inf' ? "Use 'jax.numpy.inf' instead." : ord === '-inf' ? "Use '-jax.numpy.inf' instead." : ''}`);
      throw pyError('ValueError', `Invalid norm order '${ord}' for vectors`);
    }
    return vectorNorm(x, ord === null ? 2 : Number(ord), axes, keepdims);
  }
  if (axes.length === 2) {
    if (axes[0] === axes[1]) throw pyError('ValueError', 'Duplicate axes given.');
    if (![null, 'fro', 'f', 'nuc', 1, -1, 2, -2, Infinity, -Infinity].includes(ord)) {
      throw pyError('ValueError', jax ? `Invalid order '${ordText(ord)}' for matrix norm.` : 'Invalid norm order for matrices.');
    }
    return matrixNorm(x, ord, axes[0], axes[1], keepdims);
  }
  if (jax) throw pyError('ValueError', `Invalid axis values ((${axes.join(', ')}${axes.length === 1 ? ',' : ''})) for jnp.linalg.norm.`);
  throw pyError('ValueError', 'Improper number of dimensions to norm.');
}

/** PyTorch refuses integer inputs to its norms. */
function torchFloat(x: Tensor, fn: string, a: Args, lib: Library): Tensor {
  const dt = dtypeArg(a.dtype, lib.name, fn);
  if (!ops.isFloatDtype(x.dt)) {
    if (fn === 'norm') throw pyError('RuntimeError', `norm(): input dtype should be either floating point or complex. Got ${TORCH_DT[x.dt] ?? x.dt} instead.`);
    throw pyError('RuntimeError', `${fn}: Expected a floating point or complex tensor as input. Got ${TORCH_DT[x.dt] ?? x.dt}`);
  }
  return dt !== undefined ? castTo(x, dt) : x;
}

function torchDims(v: unknown): number[] | null {
  const d = axisArg(v);
  return d === null ? null : typeof d === 'number' ? [d] : d;
}

function torchMatrixNorm(x: Tensor, ord: unknown, dim: number[], keepdims: boolean): Tensor {
  const nd = x.dims.length;
  if (nd < 2) throw pyError('RuntimeError', 'linalg.matrix_norm: The input tensor A must have at least 2 dimensions.');
  if (dim.length !== 2) throw pyError('RuntimeError', `linalg.matrix_norm: dim must be a 2-tuple. Got ${dim.join(' ')}`);
  const [r, c] = dim.map((v) => normAxis(v, nd, 'matrix_norm'));
  if (r === c) throw pyError('RuntimeError', `linalg.matrix_norm: dims must be different. Got (${dim.join(', ')})`);
  if (!['fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity].includes(ord as string | number)) throw pyError('RuntimeError', `linalg.matrix_norm: Order ${ordText(ord)} not supported.`);
  return matrixNorm(x, ord, r, c, keepdims);
}

function torchVectorNorm(x: Tensor, ord: unknown, dim: number[] | null, keepdims: boolean): Tensor {
  if (isStr(ord)) throw pyError('TypeError', "linalg_vector_norm(): argument 'ord' must be Number, not str");
  const axes = dim === null ? null : dim.map((v) => normAxis(v, x.dims.length, 'vector_norm'));
  return vectorNorm(x, Number(ord), axes, keepdims);
}

/** torch.linalg.norm: a string ord means a matrix norm; without dim, ord needs a 1-D or 2-D input. */
function torchLinalgNorm(lib: Library, a: Args): Tensor {
  const x = torchFloat(tensorOf(lib, a.x), 'linalg.vector_norm', a, lib);
  const ord = a.ord ?? null, keepdims = Boolean(a.keepdims);
  const dim = torchDims(a.axis);
  if (isStr(ord)) return torchMatrixNorm(x, ord, dim ?? [-2, -1], keepdims);
  if (dim === null) {
    if (ord === null) return torchVectorNorm(x, 2, null, keepdims);
    if (x.dims.length === 1) return torchVectorNorm(x, ord, null, keepdims);
    if (x.dims.length === 2) return torchMatrixNorm(x, ord, [-2, -1], keepdims);
    throw pyError('RuntimeError', `linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${x.dims.length}D.`);
  }
  if (dim.length === 1) return torchVectorNorm(x, ord ?? 2, dim, keepdims);
  if (dim.length === 2) return torchMatrixNorm(x, ord ?? 'fro', dim, keepdims);
  throw pyError('RuntimeError', `linalg.norm: If dim is specified, it must be of length 1 or 2. Got [${dim.join(', ')}]`);
}

/** torch.norm (the older function): a vector norm over dim (all elements without it), 'nuc' a matrix norm. */
function torchLegacyNorm(lib: Library, a: Args): Tensor {
  const x = torchFloat(tensorOf(lib, a.x), 'norm', a, lib);
  const p = a.p ?? 'fro', keepdims = Boolean(a.keepdims);
  const dim = torchDims(a.axis);
  if (p === 'nuc') return torchMatrixNorm(x, 'nuc', dim ?? [-2, -1], keepdims);
  const ord = p === 'fro' ? 2 : Number(p);
  return torchVectorNorm(x, ord, dim, keepdims);
}

/** tf.norm: the flattened tensor without axis; a 2-tuple axis gives a matrix norm. */
function tfNorm(lib: Library, a: Args): Tensor {
  const x = tensorOf(lib, a.x);
  if (!ops.isFloatDtype(x.dt)) throw new InvalidArgumentError(`Value for attr 'T' of ${x.dt} is not in the list of allowed values: bfloat16, half, float, double, complex64, complex128 [Op:Mul]`);
  const ord = a.ord ?? 'euclidean', keepdims = Boolean(a.keepdims);
  const axis = a.axis === undefined || a.axis === null ? null : axisArg(a.axis);
  const axisText = Array.isArray(a.axis) ? `(${a.axis.join(', ')})` : String(a.axis);
  if (Array.isArray(axis) && axis.length === 2) {
    if (axis[0] === axis[1]) throw pyError('ValueError', `'axis' must be None, an integer, or a tuple of 2 unique integers, got ${axisText}`);
    if (!['euclidean', 'fro', 1, 2, Infinity].includes(ord)) throw pyError('ValueError', `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${ordText(ord)}`);
    const [r, c] = axis.map((v) => normAxis(v, x.dims.length, 'norm'));
    return matrixNorm(x, ord === 'euclidean' ? 'fro' : ord, r, c, keepdims);
  }
  if (Array.isArray(axis)) throw pyError('ValueError', `'axis' must be None, an integer, or a tuple of 2 unique integers, got ${axisText}`);
  if (!(ord === 'euclidean' || ord === 'fro' || (typeof ord === 'number' && ord > 0))) throw pyError('ValueError', `'ord' must be a supported vector norm, got ${ordText(ord)}`);
  const p = ord === 'euclidean' || ord === 'fro' ? 2 : ord;
  if (axis === null) {
    const r = vectorNorm(ops.reshape(x, [-1]), p, [0], false);
    return keepdims ? ops.reshape(r, x.dims.map(() => 1)) : r;
  }
  return vectorNorm(x, p, [normAxis(axis, x.dims.length, 'norm')], keepdims);
}

export const normRows: OpRow[] = [
  row({
    name: 'norm', doc: 'Matrix or vector norm (the 2-norm of the flattened input by default; ord selects others).',
    impl: (a, lib) => finish(lib, numpyNorm(lib, a), [a.x]),
    variants: {
      torch: (a, lib) => finish(lib, torchLegacyNorm(lib, a), [a.x]),
      tensorflow: (a, lib) => finish(lib, tfNorm(lib, a), [a.x]),
    },
    np: 'linalg.norm(x, ord=None, axis=None, keepdims=False)', jnp: 'linalg.norm(x, ord=None, axis=None, keepdims=False)',
    torch: 'norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None)',
    tf: ['norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None)', 'linalg.norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None)'],
    methods: { torch: 'norm(p="fro", dim=None, keepdim=False, dtype=None)' },
  }),
  row({
    name: 'linalg_norm', doc: 'torch.linalg.norm: a vector or matrix norm (a string ord, or a 2-D input with ord and no dim, is a matrix norm).',
    impl: (a, lib) => finish(lib, torchLinalgNorm(lib, a), [a.x]),
    torch: 'linalg.norm(A, ord=None, dim=None, keepdim=False, *, out=None, dtype=None)', rename: { A: 'x' },
  }),
  row({
    name: 'vector_norm', doc: 'The vector norm over the given axes (all of them by default).',
    impl: (a, lib) => {
      const x = floatInput(lib, tensorOf(lib, a.x));
      const axis = axisArg(a.axis);
      if (isStr(a.ord)) throw pyError('ValueError', `Invalid order '${a.ord}' for vector norm.`);
      return finish(lib, vectorNorm(x, Number(a.ord ?? 2), axis === null ? null : typeof axis === 'number' ? [axis] : axis, Boolean(a.keepdims)), [a.x]);
    },
    variants: {
      torch: (a, lib) => {
        const x = torchFloat(tensorOf(lib, a.x), 'linalg.vector_norm', a, lib);
        return finish(lib, torchVectorNorm(x, a.ord ?? 2, torchDims(a.axis), Boolean(a.keepdims)), [a.x]);
      },
    },
    jnp: 'linalg.vector_norm(x, /, *, axis=None, keepdims=False, ord=2)', torch: 'linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None, out=None)',
  }),
  row({
    name: 'matrix_norm', doc: 'The matrix norm over the last two axes (Frobenius by default).',
    impl: (a, lib) => finish(lib, numpyNorm(lib, { x: a.x, ord: a.ord ?? 'fro', axis: [-2, -1], keepdims: a.keepdims }), [a.x]),
    variants: {
      torch: (a, lib) => {
        const x = torchFloat(tensorOf(lib, a.x), 'linalg.matrix_norm', a, lib);
        return finish(lib, torchMatrixNorm(x, a.ord ?? 'fro', torchDims(a.axis) ?? [-2, -1], Boolean(a.keepdims)), [a.x]);
      },
    },
    jnp: 'linalg.matrix_norm(x, /, *, keepdims=False, ord="fro")', torch: 'linalg.matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None, out=None)',
    rename: { A: 'x' },
  }),
];
