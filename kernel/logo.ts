// The kernelspec logos, drawn at install time: a white ∂ on TypeScript blue, encoded as RGBA PNG
// (src/plot/png.ts), so the repository holds no binary files.
import { encodePng } from '../src/plot/png.js';

// 16x16 glyph, scaled by whole pixels to each logo size.
const GLYPH = [
  '................',
  '................',
  '.....#####......',
  '....##...##.....',
  '..........##....',
  '..........##....',
  '.....######.....',
  '....##....##....',
  '...##.....##....',
  '...##.....##....',
  '...##....##.....',
  '....##..##......',
  '.....####.......',
  '................',
  '................',
  '................',
];
const BLUE = [0x31, 0x78, 0xc6, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

export function logoPng(size: 32 | 64): Buffer {
  return drawLogo(size, GLYPH, BLUE, WHITE);
}

/** A 16x16 glyph (`#` ink) on a rounded square of `background`, as an RGBA PNG of `size` pixels. */
export function drawLogo(size: 32 | 64, glyph: readonly string[], background: readonly number[], ink: readonly number[]): Buffer {
  const GLYPH = glyph;
  const BLUE = background;
  const WHITE = ink;
  const scale = size / GLYPH.length;
  const radius = size / 8;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ink = GLYPH[Math.floor(y / scale)]![Math.floor(x / scale)] === '#';
      const color = !insideRoundedSquare(x + 0.5, y + 0.5, size, radius) ? CLEAR : ink ? WHITE : BLUE;
      rgba.set(color, (y * size + x) * 4);
    }
  }
  return encodePng(rgba, size, size);
}

function insideRoundedSquare(x: number, y: number, size: number, r: number): boolean {
  const dx = Math.max(r - x, x - (size - r), 0);
  const dy = Math.max(r - y, y - (size - r), 0);
  return dx * dx + dy * dy <= r * r;
}
