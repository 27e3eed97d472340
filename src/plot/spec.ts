// A Figure as a Vega-Lite v5 spec that looks like matplotlib's defaults: each Axes a layered view of
// matplotlib's size (subplot parameters left=.125, right=.9, bottom=.11, top=.88, wspace=hspace=.2),
// a black frame, outward ticks at MaxNLocator's positions with ScalarFormatter's labels, 10 pt DejaVu
// Sans text, 5% margins, legends in the 'best' corner, colorbars as gradient legends; the figure
// cropped to its content plus 0.1 inch, as the inline backend's bbox_inches='tight' crops it.
import type { Artist, AxesImage, BarContainer, Legend, Line2D, PathCollection, PolyCollection, RuleLine, Text } from './artists.js';
import { cmapStops, cssHex, lutIndex, type RGBA } from './colors.js';
import type { Axes, AxisName, Figure } from './figure.js';
import { encodePng } from './png.js';
import { dashArray, marker as markerShape, type LineStyle, type MarkerShape } from './styles.js';
import { axisTicks, scalarLabels, type AxisTicks } from './ticks.js';

export type VegaLiteSpec = Record<string, unknown>;

export const VEGALITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** matplotlib's font.sans-serif list (DejaVu Sans first, as matplotlib ships it). */
export const FONT = 'DejaVu Sans, Bitstream Vera Sans, Computer Modern Sans Serif, Lucida Grande, Verdana, Geneva, Lucid, Arial, Helvetica, Avant Garde, sans-serif';

/** Width of text in DejaVu Sans, in ems (advance widths of its ASCII glyphs, and a few more). */
const ADVANCE: Record<string, number> = (() => {
  const widths = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838];
  const out: Record<string, number> = {};
  widths.forEach((w, i) => (out[String.fromCharCode(32 + i)] = w / 1000));
  const more: [string, number][] = [['\u2212', 838], ['\u207b', 401], ['\u2070', 401], ['\u00b9', 401], ['\u00b2', 401], ['\u00b3', 401], ['\u2074', 401], ['\u2075', 401], ['\u2076', 401], ['\u2077', 401], ['\u2078', 401], ['\u2079', 401], ['\u00d7', 838], ['\u2026', 1000], ['\u00b0', 500]];
  for (const [c, w] of more) out[c] = w / 1000;
  return out;
})();

export function textWidth(text: string, fontSizePx: number): number {
  let em = 0;
  for (const c of text) em += ADVANCE[c] ?? 0.6;
  return em * fontSizePx;
}

/** One figure's layout: the pixel box of each axes. */
interface AxesBox {
  width: number;
  height: number;
}

const SUBPLOT = { left: 0.125, right: 0.9, bottom: 0.11, top: 0.88, wspace: 0.2, hspace: 0.2 };

/** Everything the renderer needs besides the spec: images to hand Vega already decoded. */
export interface FigureSpec {
  spec: VegaLiteSpec;
  images: Map<string, { width: number; height: number }>;
  /** Data rows across layers (the inline display leaves the Vega-Lite JSON out for very large figures). */
  rows: number;
}

/** The Vega-Lite spec of a figure. */
export function figureSpec(fig: Figure): FigureSpec {
  const ctx: Ctx = { fig, pt: fig.dpi / 72, images: new Map(), rows: 0 };
  const [W, H] = [fig.figsize[0] * fig.dpi, fig.figsize[1] * fig.dpi];
  const base: VegaLiteSpec = {
    $schema: VEGALITE_SCHEMA,
    background: 'white',
    padding: Math.round(0.1 * fig.dpi),
    autosize: { type: 'pad' },
    config: config(ctx),
  };
  if (fig.suptitleText) base.title = { text: fig.suptitleText, fontSize: 12 * ctx.pt, anchor: 'middle', fontWeight: 'normal', offset: 6 * ctx.pt };
  if (fig.axes.length === 0) {
    // An empty figure: a blank canvas of the figure's size.
    return { spec: { ...base, width: W, height: H, data: { values: [] }, mark: 'point', config: { ...(base.config as object), view: { stroke: null } } }, images: ctx.images, rows: 0 };
  }
  const grids = new Set(fig.axes.map((a) => `${a.geometry.nrows}x${a.geometry.ncols}`));
  if (fig.axes.length === 1 && fig.axes[0]!.geometry.nrows * fig.axes[0]!.geometry.ncols === 1) {
    const ax = fig.axes[0]!;
    const view = axesSpec(ctx, ax, cellBox(W, H, 1, 1));
    return { spec: { ...base, ...view }, images: ctx.images, rows: ctx.rows };
  }
  // A grid: concat in row-major order, empty cells kept as blank views of the cell's size.
  const { nrows, ncols } = grids.size === 1 ? fig.axes[0]!.geometry : { nrows: fig.axes.length, ncols: 1 };
  const box = cellBox(W, H, nrows, ncols);
  const cells: VegaLiteSpec[] = [];
  for (let i = 0; i < nrows * ncols; i++) {
    const ax = grids.size === 1 ? fig.axes.find((a) => a.geometry.index === i) : fig.axes[i];
    cells.push(ax ? axesSpec(ctx, ax, box) : { width: box.width, height: box.height, data: { values: [] }, mark: 'point', view: { stroke: null } });
  }
  const spacing = Math.round(SUBPLOT.wspace * 0.5 * box.width);
  return {
    spec: { ...base, concat: cells, columns: ncols, spacing: { row: Math.round(SUBPLOT.hspace * 0.5 * box.height), column: spacing }, resolve: INDEPENDENT },
    images: ctx.images,
    rows: ctx.rows,
  };
}

