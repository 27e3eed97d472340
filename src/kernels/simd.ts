// The WebAssembly SIMD elementwise and sum kernels (src/kernels/wasm/simd.ts, built by `npm run build`).
// Tensors live in JavaScript typed arrays, so operands are copied into the module's memory a tile at a
// time (TypedArray.set, a memcpy), computed there and copied out; tiles are small enough to stay in
// the L2 cache. Each entry point returns false when it does not handle a case (dtype, layout, size, or
// no WebAssembly SIMD: switches.ts), and the caller runs its JavaScript loop, which gives the same
// bits for arithmetic, comparisons and sums, and for the float32 transcendentals the same bits except
// where two double-precision results straddle a float32 rounding boundary (src/kernels/wasm/simd.ts).
import type { DType, TensorData } from '../tensor/dtype.js';
import { wasmBytes } from './wasm_file.js';
import { enableRelaxedSimd } from './relaxed_simd.js';
import { wasmKernelsOn } from './switches.js';
import { erf } from './special.js';

interface SimdExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  binaryF32(op: number, a: number, sa: number, b: number, sb: number, o: number, n: number): void;
  binaryF64(op: number, a: number, sa: number, b: number, sb: number, o: number, n: number): void;
  binaryI32(op: number, a: number, sa: number, b: number, sb: number, o: number, n: number): void;
  binaryRowsF32(op: number, a: number, ar: number, sa: number, b: number, br: number, sb: number, o: number, orow: number, rows: number, cols: number): void;
  binaryRowsF64(op: number, a: number, ar: number, sa: number, b: number, br: number, sb: number, o: number, orow: number, rows: number, cols: number): void;
  binaryRowsI32(op: number, a: number, ar: number, sa: number, b: number, br: number, sb: number, o: number, orow: number, rows: number, cols: number): void;
  unaryF32(op: number, a: number, o: number, n: number): void;
  unaryF64(op: number, a: number, o: number, n: number): void;
  fastF64(op: number, a: number, o: number, n: number): void;
  fastKernels(): number;
  sumBlocksF32(p: number, n: number, acc: number): number;
  sumBlocksF64(p: number, n: number, acc: number): number;
  chunkSumF32(p: number): number;
  chunkSumF64(p: number): number;
  transpose32(src: number, rows: number, cols: number, dst: number): void;
  powScalarF32(a: number, o: number, n: number, y: number): void;
  transpose64(src: number, rows: number, cols: number, dst: number): void;
  rowSumsF32(p: number, rows: number, cols: number, o: number): void;
  rowSumsF64(p: number, rows: number, cols: number, o: number): void;
  colSumsF32(p: number, rows: number, cols: number, o: number, more: number): void;
  colSumsF64(p: number, rows: number, cols: number, o: number, more: number): void;
  rowExtremesF32(p: number, rows: number, cols: number, o: number, max: number): void;
  rowExtremesF64(p: number, rows: number, cols: number, o: number, max: number): void;
  rowArgExtremesF32(p: number, rows: number, cols: number, o: number, max: number): void;
  rowArgExtremesF64(p: number, rows: number, cols: number, o: number, max: number): void;
  boxMullerCephesF32(p: number, blocks: number, mean: number, std: number, twoPi: number): number;
  erfInvSqrt2F32(p: number, n: number, sqrt2: number, unsure: number): number;
  pcg64Fill(s: number, o: number, m: number): void;
  colExtremesF32(p: number, rows: number, cols: number, o: number, more: number, max: number): void;
  colExtremesF64(p: number, rows: number, cols: number, o: number, more: number, max: number): void;
  philoxFill(c: number, k: number, o: number, m: number): void;
  select(c: number, sc: number, a: number, sa: number, b: number, sb: number, o: number, n: number, lanes: number): void;
}

/** The part of the WebAssembly global used here (TypeScript's node types do not declare it). */
const WA = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: object };
  };
}).WebAssembly;

/** Elements per tile (a multiple of NumPy's 8192-element reduction buffer). */
export const TILE = 16384;
/** Room past a tile's end: loops run over whole vectors (up to 16 lanes of bytes for comparisons). */
const PAD = 256;
const REGION = TILE * 8 + PAD;
const BASE = 65536;
const A_OFF = BASE, B_OFF = BASE + REGION, O_OFF = BASE + 2 * REGION, C_OFF = BASE + 3 * REGION;

interface Loaded {
  x: SimdExports;
  f32: Float32Array; f64: Float64Array; i32: Int32Array; u8: Uint8Array;
}
let loaded: Loaded | null | undefined;

