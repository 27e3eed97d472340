// Gradient checks of the decompositions (ops.linalg) against central differences in float64:
// forward (jax.jvp, jacfwd), reverse (jax.vjp, jacrev) and second order (jax.hessian), on
// well-conditioned random inputs: shifted matrices for solves and determinants, SPD matrices for
// Cholesky, symmetric matrices with distinct eigenvalues for eigh, and generic tall, wide and
// square matrices (distinct singular values) for QR, SVD and pinv. Eigenvectors and singular
// vectors have no defined sign, so their checks multiply each vector by the sign of its first
// component (a function with zero derivative), which makes the result sign-invariant.
import { jax, jnp, ops, Tensor } from '../../src/index.js';
import { check, random } from './gradcheck_core.js';

const L = ops.linalg;
const X = (seed: number, shape: number[]) => random(shape, seed);
const eye = (n: number) => ops.linalg.diagEmbed(ops.full([n], 1, 'float64'));
/** A random matrix shifted by 3·I: well conditioned. */
const shifted = (seed: number, n: number, batch: number[] = []) => ops.add(X(seed, [...batch, n, n]), ops.mul(eye(n), 3));
/** M Mᵀ + I: symmetric positive definite. */
const spd = (seed: number, n: number, batch: number[] = []) => {
  const m = X(seed, [...batch, n, n]);
  return ops.add(ops.matmul(m, ops.matrixTranspose(m)), eye(n));
};
/** Columns (or rows, axis -1) with the sign of their first entry made positive. */
const signFixedColumns = (u: Tensor) => ops.mul(u, ops.sign(ops.sliceAxis(u, u.dims.length - 2, 0, 1)));
const signFixedRows = (v: Tensor) => ops.mul(v, ops.sign(ops.sliceAxis(v, v.dims.length - 1, 0, 1)));

