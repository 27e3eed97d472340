// A value as a Jupyter MIME bundle: `text/plain` is what IPython shows (Python's repr, long tuples and
// lists broken one element per line), `text/html` when the printer has one.
import type { MimeBundle } from './types.js';
import * as printing from './printing.js';

export function mimeBundle(value: unknown, display: 'ipython' | 'python' = 'ipython'): MimeBundle {
  const bundle: MimeBundle = { 'text/plain': display === 'python' ? printing.repr(value) : printing.displayText(value) };
  const html = printing.html(value);
  if (html !== undefined) bundle['text/html'] = html;
  return bundle;
}

/** Raw content of one MIME type (display.html and friends); `text/plain` says what it is. */
export function rawBundle(mime: string, data: unknown, plain: string): MimeBundle {
  return { 'text/plain': plain, [mime]: data };
}
