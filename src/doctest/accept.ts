// --accept: writes what failed examples actually printed back into their files, replacing only the
// expected-output lines (Markdown, doc comments) or one cell's "outputs" array (notebooks).
import { splitLines } from './lines.js';
import { parseJsonWithSpans } from './jsonspans.js';
import type { LoadedFile } from './load.js';
import type { Output, TranscriptExample } from './types.js';

export interface TranscriptFix {
  example: TranscriptExample;
  text: string;
}

export function acceptTranscripts(text: string, fixes: TranscriptFix[]): string {
  const { lines, eols } = splitLines(text);
  // From the bottom up, so earlier line numbers stay valid.
  for (const { example, text: want } of [...fixes].sort((a, b) => b.example.wantStart - a.example.wantStart)) {
    const eol = eols[example.line - 1] || '\n';
    const body = want === '' ? [] : want.replace(/\n$/, '').split('\n').map((l) => example.prefix + l);
    lines.splice(example.wantStart, example.wantEnd - example.wantStart, ...body);
    eols.splice(example.wantStart, example.wantEnd - example.wantStart, ...body.map(() => eol));
  }
  return lines.map((l, i) => l + eols[i]).join('');
}

/** Jupyter's multiline strings: a list of lines, each keeping its newline. */
function multiline(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** An output as nbformat writes it (keys sorted). */
function stored(o: Output, executionCount: unknown): Record<string, unknown> {
  const data = (d: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(d).sort().map((k) => [k, typeof d[k] === 'string' ? multiline(d[k] as string) : d[k]]));
  switch (o.output_type) {
    case 'stream':
      return { name: o.name, output_type: 'stream', text: multiline(o.text) };
    case 'execute_result':
      return { data: data(o.data), execution_count: executionCount ?? null, metadata: {}, output_type: 'execute_result' };
    case 'display_data':
      return { data: data(o.data), metadata: {}, output_type: 'display_data' };
    case 'error':
      return { ename: o.ename, evalue: o.evalue, output_type: 'error', traceback: o.traceback };
  }
}

export function acceptCells(text: string, fixes: { cellIndex: number; outputs: Output[] }[]): string {
  const root = parseJsonWithSpans(text);
  const cells = root.members?.get('cells')?.items ?? [];
  // The file's own indent unit (Jupyter writes 1 space), taken from its first indented line.
  const unit = /\n([ \t]+)\S/.exec(text)?.[1] ?? ' ';
  const edits = fixes.map(({ cellIndex, outputs }) => {
    const cell = cells[cellIndex]!;
    const node = cell.members!.get('outputs')!;
    const lineStart = text.lastIndexOf('\n', node.start) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const count = (cell.value as { execution_count?: unknown }).execution_count;
    const json = JSON.stringify(outputs.map((o) => stored(o, count)), null, unit).replace(/\n/g, '\n' + indent);
    return { start: node.start, end: node.end, json };
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.json + out.slice(e.end);
  return out;
}

/** The file's new text with every acceptable failure replaced, or null when nothing changes. */
export function acceptFile(file: LoadedFile, fixes: { example: LoadedFile['examples'][number]; accept: { text: string } | { outputs: Output[] } }[]): string | null {
  if (fixes.length === 0) return null;
  const next =
    file.kind === 'notebook'
      ? acceptCells(file.text, fixes.flatMap((f) => (f.example.kind === 'cell' && 'outputs' in f.accept ? [{ cellIndex: f.example.cellIndex, outputs: f.accept.outputs }] : [])))
      : acceptTranscripts(file.text, fixes.flatMap((f) => (f.example.kind === 'transcript' && 'text' in f.accept ? [{ example: f.example, text: f.accept.text }] : [])));
  return next === file.text ? null : next;
}
