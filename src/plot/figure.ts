// matplotlib's Figure and Axes: the object-oriented interface (fig.add_subplot, ax.plot, ax.set_title...)
// over the artists of src/plot/artists.ts. A figure is plain data until it is shown: src/plot/spec.ts
// turns it into a Vega-Lite spec and src/plot/render.ts renders that to SVG or PNG.
import { AttributeError, bind, splitKwargs, type Kwargs } from './args.js';
import {
  AxesImage, BarContainer, Legend, Line2D, PathCollection, PolyCollection, RuleLine, Text,
  type Artist, type ColorSource, type Rect,
} from './artists.js';
import { getCmap, toRgba, TAB10, lutIndex, type RGBA } from './colors.js';
import { asArray, asVector, column, finiteRange, isArrayLike, shapeText, ValueError, type NdArray } from './data.js';
import { binEdges, histogram } from './hist.js';
import { lineStyle, marker as markerShape, parseFormat, type LineStyle } from './styles.js';
import { autoscale, type ScaleType } from './ticks.js';
import { figureBundle, figureSvg, pngOfSvg, svgOfSpec } from './render.js';
import { figureSpec, type VegaLiteSpec } from './spec.js';
import { writeFileSync } from 'node:fs';
import { isPrintableTensor, isPrintableVariable } from '../tensor/printable.js';
import { cellOutput } from '../session/hooks.js';
import { extname, resolve } from 'node:path';

/** The rcParams this module reads; pyplot.rcParams is this object. */
export const rcParams: Record<string, unknown> = {
  'figure.figsize': [6.4, 4.8],
  'figure.dpi': 100,
  'lines.linewidth': 1.5,
  'lines.markersize': 6,
  'lines.linestyle': '-',
  'image.cmap': 'viridis',
  'image.origin': 'upper',
  'image.aspect': 'equal',
  'axes.grid': false,
  'axes.xmargin': 0.05,
  'axes.ymargin': 0.05,
  'font.size': 10,
  'legend.loc': 'best',
  'hist.bins': 10,
  'savefig.format': 'png',
};

/** What a figure's owner (pyplot) is told when the figure changes, so the inline backend knows what to show. */
export interface FigureObserver {
  changed(fig: Figure): void;
}

export type AxisName = 'x' | 'y';

interface GridStyle {
  color: RGBA;
  linewidth: number;
  linestyle: LineStyle;
  alpha: number | null;
}

export interface Colorbar {
  mapping: { cmap: ReturnType<typeof getCmap>; vmin: number; vmax: number };
  label: string;
}

let figureObserver: FigureObserver | undefined;

export function observeFigures(observer: FigureObserver): void {
  figureObserver = observer;
}

export class Figure {
  /** Bumped on every change; the inline backend shows a figure whose version it has not shown. */
  version = 0;
  shownVersion = -1;
  readonly axes: Axes[] = [];
  suptitleText: string | null = null;
  figsize: [number, number];
  dpi: number;
  /** The axes gca() returns: the last one added or made current. */
  currentAxes: Axes | null = null;

  constructor(readonly number: number | string, options: Kwargs = {}) {
    const size = options.figsize ?? rcParams['figure.figsize'];
    const [w, h] = asVector(size, 'figsize');
    if (!(w! > 0 && h! > 0) || asVector(size, 'figsize').length !== 2) {
      throw new ValueError(`figure size must be positive finite not ${shapeText([...asVector(size, 'figsize')])}`);
    }
    this.figsize = [w!, h!];
    this.dpi = Number(options.dpi ?? rcParams['figure.dpi']);
    if (!(this.dpi > 0)) throw new ValueError(`dpi must be positive, not ${options.dpi}`);
  }

  /** Marks the figure changed (every mutation of it or of its axes calls this). */
  touch(): void {
    this.version++;
    figureObserver?.changed(this);
  }

  /** Pixel size: figsize in inches times dpi, as matplotlib's repr gives it. */
  get pixelSize(): [number, number] {
    return [Math.round(this.figsize[0] * this.dpi), Math.round(this.figsize[1] * this.dpi)];
  }

  add_subplot(...args: unknown[]): Axes {
    const [positional, kw] = splitKwargs(args);
    let nrows = 1, ncols = 1, index = 1;
    if (positional.length === 1 && typeof positional[0] === 'number' && positional[0] >= 100) {
      const code = positional[0];
      [nrows, ncols, index] = [Math.floor(code / 100), Math.floor(code / 10) % 10, code % 10];
    } else if (positional.length === 3) {
      [nrows, ncols, index] = positional.map(Number) as [number, number, number];
    } else if (positional.length !== 0) {
      throw new TypeError(`add_subplot() takes 1 or 3 positional arguments but ${positional.length} were given`);
    }
    checkGrid(nrows, ncols);
    if (!Number.isInteger(index) || index < 1 || index > nrows * ncols) {
      throw new ValueError(`num must be an integer with 1 <= num <= ${nrows * ncols}, not ${index}`);
    }
    const existing = this.axes.find((a) => a.geometry.nrows === nrows && a.geometry.ncols === ncols && a.geometry.index === index - 1);
    if (existing && Object.keys(kw).length === 0) return (this.currentAxes = existing);
    const ax = new Axes(this, { nrows, ncols, index: index - 1 });
    applyAxesKwargs(ax, kw);
    this.axes.push(ax);
    this.currentAxes = ax;
    this.touch();
    return ax;
  }

  /** Figure.subplots: a grid of new axes, squeezed as matplotlib squeezes it. */
  subplots(...args: unknown[]): Axes | AxesArray | AxesArray[] {
    const a = bind('subplots', ['nrows', 'ncols'], args, ['sharex', 'sharey', 'squeeze', 'subplot_kw', 'gridspec_kw']);
    const nrows = a.nrows ?? 1, ncols = a.ncols ?? 1;
    checkGrid(nrows, ncols);
    const grid: Axes[][] = [];
    for (let r = 0; r < nrows; r++) {
      const row: Axes[] = [];
      for (let c = 0; c < ncols; c++) {
        const ax = new Axes(this, { nrows, ncols, index: r * ncols + c });
        if (a.subplot_kw) applyAxesKwargs(ax, a.subplot_kw);
        this.axes.push(ax);
        row.push(ax);
      }
      grid.push(row);
    }
    share(grid, 'x', a.sharex ?? false);
    share(grid, 'y', a.sharey ?? false);
    this.currentAxes = grid[nrows - 1]![ncols - 1]!;
    this.touch();
    if (a.squeeze === false) return grid.map((row) => axesArray(row));
    if (nrows === 1 && ncols === 1) return grid[0]![0]!;
    if (nrows === 1 || ncols === 1) return axesArray(grid.flat());
    return axesArray(grid.map((row) => axesArray(row))) as unknown as AxesArray[];
  }

  gca(): Axes {
    return this.currentAxes ?? this.add_subplot();
  }

  sca(ax: Axes): Axes {
    if (!this.axes.includes(ax)) throw new ValueError('Axes should be in the figure');
    return (this.currentAxes = ax);
  }

  get_axes(): Axes[] {
    return [...this.axes];
  }

