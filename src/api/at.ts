// JAX's functional updates: `x.at[idx].set(v)`, `.add`, `.multiply`, `.divide`, `.power`, `.min`,
// `.max`, `.get`, `.apply`, each a new array (JAX arrays are never changed in place).
import type { Tensor } from '../tensor/tensor.js';
import * as ops from '../ops/index.js';
import { scatter, type ScatterMode } from '../ops/indexing.js';
import { PY_REPR } from '../tensor/printable.js';
import { castTo, finish } from './kinds.js';
import { jax } from './lib/jax.js';
import { pyError } from './errors.js';
import { kwargs } from './args.js';
import { jaxBounds } from './bounds.js';

export const AT: unique symbol = Symbol.for('jacobi.at');

/** `x.at`: indexing it gives the update operations for that index. */
export interface AtHelper { readonly [AT]: Tensor }

export function atHelper(x: Tensor): AtHelper {
  return { [AT]: x, [PY_REPR]: () => '_IndexUpdateHelper' } as AtHelper;
}

export function isAtHelper(x: unknown): x is AtHelper {
  return typeof x === 'object' && x !== null && AT in x;
}

export class IndexUpdateRef {
  constructor(private readonly x: Tensor, private readonly specs: readonly unknown[]) {}

  private update(v: unknown, mode: ScatterMode): Tensor {
    const x = this.x;
    const sel = ops.getItem(x, this.specs);
    const value = ops.broadcastTo(castTo(jax.convert(v, x.dt), x.dt), sel.dims);
    return finish(jax, scatter(x, this.specs, value, mode), [x]);
  }

  set(v: unknown, ..._options: unknown[]): Tensor { return this.update(v, 'set'); }
  add(v: unknown, ..._options: unknown[]): Tensor { return this.update(v, 'add'); }
  multiply(v: unknown, ..._options: unknown[]): Tensor { return this.update(v, 'mul'); }
  mul(v: unknown, ..._options: unknown[]): Tensor { return this.update(v, 'mul'); }
  min(v: unknown, ..._options: unknown[]): Tensor { return this.update(v, 'min'); }
  max(v: unknown, ..._options: unknown[]): Tensor { return this.update(v, 'max'); }
  divide(v: unknown): Tensor { return this.set(ops.div(this.get(), castTo(jax.convert(v, this.x.dt), this.x.dt))); }
  power(v: unknown): Tensor { return this.set(ops.pow(this.get(), castTo(jax.convert(v, this.x.dt), this.x.dt))); }
  apply(f: (t: Tensor) => Tensor): Tensor { return this.set(f(this.get())); }
  /** `.get(mode=None, fill_value=None)`: out-of-bounds indices clamp ('clip', the default) or read fill_value ('fill'). */
  get(...args: unknown[]): Tensor {
    const a = kwargs('get(*, indices_are_sorted=False, unique_indices=False, mode=None, fill_value=None)', args);
    return finish(jax, ops.getItem(this.x, this.specs, jaxBounds(a.mode, a.fill_value, this.x.dt, 'clip')), [this.x]);
  }

  [PY_REPR](): string { return '_IndexUpdateRef'; }
}

export function updateRef(helper: AtHelper, specs: readonly unknown[]): IndexUpdateRef {
  if (specs.length === 0) throw pyError('IndexError', 'an index is required: x.at[idx]');
  return new IndexUpdateRef(helper[AT], specs);
}
