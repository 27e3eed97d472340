// IPython's magics in TypeScript cells: `%time`, `%timeit` (and their cell forms `%%time`, `%%timeit`),
// `%who`, `%whos`, `%reset`, `!command` and `%%bash`. A magic is recognized only where a statement may
// start at the beginning of a line (never inside a string, a comment, brackets, or an expression that
// goes on: `a\n% b` stays arithmetic, `x &&\n!y` stays negation). Each magic line is rewritten in place,
// on its own line, into calls of the `__jacobi_magic` helper, so every other line of the cell keeps its
// line and column in tracebacks. Output follows IPython's text (src/python/py/_jacobi/magics.py is
// the Python cells' counterpart).
import { spawn, type ChildProcess } from 'node:child_process';
import type { TS } from './typescript.js';
import type { OutputSink } from './types.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { itemsize } from '../tensor/dtype.js';
import * as printing from './printing.js';
import { typeName } from './builtins.js';

/** The scope name of the helper that rewritten magic lines call. */
export const MAGIC = '__jacobi_magic';

/** Magics IPython notebooks carry that need nothing here (figures already show inline). */
const IGNORED = new Set(['matplotlib', 'config', 'load_ext', 'reload_ext', 'autoreload']);
const LINE_MAGICS = new Set(['time', 'timeit', 'who', 'whos', 'reset', ...IGNORED]);
const CELL_MAGICS = new Set(['time', 'timeit', 'bash']);

/** IPython's UsageError: shown as one line, `UsageError: ...`, without a traceback. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface MagicCell {
  /** The cell to compile: magic lines rewritten, every other line where it was. */
  code: string;
  /** Whether the cell had any magic (the type checker does not see magic syntax). */
  changed: boolean;
  /** `%%time`: the whole cell is timed, its value still shown. */
  timeCell: boolean;
}

const LINE = /^([ \t]*)(%%|%|!)(.*)$/;

/** Rewrites the magics of a cell; throws UsageError for a magic that does not exist. */
export function transformMagics(ts: typeof TS, code: string): MagicCell {
  if (!/^[ \t]*[%!]/m.test(code)) return { code, changed: false, timeCell: false };
  const lines = code.split('\n');
  let timeCell = false;
  let first = 0;
  const cell = /^%%([A-Za-z_]\w*)(.*)$/.exec(lines[0]!.replace(/\r$/, ''));
  if (cell) {
    const [, name = '', rest = ''] = cell;
    if (!CELL_MAGICS.has(name)) throw new UsageError(`Cell magic \`%%${name}\` not found.`);
    const body = lines.slice(1).join('\n');
    if (name === 'bash') return { code: `await ${MAGIC}.bash(${JSON.stringify(body)})`, changed: true, timeCell: false };
    if (name === 'time') {
      if (rest.trim() !== '') throw new UsageError("Can't use statement directly after '%%time'!");
      timeCell = true;
      lines[0] = '';
      first = 1;
    } else {
      // %%timeit [options] [setup]: the body becomes the timed function; the setup runs once first.
      const { options, rest: setup } = timeitOptions(rest);
      const awaits = /\bawait\b/.test(body);
      lines[0] = `${setup.trim() === '' ? '' : `${setup};`}${awaits ? 'await ' : ''}${MAGIC}.timeit(${JSON.stringify(options)}, ${awaits ? 'async ' : ''}() => {`;
      const rewritten = rewriteLines(ts, lines.slice(1).join('\n'));
      return { code: `${lines[0]}\n${rewritten}\n})`, changed: true, timeCell: false };
    }
  }
  const head = lines.slice(0, first);
  const rewritten = rewriteLines(ts, lines.slice(first).join('\n'));
  return { code: [...head, rewritten].join('\n'), changed: true, timeCell };
}

function rewriteLines(ts: typeof TS, code: string): string {
  const starts = magicLineStarts(ts, code);
  if (starts.length === 0) return code;
  let out = '';
  let at = 0;
  for (const start of starts) {
    let end = code.indexOf('\n', start);
    if (end < 0) end = code.length;
    const line = code.slice(start, end).replace(/\r$/, '');
    out += code.slice(at, start) + rewriteLine(ts, line);
    at = start + line.length;
  }
  return out + code.slice(at);
}

