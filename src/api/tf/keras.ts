// tf.keras, the parts the autodiff guides use: layers.Dense (kernel and bias variables named as
// Keras 2 names them, glorot-uniform kernels drawn as Keras draws them from TensorFlow's seeds),
// Sequential, the losses, and the SGD and Adam optimizers with apply_gradients.
import { Tensor } from '../../tensor/tensor.js';
import { Variable } from '../../tensor/variable.js';
import { TfVariable } from './variable.js';
import { PY_REPR } from '../../tensor/printable.js';
import * as ops from '../../ops/index.js';
import { unwatched } from '../../core/levels.js';
import { kerasInit } from '../random/index.js';
import { kwargs, pyclass, pyclasses } from '../args.js';
import { documented } from '../docs.js';
import { pyError } from '../errors.js';
import { finish, tensorOf } from '../kinds.js';
import { tf as lib } from '../lib/tf.js';
import { matmulOf } from '../table/linalg.js';

type Act = (x: Tensor) => Tensor;

const ACTIVATIONS: Record<string, Act> = {
  linear: (x) => x, relu: ops.relu, sigmoid: ops.sigmoid, tanh: ops.tanh, softplus: ops.softplus,
  softmax: (x) => ops.softmax(x, -1), exponential: ops.exp, elu: (x) => ops.where(ops.greater(x, 0), x, ops.expm1(x)),
};

function activationOf(a: unknown): Act {
  if (a === null || a === undefined) return ACTIVATIONS.linear;
  if (typeof a === 'function') return a as Act;
  const f = ACTIVATIONS[String(a)];
  if (!f) throw pyError('ValueError', `Unknown activation function: '${String(a)}'. Please ensure you are using a \`keras.utils.custom_object_scope\` and that this object is included in the scope.`);
  return f;
}

function initialize(init: unknown, shape: number[]): Tensor {
  if (typeof init === 'function') return tensorOf(lib, (init as (s: number[]) => unknown)(shape));
  switch (init ?? 'glorot_uniform') {
    case 'glorot_uniform': return new Tensor('float32', shape, kerasInit.glorotUniform(shape), 'tf');
    case 'glorot_normal': return new Tensor('float32', shape, kerasInit.glorotNormal(shape), 'tf');
    case 'he_normal': return new Tensor('float32', shape, kerasInit.heNormal(shape), 'tf');
    case 'he_uniform': return new Tensor('float32', shape, kerasInit.heUniform(shape), 'tf');
    case 'zeros': return ops.zeros(shape, 'float32', 'tf');
    case 'ones': return ops.full(shape, 1, 'float32', 'tf');
    default: throw pyError('ValueError', `Unknown initializer: '${String(init)}'. Please ensure you are using a \`keras.utils.custom_object_scope\` and that this object is included in the scope.`);
  }
}

/** A Keras layer: callable on a tensor, built on first use from the input's shape. */
/** Layers are called like functions (`layer(x)`), as Python's __call__ makes them. */
interface Layer { (inputs: unknown): Tensor }
abstract class Layer {
  built = false;
  constructor() {
    const self = function (this: unknown, inputs: unknown) {
      return (self as unknown as Layer).__call__(inputs);
    } as unknown as Layer;
    Object.setPrototypeOf(self, new.target.prototype);
    return self;
  }
  __call__(inputs: unknown): Tensor {
    const x = tensorOf(lib, inputs);
    if (!this.built) this.build(x.dims);
    return this.call(x);
  }
  abstract build(inputShape: readonly (number | null)[]): void;
  abstract call(x: Tensor): Tensor;
  abstract get trainable_variables(): Variable[];
  get weights(): Variable[] { return this.trainable_variables; }
  get variables(): Variable[] { return this.trainable_variables; }
}

export class Dense extends Layer {
  declare units: number;
  declare kernel: Variable;
  declare bias: Variable | null;
  declare private options: Record<string, any>;
  constructor(...args: unknown[]) {
    super();
    const a = kwargs('Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None, name=None)', args);
    if (!Number.isInteger(a.units) || a.units <= 0) throw pyError('ValueError', `Received an invalid value for \`units\`, expected a positive integer. Received: units=${a.units}`);
    Object.defineProperty(this, 'options', { value: a, enumerable: false });
    this.units = a.units;
    this.bias = null;
    this.built = false;
  }
  build(inputShape: readonly (number | null)[]): void {
    const inDim = inputShape[inputShape.length - 1];
    if (typeof inDim !== 'number') throw pyError('ValueError', 'The last dimension of the inputs to a Dense layer should be defined. Found None.');
    const a = this.options;
    this.kernel = new TfVariable(initialize(a.kernel_initializer, [inDim, this.units]), { name: 'kernel' });
    this.bias = a.use_bias ? new TfVariable(initialize(a.bias_initializer, [this.units]), { name: 'bias' }) : null;
    this.built = true;
  }
  call(x: Tensor): Tensor {
    let y = matmulOf(lib, x, this.kernel);
    if (this.bias) y = finish(lib, ops.add(y, this.bias.read()), [y]);
    return finish(lib, activationOf(this.options.activation)(y), [y]);
  }
  get trainable_variables(): Variable[] {
    return this.bias ? [this.kernel, this.bias] : this.kernel ? [this.kernel] : [];
  }
  [PY_REPR](): string { return '<keras.layers.core.dense.Dense object at 0x7f3a1c2e9a30>'; }
}

documented(Dense, 'tf.keras.layers.Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros")',
  'A densely-connected layer: activation(inputs @ kernel + bias). build([None, in]) creates `kernel` (variable kernel:0, glorot-uniform drawn from TensorFlow\'s seeds as Keras draws it) and `bias` (bias:0, zeros); calling the layer builds it on first use.');

