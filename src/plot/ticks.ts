// Axis limits and ticks computed as matplotlib computes them, so a figure's axes read like
// matplotlib's: autoscaling with 5% margins, sticky edges (bars and images start where their data
// starts) and nonsingular expansion; MaxNLocator's tick positions and ScalarFormatter's labels
// (one precision for all labels, U+2212 minus signs, ×10^n beyond 1e6 or below 1e-5); decades with
// 10ⁿ labels on log axes.

export type ScaleType = 'linear' | 'log';

/** matplotlib.transforms.nonsingular. */
export function nonsingular(vmin: number, vmax: number, expander = 0.001, tiny = 1e-15): [number, number] {
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) return [-expander, expander];
  let swapped = false;
  if (vmax < vmin) {
    [vmin, vmax] = [vmax, vmin];
    swapped = true;
  }
  const maxabs = Math.max(Math.abs(vmin), Math.abs(vmax));
  if (maxabs < (1e6 / tiny) * 2.2250738585072014e-308) {
    vmin = -expander;
    vmax = expander;
  } else if (vmax - vmin <= maxabs * tiny) {
    if (vmax === 0 && vmin === 0) {
      vmin = -expander;
      vmax = expander;
    } else {
      vmin -= expander * Math.abs(vmin);
      vmax += expander * Math.abs(vmax);
    }
  }
  return swapped ? [vmax, vmin] : [vmin, vmax];
}

/**
 * Axes.autoscale_view for one axis: the data interval plus `margin` of its span on each side (in the
 * scale's space), not crossing a sticky edge the data touches.
 */
export function autoscale(lo: number, hi: number, stickies: readonly number[], scale: ScaleType, margin = 0.05, minpos = Infinity): [number, number] {
  let [x0, x1] = nonsingular(lo, hi, 0.05);
  const sorted = [...stickies].filter((s) => (scale === 'log' ? s > 0 : Number.isFinite(s))).sort((a, b) => a - b);
  const tol = 1e-5 * Math.max(Math.abs(x0), Math.abs(x1), Math.abs(x1 - x0));
  let x0bound: number | undefined, x1bound: number | undefined;
  for (const s of sorted) if (s < x0 + tol) x0bound = s;
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i]! > x1 - tol) x1bound = sorted[i];
  if (scale === 'log') {
    // LogScale.limit_range_for_scale: non-positive limits become the smallest positive datum.
    if (x0 <= 0) x0 = Number.isFinite(minpos) ? minpos : 1e-300;
    if (x1 <= 0) x1 = Number.isFinite(minpos) ? minpos : 1e-300;
    const t0 = Math.log10(x0), t1 = Math.log10(x1);
    let delta = (t1 - t0) * margin;
    if (!Number.isFinite(delta)) delta = 0;
    x0 = 10 ** (t0 - delta);
    x1 = 10 ** (t1 + delta);
  } else {
    let delta = (x1 - x0) * margin;
    if (!Number.isFinite(delta)) delta = 0;
    x0 -= delta;
    x1 += delta;
  }
  if (x0bound !== undefined) x0 = Math.max(x0, x0bound);
  if (x1bound !== undefined) x1 = Math.min(x1, x1bound);
  return nonsingular(x0, x1);
}

const STEPS = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20]; // MaxNLocator's steps [1, 2, 2.5, 5, 10], extended

function scaleRange(vmin: number, vmax: number, n: number): { scale: number; offset: number } {
  const dv = Math.abs(vmax - vmin);
  const meanv = (vmax + vmin) / 2;
  const offset = Math.abs(meanv) / dv < 100 ? 0 : Math.sign(meanv) * 10 ** Math.floor(Math.log10(Math.abs(meanv)));
  return { scale: 10 ** Math.floor(Math.log10(dv / n)), offset };
}

/** Python's divmod for floats (CPython's float_divmod: fmod, then corrected), which `//` also uses. */
function divmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1;
    }
  } else {
    mod = Math.sign(wx) * 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = Math.sign(vx / wx) * 0;
  }
  return [floordiv, mod];
}

const floorDiv = (a: number, b: number) => divmod(a, b)[0];

