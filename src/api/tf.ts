// The `tf` facade: TensorFlow's names, argument names and behaviour (dtype mismatches raise).
import * as ops from '../ops/index.js';
import { tensor as makeTensor, zeros, ones, full, eye, arange, linspace } from '../tensor/create.js';
import { randomNormal, randomUniform, setGlobalSeed } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { isDType, type DType } from '../tensor/dtype.js';
import { ForwardAccumulator } from '../autodiff/forward_accumulator.js';
import { GradientTape } from '../autodiff/gradient_tape.js';
import { pyclass, pyfn } from './args.js';
import { asFlavor, flavored } from './flavor.js';
import { toTensorOf } from './pack.js';
import { Dense } from './keras.js';
import { documented } from './docs.js';

const F = 'tf' as const;

function dtypeOf(d: unknown): DType | undefined {
  if (d === undefined || d === null) return undefined;
  if (!isDType(d)) throw new TypeError(`Cannot convert ${String(d)} to a TensorFlow DType`);
  return d;
}

/** tf.constant(value, dtype=None, shape=None): a tensor from JS data (floats become float32). */
const constant = pyfn('tf.constant', ['value', 'dtype', 'shape', 'name'], (a) => {
  let t = a.value instanceof Variable ? a.value.value : a.value instanceof Tensor ? a.value : toTensorOf(a.value, dtypeOf(a.dtype), F);
  if (a.dtype !== undefined && t.dt !== a.dtype) t = ops.cast(t, dtypeOf(a.dtype)!);
  if (a.shape !== undefined && a.shape !== null) {
    t = t.size === 1 && a.shape.reduce((p: number, d: number) => p * d, 1) !== 1 ? ops.broadcastTo(t, a.shape) : ops.reshape(t, a.shape);
  }
  return t.flavor === F ? t : asFlavor(t, F);
});

class TfVariable extends Variable {
  constructor(...args: unknown[]) {
    const a = pyfn('tf.Variable', ['initial_value', 'trainable', 'name', 'dtype', 'shape'], (x) => x)(...args);
    const init = constant(a.initial_value, a.dtype);
    super(init, { name: a.name, trainable: a.trainable });
  }
}

const reduction = (name: string, f: (x: ops.TensorLike, axis?: ops.Axis, keepdims?: boolean) => Tensor) =>
  pyfn(`tf.${name}`, ['input_tensor', 'axis', 'keepdims', 'name'], (a) => f(a.input_tensor, a.axis, a.keepdims));

const unaryFns = {
  abs: ops.abs, negative: ops.neg, sign: ops.sign, exp: ops.exp, log: ops.log, log1p: ops.log1p, expm1: ops.expm1,
  sqrt: ops.sqrt, rsqrt: ops.rsqrt, square: ops.square, reciprocal: ops.reciprocal, sin: ops.sin, cos: ops.cos,
  tan: ops.tan, asin: ops.asin, acos: ops.acos, atan: ops.atan, sinh: ops.sinh, cosh: ops.cosh, tanh: ops.tanh,
  sigmoid: ops.sigmoid, erf: ops.erf, floor: ops.floor, ceil: ops.ceil, round: ops.round, softplus: ops.softplus,
  logical_not: ops.logical_not,
};
const binaryFns = {
  add: ops.add, subtract: ops.sub, multiply: ops.mul, divide: ops.div, truediv: ops.div, pow: ops.pow,
  maximum: ops.maximum, minimum: ops.minimum, floormod: ops.mod, mod: ops.mod, floordiv: ops.floordiv, atan2: ops.atan2,
  squared_difference: ops.squared_difference, equal: ops.equal, not_equal: ops.not_equal, less: ops.less,
  less_equal: ops.less_equal, greater: ops.greater, greater_equal: ops.greater_equal, logical_and: ops.logical_and,
  logical_or: ops.logical_or, logical_xor: ops.logical_xor,
};
const wrapUnary = (name: string, f: (x: ops.TensorLike) => Tensor) => pyfn(`tf.${name}`, ['x', 'name'], (a) => f(a.x));
const wrapBinary = (name: string, f: (x: ops.TensorLike, y: ops.TensorLike) => Tensor) => pyfn(`tf.${name}`, ['x', 'y', 'name'], (a) => f(a.x, a.y));
const unary = Object.fromEntries(Object.entries(unaryFns).map(([k, f]) => [k, wrapUnary(k, f)])) as Record<keyof typeof unaryFns, (...a: any[]) => Tensor>;
const binary = Object.fromEntries(Object.entries(binaryFns).map(([k, f]) => [k, wrapBinary(k, f)])) as Record<keyof typeof binaryFns, (...a: any[]) => Tensor>;

