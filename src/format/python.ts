// Python's repr of the value a JS value stands for: list, int/float, bool, None, str, dict, set.
// Tensors and variables are delegated to the caller's `tensorRepr` so this file stays flavor-free.
import { floatScalarRepr } from './digits.js';
import { PY_REPR } from '../tensor/printable.js';
import { PyFloat } from '../tensor/scalars.js';
import { NamedTuple, PyTuple } from '../tensor/pytuple.js';

/** Python `repr(float)` (`1.0`, `2.5`, `1e-05`, `inf`). */
export function pyFloatRepr(x: number): string {
  return floatScalarRepr(x, false);
}

/**
 * JS has one number type: an integral value prints as a Python int, anything else as a Python float.
 * Beyond 2^53 integral values are float results (1.5e300), so they print as floats too.
 */
export function pyNumberRepr(x: number): string {
  if (Number.isSafeInteger(x)) return String(x === 0 ? 0 : x);
  return floatScalarRepr(x, false);
}

/** Python `repr(str)`: single quotes unless the text has ' and no ", escapes for the rest. */
export function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0xd800 && c < 0xe000) out += '\\u' + c.toString(16).padStart(4, '0'); // lone surrogate
    else out += ch;
  }
  return out + quote;
}

export type Special = (x: object) => string | undefined;

const addresses = new WeakMap<object, string>();
let nextAddress = 0x7f3a1c400000;
/** A stable, made-up address for an object's default repr (Python shows its memory address). */
function addressOf(o: object): string {
  let a = addresses.get(o);
  if (a === undefined) { a = (nextAddress += 0x50).toString(16); addresses.set(o, a); }
  return a;
}

/**
 * Python repr of a JS value. `special` handles objects this module does not know (tensors, shapes):
 * it returns their text or undefined.
 */
export function pyRepr(x: unknown, special: Special, seen: Set<object> = new Set()): string {
  switch (typeof x) {
    case 'number':
      return pyNumberRepr(x);
    case 'bigint':
      return x.toString();
    case 'boolean':
      return x ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'string':
      return pyStringRepr(x);
    case 'symbol':
      return x.toString();
    case 'function': {
      // Callable objects (a torch Module, a Keras loss) carry their own text.
      const own = (x as { [PY_REPR]?: () => string })[PY_REPR];
      return typeof own === 'function' ? own.call(x) : `<function ${x.name || '<lambda>'}>`;
    }
    default:
      break;
  }
  if (x === null) return 'None';
  const obj = x as object;
  const sp = special(obj);
  if (sp !== undefined) return sp;
  const own = (obj as { [PY_REPR]?: () => string })[PY_REPR];
  if (typeof own === 'function') return own.call(obj);
  if (obj instanceof PyFloat) return floatScalarRepr(obj.valueOf(), false);
  if (seen.has(obj)) return Array.isArray(obj) ? '[...]' : '{...}';
  seen.add(obj);
  try {
    const r = (v: unknown): string => pyRepr(v, special, seen);
    if (obj instanceof NamedTuple) {
      // torch.return_types prints one field per line; other named tuples on one line.
      const parts = obj.fields.map((f, i) => `${f}=${r(obj[i])}`);
      return obj.typeName.startsWith('torch.return_types.') ? `${obj.typeName}(\n${parts.join(',\n')})` : `${obj.typeName}(${parts.join(', ')})`;
    }
    if (obj instanceof PyTuple) return obj.length === 1 ? `(${r(obj[0])},)` : '(' + obj.map(r).join(', ') + ')';
    if (Array.isArray(obj)) return '[' + obj.map(r).join(', ') + ']';
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      return '[' + Array.from(obj as unknown as ArrayLike<number | bigint>, r).join(', ') + ']';
    }
    if (obj instanceof Map) return '{' + Array.from(obj, ([k, v]) => `${r(k)}: ${r(v)}`).join(', ') + '}';
    if (obj instanceof Set) return obj.size === 0 ? 'set()' : '{' + Array.from(obj, r).join(', ') + '}';
    if (obj instanceof Error) return `${obj.name}(${pyStringRepr(obj.message)})`;
    if (obj instanceof Date) return obj.toISOString();
    const proto = Object.getPrototypeOf(obj) as object | null;
    if (proto !== null && proto !== Object.prototype) {
      // A class instance with its own text (e.g. a toString override) prints that text; any other
      // prints as Python's default repr does (its class and a stable made-up address), not its fields.
      const ts = (obj as { toString?: unknown }).toString;
      if (typeof ts === 'function' && ts !== Object.prototype.toString) return String(obj);
      const name = (obj.constructor as { name?: string } | undefined)?.name || 'object';
      return `<${name} object at 0x${addressOf(obj)}>`;
    }
    const entries = Object.entries(obj);
    return '{' + entries.map(([k, v]) => `${pyStringRepr(k)}: ${r(v)}`).join(', ') + '}';
  } finally {
    seen.delete(obj);
  }
}
