// torch.linalg (and torch.inverse, det, slogdet, logdet, cholesky, norm) against PyTorch 1.13's own
// results, gradients (torch.autograd), error texts and printed named tuples, recorded in
// spec/fixtures/linalg/torch.json by generate.py beside it (PyTorch is not needed to run this).
// Each fixture case is written again here under its name; eigenvector and singular-vector cases
// are sign-invariant (each vector times the sign of its first entry).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ops, torch, Tensor } from '../../src/index.js';
import { repr } from '../../src/format/index.js';
import { describeRecordedCases, thrown } from './torch_fixtures.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(HERE, '..', '..', '..', 'spec', 'fixtures', 'linalg', 'torch.json');

interface Run { value: unknown; shape: number[]; grads?: unknown[]; grad_error?: [string, string] }
interface Fixture {
  cases: Record<string, { inputs: unknown[]; float64: Run; float32: Run }>;
  errors: Record<string, [string, string] | null>;
  grad_errors: Record<string, [string, string] | null>;
  reprs: Record<string, string>;
  grad_fns: Record<string, (string | null)[]>;
}
const data = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;

type T = Tensor;
const L = torch.linalg;
const lastSlice = (x: T, axis: number) => ops.sliceAxis(x, x.dims.length + axis, 0, 1);
const sfc = (u: T) => ops.mul(u, ops.sign(lastSlice(u, -2)));
const sfr = (v: T) => ops.mul(v, ops.sign(lastSlice(v, -1)));
const qrFlat = (r: { Q: T; R: T }) => torch.cat([r.Q.flatten(), r.R.flatten()]) as T;
const inf = Infinity;

const CASES: Record<string, (...xs: T[]) => T> = {
  inv: (a) => L.inv(a),
  inv_batched: (a) => L.inv(a),
  inverse: (a) => torch.inverse(a),
  solve_matrix: (a, b) => L.solve(a, b),
  solve_vector: (a, b) => L.solve(a, b),
  solve_batch_vectors: (a, b) => L.solve(a, b),
  solve_left_false: (a, b) => L.solve(a, b, { left: false }),
  det: (a) => L.det(a),
  det_batched: (a) => torch.det(a),
  slogdet: (a) => torch.stack([...L.slogdet(a)]),
  logdet: (a) => torch.logdet(a),
  cholesky: (a) => L.cholesky(a),
  cholesky_upper: (a) => L.cholesky(a, { upper: true }),
  cholesky_batched: (a) => L.cholesky(a),
  cholesky_reads_lower: (a) => L.cholesky(a),
  qr_tall: (a) => qrFlat(L.qr(a)),
  qr_square_complete: (a) => qrFlat(L.qr(a, { mode: 'complete' })),
  qr_wide: (a) => qrFlat(L.qr(a)),
  svd_values: (a) => L.svd(a).S,
  svd_u_tall: (a) => sfc(L.svd(a, { full_matrices: false }).U),
  svd_vh_wide: (a) => sfr(L.svd(a, { full_matrices: false }).Vh),
  svd_full_leading_u: (a) => sfc(ops.sliceAxis(L.svd(a).U, 1, 0, 2)),
  svd_full_all_u: (a) => sfc(L.svd(a).U),
  svdvals_batched: (a) => L.svdvals(a),
  eigh_values: (a) => L.eigh(a).eigenvalues,
  eigh_vectors: (a) => sfc(L.eigh(a).eigenvectors),
  eigh_upper: (a) => L.eigh(a, { UPLO: 'U' }).eigenvalues,
  eigvalsh: (a) => L.eigvalsh(a),
  matrix_power_3: (a) => L.matrix_power(a, 3),
  matrix_power_m2: (a) => L.matrix_power(a, -2),
  pinv_tall: (a) => L.pinv(a),
  pinv_identity: (a) => L.pinv(a),
  lstsq: (a, b) => L.lstsq(a, b).solution,
  norm_nuc: (a) => L.norm(a, 'nuc'),
  norm_2: (a) => L.norm(a, 2),
  norm_m2: (a) => L.matrix_norm(a, -2),
  norm_fro: (a) => L.norm(a),
  norm_inf: (a) => L.norm(a, inf),
  norm_1_dim: (a) => L.norm(a, 1, { dim: [0, 1] }),
  vector_norm_3: (a) => L.vector_norm(a, 3, { dim: 1 }),
  torch_norm_nuc: (a) => torch.norm(a, { p: 'nuc' }),
  torch_norm_dim: (a) => torch.norm(a, { p: 2, dim: [0, 1] }),
};

