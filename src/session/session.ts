// The one evaluator behind the Jupyter kernel, the REPL and the doctest runner: TypeScript cells with
// Python-like tensor math, run as vm scripts (breakOnSigint) over a scope that persists from cell to cell.
import vm from 'node:vm';
import os from 'node:os';
import type {
  CompleteReply, ExecuteOptions, ExecuteOutcome, InspectReply, IsCompleteReply, MimeBundle, OutputSink,
  PagePayload, SessionApi, UserExpressionResult,
} from './types.js';
import { restore, snapshot } from '../core/levels.js';
import { memory } from '../tensor/dtype.js';
import { loadTypeScript, typescript, typescriptIfLoaded } from './typescript.js';
import { CellCompileError, compileCell, SCOPE_KEY, type CompiledCell } from './compile.js';
import { CellTimers, createCellScope } from './context.js';
import { receiveAsyncErrors, type AsyncErrorKind } from './async-errors.js';
import { runAsTask, type CellTask } from './cell-task.js';
import { markDriverModule, takeStoppedStack } from './interrupt-target.js';
import { EXIT, makeBuiltins } from './builtins.js';
import { MAGIC, makeMagics, scopeHost, transformMagics, UsageError, type MagicCell, type MagicHelper } from './magics.js';
import { mimeBundle } from './render.js';
import { cellErrorReport, errorReport, interruptReport, isInterrupt, mapPositions, syntaxReport, type ErrorReport } from './traceback.js';
import type { LineMap } from './sourcemap.js';
import { isComplete } from './is-complete.js';
import { complete } from './complete.js';
import { inspect, inspectText } from './inspect.js';
import { methodHelpText } from './help.js';
import { loadScope } from './scope.js';
import { TypeChecker } from './typecheck.js';
import { LARGE_CELL_CHARS } from './large-cells.js';
import { enterCell, isLazy, LAZY, type Lazy } from './hooks.js';

export interface SessionOptions {
  /**
   * How a cell's value is shown: `ipython` (default) as IPython's prompt shows it (long tuples and
   * lists one element per line), `python` as Python's own REPL and doctest show it (plain repr).
   */
  display?: 'ipython' | 'python';
  /** Report TypeScript's type errors for a cell (against earlier cells' declarations) before running it. */
  typeCheck?: boolean;
  /** help(x) gives a pager payload, as IPython's `x?` does in a notebook (default); false prints it instead. */
  pager?: boolean;
  /** Extra globals for every cell (tests, embedding). */
  globals?: Record<string, unknown>;
  /**
   * How an interrupt reaches a busy cell. `signal` (default): SIGINT stops the synchronous part through
   * vm's breakOnSigint, interrupt() rejects a pending await. `thread`: each cell's script runs as its own
   * task, without breakOnSigint, so that a helper thread can terminate it, or any callback, wherever
   * it runs (src/session/interrupt-thread.ts); the process's SIGINT then belongs to that thread.
   */
  interrupts?: 'signal' | 'thread';
  /**
   * Where an error from a callback or an unawaited promise goes once its cell has finished: `stderr`
   * (default) writes it to the process's stderr at once; `next-cell` keeps it for the next cell's stderr
   * stream (a notebook no longer shows output sent to a finished cell).
   */
  lateErrors?: 'stderr' | 'next-cell';
}

// A helper thread's termination never lands in the session's own code (see interrupt-target.ts).
markDriverModule(import.meta.url);

/** IPython's `name?` / `name??`: the object's documentation, as a pager payload. */
const QUESTION = /^\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*(\?\??)\s*$/;
/** A cell that is just `help(a.b)`: a tensor method's help needs the chain (src/session/help.ts). */
const HELP_CALL = /^\s*help\(\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)+)\s*\)\s*;?\s*$/;

export class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
}

