// Python indexing with NumPy's rules: integers (negative from the end), slices "start:stop:step",
// newaxis (null), ellipsis ("..."), integer arrays (advanced indexing, broadcast together, placed
// where NumPy places them) and boolean masks. A string may hold several specs separated by commas,
// as Python writes them: x["1:, ::2, None"]. Item assignment and `.at[]` updates are the scatter
// primitive over the flat positions an index selects.
import { Tensor } from '../tensor/tensor.js';
import { arange as arangeTensor, describe, tensor } from '../tensor/create.js';
import { sameDims, sizeOf, ValueError } from '../tensor/shape.js';
import { asNumbers } from '../kernels/storage.js';
import { isPyFloat } from '../tensor/scalars.js';
import { unwatched } from '../core/levels.js';
import { bind, definePrimitive, type Primitive } from '../core/primitive.js';
import { toTensor, type TensorLike } from './convert.js';
import { result } from './result.js';
import { allBatchFirst, broadcastToDims, gatherP, reshapeTo, sliceP, transposeP } from './structural.js';
import { concat, IndexError, transpose } from './shape.js';

export { IndexError };

/** Python's slice object (`slice(1, None, 2)`, what `x[1::2]` passes to __getitem__). */
export class Slice {
  constructor(readonly start: number | bigint | null = null, readonly stop: number | bigint | null = null, readonly step: number | bigint | null = null) {}
}

export type IndexSpec = number | string | null | readonly unknown[] | Tensor | Slice;

type Parsed =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; value: Tensor }
  | { kind: 'mask'; value: Tensor };

const VALID = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

function parseOne(spec: unknown): Parsed[] {
  if (spec === null || spec === undefined) return [{ kind: 'newaxis' }];
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || isPyFloat(spec)) throw new IndexError(VALID);
    return [{ kind: 'int', value: spec }];
  }
  if (typeof spec === 'bigint') return [{ kind: 'int', value: Number(spec) }];
  if (typeof spec === 'string') return spec.split(',').map((s) => parseText(s.trim()));
  if (typeof spec === 'boolean') throw new IndexError(`${VALID} (a lone boolean index is not supported)`);
  if (spec instanceof Slice) {
    const n = (v: number | bigint | null) => (v === null || v === undefined ? null : Number(v));
    if (n(spec.step) === 0) throw new ValueError('slice step cannot be zero');
    return [{ kind: 'slice', start: n(spec.start), stop: n(spec.stop), step: n(spec.step) }];
  }
  if (typeof spec === 'object' && (spec instanceof Tensor || Array.isArray(spec) || ArrayBuffer.isView(spec))) {
    const t = Array.isArray(spec) ? listIndex(spec) : toTensor(spec as TensorLike);
    if (t.dt === 'bool') return [{ kind: 'mask', value: t }];
    if (t.dt.startsWith('float') || t.dt === 'bfloat16') throw new IndexError(VALID);
    if (t.dims.length === 0) return [{ kind: 'int', value: Number(t.values[0]) }];
    return [{ kind: 'array', value: t }];
  }
  throw new IndexError(VALID);
}

/** A Python list used as an index: ints (however JS holds them) make an integer array, bools a mask. */
function listIndex(spec: readonly unknown[]): Tensor {
  const d = describe(spec);
  if (d.floats) throw new IndexError(VALID);
  return tensor(spec, d.bools && !d.ints && d.dtype === undefined ? 'bool' : d.dtype ?? 'int64');
}

function parseText(s: string): Parsed {
  if (s === '...' || s === 'Ellipsis') return { kind: 'ellipsis' };
  if (s === 'None' || s === 'newaxis' || s === 'tf.newaxis' || s === 'np.newaxis' || s === 'null') return { kind: 'newaxis' };
  if (/^-?\d+$/.test(s)) return { kind: 'int', value: Number(s) };
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.trim() !== '' && !/^-?\d+$/.test(p.trim()))) {
    throw new SyntaxError(`invalid index '${s}': expected an integer, 'start:stop:step', '...' or 'None'`);
  }
  const num = (p: string | undefined) => (p === undefined || p.trim() === '' ? null : Number(p));
  const step = num(parts[2]);
  if (step === 0) throw new ValueError('slice step cannot be zero');
  return { kind: 'slice', start: num(parts[0]), stop: num(parts[1]), step };
}

