// Every example of the three documents (the TF ForwardAccumulator page, the JAX/PyTorch/TF "JVP and
// VJP" notebook and its Keras cells) computes the documented values at float32 precision.
import assert from 'node:assert/strict';
import { tf, jax, jnp, torch, np, repr, str, Tensor } from '../../src/index.js';
import { assertF32, assertClose, dims, list, flat, F } from './helpers.js';

const T = (x: unknown) => x as Tensor;

// The notebook's polynomial, written once per facade.
const poly = (x: any, stack: (xs: any[]) => any): any =>
  stack([
    x.getItem(0).pow(6).mul(x.getItem(1).pow(4)).mul(x.getItem(2).pow(9)).mul(x.getItem(3).pow(2)),
    x.getItem(0).pow(2).mul(x.getItem(1).pow(3)).mul(x.getItem(2).pow(5)).mul(x.getItem(3).pow(3)),
    x.getItem(0).pow(5).mul(x.getItem(1).pow(7)).mul(x.getItem(2).pow(7)).mul(x.getItem(3).pow(6)),
  ]);

const F_X = [9.61084, 7.59375, 8.542969];
const J = [
  [57.66504, 76.88672, 57.66504, 9.61084],
  [15.1875, 45.5625, 25.3125, 11.390625],
  [42.714844, 119.60156, 39.867188, 25.628906],
];
const JVP = [65.353714, 35.943752, 80.87344];
const VJP = [83.697365, 194.49492, 88.94971, 39.546825];

