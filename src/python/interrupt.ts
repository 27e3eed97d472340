// Ctrl-C for Python cells. Pyodide runs Python on the main thread, so while a cell is busy no
// JavaScript runs there and `process.on('SIGINT')` does not fire. A small watcher thread listens for
// SIGINT on its own event loop (libuv delivers a signal to every loop listening for it) and writes
// SIGINT (2) into Pyodide's interrupt buffer, which the interpreter polls and turns into
// KeyboardInterrupt, leaving the interpreter intact. It also tells the main thread, for when it is
// idle or awaiting. Started only in processes that run Python cells (the Python kernel,
// `jacobi repl --python`, the Python doctest worker); `onSignal` is how they learn of a signal.
// (It used to wait in a vm script run with breakOnSigint, Node's SIGINT watchdog stopping it; that
// watchdog takes the signal's handler from libuv, which lost interrupts now and then.)
import { Worker } from 'node:worker_threads';

const WATCHER = `
const { workerData, parentPort } = require('node:worker_threads');
const buffer = new Int32Array(workerData.buffer);
const count = new Int32Array(workerData.count);
const signal = () => {
  Atomics.add(count, 0, 1);
  Atomics.store(buffer, 0, 2);
  parentPort.postMessage('SIGINT');
};
// A libuv signal handle on this thread's own event loop: it hears every SIGINT, however busy the main
// thread is, with no moment when it is not listening.
let handle;
const saved = process.noDeprecation;
process.noDeprecation = true;
try {
  const { Signal } = process.binding('signal_wrap');
  handle = new Signal();
  handle.onsignal = signal;
  if (handle.start(2) !== 0) { handle.close(); handle = undefined; }
} catch {
  handle = undefined;
} finally {
  process.noDeprecation = saved;
}
if (!handle) {
  // Without the binding: a script that Node's SIGINT watchdog stops (a signal in the instant between
  // two runs of it goes to the main thread instead).
  const vm = require('node:vm');
  const context = vm.createContext({ Atomics, pause: new Int32Array(new SharedArrayBuffer(4)) });
  const script = new vm.Script('for (;;) Atomics.wait(pause, 0, 0, 50)');
  for (;;) {
    try {
      script.runInContext(context, { breakOnSigint: true });
    } catch {
      signal();
    }
  }
}
`;

export interface InterruptWatcher {
  /** Pyodide's interrupt buffer (index 0: 2 means SIGINT is pending). */
  readonly buffer: Int32Array;
  /** How many signals have come so far (a cell notes it when it starts). */
  signals(): number;
  /** Clears a pending interrupt that came before `since` signals (one that came while idle must not stop the next cell). */
  clearStale(since: number): void;
  /** Marks an interrupt pending, as a signal would. */
  raise(): void;
  stop(): Promise<void>;
}

let listeners: Array<() => void> = [];

/** Starts the watcher thread; `onSignal` runs on the main thread once it is free after each SIGINT. */
export function startInterruptWatcher(onSignal?: () => void): InterruptWatcher {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  const count = new Int32Array(new SharedArrayBuffer(4));
  if (onSignal) listeners.push(onSignal);
  const worker = new Worker(WATCHER, { eval: true, workerData: { buffer: buffer.buffer, count: count.buffer } });
  worker.on('message', () => listeners.forEach((l) => l()));
  worker.on('error', (e) => process.stderr.write(`[jacobi] the interrupt watcher failed: ${String(e)}\n`));
  // It must never keep the process alive on its own.
  worker.unref();
  return {
    buffer,
    signals: () => Atomics.load(count, 0),
    // A signal after the cell began (while it awaited, before Python ran) must still stop it.
    clearStale: (since) => { if (Atomics.load(count, 0) === since) Atomics.store(buffer, 0, 0); },
    raise: () => void Atomics.store(buffer, 0, 2),
    stop: async () => {
      listeners = listeners.filter((l) => l !== onSignal);
      await worker.terminate();
    },
  };
}
