import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import type { CompleteReply } from '../../src/session/types.js';
import { EXAMPLES } from '../../src/session/help.js';
import { value } from './helpers.js';

/** A complete_reply without its metadata. */
const where = ({ matches, cursor_start, cursor_end }: CompleteReply) => ({ matches, cursor_start, cursor_end });

describe('session: isComplete, complete, inspect', () => {
  let s: Session;
  before(async () => {
    s = new Session();
    await s.ready;
    await value(s, 'const myTensor = tf.constant([1, 2])\nconst myObj = { alpha: 1, beta: { gamma: 2 } }\nfunction myFn(a: number, b = 2) { return a + b }');
  });

  it('says incomplete for open brackets, templates, comments and a dangling operator, with an indent', () => {
    assert.deepEqual(s.isComplete('function f() {'), { status: 'incomplete', indent: '  ' });
    assert.deepEqual(s.isComplete('const a = [\n  [1, 2'), { status: 'incomplete', indent: '    ' });
    assert.equal(s.isComplete('const t = `a\nb').status, 'incomplete');
    assert.equal(s.isComplete('const t = `${[1, 2].map((x) => {').status, 'incomplete');
    assert.equal(s.isComplete('/* note').status, 'incomplete');
    assert.equal(s.isComplete('const x = 1 +').status, 'incomplete');
  });

  it('judges magics as IPython\'s terminal does: a line magic by its statement, a cell magic ends at an empty line', () => {
    assert.equal(s.isComplete('%time 1 + 1').status, 'complete');
    assert.equal(s.isComplete('!ls -l').status, 'complete');
    assert.equal(s.isComplete('%time f(').status, 'incomplete');
    assert.equal(s.isComplete('%%time').status, 'incomplete');
    assert.equal(s.isComplete('%%bash\nls').status, 'incomplete');
    assert.equal(s.isComplete('%%bash\nls\n').status, 'complete');
    assert.equal(s.isComplete('%nosuchmagic 1').status, 'invalid');
    assert.equal(s.isComplete('a %\n b').status, 'complete');
  });

  it('says complete for whole statements, including regex literals with brackets', () => {
    for (const code of ['1 + 1', 'function f() {\n  return 1\n}', 'const t = `a${1}b`', 'const r = /[(]/.test("(")', '', 'x[":", tf.newaxis]']) {
      assert.equal(s.isComplete(code).status, 'complete', code);
    }
  });

  it('says complete for IPython\'s `x?` and `x??`, which run as help (jupyter console must not wait for more)', () => {
    for (const code of ['jax.grad?', 'jax.grad??', 'myFn?', ' tf.reduce_sum ? ', 'np.linalg.solve?']) {
      assert.deepEqual(s.isComplete(code), { status: 'complete' }, code);
    }
    assert.equal(s.isComplete('const q = a ?').status, 'incomplete');
  });

  it('says invalid for unmatched closers and errors before the end', () => {
    assert.equal(s.isComplete('1 + )').status, 'invalid');
    assert.equal(s.isComplete('const = 5;\nfoo()').status, 'invalid');
    assert.equal(s.isComplete('"unterminated').status, 'invalid');
  });

  it('completes global names: earlier declarations, facades, builtins', () => {
    assert.deepEqual(where(s.complete('myT', 3)), { matches: ['myTensor'], cursor_start: 0, cursor_end: 3 });
    assert.ok(s.complete('di', 2).matches.includes('display'));
    assert.ok(s.complete('Ma', 2).matches.includes('Math'));
    assert.ok(s.complete('const q = 1; q', 14).matches.includes('q'));
  });

  it('completes members after a dot, at the cursor, in code points', () => {
    assert.deepEqual(where(s.complete('myObj.beta.g', 12)), { matches: ['gamma'], cursor_start: 11, cursor_end: 12 });
    const tf = s.complete('tf.reduce_s + 1', 11);
    assert.ok(tf.matches.includes('reduce_sum'));
    assert.equal(tf.cursor_start, 3);
    assert.ok(s.complete('myTensor.sh', 11).matches.includes('shape'));
    const emoji = s.complete('"😀"; myO', 8);
    assert.deepEqual(where(emoji), { matches: ['myObj'], cursor_start: 5, cursor_end: 8 });
  });

  it('completes members after a call: the library\'s tensor for op-table functions, TypeScript\'s types otherwise', async () => {
    // It used to offer global names (repr, require, return) here.
    assert.deepEqual(where(s.complete('tf.constant([1]).re', 19)), { matches: [], cursor_start: 17, cursor_end: 19 });
    assert.deepEqual(where(s.complete('tf.constant([1]).nu', 19)), { matches: ['numpy'], cursor_start: 17, cursor_end: 19 });
    // Jacobi's own bookkeeping is not offered; a PyTorch tensor's requires_grad is, a TensorFlow one's not.
    const tfMembers = s.complete('tf.constant([1]).', 17).matches;
    assert.ok(!tfMembers.some((m) => ['dims', 'dt', 'refresh', 'assignData', 'values', 'requires_grad'].includes(m)), tfMembers.join(' '));
    assert.ok(s.complete('torch.ones(2).req', 17).matches.includes('requires_grad'));
    assert.ok(s.complete('tf.constant([1]).', 17).matches.includes('numpy'));
    // A TensorFlow tensor has no .sum, a PyTorch one does, as in the libraries.
    assert.ok(!s.complete('tf.constant([1]).su', 19).matches.includes('sum'));
    assert.ok(s.complete('torch.sin(myTensor.numpy()).su', 30).matches.includes('sum'));
    assert.ok(s.complete('tf.constant([1]).numpy().su', 27).matches.includes('sum'));
    await value(s, 'function mk() { return { alpha: 1, beta: "x" } }\nclass Point { radius = 2; area() { return 3 } }');
    assert.deepEqual(where(s.complete('mk().', 5)), { matches: ['alpha', 'beta'], cursor_start: 5, cursor_end: 5 });
    assert.deepEqual(where(s.complete('const r = new Point().a', 23)), { matches: ['area'], cursor_start: 22, cursor_end: 23 });
    assert.deepEqual(where(s.complete('function g(abcd: number) { return ab', 36)).matches, ['abcd', 'abs']);
    assert.deepEqual(s.complete('1.', 2).matches, []);
  });

  it('gives each match its type in _jupyter_types_experimental', () => {
    const r = s.complete('mk', 2);
    assert.deepEqual(r.metadata?._jupyter_types_experimental, [{ start: 0, end: 2, text: 'mk', type: 'function' }]);
    const members = s.complete('myObj.', 6).metadata?._jupyter_types_experimental;
    assert.deepEqual(members, [{ start: 6, end: 6, text: 'alpha', type: 'instance' }, { start: 6, end: 6, text: 'beta', type: 'instance' }]);
    assert.deepEqual(s.complete('mk().al', 7).metadata?._jupyter_types_experimental, [{ start: 5, end: 7, text: 'alpha', type: 'property' }]);
  });

  it('inspects a facade function with its signature and doc, inside a call too', () => {
    const r = s.inspect('tf.reduce_sum(x, ', 17, 0);
    assert.equal(r.found, true);
    assert.match(String(r.data['text/plain']), /^Signature: tf\.reduce_sum\(input_tensor/);
    assert.match(String(s.inspect('tf.reduce_sum', 5, 0).data['text/plain']), /Signature: tf\.reduce_sum/);
  });

  it('documents an op-table function: signature, paragraph, every facade and method it has, a live example', () => {
    const text = String(s.inspect('jnp.sum', 4, 0).data['text/plain']);
    assert.equal(text, [
      'Signature: jnp.sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None, promote_integers=True)',
      'Docstring:',
      'Sum of array elements over a given axis.',
      '',
      'Facades:   np.sum, jnp.sum, torch.sum, tf.reduce_sum, tf.math.reduce_sum',
      'Methods:   np.ndarray.sum, jax.Array.sum, torch.Tensor.sum',
      'Example:',
      '    >>> jnp.sum(jnp.array([0.5, 1.5, 2.5]))',
      '    Array(4.5, dtype=float32)',
      'Type:      function',
    ].join('\n'));
    assert.match(String(s.inspect('np.linalg.solve(', 16, 0).data['text/plain']),
      /Example:\n {4}>>> np\.linalg\.solve\(np\.array\(\[\[4\.5, 1\.5\], \[1\.5, 2\.5\]\]\), np\.array\(\[1\.5, 0\.5\]\)\)\n {4}array\(\[0\.33333333, 0\. {8}\]\)/);
  });

  it('shows the transformations\' own examples, and each one gives what it says', async () => {
    assert.match(String(s.inspect('jax.grad', 8, 0).data['text/plain']), /\nExample:\n {4}>>> jax\.grad\(\(x\) => x \*\* 3\)\(2\.0\)\n {4}Array\(12\., dtype=float32, weak_type=True\)\nType: {6}function$/);
    for (const [name, transcript] of Object.entries(EXAMPLES)) {
      const fresh = new Session();
      await fresh.ready;
      assert.ok(String(fresh.inspect(name, name.length, 0).data['text/plain']).includes(transcript.split('\n')[0]!), name);
      // Each `>>>` line is a cell; the lines after the last one are its value.
      const lines = transcript.split('\n');
      const last = lines.map((l) => l.startsWith('>>> ')).lastIndexOf(true);
      for (const cell of lines.slice(0, last)) await value(fresh, cell.slice(4));
      assert.equal(await value(fresh, lines[last]!.slice(4)), lines.slice(last + 1).join('\n'), name);
    }
  });

  it('documents tensor methods from the op table, per the tensor\'s library', async () => {
    await value(s, 'const myArray = myTensor.numpy()');
    const text = String(s.inspect('myArray.sum', 11, 0).data['text/plain']);
    assert.match(text, /^Signature: np\.ndarray\.sum\(axis=None/);
    assert.match(text, /Facades: {3}np\.sum, jnp\.sum, torch\.sum, tf\.reduce_sum/);
    assert.match(text, /Example:\n {4}>>> const x = np\.array\(\[0\.5, 1\.5, 2\.5\]\)\n {4}>>> x\.sum\(\)\n {4}4\.5\n/);
  });

  it('inspects values by type and repr, and functions by signature (with source at level 1)', () => {
    assert.equal(s.inspect('myObj', 5, 0).data['text/plain'], "Type: Object\nRepr: {'alpha': 1, 'beta': {'gamma': 2}}");
    assert.match(String(s.inspect('myFn', 2, 0).data['text/plain']), /^Signature: myFn\(a, b = 2\)/);
    assert.match(String(s.inspect('myFn', 2, 1).data['text/plain']), /Source:\nfunction myFn/);
    assert.deepEqual(s.inspect('nothingHere', 3, 0), { found: false, data: {} });
  });
});