function load(): Loaded | null {
  if (loaded !== undefined) return loaded;
  try {
    const bytes = wasmBytes('simd.wasm');
    enableRelaxedSimd();
    const x = new WA.Instance(new WA.Module(bytes), {
      // Where a fast kernel is unsure, some ops call the runtime's own function (EXACT).
      env: { abort: () => { throw new Error('simd.wasm aborted'); }, exact: (op: number, x: number) => EXACT[op](x) },
    }).exports as unknown as SimdExports;
    const need = C_OFF + REGION;
    const have = x.memory.buffer.byteLength;
    if (have < need) x.memory.grow(Math.ceil((need - have) / 65536));
    loaded = { x, ...views(x.memory.buffer) };
  } catch {
    loaded = null;
  }
  return loaded;
}

function views(buf: ArrayBuffer): Omit<Loaded, 'x'> {
  return { f32: new Float32Array(buf), f64: new Float64Array(buf), i32: new Int32Array(buf), u8: new Uint8Array(buf) };
}

/** Grows the module's memory to `bytes` (growing detaches the old buffer: the views are made anew). */
function reserve(m: Loaded, bytes: number): void {
  const have = m.x.memory.buffer.byteLength;
  if (have >= bytes) return;
  m.x.memory.grow(Math.ceil((bytes - have) / 65536));
  Object.assign(m, views(m.x.memory.buffer));
}

/** The module, unless WebAssembly SIMD is missing or the JavaScript loops are asked for (switches.ts). */
function module(): Loaded | null {
  return wasmKernelsOn() ? load() : null;
}

export function simdAvailable(): boolean {
  return module() !== null;
}

// ---------------------------------------------------------------- unary

const UNARY: Record<string, number> = { neg: 0, abs: 1, sqrt: 2, floor: 3, ceil: 4, relu: 5, sin: 10, cos: 11, exp: 12, log: 13, tanh: 14, sigmoid: 15, erf: 16, expm1: 17, log1p: 18, log2: 19, log10: 20, exp2: 21, sinh: 22, cosh: 23, sign: 6, round: 7,
};
/**
 * The functions the JavaScript loops compute, by op code: the exact kernels of the module's fast ones
 * that have none of their own (24: x ** y for the exponent simdPowScalar passed).
 */
let powExponent = 0;
const EXACT: Record<number, (x: number) => number> = {
  16: erf, 17: Math.expm1, 18: Math.log1p, 19: Math.log2, 20: Math.log10, 21: (x) => Math.pow(2, x), 22: Math.sinh, 23: Math.cosh,
  24: (x) => Math.pow(x, powExponent),
};

/** Below these lengths the JavaScript loop is as fast as a copy in and out (measured). */
const MIN_UNARY = 64, MIN_TRANSCENDENTAL = 8;

/**
 * out = op(a) for a float32 result (float16 and bfloat16 are stored in Float32Arrays too, rounded on
 * store: they stay with the JavaScript loops); false when not handled here.
 */
export function simdUnary(op: string, a: TensorData, out: TensorData, outDtype: DType): boolean {
  const code = UNARY[op];
  if (code === undefined) return false;
  const n = a.length;
  if (n < (code >= 10 ? MIN_TRANSCENDENTAL : MIN_UNARY)) return false;
  // float64: the operations IEEE arithmetic defines exactly (the transcendentals stay with Math's).
  const f64 = outDtype === 'float64' && a instanceof Float64Array && out instanceof Float64Array && code < 10;
  if (!f64 && (outDtype !== 'float32' || !(a instanceof Float32Array) || !(out instanceof Float32Array))) return false;
  const m = module();
  if (m === null) return false;
  const { x } = m;
  const view = f64 ? m.f64 : m.f32, shift = f64 ? 3 : 2;
  const ai = A_OFF >> shift, oi = O_OFF >> shift;
  for (let i = 0; i < n; i += TILE) {
    const len = Math.min(TILE, n - i);
    copyIn(view, ai, a, i, len);
    if (f64) x.unaryF64(code, A_OFF, O_OFF, len); else x.unaryF32(code, A_OFF, O_OFF, len);
    (out as Float64Array).set((view as Float64Array).subarray(oi, oi + len), i);
  }
  return true;
}

/** src/kernels/wasm/simd.ts's NEAR: how close to a float32 rounding midpoint (in double ulps) a fast double may come. */
export const FAST_KERNEL_NEAR = 8192;

/**
 * The fast double-precision kernel behind a float32 transcendental (sin, cos, exp, tanh, sigmoid),
 * unchecked, on doubles: for the specs, which measure its error against the bound its results are
 * certified with (null without the module, or where the fast kernels do not run).
 */
export function fastKernelF64(op: string, a: Float64Array): Float64Array | null {
  const code = UNARY[op], m = module();
  if (m === null || code === undefined || code < 10 || !m.x.fastKernels()) return null;
  const out = new Float64Array(a.length);
  const ai = A_OFF >> 3, oi = O_OFF >> 3, tile = TILE / 2;
  for (let i = 0; i < a.length; i += tile) {
    const len = Math.min(tile, a.length - i);
    m.f64.set(a.subarray(i, i + len), ai);
    m.x.fastF64(code, A_OFF, O_OFF, len);
    out.set(m.f64.subarray(oi, oi + len), i);
  }
  return out;
}

