// The scope cells run in. Cells run in Jacobi's own realm (so arrays, plain objects, typed arrays and
// errors from a cell are the very kinds the runtime and the printers check for), inside `with` over a
// per-session object: the facades, the notebook builtins, the `__jacobi` helper the cell compiler calls,
// and every top-level declaration of earlier cells. A name it lacks resolves to the real global object,
// so a cell sees all of JavaScript's and Node's globals and may shadow any of them without touching them.
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
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

/**
 * The timers cells scheduled through their scope and that may still fire: an interrupt cancels them,
 * so that a looping timer (an interval, a timeout that re-arms itself) stops with the cell.
 */
export class CellTimers {
  private readonly live = new Set<unknown>();

  /** Clears every pending timer; returns how many there were. */
  cancelAll(): number {
    const n = this.live.size;
    for (const handle of this.live) {
      clearTimeout(handle as NodeJS.Timeout);
      clearInterval(handle as NodeJS.Timeout);
      clearImmediate(handle as NodeJS.Immediate);
    }
    this.live.clear();
    return n;
  }

  get size(): number {
    return this.live.size;
  }

  add(handle: unknown): void {
    this.live.add(handle);
  }

  delete(handle: unknown): void {
    this.live.delete(handle);
  }
}

export function createCellScope(globals: Record<string, unknown>, reportAsync: Report, timers = new CellTimers()): Record<string, unknown> {
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
  type Clear = (handle: unknown) => void;
  // A one-shot timer leaves the set once its callback has returned; an interval stays until cleared. A
  // callback an interrupt terminated never returns: it stays in the set, and cancelAll() then clears it,
  // which also gives back the reference Node's timer list counted for it (or the process never exits).
  const tracked = (timer: Timer, once: boolean): Timer => (fn, ...args) => {
    const run = guard(fn);
    let handle: unknown;
    const body = typeof run === 'function' && once
      ? (...a: unknown[]) => {
          const value = (run as (...b: unknown[]) => unknown)(...a);
          timers.delete(handle);
          return value;
        }
      : run;
    handle = timer(body, ...args);
    timers.add(handle);
    return handle;
  };
  const untracked = (clear: Clear): Clear => (handle) => {
    timers.delete(handle);
    clear(handle);
  };
  const custom = (f: unknown) => (f as Record<symbol, unknown>)[promisify.custom];
  scope.setTimeout = Object.assign(tracked(setTimeout as unknown as Timer, true), { [promisify.custom]: custom(setTimeout) });
  scope.setInterval = tracked(setInterval as unknown as Timer, false);
  // A cell's setImmediate is a zero-delay timer: Node's immediate queue cannot survive an interrupt
  // terminating one of its callbacks (the rest of its batch is lost, or every later one fails), a
  // timer list can. clearImmediate takes either kind.
  const zeroDelay = tracked(setTimeout as unknown as Timer, true);
  scope.setImmediate = Object.assign((fn: unknown, ...args: unknown[]) => zeroDelay(fn, 0, ...args), { [promisify.custom]: custom(setImmediate) });
  scope.clearTimeout = untracked(clearTimeout as unknown as Clear);
  scope.clearInterval = untracked(clearInterval as unknown as Clear);
  scope.clearImmediate = untracked((handle) => {
    clearTimeout(handle as NodeJS.Timeout);
    clearImmediate(handle as NodeJS.Immediate);
  });
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