describe('autodiff: gradcheck of linear algebra (float64 central differences)', function () {
  before(() => jax.config.update('jax_enable_x64', true));
  after(() => jax.config.update('jax_enable_x64', false));
  this.timeout(60000);

  describe('solve, inv, determinants', () => {
    it('solve (both arguments)', () => check('solve', (a, b) => L.solve(a, b), [shifted(1, 3), X(2, [3, 2])]));
    it('solve batched, broadcasting the batch', () => check('solve batched', (a, b) => L.solve(a, b), [shifted(3, 2, [2]), X(4, [2, 1])], { second: false }));
    it('inv', () => check('inv', (a) => L.inv(a), [shifted(5, 3)]));
    it('slogdet (log|det|)', () => check('slogdet', (a) => L.slogdet(a)[1], [shifted(6, 3)]));
    it('det (LU product)', () => check('det', (a) => L.det(a), [shifted(7, 3)]));
    it('det (sign · exp(log|det|)), batched', () => check('det from slogdet', (a) => L.detFromSlogdet(a), [shifted(8, 2, [2])]));
    it('matrix_power 3 and -2', () => {
      check('matrix_power 3', (a) => L.matrixPower(a, 3), [shifted(9, 2)]);
      check('matrix_power -2', (a) => L.matrixPower(a, -2), [shifted(10, 2)]);
    });
  });

  describe('cholesky', () => {
    it('of the symmetrized input', () => check('cholesky sym', (a) => L.cholesky(L.symmetricInput(a, 'sym')), [spd(11, 3)]));
    // Reading one triangle, the derivative is that of the symmetrized input (as the libraries
    // define it), so it is checked along symmetric directions: the argument enters as a + aᵀ.
    it('reading the lower triangle, batched (symmetric directions)', () =>
      check('cholesky L', (a) => L.cholesky(L.symmetricInput(ops.add(a, ops.matrixTranspose(a)), 'L')), [spd(12, 2, [2])], { second: false }));
    it('log-determinant from the factor', () => check('logdet pd', (a) => L.logdetPd(L.symmetricInput(a, 'sym')), [spd(13, 3)]));
  });

  describe('qr (Householder signs are locally constant, so Q and R are checked as they are)', () => {
    for (const [name, shape, seed] of [['tall [4,3]', [4, 3], 20], ['square [3,3]', [3, 3], 21], ['wide [2,4]', [2, 4], 22]] as const) {
      it(`Q and R, ${name}`, () => {
        check(`qr Q ${name}`, (a) => L.qr(a, false)[0], [X(seed, [...shape])]);
        check(`qr R ${name}`, (a) => L.qr(a, false)[1], [X(seed, [...shape])]);
      });
    }
    it('complete mode of a square matrix', () => check('qr complete', (a) => L.qr(a, true)[0], [X(23, [3, 3])], { second: false }));
  });

  describe('svd (distinct singular values)', () => {
    for (const [name, shape, seed] of [['tall [4,3]', [4, 3], 30], ['square [3,3]', [3, 3], 31], ['wide [2,4]', [2, 4], 32]] as const) {
      it(`S, sign-fixed U and Vh, ${name}`, () => {
        const a = X(seed, [...shape]);
        check(`svd S ${name}`, (x) => L.svd(x, { full: false, uv: true })[1], [a]);
        check(`svd U ${name}`, (x) => signFixedColumns(L.svd(x, { full: false, uv: true })[0]), [a]);
        check(`svd Vh ${name}`, (x) => signFixedRows(L.svd(x, { full: false, uv: true })[2]), [a]);
      });
    }
    it('singular values alone (compute_uv=False), batched', () => check('svdvals', (x) => L.svd(x, { full: false, uv: false })[0], [X(33, [2, 3, 2])]));
    it('full matrices with the completing columns held constant (PyTorch): the leading columns', () =>
      check('svd full U', (x) => ops.sliceAxis(signFixedColumns(L.svd(x, { full: true, uv: true, fullGrad: 'narrow' })[0]), 1, 0, 2), [X(34, [3, 2])], { second: false }));
  });

  describe('eigh (distinct eigenvalues)', () => {
    it('eigenvalues', () => check('eigh w', (a) => L.eigh(L.symmetricInput(a, 'sym'))[0], [X(40, [3, 3])]));
    it('sign-fixed eigenvectors', () => check('eigh V', (a) => signFixedColumns(L.eigh(L.symmetricInput(a, 'sym'))[1]), [X(41, [3, 3])]));
    it('batched, upper triangle (symmetric directions)', () =>
      check('eigh batched', (a) => L.eigh(L.symmetricInput(ops.add(a, ops.matrixTranspose(a)), 'U'))[0], [X(42, [2, 2, 2])], { second: false }));
  });

  describe('pinv and lstsq', () => {
    it('pinv tall and wide', () => {
      check('pinv tall', (a) => L.pinv(a, 1e-15), [X(50, [4, 2])]);
      check('pinv wide', (a) => L.pinv(a, 1e-15), [X(51, [2, 3])]);
    });
    it('lstsq solution (both arguments)', () => check('lstsq', (a, b) => L.lstsq(a, b, 1e-15).x, [X(52, [4, 2]), X(53, [4, 1])]));
  });

  describe('through jnp.linalg (the facade compositions)', () => {
    const J = (x: unknown) => x as Tensor;
    it("det: JAX's explicit 3×3 formula and sign·exp(log|det|) for 4×4", () => {
      check('jnp det 3x3', (a) => J(jnp.linalg.det(a)), [shifted(60, 3)]);
      check('jnp det 4x4', (a) => J(jnp.linalg.det(a)), [shifted(61, 4)], { second: false });
    });
    it("norms from the singular values: 'nuc', 2, -2", () => {
      check('jnp norm nuc', (a) => J(jnp.linalg.norm(a, 'nuc')), [X(62, [3, 2])]);
      check('jnp norm 2', (a) => J(jnp.linalg.norm(a, 2)), [X(63, [3, 2])]);
      check('jnp norm -2', (a) => J(jnp.linalg.norm(a, -2)), [X(64, [2, 3])], { second: false });
    });
    it('eigh (symmetrized input) and cholesky', () => {
      check('jnp eigh', (a) => J((jnp.linalg.eigh(a) as Tensor[])[0]), [X(65, [3, 3])]);
      check('jnp cholesky', (a) => J(jnp.linalg.cholesky(a)), [spd(66, 3)], { second: false });
    });
    it('slogdet, solve, lstsq solution', () => {
      check('jnp slogdet', (a) => J((jnp.linalg.slogdet(a) as Tensor[])[1]), [shifted(67, 3)]);
      check('jnp solve vector', (a, b) => J(jnp.linalg.solve(a, b)), [shifted(68, 3), X(69, [3])], { second: false });
      check('jnp lstsq', (a, b) => J((jnp.linalg.lstsq(a, b) as Tensor[])[0]), [X(70, [4, 2]), X(71, [4])], { second: false });
    });
  });
});
