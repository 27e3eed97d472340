// The libraries' tensor attributes and methods, on Tensor and Variable: each tensor has those of
// the library that made it (`a.sum(axis=0)` for NumPy, `t.sum(dim=0)` and `t.size()` for PyTorch;
// a TensorFlow tensor has no `.sum`, as in TensorFlow), generated from the op table, plus the
// attributes that are not operations (dtype, shape, size, ndim, T, item, tolist, numpy...).
import { Tensor, Shape } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { isFloat, itemsize as itemSizeOf, TORCH_TYPE_NAME, type DType } from '../tensor/dtype.js';
import { PyFloat } from '../tensor/scalars.js';
import type { Flavor } from '../tensor/tensor.js';
import * as ops from '../ops/index.js';
import { backward, detach, nodeOf, registerHook, requiresGrad, retainGrad } from '../autodiff/torch_autograd.js';
import { table } from './table/index.js';
import { callMethod, methodTable, type MethodEntry } from './generate.js';
import { libraryOf } from './lib/index.js';
import { dtypeArg, dtypeObject } from './dtype_objects.js';
import { pyError } from './errors.js';
import { registerMethodDocs } from './docs.js';
import { binary, iterate, len, getItem, truth, unary, type BinaryOperator } from './operators.js';
import { sameView, transposeView } from './views.js';
import { finish } from './kinds.js';
import { kwargs } from './args.js';
import { updateInPlace } from './mutation.js';
import { gradFnOf } from './torch/grad_fn.js';
import { atHelper } from './at.js';
import { TensorShape } from './tf/shape.js';
import { torchRandomMethods } from './facades/torch_random.js';

const FLAVORS: readonly Flavor[] = ['numpy', 'jax', 'torch', 'tf'];
const TABLES: Record<Flavor, Map<string, MethodEntry>> = {
  numpy: methodTable(table, 'numpy'), jax: methodTable(table, 'jax'), torch: methodTable(table, 'torch'), tf: methodTable(table, 'tf'),
};

/** Python's class names, for AttributeError messages. */
const CLASS: Record<Flavor, string> = {
  numpy: 'numpy.ndarray', jax: 'jaxlib.xla_extension.ArrayImpl', torch: 'Tensor', tf: 'tensorflow.python.framework.ops.EagerTensor',
};

export function attributeError(flavor: Flavor, name: string): Error {
  return pyError('AttributeError', `'${CLASS[flavor]}' object has no attribute '${name}'`);
}

const self = (x: Tensor | Variable): Tensor => (x instanceof Variable ? x.read() : x);
const flavorOf = (x: Tensor | Variable): Flavor => (x instanceof Variable ? 'tf' : x.flavor);

/** A JS value of one element, as Python's item() gives it: int, float (PyFloat when integral), bool. */
export function itemOf(t: Tensor): number | boolean | bigint | PyFloat {
  if (t.count !== 1) {
    if (t.flavor === 'torch') throw pyError('ValueError', `a Tensor with ${t.count} elements cannot be converted to Scalar`);
    throw pyError('ValueError', 'can only convert an array of size 1 to a Python scalar');
  }
  const v = t.values[0];
  if (t.dt === 'bool') return v === 1;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  return isFloat(t.dt) && Number.isInteger(v) ? new PyFloat(v) : v;
}

function toList(t: Tensor): unknown {
  const vals = t.values;
  const one = (i: number) => {
    const v = vals[i];
    if (t.dt === 'bool') return v === 1;
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
    return isFloat(t.dt) && Number.isInteger(v) ? new PyFloat(v) : v;
  };
  const build = (d: number, off: number): unknown => {
    if (d === t.dims.length) return one(off);
    const stride = t.dims.slice(d + 1).reduce((p, x) => p * x, 1);
    return Array.from({ length: t.dims[d] }, (_, i) => build(d + 1, off + i * stride));
  };
  return build(0, 0);
}

const LIB_NAME = { numpy: 'numpy', jax: 'jax', torch: 'torch', tf: 'tensorflow' } as const;

