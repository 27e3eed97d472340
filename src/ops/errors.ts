// Errors the ops raise with what the facades need to word them as their library does: the ops
// name the operation and the shapes; the wording is each facade's (src/api/errors.ts).
import type { Flavor } from '../tensor/tensor.js';

const tuple = (d: readonly number[]) => `(${d.join(d.length === 1 ? '' : ',')}${d.length === 1 ? ',' : ''})`;

/** NumPy's text (its iterator's: each shape followed by a space). */
export const broadcastMessage = (shapes: readonly (readonly number[])[]) =>
  `operands could not be broadcast together with shapes ${shapes.map((d) => `${tuple(d)} `).join('')}`;

/** Two shapes that do not broadcast (NumPy's wording until a facade words it its way). */
export class BroadcastError extends Error {
  override name = 'ValueError';
  /** Every operand's shape (where() has three). */
  readonly shapes: readonly (readonly number[])[];
  constructor(readonly op: string, readonly a: readonly number[], readonly b: readonly number[], readonly flavor: Flavor, ...more: (readonly number[])[]) {
    const shapes = [a, b, ...more];
    super(broadcastMessage(shapes));
    this.shapes = shapes;
  }
}
