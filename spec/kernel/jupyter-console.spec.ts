// Debian's jupyter-console on the installed kernelspec: banner, state across lines, Out[n] results.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

describe('kernel through jupyter-console', function () {
  this.timeout(60_000);

  it('shows the banner, keeps state from line to line and prints Out[n]', async function () {
    const missing = missingModules(['jupyter_console']);
    if (missing.length > 0) {
      console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install jupyter-console)`);
      this.skip();
    }
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
});
