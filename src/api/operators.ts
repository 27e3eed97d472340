// Python's operators, for the cells (the compiler rewrites `a + b`, `x[i] = v`, `if (t)`... into
// these) and for Python cells (whose tensor class calls them): on tensors they follow the library
// of the operands (NumPy defers to the others, as its __array_priority__ does; otherwise the left
// operand's library), on Python numbers Python's rules (ints and floats kept apart), and on every
// other value JavaScript's own meaning.
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { PyFloat, pyFloat } from '../tensor/scalars.js';
import { PyTuple } from '../tensor/pytuple.js';
import { isPrintableTensor, isPrintableVariable } from '../tensor/printable.js';
import * as ops from '../ops/index.js';
import { binary as binaryKind, compare, finish, trueDivide, unarySame } from './kinds.js';
import { libraryOf } from './lib/index.js';
import type { Library } from './lib/library.js';
import { negate, power, subtract } from './table/elementwise.js';
import { matmulOf } from './table/linalg.js';
import { pyError } from './errors.js';
import { setItem as setTensorItem, updateInPlace, isMutable } from './mutation.js';
import { indexView } from './views.js';
import { isAtHelper, updateRef } from './at.js';
import { JAX_INDEXING } from './bounds.js';
import { repr as reprOf } from '../format/index.js';
import { nameNode } from '../autodiff/torch_autograd.js';
import { Slice } from '../ops/indexing.js';

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '**' | '%' | '//' | '@' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&' | '|' | '^' | '<<' | '>>';
export type UnaryOperator = '-' | '+' | '~';

export function isTensorLike(x: unknown): boolean {
  return isPrintableTensor(x) || isPrintableVariable(x);
}

const valueOf = (x: unknown): Tensor | undefined => (x instanceof Tensor ? x : x instanceof Variable ? x.value : undefined);

/** The library an operation on these operands follows. */
export function libraryFor(a: unknown, b?: unknown): Library {
  const ta = valueOf(a), tb = valueOf(b);
  if (ta && tb) return libraryOf(ta.flavor === 'numpy' && tb.flavor !== 'numpy' ? tb.flavor : ta.flavor);
  return libraryOf((ta ?? tb)!.flavor);
}

type TensorOp = (lib: Library, a: unknown, b: unknown) => Tensor;
const bitwise = (name: string, f: (x: Tensor, y: Tensor) => Tensor): TensorOp => (lib, a, b) => binaryKind(lib, name, f, a, b);

const TENSOR_OPS: Record<BinaryOperator, TensorOp> = {
  '+': (lib, a, b) => binaryKind(lib, 'add', (x, y) => ops.add(x, y), a, b),
  '-': (lib, a, b) => binaryKind(lib, 'sub', subtract, a, b),
  '*': (lib, a, b) => binaryKind(lib, 'mul', (x, y) => ops.mul(x, y), a, b),
  '/': (lib, a, b) => trueDivide(lib, 'true_divide', (x, y) => ops.div(x, y), a, b),
  '//': (lib, a, b) => binaryKind(lib, 'floordiv', (x, y) => ops.floordiv(x, y), a, b),
  '%': (lib, a, b) => binaryKind(lib, 'mod', (x, y) => ops.mod(x, y), a, b),
  '**': (lib, a, b) => binaryKind(lib, 'pow', power, a, b),
  '@': (lib, a, b) => matmulOf(lib, a, b),
  '<': (lib, a, b) => compare(lib, 'less', (x, y) => ops.less(x, y), a, b),
  '<=': (lib, a, b) => compare(lib, 'less_equal', (x, y) => ops.less_equal(x, y), a, b),
  '>': (lib, a, b) => compare(lib, 'greater', (x, y) => ops.greater(x, y), a, b),
  '>=': (lib, a, b) => compare(lib, 'greater_equal', (x, y) => ops.greater_equal(x, y), a, b),
  '==': (lib, a, b) => compare(lib, 'equal', (x, y) => ops.equal(x, y), a, b),
  '!=': (lib, a, b) => compare(lib, 'not_equal', (x, y) => ops.not_equal(x, y), a, b),
  '&': bitwise('bitwise_and', (x, y) => ops.bitwise_and(x, y)),
  '|': bitwise('bitwise_or', (x, y) => ops.bitwise_or(x, y)),
  '^': bitwise('bitwise_xor', (x, y) => ops.bitwise_xor(x, y)),
  '<<': bitwise('left_shift', (x, y) => ops.left_shift(x, y)),
  '>>': bitwise('right_shift', (x, y) => ops.right_shift(x, y)),
};

