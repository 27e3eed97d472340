// The TypeScript compiler is large (~9 MB of JavaScript), so it is loaded once, on demand, and the
// session's synchronous requests (isComplete, complete, inspect) use it only after it has arrived.
import type * as TS from 'typescript';

export type { TS };

let loaded: typeof TS | undefined;
let loading: Promise<typeof TS> | undefined;

export function loadTypeScript(): Promise<typeof TS> {
  loading ??= import('typescript').then((m) => {
    loaded = ((m as unknown as { default?: typeof TS }).default ?? m) as typeof TS;
    return loaded;
  });
  return loading;
}

/** The compiler if it has finished loading, else undefined. */
export function typescriptIfLoaded(): typeof TS | undefined {
  return loaded;
}

export function typescript(): typeof TS {
  if (!loaded) throw new Error('the TypeScript compiler is not loaded yet (await session.ready)');
  return loaded;
}
