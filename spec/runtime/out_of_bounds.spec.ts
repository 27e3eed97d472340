// Out-of-bounds indices per library: JAX clamps indexing and .at[].get() and fills jnp.take (its
// documented outputs: the Sharp Bits page, the jnp.take docstring); NumPy raises, and np.take wraps
// or clips when asked (NumPy 1.24's outputs).
import assert from 'node:assert/strict';
import { jax, jnp, np, repr, Tensor } from '../../src/index.js';
import { F } from '../autodiff/helpers.js';
import { getItem } from '../../src/api/operators.js';

const T = (x: unknown) => x as Tensor;

describe('runtime: out-of-bounds indices', () => {
  it('JAX clamps indexing and .at[].get(), after one wrap of a negative index', () => {
    assert.equal(repr(T(jnp.arange(10)).getItem(11)), 'Array(9, dtype=int32)');
    assert.equal(repr(T(jnp.arange(10)).getItem(-12)), 'Array(0, dtype=int32)');
    assert.equal(repr(T(jnp.arange(10)).getItem(jnp.array([3, 20, -1]))), 'Array([3, 9, 9], dtype=int32)');
    // x.at[11] as a cell writes it (library code calls the operator helper).
    const at11 = () => getItem(T(jnp.arange(10, { dtype: jnp.float32 })).at, 11) as { get(o?: unknown): Tensor };
    assert.equal(repr(at11().get()), 'Array(9., dtype=float32)');
    assert.equal(repr(at11().get({ mode: 'fill', fill_value: NaN })), 'Array(nan, dtype=float32)');
  });

  it('jnp.take fills by default (NaN, the most negative int), clips or wraps when asked', () => {
    const x = T(jnp.array(F([[1., 2., 3.], [4., 5., 6.]])));
    const idx = jnp.array([2, 0]);
    assert.equal(repr(jnp.take(x, idx, { axis: 0 })), 'Array([[nan, nan, nan],\n       [ 1.,  2.,  3.]], dtype=float32)');
    assert.equal(repr(jnp.take(x, idx, { axis: 0, mode: 'clip' })), 'Array([[4., 5., 6.],\n       [1., 2., 3.]], dtype=float32)');
    assert.equal(repr(jnp.take(jnp.arange(5), jnp.array([7, -1]))), 'Array([-2147483648,           4], dtype=int32)');
    assert.equal(repr(jnp.take(jnp.arange(5), jnp.array([7, -1]), { mode: 'wrap' })), 'Array([2, 4], dtype=int32)');
    assert.throws(() => jnp.take(jnp.arange(5), jnp.array([7]), { mode: 'raise' }), /NotImplementedError: The 'raise' mode to jnp.take is not supported./);
  });

  it('a filled gather differentiates: the fill gets no gradient', () => {
    const g = jax.grad((v: Tensor) => (jnp.take(v, jnp.array([0, 7]), { fill_value: 0 }) as Tensor).sum())(jnp.arange(3, { dtype: jnp.float32 }));
    assert.equal(repr(g), 'Array([1., 0., 0.], dtype=float32)');
  });

  it('NumPy raises, and np.take wraps or clips (clip does not count negative indices from the end)', () => {
    assert.throws(() => T(np.arange(10)).getItem(11), /IndexError: index 11 is out of bounds for axis 0 with size 10/);
    assert.throws(() => np.take(np.arange(5), [7]), /IndexError: index 7 is out of bounds for axis 0 with size 5/);
    assert.equal(repr(np.take(np.arange(5), [-1, 7], { mode: 'clip' })), 'array([0, 4])');
    assert.equal(repr(np.take(np.arange(5), [-1, 7], { mode: 'wrap' })), 'array([4, 2])');
    assert.equal(repr(np.take(np.arange(12).reshape(3, 4), [5, -7], { axis: 1, mode: 'wrap' })), 'array([[1, 1],\n       [5, 5],\n       [9, 9]])');
    assert.throws(() => np.take(np.arange(3), [5], { mode: 'bogus' }), /ValueError: clipmode must be one of 'clip', 'raise', or 'wrap' \(got 'bogus'\)/);
  });
});
