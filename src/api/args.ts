// Python calling conventions for the hand-written parts of the facades: a function declared with
// its Python signature binds positional arguments and a trailing keyword object the way the
// generated facade functions do (Python's TypeErrors included); class-like names work with and
// without `new`.
import { bindArgs, parseSignature, type Signature } from './pysig.js';
import { documented } from './docs.js';

/**
 * A function with a Python signature, e.g. `pyfn('tf.GradientTape.gradient(target, sources, output_gradients=None)', (a) => ...)`:
 * `impl` receives the arguments by parameter name (defaults filled in); help() shows the signature.
 */
export function pyfn<R>(signature: string, impl: (a: Record<string, any>) => R, doc = ''): (...args: any[]) => R {
  // Parsed on the first call: importing the runtime makes hundreds of these.
  let sig: Signature | undefined;
  const f = (...args: unknown[]) => impl(bindArgs(sig ??= parseSignature(signature), args));
  Object.defineProperty(f, 'name', { value: signature.slice(0, signature.indexOf('(')).trim().split('.').pop() });
  return documented(f, signature, doc);
}

/** Binds arguments to a Python signature (for methods and constructors written by hand). */
export function kwargs(signature: string, args: readonly unknown[]): Record<string, any> {
  return bindArgs(parseSignature(signature), args);
}

type Callable<C> = C extends abstract new (...args: any[]) => any ? C & ((...args: ConstructorParameters<C>) => InstanceType<C>) : C;

/** A namespace whose classes can be called without `new` (`nn.Linear(2, 3)`), other members as they are. */
export function pyclasses<T extends Record<string, unknown>>(ns: T): { [K in keyof T]: Callable<T[K]> } {
  const isClass = (v: unknown) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
  return Object.fromEntries(Object.entries(ns).map(([k, v]) => [k, isClass(v) ? pyclass(v as new (...a: any[]) => any) : v])) as { [K in keyof T]: Callable<T[K]> };
}

/** A class that can also be called like a Python constructor, without `new`. */
export function pyclass<C extends abstract new (...args: any[]) => any>(cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(cls, {
    apply: (target, _this, args) => Reflect.construct(target, args),
  }) as C & ((...args: ConstructorParameters<C>) => InstanceType<C>);
}
