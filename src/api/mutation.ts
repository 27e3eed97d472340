// In-place changes, as NumPy and PyTorch users make them: item assignment (`a[0] = 10`,
// `a[mask] = 0`), augmented assignment (`a += 1`), `out=` arguments and torch's `add_()` family.
// The runtime underneath stays immutable: the new value is computed by traced ops (so autodiff sees
// it, as PyTorch's CopySlices does), then the tensor's storage is replaced (copied first if any
// other tensor shares it) and its version bumped; NumPy-style views read through to the tensor
// they view and write through to it. TensorFlow tensors and JAX arrays refuse, with their errors.
import { kindOf, TORCH_TYPE_NAME, type DType } from '../tensor/dtype.js';
import { Tensor, type ViewOf } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { sizeOf, stridesOf, sameDims, broadcastDims } from '../tensor/shape.js';
import { anyActive, rebindAll } from '../core/levels.js';
import { cast } from '../ops/cast.js';
import { broadcastToDims, identity, reshapeTo } from '../ops/structural.js';
import { indexPositions, scatterP } from '../ops/indexing.js';
import { bind } from '../core/primitive.js';
import { isGradEnabled, nodeOf } from '../autodiff/torch_autograd.js';
import { pyError } from './errors.js';
import type { Library } from './lib/library.js';


/** The library's refusal of item assignment on an immutable tensor. */
export function immutableError(t: Tensor): Error {
  if (t.flavor === 'jax') {
    return pyError('TypeError', "'<class 'jaxlib.xla_extension.ArrayImpl'>' object does not support item assignment. JAX arrays are immutable. Instead of ``x[idx] = y``, use ``x = x.at[idx].set(y)`` or another .at[] method: https://jax.readthedocs.io/en/latest/_autosummary/jax.numpy.ndarray.at.html");
  }
  return pyError('TypeError', "'tensorflow.python.framework.ops.EagerTensor' object does not support item assignment");
}

export function isMutable(t: Tensor): boolean {
  return t.flavor === 'numpy' || t.flavor === 'torch';
}

