// Messages between the runner and its session process (src/doctest/worker.ts).
import type { OutputEvent } from './collector.js';

export type ToWorker =
  | { type: 'reset'; display: 'ipython' | 'python' }
  | { type: 'exec'; id: number; code: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'output'; id: number; event: OutputEvent }
  | { type: 'done'; id: number };
