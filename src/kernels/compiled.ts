// An elementwise operation compiled once into its loops (per storage kind), so that running an op
// costs no string building or cache lookup.
import { allocate, type DType, type TensorData } from '../tensor/dtype.js';
import { broadcastDims, broadcastStrides, sameDims } from '../tensor/shape.js';
import { sizeOf } from '../tensor/tensor.js';
import { binaryLoop, broadcastLoop, unaryLoop } from './codegen.js';

type BinaryLoops = {
  same: (a: TensorData, b: TensorData, o: TensorData, n: number) => void;
  scalarA: (a: TensorData, b: TensorData, o: TensorData, n: number) => void;
  scalarB: (a: TensorData, b: TensorData, o: TensorData, n: number) => void;
  general: ReturnType<typeof broadcastLoop>;
};

function loopsFor(expr: string): BinaryLoops {
  return { same: binaryLoop(expr, 'same'), scalarA: binaryLoop(expr, 'scalarA'), scalarB: binaryLoop(expr, 'scalarB'), general: broadcastLoop(expr) };
}

export class BinaryKernel {
  private num?: BinaryLoops;
  private big?: BinaryLoops;
  private i32?: BinaryLoops;
  /** `intExpr` replaces `expr` for int32 storage where doubles would lose the low bits (Math.imul). */
  constructor(readonly expr: string, readonly bigExpr?: string, readonly intExpr?: string) {}

  run(a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[], outDtype: DType, op: string): { data: TensorData; dims: readonly number[] } {
    let loops: BinaryLoops;
    if (a instanceof BigInt64Array) {
      if (!this.bigExpr) throw new TypeError(`${op} is not defined for int64`);
      loops = this.big ??= loopsFor(this.bigExpr);
    } else if (this.intExpr !== undefined && a instanceof Int32Array) {
      loops = this.i32 ??= loopsFor(this.intExpr);
    } else loops = this.num ??= loopsFor(this.expr);
    if (sameDims(aDims, bDims)) {
      const out = allocate(outDtype, a.length);
      loops.same(a, b, out, a.length);
      return { data: out, dims: aDims };
    }
    const dims = broadcastDims(aDims, bDims, op);
    const n = sizeOf(dims);
    const out = allocate(outDtype, n);
    if (n === 0) return { data: out, dims };
    if (b.length === 1 && a.length === n) loops.scalarB(a, b, out, n);
    else if (a.length === 1 && b.length === n) loops.scalarA(a, b, out, n);
    else loops.general(a, b, out, dims, broadcastStrides(aDims, dims), broadcastStrides(bDims, dims));
    return { data: out, dims };
  }
}

export class UnaryKernel {
  private num?: (a: TensorData, o: TensorData, n: number) => void;
  private big?: (a: TensorData, o: TensorData, n: number) => void;
  /** `expr` is a JS expression in `a`, or a function for what an expression cannot say (erf). */
  constructor(readonly expr: string | ((a: number) => number), readonly bigExpr?: string) {}

  run(a: TensorData, outDtype: DType, op: string): TensorData {
    const out = allocate(outDtype, a.length);
    if (typeof this.expr === 'function') {
      const f = this.expr;
      for (let i = 0; i < a.length; i++) out[i] = f(Number(a[i])) as never;
    } else if (a instanceof BigInt64Array) {
      if (!this.bigExpr) throw new TypeError(`${op} is not defined for int64`);
      (this.big ??= unaryLoop(this.bigExpr))(a, out, a.length);
    } else (this.num ??= unaryLoop(this.expr))(a, out, a.length);
    return out;
  }
}
