// Python doctest's `_ellipsis_match`: each `...` in `want` matches any text, newlines included.

export const ELLIPSIS_MARKER = '...';

export function ellipsisMatch(want: string, got: string): boolean {
  if (!want.includes(ELLIPSIS_MARKER)) return want === got;
  const pieces = want.split(ELLIPSIS_MARKER);
  let start = 0;
  let end = got.length;
  const first = pieces.shift()!;
  if (!got.startsWith(first)) return false;
  start = first.length;
  const last = pieces.pop()!;
  if (!got.endsWith(last)) return false;
  end -= last.length;
  if (start > end) return false;
  for (const piece of pieces) {
    const at = got.indexOf(piece, start);
    if (at < 0 || at + piece.length > end) return false;
    start = at + piece.length;
  }
  return true;
}