// ---------------------------------------------------------------- binary, with broadcasting

const BINARY: Record<string, number> = {
  add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5,
  equal: 10, not_equal: 11, less: 12, less_equal: 13, greater: 14, greater_equal: 15,
};
const MIN_BINARY = 64;

type Kind = 'f32' | 'f64' | 'i32';

/**
 * The broadcast walk over fewer axes: length-1 output axes dropped, neighbours merged where both
 * inputs step through them as one axis (both contiguous across them, or both broadcast).
 */
function simplify(dims: readonly number[], sa: readonly number[], sb: readonly number[]): [number[], number[], number[]] {
  const d: number[] = [], a: number[] = [], b: number[] = [];
  for (let i = 0; i < dims.length; i++) {
    if (dims[i] === 1) continue;
    const k = d.length - 1;
    if (k >= 0 && a[k] === sa[i] * dims[i] && b[k] === sb[i] * dims[i]) {
      d[k] *= dims[i]; a[k] = sa[i]; b[k] = sb[i];
    } else {
      d.push(dims[i]); a.push(sa[i]); b.push(sb[i]);
    }
  }
  return [d, a, b];
}

/** Row-major element strides of `dims` as broadcast into `outDims` (0 along broadcast axes). */
function strides(dims: readonly number[], outDims: readonly number[]): number[] {
  const r = new Array<number>(outDims.length).fill(0);
  let s = 1;
  for (let i = dims.length - 1, j = outDims.length - 1; i >= 0; i--, j--) {
    r[j] = dims[i] === 1 ? 0 : s;
    s *= dims[i];
  }
  return r;
}

/**
 * out (dims `dims`, row-major) = a op b with NumPy broadcasting, for float32, float64 and int32
 * storage (arithmetic, maximum and minimum, comparisons into bool; int32 without division); false
 * when not handled.
 */
export function simdBinary(
  op: string, a: TensorData, aDims: readonly number[], b: TensorData, bDims: readonly number[], out: TensorData, dims: readonly number[],
  outDtype: DType,
): boolean {
  const n = out.length;
  if (op === 'pow') return simdPowScalar(a, b, out, outDtype);
  const code = BINARY[op];
  if (code === undefined || n < MIN_BINARY) return false;
  let kind: Kind;
  // The result's dtype, not only its storage: float16 and bfloat16 results live in Float32Arrays too.
  if (a instanceof Float32Array && b instanceof Float32Array) {
    if (code >= 10 ? !(out instanceof Uint8Array && outDtype === 'bool') : !(out instanceof Float32Array && outDtype === 'float32')) return false;
    kind = 'f32';
  } else if (a instanceof Float64Array && b instanceof Float64Array) {
    if (code >= 10 ? !(out instanceof Uint8Array && outDtype === 'bool') : !(out instanceof Float64Array && outDtype === 'float64')) return false;
    kind = 'f64';
  } else if (a instanceof Int32Array && b instanceof Int32Array && code !== 3) {
    if (code >= 10 ? !(out instanceof Uint8Array && outDtype === 'bool') : !(out instanceof Int32Array && outDtype === 'int32')) return false;
    kind = 'i32';
  } else return false;
  const m = module();
  if (m === null) return false;
  const [d, sa, sb] = simplify(dims, strides(aDims, dims), strides(bDims, dims));
  const nd = d.length;
  if (nd === 0) return false;
  // The innermost axis must step by 0 or 1 in each input (it does for contiguous inputs).
  if (sa[nd - 1] > 1 || sb[nd - 1] > 1) return false;
  const rows = nd === 1 ? 1 : d[nd - 2], cols = d[nd - 1];
  const ar = nd === 1 ? 0 : sa[nd - 2], br = nd === 1 ? 0 : sb[nd - 2];
  // Axes outside the last two: one 2-D pass per outer index (worth it only for large inner blocks).
  const outer = nd <= 2 ? 1 : n / (rows * cols);
  if (outer > 1 && rows * cols < 1024) return false;
  const idx = new Array<number>(Math.max(nd - 2, 0)).fill(0);
  let oa = 0, ob = 0;
  for (let t = 0; t < outer; t++) {
    pass2d(m, kind, code, a, oa, ar, sa[nd - 1], b, ob, br, sb[nd - 1], out, t * rows * cols, rows, cols);
    for (let k = nd - 3; k >= 0; k--) {
      oa += sa[k]; ob += sb[k];
      if (++idx[k] < d[k]) break;
      oa -= sa[k] * d[k]; ob -= sb[k] * d[k]; idx[k] = 0;
    }
  }
  return true;
}

/** Copies elements [from, from + len) of `src` into the module at element index `at` of its view. */
function copyIn(view: Float32Array | Float64Array | Int32Array, at: number, src: TensorData, from: number, len: number): void {
  (view as Float64Array).set(len === src.length ? (src as Float64Array) : (src as Float64Array).subarray(from, from + len), at);
}

