// Bundles the runtime (dist/src/index.js, compiled by tsc) into one file, dist/jacobi.js, the package's
// entry: loading one module instead of ~110 brings `import('jacobi')` to a first tensor within a few
// tens of milliseconds of a bare `node`. The TypeScript compiler and zeromq stay external (the runtime
// does not load them). Without esbuild the entry re-exports the unbundled modules, so it always works.
import { writeFileSync } from 'node:fs';

const entry = 'dist/src/index.js', out = 'dist/jacobi.js';
try {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    external: ['typescript', 'zeromq'], sourcemap: true, logLevel: 'warning',
  });
} catch (e) {
  console.warn(`bundle: ${e instanceof Error ? e.message : String(e)}; ${out} re-exports the unbundled modules`);
  writeFileSync(out, "export * from './src/index.js';\n");
}
