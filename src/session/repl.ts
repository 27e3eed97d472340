// The terminal REPL (`jacobi`, `jacobi repl`) on the session: multi-line input decided by the parser,
// history, tab completion, Ctrl-C interrupts a running line (and clears the input when idle), Ctrl-D
// exits. With stdin not a terminal it runs piped lines as they come and prints results, without prompts.
import readline from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from './session.js';
import type { ExecuteOutcome, OutputSink, SessionApi } from './types.js';
import { catchAsyncErrors } from './async-errors.js';
import { markDriverModule } from './interrupt-target.js';
import { startWatchdog } from './watchdog.js';
import { stripAnsi } from './traceback.js';

markDriverModule(import.meta.url);

/**
 * How SIGINT reaches the REPL. With the watchdog thread (src/session/watchdog.ts) it comes even while
 * a line is stuck after an await, and the line's JavaScript is stopped; without it, a process SIGINT
 * handler and vm's breakOnSigint do what they can.
 */
interface Sigint {
  /** What a SIGINT does now (changes between running a line and waiting for input); true: it stopped a line. */
  handler: () => boolean;
  /** The watchdog stopped JavaScript outside any line (a callback): say where. */
  stopped: (where: string | undefined) => void;
}

const PS1 = '>>> ';
const PS2 = '... ';

