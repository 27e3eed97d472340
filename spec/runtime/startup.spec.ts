// Start-up paths: the package entry (dist/jacobi.js) runs the esbuild bundle (dist/jacobi.cjs) from its
// V8 code cache and must behave as the unbundled modules do, and as the bundle does without the cache;
// the TypeScript compiler loaded from its V8 code cache must be the compiler.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'); // dist/spec/runtime -> repo

function node(code: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('start-up', function () {
  this.timeout(60000);

  it('the package entry (the bundle) computes and prints what the unbundled modules do, with the SIMD and matmul kernels', function () {
    const program = (from: string) => `
      const m = await import(${JSON.stringify(from)});
      const x = m.ops.reshape(m.ops.sin(m.ops.mul(m.ops.cast(m.jnp.arange(4096), 'float32'), 0.01)), [64, 64]);
      const y = m.ops.matmul(x, x);
      console.log(m.ops.sum(y).values[0], m.ops.sum(m.ops.tanh(x)).values[0], y.values[123]);`;
    const bundled = node(program('jacobi'));
    const unbundled = node(program(pathToFileURL(path.join(root, 'dist/src/index.js')).href));
    const uncached = node(program('jacobi'), { JACOBI_CODE_CACHE: 'off' });
    assert.ok(existsSync(path.join(root, 'dist/jacobi.cjs')), 'dist/jacobi.cjs is built');
    assert.equal(bundled, unbundled);
    assert.equal(uncached, unbundled);
    assert.ok(readdirSync(path.join(root, 'dist/.cache')).some((f) => f.startsWith('jacobi-') && f.endsWith('.v8cache')), 'the build wrote the code cache');
  });

  it('the TypeScript compiler from the code cache transpiles as the plain import does', function () {
    const program = `
      const { loadTypeScript } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/src/session/typescript.js')).href)});
      const ts = await loadTypeScript();
      console.log(ts.version, ts.transpileModule('const x: number = 1 + 2; export { x }', { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText);
      process.exit(0);`;
    const cached = node(program);
    const plain = node(program, { JACOBI_CODE_CACHE: 'off' });
    assert.equal(cached, plain);
    assert.ok(readdirSync(path.join(root, 'dist/.cache')).some((f) => f.startsWith('typescript-') && f.endsWith('.v8cache')), 'the build wrote the code cache');
  });
});