/** Every axes of a grid has its own scales and legends. */
const CHANNELS = ['x', 'y', 'stroke', 'fill', 'shape', 'strokeDash', 'strokeWidth'];
const INDEPENDENT = {
  scale: Object.fromEntries(CHANNELS.map((c) => [c, 'independent'])),
  axis: { x: 'independent', y: 'independent' },
  legend: Object.fromEntries(CHANNELS.slice(2).map((c) => [c, 'independent'])),
};

interface Ctx {
  fig: Figure;
  /** Pixels per point. */
  pt: number;
  images: Map<string, { width: number; height: number }>;
  rows: number;
}

function cellBox(W: number, H: number, nrows: number, ncols: number): AxesBox {
  return {
    width: (W * (SUBPLOT.right - SUBPLOT.left)) / (ncols + SUBPLOT.wspace * (ncols - 1)),
    height: (H * (SUBPLOT.top - SUBPLOT.bottom)) / (nrows + SUBPLOT.hspace * (nrows - 1)),
  };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function config(ctx: Ctx): VegaLiteSpec {
  const pt = ctx.pt;
  const fs = 10 * pt;
  return {
    // No ARIA descriptions: Vega would format a text for every data point (most of a large plot's time).
    aria: false,
    font: FONT,
    view: { stroke: 'black', strokeWidth: round(0.8 * pt), fill: 'white' },
    axis: {
      domain: false, grid: false, ticks: true, tickColor: 'black', tickSize: round(3.5 * pt), tickWidth: round(0.8 * pt),
      labelColor: 'black', labelFontSize: round(fs), labelPadding: round(3.5 * pt), labelFlush: false, labelOverlap: false, labelBound: false,
      titleColor: 'black', titleFontSize: round(fs), titleFontWeight: 'normal', titlePadding: round(4 * pt),
      gridColor: '#b0b0b0', gridWidth: round(0.8 * pt), gridOpacity: 1,
    },
    legend: {
      labelFontSize: round(fs), labelColor: 'black', titleFontSize: round(fs), titleFontWeight: 'normal', titleColor: 'black',
      fillColor: 'rgba(255,255,255,0.8)', strokeColor: '#cccccc', cornerRadius: round(0.2 * fs), padding: round(0.4 * fs),
      rowPadding: round(0.5 * fs - 2), symbolOffset: 0, labelOffset: round(1.8 * fs), offset: round(0.5 * fs),
      symbolSize: round(fs * fs), symbolStrokeWidth: round(1.5 * pt), gradientStrokeWidth: 0,
    },
    title: { fontSize: round(12 * pt), fontWeight: 'normal', color: 'black', offset: round(6 * pt) },
    text: { font: FONT },
    locale: { number: { decimal: '.', thousands: '', grouping: [3], currency: ['', ''], minus: '\u2212' } },
  };
}

/** The pixel box of an axes after aspect='equal' (matplotlib's adjustable='box' shrinks the box). */
function adjustBox(ax: Axes, box: AxesBox, x: [number, number], y: [number, number]): AxesBox {
  let { width, height } = box;
  if (ax.colorbars.length > 0) width *= 1 - 0.15 * ax.colorbars.length; // Colorbar's fraction=0.15, pad included
  if (ax.aspect === 'auto') return { width, height };
  const a = ax.aspect === 'equal' ? 1 : ax.aspect;
  const tr = (v: [number, number], log: boolean) => (log ? Math.log10(v[1]) - Math.log10(v[0]) : v[1] - v[0]);
  const want = (a * tr(y, ax.scale.y === 'log')) / tr(x, ax.scale.x === 'log');
  if (!(want > 0) || !Number.isFinite(want)) return { width, height };
  if (height / width > want) height = width * want;
  else width = height / want;
  return { width, height };
}

/** An axes' box in pixels, limits, and the ticks and labels drawn on each axis. */
export interface AxesLayout {
  box: AxesBox;
  x: { lim: [number, number]; ticks: AxisTicks };
  y: { lim: [number, number]; ticks: AxisTicks };
}

/** The layout of an axes of its figure (the box of its grid cell, adjusted for aspect and colorbars). */
export function axesLayout(ax: Axes, cell?: AxesBox): AxesLayout {
  const fig = ax.figure;
  cell ??= cellBox(fig.figsize[0] * fig.dpi, fig.figsize[1] * fig.dpi, ax.geometry.nrows, ax.geometry.ncols);
  const xl = ax.viewLimits('x'), yl = ax.viewLimits('y');
  const box = adjustBox(ax, cell, xl, yl);
  return { box, x: { lim: xl, ticks: ticksOf(ax, 'x', xl, box.width) }, y: { lim: yl, ticks: ticksOf(ax, 'y', yl, box.height) } };
}

function axesSpec(ctx: Ctx, ax: Axes, cell: AxesBox): VegaLiteSpec {
  const pt = ctx.pt;
  const layout = axesLayout(ax, cell);
  const { box } = layout;
  const [xl, yl] = [layout.x.lim, layout.y.lim];
  const ticks = { x: layout.x.ticks, y: layout.y.ticks };
  const enc = { x: positionEncoding(ax, 'x', xl, ticks.x), y: positionEncoding(ax, 'y', yl, ticks.y) };
  const pos = new PixelMap(ax, xl, yl, box);
  const layers: VegaLiteSpec[] = [];
  // The frame layer carries the axes even when there is no data.
  layers.push({ data: { values: [] }, mark: { type: 'point', opacity: 0 }, encoding: { x: { ...enc.x, field: 'x' }, y: { ...enc.y, field: 'y' } } });
  const ordered = ax.artists.map((a, i) => [a, i] as const).sort((p, q) => p[0].zorder - q[0].zorder || p[1] - q[1]).map(([a]) => a);
  for (const art of ordered) layers.push(...artistLayers(ctx, art, enc, pos));
  for (const [k, text] of [['x', ticks.x.offsetText], ['y', ticks.y.offsetText]] as const) {
    if (!text) continue;
    // ScalarFormatter's offset text ('1e6') at the end of its axis.
    layers.push({
      data: { values: [{}] },
      mark: { type: 'text', text, fontSize: round(10 * pt), align: k === 'x' ? 'right' : 'left', baseline: k === 'x' ? 'top' : 'bottom', color: 'black' },
      encoding: k === 'x' ? { x: { value: box.width }, y: { value: box.height + round(10 * pt + 2 * 3.5 * pt + 4) } } : { x: { value: 0 }, y: { value: -round(2 * pt) } },
    });
  }
  if (ax.legendSpec && ax.legendSpec.entries.length > 0) layers.push(legendLayer(ctx, ax.legendSpec, pos));
  ax.colorbars.forEach((cb, i) => layers.push(colorbarLayer(ctx, cb, box, i)));
  const view: VegaLiteSpec = { width: round(box.width), height: round(box.height), layer: layers };
  const independent = ax.colorbars.length > 0;
  if (independent) view.resolve = { scale: { fill: 'independent' }, legend: { fill: 'independent' } };
  const title = titleOf(ax, pt);
  if (title) view.title = title;
  return view;
}

function titleOf(ax: Axes, pt: number): VegaLiteSpec | undefined {
  const fontSize = round((ax.titleFontsize ?? 12) * pt);
  const { left, center, right } = ax.title;
  if (!left && !center && !right) return undefined;
  // One title per view in Vega-Lite: the centre one, else the left or right one where it belongs.
  const [text, anchor] = center ? [center, 'middle'] : left ? [left, 'start'] : [right, 'end'];
  const title: VegaLiteSpec = { text: text.split('\n'), anchor, frame: 'group', fontSize };
  if (center && (left || right)) title.subtitle = [left, right].filter(Boolean).join('    ');
  return title;
}

function ticksOf(ax: Axes, axis: AxisName, lim: [number, number], lengthPx: number): AxisTicks {
  const fixed = ax.tickLabels[axis];
  const cats = ax.categories[axis];
  if (fixed) {
    const inside = fixed.values.map((v, i) => [v, i] as const).filter(([v]) => v >= lim[0] - 1e-10 * (lim[1] - lim[0]) && v <= lim[1] + 1e-10 * (lim[1] - lim[0]));
    const values = inside.map(([v]) => v);
    const labels = fixed.labels ? inside.map(([, i]) => fixed.labels![i]!) : scalarLabels(values, lim[0], lim[1]).labels;
    return { values, labels, offsetText: '' };
  }
  if (cats.length > 0) {
    const values = cats.map((_, i) => i).filter((i) => i >= lim[0] && i <= lim[1]);
    return { values, labels: values.map((i) => cats[i]!), offsetText: '' };
  }
  return axisTicks(lim[0], lim[1], ax.scale[axis], lengthPx, axis === 'x');
}

type PositionEncoding = Record<string, unknown>;

function positionEncoding(ax: Axes, axis: AxisName, lim: [number, number], ticks: AxisTicks): PositionEncoding {
  const label = axis === 'x' ? ax.xlabel : ax.ylabel;
  const gs = ax.gridStyle;
  const axisDef: Record<string, unknown> = {
    values: ticks.values,
    labelExpr: `${JSON.stringify(ticks.labels)}[indexof(${JSON.stringify(ticks.values)}, datum.value)]`,
    grid: ax.gridOn[axis],
    title: label === '' ? null : label.split('\n'),
  };
  if (ax.gridOn[axis]) {
    Object.assign(axisDef, { gridColor: cssHex(gs.color), gridWidth: round(gs.linewidth * ax.figure.dpi / 72), gridOpacity: gs.alpha ?? gs.color[3] });
    const dash = dashArray(gs.linestyle, gs.linewidth);
    if (dash) axisDef.gridDash = dash;
  }
  if (ax.hideTickLabels[axis]) axisDef.labels = false;
  return {
    type: 'quantitative',
    scale: { type: ax.scale[axis], domain: lim, nice: false, zero: ax.scale[axis] === 'log' ? undefined : false, reverse: ax.inverted[axis] || undefined },
    axis: axisDef,
    title: label === '' ? null : label.split('\n'),
  };
}

/** Data to the axes' pixels (origin top left), for the legend's 'best' placement. */
class PixelMap {
  constructor(readonly ax: Axes, private readonly xl: [number, number], private readonly yl: [number, number], readonly box: AxesBox) {}
  private t(v: number, axis: AxisName): number {
    const [lo, hi] = axis === 'x' ? this.xl : this.yl;
    const log = this.ax.scale[axis] === 'log';
    const f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    return this.ax.inverted[axis] ? 1 - f : f;
  }
  x(v: number): number {
    return this.t(v, 'x') * this.box.width;
  }
  y(v: number): number {
    return (1 - this.t(v, 'y')) * this.box.height;
  }
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

function opacityOf(alpha: number | null, color: RGBA): number {
  return alpha ?? color[3];
}

function artistLayers(ctx: Ctx, art: Artist, enc: { x: PositionEncoding; y: PositionEncoding }, pos: PixelMap): VegaLiteSpec[] {
  switch (art.kind) {
    case 'line':
      return lineLayers(ctx, art, enc, pos);
    case 'scatter':
      return [scatterLayer(ctx, art, enc)];
    case 'bars':
      return [barsLayer(ctx, art, enc)];
    case 'image':
      return [imageLayer(ctx, art, enc, pos)];
    case 'fill':
      return [fillLayer(ctx, art, enc)];
    case 'rule':
      return [ruleLayer(ctx, art, enc)];
    case 'text':
      return [textLayer(ctx, art, enc, pos)];
  }
}

function strokeStyle(ctx: Ctx, linestyle: LineStyle, linewidth: number): Record<string, unknown> {
  const dash = dashArray(linestyle, linewidth);
  return {
    strokeWidth: round(linewidth * ctx.pt),
    ...(dash ? { strokeDash: dash, strokeCap: 'butt' } : { strokeCap: 'square' }),
    strokeJoin: 'round',
  };
}

/** A marker's Vega symbol: its shape and its size (the area of its bounding square, px²). */
function symbolOf(ctx: Ctx, code: string, sizePt: number): { shape: string; size: number; filled: boolean } {
  const m = markerShape(code) as MarkerShape;
  const d = sizePt * m.scale * ctx.pt;
  return { shape: m.shape, size: round(d * d), filled: m.filled };
}

/** Lines longer than this many points are simplified before drawing (see simplify). */
const SIMPLIFY_ABOVE = 2000;

/**
 * Path simplification, as matplotlib simplifies long paths before drawing (rcParams['path.simplify']):
 * of each run of consecutive points falling in one quarter-pixel column, only the first, the lowest,
 * the highest and the last are kept, in order. The drawn line is the same to a quarter pixel; a plot
 * of 1e5 points becomes a few thousand vertices. Breaks (non-finite points) are kept.
 */
export function simplify(x: Float64Array, y: Float64Array, toPx: (v: number) => number, resolution = 0.25): number[] {
  const keep: number[] = [];
  let column = NaN, first = -1, last = -1, lo = -1, hi = -1;
  const flush = () => {
    if (first < 0) return;
    const idx = [first, lo, hi, last].sort((a, b) => a - b);
    for (let k = 0; k < idx.length; k++) if (k === 0 || idx[k] !== idx[k - 1]) keep.push(idx[k]!);
    first = -1;
  };
  for (let i = 0; i < x.length; i++) {
    const px = toPx(x[i]!);
    if (!Number.isFinite(px) || !Number.isFinite(y[i]!)) {
      flush();
      keep.push(i);
      column = NaN;
      continue;
    }
    const c = Math.floor(px / resolution);
    if (c !== column) {
      flush();
      column = c;
      first = last = lo = hi = i;
    } else {
      last = i;
      if (y[i]! < y[lo]!) lo = i;
      if (y[i]! > y[hi]!) hi = i;
    }
  }
  flush();
  return keep;
}

function lineLayers(ctx: Ctx, line: Line2D, enc: { x: PositionEncoding; y: PositionEncoding }, pos: PixelMap): VegaLiteSpec[] {
  const simplified = !line.marker && line.x.length > SIMPLIFY_ABOVE ? simplify(line.x, line.y, (v) => pos.x(v)) : null;
  const n = simplified ? simplified.length : line.x.length;
  const values = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = simplified ? simplified[k]! : k;
    values[k] = { x: num(line.x[i]!), y: num(line.y[i]!) };
  }
  ctx.rows += values.length;
  const color = cssHex(line.color);
  const opacity = opacityOf(line.alpha, line.color);
  const layers: VegaLiteSpec[] = [];
  const encoding = { x: { ...enc.x, field: 'x' }, y: { ...enc.y, field: 'y' }, order: { value: null } };
  if (line.linestyle !== 'None') {
    layers.push({ data: { values }, mark: { type: 'line', color, opacity, clip: true, ...strokeStyle(ctx, line.linestyle, line.linewidth) }, encoding });
  }
  if (line.marker) {
    const sym = symbolOf(ctx, line.marker, line.markersize);
    const face = line.markerfacecolor ? cssHex(line.markerfacecolor) : color;
    const edge = line.markeredgecolor ? cssHex(line.markeredgecolor) : color;
    layers.push({
      data: { values },
      mark: { type: 'point', shape: sym.shape, size: sym.size, filled: sym.filled, fill: sym.filled ? face : null, stroke: edge, strokeWidth: round(ctx.pt), opacity, fillOpacity: 1, clip: true },
      encoding: { x: encoding.x, y: encoding.y },
    });
  }
  return layers;
}

function scatterLayer(ctx: Ctx, sc: PathCollection, enc: { x: PositionEncoding; y: PositionEncoding }): VegaLiteSpec {
  const n = sc.x.length;
  const values = new Array(n);
  const perSize = typeof sc.sizes !== 'number';
  const perColor = sc.colors.kind !== 'single';
  const hexes = colorsOf(sc);
  const m = markerShape(sc.marker) as MarkerShape;
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = { x: num(sc.x[i]!), y: num(sc.y[i]!) };
    if (perSize) row.s = round((sc.sizes as Float64Array)[i]! * m.scale * m.scale * ctx.pt * ctx.pt);
    if (perColor) row.c = hexes[i] ?? null;
    values[i] = row;
  }
  ctx.rows += n;
  const mark: Record<string, unknown> = {
    type: 'point', shape: m.shape, filled: m.filled, clip: true, opacity: sc.alpha ?? 1,
    strokeWidth: m.filled ? (sc.edgecolor === null ? 0 : round(sc.linewidth * ctx.pt)) : round(1.5 * ctx.pt),
  };
  if (!perSize) mark.size = round((sc.sizes as number) * m.scale * m.scale * ctx.pt * ctx.pt);
  const single = sc.colors.kind === 'single' ? cssHex(sc.colors.color) : undefined;
  if (single) {
    mark.color = single;
    if (sc.colors.kind === 'single' && sc.alpha === null) mark.opacity = sc.colors.color[3];
  }
  if (sc.edgecolor !== null && sc.edgecolor !== 'face') mark.stroke = cssHex(sc.edgecolor);
  const encoding: Record<string, unknown> = { x: { ...enc.x, field: 'x' }, y: { ...enc.y, field: 'y' } };
  if (perSize) encoding.size = { field: 's', type: 'quantitative', scale: null, legend: null };
  if (perColor) {
    encoding.fill = { field: 'c', type: 'nominal', scale: null, legend: null };
    if (sc.edgecolor === 'face' || !m.filled) encoding.stroke = { field: 'c', type: 'nominal', scale: null, legend: null };
  }
  return { data: { values }, mark, encoding };
}

