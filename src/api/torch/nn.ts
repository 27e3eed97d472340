// torch.nn: Parameter, Module (callable, with its parameters found as PyTorch finds them: the
// Parameters and sub-Modules assigned to it, in order), Linear with PyTorch's default
// initialization, Sequential, the activation and loss modules, torch.nn.functional's losses and
// linear, and torch.nn.init, drawing from the default generator bit for bit.
import { Tensor } from '../../tensor/tensor.js';
import { PY_REPR } from '../../tensor/printable.js';
import * as ops from '../../ops/index.js';
import { nameNode, requiresGrad } from '../../autodiff/torch_autograd.js';
import { torchInit } from '../random/index.js';
import { defaultGenerator, torchRandomMethods } from '../facades/torch_random.js';
import { kwargs, pyclasses, pyfn } from '../args.js';
import { dtypeArg } from '../dtype_objects.js';
import { pyError } from '../errors.js';
import { finish, tensorOf } from '../kinds.js';
import { torch as lib } from '../lib/torch.js';
import { repr } from '../../format/index.js';
import { withMode } from './grad_mode.js';
import { updateInPlace } from '../mutation.js';
import { torchConv, torchPool } from '../table/conv.js';
import { torchNodeName } from '../table/torch_nodes.js';
import { padAll, type PadMode } from '../pad.js';

type Fn = (...args: any[]) => any;
const PARAMETER: unique symbol = Symbol.for('jacobi.torch.parameter');

/** torch.nn.Parameter(data, requires_grad=True): a leaf tensor a Module registers as its parameter. */
export const Parameter = pyfn('torch.nn.Parameter(data=None, requires_grad=True)', (a) => {
  const src = (a.data ?? ops.zeros([0])) as Tensor;
  const t = new Tensor(src.dt, src.dims, src.share(), 'torch');
  (t as unknown as Record<symbol, boolean>)[PARAMETER] = true;
  return a.requires_grad ? requiresGrad(t) : t;
}, 'A kind of Tensor that is to be considered a module parameter.');

export function isParameter(x: unknown): x is Tensor {
  return x instanceof Tensor && (x as unknown as Record<symbol, boolean>)[PARAMETER] === true;
}

const INTERNAL = new Set(['training', '_forward_hooks']);

/** The Parameters and sub-Modules assigned to a module, in order (Python's _parameters and _modules). */
function entries(m: object): [string, unknown][] {
  return Object.entries(m).filter(([k]) => !INTERNAL.has(k));
}

/**
 * torch.nn.Module. Instances are callable (`model(x)` runs `forward`), as Python's __call__ makes
 * them: the constructor returns a function object whose prototype is the subclass's.
 */
/** Modules are called like functions (`model(x)` runs forward). */
export interface Module { (...args: any[]): any }
export class Module {
  declare training: boolean;

  constructor() {
    const self = function (this: unknown, ...args: unknown[]) {
      return (self as unknown as Module).forward(...args);
    } as unknown as Module;
    Object.setPrototypeOf(self, new.target.prototype);
    Object.defineProperty(self, 'training', { value: true, writable: true, enumerable: false });
    return self;
  }

  forward(..._args: unknown[]): unknown {
    throw pyError('NotImplementedError', `Module [${this.constructor.name}] is missing the required "forward" function`);
  }