/** Attributes that are not table operations, per flavor (a getter, or a method when `method`). */
interface Member { get?: (this: Tensor | Variable) => unknown; method?: (this: Tensor | Variable, ...a: any[]) => unknown }
const MEMBERS: Record<string, Partial<Record<Flavor | 'all', Member>>> = {
  dtype: { all: { get() { return dtypeObject(LIB_NAME[flavorOf(this)], self(this).dt); } } },
  shape: { all: { get() { const f = flavorOf(this); return f === 'tf' ? TensorShape.of3(self(this).dims) : Shape.of2(self(this).dims, f); } } },
  ndim: { all: { get() { return self(this).dims.length; } } },
  size: {
    numpy: { get() { return self(this).count; } }, jax: { get() { return self(this).count; } },
    torch: { method(dim?: number) { const t = self(this); return dim === undefined ? Shape.of2(t.dims, 'torch') : t.dims[dim < 0 ? dim + t.dims.length : dim]; } },
  },
  itemsize: { numpy: { get() { return itemSizeOf(self(this).dt); } }, jax: { get() { return itemSizeOf(self(this).dt); } } },
  nbytes: { numpy: { get() { const t = self(this); return t.count * itemSizeOf(t.dt); } }, jax: { get() { const t = self(this); return t.count * itemSizeOf(t.dt); } } },
  T: {
    numpy: { get() { const t = self(this); return transposeView(finish(libraryOf('numpy'), ops.transpose(t), [t], false), t, t.dims.map((_, i) => t.dims.length - 1 - i)); } },
    jax: { get() { return finish(libraryOf('jax'), ops.transpose(self(this)), [this], false); } },
    torch: { get() { const t = self(this); return transposeView(finish(libraryOf('torch'), ops.transpose(t), [t], false), t, t.dims.map((_, i) => t.dims.length - 1 - i)); } },
  },
  mT: { all: { get() { const t = self(this); return finish(libraryOf(flavorOf(this)), ops.matrixTranspose(t), [t], false); } } },
  item: { all: { method() { return itemOf(self(this)); } } },
  tolist: { numpy: { method() { return toList(self(this)); } }, jax: { method() { return toList(self(this)); } }, torch: { method() { return toList(self(this)); } } },
  numpy: {
    torch: { method() { const t = self(this); if (t.requires_grad) throw pyError('RuntimeError', "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."); return sameView(toNumpy(t), t); } },
    tf: { method() { return toNumpy(self(this)); } },
  },
  dim: { torch: { method() { return self(this).dims.length; } } },
  numel: { torch: { method() { return self(this).count; } } },
  nelement: { torch: { method() { return self(this).count; } } },
  element_size: { torch: { method() { return itemSizeOf(self(this).dt); } } },
  is_floating_point: { torch: { method() { return isFloat(self(this).dt); } } },
  data: { torch: { get() { const t = self(this); return sameView(detach(t), t); } } },
  grad_fn: { torch: { get() { return gradFnOf(self(this)); } } },
  _version: { torch: { get() { return self(this).version; } } },
  is_leaf: { torch: { get() { const t = self(this); const n = nodeOf(t); return !t.requires_grad || n === undefined || n.backward === null; } } },
  detach: { torch: { method() { const t = self(this); return sameView(detach(t), t); } } },
  requires_grad_: { torch: { method(flag = true) { return requiresGrad(self(this), flag); } } },
  backward: { torch: { method(...a: unknown[]) { const o = kwargs('backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)', a); backward(self(this), (o.gradient as Tensor) ?? null, { retain_graph: o.retain_graph ?? undefined, create_graph: o.create_graph, inputs: o.inputs ?? undefined }); } } },
  to: { torch: { method(...a: unknown[]) { return castMethod(this, a.find((v) => dtypeArg(safe(v), 'torch') !== undefined) ?? null); } } },
  type: { torch: { method(d?: unknown) { return d === undefined ? `torch.${TORCH_TYPE_NAME[self(this).dt] ?? 'Float'}Tensor` : castMethod(this, d); } } },
  float: { torch: { method() { return castAs(this, 'float32'); } } },
  double: { torch: { method() { return castAs(this, 'float64'); } } },
  half: { torch: { method() { return castAs(this, 'float16'); } } },
  bfloat16: { torch: { method() { return castAs(this, 'bfloat16'); } } },
  int: { torch: { method() { return castAs(this, 'int32'); } } },
  long: { torch: { method() { return castAs(this, 'int64'); } } },
  short: { torch: { method() { return castAs(this, 'int16'); } } },
  bool: { torch: { method() { return castAs(this, 'bool'); } } },
  contiguous: { torch: { method() { return this; } } },
  is_contiguous: { torch: { method() { return true; } } },
  cpu: { torch: { method() { return this; } } },
  zero_: { torch: { method() { const t = self(this); return updateInPlace(t, ops.zerosLike(t), 'zero_'); } } },
  fill_: { torch: { method(v: unknown) { const t = self(this); return updateInPlace(t, ops.cast(ops.broadcastTo(libraryOf('torch').convert(v, t.dt), t.dims), t.dt), 'fill_'); } } },
  copy_: { torch: { method(src: unknown) { const t = self(this); return updateInPlace(t, ops.cast(ops.broadcastTo(libraryOf('torch').convert(src, t.dt), t.dims), t.dt), 'copy_'); } } },
  fill: { numpy: { method(v: unknown) { const t = self(this); updateInPlace(t, ops.cast(ops.broadcastTo(libraryOf('numpy').convert(v, t.dt), t.dims), t.dt), 'fill'); } } },
  view: { numpy: { method() { const t = self(this); return sameView(ops.identity(t), t); } } },
  at: { jax: { get() { return atHelper(self(this)); } } },
  uniform_: { torch: { method(...a: unknown[]) { return torchRandomMethods.uniform_.call(self(this), ...(a as [number, number])); } } },
  normal_: { torch: { method(...a: unknown[]) { return torchRandomMethods.normal_.call(self(this), ...(a as [number, number])); } } },
  random_: { torch: { method(...a: unknown[]) { return torchRandomMethods.random_.call(self(this), ...(a as [number, number])); } } },
  bernoulli_: { torch: { method(p?: number) { return torchRandomMethods.bernoulli_.call(self(this), p); } } },
  register_hook: { torch: { method(h: (g: Tensor) => Tensor | void) { return registerHook(self(this), h); } } },
  retain_grad: { torch: { method() { retainGrad(self(this)); } } },
  device: { all: { get() { return flavorOf(this) === 'torch' ? DEVICE : flavorOf(this) === 'tf' ? '/job:localhost/replica:0/task:0/device:CPU:0' : CPU_DEVICE; } } },
};

