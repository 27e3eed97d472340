// Printing benchmark (issue 3): medians after warm-up for a summarized 1000x1000 float32 tensor and a
// 1000-element one, in each flavor. Run: node dist/bench/format.js
import { Tensor } from '../src/tensor/tensor.js';
import type { Flavor } from '../src/tensor/printable.js';
import { repr, str } from '../src/format/index.js';

/** Deterministic uniform [0, 1) numbers (xorshift32). */
function uniformSource(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
}

/** Deterministic standard-normal float32 data (Box-Muller). */
function randn(n: number, seed: number): Float32Array {
  const next = uniformSource(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function measure(label: string, run: () => string, reps: number): void {
  for (let i = 0; i < Math.max(5, reps >> 2); i++) run(); // warm-up
  const times: number[] = [];
  let chars = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    chars = run().length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`${label.padEnd(56)} median ${median(times).toFixed(3).padStart(8)} ms  (${reps} runs, ${chars} chars)`);
}

const big = randn(1000 * 1000, 7);
// Values in [1, 10) keep NumPy in positional notation; randn switches it to scientific (ratio > 1000).
const nextU = uniformSource(3);
const uniform = new Float32Array(1000).map(() => 1 + 9 * nextU());
const small = randn(1000, 11);
const flavors: Flavor[] = ['numpy', 'tf', 'torch', 'jax'];

for (const flavor of flavors) {
  const t = new Tensor('float32', [1000, 1000], big, flavor);
  measure(`repr 1000x1000 float32 (summarized), ${flavor}`, () => repr(t), 200);
}
for (const flavor of flavors) {
  const t = new Tensor('float32', [1000], small, flavor);
  measure(`repr 1000 float32 randn (scientific), ${flavor}`, () => repr(t), 100);
  const u = new Tensor('float32', [1000], uniform, flavor);
  measure(`repr 1000 float32 in [1, 10) (positional), ${flavor}`, () => repr(u), 100);
}
const f64 = new Tensor('float64', [1000], Float64Array.from(small, (v) => v * Math.PI), 'numpy');
measure('repr 1000 float64 randn, numpy', () => repr(f64), 100);
const tf = new Tensor('float32', [1000], small, 'tf');
measure('str 1000 float32 randn, tf', () => str(tf), 100);
