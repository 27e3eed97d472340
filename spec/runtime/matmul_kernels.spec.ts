// The WebAssembly SIMD and the JavaScript float32 matmul kernels must give identical bits (same
// float32 arithmetic, same summation order), for every shape, batch and transposed read.
import assert from 'node:assert/strict';
import { ops } from '../../src/index.js';
import { randomNormal } from './random_inputs.js';
import { matmul as matmulKernel } from '../../src/kernels/matmul.js';
import { wasmGemmAvailable } from '../../src/kernels/wasm_gemm.js';
import { withoutWasm } from '../../src/kernels/switches.js';
import { simdAvailable } from '../../src/kernels/simd.js';

function both<T>(f: () => T): [T, T] {
  return [f(), withoutWasm(f)];
}

describe('matmul kernels: SIMD against JavaScript', function () {
  before(function () {
    if (!wasmGemmAvailable()) this.skip();
  });

  it('withoutWasm switches the SIMD kernels off for its call only (else these comparisons would compare a kernel with itself)', function () {
    assert.equal(withoutWasm(() => wasmGemmAvailable() || simdAvailable()), false);
    assert.equal(wasmGemmAvailable() && simdAvailable(), true);
  });

  const shapes: [number, number, number][] = [[16, 16, 16], [17, 33, 9], [64, 1, 64], [1, 200, 31], [100, 100, 1], [129, 65, 70], [1, 77, 70], [1, 300, 1], [300, 50, 1], [1, 5, 96], [37, 13, 1], [1, 13, 37], [23, 7, 1], [1, 7, 23]];
  for (const [n, k, m] of shapes) {
    it(`[${n},${k}] @ [${k},${m}] and its transposed reads agree bit for bit`, function () {
      const a = randomNormal([n, k], 0, 1, { seed: n * 7 + k });
      const b = randomNormal([k, m], 0, 1, { seed: m * 13 + k });
      const [x, y] = both(() => ops.matmul(a, b));
      assert.deepEqual(Array.from(x.values as Float32Array), Array.from(y.values as Float32Array));
      const at = ops.transpose(a), bt = ops.transpose(b);
      for (const [ta, tb] of [[true, false], [false, true], [true, true]] as const) {
        const [p, q] = both(() => matmulKernel((ta ? at : a).values, (ta ? at : a).dims, ta, (tb ? bt : b).values, (tb ? bt : b).dims, tb, 'float32'));
        assert.deepEqual(Array.from(p.data as Float32Array), Array.from(x.values as Float32Array), `ta=${ta} tb=${tb}`);
        assert.deepEqual(Array.from(q.data as Float32Array), Array.from(x.values as Float32Array));
      }
    });
  }

  it('float64 vectors and matrices agree bit for bit (the one-row and one-column kernels), in every layout', function () {
    for (const [n, k, m] of [[1, 90, 37], [41, 90, 1], [1, 90, 1], [1, 3, 16], [19, 7, 1], [1, 7, 19]]) {
      const a = ops.cast(randomNormal([n, k], 0, 1, { seed: n + 3 * k }), 'float64'), b = ops.cast(randomNormal([k, m], 0, 1, { seed: m + 5 * k }), 'float64');
      const [x, y] = both(() => ops.matmul(a, b));
      assert.deepEqual(Array.from(x.values as Float64Array), Array.from(y.values as Float64Array), `[${n},${k}] @ [${k},${m}]`);
      const at = ops.transpose(a), bt = ops.transpose(b);
      for (const [ta, tb] of [[true, false], [false, true], [true, true]] as const) {
        const [p, q] = both(() => matmulKernel((ta ? at : a).values, (ta ? at : a).dims, ta, (tb ? bt : b).values, (tb ? bt : b).dims, tb, 'float64'));
        assert.deepEqual(Array.from(p.data as Float64Array), Array.from(x.values as Float64Array), `[${n},${k}] @ [${k},${m}] ta=${ta} tb=${tb}`);
        assert.deepEqual(Array.from(q.data as Float64Array), Array.from(x.values as Float64Array));
      }
    }
    const v = randomNormal([333], 0, 1, { seed: 9 }), w = randomNormal([333], 0, 1, { seed: 10 });
    const [d, e] = both(() => ops.matmul(v, w));
    assert.deepEqual(Array.from(d.values as Float32Array), Array.from(e.values as Float32Array), 'vector dot');
  });

  it('batched products agree and are close to a float64 product', function () {
    const a = randomNormal([3, 40, 50], 0, 1, { seed: 1 }), b = randomNormal([50, 30], 0, 1, { seed: 2 });
    const [x, y] = both(() => ops.matmul(a, b));
    assert.deepEqual(Array.from(x.values as Float32Array), Array.from(y.values as Float32Array));
    const r = ops.matmul(ops.cast(a, 'float64'), ops.cast(b, 'float64'));
    for (let i = 0; i < r.size; i++) assert.ok(Math.abs((r.values[i] as number) - (x.values[i] as number)) < 1e-4, `element ${i}`);
  });
});
