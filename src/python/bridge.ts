// The JavaScript side of the Python package (src/python/py): what Python reaches as the module
// `_jacobi_js`. It holds no library knowledge of its own: the facades of src/api/index.ts `scope`,
// Python's operator and printing entry points of src/api/operators.ts and src/format (the same ones
// the TypeScript cells' compiled operators call), and the few helpers a language bridge needs (what
// kind a JS value is, calling with a trailing keyword object, building tuples, floats and slices,
// wrapping Python callbacks).
import * as operators from '../api/operators.js';
import type { BinaryOperator, UnaryOperator } from '../api/operators.js';
import * as printing from '../format/index.js';
import { pretty } from '../format/pretty.js';
import { getDoc } from '../api/docs.js';
import { isPlainObject } from '../autodiff/tree.js';
import { isPrintableTensor, isPrintableVariable } from '../tensor/printable.js';
import { PyFloat } from '../tensor/scalars.js';
import { NamedTuple, PyTuple, tuple as makeTuple } from '../tensor/pytuple.js';
import { TensorShape } from '../api/tf/shape.js';
import { Shape, Tensor } from '../tensor/tensor.js';
import { isGradEnabled, setGradEnabled } from '../autodiff/torch_autograd.js';
import { Slice } from '../ops/indexing.js';

/** ES classes cannot be called without `new`; everything else (functions, pyclass proxies) can. */
function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/**
 * Instances of JS classes that Python subclassed (`class Net(nn.Module)`), with the Python object each
 * stands for: their overridden methods call into it, and they come back to Python as it.
 */
const pythonObjects = new WeakMap<object, unknown>();
/** The Python object of an instance under construction (a base constructor may call an override). */
let constructing: unknown;

/** One word for the Python side to pick a wrapper with (one call per converted value). */
export function kind(x: unknown): string {
  if (x === null || x === undefined) return 'none';
  if ((typeof x === 'object' || typeof x === 'function') && pythonObjects.has(x as object)) return 'python';
  switch (typeof x) {
    case 'number': return Number.isInteger(x) ? 'int' : 'float';
    case 'bigint': return 'int';
    case 'boolean': return 'bool';
    case 'string': return 'str';
    case 'function': return isClass(x) ? 'class' : 'function';
    case 'symbol': return 'object';
  }
  if (x instanceof PyFloat) return 'pyfloat';
  if (isPrintableTensor(x)) return (x as { scalar?: boolean }).scalar ? `scalar:${x.flavor}` : `tensor:${x.flavor}`;
  if (isPrintableVariable(x)) return 'variable';
  if (x instanceof Shape) return `shape:${x.flavor}`;
  if (x instanceof TensorShape) return 'shape:tf';
  if (x instanceof NamedTuple) return 'namedtuple';
  if (x instanceof PyTuple) return 'tuple';
  if (Array.isArray(x)) return 'list';
  if (isPlainObject(x)) {
    // A plain object of data is a dict; one that holds functions (a namespace, a hook's handle) or
    // symbols (Python's repr, Symbol.dispose) is an object whose attributes Python reads.
    if (Object.getOwnPropertySymbols(x).length > 0) return 'object';
    return Object.values(x).some((v) => typeof v === 'function') ? 'namespace' : 'dict';
  }
  if (x instanceof Error) return 'error';
  return 'object';
}

