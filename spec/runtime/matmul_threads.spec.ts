// The matmul on two threads (a worker over shared WebAssembly memory) must give the bits of one
// thread and of the JavaScript kernel: every element is computed by the same instructions whichever
// thread claims its row panel. Sizes above the threshold where the second thread joins, odd edges,
// transposed reads, batches, and many products in a row (the claim protocol across jobs).
import assert from 'node:assert/strict';
import { ops, Tensor } from '../../src/index.js';
import { matmul as matmulKernel } from '../../src/kernels/matmul.js';
import { gemmThreads, wasmGemmAvailable } from '../../src/kernels/wasm_gemm.js';
import { withoutWasm } from '../../src/kernels/switches.js';
import os from 'node:os';
import { randomNormal } from './random_inputs.js';


function withEnv<T>(name: string, value: string, f: () => T): T {
  const prev = process.env[name];
  process.env[name] = value;
  try { return f(); } finally { if (prev === undefined) delete process.env[name]; else process.env[name] = prev; }
}

function sameBits(x: ArrayLike<number>, y: ArrayLike<number>, what: string): void {
  assert.equal(x.length, y.length, what);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) assert.fail(`${what}: element ${i}: ${x[i]} vs ${y[i]}`);
}

describe('matmul on two threads', function () {
  this.timeout(60000);
  let prev: string | undefined;
  before(function () {
    if (!wasmGemmAvailable()) this.skip();
    // Two threads whatever the machine's load (by default the worker joins only when a core is free).
    prev = process.env.JACOBI_THREADS;
    process.env.JACOBI_THREADS = '2';
  });
  after(function () {
    if (prev === undefined) delete process.env.JACOBI_THREADS; else process.env.JACOBI_THREADS = prev;
  });

  const shapes: [number, number, number][] = [[256, 128, 256], [257, 131, 129], [130, 515, 67], [512, 64, 512], [61, 700, 300]];
  for (const [n, k, m] of shapes) {
    it(`[${n},${k}] @ [${k},${m}], plain and transposed reads: two threads = one thread = JavaScript`, function () {
      const a = randomNormal([n, k], 0, 1, { seed: n + k }), b = randomNormal([k, m], 0, 1, { seed: m * 3 + k });
      const at = ops.transpose(a), bt = ops.transpose(b);
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const A = ta ? at : a, B = tb ? bt : b;
        const run = () => matmulKernel(A.values, A.dims, ta, B.values, B.dims, tb, 'float32').data as Float32Array;
        const two = run();
        const one = withEnv('JACOBI_THREADS', '1', run);
        const js = withoutWasm(run);
        sameBits(two, one, `ta=${ta} tb=${tb}: two threads vs one`);
        sameBits(two, js, `ta=${ta} tb=${tb}: two threads vs JavaScript`);
      }
    });
  }

  it('200 products in a row, of changing sizes, each equal to its one-thread result; the worker takes part', function () {
    if (os.availableParallelism() < 2) this.skip();
    assert.ok(gemmThreads().running, 'the worker runs');
    const before = gemmThreads().workerChunks;
    const sizes = [[300, 200, 100], [100, 300, 200], [200, 100, 300]];
    const ins = sizes.map(([n, k, m], i) => [randomNormal([n, k], 0, 1, { seed: 100 + i }), randomNormal([k, m], 0, 1, { seed: 200 + i })]);
    const want = ins.map(([a, b]) => withEnv('JACOBI_THREADS', '1', () => ops.matmul(a, b).values as Float32Array));
    for (let r = 0; r < 200; r++) {
      const i = r % 3;
      sameBits(ops.matmul(ins[i][0], ins[i][1]).values as Float32Array, want[i], `product ${r}`);
    }
    assert.ok(gemmThreads().workerChunks > before, 'the worker computed some of the chunks');
  });

  it('a batch of products (one job per batch entry)', function () {
    const a = randomNormal([3, 160, 140], 0, 1, { seed: 5 }), b = randomNormal([3, 140, 150], 0, 1, { seed: 6 });
    sameBits(ops.matmul(a, b).values as Float32Array, withEnv('JACOBI_THREADS', '1', () => ops.matmul(a, b).values as Float32Array), 'batch');
  });
});
