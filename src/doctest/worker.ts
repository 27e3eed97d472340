// The session process: the runner forks it so that a hung example can be interrupted with SIGINT
// (the session runs cells with vm's breakOnSigint) or, failing that, killed and replaced.
import { Session } from '../session/session.js';
import type { OutputSink, SessionApi } from '../session/types.js';
import type { OutputEvent } from './collector.js';
import type { FromWorker, ToWorker } from './protocol.js';

let session: SessionApi | undefined;

const send = (msg: FromWorker) => process.send!(msg);

// Outside a running script SIGINT must not kill us; it rejects a pending top-level await instead.
process.on('SIGINT', () => session?.interrupt());

async function exec(id: number, code: string): Promise<void> {
  const emit = (event: OutputEvent) => send({ type: 'output', id, event });
  try {
    const sink: OutputSink = {
      stream: (name, text) => emit({ kind: 'stream', name, text }),
      display: (data, _metadata, transient, update) => emit({ kind: 'display', data, displayId: transient.display_id, update }),
      clearOutput: (wait) => emit({ kind: 'clear', wait }),
    };
    const outcome = await session!.execute(code, sink);
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
    const fresh = new Session();
    session = fresh;
    void fresh.ready.then(() => send({ type: 'ready' }));
  } else {
    void exec(msg.id, msg.code);
  }
});
