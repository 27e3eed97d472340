// The I/O worker: owns every ZeroMQ socket so that heartbeats, kernel_info, interrupts, shutdown and
// iopub output never wait for the main thread, which may be stuck in a user's synchronous loop.
import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import * as zmq from 'zeromq';
import { Interrupter, MainThreadStopper, watchSignal } from '../src/session/interrupt-thread.js';
import { endpoint, readConnectionFile, type Channel, type ConnectionInfo } from './connection.js';
import { kernelInfo } from './kernel-info.js';
import type { Incoming, ToMain, ToWorker, WorkerInit } from './threads.js';
import { decode, encode, makeHeader, ReplayGuard, Signer, WireError, type Header, type Message } from './wire.js';

const { connectionFile, session, port, interrupts, parentPid, released, language } = workerData as WorkerInit;
// The Python kernel's kernel_info (read from the installed Pyodide's lock file, never from Pyodide itself).
const languageInfo = language === 'python' ? (await import('./python-kernel.js')).pythonKernelInfo : kernelInfo;
const toMain = (message: ToMain): void => port.postMessage(message);

// Straight to fd 2: console.error in a worker is relayed through the main thread, which may be busy.
// A flood of bad messages must neither block this thread on a full pipe nor throw (fd 2 may be
// non-blocking), so lines beyond LOG_BURST per second are only counted, and summarized once per second.
const LOG_BURST = 20;
let loggedThisSecond = 0;
let suppressed = 0;
let logWindow: NodeJS.Timeout | null = null;

function writeStderr(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    // EAGAIN on a full non-blocking pipe: losing a log line is better than stalling the sockets.
  }
}

function log(text: string): void {
  logWindow ??= setTimeout(() => {
    logWindow = null;
    loggedThisSecond = 0;
    if (suppressed > 0) writeStderr(`[jacobi kernel] ... and ${suppressed} more messages like these\n`);
    suppressed = 0;
  }, 1000).unref();
  if (loggedThisSecond++ < LOG_BURST) writeStderr(`[jacobi kernel] ${text}\n`);
  else suppressed++;
}

/** A socket whose sends are queued: zeromq.js allows one send in flight per socket. */
class Outbox {
  private tail: Promise<void> = Promise.resolve();
  constructor(readonly socket: zmq.Router | zmq.Publisher) {}
  send(frames: Buffer[]): Promise<void> {
    // Output of a cell that was still running when the kernel shut down has nowhere to go: not an error.
    this.tail = this.tail.then(() => this.socket.send(frames)).catch((e: unknown) => {
      if (!shuttingDown) log(`send failed: ${String(e)}`);
    });
    return this.tail;
  }
}

// A bug in this thread must not take the sockets down with it: log it and go on.
process.on('uncaughtException', (e) => log(`I/O worker error: ${e instanceof Error ? e.stack : String(e)}`));
process.on('unhandledRejection', (e) => log(`I/O worker error: ${e instanceof Error ? e.stack : String(e)}`));

let info: ConnectionInfo;
try {
  info = readConnectionFile(connectionFile);
} catch (e) {
  writeStderr(`[jacobi kernel] ${e instanceof Error ? e.message : String(e)}\n`);
  toMain({ t: 'exit', code: 1 });
  // Nothing else may run: the main thread exits on this message.
  await new Promise(() => undefined);
  throw new Error('unreachable');
}
const signer = new Signer(info.key, info.signature_scheme);
const replay = new ReplayGuard();

const LINGER_MS = 500;
const shell = new zmq.Router({ linger: LINGER_MS });
const control = new zmq.Router({ linger: LINGER_MS });
const stdin = new zmq.Router({ linger: LINGER_MS });
const iopub = new zmq.Publisher({ linger: LINGER_MS, sendHighWaterMark: 100_000 });
const heartbeat = new zmq.Router({ linger: 0 });
const outboxes = { shell: new Outbox(shell), control: new Outbox(control), stdin: new Outbox(stdin), iopub: new Outbox(iopub) };

/** The execute_request the main thread is running, learnt from the busy/idle statuses it publishes. */
let running: string | null = null;
let shuttingDown = false;
/** The main thread is exiting (it asked to be let go). */
let releasing = false;

// Stream text is coalesced for a few milliseconds: a cell printing in a tight loop would otherwise send
// one ZeroMQ message per line and overflow the subscriber's queue.
const STREAM_FLUSH_MS = 4;
const STREAM_MAX_CHARS = 64 * 1024;
let pendingStream: { parent: Record<string, unknown>; name: string; text: string } | null = null;
let streamTimer: NodeJS.Timeout | null = null;

function flushStream(): void {
  if (streamTimer) clearTimeout(streamTimer);
  streamTimer = null;
  if (!pendingStream) return;
  const { parent, name, text } = pendingStream;
  pendingStream = null;
  void publishNow('stream', parent, { name, text });
}

