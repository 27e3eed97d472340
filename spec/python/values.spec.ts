// Values crossing between Python and the runtime: Python's kinds of numbers, tuples, lists, dicts,
// slices, None and Ellipsis as the facades receive them; JS values as Python gets them back;
// keyword arguments; the modules made of the facades and their errors.
import assert from 'node:assert/strict';
import { LOAD_TIMEOUT, Py } from './helpers.js';

describe('Python cells: values between Python and the runtime', function () {
  this.timeout(LOAD_TIMEOUT);
  const py = new Py();

  before(async () => {
    await py.ok('import _jacobi_js as J\nfrom _jacobi.core import to_js, from_js\nimport torch, numpy as np, tensorflow as tf');
  });

  it('Python numbers keep their kinds: int, float (a PyFloat when integral), bool, big ints as BigInt', async () => {
    assert.equal(await py.print('print([J.kind(to_js(v)) for v in (2, 2.0, 2.5, True, None, float("inf"))])'),
      "['int', 'pyfloat', 'float', 'bool', 'none', 'float']\n");
    assert.equal(await py.print('big = to_js(2**60)\nprint(J.kind(big), from_js(big) == 2**60, type(from_js(big)).__name__)'), 'int True int\n');
    assert.equal(await py.print('print(J.str(to_js(2.0)), J.str(to_js(2)), from_js(to_js(-0.0)))'), '2.0 2 -0.0\n');
  });

  it('containers: list -> Array (kinds kept inside), tuple -> PyTuple, dict -> plain object', async () => {
    assert.equal(await py.print('print(J.kind(to_js([1, 2.0])), [J.kind(e) for e in to_js([1, 2.0, [3.0]])])'), "list ['int', 'pyfloat', 'list']\n");
    assert.equal(await py.print('print(J.kind(to_js((1, 2.0))), [J.kind(e) for e in to_js((1, 2.0))], from_js(to_js((5,))))'), "tuple ['int', 'pyfloat'] (5,)\n");
    assert.equal(await py.print('print(J.kind(to_js({"axis": 1})), J.repr(to_js({"axis": 1, "keepdims": True})))'), "dict {'axis': 1, 'keepdims': True}\n");
    assert.equal(await py.print('floats = to_js([float(i) for i in range(20)])\nprint(J.kind(floats[0]), J.kind(floats[1]))'), 'pyfloat pyfloat\n');
  });

  it('slices, Ellipsis and None as index specs', async () => {
    assert.equal(await py.print('s = to_js(slice(1, None, 2))\nprint(s.constructor.name, from_js(s.start), from_js(s.stop), from_js(s.step))'), 'Slice 1 None 2\n');
    assert.equal(await py.print('print(to_js(...), J.kind(to_js(None)))'), '... none\n');
  });

  it('JS values back in Python: PyTuple -> tuple, arrays -> lists, PyFloat -> float, integral numbers -> int, objects -> dict', async () => {
    assert.equal(await py.print('print(from_js(J.tuple(1, J.float(2))), from_js(J.list(1, 2.5)), from_js(J.float(3)), from_js(J.dict(J.list("a"), J.list(1))))'),
      "(1, 2.0) [1, 2.5] 3.0 {'a': 1}\n");
    assert.equal(await py.print('print(type(from_js(J.float(3))).__name__, from_js(J.tuple()))'), 'float ()\n');
  });

  it('keyword arguments reach the facades as a trailing options object with the Python names', async () => {
    assert.equal(await py.print('print(torch.sum(torch.ones(2, 3), dim=0))'), 'tensor([2., 2., 2.])\n');
    assert.equal(await py.print('print(tf.reduce_sum(tf.ones((2, 3)), axis=1, keepdims=True).shape)'), '(2, 1)\n');
    assert.equal(await py.print('v = tf.Variable([1.0, 2.0], dtype=tf.float32, name="w")\nprint(v.name, v.dtype, repr(v.dtype))'), "w:0 <dtype: 'float32'> tf.float32\n");
    assert.equal(await py.print('x = torch.tensor([1.0, 2.0], requires_grad=True)\nprint(x)'), 'tensor([1., 2.], requires_grad=True)\n');
  });

  it('modules of the facades: every facade name, submodules, and the library named in errors', async () => {
    assert.equal(await py.print('import torch.nn.functional as F\nprint(F.relu(torch.tensor([-1.0, 2.0])))'), 'tensor([0., 2.])\n');
    assert.equal(await py.print('from torch.autograd.functional import jacobian\nimport jax.numpy as jnp\nimport numpy.testing\nprint(callable(jacobian), jnp.pi > 3, type(numpy.testing).__name__)'), 'True True JsModule\n');
    assert.equal(await py.raises('torch.foo'), "AttributeError: module 'torch' has no attribute 'foo' (Jacobi does not provide it)");
    assert.equal(await py.raises('tf.math.no_such_op'), "AttributeError: module 'tensorflow.math' has no attribute 'no_such_op' (Jacobi does not provide it)");
    assert.equal(await py.raises('import scipy'), "ModuleNotFoundError: No module named 'scipy'");
    assert.equal(await py.raises('import torch.nothing_here'), "ModuleNotFoundError: No module named 'torch.nothing_here'");
    assert.match(await py.raises('from numpy import no_such_name'), /^ImportError: cannot import name 'no_such_name' from 'numpy'/);
    assert.equal(await py.print('print("reduce_sum" in dir(tf), "tensor" in dir(torch))'), 'True True\n');
  });

  it('library errors become the Python exceptions the libraries raise, named as their tracebacks name them', async () => {
    assert.match(await py.raises('torch.ones(2) + torch.ones(3)'), /^(RuntimeError|ValueError): /);
    const r = await py.run('tf.constant([1.0, 2.0]) + tf.constant([1.0, 2.0, 3.0])');
    assert.equal(r.outcome.status, 'error');
    assert.match(r.error!, /^(tensorflow\.python\.framework\.errors_impl\.InvalidArgumentError|ValueError): /);
    assert.equal(await py.print('try:\n    torch.ones(2) @ torch.ones(3)\nexcept Exception as e:\n    print(isinstance(e, Exception))'), 'True\n');
  });

  it('other JS objects forward attributes and methods, and are callable when they are functions', async () => {
    assert.equal(await py.print('dense = tf.keras.layers.Dense(1)\ndense.build([None, 2])\nprint(dense.kernel.shape, dense(tf.ones((3, 2))).shape, dense.built)'), '(2, 1) (3, 1) True\n');
    assert.equal(await py.print('dense.built = False\nprint(dense.built)'), 'False\n');
  });

  it("JS objects with Python's equality compare as they say (dtypes)", async () => {
    assert.equal(await py.print('a = np.ones(2, dtype=np.float32)\nprint(a.dtype == np.float32, np.float32 == a.dtype, a.dtype == "float32", a.dtype != np.float64, tf.ones(1).dtype == tf.int32)'),
      'True True True True False\n');
  });

  it('ints and floats stay apart in what the facades make and return', async () => {
    assert.equal(await py.print('print(tf.constant(2).dtype, tf.constant(2.0).dtype)'), "<dtype: 'int32'> <dtype: 'float32'>\n");
    assert.equal(await py.print('print(torch.tensor([1.0, 2.0]).tolist(), torch.tensor(2.0).item(), torch.tensor(2).item())'), '[1.0, 2.0] 2.0 2\n');
  });
});
