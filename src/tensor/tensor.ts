// The immutable Tensor: a dtype, row-major dims and contiguous typed-array storage.
// Ops live in src/ops and are attached as methods by src/api/methods.ts; printing lives in
// src/format and is reached through the hooks below, so this module depends on neither.
import { type DType, type TensorData } from './dtype.js';
import { TENSOR_BRAND, type Flavor, type PrintableTensor } from './printable.js';

export type { Flavor } from './printable.js';

/** Printing hooks, installed by src/format when it loads (keeps tensor free of a cycle). */
export const printHooks: {
  repr: (t: Tensor) => string;
  format: (t: Tensor) => string;
  shape: (dims: readonly number[], flavor: Flavor) => string;
  /** Python repr of any value (variables print through it). */
  reprAny: (x: unknown) => string;
} = {
  reprAny: (x) => String(x),
  repr: (t) => `Tensor(shape=[${t.dims.join(',')}], dtype=${t.dtype})`,
  format: (t) => `Tensor(shape=[${t.dims.join(',')}], dtype=${t.dtype})`,
  shape: (dims) => `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`,
};

/** `x.shape`: a frozen array of dims that prints as a Python tuple, or as `torch.Size([...])`. */
export class Shape extends Array<number> {
  flavor: Flavor = 'numpy';
  static get [Symbol.species]() { return Array; }
  static of2(dims: readonly number[], flavor: Flavor): Shape {
    const s = new Shape();
    for (const d of dims) s.push(d);
    s.flavor = flavor;
    return Object.freeze(s) as Shape;
  }
  override toString(): string { return printHooks.shape(this, this.flavor); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < dims.length; i++) n *= dims[i];
  return n;
}

export class Tensor implements PrintableTensor {
  declare readonly [TENSOR_BRAND]: true;
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly data: TensorData;
  readonly size: number;
  flavor: Flavor;
  /** JAX weak type: the value came from a Python-style scalar. */
  weak = false;
  /** torch: this tensor takes part in autograd (a leaf the user marked, or a result of one). */
  requires_grad = false;
  /** torch: accumulated gradient of a leaf after `.backward()`. */
  grad: Tensor | null = null;
  private _shape: Shape | undefined;

  constructor(dtype: DType, dims: readonly number[], data: TensorData, flavor: Flavor = 'numpy') {
    this.dtype = dtype;
    this.dims = dims;
    this.data = data;
    this.size = data.length;
    this.flavor = flavor;
  }

  get shape(): Shape {
    return (this._shape ??= Shape.of2(this.dims, this.flavor));
  }
  get ndim(): number { return this.dims.length; }
  get rank(): number { return this.dims.length; }

  /** torch: the name of the backward node, e.g. `MulBackward0` (set by the torch autograd level). */
  get gradFnName(): string | null { return gradFnNames.get(this) ?? null; }

  toString(): string { return printHooks.format(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return printHooks.repr(this); }
}
Object.defineProperty(Tensor.prototype, TENSOR_BRAND, { value: true });

/** torch grad_fn names by tensor, kept weakly so they die with the tensor. */
export const gradFnNames = new WeakMap<Tensor, string>();

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
