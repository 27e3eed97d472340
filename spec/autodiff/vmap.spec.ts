// vmap as its own transformation: per-example gradients equal a loop of grad, vmap(jacrev) equals
// the stacked Jacobians, nested vmaps with different in_axes/out_axes, pytrees, and composition with
// jvp/vjp/grad in every order.
import assert from 'node:assert/strict';
import { jax, jnp, np, torch, Tensor } from '../../src/index.js';
import { assertClose, dims, F, flat } from './helpers.js';

const T = (x: unknown) => x as Tensor;
const rand = (shape: number[], seed: number) => jnp.asarray(np.random.default_rng(seed).standard_normal(shape), { dtype: 'float32' }) as Tensor;
const stackLoop = (n: number, f: (i: number) => unknown) => jnp.stack(Array.from({ length: n }, (_, i) => f(i))) as Tensor;

describe('autodiff: vmap', () => {
  const W = rand([3, 4], 1), b = rand([3], 2);
  const X = rand([5, 4], 3), Y = rand([5, 3], 4);
  const loss = (w: Tensor, bias: Tensor, x: Tensor, y: Tensor) => jnp.sum(jnp.tanh(jnp.matmul(w, x)).add(bias).sub(y).pow(2));

  it('per-example gradients: vmap(grad) over the batch equals a loop of grad', () => {
    const perExample = jax.vmap(jax.grad(loss, { argnums: [0, 1] }), { in_axes: [null, null, 0, 0] });
    const [gW, gb] = perExample(W, b, X, Y) as Tensor[];
    assert.deepEqual(dims(gW), [5, 3, 4]);
    assert.deepEqual(dims(gb), [5, 3]);
    const g = jax.grad(loss, { argnums: [0, 1] });
    assertClose(gW, stackLoop(5, (i) => (g(W, b, X.getItem(i), Y.getItem(i)) as Tensor[])[0]), 1e-6, 1e-6, 'dW');
    assertClose(gb, stackLoop(5, (i) => (g(W, b, X.getItem(i), Y.getItem(i)) as Tensor[])[1]), 1e-6, 1e-6, 'db');
  });

  it('the same for torch.func: vmap(grad) with in_dims', () => {
    const w = torch.tensor(flat(W), { dtype: torch.float32 }).reshape(3, 4);
    const xs = torch.tensor(flat(X), { dtype: torch.float32 }).reshape(5, 4);
    const f = (wt: Tensor, x: Tensor) => torch.sum(torch.sin(torch.matmul(wt, x)));
    const per = torch.func.vmap(torch.func.grad(f), { in_dims: [null, 0] })(w, xs) as Tensor;
    const loop = torch.stack(Array.from({ length: 5 }, (_, i) => torch.func.grad(f)(w, xs.getItem(i)))) as Tensor;
    assertClose(per, loop, 1e-6, 1e-6);
  });

  it('vmap(jacrev) and vmap(jacfwd) equal the stacked Jacobians', () => {
    const f = (x: Tensor) => jnp.tanh(jnp.matmul(W, x)).mul(jnp.sum(x));
    for (const jac of [jax.jacrev, jax.jacfwd]) {
      const batched = jax.vmap(jac(f))(X) as Tensor;
      assert.deepEqual(dims(batched), [5, 3, 4]);
      assertClose(batched, stackLoop(5, (i) => jac(f)(X.getItem(i))), 1e-6, 1e-6);
    }
  });

  it('nested vmap with different in_axes and out_axes', () => {
    const A = rand([4, 2, 3], 5), B = rand([3, 4], 6);
    // outer over A's axis 0 and B's axis 1; inner over A's axis 1 (B shared)
    const f = (a: Tensor, bb: Tensor) => jnp.dot(a, bb);
    const out = jax.vmap(jax.vmap(f, { in_axes: [0, null] }), { in_axes: [0, 1], out_axes: 1 })(A, B) as Tensor;
    assert.deepEqual(dims(out), [2, 4]);
    const want = jnp.stack(Array.from({ length: 4 }, (_, i) => jnp.stack(Array.from({ length: 2 }, (_, j) => f(A.getItem(i, j), B.getItem(':', i)))))) as Tensor;
    assertClose(out, jnp.transpose(want), 1e-6, 1e-6);
  });

  it('pytrees in and out, and axis_size with no mapped input', () => {
    const f = (p: { w: Tensor; s: Tensor }) => ({ y: p.w.mul(p.s), n: jnp.sum(p.w) });
    const r = jax.vmap(f, { in_axes: [{ w: 0, s: null }] })({ w: X, s: jnp.array(F(2.)) }) as { y: Tensor; n: Tensor };
    assertClose(r.y, X.mul(2), 0, 0);
    assertClose(r.n, jnp.sum(X, { axis: 1 }), 1e-6, 1e-6);
    const c = jax.vmap(() => jnp.array(F(1.)), { axis_size: 3 })() as Tensor;
    assert.deepEqual(dims(c), [3]);
  });

  it('composes with jvp and vjp in every order', () => {
    const f = (x: Tensor) => jnp.sin(x).mul(x.pow(2));
    const v = rand([5, 4], 7);
    // vmap of jvp = jvp of vmap
    const a = jax.vmap((x: Tensor, t: Tensor) => (jax.jvp(f, [x], [t]) as Tensor[])[1])(X, v) as Tensor;
    const b2 = (jax.jvp(jax.vmap(f), [X], [v]) as Tensor[])[1];
    assertClose(a, b2, 1e-6, 1e-6);
    // grad of a vmapped sum = vmap of grad
    const g1 = jax.grad((x: Tensor) => jnp.sum(jax.vmap(f)(x)))(X) as Tensor;
    const g2 = jax.vmap(jax.grad(f))(jnp.ravel(X)) as Tensor;
    assertClose(g1, jnp.reshape(g2, [5, 4]), 1e-6, 1e-6);
    // vjp through vmap
    const [, pull] = jax.vjp(jax.vmap(f), X) as [Tensor, (ct: Tensor) => Tensor[]];
    assertClose(pull(v)[0], v.mul(jnp.cos(X).mul(X.pow(2)).add(jnp.sin(X).mul(X).mul(2))), 1e-5, 1e-5);
  });

  it('a mapped axis of the wrong size is JAX\'s ValueError', () => {
    assert.throws(() => jax.vmap((x: Tensor, y: Tensor) => x.add(y))(rand([3], 8), rand([4], 9)),
      (e: Error) => e.name === 'ValueError' && /vmap got inconsistent sizes for array axes to be mapped/.test(e.message));
  });
});
