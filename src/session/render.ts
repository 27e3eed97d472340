// A value as a Jupyter MIME bundle: `text/plain` is what IPython shows (Python's repr, long tuples and
// lists broken one element per line), `text/html` when the printer has one. A value with a
// `[Symbol.for('Jupyter.display')]()` method (Deno's convention) renders as the bundle it returns, as a
// cell's value and through display(x) alike.
import type { MimeBundle } from './types.js';
import * as printing from './printing.js';

/** Deno's display symbol: `obj[Symbol.for('Jupyter.display')]()` returns the object's MIME bundle. */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

export function mimeBundle(value: unknown, display: 'ipython' | 'python' = 'ipython'): MimeBundle {
  const custom = displayHook(value);
  if (custom) return custom;
  const bundle: MimeBundle = { 'text/plain': display === 'python' ? printing.repr(value) : printing.displayText(value) };
  const html = printing.html(value);
  if (html !== undefined) bundle['text/html'] = html;
  return bundle;
}

function displayHook(value: unknown): MimeBundle | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  const method = (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY];
  if (typeof method !== 'function') return undefined;
  const data = method.call(value) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError(`[Symbol.for('Jupyter.display')]() must return a MIME bundle (an object keyed by MIME type), not ${printing.repr(data)}`);
  }
  const bundle: Record<string, unknown> = {};
  for (const [mime, content] of Object.entries(data)) {
    // Jupyter carries binary data (image/png, ...) as base64 text.
    bundle[mime] = content instanceof Uint8Array ? Buffer.from(content).toString('base64') : content;
  }
  if (typeof bundle['text/plain'] !== 'string') bundle['text/plain'] = printing.displayText(value);
  return bundle as MimeBundle;
}

/** Raw content of one MIME type (display.html and friends); `text/plain` says what it is. */
export function rawBundle(mime: string, data: unknown, plain: string): MimeBundle {
  return { 'text/plain': plain, [mime]: data };
}
