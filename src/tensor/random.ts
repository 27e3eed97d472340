// Seeded random numbers: xoshiro128** streams, so a given seed gives the same numbers on every run.
import { allocate, type DType } from './dtype.js';
import { Tensor, type Flavor } from './tensor.js';
import { sizeOf } from './shape.js';
import { checkDims } from './create.js';

export class Generator {
  private s0: number; private s1: number; private s2: number; private s3: number;

  constructor(seed: number) {
    // splitmix32 spreads the seed over the four words of state.
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next(); this.s1 = next(); this.s2 = next(); this.s3 = next();
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0; this.s3 ^= this.s1; this.s1 ^= this.s2; this.s0 ^= this.s3;
    this.s2 ^= t; this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5, lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by the Box-Muller transform. */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

let globalGenerator = new Generator((Math.random() * 2 ** 32) >>> 0);

/** tf.random.set_seed / torch.manual_seed / np.random.seed: the unseeded calls that follow repeat. */
export function setGlobalSeed(seed: number): void {
  globalGenerator = new Generator(seed);
}

function generatorFor(seed: number | undefined): Generator {
  return seed === undefined ? globalGenerator : new Generator(seed);
}

export interface RandomOptions { dtype?: DType; seed?: number; flavor?: Flavor }

export function randomUniform(dims: readonly number[], minval = 0, maxval = 1, o: RandomOptions = {}): Tensor {
  const dtype = o.dtype ?? 'float32';
  const d = checkDims(dims, 'uniform');
  const g = generatorFor(o.seed);
  const data = allocate(dtype, sizeOf(d), d) as Float64Array;
  for (let i = 0; i < data.length; i++) data[i] = minval + (maxval - minval) * g.uniform();
  return new Tensor(dtype, d, data, o.flavor ?? 'numpy');
}

export function randomNormal(dims: readonly number[], mean = 0, stddev = 1, o: RandomOptions = {}): Tensor {
  const dtype = o.dtype ?? 'float32';
  const d = checkDims(dims, 'normal');
  const g = generatorFor(o.seed);
  const data = allocate(dtype, sizeOf(d), d) as Float64Array;
  for (let i = 0; i < data.length; i++) data[i] = mean + stddev * g.normal();
  return new Tensor(dtype, d, data, o.flavor ?? 'numpy');
}