const reductions = {
  reduce_sum: reduction('reduce_sum', ops.sum),
  reduce_mean: reduction('reduce_mean', ops.mean),
  reduce_max: reduction('reduce_max', ops.max),
  reduce_min: reduction('reduce_min', ops.min),
  reduce_prod: reduction('reduce_prod', ops.prod),
  reduce_any: reduction('reduce_any', ops.any),
  reduce_all: reduction('reduce_all', ops.all),
  reduce_logsumexp: reduction('reduce_logsumexp', ops.logsumexp),
  reduce_variance: reduction('reduce_variance', (x, axis, k) => ops.variance(x, axis, k)),
  reduce_std: reduction('reduce_std', (x, axis, k) => ops.std(x, axis, k)),
};

const matmul = pyfn('tf.matmul', ['a', 'b', 'transpose_a', 'transpose_b', 'name'], (a) =>
  ops.matmul(a.transpose_a ? ops.matrixTranspose(a.a) : a.a, a.transpose_b ? ops.matrixTranspose(a.b) : a.b));
const norm = pyfn('tf.norm', ['tensor', 'ord', 'axis', 'keepdims', 'name'], (a) => ops.vectorNorm(a.tensor, a.ord ?? 'euclidean', a.axis, a.keepdims));
const einsum = (equation: string, ...inputs: ops.TensorLike[]) => ops.einsum(equation, ...inputs);
const softmax = pyfn('tf.nn.softmax', ['logits', 'axis', 'name'], (a) => ops.softmax(a.logits, a.axis ?? -1));
const logSoftmax = pyfn('tf.nn.log_softmax', ['logits', 'axis', 'name'], (a) => ops.log_softmax(a.logits, a.axis ?? -1));
const relu = pyfn('tf.nn.relu', ['features', 'name'], (a) => ops.relu(a.features));

const math = flavored(F, {
  ...unary, ...binary, ...reductions,
  argmax: pyfn('tf.math.argmax', ['input', 'axis', 'output_type', 'name'], (a) => ops.argmax(a.input, a.axis ?? 0)),
  argmin: pyfn('tf.math.argmin', ['input', 'axis', 'output_type', 'name'], (a) => ops.argmin(a.input, a.axis ?? 0)),
  cumsum: pyfn('tf.math.cumsum', ['x', 'axis', 'exclusive', 'reverse', 'name'], (a) => ops.cumsum(a.x, a.axis ?? 0, a.reverse ?? false)),
  reduce_euclidean_norm: reduction('reduce_euclidean_norm', (x, axis, k) => ops.vectorNorm(x, 2, axis, k)),
  sigmoid: wrapUnary('sigmoid', ops.sigmoid),
  softplus: wrapUnary('softplus', ops.softplus),
});

const nn = flavored(F, { relu, softmax, log_softmax: logSoftmax, sigmoid: math.sigmoid, tanh: math.tanh, softplus: math.softplus });

