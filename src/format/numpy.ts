// NumPy 1.24 array printing: FloatingFormat (maxprec), IntegerFormat, BoolFormat, _formatArray,
// array2string, array repr/str and scalar repr/str (PRINTING.md §1).
import { roundBfloat16, roundFloat16, type DType, type TensorData } from '../tensor/dtype.js';
import { floatScalarRepr, formatPositional, formatScientific, widthOf, type Width } from './digits.js';
import { displayedIndices, elides, pyTuple, sizeOfDims } from './layout.js';
import { numpyPrint, type NumpyPrintOptions } from './options.js';
const TWO24 = 16777216;
const TWO53 = 9007199254740992;

/** Widens padLeft so that nan/inf (and -inf) fit in padLeft + padRight + 1 columns. */
function nonFinitePad(padLeft: number, padRight: number, negInf: boolean, o: NumpyPrintOptions): number {
  return Math.max(padLeft, o.nanstr.length - (padRight + 1), o.infstr.length + (negInf ? 1 : 0) - (padRight + 1));
}

/** Formats the displayed float values (in display order) as one FloatingFormat would, under the print options. */
export function numpyFloatWords(vals: readonly number[], f32: Width, o: NumpyPrintOptions = numpyPrint): string[] {
  const n = vals.length;
  let maxA = -1;
  let minA = Infinity;
  let anyNonFinite = false;
  let negInf = false;
  let finiteCount = 0;
  for (let i = 0; i < n; i++) {
    const v = vals[i];
    if (!Number.isFinite(v)) {
      anyNonFinite = true;
      if (v === -Infinity) negInf = true;
      continue;
    }
    finiteCount++;
    if (v === 0) continue;
    const a = Math.abs(v);
    if (a > maxA) maxA = a;
    if (a < minA) minA = a;
  }
  let expFormat = false;
  if (maxA > 0) {
    // The ratio is computed in the array's own dtype.
    const q = maxA / minA;
    const ratio = f32 === true ? Math.fround(q) : f32 === 'float16' ? roundFloat16(q) : f32 === 'bfloat16' ? roundBfloat16(q) : q;
    expFormat = maxA >= 1e8 || (!o.suppress && (minA < 1e-4 || ratio > 1000));
  }
  // floatmode: 'fixed' prints exactly `precision` digits, 'unique' as many as read back, the 'maxprec'
  // modes the unique digits up to `precision`; the '_equal' and 'fixed' modes pad all to the longest.
  const unique = o.floatmode !== 'fixed';
  const precision = o.floatmode === 'unique' ? -1 : o.precision;
  const equal = o.floatmode === 'fixed' || o.floatmode === 'maxprec_equal';
  const out = new Array<string>(n);
  let padLeft = 0;
  let padRight = 0;
  if (finiteCount === 0) {
    // nothing to measure
  } else if (!expFormat) {
    // First pass: unique digits, at most `precision` after the point, trailing zeros trimmed ('.' kept).
    const ints = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (!Number.isFinite(v)) continue;
      const s = formatPositional(v, f32, { precision, minDigits: -1, trim: unique ? '.' : 'k', padLeft: -1, padRight: -1, unique });
      const dot = s.indexOf('.');
      out[i] = s;
      ints[i] = dot;
      if (dot > padLeft) padLeft = dot;
      if (s.length - dot - 1 > padRight) padRight = s.length - dot - 1;
    }
    if (anyNonFinite) padLeft = nonFinitePad(padLeft, padRight, negInf, o);
    // Where the shortest digits may stop before the units place (2^(mantissa bits + 1)).
    const big = f32 === true ? TWO24 : f32 === false ? TWO53 : f32 === 'float16' ? 2048 : 256;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (!Number.isFinite(v)) continue;
      if (equal) {
        out[i] = formatPositional(v, f32, { precision: padRight, minDigits: padRight, trim: 'k', padLeft, padRight, unique });
      } else if (Math.abs(v) >= big) {
        // minDigits=0 only changes digits whose shortest form stops before the units place (|v| ≥ 2^24/2^53).
        out[i] = formatPositional(v, f32, { precision, minDigits: 0, trim: '.', padLeft, padRight });
      } else {
        const s = out[i];
        const dot = ints[i];
        const fracLen = s.length - dot - 1;
        out[i] = (padLeft > dot ? ' '.repeat(padLeft - dot) : '') + s + (padRight > fracLen ? ' '.repeat(padRight - fracLen) : '');
      }
    }
  } else {
    let P = 0;
    let expSize = 0;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (!Number.isFinite(v)) continue;
      const s = formatScientific(v, f32, { precision, minDigits: -1, trim: unique ? '.' : 'k', padLeft: -1, expDigits: -1, unique });
      const e = s.indexOf('e');
      const dot = s.indexOf('.');
      if (dot > padLeft) padLeft = dot;
      if (e - dot - 1 > P) P = e - dot - 1;
      if (s.length - e - 2 > expSize) expSize = s.length - e - 2;
    }
    padRight = expSize + 2 + P;
    if (anyNonFinite) padLeft = nonFinitePad(padLeft, padRight, negInf, o);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (!Number.isFinite(v)) continue;
      out[i] = formatScientific(v, f32, { precision: P, minDigits: P, trim: 'k', padLeft, expDigits: expSize, unique });
    }
  }
  if (anyNonFinite) {
    if (finiteCount === 0) padLeft = nonFinitePad(0, 0, negInf, o);
    const width = padLeft + padRight + 1;
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (Number.isFinite(v)) continue;
      const t = Number.isNaN(v) ? o.nanstr : v > 0 ? o.infstr : '-' + o.infstr;
      out[i] = t.length < width ? ' '.repeat(width - t.length) + t : t;
    }
  }
  return out;
}

