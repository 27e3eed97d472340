// Derivatives of the array functions against central differences in float64, forward (jacfwd, jvp)
// and reverse (jacrev, vjp) mode, second order too: sort (the cotangent goes back through the
// permutation), median, percentile and quantile with each library's interpolation, diff with
// prepend/append, pad in every mode (reflections of several chunks, odd reflections), take_along_axis
// and gather, unique's values, meshgrid, the NaN reductions; and vmap of sort against a loop.
import assert from 'node:assert/strict';
import { jax, jnp, np, torch, tf, ops, Tensor } from '../../src/index.js';
import { check, random } from './gradcheck_core.js';
import { assertClose } from './helpers.js';

const J = jnp as any, N = np as any, T = torch as any, TF = tf as any;
const X = (seed: number, shape = [3, 4], lo = -1, hi = 1) => random(shape, seed, lo, hi);

describe('autodiff: array functions (float64 central differences)', function () {
  before(() => jax.config.update('jax_enable_x64', true));
  after(() => jax.config.update('jax_enable_x64', false));
  this.timeout(30000);

  describe('sorting', function () {
    it('jnp.sort along each axis, flattened, descending', () => {
      check('sort -1', (x) => J.sort(x), [X(1)]);
      check('sort 0', (x) => J.sort(x, { axis: 0 }), [X(2)]);
      check('sort None', (x) => J.sort(x, { axis: null }), [X(3, [2, 3])], { second: false });
      check('sort desc', (x) => J.sort(x, { descending: true }), [X(4)], { second: false });
    });
    it('np.sort, torch.sort values, tf.sort', () => {
      check('np.sort', (x) => N.sort(x, { axis: 0, kind: 'heapsort' }), [X(5)], { second: false });
      check('torch.sort', (x) => T.sort(x, 1, true).values, [X(6)], { second: false });
      check('tf.sort', (x) => TF.sort(x, { direction: 'DESCENDING' }), [X(7)], { second: false });
    });
    it('take_along_axis with argsort indices, torch.gather', () => {
      check('take_along_axis', (x) => J.take_along_axis(x, J.argsort(x, { axis: 0 }), 0), [X(8)]);
      check('gather', (x) => T.gather(x, 1, T.tensor([[3, 0], [1, 1], [2, 0]])), [X(9)], { second: false });
    });
    it('the values of jnp.unique', () => {
      check('unique', (x) => J.unique(x, { axis: 0 }), [X(10)], { second: false });
    });
    it('vmap of sort, quantile and searchsorted equals a loop over the rows', () => {
      const x = X(11, [4, 5]);
      const batched = jax.vmap((r: Tensor) => J.sort(r))(x) as Tensor;
      assertClose(batched, J.sort(x, { axis: 1 }), 0, 0, 'vmap(sort)');
      const quant = jax.vmap((r: Tensor) => J.quantile(r, 0.3))(x) as Tensor;
      assertClose(quant, J.quantile(x, 0.3, { axis: 1 }), 1e-15, 0, 'vmap(quantile)');
      const found = jax.vmap((r: Tensor) => J.searchsorted(J.sort(r), J.array([-0.5, 0, 0.5])))(x) as Tensor;
      const loop = [0, 1, 2, 3].map((k) => Array.from(J.searchsorted(J.sort(x.getItem(k)), J.array([-0.5, 0, 0.5])).values as Int32Array));
      assert.deepEqual(Array.from(found.values as Int32Array), loop.flat());
    });
  });

  describe('order statistics', function () {
    it('median: NumPy (mean of the middle two), JAX (midpoint), torch (lower middle)', () => {
      check('np.median', (x) => N.median(x, { axis: 1 }), [X(12)]);
      check('np.median None', (x) => N.median(x), [X(13, [3, 3])], { second: false });
      check('jnp.median keepdims', (x) => J.median(x, { axis: 0, keepdims: true }), [X(14)], { second: false });
      check('torch.median', (x) => T.median(x, 1).values, [X(15)], { second: false });
      check('torch.median all', (x) => T.median(x), [X(16)], { second: false });
    });
    it('percentile and quantile (NumPy lerp, JAX weights, torch lerp), several q and methods', () => {
      check('np.percentile', (x) => N.percentile(x, 30, { axis: 1 }), [X(17)]);
      check('np.percentile list', (x) => N.percentile(x, [10, 55, 90], { axis: [0, 1] }), [X(18)], { second: false });
      check('np.quantile hazen', (x) => N.quantile(x, [0.2, 0.7], { axis: 0, method: 'hazen' }), [X(19)], { second: false });
      check('np.quantile midpoint', (x) => N.quantile(x, 0.4, { axis: 0, method: 'midpoint' }), [X(20)], { second: false });
      check('jnp.quantile', (x) => J.quantile(x, J.array([0.25, 0.6]), { axis: 1 }), [X(21)], { second: false });
      check('torch.quantile', (x) => T.quantile(x, T.tensor([0.1, 0.75], { dtype: T.float64 }), { dim: 0 }), [X(22)], { second: false });
      check('torch.nanquantile', (x) => T.nanquantile(x, 0.35, { dim: 1 }), [X(23)], { second: false });
    });
    it('the derivative of quantile with respect to q', () => {
      const x = X(24, [7]);
      check('np.quantile d/dq', (q) => N.quantile(x, q), [ops.reshape(jnp.array([0.33, 0.71], 'float64') as Tensor, [2])], { second: false });
      check('jnp.quantile d/dq', (q) => J.quantile(x, q), [ops.reshape(jnp.array([0.21], 'float64') as Tensor, [1])], { second: false });
    });
  });

  describe('diff, pad, meshgrid, NaN reductions', function () {
    it('diff with n, axis, prepend and append', () => {
      check('diff', (x) => J.diff(x), [X(25)]);
      check('diff n=2 axis=0', (x) => N.diff(x, { n: 2, axis: 0 }), [X(26, [4, 3])]);
      check('diff ends', (x, p) => J.diff(x, { prepend: p, append: 0.5 }), [X(27), X(28, [3, 1])]);
      check('torch.diff', (x) => T.diff(x, { n: 3 }), [X(29, [2, 6])], { second: false });
    });
    it('np.pad in every mode, far pads (several reflected chunks), odd reflections', () => {
      for (const mode of ['constant', 'edge', 'reflect', 'symmetric', 'wrap']) {
        check(`pad ${mode}`, (x) => N.pad(x, [[2, 1], [5, 7]], mode), [X(30, [2, 3])], { second: false });
      }
      check('pad reflect odd', (x) => N.pad(x, [[0, 0], [6, 4]], 'reflect', { reflect_type: 'odd' }), [X(31, [2, 3])], { second: false });
      check('pad symmetric odd', (x) => J.pad(x, 3, { mode: 'symmetric', reflect_type: 'odd' }), [X(32, [2, 2])], { second: false });
      check('pad constant values', (x) => J.pad(x, 1, { constant_values: [[1, 2], [3, 4]] }), [X(33, [2, 2])], { second: false });
    });
    it('torch.nn.functional.pad and tf.pad', () => {
      const F = T.nn.functional;
      check('F.pad constant crop', (x) => F.pad(x, [2, -1, -1, 1]), [X(34)], { second: false });
      check('F.pad reflect', (x) => F.pad(x.getItem(null), [3, 2], { mode: 'reflect' }), [X(35)], { second: false });
      check('F.pad replicate', (x) => F.pad(x.getItem(null), [1, 2, 2, 1], { mode: 'replicate' }), [X(36)], { second: false });
      check('F.pad circular', (x) => F.pad(x.getItem(null), [4, 3], { mode: 'circular' }), [X(37)], { second: false });
      check('tf.pad symmetric', (x) => TF.pad(x, [[1, 3], [2, 0]], 'SYMMETRIC'), [X(38)], { second: false });
    });
    it('meshgrid and the NaN reductions', () => {
      check('meshgrid', (x, y) => ops.mul(J.meshgrid(x, y)[0], J.meshgrid(x, y)[1]), [X(39, [3]), X(40, [4])], { second: false });
      check('nansum', (x) => N.nansum(x, { axis: 0 }), [X(41)], { second: false });
      check('nanmean', (x) => N.nanmean(x, { axis: 1 }), [X(42)], { second: false });
      check('nanmax', (x) => J.nanmax(x, { axis: 1 }), [X(43)], { second: false });
    });
  });

  it('torch autograd: backward through sort, median and pad fills .grad', function () {
    const w = T.tensor([[0.3, -1.2, 2.5], [1.7, 0.4, -0.8]], { dtype: T.float64, requires_grad: true });
    const y = T.sort(w, 1).values.mul(T.tensor([1, 2, 3], { dtype: T.float64 })).sum()
      .add(T.median(w, 0).values.sum())
      .add(T.nn.functional.pad(w.getItem(null), [2, 2], { mode: 'reflect' }).sum());
    y.backward();
    // sort: each element's rank weight; median of two rows: the lower one; reflect (2, 2): the copies of each element
    const sortW = [2, 1, 3, 3, 2, 1], medianW = [1, 1, 0, 0, 0, 1], padW = [2, 3, 2, 2, 3, 2];
    assert.deepEqual(Array.from(w.grad.values as Float64Array), sortW.map((s, k) => s + medianW[k] + padW[k]));
  });
});