/** MaxNLocator(nbins='auto', steps=[1, 2, 2.5, 5, 10]).tick_values, for an axis with room for `nbins` intervals. */
export function maxNLocator(vmin: number, vmax: number, nbins: number): number[] {
  [vmin, vmax] = nonsingular(vmin, vmax, 1e-13, 1e-14);
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  const { scale, offset } = scaleRange(vmin, vmax, nbins);
  const _vmin = vmin - offset, _vmax = vmax - offset;
  const steps = STEPS.map((s) => s * scale);
  const rawStep = (_vmax - _vmin) / nbins;
  let istep = steps.findIndex((s) => s >= rawStep);
  if (istep < 0) istep = steps.length - 1;
  const absOffset = Math.abs(offset);
  let ticks: number[] = [];
  for (let k = istep; k >= 0; k--) {
    const step = steps[k]!;
    const tol = absOffset > 0 ? Math.min(0.4999, Math.max(1e-10, 10 ** (Math.log10(absOffset / step) - 12))) : 1e-10;
    const closeto = (ms: number, edge: number) => Math.abs(ms - edge) < tol;
    const bestVmin = Math.floor(_vmin / step) * step;
    const le = (x: number) => {
      const [d, m] = divmod(x, step);
      return closeto(m / step, 1) ? d + 1 : d;
    };
    const ge = (x: number) => {
      const [d, m] = divmod(x, step);
      return closeto(m / step, 0) ? d : d + 1;
    };
    const low = le(_vmin - bestVmin), high = ge(_vmax - bestVmin);
    ticks = [];
    for (let i = low; i <= high; i++) ticks.push(i * step + bestVmin);
    const nticks = ticks.filter((t) => t <= _vmax && t >= _vmin).length;
    if (nticks >= 2) break;
  }
  return ticks.map((t) => t + offset);
}

/** Axis.get_tick_space: how many tick labels fit (10 pt labels; x needs 3 em per label, y 2). */
export function tickSpace(lengthPx: number, horizontal: boolean, fontSizePt = 10): number {
  const lengthPt = (lengthPx / 100) * 72;
  return Math.floor(lengthPt / (fontSizePt * (horizontal ? 3 : 2)));
}

const MINUS = '\u2212';

/** Ticks within the view interval (matplotlib draws only those), with their labels. */
export interface AxisTicks {
  values: number[];
  labels: string[];
  /** ScalarFormatter's offset text ('1e6'), drawn at the end of the axis, or ''. */
  offsetText: string;
}

function visible(ticks: number[], lo: number, hi: number): number[] {
  const [a, b] = lo < hi ? [lo, hi] : [hi, lo];
  const tol = 1e-10 * Math.max(Math.abs(b - a), Number.MIN_VALUE);
  return ticks.filter((t) => t >= a - tol && t <= b + tol);
}

/** ScalarFormatter._compute_offset: an offset when the ticks share leading digits (1000.0..1000.5 → +1e3). */
function computeOffset(locs: number[]): number {
  if (locs.length === 0) return 0;
  const lmin = Math.min(...locs), lmax = Math.max(...locs);
  if (lmin === lmax || (lmin <= 0 && 0 <= lmax)) return 0;
  const [absMin, absMax] = [Math.abs(lmin), Math.abs(lmax)].sort((a, b) => a - b) as [number, number];
  const sign = lmin < 0 ? -1 : 1;
  const ommMax = Math.ceil(Math.log10(absMax));
  let oom = ommMax;
  while (floorDiv(absMin, 10 ** oom) === floorDiv(absMax, 10 ** oom)) oom--;
  oom += 1;
  if ((absMax - absMin) / 10 ** oom <= 1e-2) {
    oom = ommMax;
    while (!(floorDiv(absMax, 10 ** oom) - floorDiv(absMin, 10 ** oom) > 1)) oom--;
    oom += 1;
  }
  const n = 4 - 1; // rcParams['axes.formatter.offset_threshold'] - 1
  return floorDiv(absMax, 10 ** oom) >= 10 ** n ? sign * floorDiv(absMax, 10 ** n) * 10 ** n : 0;
}

