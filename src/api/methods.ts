// The libraries' tensor methods (x.add(y), x.sum(), x.reshape([2, 3]), x.numpy(), x.backward()...),
// attached to Tensor and Variable, and the tensor side of the cell operators.
import * as ops from '../ops/index.js';
import type { TensorLike, IndexSpec } from '../ops/index.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import type { DType } from '../tensor/dtype.js';
import { tensorOperators, type BinaryOperator } from './operators.js';
import { backward, detach, requiresGrad } from '../autodiff/torch_autograd.js';
import { kwargs } from './args.js';

type Axis = number | number[] | null | undefined;

export interface TensorMethods {
  add(y: TensorLike): Tensor; sub(y: TensorLike): Tensor; mul(y: TensorLike): Tensor; div(y: TensorLike): Tensor;
  pow(y: TensorLike): Tensor; mod(y: TensorLike): Tensor; neg(): Tensor; abs(): Tensor; exp(): Tensor; log(): Tensor;
  sqrt(): Tensor; square(): Tensor; sin(): Tensor; cos(): Tensor; tan(): Tensor; tanh(): Tensor; sigmoid(): Tensor; relu(): Tensor;
  sign(): Tensor; floor(): Tensor; ceil(): Tensor; round(): Tensor; reciprocal(): Tensor;
  lt(y: TensorLike): Tensor; le(y: TensorLike): Tensor; gt(y: TensorLike): Tensor; ge(y: TensorLike): Tensor;
  eq(y: TensorLike): Tensor; ne(y: TensorLike): Tensor; maximum(y: TensorLike): Tensor; minimum(y: TensorLike): Tensor;
  matmul(y: TensorLike): Tensor; dot(y: TensorLike): Tensor;
  sum(...a: unknown[]): Tensor; mean(...a: unknown[]): Tensor; prod(...a: unknown[]): Tensor; max(...a: unknown[]): Tensor;
  min(...a: unknown[]): Tensor; std(...a: unknown[]): Tensor; var(...a: unknown[]): Tensor; argmax(...a: unknown[]): Tensor;
  argmin(...a: unknown[]): Tensor; cumsum(...a: unknown[]): Tensor; norm(...a: unknown[]): Tensor;
  reshape(...shape: (number | number[])[]): Tensor; view(...shape: (number | number[])[]): Tensor; transpose(...a: unknown[]): Tensor;
  readonly T: Tensor; flatten(): Tensor; squeeze(axis?: number): Tensor; unsqueeze(dim: number): Tensor; expand_dims(axis: number): Tensor;
  astype(dtype: DType): Tensor; to(dtype: DType): Tensor; float(): Tensor; double(): Tensor; int(): Tensor; long(): Tensor; bool(): Tensor;
  softmax(axis?: number): Tensor; getItem(...specs: IndexSpec[]): Tensor;
  numpy(): Tensor; tolist(): unknown; item(): number | boolean | bigint; dim(): number; numel(): number;
  clone(): Tensor; detach(): Tensor; requires_grad_(flag?: boolean): Tensor; backward(gradient?: Tensor | null, options?: object): void;
}

declare module '../tensor/tensor.js' {
  interface Tensor extends TensorMethods {}
}
declare module '../tensor/variable.js' {
  interface Variable extends TensorMethods {}
}

const self = (x: Tensor | Variable): Tensor => (x instanceof Variable ? x.read() : x);

function reductionArgs(name: string, args: unknown[]): [Axis, boolean] {
  const a = kwargs(name, ['axis', 'keepdims'], args.map((v) => (isDimKw(v) ? renameTorch(v as Record<string, unknown>) : v)));
  return [a.axis ?? null, a.keepdims ?? false];
}
const isDimKw = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && ('dim' in v || 'keepdim' in v);
function renameTorch(o: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) r[k === 'dim' ? 'axis' : k === 'keepdim' ? 'keepdims' : k] = v;
  return r;
}

function shapeArgs(args: (number | number[])[]): number[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...args[0]] : (args as number[]);
}

function toList(t: Tensor): unknown {
  const values = Array.from(t.data as ArrayLike<number | bigint>, (v) => (t.dt === 'bool' ? v === 1 : v));
  const build = (d: number, off: number): unknown => {
    if (d === t.dims.length) return values[off];
    const stride = t.dims.slice(d + 1).reduce((p, x) => p * x, 1);
    return Array.from({ length: t.dims[d] }, (_, i) => build(d + 1, off + i * stride));
  };
  return build(0, 0);
}

