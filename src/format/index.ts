// Printing entry points: Python's repr / str / format(x, '') / print for tensors (by flavor),
// variables and plain JS values, shapes, and notebook HTML. Importing this module installs the
// Tensor print hooks.
import { pretty } from './pretty.js';
import { printHooks } from '../tensor/tensor.js';
import { PY_REPR, type Flavor } from '../tensor/printable.js';
import {
  isPrintableTensor, isPrintableVariable, type PrintableTensor, type PrintableVariable,
} from '../tensor/printable.js';
import { floatScalarRepr, pyExp, pyFixed, shortest, dragon4, formatPositional, formatScientific } from './digits.js';
import { tensorHtml } from './html.js';
import { jaxRepr, jaxStr } from './jax.js';
import { pyTuple } from './layout.js';
import { array2string, numpyRepr, numpyScalarRepr, numpyStr } from './numpy.js';
import { pyFloatRepr, pyNumberRepr, pyRepr, pyStringRepr } from './python.js';
import { numpyText, tfFormat, tfRepr, tfStr, tfVariableRepr } from './tf.js';
import { torchRepr, torchSize } from './torch.js';

export type { Digits, Dragon4Options, PositionalOptions, ScientificOptions, Trim } from './digits.js';
export {
  array2string, dragon4, floatScalarRepr, formatPositional, formatScientific, jaxRepr, jaxStr, numpyRepr,
  numpyScalarRepr, numpyStr, numpyText, pyExp, pyFixed, pyFloatRepr, pyNumberRepr, pyStringRepr, pyTuple, shortest,
  tfFormat, tfRepr, tfStr, tfVariableRepr, torchRepr, torchSize,
};

/** `(2, 1)`, `()`, `(3,)`; `torch.Size([3])` for torch. */
export function shapeText(dims: readonly number[], flavor: Flavor): string {
  return flavor === 'torch' ? torchSize(dims) : pyTuple(dims);
}

/** Python repr of a tensor, by the flavor of the facade that made it. */
export function tensorRepr(t: PrintableTensor): string {
  if (!t.concrete) return t.toString();
  switch (t.flavor) {
    case 'tf':
      return tfRepr(t.dt, t.dims, t.values);
    case 'torch':
      return torchRepr(t.dt, t.dims, t.values, { requiresGrad: t.requires_grad, gradFnName: t.gradFnName });
    case 'jax':
      return jaxRepr(t.dt, t.dims, t.values, t.weak);
    default:
      return t.scalar ? numpyScalarRepr(t.dt, t.values, 0) : numpyRepr(t.dt, t.dims, t.values);
  }
}

/** Python str of a tensor (what print shows). */
export function tensorStr(t: PrintableTensor): string {
  if (!t.concrete) return t.toString();
  switch (t.flavor) {
    case 'tf':
      return tfStr(t.dt, t.dims, t.values);
    case 'torch':
      return tensorRepr(t);
    case 'jax':
      return jaxStr(t.dt, t.dims, t.values);
    default:
      return t.scalar ? numpyScalarRepr(t.dt, t.values, 0) : numpyStr(t.dt, t.dims, t.values);
  }
}

/** Python `format(t, '')` (an f-string): numpy's str for tf; a 0-d torch tensor formats its item(). */
export function tensorFormat(t: PrintableTensor): string {
  if (!t.concrete) return t.toString();
  if (t.flavor === 'tf') return tfFormat(t.dt, t.dims, t.values);
  if (t.flavor === 'torch' && t.dims.length === 0) {
    // Tensor.__format__: `self.item().__format__('')`, a Python float/int/bool.
    if (t.dt === 'bool') return t.values[0] ? 'True' : 'False';
    if (t.dt === 'float32' || t.dt === 'float64' || t.dt === 'float16' || t.dt === 'bfloat16') return floatScalarRepr(t.values[0] as number, false);
    return String(t.values[0]);
  }
  return tensorStr(t);
}

export function variableRepr(v: PrintableVariable): string {
  return tfVariableRepr(v.name, v.value.dt, v.value.dims, v.value.values);
}

/** Tensors, variables and shapes inside lists and dicts print with their repr. */
function special(x: object): string | undefined {
  if (isPrintableTensor(x)) return tensorRepr(x);
  if (isPrintableVariable(x)) return variableRepr(x);
  if (isShapeLike(x)) return shapeText(x, x.flavor);
  return undefined;
}

/** A tensor's `.shape` (src/tensor Shape): an array of dims that carries its flavor and prints itself. */
function isShapeLike(x: object): x is number[] & { flavor: Flavor } {
  return (
    Array.isArray(x) && typeof (x as { flavor?: unknown }).flavor === 'string' &&
    (x as { toString: unknown }).toString !== Array.prototype.toString
  );
}

/** Python `repr(x)`. */
export function repr(x: unknown): string {
  return pyRepr(x, special);
}

/** What IPython displays for a value at the prompt (its pretty printer over Python's repr). */
export function displayText(x: unknown): string {
  return pretty(x, repr);
}

/** Python `str(x)`: strings unquoted, tensors by flavor, everything else as repr. */
export function str(x: unknown): string {
  if (typeof x === 'string') return x;
  if (isPrintableTensor(x)) return tensorStr(x);
  // Objects with Python texts (PY_REPR): their toString is their str (a dtype prints `int64`).
  if (typeof x === 'object' && x !== null && PY_REPR in x) {
    const own = (x as { toString: unknown }).toString;
    if (own !== Object.prototype.toString && own !== Array.prototype.toString) return String(x);
  }
  return repr(x);
}

/** Python `format(x, '')`, i.e. what an f-string (and String(x) / a template literal) shows. */
export function format(x: unknown): string {
  if (isPrintableTensor(x)) return tensorFormat(x);
  return str(x);
}

/** Python `print(*args)` without the trailing newline. */
export function printText(args: readonly unknown[]): string {
  return args.map(str).join(' ');
}

/** `text/html` for a tensor or variable; undefined for anything else. */
export function html(x: unknown): string | undefined {
  if (isPrintableTensor(x)) return tensorHtml(x, tensorRepr(x));
  if (isPrintableVariable(x)) return tensorHtml(x.value, variableRepr(x), { variableName: x.name });
  return undefined;
}

printHooks.repr = tensorRepr;
printHooks.format = tensorFormat;
printHooks.shape = shapeText;
printHooks.reprAny = repr;
