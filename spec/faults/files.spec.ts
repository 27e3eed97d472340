// The fault suite, file side: `jacobi doctest --accept` rewriting files it cannot fully write (a
// file-size limit set with `ulimit -f` on a child process, a full tmpfs when this machine lets us mount
// one, a read-only file). The file is left whole, byte for byte; the run names it and goes on with the
// other files.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/doctest/atomic.js';
import { BIN, ROOT } from '../kernel/client.js';

/** A Markdown file whose one example fails and whose accepted output makes the file `bytes` long. */
function failing(bytes: number): string {
  return ['# doc', '', '```ts', `>>> "y".repeat(${bytes})`, "'short'", '```', ''].join('\n');
}

function doctest(args: string[], limitBlocks?: number): { status: number | null; stderr: string; stdout: string } {
  // `ulimit -f` counts 512-byte blocks; the limit holds for the runner and the session processes it forks.
  const command = limitBlocks === undefined ? '"$@"' : `ulimit -f ${limitBlocks} && "$@"`;
  const r = spawnSync('/bin/sh', ['-c', command, 'sh', process.execPath, BIN, 'doctest', '--quiet', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('faults: files rewritten by doctest --accept', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jacobi-accept-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a file whole when its new text exceeds the file-size limit, and goes on with the next file', () => {
    const big = join(dir, 'a-big.md');
    const small = join(dir, 'b-small.md');
    const bigText = failing(20_000);
    writeFileSync(big, bigText);
    writeFileSync(small, failing(3));
    // 16 blocks: 8 KB, above the small file's new text and below the big one's.
    const r = doctest(['--accept', big, small], 16);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(readFileSync(big, 'utf8'), bigText, 'the file was cut short');
    assert.match(r.stderr, /a-big\.md: expected outputs not rewritten \(the file is unchanged\): .*(EFBIG|too large)/i);
    assert.match(readFileSync(small, 'utf8'), /^'yyy'$/m, 'the next file was not accepted');
    assert.deepEqual(readdirSync(dir).sort(), ['a-big.md', 'b-small.md'], 'a temporary file was left behind');
  });

  it('reports a read-only file, leaves it alone, and goes on', () => {
    const locked = join(dir, 'a-locked.md');
    const open = join(dir, 'b-open.md');
    writeFileSync(locked, failing(3));
    writeFileSync(open, failing(4));
    chmodSync(locked, 0o444);
    const r = doctest(['--accept', locked, open]);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(locked, 'utf8'), failing(3));
    assert.match(r.stderr, /a-locked\.md: expected outputs not rewritten .*read-only/);
    assert.match(readFileSync(open, 'utf8'), /^'yyyy'$/m);
  });

  it('keeps the permission bits of a rewritten file', () => {
    const file = join(dir, 'mode.md');
    writeFileSync(file, failing(2));
    chmodSync(file, 0o640);
    assert.equal(doctest(['--accept', file]).status, 1);
    assert.match(readFileSync(file, 'utf8'), /^'yy'$/m);
    assert.equal(execFileSync('stat', ['-c', '%a', file], { encoding: 'utf8' }).trim(), '640');
  });

  it('leaves a file whole on a full file system (a small tmpfs, where mounting one is allowed)', function () {
    const mount = join(dir, 'tmpfs');
    mkdirSync(mount);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'ignore' }).status !== 0) {
      console.log('      skipped: cannot mount a tmpfs here (needs root)');
      this.skip();
    }
    try {
      const file = join(mount, 'doc.md');
      const text = 'x'.repeat(40_000);
      writeFileSync(file, text);
      // The new text fits the file system only if the old one were gone first, which a rename never does.
      assert.throws(() => writeFileAtomic(file, 'y'.repeat(40_000)), /ENOSPC/);
      assert.equal(readFileSync(file, 'utf8'), text);
      assert.deepEqual(readdirSync(mount), ['doc.md']);
      writeFileAtomic(file, 'short');
      assert.equal(readFileSync(file, 'utf8'), 'short');
    } finally {
      spawnSync('umount', [mount], { stdio: 'ignore' });
    }
  });
});
