// np.set_printoptions / get_printoptions / printoptions (also jnp's: JAX prints through NumPy) and
// torch.set_printoptions, over the options the printers read (src/format/options.ts).
// np.printoptions(...) is a context: in force from when it is made (for `using`) until it is disposed,
// its `run(fn)` returns, or its cell ends, as Python's `with` block would end it.
import { registerState } from '../core/levels.js';
import { NUMPY_PRINT_DEFAULTS, numpyPrint, TORCH_PRINT_DEFAULTS, torchPrint, type FloatMode, type NumpyPrintOptions } from '../format/options.js';
import { PY_REPR } from '../tensor/printable.js';
import { pyfn } from './args.js';
import { pyError } from './errors.js';

const FLOAT_MODES: readonly FloatMode[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];
const NP_SIGNATURE = '(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None)';

const given = (v: unknown) => v !== null && v !== undefined;

function integer(v: unknown, message: string): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw pyError('TypeError', message);
  return n;
}

/** NumPy's _make_options_dict: the validated changes, in NumPy's words where it refuses. */
function numpyChanges(a: Record<string, unknown>): Partial<NumpyPrintOptions> {
  const out: Partial<NumpyPrintOptions> = {};
  if (given(a.floatmode)) {
    if (!FLOAT_MODES.includes(a.floatmode as FloatMode)) throw pyError('ValueError', 'floatmode option must be one of ' + FLOAT_MODES.map((m) => `"${m}"`).join(', '));
    out.floatmode = a.floatmode as FloatMode;
  }
  if (given(a.sign)) {
    if (!['-', '+', ' '].includes(a.sign as string)) throw pyError('ValueError', "sign option must be one of ' ', '+', or '-'");
    if (a.sign !== '-') throw pyError('NotImplementedError', `np.set_printoptions(sign=${JSON.stringify(a.sign)}) is not supported by Jacobi (only '-')`);
  }
  if (given(a.formatter)) throw pyError('NotImplementedError', 'np.set_printoptions(formatter=...) is not supported by Jacobi');
  if (given(a.legacy) && a.legacy !== false) throw pyError('NotImplementedError', `np.set_printoptions(legacy=${JSON.stringify(a.legacy)}) is not supported by Jacobi`);
  if (given(a.threshold)) {
    const t = a.threshold;
    if (typeof t !== 'number' && typeof t !== 'bigint') throw pyError('TypeError', 'threshold must be numeric');
    if (Number.isNaN(t)) throw pyError('ValueError', 'threshold must be non-NAN, try sys.maxsize for untruncated representation');
    out.threshold = Number(t);
  }
  if (given(a.precision)) out.precision = integer(a.precision, 'precision must be an integer');
  if (given(a.edgeitems)) out.edgeitems = integer(a.edgeitems, "'float' object cannot be interpreted as an integer");
  if (given(a.linewidth)) out.linewidth = integer(a.linewidth, "'float' object cannot be interpreted as an integer");
  if (given(a.suppress)) out.suppress = Boolean(a.suppress);
  if (given(a.nanstr)) out.nanstr = String(a.nanstr);
  if (given(a.infstr)) out.infstr = String(a.infstr);
  return out;
}

const set_printoptions = pyfn(`np.set_printoptions${NP_SIGNATURE}`, (a) => {
  Object.assign(numpyPrint, numpyChanges(a));
  return undefined;
}, 'Set printing options: how floating point numbers, arrays and other NumPy objects are displayed.');

/** np.get_printoptions(): a dict in NumPy 1.24's order. */
const get_printoptions = pyfn('np.get_printoptions()', () => ({
  edgeitems: numpyPrint.edgeitems, threshold: numpyPrint.threshold, floatmode: numpyPrint.floatmode, precision: numpyPrint.precision,
  suppress: numpyPrint.suppress, linewidth: numpyPrint.linewidth, nanstr: numpyPrint.nanstr, infstr: numpyPrint.infstr,
  sign: '-', formatter: null, legacy: false,
}), 'Return the current print options.');

const open: PrintOptionsContext[] = [];
registerState({
  save: () => open.length,
  restore: (n) => { while (open.length > (n as number)) open[open.length - 1].close(); },
  finished: (n) => { while (open.length > (n as number)) open[open.length - 1].close(); },
});

export class PrintOptionsContext {
  private readonly previous: NumpyPrintOptions;
  private active = true;

  constructor(changes: Partial<NumpyPrintOptions>) {
    this.previous = { ...numpyPrint };
    Object.assign(numpyPrint, changes);
    open.push(this);
  }

  /** Puts back the options it replaced (those in force when it was made). */
  close(): void {
    if (!this.active) return;
    this.active = false;
    Object.assign(numpyPrint, this.previous);
    const i = open.lastIndexOf(this);
    if (i >= 0) open.splice(i, 1);
  }

  run<T>(fn: () => T): T {
    try {
      return fn();
    } finally {
      this.close();
    }
  }

  __enter__(): unknown { return get_printoptions(); }
  __exit__(..._exc: unknown[]): boolean { this.close(); return false; }
  [Symbol.dispose](): void { this.close(); }
  [PY_REPR](): string { return '<contextlib._GeneratorContextManager object at 0x7f3a1c2f1e50>'; }
}

const printoptions = pyfn(`np.printoptions${NP_SIGNATURE}`, (a) => new PrintOptionsContext(numpyChanges(a)),
  'Context manager for setting print options: in force until the context is disposed (`using`), its run(fn) returns, or the cell ends.');

/** The NumPy print-option functions (np, and jnp which shares NumPy's options). */
export const numpyPrintFunctions = { set_printoptions, get_printoptions, printoptions };

const TORCH_PROFILES = {
  default: TORCH_PRINT_DEFAULTS,
  short: { ...TORCH_PRINT_DEFAULTS, precision: 2, edgeitems: 2 },
  full: { ...TORCH_PRINT_DEFAULTS, threshold: Infinity },
};

/** torch.set_printoptions: a profile first, then each option given. */
export const torchSetPrintoptions = pyfn('torch.set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None)', (a) => {
  if (given(a.profile)) {
    const p = TORCH_PROFILES[a.profile as keyof typeof TORCH_PROFILES];
    if (!p) throw pyError('NotImplementedError', `torch.set_printoptions(profile=${JSON.stringify(a.profile)}): the profiles are 'default', 'short' and 'full'`);
    Object.assign(torchPrint, { precision: p.precision, threshold: p.threshold, edgeitems: p.edgeitems, linewidth: p.linewidth });
  }
  if (given(a.precision)) torchPrint.precision = integer(a.precision, 'precision must be an integer');
  if (given(a.threshold)) torchPrint.threshold = Number(a.threshold);
  if (given(a.edgeitems)) torchPrint.edgeitems = integer(a.edgeitems, 'edgeitems must be an integer');
  if (given(a.linewidth)) torchPrint.linewidth = integer(a.linewidth, 'linewidth must be an integer');
  // sci_mode is set every call: None (the default) gives the automatic choice back, as in PyTorch.
  torchPrint.sci_mode = given(a.sci_mode) ? Boolean(a.sci_mode) : null;
  return undefined;
}, 'Set options for printing tensors (items from NumPy).');

/** Every option back to its library's default (a fresh session). */
export function resetPrintOptions(): void {
  Object.assign(numpyPrint, NUMPY_PRINT_DEFAULTS);
  Object.assign(torchPrint, TORCH_PRINT_DEFAULTS);
}