/** A Python number's value (PyFloat unwrapped), or undefined for anything that is not one. */
function num(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (x instanceof PyFloat) return x.valueOf();
  if (typeof x === 'boolean') return x ? 1 : 0;
  return undefined;
}

const isFloatValue = (x: unknown) => x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x));

/** Python's arithmetic on numbers: a float if either operand is one (or for true division). */
function numeric(op: BinaryOperator, a: unknown, b: unknown): unknown {
  const x = num(a)!, y = num(b)!;
  const float = isFloatValue(a) || isFloatValue(b);
  const kind = (v: number) => (float ? pyFloat(v) : v);
  switch (op) {
    case '+': return kind(x + y);
    case '-': return kind(x - y);
    case '*': return kind(x * y);
    case '/':
      if (y === 0) throw pyError('ZeroDivisionError', float ? 'float division by zero' : 'division by zero');
      return pyFloat(x / y);
    case '//':
      if (y === 0) throw pyError('ZeroDivisionError', float ? 'float divmod()' : 'integer division or modulo by zero');
      return kind(Math.floor(x / y));
    case '%': {
      if (y === 0) throw pyError('ZeroDivisionError', float ? 'float modulo' : 'integer division or modulo by zero');
      const m = x % y;
      return kind(m !== 0 && (m < 0) !== (y < 0) ? m + y : m);
    }
    case '**': return !float && y < 0 ? pyFloat(x ** y) : kind(x ** y);
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '==': return x === y;
    case '!=': return x !== y;
    case '&': return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : x & y;
    case '|': return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : x | y;
    case '^': return typeof a === 'boolean' && typeof b === 'boolean' ? a !== b : x ^ y;
    case '<<': return x * 2 ** y;
    case '>>': return Math.floor(x / 2 ** y);
    case '@': throw pyError('TypeError', "unsupported operand type(s) for @: 'int' and 'int'");
  }
}

/**
 * PyTorch's node for `x[...]`: advanced indexing runs last (IndexBackward0); otherwise the last
 * index element's op names it (an int selects, a slice slices, None unsqueezes).
 */
function torchIndexNode(specs: readonly unknown[]): string {
  const parts = specs.flatMap((s) => (typeof s === 'string' ? s.split(',').map((p) => p.trim()) : [s]));
  if (parts.some((p) => p instanceof Tensor || Array.isArray(p) || ArrayBuffer.isView(p))) return 'IndexBackward0';
  const last = parts.filter((p) => p !== '...' && p !== 'Ellipsis').pop();
  if (last === null || last === undefined || last === 'None' || last === 'newaxis') return 'UnsqueezeBackward0';
  if (typeof last === 'string' ? last.includes(':') : last instanceof Slice) return 'SliceBackward0';
  return 'SelectBackward0';
}

/** `a op b` in a cell or a Python cell. */
export function binary(op: BinaryOperator, a: any, b: any): unknown {
  if (isTensorLike(a) || isTensorLike(b)) return TENSOR_OPS[op](libraryFor(a, b), a, b);
  if (num(a) !== undefined && num(b) !== undefined && !(typeof a === 'boolean' && typeof b === 'boolean' && op === '+')) return numeric(op, a, b);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '**': return a ** b;
    case '%': return a % b;
    case '//': return Math.floor(a / b);
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '@': throw pyError('TypeError', `unsupported operand type(s) for @: '${typeof a}' and '${typeof b}'`);
  }
}

