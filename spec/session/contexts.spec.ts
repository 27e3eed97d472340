// Python's context managers in cells: `using` (with ... as), decorators, and what happens to a
// context a cell leaves open (PyTorch enters no_grad only in `with`: a bare call changes nothing
// past its cell; set_grad_enabled sets the mode for good, as in PyTorch 1.13).
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { value } from './helpers.js';

describe('session: context managers', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
    await value(s, 'const x = torch.ones(2, {requires_grad: true})');
  });

  it('torch grad modes as decorators, with using, and left open at the end of a cell', async () => {
    assert.equal(await value(s, 'torch.no_grad()((u) => u * 2)(x).requires_grad'), 'False');
    assert.equal(await value(s, 'torch.enable_grad()((u) => u * 2)(x).requires_grad'), 'True');
    assert.equal(await value(s, 'torch.inference_mode()((u) => u * 2)(x).requires_grad'), 'False');
    assert.equal(await value(s, 'torch.is_grad_enabled()'), 'True');
    assert.equal(await value(s, 'using g = torch.no_grad(); (x * 2).requires_grad'), 'False');
    assert.equal(await value(s, '(x * 2).requires_grad'), 'True');
    await value(s, 'torch.no_grad()');
    assert.equal(await value(s, 'torch.is_grad_enabled()'), 'True', 'a bare no_grad() lasts no longer than its cell');
    await value(s, 'const f = torch.set_grad_enabled(false)((u) => u * 2)');
    assert.equal(await value(s, 'torch.is_grad_enabled()'), 'False', 'set_grad_enabled(False) sets the mode when called');
    await value(s, 'torch.set_grad_enabled(true)');
    assert.equal(await value(s, 'torch.is_grad_enabled()'), 'True');
  });

  it('tape.stop_recording() with using and as a decorator', async () => {
    await value(s, 'const v = tf.Variable(2.); const tape = new tf.GradientTape({persistent: true})');
    await value(s, 'const [a, b, c] = tape.run(() => { const f = tape.stop_recording()((u) => u * v); const a = v * v; const b = f(v); let c; { using st = tape.stop_recording(); c = v * 3. } return [a, b, c] })');
    assert.equal(await value(s, 'tape.gradient(a, v)'), '<tf.Tensor: shape=(), dtype=float32, numpy=4.0>');
    assert.equal(await value(s, 'tape.gradient(b, v) === null'), 'True');
    assert.equal(await value(s, 'tape.gradient(c, v) === null'), 'True');
  });
});
