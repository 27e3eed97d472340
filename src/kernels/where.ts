// where(c, a, b) with three-way broadcasting.
import { allocateUnfilled, type DType, type TensorData } from '../tensor/dtype.js';
import { simdSelect } from './simd.js';
import { broadcastDims, broadcastStrides } from '../tensor/shape.js';
import { sizeOf } from '../tensor/shape.js';
import { ternaryLoop } from './codegen.js';

/** One loop per kind of storage (condition, values): a loop shared by all would go megamorphic. */
const select = (c: TensorData, v: TensorData) => ternaryLoop('c ? a : b', `${c.constructor.name}:${v.constructor.name}`);

export function mapWhere(
  c: TensorData, cDims: readonly number[], a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[],
  outDtype: DType,
): { data: TensorData; dims: number[] } {
  const dims = broadcastDims(broadcastDims(cDims, aDims, 'SelectV2'), bDims, 'SelectV2');
  const out = allocateUnfilled(outDtype, sizeOf(dims));
  if (out.length === 0) return { data: out, dims };
  if (simdSelect(c, a, b, out)) return { data: out, dims };
  select(c, out)(c, a, b, out, dims, broadcastStrides(cDims, dims), broadcastStrides(aDims, dims), broadcastStrides(bDims, dims));
  return { data: out, dims };
}
