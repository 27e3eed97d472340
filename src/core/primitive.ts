// A primitive: a kernel plus its rules, each rule written with other primitives so that
// derivatives of any order work and every transformation composes with every other
// (the design's `unary("sin", { kernel, jvp, vjp })`). Rules are written for one example:
// vmap adds the batch through each primitive's batching rule.
import type { Tensor } from '../tensor/tensor.js';
import { anyActive, applyWithLevels } from './levels.js';

export type Grad = Tensor | null;

export interface Primitive<P = any> {
  readonly name: string;
  impl(inputs: Tensor[], params: P): Tensor;
  /** The output tangent given input tangents (null = symbolic zero); absent = not differentiable. */
  jvp?(primals: Tensor[], tangents: Grad[], out: Tensor, params: P): Grad;
  /**
   * Returns the cotangent map; the closure keeps only what the rule needs alive. `need[i]` says
   * whether input i's cotangent is wanted, so a rule may skip work for the others.
   */
  vjp?(primals: Tensor[], out: Tensor, params: P): (ct: Tensor, need: readonly boolean[]) => Grad[];
  /**
   * The primitive over a batch: each input carries its batch along axis `dims[i]` (null = the input
   * is the same for every example). Returns the result and the axis its batch is on.
   */
  batch?(inputs: Tensor[], dims: (number | null)[], params: P): [Tensor, number | null];
  /** Linear in its inputs: its cotangent map keeps no primal values. */
  readonly linear?: boolean;
  /**
   * Which values the cotangent map reads (by default every input, not the output): a value changed
   * in place after it was recorded makes the backward pass fail instead of reading the new values.
   */
  readonly saves?: { readonly inputs?: readonly number[]; readonly out?: boolean };
}

export function definePrimitive<P = void>(def: Primitive<P>): Primitive<P> {
  return def;
}

/** What a linear primitive's transpose needs to know of an input (never its values). */
export interface InputMeta {
  readonly dims: readonly number[];
  readonly dt: Tensor['dt'];
}

/**
 * A linear primitive (JAX's `deflinear`): its JVP is itself applied to the tangents and its VJP is
 * the transpose, so the two rules are not written twice.
 */
export function defineLinear<P>(def: {
  name: string;
  impl: Primitive<P>['impl'];
  /** Cotangents of the inputs (null where not needed) for the output cotangent `ct`. */
  transpose: (ct: Tensor, params: P, inputs: readonly InputMeta[], need: readonly boolean[]) => Grad[];
  /** Materializes a zero tangent for an input that has none (only multi-input primitives need it). */
  zeros?: (meta: InputMeta, like: Tensor) => Tensor;
  batch?: Primitive<P>['batch'];
}): Primitive<P> {
  const prim: Primitive<P> = {
    name: def.name,
    linear: true,
    impl: def.impl,
    batch: def.batch,
    jvp: (primals, tangents, _out, params) => {
      const some = tangents.find((t) => t !== null);
      if (some === undefined || some === null) return null;
      if (tangents.length === 1) return bind(prim, [some], params);
      const ts = tangents.map((t, i) => t ?? def.zeros!(primals[i], some));
      return bind(prim, ts, params);
    },
    vjp: (primals, _out, params) => {
      const metas: InputMeta[] = primals.map((p) => ({ dims: p.dims, dt: p.dt }));
      return (ct, need) => def.transpose(ct, params, metas, need);
    },
  };
  return prim;
}

/** Runs a primitive, letting the active levels see it (nothing else when none is active). */
export function bind<P>(prim: Primitive<P>, inputs: Tensor[], params: P): Tensor {
  return anyActive() ? applyWithLevels(prim, inputs, params) : prim.impl(inputs, params);
}
