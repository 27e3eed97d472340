// Turns what a cell threw into Jupyter's ename / evalue / traceback: positions in the compiled script
// are mapped back to the cell (`cell[3]:2:7`) and frames of Jacobi itself and of Node are trimmed.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import type { CellSyntaxError } from './compile.js';
import { originalPosition, type LineMap } from './sourcemap.js';

export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The compiled package (this file is dist/src/session/traceback.js): frames from here are internal. */
const PACKAGE_DIST = fileURLToPath(new URL('../../', import.meta.url));
/** Jacobi's own dependencies (vega, pyodide, typescript), by their real path: their frames are internal too. */
const PACKAGE_DEPENDENCIES = realDirectory(fileURLToPath(new URL('../../../node_modules/', import.meta.url)));

function realDirectory(dir: string): string | undefined {
  try {
    return fs.realpathSync(dir).replace(/\/?$/, '/');
  } catch {
    return undefined;
  }
}

const CELL_POSITION = /((?:cell|silent|expr)\[\d+\]):(\d+):(\d+)/g;
const IN_CELL = /(?:cell|silent|expr)\[\d+\]:\d+:\d+/;

export function isInterrupt(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED' ||
    (e as { name?: unknown } | null)?.name === 'KeyboardInterrupt';
}

export function interruptReport(): ErrorReport {
  return { ename: 'KeyboardInterrupt', evalue: '', traceback: ['KeyboardInterrupt'] };
}

/**
 * A syntax error as IPython 8 shows it: `Cell In[2], line 2`, the line (its indentation left out) with
 * a caret under the column, `SyntaxError: message`, in IPython's colours.
 */
export function syntaxReport(filename: string, errors: CellSyntaxError[]): ErrorReport {
  const first = errors[0]!;
  const cell = CELL_FILE.exec(filename);
  const where = cell ? `In[${cell[1]}], line ${first.line}` : `${filename}, line ${first.line}`;
  const indent = /^[ \t]*/.exec(first.text)![0].length;
  const text = first.text.slice(indent);
  const caret = `${caretPadding(text, Math.max(0, first.column - 1 - indent))}^`;
  return {
    ename: 'SyntaxError',
    evalue: first.message,
    traceback: [
      `${SYNTAX.frame}  Cell ${ANSI.location}${where}${SYNTAX.frame}${ANSI.reset}\n` +
      `${SYNTAX.line}    ${text}${ANSI.reset}\n` +
      `${SYNTAX.caret}    ${caret}${ANSI.reset}\n` +
      `${ANSI.error}SyntaxError${ANSI.reset}${ANSI.error}:${ANSI.reset} ${first.message}\n`,
    ],
  };
}

/** IPython's colours for a syntax error's parts. */
const SYNTAX = { frame: '\x1b[1;36m', line: '\x1b[1;33m', caret: '\x1b[1;37m' };

/** Spaces (tabs kept) up to a column, so the caret lines up under the source line. */
function caretPadding(text: string, column: number): string {
  return text.slice(0, column).replace(/[^\t]/g, ' ');
}

/**
 * `isScopeFunction` says whether a name is a function of the cell scope: called through `with`, such
 * a function gets the scope as its receiver and V8 names its frame `Object.f`; the prefix is dropped.
 */
export function errorReport(error: unknown, maps: ReadonlyMap<string, LineMap>, isScopeFunction: (name: string) => boolean = () => false): ErrorReport {
  if (isInterrupt(error)) return { ename: 'KeyboardInterrupt', evalue: '', traceback: ['KeyboardInterrupt'] };
  if (!isErrorLike(error)) {
    const text = inspect(error);
    return { ename: 'Uncaught', evalue: text, traceback: [`Uncaught ${text}`] };
  }
  const { ename, evalue, kept } = userFrames(error, maps, isScopeFunction);
  return { ename, evalue, traceback: [`${ename}${evalue ? `: ${evalue}` : ''}`, ...kept] };
}

/**
 * A cell's error as IPython 8 shows it (ANSI colours as its Linux scheme): a rule, the error's name with
 * "Traceback (most recent call last)", then each user frame, outermost first, as `Cell In[3], line 2`
 * (or `File path:line`), `, in f` for a function, its source lines around the one that ran (marked
 * `---->`) and a caret under the column, then `Name: message`. Frames of Jacobi itself and of Node are
 * left out. An interrupt says where it stopped when `stoppedStack` (the stack of the JavaScript a
 * helper thread terminated, src/session/interrupt-target.ts) is given.
 */
