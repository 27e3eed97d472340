// Tab completion: the global names a cell sees (facades, earlier cells' declarations, builtins,
// keywords) or, after a dot, the members of the value the chain before it names.
import type { TS } from './typescript.js';
import type { CompleteReply } from './types.js';
import { CHAIN_BEFORE, memberNames, resolveChain, toCodePoints, toUtf16 } from './names.js';

const KEYWORDS = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'interface', 'let', 'new',
  'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'undefined', 'using', 'var', 'void',
  'while', 'yield',
];

const DECLARED = /\b(?:const|let|var|function\*?|class|enum|interface|type|namespace)\s+([A-Za-z_$][\w$]*)/g;

export function complete(_ts: typeof TS | undefined, global: Record<string, unknown>, code: string, cursorPos: number): CompleteReply {
  const cursor = toUtf16(code, cursorPos);
  const before = code.slice(0, cursor);
  const m = CHAIN_BEFORE.exec(before)!;
  const chain = m[1] ?? '';
  const partial = m[2] ?? '';
  const start = cursor - partial.length;
  let candidates: string[];
  if (chain !== '') {
    const { found, value } = resolveChain(global, chain);
    candidates = found ? memberNames(value) : [];
  } else {
    const declared = [...code.matchAll(DECLARED)].map((d) => d[1]!);
    candidates = [...Object.getOwnPropertyNames(global), ...Object.getOwnPropertyNames(globalThis), ...KEYWORDS, ...declared];
  }
  const privateOk = partial.startsWith('_');
  const matches = [...new Set(candidates)]
    .filter((n) => n.startsWith(partial) && /^[A-Za-z_$][\w$]*$/.test(n) && (privateOk || !n.startsWith('_')))
    .sort((a, b) => a.localeCompare(b));
  return { matches, cursor_start: toCodePoints(code, start), cursor_end: toCodePoints(code, cursor) };
}
