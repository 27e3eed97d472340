// Figures rendered in Node: the Vega-Lite spec compiled by vega-lite, laid out by vega's dataflow and
// drawn by its SVG string renderer (no browser, no canvas); PNG rasterized from that SVG by resvg.
// Both libraries load on the first figure drawn (their CommonJS builds, synchronously, so plt.show()
// and display(fig) stay synchronous like matplotlib's), never at start-up.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Figure } from './figure.js';
import { figureSpec, textWidth, type FigureSpec, type VegaLiteSpec } from './spec.js';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Vega = any;
type VegaLite = any;

let vegaLib: Vega | undefined;
let vegaLiteLib: VegaLite | undefined;

function libraries(): { vega: Vega; vl: VegaLite } {
  if (!vegaLib || !vegaLiteLib) {
    const vega = require('vega') as Vega;
    vegaLiteLib = require('vega-lite') as VegaLite;
    // Text is measured with DejaVu Sans's advance widths (what the SVG asks for), not Vega's
    // canvas-less estimate of 0.8 em per character: legends and titles get their true widths.
    vega.textMetrics.width = (item: { fontSize?: number }, text: unknown) => textWidth(String(text ?? ''), item.fontSize ?? 11);
    vegaLib = vega;
  }
  return { vega: vegaLib, vl: vegaLiteLib };
}

const silent = {
  level(): unknown {
    return silent;
  },
  error(...args: unknown[]): unknown {
    throw new Error(`Vega-Lite: ${args.join(' ')}`);
  },
  warn: () => silent,
  info: () => silent,
  debug: () => silent,
};

/** The Vega spec that vega-lite compiles a Vega-Lite spec to. */
export function compileVegaLite(spec: VegaLiteSpec): Record<string, unknown> {
  return libraries().vl.compile(spec, { logger: silent }).spec;
}

/**
 * SVG of a figure spec. The dataflow runs synchronously (inline data, no loading); images are
 * handed to the renderer already decoded, since they are data: URLs the spec itself made.
 */
export function svgOfSpec(fs: FigureSpec): string {
  const { vega } = libraries();
  vega.resetSVGDefIds(); // clip and gradient ids count from 1 in every figure: the SVG is deterministic
  const view = new vega.View(vega.parse(compileVegaLite(fs.spec)), { renderer: 'none', logLevel: vega.None });
  try {
    view.run();
    if (view._pending || view._postrun?.length) throw new Error('the figure did not lay out synchronously');
    const root = view.scenegraph().root;
    prefillImages(root, fs.images);
    const padding = view.padding();
    const width = Math.max(0, view._viewWidth + padding.left + padding.right);
    const height = Math.max(0, view._viewHeight + padding.top + padding.bottom);
    const renderer = new vega.SVGStringRenderer(view.loader());
    renderer.initialize(null, width, height, [padding.left + view._origin[0], padding.top + view._origin[1]], 1);
    renderer.background(view.background());
    renderer.render(root);
    return uniqueIds(renderer.svg() as string);
  } finally {
    view.finalize();
  }
}

interface SceneNode {
  marktype?: string;
  items?: SceneNode[];
  url?: string;
  image?: unknown;
}

function prefillImages(node: SceneNode | undefined, images: FigureSpec['images']): void {
  if (!node) return;
  for (const item of node.items ?? []) {
    if (node.marktype === 'image' && item.url) {
      const size = images.get(item.url);
      if (size) item.image = { complete: true, width: size.width, height: size.height, src: item.url, url: item.url };
    }
    if (item.items) for (const child of item.items) prefillImages(child, images);
  }
}

/**
 * Prefixes the SVG's ids (clip paths, gradients) with a hash of the SVG, so that several figures
 * inlined in one HTML page (Notebook, nbconvert) never resolve each other's url(#clip1).
 */
function uniqueIds(svg: string): string {
  const tag = 'f' + createHash('sha1').update(svg).digest('hex').slice(0, 10) + '-';
  return svg.replace(/\bid="([^"]+)"/g, `id="${tag}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${tag}$1)`).replace(/href="#([^"]+)"/g, `href="#${tag}$1"`);
}

export function figureSvg(fig: Figure): string {
  return svgOfSpec(figureSpec(fig));
}

// ---- PNG ----

/** Where Debian's fonts-dejavu-core (or matplotlib's own copy) keeps DejaVu Sans. */
const DEJAVU = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf'];

let resvgLib: { Resvg: new (svg: string, options: unknown) => { render(): { asPng(): Uint8Array } } } | undefined;

/** PNG of an SVG (drawn at the figure's dpi) at `scale`, text in DejaVu Sans when the system has it. */
export function pngOfSvg(svg: string, scale = 1): Buffer {
  resvgLib ??= require('@resvg/resvg-js');
  const font = DEJAVU.find((p) => existsSync(p));
  // resvg reads image-rendering as an attribute; Vega writes it as CSS ending in 'pixelated'.
  svg = svg.replace(/style="image-rendering: optimizeSpeed; image-rendering: pixelated;"/g, 'image-rendering="optimizeSpeed"');
  const resvg = new resvgLib!.Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    // One known font file makes the pixels the same on every machine that has it.
    font: font ? { loadSystemFonts: false, fontFiles: [font], defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}

// ---- the inline display ----

export type FigureFormat = 'svg' | 'png' | 'vegalite';

/** What a displayed figure carries (IPython's InlineBackend.figure_formats; set_matplotlib_formats changes it). */
export const inlineFormats: Set<FigureFormat> = new Set(['svg', 'vegalite']);

/** Beyond this many data rows the Vega-Lite JSON (a copy of the data) is left out of the display. */
export const VEGALITE_MAX_ROWS = 20_000;

export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';

/** The MIME bundle a figure displays as. */
export function figureBundle(fig: Figure): Record<string, unknown> & { 'text/plain': string } {
  const fs = figureSpec(fig);
  const bundle: Record<string, unknown> & { 'text/plain': string } = { 'text/plain': String(fig) };
  let svg: string | undefined;
  if (inlineFormats.has('svg') || inlineFormats.has('png')) svg = svgOfSpec(fs);
  if (inlineFormats.has('png')) bundle['image/png'] = pngOfSvg(svg!).toString('base64');
  if (inlineFormats.has('svg')) bundle['image/svg+xml'] = svg;
  if (inlineFormats.has('vegalite') && fs.rows <= VEGALITE_MAX_ROWS) bundle[VEGALITE_MIME] = fs.spec;
  return bundle;
}
