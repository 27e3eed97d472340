// The facades and helpers every cell sees without an import (src/api/index.ts exports them as `scope`).
let loading: Promise<Record<string, unknown>> | undefined;

export function loadScope(): Promise<Record<string, unknown>> {
  const path = '../api/index.js';
  loading ??= import(path).then(
    (m: { scope?: Record<string, unknown> }) => m.scope ?? {},
    (e: unknown) => {
      // Missing while the runtime is being written; any other failure is a real error.
      if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('api/index.js')) return {};
      throw e;
    },
  );
  return loading;
}