/**
 * The TypeScript dialect of Python's operators, for code outside cells (where `x * y` is not
 * rewritten): `x.mul(y)` is `x * y` with the library's rules. A library method of the same name
 * (torch's `add(other, alpha=1)`) takes precedence.
 */
const OPERATOR_METHODS: Record<string, BinaryOperator> = {
  add: '+', sub: '-', mul: '*', div: '/', truediv: '/', floordiv: '//', pow: '**', mod: '%', matmul: '@',
  lt: '<', le: '<=', gt: '>', ge: '>=', eq: '==', ne: '!=', and: '&', or: '|', xor: '^', lshift: '<<', rshift: '>>',
};
const DIALECT: Record<string, Member> = {
  ...Object.fromEntries(Object.entries(OPERATOR_METHODS).map(([name, op]) => [name, { method(this: Tensor | Variable, y: unknown) { return binary(op, this, y); } }])),
  neg: { method() { return unary('-', this); } },
};

const DEVICE = Object.freeze({ type: 'cpu', toString: () => 'cpu', [Symbol.for('jacobi.repr')]: () => "device(type='cpu')" });
const CPU_DEVICE = Object.freeze({ platform: 'cpu', id: 0, toString: () => 'TFRT_CPU_0', [Symbol.for('jacobi.repr')]: () => 'CpuDevice(id=0)' });


function safe(v: unknown): unknown {
  return typeof v === 'string' && !/^(torch\.)?[a-z0-9]+$/.test(v) ? undefined : v;
}

function castAs(x: Tensor | Variable, dt: DType): Tensor {
  const t = self(x);
  return t.dt === dt ? t : finish(libraryOf(flavorOf(x)), ops.cast(t, dt), [t], false);
}

function castMethod(x: Tensor | Variable, d: unknown): Tensor {
  if (d === null || d === undefined) return self(x);
  const dt = dtypeArg(d, 'torch', 'to')!;
  return castAs(x, dt);
}

function toNumpy(t: Tensor): Tensor {
  const r = new Tensor(t.dt, t.dims, t.share(), 'numpy');
  // A 0-d TensorFlow tensor's numpy() is a NumPy scalar.
  if (t.dims.length === 0 && t.flavor === 'tf') r.scalar = true;
  return r;
}

