// tqdm in cells: `for (const x of tqdm(items, { desc: 'train' }))`, `trange(n)`, or by hand
// (`const bar = tqdm({ total: 100 }); bar.update(10); bar.close()`). The text is tqdm's own
// (`train:  40%|████      | 4/10 [00:01<00:01,  3.99it/s]`). In a notebook the bar is one output,
// displayed once and then replaced in place (display_data, then update_display_data with the same
// display_id), as text/plain and as an HTML <progress>; in a terminal (the REPL) it is redrawn in
// place on stderr with a carriage return, as tqdm does.
import { randomUUID } from 'node:crypto';
import type { MimeBundle, OutputSink } from './types.js';
import { Tensor } from '../tensor/tensor.js';

export interface TqdmOptions {
  /** The number of items expected (default: the iterable's length). */
  total?: number;
  /** The text before the bar (`desc: `). */
  desc?: string;
  /** Keep the finished bar shown (default true). */
  leave?: boolean;
  /** Seconds between redraws (default 0.1). */
  mininterval?: number;
  /** The unit of the counts (default `it`). */
  unit?: string;
  /** No bar at all. */
  disable?: boolean;
  /** The width of the whole line in a terminal (default: the terminal's). */
  ncols?: number;
  /** The count to start from. */
  initial?: number;
}

const BLOCKS = ' ▏▎▍▌▋▊▉█';

