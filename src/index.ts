// The jacobi package: the runtime, its facades and printing.
export { tf, jax, jnp, torch, np, print, repr, str, scope, py } from './api/index.js';
export { Tensor, Shape } from './tensor/tensor.js';
export { Variable } from './tensor/variable.js';
export type { DType } from './tensor/dtype.js';
export * as ops from './ops/index.js';
export { ForwardAccumulator } from './autodiff/forward_accumulator.js';
export { GradientTape } from './autodiff/gradient_tape.js';
export { html, format } from './format/index.js';
