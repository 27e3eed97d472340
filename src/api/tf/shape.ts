// tf.TensorShape: what a TensorFlow tensor's `.shape` is (repr `TensorShape([2, 3])`, str `(2, 3)`),
// indexable and iterable like the tuple of its dims.
import { PY_REPR } from '../../tensor/printable.js';
import { pyError } from '../errors.js';

export class TensorShape extends Array<number | null> {
  static get [Symbol.species]() { return Array; }
  static of3(dims: readonly (number | null)[]): TensorShape {
    const s = new TensorShape();
    for (const d of dims) s.push(d);
    return Object.freeze(s) as TensorShape;
  }
  get rank(): number { return this.length; }
  get ndims(): number { return this.length; }
  as_list(): (number | null)[] { return [...this]; }
  num_elements(): number | null { return this.some((d) => d === null) ? null : this.reduce<number>((p, d) => p * (d as number), 1); }
  is_fully_defined(): boolean { return this.every((d) => d !== null); }
  assert_has_rank(rank: number): void {
    if (this.length !== rank) throw pyError('ValueError', `Shape ${this.toString()} must have rank ${rank}`);
  }
  __eq__(other: unknown): boolean {
    return Array.isArray(other) && other.length === this.length && other.every((d, i) => d === this[i]);
  }
  [PY_REPR](): string { return `TensorShape([${this.map((d) => (d === null ? 'None' : String(d))).join(', ')}])`; }
  override toString(): string {
    const parts = this.map((d) => (d === null ? 'None' : String(d)));
    return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
  }
}
