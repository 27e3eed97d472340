// Print options against the real libraries: NumPy (Debian's, in CI) prints the same arrays under the
// same options, case by case; PyTorch where it is installed (the spec says when it skips).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { np, torch } from '../../src/index.js';
import { repr, str } from '../../src/format/index.js';
import { resetPrintOptions } from '../../src/api/printoptions.js';

const PYTHON = '/usr/bin/python3';

interface Case { options: Record<string, unknown>; values: number[]; shape: number[]; dtype: 'float64' | 'float32' }

/** Deterministic cases: magnitudes from 1e-9 to 1e10, integers, nan/inf, and every option. */
function cases(): Case[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: Case[] = [];
  for (let k = 0; k < 160; k++) {
    const n = pick([1, 3, 7, 12, 40]);
    const scale = Math.pow(10, Math.floor(rand() * 20) - 10);
    const values = Array.from({ length: n }, () => {
      const r = rand();
      if (r < 0.04) return NaN;
      if (r < 0.07) return -Infinity;
      if (r < 0.2) return Math.round(rand() * 100 - 50);
      return (rand() - 0.5) * scale;
    });
    const options: Record<string, unknown> = { precision: pick([0, 1, 2, 3, 4, 6, 8, 12]), suppress: rand() < 0.5, floatmode: pick(['fixed', 'unique', 'maxprec', 'maxprec_equal']) };
    if (rand() < 0.3) Object.assign(options, { threshold: pick([5, 10]), edgeitems: pick([1, 2, 3]) });
    if (rand() < 0.3) options.linewidth = pick([20, 40, 100]);
    if (rand() < 0.2) Object.assign(options, { nanstr: 'NaN', infstr: 'Infinity' });
    const shape = n === 12 && rand() < 0.5 ? [3, 4] : n === 40 && rand() < 0.5 ? [2, 4, 5] : [n];
    out.push({ options, values, shape, dtype: rand() < 0.5 ? 'float32' : 'float64' });
  }
  return out;
}

const NUMPY_SCRIPT = String.raw`
import json, sys
try:
    import numpy as np
except Exception as e:
    print(json.dumps({"absent": repr(e)})); sys.exit(0)
out = []
for c in json.loads(sys.stdin.read()):
    a = np.array([float(v) for v in c["values"]], dtype=c["dtype"]).reshape(c["shape"])
    with np.printoptions(**c["options"]):
        out.append([repr(a), str(a)])
print(json.dumps({"results": out}))
`;

const jsonValue = (v: number) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v);

describe('print options: np.set_printoptions, np.printoptions, torch.set_printoptions', () => {
  afterEach(() => resetPrintOptions());

  it('prints as NumPy 1.24 does under each option (160 random cases)', function () {
    if (!existsSync(PYTHON)) this.skip();
    const all = cases();
    const run = spawnSync(PYTHON, ['-c', NUMPY_SCRIPT], { input: JSON.stringify(all.map((c) => ({ ...c, values: c.values.map(jsonValue) }))), encoding: 'utf8' });
    const answer = JSON.parse(run.stdout) as { absent?: string; results?: [string, string][] };
    if (answer.absent) {
      console.log(`      skipped: NumPy is not installed (${answer.absent})`);
      this.skip();
    }
    assert.equal(answer.results!.length, all.length);
    const wrong: string[] = [];
    all.forEach((c, i) => {
      const a = np.array(c.values, { dtype: c.dtype }).reshape(c.shape);
      using _ctx = np.printoptions(c.options);
      const got = [repr(a), str(a)];
      const want = answer.results![i];
      if (got[0] !== want[0] || got[1] !== want[1]) wrong.push(`${JSON.stringify(c)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
    });
    assert.deepEqual(wrong, []);
  });

  it('puts the options back when the context ends, and JAX and TF print through them', () => {
    const a = np.array([1.23456789, 2]);
    {
      using _ctx = np.printoptions({ precision: 2 });
      assert.equal(repr(a), 'array([1.23, 2.  ])');
    }
    assert.equal(repr(a), 'array([1.23456789, 2.        ])');
    np.set_printoptions({ precision: 3 });
    assert.equal(repr(a), 'array([1.235, 2.   ])');
    assert.equal(np.get_printoptions().precision, 3);
  });

  it('refuses bad options with NumPy\'s errors and unsupported ones by name', () => {
    assert.throws(() => np.set_printoptions({ precision: 1.5 }), /TypeError: precision must be an integer/);
    assert.throws(() => np.set_printoptions({ floatmode: 'x' }), /ValueError: floatmode option must be one of "fixed", "unique", "maxprec", "maxprec_equal"/);
    assert.throws(() => np.set_printoptions({ sign: 'x' }), /ValueError: sign option must be one of ' ', '\+', or '-'/);
    assert.throws(() => np.set_printoptions({ sign: '+' }), /NotImplementedError: .*sign/);
    assert.throws(() => np.set_printoptions({ threshold: 'a' }), /TypeError: threshold must be numeric/);
    assert.throws(() => np.set_printoptions({ bogus: 1 }), /TypeError: set_printoptions\(\) got an unexpected keyword argument 'bogus'/);
  });

  it('prints tensors as PyTorch 1.13 does under torch.set_printoptions', () => {
    // Outputs of PyTorch 1.13 (/usr/bin/python3) for the same calls.
    torch.set_printoptions({ precision: 2 });
    assert.equal(str(torch.tensor([1.123456789, 2.5])), 'tensor([1.12, 2.50])');
    torch.set_printoptions({ profile: 'default' });
    torch.set_printoptions({ sci_mode: true });
    assert.equal(str(torch.tensor([1.123456789, 2.5])), 'tensor([1.1235e+00, 2.5000e+00])');
    torch.set_printoptions({ profile: 'short' });
    assert.equal(str(torch.arange(3000, { dtype: torch.float32 })), 'tensor([0.00e+00, 1.00e+00,  ..., 3.00e+03, 3.00e+03])');
    torch.set_printoptions({ profile: 'default' });
    torch.set_printoptions({ sci_mode: false });
    assert.equal(str(torch.tensor([1e-8, 1e9])), 'tensor([    0.0000, 1000000000.0000])');
    torch.set_printoptions({ profile: 'default', linewidth: 30 });
    assert.equal(str(torch.arange(11, { dtype: torch.float32 })), 'tensor([ 0.,  1.,  2.,  3.,\n         4.,  5.,  6.,  7.,\n         8.,  9., 10.])');
  });
});
