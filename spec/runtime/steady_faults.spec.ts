// The kernel's malloc settings (install.json's env) keep a loop over fresh 1e6-element arrays from
// faulting its pages in again and again: glibc's defaults return the memory V8 frees in batches to the
// system (measured 500-2,900 minor faults per iteration of x*x + sin(x), about 2 us each); with the
// settings, about 50. Counts, not times: a child process under each environment, glibc only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'); // dist/spec/runtime -> repo
const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;

function faultsPerIteration(env: NodeJS.ProcessEnv): number {
  const program = `
    const { ops, jnp } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/src/index.js')).href)});
    const x = ops.mul(ops.cast(jnp.arange(1000000), 'float32'), 1e-5);
    for (let i = 0; i < 50; i++) ops.add(ops.mul(x, x), ops.sin(x)).values;
    const f0 = process.resourceUsage().minorPageFault;
    for (let i = 0; i < 150; i++) ops.add(ops.mul(x, x), ops.sin(x)).values;
    console.log((process.resourceUsage().minorPageFault - f0) / 150);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { env, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

describe('page faults of a steady loop under the kernel\'s malloc settings', function () {
  this.timeout(120000);
  before(function () {
    if (glibc === undefined) this.skip(); // GLIBC_TUNABLES is glibc's
  });

  it('install.json\'s GLIBC_TUNABLES brings x*x + sin(x) on 1e6 float32 to fewer than 200 faults per iteration', () => {
    const { env } = JSON.parse(readFileSync(path.join(root, 'install.json'), 'utf8')) as { env: Record<string, string> };
    const tuned = faultsPerIteration({ ...process.env, ...env });
    const plain = { ...process.env };
    delete plain.GLIBC_TUNABLES;
    const untuned = faultsPerIteration(plain);
    assert.ok(tuned < 200, `${tuned} faults per iteration with ${env.GLIBC_TUNABLES} (${untuned} without)`);
  });
});
