// Packing matrix operands into panels for the matmul kernels: `lines` lines (rows of A, or columns
// of B) of length k, line i starting at off + i*lineStride with element p at + p*elemStride, go into
// ceil(lines/width) panels laid out [k][width], lines past the end zero. Reading through strides
// makes a transposed operand cost nothing extra.

type Packer = (
  src: ArrayLike<number>, off: number, lineStride: number, elemStride: number, lines: number, k: number,
  width: number, dst: Float32Array | Float64Array, dstStart: number,
) => void;

// One k-step across the panel's lines at a time: the writes are sequential, and so are the reads when
// the lines are columns of a row-major matrix (the other order strides through memory). Full panels
// copy their `width` lines unrolled; a loop of 4 or 8 per step would cost more than the copies.
function body(width: number): string {
  const unrolled = Array.from({ length: width }, (_, r) => `dst[d + ${r}] = src[sp + ${r} * lineStride];`).join(' ');
  return `"use strict";
  const panels = Math.ceil(lines / ${width});
  for (let pi = 0; pi < panels; pi++) {
    const base = dstStart + pi * k * ${width};
    const first = pi * ${width};
    const count = Math.min(${width}, lines - first);
    const o = off + first * lineStride;
    if (count === ${width}) {
      for (let p = 0; p < k; p++) { const d = base + p * ${width}, sp = o + p * elemStride; ${unrolled} }
    } else {
      for (let p = 0; p < k; p++) {
        const d = base + p * ${width}, sp = o + p * elemStride;
        for (let r = 0; r < count; r++) dst[d + r] = src[sp + r * lineStride];
        for (let r = count; r < ${width}; r++) dst[d + r] = 0;
      }
    }
  }`;
}

// A separately compiled copy per (source, target, width) keeps each copy loop monomorphic.
const packers = new Map<string, Packer>();

export function packPanels(
  src: ArrayLike<number>, off: number, lineStride: number, elemStride: number, lines: number, k: number,
  width: number, dst: Float32Array | Float64Array, dstStart: number,
): void {
  const key = `${src.constructor.name}>${dst.constructor.name}:${width}`;
  let pack = packers.get(key);
  if (pack === undefined) {
    pack = new Function('src', 'off', 'lineStride', 'elemStride', 'lines', 'k', 'width', 'dst', 'dstStart', body(width)) as Packer;
    packers.set(key, pack);
  }
  pack(src, off, lineStride, elemStride, lines, k, width, dst, dstStart);
}
