// Errors nobody can catch any more: a throw in a timer, an I/O callback or process.nextTick, and a
// rejected promise nobody awaited. Node ends the process for them; a kernel or a REPL must instead
// show them (to the cell that is running, or at the next opportunity) and go on. The front end that
// owns the process installs the handlers once; the session that ran the latest cell receives them.

export type AsyncErrorKind = 'exception' | 'rejection';
export type AsyncErrorHandler = (error: unknown, kind: AsyncErrorKind) => void;

let receiver: AsyncErrorHandler | undefined;
let installed = false;

/** Where asynchronous errors go from now on (the session whose cell runs, or ran last). */
export function receiveAsyncErrors(handler: AsyncErrorHandler): void {
  receiver = handler;
}

/**
 * Installs process-wide handlers for uncaught exceptions and unhandled rejections, so that neither
 * ends the process. Idempotent. Only the process's owner (kernel, REPL, doctest worker) calls it: in a
 * library or a test runner these events belong to someone else.
 */
export function catchAsyncErrors(): void {
  if (installed) return;
  installed = true;
  const deliver = (error: unknown, kind: AsyncErrorKind) => {
    try {
      if (receiver) {
        receiver(error, kind);
        return;
      }
    } catch {
      // A failing receiver must not turn one error into a crash; the fallback below still says it.
    }
    try {
      const text = error instanceof Error ? error.stack ?? String(error) : String(error);
      process.stderr.write(`[jacobi] uncaught ${kind === 'rejection' ? 'promise rejection' : 'exception'}: ${text}\n`);
    } catch {
      // stderr is gone: nothing left to tell.
    }
  };
  process.on('uncaughtException', (error) => deliver(error, 'exception'));
  process.on('unhandledRejection', (reason) => deliver(reason, 'rejection'));
}
