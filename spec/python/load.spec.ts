// Pyodide loads only for Python cells: a TypeScript session never loads it, and when it cannot load
// (files missing) a Python cell gets a clear error while TypeScript cells go on working.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../kernel/client.js';

/** Runs a module script in a fresh node process and returns its stdout. */
function node(script: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
}

const DIST = JSON.stringify(join(ROOT, 'dist', 'src'));

describe('Python cells: loading Pyodide', function () {
  this.timeout(180_000);

  it('TypeScript cells never load Pyodide', () => {
    const out = node(`
      const dist = ${DIST};
      const { Session } = await import(dist + '/session/session.js');
      const { pyodideLoadTime } = await import(dist + '/python/pyodide.js');
      const s = new Session();
      const sink = { stream() {}, display() {}, clearOutput() {} };
      const r = await s.execute('1 + 1', sink);
      console.log(r.result['text/plain'], pyodideLoadTime() === undefined, typeof globalThis.loadPyodide);
    `);
    assert.equal(out.trim(), '2 true undefined');
  });

  it('missing Pyodide files give a Python cell a clear error, and TypeScript cells still work', () => {
    const empty = mkdtempSync(join(tmpdir(), 'jacobi-no-pyodide-'));
    try {
      const out = node(`
        const dist = ${DIST};
        const { PythonSession } = await import(dist + '/python/session.js');
        const { Session } = await import(dist + '/session/session.js');
        const sink = { stream() {}, display() {}, clearOutput() {} };
        const py = await new PythonSession().execute('1 + 1', sink);
        console.log(JSON.stringify({ status: py.status, ename: py.ename, evalue: py.evalue }));
        const ts = await new Session().execute('1 + 1', sink);
        console.log(ts.result['text/plain']);
      `, { JACOBI_PYODIDE_DIR: empty });
      const [first, second] = out.trim().split('\n');
      const py = JSON.parse(first!) as { status: string; ename: string; evalue: string };
      assert.equal(py.status, 'error');
      assert.equal(py.ename, 'PyodideLoadError');
      assert.match(py.evalue, /^Python cells need Pyodide, but .* lacks pyodide\.mjs, pyodide\.asm\.js, pyodide\.asm\.wasm, python_stdlib\.zip, pyodide-lock\.json; reinstall the 'pyodide' package \(npm ci\)$/);
      assert.equal(second, '2');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('loads offline from the npm package, and the first Python cell runs', () => {
    const out = node(`
      const dist = ${DIST};
      const { PythonSession } = await import(dist + '/python/session.js');
      const { pyodideLoadTime } = await import(dist + '/python/pyodide.js');
      const chunks = [];
      const sink = { stream: (n, t) => chunks.push(t), display() {}, clearOutput() {} };
      await new PythonSession().execute('import sys, torch\\nprint(sys.version_info[:2], torch.ones(2))', sink);
      console.log(chunks.join('').trim(), pyodideLoadTime() > 0);
    `);
    assert.equal(out.trim(), '(3, 13) tensor([1., 1.]) true');
  });
});
