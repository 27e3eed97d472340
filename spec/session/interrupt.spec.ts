import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Session } from '../../src/session/session.js';
import { errorOf, run, value } from './helpers.js';

const SESSION = fileURLToPath(new URL('../../src/session/session.js', import.meta.url));

/** A child process that runs cells from its stdin (one JSON string per line) and prints each outcome. */
const CHILD = `
import { Session } from ${JSON.stringify(SESSION)};
import readline from 'node:readline';
const s = new Session();
process.on('SIGINT', () => s.interrupt());
await s.ready;
const sink = { stream() {}, display() {}, clearOutput() {} };
process.stdout.write('ready\\n');
for await (const line of readline.createInterface({ input: process.stdin })) {
  const o = await s.execute(JSON.parse(line), sink);
  process.stdout.write(JSON.stringify(o.status === 'ok' ? { ok: o.result?.['text/plain'] } : { ename: o.ename }) + '\\n');
}
`;

describe('session: interrupt', () => {
  it('stops a busy synchronous loop on SIGINT, keeping every binding', async function () {
    this.timeout(30000);
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let waiting: (() => void) | undefined;
    child.stdout.setEncoding('utf8');
    let partial = '';
    child.stdout.on('data', (d: string) => {
      partial += d;
      const parts = partial.split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
      waiting?.();
    });
    const next = async (): Promise<string> => {
      while (lines.length === 0) await new Promise<void>((r) => (waiting = r));
      return lines.shift()!;
    };
    const send = (code: string) => child.stdin.write(JSON.stringify(code) + '\n');
    try {
      assert.equal(await next(), 'ready');
      send('let spins = 0');
      assert.equal(await next(), '{}');
      send('while (true) { spins++ }');
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGINT');
      assert.equal(await next(), '{"ename":"KeyboardInterrupt"}');
      send('spins > 0');
      assert.equal(await next(), '{"ok":"True"}');
      send('await new Promise(() => {})');
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGINT');
      assert.equal(await next(), '{"ename":"KeyboardInterrupt"}');
      send('1 + 1');
      assert.equal(await next(), '{"ok":"2"}');
    } finally {
      child.kill();
    }
  });

  it('interrupt() rejects a pending top-level await; the session stays usable', async () => {
    const s = new Session();
    await s.ready;
    await value(s, 'let before = "kept"');
    const pending = run(s, 'await new Promise(() => {})\nbefore = "changed"');
    await new Promise((r) => setTimeout(r, 20));
    s.interrupt();
    const e = errorOf((await pending).outcome);
    assert.equal(e.ename, 'KeyboardInterrupt');
    assert.equal(await value(s, 'before'), "'kept'");
  });
});
