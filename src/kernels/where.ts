// where(c, a, b) with three-way broadcasting.
import { allocate, type DType, type TensorData } from '../tensor/dtype.js';
import { broadcastDims, broadcastStrides } from '../tensor/shape.js';
import { sizeOf } from '../tensor/shape.js';
import { ternaryLoop } from './codegen.js';

const select = ternaryLoop('c ? a : b');

export function mapWhere(
  c: TensorData, cDims: readonly number[], a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[],
  outDtype: DType,
): { data: TensorData; dims: number[] } {
  const dims = broadcastDims(broadcastDims(cDims, aDims, 'SelectV2'), bDims, 'SelectV2');
  const out = allocate(outDtype, sizeOf(dims));
  if (out.length === 0) return { data: out, dims };
  select(c, a, b, out, dims, broadcastStrides(cDims, dims), broadcastStrides(aDims, dims), broadcastStrides(bDims, dims));
  return { data: out, dims };
}
