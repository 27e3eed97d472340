// type(x) and str(x) of Python objects, as the libraries' pages print them (NumPy 1.24, PyTorch, TF, JAX).
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { errorOf, run, value } from './helpers.js';

describe('session: type() and the str of Python objects', () => {
  let s: Session;
  before(async () => {
    s = new Session();
    await s.ready;
  });

  const stdout = async (code: string) => (await run(s, code)).sink.text('stdout');

  it('names each library\'s classes and Python\'s builtins', async () => {
    assert.equal(await stdout('print(type(np.arange(3)), type(np.arange(3)[0]), type(np.float64(1)), type(np.array([true])[0]))'),
      "<class 'numpy.ndarray'> <class 'numpy.int64'> <class 'numpy.float64'> <class 'numpy.bool_'>\n");
    assert.equal(await stdout('print(type(torch.ones(2)), type(torch.nn.Parameter(torch.ones(2))), type(jnp.ones(2)))'),
      "<class 'torch.Tensor'> <class 'torch.nn.parameter.Parameter'> <class 'jaxlib.xla_extension.ArrayImpl'>\n");
    assert.equal(await stdout('print(type(tf.ones(2)), type(tf.Variable(1.0)))'),
      "<class 'tensorflow.python.framework.ops.EagerTensor'> <class 'tensorflow.python.ops.resource_variable_ops.ResourceVariable'>\n");
    assert.equal(await stdout('print(type(1), type(1.5), type(2.0), type(torch.ones(1).sum().item()), type(true), type("a"), type(null), type([1]), type(tuple([1])), type({}))'),
      "<class 'int'> <class 'float'> <class 'float'> <class 'float'> <class 'bool'> <class 'str'> <class 'NoneType'> <class 'list'> <class 'tuple'> <class 'dict'>\n");
  });

  it('displays a class as IPython does, and compares classes by identity', async () => {
    assert.equal(await value(s, 'type(np.arange(3))'), 'numpy.ndarray');
    assert.equal(await value(s, 'type(2.0)'), 'float');
    assert.equal(await value(s, 'type(np.arange(3)) === type(np.zeros(2))'), 'True');
  });

  it('refuses to guess a Python class for other JavaScript objects', async () => {
    const e = errorOf((await run(s, 'type(new Date())')).outcome);
    assert.equal(e.ename, 'NotImplementedError');
    assert.match(e.evalue, /'Date' object/);
  });

  it('prints objects with a Python str by their str: dtypes, shapes, generators', async () => {
    assert.equal(await stdout('print(np.arange(3).dtype, jnp.ones(2).dtype, torch.ones(2).dtype, tf.float32, tf.ones([2, 3]).shape)'),
      "int64 float32 torch.float32 <dtype: 'float32'> (2, 3)\n");
    assert.equal(await stdout('print(np.random.default_rng(1), [np.arange(3).dtype])'), "Generator(PCG64) [dtype('int64')]\n");
    assert.equal(await value(s, 'np.random.default_rng(1)'), 'Generator(PCG64) at 0x7F3A1C2F3F40');
  });
});
