// The runner end to end, with the real session in its own process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFiles, type RunOptions } from '../../src/doctest/runner.js';

const JACOBI = fileURLToPath(new URL('../../../bin/jacobi.js', import.meta.url));
const options = (over: Partial<RunOptions> = {}): RunOptions => ({ flags: {}, timeoutSeconds: 20, failFast: false, accept: false, ...over });
const dir = mkdtempSync(join(tmpdir(), 'doctest-runner-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const fence = (...lines: string[]) => ['# Doc', '', '```ts', ...lines, '```', ''].join('\n');

describe('doctest runner', function () {
  this.timeout(60000);

  it('passes right outputs and fails a wrong expected output, with state shared across examples', async () => {
    const path = write('basic.md', fence(
      '>>> const xs = [1, 2]', '>>> xs', '[1, 2]', '>>> "a"', "'a'", '>>> print("x\\n\\ny")', 'x', '<BLANKLINE>', 'y',
      '>>> 1 + 1', '3', '>>> true', 'True',
    ));
    const s = await runFiles([path], options());
    assert.deepEqual([s.passed, s.failed, s.skipped], [5, 1, 0]);
    const bad = s.files[0]!.results.find((r) => r.status === 'failed')!;
    assert.equal(bad.line, 13);
    assert.equal(bad.want, '3\n');
    assert.equal(bad.got, '2\n');
  });

  it('shows values as Python\'s doctest does (repr), or as IPython does with +IPYTHON_DISPLAY', async () => {
    const long = '>>> list(range(30)).map((i) => i * 1000)';
    const flat = `[${Array.from({ length: 30 }, (_, i) => i * 1000).join(', ')}]`;
    const plain = write('plain.md', fence(long, flat));
    const wrapped = write('ipython.md', '<!-- doctest: +IPYTHON_DISPLAY -->\n' + fence(long, ...Array.from({ length: 30 }, (_, i) => `${i ? ' ' : '['}${i * 1000}${i === 29 ? ']' : ','}`)));
    const s = await runFiles([plain, wrapped], options());
    assert.deepEqual([s.passed, s.failed], [2, 0]);
  });

  it("runs --setup before each file's examples (doctest's setUp), after a file's own reset", async () => {
    const a = write('setup-a.md', fence('>>> seeded += 1', '>>> seeded', '2'));
    const b = write('setup-b.md', fence('>>> seeded', '1'));
    const s = await runFiles([a, b], options({ setup: 'var seeded = 1' }));
    assert.deepEqual([s.passed, s.failed], [3, 0]);
  });

  it('gives each file a fresh session', async () => {
    const a = write('first.md', fence('>>> const shared = 1'));
    const b = write('second.md', fence('>>> typeof shared', "'undefined'"));
    const s = await runFiles([a, b], options());
    assert.deepEqual([s.passed, s.failed], [2, 0]);
  });

  it('matches expected exceptions and applies directives and command-line flags', async () => {
    const path = write('flags.md', [
      '<!-- doctest: +NORMALIZE_WHITESPACE -->',
      fence(
        '>>> throw new RangeError("bad value")', 'Traceback (most recent call last):', '  ...', 'RangeError: bad value',
        '>>> throw new RangeError("other")  // doctest: +IGNORE_EXCEPTION_DETAIL', 'RangeError: bad value',
        '>>> [1, 2, 3]', '[1,   2,', ' 3]',
        '>>> [1, 2, 3]  // doctest: +ELLIPSIS', '[1, ...]',
        '>>> 0.1 + 0.2  // doctest: +TOLERANCE', '0.3',
        '>>> neverDefined  // doctest: +SKIP', 'whatever',
        '>>> neverDefined  // doctest: +RAISES',
      ),
    ].join('\n'));
    const s = await runFiles([path], options());
    assert.deepEqual([s.passed, s.failed, s.skipped], [6, 0, 1], JSON.stringify(s.files[0]!.results.filter((r) => r.status === 'failed')));
    const strict = await runFiles([path], options({ flags: { TOLERANCE: false } }));
    assert.equal(strict.failed, 0, 'file and example directives win over the command line');
  });

  it('fails a hung example after the timeout and keeps going in the same session', async () => {
    const path = write('hang.md', fence('>>> let n = 41', '>>> while (true) {}', '>>> await new Promise(() => {})', '>>> n + 1', '42'));
    const s = await runFiles([path], options({ timeoutSeconds: 1 }));
    const r = s.files[0]!.results;
    // Statuses with what went wrong (a restart here would mean the interrupt did not stop the example).
    assert.deepEqual(r.map((x) => `${x.status} ${x.message ?? ''}${x.restarted ? ' (restarted)' : ''}`.trim()), ['passed', 'failed timed out after 1 s', 'failed timed out after 1 s', 'passed']);
  });

  it('fails a crashing example and continues in a fresh session', async () => {
    const path = write('crash.md', fence('>>> import proc from "node:process"', '>>> proc.exit(7)', '>>> 1 + 1', '2'));
    const s = await runFiles([path], options());
    const r = s.files[0]!.results;
    assert.deepEqual(r.map((x) => x.status), ['passed', 'failed', 'passed']);
    assert.match(r[1]!.message!, /exited \(code 7\)/);
  });

  it('stops at the first failure with failFast', async () => {
    const path = write('fast.md', fence('>>> 1', '2', '>>> 3', '3'));
    const other = write('fast2.md', fence('>>> 1', '1'));
    const s = await runFiles([path, other], options({ failFast: true }));
    assert.deepEqual([s.passed, s.failed, s.files.length], [0, 1, 1]);
  });

  it('--accept rewrites failing outputs so that a second run passes, leaving other bytes alone', async () => {
    const before = fence('>>> 1 + 1', '3', '>>> print("a\\n\\nb")', '>>> throw new TypeError("t")', '>>> 5', '5') + 'trailing prose\n';
    const path = write('accept.md', before);
    const first = await runFiles([path], options({ accept: true }));
    assert.equal(first.failed, 3, JSON.stringify(first.files[0]!.results));
    assert.ok(first.files[0]!.accepted);
    const after = readFileSync(path, 'utf8');
    assert.equal(after, fence('>>> 1 + 1', '2', '>>> print("a\\n\\nb")', 'a', '<BLANKLINE>', 'b', '>>> throw new TypeError("t")', 'Traceback (most recent call last):', '  ...', 'TypeError: t', '>>> 5', '5') + 'trailing prose\n');
    const second = await runFiles([path], options());
    assert.deepEqual([second.passed, second.failed], [4, 0], JSON.stringify(second.files[0]!.results.filter((r) => r.status === 'failed')));
  });

  it('runs doc-comment examples with the module\'s exports in scope', async () => {
    const ts = write('mod.ts', '/**\n * @example\n * >>> double(21)\n * 42\n * >>> double(1)\n * 3\n */\nexport function double(x: number): number { return 2 * x; }\n');
    write('mod.js', 'export function double(x) { return 2 * x; }\n');
    const s = await runFiles([ts], options());
    assert.deepEqual([s.passed, s.failed], [1, 1]);
    assert.equal(s.files[0]!.results[1]!.line, 5);
  });

  it('re-executes notebooks, compares outputs per MIME type, honours cell markers, and accepts', async () => {
    const cell = (source: string, outputs: unknown[], tags: string[] = []) => ({ cell_type: 'code', execution_count: 1, metadata: tags.length ? { tags } : {}, outputs, source: [source] });
    const stream = (text: string) => ({ name: 'stdout', output_type: 'stream', text: [text] });
    const result = (text: string) => ({ data: { 'text/plain': [text] }, execution_count: 1, metadata: {}, output_type: 'execute_result' });
    const nb = JSON.stringify({
      cells: [
        cell('print("hi")\nconst k = 2\nk', [stream('hi\n'), result('2')]),
        cell('k * 2', [result('5')]),
        cell('// doctest: +SKIP\nwhile (true) {}', []),
        cell('// doctest: +IGNORE_OUTPUT\nprint(Math.random())', [stream('0.5\n')]),
        cell('throw new RangeError("r")', [{ ename: 'RangeError', evalue: 'r', output_type: 'error', traceback: [] }]),
        cell('undefinedThing', [], ['doctest-raises']),
        { cell_type: 'markdown', metadata: {}, source: ['text'] },
      ],
      metadata: { kernelspec: { display_name: 'Jacobi (TypeScript)', language: 'typescript', name: 'jacobi' } },
      nbformat: 4,
      nbformat_minor: 5,
    }, null, 1) + '\n';
    const path = write('nb.ipynb', nb);
    const s = await runFiles([path], options({ accept: true }));
    assert.deepEqual(s.files[0]!.results.map((r) => r.status), ['passed', 'failed', 'skipped', 'passed', 'passed', 'passed']);
    assert.match(s.files[0]!.results[1]!.message!, /output 1 text\/plain differs/);
    const after = readFileSync(path, 'utf8');
    assert.equal(after, nb.replace('"5"', '"4"'));
    const again = await runFiles([path], options());
    assert.equal(again.failed, 0);
  });

  it('ends the command\'s output with the closing line and exits 1 on failure', () => {
    const bad = write('cli.md', fence('>>> 1', '2', '>>> 3', '3', '>>> 4 // doctest: +SKIP', '4'));
    const junit = join(dir, 'out.xml');
    const run = spawnSync(process.execPath, [JACOBI, 'doctest', bad, '--junit', junit], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.ok(run.stdout.endsWith('1 passed, 1 failed, 1 skipped\n'), run.stdout);
    assert.match(run.stdout, /File ".*cli\.md", line 4\nFailed example:\n {4}1\nExpected:\n {4}2\nGot:\n {4}1\n/);
    assert.match(readFileSync(junit, 'utf8'), /<testsuites name="jacobi doctest" tests="3" failures="1" skipped="1"/);
    const good = write('cli-ok.md', fence('>>> 3', '3'));
    const json = spawnSync(process.execPath, [JACOBI, 'doctest', good, '--json'], { encoding: 'utf8' });
    assert.equal(json.status, 0);
    assert.equal(JSON.parse(json.stdout).passed, 1);
    assert.ok(json.stderr.endsWith('1 passed, 0 failed\n'));
  });
});
