// The jnp and tf array functions (neither library installs here): the examples of JAX 0.4.35's and
// TensorFlow 2's API docstrings, printed as the pages print them, and JAX's own choices against
// NumPy's: int32 indices, inexact promotion, the median as the midpoint quantile, `size` and
// `fill_value`, the inverse shaped like the input; TensorFlow's first-occurrence unique and int64
// coordinates.
import assert from 'node:assert/strict';
import { jax, jnp, np, tf, repr, Tensor } from '../../src/index.js';
import { F } from '../autodiff/helpers.js';

const J = jnp as any;
const TF = tf as any;
const p = (x: unknown) => repr(x);

describe('runtime: array functions of jnp (JAX 0.4.35 docstrings)', function () {
  it('sort and argsort (stable), along an axis, descending', function () {
    const x = J.array([1, 3, 5, 4, 2, 1]);
    assert.equal(p(J.sort(x)), 'Array([1, 1, 2, 3, 4, 5], dtype=int32)');
    assert.equal(p(J.argsort(x)), 'Array([0, 5, 4, 1, 3, 2], dtype=int32)');
    const y = J.array([[2, 1, 3], [6, 4, 3]]);
    const idx = J.argsort(y, { axis: 1 });
    assert.equal(p(idx), 'Array([[1, 0, 2],\n       [2, 1, 0]], dtype=int32)');
    assert.equal(p(J.take_along_axis(y, idx, { axis: 1 })), 'Array([[1, 2, 3],\n       [3, 4, 6]], dtype=int32)');
    assert.equal(p(J.sort(J.array([[2, 1, 3], [4, 3, 6]]), { axis: 1 })), 'Array([[1, 2, 3],\n       [3, 4, 6]], dtype=int32)');
    // descending keeps equal elements in order when stable (argsort), and is the reversed sort otherwise
    assert.equal(p(J.argsort(x, { descending: true })), 'Array([2, 3, 1, 4, 0, 5], dtype=int32)');
    assert.equal(p(J.argsort(x, { descending: true, stable: false })), 'Array([2, 3, 1, 4, 5, 0], dtype=int32)');
    assert.equal(p(J.sort(J.array(F([1, NaN, -2])), { descending: true })), 'Array([nan,  1., -2.], dtype=float32)');
    assert.equal(p(x.sort()), 'Array([1, 1, 2, 3, 4, 5], dtype=int32)');
    assert.throws(() => J.sort(x, { kind: 'stable' }), /TypeError: 'kind' argument to sort is not supported. Use stable=True or stable=False to specify sort stability./);
  });

  it('unique: values, indices, inverse (shaped like the input), counts, size and fill_value', function () {
    const x = J.array([3, 4, 1, 3, 1]);
    assert.equal(p(J.unique(x)), 'Array([1, 3, 4], dtype=int32)');
    const [v, i] = J.unique(x, { return_index: true });
    assert.equal(String(jnp.array(v)), '[1 3 4]');
    assert.equal(String(i), '[2 0 1]');
    assert.equal(String(J.unique(x, { return_inverse: true })[1]), '[1 2 0 1 0]');
    assert.equal(String(J.unique(x, { return_counts: true })[1]), '[2 2 1]');
    assert.equal(p(J.unique(x, { size: 2 })), 'Array([1, 3], dtype=int32)');
    assert.equal(p(J.unique(x, { size: 5 })), 'Array([1, 3, 4, 1, 1], dtype=int32)');
    assert.equal(p(J.unique(x, { size: 5, fill_value: 0 })), 'Array([1, 3, 4, 0, 0], dtype=int32)');
    const M = J.array([[1, 2], [2, 3], [1, 2]]);
    assert.equal(p(J.unique(M)), 'Array([1, 2, 3], dtype=int32)');
    assert.equal(p(J.unique(M, { axis: 0 })), 'Array([[1, 2],\n       [2, 3]], dtype=int32)');
    const [, counts] = J.unique(M, { axis: 0, return_counts: true });
    assert.equal(String(counts), '[2 1]');
    // JAX 0.4.35 shapes the inverse like the input when axis is None (NumPy 1.24 flattens it)
    assert.deepEqual([...J.unique(M, { return_inverse: true })[1].dims], [3, 2]);
    assert.deepEqual([...(np.unique(np.array([[1, 2], [2, 3]]), { return_inverse: true }) as Tensor[])[1].dims], [4]);
  });

  it('nonzero, where, argwhere, flatnonzero (int32; size and fill_value)', function () {
    assert.equal(p(J.nonzero(J.array([0, 5, 0, 6, 0, 7]))), '(Array([1, 3, 5], dtype=int32),)');
    assert.equal(p(J.nonzero(J.array([[0, 5, 0], [6, 0, 7]]))), '(Array([0, 1, 1], dtype=int32), Array([1, 0, 2], dtype=int32))');
    const x = J.array([0, 5, 0, 6, 0, 7]);
    assert.equal(p(J.nonzero(x, { size: 2 })), '(Array([1, 3], dtype=int32),)');
    assert.equal(p(J.nonzero(x, { size: 5 })), '(Array([1, 3, 5, 0, 0], dtype=int32),)');
    assert.equal(p(J.nonzero(x, { size: 5, fill_value: 6 })), '(Array([1, 3, 5, 6, 6], dtype=int32),)');
    assert.equal(p(J.where(J.arange(10).gt(4))), '(Array([5, 6, 7, 8, 9], dtype=int32),)');
    assert.equal(p(J.argwhere(J.array([[1, 0, 2], [0, 1, 0]]))), 'Array([[0, 0],\n       [0, 2],\n       [1, 1]], dtype=int32)');
    assert.equal(p(J.argwhere(1)), 'Array([], shape=(1, 0), dtype=int32)');
    assert.equal(p(J.argwhere(0)), 'Array([], shape=(0, 0), dtype=int32)');
    assert.equal(p(J.flatnonzero(J.array([[0, 2], [3, 0]]))), 'Array([1, 2], dtype=int32)');
    assert.throws(() => J.nonzero(J.array(1)), /ValueError: Calling nonzero on 0d arrays is not allowed. Use jnp.atleast_1d\(scalar\).nonzero\(\) instead./);
  });

  it('pad, diff, meshgrid, searchsorted, fromfunction', function () {
    const x = J.array([10, 20, 30, 40]);
    assert.equal(p(J.pad(x, 2)), 'Array([ 0,  0, 10, 20, 30, 40,  0,  0], dtype=int32)');
    assert.equal(p(J.pad(x, [2, 4])), 'Array([ 0,  0, 10, 20, 30, 40,  0,  0,  0,  0], dtype=int32)');
    assert.equal(p(J.pad(x, 2, { constant_values: 99 })), 'Array([99, 99, 10, 20, 30, 40, 99, 99], dtype=int32)');
    assert.equal(p(J.pad(x, 2, { mode: 'reflect' })), 'Array([30, 20, 10, 20, 30, 40, 30, 20], dtype=int32)');
    assert.equal(p(J.pad(J.array([[1, 2, 3], [4, 5, 6]]), [[1, 2], [3, 0]])),
      'Array([[0, 0, 0, 0, 0, 0],\n       [0, 0, 0, 1, 2, 3],\n       [0, 0, 0, 4, 5, 6],\n       [0, 0, 0, 0, 0, 0],\n       [0, 0, 0, 0, 0, 0]], dtype=int32)');
    assert.equal(p(J.pad(x, 2, { mode: 'mean' })), 'Array([25, 25, 10, 20, 30, 40, 25, 25], dtype=int32)');
    const a = J.array([[1, 5, 2, 9], [6, 11, 10, 7]]);
    assert.equal(p(J.diff(a)), 'Array([[ 4, -3,  7],\n       [ 5, -1, -3]], dtype=int32)');
    assert.equal(p(J.diff(a, { n: 2 })), 'Array([[-7, 10],\n       [-6, -2]], dtype=int32)');
    assert.equal(p(J.diff(a, { prepend: 2 })), 'Array([[-1,  4, -3,  7],\n       [ 4,  5, -1, -3]], dtype=int32)');
    assert.equal(p(J.diff(a, { append: J.array([[3], [1]]) })), 'Array([[ 4, -3,  7, -6],\n       [ 5, -1, -3, -6]], dtype=int32)');
    const [gx, gy] = J.meshgrid(J.array([1, 2]), J.array([10, 20, 30]));
    assert.equal(String(gx), '[[1 2]\n [1 2]\n [1 2]]');
    assert.equal(String(gy), '[[10 10]\n [20 20]\n [30 30]]');
    const [sx, sy] = J.meshgrid(J.array([1, 2]), J.array([10, 20, 30]), { sparse: true });
    assert.equal(String(sx), '[[1 2]]');
    assert.equal(String(sy), '[[10]\n [20]\n [30]]');
    const [ix] = J.meshgrid(J.array([1, 2]), J.array([10, 20, 30]), { indexing: 'ij' });
    assert.equal(String(ix), '[[1 1 1]\n [2 2 2]]');
    const s = J.array([1, 2, 2, 3, 4, 5, 5]);
    assert.equal(p(J.searchsorted(s, 2)), 'Array(1, dtype=int32)');
    assert.equal(p(J.searchsorted(s, 2, { side: 'right' })), 'Array(3, dtype=int32)');
    const vals = J.array(F([0, 3, 8, 1.5, 2]));
    assert.equal(p(J.searchsorted(s, vals)), 'Array([0, 3, 7, 1, 1], dtype=int32)');
    const u = J.array([4, 3, 5, 1, 2]);
    assert.equal(p(J.searchsorted(u, vals, { sorter: J.argsort(u) })), 'Array([0, 2, 5, 1, 1], dtype=int32)');
    assert.equal(p(J.fromfunction((i: Tensor, j: Tensor) => i.add(j), [2, 3])), 'Array([[0., 1., 2.],\n       [1., 2., 3.]], dtype=float32)');
  });

  it('median, quantile and percentile: inexact results, NaN lanes NaN, the midpoint median', function () {
    const x = J.array([[2, 4, 7, 1], [3, 5, 9, 2], [6, 1, 8, 3]]);
    assert.equal(p(J.median(x)), 'Array(3.5, dtype=float32)');
    assert.equal(p(J.median(x, { axis: 1 })), 'Array([3. , 4. , 4.5], dtype=float32)');
    assert.equal(p(J.median(x, { axis: 1, keepdims: true })), 'Array([[3. ],\n       [4. ],\n       [4.5]], dtype=float32)');
    const r = J.arange(10), q = J.array([0.25, 0.5, 0.75]);
    assert.equal(p(J.quantile(r, q)), 'Array([2.25, 4.5 , 6.75], dtype=float32)');
    assert.equal(p(J.quantile(r, q, { method: 'nearest' })), 'Array([2., 4., 7.], dtype=float32)');
    assert.equal(p(J.quantile(J.array(F([0, 1, 2, NaN, 3, 4, 5, 6])), q)), 'Array([nan, nan, nan], dtype=float32)');
    const z = J.array([0, 1, 2, 3, 4, 5, 6]);
    assert.equal(p(J.percentile(z, J.array([25, 50, 75]))), 'Array([1.5, 3. , 4.5], dtype=float32)');
    assert.equal(p(J.percentile(z, J.array([25, 50, 75]), { method: 'nearest' })), 'Array([1., 3., 4.], dtype=float32)');
    assert.throws(() => J.quantile(z, 0.5, { method: 'hazen' }), /ValueError: method can only be 'linear', 'lower', 'higher', 'midpoint', or 'nearest'/);
    assert.throws(() => J.median(z, { overwrite_input: true }), /ValueError: jax.numpy.median does not support overwrite_input=True or out != None/);
  });

  it('nansum, nanmean, nanmax', function () {
    const nan = NaN;
    const s = J.array(F([[3, nan, 4, 5], [nan, -2, nan, 7], [2, 1, 6, nan]]));
    assert.equal(p(J.nansum(s)), 'Array(26., dtype=float32)');
    assert.equal(p(J.nansum(s, { axis: 1 })), 'Array([12.,  5.,  9.], dtype=float32)');
    const m = J.array(F([[2, nan, 4, 3], [nan, -2, nan, 9], [4, -7, 6, nan]]));
    assert.equal(p(J.nanmean(m)), 'Array(2.375, dtype=float32)');
    assert.equal(p(J.nanmean(m, { axis: 1, keepdims: true })), 'Array([[3. ],\n       [3.5],\n       [1. ]], dtype=float32)');
    const x = J.array(F([[8, nan, 4, 6], [nan, -2, nan, -4], [-2, 1, 7, nan]]));
    assert.equal(p(J.nanmax(x, { axis: 1 })), 'Array([ 8., -2.,  7.], dtype=float32)');
  });

  it('without x64, NumPy float64 and int64 arrays given to jnp are held as float32 and int32 (asked-for float64 truncates)', function () {
    assert.equal(J.array(np.ones(2)).dt, 'float32');
    assert.equal(J.asarray(np.arange(3)).dt, 'int32');
    assert.equal(J.sin(np.ones(2)).dt, 'float32');
    assert.equal(p(J.sum(np.arange(3))), 'Array(3, dtype=int32)');
    assert.equal((jax.random.uniform(jax.random.PRNGKey(0), [3], { dtype: J.float64 }) as Tensor).dt, 'float32');
    jax.config.update('jax_enable_x64', true);
    try {
      assert.equal(J.array(np.ones(2)).dt, 'float64');
    } finally {
      jax.config.update('jax_enable_x64', false);
    }
  });

  it('with jax_enable_x64 the indices are int64 (searchsorted stays int32)', function () {
    jax.config.update('jax_enable_x64', true);
    try {
      assert.equal(J.argsort(J.array([2, 1])).dt, 'int64');
      assert.equal(J.nonzero(J.array([2, 1]))[0].dt, 'int64');
      assert.equal(J.searchsorted(J.array([1, 2]), 1).dt, 'int32');
      assert.equal(J.median(J.array([1, 2])).dt, 'float64');
    } finally {
      jax.config.update('jax_enable_x64', false);
    }
  });
});

