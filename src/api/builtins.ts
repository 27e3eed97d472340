// Python's builtins that cells use with tensors: print, repr, str, len, range, float, int, bool,
// tuple, list, abs, round, sum, min, max, zip, enumerate. `float`, `int` and `bool` also stand for
// their dtypes (np.zeros(3, { dtype: float }) is float64), as Python's types do.
import { printText, repr as reprText, str as strText } from '../format/index.js';
import { PyFloat, pyFloat } from '../tensor/scalars.js';
import { NamedTuple, PyTuple, tuple as makeTuple } from '../tensor/pytuple.js';
import { PyType } from '../tensor/pytype.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { DTYPE_OF } from './dtype_objects.js';
import { pyError } from './errors.js';
import { binary, len as tensorLen, iterate, toNumber, truth } from './operators.js';

/** Python's print: str of each argument joined by spaces (sep/end as keyword options). */
export function print(...args: unknown[]): void {
  const last = args[args.length - 1];
  let sep = ' ', end = '\n';
  if (typeof last === 'object' && last !== null && !Array.isArray(last) && Object.getPrototypeOf(last) === Object.prototype &&
      Object.keys(last).length > 0 && Object.keys(last).every((k) => k === 'sep' || k === 'end')) {
    args.pop();
    sep = (last as { sep?: string }).sep ?? ' ';
    end = (last as { end?: string }).end ?? '\n';
  }
  const text = sep === ' ' ? printText(args) : args.map((a) => strText(a)).join(sep);
  process.stdout.write(text + end);
}

export function repr(x: unknown): string {
  return reprText(x);
}

export function str(x: unknown): string {
  return strText(x);
}

