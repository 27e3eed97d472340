// A forward-mode level: tangents keyed weakly by primal tensor, so a tangent lives exactly as long
// as its primal. Used by ForwardAccumulator and by jax.jvp / jacfwd / torch's functional jvp.
import { isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Variable } from '../tensor/variable.js';
import type { Primitive } from '../core/primitive.js';
import { belowLevel, Level } from '../core/levels.js';

export class ForwardLevel extends Level {
  readonly tangents = new WeakMap<Tensor, Tensor>();
  readonly variableTangents = new WeakMap<Variable, Tensor>();

  process(prim: Primitive<unknown>, inputs: Tensor[], out: Tensor, params: unknown): void {
    if (!isFloat(out.dt)) return;
    let any = false;
    const ts = new Array<Tensor | null>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const t = this.tangents.get(inputs[i]) ?? null;
      ts[i] = t;
      if (t !== null) any = true;
    }
    // A primitive without a JVP rule is piecewise constant (comparisons, floor, argmax): no tangent.
    if (!any || prim.jvp === undefined) return;
    const jvp = prim.jvp;
    const t = belowLevel(this.id, () => jvp(inputs, ts, out, params));
    if (t !== null) this.tangents.set(out, t);
  }

  /** It carries tangents only from tensors that have one. */
  override watches(inputs: readonly Tensor[]): boolean {
    for (const t of inputs) if (this.tangents.has(t)) return true;
    return false;
  }

  /** `out` now stands where `old` was (an in-place change): its tangent follows. */
  override rebind(old: Tensor, out: Tensor): void {
    const t = this.tangents.get(out);
    if (t !== undefined) this.tangents.set(old, t);
    else this.tangents.delete(old);
  }

  override onVariableRead(v: Variable, value: Tensor): void {
    const t = this.variableTangents.get(v);
    if (t !== undefined && !this.tangents.has(value)) this.tangents.set(value, t);
  }
}
