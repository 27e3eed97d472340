// Matplotlib's colour specifications read into RGBA: single letters, 'C0'..'C9' (the property cycle),
// CSS4 names, 'tab:' names, hex strings, grey levels as strings ('0.8'), RGB(A) tuples of floats in [0, 1];
// and its colormaps (src/plot/colormaps.ts) with Normalize's vmin/vmax mapping.
import { COLORMAP_LUTS } from './colormaps.js';
import { ValueError } from './data.js';

/** r, g, b, a in [0, 1]. */
export type RGBA = readonly [number, number, number, number];

/** rcParams['axes.prop_cycle']: matplotlib's default colours (Tableau 10). */
export const TAB10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;
const TAB_NAMES = ['blue', 'orange', 'green', 'red', 'purple', 'brown', 'pink', 'gray', 'olive', 'cyan'];

const BASE: Record<string, string> = { b: '#0000ff', g: '#008000', r: '#ff0000', c: '#00bfbf', m: '#bf00bf', y: '#bfbf00', k: '#000000', w: '#ffffff' };

// matplotlib.colors.CSS4_COLORS
const CSS4 = new Map(
  'aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50 cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff darkblue:00008b darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9 darkgreen:006400 darkgrey:a9a9a9 darkkhaki:bdb76b darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc darkred:8b0000 darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493 deepskyblue:00bfff dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222 floralwhite:fffaf0 forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700 goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 honeydew:f0fff0 hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 lightpink:ffb6c1 lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899 lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6 magenta:ff00ff maroon:800000 mediumaquamarine:66cdaa mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db mediumseagreen:3cb371 mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc mediumvioletred:c71585 midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 orangered:ff4500 orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd powderblue:b0e0e6 purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f royalblue:4169e1 saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 yellowgreen:9acd32'.split(' ').map((pair) => pair.split(':') as [string, string]),
);

function hexToRgba(hex: string): RGBA | undefined {
  let h = hex.slice(1);
  if (!/^[0-9a-fA-F]+$/.test(h)) return undefined;
  if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
  if (h.length !== 6 && h.length !== 8) return undefined;
  const byte = (i: number) => parseInt(h.slice(i, i + 2), 16) / 255;
  return [byte(0), byte(2), byte(4), h.length === 8 ? byte(6) : 1];
}

function colorError(value: unknown, what = 'color'): ValueError {
  const text = typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? `(${value.join(', ')})` : String(value);
  return new ValueError(`${text} is not a valid value for ${what}`);
}

/** RGBA of a colour specification, as matplotlib.colors.to_rgba reads it. */
export function toRgba(value: unknown, alpha?: number | null, what = 'color'): RGBA {
  let rgba: RGBA | undefined;
  if (typeof value === 'string') {
    const s = value.trim();
    const lower = s.toLowerCase();
    if (/^C\d$/.test(s)) rgba = hexToRgba(TAB10[Number(s[1])]!);
    else if (lower in BASE) rgba = hexToRgba(BASE[lower]!);
    else if (lower.startsWith('tab:') && TAB_NAMES.includes(lower.slice(4).replace('grey', 'gray'))) rgba = hexToRgba(TAB10[TAB_NAMES.indexOf(lower.slice(4).replace('grey', 'gray'))]!);
    else if (CSS4.has(lower)) rgba = hexToRgba('#' + CSS4.get(lower)!);
    else if (s.startsWith('#')) rgba = hexToRgba(s);
    else if (s !== '' && /^\s*[\d.]+\s*$/.test(s) && Number(s) >= 0 && Number(s) <= 1) rgba = [Number(s), Number(s), Number(s), 1];
    else if (lower === 'none') rgba = [0, 0, 0, 0];
  } else if ((Array.isArray(value) || ArrayBuffer.isView(value)) && ((value as ArrayLike<number>).length === 3 || (value as ArrayLike<number>).length === 4)) {
    const v = Array.from(value as ArrayLike<number>, Number);
    if (v.every((c) => typeof c === 'number' && c >= 0 && c <= 1)) rgba = [v[0]!, v[1]!, v[2]!, v[3] ?? 1];
    else if (v.every((c) => Number.isFinite(c))) throw new ValueError('RGBA values should be within 0-1 range');
  }
  if (!rgba) throw colorError(value, what);
  return alpha === undefined || alpha === null ? rgba : [rgba[0], rgba[1], rgba[2], alpha];
}

/** True when matplotlib would read `value` as one colour (not as a sequence of colours or values). */
export function isColorSpec(value: unknown): boolean {
  try {
    toRgba(value);
    return true;
  } catch {
    return false;
  }
}

const hex2 = (c: number) => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, '0');

/** '#rrggbb' of a colour (its alpha is given separately as an opacity). */
export function cssHex(rgba: RGBA): string {
  return '#' + hex2(rgba[0]) + hex2(rgba[1]) + hex2(rgba[2]);
}

/** A colormap: 256 colours, as matplotlib samples it. */
export interface Colormap {
  readonly name: string;
  /** 256 colours as [r, g, b] bytes. */
  readonly lut: Uint8Array;
}

const cmapCache = new Map<string, Colormap>();

export const COLORMAP_NAMES: readonly string[] = Object.keys(COLORMAP_LUTS).flatMap((n) => [n, n + '_r']).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));

/** A colormap by name ('viridis', 'gray', 'RdBu_r', ...); a Colormap passes through. */
export function getCmap(name: unknown): Colormap {
  if (typeof name === 'object' && name !== null && (name as Colormap).lut instanceof Uint8Array) return name as Colormap;
  const key = typeof name === 'string' ? name : '';
  const cached = cmapCache.get(key);
  if (cached) return cached;
  const reversed = key.endsWith('_r');
  const hex = COLORMAP_LUTS[reversed ? key.slice(0, -2) : key];
  if (hex === undefined) {
    throw new ValueError(`${typeof name === 'string' ? `'${name}'` : String(name)} is not a valid value for cmap; supported values are ${COLORMAP_NAMES.map((n) => `'${n}'`).join(', ')}`);
  }
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const j = reversed ? 255 - i : i;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = parseInt(hex.slice(j * 6 + c * 2, j * 6 + c * 2 + 2), 16);
  }
  const cmap = { name: key, lut };
  cmapCache.set(key, cmap);
  return cmap;
}

/** The LUT index of a value normalized to [0, 1], as Colormap.__call__ picks it (N = 256). */
export function lutIndex(t: number): number {
  if (!(t >= 0)) return 0; // NaN is 'bad' (drawn transparent by the callers); below range clips to 0
  if (t >= 1) return 255;
  return Math.floor(t * 256) > 255 ? 255 : Math.floor(t * 256);
}

/** The colormap's colours as hex strings, n evenly spaced samples (a Vega scale's range). */
export function cmapStops(cmap: Colormap, n = 32): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = Math.round((k * 255) / (n - 1));
    out.push('#' + [0, 1, 2].map((c) => cmap.lut[i * 3 + c]!.toString(16).padStart(2, '0')).join(''));
  }
  return out;
}
