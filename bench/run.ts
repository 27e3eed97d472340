// Jacobi against its JavaScript peers (tfjs-cpu, tfjs-wasm, jax-js on wasm) in one process, and against
// NumPy and PyTorch (one thread each) in one /usr/bin/python3 process driven over a pipe (bench/peers.py).
// Each case runs every library round-robin per repetition (the starting library rotates), after a
// warm-up, and reports median/min/max; ratios are taken between medians of the same run.
// Writes bench/RESULTS.md and bench/results.json. Run: `npm run bench [-- --quick]`.
import { performance } from 'node:perf_hooks';
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as jx from '@jax-js/jax';
import { tf, jax, np as jnp, torch as jtorch, ops, Tensor } from '../src/index.js';
import { gemmThreads } from '../src/kernels/wasm_gemm.js';
import { withoutWasm } from '../src/kernels/switches.js';

const quick = process.argv.includes('--quick');
const loadAtStart = os.loadavg().map((l) => l.toFixed(2)).join(' ');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'); // dist/bench -> repo

// The bench runs as the kernel runs: with the kernelspec's env (install.json: glibc's malloc settings,
// see kernel/install.ts), so it starts itself again under it; the steady-state section also measures a
// plain node process. The JavaScript peers share the process, and its settings.
const KERNEL_ENV = (JSON.parse(readFileSync(path.join(root, 'install.json'), 'utf8')) as { env: Record<string, string> }).env;
if (Object.entries(KERNEL_ENV).some(([k, v]) => process.env[k] !== v)) {
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ...KERNEL_ENV } });
  process.exit(r.status ?? 1);
}
const np = jx.numpy;
type JArr = jx.Array;

type Lib = 'jacobi' | 'tfjs-cpu' | 'tfjs-wasm' | 'jax-js' | 'numpy' | 'torch';
const LIBS: Lib[] = ['jacobi', 'tfjs-cpu', 'tfjs-wasm', 'jax-js', 'numpy', 'torch'];
const JS_PEERS: Lib[] = ['tfjs-cpu', 'tfjs-wasm', 'jax-js'];
const PEERS = LIBS.slice(1);
const available = new Map<Lib, boolean>(LIBS.map((l) => [l, true]));
const notes: string[] = [];
const pyVersions: Record<string, string> = {};

// ---------- Python peers: NumPy and PyTorch in one python3 process (bench/peers.py), one thread each ----------
const PYTHON = '/usr/bin/python3';
class PyPeer {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = '';
  private readonly waiting: ((r: Record<string, unknown>) => void)[] = [];
  private dead: string | null = null;
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'jacobi-bench-'));
  private readonly files = new Map<Float32Array, string>();
  constructor() {
    const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    delete env.OPENBLAS_CORETYPE;
    for (const k of Object.keys(KERNEL_ENV)) delete env[k]; // Python as it runs by default
    this.proc = spawn(PYTHON, [path.join(root, 'bench/peers.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => {
      this.buf += d;
      for (let i = this.buf.indexOf('\n'); i >= 0; i = this.buf.indexOf('\n')) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        this.waiting.shift()?.(JSON.parse(line) as Record<string, unknown>);
      }
    });
    let err = '';
    this.proc.stderr.on('data', (d) => { err += String(d); });
    const fail = (why: string) => {
      this.dead = why + (err ? `: ${err.trim().split('\n').pop()}` : '');
      for (const w of this.waiting.splice(0)) w({ error: this.dead });
    };
    this.proc.on('error', (e) => fail(String(e)));
    this.proc.on('exit', (code) => fail(`python3 exited (${code})`));
  }
  request(req: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.dead) return Promise.resolve({ error: this.dead });
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.proc.stdin.write(JSON.stringify(req) + '\n');
    });
  }
  /** The same float32 data as the JS libraries get, written once to a raw file. */
  file(data: Float32Array): string {
    let f = this.files.get(data);
    if (!f) {
      f = path.join(this.dir, `in${this.files.size}.f32`);
      writeFileSync(f, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      this.files.set(data, f);
    }
    return f;
  }
  close(): void {
    this.proc.stdin.end();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
let py: PyPeer | null = null;

// ---------- peers' setup; a peer that fails to start is reported and skipped ----------
async function initPeers(): Promise<void> {
  try {
    tfc.env().set('IS_TEST', true); // silences the "install tfjs-node" banner
    registerTfGradients();
    if (!(await tfc.setBackend('cpu'))) throw new Error('setBackend(cpu) returned false');
  } catch (e) { available.set('tfjs-cpu', false); notes.push(`tfjs-cpu could not start: ${String(e)}`); }
  try {
    // In Node the wasm backend reads its .wasm files from disk; they ship in the npm package.
    setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
    if (!(await tfc.setBackend('wasm'))) throw new Error('setBackend(wasm) returned false');
    const simd = await tfc.env().getAsync('WASM_HAS_SIMD_SUPPORT'), mt = await tfc.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    notes.push(`tfjs-wasm flavour: SIMD ${simd ? 'on' : 'off'}, multithreaded ${mt ? 'on' : 'off'}.`);
  } catch (e) { available.set('tfjs-wasm', false); notes.push(`tfjs-wasm could not start: ${String(e)}`); }
  try {
    // init() with no argument probes WebGPU through `navigator`, which Node lacks.
    const devs = await jx.init('wasm');
    if (!devs.includes('wasm')) throw new Error(`jax-js devices: ${devs.join(', ')}`);
    jx.defaultDevice('wasm');
    // jax-js spawns wasm worker threads only where a global Worker exists (browsers; not Node 20).
    notes.push(`jax-js wasm device: ${typeof (globalThis as { Worker?: unknown }).Worker === 'undefined' ? 'single-threaded (Node has no global Worker)' : 'multithreaded (global Worker present)'}.`);
  } catch (e) { available.set('jax-js', false); notes.push(`jax-js could not start: ${String(e)}`); }
  // NumPy and PyTorch: absent ones are reported and the bench goes on without them.
  if (!existsSync(PYTHON)) {
    for (const l of ['numpy', 'torch'] as const) available.set(l, false);
    notes.push(`NumPy and PyTorch peers skipped: ${PYTHON} not found.`);
  } else {
    py = new PyPeer();
    const v = await py.request({ op: 'hello' });
    for (const l of ['numpy', 'torch'] as const) {
      if (typeof v[l] === 'string') pyVersions[l] = v[l] as string;
      else { available.set(l, false); notes.push(`${l} peer skipped: ${v.error ?? `${l} is not importable by ${PYTHON}`}.`); }
    }
    notes.push(`The JavaScript libraries run in one node process with the Jupyter kernel's environment (install.json: ${Object.entries(KERNEL_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}), glibc's malloc settings that keep freed arrays mapped; the steady-state table also shows a plain node process.`);
    if (pyVersions.numpy || pyVersions.torch) notes.push('NumPy and PyTorch run in one /usr/bin/python3 process with OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1 and torch.set_num_threads(1); they time their own calls (time.perf_counter), each repetition looping for at least 20 ms, as the JavaScript libraries do (a single short call right after a wait on the pipe runs on a cold CPU), and run interleaved with the JavaScript libraries.');
  }
}

// Node loads tfjs-core's CJS bundle, which registers no gradients (the @tensorflow/tfjs union
// package does, from ESM files Node cannot import). These are tfjs-core's own definitions from
// dist/gradients/{Sum,Tanh,BatchMatMul,Multiply,Sin}_grad.js, for the ops the cases differentiate.
function registerTfGradients(): void {
  type T = tfc.Tensor;
  tfc.registerGradient({
    kernelName: 'Sum', inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const shape = x.shape.slice();
      const axis = (attrs as { axis?: number | number[] }).axis;
      const axes = axis === undefined || axis === null ? shape.map((_, i) => i) : ([] as number[]).concat(axis).map((a) => (a < 0 ? a + shape.length : a));
      axes.forEach((a) => { shape[a] = 1; });
      const der = tfc.mul(tfc.reshape(dy as T, shape), tfc.ones(x.shape, 'float32'));
      return { x: () => der };
    },
  });
  tfc.registerGradient({
    kernelName: 'Tanh', outputsToSave: [true],
    gradFunc: (dy, saved) => { const [y] = saved; return { x: () => tfc.mul(tfc.sub(tfc.scalar(1), tfc.square(y)), dy as T) }; },
  });
  tfc.registerGradient({
    kernelName: 'BatchMatMul', inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tfc.Tensor2D, tfc.Tensor2D];
      const d = dy as tfc.Tensor2D;
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => tfc.matMul(d, b, false, true), b: () => tfc.matMul(a, d, true, false) };
      if (!transposeA && transposeB) return { a: () => tfc.matMul(d, b, false, false), b: () => tfc.matMul(d, a, true, false) };
      if (transposeA && !transposeB) return { a: () => tfc.matMul(b, d, false, true), b: () => tfc.matMul(a, d, false, false) };
      return { a: () => tfc.matMul(b, d, true, true), b: () => tfc.matMul(d, a, true, true) };
    },
  });
  tfc.registerGradient({
    kernelName: 'Multiply', inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved;
      const out = tfc.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const der = (self: T, other: T) => () => {
        const res = tfc.mul(dy as T, tfc.cast(other, 'float32'));
        const axes = tfc.broadcast_util.getReductionAxes(self.shape, out);
        return axes.length > 0 ? tfc.reshape(tfc.sum(res, axes), self.shape) : res;
      };
      return { a: der(a, b), b: der(b, a) };
    },
  });
  tfc.registerGradient({
    kernelName: 'Sin', inputsToSave: ['x'],
    gradFunc: (dy, saved) => { const [x] = saved; return { x: () => tfc.mul(tfc.cos(tfc.cast(x, 'float32')), dy as T) }; },
  });
}