const methods: TensorMethods & ThisType<Tensor | Variable> = {
  add(y) { return ops.add(self(this), y); },
  sub(y) { return ops.sub(self(this), y); },
  mul(y) { return ops.mul(self(this), y); },
  div(y) { return ops.div(self(this), y); },
  pow(y) { return ops.pow(self(this), y); },
  mod(y) { return ops.mod(self(this), y); },
  neg() { return ops.neg(self(this)); },
  abs() { return ops.abs(self(this)); },
  exp() { return ops.exp(self(this)); },
  log() { return ops.log(self(this)); },
  sqrt() { return ops.sqrt(self(this)); },
  square() { return ops.square(self(this)); },
  sin() { return ops.sin(self(this)); },
  cos() { return ops.cos(self(this)); },
  tan() { return ops.tan(self(this)); },
  tanh() { return ops.tanh(self(this)); },
  sigmoid() { return ops.sigmoid(self(this)); },
  relu() { return ops.relu(self(this)); },
  sign() { return ops.sign(self(this)); },
  floor() { return ops.floor(self(this)); },
  ceil() { return ops.ceil(self(this)); },
  round() { return ops.round(self(this)); },
  reciprocal() { return ops.reciprocal(self(this)); },
  lt(y) { return ops.less(self(this), y); },
  le(y) { return ops.less_equal(self(this), y); },
  gt(y) { return ops.greater(self(this), y); },
  ge(y) { return ops.greater_equal(self(this), y); },
  eq(y) { return ops.equal(self(this), y); },
  ne(y) { return ops.not_equal(self(this), y); },
  maximum(y) { return ops.maximum(self(this), y); },
  minimum(y) { return ops.minimum(self(this), y); },
  matmul(y) { return ops.matmul(self(this), y); },
  dot(y) { return ops.dot(self(this), y); },
  sum(...a) { return ops.sum(self(this), ...reductionArgs('sum', a)); },
  mean(...a) { return ops.mean(self(this), ...reductionArgs('mean', a)); },
  prod(...a) { return ops.prod(self(this), ...reductionArgs('prod', a)); },
  max(...a) { return ops.max(self(this), ...reductionArgs('max', a)); },
  min(...a) { return ops.min(self(this), ...reductionArgs('min', a)); },
  std(...a) { return ops.std(self(this), ...reductionArgs('std', a)); },
  var(...a) { return ops.variance(self(this), ...reductionArgs('var', a)); },
  argmax(...a) { const [axis] = reductionArgs('argmax', a); return ops.argmax(self(this), axis as number | null); },
  argmin(...a) { const [axis] = reductionArgs('argmin', a); return ops.argmin(self(this), axis as number | null); },
  cumsum(...a) { const [axis] = reductionArgs('cumsum', a); return ops.cumsum(self(this), axis as number | null); },
  norm(...a) { const o = kwargs('norm', ['ord', 'axis', 'keepdims'], a); return ops.vectorNorm(self(this), o.ord ?? 2, o.axis, o.keepdims); },
  reshape(...s) { return ops.reshape(self(this), shapeArgs(s)); },
  view(...s) { return ops.reshape(self(this), shapeArgs(s)); },
  transpose(...a) {
    const t = self(this);
    // torch's x.transpose(d0, d1) swaps two axes; NumPy's x.transpose(axes) permutes.
    if (t.flavor === 'torch' && a.length === 2 && typeof a[0] === 'number') {
      const n = t.dims.length;
      const perm = Array.from({ length: n }, (_, i) => i);
      const d0 = (a[0] as number) < 0 ? (a[0] as number) + n : (a[0] as number);
      const d1 = (a[1] as number) < 0 ? (a[1] as number) + n : (a[1] as number);
      [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
      return ops.transpose(t, perm);
    }
    const perm = a.length === 0 ? null : a.length === 1 ? (a[0] as number[] | null) : (a as number[]);
    return ops.transpose(t, perm);
  },
  get T() { return ops.transpose(self(this)); },
  flatten() { return ops.flatten(self(this)); },
  squeeze(axis) { return ops.squeeze(self(this), axis); },
  unsqueeze(dim) { return ops.expandDims(self(this), dim); },
  expand_dims(axis) { return ops.expandDims(self(this), axis); },
  astype(dtype) { return ops.cast(self(this), dtype); },
  to(dtype) { return ops.cast(self(this), dtype); },
  float() { return ops.cast(self(this), 'float32'); },
  double() { return ops.cast(self(this), 'float64'); },
  int() { return ops.cast(self(this), 'int32'); },
  long() { return ops.cast(self(this), 'int64'); },
  bool() { return ops.cast(self(this), 'bool'); },
  softmax(axis = -1) { return ops.softmax(self(this), axis); },
  getItem(...specs) { return ops.getItem(self(this), specs); },
  numpy() {
    const t = self(this);
    return new Tensor(t.dt, t.dims, t.data, 'numpy');
  },
  tolist() { return toList(self(this)); },
  item() {
    const t = self(this);
    if (t.size !== 1) throw new RangeError(`a Tensor with ${t.size} elements cannot be converted to Scalar`);
    const v = t.data[0];
    return t.dt === 'bool' ? v === 1 : v;
  },
  dim() { return self(this).dims.length; },
  numel() { return self(this).size; },
  clone() { return ops.identity(self(this)); },
  detach() { return detach(self(this)); },
  requires_grad_(flag = true) { return requiresGrad(self(this), flag); },
  backward(gradient, options) { backward(self(this), gradient ?? null, options as never); },
};

for (const proto of [Tensor.prototype, Variable.prototype]) {
  for (const key of Object.getOwnPropertyNames(methods)) {
    const desc = Object.getOwnPropertyDescriptor(methods, key)!;
    Object.defineProperty(proto, key, { ...desc, enumerable: false, configurable: true });
  }
}

const BINARY: Record<BinaryOperator, (a: TensorLike, b: TensorLike) => Tensor> = {
  '+': ops.add, '-': ops.sub, '*': ops.mul, '/': ops.div, '**': ops.pow, '%': ops.mod,
  '<': ops.less, '<=': ops.less_equal, '>': ops.greater, '>=': ops.greater_equal,
};

tensorOperators.binary = (op, a, b) => BINARY[op](a as TensorLike, b as TensorLike);
tensorOperators.unary = (op, a) => (op === '-' ? ops.neg(a as TensorLike) : ops.toTensor(a as TensorLike));
tensorOperators.getItem = (x, specs) => ops.getItem(x as TensorLike, specs as IndexSpec[]);

