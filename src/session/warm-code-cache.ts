// `npm run build` runs this once: it loads the TypeScript compiler the way a session does and compiles
// a few cells, and imports the package entry (the bundle) and computes a little, so that the functions
// these need are compiled too, then writes both V8 code caches beside the build: the first kernel, REPL
// or `import('jacobi')` after a build does not pay for compiling them.
import { compileCell } from './compile.js';
import { loadTypeScript } from './typescript.js';
import { writePendingCodeCaches } from './code_cache.js';

await loadTypeScript();
for (const cell of ['const x = jnp.arange(6).reshape(2, 3) * 2\nx', 'for (let i = 0; i < 3; i++) { print(x[i]) }', 'async function f(a: number) { return a ** 2 }\nawait f(3)']) compileCell(cell);
const { tf, np } = await import(new URL('../../jacobi.js', import.meta.url).href);
String(tf.constant([1, 2]));
String(np.sin(np.arange(3)));
writePendingCodeCaches();
