// `jacobi repl --python`: piped lines run as Python cells (blocks end at a blank line), and SIGINT
// stops a busy line through KeyboardInterrupt, after which the REPL goes on.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIN } from '../kernel/client.js';

describe('jacobi repl --python', function () {
  this.timeout(120_000);

  it('runs piped lines, blocks and results; SIGINT interrupts a busy line and the REPL goes on', async () => {
    const child = spawn(process.execPath, [BIN, 'repl', '--python'], { env: { ...process.env, JACOBI_HISTORY: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const until = async (check: () => boolean, ms = 60_000) => {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out; stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(stderr)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      child.stdin.write('import torch\nx = torch.tensor([1.0, 2.0])\nfor i in range(2):\n    print(i, x * i)\n\nx.sum()\n');
      await until(() => stdout.includes('tensor(3.)'));
      assert.equal(stdout, '0 tensor([0., 0.])\n1 tensor([1., 2.])\ntensor(3.)\n');
      // The signal goes once the line is surely running (idle, Ctrl-C ends a piped REPL).
      child.stdin.write('import itertools\nfor i in itertools.count():\n    if i == 0: print("spinning", flush=True)\n\n');
      await until(() => stdout.includes('spinning'));
      child.kill('SIGINT');
      await until(() => stderr.includes('KeyboardInterrupt'), 20_000);
      child.stdin.end('print("after", x.sum().item())\n');
      const code = child.exitCode ?? await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.match(stdout, /after 3\.0\n$/);
      assert.equal(code, 1);
    } finally {
      // A REPL left spinning would keep mocha, and CI, waiting.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
