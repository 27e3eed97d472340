// jax.random over threefry2x32, bit for bit with JAX (src/api/random/jax_random.ts): PRNGKey and
// key (typed keys), split, fold_in, key_data, and the draws. Legacy keys are uint32 arrays of two
// words; typed keys are JAX's `key<fry>` arrays, printing as JAX prints them.
import { Tensor } from '../../tensor/tensor.js';
import { PY_REPR } from '../../tensor/printable.js';
import { jaxRandom, jaxCheckKey, type JaxKey } from '../random/index.js';
import { pyfn } from '../args.js';
import { dtypeArg } from '../dtype_objects.js';
import { pyError } from '../errors.js';
import { numpyStr } from '../../format/index.js';
import { shapeArg } from '../table/shape.js';
import { jax as lib, truncated } from '../lib/jax.js';

/** A typed PRNG key array (`jax.random.key(0)`): key data of shape [...shape, 2] behind a key dtype. */
export class KeyArray {
  constructor(readonly data: Uint32Array, readonly shape: readonly number[]) {}
  get dtype(): string { return 'key<fry>'; }
  get ndim(): number { return this.shape.length; }
  [PY_REPR](): string {
    const shape = `(${this.shape.join(', ')}${this.shape.length === 1 ? ',' : ''})`;
    return `Array(${shape}, dtype=key<fry>) overlaying:\n${numpyStr('uint32', [...this.shape, 2], this.data)}`;
  }
  toString(): string { return this[PY_REPR](); }
  [Symbol.iterator](): Iterator<KeyArray> {
    const n = this.shape[0] ?? 0;
    let i = 0;
    return { next: () => (i < n ? { value: new KeyArray(this.data.slice(2 * i, 2 * i + 2), []), done: i++ >= n } : { value: undefined as never, done: true }) };
  }
}

/** The raw words of a key (either kind); JAX's error for anything that is not a key. */
function keyWords(key: unknown): { data: Uint32Array; shape: number[]; typed: boolean } {
  if (key instanceof KeyArray) return { data: key.data, shape: [...key.shape], typed: true };
  if (key instanceof Tensor) {
    jaxCheckKey(key.dims, key.dt);
    return { data: Uint32Array.from(key.values as ArrayLike<number>), shape: key.dims.slice(0, -1), typed: false };
  }
  throw pyError('TypeError', `JAX encountered invalid PRNG key data: expected key_data.dtype = dtype('uint32'), got ${key === null ? 'None' : typeof key}`);
}

function single(key: unknown): JaxKey {
  const k = keyWords(key);
  if (k.shape.length !== 0) throw pyError('ValueError', `split accepts a single key, but was given a key array of shape (${k.shape.join(', ')},) != (). Use jax.vmap for batching.`);
  return k.data;
}

function keysOut(data: Uint32Array, shape: number[], typed: boolean): unknown {
  return typed ? new KeyArray(data, shape) : new Tensor('uint32', [...shape, 2], data, 'jax');
}

const shapeOf = (s: unknown): number[] => (s === undefined || s === null ? [] : shapeArg(s));
const floatType = (d: unknown, where = 'uniform'): 'float32' | 'float64' => {
  const dt = dtypeArg(d ?? lib.floatDtype, 'jax')!;
  if (!dt.startsWith('float')) throw pyError('ValueError', `dtype argument to \`${where}\` must be a float dtype, got ${dt}`);
  // Without x64, float64 is truncated to float32, with JAX's warning.
  return truncated(dt, where) === 'float64' ? 'float64' : 'float32';
};
const num = (v: unknown) => (v instanceof Tensor ? Number(v.values[0]) : Number(v instanceof Number ? v.valueOf() : v));

function array(values: ArrayLike<number> | ArrayLike<bigint>, shape: number[], dt: 'float32' | 'int32' | 'bool' | 'uint32' | 'float64'): Tensor {
  const data = dt === 'float32' ? Float32Array.from(values as ArrayLike<number>) : dt === 'int32' ? Int32Array.from(values as ArrayLike<number>) : dt === 'bool' ? Uint8Array.from(values as ArrayLike<number>) : dt === 'uint32' ? Uint32Array.from(values as ArrayLike<number>) : Float64Array.from(values as ArrayLike<number>);
  return new Tensor(dt, shape, data, 'jax');
}

