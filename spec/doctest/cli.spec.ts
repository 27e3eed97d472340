import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../src/doctest/cli.js';
import { expandPaths, globToRegExp, PathError } from '../../src/doctest/files.js';

describe('doctest command line', () => {
  it('parses flags, tolerance, timeout and switches', () => {
    const o = parseArgs(['docs', '--flags', 'ELLIPSIS,-NORMALIZE_WHITESPACE', '--tolerance=1e-3', '--timeout', '5', '--fail-fast', '--accept', '--junit', 'out.xml', '--json']);
    assert.deepEqual(o.paths, ['docs']);
    assert.deepEqual(o.flags, { ELLIPSIS: true, NORMALIZE_WHITESPACE: false, TOLERANCE: { rtol: 1e-3, atol: 1e-8 } });
    assert.equal(o.timeoutSeconds, 5);
    assert.ok(o.failFast && o.accept && o.json);
    assert.equal(o.junit, 'out.xml');
    assert.deepEqual(parseArgs([]).paths, ['.']);
    assert.equal(parseArgs(['--setup', 'tf.random.set_seed(1)', 'p.md']).setup, 'tf.random.set_seed(1)');
  });

  it('rejects unknown options, unknown flags and bad values', () => {
    assert.throws(() => parseArgs(['--nope']), UsageError);
    assert.throws(() => parseArgs(['--flags', 'ELIPSIS']), UsageError);
    assert.throws(() => parseArgs(['--timeout', '0']), UsageError);
    assert.throws(() => parseArgs(['--junit']), UsageError);
  });

  it('recurses directories for .md, .ts and .ipynb, skipping node_modules, dist and .d.ts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctest-files-'));
    for (const d of ['docs/deep', 'node_modules/x', 'dist']) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ['docs/a.md', 'docs/deep/b.ts', 'docs/deep/b.d.ts', 'docs/c.ipynb', 'docs/d.txt', 'node_modules/x/e.md', 'dist/f.md']) writeFileSync(join(dir, f), '');
    assert.deepEqual(expandPaths([dir]).map((p) => p.slice(dir.length + 1)), ['docs/a.md', 'docs/c.ipynb', 'docs/deep/b.ts']);
    assert.deepEqual(expandPaths([join(dir, 'docs/**/*.{md,ts}')]).map((p) => p.slice(dir.length + 1)), ['docs/a.md', 'docs/deep/b.d.ts', 'docs/deep/b.ts']);
    assert.throws(() => expandPaths([join(dir, 'missing.md')]), PathError);
    assert.throws(() => expandPaths([join(dir, '*.nothing')]), PathError);
  });

  it('translates globs', () => {
    assert.ok(globToRegExp('spec/**/*.md').test('spec/a.md'));
    assert.ok(globToRegExp('spec/**/*.md').test('spec/x/y/a.md'));
    assert.ok(!globToRegExp('spec/*.md').test('spec/x/a.md'));
    assert.ok(globToRegExp('a?.md').test('ab.md'));
  });
});
