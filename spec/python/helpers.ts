// One Python session per spec file (Pyodide itself loads once per mocha process) and a one-call way
// to run a cell and see its stdout, result and error.
import assert from 'node:assert/strict';
import { PythonSession } from '../../src/python/session.js';
import { RecordingSink } from '../session/helpers.js';
import type { ExecuteOutcome } from '../../src/session/types.js';

export interface PyRan {
  outcome: ExecuteOutcome;
  stdout: string;
  stderr: string;
  /** text/plain of the result, or undefined when the cell has no value. */
  plain: string | undefined;
  html: string | undefined;
  /** `Name: message` when the cell raised. */
  error: string | undefined;
  sink: RecordingSink;
}

export class Py {
  readonly session: PythonSession;
  constructor(options: ConstructorParameters<typeof PythonSession>[0] = {}) {
    this.session = new PythonSession(options);
  }

  async run(code: string): Promise<PyRan> {
    const sink = new RecordingSink();
    const outcome = await this.session.execute(code, sink);
    return {
      outcome,
      sink,
      stdout: sink.text('stdout'),
      stderr: sink.text('stderr'),
      plain: outcome.status === 'ok' ? outcome.result?.['text/plain'] : undefined,
      html: outcome.status === 'ok' ? (outcome.result?.['text/html'] as string | undefined) : undefined,
      error: outcome.status === 'error' ? (outcome.evalue ? `${outcome.ename}: ${outcome.evalue}` : outcome.ename) : undefined,
    };
  }

  /** Runs a cell that must not raise; returns what it printed and its result's repr. */
  async ok(code: string): Promise<PyRan> {
    const r = await this.run(code);
    assert.equal(r.outcome.status, 'ok', r.outcome.status === 'error' ? r.outcome.traceback.join('\n') : '');
    return r;
  }

  /** What a cell prints (it must not raise). */
  async print(code: string): Promise<string> {
    return (await this.ok(code)).stdout;
  }

  /** The repr of an expression. */
  async repr(expression: string): Promise<string> {
    const r = await this.ok(expression);
    assert.ok(r.plain !== undefined, `${expression} has no value`);
    return r.plain;
  }

  /** The `Name: message` a cell raises. */
  async raises(code: string): Promise<string> {
    const r = await this.run(code);
    assert.equal(r.outcome.status, 'error', `expected ${code} to raise; it printed ${JSON.stringify(r.stdout)} and returned ${r.plain}`);
    return r.error!;
  }
}

/** Pyodide's first load in this process takes seconds on a busy machine. */
export const LOAD_TIMEOUT = 120_000;
