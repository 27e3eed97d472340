// The one evaluator behind the Jupyter kernel, the REPL and the doctest runner: TypeScript cells with
// Python-like tensor math, run as vm scripts (breakOnSigint) over a scope that persists from cell to cell.
import vm from 'node:vm';
import type {
  CompleteReply, ExecuteOptions, ExecuteOutcome, InspectReply, IsCompleteReply, MimeBundle, OutputSink,
  PagePayload, SessionApi, UserExpressionResult,
} from './types.js';
import { restore, snapshot } from '../core/levels.js';
import { loadTypeScript, typescriptIfLoaded } from './typescript.js';
import { CellCompileError, compileCell, SCOPE_KEY, type CompiledCell } from './compile.js';
import { createCellScope } from './context.js';
import { makeBuiltins } from './builtins.js';
import { mimeBundle } from './render.js';
import { errorReport, interruptReport, isInterrupt, mapPositions, syntaxReport, type ErrorReport } from './traceback.js';
import type { LineMap } from './sourcemap.js';
import { isComplete } from './is-complete.js';
import { complete } from './complete.js';
import { inspect, inspectText } from './inspect.js';
import { loadScope } from './scope.js';
import { TypeChecker } from './typecheck.js';

export interface SessionOptions {
  /** Report TypeScript's type errors for a cell (against earlier cells' declarations) before running it. */
  typeCheck?: boolean;
  /** help(x) gives a pager payload, as IPython's `x?` does in a notebook (default); false prints it instead. */
  pager?: boolean;
  /** Extra globals for every cell (tests, embedding). */
  globals?: Record<string, unknown>;
}

/** IPython's `name?` / `name??`: the object's documentation, as a pager payload. */
const QUESTION = /^\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*(\?\??)\s*$/;

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
  private currentSink: OutputSink | undefined;
  private payload: PagePayload[] = [];
  private cancel: ((e: unknown) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly checker: TypeChecker | undefined;
  private readonly pager: boolean;

  constructor(private readonly options: SessionOptions = {}) {
    this.pager = options.pager !== false;
    this.checker = options.typeCheck ? new TypeChecker() : undefined;
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
    });
    this.global = createCellScope({ ...scope, ...builtins, ...this.options.globals }, (e) => this.reportLate(e));
  }

  /** An error from a timer or a promise nobody awaited, after its cell finished. */
  private reportLate(error: unknown): void {
    const report = errorReport(error, this.maps, this.isScopeFunction);
    const text = report.traceback.join('\n') + '\n';
    if (this.currentSink) this.currentSink.stream('stderr', text);
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
    const fail = (r: ErrorReport): ExecuteOutcome => ({ status: 'error', executionCount, ...r });

    const question = QUESTION.exec(code);
    if (question) {
      const text = inspectText(this.global, question[1]!.replace(/\s+/g, ''), question[2] === '??' ? 1 : 0);
      if (text === undefined) return fail({ ename: 'NameError', evalue: `Object \`${question[1]}\` not found.`, traceback: [`Object \`${question[1]}\` not found.`] });
      return { status: 'ok', executionCount, payload: [{ source: 'page', data: { 'text/plain': text }, start: 0 }] };
    }

    let compiled: CompiledCell;
    try {
      compiled = compileCell(code);
    } catch (e) {
      if (e instanceof CellCompileError) return fail(syntaxReport(filename, e.errors));
      throw e;
    }
    if (this.checker) {
      const problems = this.checker.check(code, this.global);
      if (problems.length > 0) return fail(this.checker.report(filename, problems));
    }

    try {
      const value = await this.evaluate(compiled, filename);
      if (this.checker) this.checker.accept(code);
      // Python's None (and JavaScript's undefined) shows nothing.
      const shown = compiled.hasValue && value !== undefined && value !== null;
      const result = !silent && shown ? mimeBundle(value) : undefined;
      if (store && shown) this.global._ = value;
      return { status: 'ok', executionCount, ...(result ? { result } : {}), payload: this.payload };
    } catch (e) {
      return fail(e instanceof Reported ? e.report : errorReport(e, this.maps, this.isScopeFunction));
    }
  }

  /** Runs compiled code in the context: SIGINT stops it while it runs synchronously, interrupt() while it awaits. */
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
    // The autodiff state (levels, grad mode) as it was before the cell: a cell that fails or is
    // interrupted inside jax.jvp or torch.no_grad gets it back; one that finishes leaves no context
    // it entered running into later cells (unless kept on purpose with __enter__).
    const before = snapshot();
    let finished = false;
    try {
      (globalThis as Record<symbol, unknown>)[Symbol.for(SCOPE_KEY)] = this.global;
      let value: unknown;
      try {
        value = script.runInThisContext({ breakOnSigint: true, displayErrors: false });
      } finally {
        delete (globalThis as Record<symbol, unknown>)[Symbol.for(SCOPE_KEY)];
      }
      if (isThenable(value)) {
        const interrupted = new Promise<never>((_, reject) => { this.cancel = reject; });
        // A cell awaiting something that holds no handle (a bare promise) must wait for an interrupt,
        // not let the process run out of work and exit.
        const keepAlive = setInterval(() => undefined, 1 << 30);
        try {
          value = await Promise.race([value, interrupted]);
        } finally {
          clearInterval(keepAlive);
          this.cancel = undefined;
        }
      }
      finished = true;
      return value;
    } finally {
      restore(before, finished);
    }
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
    const ts = typescriptIfLoaded();
    return complete(ts, this.global, code, cursorPos);
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): InspectReply {
    return inspect(this.global, code, cursorPos, detailLevel);
  }

  interrupt(): void {
    this.cancel?.(new KeyboardInterrupt('interrupted'));
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
