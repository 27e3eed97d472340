// Fused elementwise expressions (float32 or float64): a graph of the WebAssembly module's unary and
// binary kernels over arrays of one length and single-element operands, evaluated a tile at a time.
// Each tile goes through the whole expression in the module's memory (regions of 64 KiB, which stay
// in the cache) before the next, so the data is read and written once instead of once per op. Every
// op runs the kernel the eager path runs, on the same values: the bits are the eager path's.
import type { Deferred } from '../tensor/tensor.js';
import { allocateUnfilled } from '../tensor/dtype.js';
import { tileKernels, type TileKernels } from './simd.js';

/** Storage of one of the two float widths. */
export type FloatData = Float32Array | Float64Array;
/** An operand: another expression, an array of the expression's length, or one element (an array of length 1). */
export type Operand = FusedExpr | FloatData;

/** How many operations one expression may hold (counting a shared one per use): beyond, it is computed first. */
export const MAX_FUSED = 64;

export class FusedExpr implements Deferred {
  /** Operations in the expression, a shared one counted once per use. */
  readonly size: number;
  /** The values once computed (its tensor's storage): expressions built on this one read them. */
  settled: FloatData | null = null;
  /** Whether its values were computed, and not kept, inside another expression's evaluation. */
  computedInside = false;
  constructor(
    readonly f64: boolean, readonly code: number, readonly unary: boolean,
    readonly a: Operand, readonly b: Operand | null, readonly n: number,
  ) {
    this.size = 1 + sizeOf(a) + (b === null ? 0 : sizeOf(b));
  }

  /** The values, in new storage (the storage of intermediates that never get read is never made). */
  compute(): FloatData {
    if (this.settled === null) this.settled = evaluate(this);
    return this.settled;
  }
}

const sizeOf = (x: Operand): number => (x instanceof FusedExpr ? x.size : 0);
/** An operand as evaluation reads it: a computed expression by its values. */
const resolve = (x: Operand): Operand => (x instanceof FusedExpr && x.settled !== null ? x.settled : x);

/** Bytes of a region: a tile of 64 KiB (measured faster than 32 and as fast as 128), with room for the kernels' whole last vector. */
const TILE_BYTES = 65536;
const REGION = TILE_BYTES + 64;

type Step =
  | { load: FloatData; to: number }
  | { expr: FusedExpr; a: number; sa: number; b: number; sb: number; to: number; keep: FloatData | null };

/**
 * The expression's values. An expression that was computed inside another before is being read after
 * what was built on it (intermediates kept and read last first): then every intermediate keeps its
 * values too, so that reading the others does not compute them once more each.
 */
function evaluate(root: FusedExpr): FloatData {
  const out = allocateUnfilled(root.f64 ? 'float64' : 'float32', root.n) as FloatData;
  run(root, root.computedInside, (_k, F, at, t, len) => out.set(F.subarray(at, at + len), t));
  return out;
}

/**
 * The sum of the expression's values over all its elements, its tiles added up as they are computed
 * (never stored): the additions and order of the eager sum of a long group (simd.ts, simdSumGroups),
 * whose 8192-element buffers the tiles hold whole.
 */
export function sumOf(root: FusedExpr): number {
  let acc = 0;
  run(root, false, (k, _F, at, _t, len) => { acc = k.sumOn(at * (root.f64 ? 8 : 4), len, acc, root.f64); });
  return acc;
}

/** What takes each tile of the root's values: at element `at` of the module's memory, for elements t .. t + len. */
type Sink = (k: TileKernels, F: FloatData, at: number, t: number, len: number) => void;

/** The expression's steps planned once, then run on every tile; each tile of the root's values goes to `sink`. */
function run(root: FusedExpr, keepAll: boolean, sink: Sink): void {
  const dtype = root.f64 ? 'float64' : 'float32';
  const size = root.f64 ? 8 : 4, shift = root.f64 ? 3 : 2, tile = TILE_BYTES / size;
  // Every expression and array once, operands before their users.
  const order: (FusedExpr | FloatData)[] = [];
  const index = new Map<FusedExpr | FloatData, number>();
  const scalars: FloatData[] = [];
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
  // Single elements sit before the regions, 16 bytes each; a negative "region" names one.
  const place = (operand: Operand): [number, number] => {
    const o = resolve(operand);
    const i = index.get(o);
    if (i === undefined) { scalars.push(o as FloatData); return [-scalars.length, 0]; }
    return [regionOf[i], 1];
  };
  order.forEach((v, i) => {
    regionOf[i] = free.pop() ?? regions++;
    if (v instanceof FusedExpr) {
      const [a, sa] = place(v.a);
      const [b, sb] = v.b === null ? [0, 0] : place(v.b);
      const keep = v === root || !keepAll ? null : allocateUnfilled(dtype, v.n) as FloatData;
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
  const k = tileKernels(scalars.length * 16 + regions * REGION)!;
  const F = root.f64 ? k.f64() : k.f32();
  const regionsAt = k.base + scalars.length * 16;
  const region = (r: number): number => regionsAt + r * REGION;
  const at = (r: number, stride: number): number => (stride === 0 ? k.base + (-r - 1) * 16 : region(r));
  scalars.forEach((s, i) => F.set(s, (k.base + i * 16) >> shift));
  const unary = root.f64 ? k.unary64 : k.unary;
  const binary = root.f64 ? k.binary64 : k.binary;
  const result = region(regionOf[order.length - 1]) >> shift;
  for (let t = 0; t < root.n; t += tile) {
    const len = Math.min(tile, root.n - t);
    for (const s of steps) {
      if ('load' in s) F.set(s.load.subarray(t, t + len), region(s.to) >> shift);
      else {
        const to = region(s.to);
        if (s.expr.unary) unary(s.expr.code, at(s.a, s.sa), to, len);
        else binary(s.expr.code, at(s.a, s.sa), s.sa, at(s.b, s.sb), s.sb, to, len);
        if (s.keep !== null) s.keep.set(F.subarray(to >> shift, (to >> shift) + len), t);
      }
    }
    sink(k, F, result, t, len);
  }
  for (const s of steps) if ('expr' in s && s.keep !== null) s.expr.settled = s.keep;
}