export class Session implements SessionApi {
  readonly ready: Promise<void>;
  private count = 1;
  private silentCount = 0;
  /** The names cells see beyond the real globals: facades, builtins, earlier cells' declarations. */
  private global: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private readonly maps = new Map<string, LineMap>();
  /** Each cell's text, for the source lines of tracebacks. */
  private readonly sources = new Map<string, string>();
  private currentSink: OutputSink | undefined;
  private payload: PagePayload[] = [];
  private cancel: ((e: unknown) => void) | undefined;
  /** Whether a cell is between the start and the end of run(). */
  private running = false;
  /** The script task of the running cell (thread mode), so an early interrupt can keep it from starting. */
  private task: CellTask | undefined;
  /** Errors from callbacks that came while no cell was running, for the next cell (lateErrors: next-cell). */
  private late: string[] = [];
  private readonly timers = new CellTimers();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly checker: TypeChecker | undefined;
  /** Earlier cells' declarations as TypeScript sees them, for completion (the checker, when there is one). */
  private readonly types: TypeChecker;
  private readonly pager: boolean;
  private displayValue: (value: unknown) => void = () => undefined;
  /** Scope names whose values load on first use (src/session/hooks.ts `lazy`), until they have. */
  private lazyNames: { name: string; mention: RegExp }[] = [];
  /** The scope's own names and values (facades, builtins): not the user's variables (%who, %reset). */
  private readonly hidden = new Map<string, unknown>();
  private magics: MagicHelper | undefined;
  private exitRequest: { keepKernel: boolean } | undefined;

  constructor(private readonly options: SessionOptions = {}) {
    // One tensor may take at most half the machine's memory: beyond it, NumPy's MemoryError, not a
    // process that swaps until it dies (JACOBI_MAX_ALLOC_BYTES overrides).
    if (memory.limit === Infinity) memory.limit = Number(process.env.JACOBI_MAX_ALLOC_BYTES) || Math.floor(os.totalmem() / 2);
    this.pager = options.pager !== false;
    this.checker = options.typeCheck ? new TypeChecker() : undefined;
    this.types = this.checker ?? new TypeChecker();
    this.ready = Promise.all([loadTypeScript(), loadScope()]).then(([, scope]) => {
      this.setUp(scope);
    });
    // The kernel may ask for kernel_info before the compiler loads; nothing else may fail unobserved.
    this.ready.catch(() => undefined);
  }

  private readonly isScopeFunction = (name: string): boolean =>
    Object.prototype.hasOwnProperty.call(this.global, name) && typeof this.global[name] === 'function';

  get executionCount(): number {
    return this.count;
  }

