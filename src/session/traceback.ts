// Turns what a cell threw into Jupyter's ename / evalue / traceback: positions in the compiled script
// are mapped back to the cell (`cell[3]:2:7`) and frames of Jacobi itself and of Node are trimmed.
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

const CELL_POSITION = /((?:cell|silent|expr)\[\d+\]):(\d+):(\d+)/g;
const IN_CELL = /(?:cell|silent|expr)\[\d+\]:\d+:\d+/;

export function isInterrupt(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED' ||
    (e as { name?: unknown } | null)?.name === 'KeyboardInterrupt';
}

export function interruptReport(): ErrorReport {
  return { ename: 'KeyboardInterrupt', evalue: '', traceback: ['KeyboardInterrupt'] };
}

export function syntaxReport(filename: string, errors: CellSyntaxError[]): ErrorReport {
  const first = errors[0]!;
  return {
    ename: 'SyntaxError',
    evalue: first.message,
    traceback: [
      `${filename}:${first.line}:${first.column}`,
      `  ${first.text}`,
      `  ${caretPadding(first.text, first.column - 1)}^`,
      `SyntaxError: ${first.message}`,
    ],
  };
}

/** Spaces (tabs kept) up to a column, so the caret lines up under the source line. */
function caretPadding(text: string, column: number): string {
  return text.slice(0, column).replace(/[^\t]/g, ' ');
}

/**
 * `isScopeFunction` says whether a name is a function of the cell scope: called through `with`, such
 * a function gets the scope as its receiver and V8 names its frame `Object.f`; the prefix is dropped.
 */
export function errorReport(error: unknown, maps: ReadonlyMap<string, LineMap>, isScopeFunction: (name: string) => boolean = () => false): ErrorReport {
  if (isInterrupt(error)) return interruptReport();
  if (!isErrorLike(error)) {
    const text = inspect(error);
    return { ename: 'Uncaught', evalue: text, traceback: [`Uncaught ${text}`] };
  }
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
  return { ename, evalue, traceback: [`${ename}${evalue ? `: ${evalue}` : ''}`, ...kept] };
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
  return frame.includes('node:') || frame.includes(PACKAGE_DIST) || frame.includes('<anonymous>') || /\bat (?:new )?Promise\b|\(native\)/.test(frame);
}

function isErrorLike(e: unknown): e is { name?: unknown; message?: unknown; stack?: unknown } {
  return typeof e === 'object' && e !== null && 'message' in e && ('stack' in e || 'name' in e);
}
