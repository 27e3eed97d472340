// torch's random functions on PyTorch's CPU generator (mt19937), bit for bit with PyTorch 1.13
// (src/api/random): the default generator (manual_seed, get_rng_state...) and Generator objects.
import { Tensor } from '../../tensor/tensor.js';
import { PY_REPR } from '../../tensor/printable.js';
import type { DType } from '../../tensor/dtype.js';
import { TorchGenerator, torchRandom, type TorchDType, type TorchFloatDType } from '../random/index.js';
import { pyfn, pyclass } from '../args.js';
import { dtypeArg, dtypeObject } from '../dtype_objects.js';
import { requiresGrad } from '../../autodiff/torch_autograd.js';
import { torch as lib } from '../lib/torch.js';
import { pyError } from '../errors.js';
import { shapeArg } from '../table/shape.js';
import { updateInPlace } from '../mutation.js';

export let defaultGenerator = new TorchGenerator();

const num = (v: unknown) => Number(v instanceof Number ? v.valueOf() : v instanceof Tensor ? v.values[0] : v);

function genOf(g: unknown): TorchGenerator {
  if (g === null || g === undefined) return defaultGenerator;
  if (g instanceof GeneratorObject) return g.engine;
  throw pyError('TypeError', `generator must be a torch.Generator, not ${typeof g}`);
}

function floatDtype(d: unknown, fn: string): TorchFloatDType {
  const dt = dtypeArg(d, 'torch', fn) ?? lib.floatDtype;
  if (dt !== 'float32' && dt !== 'float64') throw pyError('RuntimeError', `"${fn}" not implemented for '${dt}'`);
  return dt;
}

function made(data: ArrayLike<number> | ArrayLike<bigint>, dims: number[], dt: DType, a: Record<string, unknown>): Tensor {
  const t = new Tensor(dt, dims, data as Tensor['values'], 'torch');
  return a.requires_grad ? requiresGrad(t) : t;
}

const count = (d: number[]) => d.reduce((p, x) => p * x, 1);
const SIZE_KW = 'out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False';

export class GeneratorObject {
  readonly engine = new TorchGenerator();
  constructor(..._device: unknown[]) {}
  manual_seed(seed: unknown): this { this.engine.manualSeed(typeof seed === 'bigint' ? seed : num(seed)); return this; }
  initial_seed(): number { return Number(this.engine.initialSeed()); }
  seed(): number { return Number(this.engine.seed()); }
  get_state(): Tensor { return new Tensor('uint8', [this.engine.getState().length], this.engine.getState(), 'torch'); }
  set_state(s: Tensor): this { this.engine.setState(Uint8Array.from(s.values as ArrayLike<number>)); return this; }
  get device(): string { return 'cpu'; }
  [PY_REPR](): string { return '<torch._C.Generator object at 0x7f3a1c2f1d30>'; }
}

