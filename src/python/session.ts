// Python cells: the session API (src/session/types.ts) over Pyodide, for the Python kernel, the REPL
// (`jacobi repl --python`) and the doctest runner (`--lang python`). One Pyodide per process, loaded
// when a session first needs it; each session has its own namespace. Cells run synchronously on
// this thread; Ctrl-C reaches them through the interrupt watcher (src/python/interrupt.ts).
import type {
  CompleteReply, ExecuteOptions, ExecuteOutcome, InspectReply, IsCompleteReply, MimeBundle, OutputSink,
  PagePayload, SessionApi, UserExpressionResult,
} from '../session/types.js';
import { loadScope } from '../session/scope.js';
import { mimeBundle } from '../session/render.js';
import { restore, snapshot } from '../core/levels.js';
import { createBridge } from './bridge.js';
import { startInterruptWatcher, type InterruptWatcher } from './interrupt.js';
import { loadPyodideOnce, type Pyodide } from './pyodide.js';

export interface PythonSessionOptions {
  /** 'last_expr' (a notebook cell: the last expression is the result) or 'single' (doctest's: one statement, values printed). */
  mode?: 'last_expr' | 'single';
  /** Start loading Pyodide now, in the background (the Python kernel), instead of at the first cell. */
  preload?: boolean;
  /** Start the SIGINT watcher so Ctrl-C and kernel interrupts stop a running cell (processes that own their signals). */
  interrupts?: boolean;
}

/** A Python object held from JavaScript (a Pyodide PyProxy). */
interface PyProxy {
  [name: string]: any;
  toJs(options?: Record<string, unknown>): any;
  destroy(): void;
}

interface Runtime {
  py: Pyodide;
  runner: PyProxy;
}

type Outcome = ['ok', null | 'js' | 'bundle', unknown] | ['error', string, string, string[]];

/** The session whose cell is running: Python's output goes to its sink. */
let active: PythonSession | undefined;
/** The session that is executing (or waiting to), which a signal interrupts. */
let executing: PythonSession | undefined;
const signalListeners = new Set<() => void>();

/** Runs `listener` on the main thread after a SIGINT (the watcher owns the signal while it runs). */
export function onSignal(listener: () => void): () => void {
  signalListeners.add(listener);
  return () => signalListeners.delete(listener);
}
let runtime: Promise<Runtime> | undefined;
/** The loaded interpreter: cells arm its interrupt buffer while they run. */
let interpreter: Pyodide | undefined;
let watcher: InterruptWatcher | undefined;

function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const [scope, py] = await Promise.all([loadScope(), loadPyodideOnce()]);
    const bridge = createBridge(scope, {
      stream: (name, text) => {
        const sink = active?.currentSink;
        if (sink) sink.stream(name, text);
        else (name === 'stdout' ? process.stdout : process.stderr).write(text);
      },
      display: (bundle, metadata, transient, update) => active?.currentSink?.display(bundle as MimeBundle, metadata, transient, update),
      clearOutput: (wait) => active?.currentSink?.clearOutput(wait),
      mimeBundle: (value) => mimeBundle(value),
    });
    py.registerJsModule('_jacobi_js', bridge);
    let runner: PyProxy;
    try {
      runner = py.pyimport('_jacobi.runner') as PyProxy;
      runner.install();
    } catch (e) {
      throw new Error(`Jacobi's Python package failed to start:\n${e instanceof Error ? e.message : String(e)}`);
    }
    interpreter = py;
    return { py, runner };
  })().catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}

/** Starts the process's SIGINT watcher (once); sessions learn of signals through `onSignal`. */
function ensureWatcher(): InterruptWatcher {
  watcher ??= startInterruptWatcher(() => {
    // This runs once the main thread is free: if a Python cell took the interrupt (Pyodide clears
    // the buffer when it raises KeyboardInterrupt), the signal has done its work.
    if (Atomics.load(watcher!.buffer, 0) === 0) return;
    executing?.interrupt();
    for (const l of signalListeners) l();
  });
  return watcher;
}