function queueStream(parent: Record<string, unknown>, content: Record<string, unknown>): void {
  const name = String(content.name);
  const text = String(content.text);
  if (pendingStream && (pendingStream.parent.msg_id !== parent.msg_id || pendingStream.name !== name)) flushStream();
  if (pendingStream) pendingStream.text += text;
  else pendingStream = { parent, name, text };
  if (pendingStream.text.length >= STREAM_MAX_CHARS) flushStream();
  else streamTimer ??= setTimeout(flushStream, STREAM_FLUSH_MS);
}

function frames(idents: readonly Uint8Array[], msgType: string, parent: unknown, content: Record<string, unknown>, metadata = {}): Buffer[] {
  return encode(signer, idents, makeHeader(msgType, session), parent, metadata, content);
}

function publishNow(msgType: string, parent: unknown, content: Record<string, unknown>): Promise<void> {
  // A subscriber filters on the topic frame; ipykernel uses `kernel.<id>.<type>`.
  return outboxes.iopub.send(frames([Buffer.from(`kernel.${session}.${msgType}`)], msgType, parent, content));
}

function publish(msgType: string, parent: unknown, content: Record<string, unknown>): Promise<void> {
  flushStream();
  return publishNow(msgType, parent, content);
}

function reply(channel: 'shell' | 'control' | 'stdin', request: Message | Incoming, msgType: string, content: Record<string, unknown>): Promise<void> {
  flushStream();
  return outboxes[channel].send(frames(request.idents, msgType, request.header, content));
}

function fromMain(message: ToWorker): void {
  if (message.t === 'interrupt-ack') {
    interrupter?.acknowledge(message.id);
    return;
  }
  if (message.t === 'close') {
    void exitProcess(message.code);
    return;
  }
  if (message.t === 'release') {
    // The main thread waits for this before it exits (Node prints "Waiting for the debugger to
    // disconnect..." when an inspector session is still attached to it). It is exiting: no more
    // stopping it.
    releasing = true;
    stopper?.close();
    Atomics.store(released, 0, 1);
    Atomics.notify(released, 0);
    return;
  }
  if (message.channel === 'iopub') {
    if (message.msgType === 'stream') return queueStream(message.parent, message.content);
    if (message.msgType === 'status' && message.parent.msg_type === 'execute_request') {
      running = message.content.execution_state === 'busy' ? String(message.parent.msg_id) : null;
    }
    void publish(message.msgType, message.parent, message.content);
    return;
  }
  flushStream();
  void outboxes[message.channel].send(frames(message.idents ?? [], message.msgType, message.parent, message.content, message.metadata));
}

async function answerKernelInfo(channel: 'shell' | 'control', request: Message): Promise<void> {
  await publish('status', request.header, { execution_state: 'busy' });
  await reply(channel, request, 'kernel_info_reply', languageInfo());
  await publish('status', request.header, { execution_state: 'idle' });
}

// Interrupts. In thread mode this worker owns SIGINT (signal-mode interrupts, Ctrl-C at a console) and
// stops the main thread's JavaScript itself, wherever it runs (src/session/interrupt-thread.ts).
const stopper = interrupts === 'thread' ? new MainThreadStopper() : undefined;
let interruptId = 0;
const interrupter = stopper?.available
  ? new Interrupter(stopper, {
      notify: (id) => toMain({ t: 'interrupt', id, target: running }),
      terminated: (id) => toMain({ t: 'terminated', id }),
      log,
    })
  : undefined;
if (interrupter) {
  const stopWatching = watchSignal('SIGINT', () => {
    if (!shuttingDown) interrupter.request();
  });
  if (!stopWatching) log('cannot watch SIGINT on the I/O thread: signal-mode interrupts reach the main thread only when it is free');
}

function interruptMainThread(): void {
  if (interrupter) {
    interrupter.request();
    return;
  }
  // Signal mode: SIGINT stops a busy synchronous cell (vm breakOnSigint) and, when the main thread is
  // awaiting, reaches its SIGINT handler; on Windows a SIGINT would kill the process, so only the message goes.
  if (process.platform !== 'win32') process.kill(process.pid, 'SIGINT');
  toMain({ t: 'interrupt', id: ++interruptId, target: running });
}

function interrupt(request: Message): void {
  interruptMainThread();
  void reply('control', request, 'interrupt_reply', { status: 'ok' });
}

async function shutdown(request: Message): Promise<void> {
  if (shuttingDown) return;
  const content = { status: 'ok', restart: request.content.restart === true };
  await reply('control', request, 'shutdown_reply', content);
  // ipykernel also broadcasts the reply, so every connected front end learns of the shutdown.
  await publish('shutdown_reply', request.header, content);
  await exitProcess(0);
}

/**
 * Ends the process without the native abort ZeroMQ gives when a process exits with sockets open:
 * every socket is closed here first, then the main thread is told to exit. A main thread stuck in a
 * cell has its JavaScript stopped until it does; SIGKILL is the last resort (sockets already closed).
 */
