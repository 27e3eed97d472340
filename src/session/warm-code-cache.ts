// `npm run build` runs this once: it loads the TypeScript compiler the way a session does, compiles a
// few cells (so the functions a cell needs are compiled too) and writes the compiler's V8 code cache
// beside the build, so that the first kernel or REPL started after a build does not pay for compiling it.
import { compileCell } from './compile.js';
import { loadTypeScript, writeCodeCacheNow } from './typescript.js';

await loadTypeScript();
for (const cell of ['const x = jnp.arange(6).reshape(2, 3) * 2\nx', 'for (let i = 0; i < 3; i++) { print(x[i]) }', 'async function f(a: number) { return a ** 2 }\nawait f(3)']) compileCell(cell);
writeCodeCacheNow();