  named_parameters(prefix = '', recurse = true): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    const walk = (m: Module, pre: string) => {
      for (const [k, v] of entries(m)) {
        if (isParameter(v) && !seen.has(v)) { seen.add(v); out.push([pre + k, v]); }
      }
      if (!recurse) return;
      for (const [k, v] of entries(m)) if (v instanceof Module) walk(v, `${pre}${k}.`);
    };
    walk(this, prefix ? `${prefix}.` : '');
    return out;
  }

  /** The modules here keep no buffers (no running statistics): an empty list, as PyTorch gives it for them. */
  named_buffers(_prefix = '', _recurse = true): [string, Tensor][] {
    return [];
  }

  buffers(_recurse = true): Tensor[] {
    return [];
  }

  parameters(recurse = true): Tensor[] {
    return this.named_parameters('', recurse).map(([, p]) => p);
  }

  named_children(): [string, Module][] {
    return entries(this).filter(([, v]) => v instanceof Module) as [string, Module][];
  }

  children(): Module[] {
    return this.named_children().map(([, m]) => m);
  }

  modules(): Module[] {
    return [this, ...this.children().flatMap((c) => c.modules())];
  }

  zero_grad(set_to_none = false): void {
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      p.grad = set_to_none ? null : ops.zerosLike(p.grad);
    }
  }

  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  requires_grad_(flag = true): this {
    for (const p of this.parameters()) requiresGrad(p, flag);
    return this;
  }

  state_dict(): Record<string, Tensor> {
    return Object.fromEntries(this.named_parameters().map(([k, p]) => [k, p.detach()]));
  }

  load_state_dict(state: Record<string, Tensor>): void {
    const own = new Map(this.named_parameters());
    for (const [k, v] of Object.entries(state)) {
      const p = own.get(k);
      if (!p) throw pyError('RuntimeError', `Error(s) in loading state_dict for ${this.constructor.name}:\n\tUnexpected key(s) in state_dict: "${k}".`);
      withMode(false, () => updateInPlace(p, ops.cast(v, p.dt), "copy_"));
    }
  }

  to(..._args: unknown[]): this {
    return this;
  }

  /** The extra text inside the module's repr (Linear's sizes). */
  extra_repr(): string {
    return '';
  }

  [PY_REPR](): string {
    const kids = this.named_children();
    const extra = this.extra_repr();
    if (kids.length === 0) return `${this.constructor.name}(${extra})`;
    const lines = kids.map(([k, m]) => `  (${k}): ${repr(m).split('\n').join('\n  ')}`);
    return `${this.constructor.name}(\n${extra ? `  ${extra}\n` : ''}${lines.join('\n')}\n)`;
  }

  toString(): string {
    return this[PY_REPR]();
  }
}

/** A Parameter of the given shape filled by an initializer drawing from the default generator. */
function param(dims: number[], data: Float32Array | Float64Array): Tensor {
  return Parameter(new Tensor(data instanceof Float64Array ? 'float64' : 'float32', dims, data, 'torch'));
}

/** F.linear: x @ weight.T + bias (PyTorch's AddmmBackward0 for a batch of rows with a bias). */
export function linear(x: unknown, weight: Tensor, bias: Tensor | null = null): Tensor {
  const t = tensorOf(lib, x);
  // weight read transposed by the kernel (no copy), as PyTorch's addmm reads it.
  let y = ops.matmul(t, weight, { b: true });
  if (bias !== null) y = ops.add(y, bias);
  const r = finish(lib, y, [t]);
  return nameNode(r, t.dims.length === 2 ? (bias !== null ? 'AddmmBackward0' : 'MmBackward0') : bias !== null ? 'AddBackward0' : 'MmBackward0');
}