  suptitle(...args: unknown[]): Text {
    const a = bind('suptitle', ['t'], args, ['fontsize', 'y', 'x', 'fontweight']);
    this.suptitleText = String(a.t);
    this.touch();
    return new Text(0.5, 0.98, this.suptitleText, 12, undefined, 'center', 'top', false, '0.5, 0.98');
  }

  /** Figure.colorbar(mappable, ax=...): a gradient legend beside the axes of the mappable. */
  colorbar(...args: unknown[]): Colorbar {
    const a = bind('colorbar', ['mappable', 'cax', 'ax'], args, ['label', 'orientation', 'shrink', 'fraction', 'pad', 'aspect', 'ticks', 'format']);
    const mappable = a.mappable as AxesImage | PathCollection | undefined;
    const owner = (a.ax as Axes | undefined) ?? this.axes.find((ax) => mappable !== undefined && ax.artists.includes(mappable as Artist));
    const mapping = mappable ? mappingOf(mappable) : undefined;
    if (!owner || !mapping) {
      throw new RuntimeError('No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).');
    }
    const colorbar: Colorbar = { mapping, label: a.label === undefined ? '' : String(a.label) };
    owner.colorbars.push(colorbar);
    this.touch();
    return colorbar;
  }

  set_size_inches(w: unknown, h?: unknown): void {
    const [width, height] = h === undefined ? asVector(w, 'size') : [Number(w), Number(h)];
    this.figsize = [width!, height!];
    this.touch();
  }

  get_size_inches(): [number, number] {
    return [...this.figsize];
  }

  /** The figure's MIME bundle (Deno's display convention, which the session's display hook uses). */
  [Symbol.for('Jupyter.display')](): Record<string, unknown> {
    const bundle = figureBundle(this);
    this.shownVersion = this.version;
    return bundle;
  }

  /** Displays the figure in the running cell's output (matplotlib's inline backend only warns here). */
  show(..._args: unknown[]): void {
    cellOutput()?.display(this);
  }

  /** savefig(fname, {format, dpi}): SVG, PNG, or the Vega-Lite spec as JSON, by format or extension. */
  savefig(...args: unknown[]): void {
    const a = bind('savefig', ['fname'], args, ['format', 'dpi', 'transparent', 'bbox_inches', 'pad_inches', 'facecolor', 'edgecolor', 'metadata']);
    if (typeof a.fname !== 'string') throw new TypeError('savefig() needs a file name (a string)');
    const ext = extname(a.fname).slice(1).toLowerCase();
    const format = String(a.format ?? (ext || rcParams['savefig.format'])).toLowerCase();
    // matplotlib appends the extension only when neither an extension nor a format is given.
    writeFileSync(resolve(ext === '' && a.format === undefined ? `${a.fname}.${format}` : a.fname), this.encode(format, a.dpi));
  }

  /** The figure's bytes in a savefig format. */
  private encode(format: string, dpi: unknown): string | Buffer {
    switch (format) {
      case 'svg':
        return figureSvg(this);
      case 'png':
        return pngOfSvg(figureSvg(this), dpi === undefined || dpi === null || dpi === 'figure' ? 1 : Number(dpi) / this.dpi);
      case 'json':
        return JSON.stringify(this.to_vegalite(), null, 1);
      default:
        throw new ValueError(`Format '${format}' is not supported (supported formats: json, png, svg)`);
    }
  }

  /** The Vega-Lite v5 spec the figure renders from. */
  to_vegalite(): VegaLiteSpec {
    return figureSpec(this).spec;
  }

  to_svg(): string {
    return svgOfSpec(figureSpec(this));
  }

  /** PNG bytes, at `dpi` (default: the figure's). */
  to_png(dpi?: number): Uint8Array {
    return this.encode('png', dpi) as Buffer;
  }

  /** Layout is computed when the figure is drawn, always tight; kept for matplotlib code that calls it. */
  tight_layout(..._args: unknown[]): void {}

  clear(): void {
    this.axes.length = 0;
    this.currentAxes = null;
    this.suptitleText = null;
    this.touch();
  }

  clf(): void {
    this.clear();
  }

  toString(): string {
    const [w, h] = this.pixelSize;
    return `<Figure size ${w}x${h} with ${this.axes.length} Axes>`;
  }
}

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

function checkGrid(nrows: unknown, ncols: unknown): void {
  if (!Number.isInteger(nrows) || (nrows as number) < 1) throw new ValueError(`Number of rows must be a positive integer, not ${nrows}`);
  if (!Number.isInteger(ncols) || (ncols as number) < 1) throw new ValueError(`Number of columns must be a positive integer, not ${ncols}`);
}

/** An array of axes, with NumPy's `.flat` and `.ravel()`, as plt.subplots returns one. */
export type AxesArray = Axes[] & { readonly flat: Axes[]; ravel(): Axes[]; readonly shape: number[] };

function axesArray(items: (Axes | AxesArray)[]): AxesArray {
  const arr = [...items] as unknown as AxesArray;
  const flat = () => (items as unknown[]).flatMap((x) => (Array.isArray(x) ? x : [x])) as Axes[];
  Object.defineProperty(arr, 'flat', { get: flat });
  Object.defineProperty(arr, 'ravel', { value: flat });
  Object.defineProperty(arr, 'shape', { get: () => (Array.isArray(items[0]) ? [items.length, (items[0] as Axes[]).length] : [items.length]) });
  // NumPy's axs[0, 1] has no JS spelling; axs[0][1] is the same axes.
  return arr;
}

function share(grid: Axes[][], axis: AxisName, how: unknown): void {
  const mode = how === true ? 'all' : how === false || how === 'none' ? 'none' : String(how);
  if (mode === 'none') return;
  if (!['all', 'row', 'col'].includes(mode)) throw new ValueError(`'${mode}' is not a valid value for share${axis}; supported values are 'all', 'row', 'col', 'none'`);
  const nrows = grid.length, ncols = grid[0]!.length;
  for (let r = 0; r < nrows; r++) {
    for (let c = 0; c < ncols; c++) {
      const ax = grid[r]![c]!;
      const leader = mode === 'all' ? grid[0]![0]! : mode === 'row' ? grid[r]![0]! : grid[0]![c]!;
      if (leader !== ax) ax.shared[axis] = leader;
      // matplotlib hides the inner tick labels of shared axes.
      if (axis === 'x' && (mode === 'all' || mode === 'col') && r < nrows - 1) ax.hideTickLabels.x = true;
      if (axis === 'y' && (mode === 'all' || mode === 'row') && c > 0) ax.hideTickLabels.y = true;
    }
  }
}

function mappingOf(m: AxesImage | PathCollection): Colorbar['mapping'] | undefined {
  if (m instanceof AxesImage) return m.mapping ?? undefined;
  if (m instanceof PathCollection && m.colors.kind === 'mapped') return { cmap: m.colors.cmap, vmin: m.colors.vmin, vmax: m.colors.vmax };
  return undefined;
}

function applyAxesKwargs(ax: Axes, kw: Kwargs): void {
  const { projection, polar, ...rest } = kw;
  if (projection !== undefined && projection !== null && projection !== 'rectilinear') throw new ValueError(`Unknown projection '${projection}'`);
  if (polar) throw new ValueError('polar axes are not supported');
  ax.set(rest);
}