const ONE = () => torch.tensor([[1, 2], [2, 4]], { dtype: torch.float32 }) as T;
const f32 = (x: unknown) => torch.tensor(x, { dtype: torch.float32 }) as T;
const ERRORS: Record<string, () => unknown> = {
  inv_singular: () => L.inv(ONE()),
  inv_singular_batched: () => L.inv(torch.stack([torch.eye(3), f32([[1, 2, 3], [4, 5, 6], [7, 8, 9]])])),
  inverse_singular: () => torch.inverse(ONE()),
  solve_singular: () => L.solve(ONE(), torch.ones(2)),
  solve_singular_batched: () => L.solve(torch.stack([torch.eye(2), ONE()]), torch.ones(2, 2)),
  inv_not_square: () => L.inv(torch.ones(2, 3)),
  inv_1d: () => L.inv(torch.ones(3)),
  inv_int: () => L.inv(torch.eye(2, { dtype: torch.int64 })),
  det_not_square: () => L.det(torch.ones(2, 3)),
  det_int: () => L.det(torch.eye(2, { dtype: torch.int64 })),
  slogdet_not_square: () => L.slogdet(torch.ones(2, 3)),
  cholesky_not_pd: () => L.cholesky(ONE()),
  cholesky_not_pd_batched: () => L.cholesky(torch.stack([torch.eye(2), torch.eye(2).neg()])),
  cholesky_legacy_not_pd: () => torch.cholesky(torch.eye(2).neg()),
  cholesky_not_square: () => L.cholesky(torch.ones(2, 3)),
  qr_1d: () => L.qr(torch.ones(3)),
  qr_mode: () => L.qr(torch.ones(3, 2), { mode: 'x' }),
  qr_int: () => L.qr(torch.eye(2, { dtype: torch.int64 })),
  svd_1d: () => L.svd(torch.ones(3)),
  svd_int: () => L.svd(torch.eye(2, { dtype: torch.int64 })),
  eigh_not_square: () => L.eigh(torch.ones(2, 3)),
  eigh_uplo: () => L.eigh(torch.eye(2), { UPLO: 'X' }),
  solve_shapes: () => L.solve(torch.eye(2), torch.ones(3, 1)),
  solve_shapes_left_false: () => L.solve(torch.eye(2), torch.ones(2, 3), { left: false }),
  solve_dtypes: () => L.solve(torch.eye(2, { dtype: torch.float64 }), torch.ones(2, 1)),
  matrix_power_not_square: () => L.matrix_power(torch.ones(2, 3), 2),
  matrix_power_singular: () => L.matrix_power(ONE(), -1),
  pinv_1d: () => L.pinv(torch.ones(3)),
  lstsq_driver: () => L.lstsq(torch.ones(2, 3), torch.ones(2, 1), { driver: 'xx' }),
  lstsq_rows: () => L.lstsq(torch.ones(3, 2), torch.ones(2, 1)),
  norm_3d_ord: () => L.norm(torch.ones(2, 2, 2), 2),
  norm_dims: () => L.norm(torch.ones(2, 2), { dim: [0, 1, 1] }),
  matrix_norm_ord: () => L.matrix_norm(torch.ones(2, 2), { ord: 3 }),
  matrix_norm_1d: () => L.matrix_norm(torch.ones(3)),
  matrix_norm_same_dims: () => L.matrix_norm(torch.ones(2, 2), { dim: [0, 0] }),
  vector_norm_str: () => L.vector_norm(torch.ones(2, 2), { ord: 'fro' }),
  vector_norm_int: () => L.vector_norm(torch.ones(3, { dtype: torch.int64 })),
  norm_legacy_int: () => torch.norm(torch.eye(2, { dtype: torch.int64 })),
};

const tall = () => ops.add(torch.ones(3, 2, { dtype: torch.float64 }), torch.eye(3, 2, { dtype: torch.float64 })) as T;
const GRAD_ERRORS: Record<string, [(x: T) => T, () => T]> = {
  qr_complete_tall: [(x) => { const r = L.qr(x, { mode: 'complete' }); return r.Q.sum().add(r.R.sum()); }, tall],
  qr_mode_r: [(x) => L.qr(x, { mode: 'r' })[1].sum(), tall],
};

