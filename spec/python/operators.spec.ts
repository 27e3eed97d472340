// Python's operators and protocols on the tensor wrapper: arithmetic (reflected and in place),
// comparisons, bitwise on booleans, matmul, unary operators, truth, len, iteration, scalar
// conversion, indexing and item assignment, and printing through Jacobi's printers.
import assert from 'node:assert/strict';
import { LOAD_TIMEOUT, Py } from './helpers.js';

describe('Python cells: operators and protocols on tensors', function () {
  this.timeout(LOAD_TIMEOUT);
  const py = new Py();

  before(async () => {
    await py.ok('import numpy as np\nimport torch\nimport tensorflow as tf\nimport jax\nimport jax.numpy as jnp');
    await py.ok('t = torch.tensor([1.0, 2.0, 4.0])\nm = torch.tensor([[1.0, 2.0], [3.0, 4.0]])');
  });

  it('binary arithmetic, both ways round', async () => {
    assert.equal(await py.repr('t + 1'), 'tensor([2., 3., 5.])');
    assert.equal(await py.repr('1 + t'), 'tensor([2., 3., 5.])');
    assert.equal(await py.repr('t - 0.5'), 'tensor([0.5000, 1.5000, 3.5000])');
    assert.equal(await py.repr('10 - t'), 'tensor([9., 8., 6.])');
    assert.equal(await py.repr('t * t'), 'tensor([ 1.,  4., 16.])');
    assert.equal(await py.repr('2 * t'), 'tensor([2., 4., 8.])');
    assert.equal(await py.repr('t / 2'), 'tensor([0.5000, 1.0000, 2.0000])');
    assert.equal(await py.repr('4 / t'), 'tensor([4., 2., 1.])');
    assert.equal(await py.repr('t // 3'), 'tensor([0., 0., 1.])');
    assert.equal(await py.repr('t % 3'), 'tensor([1., 2., 1.])');
    assert.equal(await py.repr('t ** 2'), 'tensor([ 1.,  4., 16.])');
    assert.equal(await py.repr('2 ** t'), 'tensor([ 2.,  4., 16.])');
  });

  it('@ is matmul, both ways round (a nested list on the left)', async () => {
    assert.equal(await py.repr('m @ m'), 'tensor([[ 7., 10.],\n        [15., 22.]])');
    assert.equal(await py.print('print(m @ torch.tensor([1.0, 1.0]))'), 'tensor([3., 7.])\n');
  });

  it('unary -, +, abs() and ~ on booleans', async () => {
    assert.equal(await py.repr('-t'), 'tensor([-1., -2., -4.])');
    assert.equal(await py.repr('+t'), 'tensor([1., 2., 4.])');
    assert.equal(await py.repr('abs(-t)'), 'tensor([1., 2., 4.])');
    assert.equal(await py.repr('~(t > 1.5)'), 'tensor([ True, False, False])');
  });

  it('comparisons are elementwise, and & | ^ combine masks', async () => {
    assert.equal(await py.repr('t < 2'), 'tensor([ True, False, False])');
    assert.equal(await py.repr('t <= 2'), 'tensor([ True,  True, False])');
    assert.equal(await py.repr('t > 2'), 'tensor([False, False,  True])');
    assert.equal(await py.repr('t >= 2'), 'tensor([False,  True,  True])');
    assert.equal(await py.repr('t == 2'), 'tensor([False,  True, False])');
    assert.equal(await py.repr('t != 2'), 'tensor([ True, False,  True])');
    assert.equal(await py.repr('(t > 1) & (t < 4)'), 'tensor([False,  True, False])');
    assert.equal(await py.repr('(t < 2) | (t > 3)'), 'tensor([ True, False,  True])');
    assert.equal(await py.repr('(t > 1) ^ (t > 3)'), 'tensor([False,  True, False])');
    assert.equal(await py.repr('t == None'), 'False');
  });

  it('in-place operators change NumPy arrays and torch tensors in place, and rebind TensorFlow and JAX values', async () => {
    assert.equal(await py.print('a = np.array([1.0, 2.0])\nalias = a\nalias += 1\nalias *= 2\nprint(a, alias is a)'), '[4. 6.] True\n');
    assert.equal(await py.print('u = torch.tensor([1.0, 2.0])\nv = u\nv -= 1\nprint(u, v is u)'), 'tensor([0., 1.]) True\n');
    assert.equal(await py.print('x = jnp.array([1.0, 2.0])\ny = x\ny += 1\nprint(x, y, y is x)'), '[1. 2.] [2. 3.] False\n');
    assert.equal(await py.print('c = tf.constant([1.0, 2.0])\nd = c\nd **= 2\nprint(d is c)'), 'False\n');
  });

  it("truth: a one-element tensor's value, else the library's error", async () => {
    assert.equal(await py.print('print(bool(torch.tensor([3.0])), bool(torch.tensor(0.0)))'), 'True False\n');
    assert.equal(await py.print('if t.sum() > 5: print("big")'), 'big\n');
    assert.equal(await py.raises('bool(t)'), 'RuntimeError: Boolean value of Tensor with more than one value is ambiguous');
    assert.equal(await py.raises('bool(np.array([1.0, 2.0]))'), 'ValueError: The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
  });

  it('len(), iteration, unpacking and conversion to Python numbers', async () => {
    assert.equal(await py.print('print(len(t), len(m))'), '3 2\n');
    assert.equal(await py.print('for row in m:\n    print(row)'), 'tensor([1., 2.])\ntensor([3., 4.])\n');
    assert.equal(await py.print('a, b, c = t\nprint(float(a) + float(c))'), '5.0\n');
    assert.equal(await py.print('print(float(t[1]), int(t[2]), complex(t[0]))'), '2.0 4 (1+0j)\n');
    assert.equal(await py.print('print([0, 10, 20, 30, 40][torch.tensor(3, dtype=torch.int64)])'), '30\n');
    assert.match(await py.raises('len(torch.tensor(1.0))'), /^TypeError: len\(\) of a 0-d tensor/);
    assert.match(await py.raises('float(t)'), /^TypeError: only length-1 arrays/);
  });

  it('indexing with ints, slices, Ellipsis, None, lists, tensors and masks', async () => {
    await py.ok('g = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])');
    assert.equal(await py.repr('g[1]'), 'tensor([3., 4., 5.])');
    assert.equal(await py.repr('g[-1, -1]'), 'tensor(5.)');
    assert.equal(await py.repr('g[:, 1:]'), 'tensor([[1., 2.],\n        [4., 5.]])');
    assert.equal(await py.repr('g[0, ::2]'), 'tensor([0., 2.])');
    assert.equal(await py.repr('g[0, ::-1]'), 'tensor([2., 1., 0.])');
    assert.equal(await py.repr('g[..., 0]'), 'tensor([0., 3.])');
    assert.equal(await py.repr('g[None].shape'), 'torch.Size([1, 2, 3])');
    assert.equal(await py.repr('g[:, None, 0].shape'), 'torch.Size([2, 1])');
    assert.equal(await py.repr('g[0, [0, 2]]'), 'tensor([0., 2.])');
    assert.equal(await py.repr('g[0, torch.tensor([2, 1])]'), 'tensor([2., 1.])');
    assert.equal(await py.repr('g[g > 3.5]'), 'tensor([4., 5.])');
    assert.equal(await py.repr('g[slice(None, 1)]'), 'tensor([[0., 1., 2.]])');
  });

  it('item assignment: NumPy and torch in place, JAX and TensorFlow refuse as they do', async () => {
    assert.equal(await py.print('z = np.array([1.0, 2.0, 3.0])\nsame = z\nz[0] = 10.0\nz[1:] = 0.0\nprint(same)'), '[10.  0.  0.]\n');
    assert.equal(await py.print('w = torch.zeros(2, 2)\nw[:, 1] = torch.tensor([5.0, 6.0])\nprint(w)'), 'tensor([[0., 5.],\n        [0., 6.]])\n');
    assert.match(await py.raises('q = jnp.array([1.0])\nq[0] = 2.0'), /^TypeError: '<class 'jaxlib\.xla_extension\.ArrayImpl'>' object does not support item assignment\. JAX arrays are immutable/);
    assert.match(await py.raises('k = tf.constant([1.0])\nk[0] = 2.0'), /^TypeError: 'tensorflow\.python\.framework\.ops\.EagerTensor' object does not support item assignment/);
  });

  it('repr, str and format come from Jacobi\'s printers, per library', async () => {
    await py.ok('e = tf.constant([1.5, 2.0])');
    assert.equal(await py.repr('e'), '<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 2. ], dtype=float32)>');
    assert.equal(await py.print('print(e)'), 'tf.Tensor([1.5 2. ], shape=(2,), dtype=float32)\n');
    assert.equal(await py.print('print(f"{e}")'), '[1.5 2. ]\n');
    assert.equal(await py.print('print(f"{torch.tensor(2.5)}|{torch.tensor(2.5):.3f}|{tf.constant(1.25):>6}")'), '2.5|2.500|  1.25\n');
    assert.match(await py.raises('format(e, ".2f")'), /^TypeError: unsupported format string passed to /);
    assert.equal(await py.print('print(repr([t[0], e[1]]))'), '[tensor(1.), <tf.Tensor: shape=(), dtype=float32, numpy=2.0>]\n');
  });

  it('types per library: numpy.ndarray, torch.Tensor, EagerTensor, jax.Array, ResourceVariable; shapes', async () => {
    assert.equal(await py.print('print(type(np.array([1.0])), type(t), type(tf.constant(1.0)))'),
      "<class 'numpy.ndarray'> <class 'torch.Tensor'> <class 'tensorflow.python.framework.ops.EagerTensor'>\n");
    assert.equal(await py.print('print(type(jnp.array([1.0])), isinstance(jnp.array([1.0]), jax.Array))'), "<class 'jaxlib.xla_extension.ArrayImpl'> True\n");
    assert.equal(await py.print('v = tf.Variable([1.0])\nprint(type(v).__name__, isinstance(v, tf.Variable), isinstance(tf.constant(1.0), tf.Tensor))'), 'ResourceVariable True True\n');
    assert.equal(await py.print('print(t.shape, tuple(t.shape), t.shape == (3,))'), 'torch.Size([3]) (3,) True\n');
    assert.equal(await py.print('s = tf.constant([[1.0], [2.0]]).shape\nprint(repr(s), s, f"{s}", s.as_list())'), 'TensorShape([2, 1]) (2, 1) (2, 1) [2, 1]\n');
    assert.equal(await py.print('print(jnp.ones((2, 3)).shape)'), '(2, 3)\n');
  });

  it('attributes and methods forward to the JS tensor; setting requires_grad marks a torch leaf', async () => {
    assert.equal(await py.print('print(t.sum(), m.ndim, m.T[0], m.reshape(4).shape)'), 'tensor(7.) 2 tensor([1., 3.]) torch.Size([4])\n');
    assert.equal(await py.print('leaf = torch.tensor([1.0, 2.0])\nleaf.requires_grad = True\n(leaf * leaf).sum().backward()\nprint(leaf.grad, leaf.requires_grad)'), 'tensor([2., 4.]) True\n');
    assert.match(await py.raises('t.no_such_method'), /^AttributeError: 'Tensor' object has no attribute 'no_such_method'/);
  });
});
