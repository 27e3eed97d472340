// What the main (evaluating) thread and the I/O worker say to each other over their MessagePort.
import type { Header } from './wire.js';
import type { MessagePort } from 'node:worker_threads';

/** A request as the worker hands it over: already verified and parsed. */
export interface Incoming {
  idents: Uint8Array[];
  header: Header;
  parent_header: Record<string, unknown>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

export type ToMain =
  /** A shell request to evaluate, or a stdin reply to a pending input_request. */
  | { t: 'request'; channel: 'shell' | 'stdin'; msg: Incoming }
  /**
   * An interrupt (interrupt_request, or SIGINT) for the execute_request `target` (null: none was
   * running). The main thread acknowledges it with `interrupt-ack` as soon as it reads it.
   */
  | { t: 'interrupt'; id: number; target: string | null }
  /** The worker terminated the main thread's JavaScript (user code) during interrupt `id`. */
  | { t: 'terminated'; id: number }
  /** Every socket is bound: the main thread may now load the session without slowing start-up. */
  | { t: 'listening' }
  /**
   * Every socket is closed (after a shutdown_request, a signal, the parent's death, a socket that could
   * not bind, or the main thread's own `close`): exit now with `code`.
   */
  | { t: 'exit'; code: number };

export type ToWorker =
  | {
      t: 'send';
      channel: 'shell' | 'iopub' | 'stdin';
      /** Routing identities of the request answered (shell, stdin); iopub uses none. */
      idents?: Uint8Array[];
      msgType: string;
      parent: Record<string, unknown>;
      content: Record<string, unknown>;
      metadata?: Record<string, unknown>;
    }
  /** The main thread has read interrupt `id`. */
  | { t: 'interrupt-ack'; id: number }
  /** The main thread must exit: close every socket first (ZeroMQ aborts on exit with open ones), then `exit`. */
  | { t: 'close'; code: number }
  /** The main thread is exiting now: let go of it (the inspector session), then set `released`. */
  | { t: 'release' };

/** workerData of the I/O worker. */
export interface WorkerInit {
  connectionFile: string;
  /** The kernel session id in every header the kernel sends. */
  session: string;
  port: MessagePort;
  /**
   * `thread`: the main thread can be stopped through the inspector (src/session/interrupt-target.ts),
   * so the worker takes SIGINT and stops the main thread's JavaScript itself. `signal`: it cannot; the
   * worker raises SIGINT and the main thread's breakOnSigint and handler do the rest.
   */
  interrupts: 'thread' | 'signal';
  /** JPY_PARENT_PID: the process that started the kernel; the kernel exits when it is gone. */
  parentPid: number | null;
  /** Set to 1 (and notified) once the worker has let go of the main thread, which waits for it to exit. */
  released: Int32Array;
  /** The cells' language: TypeScript unless 'python' (the "Python (Jacobi)" kernelspec). */
  language?: 'typescript' | 'python';
}