/** Every name any flavor has, each dispatching on the flavor of the tensor it is read from. */
function install(proto: object): void {
  const names = new Set<string>([...Object.keys(MEMBERS), ...Object.keys(DIALECT)]);
  for (const f of FLAVORS) for (const n of TABLES[f].keys()) names.add(n);
  for (const name of names) {
    const member = MEMBERS[name];
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: Tensor | Variable) {
        const f = flavorOf(this);
        const m = member?.[f] ?? member?.all;
        if (m?.get) return m.get.call(this);
        if (m?.method) return m.method.bind(this);
        const entry = TABLES[f].get(name);
        if (entry === undefined) {
          if (DIALECT[name]) return DIALECT[name].method!.bind(this);
          throw attributeError(f, name);
        }
        const lib = libraryOf(f);
        const target = this;
        return (...args: unknown[]) => callMethod(entry, target, lib, args);
      },
    });
  }
  // In-place torch methods: `add_` is `add` whose result replaces the tensor's values.
  for (const [name] of TABLES.torch) {
    if (name.endsWith('_') || INPLACE_SKIP.has(name)) continue;
    const inplace = `${name}_`;
    if (Object.prototype.hasOwnProperty.call(proto, inplace)) continue;
    Object.defineProperty(proto, inplace, {
      configurable: true,
      enumerable: false,
      get(this: Tensor | Variable) {
        const f = flavorOf(this);
        if (f !== 'torch') throw attributeError(f, inplace);
        const t = self(this);
        const entry = TABLES.torch.get(name)!;
        return (...args: unknown[]) => updateInPlace(t, callMethod(entry, t, libraryOf('torch'), args) as Tensor, inplace);
      },
    });
  }
}

/** Torch methods with no in-place form (queries, reductions, views). */
const INPLACE_SKIP = new Set(['sum', 'prod', 'mean', 'var', 'std', 'max', 'min', 'amax', 'amin', 'argmax', 'argmin', 'any', 'all', 'logsumexp',
  'count_nonzero', 'reshape', 'view', 'permute', 'split', 'chunk', 'unbind', 'expand', 'flatten', 'ravel', 'isnan', 'isinf', 'isfinite',
  'allclose', 'isclose', 'equal', 'dot', 'matmul', 'mm', 'bmm', 'outer', 'norm', 'trace', 'diagonal', 'index_select', 'repeat', 'repeat_interleave', 'flip',
  'roll', 'clone', 'where', 'softmax', 'log_softmax', 'moveaxis', 'movedim', 'swapaxes', 'unsqueeze', 'squeeze', 'transpose', 't', 'tile',
  'sort', 'argsort', 'msort', 'unique', 'nonzero', 'argwhere', 'median', 'nanmedian', 'quantile', 'nanquantile', 'diff', 'nansum', 'nanmean',
  'take_along_dim', 'gather']);

for (const proto of [Tensor.prototype, Variable.prototype]) install(proto);

/** Python's names of each flavor's tensor type, as help shows its methods. */
export const TENSOR_TYPE: Record<Flavor, string> = { numpy: 'np.ndarray', jax: 'jax.Array', torch: 'torch.Tensor', tf: 'tf.Tensor' };

// `t.sum?` and Shift-Tab on a tensor method: the op table's signature, doc and example.
registerMethodDocs((x, name) => {
  if (!(x instanceof Tensor || x instanceof Variable)) return undefined;
  const entry = TABLES[flavorOf(x)].get(name);
  return entry && { signature: `${TENSOR_TYPE[flavorOf(x)]}.${entry.text}`, doc: entry.row.doc, row: entry.row };
});

// Python's iteration, truth, len and indexing, for the cells and for spread/destructuring.
for (const proto of [Tensor.prototype, Variable.prototype]) {
  type T = Tensor | Variable;
  Object.defineProperty(proto, Symbol.iterator, { configurable: true, value(this: T) { return iterate(this)[Symbol.iterator](); } });
  Object.defineProperty(proto, '__len__', { configurable: true, value(this: T) { return len(this); } });
  Object.defineProperty(proto, '__bool__', { configurable: true, value(this: T) { return truth(this); } });
  Object.defineProperty(proto, '__getitem__', { configurable: true, value(this: T, ...specs: unknown[]) { return getItem(this, ...specs); } });
  Object.defineProperty(proto, 'getItem', { configurable: true, value(this: T, ...specs: unknown[]) { return getItem(this, ...specs); } });
}

declare module '../tensor/tensor.js' {
  interface Tensor {
    readonly dtype: unknown;
    readonly T: Tensor;
    getItem(...specs: unknown[]): Tensor;
    item(): number | boolean | bigint | PyFloat;
    tolist(): unknown;
    [name: string]: any;
  }
}
declare module '../tensor/variable.js' {
  interface Variable {
    [name: string]: any;
  }
}