describe('autodiff: documents', () => {
  describe('TF ForwardAccumulator page', () => {
    it('linear regression: acc.jvp(loss) is a float32 scalar tensor (first example)', () => {
      const x = tf.constant(F([[2.0, 3.0], [1.0, 4.0]]));
      const dense = tf.keras.layers.Dense(1);
      dense.build([null, 2]);
      const acc = new tf.autodiff.ForwardAccumulator({ primals: dense.kernel, tangents: tf.constant(F([[1.], [0.]])) });
      const loss = acc.run(() => tf.reduce_sum(dense(x).sub(tf.constant(F([1., -1.]))).pow(2.)));
      const j = T(acc.jvp(loss));
      assert.ok(j instanceof Tensor);
      assert.deepEqual(dims(j), []);
      assert.equal(j.dt, 'float32');
      assert.match(repr(j), /^<tf\.Tensor: shape=\(\), dtype=float32, numpy=-?[0-9.e+-]+>$/);
    });

    it('with the kernel set to the printed weights, the first example gives its value in float32', () => {
      const x = tf.constant(F([[2.0, 3.0], [1.0, 4.0]]));
      const dense = tf.keras.layers.Dense(1);
      dense.build([null, 2]);
      dense.kernel.assign(tf.constant(F([[-1.3399825], [1.3681983]])));
      const acc = new tf.autodiff.ForwardAccumulator({ primals: dense.kernel, tangents: tf.constant(F([[1.], [0.]])) });
      const loss = acc.run(() => tf.reduce_sum(dense(x).sub(tf.constant(F([1., -1.]))).pow(2.)));
      // d/dk0 sum((x k - [1,-1])^2) (broadcast to 2x2): 2·Σ_ij (x_i·k − t_j)·x_i0, in float32.
      const k0 = Math.fround(-1.3399825), k1 = Math.fround(1.3681983);
      const r = [2 * k0 + 3 * k1, k0 + 4 * k1];
      let want = 0;
      for (let i = 0; i < 2; i++) for (const t of [1, -1]) want += 2 * (r[i] - t) * [2, 1][i];
      assertClose(acc.jvp(loss), [want], 1e-6, 1e-5);
    });

    it('forward agrees with backward for any kernel to float32 rounding (the two sum the broadcast products in different orders)', () => {
      const x = tf.constant(F([[2.0, 3.0], [1.0, 4.0]]));
      for (let seed = 0; seed < 40; seed++) {
        tf.random.set_seed(seed);
        const dense = tf.keras.layers.Dense(1);
        dense.build([null, 2]);
        const loss_fn = () => tf.reduce_sum(dense(x).sub(tf.constant(F([1., -1.]))).pow(2.));
        const fprop = ([[[1.], [0.]], [[0.], [1.]]] as number[][][]).map((t) => {
          const acc = new tf.autodiff.ForwardAccumulator(dense.kernel, tf.constant(t));
          return acc.run(() => acc.jvp(loss_fn())) as Tensor;
        });
        const tape = new tf.GradientTape();
        const loss = tape.run(() => loss_fn());
        const kernel_grad = tape.gradient(loss, dense.kernel) as Tensor;
        np.testing.assert_allclose(kernel_grad, tf.stack(fprop).getItem(':', tf.newaxis), { rtol: 1e-6 });
      }
    });

    it('forward (one column at a time) agrees with backward (one row) for kernel and bias: np.testing.assert_allclose', () => {
      const x = tf.constant(F([[2.0, 3.0], [1.0, 4.0]]));
      const dense = tf.keras.layers.Dense(1);
      dense.build([null, 2]);
      // The printed weights: with a random kernel the float32 results may differ in the last bit (above).
      dense.kernel.assign(tf.constant(F([[-1.3399825], [1.3681983]])));
      const loss_fn = () => tf.reduce_sum(dense(x).sub(tf.constant(F([1., -1.]))).pow(2.));
      const kernel_fprop: Tensor[] = [];
      let acc = new tf.autodiff.ForwardAccumulator(dense.kernel, tf.constant(F([[1.], [0.]])));
      acc.run(() => { kernel_fprop.push(T(acc.jvp(loss_fn()))); });
      acc = new tf.autodiff.ForwardAccumulator(dense.kernel, tf.constant(F([[0.], [1.]])));
      acc.run(() => { kernel_fprop.push(T(acc.jvp(loss_fn()))); });
      acc = new tf.autodiff.ForwardAccumulator(dense.bias, tf.constant(F([1.])));
      const bias_fprop = T(acc.run(() => acc.jvp(loss_fn())));
      const tape = new tf.GradientTape();
      const loss = tape.run(() => loss_fn());
      const [kernel_grad, bias_grad] = tape.gradient(loss, [dense.kernel, dense.bias]);
      assert.deepEqual(dims(kernel_grad), [2, 1]);
      assert.deepEqual(dims(bias_grad), [1]);
      np.testing.assert_allclose(kernel_grad, tf.stack(kernel_fprop).getItem(':', tf.newaxis));
      np.testing.assert_allclose(bias_grad, bias_fprop.getItem(tf.newaxis));
      // and a deliberately wrong comparison fails, so the assertion has teeth
      assert.throws(() => np.testing.assert_allclose(kernel_grad, tf.stack(kernel_fprop).getItem(':', tf.newaxis).add(1)));
    });

    it('nested accumulators: inner.jvp = 4.4417057, outer.jvp(inner_jvp) = 10.094786, reversed is None', () => {
      const primal = tf.constant(F(1.1));
      const outer = new tf.autodiff.ForwardAccumulator(primal, tf.constant(F(1.)));
      let inner!: InstanceType<typeof tf.autodiff.ForwardAccumulator>;
      const primal_out = outer.run(() => {
        inner = new tf.autodiff.ForwardAccumulator(primal, tf.constant(F(1.)));
        return inner.run(() => primal.pow(tf.constant(F(3.5))));
      });
      const inner_jvp = inner.jvp(primal_out);
      assert.equal(repr(inner_jvp), '<tf.Tensor: shape=(), dtype=float32, numpy=4.4417057>');
      assertF32(inner_jvp, 4.4417057);
      const second = outer.jvp(inner_jvp);
      assert.equal(repr(second), '<tf.Tensor: shape=(), dtype=float32, numpy=10.094786>');
      assertF32(second, 10.094786);
      assert.equal(inner.jvp(outer.jvp(primal_out)), null);
      assert.equal(repr(inner.jvp(outer.jvp(primal_out))), 'None');
    });

    it('forward-over-backward HVP: backward [3, 12], acc.jvp(backward) [6, 0]', () => {
      const v = tf.Variable(F([1., 2.]));
      const acc = new tf.autodiff.ForwardAccumulator(v, tf.constant(F([1., 0.])));
      const backward = acc.run(() => {
        const tape = new tf.GradientTape();
        const y = tape.run(() => tf.reduce_sum(v.pow(3.)));
        return tape.gradient(y, v);
      });
      assert.equal(repr(backward), '<tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 3., 12.], dtype=float32)>');
      assertF32(backward, [3, 12]);
      const hvp = acc.jvp(backward);
      assert.equal(repr(hvp), '<tf.Tensor: shape=(2,), dtype=float32, numpy=array([6., 0.], dtype=float32)>');
      assertF32(hvp, [6, 0]);
    });
  });

  describe('"JVP and VJP" notebook: JAX', () => {
    const x = () => jnp.array(F([1.0, 0.5, 1.5, 2.0]));
    const fn = (x: any): any => poly(x, (xs) => jnp.array(xs));

    it('fn(x)', () => {
      const y = fn(x());
      assert.deepEqual(dims(y), [3]);
      assertF32(y, F_X);
      assert.equal(str(y), '[9.61084  7.59375  8.542969]');
    });
    it('jacfwd: the (3, 4) Jacobian and J @ v', () => {
      const Jf = T(jax.jacfwd(fn)(x()));
      assert.deepEqual(dims(Jf), [3, 4]);
      assertF32(Jf, J);
      assertF32(Jf.matmul(T(jnp.array(F([0.2, 0.3, 0.4, 0.8])))), JVP);
    });
    it('jax.jvp gives f_evaluated and jvp_evaluated', () => {
      const [fe, je] = jax.jvp(fn, [x()], [jnp.array(F([0.2, 0.3, 0.4, 0.8]))]);
      assertF32(fe, F_X);
      assertF32(je, JVP);
      assert.equal(str(je), '[65.353714 35.943752 80.87344 ]');
    });
    it('jacrev: the same Jacobian and v.T @ J', () => {
      const Jr = T(jax.jacrev(fn)(x()));
      assert.deepEqual(dims(Jr), [3, 4]);
      assertF32(Jr, J);
      assertF32(T(jnp.array(F([0.5, 0.8, 1.0]))).T.matmul(Jr), VJP);
    });
    it('jax.vjp gives f_evaluated and a vjp_fn returning the VJP (reusable)', () => {
      const [fe, vjp_fn] = jax.vjp(fn, x());
      assertF32(fe, F_X);
      const v = jnp.array(F([0.5, 0.8, 1.0]));
      const g = vjp_fn(v)[0];
      assert.deepEqual(dims(g), [4]);
      assertF32(g, VJP);
      assertF32(vjp_fn(v)[0], VJP);
      assert.equal(str(g), '[ 83.697365 194.49492   88.94971   39.546825]');
    });
  });

  describe('"JVP and VJP" notebook: PyTorch', () => {
    const fn = (x: any): any => poly(x, (xs) => torch.stack(xs));
    const x = () => torch.tensor(F([1.0, 0.5, 1.5, 2.0]), { requires_grad: true });

    it('torch.autograd.functional.jvp: func_output and jvp', () => {
      const [fo, j] = torch.autograd.functional.jvp(fn, x(), torch.tensor(F([0.2, 0.3, 0.4, 0.8])));
      assert.equal(str(T(fo).shape), 'torch.Size([3])');
      assert.equal(str(fo), 'tensor([9.6108, 7.5938, 8.5430])');
      assert.equal(str(j), 'tensor([65.3537, 35.9438, 80.8734])');
      assertF32(fo, F_X);
      assertF32(j, JVP);
    });
    it('torch.autograd.functional.vjp: func_output and vjp', () => {
      const [fo, j] = torch.autograd.functional.vjp(fn, x(), torch.tensor(F([0.5, 0.8, 1.0])));
      assert.equal(str(fo), 'tensor([9.6108, 7.5938, 8.5430])');
      assert.equal(str(T(j).shape), 'torch.Size([4])');
      assert.equal(str(j), 'tensor([ 83.6974, 194.4949,  88.9497,  39.5468])');
      assertF32(j, VJP);
    });
  });

  describe('"JVP and VJP" notebook: TensorFlow', () => {
    const fn = (x: any): any => poly(x, (xs) => tf.stack(xs));

    it('ForwardAccumulator(primals=x, tangents=v): y and jvp', () => {
      const x = tf.Variable(F([1.0, 0.5, 1.5, 2.0]), { dtype: tf.float32 });
      const v = tf.constant(F([0.2, 0.3, 0.4, 0.8]), { dtype: tf.float32 });
      const acc = new tf.autodiff.ForwardAccumulator({ primals: x, tangents: v });
      const y = acc.run(() => fn(x));
      assertF32(y, F_X);
      const j = acc.jvp(y);
      assert.deepEqual(dims(j), [3]);
      assertF32(j, JVP);
      assert.equal(`${T(j).shape}`, '(3,)');
    });
    it('GradientTape with watch and output_gradients: vjp', () => {
      const x = tf.Variable(F([1.0, 0.5, 1.5, 2.0]), { dtype: tf.float32 });
      const v = tf.constant(F([0.5, 0.8, 1.0]), { dtype: tf.float32 });
      const tape = new tf.GradientTape();
      const y = tape.run(() => { tape.watch(x); return fn(x); });
      const vjp = tape.gradient(y, x, { output_gradients: v });
      assert.deepEqual(dims(vjp), [4]);
      assertF32(vjp, VJP);
      assertF32(y, F_X);
    });
  });

  describe('"JVP and VJP" notebook: Keras Dense with model input', () => {
    const setup = () => {
      const x = tf.constant(F([[2.0, 3.0], [1.0, 4.0]]));
      const targets = tf.constant(F([[1.], [-1.]]));
      const dense = tf.keras.layers.Dense(1);
      dense.build([null, 2]);
      dense.kernel.assign(tf.constant(F([[-1.3399825], [1.3681983]])));
      return { x, targets, dense };
    };

    it('JVP along the kernel [[1],[0]] is 11.96414', () => {
      const { x, targets, dense } = setup();
      const acc = new tf.autodiff.ForwardAccumulator({ primals: dense.kernel, tangents: tf.constant(F([[1.], [0.]])) });
      const loss = acc.run(() => tf.reduce_sum(dense(x).sub(targets).pow(2.)));
      assert.equal(str(acc.jvp(loss)), 'tf.Tensor(11.96414, shape=(), dtype=float32)');
      assertF32(acc.jvp(loss), 11.96414);
    });

    it('the printed kernel, tangent and x', () => {
      const { x, dense } = setup();
      assert.equal(str(dense.kernel), "<tf.Variable 'kernel:0' shape=(2, 1) dtype=float32, numpy=\narray([[-1.3399825],\n       [ 1.3681983]], dtype=float32)>");
      assert.equal(str(tf.constant(F([[1.], [0.]]))), 'tf.Tensor(\n[[1.]\n [0.]], shape=(2, 1), dtype=float32)');
      assert.equal(str(x), 'tf.Tensor(\n[[2. 3.]\n [1. 4.]], shape=(2, 2), dtype=float32)');
    });

    it('JVP along the model input x with tangent [[0,0],[0,1]] is 14.045405', () => {
      const { x, targets, dense } = setup();
      const acc = new tf.autodiff.ForwardAccumulator({ primals: x, tangents: tf.constant(F([[0., 0], [0., 1.]])) });
      const loss = acc.run(() => tf.reduce_sum(dense(x).sub(targets).pow(2.)));
      assert.equal(str(acc.jvp(loss)), 'tf.Tensor(14.045405, shape=(), dtype=float32)');
      assertF32(acc.jvp(loss), 14.045405);
    });

    it('a fresh Dense layer has glorot-uniform kernel of shape (2, 1), zero bias, Keras names', () => {
      const dense = tf.keras.layers.Dense(1);
      dense.build([null, 2]);
      assert.deepEqual(dims(dense.kernel.value), [2, 1]);
      const limit = Math.sqrt(6 / (2 + 1));
      for (const k of flat(dense.kernel.value)) assert.ok(Math.abs(k) <= limit);
      assert.deepEqual(list(dense.bias!.value), [0]);
      assert.match(str(dense.kernel), /^<tf\.Variable 'kernel:0' shape=\(2, 1\)/);
      assert.match(str(dense.bias), /^<tf\.Variable 'bias:0' shape=\(1,\)/);
    });
  });
});
