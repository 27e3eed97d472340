// Tab completion. After a dot: the members of what the expression before it is: a name chain
// (`tf.linalg.`) is read from the live values; anything else (`tf.constant([1]).`, `mk().`) is typed by
// TypeScript's language service over the facades' declared types and earlier cells' declarations,
// and what it types `any` (the op table's functions) is taken to be what that function returns: a
// tensor of its library. Elsewhere: the global names a cell sees (facades, earlier cells'
// declarations, builtins, keywords) and the names TypeScript sees in the cell itself.
import { getDoc, getMethodDoc } from '../api/docs.js';
import type { TS } from './typescript.js';
import type { CompleteReply } from './types.js';
import type { TypeChecker } from './typecheck.js';
import { memberNames, resolveChain, toCodePoints, toUtf16 } from './names.js';

const KEYWORDS = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'interface', 'let', 'new',
  'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'undefined', 'using', 'var', 'void',
  'while', 'yield',
];

const DECLARED = /\b(?:const|let|var|function\*?|class|enum|interface|type|namespace)\s+([A-Za-z_$][\w$]*)/g;
const IDENT = /^[A-Za-z_$][\w$]*$/;
const CHAIN = /^[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*$/;

/** IPython's completion types (`_jupyter_types_experimental`). */
type Kind = 'function' | 'class' | 'instance' | 'module' | 'keyword' | 'property' | 'statement';

export function complete(_ts: typeof TS | undefined, global: Record<string, unknown>, code: string, cursorPos: number, types?: TypeChecker): CompleteReply {
  const cursor = toUtf16(code, cursorPos);
  const before = code.slice(0, cursor);
  const partial = /[A-Za-z_$][\w$]*$/.exec(before)?.[0] ?? '';
  const start = cursor - partial.length;
  const head = before.slice(0, start);
  // A member after `.` or `?.` (not a spread `...`, not the point of a number `1.`).
  const dot = /(\??\.)\s*$/.exec(head);
  const isMember = dot !== null && !/\.\.\.\s*$/.test(head);
  const afterNumber = /(^|[^\w$.])\d+\.\s*$/.test(head);
  const candidates = new Map<string, Kind>();
  const add = (name: string, kind: Kind) => { if (!candidates.has(name)) candidates.set(name, kind); };
  if (afterNumber) {
    // `1.` is a number being typed: nothing to complete.
  } else if (isMember) {
    const expression = head.slice(0, head.length - dot[0].length);
    const object = objectOf(global, expression);
    if (object.found) {
      const hidden = flavorOf(object.value) === undefined ? undefined : object.value && flavorOf(object.value) === 'torch' ? TENSOR_INTERNALS : NON_TORCH_INTERNALS;
      for (const name of memberNames(object.value)) {
        if (hidden?.has(name)) continue;
        const kind = memberKind(object.value, name);
        if (kind) add(name, kind);
      }
    } else {
      const ts = typeCompletions(types, code, start, global, true);
      for (const e of ts) add(e.name, e.kind);
    }
  } else {
    for (const name of [...Object.getOwnPropertyNames(global), ...Object.getOwnPropertyNames(globalThis)]) {
      if (name.startsWith(partial)) add(name, kindOf(ownValue(global, name)));
    }
    for (const k of KEYWORDS) add(k, 'keyword');
    for (const d of code.matchAll(DECLARED)) add(d[1]!, 'statement');
    // Parameters and locals of the cell itself, as TypeScript sees them (inside a block or a call only:
    // the language service's first answer takes a second, not worth it for a top-level name).
    if (partial !== '' && insideBrackets(head)) for (const e of typeCompletions(types, code, start, global, false)) add(e.name, e.kind);
  }
  const privateOk = partial.startsWith('_');
  const matches = [...candidates.keys()]
    .filter((n) => n.startsWith(partial) && IDENT.test(n) && (privateOk || !n.startsWith('_')))
    .sort((a, b) => a.localeCompare(b));
  const cursorStart = toCodePoints(code, start);
  const cursorEnd = toCodePoints(code, cursor);
  return {
    matches,
    cursor_start: cursorStart,
    cursor_end: cursorEnd,
    metadata: {
      _jupyter_types_experimental: matches.map((text) => ({ start: cursorStart, end: cursorEnd, text, type: candidates.get(text)! })),
    },
  };
}

/** TypeScript's completions at `position`, member ones or not; none without a language service. */
function typeCompletions(types: TypeChecker | undefined, code: string, position: number, global: Record<string, unknown>, member: boolean): Array<{ name: string; kind: Kind }> {
  if (!types) return [];
  let found;
  try {
    found = types.completions(code, position, global);
  } catch {
    return [];
  }
  if (!found || found.isMember !== member) return [];
  return found.entries.filter((e) => !member || e.kind !== 'warning').map((e) => ({ name: e.name, kind: tsKind(e.kind) }));
}

function tsKind(kind: string): Kind {
  switch (kind) {
    case 'method': case 'function': case 'local function': case 'construct': case 'call': return 'function';
    case 'class': case 'local class': case 'interface': case 'type': case 'enum': return 'class';
    case 'module': case 'external module name': return 'module';
    case 'keyword': return 'keyword';
    case 'property': case 'getter': case 'setter': return 'property';
    default: return 'instance';
  }
}

function ownValue(global: Record<string, unknown>, name: string): unknown {
  try {
    return Object.prototype.hasOwnProperty.call(global, name) ? global[name] : (globalThis as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

function kindOf(value: unknown): Kind {
  if (typeof value === 'function') return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  return 'instance';
}

/** A member's kind, or undefined when reading it fails (a method another library's tensors have). */
function memberKind(object: unknown, name: string): Kind | undefined {
  try {
    return kindOf((object as Record<string, unknown>)[name]);
  } catch {
    return undefined;
  }
}

/**
 * What the expression before a dot is, without running the user's code: a name chain's live value,
 * or, for a call of an op-table function or tensor method, a small tensor of the library it returns.
 */
function objectOf(global: Record<string, unknown>, expression: string): { found: boolean; value: unknown } {
  const text = expression.trim();
  if (CHAIN.test(text)) return resolveChain(global, text);
  if (!text.endsWith(')')) return { found: false, value: undefined };
  const open = matchingOpen(text);
  if (open < 0) return { found: false, value: undefined };
  const callee = text.slice(0, open).trim();
  const dot = callee.lastIndexOf('.');
  if (CHAIN.test(callee)) {
    const { found, value } = resolveChain(global, callee);
    const doc = found ? getDoc(value) : undefined;
    const library = doc?.row ? /^(np|jnp|jax|torch|tf)\./.exec(doc.signature)?.[1] : undefined;
    if (library) return sample(global, library);
    if (dot > 0) {
      const parent = resolveChain(global, callee.slice(0, dot));
      const flavor = parent.found ? flavorOf(parent.value) : undefined;
      if (flavor && getMethodDoc(parent.value, callee.slice(dot + 1).trim())) return sample(global, flavor);
    }
    return { found: false, value: undefined };
  }
  // `tf.constant([1]).numpy()`: a method of a sample is called (with no arguments) on that sample, ours to call.
  if (dot > 0) {
    const receiver = objectOf(global, callee.slice(0, dot));
    const name = callee.slice(dot + 1).trim();
    if (receiver.found && isSample(receiver.value) && IDENT.test(name)) {
      try {
        const value = (receiver.value as Record<string, (...a: unknown[]) => unknown>)[name]!();
        if (value !== null && typeof value === 'object') samples.add(value);
        return { found: true, value };
      } catch {
        return { found: false, value: undefined };
      }
    }
  }
  return { found: false, value: undefined };
}

/** Whether text ends inside an open `{` or `(` (a rough count: strings and comments are not told apart). */
function insideBrackets(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '{' || c === '(') depth++;
    else if ((c === '}' || c === ')') && depth > 0) depth--;
  }
  return depth > 0;
}

/** The index of the `(` that the final `)` closes, or -1. */
function matchingOpen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      depth--;
      if (depth === 0) return c === '(' ? i : -1;
    }
  }
  return -1;
}

