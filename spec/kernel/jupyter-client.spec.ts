// The installed kernelspec started and driven by jupyter_client's KernelManager, in both interrupt modes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'kernel', 'jupyter_client_check.py');
const CHECKS = ['kernel_info', 'execute_result', 'stream_and_state', 'error', 'traceback', 'execute_interactive', 'complete', 'inspect', 'is_complete', 'history', 'comm_info', 'interrupt', 'restart', 'shutdown'];

type Results = Record<string, { ok: boolean; detail: string }>;

describe('kernel through jupyter_client (Debian python3-jupyter-client)', function () {
  this.timeout(120_000);
  const missing = missingModules(['jupyter_client']);
  const results: Partial<Record<'message' | 'signal', Results>> = {};
  const prefixes: string[] = [];

  before(async function () {
    if (missing.length > 0) return;
    const { prefix, env, dataDir } = installIntoTempPrefix('jacobi');
    prefixes.push(prefix);
    // A second kernelspec, identical but for the interrupt mode, so both modes go through jupyter_client.
    const installed = JSON.parse(readFileSync(join(dataDir, 'kernels', 'jacobi', 'kernel.json'), 'utf8'));
    const modes = { message: 'jacobi-message', signal: 'jacobi-signal' } as const;
    for (const [mode, name] of Object.entries(modes)) {
      const dir = join(dataDir, 'kernels', name);
      await run(process.execPath, [join(ROOT, 'bin', 'jacobi.js'), 'install', '--prefix', prefix, '--name', name]);
      writeFileSync(join(dir, 'kernel.json'), JSON.stringify({ ...installed, interrupt_mode: mode }));
    }
    await Promise.all(
      (Object.keys(modes) as (keyof typeof modes)[]).map(async (mode) => {
        const { stdout } = await run(PYTHON, [SCRIPT, modes[mode]], { env, maxBuffer: 1 << 24 });
        results[mode] = JSON.parse(stdout.trim().split('\n').pop()!) as Results;
      }),
    );
  });
  after(() => prefixes.forEach((p) => rmSync(p, { recursive: true, force: true })));

  for (const mode of ['message', 'signal'] as const) {
    describe(`interrupt_mode ${mode}`, () => {
      for (const name of CHECKS) {
        it(name.replace(/_/g, ' '), function () {
          if (missing.length > 0) {
            console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-jupyter-client)`);
            this.skip();
          }
          const result = results[mode]?.[name];
          assert.ok(result, `check ${name} did not run`);
          assert.ok(result.ok, result.detail);
        });
      }
    });
  }
});
