// vmap as its own transformation (JAX's batching): inside the mapped function each batched value
// is a tracer that looks like one example (its dims leave the batch axis out) and stands for the
// whole batch; every primitive applied to a tracer runs once, on the whole batch, through the
// primitive's batching rule. Composes with every other level in every order.
import { PyTuple } from '../tensor/pytuple.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError, normAxis } from '../tensor/shape.js';
import { InterceptLevel, within } from '../core/levels.js';
import type { Primitive } from '../core/primitive.js';
import { isScalar, toTensor } from '../ops/convert.js';
import { moveaxis } from '../ops/shape.js';
import { broadcastToDims, reshapeTo } from '../ops/structural.js';
import { isPlainObject, mapTree } from './tree.js';

const NO_DATA = new Float32Array(0);

export class UnexpectedTracerError extends Error {
  override name = 'UnexpectedTracerError';
}

export class ConcretizationTypeError extends Error {
  override name = 'ConcretizationTypeError';
}

export class BatchTracer extends Tensor {
  constructor(readonly level: BatchLevel, readonly val: Tensor, readonly bdim: number) {
    super(val.dt, val.dims.filter((_, i) => i !== bdim), NO_DATA, val.flavor);
    this.weak = val.weak;
  }

  /** A tracer has no values of its own: looking at them is JAX's concretization error. */
  override get values(): never {
    throw new ConcretizationTypeError(
      `Abstract tracer value encountered where concrete value is expected: ${this.describe()}\n` +
        'The problem arose with a value that depends on a vmapped argument: a batched value cannot be converted to a concrete value (printed, compared in an `if`, read with .item() or .tolist(), or used as a boolean mask or a shape).',
    );
  }

  override get concrete(): boolean {
    return false;
  }

  describe(): string {
    return `Traced<ShapedArray(${this.dt}[${this.dims.join(',')}])>with<BatchTrace(level=${this.level.id})>`;
  }

  override toString(): string {
    return this.describe();
  }
}

export class BatchLevel extends InterceptLevel {
  constructor(readonly size: number) {
    super();
  }

  owns(t: Tensor): boolean {
    return t instanceof BatchTracer && t.level === this;
  }

  apply(prim: Primitive<any>, inputs: Tensor[], params: unknown): Tensor {
    const vals: Tensor[] = new Array(inputs.length);
    const dims: (number | null)[] = new Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const x = inputs[i];
      if (x instanceof BatchTracer && x.level === this) { vals[i] = x.val; dims[i] = x.bdim; }
      else { vals[i] = x; dims[i] = null; }
    }
    if (prim.batch === undefined) throw new Error(`NotImplementedError: vmap has no batching rule for the primitive '${prim.name}'`);
    const [out, d] = prim.batch(vals, dims, params);
    return d === null ? out : new BatchTracer(this, out, d);
  }

  /** A value as seen from inside this level: its batch at axis `d`. */
  wrap(val: Tensor, d: number): BatchTracer {
    return new BatchTracer(this, val, d);
  }

  /** A value coming out of the mapped function, with its batch at `outAxis` (null: it must not depend on the batch). */
  unwrap(x: Tensor, outAxis: number | null): Tensor {
    if (x instanceof BatchTracer && x.level === this) {
      if (outAxis === null) throw new ValueError('vmap has mapped output but out_axes is None');
      return moveaxis(x.val, x.bdim, normAxis(outAxis, x.val.dims.length, 'vmap'));
    }
    if (outAxis === null) return x;
    // An output that does not depend on the batch is the same for every example.
    const b = broadcastToDims(reshapeTo(x, [1, ...x.dims]), [this.size, ...x.dims]);
    return moveaxis(b, 0, normAxis(outAxis, b.dims.length, 'vmap'));
  }
}

type Axes = number | null | readonly unknown[] | Record<string, unknown>;
const isLeaf = (x: unknown): x is Tensor | number | boolean => x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || x instanceof Number;

