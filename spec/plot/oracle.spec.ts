// plt against real matplotlib (Debian's python3-matplotlib): the same figures give the same axes
// limits, the same ticks with the same label texts and offset texts, and hist the same counts and
// bin edges.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../kernel/client.js';
import { missingModules, PYTHON } from '../kernel/python.js';
import { plt } from '../../src/plot/pyplot.js';
import { axesLayout } from '../../src/plot/spec.js';
import type { Axes } from '../../src/plot/figure.js';

interface AxisOut {
  lim: [number, number];
  ticks: [number, string][];
  offset: string;
}
interface Out {
  x: AxisOut;
  y: AxisOut;
  n?: number[];
  bins?: number[];
}

/** Deterministic pseudo-random numbers (a linear congruential generator). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

function cases(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const r = random(12345);
  const linspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  // Lines over spans and offsets from tiny to huge, negative, and a single point.
  for (const [lo, hi] of [[0, 1], [0, 2 * Math.PI], [-3, 7], [1e-7, 5e-7], [1000, 1000.5], [-2e6, 3e7], [0.1, 0.35], [5, 5], [-1, 1], [2, 1e4]]) {
    const x = linspace(lo!, hi!, 30);
    out.push({ kind: 'plot', x, y: x.map((v, i) => Math.sin(v + i) * (hi! - lo! + 1)) });
  }
  for (let k = 0; k < 6; k++) {
    const scale = 10 ** Math.floor(r() * 8 - 3);
    const x = Array.from({ length: 20 }, () => (r() - 0.3) * scale);
    const y = Array.from({ length: 20 }, () => r() * scale * 3);
    out.push({ kind: 'scatter', x, y });
  }
  out.push({ kind: 'plot', x: [1], y: [1] });
  out.push({ kind: 'bar', x: [1, 2, 3], height: [3, 7, 5] });
  out.push({ kind: 'bar', x: [0, 1, 2, 3], height: [-2, 4, -1, 3] });
  out.push({ kind: 'fill_between', x: linspace(0, 10, 20), y1: linspace(0, 10, 20).map(Math.sin), y2: 0 });
  const normal = Array.from({ length: 500 }, () => Math.sqrt(-2 * Math.log(r())) * Math.cos(2 * Math.PI * r()));
  out.push({ kind: 'hist', x: normal });
  out.push({ kind: 'hist', x: normal, kwargs: { bins: 25, density: true } });
  out.push({ kind: 'hist', x: normal, kwargs: { bins: 'auto' } });
  out.push({ kind: 'hist', x: normal, kwargs: { bins: [-3, -1, 0, 0.5, 2], range: [-2, 2] } });
  out.push({ kind: 'hist', x: normal.map((v) => Math.round(v * 3)), kwargs: { bins: 7, cumulative: true } });
  out.push({ kind: 'imshow', image: Array.from({ length: 20 }, (_, i) => Array.from({ length: 30 }, (_, j) => i * j)) });
  out.push({ kind: 'imshow', image: Array.from({ length: 5 }, (_, i) => Array.from({ length: 50 }, (_, j) => i - j)), kwargs: { origin: 'lower', aspect: 'auto' } });
  out.push({ kind: 'plot', x: linspace(1, 5, 20), y: linspace(1, 5, 20).map((v) => Math.exp(v * 2)), yscale: 'log' });
  return out;
}

function ours(c: Record<string, any>): Out {
  plt.close('all');
  const [, axRaw] = plt.subplots();
  const ax = axRaw as Axes;
  const out: Out = {} as Out;
  switch (c.kind) {
    case 'plot':
      ax.plot(c.x, c.y);
      break;
    case 'scatter':
      ax.scatter(c.x, c.y);
      break;
    case 'bar':
      ax.bar(c.x, c.height);
      break;
    case 'fill_between':
      ax.fill_between(c.x, c.y1, c.y2);
      break;
    case 'hist': {
      const [n, bins] = ax.hist(c.x, c.kwargs ?? {}) as unknown as [{ tolist(): number[] }, { tolist(): number[] }];
      // tolist() gives Python floats (Number objects): compare their values.
      out.n = n.tolist().map(Number);
      out.bins = bins.tolist().map(Number);
      break;
    }
    case 'imshow':
      ax.imshow(c.image, c.kwargs ?? {});
      break;
  }
  if (c.yscale) ax.set_yscale(c.yscale);
  const layout = axesLayout(ax);
  for (const k of ['x', 'y'] as const) {
    const lim = k === 'x' ? ax.get_xlim() : ax.get_ylim();
    out[k] = { lim, ticks: layout[k].ticks.values.map((v, i) => [v, layout[k].ticks.labels[i]!]), offset: layout[k].ticks.offsetText };
  }
  plt.close('all');
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('plt against matplotlib (Debian python3-matplotlib)', function () {
  this.timeout(60_000);
  const missing = missingModules(['matplotlib', 'numpy']);
  const all = cases();
  let mpl: Out[] = [];

  before(function () {
    if (missing.length > 0) return;
    const r = spawnSync(PYTHON, [join(ROOT, 'spec', 'plot', 'matplotlib_oracle.py')], { input: JSON.stringify(all), encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(r.stderr);
    mpl = JSON.parse(r.stdout) as Out[];
  });

  all.forEach((c, i) => {
    const name = `${c.kind} #${i}${c.kwargs ? ` ${JSON.stringify(c.kwargs)}` : ''}${c.yscale ? ` yscale=${c.yscale}` : ''}`;
    it(`${name}: limits, ticks and labels${c.kind === 'hist' ? ', counts and bins' : ''}`, function () {
      if (missing.length > 0) {
        console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-matplotlib)`);
        this.skip();
      }
      const want = mpl[i]!, got = ours(c);
      for (const k of ['x', 'y'] as const) {
        assert.ok(got[k].lim.every((v, j) => close(v, want[k].lim[j]!)), `${k}lim: got ${got[k].lim}, matplotlib ${want[k].lim}`);
        // Log axes: matplotlib's labels are mathtext ($\mathdefault{10^{2}}$); compare positions only.
        const labels = (t: [number, string][]) => (c.yscale === 'log' && k === 'y' ? [] : t.map(([, l]) => l));
        assert.deepEqual(labels(got[k].ticks), labels(want[k].ticks), `${k} tick labels`);
        assert.equal(got[k].ticks.length, want[k].ticks.length, `${k} ticks: got ${JSON.stringify(got[k].ticks)}, matplotlib ${JSON.stringify(want[k].ticks)}`);
        got[k].ticks.forEach(([v], j) => assert.ok(close(v, want[k].ticks[j]![0]), `${k} tick ${j}: ${v} vs ${want[k].ticks[j]![0]}`));
        assert.equal(got[k].offset, want[k].offset, `${k} offset text`);
      }
      if (want.n) {
        assert.deepEqual(got.bins, want.bins);
        assert.deepEqual(got.n, want.n);
      }
    });
  });
});