const LEGEND_LOCS = ['best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'];

/** Artists' data limits, for autoscaling: finite values, sticky edges, smallest positive value (log axes). */
interface Limits {
  lo: number;
  hi: number;
  stickies: number[];
  minpos: number;
}

export class Axes {
  readonly artists: Artist[] = [];
  title: { left: string; center: string; right: string } = { left: '', center: '', right: '' };
  titleFontsize: number | null = null;
  xlabel = '';
  ylabel = '';
  limits: { x: [number, number] | null; y: [number, number] | null } = { x: null, y: null };
  scale: { x: ScaleType; y: ScaleType } = { x: 'linear', y: 'linear' };
  inverted = { x: false, y: false };
  gridOn: { x: boolean; y: boolean } = { x: Boolean(rcParams['axes.grid']), y: Boolean(rcParams['axes.grid']) };
  gridStyle: GridStyle = { color: [0xb0 / 255, 0xb0 / 255, 0xb0 / 255, 1], linewidth: 0.8, linestyle: '-', alpha: null };
  legendSpec: Legend | null = null;
  readonly colorbars: Colorbar[] = [];
  /** String data on an axis: categories in order of first appearance, at 0, 1, 2... */
  readonly categories: { x: string[]; y: string[] } = { x: [], y: [] };
  aspect: 'auto' | 'equal' | number = 'auto';
  readonly shared: { x?: Axes; y?: Axes } = {};
  readonly hideTickLabels = { x: false, y: false };
  private lineCycle = 0;
  private patchCycle = 0;

  constructor(readonly figure: Figure, readonly geometry: { nrows: number; ncols: number; index: number }) {}

  private changed(): void {
    this.figure.touch();
  }

  private nextLineColor(): RGBA {
    return toRgba(TAB10[this.lineCycle++ % TAB10.length]);
  }

  private nextPatchColor(): RGBA {
    return toRgba(TAB10[this.patchCycle++ % TAB10.length]);
  }

  private childLabel(label: unknown): string {
    return label === undefined || label === null ? `_child${this.artists.length}` : String(label);
  }

  private add<A extends Artist>(artist: A): A {
    this.artists.push(artist);
    this.changed();
    return artist;
  }

  /** Numbers of an x or y data argument; strings become categories of that axis. */
  private coords(value: unknown, axis: AxisName): NdArray {
    const strings = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
    if (!strings) return asArray(value);
    const cats = this.categories[axis];
    const data = Float64Array.from(value as string[], (s) => {
      let i = cats.indexOf(s);
      if (i < 0) i = cats.push(s) - 1;
      return i;
    });
    return { shape: [data.length], data };
  }

  // ---- plotting ----

  /** plot([x], y, [fmt], [x2], y2, [fmt2], ..., {label, color, linewidth, linestyle, marker, ...}). */
  plot(...args: unknown[]): Line2D[] {
    const [positional, kwRaw] = splitKwargs(args);
    const kw = bind('plot', [], [{ ...kwRaw }], LINE_KWARGS, 'Line2D');
    const lines: Line2D[] = [];
    let rest = positional;
    while (rest.length > 0) {
      // matplotlib's grouping: two arguments, and a format string if one follows.
      let group = rest.slice(0, 2);
      rest = rest.slice(2);
      if (rest.length > 0 && typeof rest[0] === 'string') {
        group = [...group, rest[0]];
        rest = rest.slice(1);
      }
      lines.push(...this.plotGroup(group, kw));
    }
    return lines;
  }

  private plotGroup(group: unknown[], kw: Kwargs): Line2D[] {
    let fmt = {} as ReturnType<typeof parseFormat>;
    if (typeof group[group.length - 1] === 'string') fmt = parseFormat(group.pop() as string);
    if (group.some((g) => !isArrayLike(g) && !(Array.isArray(g)))) {
      throw new TypeError(`plot() data must be arrays, numbers or tensors, not ${describe(group.find((g) => !isArrayLike(g)))}`);
    }
    if (group.length === 0) throw new TypeError('plot() missing the y data');
    let x: NdArray, y: NdArray;
    if (group.length === 1) {
      y = this.coords(group[0], 'y');
      const n = y.shape.length === 0 ? 1 : y.shape[0]!;
      x = { shape: [n], data: Float64Array.from({ length: n }, (_, i) => i) };
    } else {
      x = this.coords(group[0], 'x');
      y = this.coords(group[1], 'y');
    }
    if (x.shape.length === 0) x = { shape: [1], data: x.data };
    if (y.shape.length === 0) y = { shape: [1], data: y.data };
    if (x.shape[0] !== y.shape[0]) {
      throw new ValueError(`x and y must have same first dimension, but have shapes ${shapeText(x.shape)} and ${shapeText(y.shape)}`);
    }
    if (x.shape.length > 2 || y.shape.length > 2) {
      throw new ValueError(`x and y can be no greater than 2D, but have shapes ${shapeText(x.shape)} and ${shapeText(y.shape)}`);
    }
    const kx = x.shape.length === 2 ? x.shape[1]! : 1, ky = y.shape.length === 2 ? y.shape[1]! : 1;
    if (kx !== ky && kx !== 1 && ky !== 1) throw new ValueError(`x has ${kx} columns but y has ${ky} columns`);
    const lines: Line2D[] = [];
    for (let j = 0; j < Math.max(kx, ky); j++) {
      const color = kw.color !== undefined ? toRgba(kw.color) : fmt.color !== undefined ? toRgba(fmt.color) : this.nextLineColor();
      const ls = kw.linestyle !== undefined ? lineStyle(kw.linestyle) : fmt.linestyle ?? lineStyle(rcParams['lines.linestyle']);
      const mk = kw.marker !== undefined ? kw.marker : fmt.marker ?? null;
      markerShape(mk);
      const line = new Line2D(
        column(x, kx === 1 ? 0 : j), column(y, ky === 1 ? 0 : j), color,
        Number(kw.linewidth ?? rcParams['lines.linewidth']), ls, mk === null || mk === 'None' || mk === '' ? null : String(mk),
        Number(kw.markersize ?? rcParams['lines.markersize']), this.childLabel(kw.label), kw.alpha ?? null, kw.zorder ?? 2,
        kw.markerfacecolor !== undefined ? toRgba(kw.markerfacecolor) : null,
        kw.markeredgecolor !== undefined ? toRgba(kw.markeredgecolor) : null,
      );
      lines.push(this.add(line));
    }
    return lines;
  }

