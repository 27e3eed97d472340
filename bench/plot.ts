// Figure benchmark (issue 16): medians after warm-up of what a notebook pays for a figure, the display
// bundle (SVG + Vega-Lite JSON) of a line of 1e5 points (target: under 1 s), its parts, PNG, scatter
// and imshow sizes; and, in fresh processes, the first figure (loading plt and Vega) and a session's
// `1 + 1` with plt never named (plt and Vega load lazily: start-up and `1 + 1` must not get slower).
// Run: node dist/bench/plot.js
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { plt } from '../src/plot/pyplot.js';
import type { Figure } from '../src/plot/figure.js';
import { figureBundle, pngOfSvg, svgOfSpec } from '../src/plot/render.js';
import { figureSpec } from '../src/plot/spec.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function measure(label: string, run: () => string | Uint8Array | object, reps: number): number {
  for (let i = 0; i < 2; i++) run(); // warm-up (the first figure also loads Vega)
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const out = run();
    times.push(performance.now() - t0);
    size = typeof out === 'string' || out instanceof Uint8Array ? out.length : JSON.stringify(out).length;
  }
  const ms = median(times);
  console.log(`${label.padEnd(60)} median ${ms.toFixed(1).padStart(8)} ms  (${reps} runs, ${(size / 1024).toFixed(0)} KiB)`);
  return ms;
}

/** Deterministic uniform numbers in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}

const next = uniform(1);
const n = 100_000;
const walk = new Float64Array(n);
for (let i = 1; i < n; i++) walk[i] = walk[i - 1]! + next() - 0.5;

plt.close('all');
plt.plot(walk, { linewidth: 0.8 });
plt.title('random walk, 1e5 points');
const line = plt.gcf() as Figure;
const lineMs = measure('line, 1e5 points: display bundle (SVG + Vega-Lite + text)', () => figureBundle(line), 15);
measure('line, 1e5 points: Vega-Lite spec (with path simplification)', () => figureSpec(line).spec, 15);
measure('line, 1e5 points: SVG from the spec', () => svgOfSpec(figureSpec(line)), 15);
const svg = svgOfSpec(figureSpec(line));
measure('line, 1e5 points: PNG from the SVG (resvg)', () => pngOfSvg(svg), 15);

for (const points of [10_000, 100_000]) {
  plt.close('all');
  const xs = Float64Array.from({ length: points }, () => next()), ys = Float64Array.from({ length: points }, () => next());
  plt.scatter(xs, ys, { s: 4, alpha: 0.5 });
  const fig = plt.gcf() as Figure;
  measure(`scatter, ${points} points: display bundle`, () => figureBundle(fig), points > 10_000 ? 3 : 7);
}

plt.close('all');
const side = 512;
const image = Array.from({ length: side }, (_, i) => Float64Array.from({ length: side }, (_, j) => Math.sin(i / 20) * Math.cos(j / 30)));
plt.imshow(image);
plt.colorbar();
const im = plt.gcf() as Figure;
measure(`imshow ${side}x${side} with colorbar: display bundle`, () => figureBundle(im), 7);

// Fresh processes: the first figure of a session, and a session where plt is never named.
const fresh = (code: string) => Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' }).trim());
const session = `import { Session } from './dist/src/session/session.js';
const s = new Session(); await s.ready;
const sink = { stream() {}, display() {}, clearOutput() {} };`;
const first: number[] = [], trivial: number[] = [];
for (let i = 0; i < 5; i++) {
  first.push(fresh(`${session}
    const t = performance.now(); await s.execute('plt.plot([1, 2, 3])', sink); console.log(performance.now() - t);`));
  trivial.push(fresh(`${session}
    for (let i = 0; i < 200; i++) await s.execute('1 + 1', sink);
    const ts = []; for (let i = 0; i < 300; i++) { const t = performance.now(); await s.execute('1 + 1', sink); ts.push(performance.now() - t); }
    ts.sort((a, b) => a - b); console.log(ts[ts.length >> 1] * 1000);`));
}
console.log(`${'first plot cell of a session (loads plt, Vega, Vega-Lite)'.padEnd(60)} median ${median(first).toFixed(1).padStart(8)} ms  (5 processes)`);
console.log(`${'`1 + 1` in a session that never names plt'.padEnd(60)} median ${median(trivial).toFixed(0).padStart(8)} µs  (5 processes)`);
console.log(`\ntarget: a plot of 1e5 points renders in under 1 s: ${lineMs < 1000 ? 'met' : 'NOT met'} (${lineMs.toFixed(0)} ms)`);
