// The WebAssembly SIMD matrix products, float32 and float64 (src/kernels/wasm/gemm.ts, built by
// `npm run build`). Operands are packed straight from their typed arrays into the module's memory
// (transposed reads cost nothing extra), the product runs there, and C is copied out. Loaded on first
// use; where the module, SIMD or a fusing relaxed madd is unavailable, the JavaScript kernel runs
// instead, with identical results.
//
// Relaxed SIMD is standard from Node 22; Node 20 has it behind a V8 flag (relaxed_simd.ts). Relaxed
// madd may or may not fuse, as the processor allows: a case that tells them apart is computed first,
// and the module is used only when it fuses, so its bits are always the JavaScript kernel's (fma.ts).
//
// A product with one row or one column (a matrix times a vector) has kernels of its own that read the
// matrix as it is copied (vectorProduct); the block kernel would pad the vector to 8 columns.
//
// Both cores: the module is also built over shared memory (gemm_mt.wasm), and a worker thread
// (gemm_worker.ts) runs the same code on it. A product is cut into chunks of row panels that the two
// threads claim with a compare-and-swap, so the main thread never waits for the worker to wake and
// every element of C is computed by the same instructions whichever thread does it (identical bits).
// JACOBI_THREADS=1 (read per call) keeps every product on the calling thread; by default the worker
// joins only while other processes leave a core free (coresFree), JACOBI_THREADS=2 always.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { packPanels } from './pack.js';
import { kernelFile, wasmBytes } from './wasm_file.js';
import { enableRelaxedSimd } from './relaxed_simd.js';
import { wasmKernelsOn } from './switches.js';

