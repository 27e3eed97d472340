// The opt-in type-check mode: a cell is checked as a module that sees, as globals, the builtins, the
// facades (typed from src/api/index.ts when it exports them) and the latest declaration of every name
// earlier cells declared. Diagnostics the cell dialect makes moot (tensor operators, comma indexing,
// top-level await in a script) are left out.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import type { TS } from './typescript.js';
import { typescript } from './typescript.js';
import { boundNames } from './cell-transform.js';
import { lineAndColumn } from './compile.js';
import type { ErrorReport } from './traceback.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const API = path.join(ROOT, 'dist/src/api/index.js');
const DIR = path.join(ROOT, '__jacobi_cells__');
const PRELUDE = path.join(DIR, 'prelude.d.ts');
const HISTORY = path.join(DIR, 'history.ts');
const CELL = path.join(DIR, 'cell.ts');

/** Operators and indexing on tensors, `x[a, b]`, and top-level await: all valid in a cell. */
const MOOT = new Set([2362, 2363, 2365, 2695, 7053, 7015, 2538, 1375, 1378, 1431, 1432, 2307]);

const BUILTINS = `
declare function print(...args: any[]): void;
declare const display: ((value: unknown, options?: { display_id?: string | boolean; update?: boolean; metadata?: Record<string, unknown> }) => any) & {
  html(s: string, o?: object): any; svg(s: string, o?: object): any; markdown(s: string, o?: object): any;
  latex(s: string, o?: object): any; png(p: string | Uint8Array, o?: object): any; json(v: unknown, o?: object): any;
};
declare function clear_output(options?: { wait?: boolean }): void;
declare function help(value: unknown): void;
declare function input(prompt?: string, options?: { password?: boolean }): Promise<string>;
declare const _: any;
`;

export interface Problem {
  message: string;
  line: number;
  column: number;
  text: string;
  code: number;
}

/** A declaration longer than this is typed `any` in the history (a 10 MB table literal is not re-parsed). */
const LONG_DECLARATION = 20_000;

export class TypeChecker {
  /** Each accepted cell's top-level declarations, as text with the names they bind. */
  private readonly cells: Array<Array<{ names: string[]; text: string }>> = [];
  /** Names earlier cells declared: typed by their declarations, not by the prelude. */
  private readonly declared = new Set<string>();
  private readonly files = new Map<string, TS.SourceFile>();
  private program: TS.Program | undefined;

  /** Remembers a cell that ran, so later cells see its declarations. */
  accept(code: string): void {
    const ts = typescript();
    let declarations: Array<{ names: string[]; text: string }>;
    try {
      declarations = declaredNames(ts, ts.createSourceFile('c.ts', code, ts.ScriptTarget.ES2022, true))
        .map((d) => (d.text.length > LONG_DECLARATION ? { names: d.names, text: d.names.map((n) => `declare var ${n}: any;`).join('\n') } : d));
    } catch {
      // A cell that ran is never failed for this: its declarations are left out of the types.
      return;
    }
    this.cells.push(declarations);
    for (const d of declarations) d.names.forEach((n) => this.declared.add(n));
  }

  check(code: string, global: Record<string, unknown>): Problem[] {
    const ts = typescript();
    const texts = new Map<string, string>([
      [PRELUDE, this.prelude(global)],
      [HISTORY, this.history(ts, code)],
      [CELL, `${code}\nexport {};\n`],
    ]);
    const options = compilerOptions(ts);
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const text = texts.get(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
      // Library and package declarations never change during a session: parse them once.
      let sf = this.files.get(fileName);
      if (!sf) {
        sf = getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (sf) this.files.set(fileName, sf);
      }
      return sf;
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (f) => texts.has(f) || fileExists(f);
    const readFile = host.readFile.bind(host);
    host.readFile = (f) => texts.get(f) ?? readFile(f);
    host.getCurrentDirectory = () => ROOT;
    this.program = ts.createProgram([PRELUDE, HISTORY, CELL], options, host, this.program);
    const cell = this.program.getSourceFile(CELL)!;
    const diagnostics = [...this.program.getSyntacticDiagnostics(cell), ...this.program.getSemanticDiagnostics(cell)];
    return diagnostics
      .filter((d) => d.category === ts.DiagnosticCategory.Error && !MOOT.has(d.code) && (d.start ?? 0) < code.length)
      .map((d) => {
        const { line, column } = lineAndColumn(code, d.start ?? 0);
        return { message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), line, column, code: d.code, text: code.split(/\r?\n/)[line - 1] ?? '' };
      });
  }

  /**
   * TypeScript's completions at a position of a cell, against the facades' declared types and earlier
   * cells' declarations (a language service that keeps the library files parsed from call to call).
   */
  completions(code: string, position: number, global: Record<string, unknown>): Completions | undefined {
    const ts = typescript();
    this.texts.set(PRELUDE, this.prelude(global));
    this.texts.set(HISTORY, this.history(ts, code));
    this.texts.set(CELL, `${code}\nexport {};\n`);
    this.version++;
    this.service ??= this.createService(ts);
    const info = this.service.getCompletionsAtPosition(CELL, position, { includeCompletionsForModuleExports: false, includeCompletionsWithInsertText: false });
    if (!info) return undefined;
    return { isMember: info.isMemberCompletion, entries: info.entries.map((e) => ({ name: e.name, kind: e.kind })) };
  }