export function cellErrorReport(
  error: unknown, maps: ReadonlyMap<string, LineMap>, sources: SourceOf,
  isScopeFunction: (name: string) => boolean = () => false, stoppedStack?: string,
): ErrorReport {
  if (isInterrupt(error)) error = { name: 'KeyboardInterrupt', message: '', stack: `KeyboardInterrupt\n${stoppedStack ?? ''}` };
  if (!isErrorLike(error)) return errorReport(error, maps, isScopeFunction);
  const { ename, evalue, kept } = userFrames(error, maps, isScopeFunction);
  const frames = kept.map(parseFrame).filter((f): f is Frame => f !== undefined).reverse();
  return { ename, evalue, traceback: ipythonTraceback(ename, evalue, frames, sources) };
}

/** A cell's text by its file name (`cell[3]`). */
export type SourceOf = (file: string) => string | undefined;

interface Frame {
  name: string;
  file: string;
  line: number;
  column: number;
}

const FRAME = /^\s+at (?:async )?(?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

function parseFrame(text: string): Frame | undefined {
  const m = FRAME.exec(text);
  if (!m) return undefined;
  return { name: (m[1] ?? '').replace(/ \[as [^\]]*\]$/, ''), file: m[2]!, line: Number(m[3]), column: Number(m[4]) };
}

/** IPython's Linux colour scheme. */
export const ANSI = {
  error: '\x1b[1;31m', // the error's name, the rule
  location: '\x1b[1;32m', // `In[3], line 2`, `path:line`
  name: '\x1b[0;36m', // the function's name
  current: '\x1b[1;32m', // `---->` and its line number
  lineno: '\x1b[0;32m', // the other line numbers
  reset: '\x1b[0m',
};

const RULE_WIDTH = 75;
const TITLE = 'Traceback (most recent call last)';
/** Lines of context before and after the line that ran (IPython's `context=5`). */
const CONTEXT = 2;
const NUMBER_WIDTH = 7;
/** Source lines are shown up to this many characters. */
const LONG_LINE = 200;

function ipythonTraceback(ename: string, evalue: string, frames: Frame[], sources: SourceOf): string[] {
  const { error, reset } = ANSI;
  const out = [
    `${error}${'-'.repeat(RULE_WIDTH)}${reset}`,
    `${error}${ename}${reset}${' '.repeat(Math.max(1, RULE_WIDTH - ename.length - TITLE.length))}${TITLE}`,
  ];
  // A recursion that ran out of stack repeats one frame: shown once, then how often it repeated.
  for (let i = 0; i < frames.length; i++) {
    // Below a cell's own code, a cell frame without a name is an anonymous function's (`(x) => ...`).
    const f = i > 0 && frames[i]!.name === '' && CELL_FILE.test(frames[i]!.file) ? { ...frames[i]!, name: '<lambda>' } : frames[i]!;
    let j = i;
    while (j + 1 < frames.length && sameFrame(frames[j + 1]!, f)) j++;
    out.push(formatFrame(f, sources));
    if (j - i >= 2) {
      out.push(`    [... skipping similar frames: ${f.name || '<cell>'} at line ${f.line} (${j - i - 1} times)]`);
      out.push(formatFrame(frames[j]!, sources));
      i = j;
    }
  }
  out.push(`${error}${ename}${reset}: ${evalue}`);
  return out;
}

function sameFrame(a: Frame, b: Frame): boolean {
  return a.name === b.name && a.file === b.file && a.line === b.line && a.column === b.column;
}

const CELL_FILE = /^cell\[(\d+)\]$/;

