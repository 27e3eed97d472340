// The Python session behind the kernel, the REPL and the doctest runner: results and printing,
// tracebacks that show the user's lines, syntax errors, completion, inspection, is_complete,
// display, execution counts, user expressions, and doctest's single mode.
import assert from 'node:assert/strict';
import { LOAD_TIMEOUT, Py } from './helpers.js';

describe('Python cells: the session', function () {
  this.timeout(LOAD_TIMEOUT);
  const py = new Py();

  before(async () => {
    await py.ok('import torch');
  });

  it('the last expression is the result; statements and a trailing semicolon show nothing', async () => {
    const r = await py.ok('a = 2\nb = 3\na * b');
    assert.equal(r.plain, '6');
    assert.equal((await py.ok('c = a + b')).plain, undefined);
    assert.equal((await py.ok('a * b;')).plain, undefined);
    assert.equal((await py.ok('None')).plain, undefined);
    assert.equal(await py.repr('_'), '6');
    assert.equal(await py.repr("{'k': (1, 2.5), 'z': [None, True]}"), "{'k': (1, 2.5), 'z': [None, True]}");
  });

  it('a result is displayed as IPython displays it: long tuples and lists one element per line', async () => {
    const r = await py.ok('import jax.numpy as jnp\nx = jnp.arange(4.0)\n(x * 0.1, x + 1.5)');
    assert.equal(r.plain, '(Array([0. , 0.1, 0.2, 0.3], dtype=float32),\n Array([1.5, 2.5, 3.5, 4.5], dtype=float32))');
    assert.equal(await py.repr('[1, 2.5, "s", None, {1: (2,)}]'), "[1, 2.5, 's', None, {1: (2,)}]");
    assert.equal(await py.repr('cyclic = [1]\ncyclic.append(cyclic)\ncyclic'), '[1, [...]]');
  });

  it('a tensor result has text/plain and text/html', async () => {
    const r = await py.ok('torch.tensor([1.0, 2.0])');
    assert.equal(r.plain, 'tensor([1., 2.])');
    assert.ok(r.html && r.html.length > 0);
  });

  it('errors are Python tracebacks of the user\'s lines, without Jacobi\'s or JavaScript\'s frames', async () => {
    await py.ok('def inner(v):\n    return v[10]\ndef outer(v):\n    return inner(v) + 1');
    const r = await py.run('values = [1, 2]\nouter(values)');
    assert.equal(r.outcome.status, 'error');
    if (r.outcome.status !== 'error') return;
    assert.equal(r.outcome.ename, 'IndexError');
    assert.equal(r.outcome.evalue, 'list index out of range');
    const tb = r.outcome.traceback.join('\n');
    assert.match(tb, /^Traceback \(most recent call last\):/);
    assert.match(tb, /File "<cell\[\d+\]>", line 2, in <module>\n    outer\(values\)/);
    assert.match(tb, /line 4, in outer\n    return inner\(v\) \+ 1/);
    assert.match(tb, /line 2, in inner\n    return v\[10\]/);
    assert.match(tb, /IndexError: list index out of range$/);
    const lib = await py.run('torch.ones(2) @ torch.ones(3)');
    assert.equal(lib.outcome.status, 'error');
    if (lib.outcome.status === 'error') assert.doesNotMatch(lib.outcome.traceback.join('\n'), /_jacobi|\.js|file:/);
  });

  it('syntax errors point at the line', async () => {
    const r = await py.run('x = 1\ny = = 2');
    assert.equal(r.outcome.status, 'error');
    if (r.outcome.status !== 'error') return;
    assert.equal(r.outcome.ename, 'SyntaxError');
    assert.equal(r.outcome.evalue, 'invalid syntax');
    assert.match(r.outcome.traceback.join('\n'), /File "<cell\[\d+\]>", line 2\n\s+y = = 2\n\s+\^/);
  });

  it('stdout and stderr stream as they are written; print keeps sep and end', async () => {
    const r = await py.ok('import sys\nprint("a", "b", sep="-", end="!\\n")\nprint("warn", file=sys.stderr)\nsys.stdout.write("raw")');
    assert.equal(r.stdout, 'a-b!\nraw');
    assert.equal(r.stderr, 'warn\n');
  });

  it('display() and IPython.display send display_data; classes with _repr_html_ render', async () => {
    const r = await py.ok('from IPython.display import display, HTML, Markdown\nclass Card:\n    def _repr_html_(self):\n        return "<i>card</i>"\ndisplay(HTML("<b>x</b>"), Markdown("*m*"))\ndisplay(torch.tensor([1.0]))\nCard()');
    const shown = r.sink.events.filter((e) => e.kind === 'display').map((e) => (e as { data: Record<string, unknown> }).data);
    assert.equal(shown[0]!['text/html'], '<b>x</b>');
    assert.equal(shown[1]!['text/markdown'], '*m*');
    assert.equal(shown[2]!['text/plain'], 'tensor([1.])');
    assert.equal(r.html, '<i>card</i>');
    assert.match(r.plain!, /<__main__\.Card object at 0x[0-9a-f]+>/);
  });

  it('is_complete: Python\'s own compiler decides, blocks continue until a blank line', () => {
    const s = py.session;
    assert.deepEqual(s.isComplete('x = 1'), { status: 'complete' });
    assert.deepEqual(s.isComplete('for i in range(3):'), { status: 'incomplete', indent: '    ' });
    assert.deepEqual(s.isComplete('for i in range(3):\n    print(i)'), { status: 'incomplete', indent: '    ' });
    assert.deepEqual(s.isComplete('for i in range(3):\n    print(i)\n'), { status: 'complete' });
    assert.deepEqual(s.isComplete('x = (1,'), { status: 'incomplete', indent: '' });
    assert.deepEqual(s.isComplete('x = 1)'), { status: 'invalid' });
  });

  it('complete: names of the namespace, of modules, and attributes of the wrapped facades', async () => {
    await py.ok('import tensorflow as tf\nmy_variable = 1');
    const s = py.session;
    assert.ok(s.complete('my_v', 4).matches.includes('my_variable'));
    const dotted = s.complete('tf.reduce_s', 11);
    assert.ok(dotted.matches.includes('reduce_sum'), String(dotted.matches));
    assert.equal(dotted.cursor_start, 3);
    assert.ok(s.complete('torch.autograd.functional.j', 27).matches.includes('jacobian'));
    assert.ok(s.complete('import tens', 11).matches.includes('tensorflow'));
    assert.ok(s.complete('from torch import ten', 21).matches.includes('tensor'));
  });

  it('inspect and name?: signature and documentation of facade functions and Python objects', async () => {
    const s = py.session;
    const doc = s.inspect('tf.reduce_sum(', 14, 0);
    assert.ok(doc.found);
    assert.match(String(doc.data['text/plain']), /^Signature: tf\.reduce_sum\(input_tensor, axis=None, keepdims=False, name=None\)/);
    await py.ok('def documented(a, b=2):\n    """Adds."""\n    return a + b');
    assert.match(String(s.inspect('documented', 3, 0).data['text/plain']), /Signature: documented\(a, b=2\)\nDocstring:\nAdds\./);
    assert.equal(s.inspect('no_such_thing', 3, 0).found, false);
    const page = await py.ok('tf.reduce_sum?');
    assert.equal(page.outcome.status === 'ok' && page.outcome.payload[0]?.source, 'page');
    assert.match(await py.print('import inspect\nprint(inspect.signature(tf.reduce_sum))'), /^\(input_tensor, axis=None, keepdims=False, name=None\)/);
  });

  it("IPython's common line magics: %matplotlib is accepted, %time and %timeit time, others say they are missing", async () => {
    const r = await py.ok('%matplotlib inline\nvalue = 6\n%time doubled = value * 2\n%timeit value + 1\ndoubled');
    assert.equal(r.plain, '12');
    assert.match(r.stdout, /^Wall time: [\d.]+ \S?s\n[\d.]+ \S?s ± [\d.]+ \S?s per loop \(mean ± std\. dev\. of 7 runs, [\d,]+ loops? each\)\n$/);
    assert.equal(await py.raises('%nonsense'), 'UsageError: Line magic function `%nonsense` not found.');
    assert.match(await py.raises('!ls'), /^UsageError: shell commands/);
  });

  it('silent cells do not count; user expressions are evaluated after the cell', async () => {
    const s = py.session;
    const before = s.executionCount;
    await s.execute('hidden = 41', { stream() {}, display() {}, clearOutput() {} }, { silent: true });
    assert.equal(s.executionCount, before);
    const exprs = await s.evaluateExpressions({ a: 'hidden + 1', b: '1 / 0' });
    assert.deepEqual(exprs.a, { status: 'ok', data: { 'text/plain': '42' }, metadata: {} });
    assert.equal(exprs.b!.status, 'error');
  });

  it("doctest's single mode prints each expression statement's value, as Python's doctest does", async () => {
    const doc = new Py({ mode: 'single' });
    assert.equal(await doc.print('1 + 1'), '2\n');
    assert.equal(await doc.print('for i in range(2): i'), '0\n1\n');
    assert.equal(await doc.print('None'), '');
    assert.match(await doc.raises('a = 1; b = 2\nc = 3'), /^SyntaxError: multiple statements found/);
  });
});
