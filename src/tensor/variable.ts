// tf.Variable: the only mutable value. It holds an immutable tensor and replaces it on assignment;
// every read goes through `read()` so that tapes and accumulators see variables being used.
import type { DType } from './dtype.js';
import { Tensor, printHooks, type Shape } from './tensor.js';
import { VARIABLE_BRAND, type PrintableVariable } from './printable.js';
import { ValueError } from './shape.js';
import { anyActive, notifyVariableRead } from '../core/levels.js';

export class Variable implements PrintableVariable {
  declare readonly [VARIABLE_BRAND]: true;
  private current: Tensor;
  readonly name: string;
  readonly trainable: boolean;

  constructor(initial: Tensor, options: { name?: string; trainable?: boolean } = {}) {
    // A fresh tensor object over the same (immutable) storage, so watching the variable never
    // watches the caller's tensor too.
    this.current = new Tensor(initial.dt, initial.dims, initial.share(), 'tf');
    this.name = `${options.name ?? 'Variable'}:0`;
    this.trainable = options.trainable ?? true;
  }

  /** Python's format(v, '') of a tf.Variable is its repr. */
  toString(): string { return printHooks.reprAny(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return printHooks.reprAny(this); }

  /** The current value, as ops see it (levels are told about the read). */
  read(): Tensor {
    if (anyActive()) notifyVariableRead(this, this.current);
    return this.current;
  }

  /** The current value without notifying any level (printing, inspection). */
  get value(): Tensor { return this.current; }
  get dt(): DType { return this.current.dt; }
  get dims(): readonly number[] { return this.current.dims; }
  get shape(): Shape { return this.current.shape; }
  get ndim(): number { return this.current.dims.length; }

  /** Replaces the value (a tensor of the variable's shape and dtype; the facade converts what users give). */
  assign(value: Tensor): this {
    if (value.dims.length !== this.current.dims.length || value.dims.some((d, i) => d !== this.current.dims[i])) {
      // TensorFlow's text, its missing space and the space before the name included.
      const tuple = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;
      throw new ValueError(`Cannot assign value to variable ' ${this.name}': Shape mismatch.The variable shape ${tuple(this.current.dims)}, and the assigned value shape ${tuple(value.dims)} are incompatible.`);
    }
    if (value.dt !== this.current.dt) {
      throw new TypeError(`Cannot assign a ${value.dt} value to variable ${this.name} of dtype ${this.current.dt}`);
    }
    this.current = new Tensor(value.dt, value.dims, value.share(), 'tf');
    return this;
  }
}

Object.defineProperty(Variable.prototype, VARIABLE_BRAND, { value: true });

export function isVariable(x: unknown): x is Variable {
  return x instanceof Variable;
}