/** One magic line as JavaScript on one line. */
function rewriteLine(ts: typeof TS, line: string): string {
  const [, indent = '', kind = '', text = ''] = LINE.exec(line)!;
  if (kind === '!') return `${indent}await ${MAGIC}.shell(${shellTemplate(ts, text.trim())});`;
  const m = /^([A-Za-z_]\w*)(.*)$/.exec(text);
  const name = m?.[1] ?? '';
  const rest = (m?.[2] ?? '').trim();
  if (kind === '%%' || !LINE_MAGICS.has(name)) throw new UsageError(`Line magic function \`${kind}${name}\` not found.`);
  if (IGNORED.has(name)) return `${indent};`;
  if (name === 'who' || name === 'whos') return `${indent}${MAGIC}.${name}(${JSON.stringify(rest)});`;
  if (name === 'reset') return `${indent}await ${MAGIC}.reset(${JSON.stringify(rest)});`;
  if (name === 'time') {
    const { source, expression } = statementOrExpression(ts, rest);
    if (expression) return `${indent}${MAGIC}.timeEnd(${MAGIC}.timeStart(), (${source}));`;
    return `${indent}${MAGIC}.timeStart(); ${source}; ${MAGIC}.timeEnd();`;
  }
  // timeit
  const { options, rest: statement } = timeitOptions(rest);
  const { source, expression } = statementOrExpression(ts, statement);
  const awaits = /\bawait\b/.test(source);
  const fn = expression ? `() => (${source})` : `() => { ${source} }`;
  return `${indent}${awaits ? 'await ' : ''}${MAGIC}.timeit(${JSON.stringify(options)}, ${awaits ? 'async ' : ''}${fn});`;
}

/**
 * A shell command as a template literal with IPython's expansions: `{expr}` is the expression's str(),
 * `$name` a variable's (`{{`, `}}`, `$$` are literal). What fails to evaluate, and `$NAME` that is no
 * variable of the session (`$HOME`), stays as written, for the shell.
 */
