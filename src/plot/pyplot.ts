// `plt`: matplotlib.pyplot's state machine (a current figure and axes, figures numbered as pyplot
// numbers them) over src/plot/figure.ts, with the inline backend's behaviour: plt.show() displays
// every open figure and closes it, and after each cell every figure created or changed in it and not
// yet shown is displayed, then all are closed (matplotlib_inline's flush_figures on post_execute).
import { documented } from '../api/docs.js';
import '../api/methods.js';
import { np } from '../api/facades/numpy.js';
import { cellOutput, onPostExecute } from '../session/hooks.js';
import { bind, splitKwargs } from './args.js';
import type { AxesImage, PathCollection } from './artists.js';
import { COLORMAP_NAMES, getCmap } from './colors.js';
import { unbox, ValueError } from './data.js';
import { Axes, Figure, rcParams, RuntimeError, setArrayFactory, type AxesArray } from './figure.js';
import { inlineFormats, type FigureFormat } from './render.js';

// hist() returns NumPy arrays, as matplotlib does (np's functions are generated: typed loosely here).
setArrayFactory((data) => (np as unknown as { array(data: unknown, o: unknown): unknown }).array(data, { dtype: 'float64' }));

/** Open figures by number, in creation order (pyplot's Gcf). */
const figures = new Map<number | string, Figure>();
let active: Figure | undefined;

function nextNumber(): number {
  const nums = [...figures.keys()].filter((k): k is number => typeof k === 'number');
  return nums.length ? Math.max(...nums) + 1 : 1;
}

function figure(...args: unknown[]): Figure {
  const a = bind('figure', ['num', 'figsize', 'dpi', 'facecolor', 'edgecolor', 'frameon', 'clear'], args, ['layout', 'tight_layout', 'constrained_layout']);
  if (a.num instanceof Figure) {
    figures.set(a.num.number, a.num);
    return (active = a.num);
  }
  const num = a.num ?? nextNumber();
  const existing = figures.get(num);
  if (existing) {
    if (a.clear) existing.clear();
    return (active = existing);
  }
  const fig = new Figure(num, a);
  figures.set(num, fig);
  fig.touch();
  return (active = fig);
}

function gcf(): Figure {
  return active && figures.get(active.number) === active ? active : figure();
}

function gca(): Axes {
  return gcf().gca();
}

function sca(ax: Axes): Axes {
  figure(ax.figure);
  return ax.figure.sca(ax);
}

function subplots(...args: unknown[]): [Figure, Axes | AxesArray | AxesArray[]] {
  const [positional, kw] = splitKwargs(args);
  const { figsize, dpi, num, ...rest } = kw;
  const fig = figure({ ...(figsize !== undefined ? { figsize } : {}), ...(dpi !== undefined ? { dpi } : {}), ...(num !== undefined ? { num } : {}) });
  return [fig, fig.subplots(...positional, rest)];
}

function subplot(...args: unknown[]): Axes {
  return gcf().add_subplot(...args);
}

/** Displays every open figure in the cell's output and closes it. */
function show(...args: unknown[]): void {
  bind('show', [], args, ['block']);
  const out = cellOutput();
  if (!out) return; // outside a cell there is nowhere to show a figure (savefig writes files)
  for (const fig of [...figures.values()]) out.display(fig);
  close('all');
}

function close(fig: unknown = null): void {
  fig = unbox(fig);
  if (fig === 'all') {
    figures.clear();
    active = undefined;
    return;
  }
  const target = fig === null || fig === undefined ? active : fig instanceof Figure ? fig : figures.get(fig as number);
  if (!target) return;
  figures.delete(target.number);
  if (active === target) active = [...figures.values()].pop();
}

/** The current image or color-mapped collection (pyplot.gci), what colorbar() uses by default. */
function gci(): AxesImage | PathCollection | undefined {
  const ax = active?.currentAxes;
  if (!ax) return undefined;
  return [...ax.artists].reverse().find((a): a is AxesImage | PathCollection => a.kind === 'image' || (a.kind === 'scatter' && a.colors.kind === 'mapped'));
}

function colorbar(...args: unknown[]) {
  const a = bind('colorbar', ['mappable', 'cax', 'ax'], args, ['label', 'orientation', 'shrink', 'fraction', 'pad', 'aspect', 'ticks', 'format']);
  const mappable = a.mappable ?? gci();
  if (!mappable) throw new RuntimeError('No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).');
  return gcf().colorbar({ ...a, mappable, ax: a.ax ?? undefined });
}