async function activate(lib: Lib): Promise<void> {
  // tfjs keeps one active backend; tensors are created per backend so switching never moves data.
  if (lib === 'tfjs-cpu' && tfc.getBackend() !== 'cpu') await tfc.setBackend('cpu');
  if (lib === 'tfjs-wasm' && tfc.getBackend() !== 'wasm') await tfc.setBackend('wasm');
}

// ---------- measurement ----------
/**
 * A prepared implementation: run() must finish its work synchronously (peers read data back); the
 * Python peers instead time `inner` calls themselves (timeAsync, ms per call).
 */
interface Prepared { run: () => void; timeAsync?: (inner: number) => Promise<number>; dispose?: () => void }
type Impl = () => Prepared | Promise<Prepared>;
interface Case {
  id: string; group: string; name: string; unit: string;
  higherIsBetter?: boolean;
  /** Converts milliseconds for one run() into the reported unit. */
  value: (ms: number) => number;
  reps: number; inner?: number;
  impls: Partial<Record<Lib, Impl>>;
}
interface Stat { median: number; min: number; max: number; n: number; ms: number; samplesMs: number[] }
interface CaseResult { id: string; group: string; name: string; unit: string; higherIsBetter: boolean; stats: Partial<Record<Lib, Stat>>; errors: Partial<Record<Lib, string>> }
const results: CaseResult[] = [];
const budgetMs = quick ? 400 : 5000; // per library per case, caps repetitions of slow runs
const MIN_REP_MS = 20;

/** Median of a sorted list (mean of the middle two when even). */
const med = (v: number[]): number => (v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);

function summarize(xs: number[], c: Case): Stat {
  const v = xs.map(c.value).sort((a, b) => a - b);
  return { median: med(v), min: v[0], max: v[v.length - 1], n: v.length, ms: med([...xs].sort((a, b) => a - b)), samplesMs: xs };
}

const errText = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0];

/**
 * Runs a group of cases (e.g. the MLP's forward, value-and-grad, JVP, HVP) with every
 * (case, library) unit interleaved in each repetition, so that ratios between cases of a group are
 * taken from neighbouring runs (paired per repetition) rather than from runs minutes apart.
 */
async function runGroup(group: Case[]): Promise<void> {
  const t0 = performance.now();
  interface Unit { c: Case; lib: Lib; p: Prepared; times: number[]; res: CaseResult }
  const units: Unit[] = [];
  const ress = group.map((c): CaseResult => ({ id: c.id, group: c.group, name: c.name, unit: c.unit, higherIsBetter: !!c.higherIsBetter, stats: {}, errors: {} }));
  // A repetition loops for at least MIN_REP_MS, as the Python peers do (bench/peers.py): a single
  // short call right after waiting on the peers' pipe runs on a cold CPU.
  const once = async (u: { c: Case; p: Prepared }): Promise<number> => {
    const inner = u.c.inner ?? 1;
    if (u.p.timeAsync) return u.p.timeAsync(inner);
    let calls = 0, elapsed = 0;
    const s = performance.now();
    do {
      for (let i = 0; i < inner; i++) u.p.run();
      calls += inner;
      elapsed = performance.now() - s;
    } while (elapsed < MIN_REP_MS);
    return elapsed / calls;
  };
  let reps = Math.min(...group.map((c) => c.reps));
  let perRep = 0; // ms of one repetition over all units, to cap repetitions on slow units
  for (const [ci, c] of group.entries()) {
    for (const lib of LIBS.filter((l) => c.impls[l] && available.get(l))) {
      try {
        await activate(lib);
        const p = await c.impls[lib]!();
        // Warm-up: compiles kernels and lets the JIT optimize. Fast cases get at least 10 calls or
        // ~150 ms (a call or two would measure unoptimized code); a long first run has warmed up already.
        // (The Python peers warm up the same way when they prepare.)
        const warm = (await once({ c, p })) * (c.inner ?? 1);
        const until = performance.now() + Math.min(150, budgetMs / 4);
        for (let w = 1; w < 10 && warm < budgetMs / 4 && performance.now() < until && !p.timeAsync; w++) await once({ c, p });
        units.push({ c, lib, p, times: [], res: ress[ci] });
        perRep += warm;
      } catch (e) {
        ress[ci].errors[lib] = errText(e);
      }
    }
  }
  reps = Math.min(reps, Math.max(quick ? 2 : 3, Math.floor((budgetMs * units.length) / Math.max(perRep, 1e-3))));
  const live = [...units];
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < live.length; k++) {
      const u = live[(r + k) % live.length]; // rotate who goes first
      try {
        await activate(u.lib);
        u.times.push(await once(u));
      } catch (e) {
        u.res.errors[u.lib] = errText(e);
        live.splice(live.indexOf(u), 1);
        k--;
      }
    }
  }
  for (const u of units) {
    if (live.includes(u) && u.times.length) u.res.stats[u.lib] = summarize(u.times, u.c);
    try { await activate(u.lib); u.p.dispose?.(); } catch { /* disposal failures do not affect figures */ }
  }
  for (const res of ress) {
    results.push(res);
    const cells = LIBS.map((l) => res.stats[l] ? `${l} ${fmt(res.stats[l]!.median)}` : res.errors[l] ? `${l} error` : '').filter(Boolean);
    console.log(`${res.name.padEnd(44)} [${res.unit}] ${cells.join('  ')}`);
  }
  console.log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : a >= 0.01 ? x.toFixed(3) : x.toPrecision(2);
}

