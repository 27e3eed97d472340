// Gradient checks: every differentiable op against central differences in float64, in forward mode
// (jax.jvp, jacfwd) and reverse mode (jax.vjp, jax.grad, jacrev), second order (jax.hessian against
// differences of jax.grad), with broadcasting inputs; forward cross-checked against reverse on random
// compositions. Tolerances are JAX's for float64 with eps = 1e-6, under jax_enable_x64.
import assert from 'node:assert/strict';
import { jax, jnp, ops, Tensor } from '../../src/index.js';
import { assertClose, flat, list, rng } from './helpers.js';
import { check, f64, random, size, type F } from './gradcheck_core.js';

const X = (seed: number, shape = [2, 3], lo = -1, hi = 1) => random(shape, seed, lo, hi);
// away from kinks: |x| in [0.2, 1]
const awayFromZero = (seed: number, shape = [2, 3]) => {
  const t = flat(X(seed, shape, 0.2, 1));
  return f64(t.map((v, i) => (i % 2 ? -v : v)), shape);
};

describe('autodiff: gradcheck (float64 central differences)', function () {
  // As JAX's own tests do: float64 arrays need jax_enable_x64.
  before(() => jax.config.update('jax_enable_x64', true));
  after(() => jax.config.update('jax_enable_x64', false));
  this.timeout(30000);

  describe('unary elementwise', () => {
    const unary: [string, (x: Tensor) => Tensor, () => Tensor][] = [
      ['neg', ops.neg, () => X(1)],
      ['abs', ops.abs, () => awayFromZero(2)],
      ['exp', ops.exp, () => X(3)],
      ['log', ops.log, () => X(4, [2, 3], 0.5, 2)],
      ['log1p', ops.log1p, () => X(5, [2, 3], -0.5, 2)],
      ['expm1', ops.expm1, () => X(6)],
      ['sqrt', ops.sqrt, () => X(7, [2, 3], 0.5, 2)],
      ['sin', ops.sin, () => X(8, [2, 3], -3, 3)],
      ['cos', ops.cos, () => X(9, [2, 3], -3, 3)],
      ['tan', ops.tan, () => X(10)],
      ['asin', ops.asin, () => X(11, [2, 3], -0.8, 0.8)],
      ['acos', ops.acos, () => X(12, [2, 3], -0.8, 0.8)],
      ['atan', ops.atan, () => X(13, [2, 3], -3, 3)],
      ['sinh', ops.sinh, () => X(14)],
      ['cosh', ops.cosh, () => X(15)],
      ['tanh', ops.tanh, () => X(16, [2, 3], -2, 2)],
      ['sigmoid', ops.sigmoid, () => X(17, [2, 3], -3, 3)],
      ['erf', ops.erf, () => X(18, [2, 3], -2, 2)],
      ['relu', ops.relu, () => awayFromZero(19)],
      ['softplus', ops.softplus, () => X(20, [2, 3], -3, 3)],
      ['square', ops.square, () => X(21)],
      ['reciprocal', ops.reciprocal, () => X(22, [2, 3], 0.5, 2)],
      ['rsqrt', ops.rsqrt, () => X(23, [2, 3], 0.5, 2)],
    ];
    for (const [name, f, x] of unary) it(name, () => check(name, f, [x()]));
  });

  describe('binary elementwise (same shapes, then broadcasting [3,1] with [4])', () => {
    const binary: [string, (a: Tensor, b: Tensor) => Tensor, (s: number[], seed: number) => Tensor, (s: number[], seed: number) => Tensor][] = [
      ['add', ops.add, (s, k) => X(k, s), (s, k) => X(k, s)],
      ['sub', ops.sub, (s, k) => X(k, s), (s, k) => X(k, s)],
      ['mul', ops.mul, (s, k) => X(k, s), (s, k) => X(k, s)],
      ['div', ops.div, (s, k) => X(k, s), (s, k) => X(k, s, 0.5, 2)],
      ['pow', ops.pow, (s, k) => X(k, s, 0.5, 2), (s, k) => X(k, s, -2, 2)],
      ['maximum', ops.maximum, (s, k) => X(k, s, -1, 0), (s, k) => X(k, s, 0.1, 1)],
      ['minimum', ops.minimum, (s, k) => X(k, s, -1, 0), (s, k) => X(k, s, 0.1, 1)],
      ['mod', ops.mod, (s, k) => X(k, s, 0.1, 0.4), (s, k) => X(k, s, 1.5, 2)],
      ['atan2', ops.atan2, (s, k) => X(k, s), (s, k) => X(k, s, 0.5, 2)],
    ];
    for (const [name, f, a, b] of binary) {
      it(name, () => check(name, f, [a([2, 3], 31), b([2, 3], 32)]));
      it(`${name} broadcasting [3,1] with [4]`, () => {
        const args = [a([3, 1], 33), b([4], 34)];
        assert.deepEqual([...f(args[0], args[1]).dims], [3, 4]);
        check(`${name}[3,1]x[4]`, f, args);
      });
    }
    it('maximum and minimum pick the larger/smaller branch (mixed signs)', () => {
      const a = f64([0.5, -0.7, 0.9, -0.3], [4]), b = f64([-0.2, 0.4, 0.1, 0.8], [4]);
      check('maximum mixed', ops.maximum, [a, b]);
      check('minimum mixed', ops.minimum, [a, b]);
    });
    it('weak scalars: x * 3, 2 ** x, x / 4', () => {
      check('x*3', (x) => ops.mul(x, 3), [X(35)]);
      check('2**x', (x) => ops.pow(2, x), [X(36)]);
      check('x/4', (x) => ops.div(x, 4), [X(37)]);
    });
    it('pow with a Python-float exponent: the derivative stays in float64', () => {
      // b − 1 for a weak exponent b used to drop to float32 (a 1e-8 relative error).
      const g = jax.grad((x: Tensor) => ops.sum(ops.pow(x, 1 / 3)))(f64([0.854], [1])) as Tensor;
      assertClose(g, [(1 / 3) * Math.pow(0.854, -2 / 3)], 1e-15, 0, 'd/dx x**(1/3)');
    });
    it('where (constant condition, both branches differentiated, broadcasting)', () => {
      const cond = ops.greater(f64([1, -1, 1, -1, -1, 1], [2, 3]), 0);
      check('where', (x, y) => ops.where(cond, x, y), [X(38), X(39)]);
      check('where bcast', (x, y) => ops.where(cond, x, y), [X(40, [2, 1]), X(41, [3])]);
    });
  });

  describe('reductions', () => {
    const x = () => X(50, [3, 4]);
    const cases: [string, (x: Tensor) => Tensor, () => Tensor][] = [
      ['sum', (t) => ops.sum(t), x],
      ['sum axis 0', (t) => ops.sum(t, 0), x],
      ['sum axis 1 keepdims', (t) => ops.sum(t, 1, true), x],
      ['mean', (t) => ops.mean(t, 1), x],
      ['prod', (t) => ops.prod(t, 1), () => X(51, [3, 4], 0.5, 1.5)],
      ['max', (t) => ops.max(t, 1), x],
      ['max all', (t) => ops.max(t), x],
      ['min', (t) => ops.min(t, 0), x],
      ['logsumexp', (t) => ops.logsumexp(t, 1), x],
      ['logsumexp all', (t) => ops.logsumexp(t), x],
      ['variance', (t) => ops.variance(t, 1), x],
      ['variance ddof=1', (t) => ops.variance(t, 0, false, 1), x],
      ['std', (t) => ops.std(t, 1), x],
      ['norm (vector 2-norm)', (t) => ops.vectorNorm(t), () => X(52, [5])],
      ['norm fro', (t) => ops.vectorNorm(t, 2), x],
      ['norm axis', (t) => ops.vectorNorm(t, 2, 1), x],
      ['cumsum', (t) => ops.cumsum(t, 1), x],
      ['cumsum axis 0', (t) => ops.cumsum(t, 0), x],
      ['cumsum reverse', (t) => ops.cumsum(t, 1, true), x],
    ];
    for (const [name, f, a] of cases) it(name, () => check(name, f, [a()]));

    // x = [0, 0.5, 2, -1.5] jax.grad(prod) is [NaN, -0, -0, 0] (JAX: [-1.5, 0, 0, 0]), jacfwd and jax.jvp are
    // all NaN. The derivative needs the product of the other elements (e.g. exclusive cumprods).
    it('prod with a zero', () => check('prod with a zero', (t) => ops.prod(t), [f64([0, 0.5, 2, -1.5], [4])]));
    it('prod with two zeros', () => check('prod with two zeros', (t) => ops.prod(t), [f64([0, 0, 2, -1.5], [4])]));
  });

  describe('shape and indexing', () => {
    const x = () => X(60, [3, 4]);
    const cases: [string, (x: Tensor) => Tensor, () => Tensor][] = [
      ['reshape', (t) => ops.reshape(t, [2, 6]), x],
      ['reshape -1', (t) => ops.reshape(t, [-1]), x],
      ['transpose', (t) => ops.transpose(t), x],
      ['transpose 3d perm', (t) => ops.transpose(t, [2, 0, 1]), () => X(61, [2, 3, 2])],
      ['broadcastTo', (t) => ops.broadcastTo(t, [2, 3, 4]), () => X(62, [3, 1])],
      ['expandDims', (t) => ops.expandDims(t, 1), x],
      ['squeeze', (t) => ops.squeeze(t, 1), () => X(63, [3, 1, 2])],
      ['getItem int', (t) => t.getItem(1), x],
      ['getItem negative int', (t) => t.getItem(-1), x],
      ['getItem slice', (t) => t.getItem('1:3'), x],
      ['getItem step', (t) => t.getItem(':', '0:4:2'), x],
      ['getItem negative step', (t) => t.getItem('::-1', '3:0:-2'), x],
      ['getItem negative bounds', (t) => t.getItem('-2:', ':-1'), x],
      ['getItem newaxis + ellipsis', (t) => t.getItem('...', null, 2), x],
      ['getItem integer array (repeats)', (t) => t.getItem([2, 0, 2]), x],
      ['gather (repeated indices)', (t) => ops.gather(t, jnp.array([3, 1, 3], 'int32') as Tensor, 1), x],
      ['split', (t) => ops.concat(ops.split(t, 2, 1).map((p, i) => ops.mul(p, i + 1)), 0), x],
      ['split sizes', (t) => ops.stack(ops.split(t, [1, 3], 1).map((p) => ops.sum(p)), 0), x],
      ['tile', (t) => ops.tile(t, [2, 1]), () => X(64, [2, 2])],
    ];
    for (const [name, f, a] of cases) it(name, () => check(name, f, [a()]));
    it('concat', () => check('concat', (a, b) => ops.concat([a, b], 1), [X(65, [2, 2]), X(66, [2, 3])]));
    it('stack', () => check('stack', (a, b) => ops.stack([a, b], 1), [X(67, [2, 3]), X(68, [2, 3])]));
  });

  describe('linear algebra', () => {
    it('matmul', () => check('matmul', (a, b) => ops.matmul(a, b), [X(70, [2, 3]), X(71, [3, 4])]));
    it('matmul batched', () => check('matmul batched', (a, b) => ops.matmul(a, b), [X(72, [2, 3, 4]), X(73, [2, 4, 2])]));
    it('matmul batched with broadcast batch', () => check('matmul bcast', (a, b) => ops.matmul(a, b), [X(74, [2, 3, 4]), X(75, [4, 2])]));
    it('matmul matrix-vector', () => check('matvec', (a, b) => ops.matmul(a, b), [X(76, [3, 4]), X(77, [4])]));
    it('matmul with operands read transposed', () => {
      check('matmul ta', (a, b) => ops.matmul(a, b, { a: true }), [X(190, [3, 2]), X(191, [3, 4])]);
      check('matmul tb', (a, b) => ops.matmul(a, b, { b: true }), [X(192, [2, 3]), X(193, [4, 3])]);
      check('matmul ta tb batched', (a, b) => ops.matmul(a, b, { a: true, b: true }), [X(194, [2, 3, 2]), X(195, [2, 4, 3])]);
    });
    it('dot', () => check('dot', ops.dot, [X(78, [4]), X(79, [4])]));
    it('outer', () => check('outer', ops.outer, [X(80, [3]), X(81, [2])]));
    it('tensordot axes=1', () => check('tensordot1', (a, b) => ops.tensordot(a, b, 1), [X(82, [2, 3]), X(83, [3, 2])]));
    it('tensordot axes=[[0],[1]]', () => check('tensordot pairs', (a, b) => ops.tensordot(a, b, [[0], [1]]), [X(84, [3, 2]), X(85, [2, 3])]));
    it('einsum ij,jk->ik', () => check('einsum mm', (a, b) => ops.einsum('ij,jk->ik', a, b), [X(86, [2, 3]), X(87, [3, 2])]));
    it('einsum bij,bjk->bik', () => check('einsum bmm', (a, b) => ops.einsum('bij,bjk->bik', a, b), [X(88, [2, 2, 3]), X(89, [2, 3, 2])]));
    it('einsum bi,bi->b', () => check('einsum rowdot', (a, b) => ops.einsum('bi,bi->b', a, b), [X(90, [3, 4]), X(91, [3, 4])]));
    it('softmax', () => check('softmax', (t) => ops.softmax(t, -1), [X(92, [2, 4])]));
    it('log_softmax', () => check('log_softmax', (t) => ops.log_softmax(t, -1), [X(93, [2, 4])]));
    it('softmax axis 0', () => check('softmax0', (t) => ops.softmax(t, 0), [X(94, [3, 2])]));
  });

  describe('cast', () => {
    it('float32 -> float64: the tangent and cotangent are cast, the Jacobian is the identity', () => {
      const x = jnp.array([0.5, -1.25, 2], 'float32') as Tensor;
      const f = (t: Tensor) => ops.cast(t, 'float64');
      const J = jax.jacfwd(f)(x) as Tensor;
      assert.equal(J.dt, 'float64');
      assert.deepEqual(list(J), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
      assert.deepEqual(list(jax.jacrev(f)(x)), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
      const [, t] = jax.jvp(f, [x], [jnp.array([1, 2, 3], 'float32')]);
      assert.equal((t as Tensor).dt, 'float64');
      assert.deepEqual(list(t), [1, 2, 3]);
      const [, vjpFn] = jax.vjp(f, x);
      const [ct] = vjpFn(jnp.array([1, 2, 3], 'float64')) as Tensor[];
      assert.equal(ct.dt, 'float32');
      assert.deepEqual(list(ct), [1, 2, 3]);
      const g = jax.grad((t: Tensor) => ops.sum(ops.square(ops.cast(t, 'float64'))))(x) as Tensor;
      assert.equal(g.dt, 'float32');
      assert.deepEqual(list(g), [1, -2.5, 4]);
    });
    it('float64 -> float64 composed with a float32 round trip keeps the chain rule', () => {
      check('cast64', (t) => ops.mul(ops.cast(t, 'float64'), t), [X(95, [3])]);
    });
  });

  describe('forward vs reverse on random compositions (seeded)', () => {
    const unary: ((x: Tensor) => Tensor)[] = [ops.sin, ops.cos, ops.tanh, ops.sigmoid, ops.atan, ops.erf, ops.softplus,
      (x) => ops.mul(x, x), (x) => ops.exp(ops.mul(x, 0.3)), (x) => ops.log1p(ops.square(x)), (x) => ops.cumsum(x, -1),
      (x) => ops.softmax(x, -1), (x) => ops.getItem(x, ['::-1']), (x) => ops.sub(x, ops.mean(x, -1, true))];
    for (let seed = 1; seed <= 12; seed++) {
      it(`composition #${seed}`, () => {
        const r = rng(1000 + seed);
        const W = X(2000 + seed, [5, 5]);
        const b = X(3000 + seed, [5]);
        const steps = Array.from({ length: 6 }, () => Math.floor(r() * (unary.length + 3)));
        const f = (x: Tensor, y: Tensor): Tensor => {
          let h = ops.add(x, ops.mul(y, 0.5));
          for (const s of steps) {
            if (s < unary.length) h = unary[s](h);
            else if (s === unary.length) h = ops.matmul(W, h);
            else if (s === unary.length + 1) h = ops.mul(h, ops.add(y, b));
            else h = ops.div(h, ops.add(ops.square(y), 1));
          }
          return ops.concat([h, ops.expandDims(ops.sum(ops.mul(h, y)), 0)], 0);
        };
        const x = X(4000 + seed, [5]), y = X(5000 + seed, [5]);
        for (const argnums of [0, 1]) {
          const Jf = jax.jacfwd(f, { argnums })(x, y) as Tensor;
          const Jr = jax.jacrev(f, { argnums })(x, y) as Tensor;
          assert.deepEqual([...Jf.dims], [6, 5]);
          assertClose(Jf, Jr, 1e-10, 1e-10, `seed ${seed} argnums ${argnums}: jacfwd vs jacrev`);
        }
        const h = (x: Tensor, y: Tensor) => ops.sum(f(x, y));
        const Hfr = jax.hessian(h)(x, y) as Tensor;
        const Hrr = jax.jacrev(jax.jacrev(h))(x, y) as Tensor;
        const Hrf = jax.jacrev(jax.jacfwd(h))(x, y) as Tensor;
        const Hff = jax.jacfwd(jax.jacfwd(h))(x, y) as Tensor;
        assertClose(Hrr, Hfr, 1e-9, 1e-9, `seed ${seed}: rev-over-rev vs hessian`);
        assertClose(Hrf, Hfr, 1e-9, 1e-9, `seed ${seed}: rev-over-fwd vs hessian`);
        assertClose(Hff, Hfr, 1e-9, 1e-9, `seed ${seed}: fwd-over-fwd vs hessian`);
        void size;
      });
    }
  });
});
