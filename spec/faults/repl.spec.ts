// The fault suite, REPL side: Ctrl-C (SIGINT) on a line stuck after an await, in a timer, repeated;
// errors from callbacks and unawaited promises printed, never fatal; the REPL goes on with every
// earlier binding.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../kernel/client.js';

/** Types keys on a pseudo-terminal and watches the screen (spec/pty_driver.py). */
const PTY_DRIVER = join(ROOT, 'spec', 'pty_driver.py');

/** A piped REPL, fed line by line; `until` waits for text on stdout or stderr. */
class PipedRepl {
  readonly child = spawn(process.execPath, [BIN, 'repl'], { cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: '' } });
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor() {
    this.child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  line(code: string): void {
    this.child.stdin.write(code + '\n');
  }

  async until(what: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out; stdout ${JSON.stringify(this.stdout)}, stderr ${JSON.stringify(this.stderr)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** SIGINT once the last line has had time to get stuck; resolves with the time to KeyboardInterrupt. */
  async interrupt(count: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const started = Date.now();
    this.child.kill('SIGINT');
    await this.until(() => (this.stderr.match(/^KeyboardInterrupt: $/gm) ?? []).length >= count);
    return Date.now() - started;
  }
}

describe('faults: the REPL', function () {
  this.timeout(60_000);

  it('SIGINT stops a line stuck after an await, in a timer, or busy, every time; the bindings stay', async () => {
    const repl = new PipedRepl();
    try {
      repl.line('let kept = 41');
      // Idle, SIGINT ends a piped REPL: wait until the lines run.
      repl.line('"ready"');
      await repl.until(() => repl.stdout.includes("'ready'"));
      const latencies: number[] = [];
      const stuck = [
        'await null; while (true) {}',
        'await new Promise((r) => setTimeout(r, 10)); while (true) {}',
        'setTimeout(() => { while (true) {} }, 0); await new Promise(() => {})',
        'setInterval(() => { const end = Date.now() + 100; while (Date.now() < end) {} }, 0); await new Promise(() => {})',
        'while (true) {}',
        'await null; while (true) {}',
      ];
      for (const [i, code] of stuck.entries()) {
        repl.line(code);
        latencies.push(await repl.interrupt(i + 1));
      }
      repl.line('kept + 1');
      await repl.until(() => repl.stdout.includes('42\n'));
      assert.ok(Math.max(...latencies) < 3000, `interrupt latencies ${latencies.join(', ')} ms`);
      console.log(`        SIGINT to KeyboardInterrupt: ${latencies.join(', ')} ms`);
      repl.child.stdin.end();
      assert.equal(await repl.exited, 1);
    } finally {
      repl.child.kill('SIGKILL');
    }
  });

  it('prints errors from callbacks and unawaited promises and goes on', async () => {
    const repl = new PipedRepl();
    try {
      repl.line('let kept = 41');
      repl.line('Promise.reject(new Error("rejected-1")); 1');
      repl.line('process.nextTick(() => { throw new Error("tick-1") }); 2');
      repl.line('setTimeout(() => { throw new Error("timeout-1") }, 50); 3');
      repl.line('globalThis.setImmediate(() => { throw new Error("immediate-1") }); 4');
      repl.line('require("fs").stat(process.execPath, () => { throw new Error("fs-1") }); 5');
      await repl.until(() => repl.stderr.includes('fs-1') && repl.stderr.includes('timeout-1'));
      repl.line('kept + 1');
      await repl.until(() => repl.stdout.includes('42\n'));
      assert.match(repl.stderr, /Uncaught \(in promise\) Error: rejected-1/);
      for (const marker of ['tick-1', 'timeout-1', 'immediate-1', 'fs-1']) assert.match(repl.stderr, new RegExp(`Uncaught Error: ${marker}`));
      assert.equal(repl.stdout, '1\n2\n3\n4\n5\n42\n');
      repl.child.stdin.end();
      assert.equal(await repl.exited, 0);
    } finally {
      repl.child.kill('SIGKILL');
    }
  });

  it('Ctrl-C in a terminal stops a line stuck after an await', function () {
    const py = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import pty'], { stdio: 'ignore' }).status === 0);
    if (!py) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'jacobi-repl-'));
    const history = join(dir, 'history');
    try {
      const steps: Array<[string, string, number]> = [
        ['', '>>> ', 0],
        ['const kept = 41\r', '>>> ', 0],
        ['await null; while (true) {}\r', '', 0],
        ['\x03', 'KeyboardInterrupt', 0.5],
        ['kept + 1\r', '42\r\n', 0],
        ['\x04', '', 0.2],
      ];
      const out = spawnSync(py!, [PTY_DRIVER, JSON.stringify(steps), process.execPath, BIN, 'repl'], {
        cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: history }, encoding: 'utf8', timeout: 50_000,
      });
      const result = JSON.parse(out.stdout) as { screen: string; status?: number; timeout?: string };
      assert.equal(result.timeout, undefined, `waited for ${JSON.stringify(result.timeout)}; screen: ${JSON.stringify(result.screen)}`);
      assert.equal(result.status, 0);
      // The history file is the user's alone.
      assert.equal(statSync(history).mode & 0o777, 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

