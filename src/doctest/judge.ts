// Decides whether an example passed, from what it printed when run.
import { checkOutput } from './checker.js';
import { checkException, expectedException, exceptionWant, formatException } from './exceptions.js';
import type { CellExample, Flags, Output, TranscriptExample } from './types.js';

/** How running one example ended, as the executor reports it. */
export type RunResult =
  | { status: 'done'; outputs: Output[] }
  | { status: 'timeout'; seconds: number; outputs: Output[] }
  | { status: 'crash'; message: string; outputs: Output[] };

export interface Verdict {
  status: 'passed' | 'failed' | 'skipped';
  /** Texts for the report; for cells a rendering of the outputs. */
  want: string;
  got: string;
  message?: string;
  /** What --accept writes for a failed example (expected-output text, or a cell's outputs); absent when it must not. */
  accept?: { text: string } | { outputs: Output[] };
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** Streams, then results and displays as their text/plain, the way a doctest transcript shows them. */
export function gotText(outputs: Output[]): string {
  let text = '';
  for (const o of outputs) {
    if (o.output_type === 'stream') text += o.text;
    else if (o.output_type === 'execute_result' || o.output_type === 'display_data') text += o.data['text/plain'] + '\n';
  }
  // As Python's doctest: a transcript cannot show a missing final newline, so one is added.
  return text !== '' && !text.endsWith('\n') ? text + '\n' : text;
}

/** The text --accept writes: empty lines become `<BLANKLINE>`. */
export function markBlankLines(got: string): string {
  return got.replace(/^(?=\n)/gm, '<BLANKLINE>');
}

/** An error in Python's layout: header, the stack frames the session reported, the exception line. */
function pythonTraceback(error: Extract<Output, { output_type: 'error' }>): string {
  const frames = error.traceback.flatMap((l) => stripAnsi(l).split('\n')).filter((l) => /^\s+\S/.test(l));
  return `Traceback (most recent call last):\n${frames.map((l) => l + '\n').join('')}${formatException(error.ename, error.evalue)}`;
}

function errorOf(outputs: Output[]): Extract<Output, { output_type: 'error' }> | undefined {
  return outputs.find((o): o is Extract<Output, { output_type: 'error' }> => o.output_type === 'error');
}

function abnormal(run: RunResult, want: string, got: string): Verdict | null {
  if (run.status === 'timeout') return { status: 'failed', want, got, message: `timed out after ${run.seconds} s` };
  if (run.status === 'crash') return { status: 'failed', want, got, message: run.message };
  return null;
}

export function judgeTranscript(ex: TranscriptExample, flags: Flags, run: RunResult): Verdict {
  if (flags.SKIP) return { status: 'skipped', want: ex.want, got: '' };
  const error = errorOf(run.outputs);
  const got = error ? pythonTraceback(error) : gotText(run.outputs);
  const bad = abnormal(run, ex.want, got);
  if (bad) return bad;
  const acceptText = (text: string) => ({ text: markBlankLines(text) });
  if (error) {
    if (flags.RAISES && ex.want === '') return { status: 'passed', want: ex.want, got };
    const check = checkException(ex.want, error.ename, error.evalue, flags);
    if (check.ok) return { status: 'passed', want: ex.want, got };
    return {
      status: 'failed',
      want: ex.want,
      got,
      message: check.message ?? (expectedException(ex.want) !== null || ex.want.startsWith(error.ename) ? 'the exception differs' : 'unexpected exception'),
      accept: acceptText(exceptionWant(error.ename, error.evalue, expectedException(ex.want) !== null || ex.want === '')),
    };
  }
  if (flags.RAISES) return { status: 'failed', want: ex.want, got, message: 'expected an exception, none was raised' };
  if (flags.IGNORE_OUTPUT) return { status: 'passed', want: ex.want, got };
  const check = checkOutput(ex.want, got, flags);
  if (check.ok) return { status: 'passed', want: ex.want, got };
  return { status: 'failed', want: ex.want, got, message: check.message, accept: acceptText(got) };
}

/** A cell's outputs as labelled text blocks, for reports and diffs. */
export function renderOutputs(outputs: Output[]): string {
  const parts: string[] = [];
  for (const o of outputs) {
    if (o.output_type === 'stream') parts.push(`[${o.name}]\n${o.text}`);
    else if (o.output_type === 'error') parts.push(`[error]\n${formatException(o.ename, o.evalue)}`);
    else for (const mime of ['text/plain', 'text/html']) if (typeof o.data[mime] === 'string') parts.push(`[${o.output_type} ${mime}]\n${o.data[mime]}`);
  }
  return parts.map((p) => (p.endsWith('\n') ? p : p + '\n')).join('');
}

/** Consecutive stream chunks of one name merged, since where Jupyter splits them is arbitrary. */
function streamText(outputs: Output[], name: 'stdout' | 'stderr'): string {
  return outputs.map((o) => (o.output_type === 'stream' && o.name === name ? o.text : '')).join('');
}

/** Compares a re-executed cell with its stored outputs, per MIME type. */
export function judgeCell(ex: CellExample, flags: Flags, run: RunResult): Verdict {
  const want = renderOutputs(ex.outputs);
  const got = renderOutputs(run.outputs);
  if (flags.SKIP) return { status: 'skipped', want, got: '' };
  const bad = abnormal(run, want, got);
  if (bad) return bad;
  const fail = (message: string): Verdict => ({ status: 'failed', want, got, message, accept: { outputs: run.outputs } });
  const wantError = errorOf(ex.outputs);
  const gotError = errorOf(run.outputs);
  if (flags.RAISES && !gotError) return fail('expected an error, none was raised');
  if (gotError && !wantError && !flags.RAISES) return fail(`unexpected error ${formatException(gotError.ename, gotError.evalue).trim()}`);
  if (wantError) {
    if (!gotError) return fail(`expected ${formatException(wantError.ename, wantError.evalue).trim()}, none was raised`);
    if (!checkException(formatException(wantError.ename, wantError.evalue), gotError.ename, gotError.evalue, flags).ok) {
      return fail('the error differs');
    }
  }
  if (flags.IGNORE_OUTPUT) return { status: 'passed', want, got };
  for (const name of ['stdout', 'stderr'] as const) {
    const check = checkOutput(streamText(ex.outputs, name), streamText(run.outputs, name), { ...flags, DONT_ACCEPT_BLANKLINE: true });
    if (!check.ok) return fail(`${name} differs${check.message ? `: ${check.message}` : ''}`);
  }
  const results = (outs: Output[]) => outs.filter((o) => o.output_type === 'execute_result' || o.output_type === 'display_data') as Extract<Output, { data: unknown }>[];
  const wantResults = results(ex.outputs);
  const gotResults = results(run.outputs);
  if (wantResults.length !== gotResults.length) return fail(`expected ${wantResults.length} result/display outputs, got ${gotResults.length}`);
  for (let i = 0; i < wantResults.length; i++) {
    const w = wantResults[i]!;
    const g = gotResults[i]!;
    for (const mime of ['text/plain', 'text/html']) {
      if (typeof w.data[mime] !== 'string') continue;
      if (typeof g.data[mime] !== 'string') return fail(`output ${i + 1} has no ${mime}`);
      const check = checkOutput(w.data[mime] as string, g.data[mime] as string, mime === 'text/plain' ? flags : { NORMALIZE_WHITESPACE: flags.NORMALIZE_WHITESPACE });
      if (!check.ok) return fail(`output ${i + 1} ${mime} differs${check.message ? `: ${check.message}` : ''}`);
    }
  }
  return { status: 'passed', want, got };
}