  /** scatter(x, y, s, c, {marker, cmap, vmin, vmax, alpha, edgecolors, linewidths, label}). */
  scatter(...args: unknown[]): PathCollection {
    const a = bind('scatter', ['x', 'y', 's', 'c', 'marker', 'cmap', 'norm', 'vmin', 'vmax', 'alpha', 'linewidths'], args, ['edgecolors', 'edgecolor', 'label', 'zorder', 'color', 'facecolor', 'facecolors', 'plotnonfinite'], 'PathCollection', true);
    const x = this.coords(a.x, 'x').data, y = this.coords(a.y, 'y').data;
    if (x.length !== y.length) throw new ValueError('x and y must be the same size');
    const n = x.length;
    let sizes: Float64Array | number = (rcParams['lines.markersize'] as number) ** 2;
    if (a.s !== undefined && a.s !== null) {
      const s = asArray(a.s).data;
      if (s.length === 1) sizes = s[0]!;
      else if (s.length === n) sizes = s;
      else throw new ValueError('s must be a scalar, or float array-like with the same size as x and y');
    }
    const cSpec = a.c ?? a.color ?? a.facecolor ?? a.facecolors;
    if (a.c !== undefined && (a.color !== undefined || a.facecolor !== undefined)) {
      throw new ValueError("Supply a 'c' argument or a 'color' kwarg but not both; they differ but their functionalities overlap.");
    }
    const colors = this.scatterColors(cSpec, n, a);
    const mk = a.marker ?? 'o';
    markerShape(mk);
    const edge = a.edgecolors ?? a.edgecolor;
    const pc = new PathCollection(x, y, sizes, colors, String(mk), this.childLabel(a.label), a.alpha ?? null, a.zorder ?? 1,
      edge === undefined || edge === 'face' ? 'face' : edge === 'none' || edge === null ? null : toRgba(edge), Number(a.linewidths ?? 1));
    return this.add(pc);
  }

  private scatterColors(c: unknown, n: number, a: Kwargs): ColorSource {
    if (c === undefined || c === null) return { kind: 'single', color: this.nextPatchColor() };
    if (typeof c === 'string') return { kind: 'single', color: toRgba(c) };
    const values = Array.isArray(c) && c.some((v) => typeof v === 'string');
    if (values) {
      if ((c as unknown[]).length !== n) throw new ValueError(`'c' argument has ${(c as unknown[]).length} elements, which is inconsistent with 'x' and 'y' with size ${n}.`);
      return { kind: 'each', colors: (c as unknown[]).map((v) => toRgba(v)) };
    }
    const arr = asArray(c);
    if (arr.data.length === n && (arr.shape.length <= 1 || arr.shape.every((d, i) => i === 0 || d === 1))) {
      const cmap = getCmap(a.cmap ?? rcParams['image.cmap']);
      const range = finiteRange(arr.data) ?? [0, 1];
      return { kind: 'mapped', values: arr.data, cmap, vmin: a.vmin ?? range[0], vmax: a.vmax ?? range[1] };
    }
    if (arr.shape.length === 2 && arr.shape[0] === n && (arr.shape[1] === 3 || arr.shape[1] === 4)) {
      const k = arr.shape[1];
      return { kind: 'each', colors: Array.from({ length: n }, (_, i) => toRgba(Array.from(arr.data.subarray(i * k, i * k + k)))) };
    }
    if (arr.shape.length === 1 && (arr.shape[0] === 3 || arr.shape[0] === 4)) return { kind: 'single', color: toRgba(Array.from(arr.data)) };
    throw new ValueError(`'c' argument has ${arr.shape[0] ?? 1} elements, which is inconsistent with 'x' and 'y' with size ${n}.`);
  }

  /** bar(x, height, width=0.8, bottom=0, {align, color, edgecolor, linewidth, tick_label, label}). */
  bar(...args: unknown[]): BarContainer {
    const a = bind('bar', ['x', 'height', 'width', 'bottom'], args, BAR_KWARGS, 'Rectangle');
    return this.bars(a, 'vertical');
  }

  /** barh(y, width, height=0.8, left=0, ...). */
  barh(...args: unknown[]): BarContainer {
    const a = bind('barh', ['y', 'width', 'height', 'left'], args, BAR_KWARGS, 'Rectangle');
    return this.bars({ ...a, x: a.y, height: a.width, width: a.height, bottom: a.left }, 'horizontal');
  }

  private bars(a: Kwargs, orientation: 'vertical' | 'horizontal'): BarContainer {
    const along: AxisName = orientation === 'vertical' ? 'x' : 'y';
    const pos = this.coords(a.x, along);
    const parts: [string, NdArray][] = [
      ['x', pos], ['height', asArray(a.height)], ['width', asArray(a.width ?? 0.8)], ['bottom', asArray(a.bottom ?? 0)],
    ];
    // numpy.broadcast_arrays of the four, with its error text.
    const n = Math.max(...parts.map(([, p]) => (p.shape.length === 0 ? 1 : p.shape[0]!)));
    parts.forEach(([, p], i) => {
      const len = p.shape.length === 0 ? 1 : p.shape[0]!;
      if (p.shape.length > 1 || (len !== n && len !== 1)) {
        const other = parts.findIndex(([, q]) => (q.shape.length === 0 ? 1 : q.shape[0]!) === n);
        throw new ValueError(`shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${other} with shape ${shapeText(parts[other]![1].shape)} and arg ${i} with shape ${shapeText(p.shape)}.`);
      }
    });
    const at = (p: NdArray, i: number) => (p.data.length === 1 ? p.data[0]! : p.data[i]!);
    const [x, height, width, bottom] = parts.map(([, p]) => p) as [NdArray, NdArray, NdArray, NdArray];
    const align = a.align ?? 'center';
    if (align !== 'center' && align !== 'edge') throw new ValueError(`'${align}' is not a valid value for align; supported values are 'center', 'edge'`);
    const rects: Rect[] = [];
    for (let i = 0; i < n; i++) {
      const w = at(width, i), left = align === 'center' ? at(x, i) - w / 2 : at(x, i);
      const b = at(bottom, i), h = at(height, i);
      rects.push(orientation === 'vertical' ? { x0: left, x1: left + w, y0: b, y1: b + h } : { x0: b, x1: b + h, y0: left, y1: left + w });
    }
    let colors: RGBA[];
    if (a.color === undefined || a.color === null) {
      const c = this.nextPatchColor();
      colors = rects.map(() => c);
    } else if (Array.isArray(a.color) && a.color.length > 0 && (typeof a.color[0] === 'string' || Array.isArray(a.color[0]))) {
      colors = rects.map((_, i) => toRgba((a.color as unknown[])[i % (a.color as unknown[]).length]));
    } else {
      const c = toRgba(a.color);
      colors = rects.map(() => c);
    }
    if (a.tick_label !== undefined) {
      const labels = typeof a.tick_label === 'string' ? [a.tick_label] : Array.from(a.tick_label as ArrayLike<unknown>, String);
      // Tick labels name the bar positions, as categories would.
      this.tickLabels[along] = { values: Array.from({ length: n }, (_, i) => at(x, i)), labels: Array.from({ length: n }, (_, i) => labels[i % labels.length]!) };
    }
    const edge = a.edgecolor === undefined || a.edgecolor === null || a.edgecolor === 'none' ? null : toRgba(a.edgecolor);
    const baselines = rects.map((_, i) => at(bottom, i));
    const container = new BarContainer(rects, colors, edge, Number(a.linewidth ?? (edge ? 1 : 0)), this.childLabel(a.label), orientation, baselines, a.alpha ?? null, a.zorder ?? 1);
    return this.add(container);
  }

  /** Fixed tick positions and labels (bar's tick_label, set_xticks with labels). */
  readonly tickLabels: { x: { values: number[]; labels: string[] | null } | null; y: { values: number[]; labels: string[] | null } | null } = { x: null, y: null };