function pass2d(
  m: Loaded, kind: Kind, code: number,
  a: TensorData, oa: number, ar: number, ac: number,
  b: TensorData, ob: number, br: number, bc: number,
  out: TensorData, oo: number, rows: number, cols: number,
): void {
  const { x } = m;
  const view = kind === 'f32' ? m.f32 : kind === 'f64' ? m.f64 : m.i32;
  const shift = kind === 'f64' ? 3 : 2;
  const bool = code >= 10;
  const ov = bool ? m.u8 : view;
  const oshift = bool ? 0 : shift;
  const fn = kind === 'f32' ? x.binaryF32 : kind === 'f64' ? x.binaryF64 : x.binaryI32;
  const rowsFn = kind === 'f32' ? x.binaryRowsF32 : kind === 'f64' ? x.binaryRowsF64 : x.binaryRowsI32;
  const ai = A_OFF >> shift, bi = B_OFF >> shift, oi = O_OFF >> oshift;
  // x * x and the like: both operands read the same elements, copied in once.
  const same = a === b && oa === ob && ar === br && ac === bc;
  const bp = same ? A_OFF : B_OFF;
  if (cols <= TILE) {
    // Tiles of whole rows: each input's part is one contiguous range (a row, a column, or a block).
    const per = Math.max(1, Math.floor(TILE / cols));
    for (let r0 = 0; r0 < rows; r0 += per) {
      const nr = Math.min(per, rows - r0);
      const la = (nr - 1) * ar + (cols - 1) * ac + 1, lb = (nr - 1) * br + (cols - 1) * bc + 1;
      copyIn(view, ai, a, oa + r0 * ar, la);
      if (!same) copyIn(view, bi, b, ob + r0 * br, lb);
      if (nr === 1) fn(code, A_OFF, ac, bp, bc, O_OFF, cols);
      // Rows in order: a row's vector lanes past `cols` are overwritten by the next row's results.
      else rowsFn(code, A_OFF, ar, ac, bp, br, bc, O_OFF, cols << oshift, nr, cols);
      const len = nr * cols;
      (out as Float64Array).set((ov as Float64Array).subarray(oi, oi + len), oo + r0 * cols);
    }
    return;
  }
  // Long rows: each row in column chunks.
  for (let r = 0; r < rows; r++) {
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const len = Math.min(TILE, cols - c0);
      copyIn(view, ai, a, oa + r * ar + c0 * ac, ac ? len : 1);
      if (!same) copyIn(view, bi, b, ob + r * br + c0 * bc, bc ? len : 1);
      fn(code, A_OFF, ac, bp, bc, O_OFF, len);
      (out as Float64Array).set((ov as Float64Array).subarray(oi, oi + len), oo + r * cols + c0);
    }
  }
}

/**
 * out = a ** b for float32 a and one float32 exponent b: certified fast kernels (src/kernels/wasm/simd.ts),
 * Math.pow's bits. False when not handled.
 */
function simdPowScalar(a: TensorData, b: TensorData, out: TensorData, outDtype: DType): boolean {
  const n = out.length;
  if (n < MIN_TRANSCENDENTAL || outDtype !== 'float32' || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(out instanceof Float32Array) || b.length !== 1 || a.length !== n) return false;
  const m = module();
  if (m === null || !m.x.fastKernels()) return false;
  const ai = A_OFF >> 2, oi = O_OFF >> 2;
  for (let i = 0; i < n; i += TILE) {
    const len = Math.min(TILE, n - i);
    copyIn(m.f32, ai, a, i, len);
    powExponent = b[0];
    m.x.powScalarF32(A_OFF, O_OFF, len, b[0]);
    out.set(m.f32.subarray(oi, oi + len), i);
  }
  return true;
}

/** The module and its view for an input and output of one float storage (float32 or float64), or null. */
function floatTiles(a: TensorData, out: TensorData): { m: Loaded; f32: boolean; view: Float32Array | Float64Array; ai: number; oi: number } | null {
  const f32 = a instanceof Float32Array && out instanceof Float32Array;
  if (!f32 && !(a instanceof Float64Array && out instanceof Float64Array)) return null;
  const m = module();
  if (m === null) return null;
  const shift = f32 ? 2 : 3;
  return { m, f32, view: f32 ? m.f32 : m.f64, ai: A_OFF >> shift, oi: O_OFF >> shift };
}

// ---------------------------------------------------------------- sums over the innermost axes

/**
 * out[o] = the sum of a[o*g .. (o+1)*g) with NumPy's pairwise summation in 8192-element buffers, every
 * addition rounded to the storage's precision (bit for bit with src/kernels/reduce.ts). False when not handled.
 */
