// jnp.linalg and tf.linalg: what those libraries do differently from NumPy (no JAX or TensorFlow
// runs here, so the oracles are JAX 0.4's own docstring examples, run by its doctests, and the
// documented behaviour, with values cross-checked against np.linalg, itself checked against NumPy
// in linalg_numpy.spec.ts); and jax.vmap through every decomposition against the batched op.
import assert from 'node:assert/strict';
import { jax, jnp, np, ops, tf, torch, Tensor } from '../../src/index.js';
import { repr } from '../../src/format/index.js';
import { NamedTuple, PyTuple } from '../../src/tensor/pytuple.js';
import { assertClose, F, flat } from '../autodiff/helpers.js';
import { randomUniform } from './random_inputs.js';

const R = (dims: number[], seed: number) => randomUniform(dims, -1, 1, { dtype: 'float32', seed });
const T = (x: unknown) => x as Tensor;
const thrown = (f: () => unknown): string => {
  try { f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return 'no error';
};
const eye = (n: number) => ops.linalg.diagEmbed(ops.full([n], 1, 'float32'));
const shifted = (dims: number[], seed: number) => ops.add(R(dims, seed), ops.mul(eye(dims[dims.length - 1]), 3));

describe('runtime: jnp.linalg and tf.linalg', function () {
  this.timeout(60000);

  describe("jnp.linalg: JAX 0.4.30's docstring examples", () => {
    const a12 = () => jnp.array(F([[1., 2.], [3., 4.]]));
    it('cholesky, lower and upper', () => {
      const x = jnp.array(F([[2., 1.], [1., 2.]]));
      assert.equal(repr(jnp.linalg.cholesky(x)), 'Array([[1.4142135 , 0.        ],\n       [0.70710677, 1.2247449 ]], dtype=float32)');
      assert.equal(repr(jnp.linalg.cholesky(x, { upper: true })), 'Array([[1.4142135 , 0.70710677],\n       [0.        , 1.2247449 ]], dtype=float32)');
    });
    it('matrix_power 3 and 0', () => {
      assert.equal(repr(jnp.linalg.matrix_power(a12(), 3)), 'Array([[ 37.,  54.],\n       [ 81., 118.]], dtype=float32)');
      assert.equal(repr(jnp.linalg.matrix_power(a12(), 0)), 'Array([[1., 0.],\n       [0., 1.]], dtype=float32)');
      assertClose(jnp.linalg.matrix_power(a12(), -2), [5.5, -2.5, -3.75, 1.75], 1e-5, 1e-5);
    });
    it('slogdet and det of an integer matrix (float32), solve, norms, matrix_transpose', () => {
      const [sign, logabsdet] = jnp.linalg.slogdet(jnp.array([[1, 2], [3, 4]])) as Tensor[];
      assert.equal(repr(sign), 'Array(-1., dtype=float32)');
      assert.equal(repr(jnp.exp(logabsdet)), 'Array(2., dtype=float32)');
      assert.equal(repr(jnp.linalg.det(jnp.array([[1, 2], [3, 4]]))), 'Array(-2., dtype=float32)');
      const A = jnp.array(F([[1., 2., 3.], [2., 4., 2.], [3., 2., 1.]]));
      assert.equal(repr(jnp.linalg.solve(A, jnp.array(F([14., 16., 10.])))), 'Array([1., 2., 3.], dtype=float32)');
      const v = jnp.array(F([3., 4., 12.]));
      assert.equal(repr(jnp.linalg.norm(v)), 'Array(13., dtype=float32)');
      assert.equal(repr(jnp.linalg.norm(v, { ord: 1 })), 'Array(19., dtype=float32)');
      assert.equal(repr(jnp.linalg.norm(v, { ord: 0 })), 'Array(3., dtype=float32)');
      const x = jnp.array(F([[1., 2., 3.], [4., 5., 7.]]));
      assert.equal(repr(jnp.linalg.norm(x)), 'Array(10.198039, dtype=float32)');
      assert.equal(repr(jnp.linalg.norm(x, { ord: 'nuc' })), 'Array(10.762535, dtype=float32)');
      assert.equal(repr(jnp.linalg.norm(x, { ord: 1 })), 'Array(10., dtype=float32)');
      assert.equal(repr(jnp.linalg.norm(x, { axis: 1 })), 'Array([3.7416575, 9.486833 ], dtype=float32)');
      assert.equal(repr(jnp.linalg.matrix_norm(jnp.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))), 'Array(16.881943, dtype=float32)');
      assert.equal(repr(jnp.linalg.matrix_transpose(jnp.array([[1, 2, 3], [4, 5, 6]]))), 'Array([[1, 4],\n       [2, 5],\n       [3, 6]], dtype=int32)');
    });
    it('qr of the docstring matrix reconstructs it with orthonormal Q', () => {
      const a = jnp.array(F([[1., 2., 3., 4.], [5., 4., 2., 1.], [6., 3., 1., 5.]]));
      const [q, r] = jnp.linalg.qr(a) as Tensor[];
      // The docstring's values (skipped by its doctest, LAPACK's signs).
      assertClose(q, [-0.12700021, -0.7581426, -0.6396022, -0.63500065, -0.43322435, 0.63960224, -0.7620008, 0.48737738, -0.42640156], 1e-5, 1e-6);
      assertClose(r, [-7.8740077, -5.080005, -2.4130025, -4.953006, 0, -1.7870499, -2.6534991, -1.028908, 0, 0, -1.0660033, -4.050814], 1e-5, 1e-6);
    });
  });

  describe('jnp.linalg: JAX semantics', () => {
    it('results are JAX named tuples: SlogdetResult, EighResult, QRResult, SVDResult', () => {
      const a = shifted([3, 3], 1);
      const cases: [unknown, string, string[]][] = [
        [jnp.linalg.slogdet(a), 'SlogdetResult', ['sign', 'logabsdet']],
        [jnp.linalg.eigh(a), 'EighResult', ['eigenvalues', 'eigenvectors']],
        [jnp.linalg.qr(a), 'QRResult', ['Q', 'R']],
        [jnp.linalg.svd(a), 'SVDResult', ['U', 'S', 'Vh']],
      ];
      for (const [r, name, fields] of cases) {
        assert.ok(r instanceof NamedTuple, name);
        assert.equal(r.typeName, name);
        assert.deepEqual(r.fields, fields);
      }
      assert.match(repr(jnp.linalg.slogdet(jnp.eye(2))), /^SlogdetResult\(sign=Array\(1\., dtype=float32\), logabsdet=Array\(0\., dtype=float32\)\)$/);
    });
    it('no errors for singular or indefinite matrices: inf/NaN as LAPACK leaves them', () => {
      const inv = T(jnp.linalg.inv(jnp.array(F([[1., 2.], [2., 4.]]))));
      assert.ok(flat(inv).every((v) => !Number.isFinite(v)));
      const chol = T(jnp.linalg.cholesky(jnp.array(F([[1., 2.], [2., 1.]]))));
      assert.ok(flat(chol).every(Number.isNaN));
      const [s, l] = jnp.linalg.slogdet(jnp.array(F([[1., 2.], [2., 4.]]))) as Tensor[];
      assert.deepEqual([flat(s)[0], flat(l)[0]], [0, -Infinity]);
    });
    it('integer inputs compute in float32 (x64 off); symmetrize_input averages the triangles', () => {
      assert.equal(T(jnp.linalg.inv(jnp.array([[2, 1], [1, 3]]))).dt, 'float32');
      const a = jnp.array(F([[2., 1.], [3., 2.]]));
      assertClose((jnp.linalg.eigh(a) as Tensor[])[0], flat(np.linalg.eigvalsh(np.array(F([[2., 2.], [2., 2.]])))), 1e-6, 1e-6, 'symmetrized');
      assertClose((jnp.linalg.eigh(a, { symmetrize_input: false }) as Tensor[])[0], flat(np.linalg.eigvalsh(np.array(F([[2., 3.], [3., 2.]])))), 1e-6, 1e-6, 'lower triangle');
    });
    it("JAX's shape errors", () => {
      assert.equal(thrown(() => jnp.linalg.inv(jnp.ones([2, 3]))), 'ValueError: Argument to inv must have shape [..., n, n], got (2, 3).');
      assert.equal(thrown(() => jnp.linalg.slogdet(jnp.ones([2, 3]))), 'ValueError: Argument to slogdet() must have shape [..., n, n], got {a_shape}');
      assert.equal(thrown(() => jnp.linalg.det(jnp.ones([2, 3]))), 'ValueError: Argument to _det() must have shape [..., n, n], got (2, 3)');
      assert.equal(thrown(() => jnp.linalg.eigh(jnp.ones([2, 3]))), 'ValueError: Argument to symmetric eigendecomposition must have shape [..., n, n],got shape (2, 3)');
      assert.equal(thrown(() => jnp.linalg.qr(jnp.ones([3]))), 'ValueError: Argument to QR decomposition must have ndims >= 2');
      assert.equal(thrown(() => jnp.linalg.solve(jnp.eye(2), jnp.ones([3]))),
        "ValueError: inconsistent size for core dimension 'm': 3 vs 2 on vectorized function with excluded=frozenset() and signature='(m,m),(m)->(m)'");
      assert.equal(thrown(() => jnp.linalg.norm(jnp.ones([2, 2]), { ord: 3 })), "ValueError: Invalid order '3' for matrix norm.");
      assert.equal(thrown(() => jnp.linalg.norm(jnp.ones([2, 2, 2]), { ord: 2 })), 'ValueError: Invalid axis values ((0, 1, 2)) for jnp.linalg.norm.');
    });
    it("derivatives: svd(full_matrices=True) refuses (JAX's NotImplementedError), det's at a singular 2x2 is the cofactor matrix", () => {
      const a = jnp.array(F([[1., 2.], [3., 4.]]));
      assert.equal(thrown(() => jax.grad((x: Tensor) => T((jnp.linalg.svd(x) as Tensor[])[1]).sum())(a)),
        'NotImplementedError: Singular value decomposition JVP not implemented for full matrices');
      const g = jax.grad((x: Tensor) => T((jnp.linalg.svd(x, { full_matrices: false }) as Tensor[])[1]).sum())(a);
      const [u, , vh] = np.linalg.svd(np.array(F([[1., 2.], [3., 4.]]))) as Tensor[];
      assertClose(g, flat(ops.matmul(u, vh)), 1e-5, 1e-6, 'd sum(s) / dA = U Vh');
      assert.equal(repr(jax.grad((x: Tensor) => jnp.linalg.det(x))(jnp.array(F([[1., 2.], [2., 4.]])))), 'Array([[ 4., -2.],\n       [-2.,  1.]], dtype=float32)');
    });
  });

  describe('derivatives of the values alone at repeated eigenvalues and singular values (no NaN from the unused vectors)', () => {
    it('jax.grad of sum(eigvalsh), sum(svd S) and the nuclear norm at the identity is the identity', () => {
      const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];
      assertClose(jax.grad((a: Tensor) => T(jnp.linalg.eigvalsh(a)).sum())(jnp.eye(3)), I, 0, 1e-7, 'eigvalsh');
      assertClose(jax.grad((a: Tensor) => T((jnp.linalg.svd(a, { full_matrices: false }) as Tensor[])[1]).sum())(jnp.eye(3)), I, 0, 1e-7, 'svd S');
      assertClose(jax.grad((a: Tensor) => T(jnp.linalg.norm(a, 'nuc')))(jnp.eye(3)), I, 0, 1e-7, 'nuclear norm');
    });
    it('torch: eigenvalues of torch.eye(3, requires_grad=True) backpropagate to the identity', () => {
      const A = torch.eye(3, { requires_grad: true }) as Tensor;
      T(torch.linalg.eigh(A).eigenvalues).sum().backward();
      assertClose(A.grad, [1, 0, 0, 0, 1, 0, 0, 0, 1], 0, 1e-7);
    });
  });

  describe('tf.linalg', () => {
    const m = () => tf.constant(F([[1., 2.], [3., 4.], [5., 6.]]));
    it('svd returns (s, u, v) with v, not vh; reduced by default', () => {
      const r = tf.linalg.svd(m()) as PyTuple<Tensor>;
      assert.ok(r instanceof PyTuple && !(r instanceof NamedTuple));
      const [s, u, v] = r;
      assert.deepEqual([s.dims, u.dims, v.dims].map((d) => [...d]), [[2], [3, 2], [2, 2]]);
      assertClose(ops.matmul(ops.mul(u, s), ops.matrixTranspose(v)), [1, 2, 3, 4, 5, 6], 1e-5, 1e-5, 'u diag(s) vᵀ');
      assert.deepEqual([...T(tf.linalg.svd(m(), { full_matrices: true })[1]).dims], [3, 3]);
      assertClose(tf.linalg.svd(m(), { compute_uv: false }), flat((np.linalg.svd(np.array(F([[1., 2.], [3., 4.], [5., 6.]])), { compute_uv: false }))), 1e-6, 1e-6);
    });
    it('qr is the named tuple Qr(q, r); eigh and slogdet are plain tuples', () => {
      const q = tf.linalg.qr(m());
      assert.ok(q instanceof NamedTuple && q.typeName === 'Qr');
      assert.deepEqual(q.fields, ['q', 'r']);
      const e = tf.linalg.eigh(tf.constant(F([[2., 1.], [1., 2.]])));
      assert.ok(e instanceof PyTuple && !(e instanceof NamedTuple));
      assertClose(e[0], [1, 3], 1e-6, 1e-6);
      assert.ok(!(tf.linalg.slogdet(tf.eye(2)) instanceof NamedTuple));
    });
    it("TensorFlow's errors: InvalidArgumentError for singular, non positive definite and non-square inputs", () => {
      assert.equal(thrown(() => tf.linalg.inv(tf.constant(F([[1., 2.], [2., 4.]])))), 'InvalidArgumentError: Input is not invertible. [Op:MatrixInverse]');
      assert.equal(thrown(() => tf.linalg.solve(tf.constant(F([[1., 2.], [2., 4.]])), tf.ones([2, 1]))), 'InvalidArgumentError: Input matrix is not invertible. [Op:MatrixSolve]');
      assert.equal(thrown(() => tf.linalg.cholesky(tf.constant(F([[1., 2.], [2., 1.]])))), 'InvalidArgumentError: Cholesky decomposition was not successful. The input might not be valid. [Op:Cholesky]');
      assert.equal(thrown(() => tf.linalg.det(tf.ones([2, 3]))), 'InvalidArgumentError: Input matrix must be square. [Op:MatrixDeterminant]');
      assert.equal(thrown(() => tf.linalg.det(tf.ones([3]))), 'InvalidArgumentError: Input tensor 0 must have rank >= 2, got 1 [Op:MatrixDeterminant]');
    });
    it('tf.norm: the flattened tensor without axis; a matrix norm over an axis pair', () => {
      const x = tf.constant(F([[1., -2.], [3., 4.]]));
      assert.equal(flat(tf.norm(x, { ord: 1 }))[0], 10);
      assert.equal(flat(tf.norm(x, { ord: 1, axis: [0, 1] }))[0], 6);
      assert.equal(flat(tf.norm(x, { ord: Infinity, axis: [-2, -1] }))[0], 7);
      assertClose(tf.norm(x, { ord: 2, axis: [0, 1] }), flat(np.linalg.norm(np.array(F([[1., -2.], [3., 4.]])), 2)), 1e-6, 1e-6);
      assert.equal(thrown(() => tf.norm(x, { ord: 'nuc', axis: [0, 1] })), "ValueError: 'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got nuc");
      assert.equal(thrown(() => tf.norm(x, { ord: -1 })), "ValueError: 'ord' must be a supported vector norm, got -1");
    });
    it('lstsq (fast: normal equations; fast=False: minimum norm), pinv, logdet, matrix_transpose, gradients on a tape', () => {
      const a = tf.constant(F([[1., 0.], [0., 1.], [1., 1.]])), b = tf.ones([3, 1]);
      assertClose(tf.linalg.lstsq(a, b), [2 / 3, 2 / 3], 1e-6, 1e-6);
      assertClose(tf.linalg.lstsq(a, b, { fast: false }), [2 / 3, 2 / 3], 1e-6, 1e-6);
      assertClose(tf.linalg.pinv(a), flat(np.linalg.pinv(np.array(F([[1., 0.], [0., 1.], [1., 1.]])))), 1e-6, 1e-6);
      assertClose(tf.linalg.logdet(tf.constant(F([[4., 2.], [2., 3.]]))), [Math.log(8)], 1e-6, 1e-6);
      assert.deepEqual([...T(tf.linalg.matrix_transpose(tf.ones([2, 3, 4]))).dims], [2, 4, 3]);
      const x = tf.Variable(tf.constant(F([[2., 1.], [1., 3.]])));
      const tape = new tf.GradientTape();
      const y = tape.run(() => tf.linalg.det(x));
      assertClose(tape.gradient(y, x), [3, -1, -1, 2], 1e-6, 1e-6, 'd det / dA = det · A⁻ᵀ');
    });
  });

  describe('jax.vmap through the decompositions equals the batched op', () => {
    const batch = shifted([3, 3, 3], 2);
    const spd = ops.add(ops.matmul(batch, ops.matrixTranspose(batch)), eye(3));
    const cases: [string, (x: Tensor) => unknown, Tensor][] = [
      ['inv', (x) => jnp.linalg.inv(x), batch],
      ['det', (x) => jnp.linalg.det(ops.matmul(x, x)), batch],
      ['slogdet', (x) => (jnp.linalg.slogdet(x) as Tensor[])[1], batch],
      ['cholesky', (x) => jnp.linalg.cholesky(x), spd],
      ['qr', (x) => (jnp.linalg.qr(x) as Tensor[])[1], batch],
      ['svd', (x) => (jnp.linalg.svd(x, { full_matrices: false }) as Tensor[])[1], batch],
      ['eigh', (x) => (jnp.linalg.eigh(x) as Tensor[])[0], spd],
      ['pinv', (x) => jnp.linalg.pinv(x), batch],
    ];
    for (const [name, f, x] of cases) {
      it(name, () => assertClose(jax.vmap(f)(x), flat(f(x) as Tensor), 1e-6, 1e-6, name));
    }
    it('solve with one matrix against a batch of right-hand sides (folded into columns), and the other way round', () => {
      const a = shifted([3, 3], 3), bs = R([4, 3], 4);
      assertClose(jax.vmap((b: Tensor) => jnp.linalg.solve(a, b))(bs), flat(ops.matrixTranspose(T(jnp.linalg.solve(a, ops.matrixTranspose(bs))))), 1e-6, 1e-6);
      const as = shifted([4, 3, 3], 5), b = R([3], 6);
      assertClose(jax.vmap((x: Tensor) => jnp.linalg.solve(x, b), { in_axes: 0 })(as), flat(jnp.linalg.solve(as, ops.broadcastTo(ops.reshape(b, [1, 3, 1]), [4, 3, 1]))), 1e-6, 1e-6);
    });
  });
});
