// Jacobi's own runtime figures (no peers yet): matmul GFLOP/s, per-op overhead, elementwise
// ns/element, the MLP's value-and-grad / JVP / HVP cost over its forward pass, jacfwd/jacrev of
// R^100 -> R^100 against one forward pass, and the live buffers of a 200-op chain under each mode.
// Medians after warm-up; run with `node --expose-gc dist/bench/runtime.js [--quick]`.
import { performance } from 'node:perf_hooks';
import { jax, jnp, np, tf, ops, Tensor } from '../src/index.js';

/** Seeded float32 normals from NumPy's default_rng. */
const randomNormal = (dims: number[], mean: number, std: number, o: { seed: number }): Tensor =>
  ops.cast(np.random.default_rng(o.seed).normal(mean, std, dims) as Tensor, 'float32');

const quick = process.argv.includes('--quick');

function median(f: () => unknown, reps: number, warm = 2): number {
  for (let i = 0; i < warm; i++) f();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

const rows: [string, string][] = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(48)} ${value}`);
};

// matmul
for (const n of quick ? [256] : [64, 256, 512, 1024]) {
  const a = randomNormal([n, n], 0, 1, { seed: 1 }), b = randomNormal([n, n], 0, 1, { seed: 2 });
  const ms = median(() => ops.matmul(a, b), n >= 1024 ? 3 : 7, 1);
  report(`matmul ${n} float32`, `${((2 * n ** 3) / (ms * 1e6)).toFixed(2)} GFLOP/s`);
}

// per-op overhead
{
  const x = tf.constant(1.5), y = tf.constant(2.5);
  const n = 100_000;
  const ms = median(() => { for (let i = 0; i < n; i++) ops.add(x, y); }, 5);
  report('scalar add overhead', `${((ms * 1000) / n).toFixed(3)} us/op`);
}

// elementwise
{
  const n = 1_000_000;
  const x = randomNormal([n], 0, 1, { seed: 3 });
  const ms = median(() => ops.add(ops.mul(x, x), ops.sin(x)).values, 7);
  report('x*x + sin(x), 1e6 float32', `${((ms * 1e6) / n).toFixed(1)} ns/element`);
}

// MLP: sum(tanh(W2 @ tanh(W1 @ x)))
{
  const W1 = randomNormal([512, 512], 0, 0.05, { seed: 4 }), W2 = randomNormal([512, 512], 0, 0.05, { seed: 5 });
  const x = randomNormal([512, 64], 0, 1, { seed: 6 });
  const f = (w1: Tensor) => ops.sum(ops.tanh(ops.matmul(W2, ops.tanh(ops.matmul(w1, x)))));
  const reps = quick ? 3 : 7;
  const fwd = median(() => f(W1), reps);
  const vg = median(() => jax.value_and_grad(f)(W1), reps);
  const jv = median(() => jax.jvp(f, [W1], [W1]), reps);
  const hvp = median(() => jax.jvp((w: Tensor) => jax.grad(f)(w), [W1], [W1]), reps);
  report('MLP forward', `${fwd.toFixed(1)} ms`);
  report('MLP value_and_grad / forward', `${(vg / fwd).toFixed(2)}`);
  report('MLP jvp / forward', `${(jv / fwd).toFixed(2)}`);
  report('MLP forward-over-reverse HVP / forward', `${(hvp / fwd).toFixed(2)}`);
}

// Jacobians of R^100 -> R^100
{
  const A = randomNormal([100, 100], 0, 0.1, { seed: 7 });
  const g = (v: Tensor) => ops.tanh(ops.matmul(A, ops.sin(v)));
  const v = randomNormal([100], 0, 1, { seed: 8 });
  const fwd = median(() => g(v), 21);
  report('jacfwd R^100->R^100 / forward', `${(median(() => jax.jacfwd(g)(v), 7) / fwd).toFixed(1)}`);
  report('jacrev R^100->R^100 / forward', `${(median(() => jax.jacrev(g)(v), 7) / fwd).toFixed(1)}`);
}

// Memory of a 200-op chain on 1e6 floats: live bytes held at the end of the chain.
if (typeof globalThis.gc === 'function') {
  const gc = globalThis.gc as () => void;
  const n = 1_000_000, ops200 = 200;
  const chain = (x: Tensor) => { let y = x; for (let i = 0; i < ops200; i++) y = i % 2 ? ops.sin(y) : ops.mul(y, 1.0001); return y; };
  const live = (f: () => unknown) => {
    gc();
    const before = process.memoryUsage().arrayBuffers;
    const keep = f();
    gc();
    const after = process.memoryUsage().arrayBuffers;
    void keep;
    return (after - before) / (4 * n);
  };
  const x = randomNormal([n], 0, 1, { seed: 9 });
  report('200-op chain, plain: live 1e6-float buffers', live(() => chain(x)).toFixed(1));
  report('200-op chain, ForwardAccumulator: live buffers', live(() => {
    const acc = new tf.autodiff.ForwardAccumulator(x, jnp.ones([n]));
    return acc.run(() => { const y = chain(x); return [y, acc.jvp(y)]; });
  }).toFixed(1));
  report('200-op chain, GradientTape: live buffers', live(() => {
    const tape = new tf.GradientTape({ persistent: true });
    tape.watch(x);
    const y = tape.run(() => chain(x));
    return [tape, y];
  }).toFixed(1));
} else report('memory', 'run with node --expose-gc to measure');