/** Per-point colours of a collection, as hex (mapped values through the colormap, NaN as null). */
function colorsOf(sc: PathCollection): (string | null)[] {
  const c = sc.colors;
  if (c.kind === 'single') return [cssHex(c.color)];
  if (c.kind === 'each') return c.colors.map(cssHex);
  const out: (string | null)[] = [];
  for (const v of c.values) {
    if (Number.isNaN(v)) {
      out.push(null);
      continue;
    }
    const k = lutIndex(c.vmax === c.vmin ? 0 : (v - c.vmin) / (c.vmax - c.vmin)) * 3;
    out.push('#' + [0, 1, 2].map((j) => c.cmap.lut[k + j]!.toString(16).padStart(2, '0')).join(''));
  }
  return out;
}

function barsLayer(ctx: Ctx, bars: BarContainer, enc: { x: PositionEncoding; y: PositionEncoding }): VegaLiteSpec {
  const same = bars.colors.every((c) => c === bars.colors[0]);
  const values = bars.rects.map((r, i) => ({ x: r.x0, x2: r.x1, y: r.y0, y2: r.y1, ...(same ? {} : { c: cssHex(bars.colors[i]!) }) }));
  ctx.rows += values.length;
  const mark: Record<string, unknown> = { type: 'rect', clip: true, opacity: bars.alpha ?? bars.colors[0]?.[3] ?? 1 };
  if (same && bars.colors[0]) mark.color = cssHex(bars.colors[0]);
  if (bars.edgecolor) Object.assign(mark, { stroke: cssHex(bars.edgecolor), strokeWidth: round(bars.linewidth * ctx.pt) });
  const encoding: Record<string, unknown> = { x: { ...enc.x, field: 'x' }, x2: { field: 'x2' }, y: { ...enc.y, field: 'y' }, y2: { field: 'y2' } };
  if (!same) encoding.fill = { field: 'c', type: 'nominal', scale: null, legend: null };
  return { data: { values }, mark, encoding };
}

