// Messages between the runner and its session process (src/doctest/worker.ts).
import type { OutputEvent } from './collector.js';
import type { Flags } from './types.js';

export type ToWorker =
  | { type: 'reset'; display: 'ipython' | 'python' }
  /**
   * `segment`: the code is a notebook transcript's cell, code and output together; `cell`: a
   * notebook's cell, whose last expression is its result (both Python only: `>>>` examples run in
   * doctest's single mode).
   */
  | { type: 'exec'; id: number; code: string; segment?: Flags; cell?: boolean };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'output'; id: number; event: OutputEvent }
  /** `split`: for a segment, how many of its lines were code. */
  | { type: 'done'; id: number; split?: number };
