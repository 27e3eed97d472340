// notebooks/python/: Python notebooks executed by nbclient on the installed "Python (Jacobi)"
// kernelspec; fresh outputs equal the saved ones (the reference notebook's JAX, PyTorch and
// TensorFlow cells, whose printed text is the transcript's).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../kernel/client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from '../kernel/python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'kernel', 'nbclient_check.py');
const DIR = join(ROOT, 'notebooks', 'python');
const NOTEBOOKS = readdirSync(DIR).filter((f) => f.endsWith('.ipynb')).sort();

describe('notebooks/python/ through nbclient on the Python kernel', function () {
  this.timeout(240_000);
  const missing = missingModules(['nbclient', 'nbformat']);
  let results: Record<string, { ok: boolean; detail: string }> = {};
  let prefix = '';

  before(async function () {
    if (missing.length > 0) return;
    const installed = installIntoTempPrefix('jacobi');
    prefix = installed.prefix;
    const { stdout } = await run(PYTHON, [SCRIPT, ...NOTEBOOKS.map((f) => join(DIR, f))], { env: installed.env, maxBuffer: 1 << 24 });
    results = JSON.parse(stdout.trim().split('\n').pop()!);
  });
  after(() => prefix && rmSync(prefix, { recursive: true, force: true }));

  for (const notebook of NOTEBOOKS) {
    it(`${notebook}: fresh outputs equal the saved ones`, function () {
      if (missing.length > 0) {
        console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-nbclient)`);
        this.skip();
      }
      const result = results[join(DIR, notebook)];
      assert.ok(result, 'not executed');
      assert.ok(result.ok, result.detail);
    });
  }
});
