// Python-style indexing: integers (negative from the end), slices "start:stop:step", newaxis
// (null), ellipsis ("..."), and one integer array (gather). A string may hold several specs
// separated by commas, as Python writes them: x["1:, ::2, None"].
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../tensor/shape.js';
import { bind } from './primitive.js';
import { toTensor, type TensorLike } from './convert.js';
import { gather, reshape, sliceP, transpose } from './shape.js';

export type IndexSpec = number | string | null | readonly number[] | Tensor;

type Parsed =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; value: TensorLike };

function parseOne(spec: IndexSpec): Parsed[] {
  if (spec === null) return [{ kind: 'newaxis' }];
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec)) throw new TypeError(`only integers, slices (':'), ellipsis ('...'), newaxis (null) and integer arrays are valid indices; got ${spec}`);
    return [{ kind: 'int', value: spec }];
  }
  if (typeof spec === 'string') return spec.split(',').map((s) => parseText(s.trim()));
  return [{ kind: 'array', value: spec as TensorLike }];
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

export function getItem(x: TensorLike, specs: readonly IndexSpec[]): Tensor {
  const t = toTensor(x);
  const parsed = specs.flatMap(parseOne);
  const consuming = parsed.filter((p) => p.kind !== 'newaxis' && p.kind !== 'ellipsis').length;
  if (parsed.filter((p) => p.kind === 'ellipsis').length > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  if (consuming > t.dims.length) throw new IndexError(`too many indices for array: array is ${t.dims.length}-dimensional, but ${consuming} were indexed`);
  const expanded: Parsed[] = [];
  for (const p of parsed) {
    if (p.kind === 'ellipsis') for (let i = 0; i < t.dims.length - consuming; i++) expanded.push({ kind: 'slice', start: null, stop: null, step: null });
    else expanded.push(p);
  }
  while (expanded.filter((p) => p.kind !== 'newaxis').length < t.dims.length) expanded.push({ kind: 'slice', start: null, stop: null, step: null });

  const begin: number[] = [], step: number[] = [], size: number[] = [];
  const finalDims: number[] = [];
  let arrayAt: { outAxis: number; value: TensorLike } | null = null;
  let axis = 0;
  for (const p of expanded) {
    if (p.kind === 'newaxis') { finalDims.push(1); continue; }
    const n = t.dims[axis];
    if (p.kind === 'int') {
      const k = p.value < 0 ? p.value + n : p.value;
      if (k < 0 || k >= n) throw new IndexError(`index ${p.value} is out of bounds for axis ${axis} with size ${n}`);
      begin.push(k); step.push(1); size.push(1);
    } else if (p.kind === 'slice') {
      const [b, s, c] = sliceIndices(n, p.start, p.stop, p.step);
      begin.push(c === 0 ? 0 : b); step.push(s); size.push(c);
      finalDims.push(c);
    } else if (p.kind === 'array') {
      if (arrayAt) throw new IndexError('only one integer-array index is supported per indexing expression');
      begin.push(0); step.push(1); size.push(n);
      arrayAt = { outAxis: finalDims.length, value: p.value };
      finalDims.push(n);
    }
    axis++;
  }
  const whole = begin.every((b, i) => b === 0 && step[i] === 1 && size[i] === t.dims[i]);
  let r = whole ? t : bind(sliceP, [t], { begin, step, size });
  r = reshape(r, finalDims);
  if (!arrayAt) return r;
  const g = gather(r, arrayAt.value, arrayAt.outAxis);
  // NumPy: an integer counts as an advanced index beside an array; when the advanced indices are
  // not next to each other, the array's axes move to the front.
  const advanced = expanded.map((p, i) => (p.kind === 'int' || p.kind === 'array' ? i : -1)).filter((i) => i >= 0);
  const adjacent = advanced.every((p, i) => i === 0 || p === advanced[i - 1] + 1);
  if (adjacent || arrayAt.outAxis === 0) return g;
  const nIdx = g.dims.length - (r.dims.length - 1);
  const axes = Array.from({ length: nIdx }, (_, i) => arrayAt!.outAxis + i);
  const rest = g.dims.map((_, i) => i).filter((i) => !axes.includes(i));
  return transpose(g, [...axes, ...rest]);
}

export class IndexError extends Error {
  override name = 'IndexError';
}
