// Python calling conventions in JavaScript: keyword arguments are a trailing options object whose
// keys are the Python parameter names; class-like facade names work with and without `new`.
import { isPlainObject } from '../autodiff/tree.js';
import { Tensor } from '../tensor/tensor.js';
import { documented } from './docs.js';

/**
 * Reads positional arguments and a trailing keyword object into one record by parameter name.
 * The last argument counts as keywords only when it is a plain object whose keys are all names of
 * the function's parameters (so a nested structure passed positionally is never mistaken for one).
 */
export function kwargs(fn: string, names: readonly string[], args: readonly unknown[]): Record<string, any> {
  let positional = args;
  let kw: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (isPlainObject(last) && Object.keys(last).length > 0 && Object.keys(last).every((k) => names.includes(k))) {
    kw = last;
    positional = args.slice(0, -1);
  }
  if (positional.length > names.length) {
    throw new TypeError(`${fn}() takes ${names.length} positional arguments but ${positional.length} were given`);
  }
  const out: Record<string, unknown> = {};
  positional.forEach((v, i) => (out[names[i]] = v));
  for (const [k, v] of Object.entries(kw)) {
    if (k in out && out[k] !== undefined) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  return out;
}

/**
 * Wraps a function so that it is called with its parameters by name; help() and inspect show its
 * Python signature.
 */
export function pyfn<R>(fn: string, names: readonly string[], impl: (a: Record<string, any>) => R): (...args: any[]) => R {
  const f = (...args: unknown[]) => impl(kwargs(fn, names, args));
  Object.defineProperty(f, 'name', { value: fn.split('.').pop() });
  const example = names.length > 1 ? ` Keyword arguments go in a trailing options object: ${fn}(${names[0]}, { ${names[1]}: ... }).` : '';
  return documented(f, `${fn}(${names.join(', ')})`, `${fn}, with Python's parameters.${example}`);
}

/** A class that can also be called like a Python constructor, without `new`. */
export function pyclass<C extends abstract new (...args: any[]) => any>(cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(cls, {
    apply: (target, _this, args) => Reflect.construct(target, args),
  }) as C & ((...args: ConstructorParameters<C>) => InstanceType<C>);
}

export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
