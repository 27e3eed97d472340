// What the printers need to know about a tensor or variable, and the brands that identify them.
// This module imports nothing, so src/format can depend on it without a cycle.
import type { DType, TensorData } from './dtype.js';

/** Which facade made a tensor; it decides printing only. */
export type Flavor = 'tf' | 'jax' | 'torch' | 'numpy';

export const TENSOR_BRAND: unique symbol = Symbol.for('jacobi.tensor');

/**
 * Python's two texts of a value, for objects that are not tensors (dtypes, shapes, tuples): a method
 * under PY_REPR gives `repr(x)`; `toString()` gives `str(x)`, which is also what an f-string shows.
 */
export const PY_REPR: unique symbol = Symbol.for('jacobi.repr');
export const VARIABLE_BRAND: unique symbol = Symbol.for('jacobi.variable');

export interface PrintableTensor {
  readonly [TENSOR_BRAND]: true;
  readonly dt: DType;
  /** Row-major dimensions; `values` is contiguous and holds exactly prod(dims) elements. */
  readonly dims: readonly number[];
  readonly values: TensorData;
  readonly flavor: Flavor;
  /** JAX `weak_type=True` (values that came from Python scalars). */
  readonly weak: boolean;
  /** NumPy: a scalar, printed as NumPy prints its scalars. */
  readonly scalar: boolean;
  /** False for tracers (vmap's batched values), which print as JAX prints them instead of values. */
  readonly concrete: boolean;
  /** A tracer's own text. */
  toString(): string;
  /** torch: `requires_grad=True` suffix (leaf tensors that require grad). */
  readonly requires_grad: boolean;
  /** torch: the class name of the grad_fn (`MulBackward0`), or null. */
  readonly gradFnName: string | null;
}

export interface PrintableVariable {
  readonly [VARIABLE_BRAND]: true;
  /** `kernel:0` style. */
  readonly name: string;
  readonly value: PrintableTensor;
}

export function isPrintableTensor(x: unknown): x is PrintableTensor {
  return typeof x === 'object' && x !== null && (x as { [TENSOR_BRAND]?: unknown })[TENSOR_BRAND] === true;
}

export function isPrintableVariable(x: unknown): x is PrintableVariable {
  return typeof x === 'object' && x !== null && (x as { [VARIABLE_BRAND]?: unknown })[VARIABLE_BRAND] === true;
}
