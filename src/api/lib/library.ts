// What a facade needs to know of the library it is named after: its default dtypes, how Python data
// becomes a tensor, how operand dtypes are promoted, which dtype float-only ops and reductions
// compute in, how its errors are worded. One implementation per library (numpy.ts, torch.ts,
// tf.ts, jax.ts); the generated facades and the cell operators apply them before calling the ops.
import { isFloat, kindOf, type DType } from '../../tensor/dtype.js';
import { Tensor, type Flavor } from '../../tensor/tensor.js';
import { Variable } from '../../tensor/variable.js';
import { PyFloat } from '../../tensor/scalars.js';
import { describe, fromDescribed, scalar, type Described } from '../../tensor/create.js';
import { cast } from '../../ops/cast.js';
import { identity } from '../../ops/structural.js';
import { stack } from '../../ops/shape.js';

export type LibraryName = 'numpy' | 'torch' | 'tensorflow' | 'jax';

/** An operand as promotion sees it: a tensor, or a Python scalar of a kind. */
export type Operand =
  | { tensor: Tensor; py?: undefined }
  | { tensor?: undefined; py: 'b' | 'i' | 'f'; value: number | boolean | bigint };

export function operandOf(x: unknown): Operand | null {
  if (x instanceof Tensor) return { tensor: x };
  if (x instanceof Variable) return { tensor: x.read() };
  if (typeof x === 'boolean') return { py: 'b', value: x };
  if (x instanceof PyFloat) return { py: 'f', value: x.valueOf() };
  if (typeof x === 'number') return { py: Number.isInteger(x) ? 'i' : 'f', value: x };
  if (typeof x === 'bigint') return { py: 'i', value: x };
  return null;
}

export interface Library {
  readonly name: LibraryName;
  readonly flavor: Flavor;
  /** The dtype float results default to (torch.get_default_dtype(), float64 for NumPy). */
  readonly floatDtype: DType;
  readonly intDtype: DType;
  /** The dtype of argmax/argmin and indices. */
  readonly indexDtype: DType;
  /** The dtypes the library has. */
  readonly dtypes: readonly DType[];
  /** The dtype Python data gets from the library's array constructor (np.array([1, 2]) is int64). */
  dataDtype(d: Described): DType;
  /** A dtype as the library holds it (JAX without x64 keeps 64-bit types as 32-bit). */
  canonical(dt: DType): DType;
  /** The dtype an elementwise operation of these operands computes in (or the library's error). */
  resultType(op: string, operands: readonly unknown[]): DType;
  /** The dtype a float-only operation (sin, sqrt, mean) computes in for an input of `dt`. */
  floatOf(dt: DType, op: string): DType;
  /** True division's dtype for operands promoted to `dt`. */
  trueDivide(dt: DType): DType;
  /** The dtype sum, prod and cumsum accumulate `dt` in. */
  sumDtype(dt: DType, op: string): DType;
  /** A Python scalar or data converted for an op that computes in `dt` (the library's checks). */
  convert(x: unknown, dt: DType): Tensor;
  /** The library's error for shapes that do not broadcast. */
  broadcastError(op: string, a: readonly number[], b: readonly number[], shapes?: readonly (readonly number[])[]): Error;
  /**
   * The dtype a one-input operation reads `dt` in, when the library's kernels do not take `dt` as it
   * is (NumPy squares a bool array in int8; PyTorch has no abs for bools: its error). Absent: as is.
   */
  inputDtype?(op: string, dt: DType): DType;
  /** Raises the library's error for operand values its kernel refuses (PyTorch: integer division by zero). */
  checkOperands?(op: string, x: Tensor, y: Tensor): void;
  /**
   * Another library's tensor given to this library's functions, as this library takes it (NumPy reads
   * a TensorFlow tensor's values, so the tape does not see the computation; a torch tensor that
   * requires grad is refused).
   */
  adopt?(t: Tensor): Tensor;
  /** The dtype an array of `dt` is held as, converted without a word (JAX without x64 holds 64-bit types as 32-bit). */
  held?(dt: DType): DType;
}

// ---------------------------------------------------------------- shared pieces

/**
 * Data (nested lists, scalars, typed arrays, tensors inside lists) as a new tensor of the library
 * (`np.array`, `torch.tensor`, `tf.constant`, `jnp.array`: a tensor given is copied, which costs
 * nothing here: storage is shared until one of them is written in place).
 */
export function dataTensor(value: unknown, dtype: DType | undefined, lib: Library): Tensor {
  if (value instanceof Variable) value = value.read();
  // JAX: an array made without a dtype from a Python scalar or a weakly typed array stays weak
  // (jnp.array(3.) is weak, jnp.array([3.]) is not), as jax.numpy.array's is_weakly_typed decides.
  const weak = lib.name === 'jax' && dtype === undefined && ((value instanceof Tensor && value.weak) || isPythonScalar(value));
  if (value instanceof Tensor) {
    const to = dtype !== undefined ? lib.canonical(dtype) : lib.held?.(value.dt) ?? value.dt;
    const t = relabel(to !== value.dt ? cast(value, to) : value, lib.flavor, true);
    t.weak = weak;
    return t;
  }
  if (Array.isArray(value) && holdsTensor(value)) {
    // Lists of tensors are stacked (a traced op, so derivatives flow through the result).
    let t = stack(value.map((p) => dataTensor(p, undefined, lib)));
    if (dtype !== undefined && t.dt !== dtype) t = cast(t, lib.canonical(dtype));
    return relabel(t, lib.flavor);
  }
  const d = describe(value);
  const t = fromDescribed(value, d, lib.canonical(dtype ?? lib.dataDtype(d)), lib.flavor);
  if (weak) t.weak = true;
  return t;
}

const isPythonScalar = (x: unknown) => typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' || x instanceof PyFloat;

function holdsTensor(x: unknown, path: unknown[] = []): boolean {
  if (x instanceof Tensor || x instanceof Variable) return true;
  // A list that contains itself is left to describe(), which names the cycle.
  if (!Array.isArray(x) || path.includes(x)) return false;
  path.push(x);
  try { return x.some((v) => holdsTensor(v, path)); } finally { path.pop(); }
}

/**
 * A tensor of another flavor re-labelled through the traced identity, so tangents and tapes still
 * follow it (`always`: a new tensor object even when the flavor is already right).
 */
export function relabel(t: Tensor, flavor: Flavor, always = false): Tensor {
  if (!always && t.flavor === flavor && !t.scalar) return t;
  const r = identity(t);
  r.flavor = flavor;
  r.scalar = false;
  // A new array made from a value is strongly typed (jnp.array(2.0) is not weak).
  if (always) r.weak = false;
  return r;
}

/** A Python scalar as a weakly typed 0-d tensor of `dt`. */
export function weakScalar(value: number | boolean | bigint | PyFloat, dt: DType, flavor: Flavor): Tensor {
  const t = scalar(value, dt, flavor);
  t.weak = true;
  return t;
}

/** Bool < integers < floats: the kind categories promotion compares (NumPy's and PyTorch's). */
export function category(dt: DType): number {
  const k = kindOf(dt);
  return k === 'b' ? 0 : k === 'f' ? 2 : 1;
}

export function pyCategory(py: 'b' | 'i' | 'f'): number {
  return py === 'b' ? 0 : py === 'i' ? 1 : 2;
}

export function isFloatDtype(dt: DType): boolean {
  return isFloat(dt);
}
