// The WebAssembly SIMD float32 matrix product (src/kernels/wasm/gemm.ts, built by `npm run build`).
// Operands are packed straight from their typed arrays into the module's memory (transposed reads
// cost nothing extra), the product runs there, and C is copied out. Loaded on first use; where the
// module or SIMD is unavailable the JavaScript kernel runs instead, with identical results.
import { packPanels } from './pack.js';
import { wasmBytes } from './wasm_file.js';

interface GemmModule {
  gemm(ap: number, bp: number, cp: number, n: number, k: number, m: number): void;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The part of the WebAssembly global used here (TypeScript's node types do not declare it). */
const WA = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: object };
  };
}).WebAssembly;

let module: GemmModule | null | undefined;

function load(): GemmModule | null {
  if (module !== undefined) return module;
  try {
    const bytes = wasmBytes('gemm.wasm');
    const instance = new WA.Instance(new WA.Module(bytes), {
      env: { abort: () => { throw new Error('gemm.wasm aborted'); } },
    });
    module = instance.exports as unknown as GemmModule;
  } catch {
    module = null;
  }
  return module;
}

/** Whether the SIMD kernel can run here (JACOBI_NO_WASM=1 forces the JavaScript kernel). */
export function wasmGemmAvailable(): boolean {
  return process.env.JACOBI_NO_WASM !== '1' && load() !== null;
}

/**
 * C[co .. co + n*m) = op(A) @ op(B) in float32 through the SIMD kernel. A's element (i, p) is at
 * ao + i*k + p (or ao + p*n + i when ta); B's element (p, j) at bo + p*m + j (or bo + j*k + p when tb).
 */
export function wasmGemm(
  A: ArrayLike<number>, ao: number, ta: boolean, B: ArrayLike<number>, bo: number, tb: boolean,
  C: Float32Array, co: number, n: number, k: number, m: number,
): void {
  const mod = load()!;
  const pn = (n + 3) >> 2, pm = (m + 7) >> 3;
  const aBytes = pn * k * 16, bBytes = pm * k * 32, cBytes = n * m * 4;
  const need = aBytes + bBytes + cBytes;
  const have = mod.memory.buffer.byteLength;
  if (have < need) mod.memory.grow(Math.ceil((need - have) / 65536));
  const F = new Float32Array(mod.memory.buffer);
  // A as panels of 4 rows, B as panels of 8 columns (the kernel's register block).
  packPanels(A, ao, ta ? 1 : k, ta ? n : 1, n, k, 4, F, 0);
  packPanels(B, bo, tb ? k : 1, tb ? 1 : m, m, k, 8, F, aBytes >> 2);
  mod.gemm(0, aBytes, aBytes + bBytes, n, k, m);
  C.set(new Float32Array(mod.memory.buffer, aBytes + bBytes, n * m), co);
}