function imageLayer(ctx: Ctx, img: AxesImage, enc: { x: PositionEncoding; y: PositionEncoding }, pos: PixelMap): VegaLiteSpec {
  const [l, r, b, t] = img.extent;
  // Row 0 goes at the extent's top (origin='upper') or bottom; the PNG's first row is the one on top.
  const row0 = img.origin === 'upper' ? t : b, rowN = img.origin === 'upper' ? b : t;
  const flipRows = pos.y(row0) > pos.y(rowN);
  const flipCols = pos.x(l) > pos.x(r);
  const png = encodePng(applyAlpha(img), img.rows, img.cols, flipRows, flipCols);
  const url = 'data:image/png;base64,' + png.toString('base64');
  ctx.images.set(url, { width: img.cols, height: img.rows });
  return {
    data: { values: [{}] },
    mark: { type: 'image', url, aspect: false, smooth: img.smooth, clip: true },
    encoding: { x: { ...enc.x, datum: Math.min(l, r) }, x2: { datum: Math.max(l, r) }, y: { ...enc.y, datum: Math.min(b, t) }, y2: { datum: Math.max(b, t) } },
  };
}

function applyAlpha(img: AxesImage): Uint8Array {
  if (img.alpha === null) return img.rgba;
  const out = Uint8Array.from(img.rgba);
  for (let i = 3; i < out.length; i += 4) out[i] = Math.round(out[i]! * img.alpha);
  return out;
}

