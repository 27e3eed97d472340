// The Tensor: a dtype, row-major dims and contiguous typed-array storage. The runtime treats every
// tensor as an immutable value; the only changes are the ones NumPy and PyTorch users make on
// purpose (item assignment, in-place ops), which replace a tensor's storage through `assignData`
// and bump its version, and NumPy-style views, which read through to the tensor they view.
// Methods and printing are the facades' (src/api, src/format), reached through the hooks below, so
// this module depends on neither.
import { type DType, type TensorData } from './dtype.js';
import { TENSOR_BRAND, type Flavor, type PrintableTensor } from './printable.js';
import { sizeOf, stridesOf } from './shape.js';
import { stridedGather } from './strided.js';
import { PyTuple } from './pytuple.js';

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
  repr: (t) => `Tensor(shape=[${t.dims.join(',')}], dtype=${t.dt})`,
  format: (t) => `Tensor(shape=[${t.dims.join(',')}], dtype=${t.dt})`,
  shape: (dims) => `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`,
};

export { sizeOf };

/**
 * A tensor's values still to be computed (a fused elementwise chain, src/ops/fused.ts): computed, with
 * their storage, on the first read of `values`.
 */
export interface Deferred {
  compute(): TensorData;
}

/**
 * How a view reads its base: the element at index i of the view is `root[offset + Σ i_d·strides_d]`
 * (NumPy's strided views; every view is kept relative to the tensor that owns the storage).
 */
export interface ViewOf {
  readonly root: Tensor;
  readonly offset: number;
  readonly strides: readonly number[];
  /** The root's version the view's storage was last read at. */
  seen: number;
}

/** `x.shape`: a frozen tuple of dims that prints as its library prints shapes (`torch.Size([3])`). */
export class Shape extends PyTuple<number> {
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

/** torch grad_fn names by tensor, kept weakly so they die with the tensor (set by torch's autograd). */
export const gradFnNames = new WeakMap<Tensor, string>();

export class Tensor implements PrintableTensor {
  declare readonly [TENSOR_BRAND]: true;
  /** The dtype (`x.dt` is the facade's dtype object; this is its name). */
  readonly dt: DType;
  readonly dims: readonly number[];
  protected _data: TensorData;
  /** The number of elements (`x.size` is the facades': NumPy's int, torch's size() method). */
  readonly count: number;
  flavor: Flavor;
  /** JAX weak type: the value came from a Python scalar (it does not widen what it meets). */
  weak = false;
  /** NumPy: a scalar (`np.float64(3.0)`, `a[0]`, `a.sum()`), which prints as NumPy scalars do. */
  scalar = false;
  /** torch: this tensor takes part in autograd (a leaf the user marked, or a result of one). */
  requires_grad = false;
  /** torch: accumulated gradient of a leaf after `.backward()`. */
  grad: Tensor | null = null;
  /** Bumped by every in-place change (PyTorch's version counter). */
  version = 0;
  /** Set when this tensor is a view (NumPy basic indexing, reshape, transpose; torch views). */
  viewOf: ViewOf | null = null;
  /** Whether no other tensor can see this tensor's storage (then an in-place write needs no copy). */
  private exclusive = false;
  /** Set while the storage's values are still to be computed. */
  private deferred: Deferred | null = null;

  constructor(dtype: DType, dims: readonly number[], data: TensorData, flavor: Flavor = 'numpy') {
    this.dt = dtype;
    this.dims = dims;
    this._data = data;
    this.count = sizeOf(dims);
    this.flavor = flavor;
  }

  /** The values, in row-major order (a view reads its root again if the root changed since). */
  get values(): TensorData {
    if (this.deferred !== null) this.settle();
    const v = this.viewOf;
    if (v !== null && v.seen !== v.root.version) this.refresh(v);
    return this._data;
  }

  /** A new tensor whose values (and storage) wait for `d`: `values` computes them when first read. */
  static deferred(dtype: DType, dims: readonly number[], d: Deferred, flavor: Flavor): Tensor {
    const t = new Tensor(dtype, dims, NOT_YET, flavor);
    t.deferred = d;
    return t;
  }

  /** What is still to compute this tensor's values, if anything (a fused chain extends it). */
  get pending(): Deferred | null {
    return this.deferred;
  }

  /** Computes the deferred values; an interrupted computation leaves them deferred, to be computed again whole. */
  private settle(): void {
    this._data = this.deferred!.compute();
    this.deferred = null;
  }

  /** The storage, for a new tensor that will share it: from now on neither may write it in place. */
  share(): TensorData {
    const d = this.values;
    this.exclusive = false;
    return d;
  }

  private refresh(v: ViewOf): void {
    const root = v.root;
    const rootData = root.share();
    if (v.offset === 0 && this.count === root.count && sameStrides(v.strides, this.dims)) this._data = rootData;
    else {
      const out = new (rootData.constructor as new (n: number) => TensorData)(this.count);
      stridedGather(rootData, this.dims, v.strides, v.offset, out);
      this._data = out;
    }
    v.seen = root.version;
  }

  /**
   * Replaces the values (an in-place change the user asked for): `write` gets storage this tensor
   * alone holds (its own if nobody shares it, else a copy) and changes it. Views of it see the change.
   */
  assignData(write: (own: TensorData) => void): void {
    let d = this.values;
    if (!this.exclusive) {
      d = d.slice() as TensorData;
      this._data = d;
      this.exclusive = true;
    }
    write(d);
    this.version++;
  }

  /** Replaces the values with `data` (which nothing else may hold), as one in-place change. */
  replaceData(data: TensorData): void {
    this.deferred = null;
    this._data = data;
    this.exclusive = true;
    this.version++;
  }

  get shape(): Shape {
    return Shape.of2(this.dims, this.flavor);
  }

  /** torch: the name of the node that made this tensor (`MulBackward0`), or null. */
  get gradFnName(): string | null { return gradFnNames.get(this) ?? null; }

  /** Whether the values can be looked at (false for tracers, which stand for many values at once). */
  get concrete(): boolean { return true; }

  get ndim(): number { return this.dims.length; }
  get rank(): number { return this.dims.length; }

  toString(): string { return printHooks.format(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return printHooks.repr(this); }
}
Object.defineProperty(Tensor.prototype, TENSOR_BRAND, { value: true });

/** The storage of a tensor whose values are deferred, until they are computed. */
const NOT_YET = new Float32Array(0);

function sameStrides(strides: readonly number[], dims: readonly number[]): boolean {
  const own = stridesOf(dims);
  for (let i = 0; i < dims.length; i++) if (dims[i] !== 1 && strides[i] !== own[i]) return false;
  return true;
}

/** A new tensor over `x`'s storage (another name for the same values: reshapes, relabels). */
export function alias(x: Tensor, dims: readonly number[] = x.dims, flavor: Flavor = x.flavor): Tensor {
  const t = new Tensor(x.dt, dims, x.share(), flavor);
  t.weak = x.weak;
  return t;
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
