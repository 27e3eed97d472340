// plt: the Vega-Lite spec each function produces, the SVG and PNG rendered from it, inputs of every
// kind, matplotlib's errors and return values.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import * as api from '../../src/api/index.js';
import { plt } from '../../src/plot/pyplot.js';
import type { Axes, Figure } from '../../src/plot/figure.js';
import { compileVegaLite, figureBundle, inlineFormats, svgOfSpec, VEGALITE_MIME } from '../../src/plot/render.js';
import { figureSpec, simplify } from '../../src/plot/spec.js';

type Spec = Record<string, any>;

// The facades' functions are generated from the op table: typed loosely here.
const { jnp, np, tf, torch } = api as unknown as Record<'jnp' | 'np' | 'tf' | 'torch', any>;

/** The current figure's layers (a single axes' spec). */
function layers(): Spec[] {
  return (plt.gcf().to_vegalite() as Spec).layer as Spec[];
}

/** Layers drawing artists: not the frame layer that carries the axes, not legend layers. */
function artistLayers(): Spec[] {
  return layers().filter((l, i) => i > 0 && !(l.mark?.opacity === 0 && l.mark?.type === 'point'));
}

/** The RGBA pixels of a PNG data URL (8-bit RGBA, unfiltered, as src/plot/png.ts writes them). */
function pixels(url: string): number[][] {
  const png = Buffer.from(url.split(',')[1]!, 'base64');
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const out: number[][] = [];
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out.push([...raw.subarray(r * (width * 4 + 1) + 1 + c * 4, r * (width * 4 + 1) + 5 + c * 4)]);
  return out;
}

function labelsOf(axis: Spec): string[] {
  return JSON.parse((axis.labelExpr as string).slice(0, (axis.labelExpr as string).indexOf('][indexof') + 1)) as string[];
}

