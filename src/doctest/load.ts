// Reads a file into its examples: Markdown, TypeScript doc comments, or a Jacobi notebook.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocComments } from './doccomment.js';
import { parseMarkdown } from './markdown.js';
import { parseNotebook } from './notebook.js';
import { isNotebookTranscript, parseNotebookTranscript, parsePlainText, parsePythonSource, pythonModuleSetup } from './python.js';
import type { DocFile, Example, Flags } from './types.js';

export interface LoadedFile extends DocFile {
  /** File-level flags (Markdown HTML comments, notebook metadata). */
  flags: Flags;
}

export const DOC_EXTENSIONS = ['.md', '.ts', '.ipynb'];
/** Also searched in directories under `--lang python`. */
export const PYTHON_EXTENSIONS = ['.py', '.txt', '.rst'];

export interface LoadOptions {
  /** `--lang python`: fences without a language hold Python, and Python examples get `tf` and `np` first. */
  lang?: 'python';
}

/**
 * TensorFlow's doctest binds `tf` and `np` before a file's first example (and turns on ELLIPSIS,
 * NORMALIZE_WHITESPACE and IGNORE_EXCEPTION_DETAIL, which `--flags` gives); an import in the file rebinds them.
 */
export const TF_DOCTEST_SETUP = 'import tensorflow as tf; import numpy as np';

const hasPython = (examples: Example[]) => examples.some((e) => e.lang === 'python');

/**
 * The compiled JavaScript of a .ts file: `outDir`/`rootDir` from the nearest tsconfig.json
 * (`src/a/b.ts` -> `dist/src/a/b.js` here), or the .js beside it when there is no tsconfig.
 */
export function compiledCounterpart(tsPath: string): string {
  const abs = resolve(tsPath);
  for (let dir = dirname(abs); ; dir = dirname(dir)) {
    const config = join(dir, 'tsconfig.json');
    if (existsSync(config)) {
      let options: { outDir?: string; rootDir?: string } = {};
      try {
        options = (JSON.parse(readFileSync(config, 'utf8')) as { compilerOptions?: typeof options }).compilerOptions ?? {};
      } catch {
        // A tsconfig with comments is not JSON; the defaults below then apply.
      }
      const out = resolve(dir, options.outDir ?? '.');
      const root = resolve(dir, options.rootDir ?? '.');
      return join(out, relative(root, abs)).replace(/\.ts$/, '.js');
    }
    if (dirname(dir) === dir) return abs.replace(/\.ts$/, '.js');
  }
}

/**
 * Examples in a .ts file see the module's exports as globals, as Python's doctest gives examples
 * the module's globals: a setup cell imports the compiled module and copies its exports
 * (so the module must have been built; a missing file fails the setup with the import error).
 */
export function moduleSetup(tsPath: string): string {
  const js = compiledCounterpart(tsPath);
  return `import * as __doctest_module from ${JSON.stringify(pathToFileURL(js).href)};\nObject.assign(globalThis, __doctest_module);`;
}

/** The file's examples, or null when it holds none to run (e.g. a notebook for another kernel). */
export function loadFile(path: string, options: LoadOptions = {}): LoadedFile | null {
  const text = readFileSync(path, 'utf8');
  const bind = options.lang === 'python' ? [TF_DOCTEST_SETUP] : [];
  switch (extname(path)) {
    case '.md': {
      const { examples, flags } = parseMarkdown(text, options.lang);
      return { path, kind: 'markdown', text, examples, setup: [], pythonSetup: hasPython(examples) ? bind : [], flags };
    }
    case '.txt':
    case '.rst': {
      if (isNotebookTranscript(text)) return { path, kind: 'transcript', text, examples: parseNotebookTranscript(text), setup: [], pythonSetup: bind, flags: {} };
      if (/^ {0,3}(`{3,}|~{3,})/m.test(text)) {
        const { examples, flags } = parseMarkdown(text, 'python');
        return { path, kind: 'markdown', text, examples, setup: [], pythonSetup: hasPython(examples) ? bind : [], flags };
      }
      return { path, kind: 'text', text, examples: parsePlainText(text), setup: [], pythonSetup: bind, flags: {} };
    }
    case '.py': {
      const examples = parsePythonSource(text);
      return { path, kind: 'python', text, examples, setup: [], pythonSetup: examples.length > 0 ? [...bind, pythonModuleSetup(path, text)] : [], flags: {} };
    }
    case '.ts': {
      if (path.endsWith('.d.ts')) return null;
      const examples = parseDocComments(text);
      return { path, kind: 'typescript', text, examples, setup: examples.length > 0 ? [moduleSetup(path)] : [], flags: {} };
    }
    case '.ipynb': {
      const nb = parseNotebook(text);
      return nb && { path, kind: 'notebook', text, examples: nb.examples, setup: [], pythonSetup: [], flags: nb.flags };
    }
    default:
      return null;
  }
}
