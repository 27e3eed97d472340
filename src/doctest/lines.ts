// Line splitting that remembers each line's terminator, so rewrites keep a file byte for byte.

/** The file's lines without terminators; `eols[i]` is the terminator that followed line i ('' for the last). */
export function splitLines(text: string): { lines: string[]; eols: string[] } {
  const lines: string[] = [];
  const eols: string[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(text.slice(start, m.index));
    eols.push(m[0]);
    start = re.lastIndex;
  }
  lines.push(text.slice(start));
  eols.push('');
  return { lines, eols };
}
