// np.random: the legacy global RandomState (MT19937) and RandomState objects, and default_rng's
// Generator (PCG64 through SeedSequence), drawing NumPy's streams bit for bit (src/api/random).
import { PY_REPR } from '../../tensor/printable.js';
import { namespace } from '../generate.js';
import { Tensor } from '../../tensor/tensor.js';
import { pyFloat } from '../../tensor/scalars.js';
import { tuple } from '../../tensor/pytuple.js';
import type { DType, TensorData } from '../../tensor/dtype.js';
import * as ops from '../../ops/index.js';
import { RandomState, defaultRng, Generator, SeedSequence, PCG64, type NumpyIntDType } from '../random/index.js';
import { pyfn, pyclass } from '../args.js';
import { dtypeArg } from '../dtype_objects.js';
import { dataTensor } from '../lib/library.js';
import { numpy as lib } from '../lib/numpy.js';
import { updateInPlace } from '../mutation.js';
import { pyError } from '../errors.js';

type Size = number | number[] | null | undefined;

function dimsOf(size: Size): number[] | null {
  if (size === null || size === undefined) return null;
  if (typeof size === 'number') return [size];
  if (size instanceof Tensor) return Array.from(size.values as ArrayLike<number>, Number);
  return [...size];
}

const count = (dims: number[]) => dims.reduce((p, d) => p * d, 1);

/** An array of `dims` over `data`, or (size None) the single value as a Python float/int. */
function out(data: TensorData, dims: number[] | null, dt: DType, python = true): unknown {
  if (dims === null) {
    const v = data[0];
    if (!python) { const t = new Tensor(dt, [], data, 'numpy'); t.scalar = true; return t; }
    return dt.startsWith('float') ? pyFloat(v as number) : typeof v === 'bigint' ? Number(v) : v;
  }
  return new Tensor(dt, dims, data, 'numpy');
}

function intDtype(d: unknown): NumpyIntDType {
  const dt = dtypeArg(d ?? 'int64', 'numpy')!;
  if (dt.startsWith('float')) throw pyError('TypeError', `Unsupported dtype dtype('${dt}') for randint`);
  return dt as NumpyIntDType;
}

const num = (v: unknown) => Number(v instanceof Number ? v.valueOf() : v);

/** The population of choice(a): indices into it, and how to take them. */
function choose(a: unknown, idx: BigInt64Array, dims: number[] | null): unknown {
  if (typeof a === 'number' || a instanceof Number) return out(idx, dims, 'int64', false);
  const pop = a instanceof Tensor ? a : dataTensor(a, undefined, lib);
  const r = ops.gather(pop, new Tensor('int64', [idx.length], idx), 0);
  return dims === null ? Object.assign(ops.reshape(r, pop.dims.slice(1)), { scalar: pop.dims.length === 1 }) : ops.reshape(r, [...dims, ...pop.dims.slice(1)]);
}

function popSize(a: unknown): number {
  if (typeof a === 'number' || a instanceof Number) return num(a);
  const t = a instanceof Tensor ? a : dataTensor(a, undefined, lib);
  if (t.dims.length === 0) throw pyError('ValueError', 'a must be 1-dimensional or an integer');
  return t.dims[0];
}

const pArg = (p: unknown) => (p === null || p === undefined ? null : Array.from((p instanceof Tensor ? ops.cast(p, 'float64') : dataTensor(p, 'float64', lib)).values as Float64Array));

/** Shuffles `x` (a NumPy array) in place along its first axis, drawing as the engine does for its rows. */
function shuffleInPlace(x: unknown, shuffle: (idx: Float64Array) => void): void {
  if (!(x instanceof Tensor)) throw pyError('TypeError', 'shuffle() takes a NumPy array (a JavaScript array is shuffled by its own methods)');
  const n = x.dims[0] ?? 0;
  const idx = new Float64Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  shuffle(idx);
  updateInPlace(x, ops.gather(x, Array.from(idx), 0), 'shuffle');
}

function permuted(x: unknown, perm: (n: number) => BigInt64Array): unknown {
  if (typeof x === 'number' || x instanceof Number) return out(perm(num(x)), [num(x)], 'int64');
  const t = x instanceof Tensor ? x : dataTensor(x, undefined, lib);
  if (t.dims.length === 0) throw pyError('IndexError', 'x must be an integer or at least 1-dimensional');
  const p = perm(t.dims[0]);
  return ops.gather(t, new Tensor('int64', [p.length], p), 0);
}

