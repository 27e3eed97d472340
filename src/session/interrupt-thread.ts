// The helper thread's half of interrupts (the kernel's I/O worker, the REPL's watchdog): it sees
// signals and requests while the main thread is busy, and can stop the main thread's JavaScript.
//
// An interrupt is an episode: the main thread is told (a message it acknowledges as soon as it runs),
// and until it acknowledges, stop() is evaluated on it through the inspector protocol
// (src/session/interrupt-target.ts) every STOP_RETRY_MS: it terminates user code that is running and
// leaves the main thread's own code alone. A busy synchronous cell, code after an await, a looping
// timer: all are stopped the same way, and the session keeps every binding.
import inspector from 'node:inspector';
import { quietBinding, stopExpression, type StopResult } from './interrupt-target.js';

/** How often an unacknowledged interrupt tries again to stop the main thread. */
const STOP_RETRY_MS = 100;
/** How long an interrupt keeps trying before it gives up (the main thread in its own long work). */
const STOP_GIVE_UP_MS = 60_000;

/** Stops the main thread's JavaScript through an inspector session connected to it from this thread. */
export class MainThreadStopper {
  private session: inspector.Session | undefined;

  constructor() {
    try {
      const s = new inspector.Session();
      s.connectToMainThread();
      this.session = s;
    } catch {
      this.session = undefined;
    }
  }

  get available(): boolean {
    return this.session !== undefined;
  }

  /** Evaluates stop(force) on the main thread; `force` stops whatever runs (used to exit). */
  stop(force = false): Promise<StopResult> {
    const session = this.session;
    if (!session) return Promise.resolve('unavailable');
    return new Promise((resolve) => {
      session.post('Runtime.evaluate', { expression: stopExpression(force), returnByValue: true, silent: true }, (error, result) => {
        const value = (result as { result?: { value?: unknown } } | undefined)?.result?.value;
        resolve(!error && typeof value === 'string' ? (value as StopResult) : 'unavailable');
      });
    });
  }

  close(): void {
    try {
      this.session?.disconnect();
    } catch {
      // already gone
    }
    this.session = undefined;
  }
}

const SIGNALS = { SIGINT: 2, SIGHUP: 1, SIGTERM: 15 } as const;

interface SignalHandle {
  onsignal: (signum: number) => void;
  start(signum: number): number;
  close(): void;
  unref(): void;
}

/**
 * Calls `handler` on every delivery of a signal to the process, on this (helper) thread, where
 * process.on('SIGINT') does not exist; returns a function that stops watching, or undefined when
 * this Node cannot. While watched, the signal no longer ends the process.
 */
export function watchSignal(name: keyof typeof SIGNALS, handler: () => void): (() => void) | undefined {
  const binding = quietBinding<{ Signal?: new () => SignalHandle }>('signal_wrap');
  if (!binding?.Signal) return undefined;
  try {
    const handle = new binding.Signal();
    handle.onsignal = () => handler();
    if (handle.start(SIGNALS[name]) !== 0) {
      handle.close();
      return undefined;
    }
    handle.unref();
    return () => handle.close();
  } catch {
    return undefined;
  }
}

export interface InterrupterHooks {
  /** Tells the main thread about interrupt `id`; it answers with acknowledge(id) once it runs. */
  notify(id: number): void;
  /** The main thread's JavaScript was terminated during interrupt `id`. */
  terminated(id: number): void;
  /** Diagnostics (which stop results came back), for the kernel's log. */
  log?(text: string): void;
}

/** Runs interrupt episodes: tell the main thread, and stop its JavaScript until it answers. */
export class Interrupter {
  private active: { id: number; started: number } | null = null;
  private next = 1;

  constructor(private readonly stopper: MainThreadStopper, private readonly hooks: InterrupterHooks) {}

  /** Starts an interrupt, unless one is still waiting for the main thread (repeats join it). */
  request(): void {
    if (this.active) return;
    const episode = { id: this.next++, started: Date.now() };
    this.active = episode;
    this.hooks.notify(episode.id);
    void this.attempt(episode);
  }

  /** The main thread took interrupt `id` in hand. */
  acknowledge(id: number): void {
    if (this.active?.id === id) this.active = null;
  }

  get pending(): boolean {
    return this.active !== null;
  }

  private async attempt(episode: { id: number; started: number }): Promise<void> {
    while (this.active === episode) {
      const result = await this.stopper.stop(false);
      if (result === 'terminated') this.hooks.terminated(episode.id);
      if (result === 'unavailable') {
        // Without termination the main thread handles the request when it next runs.
        if (this.active === episode) this.active = null;
        return;
      }
      if (this.active !== episode) return;
      if (Date.now() - episode.started > STOP_GIVE_UP_MS) {
        this.hooks.log?.(`interrupt ${episode.id}: the main thread did not answer within ${STOP_GIVE_UP_MS / 1000} s`);
        this.active = null;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, STOP_RETRY_MS));
    }
  }
}
