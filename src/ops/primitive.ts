// A primitive: a kernel plus its differentiation rules, each rule written with other primitives so
// that derivatives of any order work (the design's `unary("sin", { kernel, jvp, vjp })`).
import type { Tensor } from '../tensor/tensor.js';
import { active, processLevels } from '../autodiff/levels.js';

/**
 * `bd` is the number of leading batch axes a level's tangents or cotangents carry in front of the
 * primal's own axes (1 under jacfwd/jacrev, which push all basis vectors through at once, else 0).
 */
export interface Primitive<P> {
  readonly name: string;
  /** PyTorch's grad_fn class name, e.g. `MulBackward0`. */
  readonly torchName: string;
  impl(inputs: Tensor[], params: P): Tensor;
  /** The output tangent given input tangents (null = symbolic zero); absent = not differentiable. */
  jvp?(primals: Tensor[], tangents: (Tensor | null)[], out: Tensor, params: P, bd: number): Tensor | null;
  /**
   * Returns the cotangent map; the closure keeps only what the rule needs alive. `need[i]` says
   * whether input i's cotangent is wanted, so a rule may skip work for the others.
   */
  vjp?(primals: Tensor[], out: Tensor, params: P): (ct: Tensor, bd: number, need: readonly boolean[]) => (Tensor | null)[];
}

export function definePrimitive<P = void>(def: Omit<Primitive<P>, 'torchName'> & { torchName?: string }): Primitive<P> {
  const torchName = def.torchName ?? `${def.name[0].toUpperCase()}${def.name.slice(1)}Backward0`;
  return { ...def, torchName };
}

/** Runs a primitive and lets the active levels see it (nothing else when none is active). */
export function bind<P>(prim: Primitive<P>, inputs: Tensor[], params: P): Tensor {
  const out = prim.impl(inputs, params);
  if (active.length !== 0) processLevels(prim, inputs, out, params);
  return out;
}
