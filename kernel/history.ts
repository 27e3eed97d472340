// Input history for history_request (tail, range, search), kept per kernel session in memory and, unless
// turned off, appended to a JSON-lines file under the user's data directory so later sessions see it.
// The file is the user's alone (0600, in a 0700 directory): cells hold data and credentials. Outputs
// are kept only up to MAX_OUTPUT characters (a cell's repr can be tens of megabytes), inputs up to
// MAX_INPUT.
import { appendFile, chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

interface Entry {
  session: number;
  line: number;
  input: string;
  output: string | null;
}

type HistoryItem = [number, number, string] | [number, number, [string, string | null]];

/** The longest output kept (characters); a longer one is cut, with a note of its full length. */
export const MAX_OUTPUT = 10_000;
/** The longest input kept (characters). */
export const MAX_INPUT = 1_000_000;

function truncated(text: string, max: number, what: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n... [${what} truncated: ${text.length} characters, the first ${max} kept]`;
}

/** `$JACOBI_HISTORY_FILE` (empty or `off`: memory only), else `$XDG_DATA_HOME/jacobi/history.jsonl`. */
export function defaultHistoryFile(env = process.env): string | null {
  const configured = env.JACOBI_HISTORY_FILE;
  if (configured !== undefined) return configured === '' || configured === 'off' ? null : configured;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'jacobi', 'history.jsonl');
}

export class History {
  private entries: Entry[] | null = null;
  private sessionNumber = 1;
  private writeFailed = false;
  /** The directory and file modes were set (once per History). */
  private secured = false;

  constructor(private readonly file: string | null) {}

  /** Earlier sessions are read on first use, not at start-up, which must stay fast. */
  private load(): Entry[] {
    if (this.entries) return this.entries;
    this.entries = [];
    if (this.file) {
      let text = '';
      try {
        text = readFileSync(this.file, 'utf8');
      } catch {
        // No file yet: this is the first session.
      }
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          const e = JSON.parse(line) as { s: number; n: number; i: string; o?: string | null };
          if (Number.isInteger(e.s) && Number.isInteger(e.n) && typeof e.i === 'string') {
            this.entries.push({ session: e.s, line: e.n, input: e.i, output: e.o ?? null });
          }
        } catch {
          // A torn last line from a killed kernel: skip it.
        }
      }
      this.sessionNumber = this.entries.reduce((max, e) => Math.max(max, e.session), 0) + 1;
    }
    return this.entries;
  }

  add(line: number, fullInput: string, fullOutput: string | null): void {
    const entries = this.load();
    const input = truncated(fullInput, MAX_INPUT, 'input');
    const output = fullOutput === null ? null : truncated(fullOutput, MAX_OUTPUT, 'output');
    const entry = { session: this.sessionNumber, line, input, output };
    entries.push(entry);
    if (!this.file || this.writeFailed) return;
    const file = this.file;
    if (!this.secured) {
      this.secured = true;
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      } catch {
        // appendFile reports it.
      }
      try {
        // A file from an older version (or made by hand) may be readable by others.
        chmodSync(file, 0o600);
      } catch {
        // Not there yet: appendFile creates it with mode 0600.
      }
    }
    // One append at a time, in order: concurrent appends may land in either order.
    const text = JSON.stringify({ s: entry.session, n: line, i: input, o: output }) + '\n';
    this.writes = this.writes.then(() => new Promise<void>((resolve) => {
      appendFile(file, text, { mode: 0o600 }, (err) => {
        if (err && !this.writeFailed) {
          this.writeFailed = true;
          process.stderr.write(`[jacobi kernel] history not saved to ${file}: ${err.message}\n`);
        }
        resolve();
      });
    }));
  }

  private writes: Promise<void> = Promise.resolve();

  /** The `history` list of a history_reply for a history_request's content. */
  query(request: Record<string, unknown>): HistoryItem[] {
    const entries = this.load();
    const withOutput = request.output === true;
    const item = (e: Entry): HistoryItem => (withOutput ? [e.session, e.line, [e.input, e.output]] : [e.session, e.line, e.input]);
    const n = typeof request.n === 'number' && request.n >= 0 ? request.n : null;
    const last = (list: Entry[]): Entry[] => (n === null ? list : n === 0 ? [] : list.slice(-n));

    switch (request.hist_access_type) {
      case 'tail':
        return last(entries).map(item);
      case 'range': {
        const requested = typeof request.session === 'number' ? request.session : 0;
        // IPython: 0 is the current session, negative numbers count back from it.
        const session = requested <= 0 ? this.sessionNumber + requested : requested;
        const start = typeof request.start === 'number' ? request.start : 1;
        const stop = typeof request.stop === 'number' ? request.stop : Infinity;
        return entries.filter((e) => e.session === session && e.line >= start && e.line < stop).map(item);
      }
      case 'search': {
        const pattern = globToRegExp(typeof request.pattern === 'string' ? request.pattern : '*');
        let found = entries.filter((e) => pattern.test(e.input));
        if (request.unique === true) {
          // Keep the latest occurrence of each input, in history order.
          const latest = new Map<string, Entry>();
          for (const e of found) latest.set(e.input, e);
          found = found.filter((e) => latest.get(e.input) === e);
        }
        return last(found).map(item);
      }
      default:
        return [];
    }
  }
}

/** IPython's history search uses sqlite GLOB: `*` any run, `?` one character, `[...]` a class. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const body = glob.slice(i + 1, close);
        // `[^...]` negates in GLOB as in a regular expression.
        source += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