/** ScalarFormatter.format_data: '1e3', '-2.5e-7'. */
function formatData(value: number): string {
  const e = Math.floor(Math.log10(Math.abs(value)));
  const s = Math.round((value / 10 ** e) * 1e10) / 1e10;
  const significand = s % 1 === 0 ? String(s) : s.toFixed(10);
  return e === 0 ? significand : `${significand}e${e}`;
}

/** ScalarFormatter: every label with the same number of decimals, enough to tell the ticks apart. */
export function scalarLabels(locs: number[], lo: number, hi: number): { labels: string[]; offsetText: string } {
  const offset = computeOffset(locs);
  let oom: number;
  if (offset) {
    oom = Math.floor(Math.log10(Math.abs(hi - lo)));
  } else {
    const val = locs.length ? Math.max(...locs.map(Math.abs)) : 0;
    oom = val === 0 ? 0 : Math.floor(Math.log10(val));
  }
  if (oom > -5 && oom < 6) oom = 0;
  const scaled = locs.map((l) => (l - offset) / 10 ** oom);
  const forRange = scaled.length < 2 ? [...scaled, (lo - offset) / 10 ** oom, (hi - offset) / 10 ** oom] : scaled;
  let range = Math.max(...forRange) - Math.min(...forRange);
  if (range === 0) range = Math.max(...forRange.map(Math.abs));
  if (range === 0) range = 1;
  const rangeOom = Math.floor(Math.log10(range));
  let sigfigs = Math.max(0, 3 - rangeOom);
  const thresh = 1e-3 * 10 ** rangeOom;
  while (sigfigs >= 0) {
    const p = 10 ** sigfigs;
    if (Math.max(...scaled.map((l) => Math.abs(l - Math.round(l * p) / p))) < thresh) sigfigs--;
    else break;
  }
  sigfigs++;
  const labels = scaled.map((v) => {
    const x = Math.abs(v) < 1e-8 ? 0 : v;
    const s = x.toFixed(Math.min(sigfigs, 100));
    return /^-0?\.?0*$/.test(s) ? s.slice(1) : s.replace('-', MINUS);
  });
  let offsetText = oom === 0 ? '' : `1e${oom}`;
  if (offset) offsetText += (offset > 0 ? '+' : '') + formatData(offset);
  return { labels, offsetText: offsetText.replace(/-/g, MINUS) };
}

const SUPERSCRIPT: Record<string, string> = { '-': '\u207b', '0': '\u2070', '1': '\u00b9', '2': '\u00b2', '3': '\u00b3', '4': '\u2074', '5': '\u2075', '6': '\u2076', '7': '\u2077', '8': '\u2078', '9': '\u2079' };

/** LogLocator(base=10) decades and LogFormatterSciNotation labels (10ⁿ). */
function logTicks(lo: number, hi: number, lengthPx: number, horizontal: boolean): AxisTicks {
  const [a, b] = lo < hi ? [lo, hi] : [hi, lo];
  const d0 = Math.floor(Math.log10(a)), d1 = Math.ceil(Math.log10(b));
  const numticks = Math.max(2, Math.min(9, tickSpace(lengthPx, horizontal)));
  const stride = Math.max(1, Math.ceil((d1 - d0 + 1) / numticks));
  const values: number[] = [];
  for (let d = d0; d <= d1; d += stride) values.push(10 ** d);
  const shown = visible(values, a, b);
  const labels = shown.map((v) => '10' + [...String(Math.round(Math.log10(v)))].map((c) => SUPERSCRIPT[c] ?? c).join(''));
  return { values: shown, labels, offsetText: '' };
}

/** The ticks matplotlib draws on an axis of `lengthPx` pixels showing [lo, hi]. */
export function axisTicks(lo: number, hi: number, scale: ScaleType, lengthPx: number, horizontal: boolean): AxisTicks {
  if (scale === 'log') return logTicks(lo, hi, lengthPx, horizontal);
  const nbins = Math.max(1, Math.min(9, tickSpace(lengthPx, horizontal)));
  const values = visible(maxNLocator(lo, hi, nbins), lo, hi).map((v) => (Math.abs(v) < 1e-14 * Math.abs(hi - lo) ? 0 : v));
  return { values, ...scalarLabels(values, lo, hi) };
}