const shapeFns = flavored(F, {
  reshape: pyfn('tf.reshape', ['tensor', 'shape', 'name'], (a) => ops.reshape(a.tensor, a.shape)),
  transpose: pyfn('tf.transpose', ['a', 'perm', 'conjugate', 'name'], (a) => ops.transpose(a.a, a.perm)),
  expand_dims: pyfn('tf.expand_dims', ['input', 'axis', 'name'], (a) => ops.expandDims(a.input, a.axis)),
  squeeze: pyfn('tf.squeeze', ['input', 'axis', 'name'], (a) => ops.squeeze(a.input, a.axis)),
  stack: pyfn('tf.stack', ['values', 'axis', 'name'], (a) => ops.stack(a.values, a.axis ?? 0)),
  unstack: pyfn('tf.unstack', ['value', 'num', 'axis', 'name'], (a) => ops.unstack(a.value, a.axis ?? 0)),
  concat: pyfn('tf.concat', ['values', 'axis', 'name'], (a) => ops.concat(a.values, a.axis)),
  split: pyfn('tf.split', ['value', 'num_or_size_splits', 'axis', 'num', 'name'], (a) => ops.split(a.value, a.num_or_size_splits, a.axis ?? 0)),
  tile: pyfn('tf.tile', ['input', 'multiples', 'name'], (a) => ops.tile(a.input, a.multiples)),
  broadcast_to: pyfn('tf.broadcast_to', ['input', 'shape', 'name'], (a) => ops.broadcastTo(a.input, a.shape)),
  gather: pyfn('tf.gather', ['params', 'indices', 'validate_indices', 'axis', 'batch_dims', 'name'], (a) => ops.gather(a.params, a.indices, a.axis ?? 0)),
  where: pyfn('tf.where', ['condition', 'x', 'y', 'name'], (a) => ops.where(a.condition, a.x, a.y)),
  cast: pyfn('tf.cast', ['x', 'dtype', 'name'], (a) => ops.cast(a.x, dtypeOf(a.dtype)!)),
  stop_gradient: pyfn('tf.stop_gradient', ['input', 'name'], (a) => ops.stopGradient(a.input)),
  identity: pyfn('tf.identity', ['input', 'name'], (a) => ops.identity(ops.toTensor(a.input))),
  matmul, tensordot: pyfn('tf.tensordot', ['a', 'b', 'axes', 'name'], (a) => ops.tensordot(a.a, a.b, a.axes)),
  einsum, norm,
  zeros: pyfn('tf.zeros', ['shape', 'dtype', 'name'], (a) => zeros(a.shape, dtypeOf(a.dtype), F)),
  ones: pyfn('tf.ones', ['shape', 'dtype', 'name'], (a) => ones(a.shape, dtypeOf(a.dtype), F)),
  fill: pyfn('tf.fill', ['dims', 'value', 'name'], (a) => full(a.dims, a.value, typeof a.value === 'boolean' ? 'bool' : 'float32', F)),
  zeros_like: pyfn('tf.zeros_like', ['input', 'dtype', 'name'], (a) => { const t = ops.toTensor(a.input); return zeros(t.dims, dtypeOf(a.dtype) ?? t.dt, F); }),
  ones_like: pyfn('tf.ones_like', ['input', 'dtype', 'name'], (a) => { const t = ops.toTensor(a.input); return ones(t.dims, dtypeOf(a.dtype) ?? t.dt, F); }),
  eye: pyfn('tf.eye', ['num_rows', 'num_columns', 'batch_shape', 'dtype', 'name'], (a) => eye(a.num_rows, a.num_columns ?? a.num_rows, dtypeOf(a.dtype), F)),
  range: pyfn('tf.range', ['start', 'limit', 'delta', 'dtype', 'name'], (a) => arange(a.start, a.limit ?? undefined, a.delta ?? 1, dtypeOf(a.dtype), F)),
  linspace: pyfn('tf.linspace', ['start', 'stop', 'num', 'name', 'axis'], (a) => linspace(a.start, a.stop, a.num, true, 'float32', F)),
  convert_to_tensor: pyfn('tf.convert_to_tensor', ['value', 'dtype', 'dtype_hint', 'name'], (a) => constant(a.value, a.dtype)),
  shape: pyfn('tf.shape', ['input', 'out_type', 'name'], (a) => makeTensor(ops.toTensor(a.input).dims, 'int32', F)),
  size: pyfn('tf.size', ['input', 'out_type', 'name'], (a) => makeTensor(ops.toTensor(a.input).size, 'int32', F)),
  rank: pyfn('tf.rank', ['input', 'name'], (a) => makeTensor(ops.toTensor(a.input).dims.length, 'int32', F)),
});

const random = {
  normal: pyfn('tf.random.normal', ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'], (a) => randomNormal(a.shape, a.mean ?? 0, a.stddev ?? 1, { dtype: dtypeOf(a.dtype), seed: a.seed, flavor: F })),
  uniform: pyfn('tf.random.uniform', ['shape', 'minval', 'maxval', 'dtype', 'seed', 'name'], (a) => randomUniform(a.shape, a.minval ?? 0, a.maxval ?? 1, { dtype: dtypeOf(a.dtype), seed: a.seed, flavor: F })),
  set_seed: (seed: number) => setGlobalSeed(seed),
};

export const tf = {
  ...math,
  ...shapeFns,
  constant: documented(constant, 'tf.constant(value, dtype=None, shape=None, name=None)', 'Creates a constant tensor from a tensor-like object. JS numbers become float32 unless a dtype is given.'),
  Variable: pyclass(TfVariable),
  Tensor,
  math,
  nn,
  linalg: { matmul, norm, einsum, matrix_transpose: flavored(F, { t: ops.matrixTranspose }).t },
  random,
  GradientTape: pyclass(GradientTape),
  autodiff: { ForwardAccumulator: pyclass(ForwardAccumulator) },
  UnconnectedGradients: { NONE: 'none', ZERO: 'zero' } as const,
  keras: { layers: { Dense } },
  newaxis: null,
  float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', bool: 'bool',
  double: 'float64', float: 'float32',
} as const;

documented(tf.GradientTape, 'tf.GradientTape(persistent=False, watch_accessed_variables=True)', 'Record operations for automatic differentiation. Use `tape.run(() => ...)` or `using tape = new tf.GradientTape()`; then `tape.gradient(target, sources, { output_gradients, unconnected_gradients })`.');
documented(tf.autodiff.ForwardAccumulator, 'tf.autodiff.ForwardAccumulator(primals, tangents)', 'Computes Jacobian-vector products ("JVP"s) using forward-mode autodiff. Use `acc.run(() => ...)` or `using acc = new tf.autodiff.ForwardAccumulator(...)`; `acc.jvp(x)` looks the JVP up.');
documented(tf.reduce_sum, 'tf.reduce_sum(input_tensor, axis=None, keepdims=False, name=None)', 'Computes the sum of elements across dimensions of a tensor.');