/** (ap, api, ars, aps, bp, bpj, bps, cp, n, k, m): the operands' byte strides as src/kernels/wasm/gemm.ts describes. */
type Gemm = (ap: number, api: number, ars: number, aps: number, bp: number, bpj: number, bps: number, cp: number, n: number, k: number, m: number) => void;
/** (m, rs, x, o, rows, k) and (x, m, rs, o, k, cols): src/kernels/wasm/gemm.ts's matrix-times-vector kernels. */
type RowsDot = (m: number, rs: number, x: number, o: number, rows: number, k: number) => void;
type ColsAxpy = (x: number, m: number, rs: number, o: number, k: number, cols: number) => void;
interface GemmModule {
  gemm: Gemm;
  gemm64: Gemm;
  pack(src: number, ls: number, es: number, lines: number, k: number, width: number, size: number, dst: number): void;
  dot(a: number, b: number, k: number): number;
  dot64(a: number, b: number, k: number): number;
  rowsDot32: RowsDot;
  rowsDot64: RowsDot;
  colsAxpy32: ColsAxpy;
  colsAxpy64: ColsAxpy;
  madd32(a: number, b: number, c: number): number;
  madd64(a: number, b: number, c: number): number;
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
const SEQ = 0, CLAIM = 1, DONE = 2, AP = 3, BP = 4, CP = 5, N = 6, K = 7, M = 8, PANELS = 9, CHUNKS = 10, BY_WORKER = 11, F64 = 12, ARS = 13, APS = 14;
const CTL = 0, DATA = 64;
/** Below this many multiply-adds a second thread costs more (its wake-up) than it saves. */
const MT_MIN_WORK = 1 << 21;

let module: GemmModule | null | undefined;
/** Set when the shared-memory module and its worker are running. */
let threads: { ctl: Int32Array; seq: number; worker: Worker } | null = null;

/** Compiles a kernel module, with relaxed SIMD enabled on a Node that has it behind a flag. */
function compile(name: string): object {
  enableRelaxedSimd();
  return new WA.Module(wasmBytes(name));
}

/** Whether relaxed madd rounds once here: (1 + 2^-k)^2 - 1 keeps its 2^-2k term only when fused. */
function fuses(x: GemmModule): boolean {
  const a32 = 1 + 2 ** -13, a64 = 1 + 2 ** -30;
  return x.madd32(a32, a32, -1) === 2 ** -12 + 2 ** -26 && x.madd64(a64, a64, -1) === 2 ** -29 + 2 ** -60;
}

function load(): GemmModule | null {
  if (module !== undefined) return module;
  module = null;
  const env = { abort: () => { throw new Error('gemm.wasm aborted'); } };
  if (process.env.JACOBI_THREADS !== '1' && os.availableParallelism() > 1) {
    try {
      // 4 GiB at most (the wasm32 limit); shared memory grows without moving.
      const memory = new WA.Memory({ initial: 32, maximum: 65536, shared: true });
      const compiled = compile('gemm_mt.wasm');
      const x = new WA.Instance(compiled, { env: { ...env, memory } }).exports as Omit<GemmModule, 'memory'>;
      if (!fuses({ ...x, memory })) return module;
      const worker = new Worker(kernelFile('gemm_worker.js'), { workerData: { module: compiled, memory, ctl: CTL } });
      worker.unref(); // it never keeps the process alive
      worker.on('error', () => { threads = null; });
      threads = { ctl: new Int32Array(memory.buffer, CTL, 16), seq: 0, worker };
      module = { ...x, memory };
      return module;
    } catch {
      threads = null;
    }
  }
  try {
    const x = new WA.Instance(compile('gemm.wasm'), { env }).exports as unknown as GemmModule;
    module = fuses(x) ? x : null;
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

/** Whether the SIMD kernel can run here (JACOBI_NO_WASM=1 or withoutWasm forces the JavaScript kernel: switches.ts). */
export function wasmGemmAvailable(): boolean {
  return wasmKernelsOn() && load() !== null;
}

/**
 * C[co .. co + n*m) = op(A) @ op(B) in float32 or float64 through the SIMD kernel. A's element (i, p)
 * is at ao + i*k + p (or ao + p*n + i when ta); B's element (p, j) at bo + p*m + j (or bo + j*k + p when tb).
 */
export function wasmGemm(
  A: ArrayLike<number>, ao: number, ta: boolean, B: ArrayLike<number>, bo: number, tb: boolean,
  C: Float32Array | Float64Array, co: number, n: number, k: number, m: number, f32: boolean,
): void {
  const mod = load()!;
  if (n === 1 && m === 1) {
    dotProduct(mod, A, ao, B, bo, C, co, k, f32);
    return;
  }
  if (n === 1 || m === 1) {
    vectorProduct(mod, A, ao, ta, B, bo, tb, C, co, n, k, m, f32);
    return;
  }
  const twoThreads = threads !== null && n * k * m >= MT_MIN_WORK && n > 4 && process.env.JACOBI_THREADS !== '1' && coresFree();
  // The worker takes tens of microseconds to wake: it wakes now, while the operands are copied in,
  // and waits awake for the job (gemm_worker.ts).
  if (twoThreads) Atomics.notify(threads!.ctl, SEQ);
  // The register block: 4 rows by 8 float32 or 4 float64 columns (16 or 32 bytes per panel row).
  const width = f32 ? 8 : 4, size = f32 ? 4 : 8;
  const pn = (n + 3) >> 2, pm = Math.ceil(m / width);
  const own = f32 ? Float32Array : Float64Array;
  // A row-major in the product's precision is read where it is copied (measured as fast as packed);
  // a transposed A is packed (read in place, its 4 rows' elements are a row of 4n apart: 25% slower),
  // and so is B (row-major B read in place: up to 15% slower for wide products).
  const aRaw = !ta && A instanceof own;
  // A takes 4 pn rows of k either way: packed, or copied as it is with room for the rows past n.
  const aBytes = pn * k * 4 * size, bBytes = pm * k * width * size, cBytes = n * m * size;
  // Operands packed by the module are first copied there as they are.
  const scratchBytes = Math.max(aRaw || !(A instanceof own) ? 0 : n * k, B instanceof own ? k * m : 0) * size;
  const ap = DATA, bp = DATA + aBytes, cp = bp + bBytes, scratch = cp + cBytes;
  const need = scratch + scratchBytes;
  const have = mod.memory.buffer.byteLength;
  if (have < need) mod.memory.grow(Math.ceil((need - have) / 65536));
  const F = f32 ? new Float32Array(mod.memory.buffer) : new Float64Array(mod.memory.buffer);
  let ars: number, aps: number;
  if (aRaw) {
    F.set((A as Float32Array).subarray(ao, ao + n * k), ap / size);
    ars = k * size; aps = size;
  } else {
    packInto(mod, F, size, A, ao, ta ? 1 : k, ta ? n : 1, n, k, 4, ap, scratch);
    ars = size; aps = 4 * size;
  }
  packInto(mod, F, size, B, bo, tb ? k : 1, tb ? 1 : m, m, k, width, bp, scratch);
  const gemm = f32 ? mod.gemm : mod.gemm64;
  if (twoThreads) parallel(gemm, f32, ap, ars, aps, bp, cp, n, k, m, pn);
  else gemm(ap, 4 * k * size, ars, aps, bp, width * k * size, width * size, cp, n, k, m);
  C.set(f32 ? new Float32Array(mod.memory.buffer, cp, n * m) : new Float64Array(mod.memory.buffer, cp, n * m), co);
}

/** C[co] = the dot product of k elements of A and B from ao and bo (one row and one column are contiguous either way read). */
function dotProduct(mod: GemmModule, A: ArrayLike<number>, ao: number, B: ArrayLike<number>, bo: number, C: Float32Array | Float64Array, co: number, k: number, f32: boolean): void {
  const size = f32 ? 4 : 8, need = DATA + 2 * k * size;
  const have = mod.memory.buffer.byteLength;
  if (have < need) mod.memory.grow(Math.ceil((need - have) / 65536));
  const F = f32 ? new Float32Array(mod.memory.buffer) : new Float64Array(mod.memory.buffer);
  const ap = DATA, bp = DATA + k * size;
  for (const [src, off, at] of [[A, ao, ap], [B, bo, bp]] as const) {
    if (src instanceof (f32 ? Float32Array : Float64Array)) F.set((src as Float32Array).subarray(off, off + k), at / size);
    else for (let p = 0; p < k; p++) F[at / size + p] = src[off + p];
  }
  C[co] = f32 ? mod.dot(ap, bp, k) : mod.dot64(ap, bp, k);
}

/**
 * A product with one row (n = 1) or one column (m = 1): the vector and the matrix are copied in as they
 * are, and the matrix is read by rows (rowsDot: its elements of one output are contiguous) or by
 * columns (colsAxpy: the outputs are contiguous), whichever its layout gives.
 */
function vectorProduct(
  mod: GemmModule, A: ArrayLike<number>, ao: number, ta: boolean, B: ArrayLike<number>, bo: number, tb: boolean,
  C: Float32Array | Float64Array, co: number, n: number, k: number, m: number, f32: boolean,
): void {
  const size = f32 ? 4 : 8;
  // The vector's k elements are contiguous whichever way it is read; `len` outputs.
  const [vec, vo, mat, mo, len] = m === 1 ? [B, bo, A, ao, n] : [A, ao, B, bo, m];
  // Output j's elements are contiguous (rows of k) when A is read as it is, or B transposed.
  const byRows = m === 1 ? !ta : tb;
  const mp = DATA, xp = mp + k * len * size, op = xp + k * size;
  const have = mod.memory.buffer.byteLength;
  if (have < op + len * size) mod.memory.grow(Math.ceil((op + len * size - have) / 65536));
  const F = f32 ? new Float32Array(mod.memory.buffer) : new Float64Array(mod.memory.buffer);
  copyRange(F, mp / size, mat, mo, k * len);
  copyRange(F, xp / size, vec, vo, k);
  if (byRows) (f32 ? mod.rowsDot32 : mod.rowsDot64)(mp, k * size, xp, op, len, k);
  else (f32 ? mod.colsAxpy32 : mod.colsAxpy64)(xp, mp, len * size, op, k, len);
  C.set(F.subarray(op / size, op / size + len), co);
}

/** F[at ..] = src[from .. from + count), converted to F's precision as assignment does. */
function copyRange(F: Float32Array | Float64Array, at: number, src: ArrayLike<number>, from: number, count: number): void {
  if (ArrayBuffer.isView(src)) F.set((src as Float64Array).subarray(from, from + count), at);
  else for (let i = 0; i < count; i++) F[at + i] = src[from + i];
}

/**
 * Packs lines of `src` into panels at byte `dst` of the module (packPanels' arguments, in elements): by
 * the module when `src` has the product's precision (copied as it is to byte `scratch` first), else here.
 */
function packInto(
  mod: GemmModule, F: Float32Array | Float64Array, size: number, src: ArrayLike<number>, off: number,
  lineStride: number, elemStride: number, lines: number, k: number, width: number, dst: number, scratch: number,
): void {
  if (k === 0) return;
  if (src instanceof (size === 4 ? Float32Array : Float64Array)) {
    const len = (lines - 1) * lineStride + (k - 1) * elemStride + 1;
    F.set((src as Float32Array).subarray(off, off + len), scratch / size);
    mod.pack(scratch, lineStride * size, elemStride * size, lines, k, width, size, dst);
  } else {
    packPanels(src, off, lineStride, elemStride, lines, k, width, F, dst / size);
  }
}

/**
 * Whether a second thread can have a core: the other processes left one free over the last quarter
 * second (read at most that often; free until the first quarter second has been measured). When other jobs hold the cores, a second thread only competes with this
 * one (measured slower than one thread here); JACOBI_THREADS=2 uses it regardless.
 *
 * On Linux this is the machine's busy time from /proc/stat (steal included: a virtual CPU the host
 * gives to others is not free) less this process's own (process.cpuUsage, every thread): the load
 * average counted our own threads too, so two threads kept busy turned themselves off. Elsewhere, the
 * load average with half a core of margin.
 */
let checkedAt = -Infinity, free = true;
let lastStat: { wall: number; busy: number; ours: number } | undefined;
function coresFree(): boolean {
  if (process.env.JACOBI_THREADS === '2') return true;
  const now = Date.now();
  if (now - checkedAt < 250) return free;
  checkedAt = now;
  const cores = os.availableParallelism();
  const sample = procStat();
  if (sample === undefined) {
    free = os.loadavg()[0] < cores - 0.5;
  } else if (lastStat !== undefined) {
    const seconds = (sample.wall - lastStat.wall) / 1000;
    const others = ((sample.busy - lastStat.busy) - (sample.ours - lastStat.ours)) / seconds;
    free = others < cores - 1.5;
  }
  lastStat = sample;
  return free;
}

/** Seconds of CPU the whole machine and this process have used so far (undefined without /proc/stat). */
function procStat(): { wall: number; busy: number; ours: number } | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal ... (in USER_HZ ticks, 100 per second)
    const fields = readFileSync('/proc/stat', 'utf8').slice(0, 200).split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((v) => !Number.isFinite(v))) return undefined;
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const { user: u, system: sy } = process.cpuUsage();
    return { wall: Date.now(), busy: (user + nice + system + irq + softirq + steal) / 100, ours: (u + sy) / 1e6 };
  } catch {
    return undefined;
  }
}

