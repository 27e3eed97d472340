// The TypeScript compiler is large (~9 MB of JavaScript), so it is loaded once, on demand, and the
// session's synchronous requests (isComplete, complete, inspect) use it only after it has arrived.
//
// Compiling those 9 MB is most of a kernel's first cell (~200 ms of ~300 here), so the compiler is
// run from a V8 code cache: its CommonJS source is compiled with vm.Script and the cachedData V8 made
// on an earlier run (Node 20 has no module compile cache of its own). V8 checks the cache against the
// source, its version and its flags and rejects a stale one, which is then rewritten; any failure
// falls back to a plain import.
import type * as TS from 'typescript';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export type { TS };

let loaded: typeof TS | undefined;
let loading: Promise<typeof TS> | undefined;
/** Writes the code cache of the compiler as it is now (set when the cache was missing or stale). */
let pendingCache: (() => void) | undefined;

export function loadTypeScript(): Promise<typeof TS> {
  loading ??= Promise.resolve()
    .then(() => (process.env.JACOBI_CODE_CACHE === 'off' ? undefined : loadCached()))
    .catch(() => undefined)
    .then((ts) => ts ?? import('typescript').then((m) => ((m as unknown as { default?: typeof TS }).default ?? m) as typeof TS))
    .then((ts) => (loaded = ts));
  return loading;
}

/** Where code caches live: beside the build (dist/.cache), else the user's cache directory. */
function cacheDirs(): string[] {
  const dirs = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.cache')];
  const home = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  dirs.push(path.join(home, 'jacobi'));
  return dirs;
}

function loadCached(): typeof TS {
  const file = createRequire(import.meta.url).resolve('typescript');
  const source = readFileSync(file, 'utf8');
  // One cache per compiler source, Node version and flag set (V8 would reject the others anyway).
  const key = createHash('sha256').update([source.length, process.version, process.arch, process.execArgv.join(' ')].join('\0'))
    .update(source.slice(0, 4096)).digest('hex').slice(0, 16);
  const name = `typescript-${key}.v8cache`;
  let cachedData: Buffer | undefined;
  for (const dir of cacheDirs()) {
    try { cachedData = readFileSync(path.join(dir, name)); break; } catch { /* not there */ }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} as typeof TS };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written a little later, so that the functions the first cells compile are in it too.
    pendingCache = () => { pendingCache = undefined; writeCache(name, script.createCachedData()); };
    setTimeout(() => pendingCache?.(), 3000).unref();
  }
  return mod.exports;
}

function writeCache(name: string, data: Buffer): void {
  for (const dir of cacheDirs()) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
      writeFileSync(tmp, data);
      renameSync(tmp, path.join(dir, name)); // atomic: a concurrent reader sees all of it or none
      return;
    } catch { /* read-only: try the next place */ }
  }
}

/** Writes a missing or stale code cache now (the build warms it: src/session/warm-code-cache.ts). */
export function writeCodeCacheNow(): void {
  pendingCache?.();
}

/** The compiler if it has finished loading, else undefined. */
export function typescriptIfLoaded(): typeof TS | undefined {
  return loaded;
}

export function typescript(): typeof TS {
  if (!loaded) throw new Error('the TypeScript compiler is not loaded yet (await session.ready)');
  return loaded;
}
