// Python functions passed to the transformations (jax.grad, jvp, vjp, jacfwd, torch.autograd.functional,
// tapes) receive and return Python tensors, exceptions inside them surface with the user's line,
// and `with` works on tapes, accumulators and torch.no_grad().
import assert from 'node:assert/strict';
import { LOAD_TIMEOUT, Py } from './helpers.js';

describe('Python cells: callbacks into transformations, and with', function () {
  this.timeout(LOAD_TIMEOUT);
  const py = new Py();

  before(async () => {
    await py.ok('import jax\nimport jax.numpy as jnp\nimport torch\nimport tensorflow as tf\nx = jnp.array([1.0, 2.0, 3.0])');
  });

  it('jax.grad, value_and_grad, jvp, vjp and jacfwd call Python functions with Python tensors', async () => {
    await py.ok('seen = []\ndef f(v):\n    seen.append(type(v).__name__)\n    return (v ** 2).sum()');
    assert.equal(await py.print('print(jax.grad(f)(x), seen[-1])'), '[2. 4. 6.] ArrayImpl\n');
    assert.equal(await py.print('value, g = jax.value_and_grad(f)(x)\nprint(value, g)'), '14.0 [2. 4. 6.]\n');
    assert.equal(await py.print('out, tangent = jax.jvp(f, (x,), (jnp.ones(3),))\nprint(out, tangent)'), '14.0 12.0\n');
    assert.equal(await py.print('y, vjp_fn = jax.vjp(lambda v: v * 2.0, x)\nprint(vjp_fn(jnp.ones(3)))'), '(Array([2., 2., 2.], dtype=float32),)\n');
    assert.equal(await py.print('print(jax.jacfwd(lambda v: v * v)(x))'), '[[2. 0. 0.]\n [0. 4. 0.]\n [0. 0. 6.]]\n');
  });

  it('torch.autograd.functional with Python functions; tuples come back as tuples', async () => {
    await py.ok('t = torch.tensor([1.0, 2.0])\ndef square(v):\n    return v * v');
    assert.equal(await py.print('out, jvp = torch.autograd.functional.jvp(square, t, torch.ones(2))\nprint(out, jvp)'), 'tensor([1., 4.]) tensor([2., 4.])\n');
    assert.equal(await py.print('print(torch.autograd.functional.vjp(square, t, torch.ones(2))[1])'), 'tensor([2., 4.])\n');
  });

  it('an exception raised inside a callback surfaces as itself, with the line that raised it', async () => {
    await py.ok('def broken(v):\n    return v.sum() / undefined_name');
    const r = await py.run('jax.grad(broken)(x)');
    assert.equal(r.error, "NameError: name 'undefined_name' is not defined");
    assert.equal(r.outcome.status, 'error');
    const tb = r.outcome.status === 'error' ? r.outcome.traceback.join('\n') : '';
    assert.match(tb, /File "<cell\[\d+\]>", line 1, in <module>\n    jax\.grad\(broken\)\(x\)/);
    assert.match(tb, /File "<cell\[\d+\]>", line 2, in broken\n    return v\.sum\(\) \/ undefined_name/);
    assert.doesNotMatch(tb, /_jacobi|file:\/\//);
    assert.equal(r.stderr, '');
    assert.equal(await py.print('class Stop(Exception):\n    pass\ndef stop(v):\n    raise Stop("here")\ntry:\n    jax.grad(stop)(x)\nexcept Stop as e:\n    print("caught", e)'), 'caught here\n');
  });

  it('with tf.GradientTape() and tf.autodiff.ForwardAccumulator, nested both ways', async () => {
    const page = [
      'v = tf.Variable([1., 2.])',
      'with tf.autodiff.ForwardAccumulator(v, tf.constant([1., 0.])) as acc:',
      '  with tf.GradientTape() as tape:',
      '    y = tf.reduce_sum(v ** 3.)',
      '  backward = tape.gradient(y, v)',
      'print(backward)',
      'print(acc.jvp(backward))',
    ].join('\n');
    assert.equal(await py.print(page), 'tf.Tensor([ 3. 12.], shape=(2,), dtype=float32)\ntf.Tensor([6. 0.], shape=(2,), dtype=float32)\n');
    const nested = [
      'primal = tf.constant(1.1)',
      'with tf.autodiff.ForwardAccumulator(primal, tf.constant(1.)) as outer:',
      '  with tf.autodiff.ForwardAccumulator(primal, tf.constant(1.)) as inner:',
      '    primal_out = primal ** tf.constant(3.5)',
      'print(inner.jvp(primal_out))',
      'print(outer.jvp(inner.jvp(primal_out)))',
    ].join('\n');
    assert.equal(await py.print(nested), 'tf.Tensor(4.4417057, shape=(), dtype=float32)\ntf.Tensor(10.094786, shape=(), dtype=float32)\n');
  });

  it('a tape entered in one cell records in the next, until its with block ends', async () => {
    await py.ok('w = tf.Variable(3.0)\ntape = tf.GradientTape(persistent=True)\ntape.__enter__()');
    await py.ok('loss = w * w');
    assert.equal(await py.print('tape.__exit__(None, None, None)\nprint(tape.gradient(loss, w))'), 'tf.Tensor(6.0, shape=(), dtype=float32)\n');
  });

  it('with torch.no_grad(), as a context and as a decorator; set_grad_enabled', async () => {
    await py.ok('leaf = torch.tensor([1.0, 2.0], requires_grad=True)');
    assert.equal(await py.print('with torch.no_grad():\n    a = leaf * 2\nprint(a.requires_grad, (leaf * 2).requires_grad, torch.is_grad_enabled())'), 'False True True\n');
    assert.equal(await py.print('@torch.no_grad()\ndef double(v):\n    return v * 2\nprint(double(leaf).requires_grad)'), 'False\n');
    assert.equal(await py.print('with torch.set_grad_enabled(False):\n    b = leaf * 3\nprint(b.requires_grad, torch.is_grad_enabled())'), 'False True\n');
  });

  it('an exception inside a with block leaves the contexts, and the next cell records as usual', async () => {
    assert.match(await py.raises('with tf.GradientTape() as failing:\n    raise ValueError("in the block")'), /^ValueError: in the block/);
    assert.match(await py.raises('with torch.no_grad():\n    raise KeyError("k")'), /^KeyError: 'k'/);
    assert.equal(await py.print('print(torch.is_grad_enabled(), (leaf * 2).requires_grad)'), 'True True\n');
  });
});
