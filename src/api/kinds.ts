// The patterns an operation's dtypes follow, applied with a library's rules before the neutral op
// runs: elementwise arithmetic (promote the operands), true division, comparisons (promote, give
// bool), float-only functions (integers converted to the library's float), reductions that
// accumulate (sum) or average (mean). Each facade function is one of these over one op.
import type { DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { identity } from '../ops/structural.js';
import { Variable } from '../tensor/variable.js';
import { BroadcastError } from '../ops/errors.js';
import { cast } from '../ops/cast.js';
import { dataTensor, operandOf, relabel, type Library } from './lib/library.js';
import { weakResult } from './lib/jax.js';

type Fn1 = (x: Tensor) => Tensor;
type Fn2 = (x: Tensor, y: Tensor) => Tensor;

/** Runs an op, wording a broadcast failure as the library does. */
export function worded<T>(lib: Library, op: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof BroadcastError) throw lib.broadcastError(op, e.a, e.b, e.shapes);
    throw e;
  }
}

/**
 * A result as the library returns it: its flavor, a NumPy scalar for a 0-d result of a ufunc or
 * reduction, JAX's weak type when every operand was weak. A result that is one of the inputs
 * (floor of an integer array) is a new tensor over the same storage, so flags never leak onto the input.
 */
export function finish(lib: Library, r: Tensor, operands: readonly unknown[], scalarResult = true): Tensor {
  const isInput = operands.some((o) => o === r || (o instanceof Variable && o.value === r));
  // A result that is one of the operands becomes a new tensor object the levels follow (identity),
  // so that flags set below and later in-place writes do not reach the operand.
  let t = r.flavor !== lib.flavor ? relabel(r, lib.flavor) : isInput ? identity(r) : r;
  if (lib.name === 'numpy') {
    const s = scalarResult && t.dims.length === 0;
    if (s !== t.scalar) {
      if (t === r && isInput) t = identity(r);
      t.scalar = s;
    }
  } else if (lib.name === 'jax') {
    t.weak = weakResult(operands);
  } else t.weak = false;
  return t;
}

/** An argument as a tensor of the library: Python scalars weakly typed, data through its constructor. */
export function tensorOf(lib: Library, x: unknown): Tensor {
  if (x instanceof Tensor) {
    // A NumPy float64 array given to jnp without x64 is computed on as float32, as JAX converts it.
    const held = lib.held?.(x.dt);
    return held === undefined || held === x.dt ? x : castTo(x, held);
  }
  if (x instanceof Variable) return x.read();
  if (operandOf(x)) return lib.convert(x, lib.resultType('array', [x]));
  return dataTensor(x, undefined, lib);
}

export function binary(lib: Library, op: string, f: Fn2, a: unknown, b: unknown): Tensor {
  const dt = lib.resultType(op, [a, b]);
  const x = lib.convert(a, dt), y = lib.convert(b, dt);
  lib.checkOperands?.(op, castTo(x, dt), castTo(y, dt));
  return finish(lib, worded(lib, op, () => f(castTo(x, dt), castTo(y, dt))), [a, b]);
}

export function trueDivide(lib: Library, op: string, f: Fn2, a: unknown, b: unknown): Tensor {
  const common = lib.resultType(op, [a, b]);
  const dt = lib.trueDivide(common);
  const x = lib.convert(a, common), y = lib.convert(b, common);
  return finish(lib, worded(lib, op, () => f(castTo(x, dt), castTo(y, dt))), [a, b]);
}

export function compare(lib: Library, op: string, f: Fn2, a: unknown, b: unknown): Tensor {
  const dt = lib.resultType(op, [a, b]);
  const x = lib.convert(a, dt), y = lib.convert(b, dt);
  const r = finish(lib, worded(lib, op, () => f(castTo(x, dt), castTo(y, dt))), [a, b]);
  if (lib.name === 'jax') r.weak = false;
  return r;
}

/** A one-input operation's argument as the library's kernel reads it (lib.inputDtype). */
export function inputOf(lib: Library, op: string, a: unknown): Tensor {
  const t = tensorOf(lib, a);
  const dt = lib.inputDtype?.(op, t.dt) ?? t.dt;
  return castTo(t, dt);
}

/** sin, exp, sqrt...: integer inputs are converted to the library's float first. */
export function unaryFloat(lib: Library, op: string, f: Fn1, a: unknown): Tensor {
  const t = inputOf(lib, op, a);
  const dt = lib.floatOf(t.dt, op);
  return finish(lib, f(castTo(t, dt)), [a]);
}

/** neg, abs, square...: the input's own dtype. */
export function unarySame(lib: Library, op: string, f: Fn1, a: unknown): Tensor {
  const t = inputOf(lib, op, a);
  return finish(lib, f(t), [a]);
}

/**
 * A tensor strongly typed: a Python scalar's weak type would let the neutral ops it meets next pick
 * their own dtype (two weak float64 scalars make float32 there).
 */
export function strong(t: Tensor): Tensor {
  return t.weak ? relabel(t, t.flavor, true) : t;
}

export function castTo(t: Tensor, dt: DType): Tensor {
  return t.dt === dt ? t : cast(t, dt);
}
