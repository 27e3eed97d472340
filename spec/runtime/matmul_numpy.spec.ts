// Matrix products give NumPy's and PyTorch's bits: their OpenBLAS kernels compute each element of a
// small product as one chain of fused multiply-adds in k order, and so do Jacobi's kernels (the SIMD
// one with the processor's FMA, the JavaScript one emulating it exactly). The expected values come
// from spec/fixtures/matmul/numpy.json, made by generate.py beside it (neither library is needed here).
// Also: the JavaScript fused multiply-add against the processor's, on random and rounding-edge cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { np, torch, ops, Tensor } from '../../src/index.js';
import { fma32, fma64 } from '../../src/kernels/fma.js';
import { wasmGemmAvailable, wasmMadd } from '../../src/kernels/wasm_gemm.js';
import { withoutWasm } from '../../src/kernels/switches.js';

const HERE = dirname(fileURLToPath(import.meta.url));
interface Case {
  dtype: 'float32' | 'float64'; transposeA: boolean;
  a: { shape: number[]; values: number[] }; b: { shape: number[]; values: number[] };
  shape: number[]; numpy: number[]; torch: number[];
}
const fixture = JSON.parse(readFileSync(join(HERE, '../../../spec/fixtures/matmul/numpy.json'), 'utf8')) as { cases: Record<string, Case> };


function mismatches(got: ArrayLike<number>, want: number[]): string {
  const bad: string[] = [];
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad.push(`[${i}] ${got[i]} != ${want[i]}`);
  return bad.length === 0 ? '' : `${bad.length} of ${want.length} differ: ${bad.slice(0, 3).join(', ')}`;
}

describe('matmul gives the bits of NumPy and PyTorch (OpenBLAS)', () => {
  for (const [name, c] of Object.entries(fixture.cases)) {
    it(name, () => {
      const A = np.array(c.a.values, c.dtype).reshape(c.a.shape) as Tensor;
      const B = np.array(c.b.values, c.dtype).reshape(c.b.shape) as Tensor;
      const lhs = c.transposeA ? ops.transpose(A) : A;
      const run = () => np.matmul(lhs, B) as Tensor;
      const r = run();
      assert.equal(r.dt, c.dtype);
      assert.deepEqual([...r.dims], c.shape);
      assert.equal(mismatches(r.values as Float64Array, c.numpy), '', 'against NumPy');
      assert.equal(mismatches(withoutWasm(run).values as Float64Array, c.numpy), '', 'JavaScript kernel against NumPy');
      const dtype = torch[c.dtype];
      const t = torch.matmul(torch.tensor(ops.reshape(lhs, [-1]).values, { dtype }).reshape(lhs.dims), torch.tensor(c.b.values, { dtype }).reshape(c.b.shape)) as Tensor;
      // PyTorch's batched products (bmm) sum in another order: those are compared with NumPy only.
      if (c.a.shape.length === 2) assert.equal(mismatches(t.values as Float64Array, c.torch), '', 'torch.matmul against PyTorch');
      else assert.equal(mismatches(t.values as Float64Array, c.numpy), '', 'torch.matmul against NumPy');
    });
  }
});

describe('fused multiply-add in JavaScript (fma.ts) against the processor', function () {
  before(function () {
    if (!wasmGemmAvailable()) this.skip();
  });

  // A fixed generator, so a failure repeats.
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const f = Math.fround;

  it('float32: random operands, near-cancelling addends and rounding ties', () => {
    let bad = 0;
    for (let i = 0; i < 200000; i++) {
      const e = () => 2 ** (Math.floor(rand() * 24) - 12);
      const a = f((rand() - 0.5) * e()), b = f((rand() - 0.5) * e());
      const t = rand();
      const c = t < 0.3 ? f(-a * b) : t < 0.6 ? f(-a * b * (1 + (rand() - 0.5) * 2 ** -20)) : t < 0.8 ? f(1 + Math.floor(rand() * 8) * 2 ** -24) : f((rand() - 0.5) * e());
      // Products of (1 + i/4096)(1 + j/4096) with small addends land on float32 midpoints.
      const a2 = f(1 + Math.floor(rand() * 4096) * 2 ** -12), b2 = f(1 + Math.floor(rand() * 4096) * 2 ** -12);
      const c2 = f((rand() < 0.5 ? -1 : 1) * Math.floor(rand() * 8) * 2 ** -Math.floor(rand() * 30));
      if (!Object.is(fma32(a, b, c), wasmMadd(a, b, c, true))) bad++;
      if (!Object.is(fma32(a2, b2, c2), wasmMadd(a2, b2, c2, true))) bad++;
    }
    assert.equal(bad, 0);
  });

  it('float64: random operands, near-cancelling addends and rounding ties', () => {
    let bad = 0;
    for (let i = 0; i < 200000; i++) {
      const e = () => 2 ** (Math.floor(rand() * 80) - 40);
      const a = (rand() - 0.5) * e(), b = (rand() - 0.5) * e();
      const t = rand();
      const c = t < 0.3 ? -a * b : t < 0.6 ? -a * b * (1 + (rand() - 0.5) * 2 ** -40) : t < 0.8 ? a * b * 2 ** -54 : (rand() - 0.5) * e();
      const a2 = 1 + Math.floor(rand() * 2 ** 26) * 2 ** -26, b2 = 1 + Math.floor(rand() * 2 ** 27) * 2 ** -27;
      const c2 = (rand() < 0.5 ? -1 : 1) * Math.floor(rand() * 8) * 2 ** -Math.floor(rand() * 60);
      if (!Object.is(fma64(a, b, c), wasmMadd(a, b, c, false))) bad++;
      if (!Object.is(fma64(a2, b2, c2), wasmMadd(a2, b2, c2, false))) bad++;
    }
    assert.equal(bad, 0);
  });

  it('known values: one rounding, not two', () => {
    const a = 1 + 2 ** -13;
    assert.equal(fma32(f(a), f(a), -1), 2 ** -12 + 2 ** -26);
    assert.equal(f(f(f(a) * f(a)) - 1), 2 ** -12); // what separate multiply and add give
    const b = 1 + 2 ** -30;
    assert.equal(fma64(b, b, -1), 2 ** -29 + 2 ** -60);
    assert.equal(fma64(0.1, 10, -1), 5.551115123125783e-17);
    assert.ok(Object.is(fma64(-0, 1, 0), 0) && Object.is(fma64(-0, 1, -0), -0));
    assert.ok(Number.isNaN(fma32(Infinity, 0, 1)) && fma64(1e300, 1e10, 1) === Infinity);
  });
});
