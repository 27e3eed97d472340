// A JSON parser that remembers where each value sits in the text, so --accept can replace one
// notebook cell's outputs and leave every other byte of the file alone.

export interface JsonNode {
  value: unknown;
  start: number;
  end: number;
  /** Object members by key, or array items; absent for scalars. */
  members?: Map<string, JsonNode>;
  items?: JsonNode[];
}

const SCALAR = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null/y;

export function parseJsonWithSpans(text: string): JsonNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`invalid JSON at offset ${pos}: ${what}`);
  };
  const ws = () => {
    while (pos < text.length && /[ \t\r\n]/.test(text[pos]!)) pos++;
  };
  const value = (): JsonNode => {
    ws();
    const start = pos;
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const members = new Map<string, JsonNode>();
      const obj: Record<string, unknown> = {};
      ws();
      if (text[pos] === '}') pos++;
      else {
        for (;;) {
          ws();
          if (text[pos] !== '"') fail('expected a key');
          const key = value().value as string;
          ws();
          if (text[pos++] !== ':') fail("expected ':'");
          const node = value();
          members.set(key, node);
          obj[key] = node.value;
          ws();
          const sep = text[pos++];
          if (sep === '}') break;
          if (sep !== ',') fail("expected ',' or '}'");
        }
      }
      return { value: obj, start, end: pos, members };
    }
    if (ch === '[') {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (text[pos] === ']') pos++;
      else {
        for (;;) {
          items.push(value());
          ws();
          const sep = text[pos++];
          if (sep === ']') break;
          if (sep !== ',') fail("expected ',' or ']'");
        }
      }
      return { value: items.map((n) => n.value), start, end: pos, items };
    }
    // Scalars: find their extent, then let JSON.parse read them.
    SCALAR.lastIndex = pos;
    const m = SCALAR.exec(text);
    if (!m) fail('unexpected character');
    pos += m![0].length;
    return { value: JSON.parse(m![0]), start, end: pos };
  };
  const root = value();
  ws();
  if (pos !== text.length) fail('trailing text');
  return root;
}
