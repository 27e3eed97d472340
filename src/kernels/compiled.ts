// An elementwise operation compiled once into its loops (per input storage and output dtype), so
// that running an op costs no string building or cache lookup.
import { allocateUnfilled, narrowRounding, type DType, type TensorData } from '../tensor/dtype.js';
import { broadcastDims, broadcastStrides, sameDims, sizeOf } from '../tensor/shape.js';
import { binaryLoop, broadcastLoop, unaryLoop } from './codegen.js';
import { dtypeCode, isBigStorage, isIntStorage, storageCode } from './storage.js';
import { simdBinary, simdUnary } from './simd.js';

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

/** The expressions of one operation for each kind of storage. */
export interface Exprs {
  /** In doubles (`a`, `b`). */
  expr: string;
  /** For BigInt storage; absent = not defined for 64-bit integers. */
  big?: string;
  /** For integer storage held in numbers, where doubles would be inexact (Math.imul) or integer rules differ (x // 0 == 0). */
  int?: string;
}

/** The expression for `a`'s storage, rounded on store when the output is a narrow float. */
function exprFor(e: Exprs, a: TensorData, out: DType, op: string): string {
  let expr = e.expr;
  if (isBigStorage(a)) {
    if (!e.big) throw new TypeError(`${op} is not defined for 64-bit integers`);
    expr = e.big;
  } else if (e.int !== undefined && isIntStorage(a)) expr = e.int;
  if (out === 'float16') return `H.r16(Math.fround(${expr}))`;
  if (out === 'bfloat16') return `H.rb16(${expr})`;
  return expr;
}

export class BinaryKernel {
  private readonly loops = new Map<string, BinaryLoops>();
  constructor(readonly exprs: Exprs) {}

  run(a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[], outDtype: DType, op: string): { data: TensorData; dims: readonly number[] } {
    const variant = storageCode(a) + dtypeCode(outDtype);
    let loops = this.loops.get(variant);
    if (loops === undefined) {
      loops = loopsFor(exprFor(this.exprs, a, outDtype, op), variant);
      this.loops.set(variant, loops);
    }
    if (sameDims(aDims, bDims)) {
      const out = allocateUnfilled(outDtype, a.length, aDims);
      if (!simdBinary(op, a, aDims, b, bDims, out, aDims, outDtype)) loops.same(a, b, out, a.length);
      return { data: out, dims: aDims };
    }
    const dims = broadcastDims(aDims, bDims, op);
    const n = sizeOf(dims);
    const out = allocateUnfilled(outDtype, n, dims);
    if (n === 0) return { data: out, dims };
    // WebAssembly SIMD where it handles the dtype and layout (same bits as the loops below).
    if (simdBinary(op, a, aDims, b, bDims, out, dims, outDtype)) return { data: out, dims };
    if (b.length === 1 && a.length === n) loops.scalarB(a, b, out, n);
    else if (a.length === 1 && b.length === n) loops.scalarA(a, b, out, n);
    else loops.general(a, b, out, dims, broadcastStrides(aDims, dims), broadcastStrides(bDims, dims));
    return { data: out, dims };
  }
}

export class UnaryKernel {
  private readonly loops = new Map<string, (a: TensorData, o: TensorData, n: number) => void>();
  /** `fn` replaces the expression for what one expression cannot say (erf). */
  constructor(readonly exprs: Exprs, readonly fn?: (a: number) => number) {}

  run(a: TensorData, outDtype: DType, op: string): TensorData {
    const out = allocateUnfilled(outDtype, a.length);
    if (simdUnary(op, a, out, outDtype)) return out;
    if (this.fn !== undefined && !isBigStorage(a)) {
      const f = this.fn;
      const r = narrowRounding(outDtype);
      const O = out as Float64Array;
      if (r) for (let i = 0; i < a.length; i++) O[i] = r(f(a[i] as number));
      else for (let i = 0; i < a.length; i++) O[i] = f(a[i] as number);
      return out;
    }
    const variant = storageCode(a) + dtypeCode(outDtype);
    let loop = this.loops.get(variant);
    if (loop === undefined) {
      loop = unaryLoop(exprFor(this.exprs, a, outDtype, op), variant);
      this.loops.set(variant, loop);
    }
    loop(a, out, a.length);
    return out;
  }
}
