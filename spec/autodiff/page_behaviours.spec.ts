// Every behaviour the TF ForwardAccumulator page states, plus GradientTape's documented rules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tf, repr, Tensor } from '../../src/index.js';
import { assertF32, dims, list, F } from './helpers.js';

const T = (x: unknown) => x as Tensor;
const FA = tf.autodiff.ForwardAccumulator;
const indexJs = fileURLToPath(new URL('../../src/index.js', import.meta.url));

function quietly<R>(f: () => R): R {
  const warn = console.warn;
  console.warn = () => {};
  try { return f(); } finally { console.warn = warn; }
}

describe('autodiff: ForwardAccumulator page behaviours', () => {
  it('jvp performs no computation: it is a lookup returning the same tensor every time', () => {
    const x = tf.constant(F([1., 2.]));
    const acc = new FA(x, tf.constant(F([1., 1.])));
    const y = acc.run(() => x.mul(x));
    const a = acc.jvp(y);
    assert.ok(a instanceof Tensor);
    assert.equal(acc.jvp(y), a);
    assert.equal(acc.jvp(y), a);
    assertF32(a, [2, 4]);
    // the primal's own JVP is the tangent itself
    assertF32(acc.jvp(x), [1, 1]);
  });

  it('jvp works while the context is active and after it exits', () => {
    const x = tf.constant(F(3.));
    const acc = new FA(x, tf.constant(F(1.)));
    let during: unknown;
    const y = acc.run(() => { const y = x.mul(x); during = acc.jvp(y); return y; });
    assertF32(during, 6);
    assert.equal(acc.jvp(y), during);
  });

  it('the context forms: construction enters, run() exits at the end, and `using` exits at scope end', () => {
    const x = tf.constant(F(2.));
    let y!: Tensor;
    let acc!: InstanceType<typeof FA>;
    {
      using a = new FA(x, tf.constant(F(1.)));
      acc = a;
      y = x.pow(3);
    }
    assertF32(acc.jvp(y), 12);
    assert.equal(acc.jvp(x.pow(3)), null, 'exited at the end of the using block');
    const acc2 = new FA(x, tf.constant(F(1.)));
    y = x.pow(2); // computed while entered, before run()
    assertF32(acc2.jvp(y), 4);
    acc2.run(() => {});
    assert.equal(acc2.jvp(x.pow(2)), null, 'run() exits');
  });

  it('new JVPs are only computed while the context manager is active', () => {
    const x = tf.constant(F([1., 2.]));
    const acc = new FA(x, tf.constant(F([1., 0.])));
    acc.run(() => x.add(1));
    const after = x.mul(2);
    assert.equal(acc.jvp(after), null);
    assert.equal(repr(acc.jvp(after)), 'None');
  });

  it('re-entering the accumulator computes JVPs again', () => {
    const x = tf.constant(F([1., 2.]));
    const acc = new FA(x, tf.constant(F([1., 0.])));
    acc.run(() => {});
    const z = acc.run(() => x.mul(3));
    assertF32(acc.jvp(z), [3, 0]);
    const w = acc.run(() => x.mul(x));
    assertF32(acc.jvp(w), [2, 0]);
    assertF32(acc.jvp(z), [3, 0], 'JVPs from the first entry survive re-entering');
  });

  it('JVPs live as long as their primal: deleting the primal deletes its JVP (WeakRef + gc in a child process)', function () {
    const script = `
      import { tf } from ${JSON.stringify(indexJs)};
      const x = tf.constant([1, 2], tf.float32);
      const acc = new tf.autodiff.ForwardAccumulator(x, tf.constant([1, 1], tf.float32));
      let y = acc.run(() => x.mul(x));
      const jvpRef = new WeakRef(acc.jvp(y));
      const held = acc.jvp(x);
      y = null;
      await new Promise((r) => setTimeout(r, 0));
      // (deref() keeps its target alive until the job ends, so only look after the collections)
      for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
      console.log(JSON.stringify({ collected: jvpRef.deref() === undefined, kept: acc.jvp(x) === held }));
    `;
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15000 });
    } catch (e) {
      // Only a node without --expose-gc may skip (it cannot observe collection); any other failure fails.
      if (!/expose-gc|bad option/i.test(String((e as { stderr?: string }).stderr ?? e))) throw e;
      this.skip();
      return;
    }
    const r = JSON.parse(out.trim().split('\n').pop()!);
    assert.equal(r.collected, true, 'the JVP of a deleted primal was still alive after gc');
    assert.equal(r.kept, true, 'the JVP of a live primal is kept');
  });

  it('the same tensor or variable twice in primals is a ValueError', () => {
    const x = tf.constant(F([1., 2.]));
    assert.throws(() => new FA([x, x], [tf.constant(F([1., 0.])), tf.constant(F([0., 1.]))]), (e: Error) => e.name === 'ValueError' && /more than once/.test(e.message));
    const v = tf.Variable(F([1., 2.]));
    assert.throws(() => new FA({ primals: [v, v], tangents: [tf.constant(F([1., 0.])), tf.constant(F([0., 1.]))] }), { name: 'ValueError' });
  });

  it('a tangent whose shape does not match its primal is an error at construction', () => {
    const x = tf.constant(F([1., 2.]));
    assert.throws(() => new FA(x, tf.constant(F([1., 2., 3.]))), (e: Error) => e.name === 'ValueError' && /shape/i.test(e.message));
    assert.throws(() => new FA(x, tf.constant(F([[1., 2.]]))), { name: 'ValueError' });
  });

  it('tangents must share the nesting structure of primals', () => {
    const a = tf.constant(F(1.)), b = tf.constant(F(2.));
    assert.throws(() => new FA([a, b], [tf.constant(F(1.))]), { name: 'ValueError' });
  });

  it('nested structures of primals and tangents, and jvp on nested structures', () => {
    const a = tf.constant(F(2.)), b = tf.constant(F([1., 3.]));
    const acc = new FA({ primals: { a, rest: [b] }, tangents: { a: tf.constant(F(1.)), rest: [tf.constant(F([0., 1.]))] } });
    const [p, q] = acc.run(() => [a.mul(a), b.mul(b)]);
    const got = acc.jvp({ p, list: [q] }) as { p: Tensor; list: Tensor[] };
    assertF32(got.p, 4);
    assertF32(got.list[0], [0, 6]);
  });

  it('integer primals are not differentiated', () => {
    const xi = tf.constant([1, 2], { dtype: 'int32' });
    const acc = quietly(() => new FA(xi, tf.constant([1, 1], { dtype: 'int32' })));
    const y = acc.run(() => xi.mul(2));
    assert.equal(acc.jvp(y), null);
    assert.equal(acc.jvp(xi), null);
  });

  it("unconnected_gradients: 'none' gives None, 'zero' gives zeros of the primal's shape and dtype", () => {
    const x = tf.constant(F([1., 2.]));
    const u = tf.constant(F([[5., 6., 7.]]));
    const acc = new FA(x, tf.constant(F([1., 0.])));
    acc.run(() => x.mul(2));
    assert.equal(acc.jvp(u), null);
    assert.equal(acc.jvp(u, { unconnected_gradients: 'none' }), null);
    assert.equal(acc.jvp(u, { unconnected_gradients: tf.UnconnectedGradients.NONE }), null);
    const z = T(acc.jvp(u, { unconnected_gradients: 'zero' }));
    assert.deepEqual(dims(z), [1, 3]);
    assert.equal(z.dt, 'float32');
    assert.deepEqual(list(z), [[0, 0, 0]]);
    assert.deepEqual(list(acc.jvp(u, { unconnected_gradients: tf.UnconnectedGradients.ZERO })), [[0, 0, 0]]);
  });

  it('jvp returns tensors with the same shapes and dtypes as the primals', () => {
    const x = tf.constant(F([[1., 2.], [3., 4.]]));
    const acc = new FA(x, tf.ones([2, 2]));
    const y = acc.run(() => tf.reduce_sum(x, 0));
    const j = T(acc.jvp(y));
    assert.deepEqual(dims(j), dims(y));
    assert.equal(j.dt, y.dt);
  });

  it('accumulators apply in the order they were entered: inner ones do not see outer JVP computation', () => {
    const primal = tf.constant(F(1.1));
    const outer = new FA(primal, tf.constant(F(1.)));
    let inner!: InstanceType<typeof FA>;
    const out = outer.run(() => {
      inner = new FA(primal, tf.constant(F(1.)));
      return inner.run(() => primal.pow(3.5));
    });
    const oj = T(outer.jvp(out));
    assertF32(oj, 4.4417057);
    assert.equal(inner.jvp(oj), null, 'inner.jvp(outer.jvp(y)) is None');
    assertF32(outer.jvp(inner.jvp(out)), 10.094786);
  });

  it('a GradientTape nested inside an accumulator ignores the accumulator’s tangent work', () => {
    const v = tf.Variable(F([1., 2.]));
    const acc = new FA(v, tf.constant(F([1., 0.])));
    const tape = new tf.GradientTape({ persistent: true });
    const j = acc.run(() => tape.run(() => acc.jvp(tf.reduce_sum(v.pow(3.)))));
    assertF32(j, 3);
    assert.equal(tape.gradient(j, v), null, 'the inner tape did not record the JVP computation');
  });

  it('a GradientTape outside an accumulator records its tangent work: backward-over-forward gives the same HVP', () => {
    const v = tf.Variable(F([1., 2.]));
    const tape = new tf.GradientTape();
    const j = tape.run(() => {
      const acc = new FA(v, tf.constant(F([1., 0.])));
      return acc.run(() => acc.jvp(tf.reduce_sum(v.pow(3.))));
    });
    assertF32(tape.gradient(j, v), [6, 0]);
  });
});

