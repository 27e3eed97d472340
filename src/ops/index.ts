// The public op functions (NumPy semantics, weak scalars, broadcasting), shared by every facade.
export * from './elementwise.js';
export * from './reduce.js';
export * from './shape.js';
export * from './linalg.js';
export { getItem, IndexError, type IndexSpec } from './indexing.js';
export { stopGradient } from './stop_gradient.js';
export { identity } from './identity.js';
export { toTensor, operands, InvalidArgumentError, type TensorLike } from './convert.js';
export type { Axis } from './reduce.js';
export { zerosLike, onesLike } from './constants.js';
