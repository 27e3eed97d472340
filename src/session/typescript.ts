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
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { codeCacheOff, runCommonJS } from './code_cache.js';

export type { TS };

let loaded: typeof TS | undefined;
let loading: Promise<typeof TS> | undefined;

export function loadTypeScript(): Promise<typeof TS> {
  loading ??= Promise.resolve()
    .then(() => (codeCacheOff() ? undefined : loadCached()))
    .catch(() => undefined)
    .then((ts) => ts ?? import('typescript').then((m) => ((m as unknown as { default?: typeof TS }).default ?? m) as typeof TS))
    .then((ts) => (loaded = ts));
  return loading;
}

function loadCached(): typeof TS {
  const file = createRequire(import.meta.url).resolve('typescript');
  const source = readFileSync(file, 'utf8');
  // Hashing the 9 MB would cost more than it saves: its length and its head (the version) name it.
  const key = createHash('sha256').update(String(source.length)).update(source.slice(0, 4096)).digest('hex').slice(0, 16);
  return runCommonJS(file, source, `typescript-${key}`) as typeof TS;
}

/** The compiler if it has finished loading, else undefined. */
export function typescriptIfLoaded(): typeof TS | undefined {
  return loaded;
}

export function typescript(): typeof TS {
  if (!loaded) throw new Error('the TypeScript compiler is not loaded yet (await session.ready)');
  return loaded;
}