function fillLayer(ctx: Ctx, fill: PolyCollection, enc: { x: PositionEncoding; y: PositionEncoding }): VegaLiteSpec {
  const values = new Array(fill.x.length);
  for (let i = 0; i < values.length; i++) {
    const on = fill.where === null || fill.where[i] === 1;
    values[i] = { x: num(fill.x[i]!), y: on ? num(fill.y1[i]!) : null, y2: on ? num(fill.y2[i]!) : null };
  }
  ctx.rows += values.length;
  const mark: Record<string, unknown> = { type: 'area', color: cssHex(fill.color), opacity: opacityOf(fill.alpha, fill.color), clip: true, interpolate: 'linear' };
  if (fill.edgecolor) Object.assign(mark, { stroke: cssHex(fill.edgecolor), strokeWidth: round(fill.linewidth * ctx.pt) });
  return { data: { values }, mark, encoding: { x: { ...enc.x, field: 'x' }, y: { ...enc.y, field: 'y' }, y2: { field: 'y2' }, order: { value: null } } };
}

function ruleLayer(ctx: Ctx, rule: RuleLine, enc: { x: PositionEncoding; y: PositionEncoding }): VegaLiteSpec {
  const mark = { type: 'rule', color: cssHex(rule.color), opacity: opacityOf(rule.alpha, rule.color), clip: true, ...strokeStyle(ctx, rule.linestyle, rule.linewidth) };
  const across = rule.orient === 'h' ? 'x' : 'y';
  const at = rule.orient === 'h' ? 'y' : 'x';
  const full = rule.from === 0 && rule.to === 1;
  const encoding: Record<string, unknown> = { [at]: { ...(at === 'x' ? enc.x : enc.y), datum: rule.value } };
  if (!full) {
    // Axes fractions along the other axis, in pixels of the view.
    const frac = (f: number) => (across === 'x' ? { value: { expr: `${f} * width` } } : { value: { expr: `(1 - ${f}) * height` } });
    encoding[across] = frac(rule.from);
    encoding[across + '2'] = frac(rule.to);
  }
  return { data: { values: [{}] }, mark, encoding };
}

