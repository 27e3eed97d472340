// Python signatures: parsed from the text the libraries document (`sum(a, axis=None, *, where=True)`)
// and used to bind a call's positional arguments and trailing keyword object to parameter names,
// with Python's errors for what does not fit.
import { isPlainObject } from '../autodiff/tree.js';
import { PyFloat } from '../tensor/scalars.js';

export interface Param {
  readonly name: string;
  /** Whether a default is given (`None` is a default of null). */
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly kind: 'positional' | 'keyword' | 'varargs' | 'varkw';
  /** Before a `/`: may not be passed by keyword. */
  readonly positionalOnly: boolean;
}

export interface Signature {
  /** The function's name as written (`sum`, `linalg.norm`). */
  readonly name: string;
  readonly params: readonly Param[];
  /** The text, for help(). */
  readonly text: string;
}

/** A Python literal default: None, True, False, numbers, strings, tuples of those. */
function literal(src: string): unknown {
  const s = src.trim();
  if (s === 'None') return null;
  if (s === 'True') return true;
  if (s === 'False') return false;
  if (/^-?(\d+\.\d*|\.\d+|\d+e-?\d+)$/i.test(s)) {
    const v = Number(s);
    return Number.isInteger(v) ? new PyFloat(v) : v;
  }
  if (/^-?inf$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^(['"]).*\1$/.test(s)) return s.slice(1, -1);
  if (s.startsWith('(') && s.endsWith(')')) {
    const inner = s.slice(1, -1).trim();
    return inner === '' ? [] : splitTop(inner).filter((p) => p.trim() !== '').map(literal);
  }
  // Anything else (a constant name such as np.inf or a dtype) is kept as its text.
  return s;
}

/** Splits on commas outside brackets and quotes. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0, quote = '', start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) { parts.push(s.slice(start, i)); start = i + 1; }
  }
  parts.push(s.slice(start));
  return parts;
}

const cache = new Map<string, Signature>();

export function parseSignature(text: string): Signature {
  const hit = cache.get(text);
  if (hit) return hit;
  const open = text.indexOf('(');
  if (open < 0 || !text.endsWith(')')) throw new Error(`not a Python signature: ${text}`);
  const name = text.slice(0, open).trim();
  const inner = text.slice(open + 1, -1).trim();
  const params: Param[] = [];
  let keywordOnly = false;
  const raw = inner === '' ? [] : splitTop(inner).map((p) => p.trim()).filter((p) => p !== '');
  const slash = raw.indexOf('/');
  raw.forEach((p, i) => {
    if (p === '/') return;
    if (p === '*') { keywordOnly = true; return; }
    if (p.startsWith('**')) { params.push({ name: p.slice(2), hasDefault: false, default: undefined, kind: 'varkw', positionalOnly: false }); return; }
    if (p.startsWith('*')) { params.push({ name: p.slice(1), hasDefault: false, default: undefined, kind: 'varargs', positionalOnly: false }); keywordOnly = true; return; }
    const eq = p.indexOf('=');
    const pname = (eq < 0 ? p : p.slice(0, eq)).trim();
    params.push({
      name: pname,
      hasDefault: eq >= 0,
      default: eq >= 0 ? literal(p.slice(eq + 1)) : undefined,
      kind: keywordOnly ? 'keyword' : 'positional',
      positionalOnly: i < slash,
    });
  });
  const sig = { name, params, text };
  cache.set(text, sig);
  return sig;
}

export class PyTypeError extends TypeError {
  override name = 'TypeError';
}

/**
 * Binds arguments to parameter names, Python's way: positional ones in order, then the trailing
 * keyword object (a plain object whose keys are parameter names). Missing parameters take their
 * defaults; Python's TypeError for too many, unknown, repeated or missing arguments.
 */
export function bindArgs(sig: Signature, args: readonly unknown[]): Record<string, unknown> {
  const fn = sig.name.split('.').pop();
  let positional = args;
  let kw: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last) && Object.keys(last).length > 0) {
    const keys = Object.keys(last);
    const named = (k: string) => sig.params.some((p) => p.name === k && p.kind !== 'varargs' && p.kind !== 'varkw' && !p.positionalOnly);
    const hasVarkw = sig.params.some((p) => p.kind === 'varkw');
    // A trailing plain object is the keywords (Python's f(a, axis=1)); every key must name a parameter.
    // One whose keys are not all parameters, given where a required positional parameter is still
    // missing, is that argument (a dict: jax.tree_util.tree_map(f, {a: 1})).
    const unknown = keys.find((k) => !named(k));
    const required = sig.params.filter((p) => p.kind === 'positional' && !p.hasDefault).length;
    const isData = unknown !== undefined && !hasVarkw && args.length - 1 < required;
    if (!isData) {
      if (unknown !== undefined && !hasVarkw) throw new PyTypeError(`${fn}() got an unexpected keyword argument '${unknown}'`);
      kw = last;
      positional = args.slice(0, -1);
    }
  }
  const out: Record<string, unknown> = {};
  const posParams = sig.params.filter((p) => p.kind === 'positional');
  const varargs = sig.params.find((p) => p.kind === 'varargs');
  if (positional.length > posParams.length && !varargs) {
    const required = posParams.filter((p) => !p.hasDefault).length;
    const takes = required === posParams.length ? `${posParams.length}` : `from ${required} to ${posParams.length}`;
    throw new PyTypeError(`${fn}() takes ${takes} positional argument${posParams.length === 1 ? '' : 's'} but ${positional.length} ${positional.length === 1 ? 'was' : 'were'} given`);
  }
  posParams.forEach((p, i) => { if (i < positional.length) out[p.name] = positional[i]; });
  if (varargs) out[varargs.name] = positional.slice(posParams.length);
  const varkw = sig.params.find((p) => p.kind === 'varkw');
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) {
    const p = sig.params.find((q) => q.name === k && q.kind !== 'varargs' && q.kind !== 'varkw');
    if (p === undefined) { extra[k] = v; continue; }
    if (k in out) throw new PyTypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  if (varkw) out[varkw.name] = extra;
  const missing = sig.params.filter((p) => (p.kind === 'positional' || p.kind === 'keyword') && !p.hasDefault && !(p.name in out));
  if (missing.length) {
    const names = missing.map((p) => `'${p.name}'`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const kind = missing.every((p) => p.kind === 'keyword') ? 'keyword-only argument' : 'positional argument';
    throw new PyTypeError(`${fn}() missing ${missing.length} required ${kind}${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  for (const p of sig.params) {
    if (!(p.name in out) && p.hasDefault) out[p.name] = p.default;
  }
  return out;
}
