// The `np` facade: NumPy 1.24's functions generated from the op table, its scalar types and
// dtype objects, np.linalg, np.testing and np.random.
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { table } from '../table/index.js';
import { facade, namespace } from '../generate.js';
import { numpy as lib } from '../lib/numpy.js';
import { scalarTypes } from '../scalar_types.js';
import { dtypeArg, dtypeObject } from '../dtype_objects.js';
import { pyfn } from '../args.js';
import { formatPositional, repr } from '../../format/index.js';
import { pyError } from '../errors.js';
import { dataTensor } from '../lib/library.js';
import { numpyRandom } from './numpy_random.js';
import { numpyPrintFunctions } from '../printoptions.js';
import { binaryUfuncs } from './numpy_ufunc.js';

const generated = facade(table, 'np', lib, 'np');

function assertionError(message: string): Error {
  return pyError('AssertionError', message);
}

const asArray = (x: unknown): Tensor => (x instanceof Tensor ? x : dataTensor(x, undefined, lib));
const shapeText = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

/** NumPy's text of a difference in its reports: the dtype's scalar text, 8 digits at most. */
function diffText(v: number, integer: boolean): string {
  if (integer) return String(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  return formatPositional(v, false, { precision: 8, minDigits: -1, trim: '.', padLeft: -1, padRight: -1 });
}

/** Python's '{:.3g}' of a percentage. */
function pct(v: number): string {
  const s = v.toPrecision(3);
  return s.includes('e') ? s : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * The shared part of NumPy's array assertions: elementwise `ok`, and NumPy's report when some
 * element fails (mismatch count, the largest absolute and relative differences, both arrays).
 */
function compareArrays(actual: unknown, desired: unknown, header: string, errMsg: string, ok: (x: number, y: number) => boolean): void {
  const x = asArray(actual), y = asArray(desired);
  let dims: number[];
  try {
    dims = ops.broadcastShapes(x.dims, y.dims);
  } catch {
    throw assertionError(`\n${header}\n${errMsg}\n(shapes ${shapeText(x.dims)}, ${shapeText(y.dims)} mismatch)\n x: ${repr(x)}\n y: ${repr(y)}`);
  }
  const xb = ops.cast(ops.broadcastTo(x, dims), 'float64').values as Float64Array;
  const yb = ops.cast(ops.broadcastTo(y, dims), 'float64').values as Float64Array;
  let bad = 0, maxAbs = 0, maxRel = 0;
  for (let i = 0; i < xb.length; i++) {
    if (ok(xb[i], yb[i])) continue;
    bad++;
    const d = Math.abs(xb[i] - yb[i]);
    if (Number.isFinite(d)) {
      maxAbs = Math.max(maxAbs, d);
      if (yb[i] !== 0) maxRel = Math.max(maxRel, d / Math.abs(yb[i]));
    }
  }
  if (bad === 0) return;
  const integer = !ops.isFloatDtype(ops.commonDtype(x, y));
  throw assertionError([
    '', header, errMsg, `Mismatched elements: ${bad} / ${xb.length} (${pct((100 * bad) / xb.length)}%)`,
    `Max absolute difference: ${diffText(maxAbs, integer)}`, `Max relative difference: ${diffText(maxRel, false)}`,
    ` x: ${repr(x)}`, ` y: ${repr(y)}`,
  ].join('\n'));
}

const sameNan = (a: number, b: number) => Number.isNaN(a) && Number.isNaN(b);

/** np.testing.assert_allclose: |actual - desired| <= atol + rtol * |desired| elementwise. */
const assert_allclose = pyfn('np.testing.assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg="", verbose=True)', (a) => {
  const rtol = Number(a.rtol), atol = Number(a.atol);
  compareArrays(a.actual, a.desired, `Not equal to tolerance rtol=${formatG(rtol)}, atol=${formatG(atol)}`, a.err_msg,
    (p, q) => p === q || (a.equal_nan && sameNan(p, q)) || Math.abs(p - q) <= atol + rtol * Math.abs(q));
  return undefined;
}, 'Raises an AssertionError if two objects are not equal up to desired tolerance.');

const assert_array_equal = pyfn('np.testing.assert_array_equal(x, y, err_msg="", verbose=True, *, strict=False)', (a) => {
  compareArrays(a.x, a.y, 'Arrays are not equal', a.err_msg, (p, q) => p === q || sameNan(p, q));
  return undefined;
}, 'Raises an AssertionError if two array_like objects are not equal.');

const assert_array_almost_equal = pyfn('np.testing.assert_array_almost_equal(x, y, decimal=6, err_msg="", verbose=True)', (a) => {
  const tol = 1.5 * 10 ** -a.decimal;
  compareArrays(a.x, a.y, `Arrays are not almost equal to ${a.decimal} decimals`, a.err_msg, (p, q) => p === q || sameNan(p, q) || Math.abs(p - q) < tol);
  return undefined;
}, 'Raises an AssertionError if two objects are not equal up to desired precision.');

/** Python's %g (as NumPy's reports print tolerances). */
function formatG(v: number): string {
  if (v === 0) return '0';
  let s = v.toPrecision(6);
  if (s.includes('e')) {
    const [m, e] = s.split('e');
    const ee = Number(e);
    return `${m.includes('.') ? m.replace(/\.?0+$/, '') : m}e${ee < 0 ? '-' : '+'}${String(Math.abs(ee)).padStart(2, '0')}`;
  }
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export const np = namespace({
  ...generated,
  ...scalarTypes(lib, 'numpy'),
  dtype: pyfn('np.dtype(dtype, align=False, copy=False)', (a) => dtypeObject('numpy', dtypeArg(a.dtype, 'numpy')!), 'Create a data type object.'),
  ndarray: Tensor,
  newaxis: null,
  pi: Math.PI, e: Math.E, inf: Infinity, nan: NaN, NaN: NaN, Inf: Infinity, euler_gamma: 0.5772156649015329,
  linalg: { ...generated.linalg },
  testing: { assert_allclose, assert_array_equal, assert_equal: assert_array_equal, assert_array_almost_equal, assert_almost_equal: assert_array_almost_equal },
  random: numpyRandom,
  ...numpyPrintFunctions,
  ...binaryUfuncs(generated),
});