function textLayer(ctx: Ctx, text: Text, enc: { x: PositionEncoding; y: PositionEncoding }, pos: PixelMap): VegaLiteSpec {
  const baseline = text.va === 'center' ? 'middle' : text.va === 'baseline' ? 'alphabetic' : text.va;
  const mark = { type: 'text', text: text.text.split('\n'), fontSize: round(text.fontsize * ctx.pt), color: cssHex(text.color), align: text.ha, baseline, clip: false };
  const encoding = text.axesCoords
    ? { x: { value: round(text.x * pos.box.width) }, y: { value: round((1 - text.y) * pos.box.height) } }
    : { x: { ...enc.x, datum: text.x }, y: { ...enc.y, datum: text.y } };
  return { data: { values: [{}] }, mark, encoding };
}

// ---- legends ----

interface Entry {
  label: string;
  stroke: string;
  fill: string;
  shape: string;
  dash: number[];
  width: number;
  opacity: number;
}

/** How an artist looks in the legend (matplotlib's handlers: a line, a marker, a patch). */
function entryOf(ctx: Ctx, label: string, art: Artist): Entry {
  const transparent = 'transparent';
  // Symbols are drawn at the legend's symbolSize, 1 em square: one unit of a path is half an em, so a
  // handle 2 em long (legend.handlelength) spans [-1, 3] (the symbol's box is [-1, 1]; labels are
  // offset by the extra em).
  const unit = (10 * ctx.pt) / 2;
  const markerPath = (code: string, sizePt: number) => {
    const m = markerShape(code) as MarkerShape;
    const r = (sizePt * m.scale * ctx.pt) / 2 / unit; // the marker's half-size in path units
    return { path: scaledShape(m.shape, r, 1), filled: m.filled };
  };
  switch (art.kind) {
    case 'line':
    case 'rule': {
      const color = cssHex(art.color);
      const dash = dashArray(art.linestyle, art.linewidth) ?? [];
      const line = art.linestyle === 'None' ? '' : 'M-1,0L3,0';
      const mk = art.kind === 'line' && art.marker ? markerPath(art.marker, art.markersize) : null;
      const shape = (line + (mk ? mk.path : '')) || 'M-1,0L3,0';
      return { label, stroke: color, fill: mk?.filled ? (art.kind === 'line' && art.markerfacecolor ? cssHex(art.markerfacecolor) : color) : transparent, shape, dash: mk ? [] : dash, width: round(art.linewidth * ctx.pt), opacity: opacityOf(art.alpha, art.color) };
    }
    case 'scatter': {
      const hex = colorsOf(art)[0] ?? '#000000';
      const mk = markerPath(art.marker, Math.sqrt(typeof art.sizes === 'number' ? art.sizes : art.sizes[0] ?? 36));
      return { label, stroke: mk.filled ? transparent : hex, fill: mk.filled ? hex : transparent, shape: mk.path, dash: [], width: round(ctx.pt), opacity: art.alpha ?? 1 };
    }
    case 'bars':
    case 'fill': {
      const color = art.kind === 'bars' ? art.colors[0] ?? ([0, 0, 0, 1] as RGBA) : art.color;
      const edge = art.edgecolor ? cssHex(art.edgecolor) : transparent;
      return { label, stroke: edge, fill: cssHex(color), shape: 'M-1,-0.7L3,-0.7L3,0.7L-1,0.7Z', dash: [], width: art.edgecolor ? round(art.linewidth * ctx.pt) : 0, opacity: opacityOf(art.alpha, color) };
    }
    default:
      return { label, stroke: transparent, fill: transparent, shape: 'square', dash: [], width: 0, opacity: 1 };
  }
}

