// The matrix product for floats. float32 products of any real size go to the WebAssembly SIMD kernel;
// the plain JavaScript kernel here is the fallback (and serves float64): B is packed into 4-column
// panels and A into 4-row panels (so both stream contiguously, whatever their layout), and a 4x4
// block of C lives in 16 local accumulators. In float32 every product and every partial sum is
// rounded to float32, exactly the arithmetic of the SIMD kernel, so both give identical bits and
// agree with float32 frameworks that accumulate in float32.
import { wasmGemm, wasmGemmAvailable } from './wasm_gemm.js';

/** Below this many multiply-adds the SIMD kernel's packing and copying are not worth it. */
const WASM_MIN_WORK = 4096;

/** C[co..] = op(A) @ op(B) for one batch entry; `ta`/`tb` read A or B transposed (no copy made). */
export function gemm(
  A: ArrayLike<number>, ao: number, ta: boolean,
  B: ArrayLike<number>, bo: number, tb: boolean,
  C: Float32Array | Float64Array, co: number,
  n: number, k: number, m: number,
  f32: boolean,
): void {
  if (f32 && n * k * m >= WASM_MIN_WORK && wasmGemmAvailable()) {
    wasmGemm(A, ao, ta, B, bo, tb, C as Float32Array, co, n, k, m);
    return;
  }
  const Ap = packA(A, ao, ta, n, k);
  const Bp = packB(B, bo, tb, k, m);
  if (f32) kernel32(Ap, Bp, C, co, n, k, m);
  else kernel64(Ap, Bp, C, co, n, k, m);
}

let scratchA = new Float64Array(0);
let scratchB = new Float64Array(0);

/** A as ceil(n/4) panels of [k][4] (rows past n are zero). */
function packA(A: ArrayLike<number>, ao: number, ta: boolean, n: number, k: number): Float64Array {
  const panels = (n + 3) >> 2;
  const size = panels * k * 4;
  if (scratchA.length < size) scratchA = new Float64Array(size);
  const P = scratchA;
  // Row r, column p of A is at ao + r*k + p, or (transposed storage [k, n]) ao + p*n + r.
  const rs = ta ? 1 : k, ps = ta ? n : 1;
  for (let pi = 0; pi < panels; pi++) {
    const base = pi * k * 4;
    for (let r = 0; r < 4; r++) {
      const row = pi * 4 + r;
      if (row < n) {
        const off = ao + row * rs;
        for (let p = 0; p < k; p++) P[base + p * 4 + r] = A[off + p * ps];
      } else for (let p = 0; p < k; p++) P[base + p * 4 + r] = 0;
    }
  }
  return P;
}

/** B as ceil(m/4) panels of [k][4] (columns past m are zero). */
function packB(B: ArrayLike<number>, bo: number, tb: boolean, k: number, m: number): Float64Array {
  const panels = (m + 3) >> 2;
  const size = panels * k * 4;
  if (scratchB.length < size) scratchB = new Float64Array(size);
  const P = scratchB;
  // Row p, column c of B is at bo + p*m + c, or (transposed storage [m, k]) bo + c*k + p.
  const ps = tb ? 1 : m, cs = tb ? k : 1;
  for (let pj = 0; pj < panels; pj++) {
    const base = pj * k * 4;
    for (let c = 0; c < 4; c++) {
      const col = pj * 4 + c;
      if (col < m) {
        const off = bo + col * cs;
        for (let p = 0; p < k; p++) P[base + p * 4 + c] = B[off + p * ps];
      } else for (let p = 0; p < k; p++) P[base + p * 4 + c] = 0;
    }
  }
  return P;
}

function kernel32(Ap: Float64Array, Bp: Float64Array, C: Float32Array | Float64Array, co: number, n: number, k: number, m: number): void {
  const fr = Math.fround;
  const pn = (n + 3) >> 2, pm = (m + 3) >> 2;
  for (let pi = 0; pi < pn; pi++) {
    const ab = pi * k * 4;
    for (let pj = 0; pj < pm; pj++) {
      const bb = pj * k * 4;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const a = ab + p * 4, b = bb + p * 4;
        const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
        const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
        c00 = fr(c00 + fr(a0 * b0)); c01 = fr(c01 + fr(a0 * b1)); c02 = fr(c02 + fr(a0 * b2)); c03 = fr(c03 + fr(a0 * b3));
        c10 = fr(c10 + fr(a1 * b0)); c11 = fr(c11 + fr(a1 * b1)); c12 = fr(c12 + fr(a1 * b2)); c13 = fr(c13 + fr(a1 * b3));
        c20 = fr(c20 + fr(a2 * b0)); c21 = fr(c21 + fr(a2 * b1)); c22 = fr(c22 + fr(a2 * b2)); c23 = fr(c23 + fr(a2 * b3));
        c30 = fr(c30 + fr(a3 * b0)); c31 = fr(c31 + fr(a3 * b1)); c32 = fr(c32 + fr(a3 * b2)); c33 = fr(c33 + fr(a3 * b3));
      }
      store(C, co, n, m, pi * 4, pj * 4, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
  }
}

function kernel64(Ap: Float64Array, Bp: Float64Array, C: Float32Array | Float64Array, co: number, n: number, k: number, m: number): void {
  const pn = (n + 3) >> 2, pm = (m + 3) >> 2;
  for (let pi = 0; pi < pn; pi++) {
    const ab = pi * k * 4;
    for (let pj = 0; pj < pm; pj++) {
      const bb = pj * k * 4;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const a = ab + p * 4, b = bb + p * 4;
        const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
        const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      store(C, co, n, m, pi * 4, pj * 4, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
  }
}

/** Writes the in-range part of a 4x4 block of C at (i, j). */
function store(
  C: Float32Array | Float64Array, co: number, n: number, m: number, i: number, j: number,
  c00: number, c01: number, c02: number, c03: number, c10: number, c11: number, c12: number, c13: number,
  c20: number, c21: number, c22: number, c23: number, c30: number, c31: number, c32: number, c33: number,
): void {
  if (i + 4 <= n && j + 4 <= m) {
    let o = co + i * m + j;
    C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += m;
    C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += m;
    C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += m;
    C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    return;
  }
  const rows = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < 4 && i + r < n; r++) for (let c = 0; c < 4 && j + c < m; c++) C[co + (i + r) * m + j + c] = rows[r * 4 + c];
}