/** JavaScript's loose equality (`==`) and strict (`===`) in a cell: elementwise for tensors, by value for Python floats. */
export function equals(a: any, b: any, strict: boolean, negate = false): unknown {
  if (isTensorLike(a) || isTensorLike(b)) {
    // A tensor compared with null/undefined is a JavaScript identity test (x === null), not elementwise.
    if (a === null || a === undefined || b === null || b === undefined) return negate;
    return binary(negate ? '!=' : '==', a, b);
  }
  const x = a instanceof PyFloat ? a.valueOf() : a, y = b instanceof PyFloat ? b.valueOf() : b;
  // eslint-disable-next-line eqeqeq
  const eq = strict ? x === y : x == y;
  return negate ? !eq : eq;
}

/** `-a`, `+a`, `~a`. */
export function unary(op: UnaryOperator, a: any): unknown {
  if (isTensorLike(a)) {
    const lib = libraryFor(a);
    if (op === '-') return unarySame(lib, 'neg', negate, a);
    if (op === '~') return unarySame(lib, 'invert', (t) => ops.bitwise_not(t), a);
    return unarySame(lib, 'positive', (t) => t, a);
  }
  if (a instanceof PyFloat) return op === '-' ? pyFloat(-a.valueOf()) : op === '+' ? a : ~a.valueOf();
  return op === '-' ? -a : op === '+' ? +a : ~a;
}

/**
 * `a op= b`: NumPy arrays and torch tensors change in place (other names for the same array see
 * it, as Python's __iadd__ does); everything else is rebound to `a op b`. Returns the new value.
 */
export function inplace(op: BinaryOperator, a: any, b: any): unknown {
  const t = valueOf(a);
  if (t && !(a instanceof Variable) && isMutable(t)) {
    const r = binary(op, a, b) as Tensor;
    return updateInPlace(t, r, UFUNC_NAMES[op] ?? op);
  }
  return binary(op, a, b);
}

const UFUNC_NAMES: Partial<Record<BinaryOperator, string>> = {
  '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '//': 'floor_divide', '%': 'remainder', '**': 'power',
  '&': 'bitwise_and', '|': 'bitwise_or', '^': 'bitwise_xor', '@': 'matmul',
};

/**
 * `x[i]` and `x[i, j, ...]`: for tensors each spec is an integer (negative from the end), a slice
 * (`Slice`, or a string `"start:stop:step"`), null (a new axis), `"..."`, an integer array or tensor,
 * or a boolean mask. NumPy's basic indexing gives views; integers give scalars in NumPy.
 */
/** Python's `x[(i, j)]` is `x[i, j]`: a tuple index is the list of per-axis indices. */
const untuple = (specs: unknown[]): unknown[] => (specs.length === 1 && specs[0] instanceof PyTuple ? [...specs[0]] : specs);

export function getItem(x: any, ...given: unknown[]): unknown {
  const specs = untuple(given);
  if (isAtHelper(x)) return updateRef(x, specs);
  if (isTensorLike(x)) {
    const t = x instanceof Variable ? x.read() : (x as Tensor);
    const lib = libraryFor(t);
    // JAX clamps an out-of-bounds index where NumPy raises (its gathers never fail on device).
    let r = finish(lib, ops.getItem(t, specs, lib.name === 'jax' ? JAX_INDEXING : ops.RAISE), [t]);
    if (lib.name === 'torch' && r.requires_grad && r !== t) r = nameNode(r, torchIndexNode(specs));
    // Views matter where arrays change in place (NumPy's, torch's); JAX and TF arrays never do.
    return isMutable(t) ? indexView(r, t, specs) : r;
  }
  if (specs.length !== 1) throw pyError('TypeError', `only tensors take a multi-axis index x[a, b]; got ${typeof x}`);
  const k = specs[0] instanceof PyFloat ? (specs[0] as PyFloat).valueOf() : specs[0];
  return x[k as PropertyKey];
}

/** `x[i] = v` (returns v, as an assignment expression does). */
export function setItem(x: any, given: unknown[], value: unknown): unknown {
  const specs = untuple(given);
  if (isTensorLike(x)) {
    if (x instanceof Variable) throw pyError('TypeError', "'ResourceVariable' object does not support item assignment");
    setTensorItem(libraryFor(x), x as Tensor, specs, value);
    return value;
  }
  if (specs.length !== 1) throw pyError('TypeError', `only tensors take a multi-axis index x[a, b] = v; got ${typeof x}`);
  const k = specs[0] instanceof PyFloat ? (specs[0] as PyFloat).valueOf() : specs[0];
  x[k as PropertyKey] = value;
  return value;
}