/** A named Vega shape or a [-1, 1] path, as a path scaled by r about the centre and moved right by dx. */
function scaledShape(shape: string, r: number, dx = 0): string {
  const named: Record<string, string> = {
    circle: 'M1,0C1,0.552,0.552,1,0,1C-0.552,1,-1,0.552,-1,0C-1,-0.552,-0.552,-1,0,-1C0.552,-1,1,-0.552,1,0Z',
    square: 'M-1,-1L1,-1L1,1L-1,1Z',
    diamond: 'M0,-1L1,0L0,1L-1,0Z',
    'triangle-up': 'M0,-1L0.866,0.5L-0.866,0.5Z',
    'triangle-down': 'M0,1L0.866,-0.5L-0.866,-0.5Z',
    'triangle-left': 'M-1,0L0.5,-0.866L0.5,0.866Z',
    'triangle-right': 'M1,0L-0.5,-0.866L-0.5,0.866Z',
    cross: 'M-1,-0.33L-0.33,-0.33L-0.33,-1L0.33,-1L0.33,-0.33L1,-0.33L1,0.33L0.33,0.33L0.33,1L-0.33,1L-0.33,0.33L-1,0.33Z',
  };
  const path = named[shape] ?? shape;
  // Every command in these paths takes x,y pairs: even numbers are x.
  let k = 0;
  return path.replace(/-?\d*\.?\d+(?:e-?\d+)?/g, (n) => String(round(Number(n) * r + (k++ % 2 === 0 ? dx : 0), 3)));
}

/** legend(): a layer of its own whose merged stroke/fill/shape/dash/width legends draw matplotlib's handles. */
function legendLayer(ctx: Ctx, legend: Legend, pos: PixelMap): VegaLiteSpec {
  // Vega-Lite needs distinct domain values; repeated labels get invisible suffixes.
  const seen = new Map<string, number>();
  const entries = legend.entries.map((e) => {
    const k = seen.get(e.label) ?? 0;
    seen.set(e.label, k + 1);
    return entryOf(ctx, e.label + '\u200b'.repeat(k), e.artist);
  });
  const domain = entries.map((e) => e.label);
  // Alpha goes into the colours: an opacity channel would show the layer's (hidden) points.
  const withAlpha = (color: string, opacity: number) => (opacity >= 1 || color === 'transparent' ? color : rgba(color, opacity));
  const fs = round((legend.fontsize ?? 10) * ctx.pt);
  const placement = legendPlacement(ctx, legend, entries, fs, pos);
  const common: Record<string, unknown> = {
    title: legend.title, labelFontSize: fs, symbolOpacity: 1, columns: legend.ncols > 1 ? legend.ncols : undefined, ...placement,
    ...(legend.frameon ? {} : { fillColor: null, strokeColor: null }),
  };
  // Sorted by an explicit order (the entries'), so that no channel counts as unsorted.
  const channel = (range: unknown[], extra: Record<string, unknown> = {}) => ({ field: 'label', type: 'nominal', sort: domain, scale: { domain, range, ...extra }, legend: common });
  return {
    data: { values: domain.map((label) => ({ label })) },
    mark: { type: 'point', opacity: 0, filled: false },
    encoding: {
      stroke: channel(entries.map((e) => withAlpha(e.stroke, e.opacity))),
      fill: channel(entries.map((e) => withAlpha(e.fill, e.opacity))),
      shape: channel(entries.map((e) => e.shape)),
      strokeDash: channel(entries.map((e) => (e.dash.length ? e.dash : [1, 0]))),
      strokeWidth: channel(entries.map((e) => e.width), { type: 'ordinal' }),
    },
  };
}

