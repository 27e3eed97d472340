import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultHistoryFile, History, MAX_INPUT, MAX_OUTPUT } from '../../kernel/history.js';

describe('kernel history', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jacobi-history-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const flush = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('numbers sessions after the ones in the file and reads them back across sessions', async () => {
    const file = join(dir, 'nested', 'history.jsonl');
    const first = new History(file);
    first.add(1, 'const a = 1', null);
    first.add(2, 'a + 1', '2');
    await flush();
    const second = new History(file);
    second.add(1, 'a * 10', '10');
    await flush();
    assert.deepEqual(second.query({ hist_access_type: 'tail', n: 3 }), [[1, 1, 'const a = 1'], [1, 2, 'a + 1'], [2, 1, 'a * 10']]);
    // session 0 is the current one, -1 the one before it
    assert.deepEqual(second.query({ hist_access_type: 'range', session: 0, start: 1 }), [[2, 1, 'a * 10']]);
    assert.deepEqual(second.query({ hist_access_type: 'range', session: -1, start: 2, stop: 3, output: true }), [[1, 2, ['a + 1', '2']]]);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 3);
  });

  it('searches with GLOB patterns, n and unique', () => {
    const h = new History(null);
    ['x = 1', 'y = 2', 'x = 1', 'print(x)', 'x?'].forEach((input, i) => h.add(i + 1, input, null));
    const inputs = (request: Record<string, unknown>) => h.query({ hist_access_type: 'search', ...request }).map((e) => e[2]);
    assert.deepEqual(inputs({ pattern: 'x*' }), ['x = 1', 'x = 1', 'x?']);
    assert.deepEqual(inputs({ pattern: 'x*', unique: true }), ['x = 1', 'x?']);
    assert.deepEqual(inputs({ pattern: '?' + ' = *', n: 1 }), ['x = 1']);
    assert.deepEqual(inputs({ pattern: '[xy] = [^1]' }), ['y = 2']);
    assert.deepEqual(inputs({ pattern: 'print(x)' }), ['print(x)']);
  });

  it('skips a torn last line and keeps working when the file cannot be written', async () => {
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, '{"s":3,"n":1,"i":"ok"}\n{"s":3,"n":2,"i":"to');
    const h = new History(file);
    assert.deepEqual(h.query({ hist_access_type: 'tail', n: 5 }), [[3, 1, 'ok']]);
    const unwritable = new History(join(dir, 'history.jsonl', 'not-a-dir', 'h.jsonl'));
    unwritable.add(1, 'still remembered', null);
    await flush();
    assert.deepEqual(unwritable.query({ hist_access_type: 'tail', n: 1 }), [[1, 1, 'still remembered']]);
  });

  it('keeps the file owner-only (0600, directory 0700), also one that was readable by others', async () => {
    const file = join(dir, 'new', 'history.jsonl');
    new History(file).add(1, 'secret = 1', null);
    await flush();
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'new')).mode & 0o777, 0o700);
    const old = join(dir, 'old.jsonl');
    writeFileSync(old, '{"s":1,"n":1,"i":"x"}\n', { mode: 0o644 });
    chmodSync(old, 0o644);
    new History(old).add(1, 'y', null);
    await flush();
    assert.equal(statSync(old).mode & 0o777, 0o600);
  });

  it('truncates large outputs (and huge inputs), in the file and in memory', async () => {
    const file = join(dir, 'history.jsonl');
    const h = new History(file);
    const big = 'x'.repeat(30 * 1024 * 1024);
    h.add(1, 'big', big);
    h.add(2, 'y'.repeat(MAX_INPUT + 10), '2');
    await flush();
    const [[, , [, output]], [, , [input]]] = h.query({ hist_access_type: 'tail', n: 2, output: true }) as [number, number, [string, string | null]][];
    assert.ok(output!.length < MAX_OUTPUT + 200, `${output!.length} characters kept`);
    assert.ok(output!.startsWith('x'.repeat(MAX_OUTPUT)));
    assert.match(output!, /output truncated: 31457280 characters/);
    assert.ok(input.length < MAX_INPUT + 200);
    assert.ok(statSync(file).size < MAX_INPUT + MAX_OUTPUT + 1000, `the file has ${statSync(file).size} bytes`);
  });

  it('takes its file from JACOBI_HISTORY_FILE or the XDG data directory', () => {
    assert.equal(defaultHistoryFile({ JACOBI_HISTORY_FILE: 'off' }), null);
    assert.equal(defaultHistoryFile({ JACOBI_HISTORY_FILE: '/x/h.jsonl' }), '/x/h.jsonl');
    assert.equal(defaultHistoryFile({ XDG_DATA_HOME: '/data' }), '/data/jacobi/history.jsonl');
  });
});
