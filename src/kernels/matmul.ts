// Matrix products with broadcast batch dimensions, either operand optionally read transposed
// (the products a gradient needs cost no transpose copy). Floats go through the packed kernel in
// gemm.ts; integers through a plain loop in their own (wrapping) arithmetic.
import { allocate, allocateUnfilled, type DType, type TensorData } from '../tensor/dtype.js';
import { broadcastDims, broadcastStrides, shapeString, ShapeError } from '../tensor/shape.js';
import { gemm } from './gemm.js';

export interface MatmulResult {
  data: TensorData;
  dims: number[];
}

/** The [rows, cols] a stored [..., r, c] operand contributes, read transposed or not. */
function matDims(dims: readonly number[], t: boolean): [number, number] {
  const r = dims[dims.length - 2], c = dims[dims.length - 1];
  return t ? [c, r] : [r, c];
}

/** op(a): [...batchA, n, k] @ op(b): [...batchB, k, m] (both rank >= 2). */
export function matmul(
  a: TensorData, aDims: readonly number[], ta: boolean, b: TensorData, bDims: readonly number[], tb: boolean, dtype: DType,
): MatmulResult {
  const ra = aDims.length, rb = bDims.length;
  const [n, k] = matDims(aDims, ta), [k2, m] = matDims(bDims, tb);
  if (k !== k2) {
    throw new ShapeError(`Matrix size-incompatible: In[0]: ${shapeString(aDims)}, In[1]: ${shapeString(bDims)} [Op:MatMul]`);
  }
  if (rb === 2 && ra > 2 && !ta) {
    // A batch of matrices against one matrix: the batch's rows stack into one tall product.
    const rows = aDims.slice(0, ra - 1).reduce((p, d) => p * d, 1);
    const r = matmul(a, [rows, k], false, b, bDims, tb, dtype);
    return { data: r.data, dims: [...aDims.slice(0, ra - 1), m] };
  }
  const batchA = aDims.slice(0, ra - 2), batchB = bDims.slice(0, rb - 2);
  const batch = broadcastDims(batchA, batchB, 'BatchMatMulV2');
  const nb = batch.reduce((p, d) => p * d, 1);
  const float = dtype === 'float32' || dtype === 'float64';
  // The float kernels write every element of C (zeros when k = 0); the integer loop adds into it.
  const out = (float ? allocateUnfilled : allocate)(dtype, nb * n * m, [...batch, n, m]);
  const sa = broadcastStrides(batchA, batch), sb = broadcastStrides(batchB, batch);
  const idx = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < nb; t++) {
    let offA = 0, offB = 0;
    for (let d = 0; d < batch.length; d++) { offA += idx[d] * sa[d]; offB += idx[d] * sb[d]; }
    if (n * m > 0) {
      if (float) gemm(a as Float64Array, offA * n * k, ta, b as Float64Array, offB * k * m, tb, out as Float64Array, t * n * m, n, k, m, dtype === 'float32');
      else integerKernel(a, offA * n * k, ta, b, offB * k * m, tb, out, t * n * m, n, k, m);
    }
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d] < batch[d]) break;
      idx[d] = 0;
    }
  }
  return { data: out, dims: [...batch, n, m] };
}

function integerKernel(
  A: TensorData, ao: number, ta: boolean, B: TensorData, bo: number, tb: boolean, C: TensorData, co: number, n: number, k: number, m: number,
): void {
  const X = A as Float64Array, Y = B as Float64Array, Z = C as Float64Array;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = X[ao + (ta ? p * n + i : i * k + p)];
      for (let j = 0; j < m; j++) Z[co + i * m + j] += aip * Y[bo + (tb ? j * k + p : p * m + j)];
    }
  }
}
