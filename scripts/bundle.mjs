// Bundles the runtime (dist/src/index.js, compiled by tsc) into one CommonJS file, dist/jacobi.cjs, and
// writes the package's entry, dist/jacobi.js, which runs it from a V8 code cache
// (src/session/code_cache.ts; the build's last step writes the cache). Loading one module instead of
// ~110, and not compiling it, brings `import('jacobi')` to a first tensor within a few tens of
// milliseconds of a bare `node`. The TypeScript compiler and zeromq stay external (the runtime does not
// load them). Without esbuild the entry re-exports the unbundled modules, so it always works.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const entry = 'dist/src/index.js', bundle = 'dist/jacobi.cjs', out = 'dist/jacobi.js';
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['typescript', 'zeromq'], sourcemap: true, logLevel: 'warning',
    // ES modules are strict, CommonJS is not unless asked; import.meta.url becomes the bundle's URL.
    define: { 'import.meta.url': '__jacobi_url' },
    banner: { js: '"use strict";\nconst __jacobi_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  const names = Object.keys(await import(pathToFileURL(entry).href)).filter((n) => n !== 'default');
  const key = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16);
  writeFileSync(out, `// The package entry, written by scripts/bundle.mjs: the runtime's bundle run from its code cache.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeCacheOff, runCommonJS } from './src/session/code_cache.js';
import { createRequire } from 'node:module';

const file = fileURLToPath(new URL('./jacobi.cjs', import.meta.url));
const m = codeCacheOff() ? createRequire(import.meta.url)(file) : runCommonJS(file, readFileSync(file, 'utf8'), 'jacobi-${key}');
export const { ${names.join(', ')} } = m;
`);
} catch (e) {
  console.warn(`bundle: ${e instanceof Error ? e.message : String(e)}; ${out} re-exports the unbundled modules`);
  writeFileSync(out, "export * from './src/index.js';\n");
}
