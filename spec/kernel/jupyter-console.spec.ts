// Debian's jupyter-console on the installed kernelspec: banner, state across lines, Out[n] results.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
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

  it('answers `jnp.sum?` at the prompt with its documentation (is_complete says complete: no continuation prompt)', async function () {
    const missing = missingModules(['jupyter_console']);
    if (missing.length > 0) {
      console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install jupyter-console)`);
      this.skip();
    }
    const { prefix, env } = installIntoTempPrefix('jacobi');
    try {
      // The full prompt (prompt_toolkit, on a terminal) asks the kernel whether Enter ends the cell.
      const steps: Array<[string, string, number]> = [
        ['', ']: ', 0],
        ['jnp.sum?\r', 'Facades:', 0],
        ['6 * 7\r', '42', 0.3],
        ['\x04', '', 0.3],
      ];
      const out = spawnSync(PYTHON, ['-c', PTY_DRIVER, JSON.stringify(steps), PYTHON, '-m', 'jupyter_console', '--kernel', 'jacobi', '--no-confirm-exit'], {
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

/** Runs a program on a pseudo-terminal: each step types keys, then waits for text on the screen. */
const PTY_DRIVER = `
import os, pty, sys, time, select, json
steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
def wait_for(text, mark, timeout=30):
    global out
    end = time.time() + timeout
    while time.time() < end:
        if text.encode() in out[mark:]: return True
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try: out += os.read(fd, 65536)
            except OSError: return False
    return False
for keys, expect, delay in steps:
    time.sleep(delay)
    mark = len(out)
    if keys: os.write(fd, keys.encode())
    if expect and not wait_for(expect, mark):
        sys.stdout.write(json.dumps({'timeout': expect, 'screen': out.decode(errors='replace')})); os.kill(pid, 9); sys.exit(0)
wait_for('\\u0000never', len(out), 3)
try: os.kill(pid, 9)
except OSError: pass
sys.stdout.write(json.dumps({'screen': out.decode(errors='replace')}))
`;