/** Python's len: a tensor's first dimension, a sequence's length. */
export function len(x: unknown): number {
  if (x instanceof Tensor || x instanceof Variable) return tensorLen(x);
  if (typeof x === 'string' || Array.isArray(x) || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length;
  if (x instanceof Map || x instanceof Set) return x.size;
  if (typeof x === 'object' && x !== null) return Object.keys(x).length;
  throw pyError('TypeError', `object of type '${typeof x}' has no len()`);
}

const NUMPY_SCALAR_NAME: Record<string, string> = { bool: 'bool_' };

/** Python's type(x): the class the library would give, as `<class 'numpy.ndarray'>` prints. */
export function type(x: unknown): PyType {
  if (x instanceof Variable) return PyType.of('tensorflow.python.ops.resource_variable_ops', 'ResourceVariable');
  if (x instanceof Tensor) {
    switch (x.flavor) {
      case 'numpy': return x.scalar ? PyType.of('numpy', NUMPY_SCALAR_NAME[x.dt] ?? x.dt) : PyType.of('numpy', 'ndarray');
      case 'jax': return PyType.of('jaxlib.xla_extension', 'ArrayImpl');
      case 'tf': return PyType.of('tensorflow.python.framework.ops', 'EagerTensor');
      case 'torch':
        return (x as unknown as Record<symbol, unknown>)[Symbol.for('jacobi.torch.parameter')] === true
          ? PyType.of('torch.nn.parameter', 'Parameter') : PyType.of('torch', 'Tensor');
    }
  }
  if (x === null || x === undefined) return PyType.of('builtins', 'NoneType');
  if (x instanceof PyFloat) return PyType.of('builtins', 'float');
  if (typeof x === 'number') return PyType.of('builtins', Number.isInteger(x) ? 'int' : 'float');
  if (typeof x === 'bigint') return PyType.of('builtins', 'int');
  if (typeof x === 'boolean') return PyType.of('builtins', 'bool');
  if (typeof x === 'string') return PyType.of('builtins', 'str');
  if (x instanceof PyType) return PyType.of('builtins', 'type');
  if (x instanceof NamedTuple) {
    const dot = x.typeName.lastIndexOf('.');
    return PyType.of(dot < 0 ? '__main__' : x.typeName.slice(0, dot), x.typeName.slice(dot + 1));
  }
  if (x instanceof PyTuple) return PyType.of('builtins', 'tuple');
  if (Array.isArray(x)) return PyType.of('builtins', 'list');
  if (x instanceof Set) return PyType.of('builtins', 'set');
  if (x instanceof Map || (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype)) return PyType.of('builtins', 'dict');
  // Other objects have no Python class Jacobi can name truthfully: say so rather than guess.
  const name = (x as { constructor?: { name?: string } }).constructor?.name ?? typeof x;
  throw pyError('NotImplementedError', `type() of a JavaScript ${typeof x === 'function' ? 'function' : `'${name}' object`} has no Python class in Jacobi`);
}

/** Python's range as an array (iterable, indexable, with a length). */
export function range(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) { stop = start; start = 0; }
  if (step === 0) throw pyError('ValueError', 'range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

const markDtype = <T extends object>(f: T, dt: string): T => Object.defineProperty(f, DTYPE_OF, { value: dt });

/** Python's float(x): a float (PyFloat when its value is integral). */
export const float = markDtype((x: unknown = 0): number | PyFloat => {
  if (typeof x === 'string') {
    const t = x.trim().toLowerCase();
    const v = t === 'inf' || t === '+inf' ? Infinity : t === '-inf' ? -Infinity : t === 'nan' ? NaN : Number(t);
    if (Number.isNaN(v) && t !== 'nan') throw pyError('ValueError', `could not convert string to float: '${x}'`);
    return pyFloat(v);
  }
  return pyFloat(toNumber(x, 'float'));
}, 'float64');

/** Python's int(x): truncation toward zero. */
export const int = markDtype((x: unknown = 0): number => {
  if (typeof x === 'string') {
    if (!/^\s*[-+]?\d+\s*$/.test(x)) throw pyError('ValueError', `invalid literal for int() with base 10: '${x}'`);
    return Number(x);
  }
  const v = toNumber(x, 'int');
  if (!Number.isFinite(v)) throw pyError(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
  return Math.trunc(v);
}, 'int64');

/** Python's bool(x) (a tensor's truth follows its library's rule). */
export const bool = markDtype((x: unknown = false): boolean => truth(x), 'bool');

export function tuple<T>(items: Iterable<T> = [], ...extra: unknown[]): PyTuple<T> {
  if (extra.length > 0) throw pyError('TypeError', `tuple expected at most 1 argument, got ${1 + extra.length}`);
  return makeTuple(...iterate(items) as T[]);
}

export function list<T>(items: Iterable<T> = [], ...extra: unknown[]): T[] {
  if (extra.length > 0) throw pyError('TypeError', `list expected at most 1 argument, got ${1 + extra.length}`);
  return [...iterate(items) as Iterable<T>];
}

export function abs(x: unknown): unknown {
  if (x instanceof Tensor || x instanceof Variable) return (x as unknown as { __abs__(): unknown }).__abs__();
  const v = toNumber(x, 'abs');
  return x instanceof PyFloat ? pyFloat(Math.abs(v)) : Math.abs(v);
}

/** Python's round: halves to even; with ndigits, a float. */
export function round(x: unknown, ndigits?: number | null): number | PyFloat {
  const v = toNumber(x, 'round');
  const even = (y: number) => (Math.abs(y % 1) === 0.5 ? 2 * Math.round(y / 2) : Math.round(y));
  if (ndigits === undefined || ndigits === null) return even(v);
  const s = 10 ** ndigits;
  return pyFloat(even(v * s) / s);
}

export function sum(items: Iterable<unknown>, start: unknown = 0): unknown {
  let acc = start;
  for (const x of iterate(items)) acc = binary('+', acc, x);
  return acc;
}

export function zip(...its: Iterable<unknown>[]): PyTuple[] {
  const arrays = its.map((i) => [...iterate(i)]);
  const n = Math.min(...arrays.map((a) => a.length));
  return Array.from({ length: arrays.length ? n : 0 }, (_, k) => makeTuple(...arrays.map((a) => a[k])));
}

export function enumerate<T>(it: Iterable<T>, start = 0): PyTuple[] {
  return [...iterate(it)].map((x, i) => makeTuple(i + start, x));
}