/** The element words of the displayed elements, in display order, for any dtype. */
export function numpyWords(dtype: DType, dims: readonly number[], data: TensorData, summarize: boolean): string[] {
  const idx = displayedIndices(dims, summarize, numpyPrint.edgeitems);
  const n = idx.length;
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16') {
    const vals = new Array<number>(n);
    for (let i = 0; i < n; i++) vals[i] = data[idx[i]] as number;
    return numpyFloatWords(vals, widthOf(dtype));
  }
  const strs = new Array<string>(n);
  if (dtype === 'bool') {
    const t = dims.length === 0 ? 'True' : ' True';
    for (let i = 0; i < n; i++) strs[i] = data[idx[i]] ? t : 'False';
    return strs;
  }
  // int: width of the longer of str(max) and str(min) over the displayed elements, right-aligned.
  let width = 0;
  if (dtype === 'int64') {
    const d = data as BigInt64Array;
    let mx = d[idx[0]];
    let mn = mx;
    for (let i = 0; i < n; i++) {
      const v = d[idx[i]];
      strs[i] = v.toString();
      if (v > mx) mx = v;
      if (v < mn) mn = v;
    }
    width = Math.max(mx.toString().length, mn.toString().length);
  } else {
    let mx = -Infinity;
    let mn = Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[idx[i]] as number;
      strs[i] = String(v);
      if (v > mx) mx = v;
      if (v < mn) mn = v;
    }
    width = Math.max(String(mx).length, String(mn).length);
  }
  for (let i = 0; i < n; i++) if (strs[i].length < width) strs[i] = strs[i].padStart(width);
  return strs;
}

