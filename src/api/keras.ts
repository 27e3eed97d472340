// tf.keras.layers.Dense: kernel and bias variables named like Keras 2 ('kernel:0', 'bias:0'),
// glorot-uniform initialisation from the seeded generator, callable on a tensor.
import * as ops from '../ops/index.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { randomUniform } from '../tensor/random.js';
import { zeros } from '../tensor/create.js';
import { ValueError } from '../tensor/shape.js';
import { kwargs } from './args.js';
import { documented } from './docs.js';

type Activation = ((x: Tensor) => Tensor) | string | null | undefined;

const ACTIVATIONS: Record<string, (x: Tensor) => Tensor> = {
  linear: (x) => x, relu: ops.relu, sigmoid: ops.sigmoid, tanh: ops.tanh, softplus: ops.softplus,
  softmax: (x) => ops.softmax(x, -1), exponential: ops.exp,
};

function activationOf(a: Activation): (x: Tensor) => Tensor {
  if (a === null || a === undefined) return ACTIVATIONS.linear;
  if (typeof a === 'function') return a;
  const f = ACTIVATIONS[a];
  if (!f) throw new ValueError(`Unknown activation function: '${a}'`);
  return f;
}

type Initializer = string | ((shape: number[]) => Tensor) | null | undefined;

function initialize(init: Initializer, shape: number[], fanIn: number, fanOut: number): Tensor {
  if (typeof init === 'function') return init(shape);
  switch (init ?? 'glorot_uniform') {
    case 'glorot_uniform': {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      return randomUniform(shape, -limit, limit, { flavor: 'tf' });
    }
    case 'zeros': return zeros(shape, 'float32', 'tf');
    case 'ones': return ops.add(zeros(shape, 'float32', 'tf'), 1);
    default: throw new ValueError(`Unknown initializer: '${String(init)}'`);
  }
}

export interface DenseLayer {
  (inputs: ops.TensorLike): Tensor;
  readonly units: number;
  kernel: Variable;
  bias: Variable | null;
  built: boolean;
  build(inputShape: readonly (number | null)[]): void;
  call(inputs: ops.TensorLike): Tensor;
  readonly trainable_variables: Variable[];
  readonly weights: Variable[];
}

/** `new tf.keras.layers.Dense(units, { activation, use_bias, kernel_initializer, bias_initializer })`. */
export const Dense = function Dense(...args: unknown[]): DenseLayer {
  const a = kwargs('Dense', ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'name'], args);
  if (!Number.isInteger(a.units) || a.units <= 0) throw new ValueError(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${a.units}`);
  const activation = activationOf(a.activation);
  const useBias = a.use_bias ?? true;
  const layer = ((inputs: ops.TensorLike) => layer.call(inputs)) as DenseLayer & { units: number };
  Object.assign(layer, {
    units: a.units,
    built: false,
    bias: null,
    build(inputShape: readonly (number | null)[]) {
      const inDim = inputShape[inputShape.length - 1];
      if (typeof inDim !== 'number') throw new ValueError('The last dimension of the inputs to a Dense layer should be defined. Found None.');
      layer.kernel = new Variable(initialize(a.kernel_initializer, [inDim, a.units], inDim, a.units), { name: 'kernel' });
      layer.bias = useBias ? new Variable(initialize(a.bias_initializer ?? 'zeros', [a.units], inDim, a.units), { name: 'bias' }) : null;
      layer.built = true;
    },
    call(inputs: ops.TensorLike) {
      const x = ops.toTensor(inputs);
      if (!layer.built) layer.build(x.dims);
      let y = ops.matmul(x, layer.kernel);
      if (layer.bias) y = ops.add(y, layer.bias);
      return activation(y);
    },
  });
  Object.defineProperty(layer, 'trainable_variables', { get: () => (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]) });
  Object.defineProperty(layer, 'weights', { get: () => layer.trainable_variables });
  return layer;
} as unknown as { new (...args: unknown[]): DenseLayer; (...args: unknown[]): DenseLayer };

documented(Dense, 'tf.keras.layers.Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros")',
  'A densely-connected layer: activation(inputs @ kernel + bias). build([None, in]) creates `kernel` (variable kernel:0, glorot-uniform from the seeded generator) and `bias` (bias:0, zeros); calling the layer builds it on first use.');
