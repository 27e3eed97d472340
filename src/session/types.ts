// The contract between the session (the one evaluator) and its front ends: the Jupyter kernel,
// the terminal REPL and the doctest runner.

/** A Jupyter MIME bundle: `text/plain` is always present. */
export type MimeBundle = Record<string, unknown> & { 'text/plain': string };

/** Where a cell's side output goes while it runs. Every method may be called many times per cell. */
export interface OutputSink {
  /** console.log / print (stdout), console.error (stderr). */
  stream(name: 'stdout' | 'stderr', text: string): void;
  /** display(value) and its raw variants; `update` is true for `display(..., { display_id, update: true })`. */
  display(data: MimeBundle, metadata: Record<string, unknown>, transient: { display_id?: string }, update: boolean): void;
  /** clear_output({ wait }). */
  clearOutput(wait: boolean): void;
  /** A terminal (the REPL): progress bars (tqdm) redraw in place on stderr instead of updating a display. */
  readonly terminal?: boolean;
  /** input()/prompt() in a cell; absent when the front end cannot ask (the cell then gets an error). */
  input?(prompt: string, password: boolean): Promise<string>;
}

export interface ExecuteOptions {
  /** Jupyter `silent`: no result, no history, execution count unchanged. */
  silent?: boolean;
  /** Jupyter `store_history` (default true). */
  storeHistory?: boolean;
}

/** A pager payload, as IPython's `?` gives (help(x) in the kernel). */
export interface PagePayload {
  source: 'page';
  data: MimeBundle;
  start: number;
}

export type ExecuteOutcome =
  | {
      status: 'ok'; executionCount: number; result?: MimeBundle; payload: PagePayload[];
      /**
       * The cell called exit() or quit() (or its value was `exit`): as IPython's ask_exit, the front end
       * ends (the kernel replies with payload `{source: 'ask_exit', keepkernel}` and shuts down unless
       * `keepKernel`; the REPL exits).
       */
      exit?: { keepKernel: boolean };
    }
  | { status: 'error'; executionCount: number; ename: string; evalue: string; traceback: string[] };

export interface CompleteReply {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  /** `_jupyter_types_experimental`: each match's IPython type (function, instance, keyword...). */
  metadata?: { _jupyter_types_experimental?: Array<{ start: number; end: number; text: string; type: string }> };
}

export interface InspectReply {
  found: boolean;
  data: MimeBundle | Record<string, never>;
}

export interface IsCompleteReply {
  status: 'complete' | 'incomplete' | 'invalid' | 'unknown';
  indent?: string;
}

/** What the kernel, the REPL and the doctest runner need from a session (src/session/session.ts implements it). */
export interface SessionApi {
  /** Resolves once the TypeScript compiler is loaded (the kernel answers kernel_info before this). */
  readonly ready: Promise<void>;
  /** The count the next stored execution will get (starts at 1). */
  readonly executionCount: number;
  execute(code: string, sink: OutputSink, options?: ExecuteOptions): Promise<ExecuteOutcome>;
  /** Jupyter user_expressions: each expression evaluated to a MIME bundle, or an error. */
  evaluateExpressions(expressions: Record<string, string>): Promise<Record<string, UserExpressionResult>>;
  isComplete(code: string): IsCompleteReply;
  complete(code: string, cursorPos: number): CompleteReply;
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): InspectReply;
  /**
   * Stops the running cell: rejects a pending top-level await (a busy synchronous loop is stopped by
   * SIGINT via vm breakOnSigint, or terminated by a helper thread) and cancels the timers cells left.
   */
  interrupt(): void;
  /** A helper thread terminated JavaScript outside any cell (a callback): tell the user where. */
  reportStopped?(where: string | undefined): void;
}

export type UserExpressionResult =
  | { status: 'ok'; data: MimeBundle; metadata: Record<string, unknown> }
  | { status: 'error'; ename: string; evalue: string; traceback: string[] };
