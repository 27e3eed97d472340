// A recording OutputSink and a one-call way to run a cell, shared by the session specs.
import type { ExecuteOutcome, MimeBundle, OutputSink } from '../../src/session/types.js';
import type { Session } from '../../src/session/session.js';

export type Event =
  | { kind: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { kind: 'display'; data: MimeBundle; metadata: Record<string, unknown>; displayId?: string; update: boolean }
  | { kind: 'clear'; wait: boolean };

export class RecordingSink implements OutputSink {
  readonly events: Event[] = [];
  input?: (prompt: string, password: boolean) => Promise<string>;
  stream(name: 'stdout' | 'stderr', text: string): void {
    this.events.push({ kind: 'stream', name, text });
  }
  display(data: MimeBundle, metadata: Record<string, unknown>, transient: { display_id?: string }, update: boolean): void {
    this.events.push({ kind: 'display', data, metadata, ...(transient.display_id ? { displayId: transient.display_id } : {}), update });
  }
  clearOutput(wait: boolean): void {
    this.events.push({ kind: 'clear', wait });
  }
  text(name: 'stdout' | 'stderr'): string {
    return this.events.filter((e) => e.kind === 'stream' && e.name === name).map((e) => (e as { text: string }).text).join('');
  }
}

export interface Ran {
  outcome: ExecuteOutcome;
  sink: RecordingSink;
  /** text/plain of the result, or undefined when the cell has no value. */
  plain: string | undefined;
}

export async function run(session: Session, code: string): Promise<Ran> {
  const sink = new RecordingSink();
  const outcome = await session.execute(code, sink);
  const plain = outcome.status === 'ok' ? outcome.result?.['text/plain'] : undefined;
  return { outcome, sink, plain };
}

/** The value's text/plain; fails the spec with the traceback when the cell raised. */
export async function value(session: Session, code: string): Promise<string | undefined> {
  const r = await run(session, code);
  if (r.outcome.status === 'error') throw new Error(`cell failed: ${r.outcome.traceback.join('\n')}`);
  return r.plain;
}

export function errorOf(outcome: ExecuteOutcome): { ename: string; evalue: string; traceback: string[] } {
  if (outcome.status !== 'error') throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome;
}
