// The level stack: every transformation (ForwardAccumulator, GradientTape, jax.jvp, grad, vmap,
// torch autograd...) is a level, numbered from one counter when it is entered. When a primitive
// runs, the levels below the current ceiling see it, outermost first; while a level runs its own
// rule the ceiling is that level's number, so the rule's ops are seen only by levels entered before
// it (DESIGN.md, "Levels"). The stack is private: it changes only through the functions below, and
// `snapshot`/`restore` put it back whatever stopped a cell.
import type { Tensor } from '../tensor/tensor.js';
import type { Variable } from '../tensor/variable.js';
import type { Primitive } from './primitive.js';

export abstract class Level {
  /** Set when entered; a re-entered level gets a new number. */
  id = 0;
  /** Whether the level is still meant to be active after the cell that entered it ends. */
  kept = false;
  /** An observer: told about a primitive application after its result exists. */
  abstract process(prim: Primitive<any>, inputs: Tensor[], out: Tensor, params: any): void;
  /** A variable was read while this level was active (tapes watch trainable variables here). */
  onVariableRead(_v: Variable, _value: Tensor): void {}
  /** `out` now stands where `old` was (an in-place change): what the level knows of `out` moves to `old`. */
  rebind(_old: Tensor, _out: Tensor): void {}
  /** Whether a primitive applied to `inputs` would concern the level (true unless it knows better). */
  watches(_inputs: readonly Tensor[]): boolean { return true; }
}

/**
 * A level that changes what a primitive computes instead of watching it (vmap's batching): when one
 * of a primitive's inputs is its tracer, it runs the primitive itself, on what the tracers stand for.
 */
export abstract class InterceptLevel extends Level {
  /** Whether `t` is one of this level's tracers. */
  abstract owns(t: Tensor): boolean;
  /** The primitive applied to inputs of which at least one is this level's tracer. */
  abstract apply(prim: Primitive<any>, inputs: Tensor[], params: any): Tensor;
  process(): void {}
}

let counter = 0;
/** Active levels in the order they were entered (ascending id). */
let active: Level[] = [];
let intercepting = 0;
let ceiling = Infinity;

/**
 * Extra state that belongs with the stack (torch's grad mode), saved and restored with it;
 * `finished` is told when a cell finishes normally (to close what only lasts as long as the cell).
 */
export interface StatePart { save(): unknown; restore(saved: unknown): void; finished?(saved: unknown): void }
const parts: StatePart[] = [];
export function registerState(part: StatePart): void {
  parts.push(part);
}

function recount(): void {
  intercepting = 0;
  for (const l of active) if (l instanceof InterceptLevel) intercepting++;
}

export function enterLevel(level: Level): void {
  if (active.includes(level)) throw new Error('this context is already active and cannot be entered again while it is');
  level.id = ++counter;
  active.push(level);
  if (level instanceof InterceptLevel) intercepting++;
}

/** Enters a level below every other (torch's autograd, which records whatever runs outside it). */
export function enterBottomLevel(level: Level): void {
  if (active.includes(level)) return;
  level.id = 0;
  active.unshift(level);
}

/** Re-inserts a level that was paused (stop_recording), keeping its number and place. */
export function resumeLevel(level: Level): void {
  if (active.includes(level)) return;
  let i = 0;
  while (i < active.length && active[i].id < level.id) i++;
  active.splice(i, 0, level);
  recount();
}

export function exitLevel(level: Level): void {
  const i = active.lastIndexOf(level);
  if (i >= 0) {
    active.splice(i, 1);
    if (level instanceof InterceptLevel) intercepting--;
  }
}

export function isActive(level: Level): boolean {
  return active.includes(level);
}

/** Whether a level that sees a primitive applied to `inputs` now would do anything with it. */
export function anyWatching(inputs: readonly Tensor[]): boolean {
  for (const l of active) if (l.id < ceiling && l.watches(inputs)) return true;
  return false;
}

/** Whether any level is active (the fast path of every primitive call checks this). */
export function anyActive(): boolean {
  return active.length !== 0;
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

/** Runs `f` with no level watching (variable updates, raw helpers). */
export function unwatched<T>(f: () => T): T {
  return belowLevel(-Infinity, f);
}

/** Runs `f` inside `level` (entered for the call, left afterwards whatever happens). */
export function within<T>(level: Level, f: () => T): T {
  enterLevel(level);
  try {
    return f();
  } finally {
    exitLevel(level);
  }
}

/**
 * Runs a primitive with the active levels: the innermost intercepting level that owns an input
 * computes it (its own ops visible only to levels entered before it), and the observing levels
 * entered after that one see the application as it looks from inside.
 */
export function applyWithLevels(prim: Primitive<any>, inputs: Tensor[], params: unknown): Tensor {
  let top: InterceptLevel | null = null;
  if (intercepting !== 0) {
    for (let i = active.length - 1; i >= 0 && top === null; i--) {
      const l = active[i];
      if (l.id >= ceiling || !(l instanceof InterceptLevel)) continue;
      for (let k = 0; k < inputs.length; k++) {
        if (l.owns(inputs[k])) { top = l; break; }
      }
    }
  }
  let out: Tensor;
  let from: number;
  if (top !== null) {
    const t = top;
    out = belowLevel(t.id, () => t.apply(prim, inputs, params));
    from = t.id;
  } else {
    out = prim.impl(inputs, params);
    from = -Infinity;
  }
  for (let i = 0; i < active.length; i++) {
    const level = active[i];
    if (level.id >= ceiling) break;
    if (level.id > from) level.process(prim, inputs, out, params);
  }
  return out;
}

/** An in-place change: every active level now sees `old` as the value `out` computed. */
export function rebindAll(old: Tensor, out: Tensor): void {
  for (let i = 0; i < active.length; i++) active[i].rebind(old, out);
}

export function notifyVariableRead(v: Variable, value: Tensor): void {
  for (let i = 0; i < active.length; i++) {
    const level = active[i];
    if (level.id >= ceiling) break;
    level.onVariableRead(v, value);
  }
}

export interface CoreState {
  readonly active: readonly Level[];
  readonly ceiling: number;
  readonly parts: readonly unknown[];
}

/** The stack as it is now (before a cell runs). */
export function snapshot(): CoreState {
  return { active: [...active], ceiling, parts: parts.map((p) => p.save()) };
}

/**
 * The stack after a cell. A cell that finished leaves the levels it entered and did not leave
 * (a context lives as long as the cell that made it, unless it was kept on purpose with
 * `__enter__`); a cell that failed or was interrupted (whose `finally` blocks may never have run)
 * gets the whole state back as it was before it, plus the levels it kept on purpose.
 */
export function restore(s: CoreState, finished: boolean): void {
  if (finished) {
    active = active.filter((l) => l.kept || s.active.includes(l));
    parts.forEach((p, i) => p.finished?.(s.parts[i]));
  } else {
    const kept = active.filter((l) => l.kept && !s.active.includes(l));
    active = [...s.active, ...kept].sort((a, b) => a.id - b.id);
    parts.forEach((p, i) => p.restore(s.parts[i]));
  }
  ceiling = s.ceiling;
  recount();
}
