// Line styles, markers and plot()'s format strings ('r--', 'o-', 'C2:'), read as matplotlib reads them;
// sizes in points converted to the pixels of a 100 dpi figure, and marker shapes as Vega symbols.
import { isColorSpec } from './colors.js';
import { ValueError } from './data.js';

/** Pixels per point at matplotlib's default dpi (100). */
export const PX_PER_PT = 100 / 72;

export type LineStyle = '-' | '--' | '-.' | ':' | 'None';

const LINESTYLES: Record<string, LineStyle> = {
  '-': '-', '--': '--', '-.': '-.', ':': ':', 'None': 'None', ' ': 'None', '': 'None',
  solid: '-', dashed: '--', dashdot: '-.', dotted: ':',
};

/** A linestyle by matplotlib's names; `what` names the keyword in the error ('ls' as matplotlib says). */
export function lineStyle(value: unknown, what = 'ls'): LineStyle {
  if (value === null) return 'None';
  const style = typeof value === 'string' ? LINESTYLES[value] : undefined;
  if (!style) {
    throw new ValueError(`${typeof value === 'string' ? `'${value}'` : String(value)} is not a valid value for ${what}; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'`);
  }
  return style;
}

/** rcParams['lines.{dashed,dashdot,dotted}_pattern'] in points, scaled by the line width as matplotlib does. */
export function dashArray(style: LineStyle, linewidthPt: number): number[] | undefined {
  const scale = Math.max(linewidthPt, 1) * PX_PER_PT; // lines.scale_dashes: patterns grow with the width
  const pattern = style === '--' ? [3.7, 1.6] : style === '-.' ? [6.4, 1.6, 1, 1.6] : style === ':' ? [1, 1.65] : undefined;
  return pattern?.map((p) => Math.round(p * scale * 100) / 100);
}

/** A marker as a Vega symbol: a named shape or an SVG path in [-1, 1], filled or stroked, with a size factor. */
export interface MarkerShape {
  readonly shape: string;
  readonly filled: boolean;
  /** Relative to the marker size (matplotlib's '.' is half an 'o'). */
  readonly scale: number;
}

const star = (points: number, inner: number): string => {
  let d = '';
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 === 0 ? 1 : inner;
    const a = (Math.PI * i) / points - Math.PI / 2;
    d += `${i === 0 ? 'M' : 'L'}${(r * Math.cos(a)).toFixed(3)},${(r * Math.sin(a)).toFixed(3)}`;
  }
  return d + 'Z';
};
const polygon = (n: number, rotation = -Math.PI / 2): string => {
  let d = '';
  for (let i = 0; i < n; i++) {
    const a = rotation + (2 * Math.PI * i) / n;
    d += `${i === 0 ? 'M' : 'L'}${Math.cos(a).toFixed(3)},${Math.sin(a).toFixed(3)}`;
  }
  return d + 'Z';
};

const MARKERS: Record<string, MarkerShape> = {
  '.': { shape: 'circle', filled: true, scale: 0.5 },
  ',': { shape: 'square', filled: true, scale: 0.2 },
  o: { shape: 'circle', filled: true, scale: 1 },
  v: { shape: 'triangle-down', filled: true, scale: 1 },
  '^': { shape: 'triangle-up', filled: true, scale: 1 },
  '<': { shape: 'triangle-left', filled: true, scale: 1 },
  '>': { shape: 'triangle-right', filled: true, scale: 1 },
  '1': { shape: 'M0,0L0,1M0,0L-0.866,-0.5M0,0L0.866,-0.5', filled: false, scale: 1 },
  '2': { shape: 'M0,0L0,-1M0,0L-0.866,0.5M0,0L0.866,0.5', filled: false, scale: 1 },
  '3': { shape: 'M0,0L-1,0M0,0L0.5,-0.866M0,0L0.5,0.866', filled: false, scale: 1 },
  '4': { shape: 'M0,0L1,0M0,0L-0.5,-0.866M0,0L-0.5,0.866', filled: false, scale: 1 },
  '8': { shape: polygon(8, Math.PI / 8), filled: true, scale: 1 },
  s: { shape: 'square', filled: true, scale: 0.9 },
  p: { shape: polygon(5), filled: true, scale: 1 },
  '*': { shape: star(5, 0.382), filled: true, scale: 1.3 },
  h: { shape: polygon(6), filled: true, scale: 1 },
  H: { shape: polygon(6, 0), filled: true, scale: 1 },
  '+': { shape: 'M-1,0L1,0M0,-1L0,1', filled: false, scale: 1 },
  x: { shape: 'M-0.707,-0.707L0.707,0.707M-0.707,0.707L0.707,-0.707', filled: false, scale: 1.2 },
  P: { shape: 'cross', filled: true, scale: 1 },
  X: { shape: 'M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0Z', filled: true, scale: 1 },
  D: { shape: 'diamond', filled: true, scale: 0.9 },
  d: { shape: 'M0,-1L0.6,0L0,1L-0.6,0Z', filled: true, scale: 0.9 },
  '|': { shape: 'M0,-1L0,1', filled: false, scale: 1 },
  _: { shape: 'M-1,0L1,0', filled: false, scale: 1 },
};

/** A marker by its matplotlib code; null/'None'/'' mean none. */
export function marker(value: unknown): MarkerShape | null {
  if (value === null || value === undefined || value === 'None' || value === 'none' || value === '' || value === ' ') return null;
  const m = typeof value === 'string' || typeof value === 'number' ? MARKERS[String(value)] : undefined;
  if (!m) throw new ValueError(`Unrecognized marker style ${typeof value === 'string' ? `'${value}'` : String(value)}`);
  return m;
}

export interface FormatString {
  color?: string;
  linestyle?: LineStyle;
  marker?: string;
}

const FMT_COLORS = 'bgrcmykw';

/** plot()'s fmt, '[marker][line][color]' in any order, as matplotlib's _process_plot_format reads it. */
export function parseFormat(fmt: string): FormatString {
  // A whole colour ('red', '#1f77b4', '0.5') is a colour; '0' and '1' stay marker codes.
  if (fmt !== '0' && fmt !== '1' && fmt.length > 1 && isColorSpec(fmt)) return { color: fmt };
  const out: FormatString = {};
  const bad = (why: string) => new ValueError(`'${fmt}' is not a valid format string (${why})`);
  for (let i = 0; i < fmt.length; ) {
    const two = fmt.slice(i, i + 2);
    const c = fmt[i]!;
    if (two === '--' || two === '-.') {
      if (out.linestyle !== undefined) throw bad('two linestyle symbols');
      out.linestyle = two;
      i += 2;
    } else if (c === '-' || c === ':') {
      if (out.linestyle !== undefined) throw bad('two linestyle symbols');
      out.linestyle = c;
      i += 1;
    } else if (c === 'C' && /\d/.test(fmt[i + 1] ?? '')) {
      if (out.color !== undefined) throw bad('two color symbols');
      out.color = two;
      i += 2;
    } else if (FMT_COLORS.includes(c)) {
      if (out.color !== undefined) throw bad('two color symbols');
      out.color = c;
      i += 1;
    } else if (c in MARKERS) {
      if (out.marker !== undefined) throw bad('two marker symbols');
      out.marker = c;
      i += 1;
    } else {
      throw bad(`unrecognized character '${c}'`);
    }
  }
  // A marker without a line style draws markers only.
  if (out.marker !== undefined && out.linestyle === undefined) out.linestyle = 'None';
  return out;
}
