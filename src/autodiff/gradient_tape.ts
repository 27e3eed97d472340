// tf.GradientTape: records ops on watched tensors and variables; gradient() runs them backwards.
import { isFloat } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { ValueError, shapeString, sameDims } from '../tensor/shape.js';
import { eye, onesLike, zeros, zerosLike } from '../tensor/create.js';
import { toTensor } from '../ops/convert.js';
import { mul } from '../ops/arith.js';
import { reshape } from '../ops/shape.js';
import { sum } from '../ops/reductions.js';
import { exitLevel, isActive, resumeLevel } from '../core/levels.js';
import { TapeLevel, RuntimeError, type TapeNode } from './tape.js';
import { LevelContext } from './context.js';
import { flatten, mapTree } from './tree.js';
import { vmap } from './vmap.js';
import type { UnconnectedGradients } from './forward_accumulator.js';

const isSource = (x: unknown): x is Tensor | Variable => x instanceof Tensor || x instanceof Variable;

class RecordingLevel extends TapeLevel {
  readonly variables: Variable[] = [];
  constructor(readonly watchAccessed: boolean) {
    super();
  }
  watchVariable(v: Variable): void {
    if (!this.variables.includes(v)) this.variables.push(v);
    this.watch(v.value);
  }
  override onVariableRead(v: Variable): void {
    if (this.watchAccessed && v.trainable) this.watchVariable(v);
  }
}

export interface GradientOptions {
  output_gradients?: unknown;
  unconnected_gradients?: UnconnectedGradients;
}

export class GradientTape extends LevelContext {
  protected level: RecordingLevel;
  private readonly persistent: boolean;
  private readonly watchAccessed: boolean;
  private used = false;

  constructor(options: { persistent?: boolean; watch_accessed_variables?: boolean } = {}) {
    super();
    this.persistent = options.persistent ?? false;
    this.watchAccessed = options.watch_accessed_variables ?? true;
    this.level = new RecordingLevel(this.watchAccessed);
    this.enter();
  }

  /** Ensures `tensor` (a tensor, variable or nested structure) is traced by this tape. */
  watch(tensor: unknown): void {
    for (const s of flatten(tensor, isSource)) {
      const value = s instanceof Variable ? s.value : s;
      if (!isFloat(value.dt)) {
        console.warn(`The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.${value.dt}`);
        continue;
      }
      if (s instanceof Variable) this.level.watchVariable(s);
      else this.level.watch(s);
    }
  }

  watched_variables(): Variable[] {
    return [...this.level.variables];
  }

  /** Clears everything recorded so far; recording continues if the tape is active. */
  reset(): void {
    const wasActive = isActive(this.level);
    if (wasActive) this.exit();
    this.level = new RecordingLevel(this.watchAccessed);
    this.used = false;
    if (wasActive) this.enter();
  }

  /** Pauses recording on this tape for the duration of fn (or until the returned handle is disposed). */
  /**
   * `tape.stop_recording(fn)` runs fn unrecorded; `tape.stop_recording()` stops recording until the
   * returned context is disposed (`using`, `__exit__`), or, called with a function, makes a decorator
   * (recording resumes now and stops while the function runs).
   */
  stop_recording<T>(fn?: () => T): T | StopRecording {
    if (!isActive(this.level)) throw new ValueError('Tape must be recording in order to stop recording.');
    const level = this.level;
    exitLevel(level);
    let stopped = true;
    const resume = () => { if (stopped) { stopped = false; resumeLevel(level); } };
    const unrecorded = <R>(f: () => R): R => {
      const was = isActive(level);
      if (was) exitLevel(level);
      try { return f(); } finally { if (was) resumeLevel(level); }
    };
    if (fn === undefined) {
      const ctx = ((f: (...a: unknown[]) => unknown) => { resume(); return (...a: unknown[]) => unrecorded(() => f(...a)); }) as StopRecording;
      ctx[Symbol.dispose] = resume;
      ctx.__enter__ = () => ctx;
      ctx.__exit__ = () => { resume(); return false; };
      ctx.run = <R>(f: () => R): R => { try { return f(); } finally { resume(); } };
      return ctx;
    }
    try {
      return fn();
    } finally {
      resume();
    }
  }

  private claim(): void {
    if (this.used && !this.persistent) {
      throw new RuntimeError('A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)');
    }
    this.used = true;
  }

  private release(): void {
    // A non-persistent tape keeps nothing once its single gradient has been taken.
    if (!this.persistent) this.level.nodes = new WeakMap();
  }

  private nodeOfSource(s: Tensor | Variable): TapeNode | undefined {
    return this.level.nodeOf(s instanceof Variable ? s.value : s);
  }