  /** The type TypeScript gives the expression ending at `end` in a cell (after completions() set the cell). */
  typeAt(position: number): string | undefined {
    const info = this.service?.getQuickInfoAtPosition(CELL, position);
    return info ? (info.displayParts ?? []).map((p) => p.text).join('') : undefined;
  }

  private readonly texts = new Map<string, string>();
  private version = 0;
  private service: TS.LanguageService | undefined;

  private createService(ts: typeof TS): TS.LanguageService {
    const options = compilerOptions(ts);
    const own = (f: string) => this.texts.has(f);
    const host: TS.LanguageServiceHost = {
      getScriptFileNames: () => [PRELUDE, HISTORY, CELL],
      // The cells' files change with every request; the library's never.
      getScriptVersion: (f) => (own(f) ? String(this.version) : '0'),
      getScriptSnapshot: (f) => {
        const text = this.texts.get(f) ?? ts.sys.readFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => ROOT,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => own(f) || ts.sys.fileExists(f),
      readFile: (f) => this.texts.get(f) ?? ts.sys.readFile(f),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    return ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  report(filename: string, problems: Problem[]): ErrorReport {
    const lines: string[] = [];
    for (const p of problems) {
      lines.push(`${filename}:${p.line}:${p.column} - error TS${p.code}: ${p.message}`, `  ${p.text}`, `  ${' '.repeat(p.column - 1)}^`);
    }
    const first = problems[0]!;
    return { ename: 'TypeCheckError', evalue: `TS${first.code}: ${first.message}`, traceback: lines };
  }

  /** The facades get their declared types when src/api/index.ts exports them by name, else `any`. */
  private prelude(global: Record<string, unknown>): string {
    const declared = new Set(['print', 'display', 'clear_output', 'help', 'input', '_', 'console', 'require', 'prompt']);
    const api = fs.existsSync(API.replace(/\.js$/, '.d.ts')) ? JSON.stringify(API) : undefined;
    const lines = [BUILTINS, 'declare const prompt: typeof input;'];
    for (const name of Object.getOwnPropertyNames(global)) {
      if (declared.has(name) || this.declared.has(name) || !/^[A-Za-z_$][\w$]*$/.test(name) || name in globalThis) continue;
      const type = api ? `typeof import(${api}) extends { ${name}: infer T } ? T : any` : 'any';
      lines.push(`declare var ${name}: ${type};`);
    }
    return lines.join('\n');
  }

  /** The latest top-level declaration of each name from earlier cells, minus what this cell redeclares. */
  private history(ts: typeof TS, code: string): string {
    const taken = new Set(declaredNames(ts, ts.createSourceFile('c.ts', code, ts.ScriptTarget.ES2022, true)).flatMap((d) => d.names));
    const kept: string[] = [];
    for (let i = this.cells.length - 1; i >= 0; i--) {
      for (const d of [...this.cells[i]!].reverse()) {
        if (d.names.length === 0 || d.names.some((n) => taken.has(n))) continue;
        d.names.forEach((n) => taken.add(n));
        kept.unshift(d.text);
      }
    }
    return kept.join('\n');
  }
}

export interface Completions {
  /** After a dot: the members of the expression's type. */
  isMember: boolean;
  entries: Array<{ name: string; kind: string }>;
}

function compilerOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
    strict: true,
    noImplicitAny: false,
    skipLibCheck: true,
    noEmit: true,
    types: fs.existsSync(path.join(ROOT, 'node_modules/@types/node')) ? ['node'] : [],
    paths: { jacobi: [path.join(ROOT, 'dist/src/index.d.ts')] },
  };
}

/** A cell's top-level declarations as text (imports rewritten to declared consts) with the names they bind. */
function declaredNames(ts: typeof TS, sf: TS.SourceFile): Array<{ names: string[]; text: string }> {
  const out: Array<{ names: string[]; text: string }> = [];
  for (const s of sf.statements) {
    const text = s.getText(sf);
    if (ts.isVariableStatement(s)) {
      if (s.declarationList.flags & ts.NodeFlags.Using) continue;
      out.push({ names: s.declarationList.declarations.flatMap((d) => boundNames(ts, d.name)), text });
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s) || ts.isInterfaceDeclaration(s) ||
      ts.isTypeAliasDeclaration(s) || ts.isModuleDeclaration(s)) && s.name && ts.isIdentifier(s.name)) {
      out.push({ names: [s.name.text], text });
    } else if (ts.isImportDeclaration(s) && s.importClause && ts.isStringLiteral(s.moduleSpecifier)) {
      const from = JSON.stringify(s.moduleSpecifier.text);
      const c = s.importClause;
      if (c.name) out.push({ names: [c.name.text], text: `declare const ${c.name.text}: typeof import(${from}).default;` });
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) {
        out.push({ names: [c.namedBindings.name.text], text: `declare const ${c.namedBindings.name.text}: typeof import(${from});` });
      } else if (c.namedBindings) {
        for (const e of c.namedBindings.elements) {
          const imported = (e.propertyName ?? e.name).getText(sf);
          out.push({ names: [e.name.text], text: `declare const ${e.name.text}: typeof import(${from})[${JSON.stringify(imported)}];` });
        }
      }
    }
  }
  return out;
}
