// Errors the ops raise with what the facades need to word them as their library does: the ops
// name the operation and the shapes; the wording is each facade's (src/api/errors.ts).
import type { Flavor } from '../tensor/tensor.js';

const tuple = (d: readonly number[]) => `(${d.join(d.length === 1 ? '' : ',')}${d.length === 1 ? ',' : ''})`;

/** Two shapes that do not broadcast (NumPy's wording until a facade words it its way). */
export class BroadcastError extends Error {
  override name = 'ValueError';
  constructor(readonly op: string, readonly a: readonly number[], readonly b: readonly number[], readonly flavor: Flavor) {
    super(`operands could not be broadcast together with shapes ${tuple(a)} ${tuple(b)}`);
  }
}