/** tqdm's format_interval: `01:05`, `1:02:03`. */
export function formatInterval(seconds: number): string {
  const total = Math.trunc(seconds);
  const [h, m, s] = [Math.trunc(total / 3600), Math.trunc(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Python's `{:3.0f}` of a percentage (round half to even). */
function percent(p: number): string {
  let r = Math.round(p);
  if (Math.abs(p - Math.trunc(p)) === 0.5) r = 2 * Math.round(p / 2);
  return String(r).padStart(3);
}

/** tqdm's bar of `width` cells for a fraction (eighths of a cell). */
function bar(frac: number, width: number): string {
  const f = Math.max(0, Math.min(1, frac));
  const eighths = Math.trunc(f * width * 8);
  const full = Math.trunc(eighths / 8);
  let text = BLOCKS[8]!.repeat(full);
  if (full < width) text += BLOCKS[eighths % 8]! + ' '.repeat(width - full - 1);
  return text;
}

export interface Meter {
  n: number;
  total?: number;
  elapsed: number;
  desc?: string;
  unit?: string;
  postfix?: string;
  /** The whole line's width (terminal); the bar is 10 cells without it. */
  ncols?: number;
}

/** tqdm's format_meter: the text of one bar. */
export function formatMeter({ n, total, elapsed, desc, unit = 'it', postfix, ncols }: Meter): string {
  const rate = elapsed > 0 ? n / elapsed : undefined;
  const inverse = rate ? 1 / rate : undefined;
  const rateText = inverse !== undefined && inverse > 1
    ? `${inverse.toFixed(2).padStart(5)}s/${unit}`
    : `${rate ? rate.toFixed(2).padStart(5) : '?'}${unit}/s`;
  const prefix = desc ? (desc.endsWith(': ') ? desc : `${desc}: `) : '';
  const post = postfix ? `, ${postfix}` : '';
  const elapsedText = formatInterval(elapsed);
  if (total === undefined || !(total > 0)) return `${prefix}${n}${unit} [${elapsedText}, ${rateText}${post}]`;
  const remaining = rate ? formatInterval((total - n) / rate) : '?';
  const left = `${prefix}${percent((n / total) * 100)}%|`;
  const right = `| ${n}/${total} [${elapsedText}<${remaining}, ${rateText}${post}]`;
  const width = ncols ? Math.max(1, ncols - [...left].length - [...right].length) : 10;
  return left + bar(n / total, width) + right;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** tqdm's postfix: `key=value` pairs, numbers to 3 significant digits. */
function postfixText(values: Record<string, unknown>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v)}`).join(', ');
}

export class Tqdm<T = number> implements Iterable<T>, AsyncIterable<T> {
  n: number;
  total: number | undefined;
  desc: string | undefined;
  private postfix: string | undefined;
  private readonly start = performance.now();
  private lastDraw = -Infinity;
  private closed = false;
  /** close() is drawing the last state. */
  private final = false;
  private readonly displayId = randomUUID();
  private shown = false;
  /** The terminal line's length last drawn (to blank what a shorter line leaves). */
  private drawnLength = 0;

  constructor(
    private readonly iterable: Iterable<T> | AsyncIterable<T> | undefined,
    private readonly options: TqdmOptions,
    private readonly sink: () => OutputSink | undefined,
  ) {
    this.n = options.initial ?? 0;
    this.total = options.total ?? lengthOf(iterable);
    this.desc = options.desc;
    this.draw(true);
  }

  *[Symbol.iterator](): Iterator<T> {
    const items = this.iterable as Iterable<T> | undefined;
    if (!items || typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function') throw new TypeError('tqdm: this object is not iterable');
    try {
      for (const item of items) {
        yield item;
        this.update(1);
      }
    } finally {
      this.close();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const items = this.iterable;
    if (!items) throw new TypeError('tqdm: this object is not iterable');
    try {
      for await (const item of items as AsyncIterable<T>) {
        yield item;
        this.update(1);
      }
    } finally {
      this.close();
    }
  }

  /** Adds `n` (default 1) to the count; redraws at most every `mininterval` seconds. */
  update(n = 1): void {
    this.n += n;
    this.draw(false);
  }

  set_description(desc: string, refresh = true): void {
    this.desc = desc;
    if (refresh) this.draw(true);
  }

  set_postfix(values: Record<string, unknown> = {}, refresh = true): void {
    this.postfix = postfixText(values);
    if (refresh) this.draw(true);
  }

  set_postfix_str(text: string, refresh = true): void {
    this.postfix = text;
    if (refresh) this.draw(true);
  }

  refresh(): void {
    this.draw(true);
  }

  /** The final redraw; a notebook bar that stopped short of its total turns red, a complete one green. */
  close(): void {
    if (this.closed) return;
    this.final = true;
    this.draw(true);
    this.closed = true;
    if (this.options.disable) return;
    const sink = this.sink();
    if (this.isTerminal(sink)) {
      this.write(sink, this.options.leave === false ? `\r${' '.repeat(this.drawnLength)}\r` : '\n');
    } else if (this.options.leave === false) {
      sink?.display({ 'text/plain': '' }, {}, { display_id: this.displayId }, true);
    }
  }

  toString(): string {
    return this.text();
  }

  private elapsed(): number {
    return (performance.now() - this.start) / 1000;
  }

  private text(ncols?: number, elapsed = this.elapsed()): string {
    return formatMeter({ n: this.n, total: this.total, elapsed, desc: this.desc, unit: this.options.unit, postfix: this.postfix, ncols });
  }

  private isTerminal(sink: OutputSink | undefined): boolean {
    return sink === undefined || sink.terminal === true;
  }

  private write(sink: OutputSink | undefined, text: string): void {
    if (sink) sink.stream('stderr', text);
    else process.stderr.write(text);
  }

  private draw(force: boolean): void {
    if (this.closed || this.options.disable) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < (this.options.mininterval ?? 0.1) * 1000) return;
    this.lastDraw = now;
    const sink = this.sink();
    if (this.isTerminal(sink)) {
      const line = this.text(this.options.ncols ?? (process.stderr.isTTY ? process.stderr.columns : undefined));
      const length = [...line].length;
      this.write(sink, `\r${line}${' '.repeat(Math.max(0, this.drawnLength - length))}`);
      this.drawnLength = length;
      return;
    }
    sink?.display(this.bundle(), {}, { display_id: this.displayId }, this.shown);
    this.shown = true;
  }

  private bundle(): MimeBundle {
    const elapsed = this.elapsed();
    const plain = this.text(undefined, elapsed);
    const done = this.total !== undefined && this.n >= this.total;
    const colour = !this.final ? undefined : done ? '#5cb85c' : '#d9534f';
    const meter = formatMeter({ n: this.n, total: this.total, elapsed, unit: this.options.unit, postfix: this.postfix });
    const after = meter.includes('|') ? meter.slice(meter.lastIndexOf('|') + 1).trim() : meter;
    const pct = this.total ? `${percent((this.n / this.total) * 100).trim()}%` : '';
    const progress = this.total
      ? `<progress value="${Math.min(this.n, this.total)}" max="${this.total}" style="width: 24em${colour ? `; accent-color: ${colour}` : ''}"></progress>`
      : '<progress style="width: 24em"></progress>';
    const html = `<div class="jacobi-tqdm" style="display: flex; align-items: center; gap: 0.5em; font-family: monospace">` +
      `${this.desc ? `<span>${escapeHtml(this.desc)}:</span>` : ''}${pct ? `<span>${pct}</span>` : ''}${progress}<span>${escapeHtml(after)}</span></div>`;
    return { 'text/plain': plain, 'text/html': html };
  }
}

function lengthOf(iterable: unknown): number | undefined {
  if (iterable instanceof Tensor) return iterable.dims[0];
  if (typeof iterable !== 'object' || iterable === null) return typeof iterable === 'string' ? iterable.length : undefined;
  const { length, size } = iterable as { length?: unknown; size?: unknown };
  if (typeof length === 'number') return length;
  if ((iterable instanceof Map || iterable instanceof Set) && typeof size === 'number') return size;
  return undefined;
}

function isOptions(x: unknown): x is TqdmOptions {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor) &&
    typeof (x as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function' && typeof (x as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== 'function';
}

function* range(start: number, stop: number, step: number): Generator<number> {
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) yield i;
}

/** `tqdm(iterable, options)`, `tqdm(options)` (updated by hand) and `trange(...)`, writing to the running cell. */
export function makeTqdm(sink: () => OutputSink | undefined): { tqdm: unknown; trange: unknown } {
  function tqdm<T>(iterable?: Iterable<T> | AsyncIterable<T> | TqdmOptions, options: TqdmOptions = {}): Tqdm<T> {
    if (isOptions(iterable)) return new Tqdm<T>(undefined, iterable, sink);
    return new Tqdm<T>(iterable, options ?? {}, sink);
  }
  /** `trange(stop)`, `trange(start, stop[, step])`, each with options last: tqdm over Python's range. */
  function trange(...args: Array<number | TqdmOptions>): Tqdm<number> {
    const options = isOptions(args[args.length - 1]) ? (args.pop() as TqdmOptions) : {};
    const [a = 0, b, c = 1] = args as number[];
    const [start, stop] = b === undefined ? [0, a] : [a, b];
    const total = Math.max(0, Math.ceil((stop - start) / c));
    return new Tqdm(range(start, stop, c), { total, ...options }, sink);
  }
  Object.assign(tqdm, { trange, write: (text: string) => sink()?.stream('stdout', `${text}\n`) });
  return { tqdm, trange };
}
