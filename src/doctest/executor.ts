// Runs examples in a forked session process with a per-example timeout. A hung example gets SIGINT
// (which stops its JavaScript, after an await too, and rejects a pending await); if it does not stop
// within a grace period, or the process dies, the process is replaced and the file's session starts
// afresh (its setup cells rerun) for the examples that follow.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OutputCollector } from './collector.js';
import type { RunResult } from './judge.js';
import type { FromWorker, ToWorker } from './protocol.js';
import type { Flags } from './types.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));
/** Python cells run in their own session process (src/doctest/python-worker.ts), with Pyodide. */
const PYTHON_WORKER = fileURLToPath(new URL('./python-worker.js', import.meta.url));
/**
 * How long an interrupted example gets to stop before its process is killed (and its session's
 * bindings lost). An interrupt takes milliseconds; on a machine busy with other jobs the stopping
 * thread can wait its turn for a while, so the margin is wide.
 */
const GRACE_MS = 5000;

export interface ExecutorOptions {
  timeoutSeconds: number;
  /** The cells' language (TypeScript unless 'python'). */
  lang?: 'typescript' | 'python';
}

export interface RunOptions {
  /** Run a notebook transcript's cell, finding where its code ends by running it (these flags compare output). */
  segment?: Flags;
  /** A notebook's cell (its last expression is its result), not a `>>>` example. */
  cell?: boolean;
}

export class Executor {
  private child: ChildProcess | undefined;
  private fresh = false;
  /** The session process could not start for this file; its examples are not retried one by one. */
  private broken = false;
  private setup: string[] = [];
  private nextId = 1;
  private display: 'ipython' | 'python' = 'python';
  private stderrTail = '';
  private listener: ((msg: FromWorker) => void) | undefined;
  private exitListener: ((why: string) => void) | undefined;

  constructor(private readonly options: ExecutorOptions) {}

  /** Starts a fresh session for a new file; `setup` cells run first (and again after a restart). */
  async reset(setup: string[], display: 'ipython' | 'python' = 'python'): Promise<RunResult | null> {
    this.setup = setup;
    this.display = display;
    this.broken = false;
    return this.start();
  }

  private async start(): Promise<RunResult | null> {
    if (!this.child) this.spawn();
    const ready = await this.request({ type: 'reset', display: this.display }, Math.max(60, this.options.timeoutSeconds) * 1000, (msg) => msg.type === 'ready');
    if (ready !== true) {
      this.broken = true;
      return ready;
    }
    this.fresh = true;
    for (const code of this.setup) {
      const r = await this.exec(code);
      if (r.status !== 'done' || r.outputs.some((o) => o.output_type === 'error')) return r;
    }
    return null;
  }

  /** Runs one example in the current session, starting a new one first if the last example killed it. */
  async run(code: string, options: RunOptions = {}): Promise<RunResult & { restarted: boolean; split?: number }> {
    if (this.child && this.fresh) return { ...(await this.exec(code, options)), restarted: false };
    if (this.broken) return { status: 'crash', message: 'not run: the session could not start', outputs: [], restarted: false };
    const failed = await this.start();
    if (failed) return { status: 'crash', message: `the session could not be restarted\n${describe(failed)}`, outputs: [], restarted: true };
    return { ...(await this.exec(code, options)), restarted: true };
  }

  private async exec(code: string, options: RunOptions = {}): Promise<RunResult & { split?: number }> {
    const id = this.nextId++;
    const collector = new OutputCollector();
    let split: number | undefined;
    const r = await this.request({ type: 'exec', id, code, ...(options.segment ? { segment: options.segment } : {}), ...(options.cell ? { cell: true } : {}) }, this.options.timeoutSeconds * 1000, (msg) => {
      if (msg.type === 'output' && msg.id === id) collector.add(msg.event);
      if (msg.type === 'done' && msg.id === id) split = msg.split;
      return msg.type === 'done' && msg.id === id;
    });
    if (r === true) return { status: 'done', outputs: collector.outputs, ...(split === undefined ? {} : { split }) };
    return { ...r, outputs: collector.outputs } as RunResult;
  }

  /** Sends a message and waits until `until` accepts a reply, the process dies, or the timeout passes. */
  private request(msg: ToWorker, timeoutMs: number, until: (msg: FromWorker) => boolean): Promise<true | RunResult> {
    const child = this.child!;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const finish = (r: true | RunResult) => {
        clearTimeout(timer);
        this.listener = undefined;
        this.exitListener = undefined;
        resolve(r);
      };
      this.listener = (reply) => {
        if (until(reply)) finish(timedOut ? { status: 'timeout', seconds: timeoutMs / 1000, outputs: [] } : true);
      };
      this.exitListener = (why) => finish(timedOut ? { status: 'timeout', seconds: timeoutMs / 1000, outputs: [] } : { status: 'crash', message: why, outputs: [] });
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGINT');
        timer = setTimeout(() => this.kill(), GRACE_MS);
      }, timeoutMs);
      // A process that died between examples cannot take the message; that is a crash of this one.
      child.send(msg, (error) => {
        if (error) this.exitListener?.(`the session process is gone: ${error.message}`);
      });
    });
  }

  private spawn(): void {
    this.stderrTail = '';
    const child = fork(this.options.lang === 'python' ? PYTHON_WORKER : WORKER, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: process.execArgv.filter((a) => !a.startsWith('--inspect')),
    });
    // Whatever escapes the session's sink (native warnings, crash traces) is kept for crash reports.
    const keep = (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('message', (m) => this.listener?.(m as FromWorker));
    child.on('error', (e) => this.exitListener?.(`the session process failed: ${e.message}`));
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      this.fresh = false;
      const tail = this.stderrTail.trim();
      this.exitListener?.(`the session process exited (${signal ?? `code ${code}`})${tail ? `:\n${tail}` : ''}`);
    });
    this.child = child;
  }

  private kill(): void {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
  }

  /** Ends the session process; the runner calls it once all files are done. */
  close(): void {
    const child = this.child;
    this.child = undefined;
    child?.disconnect();
    child?.kill();
  }
}

/** A one-line account of a failed setup cell or start. */
export function describe(r: RunResult): string {
  if (r.status === 'timeout') return `timed out after ${r.seconds} s`;
  if (r.status === 'crash') return r.message;
  const error = r.outputs.find((o) => o.output_type === 'error');
  return error && error.output_type === 'error' ? `${error.ename}: ${error.evalue}` : 'failed';
}