  /** hist(x, bins=10, range, density, weights, cumulative, histtype, align, orientation, rwidth, color, label, stacked). */
  hist(...args: unknown[]): [unknown, unknown, BarContainer | BarContainer[]] {
    const a = bind('hist', ['x', 'bins', 'range', 'density', 'weights', 'cumulative', 'bottom', 'histtype', 'align', 'orientation', 'rwidth', 'log', 'color', 'label', 'stacked'], args, ['alpha', 'edgecolor', 'linewidth', 'zorder'], 'Rectangle');
    const datasets = histDatasets(a.x);
    const nx = datasets.length;
    const histtype = a.histtype ?? 'bar';
    if (!['bar', 'barstacked', 'step', 'stepfilled'].includes(histtype)) throw new ValueError(`'${histtype}' is not a valid value for histtype; supported values are 'bar', 'barstacked', 'step', 'stepfilled'`);
    if (histtype !== 'bar') throw new ValueError(`histtype='${histtype}' is not supported yet; use 'bar'`);
    const stacked = Boolean(a.stacked);
    if (stacked) throw new ValueError('stacked histograms are not supported yet');
    const orientation = a.orientation ?? 'vertical';
    const weights = a.weights === undefined || a.weights === null ? null : histDatasets(a.weights);
    if (weights && (weights.length !== nx || weights.some((w, i) => w.length !== datasets[i]!.length))) throw new ValueError('weights should have the same shape as x');
    let colors: RGBA[];
    if (a.color === undefined || a.color === null) colors = datasets.map(() => this.nextLineColor());
    else {
      colors = Array.isArray(a.color) && nx > 1 ? (a.color as unknown[]).map((c) => toRgba(c)) : [toRgba(a.color)];
      if (colors.length !== nx) throw new ValueError(`The 'color' keyword argument must have one color per dataset, but ${nx} datasets and ${colors.length} colors were provided`);
    }
    let range: [number, number] | null = a.range === undefined || a.range === null ? null : (Array.from(asVector(a.range, 'range')) as [number, number]);
    if (!range) {
      let lo = Infinity, hi = -Infinity;
      for (const d of datasets) for (const v of d) if (!Number.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (lo <= hi) range = [lo, hi];
    }
    const bins = binEdges(nx > 1 ? concat(datasets) : datasets[0]!, a.bins ?? rcParams['hist.bins'], range);
    let tops = datasets.map((d, i) => histogram(d, bins, weights ? weights[i]! : null, Boolean(a.density)));
    const edges = bins.edges;
    if (a.cumulative) {
      const reverse = typeof a.cumulative === 'number' && a.cumulative < 0;
      tops = tops.map((t) => {
        const vals = a.density ? t.map((v, i) => v * (edges[i + 1]! - edges[i]!)) : Float64Array.from(t);
        const order = [...vals.keys()];
        if (reverse) order.reverse();
        let acc = 0;
        for (const i of order) vals[i] = acc += vals[i]!;
        return vals;
      });
    }
    const dr = a.rwidth !== undefined && a.rwidth !== null ? Math.min(1, Math.max(0, a.rwidth)) : nx > 1 ? 0.8 : 1;
    const containers: BarContainer[] = [];
    const nb = edges.length - 1;
    const totwidth = Array.from({ length: nb }, (_, i) => edges[i + 1]! - edges[i]!);
    const width = totwidth.map((w) => (dr * w) / nx);
    let boffset = totwidth.map((w) => -0.5 * dr * w * (1 - 1 / nx));
    const align = a.align ?? 'mid';
    boffset = boffset.map((b, i) => b + (align === 'mid' ? 0.5 * totwidth[i]! : align === 'right' ? totwidth[i]! : 0));
    const labels = Array.isArray(a.label) ? a.label : [a.label];
    tops.forEach((m, k) => {
      const x = Array.from({ length: nb }, (_, i) => edges[i]! + boffset[i]! + k * width[i]!);
      const kw: Kwargs = { x, height: Array.from(m), width, bottom: a.bottom ?? 0, color: colors[k], align: 'center', label: k < labels.length ? labels[k] : undefined, alpha: a.alpha, edgecolor: a.edgecolor, linewidth: a.linewidth, zorder: a.zorder };
      const bars = this.bars(kw, orientation === 'horizontal' ? 'horizontal' : 'vertical');
      // Only the lowest bars keep sticky edges (numpy-stacked bars would block the margins otherwise).
      containers.push(bars);
    });
    if (a.log) this.set_yscale('log');
    const toArray = (d: Float64Array) => makeArray(d);
    const n = nx === 1 ? toArray(tops[0]!) : tops.map(toArray);
    return [n, toArray(edges), nx === 1 ? containers[0]! : containers];
  }

  /** imshow(X, cmap, norm, aspect, interpolation, alpha, vmin, vmax, origin, extent). */
  imshow(...args: unknown[]): AxesImage {
    const a = bind('imshow', ['X', 'cmap', 'norm', 'aspect', 'interpolation', 'alpha', 'vmin', 'vmax', 'origin', 'extent'], args, ['label', 'zorder', 'resample', 'filternorm', 'filterrad', 'url'], 'AxesImage');
    const X = asArray(a.X);
    const intData = isIntegerData(a.X);
    const [rows, cols, depth] = [X.shape[0] ?? 0, X.shape[1] ?? 0, X.shape.length === 3 ? X.shape[2]! : 1];
    if (!(X.shape.length === 2 || (X.shape.length === 3 && (depth === 3 || depth === 4)))) {
      throw new TypeError(`Invalid shape ${shapeText(X.shape)} for image data`);
    }
    const rgba = new Uint8Array(rows * cols * 4);
    let mapping: AxesImage['mapping'] = null;
    if (depth === 1) {
      const cmap = getCmap(a.cmap ?? rcParams['image.cmap']);
      const range = finiteRange(X.data) ?? [0, 1];
      const vmin = a.vmin ?? range[0], vmax = a.vmax ?? range[1];
      mapping = { cmap, vmin, vmax };
      for (let i = 0; i < rows * cols; i++) {
        const v = X.data[i]!;
        if (Number.isNaN(v)) continue; // 'bad' values are transparent
        const t = vmax === vmin ? 0 : (v - vmin) / (vmax - vmin);
        const k = lutIndex(t) * 3;
        rgba.set([cmap.lut[k]!, cmap.lut[k + 1]!, cmap.lut[k + 2]!, 255], i * 4);
      }
    } else {
      for (let i = 0; i < rows * cols; i++) {
        for (let c = 0; c < 4; c++) {
          const v = c < depth ? X.data[i * depth + c]! : intData ? 255 : 1;
          rgba[i * 4 + c] = intData ? Math.max(0, Math.min(255, v)) : Math.round(Math.max(0, Math.min(1, v)) * 255);
        }
      }
    }
    const origin = a.origin ?? rcParams['image.origin'];
    if (origin !== 'upper' && origin !== 'lower') throw new ValueError(`'${origin}' is not a valid value for origin; supported values are 'upper', 'lower'`);
    let extent: [number, number, number, number];
    if (a.extent !== undefined && a.extent !== null) {
      const e = asVector(a.extent, 'extent');
      if (e.length !== 4) throw new ValueError('extent should be a 4-element sequence: (left, right, bottom, top)');
      extent = [e[0]!, e[1]!, e[2]!, e[3]!];
    } else {
      extent = origin === 'upper' ? [-0.5, cols - 0.5, rows - 0.5, -0.5] : [-0.5, cols - 0.5, -0.5, rows - 0.5];
    }
    const interpolation = a.interpolation ?? 'antialiased';
    const smooth = !['nearest', 'none', 'antialiased'].includes(String(interpolation));
    const image = new AxesImage(rgba, rows, cols, extent, origin, mapping, a.alpha ?? null, smooth, this.childLabel(a.label));
    const aspect = a.aspect ?? rcParams['image.aspect'];
    this.aspect = aspect === 'equal' || aspect === 'auto' ? aspect : Number(aspect);
    // The y axis runs the way the extent says (downwards for origin='upper').
    this.inverted.y = extent[2] > extent[3];
    this.inverted.x = extent[0] > extent[1];
    return this.add(image);
  }

  /** fill_between(x, y1, y2=0, where=None, {color, alpha, label, edgecolor, linewidth}). */
  fill_between(...args: unknown[]): PolyCollection {
    const a = bind('fill_between', ['x', 'y1', 'y2', 'where', 'interpolate', 'step'], args, ['color', 'facecolor', 'edgecolor', 'alpha', 'label', 'linewidth', 'zorder', 'hatch'], 'PolyCollection');
    const x = this.coords(a.x, 'x');
    const y1 = asArray(a.y1), y2 = asArray(a.y2 ?? 0);
    const n = x.data.length;
    for (const y of [y1, y2]) {
      if (y.data.length !== n && y.data.length !== 1) {
        throw new ValueError(`operands could not be broadcast together with shapes ${shapeText(x.shape)} ${shapeText(y.shape)} `);
      }
    }
    const expand = (y: NdArray) => (y.data.length === n ? y.data : new Float64Array(n).fill(y.data[0]!));
    let where: Uint8Array | null = null;
    if (a.where !== undefined && a.where !== null) {
      const w = asArray(a.where).data;
      if (w.length !== n) throw new ValueError('where size does not match x size');
      where = Uint8Array.from(w, (v) => (v ? 1 : 0));
    }
    const fc = a.color ?? a.facecolor;
    const color = fc === undefined || fc === null ? this.nextPatchColor() : toRgba(fc);
    const edge = a.edgecolor === undefined || a.edgecolor === null || a.edgecolor === 'none' ? null : toRgba(a.edgecolor);
    return this.add(new PolyCollection(x.data, expand(y1), expand(y2), where, color, edge, Number(a.linewidth ?? 1), this.childLabel(a.label), a.alpha ?? null, a.zorder ?? 1));
  }

  /** axhline(y=0, xmin=0, xmax=1, {color, linewidth, linestyle, label}). */
  axhline(...args: unknown[]): RuleLine {
    const a = bind('axhline', ['y', 'xmin', 'xmax'], args, LINE_KWARGS, 'Line2D');
    return this.rule('h', a);
  }

  /** axvline(x=0, ymin=0, ymax=1, ...). */
  axvline(...args: unknown[]): RuleLine {
    const a = bind('axvline', ['x', 'ymin', 'ymax'], args, LINE_KWARGS, 'Line2D');
    return this.rule('v', { ...a, y: a.x, xmin: a.ymin, xmax: a.ymax });
  }

  private rule(orient: 'h' | 'v', a: Kwargs): RuleLine {
    const color = a.color === undefined ? this.nextLineColor() : toRgba(a.color);
    return this.add(new RuleLine(orient, Number(a.y ?? 0), Number(a.xmin ?? 0), Number(a.xmax ?? 1), color, Number(a.linewidth ?? rcParams['lines.linewidth']), a.linestyle === undefined ? '-' : lineStyle(a.linestyle), this.childLabel(a.label), a.alpha ?? null, a.zorder ?? 2));
  }

  /** text(x, y, s, {fontsize, color, ha, va, transform: 'axes'}). */
  text(...args: unknown[]): Text {
    const a = bind('text', ['x', 'y', 's'], args, ['fontsize', 'color', 'ha', 'va', 'horizontalalignment', 'verticalalignment', 'transform', 'size', 'alpha', 'zorder'], 'Text');
    const t = new Text(Number(a.x), Number(a.y), String(a.s), Number(a.fontsize ?? a.size ?? rcParams['font.size']), a.color === undefined ? [0, 0, 0, 1] : toRgba(a.color),
      a.ha ?? a.horizontalalignment ?? 'left', a.va ?? a.verticalalignment ?? 'baseline', a.transform === 'axes' || a.transform === this.transAxes);
    return this.add(t);
  }

  /** text(..., { transform: ax.transAxes }) places text in axes fractions. */
  readonly transAxes = 'axes';

  // ---- decoration ----

  set_title(...args: unknown[]): Text {
    const a = bind('set_title', ['label', 'fontdict', 'loc', 'pad'], args, ['fontsize', 'fontweight', 'color', 'size', 'y'], 'Text');
    const loc = a.loc ?? 'center';
    if (!['left', 'center', 'right'].includes(loc)) throw new ValueError(`'${loc}' is not a valid value for loc; supported values are 'left', 'center', 'right'`);
    this.title[loc as 'left' | 'center' | 'right'] = String(a.label);
    if (a.fontsize !== undefined || a.size !== undefined) this.titleFontsize = fontSize(a.fontsize ?? a.size);
    this.changed();
    return new Text(loc === 'left' ? 0 : loc === 'right' ? 1 : 0.5, 1, String(a.label), 12, undefined, 'center', 'baseline', true, `${loc === 'left' ? '0.0' : loc === 'right' ? '1.0' : '0.5'}, 1.0`);
  }

  get_title(loc = 'center'): string {
    return this.title[loc as 'center'] ?? '';
  }

  set_xlabel(...args: unknown[]): Text {
    const a = bind('set_xlabel', ['xlabel', 'fontdict', 'labelpad'], args, ['fontsize', 'loc', 'color', 'size', 'fontweight'], 'Text');
    this.xlabel = String(a.xlabel);
    this.changed();
    return new Text(0.5, 0, this.xlabel, 10, undefined, 'center', 'top', true, '0.5, 0');
  }

  set_ylabel(...args: unknown[]): Text {
    const a = bind('set_ylabel', ['ylabel', 'fontdict', 'labelpad'], args, ['fontsize', 'loc', 'color', 'size', 'fontweight'], 'Text');
    this.ylabel = String(a.ylabel);
    this.changed();
    return new Text(0, 0.5, this.ylabel, 10, undefined, 'center', 'bottom', true, '0, 0.5');
  }

  get_xlabel(): string {
    return this.xlabel;
  }

  get_ylabel(): string {
    return this.ylabel;
  }

  set_xlim(...args: unknown[]): [number, number] {
    return this.setLim('x', args);
  }

  set_ylim(...args: unknown[]): [number, number] {
    return this.setLim('y', args);
  }

  private setLim(axis: AxisName, args: unknown[]): [number, number] {
    const lo = axis === 'x' ? 'left' : 'bottom', hi = axis === 'x' ? 'right' : 'top';
    const a = bind(`set_${axis}lim`, [lo, hi], args, ['emit', 'auto', `${axis}min`, `${axis}max`]);
    let first = a[lo] ?? a[`${axis}min`], second = a[hi] ?? a[`${axis}max`];
    if (first !== undefined && first !== null && typeof first === 'object' && second === undefined) {
      const v = asVector(first, `${axis}lim`);
      [first, second] = [v[0], v[1]];
    }
    const [curLo, curHi] = this.viewLimits(axis);
    const [cur0, cur1] = this.inverted[axis] ? [curHi, curLo] : [curLo, curHi];
    const l0 = first === undefined || first === null ? cur0 : Number(first);
    const l1 = second === undefined || second === null ? cur1 : Number(second);
    if (!Number.isFinite(l0) || !Number.isFinite(l1)) throw new ValueError(`Axis limits cannot be NaN or Inf`);
    if (this.scale[axis] === 'log' && (l0 <= 0 || l1 <= 0)) throw new ValueError('Axis limits must be positive on a log-scaled axis');
    this.inverted[axis] = l0 > l1;
    const limits = this.inverted[axis] ? [l1, l0] as [number, number] : [l0, l1] as [number, number];
    this.limits[axis] = limits[0] === limits[1] ? nonsingularLimits(limits) : limits;
    this.changed();
    return [l0, l1];
  }

  get_xlim(): [number, number] {
    const [lo, hi] = this.viewLimits('x');
    return this.inverted.x ? [hi, lo] : [lo, hi];
  }

  get_ylim(): [number, number] {
    const [lo, hi] = this.viewLimits('y');
    return this.inverted.y ? [hi, lo] : [lo, hi];
  }

  invert_xaxis(): void {
    this.inverted.x = !this.inverted.x;
    this.changed();
  }

  invert_yaxis(): void {
    this.inverted.y = !this.inverted.y;
    this.changed();
  }

  set_xscale(value: unknown, ..._rest: unknown[]): void {
    this.setScale('x', value);
  }

  set_yscale(value: unknown, ..._rest: unknown[]): void {
    this.setScale('y', value);
  }

  private setScale(axis: AxisName, value: unknown): void {
    if (value !== 'linear' && value !== 'log') throw new ValueError(`'${String(value)}' is not a valid value for scale; supported values are 'linear', 'log'`);
    this.scale[axis] = value;
    this.changed();
  }

  set_xticks(...args: unknown[]): void {
    this.setTicks('x', args);
  }

  set_yticks(...args: unknown[]): void {
    this.setTicks('y', args);
  }

  private setTicks(axis: AxisName, args: unknown[]): void {
    const a = bind(`set_${axis}ticks`, ['ticks', 'labels'], args, ['minor']);
    const values = Array.from(asVector(a.ticks ?? [], 'ticks'));
    const labels = a.labels === undefined || a.labels === null ? null : Array.from(a.labels as ArrayLike<unknown>, String);
    if (labels && labels.length !== values.length) throw new ValueError(`The number of FixedLocator locations (${values.length}), usually from a call to set_ticks, does not match the number of labels (${labels.length}).`);
    this.tickLabels[axis] = { values, labels };
    this.changed();
  }

  set_aspect(aspect: unknown, ..._rest: unknown[]): void {
    this.aspect = aspect === 'equal' || aspect === 'auto' ? aspect : Number(aspect);
    if (typeof this.aspect === 'number' && !(this.aspect > 0)) throw new ValueError(`aspect must be finite and positive`);
    this.changed();
  }

  /** grid(visible=None, which='major', axis='both', {color, linestyle, linewidth, alpha}). */
  grid(...args: unknown[]): void {
    const a = bind('grid', ['visible', 'which', 'axis'], args, ['color', 'linestyle', 'linewidth', 'alpha', 'b', 'zorder'], 'Line2D');
    const axis = a.axis ?? 'both';
    if (!['both', 'x', 'y'].includes(axis)) throw new ValueError(`'${axis}' is not a valid value for axis; supported values are 'x', 'y', 'both'`);
    const styled = ['color', 'linestyle', 'linewidth', 'alpha'].some((k) => a[k] !== undefined);
    const visible = a.visible ?? a.b;
    for (const ax of axis === 'both' ? (['x', 'y'] as const) : [axis as AxisName]) {
      this.gridOn[ax] = visible === undefined || visible === null ? (styled ? true : !this.gridOn[ax]) : Boolean(visible);
    }
    if (a.color !== undefined) this.gridStyle.color = toRgba(a.color);
    if (a.linestyle !== undefined) this.gridStyle.linestyle = lineStyle(a.linestyle);
    if (a.linewidth !== undefined) this.gridStyle.linewidth = Number(a.linewidth);
    if (a.alpha !== undefined) this.gridStyle.alpha = a.alpha;
    this.changed();
  }

  /** legend(), legend(labels), legend(handles, labels), with {loc, fontsize, title, frameon, ncols}. */
  legend(...args: unknown[]): Legend {
    const [positional, kwRaw] = splitKwargs(args);
    const kw = bind('legend', [], [kwRaw], ['loc', 'fontsize', 'title', 'frameon', 'ncol', 'ncols', 'handles', 'labels', 'framealpha', 'shadow', 'bbox_to_anchor', 'prop', 'markerscale']);
    let handles: Artist[] | undefined = kw.handles;
    let labels: string[] | undefined = kw.labels;
    if (positional.length === 1) labels = Array.from(positional[0] as ArrayLike<unknown>, String);
    else if (positional.length === 2) [handles, labels] = [Array.from(positional[0] as ArrayLike<Artist>), Array.from(positional[1] as ArrayLike<unknown>, String)];
    else if (positional.length > 2) throw new TypeError(`legend() takes from 0 to 2 positional arguments but ${positional.length} were given`);
    const legendable = this.artists.filter((x) => x.kind !== 'text' && x.kind !== 'image');
    let entries: { label: string; artist: Artist }[];
    if (labels && !handles) {
      entries = labels.slice(0, legendable.length).map((label, i) => ({ label, artist: legendable[i]! }));
    } else if (handles) {
      entries = handles.map((h, i) => ({ label: labels ? labels[i] ?? '' : h.label, artist: h }));
    } else {
      entries = legendable.filter((x) => x.label !== '' && !x.label.startsWith('_')).map((artist) => ({ label: artist.label, artist }));
    }
    const loc = typeof kw.loc === 'number' ? LEGEND_LOCS[kw.loc] : kw.loc ?? rcParams['legend.loc'];
    if (!LEGEND_LOCS.includes(loc)) throw new ValueError(`'${kw.loc}' is not a valid value for loc; supported values are ${LEGEND_LOCS.map((l) => `'${l}'`).join(', ')}`);
    this.legendSpec = new Legend(loc, entries, kw.fontsize === undefined ? null : fontSize(kw.fontsize), kw.title ?? null, kw.frameon ?? true, Number(kw.ncols ?? kw.ncol ?? 1));
    this.changed();
    return this.legendSpec;
  }

  /** ax.set(title=..., xlabel=..., xlim=..., ...): each keyword through its set_ method. */
  set(...args: unknown[]): void {
    const [, kw] = splitKwargs(args);
    for (const [k, v] of Object.entries(kw)) {
      const setter = (this as unknown as Record<string, unknown>)[`set_${k}`];
      if (typeof setter !== 'function') throw new AttributeError(`Axes.set() got an unexpected keyword argument '${k}'`);
      (setter as (...a: unknown[]) => unknown).call(this, ...(Array.isArray(v) && (k === 'xlim' || k === 'ylim') ? v : [v]));
    }
  }

  cla(): void {
    this.artists.length = 0;
    this.title = { left: '', center: '', right: '' };
    this.xlabel = this.ylabel = '';
    this.limits = { x: null, y: null };
    this.legendSpec = null;
    this.colorbars.length = 0;
    this.lineCycle = this.patchCycle = 0;
    this.changed();
  }

  clear(): void {
    this.cla();
  }

  get_lines(): Line2D[] {
    return this.artists.filter((a): a is Line2D => a instanceof Line2D);
  }

  get_legend(): Legend | null {
    return this.legendSpec;
  }

  // ---- limits ----

  /** The data interval of one axis over this axes' artists, with sticky edges. */
  dataLimits(axis: AxisName): Limits | undefined {
    let lo = Infinity, hi = -Infinity, minpos = Infinity;
    const stickies: number[] = [];
    const see = (v: number) => {
      if (!Number.isFinite(v)) return;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (v > 0 && v < minpos) minpos = v;
    };
    const seeAll = (vs: ArrayLike<number>) => {
      for (let i = 0; i < vs.length; i++) see(vs[i]!);
    };
    for (const art of this.artists) {
      switch (art.kind) {
        case 'line':
        case 'scatter':
          seeAll(axis === 'x' ? art.x : art.y);
          break;
        case 'bars':
          art.rects.forEach((r, i) => {
            see(axis === 'x' ? r.x0 : r.y0);
            see(axis === 'x' ? r.x1 : r.y1);
            if ((art.orientation === 'vertical') === (axis === 'y')) stickies.push(art.baselines[i]!);
          });
          break;
        case 'image': {
          const [l, r, b, t] = art.extent;
          const pair = axis === 'x' ? [l, r] : [b, t];
          pair.forEach(see);
          stickies.push(...pair);
          break;
        }
        case 'fill':
          if (axis === 'x') seeAll(art.x);
          else {
            seeAll(art.y1);
            seeAll(art.y2);
          }
          break;
        case 'rule':
          if ((art.orient === 'h') === (axis === 'y')) see(art.value);
          break;
        case 'text':
          break;
      }
    }
    return lo <= hi ? { lo, hi, stickies, minpos } : undefined;
  }

  /** The limits an axis shows: set ones, else autoscaled from the data (of every axes sharing it). */
  viewLimits(axis: AxisName): [number, number] {
    const leader = this.shared[axis] ?? this;
    const group = this.figure.axes.filter((a) => (a.shared[axis] ?? a) === leader);
    const explicit = group.map((a) => a.limits[axis]).find((l) => l !== null);
    if (explicit) return explicit;
    let lim: Limits | undefined;
    for (const a of group) {
      const l = a.dataLimits(axis);
      if (!l) continue;
      lim = lim ? { lo: Math.min(lim.lo, l.lo), hi: Math.max(lim.hi, l.hi), stickies: [...lim.stickies, ...l.stickies], minpos: Math.min(lim.minpos, l.minpos) } : l;
    }
    if (!lim) return this.scale[axis] === 'log' ? [1, 10] : [0, 1];
    const margin = Number(rcParams[axis === 'x' ? 'axes.xmargin' : 'axes.ymargin']);
    return autoscale(lim.lo, lim.hi, lim.stickies, this.scale[axis], margin, lim.minpos);
  }

  toString(): string {
    const parts: string[] = [];
    const titles = (['left', 'center', 'right'] as const).filter((k) => this.title[k] !== '');
    if (titles.length) parts.push(`title={${titles.map((k) => `'${k}': ${pyQuote(this.title[k])}`).join(', ')}}`);
    if (this.xlabel) parts.push(`xlabel=${pyQuote(this.xlabel)}`);
    if (this.ylabel) parts.push(`ylabel=${pyQuote(this.ylabel)}`);
    return `<Axes: ${parts.join(', ')}>`;
  }
}

const LINE_KWARGS = ['label', 'color', 'linewidth', 'linestyle', 'marker', 'markersize', 'alpha', 'zorder', 'markerfacecolor', 'markeredgecolor', 'markeredgewidth', 'antialiased', 'solid_capstyle', 'dash_capstyle'];
const BAR_KWARGS = ['align', 'color', 'edgecolor', 'linewidth', 'tick_label', 'label', 'alpha', 'zorder', 'log', 'hatch'];

function pyQuote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/'/g, "\\'")}'`;
}

