// A helper thread that owns SIGINT for a process whose main thread evaluates cells (the REPL; the
// kernel's I/O worker does the same job itself): a Ctrl-C is seen here even while the main thread is
// stuck in a loop after an await, and the main thread's JavaScript is stopped until it answers.
//
// Main thread: `startWatchdog(onInterrupt)`; this module is also the worker's entry point.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Interrupter, MainThreadStopper, watchSignal } from './interrupt-thread.js';
import { armInterruptTarget, disarmInterruptTarget, recoverFromTermination } from './interrupt-target.js';

type FromWatchdog = { t: 'interrupt'; id: number } | { t: 'terminated'; id: number } | { t: 'ready'; ok: boolean };
type ToWatchdog = { t: 'ack'; id: number } | { t: 'disconnect' };

/** How long exiting waits for the helper thread to let go of the main thread. */
const DISCONNECT_WAIT_MS = 500;

export interface Watchdog {
  /** Ends the helper thread. */
  stop(): Promise<void>;
}

export interface WatchdogHandlers {
  /** A SIGINT: interrupt whatever runs; returns whether a line (cell) was running, which reports it. */
  interrupt(): boolean;
  /** The watchdog terminated JavaScript that ran outside any line (a callback): `where` it was. */
  terminated(where: string | undefined): void;
}

/**
 * Starts the watchdog thread; resolves to undefined when this Node cannot stop the main thread or
 * watch SIGINT from a helper thread (the caller keeps SIGINT and vm's breakOnSigint then).
 */
export async function startWatchdog(handlers: WatchdogHandlers): Promise<Watchdog | undefined> {
  if (!armInterruptTarget()) return undefined;
  let worker: Worker;
  // Set by the helper thread once its inspector session is gone: exiting waits for it (synchronously,
  // in process 'exit'), since Node prints "Waiting for the debugger to disconnect..." otherwise.
  const released = new Int32Array(new SharedArrayBuffer(4));
  try {
    worker = new Worker(new URL(import.meta.url), { workerData: { released } });
  } catch {
    disarmInterruptTarget();
    return undefined;
  }
  const ok = await new Promise<boolean>((resolve) => {
    worker.once('message', (m: FromWatchdog) => resolve(m.t === 'ready' && m.ok));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  if (!ok) {
    await worker.terminate().catch(() => undefined);
    disarmInterruptTarget();
    return undefined;
  }
  // The last interrupt, if it found a line running: a termination during it is that line's, reported by it.
  let ofLine: number | null = null;
  worker.on('message', (m: FromWatchdog) => {
    if (m.t === 'interrupt') {
      worker.postMessage({ t: 'ack', id: m.id } satisfies ToWatchdog);
      ofLine = handlers.interrupt() ? m.id : null;
    } else if (m.t === 'terminated') {
      const where = recoverFromTermination();
      if (m.id !== ofLine) handlers.terminated(where);
    }
  });
  worker.on('error', () => undefined);
  worker.unref();
  let stopped = false;
  const release = () => {
    if (stopped) return;
    stopped = true;
    disarmInterruptTarget();
    worker.postMessage({ t: 'disconnect' } satisfies ToWatchdog);
    Atomics.wait(released, 0, 0, DISCONNECT_WAIT_MS);
  };
  process.on('exit', release);
  return {
    async stop() {
      release();
      process.off('exit', release);
      await worker.terminate().catch(() => undefined);
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const post = (m: FromWatchdog) => port.postMessage(m);
  const stopper = new MainThreadStopper();
  const interrupter = new Interrupter(stopper, {
    notify: (id) => post({ t: 'interrupt', id }),
    terminated: (id) => post({ t: 'terminated', id }),
  });
  const watching = stopper.available ? watchSignal('SIGINT', () => interrupter.request()) : undefined;
  const { released } = workerData as { released: Int32Array };
  port.on('message', (m: ToWatchdog) => {
    if (m.t === 'ack') interrupter.acknowledge(m.id);
    else if (m.t === 'disconnect') {
      stopper.close();
      Atomics.store(released, 0, 1);
      Atomics.notify(released, 0);
    }
  });
  post({ t: 'ready', ok: watching !== undefined });
}