/** plt.xlim() gets the limits; plt.xlim(left, right) or plt.xlim([left, right]) sets them. */
function limits(axis: 'x' | 'y') {
  return (...args: unknown[]): [number, number] => {
    const ax = gca();
    if (args.length === 0) return axis === 'x' ? ax.get_xlim() : ax.get_ylim();
    return axis === 'x' ? ax.set_xlim(...args) : ax.set_ylim(...args);
  };
}

function ticks(axis: 'x' | 'y') {
  return (...args: unknown[]): unknown => {
    const ax = gca();
    if (args.length === 0) return [ax.tickLabels[axis]?.values ?? [], ax.tickLabels[axis]?.labels ?? []];
    if (axis === 'x') ax.set_xticks(...args);
    else ax.set_yticks(...args);
    return undefined;
  };
}

/** IPython's set_matplotlib_formats: what a displayed figure carries ('svg', 'png', 'vegalite'). */
function set_matplotlib_formats(...formats: unknown[]): void {
  const chosen = formats.flat().map((f) => String(f).toLowerCase().replace(/^retina$/, 'png'));
  const known: FigureFormat[] = ['svg', 'png', 'vegalite'];
  for (const f of chosen) if (!known.includes(f as FigureFormat)) throw new ValueError(`supported formats are: 'png', 'svg', 'vegalite', not '${f}'`);
  if (chosen.length === 0) throw new ValueError('set_matplotlib_formats() needs at least one format');
  inlineFormats.clear();
  for (const f of chosen) inlineFormats.add(f as FigureFormat);
}

type Fn = (...args: any[]) => any;

/** Forwards plt.name(...) to the current axes' method. */
const onAxes = (method: keyof Axes): Fn => (...args: unknown[]) => (gca()[method] as Fn)(...args);

const doc = (f: Fn, signature: string, text: string) => documented(f, `plt.${signature}`, text);