async function exitProcess(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  flushStream();
  clearInterval(parentPoll);
  // The signal watchers stay until the process ends: closing one restores the signal's default
  // action, and a SIGINT already sent (jupyter_client interrupts before it asks to shut down) may be
  // delivered to a thread only now, on a loaded machine, and would kill the process.
  for (const socket of [shell, control, stdin, iopub, heartbeat]) {
    try {
      socket.close();
    } catch {
      // already closed
    }
  }
  toMain({ t: 'exit', code });
  // Keeps this thread alive (it has no sockets left) until the main thread has ended the process.
  const started = Date.now();
  setInterval(() => {
    if (Date.now() - started > 3000) process.kill(process.pid, 'SIGKILL');
    else if (Date.now() - started > 200 && !releasing) {
      if (stopper?.available) void stopper.stop(true);
      else if (process.platform !== 'win32') process.kill(process.pid, 'SIGINT');
    }
  }, 200);
}

// SIGTERM and SIGHUP end the kernel as a shutdown_request does, even while a cell is busy.
for (const name of ['SIGTERM', 'SIGHUP'] as const) {
  watchSignal(name, () => {
    log(`${name}: shutting down`);
    void exitProcess(0);
  });
}

// ipykernel's ParentPollerUnix: the kernel ends when the process that started it (JPY_PARENT_PID) is
// gone, or when this process has been given another parent (its own parent died).
const initialParent = process.ppid;
const parentPoll = setInterval(() => {
  if (parentPid === null) return;
  const reparented = process.ppid !== initialParent;
  if (!reparented && alive(parentPid)) return;
  log(reparented ? `the kernel's parent process ${initialParent} is gone: shutting down` : `the parent process ${parentPid} (JPY_PARENT_PID) is gone: shutting down`);
  void exitProcess(1);
}, 1000);
parentPoll.unref();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function toIncoming(message: Message): Incoming {
  const { idents, header, parent_header, metadata, content } = message;
  return { idents, header, parent_header, metadata, content };
}

function handle(channel: Channel, raw: Buffer[]): void {
  let message: Message;
  try {
    message = decode(raw, signer, replay);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    log(`dropped a ${channel} message: ${e.message}`);
    return;
  }
  const type = (message.header as Header).msg_type;
  if (shuttingDown) return;
  if (channel === 'control') {
    if (type === 'kernel_info_request') void answerKernelInfo('control', message);
    else if (type === 'interrupt_request') interrupt(message);
    else if (type === 'shutdown_request') void shutdown(message);
    else log(`ignored unknown control message '${type}'`);
  } else if (channel === 'shell') {
    if (type === 'kernel_info_request') void answerKernelInfo('shell', message);
    else toMain({ t: 'request', channel: 'shell', msg: toIncoming(message) });
  } else if (channel === 'stdin') {
    if (type === 'input_reply') toMain({ t: 'request', channel: 'stdin', msg: toIncoming(message) });
    else log(`ignored unknown stdin message '${type}'`);
  }
}

async function serve(channel: Channel, socket: zmq.Router): Promise<void> {
  try {
    for await (const raw of socket) {
      try {
        handle(channel, raw);
      } catch (e) {
        log(`error handling a ${channel} message: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
  } catch (e) {
    if (!shuttingDown) log(`${channel} socket failed: ${String(e)}`);
  }
}

/** Echoes every ping back to its sender; a ROUTER needs no send/receive lockstep, unlike REP. */
async function serveHeartbeat(): Promise<void> {
  try {
    for await (const ping of heartbeat) await heartbeat.send(ping);
  } catch (e) {
    if (!shuttingDown) log(`heartbeat socket failed: ${String(e)}`);
  }
}

port.on('message', fromMain);

// Every socket is bound before any is served; one that cannot bind (a port in use) ends the kernel
// with a message naming it, as Jupyter's own kernels do.
const bound = await Promise.all(
  ([['shell', shell], ['control', control], ['stdin', stdin], ['iopub', iopub], ['hb', heartbeat]] as const).map(async ([channel, socket]) => {
    const address = endpoint(info, channel);
    try {
      await socket.bind(address);
      return null;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const port = info[`${channel}_port`];
      return `cannot bind the ${channel} socket to ${address} (${channel}_port ${port}): ${reason}`;
    }
  }),
);
const failures = bound.filter((f): f is string => f !== null);
if (failures.length > 0) {
  for (const failure of failures) writeStderr(`[jacobi kernel] ${failure}\n`);
  await exitProcess(1);
  await new Promise(() => undefined);
}
void serve('shell', shell);
void serve('control', control);
void serve('stdin', stdin);
void serveHeartbeat();
toMain({ t: 'listening' });
await publish('status', {}, { execution_state: 'starting' });
