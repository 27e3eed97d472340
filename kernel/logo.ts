// The kernelspec logos, drawn at install time: a white ∂ on TypeScript blue, encoded as RGBA PNG with
// zlib, so the repository holds no binary files.
import { deflateSync } from 'node:zlib';

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
  const stride = size * 4 + 1;
  const raw = Buffer.alloc(stride * size);
  for (let y = 0; y < size; y++) {
    raw[y * stride] = 0; // filter type None
    for (let x = 0; x < size; x++) {
      const ink = GLYPH[Math.floor(y / scale)]![Math.floor(x / scale)] === '#';
      const color = !insideRoundedSquare(x + 0.5, y + 0.5, size, radius) ? CLEAR : ink ? WHITE : BLUE;
      raw.set(color, y * stride + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x: number, y: number, size: number, r: number): boolean {
  const dx = Math.max(r - x, x - (size - r), 0);
  const dy = Math.max(r - y, y - (size - r), 0);
  return dx * dx + dy * dy <= r * r;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let table: Uint32Array | undefined;

/** PNG's CRC-32 (zlib.crc32 only exists from Node 20.15). */
export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
