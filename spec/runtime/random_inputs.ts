// Seeded random inputs for specs, drawn from NumPy's default_rng (PCG64), so a seed gives the same
// tensor on every run and the same numbers NumPy would give.
import { np, ops, type Tensor, type DType } from '../../src/index.js';

interface Options { seed: number; dtype?: DType }

export function randomNormal(dims: number[], mean: number, std: number, o: Options): Tensor {
  return ops.cast(np.random.default_rng(o.seed).normal(mean, std, dims) as Tensor, o.dtype ?? 'float32');
}

export function randomUniform(dims: number[], low: number, high: number, o: Options): Tensor {
  return ops.cast(np.random.default_rng(o.seed).uniform(low, high, dims) as Tensor, o.dtype ?? 'float32');
}