  private setUp(scope: Record<string, unknown>): void {
    const builtins = makeBuiltins({
      sink: () => this.currentSink,
      pager: this.pager,
      addPayload: (page) => this.payload.push(page),
      requestExit: (keepKernel) => (this.exitRequest = { keepKernel }),
      scope: () => this.global,
    });
    this.displayValue = builtins.display as (value: unknown) => void;
    this.global = createCellScope({ ...scope, ...builtins, ...this.options.globals }, (e) => this.reportAsync(e, 'exception'), this.timers);
    for (const [name, value] of Object.entries(this.global)) this.hidden.set(name, value);
    this.magics = makeMagics(scopeHost(this.global, this.hidden, () => this.currentSink));
    Object.defineProperty(this.global, MAGIC, { value: this.magics, enumerable: false });
    this.lazyNames = Object.keys(this.global).filter((name) => isLazy(this.global[name]))
      .map((name) => ({ name, mention: new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`) }));
    receiveAsyncErrors(this.reportAsync);
  }

  /**
   * An error nothing can catch any more: a throw in a timer or any other callback, a rejected promise
   * nobody awaited. It goes to the running cell's stderr; after the cell it goes to the process's
   * stderr, or waits for the next cell (lateErrors: next-cell). It never ends the process.
   */
  readonly reportAsync = (error: unknown, kind: AsyncErrorKind): void => {
    const report = errorReport(error, this.maps, this.isScopeFunction);
    const [first = '', ...frames] = report.traceback;
    const origin = /\b(cell\[\d+\])/.exec(frames.join('\n'))?.[1];
    this.emitAsync([`Uncaught ${kind === 'rejection' ? '(in promise) ' : ''}${first}`, ...frames], origin);
  };

  private emitAsync(lines: string[], origin: string | undefined): void {
    if (!this.running) lines.unshift(`(from ${origin ?? 'an earlier cell'}, after it had finished)`);
    const text = lines.join('\n') + '\n';
    if (this.running && this.currentSink) this.currentSink.stream('stderr', text);
    else if (this.options.lateErrors === 'next-cell') this.late.push(text);
    else process.stderr.write(text);
  }

  execute(code: string, sink: OutputSink, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    const run = this.queue.then(() => this.run(code, sink, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(code: string, sink: OutputSink, options: ExecuteOptions): Promise<ExecuteOutcome> {
    await this.ready;
    const silent = options.silent === true;
    const store = !silent && options.storeHistory !== false && code.trim() !== '';
    const executionCount = store ? this.count++ : this.count - 1;
    const filename = store ? `cell[${executionCount}]` : `silent[${++this.silentCount}]`;
    this.currentSink = sink;
    this.payload = [];
    this.exitRequest = undefined;
    receiveAsyncErrors(this.reportAsync);
    // What came from callbacks since the last cell is shown first, as that cell's stderr would have.
    for (const text of this.late.splice(0)) sink.stream('stderr', text);
    this.running = true;
    try {
      return await this.runCell(code, silent, store, executionCount, filename);
    } finally {
      this.running = false;
    }
  }

  private async runCell(code: string, silent: boolean, store: boolean, executionCount: number, filename: string): Promise<ExecuteOutcome> {
    const fail = (r: ErrorReport): ExecuteOutcome => ({ status: 'error', executionCount, ...r });

    const question = QUESTION.exec(code);
    if (question) {
      const text = inspectText(this.global, question[1]!.replace(/\s+/g, ''), question[2] === '??' ? 1 : 0);
      if (text === undefined) return fail({ ename: 'NameError', evalue: `Object \`${question[1]}\` not found.`, traceback: [`Object \`${question[1]}\` not found.`] });
      return { status: 'ok', executionCount, payload: [{ source: 'page', data: { 'text/plain': text }, start: 0 }] };
    }

    const helpCall = HELP_CALL.exec(code);
    const methodHelp = helpCall ? methodHelpText(this.global, helpCall[1]!.replace(/\s+/g, '')) : undefined;
    if (methodHelp !== undefined) {
      if (!this.pager) this.currentSink?.stream('stdout', methodHelp + '\n');
      return { status: 'ok', executionCount, payload: this.pager ? [{ source: 'page', data: { 'text/plain': methodHelp }, start: 0 }] : [] };
    }

    // IPython's magics (%time, %timeit, %who, !cmd, %%bash...) rewritten line by line (magics.ts).
    let magic: MagicCell;
    try {
      magic = transformMagics(typescript(), code);
    } catch (e) {
      if (e instanceof UsageError) return fail({ ename: 'UsageError', evalue: e.message, traceback: [`UsageError: ${e.message}`] });
      throw e;
    }
    let compiled: CompiledCell;
    try {
      compiled = compileCell(magic.code);
    } catch (e) {
      if (e instanceof CellCompileError) return fail(syntaxReport(filename, e.errors));
      throw e;
    }
    if (this.checker && !magic.changed) {
      const problems = this.checker.check(code, this.global);
      if (problems.length > 0) return fail(this.checker.report(filename, problems));
    }

    // Library hooks (src/session/hooks.ts) see this cell's output until it ends: plt.show() displays
    // here, and after the cell the inline backend shows its figures.
    const endCell = enterCell({ display: (v) => this.displayValue(v), warn: (text) => this.currentSink?.stream('stderr', text) });
    try {
      const loading = this.loadLazyGlobals(code);
      if (loading) await loading;
      this.sources.set(filename, code);
      const value = magic.timeCell ? await this.magics!.timeCell(() => this.evaluate(compiled, filename)) : await this.evaluate(compiled, filename);
      // (A cell too large for TypeScript to parse in passing is left to the runtime's completion; a cell
      // with magics is not TypeScript as written.)
      if (!magic.changed && (this.checker || code.length < LARGE_CELL_CHARS)) this.types.accept(code);
      // A cell whose value is `exit` or `quit` exits, as IPython's autocall makes `exit` alone do.
      const isExit = compiled.hasValue && typeof value === 'function' && (value as { [EXIT]?: boolean })[EXIT] === true;
      if (isExit) this.exitRequest ??= { keepKernel: false };
      // Python's None (and JavaScript's undefined) shows nothing.
      const shown = compiled.hasValue && value !== undefined && value !== null && !isExit;
      const result = !silent && shown ? mimeBundle(value, this.options.display) : undefined;
      if (store && shown) this.global._ = value;
      const exit = this.exitRequest ? { exit: this.exitRequest } : {};
      return { status: 'ok', executionCount, ...(result ? { result } : {}), payload: this.payload, ...exit };
    } catch (e) {
      if (e instanceof Reported) return fail(e.report);
      const stopped = isInterrupt(e) ? takeStoppedStack() : undefined;
      return fail(cellErrorReport(e, this.maps, (file) => this.sources.get(file), this.isScopeFunction, stopped));
    } finally {
      endCell();
    }
  }