export function simdSumGroups(a: TensorData, groups: number, g: number, out: TensorData): boolean {
  if (groups * g < 256) return false;
  const t = floatTiles(a, out);
  if (t === null) return false;
  const { m: { x }, f32, view, ai, oi } = t;
  if (g <= 8192) {
    // Whole groups per tile: one pairwise sum each.
    const per = Math.max(1, Math.floor(TILE / g));
    const rowSums = f32 ? x.rowSumsF32 : x.rowSumsF64;
    for (let o0 = 0; o0 < groups; o0 += per) {
      const nr = Math.min(per, groups - o0);
      copyIn(view, ai, a, o0 * g, nr * g);
      rowSums(A_OFF, nr, g, O_OFF);
      (out as Float64Array).set((view as Float64Array).subarray(oi, oi + nr), o0);
    }
    return true;
  }
  // Long groups: whole 8192-element buffers, each folded into the running total, then the rest.
  const sumBlocks = f32 ? x.sumBlocksF32 : x.sumBlocksF64;
  for (let o = 0; o < groups; o++) {
    let acc = 0, i = 0;
    for (; i + 8192 <= g; i += 8192) acc = f32 ? Math.fround(acc + bufferSum(x, view, ai, a, o * g + i, true)) : acc + bufferSum(x, view, ai, a, o * g + i, false);
    if (i < g) {
      copyIn(view, ai, a, o * g + i, g - i);
      acc = sumBlocks(A_OFF, g - i, acc);
    }
    out[o] = acc;
  }
  return true;
}

/**
 * The pairwise sum of the 8192-element buffer at a[from]: copied 4 KiB at a time into one place (it
 * stays in the L1 cache, where a 32 KiB copy goes to L2: 25% faster for a 1e7 sum), each chunk's sum
 * (a subtree of the buffer's: the recursion halves 8192 down to 1024 or 512) added up the tree as the
 * recursion adds its halves, rounded to the storage's precision.
 */
function bufferSum(x: SimdExports, view: Float32Array | Float64Array, ai: number, a: TensorData, from: number, f32: boolean): number {
  const chunk = f32 ? 1024 : 512;
  return chunkedSum(x, f32, (c) => {
    view.set((a as Float32Array).subarray(from + c * chunk, from + (c + 1) * chunk), ai);
    return A_OFF;
  });
}

/** The pairwise sum of an 8192-element buffer whose 4 KiB chunk c is at byte chunkAt(c) of the module. */
function chunkedSum(x: SimdExports, f32: boolean, chunkAt: (c: number) => number): number {
  const sums = f32 ? CHUNK_SUMS32 : CHUNK_SUMS64;
  for (let c = 0; c < sums.length; c++) sums[c] = f32 ? x.chunkSumF32(chunkAt(c)) : x.chunkSumF64(chunkAt(c));
  // Neighbours added level by level (a Float32Array rounds each sum to float32).
  for (let w = sums.length; w > 1; w >>= 1) for (let k = 0; k < w; k += 2) sums[k >> 1] = sums[k] + sums[k + 1];
  return sums[0];
}
const CHUNK_SUMS32 = new Float32Array(8), CHUNK_SUMS64 = new Float64Array(16);

// ---------------------------------------------------------------- max and min over the innermost axes

/**
 * out[o] = the max (or min) of a[o*g .. (o+1)*g), as src/kernels/reduce.ts's loop gives it: that
 * loop keeps its running value when it is NaN or beats the next element and otherwise takes the
 * element, so it ends on the first NaN, and among equal extremes on the last one. The module finds the
 * value in vector lanes, which agrees except for which zero (+0 or -0) or which NaN: those are looked
 * up here (a zero extreme is the group's last zero; a NaN its first NaN). False when not handled.
 */
export function simdExtremeGroups(kind: 'max' | 'min', a: TensorData, groups: number, g: number, out: TensorData): boolean {
  if (groups * g < 256 || g === 0) return false;
  const t = floatTiles(a, out);
  if (t === null) return false;
  const { m: { x }, f32, view, ai, oi } = t;
  const rows = f32 ? x.rowExtremesF32 : x.rowExtremesF64;
  const max = kind === 'max' ? 1 : 0;
  const A = a as Float64Array, O = out as Float64Array;
  if (g <= TILE) {
    const per = Math.max(1, Math.floor(TILE / g));
    for (let o0 = 0; o0 < groups; o0 += per) {
      const nr = Math.min(per, groups - o0);
      copyIn(view, ai, a, o0 * g, nr * g);
      rows(A_OFF, nr, g, O_OFF, max);
      O.set((view as Float64Array).subarray(oi, oi + nr), o0);
    }
  } else {
    // Long groups: each tile's extreme, folded in order by the loop's rule.
    for (let o = 0; o < groups; o++) {
      let acc = NaN;
      for (let i = 0; i < g; i += TILE) {
        const len = Math.min(TILE, g - i);
        copyIn(view, ai, a, o * g + i, len);
        rows(A_OFF, 1, len, O_OFF, max);
        const v = view[oi];
        acc = i === 0 || !(acc !== acc || (max ? v < acc : v > acc)) ? v : acc;
      }
      O[o] = acc;
    }
  }
  for (let o = 0; o < groups; o++) {
    const v = O[o];
    if (v === 0) {
      let i = (o + 1) * g - 1;
      while (A[i] !== 0) i--;
      O[o] = A[i];
    } else if (v !== v) {
      let i = o * g;
      while (A[i] === A[i]) i++;
      O[o] = A[i];
    }
  }
  return true;
}

