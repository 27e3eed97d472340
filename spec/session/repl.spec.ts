import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Types keys on a pseudo-terminal and watches the screen (spec/pty_driver.py). */
const PTY_DRIVER = path.join(ROOT, 'spec', 'pty_driver.py');
const BIN = path.join(ROOT, 'bin/jacobi.js');

function pipe(input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'repl'], { cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}


function python(): string | undefined {
  for (const p of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(p, ['-c', 'import pty'], { stdio: 'ignore' }).status === 0) return p;
  }
  return undefined;
}

describe('session: the REPL', () => {
  it('runs piped lines as they come, accumulating incomplete input, and prints results without prompts', async () => {
    const r = await pipe('const x = 2\nx * 3\nfunction f(a: number) {\n  return a + 1\n}\nf(x)\nprint("out")\n`a\nb`\ntf.constant([1.5, 2]) + 1\n');
    assert.equal(r.stdout, "6\n3\nout\n'a\\nb'\n<tf.Tensor: shape=(2,), dtype=float32, numpy=array([2.5, 3. ], dtype=float32)>\n");
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
  });

  it('reports a failing line on stderr, goes on, and exits with status 1', async () => {
    const r = await pipe('nope\n1 + 1\nconst bad = [1 2]\n');
    assert.equal(r.stdout, '2\n');
    // IPython's traceback, without colours on a pipe.
    assert.match(r.stderr, /^-{75}\nReferenceError {28}Traceback \(most recent call last\)\nCell In\[1\], line 1\n----> 1 nope\n {8}\^\n\nReferenceError: nope is not defined\n/);
    assert.match(r.stderr, /\n {2}Cell In\[3\], line 1\n {4}const bad = \[1 2\]\n {19}\^\nSyntaxError: ',' expected\.\n\n$/);
    assert.equal(r.code, 1);
  });

  it('runs the reference example translations', async () => {
    const r = await pipe([
      'const x = jnp.array([1.0, 0.5, 1.5, 2.0])',
      'function fn(x) {',
      '  return jnp.array([x[0] ** 6 * x[1] ** 4 * x[2] ** 9 * x[3] ** 2, x[0] ** 2 * x[1] ** 3 * x[2] ** 5 * x[3] ** 3])',
      '}',
      'print(`fn(x) = ${x.shape} \\n${fn(x)}\\n`)',
    ].join('\n') + '\n');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'fn(x) = (4,) \n[9.61084 7.59375]\n\n');
  });

  it('works in a terminal: prompts, continuation, completion, Ctrl-C on a busy loop and when idle, Ctrl-D', async function () {
    const py = python();
    if (!py) this.skip();
    this.timeout(60000);
    const steps: Array<[string, string, number]> = [
      ['', '>>> ', 0],
      ['1 + 1\r', '2\r\n', 0],
      ['function g() {\r', '... ', 0],
      ['return 5 }\r', '>>> ', 0],
      ['const longName = 1\r', '>>> ', 0],
      ['longN\t', 'longName', 0],
      ['\r', '1\r\n', 0],
      ['while (true) {}\r', '', 0],
      ['\x03', 'KeyboardInterrupt', 0.5],
      ['g() + 1\r', '6\r\n', 0],
      ['half typed', '', 0],
      ['\x03', '^C', 0.2],
      ['\x04', '', 0.2],
    ];
    const out = spawnSync(py!, [PTY_DRIVER, JSON.stringify(steps), process.execPath, BIN, 'repl'], {
      cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: '' }, encoding: 'utf8', timeout: 50000,
    });
    const result = JSON.parse(out.stdout) as { screen: string; status?: number; timeout?: string };
    assert.equal(result.timeout, undefined, `waited for ${JSON.stringify(result.timeout)}; screen: ${JSON.stringify(result.screen)}`);
    const screen = result.screen.replace(/\x00/g, '');
    assert.match(screen, /^Jacobi .*\r\n.*>>> /);
    assert.match(screen, /1 \+ 1\r\r\n2\r\n/);
    assert.match(screen, /function g\(\) \{\r\r\n.*\.\.\. .*  return 5 \}/);
    assert.match(screen, /longName\r\r\n1\r\n/);
    // Coloured on a terminal, and saying where the loop was stopped.
    assert.match(screen, /while \(true\) \{\}\r\r\n\^C\x1b\[1;31m-{75}\x1b\[0m\r\n\x1b\[1;31mKeyboardInterrupt\x1b\[0m +Traceback \(most recent call last\)\r\nCell \x1b\[1;32mIn\[5\], line 1\x1b\[0m\r\n\x1b\[1;32m----> 1\x1b\[0m while \(true\) \{\}\r\n/);
    assert.match(screen, /g\(\) \+ 1\r\r\n6\r\n/);
    assert.match(screen, /half typed\^C\r\n/);
    assert.equal(result.status, 0);
  });

  it('keeps history in the file JACOBI_HISTORY names', async function () {
    const py = python();
    if (!py) this.skip();
    this.timeout(30000);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jacobi-')), 'history');
    const steps: Array<[string, string, number]> = [['', '>>> ', 0], ['const h = 41\r', '>>> ', 0], ['\x04', '', 0.2]];
    spawnSync(py!, [PTY_DRIVER, JSON.stringify(steps), process.execPath, BIN, 'repl'], { cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: file }, encoding: 'utf8', timeout: 20000 });
    assert.equal(fs.readFileSync(file, 'utf8'), '"const h = 41"\n');
    const again: Array<[string, string, number]> = [['', '>>> ', 0], ['\x1b[A', 'const h = 41', 0], ['\r', '>>> ', 0], ['h + 1\r', '42', 0], ['\x04', '', 0.2]];
    const r = spawnSync(py!, [PTY_DRIVER, JSON.stringify(again), process.execPath, BIN, 'repl'], { cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: file }, encoding: 'utf8', timeout: 20000 });
    assert.equal((JSON.parse(r.stdout) as { timeout?: string }).timeout, undefined);
  });
});