function nonsingularLimits([lo, hi]: [number, number]): [number, number] {
  // matplotlib warns and expands identical limits.
  const d = lo === 0 ? 1 : Math.abs(lo) * 0.001;
  return [lo - d, hi + d];
}

const FONT_SIZES: Record<string, number> = { 'xx-small': 5.79, 'x-small': 6.94, small: 8.33, medium: 10, large: 12, 'x-large': 14.4, 'xx-large': 17.28 };

function fontSize(v: unknown): number {
  if (typeof v === 'string' && v in FONT_SIZES) return FONT_SIZES[v]!;
  const n = Number(v);
  if (!(n > 0)) throw new ValueError(`${typeof v === 'string' ? `'${v}'` : String(v)} is not a valid font size`);
  return n;
}

function describe(v: unknown): string {
  return v === null ? 'None' : Array.isArray(v) ? 'list' : typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v;
}

/** hist's x: one dataset (1-D) or several (a list of 1-D arrays, or the columns of a 2-D array). */
function histDatasets(x: unknown): Float64Array[] {
  if (Array.isArray(x) && x.length > 0 && x.every((d) => isArrayLike(d) && typeof d !== 'number')) {
    return x.map((d) => {
      const a = asArray(d);
      if (a.shape.length > 1) throw new ValueError('x must have 2 or fewer dimensions');
      return a.data;
    });
  }
  const a = asArray(x);
  if (a.shape.length === 2) return Array.from({ length: a.shape[1]! }, (_, j) => column(a, j));
  if (a.shape.length > 2) throw new ValueError('x must have 2 or fewer dimensions');
  return [a.data];
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Integer image data (0..255 for RGB), as matplotlib tells it by dtype. */
function isIntegerData(x: unknown): boolean {
  if (x instanceof Uint8Array || x instanceof Uint8ClampedArray || x instanceof Int32Array || x instanceof Uint16Array || x instanceof Int16Array) return true;
  if (isPrintableVariable(x)) return /int/.test(x.value.dt);
  return isPrintableTensor(x) && /int/.test(x.dt);
}

/** Makes the float64 arrays hist() returns; pyplot installs NumPy's (np.array) when it loads. */
export let makeArray: (data: Float64Array) => unknown = (data) => Array.from(data);

export function setArrayFactory(f: (data: Float64Array) => unknown): void {
  makeArray = f;
}