// ---------------------------------------------------------------- sums over leading axes

/**
 * out[o, j] = the sum over r of a[o, r, j] (outer x rows x cols, contiguous), r in order, as the
 * scalar loop adds them (src/kernels/reduce.ts: memory order into a zeroed output). False when not
 * handled (a row wider than a tile).
 */
export function simdSumRows(a: TensorData, outer: number, rows: number, cols: number, out: TensorData): boolean {
  return rowsOnto('sum', a, outer, rows, cols, out);
}

/** max or min over one block of axes before the last, row by row in order (the scalar loop's bits). */
export function simdExtremeRows(kind: 'max' | 'min', a: TensorData, outer: number, rows: number, cols: number, out: TensorData): boolean {
  return rowsOnto(kind, a, outer, rows, cols, out);
}

function rowsOnto(kind: 'sum' | 'max' | 'min', a: TensorData, outer: number, rows: number, cols: number, out: TensorData): boolean {
  if (outer * rows * cols < 256 || cols > TILE || rows === 0) return false;
  const t = floatTiles(a, out);
  if (t === null) return false;
  const { m: { x }, f32, view, ai, oi } = t;
  const max = kind === 'max' ? 1 : 0;
  const onto = kind === 'sum' ? (f32 ? x.colSumsF32 : x.colSumsF64)
    : (p: number, r: number, c: number, o: number, more: number) => (f32 ? x.colExtremesF32 : x.colExtremesF64)(p, r, c, o, more, max);
  const per = Math.floor(TILE / cols);
  for (let o = 0; o < outer; o++) {
    for (let r0 = 0; r0 < rows; r0 += per) {
      const nr = Math.min(per, rows - r0);
      copyIn(view, ai, a, (o * rows + r0) * cols, nr * cols);
      onto(A_OFF, nr, cols, O_OFF, r0 === 0 ? 0 : 1);
    }
    (out as Float64Array).set((view as Float64Array).subarray(oi, oi + cols), o * cols);
  }
  return true;
}

// ---------------------------------------------------------------- where

/**
 * out = where(c, a, b) when each operand has the result's dims or is one element: a bool condition,
 * and values of out's storage (float32, int32, float64). A masked select in SIMD;
 * the JavaScript loop's `c ? a : b` branches on every element, half of them mispredicted on a random
 * mask. False when not handled.
 */
export function simdSelect(c: TensorData, a: TensorData, b: TensorData, out: TensorData): boolean {
  const n = out.length;
  if (n < MIN_BINARY || !(c instanceof Uint8Array) || a.constructor !== out.constructor || b.constructor !== out.constructor) return false;
  if (!(out instanceof Float32Array || out instanceof Int32Array || out instanceof Float64Array)) return false;
  for (const t of [c, a, b]) if (t.length !== n && t.length !== 1) return false;
  const m = module();
  if (m === null) return false;
  const bytes = out.BYTES_PER_ELEMENT;
  const view = out instanceof Float32Array ? m.f32 : out instanceof Int32Array ? m.i32 : m.f64;
  const shift = bytes === 4 ? 2 : 3;
  const sc = c.length === n ? 1 : 0, sa = a.length === n ? 1 : 0, sb = b.length === n ? 1 : 0;
  const ai = A_OFF >> shift, bi = B_OFF >> shift, oi = O_OFF >> shift;
  for (let i = 0; i < n; i += TILE) {
    const len = Math.min(TILE, n - i);
    m.u8.set(sc ? c.subarray(i, i + len) : c, C_OFF);
    copyIn(view, ai, a, sa * i, sa ? len : 1);
    copyIn(view, bi, b, sb * i, sb ? len : 1);
    m.x.select(C_OFF, sc, A_OFF, sa, B_OFF, sb, O_OFF, len, bytes === 4 ? 4 : 2);
    (out as Float64Array).set((view as Float64Array).subarray(oi, oi + len), i);
  }
  return true;
}

// ---------------------------------------------------------------- argmax and argmin along the last axis

/**
 * out[o] = the index of the max (or min) of float32 a[o*n .. (o+1)*n), as src/kernels/reduce.ts's loop
 * finds it: the first NaN, else the first element equal to the extreme. Long rows go tile by tile,
 * each tile's answer folded in by the same rule. False when not handled.
 */