export class Linear extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  constructor(readonly in_features: number, readonly out_features: number, bias: boolean | Record<string, unknown> = true) {
    super();
    const useBias = typeof bias === 'object' ? (bias.bias as boolean | undefined) ?? true : bias;
    const init = torchInit.linearInit(defaultGenerator, in_features, out_features, useBias);
    this.weight = param([out_features, in_features], init.weight);
    this.bias = useBias && init.bias ? param([out_features], init.bias) : null;
    Object.defineProperty(this, 'in_features', { value: in_features, enumerable: false });
    Object.defineProperty(this, 'out_features', { value: out_features, enumerable: false });
  }
  override forward(x: unknown): Tensor {
    return linear(x, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

/** A row's result named as the generated facade names it (grad_fn=<ConvolutionBackward0>). */
function torchNamed(op: string, r: Tensor, a: Record<string, unknown>): Tensor {
  if (!r.requires_grad) return r;
  const name = torchNodeName(op, a);
  return name === undefined ? r : nameNode(r, name);
}

const tup = (v: number[]) => `(${v.join(', ')}${v.length === 1 ? ',' : ''})`;
const expand = (v: unknown, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : [...(v as Iterable<number>)].map(Number));
const PAD_MODES: Record<string, PadMode> = { reflect: 'reflect', replicate: 'edge', circular: 'wrap' };

/**
 * nn.Conv1d/2d/3d: weight [out, in / groups, ...kernel] and bias [out], initialized as
 * reset_parameters does (kaiming_uniform_(a=sqrt(5)), then the bias in +-1/sqrt(fan_in)).
 */
function convModule(n: number): new (...args: unknown[]) => Module {
  const sig = `torch.nn.Conv${n}d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode="zeros", device=None, dtype=None)`;
  const C = class extends Module {
    declare weight: Tensor;
    declare bias: Tensor | null;
    declare in_channels: number;
    declare out_channels: number;
    declare kernel_size: number[];
    declare stride: number[];
    declare padding: number[] | string;
    declare dilation: number[];
    declare groups: number;
    declare padding_mode: string;
    constructor(...args: unknown[]) {
      super();
      const a = kwargs(sig, args);
      const hidden = (k: string, v: unknown) => Object.defineProperty(this, k, { value: v, enumerable: false, writable: true });
      const groups = Number(a.groups);
      if (groups <= 0) throw pyError('ValueError', 'groups must be a positive integer');
      if (a.in_channels % groups !== 0) throw pyError('ValueError', 'in_channels must be divisible by groups');
      if (a.out_channels % groups !== 0) throw pyError('ValueError', 'out_channels must be divisible by groups');
      const stride = expand(a.stride, n);
      if (typeof a.padding === 'string') {
        if (a.padding !== 'same' && a.padding !== 'valid') throw pyError('ValueError', `Invalid padding string '${a.padding}', should be one of ['valid', 'same']`);
        if (a.padding === 'same' && stride.some((s) => s !== 1)) throw pyError('ValueError', "padding='same' is not supported for strided convolutions");
      }
      if (!['zeros', 'reflect', 'replicate', 'circular'].includes(a.padding_mode)) {
        throw pyError('ValueError', `padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${a.padding_mode}'`);
      }
      hidden('in_channels', Number(a.in_channels)); hidden('out_channels', Number(a.out_channels));
      hidden('kernel_size', expand(a.kernel_size, n)); hidden('stride', stride);
      hidden('padding', typeof a.padding === 'string' ? a.padding : expand(a.padding, n));
      hidden('dilation', expand(a.dilation, n)); hidden('groups', groups); hidden('padding_mode', a.padding_mode);
      const dims = [this.out_channels, this.in_channels / groups, ...this.kernel_size];
      const dtype = dtypeArg(a.dtype, 'torch', 'Conv') ?? lib.floatDtype;
      const o = { dtype: (dtype === 'float64' ? 'float64' : 'float32') as 'float32' | 'float64' };
      this.weight = param(dims, torchInit.kaimingUniform(defaultGenerator, dims, Math.sqrt(5), 'fan_in', 'leaky_relu', o));
      const fanIn = dims.slice(1).reduce((p, d) => p * d, 1);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      this.bias = a.bias ? param([this.out_channels], torchInit.initUniform(defaultGenerator, [this.out_channels], -bound, bound, o)) : null;
    }
    override forward(input: unknown): Tensor {
      let x = input;
      let padding: unknown = this.padding;
      if (this.padding_mode !== 'zeros' && this.padding !== 'valid') {
        // Pads as F.pad does (the last dims), then convolves without padding.
        const t = tensorOf(lib, x);
        const p = typeof this.padding === 'string'
          ? this.kernel_size.map((k, i) => { const tot = this.dilation[i] * (k - 1); return [Math.floor(tot / 2), tot - Math.floor(tot / 2)]; })
          : this.padding.map((v) => [v, v]);
        const pads = [...t.dims.slice(0, t.dims.length - n).map(() => ({ before: 0, after: 0 })), ...p.map(([b, e]) => ({ before: b, after: e }))];
        x = finish(lib, padAll(t, pads, PAD_MODES[this.padding_mode]), [t]);
        padding = 0;
      }
      const a = { x, weight: this.weight, bias: this.bias, stride: this.stride, padding, dilation: this.dilation, groups: this.groups };
      return torchNamed(`conv${n}d`, torchConv(a, lib, n), a);
    }
    override extra_repr(): string {
      let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${tup(this.kernel_size)}, stride=${tup(this.stride)}`;
      if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
      else if (this.padding.some((v) => v !== 0)) s += `, padding=${tup(this.padding)}`;
      if (this.dilation.some((v) => v !== 1)) s += `, dilation=${tup(this.dilation)}`;
      if (this.groups !== 1) s += `, groups=${this.groups}`;
      if (this.bias === null) s += ', bias=False';
      if (this.padding_mode !== 'zeros') s += `, padding_mode=${this.padding_mode}`;
      return s;
    }
  };
  Object.defineProperty(C, 'name', { value: `Conv${n}d` });
  return C;
}

/** nn.MaxPool1d/2d and nn.AvgPool1d/2d over F.max_pool / F.avg_pool. */
function poolModule(n: number, kind: 'max' | 'avg'): new (...args: unknown[]) => Module {
  const name = `${kind === 'max' ? 'Max' : 'Avg'}Pool${n}d`;
  const sig = kind === 'max'
    ? `torch.nn.${name}(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`
    : `torch.nn.${name}(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True${n === 2 ? ', divisor_override=None' : ''})`;
  const C = class extends Module {
    declare args: Record<string, any>;
    constructor(...args: unknown[]) {
      super();
      const a = kwargs(sig, args);
      if (a.stride === null || a.stride === undefined) a.stride = a.kernel_size;
      Object.defineProperty(this, 'args', { value: a, enumerable: false });
      for (const k of ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'count_include_pad', 'divisor_override']) {
        if (k in a) Object.defineProperty(this, k, { value: a[k], enumerable: false, writable: true });
      }
    }
    override forward(input: unknown): Tensor {
      const a = { ...this.args, x: input };
      const r = torchPool(a, lib, n, kind);
      if (r instanceof Tensor) return torchNamed(`${kind}_pool${n}d`, r, a);
      torchNamed(`${kind}_pool${n}d`, r[0] as Tensor, a);
      return r as unknown as Tensor;
    }
    override extra_repr(): string {
      const a = this.args;
      // AvgPool1d keeps its arguments as _single tuples; the others as given.
      const show = (v: unknown) => (kind === 'avg' && n === 1 ? tup(expand(v, 1)) : Array.isArray(v) ? tup(v.map(Number)) : String(v));
      if (kind === 'max') return `kernel_size=${show(a.kernel_size)}, stride=${show(a.stride)}, padding=${show(a.padding)}, dilation=${show(a.dilation)}, ceil_mode=${a.ceil_mode ? 'True' : 'False'}`;
      return `kernel_size=${show(a.kernel_size)}, stride=${show(a.stride)}, padding=${show(a.padding)}`;
    }
  };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

export class Sequential extends Module {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => { (this as unknown as Record<string, Module>)[String(i)] = m; });
  }
  override forward(x: unknown): unknown {
    let y = x;
    for (const m of this.children()) y = (m as unknown as Fn)(y);
    return y;
  }
}

/** A module over a function of one tensor (ReLU, Tanh...). */
function activationModule(name: string, f: (x: Tensor) => Tensor, extra = ''): new () => Module {
  const C = class extends Module {
    override forward(x: unknown): Tensor { return f(tensorOf(lib, x)); }
    override extra_repr(): string { return extra; }
  };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

const named = (t: Tensor, name: string) => nameNode(finish(lib, t, []), name);

export const functional = {
  mse_loss: pyfn('torch.nn.functional.mse_loss(input, target, size_average=None, reduce=None, reduction="mean")', (a) =>
    named(reduce(ops.square(ops.sub(tensorOf(lib, a.input), tensorOf(lib, a.target))), a.reduction), 'MseLossBackward0'),
  'Measures the element-wise mean squared error.'),
  l1_loss: pyfn('torch.nn.functional.l1_loss(input, target, size_average=None, reduce=None, reduction="mean")', (a) =>
    named(reduce(ops.abs(ops.sub(tensorOf(lib, a.input), tensorOf(lib, a.target))), a.reduction), 'L1LossBackward0'),
  'Function that takes the mean element-wise absolute value difference.'),
  nll_loss: pyfn('torch.nn.functional.nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean")', (a) =>
    named(nll(tensorOf(lib, a.input), a.target as Tensor, a.reduction), 'NllLossBackward0'),
  'The negative log likelihood loss (input: log-probabilities, target: class indices).'),
  cross_entropy: pyfn('torch.nn.functional.cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0)', (a) => {
    const x = tensorOf(lib, a.input);
    const t = a.target as Tensor;
    if (ops.isFloatDtype(t.dt)) return named(reduce(ops.neg(ops.sum(ops.mul(t, ops.log_softmax(x, 1)), 1)), a.reduction), 'NegBackward0');
    return named(nll(ops.log_softmax(x, 1), t, a.reduction), 'NllLossBackward0');
  }, 'The cross entropy loss between input logits and target (class indices or probabilities).'),
  binary_cross_entropy: pyfn('torch.nn.functional.binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean")', (a) => {
    const p = tensorOf(lib, a.input), y = tensorOf(lib, a.target);
    // PyTorch clamps the logs at -100.
    const logp = ops.maximum(ops.log(p), -100), log1mp = ops.maximum(ops.log(ops.sub(1, p)), -100);
    return named(reduce(ops.neg(ops.add(ops.mul(y, logp), ops.mul(ops.sub(1, y), log1mp))), a.reduction), 'BinaryCrossEntropyBackward0');
  }, 'The binary cross entropy between the target and input probabilities.'),
  binary_cross_entropy_with_logits: pyfn('torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None)', (a) => {
    const x = tensorOf(lib, a.input), y = tensorOf(lib, a.target);
    // (1 - y) x + log(1 + e^-x), computed stably as max(x, 0) - x y + log1p(e^-|x|).
    const l = ops.add(ops.sub(ops.relu(x), ops.mul(x, y)), ops.log1p(ops.exp(ops.neg(ops.abs(x)))));
    return named(reduce(l, a.reduction), 'BinaryCrossEntropyWithLogitsBackward0');
  }, 'The binary cross entropy between the target and the sigmoid of the input logits.'),
  linear: pyfn('torch.nn.functional.linear(input, weight, bias=None)', (a) => linear(a.input, a.weight as Tensor, (a.bias as Tensor | null) ?? null),
    'Applies a linear transformation to the incoming data: y = x A^T + b.'),
  dropout: pyfn('torch.nn.functional.dropout(input, p=0.5, training=True, inplace=False)', (a) => dropout(tensorOf(lib, a.input), Number(a.p), Boolean(a.training)),
    'During training, zeroes elements with probability p (drawn from the default generator) and scales the rest by 1/(1-p).'),
};

function reduce(t: Tensor, reduction: unknown): Tensor {
  if (reduction === 'mean') return ops.mean(t);
  if (reduction === 'sum') return ops.sum(t);
  if (reduction === 'none') return t;
  throw pyError('ValueError', `${String(reduction)} is not a valid value for reduction`);
}

/** The negative log-likelihood of each target class, taken along the class axis (so a target batched by vmap works). */
function nll(logp: Tensor, target: Tensor, reduction: unknown): Tensor {
  if (logp.dims.length === 1) return reduce(ops.neg(ops.reshape(ops.takeAlong(logp, ops.reshape(target, [1]), 0), [])), reduction);
  const n = logp.dims[0];
  const picked = ops.reshape(ops.takeAlong(logp, ops.reshape(target, [n, 1]), 1), [n]);
  return reduce(ops.neg(picked), reduction);
}

function dropout(x: Tensor, p: number, training: boolean): Tensor {
  if (!training || p === 0) return x;
  if (p === 1) return ops.mul(x, 0);
  const keep = ops.zerosLike(x);
  torchRandomMethods.bernoulli_.call(keep, 1 - p);
  return finish(lib, ops.div(ops.mul(x, keep), 1 - p), [x]);
}

class Loss extends Module {
  constructor(readonly reduction: string = 'mean', private readonly f: (i: unknown, t: unknown, r: string) => Tensor) {
    super();
    Object.defineProperty(this, 'reduction', { value: reduction, enumerable: false });
    Object.defineProperty(this, 'f', { value: f, enumerable: false });
  }
  override forward(input: unknown, target: unknown): Tensor { return this.f(input, target, this.reduction); }
}

function lossModule(name: string, f: (i: unknown, t: unknown, r: string) => Tensor): new (...a: unknown[]) => Module {
  const C = class extends Loss {
    constructor(...args: unknown[]) {
      const o = args.find((x) => typeof x === 'object' && x !== null) as { reduction?: string } | undefined;
      super(o?.reduction ?? 'mean', f);
    }
  };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

class Dropout extends Module {
  constructor(readonly p = 0.5) { super(); Object.defineProperty(this, 'p', { value: p, enumerable: false }); }
  override forward(x: unknown): Tensor { return dropout(tensorOf(lib, x), this.p, this.training); }
  override extra_repr(): string { return `p=${this.p}, inplace=False`; }
}

class Softmax extends Module {
  constructor(readonly dim: number | null = null) { super(); Object.defineProperty(this, 'dim', { value: dim, enumerable: false }); }
  override forward(x: unknown): Tensor { return finish(lib, ops.softmax(tensorOf(lib, x), this.dim ?? -1), []); }
  override extra_repr(): string { return `dim=${this.dim}`; }
}

class Flatten extends Module {
  constructor(readonly start_dim = 1, readonly end_dim = -1) { super(); Object.defineProperty(this, 'start_dim', { value: start_dim, enumerable: false }); Object.defineProperty(this, 'end_dim', { value: end_dim, enumerable: false }); }
  override forward(x: unknown): Tensor { return (tensorOf(lib, x) as unknown as { flatten(s: number, e: number): Tensor }).flatten(this.start_dim, this.end_dim); }
  override extra_repr(): string { return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`; }
}

/** torch.nn.init: in-place initializers drawing from the default generator. */
export const init = {
  calculate_gain: pyfn('torch.nn.init.calculate_gain(nonlinearity, param=None)', (a) => torchInit.calculateGain(a.nonlinearity, a.param)),
  uniform_: pyfn('torch.nn.init.uniform_(tensor, a=0.0, b=1.0)', (a) => fill(a.tensor, torchInit.initUniform(defaultGenerator, (a.tensor as Tensor).dims, Number(a.a), Number(a.b), { dtype: dtOf(a.tensor) }))),
  normal_: pyfn('torch.nn.init.normal_(tensor, mean=0.0, std=1.0)', (a) => fill(a.tensor, torchInit.initNormal(defaultGenerator, (a.tensor as Tensor).dims, Number(a.mean), Number(a.std), { dtype: dtOf(a.tensor) }))),
  constant_: pyfn('torch.nn.init.constant_(tensor, val)', (a) => fill(a.tensor, null, Number(a.val))),
  zeros_: pyfn('torch.nn.init.zeros_(tensor)', (a) => fill(a.tensor, null, 0)),
  ones_: pyfn('torch.nn.init.ones_(tensor)', (a) => fill(a.tensor, null, 1)),
  xavier_uniform_: pyfn('torch.nn.init.xavier_uniform_(tensor, gain=1.0)', (a) => fill(a.tensor, torchInit.xavierUniform(defaultGenerator, (a.tensor as Tensor).dims, Number(a.gain), { dtype: dtOf(a.tensor) }))),
  xavier_normal_: pyfn('torch.nn.init.xavier_normal_(tensor, gain=1.0)', (a) => fill(a.tensor, torchInit.xavierNormal(defaultGenerator, (a.tensor as Tensor).dims, Number(a.gain), { dtype: dtOf(a.tensor) }))),
  kaiming_uniform_: pyfn('torch.nn.init.kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu")', (a) => fill(a.tensor, torchInit.kaimingUniform(defaultGenerator, (a.tensor as Tensor).dims, Number(a.a), a.mode, a.nonlinearity, { dtype: dtOf(a.tensor) }))),
  kaiming_normal_: pyfn('torch.nn.init.kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu")', (a) => fill(a.tensor, torchInit.kaimingNormal(defaultGenerator, (a.tensor as Tensor).dims, Number(a.a), a.mode, a.nonlinearity, { dtype: dtOf(a.tensor) }))),
};

function dtOf(t: unknown): 'float32' | 'float64' {
  return (t as Tensor).dt === 'float64' ? 'float64' : 'float32';
}

/** Writes initial values into a parameter in place, outside autograd (as torch.nn.init does under no_grad). */
function fill(t: unknown, data: Float32Array | Float64Array | null, value = 0): Tensor {
  const p = t as Tensor;
  const v = data === null ? ops.full(p.dims, value, p.dt) : new Tensor(p.dt, p.dims, data, 'torch');
  withMode(false, () => updateInPlace(p, v, "init"));
  return p;
}

export const nn = pyclasses({
  Module, Parameter, Linear, Sequential,
  ReLU: activationModule('ReLU', (x) => finish(lib, ops.relu(x), [x])),
  Tanh: activationModule('Tanh', (x) => finish(lib, ops.tanh(x), [x])),
  Sigmoid: activationModule('Sigmoid', (x) => finish(lib, ops.sigmoid(x), [x])),
  Identity: activationModule('Identity', (x) => x),
  Softmax, Flatten, Dropout,
  Conv1d: convModule(1), Conv2d: convModule(2), Conv3d: convModule(3),
  MaxPool1d: poolModule(1, 'max'), MaxPool2d: poolModule(2, 'max'),
  AvgPool1d: poolModule(1, 'avg'), AvgPool2d: poolModule(2, 'avg'),
  MSELoss: lossModule('MSELoss', (i, t, r) => functional.mse_loss(i, t, { reduction: r })),
  L1Loss: lossModule('L1Loss', (i, t, r) => functional.l1_loss(i, t, { reduction: r })),
  CrossEntropyLoss: lossModule('CrossEntropyLoss', (i, t, r) => functional.cross_entropy(i, t, { reduction: r })),
  NLLLoss: lossModule('NLLLoss', (i, t, r) => functional.nll_loss(i, t, { reduction: r })),
  BCELoss: lossModule('BCELoss', (i, t, r) => functional.binary_cross_entropy(i, t, { reduction: r })),
  BCEWithLogitsLoss: lossModule('BCEWithLogitsLoss', (i, t, r) => functional.binary_cross_entropy_with_logits(i, t, { reduction: r })),
  init,
});