/** PyTorch's checks before an in-place change of a tensor autograd follows. */
function checkAutograd(t: Tensor): void {
  if (t.flavor !== 'torch' || !isGradEnabled() || !t.requires_grad) return;
  const node = nodeOf(t);
  const isLeaf = node === undefined || node.backward === null;
  if (t.viewOf !== null && (t.viewOf.root.requires_grad && (nodeOf(t.viewOf.root)?.backward ?? null) === null)) {
    throw pyError('RuntimeError', 'a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
  if (isLeaf) throw pyError('RuntimeError', 'a leaf Variable that requires grad is being used in an in-place operation.');
}

const pyShape = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

/** The positions in the root's storage of every element of a view (row-major over the view). */
function rootPositions(v: ViewOf, dims: readonly number[]): Int32Array {
  const n = sizeOf(dims);
  const out = new Int32Array(n);
  const idx = new Array<number>(dims.length).fill(0);
  for (let i = 0; i < n; i++) {
    let p = v.offset;
    for (let d = 0; d < dims.length; d++) p += idx[d] * v.strides[d];
    out[i] = p;
    for (let d = dims.length - 1; d >= 0; d--) {
      if (++idx[d] < dims[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Writes `values` (already the target's dtype, shaped like `positions`) at flat `positions` of `t`
 * in place. Under autodiff the write is a traced scatter whose result the tensor then stands for.
 */
function writeAt(t: Tensor, positions: Int32Array, values: Tensor): void {
  const target = t.viewOf ? t.viewOf.root : t;
  const pos = t.viewOf ? mapPositions(rootPositions(t.viewOf, t.dims), positions) : positions;
  if (anyActive() && (!values.concrete || target.requires_grad || values.requires_grad)) {
    const next = bind(scatterP, [target, reshapeTo(values, [pos.length])], { positions: pos, mode: 'set' });
    rebindAll(target, next);
    target.requires_grad ||= next.requires_grad;
    target.replaceData(next.share());
    if (t !== target) {
      // The view written through is now a function of the new root (what PyTorch's autograd also records).
      const mine = bind(scatterP, [t, reshapeTo(values, [positions.length])], { positions, mode: 'set' });
      rebindAll(t, mine);
    }
    return;
  }
  const src = values.values;
  target.assignData((own) => {
    for (let i = 0; i < pos.length; i++) (own as Float64Array)[pos[i]] = (src as Float64Array)[i];
  });
}

function mapPositions(viewToRoot: Int32Array, positions: Int32Array): Int32Array {
  const out = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = viewToRoot[positions[i]];
  return out;
}

/** Casting for assignment: values take the target's dtype (NumPy and PyTorch truncate floats into ints here). */
function asTargetType(v: Tensor, dt: DType): Tensor {
  return v.dt === dt ? v : cast(v, dt);
}

/** `x[specs] = value`. */
export function setItem(lib: Library, x: Tensor, specs: readonly unknown[], value: unknown): void {
  if (!isMutable(x)) throw immutableError(x);
  checkAutograd(x);
  const pos = indexPositions(x.dims, specs);
  let v = lib.convert(value, x.dt);
  v = asTargetType(v, x.dt);
  let b: readonly number[];
  try {
    b = broadcastDims(v.dims, pos.dims, 'setitem');
    if (!sameDims(b, pos.dims) || v.dims.length > pos.dims.length + countLeadingOnes(v.dims)) throw new Error();
  } catch {
    if (x.flavor === 'torch') throw pyError('RuntimeError', `shape mismatch: value tensor of shape [${v.dims.join(', ')}] cannot be broadcast to indexing result of shape [${pos.dims.join(', ')}]`);
    throw pyError('ValueError', `could not broadcast input array from shape ${pyShape(v.dims)} into shape ${pyShape(pos.dims)}`);
  }
  const full = broadcastToDims(reshapeTo(v, trimLeadingOnes(v.dims, pos.dims.length)), pos.dims);
  writeAt(x, pos.values as Int32Array, full);
}

function countLeadingOnes(d: readonly number[]): number {
  let n = 0;
  while (n < d.length && d[n] === 1) n++;
  return n;
}

/** NumPy lets a value have extra leading length-1 axes (a[0] = [[5]] for a 1-element row). */
function trimLeadingOnes(d: readonly number[], rank: number): number[] {
  const out = d.slice();
  while (out.length > rank && out[0] === 1) out.shift();
  return out;
}

/** Whether `from` converts to `to` under NumPy's 'same_kind' rule (ints into floats, not floats into ints). */
function sameKind(from: DType, to: DType): boolean {
  const order = (k: string) => (k === 'b' ? 0 : k === 'u' || k === 'i' ? 1 : 2);
  return order(kindOf(from)) <= order(kindOf(to));
}


/**
 * An in-place update of the whole tensor by the result of an operation on it (`a += b`,
 * `x.add_(y)`, `np.add(a, b, out=a)`): the result is cast back to the tensor's dtype under the
 * library's rule, and the tensor takes the new values. Returns the tensor.
 */
export function updateInPlace(x: Tensor, result: Tensor, op: string): Tensor {
  if (!isMutable(x)) throw immutableError(x);
  checkAutograd(x);
  if (result.dt !== x.dt && !sameKind(result.dt, x.dt)) {
    if (x.flavor === 'torch') throw pyError('RuntimeError', `result type ${TORCH_TYPE_NAME[result.dt] ?? result.dt} can't be cast to the desired output type ${TORCH_TYPE_NAME[x.dt] ?? x.dt}`);
    throw pyError('UFuncTypeError', `Cannot cast ufunc '${op}' output from dtype('${result.dt}') to dtype('${x.dt}') with casting rule 'same_kind'`);
  }
  if (!sameDims(result.dims, x.dims)) {
    if (x.flavor === 'torch') throw pyError('RuntimeError', `output with shape [${x.dims.join(', ')}] doesn't match the broadcast shape [${result.dims.join(', ')}]`);
    throw pyError('ValueError', `non-broadcastable output operand with shape ${pyShape(x.dims)} doesn't match the broadcast shape ${pyShape(result.dims)}`);
  }
  const v = asTargetType(result, x.dt);
  if (x.viewOf === null && anyActive() && (!v.concrete || x.requires_grad || v.requires_grad) && (nodeOf(v) !== undefined || !x.requires_grad)) {
    // The whole tensor becomes the op's result: its history continues from that op, as PyTorch's
    // in-place ops make it (`b.add_(1)` has grad_fn AddBackward0).
    rebindAll(x, v);
    x.requires_grad ||= v.requires_grad;
    x.replaceData(v.share());
    return x;
  }
  const all = new Int32Array(x.count);
  for (let i = 0; i < all.length; i++) all[i] = i;
  writeAt(x, all, v);
  return x;
}

/** `out=`: the result written into `out` (NumPy's and PyTorch's), which is returned. */
export function assignOut(out: unknown, result: Tensor, _lib: Library): Tensor {
  const target = out instanceof Variable ? out.value : Array.isArray(out) && out.length === 1 ? out[0] : out;
  if (!(target instanceof Tensor)) throw pyError('TypeError', "return arrays must be of ArrayType");
  return updateInPlace(target, result, 'out');
}

/** A view of `base` (NumPy's basic indexing, reshape, transpose; torch's view ops) that reads through to it. */
export function makeView(result: Tensor, base: Tensor, map: (offset: number, strides: readonly number[]) => { offset: number; strides: number[] } | null): Tensor {
  if (!isMutable(base) || !result.concrete) return result;
  const b: ViewOf = base.viewOf ?? { root: base, offset: 0, strides: stridesOf(base.dims), seen: base.version };
  const m = map(b.offset, b.strides);
  if (m === null) return result;
  const v = result === base ? identity(result) : result;
  v.viewOf = { root: b.root, offset: m.offset, strides: m.strides, seen: b.root.version };
  return v;
}

/** Whether a view's strides are those of a contiguous array of its dims (then it can be reshaped as a view). */
export function contiguous(strides: readonly number[], dims: readonly number[]): boolean {
  const own = stridesOf(dims);
  return dims.every((d, i) => d === 1 || strides[i] === own[i]);
}