// ---------- helpers per library ----------
const rnd = (n: number, seed: number, std = 1): Float32Array => {
  // Seeded normals of the bench's own (xorshift32 and Box-Muller), so the data do not depend on the API.
  let s = (seed * 2654435761) >>> 0 || 1;
  const u = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return (s + 0.5) / 2 ** 32; };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u())) * std, t = 2 * Math.PI * u();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
};
const J = (data: Float32Array, dims: number[]): Tensor => new Tensor('float32', dims, Float32Array.from(data), 'tf');
/** tfjs: creates inputs on the active backend, tidies each run, reads the result back. */
function tfImpl(build: () => { inputs: tfc.Tensor[]; f: () => tfc.Tensor | tfc.Tensor[] | { value: tfc.Tensor; grad: tfc.Tensor } }): Impl {
  return () => {
    const { inputs, f } = build();
    return {
      run: () => tfc.tidy(() => {
        const r = f();
        const outs = r instanceof tfc.Tensor ? [r] : Array.isArray(r) ? r : [r.value, r.grad];
        for (const o of outs) o.dataSync();
      }),
      dispose: () => inputs.forEach((t) => t.dispose()),
    };
  };
}
/** jax-js: ops are lazy; dataSync() realizes (and consumes) each output. */
function jxImpl(build: () => { inputs: JArr[]; f: () => JArr | JArr[] }): Impl {
  return () => {
    const { inputs, f } = build();
    return {
      run: () => { const r = f(); for (const o of Array.isArray(r) ? r : [r]) o.dataSync(); },
      dispose: () => inputs.forEach((t) => t.dispose()),
    };
  };
}
const jxa = (data: Float32Array, dims: number[]): JArr => np.array(Float32Array.from(data)).reshape(dims);
/** Jacobi computes eagerly: the returned tensors hold their data. */
/** Reads every tensor a Jacobi case returns: large float32 elementwise results are computed on first read (src/ops/fused.ts). */
function readAll(x: unknown): void {
  if (x instanceof Tensor) void x.values;
  else if (Array.isArray(x)) x.forEach(readAll);
}
const jacImpl = (build: () => () => unknown): Impl => () => {
  const f = build();
  return { run: () => readAll(f()) };
};
const tfBoth = (mk: Parameters<typeof tfImpl>[0]): Partial<Record<Lib, Impl>> => ({ 'tfjs-cpu': tfImpl(mk), 'tfjs-wasm': tfImpl(mk) });
/** NumPy and/or PyTorch through bench/peers.py: `inputs` name float32 data and dims, as the JS cases use them. */
let pyKeys = 0;
function pyImpl(lib: 'numpy' | 'torch', kase: string, inputs: Record<string, [Float32Array, number[]]>, args: Record<string, unknown> = {}): Impl {
  return async () => {
    const key = `${lib}:${kase}:${pyKeys++}`;
    const files = Object.fromEntries(Object.entries(inputs).map(([k, [d, dims]]) => [k, [py!.file(d), dims]]));
    const r = await py!.request({ op: 'prep', key, lib, case: kase, inputs: files, args });
    if (r.error) throw new Error(String(r.error));
    return {
      run: () => { throw new Error('timed in Python'); },
      timeAsync: async (inner) => {
        const t = await py!.request({ op: 'time', key, inner });
        if (typeof t.ms !== 'number') throw new Error(String(t.error));
        return t.ms;
      },
      dispose: () => { void py!.request({ op: 'drop', key }); },
    };
  };
}
const pyBoth = (kase: string, inputs: Record<string, [Float32Array, number[]]>, args?: Record<string, unknown>): Partial<Record<Lib, Impl>> =>
  ({ numpy: pyImpl('numpy', kase, inputs, args), torch: pyImpl('torch', kase, inputs, args) });

