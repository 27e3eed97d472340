// `jacobi kernel --connection-file FILE`: the kernel process. Sockets come up first on the I/O worker,
// which answers kernel_info at once; the session (and with it the TypeScript compiler) loads afterwards
// on this thread, which from then on only evaluates.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { SessionApi } from '../src/session/types.js';
import type { Shell } from './shell.js';
import type { WorkerInit } from './threads.js';

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

export async function runKernel(args: string[]): Promise<void> {
  const connectionFile = resolve(connectionFileArg(args));
  const { port1, port2 } = new MessageChannel();
  const init: WorkerInit = { connectionFile, session: randomUUID(), port: port2 };
  const worker = new Worker(new URL('./io-worker.js', import.meta.url), { workerData: init, transferList: [port2] });
  worker.on('error', (e) => {
    process.stderr.write(`[jacobi kernel] I/O worker failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
  // Without its sockets the kernel is useless; the worker only stops on shutdown or failure.
  worker.on('exit', (code) => process.exit(code));

  // The session (with the 9 MB TypeScript compiler) loads once the sockets are bound, so it does not
  // compete for the CPU with the worker's start-up; requests that arrive earlier wait for it.
  let load!: () => void;
  const listening = new Promise<void>((resolve) => (load = resolve));
  const session: Promise<SessionApi> = listening
    .then(() => import('../src/session/session.js'))
    .then(async ({ Session }) => {
      // pager: help(x) answers with a pager payload, as IPython's `x?` does in a notebook.
      const s = new Session({ pager: true });
      await s.ready;
      return s;
    });
  session.catch((e: unknown) => process.stderr.write(`[jacobi kernel] the session failed to load: ${e instanceof Error ? e.stack : String(e)}\n`));

  // Signal-mode interrupts, and the SIGINT the worker raises in message mode, land here whenever no
  // synchronous cell is running (vm's breakOnSigint handles those); without a handler SIGINT would kill us.
  let shell: Shell | undefined;
  process.on('SIGINT', () => shell?.interrupt());
  // The worker is already starting; the shell's modules load meanwhile (the port queues messages).
  const [{ Shell }, { History, defaultHistoryFile }] = await Promise.all([import('./shell.js'), import('./history.js')]);
  shell = new Shell(port1, session, new History(defaultHistoryFile()), load, () => process.exit(0));
}
