// The scope cells run in. Cells run in Jacobi's own realm (so arrays, plain objects, typed arrays and
// errors from a cell are the very kinds the runtime and the printers check for), inside `with` over a
// per-session object: the facades, the notebook builtins, the `__jacobi` helper the cell compiler calls,
// and every top-level declaration of earlier cells. A name it lacks resolves to the real global object,
// so a cell sees all of JavaScript's and Node's globals and may shadow any of them without touching them.
import { createRequire } from 'node:module';
import path from 'node:path';
import { and, binary, equals, fmt, getItem, inplace, or, setItem, truth, unary, updateItem } from '../api/operators.js';
import { PyFloat } from '../tensor/scalars.js';
import { importForCell } from './imports.js';
import { HELPER } from './operators.js';

export type Report = (error: unknown) => void;

// `using` in a cell needs Symbol.dispose (Node 20 has it; older runtimes get the same Symbol.for
// polyfill the tensor runtime uses, so the two agree).
const SymbolCtor = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol };
SymbolCtor.dispose ??= Symbol.for('Symbol.dispose');
SymbolCtor.asyncDispose ??= Symbol.for('Symbol.asyncDispose');

export function createCellScope(globals: Record<string, unknown>, reportAsync: Report): Record<string, unknown> {
  // No prototype: a name the scope lacks falls through `with` to the global object itself (Node's lazy
  // globals insist on being read from it).
  const scope = Object.create(null) as Record<string, unknown>;
  // Callbacks a cell schedules report their errors to the session instead of crashing the process.
  const guard = (fn: unknown) => (typeof fn === 'function'
    ? (...args: unknown[]) => {
        try {
          return (fn as (...a: unknown[]) => unknown)(...args);
        } catch (e) {
          reportAsync(e);
        }
      }
    : fn);
  type Timer = (fn: unknown, ...args: unknown[]) => unknown;
  const guarded = (timer: Timer): Timer => (fn, ...args) => timer(guard(fn), ...args);
  scope.setTimeout = guarded(setTimeout as unknown as Timer);
  scope.setInterval = guarded(setInterval as unknown as Timer);
  scope.setImmediate = guarded(setImmediate as unknown as Timer);
  scope.queueMicrotask = (fn: unknown) => queueMicrotask(guard(fn) as () => void);
  scope.require = createRequire(path.join(process.cwd(), '__jacobi_cell__.js'));
  Object.defineProperty(scope, HELPER, {
    value: Object.freeze({
      binary, unary, getItem, setItem, updateItem, inplace, truth, and, or, fmt,
      eq: equals,
      float: (v: number) => new PyFloat(v),
      import: importForCell,
    }),
    enumerable: false,
  });
  for (const [name, value] of Object.entries(globals)) scope[name] = value;
  return scope;
}