export function simdArgExtremes(kind: 'max' | 'min', a: TensorData, groups: number, n: number, out: Int32Array): boolean {
  const f64 = a instanceof Float64Array;
  if (!(f64 || a instanceof Float32Array) || groups * n < 256 || n === 0) return false;
  const m = module();
  if (m === null) return false;
  const { x } = m;
  const max = kind === 'max' ? 1 : 0;
  const view = f64 ? m.f64 : m.f32, rowsFn = f64 ? x.rowArgExtremesF64 : x.rowArgExtremesF32;
  const ai = A_OFF >> (f64 ? 3 : 2), oi = O_OFF >> 2;
  if (n <= TILE) {
    const per = Math.floor(TILE / n);
    for (let o0 = 0; o0 < groups; o0 += per) {
      const nr = Math.min(per, groups - o0);
      copyIn(view, ai, a, o0 * n, nr * n);
      rowsFn(A_OFF, nr, n, O_OFF, max);
      out.set(m.i32.subarray(oi, oi + nr), o0);
    }
    return true;
  }
  for (let o = 0; o < groups; o++) {
    let best = NaN, at = -1;
    for (let i = 0; i < n; i += TILE) {
      const len = Math.min(TILE, n - i);
      copyIn(view, ai, a, o * n + i, len);
      rowsFn(A_OFF, 1, len, O_OFF, max);
      const k = i + m.i32[oi], v = a[o * n + k];
      if (at < 0 || (best === best && (v !== v || (max ? v > best : v < best)))) { best = v; at = k; }
    }
    out[o] = at;
  }
  return true;
}

// ---------------------------------------------------------------- transposes

/** The largest matrix transposed here (bytes); the module's memory keeps what it grows to. */
const MAX_TRANSPOSE = 32 << 20;
/** Where transposed matrices go in the module: past the tiles. */
const T_OFF = C_OFF + REGION;

/**
 * out[...] = a read with `strides` over `dims` (a strided gather, its axes simplified), when that is a
 * matrix, or a batch of them, read transposed: dims [(batch,) cols, rows] with strides
 * [(rows*cols,) 1, cols]. Each matrix is copied into the module whole, transposed there in 4x4 blocks, and copied
 * out; elements of 4 or 8 bytes of any type (only bits move). False when not handled.
 */
export function simdTranspose(a: TensorData, dims: readonly number[], strides: readonly number[], out: TensorData): boolean {
  const bytes = a.BYTES_PER_ELEMENT;
  if ((bytes !== 4 && bytes !== 8) || out.BYTES_PER_ELEMENT !== bytes || a.length < 4096 || out.length !== a.length) return false;
  const d = dims, s = strides;
  let batch: number, cols: number, rows: number;
  if (d.length === 2 && s[0] === 1 && s[1] === d[0]) [batch, cols, rows] = [1, d[0], d[1]];
  else if (d.length === 3 && s[1] === 1 && s[2] === d[1] && s[0] === d[1] * d[2]) [batch, cols, rows] = d;
  else return false;
  const size = rows * cols * bytes;
  if (size > MAX_TRANSPOSE) return false;
  const m = module();
  if (m === null) return false;
  reserve(m, T_OFF + 2 * size);
  const src = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dst = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const transpose = bytes === 4 ? m.x.transpose32 : m.x.transpose64;
  for (let b = 0; b < batch; b++) {
    m.u8.set(src.subarray(b * size, (b + 1) * size), T_OFF);
    transpose(T_OFF, rows, cols, T_OFF + size);
    dst.set(m.u8.subarray(T_OFF + size, T_OFF + 2 * size), b * size);
  }
  return true;
}

// ---------------------------------------------------------------- fused chains

/**
 * The kernels fused chains run (src/kernels/fusion.ts): on tiles in the module's memory from byte
 * `base` on (the transposes' room: the two never run at once), `bytes` of it reserved. Null without
 * the module. `f32()` and `f64()` are the module's memory (fetch them again after reserving more).
 */
export interface TileKernels {
  readonly base: number;
  unary(code: number, a: number, o: number, n: number): void;
  binary(code: number, a: number, sa: number, b: number, sb: number, o: number, n: number): void;
  unary64(code: number, a: number, o: number, n: number): void;
  binary64(code: number, a: number, sa: number, b: number, sb: number, o: number, n: number): void;
  f32(): Float32Array;
  f64(): Float64Array;
  /**
   * `acc` plus the `n` elements at byte `p`, as simdSumGroups adds a long group up: each whole
   * 8192-element buffer's pairwise sum in turn, rounded to the width, then the rest (`n` is a whole
   * number of buffers except at the group's end).
   */
  sumOn(p: number, n: number, acc: number, f64: boolean): number;
}

/** The kernels of a chain that was deferred while they were on: withoutWasm since does not change its values. */
export function tileKernels(bytes: number): TileKernels | null {
  const m = load();
  if (m === null) return null;
  reserve(m, T_OFF + bytes);
  const { x } = m;
  return {
    base: T_OFF, unary: x.unaryF32, binary: x.binaryF32, unary64: x.unaryF64, binary64: x.binaryF64, f32: () => m.f32, f64: () => m.f64,
    sumOn: (p, n, acc, f64) => {
      const size = f64 ? 8 : 4;
      let i = 0;
      for (; i + 8192 <= n; i += 8192) {
        const s = chunkedSum(x, !f64, (c) => p + i * size + c * 4096);
        acc = f64 ? acc + s : Math.fround(acc + s);
      }
      return i < n ? (f64 ? x.sumBlocksF64 : x.sumBlocksF32)(p + i * size, n - i, acc) : acc;
    },
  };
}

