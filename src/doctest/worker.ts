// The session process: the runner forks it so that a hung example can be interrupted with SIGINT
// or, failing that, killed and replaced. A watchdog thread takes SIGINT and stops the example's
// JavaScript wherever it runs, after an await too (src/session/watchdog.ts); where it cannot start,
// the session runs cells with vm's breakOnSigint and SIGINT rejects a pending await.
import { Session } from '../session/session.js';
import type { OutputSink, SessionApi } from '../session/types.js';
import { catchAsyncErrors } from '../session/async-errors.js';
import { startWatchdog } from '../session/watchdog.js';
import type { OutputEvent } from './collector.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { enableRelaxedSimd } from '../kernels/relaxed_simd.js';

enableRelaxedSimd(); // before any thread starts: it sets a V8 flag (src/kernels/relaxed_simd.ts)

let session: SessionApi | undefined;
let running = false;

const send = (msg: FromWorker) => process.send!(msg);

// An example's unawaited rejection or throwing callback is its output (stderr), not the session's end.
catchAsyncErrors();
const watchdog = startWatchdog({
  interrupt: () => {
    session?.interrupt();
    return running;
  },
  terminated: (where) => session?.reportStopped?.(where),
});
// Without it, SIGINT outside a running script must not kill us; it rejects a pending await instead.
void watchdog.then((w) => {
  if (!w) process.on('SIGINT', () => session?.interrupt());
});

async function exec(id: number, code: string): Promise<void> {
  const emit = (event: OutputEvent) => send({ type: 'output', id, event });
  try {
    const sink: OutputSink = {
      stream: (name, text) => emit({ kind: 'stream', name, text }),
      display: (data, _metadata, transient, update) => emit({ kind: 'display', data, displayId: transient.display_id, update }),
      clearOutput: (wait) => emit({ kind: 'clear', wait }),
    };
    running = true;
    const outcome = await session!.execute(code, sink).finally(() => (running = false));
    if (outcome.status === 'ok') {
      if (outcome.result) emit({ kind: 'result', data: outcome.result });
    } else {
      emit({ kind: 'error', ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
    }
  } catch (e) {
    // The session reports errors as outcomes; reaching here is a bug in it, still shown as the example's error.
    emit({ kind: 'error', ename: 'InternalError', evalue: e instanceof Error ? e.message : String(e), traceback: [] });
  }
  send({ type: 'done', id });
}

process.on('message', (raw) => {
  const msg = raw as ToWorker;
  if (msg.type === 'reset') {
    void watchdog.then((w) => {
      const fresh = new Session({ interrupts: w ? 'thread' : 'signal', display: msg.display });
      session = fresh;
      return fresh.ready.then(() => send({ type: 'ready' }));
    });
  } else {
    void exec(msg.id, msg.code);
  }
});
