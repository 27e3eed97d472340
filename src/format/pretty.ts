// What IPython shows for a value at the prompt: its pretty printer (IPython/lib/pretty.py, 8.x), a
// Wadler-style layout 79 columns wide. Tuples, lists and dicts break after their commas, one element
// per line, only when they do not fit; any other value is its repr, whose own line breaks are kept and
// indented to where the value started (so arrays inside a tuple stay aligned).
import { NamedTuple, PyTuple } from '../tensor/pytuple.js';
import { PyType } from '../tensor/pytype.js';

const MAX_WIDTH = 79;
const MAX_SEQ_LENGTH = 1000;

interface Group { depth: number; breakables: Breakable[]; wantBreak: boolean }
interface Text { kind: 'text'; parts: string[]; width: number }
interface Breakable { kind: 'break'; sep: string; width: number; indentation: number; group: Group }
type Item = Text | Breakable;

/** IPython's PrettyPrinter: a buffer of texts and breakables, groups broken outermost first. */
class Printer {
  out = '';
  private outputWidth = 0;
  private bufferWidth = 0;
  private buffer: Item[] = [];
  private indentation = 0;
  private readonly stack: Group[];
  /** Groups by depth, in order of opening (IPython's GroupQueue). */
  private readonly queue: Group[][] = [];

  constructor() {
    const root: Group = { depth: 0, breakables: [], wantBreak: false };
    this.stack = [root];
    this.enqueue(root);
  }

  private enqueue(g: Group): void {
    while (g.depth > this.queue.length - 1) this.queue.push([]);
    this.queue[g.depth].push(g);
  }

  private remove(g: Group): void {
    const level = this.queue[g.depth];
    const i = level ? level.indexOf(g) : -1;
    if (i >= 0) level.splice(i, 1);
  }

  /** The outermost group that still has breakables, marked to break (IPython's deq, quirks included). */
  private dequeue(): Group | undefined {
    for (const level of this.queue) {
      const reversed = [...level].reverse();
      for (let idx = 0; idx < reversed.length; idx++) {
        const g = reversed[idx];
        if (g.breakables.length > 0) {
          // IPython deletes stack[idx] with idx counted from the end: kept as it does it.
          level.splice(idx, 1);
          g.wantBreak = true;
          return g;
        }
      }
      for (const g of level) g.wantBreak = true;
      level.length = 0;
    }
    return undefined;
  }

  private emit(item: Item): void {
    if (item.kind === 'text') {
      this.out += item.parts.join('');
      this.outputWidth += item.width;
      return;
    }
    const g = item.group;
    g.breakables.shift();
    if (g.wantBreak) {
      this.out += '\n' + ' '.repeat(item.indentation);
      this.outputWidth = item.indentation;
      return;
    }
    if (g.breakables.length === 0) this.remove(g);
    this.out += item.sep;
    this.outputWidth += item.width;
  }

  private breakOneGroup(g: Group): void {
    while (g.breakables.length > 0) {
      const x = this.buffer.shift()!;
      this.emit(x);
      this.bufferWidth -= x.width;
    }
    while (this.buffer.length > 0 && this.buffer[0].kind === 'text') {
      const x = this.buffer.shift()!;
      this.emit(x);
      this.bufferWidth -= x.width;
    }
  }

  private breakOuterGroups(): void {
    while (MAX_WIDTH < this.outputWidth + this.bufferWidth) {
      const g = this.dequeue();
      if (!g) return;
      this.breakOneGroup(g);
    }
  }

  text(s: string): void {
    const width = s.length;
    if (this.buffer.length > 0) {
      let last = this.buffer[this.buffer.length - 1];
      if (last.kind !== 'text') {
        last = { kind: 'text', parts: [], width: 0 };
        this.buffer.push(last);
      }
      last.parts.push(s);
      last.width += width;
      this.bufferWidth += width;
      this.breakOuterGroups();
    } else {
      this.out += s;
      this.outputWidth += width;
    }
  }

  breakable(sep = ' '): void {
    const g = this.stack[this.stack.length - 1];
    if (g.wantBreak) {
      this.flush();
      this.out += '\n' + ' '.repeat(this.indentation);
      this.outputWidth = this.indentation;
      this.bufferWidth = 0;
    } else {
      const b: Breakable = { kind: 'break', sep, width: sep.length, indentation: this.indentation, group: g };
      g.breakables.push(b);
      this.buffer.push(b);
      this.bufferWidth += b.width;
      this.breakOuterGroups();
    }
  }

  /** A forced newline, at the current indentation. */
  hardBreak(): void {
    const g = this.dequeue();
    if (g) this.breakOneGroup(g);
    this.flush();
    this.out += '\n' + ' '.repeat(this.indentation);
    this.outputWidth = this.indentation;
    this.bufferWidth = 0;
  }

  beginGroup(indent = 0, open = ''): void {
    if (open) this.text(open);
    const g: Group = { depth: this.stack[this.stack.length - 1].depth + 1, breakables: [], wantBreak: false };
    this.stack.push(g);
    this.enqueue(g);
    this.indentation += indent;
  }

  endGroup(dedent = 0, close = ''): void {
    this.indentation -= dedent;
    const g = this.stack.pop()!;
    if (g.breakables.length === 0) this.remove(g);
    if (close) this.text(close);
  }

  flush(): void {
    for (const x of this.buffer) this.emit(x);
    this.buffer = [];
    this.bufferWidth = 0;
  }
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** IPython's display text of `x`, given Python's repr of any value. */
export function pretty(x: unknown, repr: (v: unknown) => string): string {
  const p = new Printer();
  const seen: unknown[] = [];

  const walk = (v: unknown): void => {
    const cycle = seen.includes(v);
    seen.push(v);
    p.beginGroup();
    try {
      const isTuple = v instanceof PyTuple && !(v instanceof NamedTuple);
      if (isTuple || (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype)) {
        const [open, close] = isTuple ? ['(', ')'] : ['[', ']'];
        if (cycle) return p.text(`${open}...${close}`);
        const items = v as unknown[];
        p.beginGroup(1, open);
        for (let i = 0; i < items.length; i++) {
          if (i >= MAX_SEQ_LENGTH) { p.text(','); p.breakable(); p.text('...'); break; }
          if (i) { p.text(','); p.breakable(); }
          walk(items[i]);
        }
        if (isTuple && items.length === 1) p.text(',');
        p.endGroup(1, close);
      } else if (isPlainObject(v) || v instanceof Map) {
        if (cycle) return p.text('{...}');
        const entries: [unknown, unknown][] = v instanceof Map ? [...v] : Object.entries(v);
        p.beginGroup(1, '{');
        entries.forEach(([k, val], i) => {
          if (i) { p.text(','); p.breakable(); }
          walk(k);
          p.text(': ');
          walk(val);
        });
        p.endGroup(1, '}');
      } else if (v instanceof PyType) {
        p.text(v.qualified); // IPython's _type_pprint
      } else {
        // Any other value: its repr, its lines kept (IPython's _repr_pprint).
        const lines = repr(v).split(/\r?\n/);
        if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
        p.beginGroup();
        lines.forEach((line, i) => {
          if (i) p.hardBreak();
          p.text(line);
        });
        p.endGroup();
      }
    } finally {
      p.endGroup();
      seen.pop();
    }
  };

  walk(x);
  p.flush();
  return p.out;
}
