// `import ... from 'x'` in a cell: `jacobi` is this package, Node builtins are themselves, and other
// packages resolve from the working directory first (where a notebook's own node_modules are), then
// from Jacobi's.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SELF = new URL('../index.js', import.meta.url).href;

export async function importForCell(specifier: unknown): Promise<unknown> {
  const spec = String(specifier);
  if (spec === 'jacobi') return import(SELF);
  if (spec.startsWith('node:')) return import(spec);
  if (spec.startsWith('.') || path.isAbsolute(spec)) return import(pathToFileURL(path.resolve(spec)).href);
  try {
    const resolved = createRequire(path.join(process.cwd(), '__jacobi_cell__.js')).resolve(spec);
    return await import(path.isAbsolute(resolved) ? pathToFileURL(resolved).href : resolved);
  } catch {
    return import(spec);
  }
}
