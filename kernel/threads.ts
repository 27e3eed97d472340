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
  /** interrupt_request arrived for the execute_request `target` (null: nothing was running). */
  | { t: 'interrupt'; target: string | null }
  /** Every socket is bound: the main thread may now load the session without slowing start-up. */
  | { t: 'listening' }
  /** The control channel asked to shut down; the reply is already sent. */
  | { t: 'exit' };

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
    };

/** workerData of the I/O worker. */
export interface WorkerInit {
  connectionFile: string;
  /** The kernel session id in every header the kernel sends. */
  session: string;
  port: MessagePort;
}