  /** Loads the lazy scope names this code mentions into their places; undefined when there are none. */
  private loadLazyGlobals(code: string): Promise<void> | undefined {
    const named = this.lazyNames.filter(({ name, mention }) => isLazy(this.global[name]) && mention.test(code));
    if (named.length === 0) return undefined;
    return (async () => {
      for (const { name } of named) this.hidden.set(name, this.global[name] = await (this.global[name] as Lazy)[LAZY]());
      this.lazyNames = this.lazyNames.filter(({ name }) => isLazy(this.global[name]));
    })();
  }

  /**
   * Runs compiled code over the session's scope. An interrupt stops it wherever it is: SIGINT (vm's
   * breakOnSigint) or a helper thread's termination while it runs synchronously, interrupt() while it
   * awaits.
   */
  private async evaluate(compiled: CompiledCell, filename: string): Promise<unknown> {
    for (const name of compiled.globals) {
      if (!Object.prototype.hasOwnProperty.call(this.global, name)) this.global[name] = undefined;
    }
    let script: vm.Script;
    try {
      script = new vm.Script(compiled.js, { filename });
    } catch (e) {
      throw new Reported(remapSyntaxError(e, filename, compiled.map));
    }
    this.maps.set(filename, compiled.map);
    const scopeKey = Symbol.for(SCOPE_KEY);
    const enter = () => ((globalThis as Record<symbol, unknown>)[scopeKey] = this.global);
    const leave = () => delete (globalThis as Record<symbol, unknown>)[scopeKey];
    const interrupted = new Promise<never>((_, reject) => { this.cancel = reject; });
    interrupted.catch(() => undefined);
    // A cell awaiting something that holds no handle (a bare promise) must wait for an interrupt,
    // not let the process run out of work and exit.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const task: CellTask = { cancelled: false };
    this.task = task;
    // The autodiff state (levels, grad mode) as it was before the cell: a cell that fails or is
    // interrupted inside jax.jvp or torch.no_grad gets it back; one that finishes leaves no context
    // it entered running into later cells (unless kept on purpose with __enter__).
    const before = snapshot();
    let finished = false;
    // V8 keeps 10 frames by default: Jacobi's own frames (jax.grad's) would leave out the cell's.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 200;
    takeStoppedStack();
    try {
      let value: unknown;
      if (this.options.interrupts === 'thread') {
        value = await Promise.race([runAsTask(script, enter, leave, task), interrupted]);
      } else {
        enter();
        try {
          value = script.runInThisContext({ breakOnSigint: true, displayErrors: false });
        } finally {
          leave();
        }
      }
      if (isThenable(value)) value = await Promise.race([value, interrupted]);
      // A promise the cell rejected without awaiting is reported once the current macrotask's
      // microtasks are done: waiting for the next one makes it this cell's error output.
      await Promise.race([new Promise((resolve) => setImmediate(resolve)), interrupted]);
      finished = true;
      return value;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
      clearInterval(keepAlive);
      this.cancel = undefined;
      this.task = undefined;
      leave();
      this.cellStopped(before, finished);
    }
  }