/** The methods of a legacy RandomState (also the module-level functions of np.random). */
function legacyMethods(rs: () => RandomState) {
  return {
    seed: pyfn('seed(seed=None)', (a) => { rs().seed(a.seed ?? undefined); }),
    get_state: pyfn('get_state(legacy=True)', () => {
      const s = rs().getState();
      return tuple<unknown>('MT19937', new Tensor('uint32', [624], Uint32Array.from(s.key), 'numpy'), s.pos, s.hasGauss, pyFloat(s.gauss));
    }),
    set_state: pyfn('set_state(state)', (a) => {
      const [, key, pos, hasGauss, gauss] = a.state as unknown[];
      rs().setState({ key: Array.from((key as Tensor).values as ArrayLike<number>, Number), pos: num(pos), hasGauss: num(hasGauss ?? 0), gauss: num(gauss ?? 0) });
    }),
    rand: (...dims: number[]) => out(rs().rand(...dims), dims.length ? dims : null, 'float64'),
    randn: (...dims: number[]) => out(rs().randn(...dims), dims.length ? dims : null, 'float64'),
    random: pyfn('random(size=None)', (a) => { const d = dimsOf(a.size); return out(rs().randomSample(d ? count(d) : 1), d, 'float64'); }),
    random_sample: pyfn('random_sample(size=None)', (a) => { const d = dimsOf(a.size); return out(rs().randomSample(d ? count(d) : 1), d, 'float64'); }),
    standard_normal: pyfn('standard_normal(size=None)', (a) => { const d = dimsOf(a.size); return out(rs().standardNormal(d ? count(d) : 1), d, 'float64'); }),
    normal: pyfn('normal(loc=0.0, scale=1.0, size=None)', (a) => { const d = dimsOf(a.size); return out(rs().normal(num(a.loc), num(a.scale), d ? count(d) : 1), d, 'float64'); }),
    uniform: pyfn('uniform(low=0.0, high=1.0, size=None)', (a) => { const d = dimsOf(a.size); return out(rs().uniform(num(a.low), num(a.high), d ? count(d) : 1), d, 'float64'); }),
    randint: pyfn('randint(low, high=None, size=None, dtype=int)', (a) => {
      const d = dimsOf(a.size), dt = intDtype(a.dtype);
      return out(rs().randint(a.low, a.high ?? null, d ? count(d) : 1, dt), d, dt);
    }),
    choice: pyfn('choice(a, size=None, replace=True, p=None)', (a) => {
      const d = dimsOf(a.size);
      return choose(a.a, rs().choice(popSize(a.a), d ? count(d) : 1, a.replace, pArg(a.p)), d);
    }),
    permutation: pyfn('permutation(x)', (a) => permuted(a.x, (n) => rs().permutation(n))),
    shuffle: pyfn('shuffle(x)', (a) => { shuffleInPlace(a.x, (idx) => rs().shuffle(idx)); }),
  };
}

const global = new RandomState();

/** Members are NumPy's methods, assigned by the constructor. */
interface RandomStateObject { [name: string]: any }
class RandomStateObject {
  readonly engine: RandomState;
  constructor(seed?: unknown) {
    this.engine = new RandomState(seed as number | undefined);
    Object.assign(this, legacyMethods(() => this.engine));
  }
}

interface GeneratorObject { [name: string]: any }
class GeneratorObject {
  constructor(readonly engine: Generator) {
    const g = () => this.engine;
    Object.assign(this, {
      random: pyfn('random(size=None, dtype=np.float64, out=None)', (a) => {
        const d = dimsOf(a.size), dt = dtypeArg(a.dtype, 'numpy') as 'float32' | 'float64';
        return out(g().random(d ? count(d) : 1, dt), d, dt);
      }),
      standard_normal: pyfn('standard_normal(size=None, dtype=np.float64, out=None)', (a) => {
        const d = dimsOf(a.size), dt = dtypeArg(a.dtype, 'numpy') as 'float32' | 'float64';
        return out(g().standardNormal(d ? count(d) : 1, dt), d, dt);
      }),
      normal: pyfn('normal(loc=0.0, scale=1.0, size=None)', (a) => { const d = dimsOf(a.size); return out(g().normal(num(a.loc), num(a.scale), d ? count(d) : 1), d, 'float64'); }),
      uniform: pyfn('uniform(low=0.0, high=1.0, size=None)', (a) => { const d = dimsOf(a.size); return out(g().uniform(num(a.low), num(a.high), d ? count(d) : 1), d, 'float64'); }),
      integers: pyfn('integers(low, high=None, size=None, dtype=np.int64, endpoint=False)', (a) => {
        const d = dimsOf(a.size), dt = intDtype(a.dtype);
        return out(g().integers(a.low, a.high ?? null, d ? count(d) : 1, dt, a.endpoint), d, dt, false);
      }),
      choice: pyfn('choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)', (a) => {
        const d = dimsOf(a.size);
        return choose(a.a, g().choice(popSize(a.a), d ? count(d) : 1, a.replace, pArg(a.p), a.shuffle), d);
      }),
      permutation: pyfn('permutation(x, axis=0)', (a) => permuted(a.x, (n) => g().permutation(n))),
      shuffle: pyfn('shuffle(x, axis=0)', (a) => { shuffleInPlace(a.x, (idx) => g().shuffle(idx)); }),
    });
  }
}

const defaultRngFn = pyfn('np.random.default_rng(seed=None)', (a) => new GeneratorObject(defaultRng(a.seed ?? undefined)),
  'Construct a new Generator with the default BitGenerator (PCG64), seeded through SeedSequence.');

// NumPy's str (print) and repr: the repr adds an address (made up, as NumPy shows the object's).
Object.defineProperty(RandomStateObject.prototype, 'toString', { value: () => 'RandomState(MT19937)' });
Object.defineProperty(RandomStateObject.prototype, PY_REPR, { value: () => 'RandomState(MT19937) at 0x7F3A1C2F2E80' });
Object.defineProperty(GeneratorObject.prototype, 'toString', { value: () => 'Generator(PCG64)' });
Object.defineProperty(GeneratorObject.prototype, PY_REPR, { value: () => 'Generator(PCG64) at 0x7F3A1C2F3F40' });

export const numpyRandom = namespace({
  ...legacyMethods(() => global),
  default_rng: defaultRngFn,
  RandomState: pyclass(RandomStateObject),
  Generator: pyclass(GeneratorObject),
  SeedSequence,
  PCG64,
});
