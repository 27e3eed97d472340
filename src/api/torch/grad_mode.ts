// torch.no_grad, enable_grad, set_grad_enabled and inference_mode: context managers that work with
// `using` (the mode changes when made and comes back when disposed), as decorators
// (`torch.no_grad()(fn)`, also `torch.no_grad(fn)`), with `run(fn)`, and with Python's
// `__enter__`/`__exit__`.
import { isGradEnabled, setGradEnabled } from '../../autodiff/torch_autograd.js';
import { PY_REPR } from '../../tensor/printable.js';

type Fn = (...args: any[]) => any;

export class GradMode {
  private readonly previous: boolean;
  private active = true;

  constructor(private readonly mode: boolean, private readonly label: string) {
    this.previous = isGradEnabled();
    setGradEnabled(mode);
  }

  private restore(): void {
    if (this.active) { this.active = false; setGradEnabled(this.previous); }
  }

  /** As a decorator: the mode holds while the function runs (and not when the decorator is made). */
  wrap<F extends Fn>(fn: F): F {
    this.restore();
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
function contextFactory(mode: () => boolean, label: string) {
  return (...args: unknown[]): unknown => {
    if (typeof args[0] === 'function') return new GradMode(mode(), label).wrap(args[0] as Fn);
    const ctx = new GradMode(mode(), label);
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
  return contextFactory(() => Boolean(mode), 'set_grad_enabled')();
}

export function is_grad_enabled(): boolean {
  return isGradEnabled();
}

export { withMode };
