// The op table: every public operation declared once, with its Python signature in each facade
// that has it (np, jnp, torch, tf), its tensor methods per library, a docstring, and one
// implementation over canonical argument names that applies the calling library's rules. The
// facades, tensor methods, help() text and the README's API inventory are generated from it.
import type { Library, LibraryName } from '../lib/library.js';
import type { Flavor } from '../../tensor/tensor.js';

export type Args = Record<string, any>;
export type Impl = (a: Args, lib: Library) => unknown;

/** A facade function's signature (or several: aliases such as tf.reduce_sum and tf.math.reduce_sum). */
export type Sigs = string | readonly string[];

export interface OpRow {
  /** The canonical name (the inventory's). */
  readonly name: string;
  /** One paragraph, Python docstring style. */
  readonly doc: string;
  readonly impl: Impl;
  /** What one library does differently from `impl`. */
  readonly variants?: Partial<Record<LibraryName, Impl>>;
  readonly np?: Sigs;
  readonly jnp?: Sigs;
  /** Names under `jax` itself (jax.nn, jax.lax, jax.scipy). */
  readonly jax?: Sigs;
  readonly torch?: Sigs;
  readonly tf?: Sigs;
  /** Tensor methods, per flavor of the tensor (signatures without `self`, which is the argument `x`). */
  readonly methods?: Partial<Record<Flavor, Sigs>>;
  /** Library parameter names that mean a canonical argument other than the usual synonyms. */
  readonly rename?: Readonly<Record<string, string>>;
  /** NumPy: a 0-d result is an array, not a scalar (array constructors). */
  readonly arrayResult?: boolean;
  /** The result is returned as the implementation made it (no flavor or scalar post-processing). */
  readonly raw?: boolean;
  /** A short example for help(). */
  readonly example?: string;
}

export type FacadeKey = 'np' | 'jnp' | 'jax' | 'torch' | 'tf';

/** Parameter names that mean the same argument across the libraries. */
export const SYNONYMS: Readonly<Record<string, string>> = {
  a: 'x', input: 'x', x1: 'x', input_tensor: 'x', tensor: 'x', self: 'x', features: 'x', logits: 'x', arr: 'x', ary: 'x', array: 'x',
  x2: 'y', other: 'y',
  dim: 'axis', keepdim: 'keepdims',
  newshape: 'shape', size: 'shape',
};

export function row(r: OpRow): OpRow {
  return r;
}