function typeNameOf(x: unknown): string {
  return (x as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof x;
}

/** A Python value inside a structure the pretty printer lays out: Python gave its repr. */
class PythonLeaf {
  constructor(readonly text: string) {}
}

/** Calls `f` (with `self` as `this`), keyword arguments as a trailing plain object; classes are constructed. */
function call(f: (...a: unknown[]) => unknown, self: unknown, args: unknown[], kwargs: Record<string, unknown> | null): unknown {
  const all = kwargs && Object.keys(kwargs).length > 0 ? [...args, kwargs] : args;
  if (isClass(f)) return Reflect.construct(f, all);
  return Reflect.apply(f, self ?? undefined, all);
}

/** `name in obj`, for objects and functions alike (a Dense layer is a function with attributes). */
function has(obj: unknown, name: string): boolean {
  return (typeof obj === 'object' || typeof obj === 'function') && obj !== null && name in (obj as object);
}

/** The enumerable and prototype names of a JS value, for dir() and completion. */
function names(obj: unknown): string[] {
  const out = new Set<string>();
  for (let o = obj as object | null; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (k !== 'constructor' && /^[A-Za-z_]\w*$/.test(k)) out.add(k);
  }
  return [...out].sort();
}

export interface BridgeHooks {
  /** Text a Python cell writes to sys.stdout / sys.stderr. */
  stream(name: 'stdout' | 'stderr', text: string): void;
  /** display(value) from a Python cell (IPython.display.display, plt.show()). */
  display(bundle: Record<string, unknown>, metadata: Record<string, unknown>, transient: Record<string, unknown>, update: boolean): void;
  /** clear_output(wait) from a Python cell. */
  clearOutput(wait: boolean): void;
  /** A JS value's MIME bundle (tensors' HTML, figures' images), as the TypeScript session renders it. */
  mimeBundle(value: unknown): Record<string, unknown>;
}

export function createBridge(scope: Record<string, unknown>, hooks: BridgeHooks): Record<string, unknown> {
  return {
    scope,
    kind,
    call,
    has,
    names,
    get: (obj: Record<string, unknown>, name: string) => obj[name],
    set: (obj: Record<string, unknown>, name: string, value: unknown) => { obj[name] = value; },
    isCallable: (x: unknown) => typeof x === 'function',
    // Building JS values from Python's (kinds kept).
    list: (...items: unknown[]) => items,
    tuple: (...items: unknown[]) => makeTuple(...items),
    dict: (keys: string[], values: unknown[]) => Object.fromEntries(keys.map((k, i) => [k, values[i]])),
    float: (v: number) => (Number.isInteger(v) ? new PyFloat(v) : v),
    floats: (values: number[]) => values.map((v) => (Number.isInteger(v) ? new PyFloat(v) : v)),
    /** Python's slice(start, stop, step) as the index spec the core takes (None is null). */
    slice: (start: number | bigint | null, stop: number | bigint | null, step: number | bigint | null) => new Slice(start ?? null, stop ?? null, step ?? null),
    // -0 would arrive in Python as the int 0: its sign goes as text.
    floatValue: (x: PyFloat) => (Object.is(x.valueOf(), -0) ? '-0.0' : x.valueOf()),
    /**
     * A Python callable as a JS function; `trampoline` converts arguments and result itself, and
     * returns the result boxed in an array (Pyodide reads `.type` of what a Python call returns,
     * and a tensor's attribute getters raise Python's AttributeError for names its library lacks).
     */
    callback: (trampoline: (...a: unknown[]) => unknown, name: string) => {
      const fn = (...args: unknown[]) => (trampoline(args) as unknown[])[0];
      Object.defineProperty(fn, 'name', { value: name });
      return fn;
    },
    items: (x: Record<string, unknown>) => Object.entries(x),
    /**
     * A JS subclass of `base` named `name` whose `methods` call `dispatch(pythonObject, method, args)`
     * (boxed result, as callbacks return theirs): what `class Net(nn.Module)` in Python extends.
     */
    subclass: (base: new (...a: unknown[]) => object, name: string, methods: string[], dispatch: (py: unknown, method: string, args: unknown[]) => unknown[]) => {
      const Sub = class extends base {};
      Object.defineProperty(Sub, 'name', { value: name });
      for (const m of methods) {
        Object.defineProperty(Sub.prototype, m, {
          configurable: true,
          writable: true,
          value: function (this: object, ...args: unknown[]) {
            const py = pythonObjects.get(this) ?? constructing;
            return dispatch(py, m, args)[0];
          },
        });
      }
      return Sub;
    },
    /** Constructs a Python subclass's JS instance, tied to its Python object. */
    construct: (cls: new (...a: unknown[]) => object, args: unknown[], kwargs: Record<string, unknown> | null, py: unknown) => {
      const previous = constructing;
      constructing = py;
      try {
        const instance = Reflect.construct(cls, kwargs && Object.keys(kwargs).length > 0 ? [...args, kwargs] : args);
        pythonObjects.set(instance, py);
        return instance;
      } finally {
        constructing = previous;
      }
    },
    pythonObject: (x: object) => pythonObjects.get(x),
    isInstance: (x: unknown, cls: unknown) => typeof cls === 'function' && (typeof x === 'object' || typeof x === 'function') && x !== null && x instanceof (cls as new () => unknown),
    /** Throws, through the JS frames between a Python callback and the Python call that led to it, the exception it raised. */
    raisePython: (token: number, name: string, message: string) => {
      throw Object.assign(new Error(message), { name, pythonToken: token });
    },
    pythonToken: (e: unknown) => (typeof (e as { pythonToken?: unknown })?.pythonToken === 'number' ? (e as { pythonToken: number }).pythonToken : null),
    // Python's operators and protocols on tensors (src/api/operators.ts, src/format).
    binary: (op: BinaryOperator, a: unknown, b: unknown) => operators.binary(op, a, b),
    unary: (op: UnaryOperator, a: unknown) => operators.unary(op, a),
    inplace: (op: BinaryOperator, a: unknown, b: unknown) => operators.inplace(op, a, b),
    getItem: (x: unknown, specs: unknown[]) => operators.getItem(x, ...specs),
    setItem: (x: unknown, specs: unknown[], value: unknown) => operators.setItem(x, specs, value),
    truth: (x: unknown) => operators.truth(x),
    iterate: (x: unknown) => {
      const it = operators.iterate(x) as Iterable<unknown> | null | undefined;
      if (typeof it?.[Symbol.iterator] !== 'function') throw Object.assign(new TypeError(`'${typeNameOf(x)}' object is not iterable`), { name: 'TypeError' });
      return [...it];
    },
    len: (x: Parameters<typeof operators.len>[0]) => operators.len(x),
    repr: (x: unknown) => printing.repr(x),
    /** A value Python prints itself, inside a container given to displayText. */
    leaf: (text: string) => new PythonLeaf(text),
    /** IPython's display text (its pretty printer) of a structure whose leaves are JS values or PythonLeafs. */
    displayText: (x: unknown) => pretty(x, (v) => (v instanceof PythonLeaf ? v.text : printing.repr(v))),
    map: (keys: unknown[], values: unknown[]) => new Map(keys.map((k, i) => [k, values[i]])),
    str: (x: unknown) => printing.str(x),
    /** Python's str() of another JS object: its class's toString (str(dtype), str(TensorShape)), else its repr. */
    objectStr: (x: unknown) => {
      const own = (x as { toString?: unknown } | null)?.toString;
      return typeof own === 'function' && own !== Object.prototype.toString && own !== Function.prototype.toString && !Array.isArray(x) ? String(x) : printing.str(x);
    },
    format: (x: unknown) => printing.format(x),
    isTensor: (x: unknown) => isPrintableTensor(x) || isPrintableVariable(x),
    isTensorObject: (x: unknown) => x instanceof Tensor,
    /** The number of elements of a tensor or variable. */
    size: (x: unknown) => {
      const t = (isPrintableVariable(x) ? (x as { value: unknown }).value : x) as { count?: number; size?: unknown };
      return typeof t.count === 'number' ? t.count : typeof t.size === 'number' ? t.size : 0;
    },
    // Documentation and errors.
    doc: (x: unknown) => {
      const d = getDoc(x);
      return d ? [d.signature, d.doc] : null;
    },
    source: (x: unknown) => (typeof x === 'function' ? Function.prototype.toString.call(x) : null),
    errorInfo: (e: unknown) => {
      const err = e as { name?: unknown; message?: unknown; stack?: unknown; pyModule?: unknown };
      return [String(err?.name ?? 'Error'), String(err?.message ?? e), typeof err?.pyModule === 'string' ? err.pyModule : null];
    },
    // torch's grad mode, for `with torch.no_grad():` (the facade's own no_grad takes a callback).
    isGradEnabled,
    setGradEnabled,
    // Output of the running cell.
    stream: hooks.stream,
    display: hooks.display,
    clearOutput: hooks.clearOutput,
    mimeBundle: hooks.mimeBundle,
    /** Leaves a context that has no `__exit__` (TypeScript's `using`). */
    dispose: (x: { [Symbol.dispose]?: () => void }) => x[Symbol.dispose]?.(),
  };
}
