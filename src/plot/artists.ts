// What an Axes holds: matplotlib's artists, as plain data the spec builder turns into Vega-Lite layers.
// Each prints as matplotlib's str() of it, without memory addresses, so cell outputs are deterministic.
import type { Colormap, RGBA } from './colors.js';
import type { LineStyle } from './styles.js';

interface ArtistBase {
  /** Legend text; undefined or starting with '_' keeps the artist out of the legend. */
  label: string;
  zorder: number;
  alpha: number | null;
}

export class Line2D implements ArtistBase {
  readonly kind = 'line';
  constructor(
    public x: Float64Array,
    public y: Float64Array,
    public color: RGBA,
    public linewidth: number,
    public linestyle: LineStyle,
    public marker: string | null,
    public markersize: number,
    public label: string,
    public alpha: number | null = null,
    public zorder = 2,
    public markerfacecolor: RGBA | null = null,
    public markeredgecolor: RGBA | null = null,
  ) {}
  get_label(): string {
    return this.label;
  }
  set_label(label: unknown): void {
    this.label = String(label);
  }
  get_color(): string {
    return hexOf(this.color);
  }
  get_xdata(): number[] {
    return Array.from(this.x);
  }
  get_ydata(): number[] {
    return Array.from(this.y);
  }
  toString(): string {
    return `Line2D(${this.label})`;
  }
}

/** Colours of a collection: one colour, one per element, or values mapped through a colormap. */
export type ColorSource =
  | { kind: 'single'; color: RGBA }
  | { kind: 'each'; colors: RGBA[] }
  | { kind: 'mapped'; values: Float64Array; cmap: Colormap; vmin: number; vmax: number };

export class PathCollection implements ArtistBase {
  readonly kind = 'scatter';
  constructor(
    public x: Float64Array,
    public y: Float64Array,
    /** Marker areas in points² (matplotlib's s), one per point or one for all. */
    public sizes: Float64Array | number,
    public colors: ColorSource,
    public marker: string,
    public label: string,
    public alpha: number | null = null,
    public zorder = 1,
    public edgecolor: RGBA | 'face' | null = 'face',
    public linewidth = 1,
  ) {}
  get_label(): string {
    return this.label;
  }
  set_label(label: unknown): void {
    this.label = String(label);
  }
  toString(): string {
    return '<matplotlib.collections.PathCollection object>';
  }
}

export interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export class Rectangle {
  constructor(readonly xy: [number, number], readonly width: number, readonly height: number) {}
  get_height(): number {
    return this.height;
  }
  get_width(): number {
    return this.width;
  }
  get_x(): number {
    return this.xy[0];
  }
  get_y(): number {
    return this.xy[1];
  }
  toString(): string {
    return `Rectangle(xy=(${this.xy[0]}, ${this.xy[1]}), width=${this.width}, height=${this.height}, angle=0)`;
  }
}

export class BarContainer implements ArtistBase {
  readonly kind = 'bars';
  readonly patches: Rectangle[];
  constructor(
    public rects: Rect[],
    public colors: RGBA[],
    public edgecolor: RGBA | null,
    public linewidth: number,
    public label: string,
    public orientation: 'vertical' | 'horizontal',
    /** Where bars start (their sticky edges: autoscaling adds no margin past a baseline). */
    public baselines: number[],
    public alpha: number | null = null,
    public zorder = 1,
  ) {
    this.patches = rects.map((r) => new Rectangle([r.x0, r.y0], r.x1 - r.x0, r.y1 - r.y0));
  }
  get length(): number {
    return this.patches.length;
  }
  [Symbol.iterator](): Iterator<Rectangle> {
    return this.patches[Symbol.iterator]();
  }
  get_label(): string {
    return this.label;
  }
  set_label(label: unknown): void {
    this.label = String(label);
  }
  toString(): string {
    return `<BarContainer object of ${this.patches.length} artists>`;
  }
}

export class AxesImage implements ArtistBase {
  readonly kind = 'image';
  label: string;
  zorder = 0;
  constructor(
    /** Row-major RGBA bytes, row 0 first as the array gives it. */
    public rgba: Uint8Array,
    public rows: number,
    public cols: number,
    /** [left, right, bottom, top] in data coordinates. */
    public extent: [number, number, number, number],
    public origin: 'upper' | 'lower',
    /** For a colorbar: the colormap and limits (absent for RGB images). */
    public mapping: { cmap: Colormap; vmin: number; vmax: number } | null,
    public alpha: number | null,
    public smooth: boolean,
    label: string,
  ) {
    this.label = label;
  }
  get_extent(): number[] {
    return [...this.extent];
  }
  get_clim(): [number, number] | undefined {
    return this.mapping ? [this.mapping.vmin, this.mapping.vmax] : undefined;
  }
  toString(): string {
    return `AxesImage(size=(${this.rows}, ${this.cols}))`;
  }
}

export class PolyCollection implements ArtistBase {
  readonly kind = 'fill';
  constructor(
    public x: Float64Array,
    public y1: Float64Array,
    public y2: Float64Array,
    /** Points where the region is drawn (fill_between's where=); null draws everywhere. */
    public where: Uint8Array | null,
    public color: RGBA,
    public edgecolor: RGBA | null,
    public linewidth: number,
    public label: string,
    public alpha: number | null = null,
    public zorder = 1,
  ) {}
  get_label(): string {
    return this.label;
  }
  set_label(label: unknown): void {
    this.label = String(label);
  }
  toString(): string {
    return '<matplotlib.collections.PolyCollection object>';
  }
}

/** axhline / axvline: a line across the axes at a data coordinate, from one axes fraction to another. */
export class RuleLine implements ArtistBase {
  readonly kind = 'rule';
  constructor(
    public orient: 'h' | 'v',
    public value: number,
    public from: number,
    public to: number,
    public color: RGBA,
    public linewidth: number,
    public linestyle: LineStyle,
    public label: string,
    public alpha: number | null = null,
    public zorder = 2,
  ) {}
  get_label(): string {
    return this.label;
  }
  toString(): string {
    return `Line2D(${this.label})`;
  }
}

export class Text implements ArtistBase {
  readonly kind = 'text';
  label = '';
  alpha: number | null = null;
  zorder = 3;
  constructor(
    public x: number,
    public y: number,
    public text: string,
    public fontsize = 10,
    public color: RGBA = [0, 0, 0, 1],
    public ha: 'left' | 'center' | 'right' = 'left',
    public va: 'baseline' | 'bottom' | 'center' | 'top' = 'baseline',
    /** Text placed in axes coordinates (0..1) rather than data coordinates. */
    public axesCoords = false,
    /** The position as Python prints it where floats and ints differ ('0.5, 1.0' for a title). */
    private readonly reprPos?: string,
  ) {}
  get_text(): string {
    return this.text;
  }
  set_text(text: unknown): void {
    this.text = String(text);
  }
  toString(): string {
    return `Text(${this.reprPos ?? `${this.x}, ${this.y}`}, ${pyStr(this.text)})`;
  }
}

export class Legend {
  constructor(
    public loc: string,
    public entries: { label: string; artist: Artist }[],
    public fontsize: number | null,
    public title: string | null,
    public frameon: boolean,
    public ncols: number,
  ) {}
  get_texts(): string[] {
    return this.entries.map((e) => e.label);
  }
  toString(): string {
    return 'Legend';
  }
}

export type Artist = Line2D | PathCollection | BarContainer | AxesImage | PolyCollection | RuleLine | Text;

export function hexOf(rgba: RGBA): string {
  return '#' + rgba.slice(0, 3).map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('');
}

export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n') + quote;
}