/**
 * Library hooks (src/session/hooks.ts, the plots work's: a cell's output for plt.show() and the
 * inline backend's post-execute flush), when this build has them; looked up by path so that Python
 * cells work with or without them.
 */
interface CellHooks {
  enterCell(output: { display(value: unknown): void; warn(text: string): void }): () => void;
}
let hooks: Promise<CellHooks | undefined> | undefined;
function cellHooks(): Promise<CellHooks | undefined> {
  const path = '../session/hooks.js';
  hooks ??= (import(path) as Promise<Partial<CellHooks>>).then((m) => (typeof m.enterCell === 'function' ? (m as CellHooks) : undefined), () => undefined);
  return hooks;
}

/** A scope value loaded on first use (src/session/hooks.ts `lazy`: plt, with Vega). */
const LAZY = Symbol.for('jacobi.lazy');
/** Which Python imports need a lazy scope value (`import matplotlib.pyplot` needs `plt`). */
const LAZY_MODULES: Record<string, RegExp> = { plt: /\bmatplotlib\b/ };

/** Loads the lazy scope values a cell's code needs, and puts them in their place. */
async function loadLazy(code: string): Promise<void> {
  const scope = await loadScope();
  for (const [name, value] of Object.entries(scope)) {
    const load = (value as { [LAZY]?: unknown } | null)?.[LAZY];
    if (typeof load !== 'function') continue;
    if ((LAZY_MODULES[name] ?? new RegExp(`\\b${name}\\b`)).test(code)) scope[name] = await (load as () => Promise<unknown>)();
  }
}