  /** d(sum of targets)/d(sources), shaped like `sources`; `output_gradients` weights the targets. */
  gradient(target: unknown, sources: unknown, options: GradientOptions = {}): any {
    this.claim();
    const zero = (options.unconnected_gradients ?? 'none').toLowerCase() === 'zero';
    const targets = flatten(target, isSource).map((t) => (t instanceof Variable ? t.value : t));
    const outGrads = options.output_gradients === undefined || options.output_gradients === null
      ? null
      : flatten(options.output_gradients, (x): x is unknown => !(Array.isArray(x) && x.some((y) => y instanceof Tensor || Array.isArray(y))));
    if (outGrads && outGrads.length !== targets.length) {
      throw new ValueError(`output_gradients has ${outGrads.length} entries for ${targets.length} targets`);
    }
    const seeds: [TapeNode, Tensor][] = [];
    targets.forEach((t, i) => {
      const node = this.level.nodeOf(t);
      if (node === undefined || !isFloat(t.dt)) return;
      const g = outGrads ? toTensor(outGrads[i] as never, t.dt) : onesLike(t);
      if (!sameDims(g.dims, t.dims)) {
        throw new ValueError(`Mismatch in shape: output_gradients[${i}] has shape ${shapeString(g.dims)} and target[${i}] has shape ${shapeString(t.dims)}`);
      }
      seeds.push([node, g]);
    });
    // Look the sources' nodes up before release() lets a non-persistent tape forget them.
    const srcNodes = new Map<Tensor | Variable, TapeNode>();
    for (const s of flatten(sources, isSource)) {
      const n = this.nodeOfSource(s);
      if (n !== undefined) srcNodes.set(s, n);
    }
    const cts = this.level.backward(seeds, [...srcNodes.values()]);
    this.release();
    return mapTree(sources, isSource, (s) => {
      const n = srcNodes.get(s);
      const g = n ? cts.get(n) : undefined;
      if (g !== undefined) return g;
      return zero ? zerosLike(s instanceof Variable ? s.value : s) : null;
    });
  }

  /** The full Jacobian of `target` with respect to each source: shape target.shape + source.shape. */
  jacobian(target: Tensor, sources: unknown, options: { unconnected_gradients?: UnconnectedGradients; experimental_use_pfor?: boolean } = {}): any {
    this.claim();
    const zero = (options.unconnected_gradients ?? 'none').toLowerCase() === 'zero';
    const t = target instanceof Variable ? target.value : target;
    const node = this.level.nodeOf(t);
    const m = t.count;
    const seed = reshape(eye(m, m, t.dt, t.flavor), [m, ...t.dims]);
    const result = mapTree(sources, isSource, (s) => {
      const value = s instanceof Variable ? s.value : s;
      const n = this.nodeOfSource(s);
      // One backward pass per row of the Jacobian, all at once (vmap over the seed rows).
      const g = node && n ? (vmap((ct: Tensor) => this.level.backward([[node, ct]], [n]).get(n) ?? null)(seed) as Tensor | null) ?? undefined : undefined;
      if (g !== undefined) return reshape(g, [...t.dims, ...value.dims]);
      return zero ? zeros([...t.dims, ...value.dims], value.dt, value.flavor) : null;
    });
    this.release();
    return result;
  }

  /** Per-example Jacobians: target [B, ...] and source [B, ...] give [B, ...target[1:], ...source[1:]]. */
  batch_jacobian(target: Tensor, source: Tensor | Variable, options: { unconnected_gradients?: UnconnectedGradients } = {}): Tensor | null {
    const value = source instanceof Variable ? source.value : source;
    const b = target.dims[0];
    if (value.dims[0] !== b) {
      throw new ValueError(`Need first dimension of target shape ${shapeString(target.dims)} and source shape ${shapeString(value.dims)} to match.`);
    }
    const full = this.jacobian(target, source, options) as Tensor | null;
    if (full === null) return null;
    const tRest = target.dims.slice(1), sRest = value.dims.slice(1);
    const tn = tRest.reduce((p, d) => p * d, 1), sn = sRest.reduce((p, d) => p * d, 1);
    // J[b, t, b', s] is zero off the diagonal b == b'; pick the diagonal with an identity mask.
    const j4 = reshape(full, [b, tn, b, sn]);
    const mask = reshape(eye(b, b, full.dt, target.flavor), [b, 1, b, 1]);
    return reshape(sum(mul(j4, mask), 2), [b, ...tRest, ...sRest]);
  }
}

/** What `tape.stop_recording()` returns: a context (`using`, `run`, `__enter__`/`__exit__`) and a decorator. */
export interface StopRecording {
  (f: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown;
  [Symbol.dispose](): void;
  __enter__(): StopRecording;
  __exit__(...exc: unknown[]): boolean;
  run<R>(f: () => R): R;
}
