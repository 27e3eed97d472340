// Large cells (data pasted into a notebook, generated code) compile in time and memory that grow
// linearly with their size. TypeScript's transpiler costs a few microseconds and a few hundred bytes
// per character, and all of it at once: a 10 MB cell took a minute and 3.5 GB. So, before
// TypeScript sees a large cell, one pass of its scanner (no syntax tree):
//
// - takes out long literal arrays (numbers, strings, booleans, null, nested arrays, JSON-like
//   objects): each is replaced by a placeholder of the same extent (same lines, same columns around
//   it) and its text is put back into the compiled script, rewritten as the cell compiler rewrites
//   such tokens (a float literal with an integral value becomes a Python float, say). What that
//   rewrite is, is learnt once by compiling small probes (learnRules), so this follows the compiler;
// - finds where top-level statements end (`;` at the end of a line, outside any bracket), and the
//   cell is compiled in pieces of about PIECE_CHARS, each a cell of its own, run one after the other
//   in one script (each piece's source map shifted to its lines).
//
// Pieces keep the cell's meaning: declarations go to the session's scope whichever piece makes them,
// the last piece gives the cell's value, `await` in any piece makes the whole cell async. What does
// not survive splitting stops it: function declarations (hoisted through the whole cell) keep every
// piece up to the last of them together; `using` (disposed at the cell's end), namespaces and
// `declare` keep the cell whole. When anything does not come out as expected (a piece does not
// compile, a placeholder is not found exactly once), the cell is compiled whole, as small cells are.
import type { TS } from './typescript.js';
import type { CellShape } from './cell-transform.js';
import { isIntegralFloatLiteral } from './operators.js';
import { LineMapBuilder, type LineMap } from './sourcemap.js';

/** Cells from this many characters on take this path. */
export const LARGE_CELL_CHARS = 128 * 1024;
/** About how many characters a piece has (a piece ends at a statement's end). */
const PIECE_CHARS = 64 * 1024;
/** The shortest literal worth taking out. */
const MIN_LITERAL_CHARS = 512;
/** Placeholders are `ǂ<n>ǂ`: an identifier nobody writes (a cell that contains `ǂ` keeps its literals). */
const MARK = 'ǂ';

/** One piece compiled: the script text of a `return (() => {...})()` body, its map and shape. */
export interface Emitted {
  body: string;
  map: LineMap;
  shape: CellShape;
}

export interface Literal {
  /** Offsets of the literal's `[` and one past its `]` in the cell. */
  start: number;
  end: number;
  placeholder: string;
  /** The literal's text as the compiled script must have it (the compiler's rewrites applied). */
  text: string;
}

/** Numbers in literals: their kind (as the cell compiler tells them apart) and sign. */
type NumberShape = `${'int' | 'float' | 'ifloat' | 'bigint'}${'' | '-' | '+'}`;

/** How the cell compiler writes a number of some shape: prefix + value + suffix. */
interface NumberRule {
  prefix: string;
  suffix: string;
  /** `text`: the literal as written; `value`: its value printed by JavaScript (String(Number(text))). */
  value: 'text' | 'value';
}

/** What the cell compiler does to the tokens of literal arrays; null when it is not as expected. */
export interface LiteralRules {
  numbers: Map<NumberShape, NumberRule | null>;
}

function shapeOf(text: string, bigint: boolean): 'int' | 'float' | 'ifloat' | 'bigint' {
  if (bigint) return 'bigint';
  if (isIntegralFloatLiteral(text)) return 'ifloat';
  return /^0[xXoObB]/.test(text) || !/[.eE]/.test(text) ? 'int' : 'float';
}

const PROBE = `${'\u01c2'}probe${'\u01c2'}`;

/**
 * Compiles small probes with the real compiler to learn how it writes the tokens literal arrays are
 * made of. Strings, booleans, null, NaN, nested arrays and JSON-like objects must come out as
 * written (else literals are never taken out); each kind of number with each sign gets a rule, or
 * null (a literal with such a number is then compiled as it is).
 */