function shellTemplate(ts: typeof TS, command: string): string {
  const literal = (t: string) => t.replace(/[\\`$]/g, '\\$&');
  let out = '';
  let i = 0;
  while (i < command.length) {
    const c = command[i]!;
    if ((c === '{' || c === '}' || c === '$') && command[i + 1] === c) {
      out += literal(c);
      i += 2;
      continue;
    }
    if (c === '{') {
      const close = command.indexOf('}', i + 1);
      const expr = close < 0 ? '' : command.slice(i + 1, close);
      if (expr.trim() !== '' && isExpression(ts, expr)) {
        out += `\${${MAGIC}.expand(() => (${expr}), ${JSON.stringify(`{${expr}}`)})}`;
        i = close + 1;
        continue;
      }
    }
    const name = c === '$' ? /^[A-Za-z_][\w]*/.exec(command.slice(i + 1))?.[0] : undefined;
    if (name) {
      out += `\${${MAGIC}.variable(${JSON.stringify(name)})}`;
      i += 1 + name.length;
      continue;
    }
    out += literal(c);
    i++;
  }
  return `\`${out}\``;
}

function isExpression(ts: typeof TS, text: string): boolean {
  const sf = ts.createSourceFile('e.ts', `(${text})`, ts.ScriptTarget.ES2022, false);
  const diagnostics = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return diagnostics.length === 0 && sf.statements.length === 1 && ts.isExpressionStatement(sf.statements[0]!);
}

/** The statement text without a trailing comment, and whether it is an expression whose value counts. */
function statementOrExpression(ts: typeof TS, source: string): { source: string; expression: boolean } {
  const sf = ts.createSourceFile('magic.ts', source, ts.ScriptTarget.ES2022, true);
  const statements = sf.statements;
  if (statements.length === 0) return { source: 'void 0', expression: true };
  const text = source.slice(0, statements[statements.length - 1]!.end).trim().replace(/;$/, '');
  const only = statements.length === 1 ? statements[0]! : undefined;
  const expression = only !== undefined && ts.isExpressionStatement(only) &&
    !(ts.isBinaryExpression(only.expression) && only.expression.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      only.expression.operatorToken.kind <= ts.SyntaxKind.LastAssignment);
  return { source: text, expression };
}

export interface TimeitOptions {
  number?: number;
  repeat?: number;
  quiet?: boolean;
  output?: boolean;
  precision?: number;
}

/** `-n N -r R -q -o -p P` (as IPython's %timeit takes them), then the statement. */
function timeitOptions(text: string): { options: TimeitOptions; rest: string } {
  const options: TimeitOptions = {};
  let rest = text.trim();
  for (;;) {
    const m = /^-([nrp])\s*(\d+)\s*|^-([qo])(?:\s+|$)/.exec(rest);
    if (!m) break;
    if (m[1] === 'n') options.number = Number(m[2]);
    else if (m[1] === 'r') options.repeat = Number(m[2]);
    else if (m[1] === 'p') options.precision = Number(m[2]);
    else if (m[3] === 'q') options.quiet = true;
    else if (m[3] === 'o') options.output = true;
    rest = rest.slice(m[0].length);
  }
  return { options, rest };
}

/**
 * Offsets of the lines that are magics: the line's first token (`%name`, `%%name`, `!command`) stands
 * where a statement may start. Magic lines are skipped unscanned (a shell command may hold anything).
 */
function magicLineStarts(ts: typeof TS, code: string): number[] {
  const k = ts.SyntaxKind;
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, code);
  const starts: number[] = [];
  const stack: string[] = [];
  let prev: TS.SyntaxKind | undefined;
  const endsStatement = (kind: TS.SyntaxKind | undefined) => kind === undefined ||
    kind === k.SemicolonToken || kind === k.OpenBraceToken || kind === k.CloseBraceToken || kind === k.CloseParenToken ||
    kind === k.CloseBracketToken || kind === k.Identifier || kind === k.NumericLiteral || kind === k.BigIntLiteral ||
    kind === k.StringLiteral || kind === k.NoSubstitutionTemplateLiteral || kind === k.TemplateTail ||
    kind === k.RegularExpressionLiteral || kind === k.PlusPlusToken || kind === k.MinusMinusToken ||
    (kind >= k.FirstKeyword && kind <= k.LastKeyword);
  const endsExpression = (kind: TS.SyntaxKind | undefined) => kind !== undefined && kind !== k.SemicolonToken &&
    kind !== k.OpenBraceToken && endsStatement(kind) && !(kind >= k.FirstKeyword && kind <= k.LastKeyword && kind !== k.ThisKeyword);
  for (let token = scanner.scan(); token !== k.EndOfFileToken; token = scanner.scan()) {
    const start = scanner.getTokenStart();
    const lineStart = code.lastIndexOf('\n', start - 1) + 1;
    const atLineStart = /^[ \t]*$/.test(code.slice(lineStart, start));
    if (atLineStart && (token === k.PercentToken || token === k.PercentEqualsToken || token === k.ExclamationToken ||
      token === k.ExclamationEqualsToken || token === k.ExclamationEqualsEqualsToken) &&
      (stack.length === 0 || stack[stack.length - 1] === '{') && endsStatement(prev) && isMagicText(code, start)) {
      starts.push(lineStart);
      const end = code.indexOf('\n', start);
      if (end < 0) break;
      scanner.resetTokenState(end);
      prev = k.SemicolonToken;
      continue;
    }
    if (token === k.OpenBraceToken) stack.push('{');
    else if (token === k.OpenParenToken) stack.push('(');
    else if (token === k.OpenBracketToken) stack.push('[');
    else if (token === k.TemplateHead) stack.push('${');
    else if (token === k.CloseParenToken || token === k.CloseBracketToken) stack.pop();
    else if (token === k.CloseBraceToken) {
      if (stack[stack.length - 1] === '${') {
        token = scanner.reScanTemplateToken(false);
        if (token === k.TemplateTail) stack.pop();
      } else stack.pop();
    } else if ((token === k.SlashToken || token === k.SlashEqualsToken) && !endsExpression(prev)) {
      token = scanner.reScanSlashToken();
    }
    prev = token;
  }
  return starts;
}

/** `%name`, `%%name`, or `!command` (not `!(`, `!!`, `!=`, `![`, `!{`, nor `!await x`-like JavaScript). */
function isMagicText(code: string, start: number): boolean {
  const text = code.slice(start, code.indexOf('\n', start) < 0 ? code.length : code.indexOf('\n', start));
  if (text.startsWith('%')) return /^%%?[A-Za-z_]/.test(text);
  return /^!\s*[^\s([{!=`'"]/.test(text) && !/^!\s*(await|function|async|new|typeof|void|class|this|true|false|null|undefined)\b/.test(text);
}

// ---------------------------------------------------------------------------------------------------
// What the rewritten lines call.

export interface MagicHost {
  sink(): OutputSink | undefined;
  /** The user's variables (not the facades and builtins), sorted by name. */
  variables(): Array<[string, unknown]>;
  /** Deletes the user's variables. */
  reset(): void;
  /** Whether the session's scope has this name (its own, not JavaScript's globals), and its value. */
  lookup(name: string): { value: unknown } | undefined;
}

export interface MagicHelper {
  timeStart(): void;
  timeEnd<T>(token?: unknown, value?: T): T | undefined;
  timeit(options: TimeitOptions, fn: () => unknown): unknown;
  who(args: string): void;
  whos(args: string): void;
  reset(args: string): Promise<void>;
  /** `!command`: /bin/sh runs it in the working directory, its output streamed as it comes. */
  shell(command: string): Promise<void>;
  /** `%%bash`: the cell's body is bash's standard input. */
  bash(script: string): Promise<void>;
  /** `{expr}` in a shell command: str() of its value, or the text as written when it throws. */
  expand(fn: () => unknown, written: string): string;
  /** `$name` in a shell command: str() of the session's variable, else `$name` as written. */
  variable(name: string): string;
  /** Stops every command still running (an interrupt). */
  interrupt(): void;
  /** %%time: the times of a whole cell, printed once it has finished. */
  timeCell<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * The host over a session's scope: the user's variables are its names that do not start with `_` and
 * hold a value other than the one `hidden` (the facades and builtins as the session began) gives them.
 */
export function scopeHost(scope: Record<string, unknown>, hidden: ReadonlyMap<string, unknown>, sink: () => OutputSink | undefined): MagicHost {
  return {
    sink,
    variables: () => Object.keys(scope).filter((n) => !n.startsWith('_') && scope[n] !== undefined && hidden.get(n) !== scope[n])
      .sort().map((n) => [n, scope[n]]),
    lookup: (name) => (Object.prototype.hasOwnProperty.call(scope, name) && scope[name] !== undefined ? { value: scope[name] } : undefined),
    reset: () => {
      for (const name of Object.keys(scope)) {
        if (!hidden.has(name)) delete scope[name];
        else if (scope[name] !== hidden.get(name)) scope[name] = hidden.get(name);
      }
    },
  };
}

export function makeMagics(host: MagicHost): MagicHelper {
  const print = (text: string) => {
    const sink = host.sink();
    if (sink) sink.stream('stdout', text);
    else process.stdout.write(text);
  };
  const started: Array<{ wall: number; cpu: NodeJS.CpuUsage }> = [];
  const children = new Set<ChildProcess>();
  const printTimes = (from: { wall: number; cpu: NodeJS.CpuUsage }) => {
    const wall = (performance.now() - from.wall) / 1000;
    const cpu = process.cpuUsage(from.cpu);
    const user = cpu.user / 1e6, sys = cpu.system / 1e6;
    print(`CPU times: user ${formatTime(user)}, sys: ${formatTime(sys)}, total: ${formatTime(user + sys)}\nWall time: ${formatTime(wall)}\n`);
  };
  const now = () => ({ wall: performance.now(), cpu: process.cpuUsage() });

  const run = (command: string, args: string[], input?: string): Promise<number> => new Promise((resolve, reject) => {
    // Its own process group, so that an interrupt reaches what the shell started (`sleep`), as Ctrl-C
    // at a terminal reaches the foreground group; a shell waits for its command before it exits.
    const child = spawn(command, args, { cwd: process.cwd(), detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    children.add(child);
    const sink = host.sink();
    const out = (name: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (sink) sink.stream(name, chunk.toString('utf8'));
      else (name === 'stdout' ? process.stdout : process.stderr).write(chunk);
    };
    child.stdout!.on('data', out('stdout'));
    child.stderr!.on('data', out('stderr'));
    if (input !== undefined) child.stdin!.end(input);
    child.on('error', (e) => {
      children.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 128 : 0));
    });
  });

  return {
    timeStart: () => void started.push(now()),
    timeEnd: <T>(_token?: unknown, value?: T) => {
      const from = started.pop();
      if (from) printTimes(from);
      return value;
    },
    timeCell: async <T>(cell: () => Promise<T>) => {
      const from = now();
      const value = await cell();
      printTimes(from);
      return value;
    },
    timeit: (options, fn) => timeit(options, fn, print),
    who: (args) => {
      const names = filterByType(host.variables(), args).map(([name]) => name);
      if (names.length === 0) return print('Interactive namespace is empty.\n');
      let text = '';
      names.forEach((name, i) => {
        text += `${name}\t `;
        if ((i + 1) % 8 === 0) text += '\n';
      });
      print(text + '\n');
    },
    whos: (args) => print(whosTable(filterByType(host.variables(), args), args.trim() !== '')),
    reset: async (args) => {
      if (!/(^|\s)-f\b/.test(args)) {
        const sink = host.sink();
        const answer = sink?.input ? await sink.input('Once deleted, variables cannot be recovered. Proceed (y/[n])? ', false) : 'n';
        if (!/^y(es)?$/i.test(answer.trim())) return print('Nothing done.\n');
      }
      host.reset();
    },
    shell: async (command) => void (await run('/bin/sh', ['-c', command])),
    bash: async (script) => void (await run('bash', [], script)),
    expand: (fn, written) => {
      try {
        return printing.str(fn());
      } catch {
        return written;
      }
    },
    variable: (name) => {
      const found = host.lookup(name);
      return found ? printing.str(found.value) : `$${name}`;
    },
    interrupt: () => {
      for (const child of children) {
        try {
          process.kill(-child.pid!, 'SIGINT');
        } catch {
          child.kill('SIGINT');
        }
      }
    },
  };
}

function filterByType(variables: Array<[string, unknown]>, args: string): Array<[string, unknown]> {
  const types = args.trim().split(/\s+/).filter((t) => t !== '');
  return types.length === 0 ? variables : variables.filter(([, v]) => types.includes(whosType(v)));
}

/** IPython's `type(x).__name__` for the table: the library's own class name for tensors. */
function whosType(value: unknown): string {
  if (value instanceof Variable) return 'ResourceVariable';
  if (value instanceof Tensor) return ({ numpy: 'ndarray', jax: 'ArrayImpl', torch: 'Tensor', tf: 'EagerTensor' } as const)[value.flavor];
  if (typeof value === 'function') return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  return typeName(value);
}

/** IPython's %whos: Variable, Type, Data/Info. */
function whosTable(variables: Array<[string, unknown]>, filtered: boolean): string {
  if (variables.length === 0) return filtered ? 'No variables match your requested type.\n' : 'Interactive namespace is empty.\n';
  const types = variables.map(([, v]) => whosType(v));
  const varwidth = Math.max(...variables.map(([n]) => n.length), 'Variable'.length) + 3;
  const typewidth = Math.max(...types.map((t) => t.length), 'Type'.length) + 3;
  const lines = ['Variable'.padEnd(varwidth) + 'Type'.padEnd(typewidth) + ' Data/Info', '-'.repeat(varwidth + typewidth + 'Data/Info'.length + 1)];
  variables.forEach(([name, value], i) => {
    lines.push(`${name.padEnd(varwidth)}${types[i]!.padEnd(typewidth)} ${dataInfo(value)}`);
  });
  return lines.join('\n') + '\n';
}

function dataInfo(value: unknown): string {
  if (Array.isArray(value)) return `n=${value.length}`;
  if (value instanceof Map || value instanceof Set) return `n=${value.size}`;
  const tensor = value instanceof Variable ? value.value : value instanceof Tensor ? value : undefined;
  if (tensor) {
    const shape = tensor.dims.join('x');
    const bytes = tensor.count * itemsize(tensor.dt);
    const info = `${shape}: ${tensor.count} elems, type \`${tensor.dt}\`, ${bytes} bytes`;
    if (bytes < 100000) return info;
    return bytes < 1048576 ? `${info} (${bytes / 1024} kb)` : `${info} (${bytes / 1048576} Mb)`;
  }
  let text: string;
  try {
    text = typeof value === 'function' ? `<${whosType(value)} ${(value as { name?: string }).name || '(anonymous)'}>` : printing.str(value);
  } catch {
    text = '<object (str() failed)>';
  }
  text = text.replace(/\n/g, '\\n');
  return text.length < 50 ? text : `${text.slice(0, 25)}<...>${text.slice(-25)}`;
}

// ---------------------------------------------------------------------------------------------------
// %timeit, as IPython's TimeitResult.

export class TimeitResult {
  constructor(
    readonly loops: number,
    readonly repeat: number,
    readonly best: number,
    readonly worst: number,
    readonly all_runs: number[],
    private readonly precision: number,
  ) {}

  get timings(): number[] {
    return this.all_runs.map((t) => t / this.loops);
  }

  get average(): number {
    return this.timings.reduce((a, b) => a + b, 0) / this.timings.length;
  }

  get stdev(): number {
    const mean = this.average;
    return Math.sqrt(this.timings.reduce((a, t) => a + (t - mean) ** 2, 0) / this.timings.length);
  }

  toString(): string {
    const runs = `${this.repeat} run${this.repeat === 1 ? '' : 's'}`;
    const loops = `${this.loops.toLocaleString('en-US')} loop${this.loops === 1 ? '' : 's'}`;
    return `${formatTime(this.average, this.precision)} ± ${formatTime(this.stdev, this.precision)} per loop (mean ± std. dev. of ${runs}, ${loops} each)`;
  }

  [Symbol.for('Jupyter.display')](): { 'text/plain': string } {
    return { 'text/plain': `<TimeitResult : ${this.toString()}>` };
  }
}

function timeit(options: TimeitOptions, fn: () => unknown, print: (text: string) => void): unknown {
  const repeat = options.repeat ?? 7;
  const precision = options.precision ?? 3;
  const report = (loops: number, runs: number[]) => {
    const result = new TimeitResult(loops, repeat, Math.min(...runs) / loops, Math.max(...runs) / loops, runs, precision);
    if (!options.quiet) {
      if (result.worst > 4 * result.best && result.best > 0 && result.worst > 1e-6) {
        print(`The slowest run took ${(result.worst / result.best).toFixed(2)} times longer than the fastest. This could mean that an intermediate result is being cached.\n`);
      }
      print(`${result.toString()}\n`);
    }
    return options.output ? result : undefined;
  };
  // The first call tells a synchronous statement from an asynchronous one; it counts as the first loop
  // (of the calibration, or of the first run with -n), so the statement runs as often as in IPython.
  const first = performance.now();
  const probe = fn();
  if (isThenable(probe)) return timeitAsync(options, fn, probe, first, repeat, report);
  const time = (loops: number): number => {
    const start = performance.now();
    for (let i = 0; i < loops; i++) fn();
    return (performance.now() - start) / 1000;
  };
  const steps = schedule(options.number, repeat, (performance.now() - first) / 1000);
  let step = steps.next();
  while (!step.done) step = steps.next(time(step.value));
  return report(...step.value);
}

/**
 * IPython's measurements as a generator shared by the synchronous and asynchronous drivers: it yields
 * how many loops to time next, is sent the seconds they took, and returns the loop count and the runs.
 * Calibration times 1, 10, 100, ... loops until one takes at least 0.2 s; the probe (the first call)
 * is the first loop, of the calibration or of the first run with -n.
 */
function* schedule(number: number | undefined, repeat: number, probeTime: number): Generator<number, [number, number[]], number> {
  const runs: number[] = [];
  let loops = number ?? 0;
  if (loops === 0) {
    for (let index = 0; index < 10; index++) {
      loops = 10 ** index;
      if ((index === 0 ? probeTime : yield loops) >= 0.2) break;
    }
  } else runs.push(probeTime + (yield loops - 1));
  while (runs.length < repeat) runs.push(yield loops);
  return [loops, runs];
}

async function timeitAsync(options: TimeitOptions, fn: () => unknown, probe: PromiseLike<unknown>, first: number,
  repeat: number, report: (loops: number, runs: number[]) => unknown): Promise<unknown> {
  await probe;
  const time = async (loops: number): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < loops; i++) await fn();
    return (performance.now() - start) / 1000;
  };
  const steps = schedule(options.number, repeat, (performance.now() - first) / 1000);
  let step = steps.next();
  while (!step.done) step = steps.next(await time(step.value));
  return report(...step.value);
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/** IPython's _format_time: `1.23 ms`, `456 ns`, `1min 3s`. */
export function formatTime(seconds: number, precision = 3): string {
  if (seconds >= 60) {
    const parts: Array<[string, number]> = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];
    const out: string[] = [];
    let left = seconds;
    for (const [suffix, length] of parts) {
      const value = Math.trunc(left / length);
      if (value > 0) {
        left %= length;
        out.push(`${value}${suffix}`);
      }
      if (left < 1) break;
    }
    return out.join(' ');
  }
  const units = ['s', 'ms', 'µs', 'ns'];
  const order = seconds > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
  return `${formatG(seconds * 10 ** (3 * order), precision)} ${units[order]}`;
}

/** Python's `%.*g`. */
export function formatG(x: number, precision: number): string {
  if (x === 0) return '0';
  const exp = Number(x.toExponential(precision - 1).split('e')[1]);
  if (exp < -4 || exp >= precision) {
    const [mantissa = '', e = '0'] = x.toExponential(precision - 1).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const fixed = x.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
