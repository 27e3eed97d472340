// Matrix products with broadcast batch dimensions. The inner kernel walks i-k-j so that the inner
// loop streams a row of B and a row of C; C's typed array rounds every partial sum to its dtype,
// so float32 products accumulate in float32.
import { allocate, type DType, type TensorData } from '../tensor/dtype.js';
import { broadcastDims, broadcastStrides, shapeString, ShapeError } from '../tensor/shape.js';

export interface MatmulResult {
  data: TensorData;
  dims: number[];
}

/** a: [...batchA, n, k], b: [...batchB, k, m] (both rank >= 2). */
export function matmul(a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[], dtype: DType): MatmulResult {
  const ra = aDims.length, rb = bDims.length;
  const n = aDims[ra - 2], k = aDims[ra - 1], k2 = bDims[rb - 2], m = bDims[rb - 1];
  if (k !== k2) {
    throw new ShapeError(`Matrix size-incompatible: In[0]: ${shapeString(aDims)}, In[1]: ${shapeString(bDims)} [Op:MatMul]`);
  }
  const batchA = aDims.slice(0, ra - 2), batchB = bDims.slice(0, rb - 2);
  const batch = broadcastDims(batchA, batchB, 'BatchMatMulV2');
  const nb = batch.reduce((p, d) => p * d, 1);
  const out = allocate(dtype, nb * n * m);
  const sa = broadcastStrides(batchA, batch), sb = broadcastStrides(batchB, batch);
  const idx = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nb; t++) {
    let offA = 0, offB = 0;
    for (let d = 0; d < batch.length; d++) { offA += idx[d] * sa[d]; offB += idx[d] * sb[d]; }
    kernel(a as Float64Array, offA * n * k, b as Float64Array, offB * k * m, out as Float64Array, t * n * m, n, k, m);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d] < batch[d]) break;
      idx[d] = 0;
    }
  }
  return { data: out, dims: [...batch, n, m] };
}

function kernel(A: Float64Array, ao: number, B: Float64Array, bo: number, C: Float64Array, co: number, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const crow = co + i * m;
    const arow = ao + i * k;
    for (let p = 0; p < k; p++) {
      const aip = A[arow + p];
      const brow = bo + p * m;
      for (let j = 0; j < m; j++) C[crow + j] += aip * B[brow + j];
    }
  }
}