/** Python's slice.indices(n): the first index, the step and the count. */
function sliceIndices(n: number, start: number | null, stop: number | null, step: number | null): [number, number, number] {
  const st = step ?? 1;
  let b: number, e: number;
  if (st > 0) {
    b = start === null ? 0 : start < 0 ? Math.max(0, start + n) : Math.min(start, n);
    e = stop === null ? n : stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
  } else {
    b = start === null ? n - 1 : start < 0 ? Math.max(-1, start + n) : Math.min(start, n - 1);
    e = stop === null ? -1 : stop < 0 ? Math.max(-1, stop + n) : Math.min(stop, n - 1);
  }
  const count = Math.max(0, Math.ceil((e - b) / st));
  return [b, st, count];
}

/** The indices of the true elements of a bool tensor, one Int32Array per axis (NumPy's nonzero). */
export function nonzeroIndices(mask: Tensor): Int32Array[] {
  const data = mask.values;
  const n = mask.dims.length;
  if (n === 1 && data instanceof Uint8Array) {
    // A bool vector (0/1 bytes): written without a branch per element (a random mask's branches
    // are mispredicted half the time); the slot after the last true index takes the spare writes.
    const all = new Int32Array(data.length + 1);
    let k = 0;
    for (let i = 0; i < data.length; i++) { all[k] = i; k += data[i]; }
    return [all.slice(0, k)];
  }
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i]) count++;
  const out = Array.from({ length: Math.max(n, 1) }, () => new Int32Array(count));
  const idx = new Array<number>(n).fill(0);
  let k = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i]) {
      for (let a = 0; a < n; a++) out[a][k] = idx[a];
      k++;
    }
    for (let a = n - 1; a >= 0; a--) {
      if (++idx[a] < mask.dims[a]) break;
      idx[a] = 0;
    }
  }
  return n === 0 ? [] : out;
}

interface Entry { kind: 'slice' | 'newaxis' | 'array'; axis: number; value?: Tensor; begin?: number; step?: number; size?: number }

/** Reads a Python index into one entry per source axis (plus newaxis entries), masks turned into index arrays. */
/**
 * What an out-of-bounds integer index does. 'raise': NumPy's IndexError (negative ones count from the
 * end). JAX's gathers: 'clip' clamps (after one wrap of a negative index), 'fill' reads a fill value.
 * 'wrap' takes the index modulo the axis; 'clip-raw' clamps without counting negative ones from the
 * end (np.take's mode='clip').
 */
export interface Bounds { mode: 'raise' | 'clip' | 'fill' | 'wrap' | 'clip-raw'; fill?: number | boolean }
export const RAISE: Bounds = { mode: 'raise' };

/** Index k of an axis of size n under `bounds`: in [0, n), or n where 'fill' reads its fill value. */
function fixIndex(k: number, n: number, axis: number, bounds: Bounds): number {
  switch (bounds.mode) {
    case 'raise': {
      const j = k < 0 ? k + n : k;
      if (j < 0 || j >= n) throw new IndexError(`index ${k} is out of bounds for axis ${axis} with size ${n}`);
      return j;
    }
    case 'wrap': return n === 0 ? fixIndex(k, n, axis, RAISE) : ((k % n) + n) % n;
    case 'clip-raw': return n === 0 ? fixIndex(k, n, axis, RAISE) : Math.min(Math.max(k, 0), n - 1);
    case 'clip': return n === 0 ? fixIndex(k, n, axis, RAISE) : Math.min(Math.max(k < 0 ? k + n : k, 0), n - 1);
    case 'fill': {
      const j = k < 0 ? k + n : k;
      return j < 0 || j >= n ? n : j;
    }
  }
}