export function learnRules(emit: (source: string) => Emitted): LiteralRules | null {
  const inner = (source: string): string | null => {
    try {
      const body = emit(`${PROBE} = [${source}]`).body.replace(/\s+/g, '');
      return new RegExp(`${PROBE}=\\[(.*?)\\];`).exec(body)?.[1] ?? null;
    } catch {
      return null;
    }
  };
  const structure = `"a", 'b', "c\\"d", "\\u00e9", "é", true, false, null, NaN, Infinity, undefined, ["x"], {"k": "v", k2: ["w"]}`;
  if (inner(structure) !== structure.replace(/\s+/g, '')) return null;
  const samples = { int: ['15', '0x1F'], float: ['1.5', '2.25e-3'], ifloat: ['2.0', '1e3'], bigint: ['5n', '17n'] } as const;
  const numbers = new Map<NumberShape, NumberRule | null>();
  for (const kind of Object.keys(samples) as (keyof typeof samples)[]) {
    for (const sign of ['', '-', '+'] as const) {
      const [first, second] = samples[kind];
      const rule = ((): NumberRule | null => {
        const out = inner(sign + first);
        if (out === null) return null;
        for (const value of ['text', 'value'] as const) {
          const written = value === 'text' ? first : String(Number(first.replace(/n$/, '')));
          const at = out.indexOf(written);
          if (at < 0 || out.indexOf(written, at + 1) >= 0) continue;
          const r = { prefix: out.slice(0, at), suffix: out.slice(at + written.length), value };
          // The rule must predict a second sample of the same kind.
          if (inner(sign + second) === writeNumber(r, second)) return r;
        }
        return null;
      })();
      numbers.set(`${kind}${sign}`, rule);
    }
  }
  return { numbers };
}

function writeNumber(rule: NumberRule, text: string): string {
  return rule.prefix + (rule.value === 'text' ? text : String(Number(text.replace(/_/g, '').replace(/n$/, '')))) + rule.suffix;
}

export interface Prepared {
  /** The cell with each literal replaced by `(placeholder)` padded to the literal's extent. */
  text: string;
  literals: Literal[];
  /** Offsets where a piece may start (just after a top-level `;` that ends its line), ascending. */
  boundaries: number[];
  /** Pieces may not start before this offset (the end of the last top-level function declaration). */
  firstBoundary: number;
  /** Whether the cell may be split at all. */
  splittable: boolean;
}

const enum Open {
  Paren,
  Bracket,
  Brace,
  Template,
}

/** Tokens after which `/` divides (everything else starts a regular expression), and `[` indexes. */
function endsOperand(ts: typeof TS, kind: TS.SyntaxKind): boolean {
  const k = ts.SyntaxKind;
  switch (kind) {
    case k.Identifier:
    case k.PrivateIdentifier:
    case k.NumericLiteral:
    case k.BigIntLiteral:
    case k.StringLiteral:
    case k.NoSubstitutionTemplateLiteral:
    case k.TemplateTail:
    case k.RegularExpressionLiteral:
    case k.CloseParenToken:
    case k.CloseBracketToken:
    case k.CloseBraceToken:
    case k.ThisKeyword:
    case k.SuperKeyword:
    case k.TrueKeyword:
    case k.FalseKeyword:
    case k.NullKeyword:
    case k.PlusPlusToken:
    case k.MinusMinusToken:
    case k.ExclamationToken:
      return true;
    default:
      // Contextual keywords (as, type, of, ...) scan as keywords but are often names.
      return kind >= k.AbstractKeyword && kind <= k.LastKeyword;
  }
}

interface Candidate {
  start: number;
  depth: number;
  valid: boolean;
  /** Brace depth inside the literal, for object keys. */
  braces: number;
}