// ---------- cases ----------
let crossCheck: () => Promise<void> = async () => {};
function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const n of quick ? [512] : [64, 256, 512, 1024]) {
    const a = rnd(n * n, 1), b = rnd(n * n, 2);
    cases.push({
      id: `matmul-${n}`, group: 'kernels', name: `matmul ${n}x${n} float32`, unit: 'GFLOP/s', higherIsBetter: true,
      value: (ms) => (2 * n ** 3) / (ms * 1e6), reps: n >= 1024 ? 3 : 7, inner: n <= 64 ? 20 : 1,
      impls: {
        jacobi: jacImpl(() => { const A = J(a, [n, n]), B = J(b, [n, n]); return () => ops.matmul(A, B); }),
        ...tfBoth(() => { const A = tfc.tensor2d(a, [n, n]), B = tfc.tensor2d(b, [n, n]); return { inputs: [A, B], f: () => tfc.matMul(A, B) }; }),
        'jax-js': jxImpl(() => { const A = jxa(a, [n, n]), B = jxa(b, [n, n]); return { inputs: [A, B], f: () => np.matmul(A.ref, B.ref) }; }),
        ...pyBoth('matmul', { a: [a, [n, n]], b: [b, [n, n]] }),
      },
    });
  }

  // Jacobi's typed-array matmul, kept as the fallback of its SIMD kernel (the switch is read per call).
  {
    const n = 512, a = rnd(n * n, 1), b = rnd(n * n, 2);
    cases.push({
      id: 'matmul-512-js', group: 'kernels', name: 'matmul 512x512 float32, Jacobi JS fallback (withoutWasm)', unit: 'GFLOP/s', higherIsBetter: true,
      value: (ms) => (2 * n ** 3) / (ms * 1e6), reps: quick ? 3 : 5,
      impls: {
        jacobi: jacImpl(() => {
          const A = J(a, [n, n]), B = J(b, [n, n]);
          return () => withoutWasm(() => ops.matmul(A, B));
        }),
        // The same-case tfjs-cpu figure for the 5x target; --quick takes it from the case above.
        ...(quick ? {} : { 'tfjs-cpu': tfImpl(() => { const A = tfc.tensor2d(a, [n, n]), B = tfc.tensor2d(b, [n, n]); return { inputs: [A, B], f: () => tfc.matMul(A, B) }; }) }),
      },
    });
  }

  // Two threads forced (by default the worker joins only while other processes leave a core free).
  {
    const n = 512, a = rnd(n * n, 1), b = rnd(n * n, 2);
    cases.push({
      id: 'matmul-512-2t', group: 'kernels', name: 'matmul 512x512 float32, two threads forced (JACOBI_THREADS=2)', unit: 'GFLOP/s', higherIsBetter: true,
      value: (ms) => (2 * n ** 3) / (ms * 1e6), reps: 7,
      impls: {
        jacobi: jacImpl(() => {
          const A = J(a, [n, n]), B = J(b, [n, n]);
          return () => {
            const prev = process.env.JACOBI_THREADS;
            process.env.JACOBI_THREADS = '2';
            try { return ops.matmul(A, B); } finally { if (prev === undefined) delete process.env.JACOBI_THREADS; else process.env.JACOBI_THREADS = prev; }
          };
        }),
      },
    });
  }

  // One thread: the matmul threads switched off (read per call), for the one-core target.
  {
    const n = 512, a = rnd(n * n, 1), b = rnd(n * n, 2);
    cases.push({
      id: 'matmul-512-1t', group: 'kernels', name: 'matmul 512x512 float32, one thread (JACOBI_THREADS=1)', unit: 'GFLOP/s', higherIsBetter: true,
      value: (ms) => (2 * n ** 3) / (ms * 1e6), reps: 7,
      impls: {
        jacobi: jacImpl(() => {
          const A = J(a, [n, n]), B = J(b, [n, n]);
          return () => {
            const prev = process.env.JACOBI_THREADS;
            process.env.JACOBI_THREADS = '1';
            try { return ops.matmul(A, B); } finally { if (prev === undefined) delete process.env.JACOBI_THREADS; else process.env.JACOBI_THREADS = prev; }
          };
        }),
        numpy: pyImpl('numpy', 'matmul', { a: [a, [n, n]], b: [b, [n, n]] }),
      },
    });
  }

  const N = 1_000_000;
  const x6 = rnd(N, 3);
  const perElem = (elems: number) => (ms: number) => (ms * 1e6) / elems;
  cases.push({
    id: 'xx-sin', group: 'kernels', name: 'x*x + sin(x), 1e6', unit: 'ns/element', value: perElem(N), reps: 9,
    impls: {
      jacobi: jacImpl(() => { const x = J(x6, [N]); return () => ops.add(ops.mul(x, x), ops.sin(x)); }),
      ...tfBoth(() => { const x = tfc.tensor1d(x6); return { inputs: [x], f: () => tfc.add(tfc.mul(x, x), tfc.sin(x)) }; }),
      'jax-js': jxImpl(() => { const x = jxa(x6, [N]); return { inputs: [x], f: () => np.add(np.multiply(x.ref, x.ref), np.sin(x.ref)) }; }),
      ...pyBoth('xx-sin', { x: [x6, [N]] }),
    },
  });

  // 20 ops: (mul by constant, sin, add constant, tanh) five times; keeps values bounded.
  const NC = quick ? 200_000 : N, xc = x6.subarray(0, NC);
  cases.push({
    id: 'chain20', group: 'kernels', name: `20-op elementwise chain, ${quick ? '2e5' : '1e6'}`, unit: 'ns/element', value: perElem(NC), reps: 7,
    impls: {
      jacobi: jacImpl(() => {
        const x = J(xc, [NC]);
        return () => { let y = x; for (let i = 0; i < 5; i++) y = ops.tanh(ops.add(ops.sin(ops.mul(y, 1.0001)), 0.5)); return y; };
      }),
      ...tfBoth(() => {
        const x = tfc.tensor1d(xc), c1 = tfc.scalar(1.0001), c2 = tfc.scalar(0.5);
        return { inputs: [x, c1, c2], f: () => { let y: tfc.Tensor = x; for (let i = 0; i < 5; i++) y = tfc.tanh(tfc.add(tfc.sin(tfc.mul(y, c1)), c2)); return y; } };
      }),
      'jax-js': jxImpl(() => {
        const x = jxa(xc, [NC]);
        return { inputs: [x], f: () => { let y: JArr = x.ref; for (let i = 0; i < 5; i++) y = np.tanh(np.sin(y.mul(1.0001)).add(0.5)); return y; } };
      }),
      ...pyBoth('chain20', { x: [xc, [NC]] }),
    },
  });

  const N7 = quick ? 2_000_000 : 10_000_000;
  const x7 = rnd(N7, 10);
  cases.push({
    id: 'sum', group: 'kernels', name: `sum of ${quick ? '2e6' : '1e7'}`, unit: 'ns/element', value: perElem(N7), reps: 9,
    impls: {
      jacobi: jacImpl(() => { const x = J(x7, [N7]); return () => ops.sum(x); }),
      ...tfBoth(() => { const x = tfc.tensor1d(x7); return { inputs: [x], f: () => tfc.sum(x) }; }),
      'jax-js': jxImpl(() => { const x = jxa(x7, [N7]); return { inputs: [x], f: () => np.sum(x.ref) }; }),
      ...pyBoth('sum', { x: [x7, [N7]] }),
    },
  });

  // NumPy's default dtype, and a loss: the whole expression fuses into the sum (src/ops/fused.ts).
  // tfjs has no float64, jax-js's is not enabled by default: NumPy and PyTorch only.
  const y6 = rnd(N, 14);
  cases.push({
    id: 'mse64', group: 'kernels', name: 'mean((a - b) ** 2), 1e6 float64', unit: 'ns/element', value: perElem(N), reps: 9,
    impls: {
      jacobi: jacImpl(() => {
        const a = ops.cast(J(x6, [N]), 'float64'), b = ops.cast(J(y6, [N]), 'float64');
        return () => ops.mean(ops.pow(ops.sub(a, b), 2));
      }),
      ...pyBoth('mse64', { a: [x6, [N]], b: [y6, [N]] }),
    },
  });

  // Sorting: NumPy's default argsort of distinct float64 values (a + b 2^-30: float32 data alone has
  // ties, which NumPy's introsort orders its own way), and sort of float32 values (ties or not).
  cases.push({
    id: 'argsort64', group: 'kernels', name: 'argsort of 1e6 distinct float64', unit: 'ns/element', value: perElem(N), reps: 5,
    impls: {
      jacobi: jacImpl(() => {
        const a = ops.add(ops.cast(J(x6, [N]), 'float64'), ops.mul(ops.cast(J(y6, [N]), 'float64'), 2 ** -30));
        return () => ops.argsort(a);
      }),
      ...pyBoth('argsort64', { a: [x6, [N]], b: [y6, [N]] }),
    },
  });
  cases.push({
    id: 'sort32', group: 'kernels', name: 'sort of 1e6 float32', unit: 'ns/element', value: perElem(N), reps: 5,
    impls: {
      jacobi: jacImpl(() => { const x = J(x6, [N]); return () => ops.sort(x); }),
      ...pyBoth('sort32', { x: [x6, [N]] }),
    },
  });

  // Random normals in each library's own stream (Jacobi's facades reproduce NumPy's and PyTorch's bits).
  cases.push({
    id: 'np-randn', group: 'kernels', name: 'np.random.randn(1e6)', unit: 'ns/element', value: perElem(N), reps: 5,
    impls: {
      jacobi: jacImpl(() => () => jnp.random.randn(N) as Tensor),
      numpy: pyImpl('numpy', 'np-randn', {}, { n: N }),
    },
  });
  cases.push({
    id: 'torch-randn', group: 'kernels', name: 'torch.randn(1e6)', unit: 'ns/element', value: perElem(N), reps: 5,
    impls: {
      jacobi: jacImpl(() => () => jtorch.randn(N) as Tensor),
      torch: pyImpl('torch', 'torch-randn', {}, { n: N }),
    },
  });

  const row = rnd(1000, 11);
  cases.push({
    id: 'bcast', group: 'kernels', name: 'broadcast add [1000,1000]+[1,1000]', unit: 'ns/element', value: perElem(N), reps: 9,
    impls: {
      jacobi: jacImpl(() => { const a = J(x6, [1000, 1000]), b = J(row, [1, 1000]); return () => ops.add(a, b); }),
      ...tfBoth(() => { const a = tfc.tensor2d(x6, [1000, 1000]), b = tfc.tensor2d(row, [1, 1000]); return { inputs: [a, b], f: () => tfc.add(a, b) }; }),
      'jax-js': jxImpl(() => { const a = jxa(x6, [1000, 1000]), b = jxa(row, [1, 1000]); return { inputs: [a, b], f: () => np.add(a.ref, b.ref) }; }),
      ...pyBoth('bcast', { a: [x6, [1000, 1000]], b: [row, [1, 1000]] }),
    },
  });

  // Per-op overhead: every library must finish each add (peers read it back; jax-js is lazy otherwise).
  const nOps = quick ? 5_000 : 100_000;
  cases.push({
    id: 'scalar-add', group: 'overhead', name: `scalar add x ${nOps}`, unit: 'us/op', value: (ms) => (ms * 1000) / nOps, reps: 5,
    impls: {
      jacobi: jacImpl(() => { const a = J(Float32Array.of(1.5), []), b = J(Float32Array.of(2.5), []); return () => { for (let i = 0; i < nOps; i++) ops.add(a, b); }; }),
      ...Object.fromEntries((['tfjs-cpu', 'tfjs-wasm'] as const).map((l) => [l, () => {
        const a = tfc.scalar(1.5), b = tfc.scalar(2.5);
        return { run: () => { for (let i = 0; i < nOps; i++) { const z = tfc.add(a, b); z.dataSync(); z.dispose(); } }, dispose: () => { a.dispose(); b.dispose(); } };
      }])),
      'jax-js': jxImpl(() => {
        const a = np.array(1.5), b = np.array(2.5);
        return { inputs: [a, b], f: () => { for (let i = 0; i < nOps; i++) np.add(a.ref, b.ref).dataSync(); return []; } };
      }),
      ...pyBoth('scalar-add', {}, { n: nOps }),
    },
  });

  // MLP: sum(tanh(W2 @ tanh(W1 @ x))), W 512x512, x 512x64, differentiated in W1 (tangent V).
  const w1 = rnd(512 * 512, 4, 0.05), w2 = rnd(512 * 512, 5, 0.05), xm = rnd(512 * 64, 6), vv = rnd(512 * 512, 12, 0.05);
  const mlpJac = () => {
    const W1 = J(w1, [512, 512]), W2 = J(w2, [512, 512]), x = J(xm, [512, 64]), V = J(vv, [512, 512]);
    const f = (w: Tensor) => ops.sum(ops.tanh(ops.matmul(W2, ops.tanh(ops.matmul(w, x)))));
    return { W1, V, f };
  };
  const mlpTf = () => {
    const W1 = tfc.tensor2d(w1, [512, 512]), W2 = tfc.tensor2d(w2, [512, 512]), x = tfc.tensor2d(xm, [512, 64]);
    const f = (w: tfc.Tensor) => tfc.sum(tfc.tanh(tfc.matMul(W2, tfc.tanh(tfc.matMul(w as tfc.Tensor2D, x)))));
    return { inputs: [W1, W2, x], W1, f };
  };
  const mlpPy = { w1: [w1, [512, 512]], w2: [w2, [512, 512]], x: [xm, [512, 64]], v: [vv, [512, 512]] } as Record<string, [Float32Array, number[]]>;
  const mlpJx = () => {
    const W1 = jxa(w1, [512, 512]), W2 = jxa(w2, [512, 512]), x = jxa(xm, [512, 64]), V = jxa(vv, [512, 512]);
    const f = (w: JArr): JArr => np.sum(np.tanh(np.matmul(W2.ref, np.tanh(np.matmul(w, x.ref)))));
    return { inputs: [W1, W2, x, V], W1, V, f };
  };
  crossCheck = async () => {
    // The same function in every library should give the same value: a check that the cases agree.
    const vals: string[] = [];
    const put = (lib: Lib, v: number) => vals.push(`${lib} ${v.toPrecision(6)}`);
    { const { W1, f } = mlpJac(); put('jacobi', Number((f(W1).values as ArrayLike<number>)[0])); }
    for (const lib of ['tfjs-cpu', 'tfjs-wasm'] as const) {
      if (!available.get(lib)) continue;
      await activate(lib);
      const { inputs, W1, f } = mlpTf();
      const y = f(W1);
      put(lib, y.dataSync()[0]);
      y.dispose(); inputs.forEach((t) => t.dispose());
    }
    if (available.get('jax-js')) {
      const { inputs, W1, f } = mlpJx();
      put('jax-js', Number(f(W1.ref).dataSync()[0]));
      inputs.forEach((t) => t.dispose());
    }
    for (const lib of ['numpy', 'torch'] as const) {
      if (!available.get(lib)) continue;
      const p = await pyImpl(lib, 'mlp-fwd', mlpPy)();
      const key = `${lib}:mlp-fwd:${pyKeys - 1}`;
      const r = await py!.request({ op: 'value', key });
      if (typeof r.value === 'number') put(lib, r.value);
      p.dispose?.();
    }
    notes.push(`Cross-check, MLP forward value (float32): ${vals.join(', ')}.`);
  };
  const mlpReps = quick ? 2 : 7;
  const mlp = (id: string, name: string, impls: Partial<Record<Lib, Impl>>): Case =>
    ({ id, group: 'mlp', name, unit: 'ms', value: (ms) => ms, reps: mlpReps, impls });
  cases.push(mlp('mlp-fwd', 'MLP forward', {
    jacobi: jacImpl(() => { const { W1, f } = mlpJac(); return () => f(W1); }),
    ...tfBoth(() => { const { inputs, W1, f } = mlpTf(); return { inputs, f: () => f(W1) }; }),
    'jax-js': jxImpl(() => { const { inputs, W1, f } = mlpJx(); return { inputs, f: () => f(W1.ref) }; }),
    ...pyBoth('mlp-fwd', mlpPy),
  }));
  cases.push(mlp('mlp-vg', 'MLP value-and-grad', {
    jacobi: jacImpl(() => { const { W1, f } = mlpJac(); return () => jax.value_and_grad(f)(W1); }),
    ...tfBoth(() => { const { inputs, W1, f } = mlpTf(); const vg = tfc.valueAndGrad(f); return { inputs, f: () => vg(W1) }; }),
    'jax-js': jxImpl(() => { const { inputs, W1, f } = mlpJx(); return { inputs, f: () => jx.valueAndGrad(f)(W1.ref) as unknown as JArr[] }; }),
    torch: pyImpl('torch', 'mlp-vg', mlpPy),
  }));
  cases.push(mlp('mlp-jvp', 'MLP JVP', {
    jacobi: jacImpl(() => { const { W1, V, f } = mlpJac(); return () => jax.jvp(f, [W1], [V]); }),
    'jax-js': jxImpl(() => { const { inputs, W1, V, f } = mlpJx(); return { inputs, f: () => jx.jvp(f, [W1.ref], [V.ref]) as unknown as JArr[] }; }),
    torch: pyImpl('torch', 'mlp-jvp', mlpPy),
  }));
  cases.push(mlp('mlp-hvp', 'MLP HVP (forward-over-reverse)', {
    jacobi: jacImpl(() => { const { W1, V, f } = mlpJac(); return () => jax.jvp((w: Tensor) => jax.grad(f)(w), [W1], [V]); }),
    'jax-js': jxImpl(() => {
      const { inputs, W1, V, f } = mlpJx();
      return { inputs, f: () => jx.jvp((w: JArr) => jx.grad(f)(w), [W1.ref], [V.ref]) as unknown as JArr[] };
    }),
    torch: pyImpl('torch', 'mlp-hvp', mlpPy),
  }));

  // Jacobians of g(v) = tanh(A @ sin(v)), R^100 -> R^100 (tfjs has no jacobian transform).
  const a100 = rnd(100 * 100, 7, 0.1), v100 = rnd(100, 8);
  const gJac = () => { const A = J(a100, [100, 100]), v = J(v100, [100]); return { v, g: (u: Tensor) => ops.tanh(ops.matmul(A, ops.sin(u))) }; };
  const gPy = { a: [a100, [100, 100]], v: [v100, [100]] } as Record<string, [Float32Array, number[]]>;
  const gJx = () => { const A = jxa(a100, [100, 100]), v = jxa(v100, [100]); return { inputs: [A, v], v, g: (u: JArr): JArr => np.tanh(np.matmul(A.ref, np.sin(u))) }; };
  const jacCase = (id: string, name: string, inner: number, impls: Partial<Record<Lib, Impl>>): Case =>
    ({ id, group: 'jacobian', name, unit: 'ms', value: (ms) => ms, reps: quick ? 3 : 9, inner: quick ? Math.ceil(inner / 5) : inner, impls });
  cases.push(jacCase('jac-fwd1', 'R^100->R^100 forward pass', 50, {
    jacobi: jacImpl(() => { const { v, g } = gJac(); return () => g(v); }),
    'jax-js': jxImpl(() => { const { inputs, v, g } = gJx(); return { inputs, f: () => g(v.ref) }; }),
    ...pyBoth('jac-fwd1', gPy),
  }));
  cases.push(jacCase('jacfwd', 'jacfwd R^100->R^100', 3, {
    jacobi: jacImpl(() => { const { v, g } = gJac(); return () => jax.jacfwd(g)(v); }),
    'jax-js': jxImpl(() => { const { inputs, v, g } = gJx(); return { inputs, f: () => jx.jacfwd(g)(v.ref) as JArr }; }),
    torch: pyImpl('torch', 'jacfwd', gPy),
  }));
  cases.push(jacCase('jacrev', 'jacrev R^100->R^100', 3, {
    jacobi: jacImpl(() => { const { v, g } = gJac(); return () => jax.jacrev(g)(v); }),
    'jax-js': jxImpl(() => { const { inputs, v, g } = gJx(); return { inputs, f: () => jx.jacrev(g)(v.ref) as JArr }; }),
    torch: pyImpl('torch', 'jacrev', gPy),
  }));
  return cases;
}