  /**
   * The one place where a cell's evaluation has ended, whatever ended it: a value, an error, an
   * interrupt, or a termination of its JavaScript. Per-cell state that must not outlive the cell is
   * restored here: the autodiff state as it was before the cell (`finished`: it ended normally).
   */
  private cellStopped(before: ReturnType<typeof snapshot>, finished: boolean): void {
    restore(before, finished);
  }

  async evaluateExpressions(expressions: Record<string, string>): Promise<Record<string, UserExpressionResult>> {
    await this.ready;
    const out: Record<string, UserExpressionResult> = {};
    for (const [key, expression] of Object.entries(expressions)) {
      const filename = `expr[${++this.silentCount}]`;
      try {
        const compiled = compileCell(`(${expression})`);
        const value = await this.evaluate(compiled, filename);
        out[key] = { status: 'ok', data: mimeBundle(value), metadata: {} };
      } catch (e) {
        const r = e instanceof CellCompileError ? syntaxReport(filename, e.errors) : e instanceof Reported ? e.report : errorReport(e, this.maps, this.isScopeFunction);
        out[key] = { status: 'error', ...r };
      }
    }
    return out;
  }

  isComplete(code: string): IsCompleteReply {
    const ts = typescriptIfLoaded();
    return ts ? isComplete(ts, code) : { status: 'unknown' };
  }

  complete(code: string, cursorPos: number): CompleteReply {
    // Completion is synchronous: a lazy name it sees starts loading, for the next request.
    void this.loadLazyGlobals(code)?.catch(() => undefined);
    const ts = typescriptIfLoaded();
    return complete(ts, this.global, code, cursorPos, this.types);
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): InspectReply {
    return inspect(this.global, code, cursorPos, detailLevel);
  }

  /**
   * Stops the running cell: a pending await is rejected with KeyboardInterrupt, a script not yet started
   * never starts, and every timer cells scheduled that has not fired is cancelled (a looping timer
   * stops with its cell; with no cell running, an interrupt stops those alone).
   */
  interrupt(): void {
    this.timers.cancelAll();
    this.magics?.interrupt();
    if (this.task) {
      this.task.cancelled = true;
      clearTimeout(this.task.timer);
    }
    this.cancel?.(new KeyboardInterrupt('interrupted'));
  }

  /** A helper thread terminated JavaScript that ran outside any cell (a callback): say where. */
  reportStopped(where: string | undefined): void {
    const at = where ? mapPositions(where, this.maps) : undefined;
    this.emitAsync([`KeyboardInterrupt: a callback was stopped${at ? ` at ${at}` : ''}`], /^(cell\[\d+\])/.exec(at ?? '')?.[1]);
  }

  /** The global names a cell can see (what completion offers); for front ends and tests. */
  globalNames(): string[] {
    return [...new Set([...Object.getOwnPropertyNames(this.global), ...Object.getOwnPropertyNames(globalThis)])];
  }
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/** An error already turned into its report. */
class Reported {
  constructor(readonly report: ErrorReport) {}
}

/** V8 rejected the compiled script (what TypeScript's parser allows but JavaScript does not): say where in the cell. */
function remapSyntaxError(e: unknown, filename: string, map: LineMap): ErrorReport {
  const message = String((e as { message?: unknown } | null)?.message ?? e);
  const stack = String((e as { stack?: unknown } | null)?.stack ?? '');
  const line = new RegExp(`${filename.replace(/[[\]]/g, '\\$&')}:(\\d+)`).exec(stack)?.[1];
  const where = line ? mapPositions(`${filename}:${line}:1`, new Map([[filename, map]])) : filename;
  return { ename: 'SyntaxError', evalue: message, traceback: [where, `SyntaxError: ${message}`] };
}

export type { MimeBundle };
export { interruptReport, isInterrupt };
