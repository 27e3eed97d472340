// Results of a facade's functions take that facade's flavor (which decides printing only). A tensor of
// another flavor is re-labelled through the traced identity, so tangents and tapes still follow it.
import { Tensor, type Flavor } from '../tensor/tensor.js';
import { identity } from '../ops/structural.js';
import { mapTree } from '../autodiff/tree.js';
import { documented, getDoc } from './docs.js';

export function asFlavor(t: Tensor, flavor: Flavor): Tensor {
  if (t.flavor === flavor) return t;
  const r = identity(t);
  r.flavor = flavor;
  return r;
}

const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

/** Wraps every function of `fns` so its tensor results (also inside arrays) carry `flavor`. */
export function flavored<T extends Record<string, unknown>>(flavor: Flavor, fns: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fns)) {
    if (typeof f !== 'function' || /^[A-Z]/.test(k)) {
      out[k] = f;
      continue;
    }
    const wrapped = Object.defineProperty((...args: unknown[]) => mapTree((f as (...a: unknown[]) => unknown)(...args), isTensor, (t) => asFlavor(t, flavor)), 'name', { value: k });
    const doc = getDoc(f);
    out[k] = doc ? documented(wrapped, doc.signature, doc.doc) : wrapped;
  }
  return out as T;
}
