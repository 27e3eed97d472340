// `jacobi kernel --connection-file FILE`: the kernel process. Sockets come up first on the I/O worker,
// which answers kernel_info at once; the session (and with it the TypeScript compiler) loads afterwards
// on this thread, which from then on only evaluates.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { SessionApi } from '../src/session/types.js';
import { catchAsyncErrors } from '../src/session/async-errors.js';
import { enableRelaxedSimd } from '../src/kernels/relaxed_simd.js';
import { armInterruptTarget, disarmInterruptTarget, markDriverModule } from '../src/session/interrupt-target.js';
import type { Shell } from './shell.js';
import type { WorkerInit } from './threads.js';

markDriverModule(import.meta.url);

function connectionFileArg(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--connection-file' || arg === '-f') {
      const file = args[i + 1];
      if (file) return file;
    } else if (arg.startsWith('--connection-file=')) return arg.slice('--connection-file='.length);
  }
  throw new Error('usage: jacobi kernel --connection-file FILE');
}

/** What a cell's process.exit() raises: ending the process would lose every variable, so it is refused. */
export class SystemExit extends Error {
  override name = 'SystemExit';
  constructor(readonly code: unknown) {
    super(`process.exit(${code === undefined ? '' : String(code)}) was refused: it would end the kernel and lose every variable. ` +
      'Restart or shut down the kernel from the front end instead.');
  }
}

function parentPid(env = process.env): number | null {
  const pid = Number(env.JPY_PARENT_PID);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

/** `--language python` (the Python kernelspec's argv) or `--python`. */
function languageArg(args: string[]): 'typescript' | 'python' {
  const at = args.indexOf('--language');
  const value = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--language='))?.slice('--language='.length);
  return value === 'python' || args.includes('--python') ? 'python' : 'typescript';
}

export async function runKernel(args: string[]): Promise<void> {
  const connectionFile = resolve(connectionFileArg(args));
  const language = languageArg(args);
  // Errors from callbacks and unawaited promises are shown, never fatal (src/session/async-errors.ts).
  catchAsyncErrors();
  const realExit = process.exit.bind(process) as (code?: number) => never;
  let exiting = false;
  // Called once the worker has closed every socket (ZeroMQ aborts natively on exit with open ones).
  // Synchronous: no queued cell may start (and get stuck) once exiting has begun.
  const released = new Int32Array(new SharedArrayBuffer(4));
  const exit = (code: number): void => {
    if (exiting) return;
    exiting = true;
    disarmInterruptTarget();
    // The worker's inspector session must be gone too, or Node waits for a "debugger" at exit.
    port1.postMessage({ t: 'release' });
    Atomics.wait(released, 0, 0, 500);
    realExit(code);
  };
  process.exit = ((code?: number) => {
    throw new SystemExit(code);
  }) as typeof process.exit;

  // Interrupts in thread mode: the worker stops this thread's JavaScript wherever it runs. Signal
  // mode (SIGINT, vm's breakOnSigint) is the fallback where that cannot work, or when asked for.
  // Python cells run in Pyodide, whose interpreter must not be terminated mid-instruction: they take
  // signal mode, where SIGINT becomes a KeyboardInterrupt (src/python/interrupt.ts).
  const interrupts = language !== 'python' && process.env.JACOBI_INTERRUPTS !== 'signal' && armInterruptTarget() ? 'thread' : 'signal';
  const { port1, port2 } = new MessageChannel();
  const init: WorkerInit = { connectionFile, session: randomUUID(), port: port2, interrupts, parentPid: parentPid(), released, language };
  const worker = new Worker(new URL('./io-worker.js', import.meta.url), { workerData: init, transferList: [port2] });
  worker.on('error', (e) => {
    process.stderr.write(`[jacobi kernel] I/O worker failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    exit(1);
  });
  // Without its sockets the kernel is useless; the worker only stops after it asked us to exit.
  worker.on('exit', (code) => exit(code === 0 ? 1 : code));

  // The session (with the 9 MB TypeScript compiler) loads once the sockets are bound, so it does not
  // compete for the CPU with the worker's start-up; requests that arrive earlier wait for it.
  // The V8 flag for relaxed SIMD is set then too, not before the worker starts: a thread that starts
  // after a flag change finds Node's built-in code cache stale and compiles Node's own modules (measured
  // 30 ms more to the bound sockets). The worker never compiles WebAssembly, the one thing the flag changes.
  let load!: () => void;
  const listening = new Promise<void>((resolve) => (load = resolve)).then(() => enableRelaxedSimd());
  const session: Promise<SessionApi> = language === 'python'
    // Python cells: Pyodide starts loading at once (a cell before it is ready waits); Ctrl-C and
    // interrupt_request reach a busy cell through the interrupt watcher.
    ? listening.then(() => import('../src/python/session.js')).then(async ({ PythonSession }) => {
      const s = new PythonSession({ preload: true, interrupts: true });
      await s.ready;
      return s;
    })
    : listening
    .then(() => import('../src/session/session.js'))
    .then(async ({ Session }) => {
      // pager: help(x) answers with a pager payload, as IPython's `x?` does in a notebook.
      const s = new Session({ pager: true, interrupts, lateErrors: 'next-cell' });
      await s.ready;
      return s;
    });
  session.catch((e: unknown) => process.stderr.write(`[jacobi kernel] the session failed to load: ${e instanceof Error ? e.stack : String(e)}\n`));

  let shell: Shell | undefined;
  // Signal mode only: SIGINT (signal-mode interrupts, and the one the worker raises in message mode)
  // lands here whenever no synchronous cell is running; without a handler SIGINT would kill us. In
  // thread mode the worker owns SIGINT.
  if (interrupts === 'signal') process.on('SIGINT', () => shell?.interrupt('any'));
  // The worker is already starting; the shell's modules load meanwhile (the port queues messages).
  const [{ Shell }, { History, defaultHistoryFile }] = await Promise.all([import('./shell.js'), import('./history.js')]);
  shell = new Shell(port1, session, new History(defaultHistoryFile()), load, exit);
}