/**
 * The module's code for an elementwise op it computes with the eager path's bits in `dtype` (float32:
 * every unary function and arithmetic op here; float64: the exact unary ops and + - * /), or undefined.
 */
export function unaryCode(op: string, dtype: DType): number | undefined {
  const code = UNARY[op];
  return code === undefined || (dtype === 'float64' && code >= 10) ? undefined : code;
}
export function binaryArithmeticCode(op: string, dtype: DType): number | undefined {
  const code = BINARY[op];
  return code === undefined || code >= 10 || (dtype === 'float64' && code > 3) ? undefined : code;
}

/**
 * PyTorch's AVX2 Box-Muller (src/kernels/wasm/simd.ts, boxMullerCephesF32) on `count` blocks of 16
 * uniforms of `data` from `start`, in place; false where the module cannot run it the same way (no
 * SIMD, or relaxed madd does not fuse), and the caller's JavaScript lanes do.
 */
export function simdBoxMuller(data: Float32Array, start: number, count: number, mean: number, std: number, twoPi: number): boolean {
  const m = module();
  // Zero blocks: only whether it runs here (all of the data, or none of it).
  if (m === null || !m.x.boxMullerCephesF32(A_OFF, 0, 0, 1, twoPi)) return false;
  const per = TILE / 16, ai = A_OFF >> 2;
  for (let b = 0; b < count; b += per) {
    const blocks = Math.min(per, count - b), from = start + 16 * b, len = 16 * blocks;
    m.f32.set(data.subarray(from, from + len), ai);
    m.x.boxMullerCephesF32(A_OFF, blocks, mean, std, twoPi);
    data.set(m.f32.subarray(ai, ai + len), from);
  }
  return true;
}

/**
 * out = sqrt2 times XLA's float32 erf_inv of u (src/kernels/wasm/simd.ts, erfInvSqrt2F32, the steps of
 * src/api/random/xla_math.ts's erfInv32). Returns the indices whose logf it could not certify, for the
 * caller to compute; null where it cannot run here (out untouched).
 */
export function simdErfInvSqrt2(u: Float32Array, out: Float32Array, sqrt2: number): number[] | null {
  const m = module();
  if (m === null || m.x.erfInvSqrt2F32(A_OFF, 0, sqrt2, O_OFF) < 0) return null;
  const ai = A_OFF >> 2, li = O_OFF >> 2, doubts: number[] = [];
  for (let i = 0; i < u.length; i += TILE) {
    const len = Math.min(TILE, u.length - i);
    m.f32.set(u.subarray(i, i + len), ai);
    const count = m.x.erfInvSqrt2F32(A_OFF, len, sqrt2, O_OFF);
    out.set(m.f32.subarray(ai, ai + len), i);
    for (let k = 0; k < count; k++) doubts.push(i + m.i32[li + k]);
  }
  return doubts;
}

/**
 * m PCG64 outputs into `out` as [high word, low word] pairs (src/kernels/wasm/simd.ts, pcg64Fill),
 * from `state`: state low, high, increment low, high, as eight little-endian 32-bit words, which it
 * advances. False where the module is not here.
 */
export function simdPcg64(state: Uint32Array, out: Uint32Array, m: number): boolean {
  const mod = module();
  if (mod === null) return false;
  const si = C_OFF >> 2, oi = A_OFF >> 2;
  mod.i32.set(state, si);
  for (let i = 0; i < m; i += TILE) {
    const len = Math.min(TILE, m - i);
    mod.x.pcg64Fill(C_OFF, A_OFF, len);
    out.set(mod.i32.subarray(oi, oi + 2 * len), 2 * i);
  }
  state.set(mod.i32.subarray(si, si + 4));
  return true;
}

/**
 * m Philox-4x32-10 blocks (four words each) into `out` from `counter` (four words, least significant
 * first), which it steps by one per block, under `key` (two words). False where the module is not here.
 */
export function simdPhilox(counter: Uint32Array, key: Uint32Array, out: Uint32Array, m: number): boolean {
  const mod = module();
  if (mod === null) return false;
  const ci = C_OFF >> 2, oi = A_OFF >> 2, per = TILE / 2;
  mod.i32.set(counter, ci);
  mod.i32.set(key, ci + 4);
  for (let i = 0; i < m; i += per) {
    const len = Math.min(per, m - i);
    mod.x.philoxFill(C_OFF, C_OFF + 16, A_OFF, len);
    out.set(mod.i32.subarray(oi, oi + 4 * len), 4 * i);
  }
  counter.set(mod.i32.subarray(ci, ci + 4));
  return true;
}
