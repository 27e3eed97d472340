// The NumPy-named functions shared by `np` and `jnp` (same names, same arguments).
import * as ops from '../ops/index.js';
import { zeros, ones, full, eye, arange, linspace } from '../tensor/create.js';
import { isDType, type DType } from '../tensor/dtype.js';
import { Tensor, type Flavor } from '../tensor/tensor.js';
import { pyfn } from './args.js';
import { toTensorOf } from './pack.js';
import { flavored } from './flavor.js';

function dt(d: unknown): DType | undefined {
  if (d === undefined || d === null) return undefined;
  if (!isDType(d)) throw new TypeError(`data type '${String(d)}' not understood`);
  return d;
}

export function numpyFunctions(flavor: Flavor, prefix: string) {
  const fn = <R>(name: string, names: string[], impl: (a: Record<string, any>) => R) => pyfn(`${prefix}.${name}`, names, impl);
  const u = (name: string, f: (x: ops.TensorLike) => Tensor) => fn(name, ['x'], (a) => f(a.x));
  const b = (name: string, f: (x: ops.TensorLike, y: ops.TensorLike) => Tensor) => fn(name, ['x1', 'x2'], (a) => f(a.x1, a.x2));
  const r = (name: string, f: (x: ops.TensorLike, axis?: ops.Axis, keepdims?: boolean) => Tensor) =>
    fn(name, ['a', 'axis', 'dtype', 'out', 'keepdims'], (a) => f(a.a, a.axis, a.keepdims));
  const array = fn('array', ['object', 'dtype'], (a) => toTensorOf(a.object, dt(a.dtype), flavor));
  return flavored(flavor, {
    array, asarray: array,
    zeros: fn('zeros', ['shape', 'dtype'], (a) => zeros(typeof a.shape === 'number' ? [a.shape] : a.shape, dt(a.dtype), flavor)),
    ones: fn('ones', ['shape', 'dtype'], (a) => ones(typeof a.shape === 'number' ? [a.shape] : a.shape, dt(a.dtype), flavor)),
    full: fn('full', ['shape', 'fill_value', 'dtype'], (a) => full(typeof a.shape === 'number' ? [a.shape] : a.shape, a.fill_value, dt(a.dtype), flavor)),
    zeros_like: fn('zeros_like', ['a', 'dtype'], (a) => { const t = ops.toTensor(a.a); return zeros(t.dims, dt(a.dtype) ?? t.dt, flavor); }),
    ones_like: fn('ones_like', ['a', 'dtype'], (a) => { const t = ops.toTensor(a.a); return ones(t.dims, dt(a.dtype) ?? t.dt, flavor); }),
    full_like: fn('full_like', ['a', 'fill_value', 'dtype'], (a) => { const t = ops.toTensor(a.a); return full(t.dims, a.fill_value, dt(a.dtype) ?? t.dt, flavor); }),
    eye: fn('eye', ['N', 'M', 'k', 'dtype'], (a) => eye(a.N, a.M ?? a.N, dt(a.dtype), flavor)),
    identity: fn('identity', ['n', 'dtype'], (a) => eye(a.n, a.n, dt(a.dtype), flavor)),
    arange: fn('arange', ['start', 'stop', 'step', 'dtype'], (a) => arange(a.start, a.stop ?? undefined, a.step ?? 1, dt(a.dtype), flavor)),
    linspace: fn('linspace', ['start', 'stop', 'num', 'endpoint', 'dtype'], (a) => linspace(a.start, a.stop, a.num ?? 50, a.endpoint ?? true, dt(a.dtype), flavor)),
    abs: u('abs', ops.abs), absolute: u('absolute', ops.abs), negative: u('negative', ops.neg), sign: u('sign', ops.sign),
    exp: u('exp', ops.exp), log: u('log', ops.log), log1p: u('log1p', ops.log1p), expm1: u('expm1', ops.expm1),
    sqrt: u('sqrt', ops.sqrt), square: u('square', ops.square), reciprocal: u('reciprocal', ops.reciprocal),
    sin: u('sin', ops.sin), cos: u('cos', ops.cos), tan: u('tan', ops.tan), arcsin: u('arcsin', ops.asin),
    arccos: u('arccos', ops.acos), arctan: u('arctan', ops.atan), sinh: u('sinh', ops.sinh), cosh: u('cosh', ops.cosh),
    tanh: u('tanh', ops.tanh), floor: u('floor', ops.floor), ceil: u('ceil', ops.ceil), round: u('round', ops.round),
    logical_not: u('logical_not', ops.logical_not),
    add: b('add', ops.add), subtract: b('subtract', ops.sub), multiply: b('multiply', ops.mul), divide: b('divide', ops.div),
    true_divide: b('true_divide', ops.div), power: b('power', ops.pow), maximum: b('maximum', ops.maximum),
    minimum: b('minimum', ops.minimum), mod: b('mod', ops.mod), remainder: b('remainder', ops.mod),
    floor_divide: b('floor_divide', ops.floordiv), arctan2: b('arctan2', ops.atan2), equal: b('equal', ops.equal),
    not_equal: b('not_equal', ops.not_equal), less: b('less', ops.less), less_equal: b('less_equal', ops.less_equal),
    greater: b('greater', ops.greater), greater_equal: b('greater_equal', ops.greater_equal),
    logical_and: b('logical_and', ops.logical_and), logical_or: b('logical_or', ops.logical_or), logical_xor: b('logical_xor', ops.logical_xor),
    sum: r('sum', ops.sum), mean: r('mean', ops.mean), prod: r('prod', ops.prod), max: r('max', ops.max), min: r('min', ops.min),
    amax: r('amax', ops.max), amin: r('amin', ops.min), any: r('any', ops.any), all: r('all', ops.all),
    var: fn('var', ['a', 'axis', 'dtype', 'out', 'ddof', 'keepdims'], (a) => ops.variance(a.a, a.axis, a.keepdims, a.ddof ?? 0)),
    std: fn('std', ['a', 'axis', 'dtype', 'out', 'ddof', 'keepdims'], (a) => ops.std(a.a, a.axis, a.keepdims, a.ddof ?? 0)),
    argmax: fn('argmax', ['a', 'axis'], (a) => ops.argmax(a.a, a.axis)),
    argmin: fn('argmin', ['a', 'axis'], (a) => ops.argmin(a.a, a.axis)),
    cumsum: fn('cumsum', ['a', 'axis'], (a) => ops.cumsum(a.a, a.axis)),
    matmul: b('matmul', ops.matmul), dot: fn('dot', ['a', 'b'], (a) => ops.dot(a.a, a.b)), outer: fn('outer', ['a', 'b'], (a) => ops.outer(a.a, a.b)),
    tensordot: fn('tensordot', ['a', 'b', 'axes'], (a) => ops.tensordot(a.a, a.b, a.axes ?? 2)),
    einsum: (subscripts: string, ...operands: ops.TensorLike[]) => ops.einsum(subscripts, ...operands),
    reshape: fn('reshape', ['a', 'newshape'], (a) => ops.reshape(a.a, a.newshape)),
    transpose: fn('transpose', ['a', 'axes'], (a) => ops.transpose(a.a, a.axes)),
    expand_dims: fn('expand_dims', ['a', 'axis'], (a) => ops.expandDims(a.a, a.axis)),
    squeeze: fn('squeeze', ['a', 'axis'], (a) => ops.squeeze(a.a, a.axis)),
    ravel: fn('ravel', ['a'], (a) => ops.flatten(a.a)),
    stack: fn('stack', ['arrays', 'axis'], (a) => ops.stack(a.arrays, a.axis ?? 0)),
    concatenate: fn('concatenate', ['arrays', 'axis'], (a) => ops.concat(a.arrays, a.axis ?? 0)),
    split: fn('split', ['ary', 'indices_or_sections', 'axis'], (a) => ops.split(a.ary, a.indices_or_sections, a.axis ?? 0)),
    tile: fn('tile', ['A', 'reps'], (a) => ops.tile(a.A, a.reps)),
    broadcast_to: fn('broadcast_to', ['array', 'shape'], (a) => ops.broadcastTo(a.array, a.shape)),
    take: fn('take', ['a', 'indices', 'axis'], (a) => (a.axis === undefined ? ops.gather(ops.flatten(a.a), a.indices, 0) : ops.gather(a.a, a.indices, a.axis))),
    where: fn('where', ['condition', 'x', 'y'], (a) => ops.where(a.condition, a.x, a.y)),
    linalg_norm: fn('norm', ['x', 'ord', 'axis', 'keepdims'], (a) => ops.vectorNorm(a.x, a.ord ?? 2, a.axis, a.keepdims)),
  });
}

export const dtypeNames = { float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', bool: 'bool', bool_: 'bool' } as const;