describe('runtime: array functions of tf (TensorFlow 2 docstrings)', function () {
  it('sort and argsort (int32 indices), both directions', function () {
    const v = TF.constant(F([1, 10, 26.7, 2.8, 3.5, 0.1, 1.5]));
    assert.deepEqual(Array.from(TF.sort(v).values as Float32Array), F([0.1, 1, 1.5, 2.8, 3.5, 10, 26.7]).map((n: number) => Math.fround(Number(n))));
    assert.equal(p(TF.argsort(v)), '<tf.Tensor: shape=(7,), dtype=int32, numpy=array([5, 0, 6, 3, 4, 1, 2], dtype=int32)>');
    assert.equal(p(TF.argsort(v, { direction: 'DESCENDING' })), '<tf.Tensor: shape=(7,), dtype=int32, numpy=array([2, 1, 4, 3, 6, 0, 5], dtype=int32)>');
    assert.equal(p(TF.sort(TF.constant([3, 1, 2]), { direction: 'DESCENDING' })), '<tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 2, 1], dtype=int32)>');
    assert.throws(() => TF.sort(v, { direction: 'UP' }), /ValueError: UP should be one of ASCENDING, DESCENDING/);
  });

  it('unique and unique_with_counts: first-occurrence order', function () {
    const x = TF.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]);
    assert.equal(p(TF.unique(x)),
      'Unique(y=<tf.Tensor: shape=(5,), dtype=int32, numpy=array([1, 2, 4, 7, 8], dtype=int32)>, idx=<tf.Tensor: shape=(9,), dtype=int32, numpy=array([0, 0, 1, 2, 2, 2, 3, 4, 4], dtype=int32)>)');
    const [y, idx, count] = TF.unique_with_counts(TF.constant([4, 1, 4, 2]));
    assert.deepEqual([...y.values, ...idx.values, ...count.values], [4, 1, 2, 0, 1, 0, 2, 2, 1, 1]);
    assert.equal(TF.unique(x, { out_idx: TF.int64 }).idx.dt, 'int64');
    assert.throws(() => TF.unique(TF.constant([[1]])), /InvalidArgumentError: unique expects a 1D vector/);
  });

  it('where(condition) gives int64 coordinates; pad; meshgrid; searchsorted', function () {
    assert.equal(p(TF.where(TF.constant([true, false, false, true]))), '<tf.Tensor: shape=(2, 1), dtype=int64, numpy=\narray([[0],\n       [3]])>');
    const t = TF.constant([[1, 2, 3], [4, 5, 6]]);
    const pads = [[1, 1], [2, 2]];
    assert.deepEqual(Array.from(TF.pad(t, pads).values as Int32Array), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(TF.pad(t, pads, 'REFLECT').values as Int32Array), [6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1, 6, 5, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 2, 1]);
    assert.deepEqual(Array.from(TF.pad(t, pads, 'SYMMETRIC').values as Int32Array), [2, 1, 1, 2, 3, 3, 2, 2, 1, 1, 2, 3, 3, 2, 5, 4, 4, 5, 6, 6, 5, 5, 4, 4, 5, 6, 6, 5]);
    assert.throws(() => TF.pad(t, [[3, 0], [0, 0]], 'REFLECT'), /InvalidArgumentError: paddings must be less than the dimension size: 3, 0 not less than 2 \[Op:MirrorPad\]/);
    const [X, Y] = TF.meshgrid(TF.constant([1, 2, 3]), TF.constant([4, 5, 6]));
    assert.deepEqual([...X.values, ...Y.values], [1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6]);
    const seq = TF.constant([[0, 3, 9, 9, 10], [1, 2, 3, 4, 5]]), vals = TF.constant([[2, 4, 9], [0, 2, 6]]);
    assert.deepEqual(Array.from(TF.searchsorted(seq, vals).values as Int32Array), [1, 2, 2, 0, 1, 5]);
    assert.deepEqual(Array.from(TF.searchsorted(seq, vals, { side: 'right' }).values as Int32Array), [1, 2, 4, 0, 2, 5]);
    assert.equal(TF.searchsorted(seq, vals).dt, 'int32');
  });
});
