// numpy.histogram_bin_edges and numpy.histogram, step for step (the same float64 operations in the
// same order), so hist() draws the bins and counts that matplotlib draws.
import { ValueError } from './data.js';

function outerEdges(values: Float64Array, range: [number, number] | null): [number, number] {
  let first: number, last: number;
  if (range) {
    [first, last] = range;
    if (first > last) throw new ValueError('max must be larger than min in range parameter.');
    if (!Number.isFinite(first) || !Number.isFinite(last)) throw new ValueError(`supplied range of [${first}, ${last}] is not finite`);
  } else if (values.length === 0) {
    [first, last] = [0, 1];
  } else {
    first = Infinity;
    last = -Infinity;
    for (const v of values) {
      // numpy's min/max propagate NaN, which then fails the finiteness check below.
      if (Number.isNaN(v)) {
        first = last = NaN;
        break;
      }
      if (v < first) first = v;
      if (v > last) last = v;
    }
    if (!Number.isFinite(first) || !Number.isFinite(last)) throw new ValueError(`autodetected range of [${first}, ${last}] is not finite`);
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  return [first, last];
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** numpy's bin-width estimators (numpy/lib/histograms.py). */
const WIDTH: Record<string, (x: Float64Array) => number> = {
  sqrt: (x) => ptp(x) / Math.sqrt(x.length),
  sturges: (x) => ptp(x) / (Math.log2(x.length) + 1),
  rice: (x) => ptp(x) / (2 * x.length ** (1 / 3)),
  scott: (x) => {
    const n = x.length;
    let mean = 0;
    for (const v of x) mean += v;
    mean /= n;
    let variance = 0;
    for (const v of x) variance += (v - mean) ** 2;
    variance /= n;
    return ((24 * Math.PI ** 0.5) / n) ** (1 / 3) * Math.sqrt(variance);
  },
  fd: (x) => {
    const sorted = Float64Array.from(x).sort();
    const iqr = percentile(sorted, 75) - percentile(sorted, 25);
    return (2 * iqr) * x.length ** (-1 / 3);
  },
  auto: (x) => {
    const fd = WIDTH.fd!(x), sturges = WIDTH.sturges!(x);
    return fd ? Math.min(fd, sturges) : sturges;
  },
};

function ptp(x: Float64Array): number {
  let lo = Infinity, hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return x.length ? hi - lo : 0;
}

/** Bin edges (uniform: the bin count and outer edges too, for numpy's fast counting path). */
export interface Bins {
  edges: Float64Array;
  uniform: { n: number; first: number; last: number } | null;
}

/** numpy.histogram_bin_edges(a, bins, range). */
export function binEdges(values: Float64Array, bins: unknown, range: [number, number] | null): Bins {
  if (typeof bins === 'string') {
    const estimator = WIDTH[bins];
    if (!estimator) throw new ValueError(`${JSON.stringify(bins).replace(/"/g, "'")} is not a valid estimator for \`bins\``);
    const [first, last] = outerEdges(values, range);
    const kept = range ? values.filter((v) => v >= first && v <= last) : values;
    const width = kept.length === 0 ? 0 : estimator(kept);
    const n = width ? Math.ceil((last - first) / width) : 1;
    return { edges: linspace(first, last, n + 1), uniform: { n, first, last } };
  }
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins)) throw new TypeError('`bins` must be an integer, a string, or an array');
    if (bins < 1) throw new ValueError('`bins` must be positive, when an integer');
    const [first, last] = outerEdges(values, range);
    return { edges: linspace(first, last, bins + 1), uniform: { n: bins, first, last } };
  }
  const edges = Float64Array.from(bins as ArrayLike<number>, Number);
  if (edges.length < 1) throw new ValueError('`bins` must be 1d, when an array');
  for (let i = 1; i < edges.length; i++) {
    if (edges[i]! < edges[i - 1]!) throw new ValueError('`bins` must increase monotonically, when an array');
  }
  return { edges, uniform: null };
}

/** numpy.linspace(start, stop, num): start + i * step, the last value exactly stop. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = div > 0 ? delta / div : NaN;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** numpy.histogram(a, bins, weights=w)'s counts (float64), and density when asked. */
export function histogram(values: Float64Array, bins: Bins, weights: Float64Array | null, density: boolean): Float64Array {
  const { edges, uniform } = bins;
  const nb = edges.length - 1;
  const counts = new Float64Array(Math.max(nb, 0));
  if (uniform) {
    const { n, first, last } = uniform;
    const denom = last - first;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v >= first && v <= last)) continue;
      let index = Math.trunc(((v - first) / denom) * n);
      if (index === n) index -= 1;
      if (v < edges[index]!) index -= 1;
      if (v >= edges[index + 1]! && index !== n - 1) index += 1;
      counts[index]! += weights ? weights[i]! : 1;
    }
  } else {
    // Bins are half-open [e_i, e_i+1), the last one closed, as numpy's sorted-search path counts them.
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v >= edges[0]! && v <= edges[nb]!)) continue;
      let lo = 0, hi = nb;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (v >= edges[mid]!) lo = mid;
        else hi = mid;
      }
      counts[lo]! += weights ? weights[i]! : 1;
    }
  }
  if (density) {
    let total = 0;
    for (const c of counts) total += c;
    for (let i = 0; i < nb; i++) counts[i] = counts[i]! / (edges[i + 1]! - edges[i]!) / total;
  }
  return counts;
}