export const torchRandomFns = {
  manual_seed: pyfn('torch.manual_seed(seed)', (a) => { defaultGenerator.manualSeed(typeof a.seed === 'bigint' ? a.seed : num(a.seed)); return wrapDefault(); },
    'Sets the seed for generating random numbers; returns the default torch.Generator.'),
  seed: pyfn('torch.seed()', () => Number(defaultGenerator.seed())),
  initial_seed: pyfn('torch.initial_seed()', () => Number(defaultGenerator.initialSeed())),
  get_rng_state: pyfn('torch.get_rng_state()', () => { const s = defaultGenerator.getState(); return new Tensor('uint8', [s.length], s, 'torch'); }),
  set_rng_state: pyfn('torch.set_rng_state(new_state)', (a) => { defaultGenerator.setState(Uint8Array.from((a.new_state as Tensor).values as ArrayLike<number>)); }),
  Generator: pyclass(GeneratorObject),
  rand: pyfn(`torch.rand(*size, generator=None, ${SIZE_KW})`, (a) => {
    const dims = shapeArg(a.size), dt = floatDtype(a.dtype, 'rand');
    return made(torchRandom.rand(genOf(a.generator), count(dims), dt), dims, dt, a);
  }, 'Returns a tensor filled with random numbers from a uniform distribution on [0, 1).'),
  randn: pyfn(`torch.randn(*size, generator=None, ${SIZE_KW})`, (a) => {
    const dims = shapeArg(a.size), dt = floatDtype(a.dtype, 'randn');
    return made(torchRandom.randn(genOf(a.generator), count(dims), dt), dims, dt, a);
  }, 'Returns a tensor filled with random numbers from a normal distribution with mean 0 and variance 1.'),
  randint: pyfn(`torch.randint(low, high=None, size=None, *, generator=None, ${SIZE_KW})`, (a) => {
    let low = a.low, high = a.high, size = a.size;
    // torch.randint(high, size) and torch.randint(low, high, size)
    if (size === undefined || size === null) { size = high; high = low; low = 0; }
    const dims = shapeArg(size), dt = (dtypeArg(a.dtype, 'torch', 'randint') ?? 'int64') as TorchDType;
    return made(torchRandom.randint(genOf(a.generator), num(low), num(high), count(dims), dt), dims, dt, a);
  }, 'Returns a tensor filled with random integers generated uniformly between low (inclusive) and high (exclusive).'),
  // The *_like forms draw as rand/randn/randint of the input's shape (and dtype unless one is given).
  rand_like: pyfn('torch.rand_like(input, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=torch.preserve_format)', (a) => {
    const x = a.input as Tensor, dt = floatDtype(a.dtype ?? dtypeObject('torch', x.dt), 'rand_like');
    return made(torchRandom.rand(defaultGenerator, x.count, dt), [...x.dims], dt, a);
  }, 'Returns a tensor with the same size as input filled with random numbers from a uniform distribution on [0, 1).'),
  randn_like: pyfn('torch.randn_like(input, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=torch.preserve_format)', (a) => {
    const x = a.input as Tensor, dt = floatDtype(a.dtype ?? dtypeObject('torch', x.dt), 'randn_like');
    return made(torchRandom.randn(defaultGenerator, x.count, dt), [...x.dims], dt, a);
  }, 'Returns a tensor with the same size as input filled with random numbers from a normal distribution with mean 0 and variance 1.'),
  randint_like: pyfn('torch.randint_like(input, low=0, high=None, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=torch.preserve_format)', (a) => {
    const x = a.input as Tensor;
    let low = a.low, high = a.high;
    if (high === undefined || high === null) { high = low; low = 0; }
    const dt = (dtypeArg(a.dtype, 'torch', 'randint_like') ?? x.dt) as TorchDType;
    return made(torchRandom.randint(defaultGenerator, num(low), num(high), x.count, dt), [...x.dims], dt, a);
  }, 'Returns a tensor with the same shape as input filled with random integers between low (inclusive) and high (exclusive).'),
  randperm: pyfn(`torch.randperm(n, *, generator=None, ${SIZE_KW})`, (a) => {
    const dt = (dtypeArg(a.dtype, 'torch', 'randperm') ?? 'int64') as TorchDType;
    return made(torchRandom.randperm(genOf(a.generator), num(a.n), dt), [num(a.n)], dt, a);
  }, 'Returns a random permutation of integers from 0 to n - 1.'),
  normal: pyfn('torch.normal(mean, std=1.0, size=None, *, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False)', (a) => {
    const g = genOf(a.generator);
    if (a.mean instanceof Tensor || a.std instanceof Tensor) {
      const shapeOf = (x: unknown) => (x instanceof Tensor ? x.dims : []);
      const dims = a.mean instanceof Tensor ? [...shapeOf(a.mean)] : [...shapeOf(a.std)];
      const dt = (a.mean instanceof Tensor ? a.mean.dt : (a.std as Tensor).dt) as TorchFloatDType;
      const mean = a.mean instanceof Tensor ? Float64Array.from(a.mean.values as ArrayLike<number>) : num(a.mean);
      const std = a.std instanceof Tensor ? Float64Array.from(a.std.values as ArrayLike<number>) : num(a.std);
      return made(torchRandom.normalTensor(g, mean as never, std as never, count(dims), dt), dims, dt, a);
    }
    const dims = shapeArg(a.size), dt = floatDtype(a.dtype, 'normal');
    return made(torchRandom.normal(g, count(dims), num(a.mean), num(a.std), dt), dims, dt, a);
  }, 'Returns a tensor of random numbers drawn from separate normal distributions.'),
  bernoulli: pyfn('torch.bernoulli(input, p=None, *, generator=None, out=None)', (a) => {
    const p = a.input as Tensor;
    const g = genOf(a.generator);
    if (a.p !== null && a.p !== undefined) return made(torchRandom.bernoulliScalar(g, p.count, num(a.p), p.dt as TorchDType), [...p.dims], p.dt, {});
    return made(torchRandom.bernoulliTensor(g, Float64Array.from(p.values as ArrayLike<number>), p.dt as TorchDType), [...p.dims], p.dt, {});
  }, 'Draws binary random numbers (0 or 1) from a Bernoulli distribution with probabilities input.'),
};

let defaultWrapper: GeneratorObject | undefined;
function wrapDefault(): GeneratorObject {
  defaultWrapper ??= Object.assign(Object.create(GeneratorObject.prototype) as GeneratorObject, { engine: defaultGenerator });
  return defaultWrapper;
}

/** The in-place random methods of tensors: uniform_, normal_, random_, bernoulli_. */
export const torchRandomMethods = {
  uniform_(this: Tensor, from = 0, to = 1, ...rest: unknown[]): Tensor {
    const g = genOf((rest[0] as { generator?: unknown } | undefined)?.generator);
    return updateInPlace(this, new Tensor(this.dt, this.dims, torchRandom.uniform(g, this.count, num(from), num(to), this.dt as TorchFloatDType), 'torch'), 'uniform_');
  },
  normal_(this: Tensor, mean = 0, std = 1, ...rest: unknown[]): Tensor {
    const g = genOf((rest[0] as { generator?: unknown } | undefined)?.generator);
    return updateInPlace(this, new Tensor(this.dt, this.dims, torchRandom.normal(g, this.count, num(mean), num(std), this.dt as TorchFloatDType), 'torch'), 'normal_');
  },
  random_(this: Tensor, from?: number, to?: number): Tensor {
    const data = from === undefined ? torchRandom.random(defaultGenerator, this.count, this.dt as TorchDType) : torchRandom.randomFromTo(defaultGenerator, this.count, from, to ?? null, this.dt as TorchDType);
    return updateInPlace(this, new Tensor(this.dt, this.dims, data as Tensor['values'], 'torch'), 'random_');
  },
  bernoulli_(this: Tensor, p = 0.5): Tensor {
    return updateInPlace(this, new Tensor(this.dt, this.dims, torchRandom.bernoulliScalar(defaultGenerator, this.count, num(p), this.dt as TorchDType) as Tensor['values'], 'torch'), 'bernoulli_');
  },
};

export function setDefaultGenerator(g: TorchGenerator): void {
  defaultGenerator = g;
}
