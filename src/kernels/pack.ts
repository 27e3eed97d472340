// Packing matrix operands into panels for the matmul kernels: `lines` lines (rows of A, or columns
// of B) of length k, line i starting at off + i*lineStride with element p at + p*elemStride, go into
// ceil(lines/width) panels laid out [k][width], lines past the end zero. Reading through strides
// makes a transposed operand cost nothing extra.
export function packPanels(
  src: ArrayLike<number>, off: number, lineStride: number, elemStride: number, lines: number, k: number,
  width: number, dst: Float32Array | Float64Array, dstStart: number,
): void {
  const panels = Math.ceil(lines / width);
  for (let pi = 0; pi < panels; pi++) {
    const base = dstStart + pi * k * width;
    for (let r = 0; r < width; r++) {
      const line = pi * width + r;
      if (line < lines) {
        const o = off + line * lineStride;
        for (let p = 0; p < k; p++) dst[base + p * width + r] = src[o + p * elemStride];
      } else for (let p = 0; p < k; p++) dst[base + p * width + r] = 0;
    }
  }
}
