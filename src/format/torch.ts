// PyTorch 1.13 `torch/_tensor_str.py`: _Formatter, _vector_str, _tensor_str_with_formatter,
// _str_intern with its suffixes, and torch.Size (PRINTING.md §3).
import type { DType, TensorData } from '../tensor/dtype.js';
import { pyExp, pyFixed } from './digits.js';
import { displayedIndices, elides, pyTuple, sizeOfDims } from './layout.js';
import { torchPrint } from './options.js';

/** The displayed elements formatted by one `_Formatter`, each right-aligned to its width. */
export function torchWords(dtype: DType, dims: readonly number[], data: TensorData, summarize: boolean): string[] {
  const idx = displayedIndices(dims, summarize, torchPrint.edgeitems);
  const n = idx.length;
  const out = new Array<string>(n);
  const PRECISION = torchPrint.precision;
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'float16' && dtype !== 'bfloat16') {
    let width = 1;
    for (let i = 0; i < n; i++) {
      const v = data[idx[i]];
      const s = dtype === 'bool' ? (v ? 'True' : 'False') : v.toString();
      out[i] = s;
      if (s.length > width) width = s.length;
    }
    for (let i = 0; i < n; i++) if (out[i].length < width) out[i] = out[i].padStart(width);
    return out;
  }
  const vals = new Array<number>(n);
  for (let i = 0; i < n; i++) vals[i] = data[idx[i]] as number;
  let intMode = true;
  let sci = false;
  let width = 1;
  let maxA = -1;
  let minA = Infinity;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (!Number.isFinite(v) || v === 0) continue;
    const a = Math.abs(v);
    if (a > maxA) maxA = a;
    if (a < minA) minA = a;
    if (v !== Math.ceil(v)) intMode = false;
  }
  if (maxA > 0) {
    const ratio = maxA / minA;
    sci = intMode ? ratio > 1000 || maxA > 1e8 : ratio > 1000 || maxA > 1e8 || minA < 1e-4;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (!Number.isFinite(v) || v === 0) continue;
      const len = sci ? pyExp(v, PRECISION).length : intMode ? pyFixed(v, 0).length + 1 : pyFixed(v, PRECISION).length;
      if (len > width) width = len;
    }
  } else intMode = true;
  // A forced sci_mode changes the text, not the width measured above (as PyTorch's _Formatter does).
  sci = torchPrint.sci_mode ?? sci;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    let s: string;
    if (sci) s = pyExp(v, PRECISION);
    else if (intMode) s = pyFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = pyFixed(v, PRECISION);
    out[i] = s.length < width ? s.padStart(width) : s;
  }
  return out;
}

/** `_tensor_str` for a non-empty tensor at indent 7 (the length of 'tensor('). */
export function torchBody(dtype: DType, dims: readonly number[], data: TensorData, indent = 7): string {
  const summarize = sizeOfDims(dims) > torchPrint.threshold;
  const EDGE_ITEMS = torchPrint.edgeitems, LINEWIDTH = torchPrint.linewidth;
  const words = torchWords(dtype, dims, data, summarize);
  if (dims.length === 0) return words[0];
  let width = 0;
  for (const w of words) if (w.length > width) width = w.length;
  let cursor = 0;
  const nd = dims.length;
  const rec = (axis: number, ind: number): string => {
    const left = nd - axis;
    const n = dims[axis];
    const show = elides(summarize, n, EDGE_ITEMS);
    if (left === 1) {
      // All words share the formatter's width, so the line capacity is the same everywhere.
      const perLine = Math.max(1, Math.floor((LINEWIDTH - ind) / (width + 2)));
      const items: string[] = [];
      if (show) {
        for (let i = 0; i < EDGE_ITEMS; i++) items.push(words[cursor++]);
        items.push(' ...');
        for (let i = 0; i < EDGE_ITEMS; i++) items.push(words[cursor++]);
      } else for (let i = 0; i < n; i++) items.push(words[cursor++]);
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return '[' + lines.join(',\n' + ' '.repeat(ind + 1)) + ']';
    }
    const slices: string[] = [];
    if (show) {
      for (let i = 0; i < EDGE_ITEMS; i++) slices.push(rec(axis + 1, ind + 1));
      slices.push('...');
      for (let i = 0; i < EDGE_ITEMS; i++) slices.push(rec(axis + 1, ind + 1));
    } else for (let i = 0; i < n; i++) slices.push(rec(axis + 1, ind + 1));
    return '[' + slices.join(',' + '\n'.repeat(left - 1) + ' '.repeat(ind + 1)) + ']';
  };
  return rec(0, indent);
}

export interface TorchReprOptions {
  requiresGrad?: boolean;
  gradFnName?: string | null;
}

/** `repr(torch.tensor(...))` (== str) with the dtype / grad_fn / requires_grad suffixes. */
export function torchRepr(dtype: DType, dims: readonly number[], data: TensorData, o: TorchReprOptions = {}): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (sizeOfDims(dims) === 0) {
    // numpy-like: the shape is shown unless it is (0,), and the dtype whenever it is not the default.
    if (dims.length !== 1) suffixes.push('size=' + pyTuple(dims));
    if (dtype !== 'float32') suffixes.push('dtype=torch.' + dtype);
    body = '[]';
  } else {
    if (dtype !== 'float32' && dtype !== 'int64' && dtype !== 'bool') suffixes.push('dtype=torch.' + dtype);
    body = torchBody(dtype, dims, data, indent);
  }
  if (o.gradFnName) suffixes.push(`grad_fn=<${o.gradFnName}>`);
  else if (o.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent);
}

/** `_add_suffixes`; lastLen is 2 more than the real last line, as in torch. */
function addSuffixes(s: string, suffixes: readonly string[], indent: number): string {
  const LINEWIDTH = torchPrint.linewidth;
  let out = s;
  let lastLen = s.length - s.lastIndexOf('\n') + 1;
  for (const suf of suffixes) {
    if (lastLen + suf.length + 2 > LINEWIDTH) {
      out += ',\n' + ' '.repeat(indent) + suf;
      lastLen = indent + suf.length;
    } else {
      out += ', ' + suf;
      lastLen += suf.length + 2;
    }
  }
  return out + ')';
}

/** `torch.Size([2, 3])`. */
export function torchSize(dims: readonly number[]): string {
  return `torch.Size([${dims.join(', ')}])`;
}
