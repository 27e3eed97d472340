// The main thread's half of stopping JavaScript that no signal handler can reach: code after an
// `await`, a timer or I/O callback stuck in a loop. A helper thread (src/session/interrupt-thread.ts)
// evaluates `stop()` here through the inspector protocol; V8 runs it on this thread in an interrupt, in
// the middle of whatever JavaScript is running, so it sees exactly what it would stop. It terminates
// that JavaScript (V8's TerminateExecution, through an inspector session of this thread) only when the
// outermost frame on the stack is user code: a cell's callback, not the kernel's own driver code,
// whose state a termination would leave half-updated. After a termination the thread calls
// `recoverFromTermination()` here.
import inspector from 'node:inspector';

const STOP_KEY = 'jacobi.interrupt.stop';

/** What the helper thread evaluates on this thread: the result of stop(force). */
export function stopExpression(force: boolean): string {
  return `globalThis[Symbol.for(${JSON.stringify(STOP_KEY)})]?.(${force})`;
}

export type StopResult =
  /** User code was running and is being terminated. */
  | 'terminated'
  /** No JavaScript was running: the main thread will handle the request itself. */
  | 'idle'
  /** The kernel's (or REPL's) own code was running, or Node's immediate queue: stopping it would corrupt its state. */
  | 'driver'
  /** Termination is not available in this process. */
  | 'unavailable';

/** Modules whose frames must never be terminated: those driving the session (kernel, REPL). */
const drivers = new Set<string>();

/** Marks a module (its import.meta.url) as driver code: a stack with it outermost is never terminated. */
export function markDriverModule(url: string): void {
  drivers.add(url);
}

interface AsyncWrapBinding {
  clearAsyncIdStack(): void;
  async_hook_fields: Uint32Array;
  constants: { kCheck: number };
}

let self: inspector.Session | undefined;
let asyncWrap: AsyncWrapBinding | undefined;
let savedCheck: number | undefined;
let stopped: string | undefined;
/** The whole stack of what the last termination stopped (takeStoppedStack). */
let lastStack: string | undefined;

/** A Node internal binding without the deprecation warning it would print (null when it is gone). */
export function quietBinding<T>(name: string): T | undefined {
  const p = process as unknown as { binding?: (name: string) => unknown; noDeprecation?: boolean };
  const saved = p.noDeprecation;
  p.noDeprecation = true;
  try {
    return p.binding?.(name) as T | undefined;
  } catch {
    return undefined;
  } finally {
    p.noDeprecation = saved;
  }
}

/**
 * Makes this (the main) thread stoppable by a helper thread; returns whether termination works here
 * and a helper thread can watch signals (src/session/interrupt-thread.ts). Call once, from the
 * process's owner (kernel, REPL).
 */
export function armInterruptTarget(): boolean {
  if (self) return true;
  if (typeof quietBinding<{ Signal?: unknown }>('signal_wrap')?.Signal !== 'function') return false;
  try {
    asyncWrap = quietBinding<AsyncWrapBinding>('async_wrap');
    if (!asyncWrap || typeof asyncWrap.clearAsyncIdStack !== 'function') return false;
    self = new inspector.Session();
    self.connect();
  } catch {
    self = undefined;
    return false;
  }
  (globalThis as Record<symbol, unknown>)[Symbol.for(STOP_KEY)] = stop;
  return true;
}

/** Ends the inspector session (before the process exits, so Node does not wait for a "debugger"). */
export function disarmInterruptTarget(): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(STOP_KEY)];
  try {
    self?.disconnect();
  } catch {
    // already gone
  }
  self = undefined;
}

/** Structured frames of the current stack, outermost last, whatever Error.prepareStackTrace a cell set. */
function callSites(): NodeJS.CallSite[] {
  const E = Error as unknown as { prepareStackTrace?: unknown; stackTraceLimit: number };
  const prepare = E.prepareStackTrace;
  const limit = E.stackTraceLimit;
  E.prepareStackTrace = (_: unknown, sites: NodeJS.CallSite[]) => sites;
  E.stackTraceLimit = Infinity;
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, stop);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    E.prepareStackTrace = prepare;
    E.stackTraceLimit = limit;
  }
}

function stop(force: boolean): StopResult {
  if (!self || !asyncWrap) return 'unavailable';
  // The first frame is the inspector's evaluation of stopExpression (no file name); below it is what
  // was running when the interrupt came.
  let frames = callSites();
  if (frames.length > 0 && !frames[0]!.getFileName()) frames = frames.slice(1);
  const user = frames.filter((f) => {
    const file = f.getFileName();
    return !!file && !file.startsWith('node:') && !(f as { isAsync?: () => boolean }).isAsync?.();
  });
  if (user.length === 0 && !force) return 'idle';
  // Node's immediate queue is corrupted by a callback that never returns (the rest of its batch is
  // lost, or every later batch fails): a callback of globalThis.setImmediate is not stopped (a cell's
  // setImmediate is a timer, see context.ts).
  if (!force && frames.some((f) => f.getFunctionName() === 'processImmediate' && f.getFileName() === 'node:internal/timers')) return 'driver';
  const outermost = user[user.length - 1];
  if (!force && outermost && drivers.has(outermost.getFileName()!)) return 'driver';
  const inner = user[0];
  stopped = inner ? `${inner.getFileName()}:${inner.getLineNumber()}:${inner.getColumnNumber()}` : undefined;
  lastStack = user.map((f) => `    at ${String(f)}`).join('\n');
  // Node checks, when a callback returns, that the async-id stack is as it left it; a terminated
  // callback never pops its entry. The check is off until recoverFromTermination() clears the stack.
  const fields = asyncWrap.async_hook_fields;
  const kCheck = asyncWrap.constants.kCheck;
  savedCheck ??= fields[kCheck];
  fields[kCheck] = 0;
  self.post('Runtime.terminateExecution');
  return 'terminated';
}

/**
 * The stack (V8's `    at ...` lines, innermost first) of the JavaScript the last termination stopped,
 * once: a cell's KeyboardInterrupt says where the cell was.
 */
export function takeStoppedStack(): string | undefined {
  const stack = lastStack;
  lastStack = undefined;
  return stack;
}

/**
 * After a termination: empties Node's async-id stack (as Node itself does after an uncaught
 * exception) and turns its consistency check back on. Returns where the stopped code was (a stack
 * position such as `cell[3]:2:5` in compiled coordinates), if known.
 */
export function recoverFromTermination(): string | undefined {
  if (asyncWrap) {
    asyncWrap.clearAsyncIdStack();
    if (savedCheck !== undefined) asyncWrap.async_hook_fields[asyncWrap.constants.kCheck] = savedCheck;
  }
  savedCheck = undefined;
  const where = stopped;
  stopped = undefined;
  return where;
}