// ---------- memory: peak live 1e6-float buffers during a 200-op chain ----------
interface MemResult { lib: Lib; mode: string; peak: number; outputs: number; note: string }
const memResults: MemResult[] = [];
function memory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') { notes.push('memory cases skipped: run node with --expose-gc'); return; }
  const n = 1_000_000, len = 200, every = quick ? 50 : 10;
  const bytes = () => process.memoryUsage().arrayBuffers;
  // The chain samples live ArrayBuffer bytes after a full GC every few ops; the peak over the
  // samples (and after the chain) counts what a mode keeps alive, in 1e6-float32 buffers.
  const measure = (lib: Lib, mode: string, outputs: number, note: string, body: (sample: () => void) => unknown) => {
    const t0 = performance.now();
    gc(); gc();
    const base = bytes();
    let peak = 0;
    // Two collections: the second waits for the first's concurrent ArrayBuffer sweep to finish.
    const sample = () => { gc(); gc(); peak = Math.max(peak, bytes() - base); };
    const keep = body(sample);
    readAll(keep);
    sample();
    void keep;
    memResults.push({ lib, mode, peak: peak / (4 * n), outputs, note });
    console.log(`memory ${lib} ${mode}: peak ${(peak / (4 * n)).toFixed(1)} buffers (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const x0 = rnd(n, 9);
  {
    const x = J(x0, [n]);
    const chain = (y: Tensor, sample: () => void) => { for (let i = 0; i < len; i++) { y = i % 2 ? ops.sin(y) : ops.mul(y, 1.0001); if (i % every === 0) sample(); } return y; };
    measure('jacobi', 'plain', 1, 'ops deferred and fused (src/ops/fused.ts): intermediates that are never read are never stored', (s) => chain(x, s));
    const t0 = J(new Float32Array(n).fill(1), [n]);
    measure('jacobi', 'ForwardAccumulator', 2, 'outputs: primal and tangent', (s) => {
      const acc = new tf.autodiff.ForwardAccumulator(x, t0);
      return acc.run(() => { const y = chain(x, s); return [y, acc.jvp(y)]; });
    });
    measure('jacobi', 'GradientTape (forward + gradient)', 2, 'outputs: value and gradient; sampled during the taped chain and after tape.gradient', (s) => {
      const tape = new tf.GradientTape({ persistent: true });
      tape.watch(x);
      const y = tape.run(() => chain(x, s)) as Tensor;
      const g = tape.gradient(ops.sum(y), x);
      s();
      return [tape, y, g];
    });
  }
  if (quick) notes.push('--quick: tfjs-cpu memory cases skipped (a 200-op chain takes tfjs-cpu 10-20 s).');
  else if (available.get('tfjs-cpu')) {
    tfc.setBackend('cpu');
    const x = tfc.tensor1d(x0), c = tfc.scalar(1.0001);
    const chain = (y: tfc.Tensor, sample: () => void, dispose: boolean) => {
      for (let i = 0; i < len; i++) {
        const z = i % 2 ? tfc.sin(y) : tfc.mul(y, c);
        if (dispose && y !== x) y.dispose(); // without a tape, tfjs frees eagerly only when told
        y = z;
        if (i % every === 0) sample();
      }
      return y;
    };
    measure('tfjs-cpu', 'plain (dispose as it goes)', 1, '', (s) => { const y = chain(x, s, true); y.dispose(); return null; });
    measure('tfjs-cpu', 'tf.grad (forward part)', 2, 'sampled during the taped chain only; tfjs frees the tape inside tf.grad', (s) => {
      const g = tfc.grad((u: tfc.Tensor) => tfc.sum(chain(u, s, false)))(x);
      s();
      g.dispose();
      return null;
    });
    x.dispose(); c.dispose();
  }
}

// ---------- cold start: spawn node to a first printed tensor ----------
interface ColdResult { what: string; median: number; min: number; max: number }
const coldResults: ColdResult[] = [];
function coldStart(): void {
  const jacobiUrl = pathToFileURL(path.join(root, 'dist/jacobi.js')).href; // the package entry (bundled)
  const unbundledUrl = pathToFileURL(path.join(root, 'dist/src/index.js')).href;
  const variants: [string, string][] = [
    ['bare node -e 0', '0'],
    ['jacobi', `import(${JSON.stringify(jacobiUrl)}).then(m => console.log(String(m.tf.constant([1,2]))))`],
    ['jacobi, unbundled modules (dist/src/index.js)', `import(${JSON.stringify(unbundledUrl)}).then(m => console.log(String(m.tf.constant([1,2]))))`],
    ['tfjs-core + cpu', `Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-backend-cpu')]).then(([t]) => { t.env().set('IS_TEST', true); console.log(String(t.tensor([1,2]))); })`],
    ['jax-js (wasm)', `import('@jax-js/jax').then(async j => { await j.init('wasm'); console.log(String(j.numpy.array([1,2]).js())); })`],
  ];
  const reps = quick ? 2 : 7;
  const ts = variants.map(() => [] as number[]);
  for (let r = 0; r < reps + 1; r++) {
    variants.forEach(([, code], i) => {
      const s = performance.now();
      try { execFileSync(process.execPath, ['-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }); }
      catch (e) { if (r === 0) notes.push(`cold start ${variants[i][0]} failed: ${String(e).split('\n')[0]}`); return; }
      if (r > 0) ts[i].push(performance.now() - s); // the first round warms the disk cache
    });
  }
  variants.forEach(([what], i) => {
    const t = ts[i].sort((a, b) => a - b);
    if (!t.length) return;
    coldResults.push({ what, median: med(t), min: t[0], max: t[t.length - 1] });
    console.log(`cold start ${what}: ${med(t).toFixed(0)} ms`);
  });
}

// ---------- steady state: does a loop reuse storage (RSS and page faults over 1000 iterations)? ----------
interface SteadyResult { mode: string; rssMiB: number; faultsPerIter: number; msPerIter: number }
const steady: SteadyResult[] = [];
function steadyState(): void {
  const n = 1_000_000, warm = 100, iters = quick ? 200 : 1000;
  const x = J(rnd(n, 13), [n]);
  const run = (mode: string, step: () => unknown) => {
    for (let i = 0; i < warm; i++) step();
    const r0 = process.memoryUsage().rss, f0 = process.resourceUsage().minorPageFault, t0 = performance.now();
    for (let i = 0; i < iters; i++) step();
    const ms = performance.now() - t0;
    const res = { mode, rssMiB: (process.memoryUsage().rss - r0) / 2 ** 20, faultsPerIter: (process.resourceUsage().minorPageFault - f0) / iters, msPerIter: ms / iters };
    steady.push(res);
    console.log(`steady ${mode}: RSS +${res.rssMiB.toFixed(1)} MiB, ${res.faultsPerIter.toFixed(1)} faults/iteration, ${res.msPerIter.toFixed(2)} ms/iteration`);
  };
  run('jacobi', () => ops.add(ops.mul(x, x), ops.sin(x)).values);
  // The same loop in a plain node process, with glibc's default malloc (as a script importing jacobi has it).
  const program = `
    const { ops, jnp } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/src/index.js')).href)});
    const x = ops.mul(ops.cast(jnp.arange(${n}), 'float32'), 1e-5);
    for (let i = 0; i < ${warm}; i++) ops.add(ops.mul(x, x), ops.sin(x)).values;
    const r0 = process.memoryUsage().rss, f0 = process.resourceUsage().minorPageFault, t0 = performance.now();
    for (let i = 0; i < ${iters}; i++) ops.add(ops.mul(x, x), ops.sin(x)).values;
    console.log(JSON.stringify([performance.now() - t0, process.memoryUsage().rss - r0, process.resourceUsage().minorPageFault - f0]));`;
  const plainEnv = { ...process.env };
  for (const k of Object.keys(KERNEL_ENV)) delete plainEnv[k];
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', program], { env: plainEnv, encoding: 'utf8', timeout: 600_000 });
  if (child.status === 0) {
    const [ms, rss, faults] = JSON.parse(child.stdout.trim()) as number[];
    const res = { mode: 'jacobi, plain node process (glibc\'s default malloc)', rssMiB: rss / 2 ** 20, faultsPerIter: faults / iters, msPerIter: ms / iters };
    steady.push(res);
    console.log(`steady ${res.mode}: RSS +${res.rssMiB.toFixed(1)} MiB, ${res.faultsPerIter.toFixed(1)} faults/iteration, ${res.msPerIter.toFixed(2)} ms/iteration`);
  } else {
    notes.push(`steady state in a plain node process not measured: ${child.stderr.split('\n')[0]}`);
  }
  // The same loop writing into one preallocated array: what a loop costs when it never faults.
  const out = new Float32Array(n), xd = x.values as Float32Array;
  run('plain JS into one reused Float32Array (reference)', () => { for (let i = 0; i < n; i++) { const v = xd[i]; out[i] = v * v + Math.sin(v); } });
}

// ---------- the kernel through jupyter_client (bench/kernel.py) ----------
let kernelStart: Record<string, number> | null = null;
function kernelLatency(): void {
  try {
    const out = execFileSync(PYTHON, [path.join(root, 'bench/kernel.py'), '--json', '--quick'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    kernelStart = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
    console.log(`kernel: start ${(kernelStart.start_s * 1000).toFixed(0)} ms, first cell ${kernelStart.first_cell_ms?.toFixed(0)} ms`);
  } catch (e) {
    notes.push(`kernel latency (bench/kernel.py) not measured: ${errText(e)}`);
  }
}

/** What limits each unmet target, from profiling and the measurements behind the issue 17 work. */
const COPY = 'tensors live in JavaScript typed arrays, so each WebAssembly op copies its operands into the module\'s memory and the result out (about 0.1 ns per element each way, from the L2 cache), where NumPy and tfjs-wasm compute in place';
const F64SIN = 'Jacobi\'s float32 transcendentals run in WebAssembly SIMD in double precision on 2 lanes: a short polynomial first (sin about 2.8 ns/element in the module), kept where its float32 rounding is certain and otherwise the exact kernel, so every result keeps its bits; NumPy 1.24 runs float32 sin as 16-lane AVX-512 float32 polynomials, whose results differ from the correctly rounded ones in 14% of elements (measured here against its float64 sin). Float32 polynomials on 4 lanes would move last bits (not built)';
const LIMITS: Record<string, string> = {
  'xx-sin': F64SIN + '. The three ops are fused (one pass over memory, src/ops/fused.ts), but the input is still copied into the module and the result out, where NumPy computes in place',
  chain20: 'ten of the twenty ops are sin and tanh, about 2.8 and 4.8 ns/element in the module (double precision on 2 lanes, see the x*x+sin(x) row; tanh also divides), together about 38 of the chain\'s 40; the chain is fused (deferred ops, computed a tile at a time on first read: one pass over memory instead of twenty), so the transcendentals are what remains',
  sum: 'the pairwise summation in NumPy\'s order runs at about 0.07 ns/element from cache; each 4 KiB chunk is first copied into the module\'s memory, read from main memory (40 MB), where NumPy reads the tensor in place',
  bcast: 'the add itself takes about 0.12 ns/element in the module; ' + COPY + ', and the fresh 4 MB output is cold in cache (writing into a reused buffer measured 0.28 against 0.60 ns/element for a new one; NumPy\'s allocator hands back the buffer it has just freed, still cached, and tfjs-wasm reuses its own heap)',
  'matmul-512': 'the kernel runs at about 52 GFLOP/s on one core, two fused multiply-adds of 4 lanes per cycle, the peak of WebAssembly\'s 128-bit SIMD here; NumPy\'s OpenBLAS sgemm issues AVX-512 FMAs (16 lanes each). Packing, copying into the module and faulting in the fresh result take the rest. The second thread joins only while other processes leave the second core free (measured from /proc/stat each quarter second)',
  'matmul-512-1t': 'the one-thread kernel is at WebAssembly SIMD128\'s FMA peak here (about 52 GFLOP/s, see the row above); copies in and out of the module and the fresh result\'s page faults take about 12%',
  'mlp-vg': 'the four 512x512x64 products run at the SIMD128 FMA peak (see the matmul rows), where PyTorch\'s OpenBLAS has AVX-512; then two tanh of 32768 elements (about 0.35 ms: double precision with a division), a 1 MB copy of a weight matrix into the module for each product, and fresh outputs',
  cold: 'the bundle (1 MB) runs from a V8 code cache and facades parse their signatures on first use; what remains is running the modules\' top level (the op table, about 2,000 facade functions, the methods)',
  kernelStart: 'the kernel starts node, its I/O worker thread and zeromq\'s native module before it can answer; a bare `node -e 0` took a large part of it in this run (see the cold-start table)',
  'mlp-hvp/mlp-fwd': 'the HVP itself got faster (25.8 ms two RESULTS.md ago, on another day\'s load) but the forward pass, the denominator, gained more from the SIMD tanh and the fused matmul than the HVP\'s extra products and transposes did',
  'jacfwd/jac-fwd1': 'jacfwd itself got faster (0.96 ms three RESULTS.md ago, 0.33 before this one) but the forward pass, the denominator, gained more (0.012 to 0.005 ms: small storage cut from shared blocks, no environment read per op, matrix-vector kernels); what remains is per-op bookkeeping of the batched [100,100] tangent',
  firstCell: 'after kernel_info the session loads its modules (unbundled, so that a cell\'s import of jacobi shares their classes) and the TypeScript compiler from its V8 code cache, then compiles the cell',
  steady: 'in the kernel\'s process (GLIBC_TUNABLES from install.json, which this bench runs under) the loop faults in a few dozen pages per iteration (V8\'s own heap); a plain node process with glibc\'s defaults faults hundreds to thousands (see the table): V8 frees dead ArrayBuffers in batches at garbage collections and glibc returns the freed heap to the system. No pool was built: a pool filled by a FinalizationRegistry cannot help a synchronous loop (its callbacks run only between tasks), and a buffer returned while a view or a typed array handed out still reads it would be a silently wrong number',
};

// ---------- report ----------
const stat = (id: string, lib: Lib): Stat | undefined => results.find((r) => r.id === id)?.stats[lib];
/** Median over repetitions of the paired ratio (same repetition, neighbouring runs) of two cases' times. */
function ratioTo(id: string, base: string, lib: Lib): number | undefined {
  const a = stat(id, lib), b = stat(base, lib);
  if (!a || !b) return undefined;
  if (a.samplesMs.length !== b.samplesMs.length) return a.ms / b.ms;
  return med(a.samplesMs.map((t, i) => t / b.samplesMs[i]).sort((x, y) => x - y));
}

function report(started: Date, seconds: number): void {
  const cpu = os.cpus();
  const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ` +
    `${os.platform()} ${os.release()}, Node ${process.version}, load average ${loadAtStart} at the start and ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`;
  const versions = 'tfjs-core/-backend-cpu/-backend-wasm 4.22.0, @jax-js/jax 0.1.25 (wasm device)' +
    (pyVersions.numpy ? `, NumPy ${pyVersions.numpy}` : '') + (pyVersions.torch ? `, PyTorch ${pyVersions.torch}` : '') + ' (one thread each)';
  const L: string[] = [];
  L.push('# Benchmarks: Jacobi against its JavaScript peers, NumPy and PyTorch', '');
  L.push(`Run ${started.toISOString()} (${seconds.toFixed(0)} s${quick ? ', --quick' : ''}) on ${machine}. Peers: ${versions}.`, '');
  L.push('Every case runs all libraries in one process, round-robin per repetition after warm-up; cells are ' +
    'median (min–max). Ratio = Jacobi median / peer median in the case\'s unit: for GFLOP/s higher is better ' +
    '(ratio > 1 means Jacobi is faster), for times lower is better (ratio < 1 means Jacobi is faster). ' +
    'Peers read each result back (`dataSync`) so lazy or asynchronous work is counted; jax-js ops are lazy, ' +
    'so its per-op figure includes realizing each scalar. The machine was shared with other jobs: compare ratios within this run.', '');
  const avail = PEERS.filter((p) => available.get(p));
  L.push(`Peers that ran: ${avail.join(', ') || 'none'}. Reproduce with \`npm run bench\` (full) or \`npm run bench -- --quick\`; ` +
    '↑ marks units where higher is better, ↓ where lower is; — means the library has no such operation (tfjs has no JVP, ' +
    'forward-over-reverse or Jacobian transform) or the case does not apply.', '');
  const cell = (s?: Stat, err?: string) => s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : err ? `error: ${err.slice(0, 60)}` : '—';
  L.push('## Cases', '');
  L.push(`| case | unit | ${LIBS.join(' | ')} | ${PEERS.map((p) => `Jacobi/${p}`).join(' | ')} |`);
  L.push(`|---|---|${LIBS.map(() => '---').join('|')}|${PEERS.map(() => '---').join('|')}|`);
  for (const r of results) {
    const j = r.stats.jacobi;
    const ratios = PEERS.map((p) => (j && r.stats[p] ? fmt(j.median / r.stats[p]!.median) : '—'));
    L.push(`| ${r.name} | ${r.unit} ${r.higherIsBetter ? '↑' : '↓'} | ${LIBS.map((l) => cell(r.stats[l], r.errors[l])).join(' | ')} | ${ratios.join(' | ')} |`);
  }
  L.push('', '## Autodiff cost relative to the forward pass', '', 'Median over repetitions of the ratio of neighbouring runs (the cases of a block are interleaved in each repetition).', '');
  L.push(`| ratio | ${LIBS.join(' | ')} |`, `|---|${LIBS.map(() => '---').join('|')}|`);
  const rrow = (label: string, id: string, base: string) =>
    L.push(`| ${label} | ${LIBS.map((l) => { const v = ratioTo(id, base, l); return v === undefined ? '—' : fmt(v); }).join(' | ')} |`);
  rrow('MLP value-and-grad / forward', 'mlp-vg', 'mlp-fwd');
  rrow('MLP JVP / forward', 'mlp-jvp', 'mlp-fwd');
  rrow('MLP HVP / forward', 'mlp-hvp', 'mlp-fwd');
  rrow('jacfwd R^100->R^100 / forward', 'jacfwd', 'jac-fwd1');
  rrow('jacrev R^100->R^100 / forward', 'jacrev', 'jac-fwd1');
  L.push('', '## Memory: peak live 1e6-float32 buffers, 200-op chain (beyond the input)', '');
  L.push('Measured as `process.memoryUsage().arrayBuffers` after a full `gc()`, sampled every ' +
    `${quick ? 50 : 10} ops inside the chain and at the end. jax-js keeps arrays in wasm memory, which this does not see, so it is not listed.`, '');
  L.push('| library | mode | peak live buffers | of which outputs | beyond outputs | note |', '|---|---|---|---|---|---|');
  for (const m of memResults) L.push(`| ${m.lib} | ${m.mode} | ${m.peak.toFixed(1)} | ${m.outputs} | ${(m.peak - m.outputs).toFixed(1)} | ${m.note} |`);
  L.push('', '## Cold start: `node -e` to the first printed tensor (ms, median (min–max))', '');
  L.push('| program | ms | over bare node |', '|---|---|---|');
  const bare = coldResults.find((c) => c.what.startsWith('bare'));
  for (const c of coldResults) L.push(`| ${c.what} | ${fmt(c.median)} (${fmt(c.min)}–${fmt(c.max)}) | ${bare ? fmt(c.median - bare.median) : '—'} |`);

  if (steady.length) {
    L.push('', '## Steady state: 1000 iterations of `y = x*x + sin(x)` on 1e6 float32, after 100 of warm-up', '');
    L.push('RSS growth and minor page faults (`process.resourceUsage()`) over the 1000 iterations; a loop that reuses storage neither grows nor faults.', '');
    L.push('| mode | RSS growth (MiB) | minor page faults per iteration | ms per iteration |', '|---|---|---|---|');
    for (const r of steady) L.push(`| ${r.mode} | ${fmt(r.rssMiB)} | ${fmt(r.faultsPerIter)} | ${fmt(r.msPerIter)} |`);
  }
  if (kernelStart) {
    L.push('', '## The Jupyter kernel through jupyter_client (bench/kernel.py, medians)', '');
    L.push('| what | ms |', '|---|---|');
    for (const [k, v] of Object.entries(kernelStart)) L.push(`| ${k} | ${fmt(k.endsWith('_s') ? v * 1000 : v)} |`);
  }

  // Targets from issue 17, checked against this run (ratios within this run).
  L.push('', '## Targets (issue 17)', '');
  L.push('| target | measured (Jacobi) | met | if not met: what limits it |', '|---|---|---|---|');
  const tgt = (label: string, v: number | undefined, ok: (v: number) => boolean, unit = '', limit = '') => {
    const met = v !== undefined && ok(v);
    L.push(`| ${label} | ${v === undefined ? 'not measured' : fmt(v) + unit} | ${v === undefined ? 'not measured' : met ? 'met' : 'not met'} | ${met ? '' : limit} |`);
  };
  const vsPeers = (id: string, label: string) => {
    const j = stat(id, 'jacobi')?.median, n = stat(id, 'numpy')?.median;
    const js = JS_PEERS.map((p) => stat(id, p)?.median).filter((v): v is number => v !== undefined);
    const fastest = js.length ? Math.min(...js) : undefined;
    tgt(`${label}: ≤ 1.5x NumPy's time`, j && n ? j / n : undefined, (v) => v <= 1.5, 'x NumPy', LIMITS[id] ?? '');
    tgt(`${label}: faster than every JS peer`, j && fastest ? j / fastest : undefined, (v) => v < 1, 'x the fastest JS peer', LIMITS[id] ?? '');
  };
  vsPeers('xx-sin', '`x*x+sin(x)` 1e6');
  vsPeers('chain20', '20-op chain');
  vsPeers('sum', '`sum` 1e7');
  vsPeers('bcast', 'broadcast add 1000x1000');
  const mmN = stat('matmul-512', 'numpy')?.median;
  const mm = stat('matmul-512', 'jacobi')?.median, mm1 = stat('matmul-512-1t', 'jacobi')?.median, mm2 = stat('matmul-512-2t', 'jacobi')?.median;
  tgt('matmul 512 float32, both cores (default: the worker joins when a core is free): ≥ 1.0x NumPy\'s one-thread GFLOP/s', mm && mmN ? mm / mmN : undefined, (v) => v >= 1, 'x NumPy', LIMITS['matmul-512'] ?? '');
  tgt('matmul 512 float32, two threads forced: ≥ 1.0x NumPy\'s one-thread GFLOP/s', mm2 && mmN ? mm2 / mmN : undefined, (v) => v >= 1, 'x NumPy', LIMITS['matmul-512'] ?? '');
  // The one-thread case has NumPy beside it in its own round-robin: the ratio within that case.
  const mmN1 = stat('matmul-512-1t', 'numpy')?.median ?? mmN;
  tgt('matmul 512 float32, one thread: ≥ 0.5x NumPy\'s one-thread GFLOP/s', mm1 && mmN1 ? mm1 / mmN1 : undefined, (v) => v >= 0.5, 'x NumPy', LIMITS['matmul-512-1t'] ?? '');
  const vgJ = stat('mlp-vg', 'jacobi')?.median, vgT = stat('mlp-vg', 'torch')?.median;
  tgt('MLP value-and-grad ≤ 1.5x PyTorch\'s one-thread time', vgJ && vgT ? vgJ / vgT : undefined, (v) => v <= 1.5, 'x PyTorch', LIMITS['mlp-vg'] ?? '');
  // "No worse than today": the ratios of the last run before issue 17 (bench/RESULTS.md of 2026-11-22), with 10% for noise.
  for (const [id, base, label, before] of [
    ['mlp-vg', 'mlp-fwd', 'value-and-grad / forward', 1.92], ['mlp-jvp', 'mlp-fwd', 'JVP / forward', 1.77],
    ['mlp-hvp', 'mlp-fwd', 'HVP / forward', 3.48], ['jacfwd', 'jac-fwd1', 'jacfwd / forward', 12.3], ['jacrev', 'jac-fwd1', 'jacrev / forward', 55.2],
  ] as const) {
    tgt(`${label} no worse than before (${before}, +10% for noise)`, ratioTo(id, base, 'jacobi'), (v) => v <= before * 1.1, '', LIMITS[`${id}/${base}`] ?? 'a faster forward pass (the denominator) raises this ratio when the derivative passes gained less');
  }
  tgt('per-op overhead on scalars ≤ 0.3 us', stat('scalar-add', 'jacobi')?.median, (v) => v <= 0.3, ' us', '');
  const jc = coldResults.find((c) => c.what === 'jacobi');
  tgt('import to first tensor within 50 ms of bare node', jc && bare ? jc.median - bare.median : undefined, (v) => v <= 50, ' ms', LIMITS.cold ?? '');
  tgt('kernel start to kernel_info_reply ≤ 300 ms', kernelStart ? kernelStart.start_s * 1000 : undefined, (v) => v <= 300, ' ms', LIMITS.kernelStart ?? '');
  tgt('first cell\'s result right after start ≤ 500 ms', kernelStart?.first_cell_ms, (v) => v <= 500, ' ms', LIMITS.firstCell ?? '');
  const st = steady.find((r) => r.mode === 'jacobi');
  tgt('steady-state loop: RSS flat over 1000 iterations (growth ≤ 16 MiB)', st?.rssMiB, (v) => v <= 16, ' MiB', LIMITS.steady ?? '');
  tgt('steady-state loop: no page faults (≤ 10 minor faults per iteration)', st?.faultsPerIter, (v) => v <= 10, '', LIMITS.steady ?? '');
  if (notes.length) L.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  writeFileSync(path.join(root, 'bench/RESULTS.md'), L.join('\n') + '\n');
  writeFileSync(path.join(root, 'bench/results.json'), JSON.stringify({
    date: started.toISOString(), quick, seconds, machine: { cpu: cpu[0]?.model, cores: cpu.length, memoryBytes: os.totalmem(), node: process.version, platform: `${os.platform()} ${os.release()}`, loadavg: os.loadavg() },
    peers: Object.fromEntries(available), pyVersions, cases: results, memory: memResults, coldStart: coldResults, steady, kernel: kernelStart, notes,
  }, null, 2) + '\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const phase = (what: string, t: number) => console.log(`-- ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  let t = performance.now();
  await initPeers();
  const cases = buildCases();
  phase('peers and inputs', t);
  t = performance.now();
  // Cases sharing a group id other than 'kernels'/'overhead' are interleaved together.
  const groups: Case[][] = [];
  for (const c of cases) {
    const last = groups[groups.length - 1];
    if (last && last[0].group === c.group && (c.group === 'mlp' || c.group === 'jacobian')) last.push(c);
    else groups.push([c]);
  }
  const chunks0 = gemmThreads().workerChunks;
  for (const g of groups) await runGroup(g);
  phase('cases', t);
  const th = gemmThreads();
  notes.push(`Matmul threads: ${th.running ? `the worker thread computed ${th.workerChunks - chunks0} chunks of row panels during the cases (by default it joins a product only while other processes leave a core free, from /proc/stat; JACOBI_THREADS=1 or 2 forces one or two threads)` : 'one thread (no worker here)'}.`);
  try { await crossCheck(); } catch (e) { notes.push(`Cross-check failed: ${errText(e)}`); }
  t = performance.now();
  memory();
  phase('memory', t);
  t = performance.now();
  steadyState();
  phase('steady state', t);
  t = performance.now();
  coldStart();
  phase('cold start', t);
  t = performance.now();
  kernelLatency();
  phase('kernel', t);
  py?.close();
  const seconds = (Date.now() - started.getTime()) / 1000;
  report(started, seconds);
  console.log(`wrote bench/RESULTS.md and bench/results.json (${seconds.toFixed(0)} s)`);
}

await main();