export const jaxRandomFacade = {
  PRNGKey: pyfn('jax.random.PRNGKey(seed, *, impl=None)', (a) => keysOut(jaxRandom.PRNGKey(typeof a.seed === 'bigint' ? a.seed : num(a.seed)), [], false),
    'Create a legacy PRNG key (a uint32 array of two words) from an integer seed.'),
  key: pyfn('jax.random.key(seed, *, impl=None)', (a) => keysOut(jaxRandom.PRNGKey(typeof a.seed === 'bigint' ? a.seed : num(a.seed)), [], true),
    'Create a typed PRNG key (dtype key<fry>) from an integer seed.'),
  key_data: pyfn('jax.random.key_data(keys)', (a) => { const k = keyWords(a.keys); return new Tensor('uint32', [...k.shape, 2], k.data, 'jax'); }),
  wrap_key_data: pyfn('jax.random.wrap_key_data(key_bits_array, *, impl=None)', (a) => { const k = keyWords(a.key_bits_array); return new KeyArray(k.data, k.shape); }),
  split: pyfn('jax.random.split(key, num=2)', (a) => {
    const k = keyWords(a.key);
    const shape = typeof a.num === 'number' ? [a.num] : shapeArg(a.num);
    return keysOut(jaxRandom.split(single(a.key), shape), shape, k.typed);
  }, 'Splits a PRNG key into num new keys by adding a leading axis.'),
  fold_in: pyfn('jax.random.fold_in(key, data)', (a) => keysOut(jaxRandom.foldIn(single(a.key), typeof a.data === 'bigint' ? a.data : num(a.data)), [], keyWords(a.key).typed)),
  uniform: pyfn('jax.random.uniform(key, shape=(), dtype=float32, minval=0.0, maxval=1.0)', (a) => {
    const shape = shapeOf(a.shape);
    const dt = floatType(a.dtype, 'uniform');
    return array(jaxRandom.uniform(single(a.key), shape, dt, num(a.minval), num(a.maxval)), shape, dt);
  }),
  normal: pyfn('jax.random.normal(key, shape=(), dtype=float32)', (a) => {
    const shape = shapeOf(a.shape);
    const dt = floatType(a.dtype, 'normal');
    return array(jaxRandom.normal(single(a.key), shape, dt), shape, dt);
  }),
  truncated_normal: pyfn('jax.random.truncated_normal(key, lower, upper, shape=None, dtype=float32)', (a) => {
    const shape = shapeOf(a.shape);
    const dt = floatType(a.dtype, 'truncated_normal');
    return array(jaxRandom.truncatedNormal(single(a.key), num(a.lower), num(a.upper), shape, dt), shape, dt);
  }),
  randint: pyfn('jax.random.randint(key, shape, minval, maxval, dtype=int32)', (a) => {
    const shape = shapeOf(a.shape);
    return array(jaxRandom.randint(single(a.key), shape, num(a.minval), num(a.maxval), 'int32') as Int32Array, shape, 'int32');
  }),
  bernoulli: pyfn('jax.random.bernoulli(key, p=0.5, shape=None)', (a) => {
    const shape = shapeOf(a.shape);
    return array(jaxRandom.bernoulli(single(a.key), num(a.p), shape), shape, 'bool');
  }),
  permutation: pyfn('jax.random.permutation(key, x, axis=0, independent=False)', (a) => {
    if (typeof a.x === 'number') return array(jaxRandom.permutation(single(a.key), a.x), [a.x], 'int32');
    const x = a.x as Tensor;
    const idx = jaxRandom.permutation(single(a.key), x.dims[0]);
    return (x as unknown as { take(i: unknown, o: unknown): Tensor }).take(array(idx, [idx.length], 'int32'), { axis: 0 });
  }),
  choice: pyfn('jax.random.choice(key, a, shape=(), replace=True, p=None, axis=0)', (a) => {
    const shape = shapeOf(a.shape);
    const n = typeof a.a === 'number' ? a.a : (a.a as Tensor).dims[0];
    const p = a.p === null || a.p === undefined ? null : Array.from((a.p as Tensor).values as ArrayLike<number>, Number);
    const idx = jaxRandom.choice(single(a.key), n, shape, a.replace, p);
    const it = array(idx, shape, 'int32');
    return typeof a.a === 'number' ? it : (a.a as unknown as { take(i: unknown, o: unknown): Tensor }).take(it, { axis: 0 });
  }),
  gumbel: pyfn('jax.random.gumbel(key, shape=(), dtype=float32)', (a) => {
    const shape = shapeOf(a.shape);
    const dt = floatType(a.dtype, 'gumbel');
    return array(jaxRandom.gumbel(single(a.key), shape, dt), shape, dt);
  }),
  bits: pyfn('jax.random.bits(key, shape=(), dtype=None)', (a) => {
    const shape = shapeOf(a.shape);
    return array(jaxRandom.bits(single(a.key), shape, 'uint32') as Uint32Array, shape, 'uint32');
  }),
};
