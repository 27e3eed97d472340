// The matmul's second thread (src/kernels/wasm_gemm.ts): the same gemm module over the same shared
// WebAssembly memory. It sleeps on the job word (woken early, it waits awake for the job); for each
// job it claims chunks of row panels with a compare-and-swap on the claim word (job number in the high
// 16 bits, next chunk in the low 16) until none are left, as the main thread does, so a job never
// waits for this thread to wake up.
import { workerData } from 'node:worker_threads';

/** The part of the WebAssembly global used here (TypeScript's node types do not declare it). */
const WA = (globalThis as unknown as { WebAssembly: { Instance: new (module: object, imports: object) => { exports: object } } }).WebAssembly;
interface Init { module: object; memory: { buffer: SharedArrayBuffer }; ctl: number }
const { module, memory, ctl: ctlOffset } = workerData as Init;
const instance = new WA.Instance(module, { env: { memory, abort: () => { throw new Error('gemm.wasm aborted'); } } });
type Gemm = (ap: number, api: number, ars: number, aps: number, bp: number, bpj: number, bps: number, cp: number, n: number, k: number, m: number) => void;
const { gemm: gemm32, gemm64 } = instance.exports as { gemm: Gemm; gemm64: Gemm };
const ctl = new Int32Array(memory.buffer, ctlOffset, 16);
// Words of the control block (wasm_gemm.ts has the same table).
const SEQ = 0, CLAIM = 1, DONE = 2, AP = 3, BP = 4, CP = 5, N = 6, K = 7, M = 8, PANELS = 9, CHUNKS = 10, BY_WORKER = 11, F64 = 12, ARS = 13, APS = 14;

/** How long a thread woken ahead of a job waits awake for it (the copy-in takes far less). */
const AWAKE_MS = 5;

let seq = 0;
for (;;) {
  // Woken with no new job: the main thread is copying a job's operands in. Waiting awake saves the
  // wake-up when the job is posted.
  if (Atomics.wait(ctl, SEQ, seq) === 'ok' && Atomics.load(ctl, SEQ) === seq) {
    const until = Date.now() + AWAKE_MS;
    while (Atomics.load(ctl, SEQ) === seq && Date.now() < until);
    if (Atomics.load(ctl, SEQ) === seq) continue;
  }
  seq = Atomics.load(ctl, SEQ);
  const ap = ctl[AP], bp = ctl[BP], cp = ctl[CP], n = ctl[N], k = ctl[K], m = ctl[M], per = ctl[PANELS], chunks = ctl[CHUNKS];
  const gemm = ctl[F64] ? gemm64 : gemm32, size = ctl[F64] ? 8 : 4, width = ctl[F64] ? 4 : 8, ars = ctl[ARS], aps = ctl[APS];
  for (;;) {
    const v = Atomics.load(ctl, CLAIM);
    const c = v & 0xffff;
    if (v >>> 16 !== (seq & 0xffff) || c >= chunks) break;
    if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) !== v) continue;
    const p0 = c * per, rows = Math.min(per * 4, n - p0 * 4);
    gemm(ap + p0 * 4 * k * size, 4 * k * size, ars, aps, bp, width * k * size, width * size, cp + p0 * 4 * m * size, rows, k, m);
    Atomics.add(ctl, BY_WORKER, 1);
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}
