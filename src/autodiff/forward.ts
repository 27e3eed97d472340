// A forward-mode level: tangents keyed weakly by primal tensor, so a tangent lives exactly as long
// as its primal. Used by ForwardAccumulator and by jax.jvp / jacfwd / torch's functional jvp.
import { isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Variable } from '../tensor/variable.js';
import type { Primitive } from '../ops/primitive.js';
import { belowLevel, Level } from './levels.js';

export class ForwardLevel extends Level {
  readonly tangents = new WeakMap<Tensor, Tensor>();
  readonly variableTangents = new WeakMap<Variable, Tensor>();

  /** `batchDims` leading axes on every tangent (1 for jacfwd's all-columns-at-once pass). */
  constructor(readonly batchDims = 0) {
    super();
  }

  process(prim: Primitive<unknown>, inputs: Tensor[], out: Tensor, params: unknown): void {
    if (prim.jvp === undefined || !isFloat(out.dtype)) return;
    let any = false;
    const ts = new Array<Tensor | null>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const t = this.tangents.get(inputs[i]) ?? null;
      ts[i] = t;
      if (t !== null) any = true;
    }
    if (!any) return;
    const jvp = prim.jvp;
    const t = belowLevel(this.id, () => jvp(inputs, ts, out, params, this.batchDims));
    if (t !== null) this.tangents.set(out, t);
  }

  override onVariableRead(v: Variable, value: Tensor): void {
    const t = this.variableTangents.get(v);
    if (t !== undefined && !this.tangents.has(value)) this.tangents.set(value, t);
  }
}
