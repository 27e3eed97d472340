import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { value } from './helpers.js';

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

  it('says complete for whole statements, including regex literals with brackets', () => {
    for (const code of ['1 + 1', 'function f() {\n  return 1\n}', 'const t = `a${1}b`', 'const r = /[(]/.test("(")', '', 'x[":", tf.newaxis]']) {
      assert.equal(s.isComplete(code).status, 'complete', code);
    }
  });

  it('says invalid for unmatched closers and errors before the end', () => {
    assert.equal(s.isComplete('1 + )').status, 'invalid');
    assert.equal(s.isComplete('const = 5;\nfoo()').status, 'invalid');
    assert.equal(s.isComplete('"unterminated').status, 'invalid');
  });

  it('completes global names: earlier declarations, facades, builtins', () => {
    assert.deepEqual(s.complete('myT', 3), { matches: ['myTensor'], cursor_start: 0, cursor_end: 3 });
    assert.ok(s.complete('di', 2).matches.includes('display'));
    assert.ok(s.complete('Ma', 2).matches.includes('Math'));
    assert.ok(s.complete('const q = 1; q', 14).matches.includes('q'));
  });

  it('completes members after a dot, at the cursor, in code points', () => {
    assert.deepEqual(s.complete('myObj.beta.g', 12), { matches: ['gamma'], cursor_start: 11, cursor_end: 12 });
    const tf = s.complete('tf.reduce_s + 1', 11);
    assert.ok(tf.matches.includes('reduce_sum'));
    assert.equal(tf.cursor_start, 3);
    assert.ok(s.complete('myTensor.sh', 11).matches.includes('shape'));
    const emoji = s.complete('"😀"; myO', 8);
    assert.deepEqual(emoji, { matches: ['myObj'], cursor_start: 5, cursor_end: 8 });
  });

  it('inspects a facade function with its signature and doc, inside a call too', () => {
    const r = s.inspect('tf.reduce_sum(x, ', 17, 0);
    assert.equal(r.found, true);
    assert.match(String(r.data['text/plain']), /^Signature: tf\.reduce_sum\(input_tensor/);
    assert.match(String(s.inspect('tf.reduce_sum', 5, 0).data['text/plain']), /Signature: tf\.reduce_sum/);
  });

  it('inspects values by type and repr, and functions by signature (with source at level 1)', () => {
    assert.equal(s.inspect('myObj', 5, 0).data['text/plain'], "Type: Object\nRepr: {'alpha': 1, 'beta': {'gamma': 2}}");
    assert.match(String(s.inspect('myFn', 2, 0).data['text/plain']), /^Signature: myFn\(a, b = 2\)/);
    assert.match(String(s.inspect('myFn', 2, 1).data['text/plain']), /Source:\nfunction myFn/);
    assert.deepEqual(s.inspect('nothingHere', 3, 0), { found: false, data: {} });
  });
});
