// Python examples for the doctest runner: `>>>` examples in the docstrings of a .py file, in plain
// text (Python's doctest.testfile), and notebook transcripts, where a cell's code (after an
// `In [N]:` line) is followed by what it printed, with nothing between them but blank lines.
import { splitLines } from './lines.js';
import { checkOutput } from './checker.js';
import { gotText, judgeTranscript, type RunResult, type Verdict } from './judge.js';
import { ParseError, parseTranscript, type TranscriptLine } from './transcript.js';
import type { Flags, Output, SegmentExample, TranscriptExample } from './types.js';

export type Lang = 'typescript' | 'python';

/**
 * Marks examples as Python's, leaving out those whose source is only comments (Python's doctest
 * makes no example of `>>> # a comment`).
 */
export function asPython<T extends { lang?: Lang; source?: string }>(examples: T[]): T[] {
  const kept = examples.filter((e) => e.source === undefined || !/^(\s*(#.*)?\n?)*$/.test(e.source));
  for (const e of kept) e.lang = 'python';
  return kept;
}

/** Python's doctest.testfile: the whole text is one docstring. */
export function parsePlainText(text: string): TranscriptExample[] {
  const { lines } = splitLines(text);
  return asPython(parseTranscript(lines.map((l, index) => ({ text: l, outer: '', index }))));
}

// ------------------------------------------------------------------------------------ .py files

const STRING_START = /([rRbBuUfF]{0,2})("""|'''|"|')/y;

/**
 * The triple-quoted string literals of a Python source that hold `>>>` examples (docstrings, and
 * the occasional string that doctest's finder also reads through `__test__`), each as lines with
 * their line numbers in the file. Escapes of non-raw strings are decoded as Python would.
 */
export function parsePythonSource(text: string): TranscriptExample[] {
  const examples: TranscriptExample[] = [];
  let i = 0;
  let line = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    STRING_START.lastIndex = i;
    const m = /[A-Za-z_0-9]/.test(text[i - 1] ?? '') ? null : STRING_START.exec(text);
    if (!m) { i++; continue; }
    const prefix = m[1]!.toLowerCase();
    const quote = m[2]!;
    const bodyStart = i + m[0].length;
    const startLine = line;
    let j = bodyStart;
    while (j < n) {
      if (text[j] === '\\') { j += 2; continue; }
      if (text.startsWith(quote, j)) break;
      if (quote.length === 1 && text[j] === '\n') break;
      j++;
    }
    const body = text.slice(bodyStart, j);
    for (const ch of text.slice(i, Math.min(j + quote.length, n))) if (ch === '\n') line++;
    i = Math.min(j + quote.length, n);
    if (quote.length === 3 && body.includes('>>>') && !prefix.includes('b')) {
      const decoded = prefix.includes('r') ? body : decodeEscapes(body);
      examples.push(...parseTranscript(decoded.split('\n').map((t, k): TranscriptLine => ({ text: t, outer: '', index: startLine + k }))));
    }
  }
  return asPython(examples);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function decodeEscapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (whole, e: string) => {
    if (e in ESCAPES) return ESCAPES[e]!;
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return whole;
  });
}

/** Setup for a .py file: its examples see the module's globals, as doctest.testmod gives them. */
export function pythonModuleSetup(path: string, text: string): string {
  const name = path.replace(/^.*[\\/]/, '').replace(/\.py$/, '');
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  return `import _jacobi.doctest_support as _jacobi_doctest; _jacobi_doctest.load_module(${JSON.stringify(b64)}, ${JSON.stringify(path)}, ${JSON.stringify(name)}, globals()); del _jacobi_doctest`;
}

// ------------------------------------------------------------------------------------ transcripts

const CELL_MARK = /^In \[\s*\d*\s*\]:\s*$/;
const HEADING = /^#{1,6} \S/;

/** Whether a text is a notebook transcript (`In [2]:` lines before cells). */
export function isNotebookTranscript(text: string): boolean {
  return splitLines(text).lines.some((l) => CELL_MARK.test(l));
}

/**
 * The cells of a notebook transcript. A cell runs from its `In [N]:` line to the next one; a
 * Markdown heading at its very end (after a blank line) belongs to the notebook's text, not to the
 * output. Where code ends and output begins is found by running it (src/python/py/_jacobi/transcript.py).
 */
export function parseNotebookTranscript(text: string): SegmentExample[] {
  const { lines } = splitLines(text);
  const marks = lines.map((l, i) => (CELL_MARK.test(l) ? i : -1)).filter((i) => i >= 0);
  return marks.map((m, k) => {
    let end = k + 1 < marks.length ? marks[k + 1]! : lines.length;
    const blank = (i: number) => lines[i]!.trim() === '';
    const trim = () => { while (end > m + 1 && blank(end - 1)) end--; };
    trim();
    while (end > m + 2 && HEADING.test(lines[end - 1]!) && blank(end - 2)) {
      end--;
      trim();
    }
    return { kind: 'segment', lang: 'python', lines: lines.slice(m + 1, end), start: m + 1, line: m + 1, flags: {} };
  });
}

/**
 * Lines the original library wrote to stderr about its installation, which a transcript mixes into
 * a cell's output and Jacobi does not print: they are left out of the expected text.
 */
export const PLATFORM_LINES: RegExp[] = [
  /^(?:WARNING:absl:)?No GPU\/TPU found, falling back to CPU\. \(Set TF_CPP_MIN_LOG_LEVEL=0 and rerun for more info\.\)$/,
];

/** A transcript's output as compared: platform lines out, trailing spaces and blank lines at the ends ignored. */
export function normalizeTranscriptOutput(text: string): string {
  const lines = text.split('\n').filter((l) => !PLATFORM_LINES.some((re) => re.test(l.trim()))).map((l) => l.trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Whether what a transcript cell printed so far is the output the transcript shows. */
export function transcriptMatches(got: string, want: string, flags: Flags): boolean {
  return checkOutput(normalizeTranscriptOutput(want), normalizeTranscriptOutput(got), flags).ok;
}

/** The example a segment becomes once the run found where its code ends (`split` lines of code). */
export function segmentExample(seg: SegmentExample, split: number): TranscriptExample {
  const rest = seg.lines.slice(split);
  let first = 0;
  while (first < rest.length && rest[first]!.trim() === '') first++;
  const want = rest.slice(first);
  return {
    kind: 'transcript',
    lang: 'python',
    source: seg.lines.slice(0, split).join('\n'),
    want: want.length ? want.join('\n') + '\n' : '',
    line: seg.line,
    wantStart: seg.start + split + first,
    wantEnd: seg.start + split + first + want.length,
    prefix: '',
    flags: seg.flags,
  };
}

export { ParseError };

/** A transcript cell's verdict: what it printed against the transcript's text, normalized alike. */
export function judgeSegment(ex: TranscriptExample, flags: Flags, run: RunResult): Verdict {
  const error = run.outputs.find((o) => o.output_type === 'error');
  const printed = normalizeTranscriptOutput(gotText(run.outputs.filter((o) => o.output_type !== 'error')));
  const outputs: Output[] = [
    ...(printed === '' || error ? [] : [{ output_type: 'stream' as const, name: 'stdout' as const, text: printed }]),
    ...(error ? [error] : []),
  ];
  return judgeTranscript({ ...ex, want: normalizeTranscriptOutput(ex.want) }, flags, { ...run, outputs });
}
