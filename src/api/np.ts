// The `np` facade: NumPy's names, plus np.testing and np.random.
import * as ops from '../ops/index.js';
import { randomNormal, randomUniform, setGlobalSeed } from '../tensor/random.js';
import { format } from '../format/index.js';
import { numpyFunctions, dtypeNames } from './numpy_like.js';
import { pyfn } from './args.js';

const F = 'numpy' as const;
const base = numpyFunctions(F, 'np');

export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** np.testing.assert_allclose: |actual − desired| <= atol + rtol·|desired| elementwise, shapes broadcast. */
const assert_allclose = pyfn('np.testing.assert_allclose', ['actual', 'desired', 'rtol', 'atol', 'equal_nan', 'err_msg'], (a) => {
  const x = ops.cast(ops.toTensor(a.actual), 'float64');
  const y = ops.cast(ops.toTensor(a.desired), 'float64');
  const rtol = a.rtol ?? 1e-7, atol = a.atol ?? 0;
  let dims: number[];
  try {
    dims = ops.broadcastTo(x, ops.add(x, y).dims).dims.slice();
  } catch {
    throw new AssertionError(`\nNot equal to tolerance rtol=${rtol}, atol=${atol}\n\n(shapes (${x.dims.join(', ')}), (${y.dims.join(', ')}) mismatch)`);
  }
  const xb = ops.broadcastTo(x, dims).data as Float64Array, yb = ops.broadcastTo(y, dims).data as Float64Array;
  let bad = 0, maxAbs = 0, maxRel = 0;
  for (let i = 0; i < xb.length; i++) {
    const d = Math.abs(xb[i] - yb[i]);
    const nanOk = (a.equal_nan ?? true) && Number.isNaN(xb[i]) && Number.isNaN(yb[i]);
    if (!nanOk && !(d <= atol + rtol * Math.abs(yb[i])) && xb[i] !== yb[i]) bad++;
    if (Number.isFinite(d)) { maxAbs = Math.max(maxAbs, d); if (yb[i] !== 0) maxRel = Math.max(maxRel, d / Math.abs(yb[i])); }
  }
  if (bad > 0) {
    throw new AssertionError(
      `\nNot equal to tolerance rtol=${rtol}, atol=${atol}\n${a.err_msg ?? ''}\nMismatched elements: ${bad} / ${xb.length} (${((100 * bad) / xb.length).toFixed(3).replace(/\.?0+$/, '')}%)\n` +
        `Max absolute difference: ${maxAbs}\nMax relative difference: ${maxRel}\n x: ${format(ops.toTensor(a.actual))}\n y: ${format(ops.toTensor(a.desired))}`,
    );
  }
  // Python's None: a cell that ends with this call displays nothing.
  return undefined;
});

export const np = {
  ...base,
  ...dtypeNames,
  newaxis: null,
  pi: Math.PI, e: Math.E, inf: Infinity, nan: NaN,
  linalg: { norm: base.linalg_norm },
  testing: { assert_allclose },
  random: {
    seed: (s: number) => setGlobalSeed(s),
    normal: pyfn('np.random.normal', ['loc', 'scale', 'size'], (a) => randomNormal(sizeOf(a.size), a.loc ?? 0, a.scale ?? 1, { dtype: 'float64', flavor: F })),
    uniform: pyfn('np.random.uniform', ['low', 'high', 'size'], (a) => randomUniform(sizeOf(a.size), a.low ?? 0, a.high ?? 1, { dtype: 'float64', flavor: F })),
    randn: (...dims: number[]) => randomNormal(dims, 0, 1, { dtype: 'float64', flavor: F }),
    rand: (...dims: number[]) => randomUniform(dims, 0, 1, { dtype: 'float64', flavor: F }),
  },
};

function sizeOf(size: unknown): number[] {
  return size === undefined || size === null ? [] : typeof size === 'number' ? [size] : [...(size as number[])];
}
