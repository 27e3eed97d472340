// TensorFlow's Philox and tf.random against Random123's known-answer vectors, the values TensorFlow's
// documentation prints, and CPython's own random.Random (which hands out TF's eager op seeds).
import assert from 'node:assert/strict';
import { philox4x32, PhiloxRandom } from '../../src/api/random/philox.js';
import { PythonRandom } from '../../src/api/random/python_random.js';
import * as T from '../../src/api/random/tf_random.js';
import * as K from '../../src/api/random/keras_init.js';
import { RandomError } from '../../src/api/random/errors.js';
import { assertPrinted, loadFixture } from './helpers.js';
import { simdPhilox } from '../../src/kernels/simd.js';
import { withoutWasm } from '../../src/kernels/switches.js';

const f = Math.fround;
const hex = (a: ArrayLike<number>) => Array.from(a, (v) => v.toString(16).padStart(8, '0')).join(' ');

describe('random: TensorFlow Philox and tf.random', function () {
  it('Philox4x32-10 matches the Random123 known-answer vectors (kat_vectors)', function () {
    assert.equal(hex(philox4x32([0, 0, 0, 0], [0, 0])), '6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    assert.equal(hex(philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff])), '408f276d 41c83b0e a20bc7c6 6d5451fd');
    assert.equal(hex(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])), 'd16cfe09 94fdcceb 5001e420 24126ea1');
  });

  it('Skip carries across the 128-bit counter as TensorFlow does', function () {
    const p = PhiloxRandom.fromCounterKey([0xffffffff, 0xffffffff, 5, 0], [1, 2]);
    p.skip(1);
    assert.deepEqual(Array.from(p.counter), [0, 0, 6, 0]);
    p.skip(2n ** 32n + 3n);
    assert.deepEqual(Array.from(p.counter), [3, 1, 6, 0]);
  });

  it('random.Random(seed).randint(0, 2**31 - 1), the eager op-seed stream, matches CPython', function () {
    const cases = loadFixture<{ python_random: { seed: number | string; randint: number[] }[] }>('numpy.json').python_random;
    assert.ok(cases.length >= 5);
    for (const c of cases) {
      const r = new PythonRandom(BigInt(c.seed));
      assert.deepEqual(c.randint.map(() => r.randint(0, 2 ** 31 - 1)), c.randint, String(c.seed));
    }
  });

  it('tf.random.normal docs: set_seed(5) then normal([2,2], seed=1)', function () {
    const ctx = new T.TFRandomContext();
    ctx.setSeed(5);
    const first = ctx.normal([2, 2], 0, 1, { seed: 1 });
    assertPrinted(first, [-1.3768897, -0.01258316, -0.169515, 1.0824056], 'normal([2, 2], seed=1)');
    // the same kernel runs on: a second call continues the stream, set_seed starts it over
    const second = ctx.normal([2, 2], 0, 1, { seed: 1 });
    assert.notDeepEqual(Array.from(second), Array.from(first));
    ctx.setSeed(5);
    assert.deepEqual(Array.from(ctx.normal([2, 2], 0, 1, { seed: 1 })), Array.from(first));
    assert.deepEqual(Array.from(ctx.normal([2, 2], 0, 1, { seed: 1 })), Array.from(second));
  });

  it('get_seed: global seed only draws op seeds from random.Random; op seed only uses the default graph seed', function () {
    const ctx = new T.TFRandomContext();
    assert.deepEqual(ctx.getSeed(null), [null, null]);
    assert.deepEqual(ctx.getSeed(7), [T.DEFAULT_GRAPH_SEED, 7]);
    ctx.setSeed(1234);
    const r = new PythonRandom(1234);
    assert.deepEqual(ctx.getSeed(null), [1234, r.randint(0, 2 ** 31 - 1)]);
    assert.deepEqual(ctx.getSeed(null), [1234, r.randint(0, 2 ** 31 - 1)]);
    ctx.setSeed(0);
    assert.deepEqual(ctx.getSeed(0), [0, 2 ** 31 - 1], '(0, 0) becomes (0, MAXINT32)');
    ctx.setSeed(2 ** 31 + 5);
    assert.equal(ctx.getSeed(3)[0], 6, 'seeds are taken modulo 2**31 - 1');
  });

  it('tf.random.Generator docs: from_seed(1234) and from_seed(123, "philox"), state moved on by 256 per value', function () {
    const g = T.TFGenerator.fromSeed(1234);
    assert.deepEqual(Array.from(g.state), [1234n, 0n, 0n]);
    assertPrinted(g.normal([2, 3]), [0.9356609, 1.0854305, -0.93788373, -0.5061547, 1.3169702, 0.7137579], 'from_seed(1234).normal');
    assert.deepEqual(Array.from(g.state), [2770n, 0n, 0n]);
    const g2 = T.TFGenerator.fromSeed(123, 'philox');
    assertPrinted(g2.normal([2, 3]), [0.8673864, -0.29899067, -0.9310337, -1.5828488, 1.2481191, -0.6770643], 'from_seed(123).normal');
  });

  it('stateless ops: the seed is scrambled by one Philox call into key and counter', function () {
    const p = T.statelessKeyCounter([1, 2]);
    const mix = philox4x32([1, 0, 2, 0], [0x3ec8f720, 0x02461e29]);
    assert.deepEqual(Array.from(p.key), [mix[0], mix[1]]);
    assert.deepEqual(Array.from(p.counter), [0, 0, mix[2], mix[3]]);
    const a = T.statelessUniform([5], [1, 2]) as Float32Array;
    assert.deepEqual(T.statelessUniform([5], [1, 2]), a);
    assert.ok(Array.from(a).every((v) => v >= 0 && v < 1));
    const ints = T.statelessUniform([1000], [3, 4], -5, 5, { dtype: 'int32' }) as Int32Array;
    assert.ok(Array.from(ints).every((v) => v >= -5 && v < 5));
    const tn = T.statelessTruncatedNormal([64], [5, 6]);
    assert.ok(Array.from(tn).every((v) => Math.abs(v) < 2));
    // int32 and int64 seeds are read as sign-extended 64-bit words
    assert.deepEqual(T.statelessNormal([3], [-1, 7]), T.statelessNormal([3], [-1n, 7n]));
  });

  it('Keras GlorotUniform(seed) draws stateless_uniform(seed=[seed, 0]) within +-sqrt(6 / (fan_in + fan_out))', function () {
    const w = K.glorotUniform([4, 6], 42);
    const limit = Math.sqrt(3 / ((4 + 6) / 2));
    const s = T.statelessUniform([4, 6], [42, 0], -limit, limit);
    assert.deepEqual(w, s);
    assert.ok(Array.from(w).every((v) => Math.abs(v) <= f(limit)));
    const ctx = new T.TFRandomContext();
    ctx.setSeed(3);
    const d1 = K.denseInit(4, 2, true, null, 'float32', ctx);
    ctx.setSeed(3);
    const d2 = K.denseInit(4, 2, true, null, 'float32', ctx);
    assert.deepEqual(d1, d2, 'an unseeded kernel follows the global seed');
    assert.deepEqual(Array.from(d1.bias!), [0, 0]);
  });

  it('errors: maxval for integer dtypes, minval < maxval, the seed shape, negative dimensions', function () {
    const ctx = new T.TFRandomContext();
    assert.throws(() => ctx.uniform([2], 0, null, { dtype: 'int32' }), (e: unknown) => e instanceof RandomError && e.name === 'ValueError' && /Must specify maxval for integer dtype/.test(e.message));
    assert.throws(() => ctx.uniform([2], 5, 5, { dtype: 'int32' }), /Need minval < maxval: 5 >= 5/);
    assert.throws(() => T.statelessUniform([2], [1, 2, 3]), /seed must have shape \[2\], not \[3\]/);
    assert.throws(() => ctx.normal([-1]), (e: unknown) => e instanceof RandomError && e.name === 'InvalidArgumentError');
  });

  it('Philox blocks from the module: the JavaScript generator\'s words and counter, carries included', function () {
    for (const start of [[0, 0, 0, 0], [0xfffffff0, 0xffffffff, 7, 1], [0xfffffffe, 0xffffffff, 0xffffffff, 0xffffffff], [12345, 678, 9, 10]]) {
      const js = PhiloxRandom.fromCounterKey(start, [0x9e3779b9, 42]);
      const counter = Uint32Array.from(start), words = new Uint32Array(4 * 40000);
      if (!simdPhilox(counter, Uint32Array.of(0x9e3779b9, 42), words, 40000)) this.skip();
      for (let g = 0; g < 40000; g++) {
        const w = js.next();
        for (let k = 0; k < 4; k++) if (words[4 * g + k] !== w[k]) assert.fail(`start ${hex(start)}, block ${g}: ${hex(words.subarray(4 * g, 4 * g + 4))} vs ${hex(w)}`);
      }
      assert.equal(hex(counter), hex(js.counter));
    }
  });

  it('tf.random.normal of many groups gives the JavaScript path\'s values (ragged ends included)', function () {
    for (const n of [1, 2, 3, 5, 4099, 100001]) {
      const ctx = () => { const c = new T.TFRandomContext(); c.setSeed(3); return c; };
      const fast = ctx().normal([n], 0, 1, { seed: 9 }), slow = withoutWasm(() => ctx().normal([n], 0, 1, { seed: 9 }));
      assert.deepEqual(Array.from(fast), Array.from(slow), `n = ${n}`);
    }
  });
});