/** IPython's `name?` / `name??`. */
const QUESTION = /^\s*([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*(\?\??)\s*$/;

class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
}

export class PythonSession implements SessionApi {
  readonly ready: Promise<void>;
  private count = 1;
  private silentCount = 0;
  /** The process's signal count when the running cell began: an interrupt after that is this cell's. */
  private signalsAtStart = 0;
  private readonly mode: 'last_expr' | 'single';
  private session: Promise<PyProxy> | undefined;
  private loaded: PyProxy | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private cancel: ((e: unknown) => void) | undefined;
  /** The sink of the running cell (or of the last one). */
  currentSink: OutputSink | undefined;

  constructor(options: PythonSessionOptions = {}) {
    this.mode = options.mode ?? 'last_expr';
    if (options.interrupts) ensureWatcher();
    this.ready = loadScope().then(() => undefined);
    if (options.preload) void this.python().catch(() => undefined);
  }

  get executionCount(): number {
    return this.count;
  }

  /** This session's Python namespace (loading Pyodide first if needed). */
  private python(): Promise<PyProxy> {
    this.session ??= loadRuntime().then((rt) => {
      this.loaded = rt.runner.Session() as PyProxy;
      return this.loaded;
    });
    this.session.catch(() => {
      this.session = undefined;
    });
    return this.session;
  }

  /** Loads Pyodide if it is not loaded yet (for front ends that want to wait, and for bench/). */
  async load(): Promise<void> {
    await this.python();
  }

  /** `options.mode` overrides the session's mode for this cell (a notebook's cell in a doctest run). */
  execute(code: string, sink: OutputSink, options: ExecuteOptions & { mode?: 'last_expr' | 'single' } = {}): Promise<ExecuteOutcome> {
    const run = this.queue.then(async () => {
      executing = this;
      this.signalsAtStart = watcher?.signals() ?? 0;
      try {
        return await this.run(code, sink, options);
      } finally {
        executing = undefined;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(code: string, sink: OutputSink, options: ExecuteOptions & { mode?: 'last_expr' | 'single' }): Promise<ExecuteOutcome> {
    await this.ready;
    const silent = options.silent === true;
    const store = !silent && options.storeHistory !== false && code.trim() !== '';
    const executionCount = store ? this.count++ : this.count - 1;
    const filename = store ? `<cell[${executionCount}]>` : `<silent[${++this.silentCount}]>`;
    const fail = (ename: string, evalue: string, traceback: string[]): ExecuteOutcome => ({ status: 'error', executionCount, ename, evalue, traceback });
    this.currentSink = sink;

    let session: PyProxy;
    try {
      session = await this.waitFor(this.python());
    } catch (e) {
      if (e instanceof KeyboardInterrupt) return fail('KeyboardInterrupt', '', ['KeyboardInterrupt']);
      const message = e instanceof Error ? e.message : String(e);
      const ename = e instanceof Error && e.name === 'PyodideLoadError' ? e.name : 'RuntimeError';
      return fail(ename, message, [`${ename}: ${message}`]);
    }

    const question = QUESTION.exec(code);
    if (question) {
      const text = session.inspect_name(question[1]!.replace(/\s+/g, ''), question[2] === '??' ? 1 : 0) as string | undefined;
      if (text === undefined || text === null) return fail('NameError', `Object \`${question[1]}\` not found.`, [`Object \`${question[1]}\` not found.`]);
      const payload: PagePayload[] = [{ source: 'page', data: { 'text/plain': text }, start: 0 }];
      return { status: 'ok', executionCount, payload };
    }

    await loadLazy(code);
    const endCell = (await cellHooks())?.enterCell({
      display: (value) => sink.display(mimeBundle(value), {}, {}, false),
      warn: (text) => sink.stream('stderr', text),
    });
    let outcome: Outcome;
    try {
      outcome = this.call(() => session.run_cell(code, filename, options.mode ?? this.mode) as PyProxy);
    } finally {
      endCell?.();
    }
    if (outcome[0] === 'error') return fail(outcome[1], outcome[2], outcome[3]);
    const result = silent ? undefined : this.bundle(outcome);
    return { status: 'ok', executionCount, ...(result ? { result } : {}), payload: [] };
  }

  /**
   * A notebook transcript's cell (code, then what it printed): runs it and finds where its code
   * ends, `matches(printed, rest)` being the runner's comparison (src/python/py/_jacobi/transcript.py).
   */
  executeSegment(text: string, sink: OutputSink, matches: (printed: string, rest: string) => boolean): Promise<ExecuteOutcome & { split?: number }> {
    const run = this.queue.then(async (): Promise<ExecuteOutcome & { split?: number }> => {
      this.signalsAtStart = watcher?.signals() ?? 0;
      await this.ready;
      const executionCount = this.count++;
      this.currentSink = sink;
      let session: PyProxy;
      try {
        session = await this.waitFor(this.python());
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { status: 'error', executionCount, ename: 'PyodideLoadError', evalue: message, traceback: [message] };
      }
      let split: number | undefined;
      const outcome = this.call(() => {
        const result = session.run_segment(text, `<cell[${executionCount}]>`, matches) as PyProxy;
        split = result.get(0) as number;
        const inner = result.get(1) as PyProxy;
        result.destroy();
        return inner;
      });
      const base = outcome[0] === 'error'
        ? { status: 'error' as const, executionCount, ename: outcome[1], evalue: outcome[2], traceback: outcome[3] }
        : { status: 'ok' as const, executionCount, payload: [] };
      return { ...base, ...(split === undefined ? {} : { split }) };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs one call into Python as a cell: this session's output, Ctrl-C armed, autodiff state restored after. */
  private call(fn: () => PyProxy): Outcome {
    const previous = active;
    active = this;
    // Only a cell takes Ctrl-C as KeyboardInterrupt. Armed always, a signal that came during a quick
    // question (is_complete, completion) raised inside it and was lost to the idle handler.
    if (watcher) interpreter?.setInterruptBuffer(watcher.buffer);
    watcher?.clearStale(this.signalsAtStart);
    const state = snapshot();
    let finished = false;
    try {
      const proxy = fn();
      const outcome = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false }) as Outcome;
      proxy.destroy();
      finished = outcome[0] === 'ok';
      return outcome;
    } catch (e) {
      // Python reports its own exceptions as outcomes; reaching here means the interpreter itself failed.
      const message = e instanceof Error ? e.message : String(e);
      runtime = undefined;
      this.session = undefined;
      return ['error', 'PyodideFatalError', message, [`PyodideFatalError: ${message}`, 'The Python interpreter stopped; the next cell starts a new one.']];
    } finally {
      // As for TypeScript cells: a cell that raised (or was interrupted) gets the autodiff state
      // back as it was before it, keeping what it entered on purpose (`__enter__`); one that
      // finished leaves no context it entered running into later cells.
      restore(state, finished);
      interpreter?.setInterruptBuffer(undefined as unknown as Int32Array);
      active = previous;
    }
  }

  private bundle(outcome: Outcome): MimeBundle | undefined {
    if (outcome[0] !== 'ok' || outcome[1] === null) return undefined;
    if (outcome[1] === 'js') return mimeBundle(outcome[2]);
    return outcome[2] as MimeBundle;
  }

  /** Waits for `p`, or for an interrupt. */
  private async waitFor<T>(p: Promise<T>): Promise<T> {
    const interrupted = new Promise<never>((_, reject) => { this.cancel = reject; });
    try {
      return await Promise.race([p, interrupted]);
    } finally {
      this.cancel = undefined;
    }
  }

  async evaluateExpressions(expressions: Record<string, string>): Promise<Record<string, UserExpressionResult>> {
    const out: Record<string, UserExpressionResult> = {};
    const session = await this.python();
    for (const [key, expression] of Object.entries(expressions)) {
      const outcome = this.call(() => session.evaluate(expression, `<expr[${++this.silentCount}]>`) as PyProxy);
      out[key] = outcome[0] === 'error'
        ? { status: 'error', ename: outcome[1], evalue: outcome[2], traceback: outcome[3] }
        : { status: 'ok', data: this.bundle(outcome) ?? { 'text/plain': 'None' }, metadata: {} };
    }
    return out;
  }

  isComplete(code: string): IsCompleteReply {
    if (!this.loaded) return { status: 'unknown' };
    const [status, indent] = this.query<[IsCompleteReply['status'], string]>(() => this.loaded!.is_complete(code));
    return status === 'incomplete' ? { status, indent } : { status };
  }

  complete(code: string, cursorPos: number): CompleteReply {
    if (!this.loaded) return { matches: [], cursor_start: cursorPos, cursor_end: cursorPos };
    const [matches, start, end] = this.query<[string[], number, number]>(() => this.loaded!.complete(code, cursorPos));
    return { matches, cursor_start: start, cursor_end: end };
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): InspectReply {
    if (!this.loaded) return { found: false, data: {} };
    const text = this.query<string | undefined>(() => this.loaded!.inspect(code, cursorPos, detailLevel));
    return typeof text === 'string' ? { found: true, data: { 'text/plain': text } } : { found: false, data: {} };
  }

  /** A quick synchronous question to Python (completion, inspection): its value converted to JS. */
  private query<T>(fn: () => unknown): T {
    const previous = active;
    active = this;
    try {
      const value = fn();
      if (value && typeof (value as PyProxy).toJs === 'function') {
        const converted = (value as PyProxy).toJs({ create_pyproxies: false }) as T;
        (value as PyProxy).destroy();
        return converted;
      }
      return value as T;
    } finally {
      active = previous;
    }
  }

  interrupt(): void {
    this.cancel?.(new KeyboardInterrupt('interrupted'));
  }

  /** The names the session's namespace holds (for front ends and tests). */
  globalNames(): string[] {
    if (!this.loaded) return [];
    return this.query<string[]>(() => this.loaded!.names());
  }
}