const REPRS: Record<string, () => unknown> = {
  slogdet: () => L.slogdet(torch.eye(2)),
  slogdet_legacy: () => torch.slogdet(torch.eye(2)),
  eigh_diagonal: () => L.eigh(torch.diag(f32([3, 1, 2]))),
  qr: () => L.qr(f32([[1, 2], [3, 4], [5, 6]])),
  qr_r: () => L.qr(f32([[1, 2], [3, 4], [5, 6]]), { mode: 'r' }),
  svd_identity: () => L.svd(torch.eye(2)),
  lstsq_gelsd: () => L.lstsq(f32([[1, 0], [0, 1], [1, 1]]), torch.ones(3, 1), { driver: 'gelsd' }),
  lstsq_default: () => L.lstsq(f32([[1, 0], [0, 1], [1, 1]]), torch.ones(3, 1)),
  lstsq_gels: () => L.lstsq(f32([[1, 0], [0, 1], [1, 1]]), torch.ones(3, 1), { driver: 'gels' }),
  det_singular: () => L.det(ONE()),
  inv: () => L.inv(f32([[4, 7], [2, 6]])),
  logdet_negative: () => torch.logdet(f32([[1, 0], [0, -2]])),
  cholesky: () => L.cholesky(f32([[4, 2], [2, 3]])),
};

const GRAD_FNS: Record<string, (A: T, B: T) => unknown> = {
  inv: (A) => L.inv(A), inverse: (A) => torch.inverse(A), 'Tensor.inverse': (A) => A.inverse(),
  solve: (A) => L.solve(A, A), det: (A) => L.det(A), 'Tensor.det': (A) => A.det(),
  slogdet: (A) => L.slogdet(A), 'torch.slogdet': (A) => torch.slogdet(A), logdet: (A) => torch.logdet(A),
  cholesky: (A) => L.cholesky(A), qr: (A) => L.qr(A), svd: (_A, B) => L.svd(B), svdvals: (_A, B) => L.svdvals(B),
  eigh: (A) => L.eigh(A), eigvalsh: (A) => L.eigvalsh(A),
  'matrix_power 3': (A) => L.matrix_power(A, 3), 'matrix_power -1': (A) => L.matrix_power(A, -1),
  'matrix_power 0': (A) => L.matrix_power(A, 0), 'matrix_power 1': (A) => L.matrix_power(A, 1),
  pinv: (_A, B) => L.pinv(B), pinverse: (_A, B) => torch.pinverse(B), lstsq: (A) => L.lstsq(A, A),
  norm: (A) => L.norm(A), "norm 'nuc'": (A) => L.norm(A, 'nuc'), 'norm 2': (A) => L.norm(A, 2),
  'norm 1': (A) => L.norm(A, 1), vector_norm: (A) => L.vector_norm(A), matrix_norm: (A) => L.matrix_norm(A),
  'torch.norm': (A) => torch.norm(A), "torch.norm 'nuc'": (A) => torch.norm(A, { p: 'nuc' }),
};


describe('runtime: torch.linalg against PyTorch 1.13 (recorded fixtures)', function () {
  this.timeout(60000);

  it('every fixture case has a TypeScript twin', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(data.cases).sort());
    assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(data.errors).sort());
  });

  // float32: PyTorch runs float32 LAPACK; Jacobi factorizes in float64 and rounds once.
  describeRecordedCases(CASES, data.cases, { f32: [2e-5, 2e-5], f64: [1e-9, 1e-10], grad: [1e-8, 1e-9] });

  describe('errors (exact type names and texts)', () => {
    for (const [name, want] of Object.entries(data.errors)) {
      it(name, () => assert.deepEqual(thrown(ERRORS[name]), want));
    }
    for (const [name, want] of Object.entries(data.grad_errors)) {
      it(`differentiating: ${name}`, () => {
        const [f, x0] = GRAD_ERRORS[name];
        const x = x0().requires_grad_(true) as T;
        assert.deepEqual(thrown(() => f(x).backward()), want);
      });
    }
  });

  describe("autograd node names (grad_fn), PyTorch's per overload", () => {
    for (const [name, want] of Object.entries(data.grad_fns)) {
      it(name, () => {
        const A = torch.tensor([[2, 1], [1, 3]], { dtype: torch.float32, requires_grad: true }) as T;
        const B = torch.tensor([[2, 1, 0], [1, 3, 1]], { dtype: torch.float32, requires_grad: true }) as T;
        const r = GRAD_FNS[name](A, B);
        const rs = Array.isArray(r) ? (r as T[]) : [r as T];
        assert.deepEqual(rs.map((t) => t.gradFnName), want);
      });
    }
  });

  describe('printed results (torch.return_types, one field per line)', () => {
    for (const [name, want] of Object.entries(data.reprs)) {
      it(name, () => assert.equal(repr(REPRS[name]()), want));
    }
  });
});
