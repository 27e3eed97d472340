// The facades and helpers every cell sees without an import (src/api/index.ts's `scope`). Loaded on
// demand, beside the compiler, so the REPL's first prompt does not wait for the whole runtime.
let loading: Promise<Record<string, unknown>> | undefined;

export function loadScope(): Promise<Record<string, unknown>> {
  loading ??= import('../api/index.js').then((m) => m.scope);
  return loading;
}
