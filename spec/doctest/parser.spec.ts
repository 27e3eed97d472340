import assert from 'node:assert/strict';
import { parseDocComments } from '../../src/doctest/doccomment.js';
import { parseMarkdown } from '../../src/doctest/markdown.js';
import { parseNotebook } from '../../src/doctest/notebook.js';
import { ParseError } from '../../src/doctest/transcript.js';
import type { CellExample } from '../../src/doctest/types.js';

const md = (...lines: string[]) => lines.join('\n') + '\n';

describe('doctest parser: Markdown', () => {
  it('reads prompts, continuation lines and expected output up to a blank line or the next prompt', () => {
    const { examples } = parseMarkdown(md(
      '# Title', '', '```ts',
      '>>> const x = 1', '>>> function f(a: number) {', '...   return a + 1', '... }',
      '>>> f(x)', '2', '>>> [1,', '...  2]', '[1, 2]', 'more', '', 'ignored prose line', '```',
    ));
    assert.deepEqual(examples.map((e) => [e.source, e.want, e.line]), [
      ['const x = 1', '', 4],
      ['function f(a: number) {\n  return a + 1\n}', '', 5],
      ['f(x)', '2\n', 8],
      ['[1,\n 2]', '[1, 2]\nmore\n', 10],
    ]);
    const last = examples[3]!;
    assert.equal(last.wantStart, 11);
    assert.equal(last.wantEnd, 13);
  });

  it('only reads ts and typescript fences, and keeps <BLANKLINE> for the checker', () => {
    const { examples } = parseMarkdown(md(
      '```js', '>>> 1', '1', '```', '```typescript', '>>> print("a\\n\\nb")', 'a', '<BLANKLINE>', 'b', '```',
      '~~~~ts', '>>> 3', '3', '~~~~',
    ));
    assert.deepEqual(examples.map((e) => e.source), ['print("a\\n\\nb")', '3']);
    assert.equal(examples[0]!.want, 'a\n<BLANKLINE>\nb\n');
  });

  it('strips the prompt indent from output and keeps it as the rewrite prefix', () => {
    const { examples } = parseMarkdown(md('```ts', '  >>> 1 + 1', '  2', '```'));
    assert.equal(examples[0]!.want, '2\n');
    assert.equal(examples[0]!.prefix, '  ');
  });

  it('reads inline directives on the example and file-level directives in HTML comments', () => {
    const { examples, flags } = parseMarkdown(md(
      '<!-- doctest: +NORMALIZE_WHITESPACE, +TOLERANCE(rtol=1e-3) -->', '```ts',
      '>>> x  // doctest: +ELLIPSIS -NORMALIZE_WHITESPACE', '...', '>>> y // doctest: +SKIP', '```',
    ));
    assert.deepEqual(flags, { NORMALIZE_WHITESPACE: true, TOLERANCE: { rtol: 1e-3, atol: 1e-8 } });
    assert.deepEqual(examples[0]!.flags, { ELLIPSIS: true, NORMALIZE_WHITESPACE: false });
    assert.deepEqual(examples[1]!.flags, { SKIP: true });
  });

  it('rejects unknown flags and a prompt without a blank, naming the line', () => {
    assert.throws(() => parseMarkdown(md('```ts', '>>> 1 // doctest: +ELIPSIS', '```')), (e: unknown) => e instanceof ParseError && e.line === 2 && /ELIPSIS/.test(e.message));
    assert.throws(() => parseMarkdown(md('```ts', '>>>1', '```')), (e: unknown) => e instanceof ParseError && e.line === 2);
  });

  it('keeps CRLF files on the same line numbers', () => {
    const { examples } = parseMarkdown('```ts\r\n>>> 1\r\n1\r\n```\r\n');
    assert.equal(examples[0]!.want, '1\n');
    assert.equal(examples[0]!.line, 2);
  });
});

describe('doctest parser: doc comments', () => {
  const src = [
    '/**',
    ' * Adds one.',
    ' *',
    ' * @example',
    ' * >>> addOne(1)',
    ' * 2',
    ' * >>> addOne(2) // doctest: +SKIP',
    ' * 3',
    ' * @param x a number',
    ' */',
    'export function addOne(x: number) { return x + 1; }',
    '/** no examples here: >>> 5 */',
    '  /**',
    '   * @example Fenced',
    '   * ```ts',
    '   * >>> [1, 2]',
    '   * [1, 2]',
    '   * ```',
    '   */',
  ].join('\n');

  it('reads @example blocks, strips the leading " * ", and ends a block at the next tag', () => {
    const ex = parseDocComments(src);
    assert.deepEqual(ex.map((e) => [e.source, e.want, e.line]), [
      ['addOne(1)', '2\n', 5],
      ['addOne(2) // doctest: +SKIP', '3\n', 7],
      ['[1, 2]', '[1, 2]\n', 16],
    ]);
    assert.equal(ex[0]!.prefix, ' * ');
    assert.equal(ex[2]!.prefix, '   * ');
    assert.deepEqual(ex[1]!.flags, { SKIP: true });
  });
});

describe('doctest parser: notebooks', () => {
  const nb = (cells: unknown[], kernel = 'jacobi', metadata: Record<string, unknown> = {}) =>
    JSON.stringify({ cells, metadata: { kernelspec: { name: kernel, display_name: 'Jacobi', language: 'typescript' }, ...metadata }, nbformat: 4, nbformat_minor: 5 }, null, 1);

  it('takes code cells with their stored outputs, joined from line lists', () => {
    const text = nb([
      { cell_type: 'markdown', metadata: {}, source: ['# hi'] },
      { cell_type: 'code', execution_count: 1, metadata: {}, source: ['print("a")\n', '1 + 1'], outputs: [
        { output_type: 'stream', name: 'stdout', text: ['a\n'] },
        { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': ['2'] } },
      ] },
      { cell_type: 'code', execution_count: 2, metadata: { tags: ['doctest-raises'] }, source: '// doctest: +IGNORE_OUTPUT\nthrow 1', outputs: [
        { output_type: 'error', ename: 'Error', evalue: 'x', traceback: [] },
      ] },
    ]);
    const parsed = parseNotebook(text)!;
    const cells = parsed.examples as CellExample[];
    assert.equal(cells.length, 2);
    assert.equal(cells[0]!.source, 'print("a")\n1 + 1');
    assert.equal(cells[0]!.cellIndex, 1);
    assert.deepEqual(cells[0]!.outputs, [
      { output_type: 'stream', name: 'stdout', text: 'a\n' },
      { output_type: 'execute_result', data: { 'text/plain': '2' } },
    ]);
    assert.deepEqual(cells[1]!.flags, { RAISES: true, IGNORE_OUTPUT: true });
    assert.equal(text.split('\n')[cells[1]!.line - 1]!.trim(), '{');
  });

  it('ignores notebooks for other kernels and reads notebook-level flags', () => {
    assert.equal(parseNotebook(nb([], 'python3')), null);
    assert.deepEqual(parseNotebook(nb([], 'jacobi', { doctest: '+TOLERANCE(atol=0.1)' }))!.flags, { TOLERANCE: { rtol: 1e-5, atol: 0.1 } });
  });
});