/** One scan of the cell: its literals, its statement ends, and whether it may be split. */
export function prepare(ts: typeof TS, code: string, rules: LiteralRules | null): Prepared {
  const k = ts.SyntaxKind;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const stack: Open[] = [];
  const candidates: Candidate[] = [];
  const spans: Array<{ start: number; end: number }> = [];
  const boundaries: number[] = [];
  let firstBoundary = 0;
  let splittable = !code.includes(MARK);
  const elide = rules !== null && !code.includes(MARK);
  /** Numbers inside literals the compiler writes otherwise: [start, end, replacement], in order. */
  const edits: Array<[number, number, string]> = [];
  /** A sign just read inside a literal: the next token must be its number. */
  let sign: { text: '-' | '+'; start: number } | null = null;
  let prev: TS.SyntaxKind = k.Unknown;
  /** A `;` at depth 0 whose line may end here: a boundary if the next token starts a new line. */
  let pendingBoundary = -1;
  /** An object key inside a literal needs a `:` next. */
  let expectColon = false;

  const invalidate = () => {
    for (const c of candidates) c.valid = false;
  };

  for (let token = scanner.scan(); token !== k.EndOfFileToken; token = scanner.scan()) {
    if ((token === k.SlashToken || token === k.SlashEqualsToken) && !endsOperand(ts, prev)) token = scanner.reScanSlashToken();
    if (token === k.CloseBraceToken && stack[stack.length - 1] === Open.Template) {
      token = scanner.reScanTemplateToken(false);
    }
    const start = scanner.getTokenStart();
    if (pendingBoundary >= 0) {
      if (scanner.hasPrecedingLineBreak()) boundaries.push(pendingBoundary);
      pendingBoundary = -1;
    }

    if (candidates.length > 0) {
      // A comment inside a literal would swallow the text after it once lines are joined.
      if (scanner.getTokenFullStart() < start && code.slice(scanner.getTokenFullStart(), start).includes('/')) invalidate();
      const inner = candidates[candidates.length - 1]!;
      if (expectColon && token !== k.ColonToken) invalidate();
      expectColon = false;
      const signed = sign;
      sign = null;
      if (signed && token !== k.NumericLiteral && token !== k.BigIntLiteral) invalidate();
      switch (token) {
        case k.NumericLiteral:
        case k.BigIntLiteral: {
          const text = scanner.getTokenText();
          const rule = rules?.numbers.get(`${shapeOf(text, token === k.BigIntLiteral)}${signed?.text ?? ''}`);
          if (!rule) invalidate();
          else {
            const from = signed?.start ?? start;
            const written = writeNumber(rule, text);
            if (written !== code.slice(from, scanner.getTokenEnd()).replace(/\s+/g, '')) edits.push([from, scanner.getTokenEnd(), written]);
          }
          break;
        }
        case k.TrueKeyword:
        case k.FalseKeyword:
        case k.NullKeyword:
        case k.CommaToken:
        case k.CloseBracketToken:
          break;
        case k.MinusToken:
        case k.PlusToken:
          // A sign; after an operand, or before anything but a number, it is arithmetic.
          if (endsOperand(ts, prev) || signed) invalidate();
          else sign = { text: token === k.MinusToken ? '-' : '+', start };
          break;
        case k.OpenBracketToken:
          // A nested array; after an operand it is indexing, which the compiler rewrites (x[-1]).
          if (endsOperand(ts, prev)) invalidate();
          break;
        case k.StringLiteral:
          // A line continuation inside a string cannot be joined onto one line.
          if (scanner.getTokenText().includes('\n')) invalidate();
          else if (inner.braces > 0 && (prev === k.OpenBraceToken || prev === k.CommaToken)) expectColon = true;
          break;
        case k.OpenBraceToken:
          inner.braces++;
          break;
        case k.CloseBraceToken:
          inner.braces--;
          break;
        case k.ColonToken:
          if (inner.braces === 0) invalidate();
          break;
        case k.Identifier:
          if (inner.braces > 0 && (prev === k.OpenBraceToken || prev === k.CommaToken)) expectColon = true;
          else if (!['NaN', 'Infinity', 'undefined'].includes(scanner.getTokenText()) || prev === k.MinusToken || prev === k.PlusToken) invalidate();
          break;
        default:
          invalidate();
      }
    }

    switch (token) {
      case k.OpenParenToken:
        stack.push(Open.Paren);
        break;
      case k.OpenBracketToken:
        if (elide && (candidates.length > 0 || !endsOperand(ts, prev))) candidates.push({ start, depth: stack.length, valid: true, braces: 0 });
        stack.push(Open.Bracket);
        break;
      case k.OpenBraceToken:
        stack.push(Open.Brace);
        break;
      case k.TemplateHead:
        stack.push(Open.Template);
        break;
      case k.TemplateTail:
      case k.CloseParenToken:
      case k.CloseBraceToken:
        stack.pop();
        break;
      case k.CloseBracketToken: {
        stack.pop();
        const top = candidates[candidates.length - 1];
        if (top && top.depth === stack.length) {
          candidates.pop();
          const end = scanner.getTokenEnd();
          if (top.valid && end - top.start >= MIN_LITERAL_CHARS) {
            // An outer literal takes in the inner ones found before it.
            while (spans.length > 0 && spans[spans.length - 1]!.start >= top.start) spans.pop();
            spans.push({ start: top.start, end });
          }
        }
        break;
      }
      case k.SemicolonToken:
        if (stack.length === 0) pendingBoundary = scanner.getTokenEnd();
        break;
      case k.FunctionKeyword:
        // Hoisted through the whole cell: no piece may start before the end of its statement, which
        // the next top-level boundary marks.
        if (stack.length === 0) firstBoundary = scanner.getTokenEnd();
        break;
      case k.Identifier: {
        const text = scanner.getTokenText();
        if (stack.length === 0 && (text === 'using' || text === 'namespace' || text === 'module' || text === 'declare' || text === 'global')) {
          splittable = false;
        }
        break;
      }
      case k.UsingKeyword:
      case k.NamespaceKeyword:
      case k.ModuleKeyword:
      case k.DeclareKeyword:
      case k.GlobalKeyword:
        if (stack.length === 0) splittable = false;
        break;
    }
    prev = token;
  }
  if (stack.length !== 0) splittable = false;

  // Each literal becomes `(ǂn)`: the parentheses where its brackets were (an expression can follow
  // `return` on the same line), the name on the first of its lines with room, spaces elsewhere;
  // line breaks stay where they were.
  const literals: Literal[] = [];
  const parts: string[] = [];
  let at = 0;
  let edit = 0;
  for (const span of spans) {
    // The literal as the compiled script has it: the compiler's rewrites of its numbers applied.
    while (edit < edits.length && edits[edit]![0] < span.start) edit++;
    let text = '';
    let from = span.start;
    for (; edit < edits.length && edits[edit]![1] <= span.end; edit++) {
      const [start, end, written] = edits[edit]!;
      text += code.slice(from, start) + written;
      from = end;
    }
    text += code.slice(from, span.end);
    const placeholder = `${MARK}${literals.length}${MARK}`;
    const inside = code.slice(span.start + 1, span.end - 1);
    const lines = inside.split('\n');
    const room = lines.findIndex((l) => l.replace(/\r$/, '').length >= placeholder.length);
    if (room < 0) continue;
    const blank = lines.map((l, i) => {
      const cr = l.endsWith('\r') ? '\r' : '';
      const width = l.length - cr.length;
      return (i === room ? placeholder + ' '.repeat(width - placeholder.length) : ' '.repeat(width)) + cr;
    });
    parts.push(code.slice(at, span.start), '(', blank.join('\n'), ')');
    at = span.end;
    literals.push({ start: span.start, end: span.end, placeholder, text: text.replace(/\r?\n/g, ' ') });
  }
  parts.push(code.slice(at));
  return { text: parts.join(''), literals, boundaries, firstBoundary, splittable };
}

