// Slices and their transposes (pad) copy contiguous runs of 32 or more elements with TypedArray.set
// (src/tensor/strided.ts, src/kernels/layout.ts): every dtype, runs just under and over that length,
// offsets, steps and several rows must give what the element-by-element walk gives.
import assert from 'node:assert/strict';
import { jax, ops, Tensor } from '../../src/index.js';
import { sliceP } from '../../src/ops/structural.js';
import { bind } from '../../src/core/primitive.js';
import { allocate, type DType } from '../../src/tensor/dtype.js';
import { MEMCPY_RUN } from '../../src/tensor/strided.js';

const DTYPES: DType[] = ['bool', 'int8', 'int32', 'int64', 'uint16', 'float16', 'float32', 'float64'];

function filled(dtype: DType, dims: number[]): Tensor {
  const n = dims.reduce((p, d) => p * d, 1);
  const a = allocate(dtype, n) as unknown as { [i: number]: number | bigint };
  for (let i = 0; i < n; i++) a[i] = dtype === 'int64' ? BigInt(i % 251) : dtype === 'bool' ? (i * 7) % 3 === 0 ? 1 : 0 : (i % 251) - 100 * +(dtype !== 'uint16');
  return new Tensor(dtype, dims, a as never, 'numpy');
}

describe('strided copies in contiguous runs', function () {
  const cols = 3 * MEMCPY_RUN;
  const cases: { begin: number[]; size: number[]; step: number[] }[] = [
    { begin: [0, 0], size: [5, cols], step: [1, 1] },
    { begin: [1, 3], size: [3, MEMCPY_RUN], step: [1, 1] },
    { begin: [2, 5], size: [2, MEMCPY_RUN - 1], step: [1, 1] },
    { begin: [0, 1], size: [3, MEMCPY_RUN + 1], step: [2, 1] },
    { begin: [0, 0], size: [5, MEMCPY_RUN], step: [1, 2] },
  ];
  for (const dtype of DTYPES) {
    it(`${dtype}: slices equal the element-by-element walk`, function () {
      const x = filled(dtype, [5, cols]);
      const xv = x.values as unknown as ArrayLike<number | bigint>;
      for (const p of cases) {
        const y = bind(sliceP, [x], p);
        const yv = y.values as unknown as ArrayLike<number | bigint>;
        let o = 0;
        for (let i = 0; i < p.size[0]; i++) {
          for (let j = 0; j < p.size[1]; j++, o++) {
            assert.equal(yv[o], xv[(p.begin[0] + i * p.step[0]) * cols + p.begin[1] + j * p.step[1]], `${JSON.stringify(p)} at ${i},${j}`);
          }
        }
        assert.equal(o, yv.length);
      }
    });
  }

  it('the gradient of a slice puts each run back at its place, zeros elsewhere', function () {
    const x = filled('float32', [4, cols]);
    const g = jax.grad((t: Tensor) => ops.sum(ops.mul(bind(sliceP, [t], { begin: [1, 2], size: [2, MEMCPY_RUN + 3], step: [1, 1] }), 3)))(x) as Tensor;
    const gv = g.values as Float32Array;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < cols; j++) {
        const inside = i >= 1 && i < 3 && j >= 2 && j < 2 + MEMCPY_RUN + 3;
        assert.equal(gv[i * cols + j], inside ? 3 : 0, `${i},${j}`);
      }
    }
  });
});
