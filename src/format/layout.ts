// Shared helpers for the array printers: sizes, summarization (which elements are displayed), tuples.
export const EDGE_ITEMS = 3;
export const THRESHOLD = 1000;

export function sizeOfDims(dims: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < dims.length; i++) n *= dims[i];
  return n;
}

/** Python tuple repr of a shape: `()`, `(3,)`, `(2, 1)`. */
export function pyTuple(dims: readonly number[]): string {
  if (dims.length === 1) return `(${dims[0]},)`;
  return `(${dims.join(', ')})`;
}

/** Whether axis of length n shows `...` between its leading and trailing `edge` items. */
export function elides(summarize: boolean, n: number, edge = EDGE_ITEMS): boolean {
  return summarize && n > 2 * edge;
}

/**
 * Flat indices of the displayed elements in row-major display order (every element unless summarized;
 * then the first and last `edge` along each axis longer than 2 * edge, as numpy's `_leading_trailing`).
 */
export function displayedIndices(dims: readonly number[], summarize: boolean, edge = EDGE_ITEMS): number[] {
  const nd = dims.length;
  const shown: number[][] = [];
  for (let ax = 0; ax < nd; ax++) {
    const n = dims[ax];
    if (elides(summarize, n, edge)) shown.push([...Array.from({ length: edge }, (_, i) => i), ...Array.from({ length: edge }, (_, i) => n - edge + i)]);
    else {
      const all = new Array<number>(n);
      for (let i = 0; i < n; i++) all[i] = i;
      shown.push(all);
    }
  }
  const strides = new Array<number>(nd);
  let s = 1;
  for (let ax = nd - 1; ax >= 0; ax--) {
    strides[ax] = s;
    s *= dims[ax];
  }
  const out: number[] = [];
  const walk = (ax: number, base: number): void => {
    if (ax === nd) {
      out.push(base);
      return;
    }
    const list = shown[ax];
    const st = strides[ax];
    for (let i = 0; i < list.length; i++) walk(ax + 1, base + list[i] * st);
  };
  if (sizeOfDims(dims) > 0) walk(0, 0);
  return out;
}
