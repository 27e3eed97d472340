// Transformations of weakly typed inputs (Python floats): nesting must keep following the inner
// result (a bare alias once made grad(grad(f))(2.0) silently 0); results are float32 with x64 off.
import assert from 'node:assert/strict';
import { jax, jnp, torch, Tensor } from '../../src/index.js';
import { PyFloat } from '../../src/tensor/scalars.js';

const num = (t: unknown) => Number((t as Tensor).values[0]);

describe('autodiff: nested transformations of Python floats', () => {
  it('grad(grad(tanh))(2.0) and grad^3 equal the derivatives of tanh (central differences in float64)', () => {
    const x = 2, t = Math.tanh(x), s2 = 1 - t * t;
    const d2 = -2 * t * s2, d3 = -2 * s2 * s2 + 4 * t * t * s2;
    const g2 = jax.grad(jax.grad(jnp.tanh))(new PyFloat(2)) as Tensor;
    assert.equal(g2.dt, 'float32');
    assert.ok(g2.weak, 'weakly typed, as the input');
    assert.ok(Math.abs(num(g2) - d2) < 1e-6, `${num(g2)} vs ${d2}`);
    assert.ok(Math.abs(num(jax.grad(jax.grad(jax.grad(jnp.tanh)))(new PyFloat(2))) - d3) < 1e-6);
    // through jit too
    assert.ok(Math.abs(num(jax.grad(jax.jit(jax.grad(jnp.tanh)))(new PyFloat(2))) - d2) < 1e-6);
  });

  it('torch.autograd.functional results are torch tensors', () => {
    const j = torch.autograd.functional.jacobian(torch.exp, torch.ones(2)) as Tensor;
    assert.equal(j.flavor, 'torch');
    const h = torch.autograd.functional.hessian((v: Tensor) => v.pow(3).sum(), torch.ones(2)) as Tensor;
    assert.equal(h.flavor, 'torch');
    assert.deepEqual(Array.from(h.values as Float32Array), [6, 0, 0, 6]);
  });
});
