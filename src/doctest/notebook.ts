// Notebooks with the jacobi kernelspec: every code cell is an example whose stored outputs are the
// expectation. Markers: a `// doctest: +SKIP` (or +IGNORE_OUTPUT, +RAISES, any flag) comment in the
// cell, or cell metadata tags `doctest-skip`, `doctest-ignore-output`, `doctest-raises`, ...;
// notebook metadata `"doctest": "+TOLERANCE"` sets file-level flags.
import { DirectiveError, mergeFlags, parseDirective, sourceDirectives } from './directives.js';
import { parseJsonWithSpans, type JsonNode } from './jsonspans.js';
import { ParseError } from './transcript.js';
import { FLAG_NAMES, type CellExample, type FlagName, type Flags, type Output } from './types.js';
import type { MimeBundle } from '../session/types.js';

export interface ParsedNotebook {
  examples: CellExample[];
  flags: Flags;
  root: JsonNode;
}

type Multiline = string | string[] | undefined;
const joined = (s: Multiline): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

/** True for a notebook whose kernelspec is Jacobi's (others are not ours to run). */
export function isJacobiNotebook(nb: unknown): boolean {
  const ks = (nb as { metadata?: { kernelspec?: { name?: string } } })?.metadata?.kernelspec;
  return ks?.name === 'jacobi';
}

/** The cells' language of a notebook Jacobi runs: its kernels' notebooks and any Python notebook; null for others. */
export function notebookLanguage(nb: unknown): 'typescript' | 'python' | null {
  const meta = (nb as { metadata?: { kernelspec?: { name?: string; language?: string }; language_info?: { name?: string } } })?.metadata;
  if (isJacobiNotebook(nb)) return 'typescript';
  if (meta?.kernelspec?.name === 'jacobi-python') return 'python';
  const language = meta?.kernelspec?.language ?? meta?.language_info?.name;
  return language === 'python' ? 'python' : null;
}

function tagFlags(tags: unknown): Flags {
  const flags: Flags = {};
  if (!Array.isArray(tags)) return flags;
  for (const tag of tags) {
    const m = typeof tag === 'string' ? /^doctest-([a-z-]+)$/.exec(tag) : null;
    const name = m?.[1]!.toUpperCase().replace(/-/g, '_');
    if (name && name !== 'TOLERANCE' && (FLAG_NAMES as readonly string[]).includes(name)) flags[name as Exclude<FlagName, 'TOLERANCE'>] = true;
  }
  return flags;
}

function storedOutput(o: Record<string, unknown>): Output | null {
  switch (o['output_type']) {
    case 'stream':
      return { output_type: 'stream', name: o['name'] === 'stderr' ? 'stderr' : 'stdout', text: joined(o['text'] as Multiline) };
    case 'execute_result':
    case 'display_data': {
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((o['data'] ?? {}) as Record<string, unknown>)) data[k] = typeof v === 'string' || Array.isArray(v) ? joined(v as Multiline) : v;
      return { output_type: o['output_type'], data: { 'text/plain': '', ...data } as MimeBundle };
    }
    case 'error':
      return { output_type: 'error', ename: String(o['ename'] ?? ''), evalue: String(o['evalue'] ?? ''), traceback: (o['traceback'] as string[]) ?? [] };
    default:
      return null;
  }
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function parseNotebook(text: string): ParsedNotebook | null {
  const root = parseJsonWithSpans(text);
  const lang = notebookLanguage(root.value);
  if (lang === null) return null;
  const meta = (root.value as { metadata: Record<string, unknown> }).metadata;
  const directive = (d: string, line: number): Flags => {
    try {
      return parseDirective(d);
    } catch (e) {
      if (e instanceof DirectiveError) throw new ParseError(e.message, line);
      throw e;
    }
  };
  const fileFlags = typeof meta['doctest'] === 'string' ? directive(meta['doctest'], lineOf(text, root.members!.get('metadata')!.start)) : {};
  const examples: CellExample[] = [];
  (root.members?.get('cells')?.items ?? []).forEach((cellNode, cellIndex) => {
    const cell = cellNode.value as { cell_type?: string; source?: Multiline; outputs?: Record<string, unknown>[]; metadata?: { tags?: unknown } };
    if (cell.cell_type !== 'code') return;
    const source = joined(cell.source);
    const line = lineOf(text, cellNode.start);
    let flags: Flags;
    try {
      flags = mergeFlags(tagFlags(cell.metadata?.tags), sourceDirectives(source));
    } catch (e) {
      if (e instanceof DirectiveError) throw new ParseError(e.message, line);
      throw e;
    }
    const outputs = (cell.outputs ?? []).map(storedOutput).filter((o): o is Output => o !== null);
    examples.push({ kind: 'cell', source, line, cellIndex, outputs, flags, ...(lang === 'python' ? { lang } : {}) });
  });
  return { examples, flags: fileFlags, root };
}
