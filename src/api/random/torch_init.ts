// torch.nn.init's arithmetic (fans, gains, bounds in Python doubles) over the generator's uniform_ and
// normal_, and nn.Linear's default reset_parameters: kaiming_uniform_(weight, a=sqrt(5)), then the
// bias uniform in +-1/sqrt(fan_in), drawn in that order.

import type { TorchGenerator } from './torch_generator.js';
import { normal, uniform, type TorchFloatDType, type TorchNormalOptions } from './torch_random.js';
import { RandomError } from './errors.js';

/** _calculate_fan_in_and_fan_out: dims 1 and 0 times the receptive field (dims 2...). */
export function fanInFanOut(shape: readonly number[]): [number, number] {
  if (shape.length < 2) throw new RandomError('ValueError', 'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i];
  return [shape[1] * receptive, shape[0] * receptive];
}

export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/** nn.init.calculate_gain(nonlinearity, param). */
export function calculateGain(nonlinearity: Nonlinearity | string, param: number | null = null): number {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d':
    case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid':
      return 1;
    case 'tanh': return 5.0 / 3;
    case 'relu': return Math.sqrt(2.0);
    case 'leaky_relu': {
      const slope = param === null ? 0.01 : param;
      if (typeof slope !== 'number' || Number.isNaN(slope)) throw new RandomError('ValueError', `negative_slope ${slope} not a valid number`);
      return Math.sqrt(2.0 / (1 + slope * slope));
    }
    case 'selu': return 3.0 / 4;
    default: throw new RandomError('ValueError', `Unsupported nonlinearity ${nonlinearity}`);
  }
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export interface InitOptions extends TorchNormalOptions {
  dtype?: TorchFloatDType;
}

/** nn.init.uniform_(tensor, a, b). */
export function initUniform(g: TorchGenerator, shape: readonly number[], a = 0, b = 1, o: InitOptions = {}): Float32Array | Float64Array {
  return uniform(g, size(shape), a, b, o.dtype ?? 'float32', o);
}

/** nn.init.normal_(tensor, mean, std). */
export function initNormal(g: TorchGenerator, shape: readonly number[], mean = 0, std = 1, o: InitOptions = {}): Float32Array | Float64Array {
  return normal(g, size(shape), mean, std, o.dtype ?? 'float32', o);
}

/** xavier_uniform_: a = gain * sqrt(6 / (fan_in + fan_out)), as sqrt(3) * std. */
export function xavierUniform(g: TorchGenerator, shape: readonly number[], gain = 1, o: InitOptions = {}): Float32Array | Float64Array {
  const [fanIn, fanOut] = fanInFanOut(shape);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform(g, size(shape), -a, a, o.dtype ?? 'float32', o);
}

/** xavier_normal_: std = gain * sqrt(2 / (fan_in + fan_out)). */
export function xavierNormal(g: TorchGenerator, shape: readonly number[], gain = 1, o: InitOptions = {}): Float32Array | Float64Array {
  const [fanIn, fanOut] = fanInFanOut(shape);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal(g, size(shape), 0, std, o.dtype ?? 'float32', o);
}

function correctFan(shape: readonly number[], mode: string): number {
  const m = mode.toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out') throw new RandomError('ValueError', `Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = fanInFanOut(shape);
  return m === 'fan_in' ? fanIn : fanOut;
}

/** kaiming_uniform_(tensor, a, mode, nonlinearity): bound = sqrt(3) * gain / sqrt(fan). No draws for empty tensors. */
export function kaimingUniform(g: TorchGenerator, shape: readonly number[], a = 0, mode = 'fan_in', nonlinearity: Nonlinearity | string = 'leaky_relu', o: InitOptions = {}): Float32Array | Float64Array {
  if (shape.includes(0)) return o.dtype === 'float64' ? new Float64Array(0) : new Float32Array(0);
  const fan = correctFan(shape, mode);
  const gain = calculateGain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform(g, size(shape), -bound, bound, o.dtype ?? 'float32', o);
}

/** kaiming_normal_(tensor, a, mode, nonlinearity): std = gain / sqrt(fan). */
export function kaimingNormal(g: TorchGenerator, shape: readonly number[], a = 0, mode = 'fan_in', nonlinearity: Nonlinearity | string = 'leaky_relu', o: InitOptions = {}): Float32Array | Float64Array {
  if (shape.includes(0)) return o.dtype === 'float64' ? new Float64Array(0) : new Float32Array(0);
  const fan = correctFan(shape, mode);
  const gain = calculateGain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  return normal(g, size(shape), 0, std, o.dtype ?? 'float32', o);
}

/**
 * nn.Linear(in_features, out_features, bias).reset_parameters(): the (out, in) weight from
 * kaiming_uniform_(a=sqrt(5)), then the bias from uniform_(-1/sqrt(in), 1/sqrt(in)).
 */
export function linearInit(g: TorchGenerator, inFeatures: number, outFeatures: number, bias = true, o: InitOptions = {}): { weight: Float32Array | Float64Array; bias: Float32Array | Float64Array | null } {
  const weight = kaimingUniform(g, [outFeatures, inFeatures], Math.sqrt(5), 'fan_in', 'leaky_relu', o);
  if (!bias) return { weight, bias: null };
  const [fanIn] = fanInFanOut([outFeatures, inFeatures]);
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  return { weight, bias: uniform(g, outFeatures, -bound, bound, o.dtype ?? 'float32', o) };
}
