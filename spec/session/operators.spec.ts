import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { compileCell } from '../../src/session/compile.js';
import { loadTypeScript } from '../../src/session/typescript.js';
import { errorOf, run, value } from './helpers.js';

/** The compiled body of a cell, without TypeScript's helpers. */
function body(code: string): string {
  const js = compileCell(code).js;
  return js.slice(js.lastIndexOf('(() => {')).replace(/\s+/g, ' ');
}

describe('session: operators and indexing', () => {
  before(async () => {
    await loadTypeScript();
  });

  describe('the rewrite', () => {
    it('turns arithmetic, comparisons and unary minus into operator calls', () => {
      assert.match(body('a + b'), /__jacobi\.binary\("\+", a, b\)/);
      assert.match(body('x[0] ** 6 * x[1] ** 4'),
        /__jacobi\.binary\("\*", __jacobi\.binary\("\*\*", __jacobi\.getItem\(x, 0\), 6\), __jacobi\.binary\("\*\*", __jacobi\.getItem\(x, 1\), 4\)\)/);
      for (const op of ['-', '*', '/', '%', '<', '<=', '>', '>=']) assert.match(body(`p ${op} q`), new RegExp(`binary\\("${op.replace(/[*]/g, '\\*')}", p, q\\)`));
      assert.match(body('-a'), /__jacobi\.unary\("-", a\)/);
    });

    it('gives equality, &&, || and ! Python\'s meaning (elementwise ==, truth), and leaves literals-only arithmetic and string concatenation alone', () => {
      assert.match(body('a === b && c == d || !e'),
        /return __jacobi\.or\(__jacobi\.and\(__jacobi\.eq\(a, b, true, false\), \(\) => __jacobi\.eq\(c, d, false, false\)\), \(\) => !__jacobi\.truth\(e\)\);/);
      assert.match(body('if (t) 1'), /if \(__jacobi\.truth\(t\)\) 1;/);
      assert.match(body('x = 2.0'), /x = __jacobi\.float\(2\);/);
      assert.match(body('1 + 2 * -3'), /return 1 \+ 2 \* -3;/);
      assert.match(body('"loss: " + loss'), /return "loss: " \+ loss;/);
      assert.match(body('i++'), /return i\+\+;/);
    });

    it('indexes with getItem, the comma form giving several axes', () => {
      assert.match(body('x[-1]'), /__jacobi\.getItem\(x, -1\)/);
      assert.match(body('tf.stack(k)[":", tf.newaxis]'), /__jacobi\.getItem\(tf\.stack\(k\), ":", tf\.newaxis\)/);
      assert.match(body('x["1:", "::-1"]'), /__jacobi\.getItem\(x, "1:", "::-1"\)/);
    });

    it('keeps property access, identifier-like string keys and method calls plain; item assignment calls setItem', () => {
      assert.match(body('x.shape'), /return x\.shape;/);
      assert.match(body('obj["name"]'), /return obj\["name"\];/);
      assert.match(body('a[0] = 1'), /__jacobi\.setItem\(a, \[0\], 1\);/);
      assert.match(body('[a[0], b] = c'), /\[a\[0\], b\] = c/);
      assert.match(body('o[k](1)'), /return o\[k\]\(1\);/);
      assert.match(body('o?.[k]'), /return o\?\.\[k\];/);
      assert.match(body('delete o[k]'), /delete o\[k\];/);
    });

    it('turns compound assignment into Python\'s in-place operators (the array changes where the library does that)', () => {
      assert.match(body('x += y'), /x = __jacobi\.inplace\("\+", x, y\)/);
      assert.match(body('s.w **= 2'), /s\.w = __jacobi\.inplace\("\*\*", s\.w, 2\)/);
      assert.match(body('arr[i] -= 1'), /__jacobi\.updateItem\(arr, \[i\], "-", 1\)/);
    });

    it('rewrites inside functions, classes and templates, not inside types or enums', () => {
      assert.match(body('function f(a: number) { return a * 2 }'), /binary\("\*", a, 2\)/);
      assert.match(body('class K { m() { return this.v - 1 } }'), /binary\("-", this\.v, 1\)/);
      assert.match(body('`${a + b}`'), /binary\("\+", a, b\)/);
      assert.doesNotMatch(body('enum E { A = 1, B = A + 1 }'), /binary/);
    });
  });

  describe('on plain values', () => {
    let s: Session;
    before(async () => {
      s = new Session();
      await s.ready;
    });

    it('keeps JavaScript semantics for numbers, strings and arrays', async () => {
      await value(s, 'const n = 7, m = 2, arr = [10, 20, 30], str = "ab"');
      assert.equal(await value(s, '[n + m, n - m, n * m, n / m, n ** m, n % m, -n, n < m, n <= m, n > m, n >= m]'),
        '[9, 5, 14, 3.5, 49, 1, -7, False, False, True, True]');
      assert.equal(await value(s, 'str + n'), "'ab7'");
      assert.equal(await value(s, '[arr[0], arr[-1], str[1]]'), "[10, None, 'b']");
      assert.equal(await value(s, 'let acc = 1; for (let i = 0; i < 4; i++) acc *= 2; acc'), '16');
    });

    it('keeps `this` for methods called through an index', async () => {
      assert.equal(await value(s, 'const o = { v: 3, get() { return this.v } }; o["g" + "et"]()'), '3');
    });

    it('refuses the multi-axis index on a non-tensor', async () => {
      const e = errorOf((await run(s, 'arr[0, 1]')).outcome);
      assert.equal(e.ename, 'TypeError');
      assert.match(e.evalue, /only tensors take a multi-axis index/);
    });
  });
});
