// The level stack: one counter numbers every ForwardAccumulator, GradientTape and functional transform
// when it is entered. When a primitive runs, every active level below the current ceiling processes
// it, outermost first; while a level runs its own rule the ceiling is that level's number, so the
// rule's ops are seen only by levels entered before it (DESIGN.md, "Levels").
import type { Tensor } from '../tensor/tensor.js';
import type { Primitive } from '../ops/primitive.js';
import type { Variable } from '../tensor/variable.js';

export abstract class Level {
  /** Set when entered; a re-entered level gets a new number. */
  id = 0;
  abstract process(prim: Primitive<any>, inputs: Tensor[], out: Tensor, params: any): void;
  /** A variable was read while this level was active (tapes watch trainable variables here). */
  onVariableRead(_v: Variable, _value: Tensor): void {}
}

let counter = 0;
/** Active levels in the order they were entered (ascending id). */
export const active: Level[] = [];
let ceiling = Infinity;

export function enterLevel(level: Level): void {
  if (active.includes(level)) throw new Error('this context is already active and cannot be entered again while it is');
  level.id = ++counter;
  active.push(level);
}

export function exitLevel(level: Level): void {
  const i = active.lastIndexOf(level);
  if (i >= 0) active.splice(i, 1);
}

export function isActive(level: Level): boolean {
  return active.includes(level);
}

/** Runs `f` with only the levels numbered below `limit` watching its ops. */
export function belowLevel<T>(limit: number, f: () => T): T {
  const saved = ceiling;
  ceiling = Math.min(saved, limit);
  try {
    return f();
  } finally {
    ceiling = saved;
  }
}

/** Runs `f` with no level watching (what tf.stop_recording and raw helpers need). */
export function unwatched<T>(f: () => T): T {
  return belowLevel(-Infinity, f);
}

/** Hands a freshly computed primitive result to every level that may watch it. */
export function processLevels(prim: Primitive<any>, inputs: Tensor[], out: Tensor, params: unknown): void {
  for (let i = 0; i < active.length; i++) {
    const level = active[i];
    if (level.id >= ceiling) break;
    level.process(prim, inputs, out, params);
  }
}

export function notifyVariableRead(v: Variable, value: Tensor): void {
  for (let i = 0; i < active.length; i++) {
    const level = active[i];
    if (level.id >= ceiling) break;
    level.onVariableRead(v, value);
  }
}