describe('autodiff: GradientTape', () => {
  it('a non-persistent tape computes one set of gradients, then raises RuntimeError', () => {
    const x = tf.Variable(F(3.));
    const tape = new tf.GradientTape();
    const y = tape.run(() => x.mul(x));
    assertF32(tape.gradient(y, x), 6);
    assert.throws(() => tape.gradient(y, x), (e: Error) =>
      e.name === 'RuntimeError' && e.message === 'A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)');
  });

  it('a persistent tape can be used many times', () => {
    const x = tf.constant(F(3.));
    const tape = new tf.GradientTape({ persistent: true });
    const [y, z] = tape.run(() => { tape.watch(x); const y = x.mul(x); return [y, y.mul(y)]; });
    assertF32(tape.gradient(y, x), 6);
    assertF32(tape.gradient(z, x), 108);
    assertF32(tape.gradient(y, x), 6);
  });

  it('variables are watched when read; constants only when watched; watch_accessed_variables=false turns it off', () => {
    const v = tf.Variable(F(2.));
    const c = tf.constant(F(2.));
    let tape = new tf.GradientTape({ persistent: true });
    let [a, b] = tape.run(() => [v.mul(v), c.mul(c)]);
    assertF32(tape.gradient(a, v), 4);
    assert.equal(tape.gradient(b, c), null);
    assert.deepEqual(tape.watched_variables(), [v]);
    tape = new tf.GradientTape({ watch_accessed_variables: false, persistent: true });
    [a, b] = tape.run(() => [v.mul(v), c.mul(c)]);
    assert.equal(tape.gradient(a, v), null);
    assert.deepEqual(tape.watched_variables(), []);
    tape = new tf.GradientTape({ watch_accessed_variables: false });
    a = tape.run(() => { tape.watch(v); return v.mul(v); });
    assertF32(tape.gradient(a, v), 4);
  });

  it('gradient with output_gradients weights the targets, and with nested sources returns the same structure', () => {
    const x = tf.constant(F([1., 2., 3.]));
    const w = tf.Variable(F(2.));
    const tape = new tf.GradientTape({ persistent: true });
    const y = tape.run(() => { tape.watch(x); return x.mul(x).mul(w); });
    assertF32(tape.gradient(y, x, { output_gradients: tf.constant(F([1., 0., 2.])) }), [4, 0, 24]);
    const g = tape.gradient(y, { x, w: [w] }) as { x: Tensor; w: Tensor[] };
    assertF32(g.x, [4, 8, 12]);
    assertF32(g.w[0], 14);
    assert.throws(() => tape.gradient(y, x, { output_gradients: tf.constant(F([1., 2.])) }));
  });

  it("unconnected_gradients: 'zero' gives zeros for sources the target does not depend on", () => {
    const x = tf.constant(F([1., 2.]));
    const u = tf.constant(F([3., 4., 5.]));
    const tape = new tf.GradientTape({ persistent: true });
    const y = tape.run(() => { tape.watch([x, u]); return tf.reduce_sum(x.mul(x)); });
    assert.equal(tape.gradient(y, u), null);
    assert.deepEqual(list(tape.gradient(y, u, { unconnected_gradients: 'zero' })), [0, 0, 0]);
  });

  it('jacobian', () => {
    const x = tf.constant(F([1., 2., 3.]));
    const tape = new tf.GradientTape();
    const y = tape.run(() => { tape.watch(x); return x.mul(x); });
    const j = tape.jacobian(y, x);
    assert.deepEqual(list(j), [[2, 0, 0], [0, 4, 0], [0, 0, 6]]);
  });

  it('batch_jacobian', () => {
    const x = tf.constant(F([[1., 2.], [3., 4.]]));
    const tape = new tf.GradientTape();
    const y = tape.run(() => { tape.watch(x); return x.mul(x); });
    const j = tape.batch_jacobian(y, x);
    assert.deepEqual(dims(j), [2, 2, 2]);
    assert.deepEqual(list(j), [[[2, 0], [0, 4]], [[6, 0], [0, 8]]]);
    const tape2 = new tf.GradientTape();
    const z = tape2.run(() => { tape2.watch(x); return tf.reduce_sum(x); });
    assert.throws(() => tape2.batch_jacobian(tf.constant(F([1., 2., 3.])), x), { name: 'ValueError' });
    void z;
  });

  it('stop_recording: operations inside are not recorded', () => {
    const x = tf.Variable(F(3.));
    const tape = new tf.GradientTape({ persistent: true });
    const [y, z] = tape.run(() => {
      const y = x.mul(x);
      const z = tape.stop_recording(() => x.mul(x));
      return [y, z];
    });
    assertF32(tape.gradient(y, x), 6);
    assert.equal(tape.gradient(z, x), null);
  });

  it('reset forgets everything recorded so far', () => {
    const x = tf.Variable(F(3.));
    const tape = new tf.GradientTape();
    const y = tape.run(() => {
      const a = x.mul(x);
      tape.reset();
      return a.add(x.mul(2));
    });
    // only x*2 (recorded after the reset) contributes
    assertF32(tape.gradient(y, x), 2);
  });

  it('watched_variables lists the variables in watch order', () => {
    const a = tf.Variable(F(1.)), b = tf.Variable(F(2.));
    const tape = new tf.GradientTape();
    tape.run(() => { b.mul(2); a.mul(2); });
    assert.deepEqual(tape.watched_variables(), [b, a]);
  });

  it('`using` a GradientTape records until the end of its block', () => {
    const x = tf.Variable(F(3.));
    let tape!: InstanceType<typeof tf.GradientTape>;
    let y!: Tensor;
    {
      using t = new tf.GradientTape({ persistent: true });
      tape = t;
      y = x.mul(x);
    }
    const after = x.mul(x);
    assertF32(tape.gradient(y, x), 6);
    assert.equal(tape.gradient(after, x), null);
  });
});
