// The main thread's side of the kernel: shell requests, one at a time and in order, evaluated with the
// session; replies and iopub messages are posted to the I/O worker, which sends them at once.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { ExecuteOutcome, OutputSink, SessionApi } from '../src/session/types.js';
import { markDriverModule, recoverFromTermination } from '../src/session/interrupt-target.js';
import type { History } from './history.js';
import type { Incoming, ToMain, ToWorker } from './threads.js';

// A termination from the I/O worker never lands in this module's code (see interrupt-target.ts).
markDriverModule(import.meta.url);

type Content = Record<string, unknown>;

export class Shell {
  private readonly queue: Incoming[] = [];
  private pumping = false;
  /** msg_id of the execute_request being evaluated. */
  private running: string | null = null;
  private interrupted: string | null = null;
  /** The last interrupt (worker id), if it found a cell running: a termination during it is that cell's. */
  private cellInterrupt: number | null = null;
  /** Queued execute_requests to answer `aborted` (stop_on_error). */
  private readonly aborting = new Set<Incoming>();
  private pendingInput: { resolve: (value: string) => void; reject: (error: Error) => void } | null = null;
  /** A cell called exit(): the kernel shuts down once that request's idle status is out (ipykernel's ask_exit). */
  private exitRequested = false;

  constructor(
    private readonly port: MessagePort,
    private readonly session: Promise<SessionApi>,
    private readonly history: History,
    private readonly onListening: () => void,
    private readonly onExit: (code: number) => void,
  ) {
    port.on('message', (message: ToMain) => this.receive(message));
  }

  private receive(message: ToMain): void {
    switch (message.t) {
      case 'request':
        if (message.channel === 'stdin') this.inputReply(message.msg);
        else {
          this.queue.push(message.msg);
          void this.pump();
        }
        return;
      case 'interrupt':
        // Read: the worker stops trying to stop this thread.
        this.post({ t: 'interrupt-ack', id: message.id });
        this.cellInterrupt = message.target !== null && message.target === this.running ? message.id : null;
        this.interrupt(message.target);
        return;
      case 'terminated': {
        // The worker terminated user JavaScript on this thread: the interrupted cell's (which reports
        // KeyboardInterrupt itself), or a callback's that ran with no cell to report it.
        const where = recoverFromTermination();
        if (message.id !== this.cellInterrupt) void this.session.then((s) => s.reportStopped?.(where));
        return;
      }
      case 'listening':
        this.onListening();
        return;
      case 'exit':
        this.onExit(message.code);
    }
  }

  /**
   * An interrupt for the execute_request `target` (null: none was running when it came). It stops that
   * cell if it still runs; otherwise it only cancels the timers cells left behind (not a cell that
   * started since). `any` (a SIGINT in signal mode) stops whatever cell runs.
   */
  interrupt(target: string | null | 'any'): void {
    if (target === 'any') target = this.running;
    if (target !== this.running) return;
    if (this.running !== null) {
      if (this.interrupted === this.running) return;
      this.interrupted = this.running;
      this.pendingInput?.reject(Object.assign(new Error('input interrupted'), { name: 'KeyboardInterrupt' }));
      this.pendingInput = null;
    }
    void this.session.then((s) => s.interrupt());
  }

  private post(message: ToWorker): void {
    this.port.postMessage(message);
  }

  private publish(parent: Incoming, msgType: string, content: Content): void {
    this.post({ t: 'send', channel: 'iopub', msgType, parent: parent.header, content });
  }