/** Each leaf of `tree` with the axis `axes` assigns it (a prefix tree: one axis may stand for a whole subtree). */
function withAxes(tree: unknown, axes: unknown, f: (leaf: unknown, axis: number | null, path: string) => unknown, path = ''): unknown {
  if (axes === null || typeof axes === 'number') return mapTree(tree, isLeaf, (leaf) => f(leaf, axes, path));
  if (Array.isArray(axes)) {
    if (!Array.isArray(tree) || tree.length !== axes.length) {
      throw new ValueError(`vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=${axes.length}, len(args)=${Array.isArray(tree) ? tree.length : 1}`);
    }
    const mapped = tree.map((t, i) => withAxes(t, axes[i], f, `${path}[${i}]`));
    return tree instanceof PyTuple ? PyTuple.from2(mapped) : mapped;
  }
  if (isPlainObject(axes)) {
    if (!isPlainObject(tree)) throw new ValueError('vmap in_axes specification must be a tree prefix of the corresponding value');
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(tree).sort()) out[k] = withAxes(tree[k], axes[k] ?? null, f, `${path}['${k}']`);
    return out;
  }
  throw new ValueError(`vmap in_axes must be an int, None, or (nested) container with those types as leaves, but got ${String(axes)}.`);
}

export interface VmapOptions {
  in_axes?: Axes;
  out_axes?: Axes;
  axis_size?: number;
}

export function vmap(f: (...args: any[]) => any, options: VmapOptions = {}): (...args: any[]) => any {
  const inAxes = options.in_axes === undefined ? 0 : options.in_axes;
  const outAxes = options.out_axes === undefined ? 0 : options.out_axes;
  return (...args: unknown[]) => {
    const axesOfArgs = typeof inAxes === 'number' || inAxes === null ? args.map(() => inAxes) : inAxes;
    // The batch size: every mapped axis must agree.
    const sizes: { size: number; where: string }[] = [];
    withAxes(args, axesOfArgs, (leaf, axis, path) => {
      if (axis === null) return leaf;
      const t = toTensor(leaf as Tensor);
      if (t.dims.length === 0) throw new ValueError(`vmap was requested to map its argument along axis ${axis}, which implies that its rank should be at least ${axis + 1}, but is only 0 (its shape is ())`);
      const a = normAxis(axis, t.dims.length, 'vmap');
      sizes.push({ size: t.dims[a], where: `axis ${axis} of argument ${path} of type ${t.dt}[${t.dims.join(',')}]` });
      return leaf;
    });
    const size = options.axis_size ?? sizes[0]?.size;
    if (size === undefined) throw new ValueError('vmap must have at least one non-None value in in_axes');
    if (sizes.some((s) => s.size !== size)) {
      throw new ValueError(`vmap got inconsistent sizes for array axes to be mapped:\n${sizes.map((s) => `  * one axis had size ${s.size}: ${s.where}`).join(';\n')}`);
    }
    const level = new BatchLevel(size);
    const out = within(level, () => {
      const wrapped = withAxes(args, axesOfArgs, (leaf, axis) => {
        if (axis === null) return leaf;
        const t = toTensor(leaf as Tensor);
        return level.wrap(t, normAxis(axis, t.dims.length, 'vmap'));
      }) as unknown[];
      return f(...wrapped);
    });
    // Outputs with an axis are arrays batched there (a Python number is broadcast); with None, as they are.
    const unwrap = (leaf: unknown, axis: number | null): unknown =>
      leaf instanceof Tensor ? level.unwrap(leaf, axis) : axis !== null && isScalar(leaf) ? level.unwrap(toTensor(leaf), axis) : leaf;
    if (typeof outAxes === 'number' || outAxes === null) return mapTree(out, isLeaf, (t) => unwrap(t, outAxes));
    return withAxes(out, outAxes, unwrap);
  };
}

