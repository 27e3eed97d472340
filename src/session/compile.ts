// Compiles one cell: TypeScript syntax errors first (with the cell's own line and column), then the
// cell transform and TypeScript's own lowering (types stripped, `using` downleveled for ES2022).
import type { TS } from './typescript.js';
import { typescript } from './typescript.js';
import { cellTransformer, SCOPE, type CellShape } from './cell-transform.js';
import { decodeMappings, type LineMap } from './sourcemap.js';
import { cachedRules, compileLarge, LARGE_CELL_CHARS, type Emitted, type LiteralRules } from './large-cells.js';

export interface CompiledCell extends CellShape {
  js: string;
  map: LineMap;
}

export interface CellSyntaxError {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
  /** The offending line of the cell. */
  text: string;
}

export class CellCompileError extends Error {
  constructor(readonly errors: CellSyntaxError[]) {
    super(errors[0]?.message ?? 'syntax error');
    this.name = 'SyntaxError';
  }
}

const FILE = 'cell.ts';

/** Where the scope of the cell about to run is handed to its script. */
export const SCOPE_KEY = 'jacobi.session.scope';

/** Compiled cells by source text: what a cell compiles to depends on its text alone, and notebook
 * users re-run cells often. Least recently used entries go first; at most CACHE_SIZE cells and
 * CACHE_CHARS characters of source and script (large cells would otherwise pin hundreds of MB). */
const cache = new Map<string, CompiledCell>();
const CACHE_SIZE = 256;
const CACHE_CHARS = 32 * 1024 * 1024;
let cachedChars = 0;
const cost = (code: string, c: CompiledCell) => code.length + c.js.length;

export function compileCell(code: string): CompiledCell {
  const hit = cache.get(code);
  if (hit !== undefined) {
    cache.delete(code);
    cache.set(code, hit);
    return { ...hit, globals: [...hit.globals], exported: [...hit.exported] };
  }
  const compiled = compileUncached(code);
  if (cost(code, compiled) <= CACHE_CHARS / 4) {
    cache.set(code, compiled);
    cachedChars += cost(code, compiled);
    while (cache.size > CACHE_SIZE || cachedChars > CACHE_CHARS) {
      const [oldest, entry] = cache.entries().next().value!;
      cache.delete(oldest);
      cachedChars -= cost(oldest, entry);
    }
  }
  return { ...compiled, globals: [...compiled.globals], exported: [...compiled.exported] };
}

function compileUncached(code: string): CompiledCell {
  // Large cells compile in pieces, with long literals taken out (large-cells.ts), else whole.
  if (code.length >= LARGE_CELL_CHARS) {
    const large = compileLarge(typescript(), code, emit, SCOPE, SCOPE_KEY);
    if (large) return { ...large.shape, js: large.js, map: large.map };
  }
  const { body, map, shape } = emit(code);
  // The script is a function over the session's scope, called at once with it (the session puts it
  // where SCOPE_KEY says just before running); the prefix line shifts the source map by one line.
  const js = `(function (${SCOPE}) { with (${SCOPE}) {\n${body}\n} })(globalThis[Symbol.for(${JSON.stringify(SCOPE_KEY)})]);\n`;
  return { ...shape, js, map: { starts: Int32Array.from([0, ...map.starts]), segments: map.segments } };
}

/** How this compiler writes the tokens of literal arrays (large-cells.ts learns it by probing). */
export function literalRules(): LiteralRules | null {
  return cachedRules(emit);
}

/** Compiles cell text to the body of the cell's script (`return (() => {...})();`), its map and shape. */
function emit(code: string): Emitted {
  const ts = typescript();
  const shape: CellShape = { globals: [], exported: [], isAsync: false, hasValue: false };
  const out = ts.transpileModule(code, {
    fileName: FILE,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
      alwaysStrict: false,
      useDefineForClassFields: true,
      esModuleInterop: true,
      // Imports are rewritten before TypeScript sees them (cell-transform.ts), so it has none to elide:
      // this spares the per-identifier alias checks that cost a tenth of a large cell's compile time.
      verbatimModuleSyntax: true,
    },
    transformers: { before: [cellTransformer(ts, shape)] },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new CellCompileError(errors.map((d) => syntaxError(ts, code, d)));
  // A cell that had imports was a module; what runs is a script, so the module marker goes.
  const body = out.outputText.replace(/^\/\/# sourceMappingURL=.*$/m, '').replace(/^export \{\};\s*$/m, '');
  const map = decodeMappings((JSON.parse(out.sourceMapText ?? '{"mappings":""}') as { mappings: string }).mappings);
  return { body, map, shape };
}

export function syntaxError(ts: typeof TS, code: string, d: TS.Diagnostic): CellSyntaxError {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const start = Math.min(d.start ?? 0, code.length);
  const { line, column } = lineAndColumn(code, start);
  return { message, line, column, text: code.split(/\r?\n/)[line - 1] ?? '' };
}

export function lineAndColumn(code: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (code.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