/** `x[i] op= v`: the item read, combined and written back (NumPy's and PyTorch's; a TypeError for JAX and TensorFlow). */
export function updateItem(x: any, specs: unknown[], op: BinaryOperator, value: unknown): unknown {
  const current = getItem(x, ...specs);
  return setItem(x, specs, binary(op, current, value));
}

/** An f-string's text of a value (Python's format(x, '')): True/False/None, Python's number and list texts. */
export function fmt(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (typeof x === 'object' || typeof x === 'number' || typeof x === 'bigint') {
    // Python's str(): a value's own text (a tensor's str, TensorShape's `(3,)`), else its repr.
    const own = (x as { toString?: unknown }).toString;
    if (isTensorLike(x) || (typeof x === 'object' && own !== Object.prototype.toString && own !== Array.prototype.toString)) return String(x);
    return reprOf(x);
  }
  return String(x);
}

const AMBIGUOUS = 'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()';

/** Python's bool(x) for tensors (the library's error when ambiguous), numeric truth for Python floats, JavaScript's for the rest. */
export function truth(x: unknown): boolean {
  const t = valueOf(x);
  if (t !== undefined) {
    if (t.count === 1) return Number(t.values[0]) !== 0;
    if (t.flavor === 'torch') throw pyError('RuntimeError', `Boolean value of Tensor with ${t.count === 0 ? 'no values' : 'more than one value'} is ambiguous`);
    if (t.count === 0) {
      if (t.flavor === 'numpy') {
        process.emitWarning('The truth value of an empty array is ambiguous. Returning False, but in future this will result in an error. Use `array.size > 0` to check that an array is not empty.', 'DeprecationWarning');
        return false;
      }
      throw pyError('ValueError', 'The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.');
    }
    throw pyError('ValueError', AMBIGUOUS);
  }
  if (x instanceof PyFloat) return x.valueOf() !== 0;
  return Boolean(x);
}

/** `a && b` with Python's truth: b when a is true, else a (b is only evaluated when needed). */
export function and(a: unknown, b: () => unknown): unknown {
  return truth(a) ? b() : a;
}

export function or(a: unknown, b: () => unknown): unknown {
  return truth(a) ? a : b();
}

/** The rows of a tensor along its first axis (NumPy: scalars of a 1-D array), or the values of any other iterable. */
export function iterate(x: unknown): Iterable<unknown> {
  const t = valueOf(x);
  if (t === undefined) return x as Iterable<unknown>;
  if (t.dims.length === 0) {
    const msg = t.flavor === 'torch' ? 'iteration over a 0-d tensor' : t.flavor === 'tf' ? 'Cannot iterate over a scalar tensor.' : 'iteration over a 0-d array';
    throw pyError('TypeError', msg);
  }
  const n = t.dims[0];
  return { *[Symbol.iterator]() { for (let i = 0; i < n; i++) yield getItem(x, i); } };
}

/** Python's len() of a tensor: its first dimension. */
export function len(x: Tensor | Variable): number {
  const t = valueOf(x)!;
  if (t.dims.length === 0) throw pyError('TypeError', t.flavor === 'torch' ? 'len() of a 0-d tensor' : 'len() of unsized object');
  return t.dims[0];
}

/** A Python number's value from a number, a float, a bool or a one-element tensor (Python's float()/int()). */
export function toNumber(x: unknown, fn: string): number {
  const n = num(x);
  if (n !== undefined) return n;
  if (typeof x === 'bigint') return Number(x);
  const t = valueOf(x);
  if (t !== undefined) {
    if (t.count !== 1) {
      if (t.flavor === 'torch') throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
      throw pyError('TypeError', 'only size-1 arrays can be converted to Python scalars');
    }
    return Number(t.values[0]);
  }
  throw pyError('TypeError', `${fn}() argument must be a string or a real number, not '${x === null ? 'NoneType' : typeof x}'`);
}

