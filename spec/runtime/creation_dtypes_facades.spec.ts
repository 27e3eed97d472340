// Creation, dtype inference and promotion (weak scalars), seeded random, Variable, and the facades.
import assert from 'node:assert/strict';
import { ops, tf, np, jnp, torch, Variable, Tensor } from '../../src/index.js';
import { tensor, scalar, zeros, ones, full, eye, arange, linspace } from '../../src/tensor/create.js';
import { randomNormal, randomUniform } from './random_inputs.js';
import { NumpyOracle, assertLike } from './numpy_oracle.js';
import { check, vals } from './helpers.js';

const cases: Record<string, string> = {
  arange_f: 'np.arange(0, 1, 0.1)', arange_neg: 'np.arange(5, -3, -2, dtype=np.int32)',
  linspace: 'np.linspace(-1, 2, 7)', linspace_ne: 'np.linspace(0, 1, 4, endpoint=False)',
  eye: 'np.eye(2, 3, dtype=np.float32)',
  p_i32_f32: 'np.zeros(0, np.result_type(np.int32, np.float32))', p_i32_i64: 'np.zeros(0, np.result_type(np.int32, np.int64))',
  p_f32_f64: 'np.zeros(0, np.result_type(np.float32, np.float64))', p_b_i32: 'np.zeros(0, np.result_type(np.bool_, np.int32))',
  p_i64_f32: 'np.zeros(0, np.result_type(np.int64, np.float32))',
};