function formatFrame(f: Frame, sources: SourceOf): string {
  const { location, name, current, lineno, reset } = ANSI;
  const cell = CELL_FILE.exec(f.file);
  const path = f.file.startsWith('file://') ? safePath(f.file) : f.file;
  const where = cell ? `Cell ${location}In[${cell[1]}], line ${f.line}${reset}`
    : IN_CELL.test(`${f.file}:1:1`) ? `Cell ${location}${f.file}, line ${f.line}${reset}`
    : `File ${location}${path}:${f.line}${reset}`;
  const header = f.name ? `${where}, in ${name}${f.name}${reset}` : where;
  const text = sources(f.file) ?? fileText(path);
  if (text === undefined) return `${header}\n`;
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, f.line - CONTEXT);
  const last = Math.min(lines.length, f.line + CONTEXT);
  if (f.line > lines.length) return `${header}\n`;
  const shown = lines.slice(first - 1, last);
  // The lines' common indentation is left out, as IPython (stack_data) does.
  const indent = Math.min(...shown.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
  const body: string[] = [];
  shown.forEach((l, k) => {
    const n = first + k;
    // A minified library's line is cut short.
    const whole = l.slice(Math.min(indent, l.length));
    const src = whole.length > LONG_LINE ? `${whole.slice(0, LONG_LINE)}...` : whole;
    if (n === f.line) {
      const number = String(n);
      const arrow = `${'-'.repeat(Math.max(0, NUMBER_WIDTH - number.length - 2))}> `;
      body.push(`${current}${arrow}${number}${reset} ${src}`);
      const column = Math.max(0, f.column - 1 - indent);
      if (column <= LONG_LINE) body.push(`${' '.repeat(arrow.length + number.length + 1)}${src.slice(0, column).replace(/[^\t]/g, ' ')}^`);
    } else {
      body.push(`${lineno}${String(n).padStart(NUMBER_WIDTH)}${reset} ${src}`);
    }
  });
  return `${header}\n${body.join('\n')}\n`;
}

function safePath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

const files = new Map<string, string | undefined>();

/** A user module's text (a frame outside the cells), read once. */
function fileText(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  if (!files.has(path)) {
    let text: string | undefined;
    try {
      text = fs.statSync(path).size < 1 << 22 ? fs.readFileSync(path, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    files.set(path, text);
  }
  return files.get(path);
}

/** The error's name and message, and its stack frames that belong to the user (cell positions mapped). */
function userFrames(error: { name?: unknown; message?: unknown; stack?: unknown }, maps: ReadonlyMap<string, LineMap>,
  isScopeFunction: (name: string) => boolean): { ename: string; evalue: string; kept: string[] } {
  const ename = String(error.name || 'Error');
  const evalue = String(error.message ?? '');
  const stack = typeof error.stack === 'string' ? error.stack : '';
  // A cell frame without a mapping is the compiled wrapper's own call: not the user's code.
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l))
    .map((l) => mapPositions(l, maps, UNMAPPED)).filter((l) => !l.includes(UNMAPPED))
    .map((l) => l.replace(/^(\s+at (?:async )?)Object\.([\w$]+) /, (whole, at: string, name: string) => (isScopeFunction(name) ? `${at}${name} ` : whole)));
  let lastCell = -1;
  frames.forEach((l, i) => { if (IN_CELL.test(l)) lastCell = i; });
  const kept = frames.filter((line, i) => (lastCell < 0 || i <= lastCell) && !isInternal(line));
  return { ename, evalue, kept };
}

/** Text without ANSI colours (a terminal that is not one, a plain-text consumer). */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Maps every cell position in a line of text (a stack frame, or V8's "cell[2]:3" line of a SyntaxError). */
export function mapPositions(line: string, maps: ReadonlyMap<string, LineMap>, unmapped?: string): string {
  return line.replace(CELL_POSITION, (whole, file: string, l: string, c: string) => {
    const map = maps.get(file);
    const pos = map && originalPosition(map, Number(l), Number(c));
    return pos ? `${file}:${pos.line}:${pos.column}` : map && unmapped !== undefined ? unmapped : whole;
  });
}

const UNMAPPED = '\u0000unmapped';

function isInternal(frame: string): boolean {
  if (IN_CELL.test(frame)) return false;
  return frame.includes('node:') || frame.includes(PACKAGE_DIST) || (PACKAGE_DEPENDENCIES !== undefined && frame.includes(PACKAGE_DEPENDENCIES)) || frame.includes('<anonymous>') || /\bat (?:new )?Promise\b|\(native\)/.test(frame);
}

function isErrorLike(e: unknown): e is { name?: unknown; message?: unknown; stack?: unknown } {
  return typeof e === 'object' && e !== null && 'message' in e && ('stack' in e || 'name' in e);
}