/** The product in chunks of row panels, claimed by this thread and the worker alike. */
function parallel(gemm: Gemm, f32: boolean, ap: number, ars: number, aps: number, bp: number, cp: number, n: number, k: number, m: number, pn: number): void {
  const t = threads!;
  const ctl = t.ctl;
  const size = f32 ? 4 : 8, width = f32 ? 8 : 4;
  const chunks = Math.min(pn, 32), per = Math.ceil(pn / chunks), count = Math.ceil(pn / per);
  const seq = (t.seq = (t.seq + 1) | 0) & 0xffff;
  ctl[AP] = ap; ctl[BP] = bp; ctl[CP] = cp; ctl[N] = n; ctl[K] = k; ctl[M] = m; ctl[PANELS] = per; ctl[CHUNKS] = count;
  ctl[F64] = f32 ? 0 : 1; ctl[ARS] = ars; ctl[APS] = aps;
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, CLAIM, seq << 16);
  Atomics.store(ctl, SEQ, t.seq);
  Atomics.notify(ctl, SEQ);
  for (;;) {
    const v = Atomics.load(ctl, CLAIM), c = v & 0xffff;
    if (c >= count) break;
    if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) !== v) continue;
    const p0 = c * per;
    gemm(ap + p0 * 4 * k * size, 4 * k * size, ars, aps, bp, width * k * size, width * size, cp + p0 * 4 * m * size, Math.min(per * 4, n - p0 * 4), k, m);
    Atomics.add(ctl, DONE, 1);
  }
  // The chunks the worker claimed are being computed: wait for them.
  for (let d = Atomics.load(ctl, DONE); d < count; d = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, d, 50);
}

/** One fused multiply-add by the module (float32 or float64): the specs' oracle for fma.ts. */
export function wasmMadd(a: number, b: number, c: number, f32: boolean): number {
  const mod = load()!;
  return f32 ? mod.madd32(a, b, c) : mod.madd64(a, b, c);
}
