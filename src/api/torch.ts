// The `torch` facade: PyTorch's names (dim/keepdim), autograd on requires_grad tensors, and
// torch.autograd.functional.
import * as ops from '../ops/index.js';
import { tensor as makeTensor, zeros, ones, full, eye, arange, linspace } from '../tensor/create.js';
import { randomNormal, randomUniform, setGlobalSeed } from '../tensor/random.js';
import { isDType, type DType } from '../tensor/dtype.js';
import { Shape, Tensor } from '../tensor/tensor.js';
import * as autograd from '../autodiff/torch_autograd.js';
import * as functional from '../autodiff/torch_functional.js';
import { pyfn } from './args.js';
import { flavored } from './flavor.js';
import { documented } from './docs.js';

const F = 'torch' as const;
const dt = (d: unknown): DType | undefined => {
  if (d === undefined || d === null) return undefined;
  if (!isDType(d)) throw new TypeError(`invalid dtype: ${String(d)}`);
  return d;
};
const dims = (a: unknown[]): number[] => (a.length === 1 && Array.isArray(a[0]) ? [...(a[0] as number[])] : (a as number[]));
const grad = (t: Tensor, requires: boolean | undefined) => (requires ? autograd.requiresGrad(t) : t);

/** Size arguments as torch takes them: torch.zeros(2, 3) or torch.zeros([2, 3], { dtype }). */
function sized(make: (d: number[], dtype: DType | undefined) => Tensor) {
  return (...args: unknown[]) => {
    const last = args[args.length - 1];
    const o = typeof last === 'object' && last !== null && !Array.isArray(last) ? (args.pop() as { dtype?: DType; requires_grad?: boolean }) : {};
    return grad(make(dims(args), dt(o.dtype)), o.requires_grad);
  };
}

const tensor = pyfn('torch.tensor', ['data', 'dtype', 'device', 'requires_grad'], (a) =>
  grad(makeTensor(a.data, dt(a.dtype), F), a.requires_grad));

const reduce = (name: string, f: (x: ops.TensorLike, axis?: ops.Axis, keepdims?: boolean) => Tensor) =>
  pyfn(`torch.${name}`, ['input', 'dim', 'keepdim', 'dtype'], (a) => f(a.input, a.dim, a.keepdim));

