import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { errorOf, run, value } from './helpers.js';

describe('session: cells', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it('gives the last expression statement as the value, in Python repr', async () => {
    assert.equal(await value(s, '1 + 1'), '2');
    assert.equal(await value(s, '"a" + "b"'), "'ab'");
    assert.equal(await value(s, '[1, 2].map((v) => v * 2)'), '[2, 4]');
  });

  it('has no value after a declaration, a trailing empty statement, or undefined', async () => {
    assert.equal(await value(s, 'const a = 1'), undefined);
    assert.equal(await value(s, '1 + 1;;'), undefined);
    assert.equal(await value(s, 'undefined'), undefined);
    assert.equal(await value(s, 'function f() {}'), undefined);
  });

  it('keeps const, let, var, function, class and enum across cells', async () => {
    await value(s, 'const a = 2; let b = 3; var c = 4;\nfunction f(x: number) { return x * a }\nclass C { v = b }\nenum E { X, Y }');
    assert.equal(await value(s, 'f(5) + new C().v + c + E.Y'), '18');
  });

  it('lets a later cell redeclare a name, with a new kind or type', async () => {
    await value(s, 'const x = 1');
    await value(s, 'let x = "two"');
    assert.equal(await value(s, 'x'), "'two'");
    await value(s, 'function x() { return 3 }');
    assert.equal(await value(s, 'x()'), '3');
    await value(s, 'class x { static k = 4 }');
    assert.equal(await value(s, 'x.k'), '4');
  });

  it('disposes a top-level `using` at the end of its cell and keeps the name, like Python `with ... as`', async () => {
    await value(s, 'const v = tf.Variable([1., 2.])');
    await value(s, 'using acc = new tf.autodiff.ForwardAccumulator(v, tf.constant([1., 0.])); const y = tf.reduce_sum(v ** 3.)');
    assert.equal(await value(s, 'acc.jvp(y)'), '<tf.Tensor: shape=(), dtype=float32, numpy=3.0>');
    // The context has ended: ops in later cells get no JVP.
    // (None, as IPython shows it: nothing)
    assert.equal(await value(s, 'acc.jvp(v ** 2)'), undefined);
    assert.equal(await value(s, 'acc.jvp(v ** 2) === null'), 'True');
  });

  it('shares state between functions of different cells', async () => {
    await value(s, 'let count = 0\nfunction inc() { count++ }');
    await value(s, 'inc(); inc()');
    assert.equal(await value(s, 'count'), '2');
  });

  it('hoists functions within a cell', async () => {
    assert.equal(await value(s, 'g()\nfunction g() { return 7 }'), undefined);
    assert.equal(await value(s, 'const r = g()\nfunction g() { return 7 }\nr'), '7');
  });

  it('destructures into globals', async () => {
    await value(s, 'const [p, { q, r: [t = 9] }, ...rest] = [1, { q: 2, r: [] }, 3, 4]');
    assert.equal(await value(s, '[p, q, t, rest]'), '[1, 2, 9, [3, 4]]');
  });

  it('supports top-level await and awaits a returned promise', async () => {
    assert.equal(await value(s, 'const v = await new Promise((r) => setTimeout(r, 5, 41)); v + 1'), '42');
    assert.equal(await value(s, 'v'), '41');
    assert.equal(await value(s, 'Promise.resolve("done")'), "'done'");
    assert.equal(await value(s, 'for await (const z of [Promise.resolve(1)]) print(z)'), undefined);
  });

  it('disposes `using` declarations at the end of the cell, after computing its value', async () => {
    await value(s, 'const log: string[] = []\nconst res = (n: string) => ({ [Symbol.dispose]() { log.push(n) } })');
    const r = await run(s, 'using a = res("a")\nusing b = res("b")\nlog.length');
    assert.equal(r.plain, '0');
    assert.equal(await value(s, 'log'), "['b', 'a']");
  });

  it('imports jacobi, Node builtins and installed packages, and the bindings persist', async () => {
    await value(s, 'import { join } from "node:path"\nimport * as jacobi from "jacobi"\nimport { sqrt } from "mathjs"');
    assert.equal(await value(s, 'join("a", "b")'), "'a/b'");
    assert.equal(await value(s, 'sqrt(16)'), '4');
    assert.equal(await value(s, 'typeof jacobi'), "'object'");
  });

  it('strips types, interfaces and type-only imports', async () => {
    assert.equal(await value(s, 'interface P { x: number }\ntype Q = P[]\nimport type { Session } from "jacobi"\nconst ps: Q = [{ x: 1 }]\nps[0]!.x as number'), '1');
  });

  it('numbers executions, not counting silent or empty ones', async () => {
    assert.equal(s.executionCount, 1);
    const first = await run(s, '1');
    assert.equal(first.outcome.executionCount, 1);
    const silent = await s.execute('2', { stream() {}, display() {}, clearOutput() {} }, { silent: true });
    assert.equal(silent.status === 'ok' && silent.result, undefined);
    await run(s, '   ');
    const failed = await run(s, 'throw new Error("x")');
    assert.equal(failed.outcome.executionCount, 2);
    assert.equal(s.executionCount, 3);
  });

  it('sets _ to the last value', async () => {
    await value(s, '6 * 7');
    assert.equal(await value(s, '_'), '42');
  });

  it('keeps earlier bindings after an error, and the error cell\'s bindings up to the throw', async () => {
    await value(s, 'const kept = 1');
    errorOf((await run(s, 'const partial = 2\nnull.boom\nconst never = 3')).outcome);
    assert.equal(await value(s, '[kept, partial]'), '[1, 2]');
  });

  it('evaluates user expressions', async () => {
    await value(s, 'const w = 5');
    const r = await s.evaluateExpressions({ a: 'w * 2', b: 'nope.x' });
    assert.deepEqual(r.a, { status: 'ok', data: { 'text/plain': '10' }, metadata: {} });
    assert.equal(r.b?.status, 'error');
  });

  it('keeps two sessions apart', async () => {
    const other = new Session();
    await other.ready;
    await value(s, 'const mine = 1');
    assert.equal(errorOf((await run(other, 'mine')).outcome).ename, 'ReferenceError');
  });
});
