// tf.random on TensorFlow's Philox kernels (src/api/random): set_seed with op seeds, the stateful
// ops, the stateless ones and tf.random.Generator.
import { Tensor } from '../../tensor/tensor.js';
import { tfContext, tfRandom, TFGenerator } from '../random/index.js';
import type { TFDType, TFFloat } from '../random/tf_random.js';
import { pyfn } from '../args.js';
import { dtypeArg } from '../dtype_objects.js';
import { shapeArg } from '../table/shape.js';

const num = (v: unknown) => (v instanceof Tensor ? Number(v.values[0]) : v === null || v === undefined ? null : Number(v instanceof Number ? v.valueOf() : v));
const seedArg = (s: unknown): number[] => (s instanceof Tensor ? Array.from(s.values as ArrayLike<number>, Number) : (s as number[]));
const dt = (d: unknown, fallback: TFDType = 'float32') => (dtypeArg(d, 'tensorflow') ?? fallback) as TFDType;
const made = (data: Tensor['values'], shape: number[], d: TFDType) => new Tensor(d, shape, data, 'tf');

class GeneratorObject {
  constructor(readonly g: TFGenerator) {}
  static from_seed(seed: unknown, alg: unknown = 'philox'): GeneratorObject { return new GeneratorObject(TFGenerator.fromSeed(num(seed)!, alg as 'philox')); }
  normal(...a: unknown[]): Tensor {
    const o = pyfn('normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, name=None)', (x) => x)(...a);
    const shape = shapeArg(o.shape), d = dt(o.dtype) as TFFloat;
    return made(this.g.normal(shape, Number(o.mean), Number(o.stddev), d), shape, d);
  }
  uniform(...a: unknown[]): Tensor {
    const o = pyfn('uniform(shape, minval=0, maxval=None, dtype=tf.float32, name=None)', (x) => x)(...a);
    const shape = shapeArg(o.shape), d = dt(o.dtype);
    return made(this.g.uniform(shape, num(o.minval), num(o.maxval), d) as Tensor['values'], shape, d);
  }
  truncated_normal(...a: unknown[]): Tensor {
    const o = pyfn('truncated_normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, name=None)', (x) => x)(...a);
    const shape = shapeArg(o.shape), d = dt(o.dtype) as TFFloat;
    return made(this.g.truncatedNormal(shape, Number(o.mean), Number(o.stddev), d), shape, d);
  }
}

export const tfRandomFacade = {
  set_seed: pyfn('tf.random.set_seed(seed)', (a) => { tfContext.setSeed(a.seed === null ? null : num(a.seed)); }, 'Sets the global random seed.'),
  uniform: pyfn('tf.random.uniform(shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None)', (a) => {
    const shape = shapeArg(a.shape), d = dt(a.dtype);
    return made(tfContext.uniform(shape, num(a.minval) ?? 0, num(a.maxval), { dtype: d, seed: num(a.seed) }) as Tensor['values'], shape, d);
  }, 'Outputs random values from a uniform distribution.'),
  normal: pyfn('tf.random.normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None, name=None)', (a) => {
    const shape = shapeArg(a.shape), d = dt(a.dtype) as TFFloat;
    return made(tfContext.normal(shape, Number(a.mean), Number(a.stddev), { dtype: d, seed: num(a.seed) }), shape, d);
  }, 'Outputs random values from a normal distribution.'),
  truncated_normal: pyfn('tf.random.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None, name=None)', (a) => {
    const shape = shapeArg(a.shape), d = dt(a.dtype) as TFFloat;
    return made(tfContext.truncatedNormal(shape, Number(a.mean), Number(a.stddev), { dtype: d, seed: num(a.seed) }), shape, d);
  }, 'Outputs random values from a truncated normal distribution.'),
  stateless_uniform: pyfn('tf.random.stateless_uniform(shape, seed, minval=0, maxval=None, dtype=tf.float32, name=None, alg="auto_select")', (a) => {
    const shape = shapeArg(a.shape), d = dt(a.dtype);
    return made(tfRandom.statelessUniform(shape, seedArg(a.seed), num(a.minval), num(a.maxval), { dtype: d }) as Tensor['values'], shape, d);
  }),
  stateless_normal: pyfn('tf.random.stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=tf.float32, name=None, alg="auto_select")', (a) => {
    const shape = shapeArg(a.shape), d = dt(a.dtype) as TFFloat;
    return made(tfRandom.statelessNormal(shape, seedArg(a.seed), Number(a.mean), Number(a.stddev), { dtype: d }), shape, d);
  }),
  stateless_truncated_normal: pyfn('tf.random.stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=tf.float32, name=None, alg="auto_select")', (a) => {
    const shape = shapeArg(a.shape), d = dt(a.dtype) as TFFloat;
    return made(tfRandom.statelessTruncatedNormal(shape, seedArg(a.seed), Number(a.mean), Number(a.stddev), { dtype: d }), shape, d);
  }),
  Generator: Object.assign(GeneratorObject, { from_seed: GeneratorObject.from_seed }),
};
