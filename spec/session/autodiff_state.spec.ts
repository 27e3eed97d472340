// A cell that fails (or is interrupted) in the middle of a transformation or a grad mode leaves the
// autodiff state as it was before the cell; a cell that finishes leaves no context running on.
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { run, value } from './helpers.js';

describe('session: autodiff state across cells', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it('an error thrown inside jax.jvp, jax.hessian or jacfwd does not break later gradients', async () => {
    for (const inner of ['jax.jvp((x) => { throw new Error("boom") }, [1.], [1.])', 'jax.hessian((x) => { throw new Error("boom") })(1.)', 'jax.jacfwd((x) => { throw new Error("boom") })(jnp.ones(2))']) {
      const r = await run(s, inner);
      assert.equal(r.outcome.status, 'error', inner);
      assert.equal(await value(s, 'jax.grad((x) => x * x)(jnp.array(3.))'), 'Array(6., dtype=float32, weak_type=True)', `after ${inner}`);
      assert.equal(await value(s, 'jax.grad((x) => x * x)(3.)'), 'Array(6., dtype=float32, weak_type=True)');
    }
  });

  it('an error inside torch.no_grad leaves grad mode on; a tape outlives no cell', async () => {
    await run(s, 'torch.no_grad().run(() => { throw new Error("boom") })');
    assert.equal(await value(s, 'torch.is_grad_enabled()'), 'True');
    await run(s, 'using g = torch.no_grad(); throw new Error("boom")');
    assert.equal(await value(s, 'torch.is_grad_enabled()'), 'True');
    await run(s, 'const x = tf.Variable(3.)');
    await run(s, 'const tape = new tf.GradientTape()');
    // The tape stopped with its cell: later reads are not recorded.
    await run(s, 'const y = x * x');
    assert.equal(await value(s, 'tape.gradient(y, x) === null'), 'True');
    assert.equal(await value(s, 'const t2 = new tf.GradientTape(); const y2 = t2.run(() => x * x); t2.gradient(y2, x)'), '<tf.Tensor: shape=(), dtype=float32, numpy=6.0>');
  });
});