describe('plt: Vega-Lite specs', () => {
  beforeEach(() => plt.close('all'));

  it('a figure is 640x480 at 100 dpi, its axes 496x369.6 as matplotlib places them, cropped with 0.1 inch padding', () => {
    plt.plot([1, 2, 3]);
    const spec = plt.gcf().to_vegalite() as Spec;
    assert.equal(String(plt.gcf()), '<Figure size 640x480 with 1 Axes>');
    assert.equal(spec.$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
    assert.equal(spec.width, 496);
    assert.equal(spec.height, 369.6);
    assert.equal(spec.padding, 10);
    assert.equal(spec.background, 'white');
    assert.match(spec.config.font, /^DejaVu Sans/);
    assert.equal(spec.config.view.stroke, 'black');
  });

  it('plot: a line layer per column in the tab10 cycle, in data order, with x defaulting to range(n)', () => {
    plt.plot([[1, 4], [2, 5], [3, 6]]);
    const [a, b] = artistLayers();
    assert.equal(a!.mark.type, 'line');
    assert.equal(a!.mark.color, '#1f77b4');
    assert.equal(b!.mark.color, '#ff7f0e');
    assert.equal(a!.mark.strokeWidth, 2.08); // 1.5 pt
    assert.deepEqual(a!.encoding.order, { value: null });
    assert.deepEqual(a!.data.values, [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: 3 }]);
    assert.deepEqual(b!.data.values.map((r: Spec) => r.y), [4, 5, 6]);
  });

  it("plot: format strings ('r--', 'o', 'C2:', 'k^-.'), keywords and several x, y, fmt groups", () => {
    const lines = plt.plot([0, 1], [0, 1], 'r--', [0, 1], [1, 0], 'o', [0, 1], [2, 2], 'C2:', { linewidth: 3 });
    assert.equal(lines.length, 3);
    const ls = artistLayers();
    assert.equal(ls[0]!.mark.color, '#ff0000');
    assert.deepEqual(ls[0]!.mark.strokeDash, [15.42, 6.67]); // 3.7, 1.6 scaled by the 3 pt width
    assert.equal(ls[1]!.mark.type, 'point'); // 'o' alone: markers, no line
    assert.equal(ls[1]!.mark.shape, 'circle');
    assert.equal(ls[1]!.mark.color, undefined);
    assert.equal(ls[1]!.mark.fill, '#1f77b4');
    assert.equal(ls[2]!.mark.color, '#2ca02c');
    assert.deepEqual(ls[2]!.mark.strokeDash, [4.17, 6.87]);
    plt.close('all');
    plt.plot([1, 2], 'k^-.', { label: 'a', markersize: 10, alpha: 0.5 });
    const [line, points] = artistLayers();
    assert.equal(line!.mark.color, '#000000');
    assert.equal(line!.mark.opacity, 0.5);
    assert.equal(points!.mark.shape, 'triangle-up');
    assert.equal(points!.mark.size, 192.9); // (10 pt)² in pixels²
    plt.close('all');
    plt.plot([1, 2], { color: 'tab:orange', linestyle: 'dotted', marker: 's' });
    assert.equal(artistLayers()[0]!.mark.color, '#ff7f0e');
    assert.equal(artistLayers()[1]!.mark.shape, 'square');
  });

  it('plot: NaN and infinities break the line (null in the data)', () => {
    plt.plot([1, NaN, 3, Infinity, 5]);
    assert.deepEqual(artistLayers()[0]!.data.values.map((r: Spec) => r.y), [1, null, 3, null, 5]);
    assert.deepEqual(plt.ylim(), [0.8, 5.2]);
  });

  it('scatter: sizes in points², colours mapped through a colormap, markers and alpha', () => {
    plt.scatter([1, 2, 3], [3, 1, 2], { s: [10, 20, 40], c: [0, 0.5, 1], cmap: 'viridis', marker: 'D', alpha: 0.5 });
    const [layer] = artistLayers();
    assert.equal(layer!.mark.type, 'point');
    assert.equal(layer!.mark.shape, 'diamond');
    assert.equal(layer!.mark.opacity, 0.5);
    assert.deepEqual(layer!.data.values.map((r: Spec) => r.c), ['#440154', '#21918c', '#fde725']);
    assert.deepEqual(layer!.encoding.size, { field: 's', type: 'quantitative', scale: null, legend: null });
    assert.deepEqual(layer!.data.values.map((r: Spec) => r.s), [15.62, 31.25, 62.5]);
    plt.close('all');
    plt.scatter([1, 2], [1, 2]);
    const [single] = artistLayers();
    assert.equal(single!.mark.color, '#1f77b4');
    assert.equal(single!.mark.size, 69.44); // rcParams['lines.markersize'] ** 2 = 36 pt²
  });

  it('bar: rectangles from the baseline, categories on the axis, per-bar colours, no margin below 0', () => {
    const bars = plt.bar(['a', 'b', 'c'], [3, 7, 5], { color: ['r', 'g', 'b'] });
    assert.equal(String(bars), '<BarContainer object of 3 artists>');
    const [layer] = artistLayers();
    assert.equal(layer!.mark.type, 'rect');
    assert.deepEqual(layer!.data.values[1], { x: 0.6, x2: 1.4, y: 0, y2: 7, c: '#008000' });
    const x = layers()[0]!.encoding.x;
    assert.deepEqual(x.axis.values, [0, 1, 2]);
    assert.deepEqual(labelsOf(x.axis), ['a', 'b', 'c']);
    assert.equal(plt.ylim()[0], 0);
    assert.equal(plt.ylim()[1], 7.35);
  });

  it("hist: NumPy's bins and counts, density, returned as [n, bins, patches] with NumPy arrays", () => {
    const [n, bins, patches] = plt.hist([1, 2, 2, 3, 3, 3, 4], { bins: 3 }) as [Spec, Spec, Spec];
    assert.equal(String(n), '[1. 2. 4.]');
    assert.equal(String(bins), '[1. 2. 3. 4.]');
    assert.equal(String(patches), '<BarContainer object of 3 artists>');
    const [layer] = artistLayers();
    assert.deepEqual(layer!.data.values.map((r: Spec) => [r.x, r.x2, r.y2]), [[1, 2, 1], [2, 3, 2], [3, 4, 4]]);
    plt.close('all');
    const [d] = plt.hist([0, 0, 1, 3], { bins: [0, 1, 2, 4], density: true }) as [Spec];
    assert.deepEqual(d.tolist(), [0.5, 0.25, 0.125]);
  });

  it('imshow: the pixels as a PNG image mark over the extent, y axis downwards, equal aspect, colorbar', () => {
    const img = plt.imshow([[0, 1, 2], [3, 4, 5]], { cmap: 'gray' });
    assert.equal(String(img), 'AxesImage(size=(2, 3))');
    plt.colorbar({ label: 'value' });
    const [layer] = artistLayers();
    assert.equal(layer!.mark.type, 'image');
    assert.match(layer!.mark.url, /^data:image\/png;base64,iVBORw0KGgo/);
    assert.deepEqual([layer!.encoding.x.datum, layer!.encoding.x2.datum, layer!.encoding.y.datum, layer!.encoding.y2.datum], [-0.5, 2.5, -0.5, 1.5]);
    assert.deepEqual(plt.xlim(), [-0.5, 2.5]);
    assert.deepEqual(plt.ylim(), [1.5, -0.5]); // origin='upper': inverted
    assert.equal(layers()[0]!.encoding.y.scale.reverse, true);
    const spec = plt.gcf().to_vegalite() as Spec;
    // aspect='equal': 3 x 2 data units in a box of the same proportions (after the colorbar's 15%).
    assert.ok(Math.abs(spec.width / spec.height - 1.5) < 0.01, `${spec.width} x ${spec.height}`);
    const colorbar = layers().find((l) => l.encoding?.fill?.legend?.type === 'gradient')!;
    assert.deepEqual(colorbar.encoding.fill.scale.domain, [0, 5]);
    assert.equal(colorbar.encoding.fill.scale.range[0], '#000000');
    assert.equal(colorbar.encoding.fill.scale.range[63], '#ffffff');
    assert.equal(colorbar.encoding.fill.legend.title, 'value');
    // The PNG itself: 3 x 2, grey levels 0..255.
    const png = Buffer.from((layer!.mark.url as string).split(',')[1]!, 'base64');
    assert.equal(png.readUInt32BE(16), 3);
    assert.equal(png.readUInt32BE(20), 2);
  });

  it('imshow: RGB(A) data, in [0, 1] floats or 0..255 integers', () => {
    plt.imshow([[[1, 0, 0], [0, 1, 0.5]]]);
    assert.deepEqual(pixels(artistLayers()[0]!.mark.url), [[255, 0, 0, 255], [0, 255, 128, 255]]);
    plt.close('all');
    plt.imshow(np.array([[[255, 128, 0, 100]]], { dtype: 'int32' }));
    assert.deepEqual(pixels(artistLayers()[0]!.mark.url), [[255, 128, 0, 100]]);
    plt.close('all');
    plt.imshow([[0, 1], [2, NaN]], { origin: 'lower' });
    // origin='lower': row 0 at the bottom, so the PNG's first row is the data's last; NaN is transparent.
    assert.deepEqual(pixels(artistLayers()[0]!.mark.url), [[0xfd, 0xe7, 0x25, 255], [0, 0, 0, 0], [0x44, 0x01, 0x54, 255], [0x21, 0x91, 0x8c, 255]]);
  });

  it('fill_between: an area from y1 to y2 (scalars broadcast), where= leaves gaps', () => {
    plt.fill_between([0, 1, 2], [1, 2, 1], 0, { where: [true, true, false], alpha: 0.3 });
    const [layer] = artistLayers();
    assert.equal(layer!.mark.type, 'area');
    assert.equal(layer!.mark.opacity, 0.3);
    assert.deepEqual(layer!.data.values, [{ x: 0, y: 1, y2: 0 }, { x: 1, y: 2, y2: 0 }, { x: 2, y: null, y2: null }]);
    assert.equal(layer!.encoding.y2.field, 'y2');
  });

  it('title, labels, grid, limits, log scale and ticks', () => {
    plt.plot([1, 10, 100]);
    assert.equal(String(plt.title('T')), "Text(0.5, 1.0, 'T')");
    assert.equal(String(plt.xlabel('time')), "Text(0.5, 0, 'time')");
    assert.equal(String(plt.ylabel('y')), "Text(0, 0.5, 'y')");
    plt.grid(true, { linestyle: '--' });
    assert.deepEqual(plt.xlim(0, 2), [0, 2]);
    plt.yscale('log');
    const spec = plt.gcf().to_vegalite() as Spec;
    assert.deepEqual(spec.title, { text: ['T'], anchor: 'middle', frame: 'group', fontSize: 16.67 });
    const { x, y } = spec.layer[0].encoding;
    assert.deepEqual(x.title, ['time']);
    assert.deepEqual(x.scale.domain, [0, 2]);
    assert.deepEqual(x.axis.values, [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    assert.deepEqual(labelsOf(x.axis), ['0.00', '0.25', '0.50', '0.75', '1.00', '1.25', '1.50', '1.75', '2.00']);
    assert.equal(x.axis.grid, true);
    assert.ok(x.axis.gridDash);
    assert.equal(y.scale.type, 'log');
    assert.deepEqual(labelsOf(y.axis), ['10\u2070', '10\u00b9', '10\u00b2']);
    assert.equal(String(plt.gca()), "<Axes: title={'center': 'T'}, xlabel='time', ylabel='y'>");
  });

  it("negative tick labels use matplotlib's minus sign; offsets and orders of magnitude get an offset text", () => {
    plt.plot([-1, 1]);
    assert.deepEqual(labelsOf(layers()[0]!.encoding.y.axis).slice(0, 2), ['\u22121.00', '\u22120.75']);
    plt.close('all');
    plt.plot([0, 1], [3e7, 4e7]);
    const texts = artistLayers().filter((l) => l.mark.type === 'text').map((l) => l.mark.text);
    assert.deepEqual(texts, ['1e7']);
  });

  it("legend: matplotlib's handles for lines, markers and patches, in the 'best' corner", () => {
    plt.plot([0, 1, 2], [0, 1, 2], { label: 'up' });
    plt.plot([0, 1, 2], [2, 1.5, 2], 'o--', { label: 'dots' });
    plt.bar([1], [0.5], { label: 'bar' });
    plt.plot([0, 2], [1, 1], { label: '_hidden' });
    const leg = plt.legend();
    assert.equal(String(leg), 'Legend');
    assert.deepEqual(leg.get_texts(), ['up', 'dots', 'bar']);
    const layer = layers().find((l) => l.encoding?.shape)!;
    assert.deepEqual(layer.encoding.stroke.scale.domain, ['up', 'dots', 'bar']);
    assert.deepEqual(layer.encoding.stroke.scale.range, ['#1f77b4', '#ff7f0e', 'transparent']);
    assert.deepEqual(layer.encoding.fill.scale.range, ['transparent', '#ff7f0e', '#1f77b4']); // bars take the patch cycle's first colour
    assert.equal(layer.encoding.shape.scale.range[0], 'M-1,0L3,0');
    assert.match(layer.encoding.shape.scale.range[1], /^M-1,0L3,0M/); // a line with its marker
    assert.equal(layer.encoding.shape.scale.range[2], 'M-1,-0.7L3,-0.7L3,0.7L-1,0.7Z');
    // The lines touch the upper corners and the lower left; matplotlib puts this legend lower right.
    assert.equal(layer.encoding.stroke.legend.orient, 'bottom-right');
    plt.legend({ loc: 'upper left' });
    assert.equal(layers().find((l) => l.encoding?.shape)!.encoding.stroke.legend.orient, 'top-left');
    plt.legend(['first', 'second'], { loc: 'center' });
    const centred = layers().find((l) => l.encoding?.shape)!.encoding.stroke;
    assert.deepEqual(centred.scale.domain, ['first', 'second']);
    assert.equal(centred.legend.orient, 'none');
  });

  it('subplots: a grid of axes (nested arrays with .flat), each its own view in a concat', () => {
    const [fig, axs] = plt.subplots(2, 3, { figsize: [9, 4] }) as [Figure, Axes[][] & { flat: Axes[] }];
    assert.equal(axs.length, 2);
    assert.equal(axs[0]!.length, 3);
    assert.equal(axs.flat.length, 6);
    axs[1]![2]!.plot([1, 2]);
    axs[0]![0]!.set_title('first');
    assert.equal(String(fig), '<Figure size 900x400 with 6 Axes>');
    const spec = fig.to_vegalite() as Spec;
    assert.equal(spec.columns, 3);
    assert.equal(spec.concat.length, 6);
    assert.deepEqual(spec.concat[0].title.text, ['first']);
    assert.equal(spec.resolve.scale.x, 'independent');
    const [, one] = plt.subplots(1, 2) as [Figure, Axes[]];
    assert.equal(one.length, 2);
    const [, single] = plt.subplots();
    assert.equal(String(single), '<Axes: >');
    const [, shared] = plt.subplots(2, 1, { sharex: true }) as [Figure, Axes[]];
    shared[0]!.plot([0, 10], [0, 1]);
    shared[1]!.plot([0, 1], [0, 1]);
    assert.deepEqual(shared[1]!.get_xlim(), shared[0]!.get_xlim());
  });

  it('plt.subplot(nrows, ncols, index) and subplot(221) select or add axes; figure(num) returns to a figure', () => {
    const f1 = plt.figure();
    const a = plt.subplot(2, 2, 1);
    assert.equal(plt.subplot(221), a);
    const b = plt.subplot(2, 2, 4);
    assert.equal(plt.gca(), b);
    const f2 = plt.figure();
    assert.notEqual(f1, f2);
    assert.deepEqual(plt.get_fignums(), [1, 2]);
    assert.equal(plt.figure(1), f1);
    plt.close(1);
    assert.deepEqual(plt.get_fignums(), [2]);
    const spec = f1.to_vegalite() as Spec;
    assert.equal(spec.concat.length, 4); // empty cells keep their place
  });

  it('reads JS arrays, typed arrays, nested arrays and tensors of every facade', () => {
    const x = jnp.linspace(0, 1, 5);
    plt.plot(x, jnp.sin(x));
    plt.plot(Float32Array.of(0, 0.5), torch.tensor([1.5, 2.5], { requires_grad: true }));
    plt.plot(np.array([0, 1]), tf.Variable([3.0, 4.0]));
    plt.plot(tf.constant([[1, 2], [3, 4]]));
    const ys = artistLayers().map((l) => l.data.values.map((r: Spec) => r.y));
    assert.equal(ys[0]!.length, 5);
    assert.ok(Math.abs(ys[0]![4] - Math.sin(1)) < 1e-6);
    assert.deepEqual(ys[1], [1.5, 2.5]);
    assert.deepEqual(ys[2], [3, 4]);
    assert.deepEqual(ys[3], [1, 3]);
    assert.deepEqual(ys[4], [2, 4]);
  });
});

describe('plt: rendering', function () {
  this.timeout(30_000);
  beforeEach(() => plt.close('all'));

  it('SVG: paths and text, the same bytes each time, ids unique per figure', () => {
    plt.plot([0, 1, 2], [1, 3, 2], { label: 'line' });
    plt.title('Title');
    plt.legend();
    const svg = plt.gcf().to_svg();
    assert.match(svg, /^<svg [^>]*width="\d+(\.\d+)?" height="\d+(\.\d+)?"/);
    assert.match(svg, /<g class="mark-line role-mark[^>]*><path d="M[\d.,]+L/);
    assert.match(svg, />Title</);
    assert.match(svg, /font-family="DejaVu Sans/);
    assert.equal(plt.gcf().to_svg(), svg);
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(ids.length > 0 && ids.every((id) => /^f[0-9a-f]{10}-/.test(id)), ids.join(' '));
    plt.figure();
    plt.plot([1, 2]);
    const other = plt.gcf().to_svg();
    assert.notEqual(other.match(/ id="(f[0-9a-f]{10})-/)![1], svg.match(/ id="(f[0-9a-f]{10})-/)![1]);
  });

  it("the synchronous render equals Vega's own asynchronous View.toSVG", async () => {
    plt.subplots(1, 2);
    plt.subplot(1, 2, 1).imshow([[1, 2], [3, 4]]);
    plt.colorbar();
    plt.subplot(1, 2, 2).hist([1, 2, 2, 3], { label: 'h' });
    plt.legend();
    const fs = figureSpec(plt.gcf());
    const ours = svgOfSpec(fs).replace(/f[0-9a-f]{10}-/g, '');
    const require = createRequire(import.meta.url);
    const vega = require('vega');
    vega.resetSVGDefIds();
    const view = new vega.View(vega.parse(compileVegaLite(fs.spec)), { renderer: 'none' });
    const theirs = (await view.toSVG()) as string;
    view.finalize();
    // Vega's own loader cannot decode images in Node: only the image's href differs.
    assert.equal(ours.replace(/xlink:href="data:[^"]*"/g, 'xlink:href=""'), theirs.replace(/xlink:href="[^"]*"/g, 'xlink:href=""'));
  });

  it('every kind of figure compiles without a Vega-Lite warning (browsers log them)', () => {
    const require = createRequire(import.meta.url);
    const vl = require('vega-lite');
    const warnings: string[] = [];
    const logger = { level() { return logger; }, warn: (...a: unknown[]) => warnings.push(a.join(' ')), info() {}, debug() {}, error: (...a: unknown[]) => warnings.push(`error: ${a.join(' ')}`) };
    const [, axs] = plt.subplots(2, 3) as [Figure, Axes[][]];
    axs[0]![0]!.plot([1, 2, 3], 'o--', { label: 'line' });
    axs[0]![0]!.scatter([1, 2], [2, 1], { label: 'dots' });
    axs[0]![0]!.bar([1], [1], { label: 'bar' });
    axs[0]![0]!.legend();
    axs[0]![1]!.scatter([1, 2, 3], [3, 1, 2], { c: [1, 2, 3], s: [10, 20, 30] });
    plt.sca(axs[0]![1]!);
    plt.colorbar();
    axs[0]![2]!.bar(['a', 'b'], [1, 2], { color: ['r', 'g'], edgecolor: 'k' });
    axs[1]![0]!.hist([[1, 2, 2], [2, 3, 3]], { bins: 3, label: ['x', 'y'] });
    axs[1]![0]!.legend({ loc: 'center' });
    axs[1]![1]!.imshow([[1, 2], [3, 4]]);
    axs[1]![1]!.text(0, 0, 'note');
    axs[1]![2]!.fill_between([1, 2, 3], [1, 3, 2], 0, { label: 'area' });
    axs[1]![2]!.axhline(1, { linestyle: ':' });
    axs[1]![2]!.axvline(2, { ymin: 0.2, ymax: 0.8 });
    axs[1]![2]!.set_yscale('log');
    plt.suptitle('all');
    vl.compile(plt.gcf().to_vegalite(), { logger });
    assert.deepEqual(warnings, []);
  });

  it('savefig writes SVG, PNG (at a dpi) and the Vega-Lite JSON, by extension or format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jacobi-plot-'));
    try {
      plt.plot([1, 2, 3]);
      plt.savefig(join(dir, 'a.svg'));
      plt.savefig(join(dir, 'a.png'));
      plt.savefig(join(dir, 'b.png'), { dpi: 200 });
      plt.savefig(join(dir, 'c'), { format: 'json' });
      plt.savefig(join(dir, 'd'));
      assert.match(readFileSync(join(dir, 'a.svg'), 'utf8'), /^<svg/);
      const png = readFileSync(join(dir, 'a.png'));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
      assert.ok(width > 550 && width < 640 && height > 400 && height < 480, `${width}x${height}`);
      assert.equal(readFileSync(join(dir, 'b.png')).readUInt32BE(16), 2 * width);
      assert.equal(JSON.parse(readFileSync(join(dir, 'c'), 'utf8')).$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
      assert.ok(readFileSync(join(dir, 'd.png')).length > 1000);
      assert.throws(() => plt.savefig(join(dir, 'e.pdf')), { name: 'ValueError', message: "Format 'pdf' is not supported (supported formats: json, png, svg)" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('displays as SVG, Vega-Lite and text/plain (PNG on request); very large data leaves the Vega-Lite JSON out', () => {
    plt.plot([1, 2]);
    const bundle = figureBundle(plt.gcf() as Figure);
    assert.deepEqual(Object.keys(bundle).sort(), ['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
    assert.equal(bundle['text/plain'], '<Figure size 640x480 with 1 Axes>');
    plt.set_matplotlib_formats('png', 'svg');
    try {
      const both = figureBundle(plt.gcf() as Figure);
      assert.deepEqual(Object.keys(both).sort(), ['image/png', 'image/svg+xml', 'text/plain']);
      assert.ok(Buffer.from(both['image/png'] as string, 'base64').subarray(1, 4).toString() === 'PNG');
    } finally {
      plt.set_matplotlib_formats('svg', 'vegalite');
    }
    assert.deepEqual([...inlineFormats], ['svg', 'vegalite']);
    plt.close('all');
    plt.scatter(new Float64Array(30_000).map((_, i) => Math.sin(i)), new Float64Array(30_000).map((_, i) => Math.cos(i)));
    assert.equal(figureBundle(plt.gcf() as Figure)[VEGALITE_MIME], undefined);
  });

  it('renders a line of 1e5 points in under a second, simplified as matplotlib simplifies paths', () => {
    const y = new Float64Array(100_000).map((_, i) => Math.sin(i / 1000) + Math.sin(i / 7));
    plt.plot(y);
    figureBundle(plt.gcf() as Figure); // Vega loaded and warm
    const t = performance.now();
    const bundle = figureBundle(plt.gcf() as Figure);
    const ms = performance.now() - t;
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    const path = /<g class="mark-line[^>]*><path d="([^"]+)"/.exec(bundle['image/svg+xml'] as string)![1]!;
    const vertices = path.split(/[ML]/).length - 1;
    assert.ok(vertices > 1000 && vertices < 8000, `${vertices} vertices`);
    // Every quarter-pixel column keeps its extremes: the drawn range is the data's.
    const ys = path.slice(1).split('L').map((p) => Number(p.split(',')[1]));
    const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
    const spec = plt.gcf().to_vegalite() as Spec;
    assert.ok(Math.abs(hi - lo - spec.height / 1.1) < 0.5, `${lo}..${hi}`);
  });

  it('simplify keeps the first, lowest, highest and last point of each quarter-pixel column, and breaks', () => {
    const x = Float64Array.of(0, 0.01, 0.02, 0.03, 1, 1.01, NaN, 2);
    const y = Float64Array.of(5, 1, 9, 4, 3, 3, 0, 2);
    assert.deepEqual(simplify(x, y, (v) => v), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(simplify(x, y, (v) => v * 10), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(simplify(x, y, (v) => v * 0.1), [0, 1, 2, 5, 6, 7]);
  });
});

describe('plt: errors, as matplotlib raises them', () => {
  beforeEach(() => plt.close('all'));
  const cases: [string, () => unknown, string, string][] = [
    ['plot x/y lengths', () => plt.plot([1, 2, 3], [1, 2, 3, 4]), 'ValueError', 'x and y must have same first dimension, but have shapes (3,) and (4,)'],
    ['plot 3-D', () => plt.plot([[[1]]]), 'ValueError', 'x and y can be no greater than 2D, but have shapes (1,) and (1, 1, 1)'],
    ['format string', () => plt.plot([1, 2], 'q'), 'ValueError', "'q' is not a valid format string (unrecognized character 'q')"],
    ['colour', () => plt.plot([1, 2], { color: 'blurple' }), 'ValueError', "'blurple' is not a valid value for color"],
    ['linestyle', () => plt.plot([1, 2], { linestyle: '~' }), 'ValueError', "'~' is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'"],
    ['marker', () => plt.plot([1, 2], { marker: 'Q' }), 'ValueError', "Unrecognized marker style 'Q'"],
    ['unknown keyword', () => plt.plot([1, 2], { foo: 1 }), 'AttributeError', "Line2D.set() got an unexpected keyword argument 'foo'"],
    ['scatter sizes', () => plt.scatter([1, 2, 3], [1, 2]), 'ValueError', 'x and y must be the same size'],
    ['scatter c', () => plt.scatter([1, 2, 3], [1, 2, 3], { c: [1, 2] }), 'ValueError', "'c' argument has 2 elements, which is inconsistent with 'x' and 'y' with size 3."],
    ['imshow shape', () => plt.imshow([1, 2, 3]), 'TypeError', 'Invalid shape (3,) for image data'],
    ['bar shapes', () => plt.bar([1, 2, 3], [1, 2]), 'ValueError', 'shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3,) and arg 1 with shape (2,).'],
    ['fill_between shapes', () => plt.fill_between([1, 2, 3], [1, 2]), 'ValueError', 'operands could not be broadcast together with shapes (3,) (2,) '],
    ['hist bins', () => plt.hist([1, 2, 3], { bins: 0 }), 'ValueError', '`bins` must be positive, when an integer'],
    ['subplots rows', () => plt.subplots(0), 'ValueError', 'Number of rows must be a positive integer, not 0'],
    ['colorbar without mappable', () => plt.colorbar(), 'RuntimeError', 'No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).'],
    ['legend loc', () => plt.legend({ loc: 'nowhere' }), 'ValueError', "'nowhere' is not a valid value for loc; supported values are 'best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'"],
  ];
  for (const [name, fn, ename, message] of cases) {
    it(`${name}: ${ename}: ${message.length > 70 ? message.slice(0, 70) + '...' : message}`, () => {
      assert.throws(fn, (e: Error) => {
        assert.equal(e.name, ename);
        assert.equal(e.message, message);
        return true;
      });
    });
  }

  it("an unknown colormap lists matplotlib's names", () => {
    assert.throws(() => plt.imshow([[1]], { cmap: 'nope' }), { name: 'ValueError', message: /^'nope' is not a valid value for cmap; supported values are 'afmhot', 'afmhot_r', 'autumn', / });
  });
});
