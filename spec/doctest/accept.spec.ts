import assert from 'node:assert/strict';
import { acceptCells, acceptTranscripts } from '../../src/doctest/accept.js';
import { parseDocComments } from '../../src/doctest/doccomment.js';
import { markBlankLines } from '../../src/doctest/judge.js';
import { parseMarkdown } from '../../src/doctest/markdown.js';
import { parseNotebook } from '../../src/doctest/notebook.js';
import type { CellExample, Output } from '../../src/doctest/types.js';

describe('doctest --accept rewriting', () => {
  const markdown = [
    'Intro with trailing spaces   ',
    '',
    '```ts',
    '>>> f()',
    'old',
    'output',
    '>>> g()',
    '>>> h()',
    '  keep',
    '```',
    'tail without newline',
  ].join('\r\n');

  it('replaces only the expected-output lines in Markdown, keeping CRLF and every other byte', () => {
    const [f, g, h] = parseMarkdown(markdown).examples;
    const out = acceptTranscripts(markdown, [
      { example: f!, text: 'new\n' },
      { example: g!, text: markBlankLines('a\n\nb\n') },
    ]);
    assert.equal(out, [
      'Intro with trailing spaces   ', '', '```ts', '>>> f()', 'new', '>>> g()', 'a', '<BLANKLINE>', 'b', '>>> h()', '  keep', '```', 'tail without newline',
    ].join('\r\n'));
    // Reading the result back gives the accepted outputs and leaves the untouched example alone.
    const again = parseMarkdown(out).examples;
    assert.deepEqual(again.map((e) => e.want), ['new\n', 'a\n<BLANKLINE>\nb\n', h!.want]);
  });

  it('can empty an expected output, and leaves the file unchanged when there is nothing to fix', () => {
    const [f] = parseMarkdown(markdown).examples;
    assert.equal(acceptTranscripts(markdown, [{ example: f!, text: '' }]), markdown.replace('old\r\noutput\r\n', ''));
    assert.equal(acceptTranscripts(markdown, []), markdown);
  });

  it('writes doc-comment outputs back behind the comment prefix', () => {
    const src = '/**\n * @example\n *   >>> f()\n *   1\n */\nexport const f = () => 2;\n';
    const [ex] = parseDocComments(src);
    const out = acceptTranscripts(src, [{ example: ex!, text: '2\n3\n' }]);
    assert.equal(out, '/**\n * @example\n *   >>> f()\n *   2\n *   3\n */\nexport const f = () => 2;\n');
    assert.deepEqual(parseDocComments(out).map((e) => e.want), ['2\n3\n']);
  });

  it('replaces one notebook cell\'s outputs in nbformat style and keeps the rest of the JSON byte for byte', () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'code', execution_count: 3, metadata: { tags: ['x'] }, outputs: [{ name: 'stdout', output_type: 'stream', text: ['old\n'] }], source: ['print("new")'] },
        { cell_type: 'code', execution_count: 4, metadata: {}, outputs: [], source: ['1'] },
      ],
      metadata: { kernelspec: { display_name: 'Jacobi', language: 'typescript', name: 'jacobi' } },
      nbformat: 4,
      nbformat_minor: 5,
    }, null, 1) + '\n';
    const outputs: Output[] = [
      { output_type: 'stream', name: 'stdout', text: 'new\nline\n' },
      { output_type: 'execute_result', data: { 'text/plain': '1', 'text/html': '<b>1</b>' } },
    ];
    const out = acceptCells(nb, [{ cellIndex: 0, outputs }]);
    const before = nb.slice(0, nb.indexOf('"outputs"'));
    const after = nb.slice(nb.indexOf('"source"'));
    assert.ok(out.startsWith(before));
    assert.ok(out.endsWith(after));
    assert.ok(out.includes('   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n     "text": [\n      "new\\n",\n      "line\\n"\n     ]\n    },'));
    const cell = (parseNotebook(out)!.examples as CellExample[])[0]!;
    assert.deepEqual(cell.outputs, [outputs[0], { output_type: 'execute_result', data: { 'text/html': '<b>1</b>', 'text/plain': '1' } }]);
    assert.equal((JSON.parse(out).cells[0].outputs[1] as { execution_count: number }).execution_count, 3);
  });
});
