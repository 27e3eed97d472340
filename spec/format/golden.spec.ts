// Every case of ../shared/golden/printing.json (real NumPy 1.24 / PyTorch 1.13 output) must match exactly.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Tensor } from '../../src/tensor/tensor.js';
import type { Flavor } from '../../src/tensor/printable.js';
import {
  floatScalarRepr, format, pyFloatRepr, repr, shapeText, str, torchRepr,
} from '../../src/format/index.js';
import { dataFromBits, f32FromBits, f64FromBits, goldenPath, loadGolden, type GoldenCase } from './golden.js';

const golden = loadGolden();

/** Collects mismatches and fails with the first few, each with its case id, expected and got. */
class Mismatches {
  private readonly list: string[] = [];
  count = 0;
  check(id: string, expected: string, got: string): void {
    this.count++;
    if (expected !== got) this.list.push(`${id}\n  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(got)}`);
  }
  assertNone(): void {
    if (this.list.length > 0) {
      assert.fail(`${this.list.length} of ${this.count} mismatched:\n` + this.list.slice(0, 8).join('\n'));
    }
  }
}

function tensorOf(c: GoldenCase, flavor: Flavor): Tensor {
  return new Tensor(c.dtype, c.shape, dataFromBits(c.dtype, c.bits), flavor);
}

function eachCase(field: (c: GoldenCase) => string | undefined, text: (c: GoldenCase) => string): void {
  const m = new Mismatches();
  for (const c of golden.cases) {
    const expected = field(c);
    if (expected !== undefined) m.check(c.id, expected, text(c));
  }
  assert.ok(m.count > 0);
  m.assertNone();
}

describe('format: golden printing.json', () => {
  it('finds the shared folder beside the repo root', () => {
    assert.ok(existsSync(goldenPath), goldenPath);
    assert.equal(golden.cases.length, 247);
    assert.equal(golden.f32_scalars.length, 2417);
    assert.equal(golden.f64_scalars.length, 1012);
  });

  it('np_repr: numpy repr of all 247 arrays', () => {
    eachCase((c) => c.np_repr, (c) => repr(tensorOf(c, 'numpy')));
  });

  it('np_str: numpy str (print) of all arrays', () => {
    eachCase((c) => c.np_str, (c) => str(tensorOf(c, 'numpy')));
  });

  it('np_str is also format() of numpy, tf and jax tensors and str() of jax', () => {
    eachCase((c) => c.np_str, (c) => format(tensorOf(c, 'numpy')));
    eachCase((c) => c.np_str, (c) => format(tensorOf(c, 'tf')));
    eachCase((c) => c.np_str, (c) => str(tensorOf(c, 'jax')));
    eachCase((c) => c.np_str, (c) => format(tensorOf(c, 'jax')));
  });

  it('torch_str: torch repr and str', () => {
    eachCase((c) => c.torch_str, (c) => repr(tensorOf(c, 'torch')));
    eachCase((c) => c.torch_str, (c) => str(tensorOf(c, 'torch')));
  });

  it('tf_repr_emul and tf_str_emul', () => {
    eachCase((c) => c.tf_repr_emul, (c) => repr(tensorOf(c, 'tf')));
    eachCase((c) => c.tf_str_emul, (c) => str(tensorOf(c, 'tf')));
  });

  it('jax_repr_emul', () => {
    eachCase((c) => c.jax_repr_emul, (c) => repr(tensorOf(c, 'jax')));
  });

  it('f32_scalars: repr and str of 2417 np.float32 values', () => {
    const m = new Mismatches();
    for (const [bits, r, s] of golden.f32_scalars) {
      const x = f32FromBits(bits);
      m.check(`${bits} repr`, r, floatScalarRepr(x, true));
      // str of a 0-d float32 array is the scalar str
      m.check(`${bits} str`, s, str(new Tensor('float32', [], new Float32Array([x]), 'numpy')));
    }
    m.assertNone();
  });

  it('f64_scalars: repr, str and Python float repr of 1012 values', () => {
    const m = new Mismatches();
    for (const [bits, r, s, py] of golden.f64_scalars) {
      const x = f64FromBits(bits);
      m.check(`${bits} repr`, r, floatScalarRepr(x, false));
      m.check(`${bits} str`, s, str(new Tensor('float64', [], new Float64Array([x]), 'numpy')));
      m.check(`${bits} python`, py, pyFloatRepr(x));
      if (!Number.isInteger(x)) m.check(`${bits} repr(number)`, py, repr(x));
    }
    m.assertNone();
  });

  it('torch_extra: requires_grad / grad_fn / dtype suffixes and their wrapping', () => {
    const m = new Mismatches();
    for (const c of golden.torch_extra) {
      const vals = c.values.map(Number);
      const data = c.dtype === 'float64' ? Float64Array.from(vals) : Float32Array.from(vals);
      const t = new Tensor(c.dtype, c.shape, data, 'torch');
      const grad = c.suffixes.find((s) => s.startsWith('grad_fn=<'));
      const gradFnName = grad ? grad.slice('grad_fn=<'.length, -1) : null;
      const requiresGrad = c.suffixes.includes('requires_grad=True') || gradFnName !== null;
      m.check(c.desc, c.torch_str, torchRepr(c.dtype, c.shape, data, { requiresGrad, gradFnName }));
      if (!gradFnName) {
        t.requires_grad = requiresGrad;
        m.check(`${c.desc} (Tensor)`, c.torch_str, repr(t));
      }
    }
    m.assertNone();
  });

  it('torch_size_repr: torch.Size', () => {
    const m = new Mismatches();
    for (const [key, expected] of Object.entries(golden.torch_size_repr)) {
      const inner = /\[([^\]]*)\]/.exec(key)?.[1] ?? '';
      const dims = inner.trim() === '' ? [] : inner.split(',').map((s) => Number(s.trim()));
      m.check(key, expected, shapeText(dims, 'torch'));
      m.check(`${key} via Tensor.shape`, expected, String(new Tensor('float32', dims, new Float32Array(dims.reduce((a, b) => a * b, 1)), 'torch').shape));
    }
    m.assertNone();
  });

  it('would catch a formatter that rounds ties away from zero (toPrecision)', () => {
    // The golden data must be able to fail a plausible wrong implementation.
    const naive = (x: number): string => {
      for (let p = 1; p <= 9; p++) {
        const s = x.toPrecision(p);
        if (Math.fround(Number(s)) === x) return String(Number(s));
      }
      return String(x);
    };
    let differs = 0;
    for (const [bits, r] of golden.f32_scalars) {
      const x = f32FromBits(bits);
      if (Number.isFinite(x) && Math.abs(x) >= 1e-4 && Math.abs(x) < 1e16 && naive(x) !== r.replace(/\.0$/, '')) differs++;
    }
    assert.ok(differs > 0, 'the golden scalars do not distinguish ties-to-even');
  });
});
