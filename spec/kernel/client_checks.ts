// The jupyter_client protocol checks of a kernelspec in both interrupt modes: a Python script
// (spec/kernel/kernel_checks.py and its users) drives a copy of the installed kernelspec per mode and
// prints {check: {ok, detail}}; each check becomes one mocha test. Shared by the TypeScript and the
// Python kernel's specs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

const run = promisify(execFile);
type Results = Record<string, { ok: boolean; detail: string }>;
const MODES = ['message', 'signal'] as const;

export interface ClientChecks {
  /** The kernelspec `jacobi install` writes for this language (`jacobi`, `jacobi-python`). */
  kernelspec: string;
  /** The suffix `jacobi install --name N` gives this language's kernelspec (`''`, `'-python'`). */
  suffix: string;
  script: string;
  checks: readonly string[];
  /** Run the two modes' kernels one after the other (each Python kernel loads Pyodide). */
  sequential: boolean;
}

export function describeClientChecks(o: ClientChecks): void {
  const missing = missingModules(['jupyter_client']);
  const results: Partial<Record<(typeof MODES)[number], Results>> = {};
  const prefixes: string[] = [];

  before(async function () {
    if (missing.length > 0) return;
    const { prefix, env, dataDir } = installIntoTempPrefix('jacobi');
    prefixes.push(prefix);
    // One copy of the kernelspec per interrupt mode, identical but for interrupt_mode.
    const installed = JSON.parse(readFileSync(join(dataDir, 'kernels', o.kernelspec, 'kernel.json'), 'utf8'));
    const names = Object.fromEntries(MODES.map((m) => [m, `jacobi-mode-${m}`])) as Record<(typeof MODES)[number], string>;
    for (const mode of MODES) {
      await run(process.execPath, [join(ROOT, 'bin', 'jacobi.js'), 'install', '--prefix', prefix, '--name', names[mode]]);
      writeFileSync(join(dataDir, 'kernels', names[mode] + o.suffix, 'kernel.json'), JSON.stringify({ ...installed, interrupt_mode: mode }));
    }
    const check = async (mode: (typeof MODES)[number]) => {
      const { stdout } = await run(PYTHON, [o.script, names[mode] + o.suffix], { env, maxBuffer: 1 << 24 });
      results[mode] = JSON.parse(stdout.trim().split('\n').pop()!) as Results;
    };
    if (o.sequential) for (const mode of MODES) await check(mode);
    else await Promise.all(MODES.map(check));
  });
  after(() => prefixes.forEach((p) => rmSync(p, { recursive: true, force: true })));

  for (const mode of MODES) {
    describe(`interrupt_mode ${mode}`, () => {
      for (const name of o.checks) {
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
}