export const torch = {
  ...flavored(F, {
    tensor: documented(tensor, 'torch.tensor(data, dtype=None, requires_grad=False)', 'Constructs a tensor with no autograd history by copying data. JS numbers become float32.'),
    as_tensor: tensor,
    zeros: sized((d, t) => zeros(d, t ?? 'float32', F)),
    ones: sized((d, t) => ones(d, t ?? 'float32', F)),
    randn: sized((d, t) => randomNormal(d, 0, 1, { dtype: t, flavor: F })),
    rand: sized((d, t) => randomUniform(d, 0, 1, { dtype: t, flavor: F })),
    full: pyfn('torch.full', ['size', 'fill_value', 'dtype', 'requires_grad'], (a) => grad(full(a.size, a.fill_value, dt(a.dtype), F), a.requires_grad)),
    eye: pyfn('torch.eye', ['n', 'm', 'dtype'], (a) => eye(a.n, a.m ?? a.n, dt(a.dtype), F)),
    arange: pyfn('torch.arange', ['start', 'end', 'step', 'dtype'], (a) => arange(a.end === undefined ? 0 : a.start, a.end ?? a.start, a.step ?? 1, dt(a.dtype) ?? (Number.isInteger(a.start) && Number.isInteger(a.end ?? 0) && Number.isInteger(a.step ?? 1) ? 'int64' : 'float32'), F)),
    linspace: pyfn('torch.linspace', ['start', 'end', 'steps', 'dtype'], (a) => linspace(a.start, a.end, a.steps, true, dt(a.dtype) ?? 'float32', F)),
    zeros_like: (x: Tensor) => zeros(x.dims, x.dt, F),
    ones_like: (x: Tensor) => ones(x.dims, x.dt, F),
    stack: pyfn('torch.stack', ['tensors', 'dim'], (a) => ops.stack(a.tensors, a.dim ?? 0)),
    cat: pyfn('torch.cat', ['tensors', 'dim'], (a) => ops.concat(a.tensors, a.dim ?? 0)),
    sum: reduce('sum', ops.sum), mean: reduce('mean', ops.mean), prod: reduce('prod', ops.prod),
    amax: reduce('amax', ops.max), amin: reduce('amin', ops.min),
    max: pyfn('torch.max', ['input', 'other'], (a) => (a.other === undefined ? ops.max(a.input) : ops.maximum(a.input, a.other))),
    min: pyfn('torch.min', ['input', 'other'], (a) => (a.other === undefined ? ops.min(a.input) : ops.minimum(a.input, a.other))),
    argmax: pyfn('torch.argmax', ['input', 'dim'], (a) => ops.argmax(a.input, a.dim)),
    argmin: pyfn('torch.argmin', ['input', 'dim'], (a) => ops.argmin(a.input, a.dim)),
    cumsum: pyfn('torch.cumsum', ['input', 'dim'], (a) => ops.cumsum(a.input, a.dim)),
    std: pyfn('torch.std', ['input', 'dim', 'unbiased', 'keepdim'], (a) => ops.std(a.input, a.dim, a.keepdim, a.unbiased === false ? 0 : 1)),
    var: pyfn('torch.var', ['input', 'dim', 'unbiased', 'keepdim'], (a) => ops.variance(a.input, a.dim, a.keepdim, a.unbiased === false ? 0 : 1)),
    norm: pyfn('torch.norm', ['input', 'p', 'dim', 'keepdim'], (a) => ops.vectorNorm(a.input, a.p ?? 2, a.dim, a.keepdim)),
    add: ops.add, sub: ops.sub, mul: ops.mul, div: ops.div, pow: ops.pow, neg: ops.neg, abs: ops.abs,
    maximum: ops.maximum, minimum: ops.minimum, remainder: ops.mod, atan2: ops.atan2,
    exp: ops.exp, log: ops.log, log1p: ops.log1p, expm1: ops.expm1, sqrt: ops.sqrt, rsqrt: ops.rsqrt, square: ops.square,
    sin: ops.sin, cos: ops.cos, tan: ops.tan, asin: ops.asin, acos: ops.acos, atan: ops.atan, sinh: ops.sinh, cosh: ops.cosh,
    tanh: ops.tanh, sigmoid: ops.sigmoid, relu: ops.relu, erf: ops.erf, floor: ops.floor, ceil: ops.ceil, round: ops.round, sign: ops.sign,
    eq: ops.equal, ne: ops.not_equal, lt: ops.less, le: ops.less_equal, gt: ops.greater, ge: ops.greater_equal,
    where: ops.where, matmul: ops.matmul, mm: ops.matmul, bmm: ops.matmul, dot: ops.dot, outer: ops.outer,
    einsum: (eq: string, ...xs: ops.TensorLike[]) => ops.einsum(eq, ...(xs.length === 1 && Array.isArray(xs[0]) ? (xs[0] as ops.TensorLike[]) : xs)),
    reshape: (x: ops.TensorLike, shape: number[]) => ops.reshape(x, shape),
    flatten: ops.flatten,
    squeeze: (x: ops.TensorLike, dim?: number) => ops.squeeze(x, dim),
    unsqueeze: (x: ops.TensorLike, dim: number) => ops.expandDims(x, dim),
    transpose: (x: Tensor, d0: number, d1: number) => x.transpose(d0, d1),
    permute: (x: ops.TensorLike, dims: number[]) => ops.transpose(x, dims),
    softmax: pyfn('torch.softmax', ['input', 'dim'], (a) => ops.softmax(a.input, a.dim ?? -1)),
    log_softmax: pyfn('torch.log_softmax', ['input', 'dim'], (a) => ops.log_softmax(a.input, a.dim ?? -1)),
    logsumexp: pyfn('torch.logsumexp', ['input', 'dim', 'keepdim'], (a) => ops.logsumexp(a.input, a.dim, a.keepdim)),
  }),
  Size: (d: number[]) => Shape.of2(d, F),
  Tensor,
  manual_seed: (s: number) => setGlobalSeed(s),
  no_grad: autograd.noGrad,
  float32: 'float32', float64: 'float64', float: 'float32', double: 'float64', int32: 'int32', int64: 'int64', long: 'int64', int: 'int32', bool: 'bool',
  autograd: {
    grad: autograd.grad,
    backward: (t: Tensor, gradient?: Tensor) => autograd.backward(t, gradient ?? null),
    functional: {
      jvp: documented(functional.jvp, 'torch.autograd.functional.jvp(func, inputs, v=None, create_graph=False, strict=False)', 'Returns [func_output, jvp]: the output of func at inputs and the Jacobian-vector product with v.'),
      vjp: documented(functional.vjp, 'torch.autograd.functional.vjp(func, inputs, v=None, create_graph=False, strict=False)', 'Returns [func_output, vjp]: the output of func at inputs and the vector-Jacobian product of v with the Jacobian.'),
      jacobian: functional.jacobian,
      hessian: functional.hessian,
      hvp: functional.hvp,
      vhp: functional.vhp,
    },
  },
  nn: { functional: flavored(F, { relu: ops.relu, sigmoid: ops.sigmoid, tanh: ops.tanh, softplus: ops.softplus, softmax: (x: ops.TensorLike, dim = -1) => ops.softmax(x, dim), log_softmax: (x: ops.TensorLike, dim = -1) => ops.log_softmax(x, dim) }) },
};
