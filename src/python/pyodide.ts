// Pyodide (CPython compiled to WebAssembly, from its npm package) for Python cells: loaded in this
// process on first use only, offline (the interpreter and the standard library ship inside the
// package), with Jacobi's Python package (src/python/py) copied into its file system.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Python package's sources: src/python/py beside dist/src/python (this file is dist/src/python/pyodide.js). */
export const PY_SOURCES = fileURLToPath(new URL('../../../src/python/py/', import.meta.url));
/** Where they live in Pyodide's file system (first on sys.path). */
export const PY_HOME = '/jacobi/lib';

/** The parts of Pyodide's interface Jacobi uses. */
export interface Pyodide {
  version: string;
  runPython(code: string, options?: { globals?: unknown; filename?: string }): any;
  registerJsModule(name: string, module: object): void;
  setInterruptBuffer(buffer: Int32Array): void;
  pyimport(name: string): any;
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string | Uint8Array): void };
}

export class PyodideLoadError extends Error {
  override name = 'PyodideLoadError';
}

/** The directory of the installed pyodide package (`JACOBI_PYODIDE_DIR` overrides it, for tests). */
export function pyodideDir(): string {
  const override = process.env.JACOBI_PYODIDE_DIR;
  if (override) return override;
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pyodide/package.json'));
}

/** The files Pyodide needs to start without a network. */
const REQUIRED = ['pyodide.mjs', 'pyodide.asm.js', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** Python's version as the installed Pyodide states it, read without loading it (kernel_info). */
export function pythonVersion(): string {
  try {
    const lock = JSON.parse(readFileSync(join(pyodideDir(), 'pyodide-lock.json'), 'utf8')) as { info?: { python?: string } };
    return lock.info?.python ?? '3';
  } catch {
    return '3';
  }
}

let loading: Promise<Pyodide> | undefined;
let loadedMs: number | undefined;

/** Milliseconds the last load took (for bench/). */
export function pyodideLoadTime(): number | undefined {
  return loadedMs;
}

/** Loads Pyodide once per process; a failure is reported (and retried on the next call). */
export function loadPyodideOnce(): Promise<Pyodide> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

async function load(): Promise<Pyodide> {
  const started = performance.now();
  let dir: string;
  try {
    dir = pyodideDir();
  } catch (e) {
    throw new PyodideLoadError(`Python cells need the npm package 'pyodide', which is not installed (${(e as Error).message.split('\n')[0]})`);
  }
  const missing = REQUIRED.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new PyodideLoadError(`Python cells need Pyodide, but ${dir} lacks ${missing.join(', ')}; reinstall the 'pyodide' package (npm ci)`);
  }
  let py: Pyodide;
  try {
    const module = (await import(new URL(`file://${join(dir, 'pyodide.mjs')}`).href)) as {
      loadPyodide(config: Record<string, unknown>): Promise<Pyodide>;
    };
    py = await module.loadPyodide({
      indexURL: dir + '/',
      packages: [],
      fullStdLib: false,
      // Output goes through sys.stdout/sys.stderr, which the Python package replaces; these catch the rest.
      stdout: (text: string) => process.stdout.write(text + '\n'),
      stderr: (text: string) => process.stderr.write(text + '\n'),
    });
  } catch (e) {
    throw new PyodideLoadError(`Pyodide failed to load from ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  installSources(py);
  loadedMs = performance.now() - started;
  return py;
}

/** Copies src/python/py into Pyodide's file system and puts it first on sys.path. */
function installSources(py: Pyodide): void {
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const target = `${PY_HOME}/${relative(PY_SOURCES, path).split('\\').join('/')}`;
      if (entry.isDirectory()) {
        if (entry.name === '__pycache__') continue;
        py.FS.mkdirTree(target);
        walk(path);
      } else if (entry.name.endsWith('.py')) {
        py.FS.writeFile(target, readFileSync(path));
      }
    }
  };
  py.FS.mkdirTree(PY_HOME);
  walk(PY_SOURCES);
  py.runPython(`import sys\nif ${JSON.stringify(PY_HOME)} not in sys.path: sys.path.insert(0, ${JSON.stringify(PY_HOME)})`);
}