/** The rules, learnt on the first large cell (the compiler does not change while the process runs). */
let learnt: LiteralRules | null | undefined;

export function cachedRules(emit: (source: string) => Emitted): LiteralRules | null {
  if (learnt === undefined) learnt = learnRules(emit);
  return learnt;
}

interface Piece {
  start: number;
  end: number;
  /** Line (0-based) of the cell where the piece starts. */
  line: number;
}

function pieces(prepared: Prepared, length: number): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let line = 0;
  const text = prepared.text;
  const cut = (end: number) => {
    out.push({ start, end, line });
    for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++;
    start = end;
  };
  if (prepared.splittable) {
    for (const b of prepared.boundaries) {
      if (b <= prepared.firstBoundary) continue;
      if (b - start >= PIECE_CHARS && length - b >= PIECE_CHARS / 4) cut(b);
    }
  }
  cut(length);
  return out;
}

/**
 * Compiles a large cell in pieces with its literals taken out, or returns null (the caller compiles
 * it whole). `emit` compiles one piece (throwing for syntax errors); `wrap` makes the script of a body.
 */
export function compileLarge(
  ts: typeof TS,
  code: string,
  emit: (source: string) => Emitted,
  scopeParam: string,
  scopeKey: string,
): { js: string; map: LineMap; shape: CellShape } | null {
  const prepared = prepare(ts, code, cachedRules(emit));
  const parts = pieces(prepared, code.length);
  if (parts.length === 1 && prepared.literals.length === 0) return null;
  const emitted: Emitted[] = [];
  try {
    parts.forEach((p, i) => {
      // A piece other than the last ends with an empty statement, so its last expression is not a value.
      const source = prepared.text.slice(p.start, p.end) + (i < parts.length - 1 ? '\n;' : '');
      emitted.push(emit(source));
    });
  } catch {
    return null;
  }

  // Each placeholder must come out exactly once; its literal goes back in on one line.
  const bodies = emitted.map((e) => e.body);
  const maps = emitted.map((e) => e.map);
  for (const literal of prepared.literals) {
    let found = -1;
    let position = -1;
    for (let i = 0; i < bodies.length; i++) {
      const at = bodies[i]!.indexOf(literal.placeholder);
      if (at < 0) continue;
      if (found >= 0 || bodies[i]!.indexOf(literal.placeholder, at + 1) >= 0) return null;
      found = i;
      position = at;
    }
    if (found < 0) return null;
    const text = literal.text;
    const body = bodies[found]!;
    bodies[found] = body.slice(0, position) + text + body.slice(position + literal.placeholder.length);
    maps[found] = shiftColumns(maps[found]!, lineOf(body, position), columnOf(body, position), text.length - literal.placeholder.length);
  }

  const shape: CellShape = {
    globals: [...new Set(emitted.flatMap((e) => e.shape.globals))],
    exported: [...new Set(emitted.flatMap((e) => e.shape.exported))],
    isAsync: emitted.some((e) => e.shape.isAsync),
    hasValue: emitted[emitted.length - 1]!.shape.hasValue,
  };
  // The script: every piece a function called in order (awaited when it is async), the last one's
  // value returned; as compile.ts's wrapper, a function over the session's scope.
  const lines: string[] = [`(function (${scopeParam}) { with (${scopeParam}) {`];
  const map = new LineMapBuilder();
  map.emptyLines(1);
  if (shape.isAsync) {
    lines.push('return (async () => {');
    map.emptyLines(1);
  }
  emitted.forEach((e, i) => {
    const last = i === emitted.length - 1;
    lines.push(`${last ? 'return ' : e.shape.isAsync ? 'await ' : ''}(function () {`);
    map.emptyLines(1);
    const bodyLines = bodies[i]!.replace(/\n$/, '').split('\n');
    lines.push(...bodyLines);
    map.append(maps[i]!, bodyLines.length, parts[i]!.line);
    lines.push('})();');
    map.emptyLines(1);
  });
  if (shape.isAsync) {
    lines.push('})();');
    map.emptyLines(1);
  }
  lines.push(`} })(globalThis[Symbol.for(${JSON.stringify(scopeKey)})]);`);
  map.emptyLines(1);
  return { js: lines.join('\n') + '\n', map: map.build(), shape };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The map with segments after `column` on generated `line` moved right by `delta`. */
function shiftColumns(map: LineMap, line: number, column: number, delta: number): LineMap {
  if (line + 1 >= map.starts.length || delta === 0) return map;
  const segments = map.segments.slice();
  for (let s = map.starts[line]!; s < map.starts[line + 1]!; s++) {
    if (segments[3 * s]! > column) segments[3 * s] = segments[3 * s]! + delta;
  }
  return { starts: map.starts, segments };
}
