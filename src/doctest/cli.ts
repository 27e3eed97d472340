// `jacobi doctest [paths or globs...] [options]`: runs the examples and reports; exit status 1 when
// any example failed, 2 on a usage error.
import { writeFileAtomic } from './atomic.js';
import { DirectiveError, mergeFlags, parseDirective, parseTolerance } from './directives.js';
import { expandPaths, PathError } from './files.js';
import { PYTHON_EXTENSIONS } from './load.js';
import { jsonReport, junitXml } from './junit.js';
import { formatReport } from './report.js';
import { runFiles } from './runner.js';
import type { Flags } from './types.js';

export const USAGE = `usage: jacobi doctest [paths or globs...] [options]
  paths        Markdown (.md), TypeScript (.ts, @example doc comments), notebooks (.ipynb);
               with --lang python also .py docstrings, plain text (.txt, .rst) and notebook
               transcripts; directories are searched recursively (node_modules and dist skipped)
  --lang python        Python examples (python, py and pycon fences always are; here also fences without a
                       language and plain text); tf and np are bound before a file's first example
  --flags F,G          option flags for every example, e.g. ELLIPSIS,NORMALIZE_WHITESPACE (or +F,-G)
  --setup CODE         run CODE before each file's examples, in their language (doctest's setUp), e.g.
                       TensorFlow's harness: 'tf.random.set_seed(87654321); np.random.seed(87654321)'
  --tolerance R[,A]    compare numbers within rtol=R, atol=A (default atol 1e-8)
  --timeout SECONDS    per-example timeout (default 30)
  --fail-fast          stop at the first failure
  --accept             write what failed examples printed back as their expected output
  --junit FILE         also write a JUnit XML report
  --json               print a JSON report on stdout (the text report goes to stderr)
  --quiet              no progress output`;

export interface CliOptions {
  paths: string[];
  flags: Flags;
  timeoutSeconds: number;
  failFast: boolean;
  accept: boolean;
  junit?: string;
  json: boolean;
  quiet: boolean;
  lang?: 'python';
  setup?: string;
}

export class UsageError extends Error {}

export function parseArgs(args: string[]): CliOptions {
  const o: CliOptions = { paths: [], flags: {}, timeoutSeconds: 30, failFast: false, accept: false, json: false, quiet: false };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    try {
      switch (arg) {
        case '--flags':
          o.flags = mergeFlags(o.flags, parseDirective(value().split(',').map((f) => f.trim()).filter(Boolean).map((f) => (/^[+-]/.test(f) ? f : `+${f}`)).join(' ')));
          break;
        case '--setup':
          o.setup = value();
          break;
        case '--tolerance':
          o.flags = { ...o.flags, TOLERANCE: parseTolerance(value()) };
          break;
        case '--timeout': {
          const t = Number(value());
          if (!(t > 0)) throw new UsageError('--timeout needs a positive number of seconds');
          o.timeoutSeconds = t;
          break;
        }
        case '--lang': {
          const lang = value();
          if (lang === 'python' || lang === 'py') o.lang = 'python';
          else if (lang !== 'typescript' && lang !== 'ts') throw new UsageError(`--lang takes python or typescript, not ${lang}`);
          break;
        }
        case '--fail-fast':
          o.failFast = true;
          break;
        case '--accept':
          o.accept = true;
          break;
        case '--junit':
          o.junit = value();
          break;
        case '--json':
          o.json = true;
          break;
        case '--quiet':
          o.quiet = true;
          break;
        default:
          if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
          o.paths.push(arg);
      }
    } catch (e) {
      if (e instanceof DirectiveError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

export async function runDoctest(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let options: CliOptions;
  let paths: string[];
  try {
    options = parseArgs(args);
    paths = expandPaths(options.paths, options.lang === 'python' ? PYTHON_EXTENSIONS : []);
  } catch (e) {
    if (e instanceof UsageError || e instanceof PathError) {
      process.stderr.write(`jacobi doctest: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const progress = !options.quiet;
  let current = '';
  const summary = await runFiles(paths, {
    flags: options.flags,
    timeoutSeconds: options.timeoutSeconds,
    failFast: options.failFast,
    accept: options.accept,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.setup !== undefined ? { setup: options.setup } : {}),
    onResult: (r) => {
      if (!progress) return;
      if (r.file !== current) {
        process.stderr.write(`${current ? '\n' : ''}${r.file} `);
        current = r.file;
      }
      process.stderr.write(r.status === 'passed' ? '.' : r.status === 'failed' ? 'F' : 's');
    },
    onFile: (f) => {
      if (f.accepted) process.stderr.write(`${progress ? '\n' : ''}${f.path}: expected outputs rewritten${progress ? '' : '\n'}`);
      if (f.acceptError !== undefined) {
        process.stderr.write(`${progress ? '\n' : ''}${f.path}: expected outputs not rewritten (the file is unchanged): ${f.acceptError}${progress ? '' : '\n'}`);
      }
    },
  });
  if (progress && current) process.stderr.write('\n');
  const report = formatReport(summary);
  if (options.json) {
    process.stderr.write(report);
    process.stdout.write(jsonReport(summary));
  } else {
    process.stdout.write(report);
  }
  let unwritten = summary.files.some((f) => f.acceptError !== undefined);
  if (options.junit) {
    try {
      writeFileAtomic(options.junit, junitXml(summary));
    } catch (e) {
      process.stderr.write(`jacobi doctest: the JUnit report was not written to ${options.junit}: ${e instanceof Error ? e.message : String(e)}\n`);
      unwritten = true;
    }
  }
  return summary.failed > 0 || unwritten ? 1 : 0;
}