export class Sequential extends Layer {
  declare layers: Layer[];
  constructor(layers: Layer[] = [], ..._rest: unknown[]) {
    super();
    this.layers = [...layers];
  }
  add(layer: Layer): void { this.layers.push(layer); }
  build(): void { this.built = true; }
  call(x: Tensor): Tensor {
    let y = x;
    for (const l of this.layers) y = l.__call__(y);
    return y;
  }
  get trainable_variables(): Variable[] { return this.layers.flatMap((l) => l.trainable_variables); }
}

// ---------------------------------------------------------------- losses

function lossClass(name: string, f: (y: Tensor, p: Tensor) => Tensor) {
  const C = class {
    constructor(..._args: unknown[]) {
      const self = (yTrue: unknown, yPred: unknown) => f(tensorOf(lib, yTrue), tensorOf(lib, yPred));
      Object.setPrototypeOf(self, C.prototype);
      return self;
    }
  };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

const meanSquared = (y: Tensor, p: Tensor) => finish(lib, ops.mean(ops.square(ops.sub(p, ops.cast(y, p.dt)))), [p]);
const meanAbsolute = (y: Tensor, p: Tensor) => finish(lib, ops.mean(ops.abs(ops.sub(p, ops.cast(y, p.dt)))), [p]);
const binaryCrossentropy = (y: Tensor, p: Tensor) => {
  const eps = 1e-7;
  const q = ops.minimum(ops.maximum(p, eps), 1 - eps);
  const yy = ops.cast(y, p.dt);
  return finish(lib, ops.mean(ops.neg(ops.add(ops.mul(yy, ops.log(q)), ops.mul(ops.sub(1, yy), ops.log(ops.sub(1, q)))))), [p]);
};

export const keras = {
  layers: { Dense: pyclass(Dense) },
  Sequential: pyclass(Sequential),
  losses: pyclasses({
    MeanSquaredError: lossClass('MeanSquaredError', meanSquared),
    MeanAbsoluteError: lossClass('MeanAbsoluteError', meanAbsolute),
    BinaryCrossentropy: lossClass('BinaryCrossentropy', binaryCrossentropy),
    mean_squared_error: (y: unknown, p: unknown) => meanSquared(tensorOf(lib, y), tensorOf(lib, p)),
    MSE: (y: unknown, p: unknown) => meanSquared(tensorOf(lib, y), tensorOf(lib, p)),
  }),
  optimizers: { SGD: pyclass(optimizer('SGD')), Adam: pyclass(optimizer('Adam')) },
  initializers: {
    GlorotUniform: (...a: unknown[]) => (shape: number[]) => new Tensor('float32', shape, kerasInit.glorotUniform(shape, (kwargs('GlorotUniform(seed=None)', a).seed as number | null) ?? null), 'tf'),
    Zeros: () => (shape: number[]) => ops.zeros(shape, 'float32', 'tf'),
    Ones: () => (shape: number[]) => ops.full(shape, 1, 'float32', 'tf'),
  },
};

export interface KerasOptimizer {
  readonly learning_rate: number;
  iterations: number;
  apply_gradients(pairs: Iterable<[Tensor | null, Variable]>): void;
}

/** Keras's SGD (momentum, nesterov) and Adam, updating variables by apply_gradients. */
function optimizer(kind: 'SGD' | 'Adam'): new (...a: unknown[]) => KerasOptimizer {
  return class {
    readonly o: Record<string, any>;
    readonly slots = new Map<Variable, Record<string, Tensor>>();
    iterations = 0;
    constructor(...args: unknown[]) {
      this.o = kind === 'SGD'
        ? kwargs('SGD(learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD")', args)
        : kwargs('Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False, name="Adam")', args);
    }
    get learning_rate(): number { return Number(this.o.learning_rate); }
    apply_gradients(pairs: Iterable<[Tensor | null, Variable]>): void {
      this.iterations++;
      unwatched(() => {
        for (const [g, v] of pairs) {
          if (g === null || g === undefined) continue;
          if (kind === 'SGD') this.sgd(g, v);
          else this.adam(g, v);
        }
      });
    }
    minimize(loss: () => Tensor, varList: Variable[]): void {
      void loss; void varList;
      throw pyError('NotImplementedError', 'optimizer.minimize is not supported by Jacobi: use tf.GradientTape and apply_gradients');
    }
    sgd(g: Tensor, v: Variable): void {
      const lr = this.learning_rate, m = Number(this.o.momentum);
      if (m === 0) { v.assign(ops.sub(v.value, ops.mul(g, lr))); return; }
      const s = this.slots.get(v) ?? { momentum: ops.zerosLike(v.value) };
      const vel = ops.sub(ops.mul(s.momentum, m), ops.mul(g, lr));
      this.slots.set(v, { momentum: vel });
      v.assign(this.o.nesterov ? ops.add(v.value, ops.sub(ops.mul(vel, m), ops.mul(g, lr))) : ops.add(v.value, vel));
    }
    adam(g: Tensor, v: Variable): void {
      const b1 = Number(this.o.beta_1), b2 = Number(this.o.beta_2), eps = Number(this.o.epsilon), t = this.iterations;
      const s = this.slots.get(v) ?? { m: ops.zerosLike(v.value), v: ops.zerosLike(v.value) };
      const m = ops.add(ops.mul(s.m, b1), ops.mul(g, 1 - b1));
      const vv = ops.add(ops.mul(s.v, b2), ops.mul(ops.square(g), 1 - b2));
      this.slots.set(v, { m, v: vv });
      const lr = (this.learning_rate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      v.assign(ops.sub(v.value, ops.div(ops.mul(m, lr), ops.add(ops.sqrt(vv), eps))));
    }
  };
}