  private reply(request: Incoming, msgType: string, content: Content, metadata?: Content): void {
    this.post({ t: 'send', channel: 'shell', idents: request.idents, msgType, parent: request.header, content, metadata });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let request = this.queue.shift(); request; request = this.queue.shift()) {
        this.publish(request, 'status', { execution_state: 'busy' });
        try {
          if (this.aborting.delete(request)) this.reply(request, 'execute_reply', { status: 'aborted' }, { status: 'aborted' });
          else await this.dispatch(request);
        } catch (e) {
          this.reply(request, replyType(request.header.msg_type), errorContent(e));
        }
        this.publish(request, 'status', { execution_state: 'idle' });
        if (this.exitRequested) {
          // As a shutdown_request does: the worker closes every socket (messages already sent go out
          // first: they linger), then the process exits. Requests still queued are dropped.
          this.queue.length = 0;
          this.post({ t: 'close', code: 0 });
          return;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private async dispatch(request: Incoming): Promise<void> {
    const c = request.content;
    switch (request.header.msg_type) {
      case 'execute_request':
        return this.execute(request);
      case 'is_complete_request': {
        const s = await this.session;
        return this.reply(request, 'is_complete_reply', { ...s.isComplete(text(c.code)) });
      }
      case 'complete_request': {
        const s = await this.session;
        const code = text(c.code);
        return this.reply(request, 'complete_reply', { status: 'ok', metadata: {}, ...s.complete(code, cursorPos(code, c.cursor_pos)) });
      }
      case 'inspect_request': {
        const s = await this.session;
        const code = text(c.code);
        const found = s.inspect(code, cursorPos(code, c.cursor_pos), c.detail_level === 1 ? 1 : 0);
        return this.reply(request, 'inspect_reply', { status: 'ok', metadata: {}, ...found });
      }
      case 'history_request':
        return this.reply(request, 'history_reply', { status: 'ok', history: this.history.query(c) });
      case 'comm_info_request':
        // No comm targets are registered (no widgets), so there are never open comms.
        return this.reply(request, 'comm_info_reply', { status: 'ok', comms: {} });
      case 'comm_open':
        // What ipykernel does for an unknown target: close the comm so the front end does not wait on it.
        return this.publish(request, 'comm_close', { comm_id: c.comm_id, data: {} });
      case 'comm_msg':
      case 'comm_close':
        return;
      default:
        process.stderr.write(`[jacobi kernel] ignored unknown shell message '${request.header.msg_type}'\n`);
    }
  }

  private async execute(request: Incoming): Promise<void> {
    const c = request.content;
    const code = text(c.code);
    const silent = c.silent === true;
    const storeHistory = !silent && c.store_history !== false;
    const session = await this.session;
    if (!silent) this.publish(request, 'execute_input', { code, execution_count: session.executionCount });

    this.running = request.header.msg_id;
    let outcome: ExecuteOutcome;
    try {
      outcome = await session.execute(code, this.sink(request), { silent, storeHistory });
    } finally {
      this.running = null;
      this.pendingInput = null;
    }

    if (outcome.status === 'error') {
      const { ename, evalue, traceback } = outcome;
      this.publish(request, 'error', { ename, evalue, traceback });
      if (storeHistory) this.history.add(outcome.executionCount, code, null);
      // Before the reply: a request sent after the client has seen the error must not be aborted.
      if (c.stop_on_error !== false) this.abortQueuedExecutions();
      this.reply(request, 'execute_reply', { status: 'error', execution_count: outcome.executionCount, ename, evalue, traceback, user_expressions: {} });
      return;
    }
    if (outcome.result && !silent) {
      this.publish(request, 'execute_result', { execution_count: outcome.executionCount, data: outcome.result, metadata: {} });
    }
    if (storeHistory) this.history.add(outcome.executionCount, code, outcome.result?.['text/plain'] ?? null);
    const expressions = isStringRecord(c.user_expressions) ? c.user_expressions : {};
    const user_expressions = Object.keys(expressions).length > 0 ? await session.evaluateExpressions(expressions) : {};
    // exit() / quit(): IPython's ask_exit payload; the front end closes, and the kernel ends unless keep_kernel.
    const payload = outcome.exit ? [...outcome.payload, { source: 'ask_exit', keepkernel: outcome.exit.keepKernel }] : outcome.payload;
    if (outcome.exit && !outcome.exit.keepKernel) this.exitRequested = true;
    this.reply(request, 'execute_reply', { status: 'ok', execution_count: outcome.executionCount, payload, user_expressions });
  }

  private sink(request: Incoming): OutputSink {
    const sink: OutputSink = {
      stream: (name, text) => this.publish(request, 'stream', { name, text }),
      display: (data, metadata, transient, update) =>
        this.publish(request, update ? 'update_display_data' : 'display_data', { data, metadata, transient }),
      clearOutput: (wait) => this.publish(request, 'clear_output', { wait }),
    };
    if (request.content.allow_stdin === true) {
      sink.input = (prompt, password) =>
        new Promise<string>((resolve, reject) => {
          this.pendingInput?.reject(new Error('a newer input request replaced this one'));
          this.pendingInput = { resolve, reject };
          this.post({ t: 'send', channel: 'stdin', idents: request.idents, msgType: 'input_request', parent: request.header, content: { prompt, password } });
        });
    }
    return sink;
  }

  private inputReply(reply: Incoming): void {
    const pending = this.pendingInput;
    this.pendingInput = null;
    if (!pending) return;
    if (reply.content.status === 'error') pending.reject(new Error('the front end could not read input'));
    else pending.resolve(text(reply.content.value));
  }

  /**
   * stop_on_error: every execute_request that arrived before the error is answered `aborted`. Requests the
   * worker forwarded while this thread was busy still wait in the port, so they are drained first.
   */
  private abortQueuedExecutions(): void {
    for (let next = receiveMessageOnPort(this.port); next; next = receiveMessageOnPort(this.port)) {
      this.receive(next.message as ToMain);
    }
    for (const request of this.queue) if (request.header.msg_type === 'execute_request') this.aborting.add(request);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Jupyter cursor positions count code points, as the session does; absent means the end of the code. */
function cursorPos(code: string, position: unknown): number {
  return typeof position === 'number' && position >= 0 ? position : [...code].length;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

function replyType(requestType: string): string {
  return requestType.replace(/_request$/, '_reply');
}

function errorContent(e: unknown): Content {
  const error = e instanceof Error ? e : new Error(String(e));
  return { status: 'error', ename: error.name, evalue: error.message, traceback: (error.stack ?? `${error.name}: ${error.message}`).split('\n') };
}