function entries(t: Tensor, specs: readonly unknown[], bounds: Bounds = RAISE, filled?: Set<number>): Entry[] {
  const parsed = specs.flatMap(parseOne);
  if (parsed.filter((p) => p.kind === 'ellipsis').length > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  const consumes = (p: Parsed) => (p.kind === 'mask' ? Math.max(p.value.dims.length, 1) : p.kind === 'newaxis' || p.kind === 'ellipsis' ? 0 : 1);
  const consuming = parsed.reduce((n, p) => n + consumes(p), 0);
  if (consuming > t.dims.length) throw new IndexError(`too many indices for array: array is ${t.dims.length}-dimensional, but ${consuming} were indexed`);
  const hasArray = parsed.some((p) => p.kind === 'array' || p.kind === 'mask');
  const out: Entry[] = [];
  let axis = 0;
  const full = (): Entry => ({ kind: 'slice', axis: axis++, begin: 0, step: 1, size: t.dims[axis - 1] });
  for (const p of parsed) {
    if (p.kind === 'ellipsis') {
      for (let i = 0; i < t.dims.length - consuming; i++) out.push(full());
    } else if (p.kind === 'newaxis') out.push({ kind: 'newaxis', axis: -1 });
    else if (p.kind === 'slice') {
      const n = t.dims[axis];
      const [b, s, c] = sliceIndices(n, p.start, p.stop, p.step);
      out.push({ kind: 'slice', axis: axis++, begin: c === 0 ? 0 : b, step: s, size: c });
    } else if (p.kind === 'int') {
      const n = t.dims[axis];
      const k = fixIndex(p.value, n, axis, bounds);
      if (k === n) filled!.add(axis);
      // Beside an array an integer is an advanced index too (a 0-d array); alone it is a size-1 slice dropped later.
      if (hasArray) out.push({ kind: 'array', axis: axis++, value: new Tensor('int32', [], Int32Array.of(k), t.flavor) });
      else out.push({ kind: 'slice', axis: axis++, begin: k, step: 1, size: -1 });
    } else if (p.kind === 'array') {
      let value = p.value;
      if (bounds.mode !== 'raise') {
        const n = t.dims[axis];
        const fixed = Int32Array.from(value.values as ArrayLike<number | bigint>, (v) => fixIndex(Number(v), n, axis, bounds));
        if (fixed.includes(n)) filled!.add(axis);
        value = new Tensor('int32', value.dims, fixed, t.flavor);
      }
      out.push({ kind: 'array', axis: axis++, value });
    } else {
      const m = p.value;
      m.dims.forEach((d, i) => {
        if (d !== t.dims[axis + i]) {
          throw new IndexError(`boolean index did not match indexed array along dimension ${axis + i}; dimension is ${t.dims[axis + i]} but corresponding boolean dimension is ${d}`);
        }
      });
      for (const idx of nonzeroIndices(m)) out.push({ kind: 'array', axis: axis++, value: new Tensor('int32', [idx.length], idx, t.flavor) });
    }
  }
  while (axis < t.dims.length) out.push(full());
  return out;
}

export function getItem(x: TensorLike, specs: readonly unknown[], bounds: Bounds = RAISE): Tensor {
  let t = toTensor(x);
  const filled = new Set<number>();
  const es = entries(t, specs, bounds, filled);
  // 'fill': each axis an out-of-bounds index reads gets one more slot, holding the fill value.
  for (const axis of filled) {
    const slot = tensor(bounds.fill ?? 0, t.dt, t.flavor);
    t = concat([t, broadcastToDims(reshapeTo(slot, t.dims.map(() => 1)), t.dims.map((d, i) => (i === axis ? 1 : d)))], axis);
  }
  const sl = es.filter((e) => e.kind !== 'newaxis');
  const begin = sl.map((e) => (e.kind === 'slice' ? e.begin! : 0));
  const step = sl.map((e) => (e.kind === 'slice' ? e.step! : 1));
  const size = sl.map((e) => (e.kind === 'slice' ? (e.size! < 0 ? 1 : e.size!) : t.dims[e.axis]));
  const whole = begin.every((b, i) => b === 0 && step[i] === 1 && size[i] === t.dims[i]);
  const y = whole ? t : bind(sliceP, [t], { begin, step, size });
  const arrays = es.filter((e) => e.kind === 'array');
  if (arrays.length === 0) {
    // Basic indexing: drop the integer axes, insert the new ones.
    const dims: number[] = [];
    for (const e of es) {
      if (e.kind === 'newaxis') dims.push(1);
      else if (e.size! >= 0) dims.push(e.size!);
    }
    return reshapeTo(y, dims);
  }
  return advanced(y, es);
}

/** Broadcasts index arrays together (NumPy's rules, its message when they do not). */
function broadcastIndices(values: Tensor[]): { dims: number[]; arrays: ArrayLike<number>[] } {
  let dims: number[] = [];
  for (const v of values) {
    const n = Math.max(dims.length, v.dims.length);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = dims[i - (n - dims.length)] ?? 1, b = v.dims[i - (n - v.dims.length)] ?? 1;
      if (a !== b && a !== 1 && b !== 1) {
        throw new IndexError(`shape mismatch: indexing arrays could not be broadcast together with shapes ${values.map((w) => `(${w.dims.join(',')}${w.dims.length === 1 ? ',' : ''})`).join(' ')}`);
      }
      out.push(a === 1 ? b : a);
    }
    dims = out;
  }
  const total = sizeOf(dims);
  const arrays = values.map((v) => {
    // Index values as numbers (64-bit ones exactly up to 2^53: out-of-range ones still raise).
    const src = asNumbers(v.values);
    if (sameDims(v.dims, dims)) return src;
    const out = new Float64Array(total);
    const own = [...new Array<number>(dims.length - v.dims.length).fill(1), ...v.dims];
    const idx = new Array<number>(dims.length).fill(0);
    for (let o = 0; o < total; o++) {
      let off = 0, stride = 1;
      for (let d = dims.length - 1; d >= 0; d--) {
        if (own[d] !== 1) off += idx[d] * stride;
        stride *= own[d];
      }
      out[o] = src[off];
      for (let d = dims.length - 1; d >= 0; d--) {
        if (++idx[d] < dims[d]) break;
        idx[d] = 0;
      }
    }
    return out;
  });
  return { dims, arrays };
}

