// The WebAssembly SIMD float32 matrix product (src/kernels/wasm/gemm.ts, built by `npm run build`).
// Operands are packed straight from their typed arrays into the module's memory (transposed reads
// cost nothing extra), the product runs there, and C is copied out. Loaded on first use; where the
// module or SIMD is unavailable the JavaScript kernel runs instead, with identical results.
//
// Both cores: the module is also built over shared memory (gemm_mt.wasm), and a worker thread
// (gemm_worker.ts) runs the same code on it. A product is cut into chunks of row panels that the two
// threads claim with a compare-and-swap, so the main thread never waits for the worker to wake and
// every element of C is computed by the same instructions whichever thread does it (identical bits).
// JACOBI_THREADS=1 (read per call) keeps every product on the calling thread; by default the worker
// joins only while the load average leaves a core free, JACOBI_THREADS=2 always.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { packPanels } from './pack.js';
import { kernelFile, wasmBytes } from './wasm_file.js';

interface GemmModule {
  gemm(ap: number, bp: number, cp: number, n: number, k: number, m: number): void;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The part of the WebAssembly global used here (TypeScript's node types do not declare it). */
const WA = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: object };
    Memory: new (d: { initial: number; maximum: number; shared: boolean }) => { buffer: ArrayBuffer; grow(pages: number): number };
  };
}).WebAssembly;

/** The control block's words (gemm_worker.ts has the same table), 64 bytes at the start of memory. */
const SEQ = 0, CLAIM = 1, DONE = 2, AP = 3, BP = 4, CP = 5, N = 6, K = 7, M = 8, PANELS = 9, CHUNKS = 10, BY_WORKER = 11;
const CTL = 0, DATA = 64;
/** Below this many multiply-adds a second thread costs more (its wake-up) than it saves. */
const MT_MIN_WORK = 1 << 21;

let module: GemmModule | null | undefined;
/** Set when the shared-memory module and its worker are running. */
let threads: { ctl: Int32Array; seq: number; worker: Worker } | null = null;

function load(): GemmModule | null {
  if (module !== undefined) return module;
  module = null;
  const env = { abort: () => { throw new Error('gemm.wasm aborted'); } };
  if (process.env.JACOBI_THREADS !== '1' && os.availableParallelism() > 1) {
    try {
      // 4 GiB at most (the wasm32 limit); shared memory grows without moving.
      const memory = new WA.Memory({ initial: 32, maximum: 65536, shared: true });
      const compiled = new WA.Module(wasmBytes('gemm_mt.wasm'));
      const x = new WA.Instance(compiled, { env: { ...env, memory } }).exports as { gemm: GemmModule['gemm'] };
      const worker = new Worker(kernelFile('gemm_worker.js'), { workerData: { module: compiled, memory, ctl: CTL } });
      worker.unref(); // it never keeps the process alive
      worker.on('error', () => { threads = null; });
      threads = { ctl: new Int32Array(memory.buffer, CTL, 16), seq: 0, worker };
      module = { gemm: x.gemm, memory };
      return module;
    } catch {
      threads = null;
    }
  }
  try {
    const instance = new WA.Instance(new WA.Module(wasmBytes('gemm.wasm')), { env });
    module = instance.exports as unknown as GemmModule;
  } catch {
    module = null;
  }
  return module;
}

/** Whether products run on two threads, and how many chunks the worker has computed so far (for specs). */
export function gemmThreads(): { running: boolean; workerChunks: number } {
  load();
  return { running: threads !== null, workerChunks: threads ? Atomics.load(threads.ctl, BY_WORKER) : 0 };
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
  const need = DATA + aBytes + bBytes + cBytes;
  const have = mod.memory.buffer.byteLength;
  if (have < need) mod.memory.grow(Math.ceil((need - have) / 65536));
  const F = new Float32Array(mod.memory.buffer);
  const ap = DATA, bp = DATA + aBytes, cp = DATA + aBytes + bBytes;
  // A as panels of 4 rows, B as panels of 8 columns (the kernel's register block).
  packPanels(A, ao, ta ? 1 : k, ta ? n : 1, n, k, 4, F, ap >> 2);
  packPanels(B, bo, tb ? k : 1, tb ? 1 : m, m, k, 8, F, bp >> 2);
  if (threads !== null && n * k * m >= MT_MIN_WORK && pn >= 2 && process.env.JACOBI_THREADS !== '1' && coresFree()) parallel(mod, ap, bp, cp, n, k, m, pn);
  else mod.gemm(ap, bp, cp, n, k, m);
  C.set(new Float32Array(mod.memory.buffer, cp, n * m), co);
}

/**
 * Whether a second thread can have a core: the load average (read at most once a second) leaves one
 * free besides this thread. When other jobs hold the cores, a second thread only competes with this
 * one (measured slower than one thread here); JACOBI_THREADS=2 uses it regardless.
 */
let loadCheckedAt = -Infinity, loadOk = true;
function coresFree(): boolean {
  if (process.env.JACOBI_THREADS === '2') return true;
  const now = Date.now();
  if (now - loadCheckedAt > 1000) {
    loadCheckedAt = now;
    loadOk = os.loadavg()[0] < os.availableParallelism() - 0.5;
  }
  return loadOk;
}

/** The product in chunks of row panels, claimed by this thread and the worker alike. */
function parallel(mod: GemmModule, ap: number, bp: number, cp: number, n: number, k: number, m: number, pn: number): void {
  const t = threads!;
  const ctl = t.ctl;
  const chunks = Math.min(pn, 32), per = Math.ceil(pn / chunks), count = Math.ceil(pn / per);
  const seq = (t.seq = (t.seq + 1) | 0) & 0xffff;
  ctl[AP] = ap; ctl[BP] = bp; ctl[CP] = cp; ctl[N] = n; ctl[K] = k; ctl[M] = m; ctl[PANELS] = per; ctl[CHUNKS] = count;
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, CLAIM, seq << 16);
  Atomics.store(ctl, SEQ, t.seq);
  Atomics.notify(ctl, SEQ);
  for (;;) {
    const v = Atomics.load(ctl, CLAIM), c = v & 0xffff;
    if (c >= count) break;
    if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) !== v) continue;
    const p0 = c * per;
    mod.gemm(ap + p0 * k * 16, bp, cp + p0 * 4 * m * 4, Math.min(per * 4, n - p0 * 4), k, m);
    Atomics.add(ctl, DONE, 1);
  }
  // The chunks the worker claimed are being computed: wait for them.
  for (let d = Atomics.load(ctl, DONE); d < count; d = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, d, 50);
}
