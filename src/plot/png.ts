// A minimal PNG encoder (8-bit RGBA, no filtering, zlib from Node) for imshow's pixels, which the
// figure embeds as a data: URL the way matplotlib's SVG backend embeds images.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** PNG's CRC-32 (zlib.crc32 only exists from Node 20.15). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG bytes of `rows` x `cols` RGBA pixels, optionally flipped (rows bottom-up, columns right-to-left). */
export function encodePng(rgba: Uint8Array, rows: number, cols: number, flipRows = false, flipCols = false): Buffer {
  const raw = Buffer.alloc(rows * (cols * 4 + 1));
  for (let r = 0; r < rows; r++) {
    const src = flipRows ? rows - 1 - r : r;
    const at = r * (cols * 4 + 1);
    raw[at] = 0; // filter: none
    for (let c = 0; c < cols; c++) {
      const s = (src * cols + (flipCols ? cols - 1 - c : c)) * 4;
      raw.set(rgba.subarray(s, s + 4), at + 1 + c * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(cols, 0);
  ihdr.writeUInt32BE(rows, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