/**
 * Advanced indexing of `y` (already sliced): the indexed axes move to the front and merge into one,
 * each index tuple becomes one linear position on it (gathered in one go), and the block of index
 * dims lands where the first array was when the arrays are next to each other, else at the front.
 */
function advanced(y: Tensor, es: Entry[]): Tensor {
  const arrays = es.filter((e) => e.kind === 'array');
  const { dims: sDims, arrays: idx } = broadcastIndices(arrays.map((e) => e.value!));
  const advAxes = arrays.map((e) => e.axis);
  const advDims = advAxes.map((a) => y.dims[a]);
  const total = sizeOf(sDims);
  const linear = new Int32Array(total);
  const outOfBounds = (v: number, k: number) => new IndexError(`index ${v} is out of bounds for axis ${advAxes[k]} with size ${advDims[k]}`);
  if (advAxes.length === 1) {
    // One index array: its values are the positions (negative ones from the end).
    const n = advDims[0], src = idx[0];
    for (let o = 0; o < total; o++) {
      const v = src[o];
      if (v < -n || v >= n) throw outOfBounds(v, 0);
      linear[o] = v < 0 ? v + n : v;
    }
  } else {
    for (let o = 0; o < total; o++) {
      let l = 0;
      for (let k = 0; k < advAxes.length; k++) {
        const n = advDims[k];
        let v = idx[k][o];
        if (v < -n || v >= n) throw outOfBounds(v, k);
        if (v < 0) v += n;
        l = l * n + v;
      }
      linear[o] = l;
    }
  }
  const rest = y.dims.map((_, i) => i).filter((i) => !advAxes.includes(i));
  const front = transpose(y, [...advAxes, ...rest]);
  const merged = reshapeTo(front, [sizeOf(advDims), ...rest.map((i) => y.dims[i])]);
  const g = bind(gatherP, [merged], { indices: linear, indexDims: sDims, axis: 0 });
  // Where the block of index dims goes, and where the new axes go.
  const positions = es.map((e, i) => (e.kind === 'array' ? i : -1)).filter((i) => i >= 0);
  const adjacent = positions.every((p, i) => i === 0 || p === positions[i - 1] + 1);
  const ns = sDims.length;
  const items: (number | 'S' | 'N')[] = [];
  let r = 0;
  let placed = false;
  if (!adjacent) { items.push('S'); placed = true; }
  for (const e of es) {
    if (e.kind === 'newaxis') items.push('N');
    else if (e.kind === 'slice') items.push(ns + r++);
    else if (!placed) { items.push('S'); placed = true; }
  }
  const perm: number[] = [];
  const dims: number[] = [];
  for (const it of items) {
    if (it === 'S') { for (let k = 0; k < ns; k++) { perm.push(k); dims.push(sDims[k]); } }
    else if (it === 'N') dims.push(1);
    else { perm.push(it); dims.push(g.dims[it]); }
  }
  const moved = perm.every((p, i) => p === i) ? g : bind(transposeP, [g], perm);
  return reshapeTo(moved, dims);
}

/**
 * For a basic index (ints, slices, newaxis, ellipsis), how the result reads its input's storage:
 * given the input's offset and strides, the result's. Null for advanced indexing (a copy).
 */