/** numpy `_formatArray`: lays out the words with wrapping and the hanging indent. */
export function formatArrayText(
  dims: readonly number[], words: readonly string[], summarize: boolean, lineWidth: number, hanging: string, separator: string,
): string {
  const nd = dims.length;
  let cursor = 0;
  const sepTrim = separator.trimEnd();
  const recurse = (axis: number, hang: string, width: number): string => {
    const left = nd - axis;
    if (left === 0) return words[cursor++];
    const nextHang = hang + ' ';
    const nextWidth = width - 1;
    const n = dims[axis];
    const edge = numpyPrint.edgeitems;
    const show = elides(summarize, n, edge);
    const lead = show ? edge : 0;
    const trail = show ? edge : n;
    let s = '';
    if (left === 1) {
      const elemWidth = width - Math.max(sepTrim.length, 1);
      let line = hang;
      const extend = (word: string): void => {
        if (line.length + word.length > elemWidth && line.length > hang.length) {
          s += line.trimEnd() + '\n';
          line = hang;
        }
        line += word;
      };
      for (let i = 0; i < lead; i++) {
        extend(recurse(axis + 1, nextHang, nextWidth));
        line += separator;
      }
      if (show) {
        extend('...');
        line += separator;
      }
      for (let i = trail; i > 1; i--) {
        extend(recurse(axis + 1, nextHang, nextWidth));
        line += separator;
      }
      extend(recurse(axis + 1, nextHang, nextWidth));
      s += line;
    } else {
      const lineSep = sepTrim + '\n'.repeat(left - 1);
      for (let i = 0; i < lead; i++) s += hang + recurse(axis + 1, nextHang, nextWidth) + lineSep;
      if (show) s += hang + '...' + lineSep;
      for (let i = trail; i > 1; i--) s += hang + recurse(axis + 1, nextHang, nextWidth) + lineSep;
      s += hang + recurse(axis + 1, nextHang, nextWidth);
    }
    return '[' + s.slice(hang.length) + ']';
  };
  return recurse(0, hanging, lineWidth);
}

/** numpy `array2string(a, separator, prefix, suffix)` with the default print options. */
export function array2string(
  dtype: DType, dims: readonly number[], data: TensorData, separator: string, prefix: string, suffix: string,
  maxLineWidth: number = numpyPrint.linewidth,
): string {
  const size = sizeOfDims(dims);
  if (size === 0) return '[]';
  const summarize = size > numpyPrint.threshold;
  const words = numpyWords(dtype, dims, data, summarize);
  return formatArrayText(dims, words, summarize, maxLineWidth - suffix.length, ' ' + ' '.repeat(prefix.length), separator);
}

/** dtype implied by repr (64-bit Linux/macOS): float64, int64, bool. */
function dtypeImplied(dtype: DType): boolean {
  return dtype === 'float64' || dtype === 'int64' || dtype === 'bool';
}

/** `repr(np.array(...))`. */
export function numpyRepr(dtype: DType, dims: readonly number[], data: TensorData): string {
  const size = sizeOfDims(dims);
  const skip = dtypeImplied(dtype) && size > 0;
  const prefix = 'array(';
  const suffix = skip ? ')' : ',';
  const body =
    size > 0 || (dims.length === 1 && dims[0] === 0)
      ? array2string(dtype, dims, data, ', ', prefix, suffix)
      : `[], shape=${pyTuple(dims)}`;
  const s = prefix + body + suffix;
  if (skip) return s;
  const t = `dtype=${dtype})`;
  const lastLen = s.length - (s.lastIndexOf('\n') + 1);
  return s + (lastLen + t.length + 1 > numpyPrint.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ') + t;
}

/** `str(np.array(...))`: the scalar str for 0-d, else array2string with ' '. */
export function numpyStr(dtype: DType, dims: readonly number[], data: TensorData): string {
  if (dims.length === 0) return numpyScalarRepr(dtype, data, 0);
  return array2string(dtype, dims, data, ' ', '', '');
}

/** repr (== str in NumPy 1.x) of the numpy scalar at data[i]. */
export function numpyScalarRepr(dtype: DType, data: TensorData, i: number): string {
  switch (dtype) {
    case 'float16':
    case 'bfloat16':
    case 'float32':
    case 'float64':
      return floatScalarRepr(data[i] as number, widthOf(dtype));
    case 'bool':
      return data[i] ? 'True' : 'False';
    default:
      return String(data[i]);
  }
}
