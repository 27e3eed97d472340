// Every notebook in notebooks/, executed by nbclient on the installed kernelspec: fresh outputs equal the saved ones.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'kernel', 'nbclient_check.py');
const NOTEBOOKS = readdirSync(join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();

describe('notebooks/ through nbclient (Debian python3-nbclient)', function () {
  this.timeout(180_000);
  const missing = missingModules(['nbclient', 'nbformat']);
  // The notebooks compute with the tensor runtime (src/api), which is built in parallel with the kernel.
  const runtime = existsSync(join(ROOT, 'dist', 'src', 'api', 'index.js'));
  let results: Record<string, { ok: boolean; detail: string }> = {};
  let prefix = '';

  before(async function () {
    if (missing.length > 0 || !runtime) return;
    const installed = installIntoTempPrefix('jacobi');
    prefix = installed.prefix;
    const paths = NOTEBOOKS.map((f) => join(ROOT, 'notebooks', f));
    const { stdout } = await run(PYTHON, [SCRIPT, ...paths], { env: installed.env, maxBuffer: 1 << 24 });
    results = JSON.parse(stdout.trim().split('\n').pop()!);
  });
  after(() => prefix && rmSync(prefix, { recursive: true, force: true }));

  it('holds the reference documents and the plotting tour as notebooks', () => {
    assert.deepEqual(NOTEBOOKS, ['jvp-and-vjp.ipynb', 'plotting-tour.ipynb', 'tf-autodiff-forward-accumulator.ipynb']);
  });

  for (const notebook of NOTEBOOKS) {
    it(`${notebook}: fresh outputs equal the saved ones`, function () {
      if (missing.length > 0) {
        console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-nbclient)`);
        this.skip();
      }
      if (!runtime) {
        console.log('      skipped: the tensor runtime (dist/src/api/index.js) is not built');
        this.skip();
      }
      const result = results[join(ROOT, 'notebooks', notebook)];
      assert.ok(result, 'not executed');
      assert.ok(result.ok, result.detail);
    });
  }
});
