// A Python class as `type(x)` gives it: `<class 'numpy.ndarray'>` as its repr, `numpy.ndarray` as
// IPython displays it (builtins by their bare name: `float`), comparable by identity per name.
import { PY_REPR } from './printable.js';

export class PyType {
  private static readonly known = new Map<string, PyType>();

  /** The one PyType of a module and name, so `type(a) === type(b)` holds as `is` does in Python. */
  static of(module: string, name: string): PyType {
    const key = `${module}.${name}`;
    let t = PyType.known.get(key);
    if (!t) PyType.known.set(key, (t = new PyType(module, name)));
    return t;
  }

  private constructor(readonly __module__: string, readonly __name__: string) {}

  get __qualname__(): string { return this.__name__; }

  /** What IPython displays: the dotted name, builtins without their module. */
  get qualified(): string {
    return this.__module__ === 'builtins' ? this.__name__ : `${this.__module__}.${this.__name__}`;
  }

  [PY_REPR](): string { return `<class '${this.qualified}'>`; }
  toString(): string { return this[PY_REPR](); }
}
