// The "Python (Jacobi)" kernelspec started and driven by jupyter_client's KernelManager in both
// interrupt modes: the same checks as the TypeScript kernel's (spec/kernel/jupyter-client.spec.ts),
// with Python cells.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../kernel/client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from '../kernel/python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'python', 'jupyter_client_check.py');
const CHECKS = ['kernel_info', 'execute_result', 'tensor_result', 'display', 'stream_and_state', 'error', 'execute_interactive', 'complete', 'inspect', 'is_complete', 'history', 'comm_info', 'interrupt', 'interrupt_at_once', 'restart', 'shutdown'];

type Results = Record<string, { ok: boolean; detail: string }>;

describe('Python kernel through jupyter_client (Debian python3-jupyter-client)', function () {
  this.timeout(240_000);
  const missing = missingModules(['jupyter_client']);
  const results: Partial<Record<'message' | 'signal', Results>> = {};
  const prefixes: string[] = [];

  before(async function () {
    if (missing.length > 0) return;
    const { prefix, env, dataDir } = installIntoTempPrefix('jacobi');
    prefixes.push(prefix);
    // `jacobi install` wrote jacobi-python beside jacobi; one copy per interrupt mode.
    const installed = JSON.parse(readFileSync(join(dataDir, 'kernels', 'jacobi-python', 'kernel.json'), 'utf8'));
    const modes = { message: 'jacobi-py-message', signal: 'jacobi-py-signal' } as const;
    for (const [mode, name] of Object.entries(modes)) {
      await run(process.execPath, [join(ROOT, 'bin', 'jacobi.js'), 'install', '--prefix', prefix, '--name', name]);
      writeFileSync(join(dataDir, 'kernels', `${name}-python`, 'kernel.json'), JSON.stringify({ ...installed, interrupt_mode: mode }));
    }
    // One after the other: each kernel loads Pyodide, and the machine may have two cores.
    for (const mode of Object.keys(modes) as (keyof typeof modes)[]) {
      const { stdout } = await run(PYTHON, [SCRIPT, `${modes[mode]}-python`], { env, maxBuffer: 1 << 24 });
      results[mode] = JSON.parse(stdout.trim().split('\n').pop()!) as Results;
    }
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
