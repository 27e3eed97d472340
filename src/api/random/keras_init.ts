// Keras 2.x (tf.keras) initializers' draws: VarianceScaling's scale and limit in Python doubles, a seeded
// initializer drawing tf.random.stateless_*(seed=[seed, 0]), an unseeded one the stateful tf.random.*
// with op seed None (so its seed comes from tf.random.set_seed's stream), as initializers_v2 does.
// Dense's default kernel is GlorotUniform() of shape (input_dim, units); its bias is zeros.

import { statelessNormal, statelessTruncatedNormal, statelessUniform, tfContext, type TFFloat, type TFRandomContext } from './tf_random.js';
import { RandomError } from './errors.js';

/** _compute_fans: (fan_in, fan_out) of a Keras kernel shape (..., in, out). */
export function kerasFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  let receptive = 1;
  for (let i = 0; i < shape.length - 2; i++) receptive *= shape[i];
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type KerasDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

export interface VarianceScalingConfig {
  scale?: number;
  mode?: FanMode;
  distribution?: KerasDistribution;
  seed?: number | null;
}

/**
 * VarianceScaling(scale, mode, distribution, seed)(shape, dtype). `ctx` is the eager context whose
 * global seed an unseeded initializer follows.
 */
export function varianceScaling(shape: readonly number[], c: VarianceScalingConfig = {}, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext): Float32Array | Float64Array {
  let scale = c.scale ?? 1;
  const mode = c.mode ?? 'fan_in';
  const dist = c.distribution ?? 'truncated_normal';
  if (!(scale > 0)) throw new RandomError('ValueError', `\`scale\` must be positive float. Received: scale=${scale}.`);
  if (!['fan_in', 'fan_out', 'fan_avg'].includes(mode)) throw new RandomError('ValueError', `Invalid \`mode\` argument: ${mode}`);
  const [fanIn, fanOut] = kerasFans(shape);
  if (mode === 'fan_in') scale /= Math.max(1, fanIn);
  else if (mode === 'fan_out') scale /= Math.max(1, fanOut);
  else scale /= Math.max(1, (fanIn + fanOut) / 2);
  const seed = c.seed ?? null;
  const pair = seed === null ? null : [seed, 0];
  if (dist === 'truncated_normal') {
    const stddev = Math.sqrt(scale) / 0.87962566103423978;
    return pair ? statelessTruncatedNormal(shape, pair, 0, stddev, { dtype }) : ctx.truncatedNormal(shape, 0, stddev, { dtype });
  }
  if (dist === 'untruncated_normal') {
    const stddev = Math.sqrt(scale);
    return pair ? statelessNormal(shape, pair, 0, stddev, { dtype }) : ctx.normal(shape, 0, stddev, { dtype });
  }
  const limit = Math.sqrt(3.0 * scale);
  return (pair ? statelessUniform(shape, pair, -limit, limit, { dtype }) : ctx.uniform(shape, -limit, limit, { dtype })) as Float32Array | Float64Array;
}

/** GlorotUniform(seed): VarianceScaling(1, 'fan_avg', 'uniform'). */
export function glorotUniform(shape: readonly number[], seed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext): Float32Array | Float64Array {
  return varianceScaling(shape, { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed }, dtype, ctx);
}

/** GlorotNormal(seed): VarianceScaling(1, 'fan_avg', 'truncated_normal'). */
export function glorotNormal(shape: readonly number[], seed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext): Float32Array | Float64Array {
  return varianceScaling(shape, { scale: 1, mode: 'fan_avg', distribution: 'truncated_normal', seed }, dtype, ctx);
}

/** HeNormal / HeUniform / LecunNormal / LecunUniform. */
export const heNormal = (shape: readonly number[], seed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext) =>
  varianceScaling(shape, { scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed }, dtype, ctx);
export const heUniform = (shape: readonly number[], seed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext) =>
  varianceScaling(shape, { scale: 2, mode: 'fan_in', distribution: 'uniform', seed }, dtype, ctx);
export const lecunNormal = (shape: readonly number[], seed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext) =>
  varianceScaling(shape, { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed }, dtype, ctx);
export const lecunUniform = (shape: readonly number[], seed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext) =>
  varianceScaling(shape, { scale: 1, mode: 'fan_in', distribution: 'uniform', seed }, dtype, ctx);

/** Dense(units).build(input_dim): kernel (input_dim, units) from glorot_uniform, bias zeros. */
export function denseInit(inputDim: number, units: number, useBias = true, kernelSeed: number | null = null, dtype: TFFloat = 'float32', ctx: TFRandomContext = tfContext): { kernel: Float32Array | Float64Array; bias: Float32Array | Float64Array | null } {
  const kernel = glorotUniform([inputDim, units], kernelSeed, dtype, ctx);
  const bias = useBias ? (dtype === 'float64' ? new Float64Array(units) : new Float32Array(units)) : null;
  return { kernel, bias };
}
