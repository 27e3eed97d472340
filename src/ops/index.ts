// The public op functions (NumPy semantics, the runtime's neutral dtype rule, weak scalars,
// broadcasting), shared by every facade.
export * from './arith.js';
export * from './reductions.js';
export * from './shape.js';
export * from './linalg.js';
export * as linalg from './linalg_decomp.js';
export { getItem, indexPositions, nonzeroIndices, scatter, scatterP, Slice, RAISE, type Bounds, type IndexSpec, type ScatterMode } from './indexing.js';
export { identity, stopGradient, broadcastToDims, reshapeTo, unbroadcast, keptDims, batchFirst } from './structural.js';
export { toTensor, operands, commonDtype, floatArg, flavorOf, isScalar, castLike as cast, type TensorLike, type Scalar } from './convert.js';
export { BroadcastError, LinAlgError, NotDifferentiableError } from './errors.js';
export { zerosLike, onesLike } from '../tensor/create.js';
export { isFloat as isFloatDtype, isUnsigned as isUnsignedDtype, isInteger as isIntegerDtype } from '../tensor/dtype.js';
export { zeros, full, arange } from '../tensor/create.js';
export { argsort, sort, takeAlong, argsortLane, searchsorted, type SortKind } from './sorting.js';
