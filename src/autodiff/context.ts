// Python's `with` for levels: entered on construction (so `using x = new ...` works), left by
// `run(fn)` when fn has finished (awaiting a promise it returns) or by `Symbol.dispose`. A context
// made in a cell ends with that cell at the latest; `__enter__()` keeps it until `__exit__()`.
import { enterLevel, exitLevel, isActive, type Level } from '../core/levels.js';

(Symbol as { dispose?: symbol }).dispose ??= Symbol.for('Symbol.dispose');

export abstract class LevelContext {
  protected abstract readonly level: Level;

  /** Enters (again, with a new level number) unless already active. */
  protected enter(): void {
    if (!isActive(this.level)) enterLevel(this.level);
  }

  protected exit(): void {
    this.level.kept = false;
    exitLevel(this.level);
  }

  /** `with ctx:` — runs fn inside the context and leaves it afterwards; returns fn's value. */
  run<T>(fn: (ctx: this) => T): T {
    this.enter();
    let result: T;
    try {
      result = fn(this);
    } catch (e) {
      this.exit();
      throw e;
    }
    if (result instanceof Promise) {
      return result.finally(() => this.exit()) as T;
    }
    this.exit();
    return result;
  }

  /** Python's manual protocol: entered until `__exit__()`, across cells. */
  __enter__(): this {
    this.enter();
    this.level.kept = true;
    return this;
  }

  __exit__(..._exc: unknown[]): boolean {
    this.exit();
    return false;
  }

  [Symbol.dispose](): void {
    this.exit();
  }
}
