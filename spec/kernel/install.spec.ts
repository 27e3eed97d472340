// `jacobi install` / `jacobi uninstall`: the kernelspec files, valid logos, and Jupyter finding them.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { crc32 } from '../../src/plot/png.js';
import { BIN, ROOT } from './client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

const jacobi = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

/** Checks a PNG byte by byte: signature, chunk CRCs, IHDR, and the inflated image size. */
function checkPng(png: Buffer, size: number): void {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.data;
  assert.equal(ihdr.readUInt32BE(0), size);
  assert.equal(ihdr.readUInt32BE(4), size);
  assert.deepEqual([...ihdr.subarray(8)], [8, 6, 0, 0, 0]);
  assert.equal(inflateSync(chunks[1]!.data).length, size * (size * 4 + 1));
}

describe('kernel install', function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes kernel.json from install.json with absolute paths, and two valid PNG logos, under --prefix', () => {
    const { prefix, dataDir } = installIntoTempPrefix('jacobi-spec');
    dirs.push(prefix);
    const dir = join(dataDir, 'kernels', 'jacobi-spec');
    const spec = JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8'));
    const template = JSON.parse(readFileSync(join(ROOT, 'install.json'), 'utf8'));
    assert.deepEqual(spec.argv, [process.execPath, BIN, 'kernel', '--connection-file', '{connection_file}']);
    assert.equal(spec.display_name, 'TypeScript (Jacobi)');
    assert.equal(spec.language, 'typescript');
    assert.ok(['message', 'signal'].includes(spec.interrupt_mode));
    assert.match(spec.env.GLIBC_TUNABLES, /mmap_threshold=\d+:glibc\.malloc\.trim_threshold=\d+/);
    assert.deepEqual({ ...spec, argv: template.argv }, template);
    checkPng(readFileSync(join(dir, 'logo-32x32.png')), 32);
    checkPng(readFileSync(join(dir, 'logo-64x64.png')), 64);
  });

  it('installs for the user into $JUPYTER_DATA_DIR, and uninstalls', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jacobi-data-'));
    dirs.push(dataDir);
    const env = { ...process.env, JUPYTER_DATA_DIR: dataDir };
    const installed = jacobi(['install', '--user'], env);
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /Installed kernelspec jacobi/);
    assert.ok(existsSync(join(dataDir, 'kernels', 'jacobi', 'kernel.json')));
    const removed = jacobi(['uninstall'], env);
    assert.equal(removed.status, 0, removed.stderr);
    assert.ok(!existsSync(join(dataDir, 'kernels', 'jacobi')));
    const again = jacobi(['uninstall'], env);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /no kernelspec jacobi/);
  });

  it('rejects bad arguments and kernel names', () => {
    assert.match(jacobi(['install', '--name', 'a b']).stderr, /invalid kernel name/);
    assert.match(jacobi(['install', '--bogus']).stderr, /unknown argument/);
    assert.match(jacobi(['install', '--prefix']).stderr, /needs a value/);
  });

  it('refuses names that are not one kernelspec directory, and uninstall removes only the one named', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jacobi-data-'));
    dirs.push(dataDir);
    const env = { ...process.env, JUPYTER_DATA_DIR: dataDir };
    assert.equal(jacobi(['install', '--name', 'keep'], env).status, 0);
    assert.equal(jacobi(['install', '--name', 'drop'], env).status, 0);
    // What the data directory holds besides kernelspecs (other tools' files) must survive everything below.
    writeFileSync(join(dataDir, 'kernel.json'), '{}');
    writeFileSync(join(dataDir, 'other-tool.json'), '{}');
    for (const name of ['.', '..', '../..', 'a/b', '/tmp', 'x/..', '', 'naïve', 'a\\b']) {
      for (const command of ['install', 'uninstall']) {
        const r = jacobi([command, '--name', name], env);
        assert.equal(r.status, 1, `${command} --name ${JSON.stringify(name)}: ${r.stdout}`);
        assert.match(r.stderr, name === '' ? /needs a value/ : /invalid kernel name/);
      }
    }
    assert.ok(existsSync(join(dataDir, 'other-tool.json')));
    assert.ok(existsSync(join(dataDir, 'kernel.json')));
    assert.equal(jacobi(['uninstall', '--name', 'drop'], env).status, 0);
    // `install` writes the Python kernelspec NAME-python beside NAME; `uninstall` removes both.
    assert.deepEqual(readdirSync(join(dataDir, 'kernels')).sort(), ['keep', 'keep-python']);
    assert.ok(existsSync(join(dataDir, 'kernels', 'keep', 'kernel.json')));
  });

  it('is listed by `jupyter kernelspec list`', function () {
    const missing = missingModules(['jupyter_client']);
    if (missing.length > 0) {
      console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-jupyter-client)`);
      this.skip();
    }
    const { prefix, env, dataDir } = installIntoTempPrefix('jacobi-listed');
    dirs.push(prefix);
    const out = execFileSync(PYTHON, ['-m', 'jupyter_client.kernelspecapp', 'list', '--json'], { env, encoding: 'utf8' });
    const specs = (JSON.parse(out) as { kernelspecs: Record<string, { resource_dir: string; spec: { display_name: string } }> }).kernelspecs;
    assert.equal(specs['jacobi-listed']?.resource_dir, join(dataDir, 'kernels', 'jacobi-listed'));
    assert.equal(specs['jacobi-listed']?.spec.display_name, 'TypeScript (Jacobi)');
  });
});
