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

function loopsFor(expr: string, variant: string): BinaryLoops {
  return {
    same: binaryLoop(expr, 'same', variant), scalarA: binaryLoop(expr, 'scalarA', variant),
    scalarB: binaryLoop(expr, 'scalarB', variant), general: broadcastLoop(expr, variant),
  };
}

const DTYPE_CODE: Record<DType, string> = { float32: 'f', float64: 'd', int32: 'i', bool: 'b', int64: 'l' };

/** A short name of a storage type, so that loops are compiled per (input, output) storage pair. */
function storageCode(a: TensorData): string {
  return a instanceof Float32Array ? 'f' : a instanceof Float64Array ? 'd' : a instanceof Int32Array ? 'i' : a instanceof Uint8Array ? 'b' : 'l';
}

export class BinaryKernel {
  private readonly loops = new Map<string, BinaryLoops>();
  /** `intExpr` replaces `expr` for int32 storage where doubles would lose the low bits (Math.imul). */
  constructor(readonly expr: string, readonly bigExpr?: string, readonly intExpr?: string) {}

  run(a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[], outDtype: DType, op: string): { data: TensorData; dims: readonly number[] } {
    const variant = storageCode(a) + DTYPE_CODE[outDtype];
    let loops = this.loops.get(variant);
    if (loops === undefined) {
      let expr = this.expr;
      if (a instanceof BigInt64Array) {
        if (!this.bigExpr) throw new TypeError(`${op} is not defined for int64`);
        expr = this.bigExpr;
      } else if (this.intExpr !== undefined && a instanceof Int32Array) expr = this.intExpr;
      loops = loopsFor(expr, variant);
      this.loops.set(variant, loops);
    }
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
  private readonly loops = new Map<string, (a: TensorData, o: TensorData, n: number) => void>();
  /** `expr` is a JS expression in `a`, or a function for what an expression cannot say (erf). */
  constructor(readonly expr: string | ((a: number) => number), readonly bigExpr?: string) {}

  run(a: TensorData, outDtype: DType, op: string): TensorData {
    const out = allocate(outDtype, a.length);
    if (typeof this.expr === 'function') {
      const f = this.expr;
      for (let i = 0; i < a.length; i++) out[i] = f(Number(a[i])) as never;
    } else {
      const variant = storageCode(a) + storageCode(out);
      let loop = this.loops.get(variant);
      if (loop === undefined) {
        if (a instanceof BigInt64Array && !this.bigExpr) throw new TypeError(`${op} is not defined for int64`);
        loop = unaryLoop(a instanceof BigInt64Array ? this.bigExpr! : this.expr, variant);
        this.loops.set(variant, loop);
      }
      loop(a, out, a.length);
    }
    return out;
  }
}