/**
 * A tensor's fields and methods that are Jacobi's bookkeeping, not an attribute of the library's tensor
 * (src/tensor/tensor.ts); outside PyTorch, `requires_grad` and `grad` too.
 */
const TENSOR_INTERNALS = new Set(['dt', 'dims', 'count', 'flavor', 'weak', 'scalar', 'version', 'viewOf', 'exclusive', 'share', 'refresh', 'assignData', 'replaceData', 'getItem', 'toString', 'values', 'concrete', 'gradFnName']);
const NON_TORCH_INTERNALS = new Set([...TENSOR_INTERNALS, 'requires_grad', 'grad']);

const MAKER: Record<string, string> = { np: 'np.array', numpy: 'np.array', jnp: 'jnp.array', jax: 'jnp.array', torch: 'torch.tensor', tf: 'tf.constant' };
const samples = new WeakSet<object>();
const isSample = (x: unknown): boolean => typeof x === 'object' && x !== null && samples.has(x);

/** A one-element float tensor of a library, made by its facade. */
function sample(global: Record<string, unknown>, library: string): { found: boolean; value: unknown } {
  const make = resolveChain(global, MAKER[library] ?? '');
  if (!make.found || typeof make.value !== 'function') return { found: false, value: undefined };
  try {
    const value = (make.value as (x: unknown) => unknown)([0.5]);
    if (value !== null && typeof value === 'object') samples.add(value);
    return { found: true, value };
  } catch {
    return { found: false, value: undefined };
  }
}

/** The library of a tensor (its `flavor`), when it is one. */
function flavorOf(x: unknown): string | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  try {
    const f = (x as { flavor?: unknown }).flavor;
    return typeof f === 'string' && f in MAKER ? f : undefined;
  } catch {
    return undefined;
  }
}
