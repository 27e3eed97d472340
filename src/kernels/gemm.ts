// The matrix product for floats. Products go to the WebAssembly SIMD kernel; the plain JavaScript
// kernel here is the fallback where it cannot run: B is packed into 4-column panels
// and A into 4-row panels (so both stream contiguously, whatever their layout), and a 4x4 block of C
// lives in 16 local accumulators. Both kernels compute each element as one chain of fused
// multiply-adds in k order, in the result's precision (fma.ts emulates the fused step here), so they
// give identical bits, and the bits of NumPy's and PyTorch's OpenBLAS for small products.
import { wasmGemm, wasmGemmAvailable } from './wasm_gemm.js';
import { packPanels } from './pack.js';
import { fma32, fma64 } from './fma.js';


/** C[co..] = op(A) @ op(B) for one batch entry; `ta`/`tb` read A or B transposed (no copy made). */
export function gemm(
  A: ArrayLike<number>, ao: number, ta: boolean,
  B: ArrayLike<number>, bo: number, tb: boolean,
  C: Float32Array | Float64Array, co: number,
  n: number, k: number, m: number,
  f32: boolean,
): void {
  // The SIMD kernel is faster from 2x2 up (0.9 us against 1.6 us for the emulated fused steps here).
  if (wasmGemmAvailable()) {
    wasmGemm(A, ao, ta, B, bo, tb, C, co, n, k, m, f32);
    return;
  }
  const Ap = packA(A, ao, ta, n, k);
  const Bp = packB(B, bo, tb, k, m);
  if (f32) kernel32(Ap, Bp, C, co, n, k, m);
  else kernel64(Ap, Bp, C, co, n, k, m);
}

let scratchA = new Float64Array(0);
let scratchB = new Float64Array(0);

/** A as panels of 4 rows (row r, column p at ao + r*k + p, or ao + p*n + r when ta). */
function packA(A: ArrayLike<number>, ao: number, ta: boolean, n: number, k: number): Float64Array {
  const size = Math.ceil(n / 4) * k * 4;
  if (scratchA.length < size) scratchA = new Float64Array(size);
  packPanels(A, ao, ta ? 1 : k, ta ? n : 1, n, k, 4, scratchA, 0);
  return scratchA;
}

/** B as panels of 4 columns (row p, column c at bo + p*m + c, or bo + c*k + p when tb). */
function packB(B: ArrayLike<number>, bo: number, tb: boolean, k: number, m: number): Float64Array {
  const size = Math.ceil(m / 4) * k * 4;
  if (scratchB.length < size) scratchB = new Float64Array(size);
  packPanels(B, bo, tb ? k : 1, tb ? 1 : m, m, k, 4, scratchB, 0);
  return scratchB;
}

type Kernel = (Ap: Float64Array, Bp: Float64Array, C: Float32Array | Float64Array, co: number, n: number, k: number, m: number) => void;

/**
 * The 4x4 register-blocked kernel, generated for float32 and float64 (each step the fused
 * multiply-add of that precision) from one template, so each variant is a tight monomorphic loop.
 */
function makeKernel(f32: boolean): Kernel {
  const idx = [0, 1, 2, 3];
  const acc = idx.flatMap((r) => idx.map((c) => `c${r}${c}`));
  // float32: the product is exact in a double, so s = a*b + c rounds once and Math.fround(s) is the
  // fused result unless s is exactly halfway between two floats (2s - t is then a float): only that
  // rare case calls fma32. Inlined here, as sixteen calls would not be.
  const step = idx.flatMap((r) => idx.map((c) => {
    const acc = `c${r}${c}`, a = `a${r}`, b = `b${c}`;
    return f32
      ? `s = ${a} * ${b} + ${acc}; t = fr(s); if (s !== t && fr(2 * s - t) === 2 * s - t) t = fma(${a}, ${b}, ${acc}); ${acc} = t;`
      : `${acc} = fma(${a}, ${b}, ${acc});`;
  })).join(' ');
  const body = `
    const fr = Math.fround;
    let s = 0, t = 0;
    const pn = (n + 3) >> 2, pm = (m + 3) >> 2;
    for (let pi = 0; pi < pn; pi++) {
      const ab = pi * k * 4;
      for (let pj = 0; pj < pm; pj++) {
        const bb = pj * k * 4;
        let ${acc.map((c) => `${c} = 0`).join(', ')};
        for (let p = 0; p < k; p++) {
          const a = ab + p * 4, b = bb + p * 4;
          const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
          const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
          ${step}
        }
        const i = pi * 4, j = pj * 4;
        if (i + 4 <= n && j + 4 <= m) {
          let o = co + i * m + j;
          ${idx.map((r) => idx.map((c) => `C[o + ${c}] = c${r}${c};`).join(' ') + (r < 3 ? ' o += m;' : '')).join(' ')}
        } else {
          const block = [${acc.join(', ')}];
          for (let r = 0; r < 4 && i + r < n; r++) for (let c = 0; c < 4 && j + c < m; c++) C[co + (i + r) * m + j + c] = block[r * 4 + c];
        }
      }
    }`;
  const make = new Function('fma', `"use strict"; return function (Ap, Bp, C, co, n, k, m) {${body}};`) as (fma: (a: number, b: number, c: number) => number) => Kernel;
  return make(f32 ? fma32 : fma64);
}

// Compiled on first use, so that importing the runtime does not pay for them.
let kernel32Compiled: Kernel | undefined;
let kernel64Compiled: Kernel | undefined;
const kernel32: Kernel = (...a) => (kernel32Compiled ??= makeKernel(true))(...a);
const kernel64: Kernel = (...a) => (kernel64Compiled ??= makeKernel(false))(...a);
