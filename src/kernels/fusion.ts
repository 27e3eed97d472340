// Fused float32 elementwise expressions: a graph of the WebAssembly module's unary and binary kernels
// over float32 arrays of one length and single-element operands, evaluated a tile at a time. Each tile
// goes through the whole expression in the module's memory (regions of 32 KiB, which stay in the
// cache) before the next, so the data is read and written once instead of once per op. Every op runs
// the kernel the eager path runs, on the same values: the bits are the eager path's.
import type { Deferred } from '../tensor/tensor.js';
import { allocateUnfilled } from '../tensor/dtype.js';
import { tileKernels } from './simd.js';

/** An operand: another expression, an array of the expression's length, or one element (a Float32Array of length 1). */
export type Operand = FusedExpr | Float32Array;

/** How many operations one expression may hold (counting a shared one per use): beyond, it is computed first. */
export const MAX_FUSED = 64;

export class FusedExpr implements Deferred {
  /** Operations in the expression, a shared one counted once per use. */
  readonly size: number;
  /** The values once computed (its tensor's storage): expressions built on this one read them. */
  settled: Float32Array | null = null;
  /** Whether its values were computed, and not kept, inside another expression's evaluation. */
  computedInside = false;
  constructor(readonly code: number, readonly unary: boolean, readonly a: Operand, readonly b: Operand | null, readonly n: number) {
    this.size = 1 + sizeOf(a) + (b === null ? 0 : sizeOf(b));
  }

  /** The values, in new storage (the storage of intermediates that never get read is never made). */
  compute(): Float32Array {
    if (this.settled === null) this.settled = evaluate(this);
    return this.settled;
  }
}

const sizeOf = (x: Operand): number => (x instanceof FusedExpr ? x.size : 0);
/** An operand as evaluation reads it: a computed expression by its values. */
const resolve = (x: Operand): Operand => (x instanceof FusedExpr && x.settled !== null ? x.settled : x);

/** Elements of a tile (a region holds one, with room for the kernels' whole last vector). */
const TILE = 8192;
const REGION = TILE * 4 + 64;

type Step =
  | { load: Float32Array; to: number }
  | { expr: FusedExpr; a: number; sa: number; b: number; sb: number; to: number; keep: Float32Array | null };

/**
 * The expression's values: its steps planned once, then run on every tile. An expression that was
 * computed inside another before is being read after what was built on it (intermediates kept and
 * read last first): then every intermediate keeps its values too, so that reading the others does not
 * compute them once more each.
 */
function evaluate(root: FusedExpr): Float32Array {
  const out = allocateUnfilled('float32', root.n) as Float32Array;
  const keepAll = root.computedInside;
  // Every expression and array once, operands before their users.
  const order: (FusedExpr | Float32Array)[] = [];
  const index = new Map<FusedExpr | Float32Array, number>();
  const scalars: Float32Array[] = [];
  const visit = (o: Operand): void => {
    const x = resolve(o);
    if (index.has(x) || (!(x instanceof FusedExpr) && x.length === 1 && root.n > 1)) return;
    if (x instanceof FusedExpr) { visit(x.a); if (x.b !== null) visit(x.b); }
    index.set(x, order.length);
    order.push(x);
  };
  visit(root);
  const lastUse = order.map(() => -1);
  order.forEach((v, i) => {
    if (v instanceof FusedExpr) for (const o of [v.a, v.b]) if (o !== null && index.has(resolve(o))) lastUse[index.get(resolve(o))!] = i;
  });
  // Regions by liveness: a value's region is free again after its last use (never the user's own output).
  const regionOf: number[] = [];
  const free: number[] = [];
  let regions = 0;
  const steps: Step[] = [];
  // Byte offsets are relative to the kernels' base; single elements sit before the regions, 16 bytes each.
  const scalarBytes = () => scalars.length * 16;
  const place = (operand: Operand): [number, number] => {
    const o = resolve(operand);
    const i = index.get(o);
    if (i === undefined) { scalars.push(o as Float32Array); return [-(scalars.length), 0]; }
    return [regionOf[i], 1];
  };
  order.forEach((v, i) => {
    regionOf[i] = free.pop() ?? regions++;
    if (v instanceof FusedExpr) {
      const [a, sa] = place(v.a);
      const [b, sb] = v.b === null ? [0, 0] : place(v.b);
      const keep = v === root || !keepAll ? null : allocateUnfilled('float32', v.n) as Float32Array;
      if (v !== root && !keepAll) v.computedInside = true;
      steps.push({ expr: v, a, sa, b, sb, to: regionOf[i], keep });
      for (const o of new Set([v.a, v.b].map((x) => (x === null ? null : resolve(x))))) {
        const j = o === null ? undefined : index.get(o);
        if (j !== undefined && lastUse[j] === i) free.push(regionOf[j]);
      }
    } else {
      steps.push({ load: v, to: regionOf[i] });
    }
  });
  const k = tileKernels(scalarBytes() + regions * REGION)!;
  const F = k.f32();
  const regionsAt = k.base + scalarBytes();
  const at = (r: number, stride: number): number => (stride === 0 ? k.base + (-r - 1) * 16 : regionsAt + r * REGION);
  scalars.forEach((s, i) => F.set(s, (k.base + i * 16) >> 2));
  const result = (regionsAt + regionOf[order.length - 1] * REGION) >> 2;
  for (let t = 0; t < root.n; t += TILE) {
    const len = Math.min(TILE, root.n - t);
    for (const s of steps) {
      if ('load' in s) F.set(s.load.subarray(t, t + len), (regionsAt + s.to * REGION) >> 2);
      else {
        const to = regionsAt + s.to * REGION;
        if (s.expr.unary) k.unary(s.expr.code, at(s.a, s.sa), to, len);
        else k.binary(s.expr.code, at(s.a, s.sa), s.sa, at(s.b, s.sb), s.sb, to, len);
        if (s.keep !== null) s.keep.set(F.subarray(to >> 2, (to >> 2) + len), t);
      }
    }
    out.set(F.subarray(result, result + len), t);
  }
  for (const s of steps) if ('expr' in s && s.keep !== null) s.expr.settled = s.keep;
  return out;
}
