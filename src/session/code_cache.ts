// CommonJS sources run from a V8 code cache: compiled with vm.Script and the cachedData V8 made on an
// earlier run, which skips most of their compilation (Node 20 has no module compile cache of its own).
// The TypeScript compiler (typescript.ts) and the runtime's bundle (dist/jacobi.cjs, loaded by the
// package entry dist/jacobi.js) start this way.
//
// V8 checks a cache against its version, its flags and the source's length, not the source itself,
// so each cache is named by a key the caller derives from the source's content. A missing or rejected
// cache is written a little later (so that the functions the first calls compile are in it too), or
// at once by writePendingCodeCaches(); any failure to write is ignored. JACOBI_CODE_CACHE=off skips the
// cache (the callers then load the plain module).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { enableRelaxedSimd } from '../kernels/relaxed_simd.js';

/** Caches written later: missing or stale ones, by name. */
const pending = new Map<string, () => Buffer>();

export const codeCacheOff = (): boolean => process.env.JACOBI_CODE_CACHE === 'off';

/** Where code caches live: beside the build (dist/.cache), else the user's cache directory. */
function cacheDirs(): string[] {
  const dirs = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.cache')];
  const home = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  dirs.push(path.join(home, 'jacobi'));
  return dirs;
}

/**
 * Runs the CommonJS module `file` (its text `source`) from the code cache `<name>.v8cache` and returns
 * its exports. `key` must change whenever the source does (a hash of it, or of its version and size).
 */
export function runCommonJS(file: string, source: string, key: string): unknown {
  enableRelaxedSimd(); // V8's flags as they will stay (see relaxed_simd.ts)
  // V8 would reject a cache made by another version or with other flags: each has its own file.
  const name = `${key}-${process.version}-${process.arch}${flagsTag()}.v8cache`;
  let cachedData: Buffer | undefined;
  for (const dir of cacheDirs()) {
    try { cachedData = readFileSync(path.join(dir, name)); break; } catch { /* not there */ }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} as unknown };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    pending.set(name, () => script.createCachedData());
    setTimeout(() => writePending(name), 3000).unref();
  }
  return mod.exports;
}

/** Node's options that are not V8's (or carry code): they do not change what V8 accepts. */
const NOT_V8 = /^--(input-type|eval|print|require|import|loader|experimental-loader)\b/;

/** A short tag of node's `--` options that may be V8 flags (none: empty), FNV-1a of their text. */
function flagsTag(): string {
  const text = process.execArgv.filter((a) => a.startsWith('--') && !NOT_V8.test(a)).join(' ');
  if (text === '') return '';
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `-${(h >>> 0).toString(16)}`;
}

function writePending(name: string): void {
  const make = pending.get(name);
  if (make === undefined) return;
  pending.delete(name);
  const data = make();
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

/** Writes the missing or stale code caches now (the build warms them: src/session/warm-code-cache.ts). */
export function writePendingCodeCaches(): void {
  for (const name of [...pending.keys()]) writePending(name);
}