export const plt = documented({
  figure: doc(figure, 'figure(num=None, figsize=None, dpi=None, clear=False)', 'Creates a figure, or makes figure `num` current. figsize is (width, height) in inches (default 6.4 x 4.8), dpi 100.'),
  subplots: doc(subplots, 'subplots(nrows=1, ncols=1, sharex=False, sharey=False, squeeze=True, figsize=None)', 'A figure and a grid of axes: `const [fig, ax] = plt.subplots()`, `const [fig, axs] = plt.subplots(2, 2)` (axs[0][1], axs.flat).'),
  subplot: doc(subplot, 'subplot(nrows, ncols, index)', 'Adds (or makes current) the axes at `index` (1-based) of an nrows x ncols grid; subplot(221) works too.'),
  gcf: doc(gcf, 'gcf()', 'The current figure (created if there is none).'),
  gca: doc(gca, 'gca()', 'The current axes of the current figure (created if there are none).'),
  sca: doc(sca, 'sca(ax)', 'Makes `ax` (and its figure) current.'),
  gci: doc(gci, 'gci()', 'The current image or colour-mapped scatter, what colorbar() draws by default.'),
  plot: doc(onAxes('plot'), 'plot([x], y, [fmt], *, label, color, linewidth, linestyle, marker, markersize, alpha)', "Lines and/or markers: fmt is '[marker][line][color]' ('r--', 'o-', 'C2:'); several x, y[, fmt] groups may follow each other. Returns a list of Line2D."),
  scatter: doc(onAxes('scatter'), 'scatter(x, y, s=None, c=None, marker=None, cmap=None, vmin=None, vmax=None, alpha=None, edgecolors=None, label=None)', 'Markers of size s (points²) and colour c: a colour, a colour per point, or values mapped through cmap.'),
  bar: doc(onAxes('bar'), 'bar(x, height, width=0.8, bottom=None, *, align="center", color, edgecolor, tick_label, label)', 'Vertical bars; x may be category names.'),
  barh: doc(onAxes('barh'), 'barh(y, width, height=0.8, left=None, ...)', 'Horizontal bars.'),
  hist: doc(onAxes('hist'), 'hist(x, bins=10, range=None, density=False, weights=None, cumulative=False, rwidth=None, color=None, label=None)', 'A histogram with NumPy\'s bins; returns [n, bins, patches].'),
  imshow: doc(onAxes('imshow'), 'imshow(X, cmap="viridis", aspect="equal", interpolation=None, alpha=None, vmin=None, vmax=None, origin="upper", extent=None)', 'An image: a 2-D array through a colormap, or (M, N, 3|4) RGB(A) data.'),
  fill_between: doc(onAxes('fill_between'), 'fill_between(x, y1, y2=0, where=None, *, color, alpha, label)', 'Fills the region between two curves.'),
  axhline: doc(onAxes('axhline'), 'axhline(y=0, xmin=0, xmax=1, ...)', 'A horizontal line across the axes.'),
  axvline: doc(onAxes('axvline'), 'axvline(x=0, ymin=0, ymax=1, ...)', 'A vertical line across the axes.'),
  text: doc(onAxes('text'), 'text(x, y, s, *, fontsize, color, ha, va)', 'Text at data coordinates.'),
  title: doc(onAxes('set_title'), 'title(label, *, loc="center", fontsize)', 'The current axes\' title.'),
  xlabel: doc(onAxes('set_xlabel'), 'xlabel(xlabel)', 'The x axis label.'),
  ylabel: doc(onAxes('set_ylabel'), 'ylabel(ylabel)', 'The y axis label.'),
  xlim: doc(limits('x'), 'xlim(left=None, right=None)', 'Gets or sets the x limits.'),
  ylim: doc(limits('y'), 'ylim(bottom=None, top=None)', 'Gets or sets the y limits.'),
  xscale: doc(onAxes('set_xscale'), 'xscale(value)', "'linear' or 'log'."),
  yscale: doc(onAxes('set_yscale'), 'yscale(value)', "'linear' or 'log'."),
  xticks: doc(ticks('x'), 'xticks(ticks=None, labels=None)', 'Fixed x tick positions and labels.'),
  yticks: doc(ticks('y'), 'yticks(ticks=None, labels=None)', 'Fixed y tick positions and labels.'),
  legend: doc(onAxes('legend'), 'legend(*args, loc="best", fontsize=None, title=None, frameon=True, ncols=1)', 'A legend of the labelled artists (or of the labels given).'),
  grid: doc(onAxes('grid'), 'grid(visible=None, which="major", axis="both", **kwargs)', 'Turns grid lines on or off (toggles without arguments).'),
  colorbar: doc(colorbar, 'colorbar(mappable=None, *, ax=None, label=None)', 'A colorbar for an image or colour-mapped scatter.'),
  suptitle: doc((...args: unknown[]) => gcf().suptitle(...args), 'suptitle(t)', 'A title above all the axes of the figure.'),
  show: doc(show, 'show()', 'Displays every open figure and closes it (in a notebook; figures left open are shown when the cell ends).'),
  close: doc(close, 'close(fig=None)', "Closes the current figure, a figure, a figure number, or 'all'."),
  savefig: doc((...args: unknown[]) => gcf().savefig(...args), 'savefig(fname, *, format=None, dpi=None)', 'Writes the current figure to a file: .svg, .png, or .json (its Vega-Lite spec).'),
  clf: doc(() => gcf().clf(), 'clf()', 'Clears the current figure.'),
  cla: doc(() => gca().cla(), 'cla()', 'Clears the current axes.'),
  tight_layout: doc(() => undefined, 'tight_layout()', 'Figures are always laid out tightly; kept for code that calls it.'),
  get_fignums: doc(() => [...figures.keys()], 'get_fignums()', 'The numbers of the open figures.'),
  get_cmap: doc((name: unknown = rcParams['image.cmap']) => getCmap(name), 'get_cmap(name="viridis")', 'A colormap by name.'),
  colormaps: doc(() => [...COLORMAP_NAMES], 'colormaps()', 'The names of the colormaps.'),
  set_matplotlib_formats: doc(set_matplotlib_formats, "set_matplotlib_formats(*formats)", "IPython's: what displayed figures carry, of 'svg', 'png', 'vegalite' (default 'svg', 'vegalite'). Add 'png' for notebooks opened untrusted, where Notebook and JupyterLab hide SVG."),
  rcParams,
  Figure,
  Axes,
}, 'plt', "matplotlib.pyplot: plot, scatter, bar, barh, hist, imshow, fill_between, axhline, axvline, text, title, xlabel, ylabel, legend, grid, xlim, ylim, xscale, yscale, xticks, yticks, colorbar, suptitle, figure, subplots, subplot, gcf, gca, show, close, savefig, rcParams. Keyword arguments are a trailing options object with matplotlib's names. A cell's figures are shown when it ends (or at plt.show()) and then closed, as with matplotlib's inline backend. help(plt.plot) and the others give each signature.");

// matplotlib_inline's flush_figures: after each cell, show what the cell drew and close everything.
onPostExecute((out) => {
  for (const fig of [...figures.values()]) if (fig.version !== fig.shownVersion) out.display(fig);
  close('all');
});

