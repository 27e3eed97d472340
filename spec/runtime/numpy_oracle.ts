// A NumPy oracle for the runtime specs: one /usr/bin/python3 process per spec file evaluates a batch
// of named NumPy expressions and returns dtype, shape and flat values as JSON. When NumPy cannot be
// imported the oracle reports itself absent and the specs that need it skip with a message.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import type { Tensor } from '../../src/index.js';

export interface NpResult {
  dtype: string;
  shape: number[];
  /** Floats as numbers ('nan', 'inf', '-inf' as strings), integers as decimal strings, bools as booleans. */
  data: (number | string | boolean)[];
  error?: undefined;
}
export interface NpError { error: string }

const PYTHON = '/usr/bin/python3';

const SCRIPT = String.raw`
import sys, json, math
try:
    import numpy as np
except Exception as e:
    print(json.dumps({"__absent__": repr(e)})); sys.exit(0)
cases = json.loads(sys.stdin.read())
def enc(v, kind):
    if kind == 'f':
        v = float(v)
        if math.isnan(v): return 'nan'
        if math.isinf(v): return 'inf' if v > 0 else '-inf'
        return v
    if kind in 'iu': return str(int(v))
    if kind == 'b': return bool(v)
    return str(v)
out = {}
with np.errstate(all='ignore'):
    for name, expr in cases.items():
        try:
            r = np.asarray(eval(expr, {'np': np, 'math': math}))
            out[name] = {'dtype': str(r.dtype), 'shape': list(r.shape), 'data': [enc(v, r.dtype.kind) for v in r.reshape(-1).tolist()]}
        except Exception as e:
            out[name] = {'error': type(e).__name__ + ': ' + str(e)}
print(json.dumps(out))
`;

export class NumpyOracle {
  /** Why NumPy is unavailable, or null when it answered. */
  absent: string | null = null;
  private results: Record<string, NpResult | NpError> = {};

  /** Evaluates every expression (NumPy as `np`) in one Python process. */
  constructor(cases: Record<string, string>) {
    if (!existsSync(PYTHON)) { this.absent = `${PYTHON} not found`; return; }
    const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 20000 });
    if (r.status !== 0) { this.absent = `python3 failed: ${r.stderr || r.error}`; return; }
    const parsed = JSON.parse(r.stdout) as Record<string, NpResult | NpError> & { __absent__?: string };
    if (typeof parsed.__absent__ === 'string') { this.absent = `NumPy is not importable by ${PYTHON} (${parsed.__absent__})`; return; }
    this.results = parsed;
  }

  /** Skips the calling test (with the reason) when NumPy is absent. */
  need(ctx: Mocha.Context): void {
    if (this.absent !== null) {
      ctx.test!.title += ` (skipped: ${this.absent})`;
      ctx.skip();
    }
  }

  get(name: string): NpResult {
    const r = this.results[name];
    assert.ok(r !== undefined, `oracle case '${name}' was not evaluated`);
    if (r.error !== undefined) assert.fail(`NumPy raised for '${name}': ${r.error}`);
    return r as NpResult;
  }

  error(name: string): string {
    const r = this.results[name];
    assert.ok(r !== undefined && r.error !== undefined, `expected NumPy to raise for '${name}'`);
    return r.error;
  }
}

export function decode(v: number | string | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/** How a tensor's values must relate to NumPy's. */
export type Mode =
  /** identical (NumPy computed in the same dtype, correctly rounded ops) */
  | 'exact'
  /** each value is Math.fround of NumPy's (float64) value */
  | 'fround'
  | { rtol: number; atol?: number };

const NP_DTYPE: Record<string, string> = { float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', bool: 'bool' };

/** Asserts dims and values (and the dtype, `dtype` or NumPy's own) of `t` against NumPy's result. */
export function assertLike(t: Tensor, ref: NpResult, mode: Mode = 'exact', dtype: string | null = NP_DTYPE[ref.dtype] ?? ref.dtype): void {
  assert.deepEqual([...t.dims], ref.shape, `dims ${JSON.stringify(t.dims)} vs NumPy ${JSON.stringify(ref.shape)}`);
  if (dtype !== null) assert.equal(t.dt, dtype);
  assert.equal(t.values.length, ref.data.length);
  if (t.dt === 'int64' && (ref.dtype === 'int64' || ref.dtype === 'int32')) {
    assert.deepEqual(Array.from(t.values as BigInt64Array), ref.data.map((v) => BigInt(v as string)));
    return;
  }
  for (let i = 0; i < ref.data.length; i++) {
    const got = Number(t.values[i]);
    let want = decode(ref.data[i]);
    if (mode === 'fround') want = Math.fround(want);
    const where = `element ${i}: got ${got}, NumPy ${want}`;
    if (Number.isNaN(want)) { assert.ok(Number.isNaN(got), where); continue; }
    if (mode === 'exact' || mode === 'fround' || !Number.isFinite(want)) { assert.ok(got === want, where); continue; }
    assert.ok(Math.abs(got - want) <= (mode.atol ?? 0) + mode.rtol * Math.abs(want), where);
  }
}

/** A Python literal for a list of JS numbers (exact doubles; NaN/inf spelled for NumPy). */
export function py(values: readonly number[]): string {
  return '[' + values.map((v) => (Number.isNaN(v) ? "float('nan')" : v === Infinity ? "float('inf')" : v === -Infinity ? "float('-inf')" : String(v))).join(', ') + ']';
}
