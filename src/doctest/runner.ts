// Runs the examples of each file in one fresh session, in order, judging each and collecting results.
import { acceptFile } from './accept.js';
import { writeFileAtomic } from './atomic.js';
import { mergeFlags } from './directives.js';
import { describe, Executor } from './executor.js';
import { judgeCell, judgeTranscript, type Verdict } from './judge.js';
import { loadFile, type LoadedFile } from './load.js';
import { judgeSegment, segmentExample } from './python.js';
import { ParseError } from './transcript.js';
import type { Example, Flags, Output } from './types.js';

export interface ExampleResult extends Verdict {
  file: string;
  line: number;
  source: string;
  /** Set when an earlier example killed the session, so this one ran without the file's earlier state. */
  restarted?: boolean;
  seconds: number;
}

export interface FileResult {
  path: string;
  results: ExampleResult[];
  /** Whether --accept rewrote the file. */
  accepted: boolean;
  /** Why --accept could not rewrite it (read-only, full disk, file-size limit): the file is unchanged. */
  acceptError?: string;
}

export interface RunOptions {
  /** Flags from the command line, under every file's and example's own. */
  flags: Flags;
  timeoutSeconds: number;
  failFast: boolean;
  accept: boolean;
  /** `--lang python`: fences without a language and plain text hold Python examples. */
  lang?: 'python';
  /** `--setup`: code run before each file's examples, after the file's own setup (doctest's setUp). */
  setup?: string;
  /** Called after each example, for progress output. */
  onResult?: (r: ExampleResult) => void;
  onFile?: (r: FileResult) => void;
}

export interface RunSummary {
  files: FileResult[];
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(files: FileResult[]): RunSummary {
  const all = files.flatMap((f) => f.results);
  const count = (s: Verdict['status']) => all.filter((r) => r.status === s).length;
  return { files, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** One session process per cell language, started when a file first needs it. */
class Executors {
  private readonly byLang = new Map<string, Executor>();
  constructor(private readonly timeoutSeconds: number) {}
  get(lang: 'typescript' | 'python' = 'typescript'): Executor {
    let e = this.byLang.get(lang);
    if (!e) this.byLang.set(lang, (e = new Executor({ timeoutSeconds: this.timeoutSeconds, lang })));
    return e;
  }
  close(): void {
    for (const e of this.byLang.values()) e.close();
  }
}

/** Python's doctest compares what an example writes to stdout; stderr is not part of it. */
const stdoutOnly = (outputs: Output[]) => outputs.filter((o) => !(o.output_type === 'stream' && o.name === 'stderr'));

export async function runFiles(paths: string[], options: RunOptions): Promise<RunSummary> {
  const executor = new Executors(options.timeoutSeconds);
  const files: FileResult[] = [];
  try {
    for (const path of paths) {
      const result = await runFile(path, executor, options);
      if (!result) continue;
      files.push(result);
      options.onFile?.(result);
      if (options.failFast && result.results.some((r) => r.status === 'failed')) break;
    }
  } finally {
    executor.close();
  }
  return summarize(files);
}

async function runFile(path: string, executors: Executors, options: RunOptions): Promise<FileResult | null> {
  const results: ExampleResult[] = [];
  const report = (r: ExampleResult) => {
    results.push(r);
    options.onResult?.(r);
  };
  let file: LoadedFile | null;
  try {
    file = loadFile(path, { lang: options.lang });
  } catch (e) {
    // A file that cannot be read as examples is one failure, not the end of the run.
    const line = e instanceof ParseError ? e.line : 1;
    report({ file: path, line, source: '', status: 'failed', want: '', got: '', message: `cannot read examples: ${e instanceof Error ? e.message : String(e)}`, seconds: 0 });
    return { path, results, accepted: false };
  }
  if (!file || file.examples.length === 0) return null;
  const langs = new Set(file.examples.filter((ex) => !mergeFlags(options.flags, file!.flags, ex.flags).SKIP).map((ex) => ex.lang ?? 'typescript'));
  for (const lang of langs) {
    const own = lang === 'python' ? file.pythonSetup ?? [] : file.setup;
    // --setup is written in the run's language (--lang): TypeScript cells do not run Python code.
    const setup = options.setup !== undefined && lang === (options.lang ?? 'typescript') ? [...own, options.setup] : own;
    // Values show as Python's doctest shows them (repr), as IPython does in notebooks and where the
    // file asks for it (<!-- doctest: +IPYTHON_DISPLAY -->).
    const display = file.kind === 'notebook' || file.flags.IPYTHON_DISPLAY ? 'ipython' : 'python';
    const failed = await executors.get(lang).reset(setup, display);
    if (failed) {
      report({ file: path, line: 1, source: setup.join('\n'), status: 'failed', want: '', got: '', message: `setup failed: ${describe(failed)}`, seconds: 0 });
    }
  }
  const fixes: { example: Example; accept: NonNullable<Verdict['accept']> }[] = [];
  for (const item of file.examples) {
    let ex = item;
    const flags = mergeFlags(options.flags, file.flags, ex.flags);
    const started = performance.now();
    let verdict: Verdict;
    let restarted = false;
    const executor = executors.get(ex.lang);
    if (flags.SKIP) {
      verdict = { status: 'skipped', want: ex.kind === 'transcript' ? ex.want : '', got: '' };
    } else if (ex.kind === 'segment') {
      // A transcript cell: running it finds where its code ends and its output begins.
      const run = await executor.run(ex.lines.join('\n'), { segment: flags });
      restarted = run.restarted;
      ex = segmentExample(ex, run.split ?? ex.lines.length);
      verdict = judgeSegment(ex, flags, run);
    } else {
      const run = await executor.run(ex.source, ex.kind === 'cell' ? { cell: true } : {});
      restarted = run.restarted;
      if (ex.lang === 'python' && ex.kind === 'transcript') run.outputs = stdoutOnly(run.outputs);
      verdict = ex.kind === 'transcript' ? judgeTranscript(ex, flags, run) : judgeCell(ex, flags, run);
    }
    const source = ex.kind === 'segment' ? ex.lines.join('\n') : ex.source;
    report({ ...verdict, file: path, line: ex.line, source, seconds: (performance.now() - started) / 1000, ...(restarted ? { restarted } : {}) });
    if (verdict.status === 'failed' && verdict.accept) fixes.push({ example: ex, accept: verdict.accept });
    if (options.failFast && verdict.status === 'failed') break;
  }
  let accepted = false;
  let acceptError: string | undefined;
  if (options.accept) {
    const next = acceptFile(file, fixes);
    if (next !== null) {
      // Written aside and renamed over the file: a failed write leaves it whole, and the run goes on.
      try {
        writeFileAtomic(path, next);
        accepted = true;
      } catch (e) {
        acceptError = e instanceof Error ? e.message : String(e);
      }
    }
  }
  return { path, results, accepted, ...(acceptError !== undefined ? { acceptError } : {}) };
}