describe('runtime: creation, dtypes, random, variables, facades', function () {
  const oracle = new NumpyOracle(cases);

  describe('creation', function () {
    it('nested arrays infer dims; numbers become float32, booleans bool, bigints int64', function () {
      check(tensor([[1, 2, 3], [4, 5, 6]]), 'float32', [2, 3], [1, 2, 3, 4, 5, 6]);
      check(tensor([true, false]), 'bool', [2], [true, false]);
      check(tensor([1n, -2n]), 'int64', [2], [1n, -2n]);
      check(tensor([]), 'float32', [0], []);
      check(tensor([[], []]), 'float32', [2, 0], []);
      check(tensor(2.5), 'float32', [], [2.5]);
      check(tensor([[1, 2]], 'int32'), 'int32', [1, 2], [1, 2]);
      check(tensor([1.1], 'float64'), 'float64', [1], [1.1]);
      check(tensor([1.1]), 'float32', [1], [Math.fround(1.1)]);
    });
    it('typed arrays keep their dtype; nested typed arrays stack', function () {
      check(tensor(new Int32Array([1, 2])), 'int32', [2], [1, 2]);
      check(tensor(new Float64Array([0.1])), 'float64', [1], [0.1]);
      check(tensor(BigInt64Array.from([2n ** 62n])), 'int64', [1], [2n ** 62n]);
      check(tensor([new Float32Array([1, 2]), new Float32Array([3, 4])]), 'float32', [2, 2], [1, 2, 3, 4]);
      check(tensor([tensor([1, 2]), tensor([3, 4])]), 'float32', [2, 2], [1, 2, 3, 4]);
    });
    it('scalar, zeros, ones, full, eye', function () {
      check(scalar(3), 'float32', [], [3]);
      check(scalar(3n), 'int64', [], [3n]);
      check(scalar(true), 'bool', [], [true]);
      check(zeros([2, 0]), 'float32', [2, 0], []);
      check(ones([2], 'int64'), 'int64', [2], [1n, 1n]);
      check(full([2, 1], 7, 'int32'), 'int32', [2, 1], [7, 7]);
      check(full([1], true, 'bool'), 'bool', [1], [true]);
      check(eye(2), 'float32', [2, 2], [1, 0, 0, 1]);
      check(ops.zerosLike(tensor(new Int32Array([5, 6]))), 'int32', [2], [0, 0]);
      check(ops.onesLike(tensor([[1.5]], 'float64')), 'float64', [1, 1], [1]);
    });
    it('arange, linspace and eye equal NumPy', function () {
      oracle.need(this);
      assertLike(arange(0, 1, 0.1), oracle.get('arange_f'), 'fround', 'float32');
      assertLike(arange(5, -3, -2), oracle.get('arange_neg'));
      assertLike(linspace(-1, 2, 7), oracle.get('linspace'), 'fround', 'float32');
      assertLike(linspace(0, 1, 4, false), oracle.get('linspace_ne'), 'fround', 'float32');
      assertLike(eye(2, 3), oracle.get('eye'));
      check(arange(4), 'int32', [4], [0, 1, 2, 3]);
      check(arange(3, 1), 'int32', [0], []);
    });
  });

  describe('type promotion', function () {
    it('array-array promotion follows NumPy', function () {
      oracle.need(this);
      const t = (dt: 'int32' | 'float32' | 'int64' | 'float64' | 'bool') => zeros([1], dt);
      assert.equal(ops.add(t('int32'), t('float32')).dt, oracle.get('p_i32_f32').dtype);
      assert.equal(ops.add(t('int32'), t('int64')).dt, oracle.get('p_i32_i64').dtype);
      assert.equal(ops.add(t('float32'), t('float64')).dt, oracle.get('p_f32_f64').dtype);
      assert.equal(ops.mul(t('bool'), t('int32')).dt, oracle.get('p_b_i32').dtype);
      assert.equal(ops.add(t('int64'), t('float32')).dt, oracle.get('p_i64_f32').dtype);
    });
    it('weak scalars: float32 + 1.5 stays float32; int32 + 1.5 -> float32; int32 + 2 stays int32', function () {
      check(ops.add(tensor([1]), 1.5), 'float32', [1], [2.5]);
      check(ops.add(1.5, tensor([1])), 'float32', [1], [2.5]);
      check(ops.add(tensor(new Int32Array([1])), 1.5), 'float32', [1], [2.5]);
      check(ops.add(tensor(new Int32Array([1])), 2), 'int32', [1], [3]);
      check(ops.mul(tensor([1], 'float64'), 0.1), 'float64', [1], [0.1]);
      check(ops.add(tensor([1n]), 2), 'int64', [1], [3n]);
      check(ops.add(tensor([true]), 2), 'int32', [1], [3]);
      check(ops.less(tensor(new Int32Array([1, 2])), 1.5), 'bool', [2], [true, false]);
      // float32 + 0.1 rounds the scalar to float32 too.
      check(ops.add(tensor([0]), 0.1), 'float32', [1], [Math.fround(0.1)]);
    });
    it('tf: tensors of one dtype combine, Python scalars are weak', function () {
      const a = tf.constant([1, 2], 'float32');
      check(tf.add(a, 1.5), 'float32', [2], [2.5, 3.5]);
      assert.throws(() => tf.add(tf.constant([1, 2]), 1.5), { name: 'TypeError', message: 'Cannot convert 1.5 to EagerTensor of dtype int32' });
      check(tf.add(tf.constant([1, 2], 'int32'), 3), 'int32', [2], [4, 5]);
      assert.equal(tf.add(a, a).flavor, 'tf');
    });
  });

  describe('seeded random', function () {
    it('a seed gives the same numbers every time; different seeds differ', function () {
      const a = vals(randomNormal([100], 0, 1, { seed: 42 })), b = vals(randomNormal([100], 0, 1, { seed: 42 }));
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, vals(randomNormal([100], 0, 1, { seed: 43 })));
      // TensorFlow's op seeds: after set_seed the same calls repeat, while two calls in a row differ.
      tf.random.set_seed(1); const u1 = vals(tf.random.uniform([5], { seed: 7 })), u2 = vals(tf.random.uniform([5], { seed: 7 }));
      tf.random.set_seed(1); assert.deepEqual(vals(tf.random.uniform([5], { seed: 7 })), u1);
      assert.notDeepEqual(u1, u2);
    });
    it('set_seed makes unseeded draws repeat', function () {
      tf.random.set_seed(3); const a = vals(tf.random.normal([4]));
      tf.random.set_seed(3); const b = vals(tf.random.normal([4]));
      assert.deepEqual(a, b);
      np.random.seed(5); const c = vals(np.random.uniform(0, 1, [3]) as Tensor);
      np.random.seed(5); assert.deepEqual(c, vals(np.random.uniform(0, 1, [3]) as Tensor));
    });
    it('uniform lies in [min, max); normal has mean ~0 and std ~1', function () {
      const u = randomUniform([10000], -2, 3, { seed: 1, dtype: 'float64' });
      assert.ok(vals(u).every((v) => v >= -2 && v < 3));
      assert.ok(Math.abs(Number(ops.mean(u).values[0]) - 0.5) < 0.05);
      const n = randomNormal([20000], 1, 2, { seed: 2, dtype: 'float64' });
      assert.equal(n.dt, 'float64');
      assert.ok(Math.abs(Number(ops.mean(n).values[0]) - 1) < 0.05);
      assert.ok(Math.abs(Number(ops.std(n).values[0]) - 2) < 0.05);
      assert.equal(randomNormal([2, 3], 0, 1, { seed: 1 }).dt, 'float32');
    });
  });

  describe('Variable', function () {
    it('name, trainable, assign replaces the value (immutably)', function () {
      const v = tf.Variable(tf.constant([1, 2], 'float32'), { name: 'kernel' });
      assert.equal(v.name, 'kernel:0');
      assert.equal(v.trainable, true);
      assert.equal(new Variable(tensor([1]), { trainable: false }).trainable, false);
      assert.equal(new Variable(tensor([1])).name, 'Variable:0');
      const before = v.value;
      v.assign(tf.constant([5, 6], 'float32'));
      check(v.value, 'float32', [2], [5, 6]);
      check(before, 'float32', [2], [1, 2]);
      check(ops.add(v, 1), 'float32', [2], [6, 7]);
      assert.deepEqual([...v.shape], [2]);
    });
    it('assign_add and assign_sub', function () {
      const v = tf.Variable(tensor([1, 2]));
      v.assign_add(tensor([1, 1]));
      check(v.value, 'float32', [2], [2, 3]);
      v.assign_sub(tensor([2, 2]));
      check(v.value, 'float32', [2], [0, 1]);
    });
  });

  describe('facades', function () {
    it('tf: constant, reductions with keyword axis, shape ops, flavor', function () {
      const i = tf.constant([[1, 2, 3], [4, 5, 6]]);
      check(i, 'int32', [2, 3], [1, 2, 3, 4, 5, 6]);
      check(tf.reduce_mean(i), 'int32', [], [3]);  // TensorFlow's integer mean truncates
      const x = tf.constant([[1, 2, 3], [4, 5, 6]], tf.float32);
      assert.equal(x.flavor, 'tf');
      check(tf.reduce_sum(x, { axis: -1, keepdims: true }), 'float32', [2, 1], [6, 15]);
      check(tf.reduce_mean(x), 'float32', [], [3.5]);
      check(tf.matmul(x, x, { transpose_b: true }), 'float32', [2, 2], [14, 32, 32, 77]);
      // The flags read operands transposed in the kernel; adjoint is the transpose of a real matrix.
      check(tf.matmul(x, x, { adjoint_b: true }), 'float32', [2, 2], [14, 32, 32, 77]);
      const xtx = [17, 22, 27, 22, 29, 36, 27, 36, 45];
      check(tf.matmul(x, x, { transpose_a: true }), 'float32', [3, 3], xtx);
      check(tf.matmul(x, x, { transpose_a: 1 }), 'float32', [3, 3], xtx);
      check(tf.matmul(tf.stack([x, x]), x, { adjoint_a: true }), 'float32', [2, 3, 3], [...xtx, ...xtx]);
      assert.throws(() => tf.matmul(x, x, { transpose_a: true, adjoint_a: true }), /ValueError: Only one of transpose_a and adjoint_a can be True\./);
      check(tf.matmul(tf.constant([[1, 2]], 'int8'), tf.constant([[100], [100]], 'int8'), { output_type: tf.int32 }), 'int32', [1, 1], [300]);
      assert.throws(() => tf.matmul(x, x, { transpose_b: true, output_type: tf.float64 }), /NotFoundError: .*Tout=DT_DOUBLE/);
      check(tf.constant(1, 'float32', [2, 2]), 'float32', [2, 2], [1, 1, 1, 1]);
      check(tf.gather(x, [-1], { axis: 1 }), 'float32', [2, 1], [3, 6]);
      check(tf.cast(x, 'int32'), 'int32', [2, 3], [1, 2, 3, 4, 5, 6]);
      check(tf.shape(x), 'int32', [2], [2, 3]);
      check(tf.nn.softmax(tf.constant([0, 0], 'float32')), 'float32', [2], [0.5, 0.5]);
    });
    it('np / jnp: array, sum with keyword axis, flavors', function () {
      const x = np.array([[1, 2], [3, 4]], 'float64') as Tensor;
      assert.equal(x.flavor, 'numpy');
      check(np.sum(x, { axis: 0 }) as Tensor, 'float64', [2], [4, 6]);
      check(np.var(x, { ddof: 1 }) as Tensor, 'float64', [], [5 / 3]);
      const j = jnp.array([1, 2, 3]) as Tensor;
      assert.equal(j.flavor, 'jax');
      check(jnp.cumsum(j) as Tensor, 'int32', [3], [1, 3, 6]);
      check(np.array([1, 2]), 'int64', [2], [1, 2]);
      check(np.take(x, [3, 0]) as Tensor, 'float64', [2], [4, 1]);
    });
    it('torch: tensor, arange gives int64, std is unbiased by default', function () {
      assert.equal(torch.tensor([1, 2]).dt, 'int64');
      const t = torch.tensor([1, 2, 3, 4], { dtype: torch.float32 });
      assert.equal(t.flavor, 'torch');
      assert.equal(t.dt, 'float32');
      check(torch.arange(3), 'int64', [3], [0n, 1n, 2n]);
      check(torch.std(t), 'float32', [], [Math.fround(Math.sqrt(5 / 3))]);
      check(torch.cat([t, t], 0), 'float32', [8], [1, 2, 3, 4, 1, 2, 3, 4]);
    });
  });
});
