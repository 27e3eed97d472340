// The vm context cells run in: JavaScript's own globals, Node's (timers, process, Buffer, fetch...),
// the facades, the notebook builtins and the `__jacobi` helper the cell compiler calls.
import vm from 'node:vm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { binary, getItem, unary } from '../api/operators.js';
import { importForCell } from './imports.js';
import { HELPER } from './operators.js';

export type Report = (error: unknown) => void;

export function createCellContext(globals: Record<string, unknown>, reportAsync: Report): { context: vm.Context; global: Record<string, unknown> } {
  const context = vm.createContext({}, { name: 'jacobi session' });
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;

  // Node's globals that the new realm does not have, read lazily (some warn or load on first access).
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (name in global || name === 'global') continue;
    Object.defineProperty(global, name, {
      configurable: true,
      enumerable: false,
      get: () => (globalThis as Record<string, unknown>)[name],
      set: (value) => Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: true }),
    });
  }
  global.global = global;
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
  global.setTimeout = guarded(setTimeout as unknown as Timer);
  global.setInterval = guarded(setInterval as unknown as Timer);
  global.setImmediate = guarded(setImmediate as unknown as Timer);
  global.queueMicrotask = (fn: unknown) => queueMicrotask(guard(fn) as () => void);

  // `using` needs Symbol.dispose; the realm's Symbol gets the very symbols the runtime uses (Node's own,
  // or the Symbol.for polyfill both sides fall back to).
  const CellSymbol = global.Symbol as unknown as Record<string, symbol>;
  const host = Symbol as unknown as Record<string, symbol | undefined>;
  for (const name of ['dispose', 'asyncDispose']) {
    Object.defineProperty(CellSymbol, name, { value: host[name] ?? Symbol.for(`Symbol.${name}`), configurable: true });
  }

  global.require = createRequire(path.join(process.cwd(), '__jacobi_cell__.js'));
  Object.defineProperty(global, HELPER, {
    value: Object.freeze({ binary, unary, getItem, import: importForCell }),
    enumerable: false,
  });
  for (const [name, value] of Object.entries(globals)) global[name] = value;
  return { context, global };
}
