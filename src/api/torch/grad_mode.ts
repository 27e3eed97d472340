// torch.no_grad, enable_grad, set_grad_enabled and inference_mode: context managers that work with
// `using` (the mode changes when made and comes back when disposed), as decorators
// (`torch.no_grad()(fn)`, also `torch.no_grad(fn)`), with `run(fn)`, and with Python's
// `__enter__`/`__exit__`.
import { isGradEnabled, setGradEnabled } from '../../autodiff/torch_autograd.js';
import { registerState } from '../../core/levels.js';
import { PY_REPR } from '../../tensor/printable.js';

type Fn = (...args: any[]) => any;

/**
 * Contexts that Python enters only in a `with` block (no_grad, enable_grad, inference_mode) are
 * entered here when made, for `using`; one left open when its cell ends is closed then, so a bare
 * `torch.no_grad()` does not turn autograd off for the rest of the session. set_grad_enabled sets
 * the mode for good, as in PyTorch.
 */
const open: GradMode[] = [];
registerState({
  save: () => open.length,
  restore: (n) => { open.length = Math.min(open.length, n as number); },
  finished: (n) => { while (open.length > (n as number)) open[open.length - 1].close(); },
});

export class GradMode {
  private readonly previous: boolean;
  private active = true;

  constructor(private readonly mode: boolean, private readonly label: string, private readonly scoped = true) {
    this.previous = isGradEnabled();
    setGradEnabled(mode);
    if (scoped) open.push(this);
  }

  private restore(): void {
    if (this.active) {
      this.active = false;
      setGradEnabled(this.previous);
      const i = open.lastIndexOf(this);
      if (i >= 0) open.splice(i, 1);
    }
  }

  /** Closes the context (its cell ended with it still open). */
  close(): void {
    this.restore();
  }

  /**
   * As a decorator: the mode holds while the function runs. Making the decorator changes nothing,
   * except for set_grad_enabled, whose call has already set the mode for good (as in PyTorch).
   */
  wrap<F extends Fn>(fn: F): F {
    if (this.scoped) this.restore();
    const mode = this.mode;
    const wrapped = ((...args: unknown[]) => withMode(mode, () => fn(...args))) as F;
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    return wrapped;
  }

  run<T>(fn: () => T): T {
    try {
      return fn();
    } finally {
      this.restore();
    }
  }

  __enter__(): this { return this; }
  __exit__(..._exc: unknown[]): boolean { this.restore(); return false; }
  [Symbol.dispose](): void { this.restore(); }
  [PY_REPR](): string { return `<torch.autograd.grad_mode.${this.label} object at 0x7f3a1c2e8e50>`; }
}

function withMode<T>(mode: boolean, fn: () => T): T {
  const was = isGradEnabled();
  setGradEnabled(mode);
  try {
    return fn();
  } finally {
    setGradEnabled(was);
  }
}

/** A grad-mode context that is also a decorator when called with a function. */
function contextFactory(mode: () => boolean, label: string, scoped = true) {
  return (...args: unknown[]): unknown => {
    if (typeof args[0] === 'function') return new GradMode(mode(), label).wrap(args[0] as Fn);
    const ctx = new GradMode(mode(), label, scoped);
    return Object.assign((fn: Fn) => ctx.wrap(fn), {
      run: <T>(fn: () => T) => ctx.run(fn),
      __enter__: () => ctx.__enter__(),
      __exit__: (...e: unknown[]) => ctx.__exit__(...e),
      [Symbol.dispose]: () => ctx[Symbol.dispose](),
      [PY_REPR]: () => ctx[PY_REPR](),
    });
  };
}

export const no_grad = contextFactory(() => false, 'no_grad');
export const enable_grad = contextFactory(() => true, 'enable_grad');
export const inference_mode = (mode: unknown = true) => (typeof mode === 'function' ? contextFactory(() => false, 'inference_mode')(mode) : contextFactory(() => !mode, 'inference_mode')());

/** torch.set_grad_enabled(mode): sets the mode now (a function call), and is a context for `using`. */
export function set_grad_enabled(mode: boolean): unknown {
  return contextFactory(() => Boolean(mode), 'set_grad_enabled', false)();
}

export function is_grad_enabled(): boolean {
  return isGradEnabled();
}

export { withMode };
