// Maps a position in a cell's compiled JavaScript back to the cell's own text, from the source
// map TypeScript emits (only the `mappings` field: one source, no names needed). Kept in typed
// arrays: a 10 MB cell has millions of segments, and every cell's map stays for later tracebacks.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/**
 * Per generated line (0-based), its segments: [generatedColumn, originalLine, originalColumn] (all
 * 0-based), sorted by column. Segments of line i are triples starts[i] .. starts[i + 1] - 1 of `segments`.
 */
export interface LineMap {
  readonly starts: Int32Array;
  readonly segments: Int32Array;
}

/** Builds a LineMap line by line (segments of a line in column order). */
export class LineMapBuilder {
  private starts: number[] = [0];
  private data = new Int32Array(1024);
  private used = 0;

  segment(generatedColumn: number, originalLine: number, originalColumn: number): void {
    if (this.used + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.used++] = generatedColumn;
    this.data[this.used++] = originalLine;
    this.data[this.used++] = originalColumn;
  }

  /** Ends the current generated line. */
  endLine(): void {
    this.starts.push(this.used / 3);
  }

  /** Lines with no mapping (text the cell compiler wrote itself). */
  emptyLines(n: number): void {
    for (let i = 0; i < n; i++) this.endLine();
  }

  /** Appends `lines` lines of `map` (from its first), original lines moved by `lineOffset`. */
  append(map: LineMap, lines: number, lineOffset: number): void {
    for (let line = 0; line < lines; line++) {
      if (line + 1 < map.starts.length) {
        for (let s = map.starts[line]!; s < map.starts[line + 1]!; s++) {
          this.segment(map.segments[3 * s]!, map.segments[3 * s + 1]! + lineOffset, map.segments[3 * s + 2]!);
        }
      }
      this.endLine();
    }
  }

  build(): LineMap {
    return { starts: Int32Array.from(this.starts), segments: this.data.slice(0, this.used) };
  }
}

export function decodeMappings(mappings: string): LineMap {
  const out = new LineMapBuilder();
  let origLine = 0;
  let origCol = 0;
  let genCol = 0;
  // Fields of the current segment, decoded from base64 VLQ as they come.
  const fields = [0, 0, 0, 0, 0];
  let count = 0;
  let value = 0;
  let shift = 0;
  const flush = () => {
    if (count >= 4) {
      genCol += fields[0]!;
      origLine += fields[2]!;
      origCol += fields[3]!;
      out.segment(genCol, origLine, origCol);
    } else if (count >= 1) genCol += fields[0]!;
    count = 0;
  };
  for (let i = 0; i < mappings.length; i++) {
    const c = mappings.charCodeAt(i);
    if (c === 59 /* ; */) {
      flush();
      out.endLine();
      genCol = 0;
      continue;
    }
    if (c === 44 /* , */) {
      flush();
      continue;
    }
    const digit = c < 128 ? DIGIT[c]! : -1;
    if (digit < 0) throw new Error(`bad source map character ${mappings[i]}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      if (count < fields.length) fields[count] = value % 2 === 1 ? -((value - 1) / 2) : value / 2;
      count++;
      value = 0;
      shift = 0;
    }
  }
  flush();
  out.endLine();
  return out.build();
}

/** Number of generated lines the map covers. */
export function mapLines(map: LineMap): number {
  return map.starts.length - 1;
}

/**
 * The original position (1-based line and column) of a generated one (1-based, as V8 reports),
 * or undefined when the generated line has no mapping (the compiler's own helpers).
 */
export function originalPosition(map: LineMap, line: number, column: number): { line: number; column: number } | undefined {
  if (line < 1 || line >= map.starts.length) return undefined;
  const first = map.starts[line - 1]!;
  const end = map.starts[line]!;
  if (first === end) return undefined;
  const col = column - 1;
  // The last segment starting at or before the column (the first one when none does).
  let lo = first;
  let hi = end - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.segments[3 * mid]! <= col) lo = mid;
    else hi = mid - 1;
  }
  // Text after a segment's start may be synthesized (an operator call), so no offset is carried over.
  return { line: map.segments[3 * lo + 1]! + 1, column: map.segments[3 * lo + 2]! + 1 };
}
