// Debian's jupyter-console on the installed kernelspec: banner, state across lines, Out[n] results.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';
import { ROOT } from './client.js';

/** Types keys on a pseudo-terminal and watches the screen (spec/pty_driver.py). */
const PTY_DRIVER = join(ROOT, 'spec', 'pty_driver.py');

describe('kernel through jupyter-console', function () {
  this.timeout(60_000);
  before(function () {
    const missing = missingModules(['jupyter_console']);
    if (missing.length > 0) {
      console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install jupyter-console)`);
      this.skip();
    }
  });

  it('shows the banner, keeps state from line to line and prints Out[n]', async function () {
    const { prefix, env } = installIntoTempPrefix('jacobi');
    try {
      // --simple-prompt reads plain lines from stdin, one cell per line.
      const output = await new Promise<string>((resolve, reject) => {
        const child = execFile(
          PYTHON,
          ['-m', 'jupyter_console', '--kernel', 'jacobi', '--simple-prompt', '--no-confirm-exit'],
          { env: { ...env, JUPYTER_RUNTIME_DIR: join(prefix, 'runtime') }, timeout: 50_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
        );
        child.stdin!.end('const z = 6 * 7;\nconsole.log(`z is ${z}`)\nz + 1\n');
      });
      assert.match(output, /Jacobi \d+\.\d+\.\d+ \(TypeScript/);
      assert.match(output, /z is 42/);
      assert.match(output, /Out\[3\]: 43/);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it('answers `jnp.sum?` at the prompt with its documentation (is_complete says complete: no continuation prompt)', async function () {
    const { prefix, env } = installIntoTempPrefix('jacobi');
    try {
      // The full prompt (prompt_toolkit, on a terminal) asks the kernel whether Enter ends the cell.
      const steps: Array<[string, string, number]> = [
        ['', ']: ', 0],
        ['jnp.sum?\r', 'Facades:', 0],
        ['6 * 7\r', '42', 0.3],
        ['\x04', '', 0.3],
      ];
      const out = spawnSync(PYTHON, [PTY_DRIVER, JSON.stringify(steps), PYTHON, '-m', 'jupyter_console', '--kernel', 'jacobi', '--no-confirm-exit'], {
        env: { ...env, JUPYTER_RUNTIME_DIR: join(prefix, 'runtime'), PAGER: 'cat', TERM: 'xterm' }, encoding: 'utf8', timeout: 50_000,
      });
      const result = JSON.parse(out.stdout) as { screen: string; status?: number; timeout?: string };
      assert.equal(result.timeout, undefined, `waited for ${JSON.stringify(result.timeout)}; screen: ${JSON.stringify(result.screen)}`);
      assert.match(result.screen, /Signature: jnp\.sum\(a, axis=None/);
      assert.match(result.screen, /Out\[\S*2\S*\]/);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});

