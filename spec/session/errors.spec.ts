import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../src/session/session.js';
import { stripAnsi } from '../../src/session/traceback.js';
import { errorOf, run, value } from './helpers.js';

/** The traceback as IPython's NoColor scheme would show it: one string. */
const plain = (traceback: string[]) => stripAnsi(traceback.join('\n'));
/** The `Cell In[n], line l` / `File ...` headers of a traceback's frames. */
const headers = (traceback: string[]) => traceback.map(stripAnsi).filter((l) => /^(Cell|File) /.test(l)).map((l) => l.split('\n')[0]);

describe('session: errors', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it('points a syntax error at the cell line and column with a caret', async () => {
    await run(s, '1');
    const e = errorOf((await run(s, 'const ok = 1\nconst xs = [1 2]')).outcome);
    assert.equal(e.ename, 'SyntaxError');
    assert.equal(e.evalue, "',' expected.");
    // As IPython 8 shows a SyntaxError: one block, coloured.
    assert.deepEqual(e.traceback, [
      '\x1b[1;36m  Cell \x1b[1;32mIn[2], line 2\x1b[1;36m\x1b[0m\n' +
      '\x1b[1;33m    const xs = [1 2]\x1b[0m\n' +
      '\x1b[1;37m                  ^\x1b[0m\n' +
      "\x1b[1;31mSyntaxError\x1b[0m\x1b[1;31m:\x1b[0m ',' expected.\n",
    ]);
  });

  it('names the error, its message and cell frames with the cell\'s own positions', async () => {
    await value(s, 'function inner(o: any) {\n  return o.a.b\n}');
    const e = errorOf((await run(s, 'const y = 1\n\n  inner({})')).outcome);
    assert.equal(e.ename, 'TypeError');
    assert.match(e.evalue, /Cannot read properties of undefined/);
    assert.deepEqual(headers(e.traceback), ['Cell In[2], line 3', 'Cell In[1], line 2, in inner']);
    assert.equal(stripAnsi(e.traceback[e.traceback.length - 1]!), `TypeError: ${e.evalue}`);
  });

  it('shows the traceback as IPython 8 does: coloured, outermost frame first, source lines with a caret', async () => {
    await value(s, 'function f(x) {\n  throw new Error("boom")\n}');
    const e = errorOf((await run(s, 'const y = 1\njax.grad(f)(1.0)')).outcome);
    assert.equal(e.ename, 'Error');
    assert.equal(e.evalue, 'boom');
    assert.deepEqual(e.traceback, [
      '\x1b[1;31m---------------------------------------------------------------------------\x1b[0m',
      '\x1b[1;31mError\x1b[0m                                     Traceback (most recent call last)',
      'Cell \x1b[1;32mIn[2], line 2\x1b[0m\n' +
      '\x1b[0;32m      1\x1b[0m const y = 1\n' +
      '\x1b[1;32m----> 2\x1b[0m jax.grad(f)(1.0)\n' +
      '                   ^\n',
      'Cell \x1b[1;32mIn[1], line 2\x1b[0m, in \x1b[0;36mf\x1b[0m\n' +
      '\x1b[0;32m      1\x1b[0m function f(x) {\n' +
      '\x1b[1;32m----> 2\x1b[0m   throw new Error("boom")\n' +
      '                ^\n' +
      '\x1b[0;32m      3\x1b[0m }\n',
      '\x1b[1;31mError\x1b[0m: boom',
    ]);
  });

  it('keeps every user frame however deep the runtime\'s own frames are (jax.grad inside jax.grad)', async () => {
    await value(s, 'function g(x) {\n  return x.nope.more\n}\nfunction h(x) {\n  return jax.grad(g)(x)\n}');
    const e = errorOf((await run(s, 'jax.grad(h)(1.0)')).outcome);
    assert.deepEqual(headers(e.traceback), ['Cell In[2], line 1', 'Cell In[1], line 5, in h', 'Cell In[1], line 2, in g']);
    assert.ok(!/dist\/|node:/.test(plain(e.traceback)), plain(e.traceback));
  });

  it('shows a frame of a user module as `File path:line, in name` with its source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jacobi-tb-'));
    const file = join(dir, 'm.cjs');
    writeFileSync(file, 'exports.thrower = function thrower(x) {\n  if (x > 0) {\n    throw new RangeError("too big: " + x)\n  }\n  return x\n}\n');
    try {
      await value(s, `const { thrower } = require(${JSON.stringify(file)})`);
      const e = errorOf((await run(s, 'thrower(3)')).outcome);
      assert.deepEqual(headers(e.traceback), ['Cell In[2], line 1', `File ${file}:3, in thrower`]);
      assert.match(plain(e.traceback), /----> 3 {5}throw new RangeError\("too big: " \+ x\)\n {18}\^\n {6}4 {3}\}\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an anonymous function\'s frame <lambda>, as IPython names a lambda\'s', async () => {
    const e = errorOf((await run(s, 'jax.grad((x) => {\n  throw new TypeError("inside")\n})(1.0)')).outcome);
    assert.deepEqual(headers(e.traceback), ['Cell In[1], line 3', 'Cell In[1], line 2, in <lambda>']);
  });

  it('shows a deep recursion once, with how often its frame repeated', async () => {
    await value(s, 'function down(n: number): number {\n  return down(n + 1)\n}');
    const e = errorOf((await run(s, 'down(0)')).outcome);
    assert.equal(e.ename, 'RangeError');
    const text = plain(e.traceback);
    assert.match(text, /\[\.\.\. skipping similar frames: down at line 2 \(\d+ times\)\]/);
    assert.ok(text.split('\n').length < 40, text);
  });

  it('maps positions after TypeScript-only syntax and rewritten operators', async () => {
    const e = errorOf((await run(s, 'interface I { a: number }\nconst t: I = { a: 1 } as I\nconst z = t.a + 2 * missing')).outcome);
    assert.equal(e.ename, 'ReferenceError');
    assert.deepEqual(headers(e.traceback), ['Cell In[1], line 3']);
    assert.match(plain(e.traceback), /----> 3 const z = t\.a \+ 2 \* missing\n {28}\^/);
  });

  it('trims the runtime\'s and Node\'s frames', async () => {
    const e = errorOf((await run(s, 'const a = tf.constant([1, 2])\nconst b = tf.constant([1, 2, 3])\n\na + b')).outcome);
    assert.equal(e.ename, 'InvalidArgumentError');
    assert.match(e.evalue, /Incompatible shapes/);
    assert.deepEqual(headers(e.traceback), ['Cell In[1], line 4']);
    assert.ok(e.traceback.every((l) => !/node:|dist\//.test(l)));
  });

  it('reports errors of an awaited cell with cell positions', async () => {
    const e = errorOf((await run(s, 'await null\nthrow new RangeError("late")')).outcome);
    assert.equal(e.ename, 'RangeError');
    assert.equal(e.evalue, 'late');
    assert.match(plain(e.traceback), /Cell In\[1\], line 2\n      1 await null\n----> 2 throw new RangeError\("late"\)\n {14}\^/);
  });

  it('reports a thrown non-error value', async () => {
    const e = errorOf((await run(s, 'throw { code: 3 }')).outcome);
    assert.equal(e.ename, 'Uncaught');
    assert.match(e.evalue, /code/);
  });
});