export function basicIndexMap(dims: readonly number[], specs: readonly unknown[]): ((offset: number, strides: readonly number[]) => { offset: number; strides: number[] }) | null {
  const es = entries(new Tensor('int32', dims, new Int32Array(0)), specs);
  if (es.some((e) => e.kind === 'array')) return null;
  return (offset, strides) => {
    let off = offset;
    const out: number[] = [];
    for (const e of es) {
      if (e.kind === 'newaxis') { out.push(0); continue; }
      off += e.begin! * strides[e.axis];
      if (e.size! >= 0) out.push(strides[e.axis] * e.step!);
    }
    return { offset: off, strides: out };
  };
}

/** The flat positions (row-major) of the elements an index selects, shaped like `x[index]`. */
export function indexPositions(dims: readonly number[], specs: readonly unknown[]): Tensor {
  return unwatched(() => {
    const n = sizeOf(dims);
    const positions = reshapeTo(arangeTensor(0, n, 1, 'int32'), dims);
    return getItem(positions, specs);
  });
}

// ---------------------------------------------------------------- scatter (item assignment, .at[])

export type ScatterMode = 'set' | 'add' | 'mul' | 'min' | 'max';
export interface ScatterParams { positions: Int32Array; mode: ScatterMode }

const COMBINE: Record<ScatterMode, (a: any, b: any) => any> = {
  set: (_a, b) => b,
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
  min: (a, b) => (a !== a || a <= b ? a : b),
  max: (a, b) => (a !== a || a >= b ? a : b),
};

function flatGather(x: Tensor, positions: Int32Array, dims: readonly number[]): Tensor {
  return bind(gatherP, [reshapeTo(x, [x.count])], { indices: positions, indexDims: dims, axis: 0 });
}

function noRule(mode: ScatterMode): never {
  throw new Error(`NotImplementedError: the derivative of a scatter with mode '${mode}' (x.at[i].${mode === 'mul' ? 'multiply' : mode}) is not implemented`);
}

/**
 * out = x with out[positions[i]] combined with v[i] (set: the last write wins; add/mul/min/max
 * accumulate). `v` has the shape of the indexed selection.
 */
export const scatterP: Primitive<ScatterParams> = definePrimitive<ScatterParams>({
  name: 'scatter',
  // set and add read no values; the other modes have no derivative rule.
  saves: { inputs: [] },
  impl: ([x, v], p) => {
    const out = x.values.slice();
    const src = v.values;
    const f = COMBINE[p.mode];
    for (let i = 0; i < p.positions.length; i++) out[p.positions[i]] = f(out[p.positions[i]], src[i]);
    return result(x.dt, x.dims, out, [x, v]);
  },
  jvp: ([x, v], [tx, tv], _out, p) => {
    if (p.mode !== 'set' && p.mode !== 'add') noRule(p.mode);
    const zx = tx ?? new Tensor(x.dt, x.dims, new (x.values.constructor as Float32ArrayConstructor)(x.count) as never, x.flavor);
    const zv = tv ?? new Tensor(v.dt, v.dims, new (v.values.constructor as Float32ArrayConstructor)(v.count) as never, v.flavor);
    return bind(scatterP, [zx, zv], p);
  },
  vjp: ([, v], _out, p) => {
    if (p.mode !== 'set' && p.mode !== 'add') noRule(p.mode);
    const vDims = v.dims;
    return (ct, need) => {
      const zero = new Tensor(ct.dt, vDims, new (ct.values.constructor as Float32ArrayConstructor)(sizeOf(vDims)) as never, ct.flavor);
      const gx = need[0] ? (p.mode === 'set' ? bind(scatterP, [ct, zero], p) : ct) : null;
      const gv = need[1] ? flatGather(ct, p.positions, vDims) : null;
      return [gx, gv];
    };
  },
  batch: (xs, ds, p) => {
    const [x, v] = allBatchFirst(xs, ds);
    const n = x.dims[0], per = x.count / Math.max(n, 1), m = p.positions.length;
    const positions = new Int32Array(n * m);
    for (let b = 0; b < n; b++) for (let i = 0; i < m; i++) positions[b * m + i] = p.positions[i] + b * per;
    return [bind(scatterP, [x, v], { positions, mode: p.mode }), 0];
  },
});

/** x with the elements `specs` selects combined with `value` (broadcast to the selection's shape). */
export function scatter(x: Tensor, specs: readonly unknown[], value: Tensor, mode: ScatterMode): Tensor {
  const pos = indexPositions(x.dims, specs);
  return bind(scatterP, [x, value], { positions: pos.values as Int32Array, mode });
}

