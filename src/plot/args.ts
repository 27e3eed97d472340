// Python calling conventions for plotting functions: positional arguments, then a trailing options
// object of keyword arguments with matplotlib's names and aliases (lw, ls, c, ms, ...); unknown
// keywords are refused as matplotlib refuses them.
import { isArrayLike, isPlainObject, unbox } from './data.js';

export type Kwargs = Record<string, any>;

/**
 * Splits a trailing plain object (the keyword arguments) from the positional arguments. Python floats
 * of cells (Number objects) become numbers, in arrays and options too.
 */
export function splitKwargs(args: readonly unknown[]): [unknown[], Kwargs] {
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last) && !isArrayLike(last)) return [args.slice(0, -1).map(unbox), unbox({ ...last })];
  return [args.map(unbox), {}];
}

const ALIASES: Record<string, string> = {
  lw: 'linewidth', ls: 'linestyle', c: 'color', ms: 'markersize', mec: 'markeredgecolor', mfc: 'markerfacecolor',
  mew: 'markeredgewidth', ec: 'edgecolor', fc: 'facecolor', aa: 'antialiased',
};

/** Replaces aliases by full names; `keepC` keeps scatter's `c` (a data argument there, not the color alias). */
export function normalizeAliases(kw: Kwargs, keepC = false): Kwargs {
  const out: Kwargs = {};
  for (const [k, v] of Object.entries(kw)) {
    const full = keepC && k === 'c' ? 'c' : ALIASES[k] ?? k;
    if (full in out && full !== k) throw new TypeError(`Got both '${k}' and '${full}', which are aliases of one another`);
    out[full] = v;
  }
  return out;
}

export class AttributeError extends Error {
  override name = 'AttributeError';
}

/**
 * Binds positional and keyword arguments to parameter names (Python's rules: too many positionals and
 * a keyword given twice are TypeErrors); keywords outside `names` and `extra` are refused with
 * matplotlib's words for the artist that would receive them (`Line2D.set() got an unexpected keyword argument 'foo'`).
 */
export function bind(fn: string, names: readonly string[], args: readonly unknown[], extra: readonly string[] = [], artist?: string, keepC = false): Kwargs {
  const [positional, kwRaw] = splitKwargs(args);
  const kw = normalizeAliases(kwRaw, keepC);
  if (positional.length > names.length) {
    throw new TypeError(`${fn}() takes ${names.length} positional argument${names.length === 1 ? '' : 's'} but ${positional.length} were given`);
  }
  const out: Kwargs = {};
  positional.forEach((v, i) => (out[names[i]!] = v));
  for (const [k, v] of Object.entries(kw)) {
    if (!names.includes(k) && !extra.includes(k)) {
      if (artist) throw new AttributeError(`${artist}.set() got an unexpected keyword argument '${k}'`);
      throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
    }
    if (k in out && out[k] !== undefined) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  return out;
}

/** Positive finite number or the default (for sizes and widths given as keywords). */
export function num(value: unknown, fallback: number, what: string): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new TypeError(`${what} must be a number, not ${typeof value === 'string' ? `'${value}'` : typeof value}`);
  return n;
}
