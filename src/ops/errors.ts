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

/**
 * A matrix a decomposition cannot factor: exactly singular (`index` is the 1-based position of
 * the first zero pivot, LAPACK's info) or not positive definite (`index` is the order of the
 * first leading minor that is not). `batch` is the matrix's position in the flattened batch.
 */
export class LinAlgError extends Error {
  override name = 'LinAlgError';
  constructor(readonly kind: 'singular' | 'not_positive_definite', readonly index: number, readonly batch: number, readonly batched: boolean) {
    super(kind === 'singular' ? 'Singular matrix' : 'Matrix is not positive definite');
  }
}

/** A derivative the library does not define (raised when a rule is asked for it), with its wording. */
export class NotDifferentiableError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
