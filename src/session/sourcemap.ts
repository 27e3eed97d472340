// Maps a position in a cell's compiled JavaScript back to the cell's own text, from the source
// map TypeScript emits (only the `mappings` field: one source, no names needed).

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Per generated line: sorted segments [generatedColumn, originalLine, originalColumn] (all 0-based). */
export type LineMap = Array<Array<[number, number, number]>>;

export function decodeMappings(mappings: string): LineMap {
  const lines: LineMap = [];
  let origLine = 0;
  let origCol = 0;
  let source = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Array<[number, number, number]> = [];
    let genCol = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const fields = decodeVlq(seg);
      genCol += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        origLine += fields[2];
        origCol += fields[3];
        segments.push([genCol, origLine, origCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`bad source map character ${ch}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * The original position (1-based line and column) of a generated one (1-based, as V8 reports),
 * or undefined when the generated line has no mapping (the compiler's own helpers).
 */
export function originalPosition(map: LineMap, line: number, column: number): { line: number; column: number } | undefined {
  const segments = map[line - 1];
  if (!segments || segments.length === 0) return undefined;
  const col = column - 1;
  let best = segments[0];
  for (const s of segments) {
    if (s[0] <= col) best = s;
    else break;
  }
  // Text after a segment's start may be synthesized (an operator call), so no offset is carried over.
  return { line: best[1] + 1, column: best[2] + 1 };
}