function rgba(hex: string, alpha: number): string {
  const v = (i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `rgba(${v(1)},${v(3)},${v(5)},${round(alpha, 3)})`;
}

const LOC_ORIENT: Record<string, string> = { 'upper right': 'top-right', 'upper left': 'top-left', 'lower left': 'bottom-left', 'lower right': 'bottom-right' };
const CANDIDATES = ['upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'];

/** Where the legend goes: matplotlib's 'best' (the candidate covering the least data, in its order), or loc. */
function legendPlacement(ctx: Ctx, legend: Legend, entries: Entry[], fs: number, pos: PixelMap): Record<string, unknown> {
  const pad = round(0.5 * fs); // borderaxespad
  const width = 2 * 0.4 * fs + 2 * fs + 0.8 * fs + Math.max(0, ...entries.map((e) => textWidth(e.label, fs))) + (legend.title ? 0 : 0);
  const height = 2 * 0.4 * fs + entries.length * (fs + 2) + (entries.length - 1) * (0.5 * fs - 2) + (legend.title ? fs + 4 : 0);
  const { width: W, height: H } = pos.box;
  const origin = (loc: string): [number, number] => {
    const x = loc.includes('left') ? pad : loc.includes('right') ? W - pad - width : (W - width) / 2;
    const y = loc.startsWith('upper') ? pad : loc.startsWith('lower') ? H - pad - height : (H - height) / 2;
    return [x, y];
  };
  let loc = legend.loc;
  if (loc === 'best') loc = bestLocation(pos, width, height, origin);
  if (LOC_ORIENT[loc]) return { orient: LOC_ORIENT[loc], offset: pad };
  const [x, y] = origin(loc);
  return { orient: 'none', legendX: round(x), legendY: round(y) };
}

function bestLocation(pos: PixelMap, width: number, height: number, origin: (loc: string) => [number, number]): string {
  const ax = pos.ax;
  const points: [number, number][] = [];
  const polylines: [number, number][][] = [];
  const boxes: [number, number, number, number][] = [];
  for (const art of ax.artists) {
    if (art.kind === 'line') {
      const pl: [number, number][] = [];
      for (let i = 0; i < art.x.length; i++) pl.push([pos.x(art.x[i]!), pos.y(art.y[i]!)]);
      polylines.push(pl);
    } else if (art.kind === 'scatter') {
      for (let i = 0; i < art.x.length; i++) points.push([pos.x(art.x[i]!), pos.y(art.y[i]!)]);
    } else if (art.kind === 'bars') {
      for (const r of art.rects) boxes.push([Math.min(pos.x(r.x0), pos.x(r.x1)), Math.min(pos.y(r.y0), pos.y(r.y1)), Math.max(pos.x(r.x0), pos.x(r.x1)), Math.max(pos.y(r.y0), pos.y(r.y1))]);
    } else if (art.kind === 'fill') {
      const upper: [number, number][] = [], lower: [number, number][] = [];
      for (let i = 0; i < art.x.length; i++) {
        upper.push([pos.x(art.x[i]!), pos.y(art.y1[i]!)]);
        lower.push([pos.x(art.x[i]!), pos.y(art.y2[i]!)]);
      }
      polylines.push(upper, lower);
    }
  }
  let best = CANDIDATES[0]!, bestBadness = Infinity;
  for (const loc of CANDIDATES) {
    const [x0, y0] = origin(loc);
    const x1 = x0 + width, y1 = y0 + height;
    const inside = (p: [number, number]) => p[0] > x0 && p[0] < x1 && p[1] > y0 && p[1] < y1;
    let badness = 0;
    for (const pl of polylines) {
      let crosses = false;
      for (let i = 0; i < pl.length; i++) {
        if (inside(pl[i]!)) badness++;
        if (!crosses && i > 0 && segmentHitsBox(pl[i - 1]!, pl[i]!, x0, y0, x1, y1)) crosses = true;
      }
      if (crosses) badness++;
    }
    for (const p of points) if (inside(p)) badness++;
    for (const [a, b, c, d] of boxes) if (a < x1 && c > x0 && b < y1 && d > y0) badness++;
    if (badness === 0) return loc;
    if (badness < bestBadness) [best, bestBadness] = [loc, badness];
  }
  return best;
}

function segmentHitsBox(p: [number, number], q: [number, number], x0: number, y0: number, x1: number, y1: number): boolean {
  if (![...p, ...q].every(Number.isFinite)) return false;
  // Liang–Barsky clipping: does any part of the segment fall inside the box?
  let t0 = 0, t1 = 1;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  for (const [pk, qk] of [[-dx, p[0] - x0], [dx, x1 - p[0]], [-dy, p[1] - y0], [dy, y1 - p[1]]] as const) {
    if (pk === 0) {
      if (qk < 0) return false;
    } else {
      const r = qk / pk;
      if (pk < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** colorbar(): a gradient legend on the right of the axes, as tall as the axes, ticks as matplotlib puts them. */
function colorbarLayer(ctx: Ctx, cb: { mapping: { cmap: Parameters<typeof cmapStops>[0]; vmin: number; vmax: number }; label: string }, box: AxesBox, index: number): VegaLiteSpec {
  const { cmap, vmin, vmax } = cb.mapping;
  const ticks = axisTicks(Math.min(vmin, vmax), Math.max(vmin, vmax), 'linear', box.height, false);
  return {
    data: { values: [{ v: vmin }, { v: vmax }] },
    mark: { type: 'point', opacity: 0 },
    encoding: {
      fill: {
        field: 'v', type: 'quantitative',
        scale: { type: 'linear', domain: [vmin, vmax], range: cmapStops(cmap, 64), interpolate: 'rgb', nice: false, zero: false },
        legend: {
          type: 'gradient', orient: 'right', direction: 'vertical', title: cb.label || null, titleOrient: 'right', titleAnchor: 'middle',
          gradientLength: round(box.height), gradientThickness: round(box.height / 20), gradientStrokeColor: 'black', gradientStrokeWidth: round(0.8 * ctx.pt),
          values: ticks.values, labelExpr: `${JSON.stringify(ticks.labels)}[indexof(${JSON.stringify(ticks.values)}, datum.value)]`,
          offset: round(box.width * 0.05 / 0.85) + index * 60, fillColor: 'transparent', strokeColor: 'transparent', padding: 0, tickCount: ticks.values.length,
          // Read bottom to top, as matplotlib's colorbar label reads (Vega-Lite has no titleAngle for legends).
          encode: { title: { update: { angle: { value: -90 }, baseline: { value: 'top' } } } },
        },
      },
    },
  };
}
