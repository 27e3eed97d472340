// The notebook builtins every cell sees: print, console, display (and its raw variants), clear_output,
// help, input/prompt. They write to whichever sink the running cell was given.
import { formatWithOptions, inspect } from 'node:util';
import { randomUUID } from 'node:crypto';
import { getDoc } from '../api/docs.js';
import { isTensorLike } from '../api/operators.js';
import type { MimeBundle, OutputSink, PagePayload } from './types.js';
import { mimeBundle, rawBundle } from './render.js';
import * as printing from './printing.js';
import { makeTqdm } from './tqdm.js';
import { docBody } from './help.js';

export interface CellIO {
  /** The sink of the running cell (or of the last one, for output from timers). */
  sink(): OutputSink | undefined;
  /** help(x) as a pager payload instead of printed text. */
  readonly pager: boolean;
  addPayload(page: PagePayload): void;
  /** exit() / quit(): the front end ends once the cell has finished (IPython's ask_exit). */
  requestExit?(keepKernel: boolean): void;
  /** The cells' scope (help's examples make their sample tensors with its facades). */
  scope?(): Record<string, unknown>;
}

/** Marks the exit and quit builtins: a cell whose value is one of them exits, as IPython's autocall does. */
export const EXIT = Symbol.for('jacobi.exit');

interface DisplayOptions {
  display_id?: string | boolean;
  update?: boolean;
  metadata?: Record<string, unknown>;
}

export interface DisplayHandle {
  readonly display_id: string;
  display(value: unknown): void;
  update(value: unknown): void;
}

export function makeBuiltins(io: CellIO): Record<string, unknown> {
  const stream = (name: 'stdout' | 'stderr', text: string) => {
    const sink = io.sink();
    if (sink) sink.stream(name, text);
    else (name === 'stdout' ? process.stdout : process.stderr).write(text);
  };

  const emit = (data: MimeBundle, options: DisplayOptions): DisplayHandle | undefined => {
    const id = options.display_id === true ? randomUUID() : typeof options.display_id === 'string' ? options.display_id : undefined;
    io.sink()?.display(data, options.metadata ?? {}, id === undefined ? {} : { display_id: id }, options.update === true);
    return id === undefined ? undefined : handle(id);
  };
  const handle = (id: string): DisplayHandle => ({
    display_id: id,
    display: (value) => void emit(mimeBundle(value), { display_id: id }),
    update: (value) => void emit(mimeBundle(value), { display_id: id, update: true }),
  });

  const display = Object.assign(
    (value: unknown, options: DisplayOptions = {}) => emit(mimeBundle(value), options),
    {
      html: (html: string, options: DisplayOptions = {}) => emit(rawBundle('text/html', html, '<HTML>'), options),
      svg: (svg: string, options: DisplayOptions = {}) => emit(rawBundle('image/svg+xml', svg, '<SVG>'), options),
      markdown: (md: string, options: DisplayOptions = {}) => emit(rawBundle('text/markdown', md, md), options),
      latex: (tex: string, options: DisplayOptions = {}) => emit(rawBundle('text/latex', tex, tex), options),
      png: (png: string | Uint8Array, options: DisplayOptions = {}) =>
        emit(rawBundle('image/png', typeof png === 'string' ? png : Buffer.from(png).toString('base64'), '<PNG image>'), options),
      json: (value: unknown, options: DisplayOptions = {}) => emit(rawBundle('application/json', value, JSON.stringify(value, null, 2) ?? 'undefined'), options),
    },
  );

  const logText = (args: unknown[]): string =>
    formatWithOptions({ colors: false }, ...args.map((a) => (isTensorLike(a) ? printing.str(a) : a))) + '\n';
  const console = {
    log: (...args: unknown[]) => stream('stdout', logText(args)),
    info: (...args: unknown[]) => stream('stdout', logText(args)),
    debug: (...args: unknown[]) => stream('stdout', logText(args)),
    error: (...args: unknown[]) => stream('stderr', logText(args)),
    warn: (...args: unknown[]) => stream('stderr', logText(args)),
    trace: (...args: unknown[]) => stream('stderr', logText(args)),
    dir: (value: unknown) => stream('stdout', inspect(value) + '\n'),
    table: (value: unknown) => stream('stdout', inspect(value) + '\n'),
  };

  const print = (...args: unknown[]) => stream('stdout', printText(args));

  const help = (value: unknown) => {
    const text = helpText(value, io.scope?.() ?? {});
    if (io.pager) io.addPayload({ source: 'page', data: { 'text/plain': text }, start: 0 });
    else stream('stdout', text + '\n');
  };

  const input = async (prompt = '', options: { password?: boolean } = {}): Promise<string> => {
    const sink = io.sink();
    if (!sink?.input) throw new Error('input() is not available: this front end cannot ask for input');
    return sink.input(String(prompt), options.password === true);
  };

  // IPython's exit / quit: the cell finishes, then the kernel (or REPL) ends; exit({ keep_kernel: true })
  // only closes the front end.
  const ask = (options: { keep_kernel?: boolean } = {}): void => void io.requestExit?.(options?.keep_kernel === true);
  const exit = Object.assign((options?: { keep_kernel?: boolean }) => ask(options), { [EXIT]: true });
  const quit = Object.assign((options?: { keep_kernel?: boolean }) => ask(options), { [EXIT]: true });

  const { tqdm, trange } = makeTqdm(io.sink);

  return {
    console,
    tqdm,
    trange,
    exit,
    quit,
    print,
    display,
    clear_output: (options: { wait?: boolean } = {}) => io.sink()?.clearOutput(options.wait === true),
    help,
    input,
    prompt: input,
  };
}

/** Python's print: `print(a, b, { sep, end })`, each argument as str(). */
function printText(args: unknown[]): string {
  const last = args[args.length - 1];
  const options = isPrintOptions(last) ? (args.pop(), last) : {};
  const body = options.sep === undefined ? printing.printText(args) : args.map((a) => printing.str(a)).join(options.sep);
  return body + (options.end ?? '\n');
}

function isPrintOptions(x: unknown): x is { sep?: string; end?: string } {
  if (typeof x !== 'object' || x === null || isTensorLike(x) || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every((k) => k === 'sep' || k === 'end');
}

/**
 * What help(x) shows: a facade's signature and doc (for the op table's, its other names and an
 * example), else the value's type and repr.
 */
export function helpText(value: unknown, scope: Record<string, unknown> = {}): string {
  const doc = getDoc(value);
  if (doc) return [doc.signature, '', ...docBody(doc, value, scope)].join('\n').trimEnd();
  if (typeof value === 'function') {
    const source = Function.prototype.toString.call(value);
    return `${value.name || '(anonymous)'}: function\n\n${firstLine(source)}`;
  }
  return `${typeName(value)}\n\n${printing.repr(value)}`;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return ctor?.name ?? 'Object';
}

function firstLine(source: string): string {
  const i = source.indexOf('{');
  return (i > 0 ? source.slice(0, i) : source.split('\n')[0]!).trim();
}
