// The notebook conveniences through jupyter_client: imports from the notebook's directory (the kernel's
// working directory), magics, tqdm's display_data + update_display_data, and exit() (ask_exit, then
// the kernel ends).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'kernel', 'notebook_check.py');
const CHECKS = ['esm_import_from_notebook_dir', 'magics', 'tqdm_update_display_data', 'exit_ask_exit_then_shutdown'];

describe('notebook conveniences through jupyter_client (Debian python3-jupyter-client)', function () {
  this.timeout(120_000);
  const missing = missingModules(['jupyter_client']);
  let results: Record<string, { ok: boolean; detail: string }> = {};
  let prefix = '';
  let notebookDir = '';

  before(async function () {
    if (missing.length > 0) return;
    const installed = installIntoTempPrefix('jacobi');
    prefix = installed.prefix;
    notebookDir = realpathSync(mkdtempSync(join(tmpdir(), 'jacobi-notebook-dir-')));
    const pkg = join(notebookDir, 'node_modules', 'esmpkg');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'esmpkg', type: 'module', exports: { '.': { import: './index.js' } } }));
    writeFileSync(join(pkg, 'index.js'), 'export const hi = "hi from esm";\n');
    const { stdout } = await run(PYTHON, [SCRIPT, 'jacobi', notebookDir], { env: installed.env, maxBuffer: 1 << 24 });
    results = JSON.parse(stdout.trim().split('\n').pop()!);
  });
  after(() => {
    if (prefix) rmSync(prefix, { recursive: true, force: true });
    if (notebookDir) rmSync(notebookDir, { recursive: true, force: true });
  });

  for (const name of CHECKS) {
    it(name.replace(/_/g, ' '), function () {
      if (missing.length > 0) {
        console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-jupyter-client)`);
        this.skip();
      }
      const result = results[name];
      assert.ok(result, `check ${name} did not run`);
      assert.ok(result.ok, result.detail);
    });
  }
});