export async function runRepl(args: string[]): Promise<void> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write('usage: jacobi repl [--type-check | --python]\nTypeScript cells with tf, jax, jnp, torch, np in scope (--python: Python cells, numpy, tensorflow, jax and torch importable). Ctrl-C interrupts, Ctrl-D exits.\n');
    return;
  }
  // A throw in a callback or an unawaited rejection is printed, never fatal (src/session/async-errors.ts).
  catchAsyncErrors();
  const sigint: Sigint = { handler: () => false, stopped: () => undefined };
  if (args.includes('--python')) {
    // Python cells (Pyodide), loaded before the first prompt since the prompt needs Python's own
    // parser. No watchdog: Pyodide must not be stopped mid-instruction; its interrupt watcher turns
    // SIGINT into KeyboardInterrupt, and tells the REPL of a signal that found Python idle.
    const { PythonSession, onSignal } = await import('../python/session.js');
    const python = new PythonSession({ interrupts: true, preload: true });
    await python.load().catch((e: unknown) => process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`));
    onSignal(() => void sigint.handler());
    banner = 'Python cells (Pyodide); numpy, tensorflow, jax and torch import as Jacobi\'s facades.';
    if (process.stdin.isTTY && process.stdout.isTTY) await interactive(python, sigint);
    else await piped(python, sigint);
    return;
  }
  const watchdog = await startWatchdog({ interrupt: () => sigint.handler(), terminated: (where) => sigint.stopped(where) });
  if (!watchdog) process.on('SIGINT', () => sigint.handler());
  const session = new Session({ typeCheck: args.includes('--type-check'), pager: false, interrupts: watchdog ? 'thread' : 'signal' });
  sigint.stopped = (where) => session.reportStopped(where);
  try {
    if (process.stdin.isTTY && process.stdout.isTTY) await interactive(session, sigint);
    else await piped(session, sigint);
  } finally {
    await watchdog?.stop();
  }
  // exit() / quit() in a line: the REPL ends even with timers or handles that lines left.
  if (exitRequested) process.exit(process.exitCode ?? 0);
}

/** A line called exit() or quit() (or was `exit`): no more lines are read. */
let exitRequested = false;

function writeOutcome(outcome: ExecuteOutcome): void {
  if (outcome.status === 'error') {
    // IPython's colours on a terminal; plain text into a pipe or a file.
    const text = outcome.traceback.join('\n') + '\n';
    process.stderr.write(process.stderr.isTTY ? text : stripAnsi(text));
    return;
  }
  for (const page of outcome.payload) process.stdout.write(String(page.data['text/plain']) + '\n');
  if (outcome.result) process.stdout.write(outcome.result['text/plain'] + '\n');
}

function terminalSink(ask?: OutputSink['input']): OutputSink {
  return {
    stream: (name, text) => void (name === 'stdout' ? process.stdout : process.stderr).write(text),
    display: (data) => void process.stdout.write(data['text/plain'] + '\n'),
    clearOutput: () => undefined,
    terminal: true,
    ...(ask ? { input: ask } : {}),
  };
}

let banner = 'TypeScript cells; tf, jax, jnp, torch, np in scope.';

async function piped(session: SessionApi, sigint: Sigint): Promise<void> {
  let running = false;
  // Idle, Ctrl-C ends the program as it would any filter; running, it stops the line.
  sigint.handler = () => {
    if (!running) process.exit(130);
    session.interrupt();
    return true;
  };
  const sink = terminalSink();
  await session.ready;
  // Created after the await: readline's async iterator only sees lines emitted once it exists.
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  let buffer: string[] = [];
  let failed = false;
  const run = async (code: string) => {
    running = true;
    const outcome = await session.execute(code, sink);
    running = false;
    if (outcome.status === 'error') failed = true;
    writeOutcome(outcome);
    if (outcome.status === 'ok' && outcome.exit) exitRequested = true;
  };
  for await (const line of lines) {
    if (exitRequested) break;
    buffer.push(line);
    const code = buffer.join('\n');
    if (isCompleteInRepl(session, code).status === 'incomplete') continue;
    buffer = [];
    if (code.trim() !== '') await run(code);
  }
  if (!exitRequested && buffer.join('\n').trim() !== '') await run(buffer.join('\n'));
  if (failed) process.exitCode = 1;
}

function historyFile(): string | undefined {
  const env = process.env.JACOBI_HISTORY;
  if (env === '') return undefined;
  return env ?? path.join(os.homedir(), '.jacobi_history');
}

/** Appends a line to the history file, which is the user's alone (0600): lines hold data and credentials. */
let historySecured = false;
function appendHistory(file: string, code: string): void {
  if (!historySecured) {
    historySecured = true;
    try {
      fs.chmodSync(file, 0o600);
    } catch {
      // not there yet: created with mode 0600 below
    }
  }
  fs.appendFile(file, JSON.stringify(code) + '\n', { mode: 0o600 }, () => undefined);
}

function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as string).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

async function interactive(session: SessionApi, sigint: Sigint): Promise<void> {
  const file = historyFile();
  const stdin = process.stdin;
  let buffer: string[] = [];
  const rl = readline.createInterface({
    input: stdin,
    output: process.stdout,
    prompt: PS1,
    terminal: true,
    history: loadHistory(file),
    historySize: 1000,
    removeHistoryDuplicates: true,
    completer: (line: string): [string[], string] => {
      const code = [...buffer, line].join('\n');
      const r = session.complete(code, [...code].length);
      const start = code.length - line.length;
      const chars = [...code];
      return [r.matches, chars.slice(r.cursor_start, r.cursor_end).join('').slice(0, Math.max(0, code.length - start))];
    },
  });
  const ask: OutputSink['input'] = (prompt) => new Promise((resolve) => {
    stdin.setRawMode(true);
    rl.resume();
    rl.question(prompt, (answer) => {
      rl.pause();
      stdin.setRawMode(false);
      resolve(answer);
    });
  });
  const sink = terminalSink(ask);
  let running = false;
  let closed = false;
  // While a line runs the terminal is out of raw mode, so Ctrl-C is a real SIGINT: it stops the line,
  // synchronous or awaiting (the watchdog terminates its JavaScript; else vm's breakOnSigint and this
  // handler do what they can).
  sigint.handler = () => {
    session.interrupt();
    return running;
  };
  rl.on('SIGINT', () => {
    // Idle: Ctrl-C drops what was typed, as shells and Python do.
    process.stdout.write('^C\n');
    buffer = [];
    rl.write(null, { ctrl: true, name: 'u' });
    rl.setPrompt(PS1);
    rl.prompt();
  });

  process.stdout.write(`Jacobi ${version()} — ${banner} help(x), Ctrl-D exits.\n`);
  rl.prompt();

  const queue: string[] = [];
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (queue.length > 0) {
      const line = queue.shift()!;
      buffer.push(line);
      const code = buffer.join('\n');
      await session.ready;
      const status = isCompleteInRepl(session, code);
      if (status.status === 'incomplete') {
        rl.setPrompt(PS2);
        rl.prompt();
        if (status.indent) rl.write(status.indent);
        continue;
      }
      buffer = [];
      if (code.trim() !== '') {
        if (file) appendHistory(file, code);
        running = true;
        rl.pause();
        stdin.setRawMode(false);
        const outcome = await session.execute(code, sink);
        running = false;
        writeOutcome(outcome);
        if (outcome.status === 'ok' && outcome.exit) {
          exitRequested = true;
          rl.close();
        }
        // Ctrl-D typed while the line ran closed the input: finish like Python, after the line.
        if (closed) break;
        stdin.setRawMode(true);
        rl.resume();
      }
      rl.setPrompt(PS1);
      rl.prompt();
    }
    draining = false;
  };
  rl.on('line', (line) => {
    queue.push(line);
    void drain();
  });
  await new Promise<void>((resolve) => rl.on('close', () => {
    closed = true;
    if (!running) process.stdout.write('\n');
    resolve();
  }));
  while (running) await new Promise((r) => setTimeout(r, 10));
  sigint.handler = () => false;
}

/** As IPython's terminal: a cell magic (`%%bash`, `%%time`) takes lines until an empty one. */
function isCompleteInRepl(session: SessionApi, code: string): ReturnType<SessionApi['isComplete']> {
  if (/^%%[A-Za-z_]/.test(code)) return { status: /\n[ \t]*$/.test(code) ? 'complete' : 'incomplete', indent: '' };
  return session.isComplete(code);
}

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '';
  } catch {
    return '';
  }
}
