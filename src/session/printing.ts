// The texts of a value, from src/format (Python's repr / str / print, HTML for notebooks).
import { inspect } from 'node:util';

export interface Printing {
  repr(x: unknown): string;
  str(x: unknown): string;
  html(x: unknown): string | undefined;
  printText(args: unknown[]): string;
}

const fallback: Printing = {
  repr: (x) => inspect(x),
  str: (x) => (typeof x === 'string' ? x : inspect(x)),
  html: () => undefined,
  printText: (args) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '),
};

export let printing: Printing = fallback;

let loading: Promise<void> | undefined;

/** Loads src/format once; until it is there the session renders with util.inspect. */
export function loadPrinting(): Promise<void> {
  const path = '../format/index.js';
  loading ??= import(path).then(
    (m: Partial<Printing>) => {
      if (typeof m.repr === 'function') printing = { ...fallback, ...m } as Printing;
    },
    () => undefined,
  );
  return loading;
}
