// Jupyter inspect (Shift-Tab) and IPython's `x?` / `x??`: a facade's signature and documentation,
// else the value's type and repr; detail level 1 adds a function's source.
import { getDoc } from '../api/docs.js';
import { docBody, docOf } from './help.js';
import type { InspectReply } from './types.js';
import { resolveChain, toUtf16 } from './names.js';
import { typeName } from './builtins.js';
import * as printing from './printing.js';

export function inspect(global: Record<string, unknown>, code: string, cursorPos: number, detailLevel: 0 | 1): InspectReply {
  const chain = chainAt(code, toUtf16(code, cursorPos));
  const text = chain === undefined ? undefined : inspectText(global, chain, detailLevel);
  return text === undefined ? { found: false, data: {} } : { found: true, data: { 'text/plain': text } };
}

export function inspectText(global: Record<string, unknown>, chain: string, detailLevel: 0 | 1): string | undefined {
  const { found, value } = resolveChain(global, chain);
  if (!found) return undefined;
  const dot = chain.lastIndexOf('.');
  const parent = dot > 0 ? resolveChain(global, chain.slice(0, dot)).value : undefined;
  const doc = docOf(value, parent, dot > 0 ? chain.slice(dot + 1).trim() : undefined, getDoc);
  const lines: string[] = [];
  if (doc) {
    // IPython's `x?` layout: Signature, Docstring, then (from the op table) facades, methods, example.
    lines.push(`Signature: ${doc.signature}`, 'Docstring:', ...docBody(doc, value, global));
    lines.push(`Type:      ${typeName(value)}`);
    return lines.join('\n');
  }
  if (typeof value === 'function') {
    const source = Function.prototype.toString.call(value);
    lines.push(`Signature: ${chain}${signatureOf(source)}`, `Type: function`);
    if (detailLevel === 1) lines.push('', 'Source:', source);
    return lines.join('\n');
  }
  lines.push(`Type: ${typeName(value)}`, `Repr: ${printing.repr(value)}`);
  return lines.join('\n');
}

/** The parameter list of a function's source text, when it has a readable one. */
function signatureOf(source: string): string {
  const m = /^[^(]*(\([^)]*\))/.exec(source);
  return m ? m[1]! : '(...)';
}

/** The name chain under the cursor, or else the callee of the call the cursor is in. */
function chainAt(code: string, cursor: number): string | undefined {
  const word = /^[\w$]*/.exec(code.slice(cursor))![0];
  const here = /[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*$/.exec(code.slice(0, cursor + word.length));
  if (here && (word !== '' || /[\w$]$/.test(code.slice(0, cursor)))) return here[0];
  let depth = 0;
  for (let i = cursor - 1; i >= 0; i--) {
    const c = code[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        const callee = /[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*\s*$/.exec(code.slice(0, i));
        return callee ? callee[0].trim() : undefined;
      }
      depth--;
    }
  }
  return undefined;
}
