// The session process for Python examples (the runner forks it like src/doctest/worker.ts): one
// Pyodide for the process, a fresh namespace per file, examples run in doctest's single mode, and
// SIGINT (the runner's timeout) turned into KeyboardInterrupt by the interrupt watcher.
import { PythonSession } from '../python/session.js';
import type { OutputSink } from '../session/types.js';
import type { OutputEvent } from './collector.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { transcriptMatches } from './python.js';
import type { Flags } from './types.js';
import { enableRelaxedSimd } from '../kernels/relaxed_simd.js';

enableRelaxedSimd(); // before any thread starts: it sets a V8 flag (src/kernels/relaxed_simd.ts)

let session: PythonSession | undefined;

const send = (msg: FromWorker) => process.send!(msg);

// The interrupt watcher owns SIGINT while Python runs; this catches one that arrives between cells.
process.on('SIGINT', () => session?.interrupt());

async function exec(id: number, code: string, segment: Flags | undefined, cell: boolean): Promise<void> {
  const emit = (event: OutputEvent) => send({ type: 'output', id, event });
  let split: number | undefined;
  try {
    const sink: OutputSink = {
      stream: (name, text) => emit({ kind: 'stream', name, text }),
      display: (data, _metadata, transient, update) => emit({ kind: 'display', data, displayId: transient.display_id, update }),
      clearOutput: (wait) => emit({ kind: 'clear', wait }),
    };
    const outcome = segment
      ? await session!.executeSegment(code, sink, (got, want) => transcriptMatches(got, want, segment))
      : await session!.execute(code, sink, cell ? { mode: 'last_expr' } : {});
    if ('split' in outcome && typeof outcome.split === 'number') split = outcome.split;
    if (outcome.status === 'ok') {
      if (outcome.result) emit({ kind: 'result', data: outcome.result });
    } else {
      emit({ kind: 'error', ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
    }
  } catch (e) {
    emit({ kind: 'error', ename: 'InternalError', evalue: e instanceof Error ? e.message : String(e), traceback: [] });
  }
  send({ type: 'done', id, ...(split === undefined ? {} : { split }) });
}

process.on('message', (raw) => {
  const msg = raw as ToWorker;
  if (msg.type === 'reset') {
    const fresh = new PythonSession({ mode: 'single', interrupts: true, preload: true });
    session = fresh;
    // The file's examples wait for Pyodide; a failure to load is each example's error, not the process's.
    void fresh.load().catch(() => undefined).then(() => send({ type: 'ready' }));
  } else {
    void exec(msg.id, msg.code, msg.segment, msg.cell === true);
  }
});
