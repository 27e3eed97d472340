// Elementwise float32 and float64 ops on large tensors are deferred and fused when no transformation watches
// (src/kernels/fusion.ts): the op returns its tensor at once, values pending (the memory limit is
// checked then, as the op would have); an op on pending tensors extends their expression instead of
// computing; the first read of the values computes the whole expression a tile at a time, into
// storage made then (intermediates never read never get any). Inputs are held by their storage as it
// was when the op was called (shared, so a later in-place write copies first), so the values are the
// ones the op would have computed then, and the kernels are the eager path's: the same bits.
// Where a transformation follows an input (a tape, jvp, vmap, torch's autograd on a tensor that
// requires grad) the op runs at once: its rules read the values.
//
// Only where the eager path runs the WebAssembly kernels: float32 arithmetic and unary functions,
// float64 + - * / and the exact unary ops (neg, abs, sqrt, floor, ceil, relu, sign, round), with an
// operand of the same dims or a single element.
import { anyWatching } from '../core/levels.js';
import { allocate, checkAllocation, type DType } from '../tensor/dtype.js';
import { sameDims, sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { FusedExpr, MAX_FUSED, sumOf, type FloatData, type Operand } from '../kernels/fusion.js';
import { binaryArithmeticCode, simdAvailable, unaryCode } from '../kernels/simd.js';
import { fusionOn, wasmKernelsOn } from '../kernels/switches.js';
import { flavorOf } from './convert.js';
import { result, withWeakType } from './result.js';

/**
 * From this many elements. Measured: a chain of two or more ops is faster fused from 1024 elements
 * up; one op alone costs up to 15% more deferred at 4096 and the same from 8192.
 */
export const FUSE_FROM = 1 << 12;

/** float32 or float64 results of inputs of that dtype: where the eager path runs the module's kernels. */
const fusable = (dt: DType, out: DType): boolean => dt === out && (dt === 'float32' || dt === 'float64');

/** op(x), deferred, or null where it runs now. */
export function deferUnary(op: string, x: Tensor, outDtype: DType): Tensor | null {
  if (!fusable(x.dt, outDtype) || x.count < FUSE_FROM) return null;
  const code = unaryCode(op, x.dt);
  if (code === undefined || !fusing([x])) return null;
  return deferred(new FusedExpr(x.dt === 'float64', code, true, operand(x), null, x.count), x.dt, x.dims, [x]);
}

/** a op b, deferred, or null where it runs now. */
export function deferBinary(op: string, a: Tensor, b: Tensor, outDtype: DType): Tensor | null {
  if (!fusable(a.dt, outDtype) || b.dt !== a.dt) return null;
  // x ** 2 is x * x to the bit: the eager path's shortcut (arith.ts).
  if (op === 'pow' && b.count === 1 && b.dims.length <= a.dims.length && (b.values as FloatData)[0] === 2) return deferBinary('mul', a, a, outDtype);
  const code = binaryArithmeticCode(op, a.dt);
  if (code === undefined) return null;
  // The same dims, or one side a single element with no more axes than the other (the other's dims).
  const dims = sameDims(a.dims, b.dims) ? a.dims
    : b.count === 1 && b.dims.length <= a.dims.length ? a.dims
    : a.count === 1 && a.dims.length <= b.dims.length ? b.dims : null;
  if (dims === null) return null;
  const n = sizeOf(dims);
  if (n < FUSE_FROM || !fusing([a, b])) return null;
  return deferred(new FusedExpr(a.dt === 'float64', code, false, operand(a), operand(b), n), a.dt, dims, [a, b]);
}

/** Whether ops on `inputs` may be deferred: the kernels are on and no transformation follows these inputs. */
function fusing(inputs: readonly Tensor[]): boolean {
  return fusionOn() && wasmKernelsOn() && simdAvailable() && !anyWatching(inputs);
}

/** x as an operand: its pending expression while that is small enough, else its storage (computed, shared). */
function operand(x: Tensor): Operand {
  const p = x.pending;
  if (p instanceof FusedExpr && p.size < MAX_FUSED) return p;
  return x.share() as FloatData;
}

/** The op's tensor, its values deferred; the memory limit is checked now, where the op would have allocated. */
function deferred(expr: FusedExpr, dtype: DType, dims: readonly number[], inputs: Tensor[]): Tensor {
  checkAllocation(dtype, expr.n, dims);
  return withWeakType(Tensor.deferred(dtype, dims, expr, flavorOf(inputs)), inputs);
}

/**
 * The sum of a pending tensor over all its axes, its expression's tiles added up as they are computed
 * (the eager sum's additions in its order; the tensor itself stays pending), or null.
 */
export function fusedSum(x: Tensor, axes: readonly number[], dims: readonly number[]): Tensor | null {
  const p = x.pending;
  if (!(p instanceof FusedExpr) || axes.length !== x.dims.length || x.count <= 8192) return null;
  const out = allocate(x.dt, 1, dims);
  out[0] = sumOf(p);
  return result(x.dt, dims, out, [x]);
}
