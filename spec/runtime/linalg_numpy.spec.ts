// np.linalg against the real NumPy 1.24 (/usr/bin/python3): values in float64 and float32,
// batches, integer inputs (computed in float64), the plain tuples NumPy returns, and its error
// types and texts. QR is compared as it is (Householder reflections with LAPACK's signs); the
// singular vectors and eigenvectors up to the sign of each vector, which neither library defines.
import assert from 'node:assert/strict';
import { np, ops, Tensor } from '../../src/index.js';
import { PyTuple } from '../../src/tensor/pytuple.js';
import { randomUniform } from './random_inputs.js';
import { NumpyOracle, assertLike, decode, py, type NpResult } from './numpy_oracle.js';
import { vals } from './helpers.js';

const R = (dims: number[], seed: number) => randomUniform(dims, -1, 1, { dtype: 'float64', seed });
const lit = (t: Tensor) => `np.array(${py(vals(t))}).reshape(${t.dims.join(', ')}${t.dims.length === 1 ? ',' : ''})`;
const eye = (n: number) => ops.linalg.diagEmbed(ops.full([n], 1, 'float64'));
const shift = (t: Tensor) => ops.add(t, ops.mul(eye(t.dims[t.dims.length - 1]), 3));
const spd = (t: Tensor) => ops.add(ops.matmul(t, ops.matrixTranspose(t)), eye(t.dims[t.dims.length - 1]));

const a33 = shift(R([3, 3], 1)), b32 = R([3, 2], 2), v3 = R([3], 3), a233 = shift(R([2, 3, 3], 4)), b232 = R([2, 3, 2], 5), b23 = R([2, 3], 6);
const s33 = spd(R([3, 3], 7)), junk = ops.add(s33, ops.linalg.triuOf(R([3, 3], 8), 1)), s233 = spd(R([2, 3, 3], 9));
const t43 = R([4, 3], 10), w24 = R([2, 4], 11), m33 = R([3, 3], 12), sym = R([3, 3], 13), b243 = R([2, 4, 3], 14);
const lsA = R([5, 3], 15), lsB = R([5, 2], 16), lsv = R([5], 17);
const x234 = R([2, 3, 4], 18), v5 = R([5], 19);
const ints = ops.cast(ops.toTensor([[2, 1], [1, 3]]), 'int64');

const cases: Record<string, string> = {
  inv: `np.linalg.inv(${lit(a33)})`, inv_b: `np.linalg.inv(${lit(a233)})`, inv_f32: `np.linalg.inv(${lit(a33)}.astype(np.float32))`,
  inv_int: 'np.linalg.inv(np.array([[2, 1], [1, 3]]))',
  solve: `np.linalg.solve(${lit(a33)}, ${lit(b32)})`, solve_v: `np.linalg.solve(${lit(a33)}, ${lit(v3)})`,
  solve_b: `np.linalg.solve(${lit(a233)}, ${lit(b232)})`, solve_bv: `np.linalg.solve(${lit(a233)}, ${lit(b23)})`,
  solve_bcast: `np.linalg.solve(${lit(a233)}, ${lit(b232)}[:1])`,
  det: `np.linalg.det(${lit(m33)})`, det_b: `np.linalg.det(${lit(a233)})`, det_f32: `np.linalg.det(${lit(m33)}.astype(np.float32))`,
  det_singular: 'np.linalg.det(np.array([[1., 2.], [2., 4.]]))', det_int: 'np.linalg.det(np.array([[1, 2], [3, 4]]))',
  slogdet_s: `np.linalg.slogdet(${lit(m33)})[0]`, slogdet_l: `np.linalg.slogdet(${lit(m33)})[1]`,
  slogdet_singular_s: 'np.linalg.slogdet(np.array([[1., 2.], [2., 4.]]))[0]', slogdet_singular_l: 'np.linalg.slogdet(np.array([[1., 2.], [2., 4.]]))[1]',
  chol: `np.linalg.cholesky(${lit(junk)})`, chol_b: `np.linalg.cholesky(${lit(s233)})`, chol_f32: `np.linalg.cholesky(${lit(s33)}.astype(np.float32))`,
  qr_q: `np.linalg.qr(${lit(t43)})[0]`, qr_r: `np.linalg.qr(${lit(t43)})[1]`,
  qrc_q: `np.linalg.qr(${lit(t43)}, mode='complete')[0]`, qrc_r: `np.linalg.qr(${lit(t43)}, mode='complete')[1]`,
  qr_only_r: `np.linalg.qr(${lit(t43)}, mode='r')`, qrw_q: `np.linalg.qr(${lit(w24)})[0]`, qrw_r: `np.linalg.qr(${lit(w24)})[1]`,
  qr_b_r: `np.linalg.qr(${lit(b243)})[1]`, qr_f32_r: `np.linalg.qr(${lit(t43)}.astype(np.float32))[1]`,
  svd_u: `np.linalg.svd(${lit(t43)})[0]`, svd_s: `np.linalg.svd(${lit(t43)})[1]`, svd_vh: `np.linalg.svd(${lit(t43)})[2]`,
  svdr_u: `np.linalg.svd(${lit(w24)}, full_matrices=False)[0]`, svdr_vh: `np.linalg.svd(${lit(w24)}, full_matrices=False)[2]`,
  svd_vals: `np.linalg.svd(${lit(b243)}, compute_uv=False)`, svd_f32: `np.linalg.svd(${lit(t43)}.astype(np.float32), compute_uv=False)`,
  svd_herm_s: `np.linalg.svd(${lit(ops.add(sym, ops.matrixTranspose(sym)))}, hermitian=True)[1]`,
  eigh_w: `np.linalg.eigh(${lit(sym)})[0]`, eigh_v: `np.linalg.eigh(${lit(sym)})[1]`, eigh_u: `np.linalg.eigh(${lit(sym)}, UPLO='U')[0]`,
  eigh_b: `np.linalg.eigvalsh(${lit(s233)})`, eigh_f32: `np.linalg.eigvalsh(${lit(sym)}.astype(np.float32))`,
  mp3: `np.linalg.matrix_power(${lit(m33)}, 3)`, mp0: `np.linalg.matrix_power(${lit(m33)}, 0)`, mpm2: `np.linalg.matrix_power(${lit(a33)}, -2)`,
  mp_int: 'np.linalg.matrix_power(np.array([[2, 1], [1, 3]]), 5)', mp_int_neg: 'np.linalg.matrix_power(np.array([[2, 1], [1, 3]]), -1)',
  pinv: `np.linalg.pinv(${lit(t43)})`, pinv_w: `np.linalg.pinv(${lit(w24)})`, pinv_rank1: 'np.linalg.pinv(np.ones((3, 2)))',
  pinv_rcond: `np.linalg.pinv(${lit(t43)}, rcond=0.5)`, pinv_b: `np.linalg.pinv(${lit(b243)})`,
  ls_x: `np.linalg.lstsq(${lit(lsA)}, ${lit(lsB)}, rcond=None)[0]`, ls_res: `np.linalg.lstsq(${lit(lsA)}, ${lit(lsB)}, rcond=None)[1]`,
  ls_rank: `np.linalg.lstsq(${lit(lsA)}, ${lit(lsB)}, rcond=None)[2]`, ls_s: `np.linalg.lstsq(${lit(lsA)}, ${lit(lsB)}, rcond=None)[3]`,
  ls_vx: `np.linalg.lstsq(${lit(lsA)}, ${lit(lsv)}, rcond=None)[0]`, ls_vres: `np.linalg.lstsq(${lit(lsA)}, ${lit(lsv)}, rcond=None)[1]`,
  ls_def_x: 'np.linalg.lstsq(np.ones((3, 2)), np.arange(3.), rcond=None)[0]', ls_def_res: 'np.linalg.lstsq(np.ones((3, 2)), np.arange(3.), rcond=None)[1]',
  ls_def_rank: 'np.linalg.lstsq(np.ones((3, 2)), np.arange(3.), rcond=None)[2]',
};
Object.assign(cases, {
  svd_tiny: `np.linalg.svd(${lit(m33)} * 1e-200, compute_uv=False)`, svd_huge: `np.linalg.svd(${lit(m33)} * 1e200, compute_uv=False)`,
  eigh_tiny: `np.linalg.eigvalsh(${lit(s33)} * 1e-200)`, eigh_huge: `np.linalg.eigvalsh(${lit(s33)} * 1e200)`,
});
const ORDS: [string, unknown][] = [['None', null], ["'fro'", 'fro'], ["'nuc'", 'nuc'], ['np.inf', Infinity], ['-np.inf', -Infinity], ['1', 1], ['-1', -1], ['2', 2], ['-2', -2]];
ORDS.forEach(([p], i) => (cases[`mnorm${i}`] = `np.linalg.norm(${lit(t43)}, ${p})`));
const VORDS: [string, number | null][] = [['None', null], ['0', 0], ['1', 1], ['-1', -1], ['2', 2], ['3', 3], ['np.inf', Infinity], ['-np.inf', -Infinity], ['-2.5', -2.5]];
VORDS.forEach(([p], i) => (cases[`vnorm${i}`] = `np.linalg.norm(${lit(v5)}, ${p})`));
Object.assign(cases, {
  norm_axes_nuc: `np.linalg.norm(${lit(x234)}, 'nuc', axis=(2, 0))`, norm_axes_2k: `np.linalg.norm(${lit(x234)}, 2, axis=(2, 0), keepdims=True)`,
  norm_axis1: `np.linalg.norm(${lit(x234)}, 1, axis=1)`, norm_flat3d: `np.linalg.norm(${lit(x234)})`, norm_int: 'np.linalg.norm(np.array([[3, 4], [0, 0]]))',
  norm_f32_nuc: `np.linalg.norm(${lit(t43)}.astype(np.float32), 'nuc')`,
});

const ERRORS: Record<string, [string, () => unknown]> = {
  e_inv_singular: ['np.linalg.inv(np.array([[1., 2.], [2., 4.]]))', () => np.linalg.inv(np.array([[1, 2], [2, 4]]))],
  e_inv_f32_singular: ['np.linalg.inv(np.array([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]], dtype=np.float32))', () => np.linalg.inv(np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 'float32'))],
  e_solve_singular: ['np.linalg.solve(np.array([[1., 2.], [2., 4.]]), np.ones(2))', () => np.linalg.solve(np.array([[1, 2], [2, 4]]), np.ones(2))],
  e_inv_square: ['np.linalg.inv(np.ones((2, 3)))', () => np.linalg.inv(np.ones([2, 3]))],
  e_inv_1d: ['np.linalg.inv(np.ones(3))', () => np.linalg.inv(np.ones(3))],
  e_chol: ['np.linalg.cholesky(-np.eye(2))', () => np.linalg.cholesky(ops.neg(np.eye(2) as Tensor))],
  e_eigh_square: ['np.linalg.eigh(np.ones((2, 3)))', () => np.linalg.eigh(np.ones([2, 3]))],
  e_eigh_uplo: ["np.linalg.eigh(np.eye(2), UPLO='X')", () => np.linalg.eigh(np.eye(2), 'X')],
  e_svd_1d: ['np.linalg.svd(np.ones(3))', () => np.linalg.svd(np.ones(3))],
  e_qr_mode: ["np.linalg.qr(np.ones((3, 2)), mode='x')", () => np.linalg.qr(np.ones([3, 2]), 'x')],
  e_solve_v: ['np.linalg.solve(np.eye(2), np.ones(3))', () => np.linalg.solve(np.eye(2), np.ones(3))],
  e_solve_m: ['np.linalg.solve(np.eye(2), np.ones((3, 1)))', () => np.linalg.solve(np.eye(2), np.ones([3, 1]))],
  e_solve_dims: ['np.linalg.solve(np.ones((3, 2, 2)) + np.eye(2), np.ones(2))', () => np.linalg.solve(ops.add(np.ones([3, 2, 2]) as Tensor, np.eye(2) as Tensor), np.ones(2))],
  e_mp_square: ['np.linalg.matrix_power(np.ones((2, 3)), 2)', () => np.linalg.matrix_power(np.ones([2, 3]), 2)],
  e_mp_float: ['np.linalg.matrix_power(np.eye(2), 1.5)', () => np.linalg.matrix_power(np.eye(2), 1.5)],
  e_mp_singular: ['np.linalg.matrix_power(np.array([[1., 2.], [2., 4.]]), -1)', () => np.linalg.matrix_power(np.array([[1, 2], [2, 4]]), -1)],
  e_norm_dims: ['np.linalg.norm(np.ones((2, 2, 2)), 2)', () => np.linalg.norm(np.ones([2, 2, 2]), 2)],
  e_norm_vfro: ["np.linalg.norm(np.ones(3), 'fro')", () => np.linalg.norm(np.ones(3), 'fro')],
  e_norm_mord: ['np.linalg.norm(np.ones((2, 2)), 3)', () => np.linalg.norm(np.ones([2, 2]), 3)],
  e_norm_dup: ['np.linalg.norm(np.ones((2, 2)), axis=(0, 0))', () => np.linalg.norm(np.ones([2, 2]), { axis: [0, 0] })],
  e_norm_axes: ['np.linalg.norm(np.ones((2, 2)), axis=(0, 1, 0))', () => np.linalg.norm(np.ones([2, 2]), { axis: [0, 1, 0] })],
  e_lstsq_3d: ['np.linalg.lstsq(np.ones((2, 2, 2)), np.ones(2), rcond=None)', () => np.linalg.lstsq(np.ones([2, 2, 2]), np.ones(2), { rcond: null })],
  e_svd_nan: ["np.linalg.svd(np.array([[np.nan, 1.], [1., 1.]]))", () => np.linalg.svd(np.array([[NaN, 1], [1, 1]]))],
  e_pinv_nan: ["np.linalg.pinv(np.array([[np.nan, 1.], [1., 1.]]))", () => np.linalg.pinv(np.array([[NaN, 1], [1, 1]]))],
  e_norm_empty: ['np.linalg.norm(np.ones((0, 3)), 2)', () => np.linalg.norm(np.ones([0, 3]), 2)],
  e_f16: ['np.linalg.inv(np.eye(2, dtype=np.float16))', () => np.linalg.inv(np.eye(2, { dtype: 'float16' }))],
};
for (const [k, [expr]] of Object.entries(ERRORS)) cases[k] = expr;

const TOL = { rtol: 1e-10, atol: 1e-12 };
const TOL32 = { rtol: 2e-5, atol: 1e-6 };

/** The signs (±1) that make the first k columns of `t` (m × c) agree with the reference's. */
function columnSigns(t: Tensor, ref: NpResult, k: number): number[] {
  const [m, c] = [t.dims[t.dims.length - 2], t.dims[t.dims.length - 1]];
  const refC = ref.shape[ref.shape.length - 1];
  const got = vals(t), want = ref.data.map(decode);
  return Array.from({ length: k }, (_, j) => {
    let dot = 0;
    for (let i = 0; i < m; i++) dot += got[i * c + j] * want[i * refC + j];
    return dot < 0 ? -1 : 1;
  });
}

/** The first k columns of `t` times ±1 (the others as they are). */
function alignColumns(t: Tensor, ref: NpResult, k: number, signs = columnSigns(t, ref, k)): number[] {
  const c = t.dims[t.dims.length - 1];
  return vals(t).map((v, i) => ((i % c) < k ? v * signs[i % c] : v));
}

function closeTo(got: number[], want: number[], rtol: number, atol: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= atol + rtol * Math.abs(want[i]), `${what}[${i}]: ${g} vs ${want[i]}`));
}

describe('runtime: np.linalg against NumPy 1.24', function () {
  this.timeout(60000);
  const oracle = new NumpyOracle(cases);
  const S = (k: string) => oracle.get(k);
  const T = (x: unknown) => x as Tensor;

  describe('solve, inv, det, slogdet', () => {
    it('inv: float64, batched, float32, integers (float64)', function () {
      oracle.need(this);
      assertLike(T(np.linalg.inv(a33)), S('inv'), TOL);
      assertLike(T(np.linalg.inv(a233)), S('inv_b'), TOL);
      assertLike(T(np.linalg.inv(ops.cast(a33, 'float32'))), S('inv_f32'), TOL32);
      assertLike(T(np.linalg.inv(np.array([[2, 1], [1, 3]]))), S('inv_int'), TOL);
    });
    it("solve: matrices, a vector, batches (NumPy 1.24's rule for b of rank a.ndim - 1), broadcasting", function () {
      oracle.need(this);
      assertLike(T(np.linalg.solve(a33, b32)), S('solve'), TOL);
      assertLike(T(np.linalg.solve(a33, v3)), S('solve_v'), TOL);
      assertLike(T(np.linalg.solve(a233, b232)), S('solve_b'), TOL);
      assertLike(T(np.linalg.solve(a233, b23)), S('solve_bv'), TOL);
      assertLike(T(np.linalg.solve(a233, ops.sliceAxis(b232, 0, 0, 1))), S('solve_bcast'), TOL);
    });
    it('det (a NumPy scalar for one matrix), batched, float32, singular, integers', function () {
      oracle.need(this);
      const d = T(np.linalg.det(m33));
      assert.equal(d.scalar, true);
      assertLike(d, S('det'), TOL);
      assertLike(T(np.linalg.det(a233)), S('det_b'), TOL);
      assertLike(T(np.linalg.det(ops.cast(m33, 'float32'))), S('det_f32'), TOL32);
      assertLike(T(np.linalg.det(np.array([[1, 2], [2, 4]]))), S('det_singular'), 'exact');
      assertLike(T(np.linalg.det(np.array([[1, 2], [3, 4]]))), S('det_int'), TOL);
    });
    it('slogdet: a plain tuple (sign, logabsdet); (0, -inf) when singular', function () {
      oracle.need(this);
      const r = np.linalg.slogdet(m33) as PyTuple<Tensor>;
      assert.ok(r instanceof PyTuple && r.constructor === PyTuple, 'a plain tuple');
      assertLike(r[0], S('slogdet_s'), 'exact');
      assertLike(r[1], S('slogdet_l'), TOL);
      const z = np.linalg.slogdet(np.array([[1, 2], [2, 4]])) as PyTuple<Tensor>;
      assertLike(z[0], S('slogdet_singular_s'), 'exact');
      assertLike(z[1], S('slogdet_singular_l'), 'exact');
    });
  });

  describe('cholesky, qr', () => {
    it('cholesky reads the lower triangle; batched; float32', function () {
      oracle.need(this);
      assertLike(T(np.linalg.cholesky(junk)), S('chol'), TOL);
      assertLike(T(np.linalg.cholesky(s233)), S('chol_b'), TOL);
      assertLike(T(np.linalg.cholesky(ops.cast(s33, 'float32'))), S('chol_f32'), TOL32);
    });
    it("qr: reduced, complete, 'r', wide, batched, float32 (Q and R as LAPACK gives them, signs included)", function () {
      oracle.need(this);
      const [q, r] = np.linalg.qr(t43) as Tensor[];
      assertLike(q, S('qr_q'), TOL);
      assertLike(r, S('qr_r'), TOL);
      const [qc, rc] = np.linalg.qr(t43, 'complete') as Tensor[];
      assertLike(qc, S('qrc_q'), TOL);
      assertLike(rc, S('qrc_r'), TOL);
      assertLike(T(np.linalg.qr(t43, 'r')), S('qr_only_r'), TOL);
      const [qw, rw] = np.linalg.qr(w24) as Tensor[];
      assertLike(qw, S('qrw_q'), TOL);
      assertLike(rw, S('qrw_r'), TOL);
      assertLike((np.linalg.qr(b243) as Tensor[])[1], S('qr_b_r'), TOL);
      assertLike((np.linalg.qr(ops.cast(t43, 'float32')) as Tensor[])[1], S('qr_f32_r'), TOL32);
    });
  });

  describe('svd, eigh (vectors up to sign)', () => {
    it('svd: full matrices (U square and orthogonal), values, Vh; reduced wide', function () {
      oracle.need(this);
      const [u, s, vh] = np.linalg.svd(t43) as Tensor[];
      assertLike(s, S('svd_s'), TOL);
      assert.deepEqual([...u.dims], [4, 4]);
      // m − n = 1: the completing column is unique up to its sign too.
      closeTo(alignColumns(u, S('svd_u'), 4), S('svd_u').data.map(decode), 1e-10, 1e-12, 'U');
      closeTo(vals(T(ops.matmul(ops.matrixTranspose(u), u))), vals(eye(4)), 0, 1e-14, 'UᵀU = I');
      // Vh's rows take the signs of U's columns.
      const signs = columnSigns(u, S('svd_u'), 3);
      closeTo(vals(vh).map((v, i) => v * signs[Math.floor(i / 3)]), S('svd_vh').data.map(decode), 1e-10, 1e-12, 'Vh');
      const [ur, , vhr] = np.linalg.svd(w24, { full_matrices: false }) as Tensor[];
      closeTo(alignColumns(ur, S('svdr_u'), 2), S('svdr_u').data.map(decode), 1e-10, 1e-12, 'U wide');
      assert.deepEqual([...vhr.dims], [2, 4]);
    });
    it('svd(compute_uv=False) batched and float32; svd(hermitian=True)', function () {
      oracle.need(this);
      assertLike(T(np.linalg.svd(b243, { compute_uv: false })), S('svd_vals'), TOL);
      assertLike(T(np.linalg.svd(ops.cast(t43, 'float32'), { compute_uv: false })), S('svd_f32'), TOL32);
      assertLike((np.linalg.svd(ops.add(sym, ops.matrixTranspose(sym)), { hermitian: true }) as Tensor[])[1], S('svd_herm_s'), TOL);
    });
    it('no overflow or underflow for entries near 1e±200 (scaled before the rotations); vectors stay orthonormal', function () {
      oracle.need(this);
      for (const [k, f] of [['tiny', 1e-200], ['huge', 1e200]] as const) {
        const [u, s] = np.linalg.svd(ops.mul(m33, f)) as Tensor[];
        assertLike(s, S(`svd_${k}`), TOL);
        closeTo(vals(T(ops.matmul(ops.matrixTranspose(u), u))), vals(eye(3)), 0, 1e-14, `UᵀU ${k}`);
        const [w, v] = np.linalg.eigh(ops.mul(s33, f)) as Tensor[];
        assertLike(w, S(`eigh_${k}`), TOL);
        closeTo(vals(T(ops.matmul(ops.matrixTranspose(v), v))), vals(eye(3)), 0, 1e-14, `VᵀV ${k}`);
      }
    });
    it("eigh: ascending values, vectors; UPLO='U' reads the other triangle; eigvalsh batched, float32", function () {
      oracle.need(this);
      const [w, v] = np.linalg.eigh(sym) as Tensor[];
      assertLike(w, S('eigh_w'), TOL);
      closeTo(alignColumns(v, S('eigh_v'), 3), S('eigh_v').data.map(decode), 1e-10, 1e-12, 'eigenvectors');
      assertLike((np.linalg.eigh(sym, 'U') as Tensor[])[0], S('eigh_u'), TOL);
      assertLike(T(np.linalg.eigvalsh(s233)), S('eigh_b'), TOL);
      assertLike(T(np.linalg.eigvalsh(ops.cast(sym, 'float32'))), S('eigh_f32'), TOL32);
    });
  });

  describe('matrix_power, pinv, lstsq', () => {
    it('matrix_power: 3, 0, -2, integers kept integer (int64), a negative power of integers in float64', function () {
      oracle.need(this);
      assertLike(T(np.linalg.matrix_power(m33, 3)), S('mp3'), TOL);
      assertLike(T(np.linalg.matrix_power(m33, 0)), S('mp0'), 'exact');
      assertLike(T(np.linalg.matrix_power(a33, -2)), S('mpm2'), TOL);
      assertLike(T(np.linalg.matrix_power(np.array([[2, 1], [1, 3]]), 5)), S('mp_int'), 'exact');
      assertLike(T(np.linalg.matrix_power(ints, -1)), S('mp_int_neg'), TOL);
    });
    it('pinv: tall, wide, rank one, rcond, batched', function () {
      oracle.need(this);
      assertLike(T(np.linalg.pinv(t43)), S('pinv'), TOL);
      assertLike(T(np.linalg.pinv(w24)), S('pinv_w'), TOL);
      assertLike(T(np.linalg.pinv(np.ones([3, 2]))), S('pinv_rank1'), TOL);
      assertLike(T(np.linalg.pinv(t43, 0.5)), S('pinv_rcond'), TOL);
      assertLike(T(np.linalg.pinv(b243)), S('pinv_b'), TOL);
    });
    it('lstsq: (x, residuals, rank, s); a vector b; rank deficient (empty residuals)', function () {
      oracle.need(this);
      const [x, res, rank, s] = np.linalg.lstsq(lsA, lsB, { rcond: null }) as Tensor[];
      assertLike(x, S('ls_x'), TOL);
      assertLike(res, S('ls_res'), { rtol: 1e-9, atol: 1e-12 });
      assertLike(rank, S('ls_rank'), 'exact');
      assert.equal(rank.scalar, true);
      assertLike(s, S('ls_s'), TOL);
      const [xv, rv] = np.linalg.lstsq(lsA, lsv, { rcond: null }) as Tensor[];
      assertLike(xv, S('ls_vx'), TOL);
      assertLike(rv, S('ls_vres'), { rtol: 1e-9, atol: 1e-12 });
      const [xd, rd, kd] = np.linalg.lstsq(np.ones([3, 2]), np.arange(3, { dtype: 'float64' }), { rcond: null }) as Tensor[];
      assertLike(xd, S('ls_def_x'), TOL);
      assertLike(rd, S('ls_def_res'), 'exact');
      assertLike(kd, S('ls_def_rank'), 'exact');
    });
  });

  describe('norm', () => {
    it('matrix norms: None, fro, nuc, ±inf, ±1, ±2', function () {
      oracle.need(this);
      ORDS.forEach(([, o], i) => assertLike(T(np.linalg.norm(t43, o)), S(`mnorm${i}`), TOL));
    });
    it('vector norms: None, 0, ±1, 2, 3, ±inf, -2.5', function () {
      oracle.need(this);
      VORDS.forEach(([, o], i) => assertLike(T(np.linalg.norm(v5, o)), S(`vnorm${i}`), TOL));
    });
    it('axes anywhere (2, 0), keepdims, one axis, a 3-D input without ord, integers, float32 nuclear', function () {
      oracle.need(this);
      assertLike(T(np.linalg.norm(x234, 'nuc', [2, 0])), S('norm_axes_nuc'), TOL);
      assertLike(T(np.linalg.norm(x234, 2, [2, 0], true)), S('norm_axes_2k'), TOL);
      assertLike(T(np.linalg.norm(x234, 1, 1)), S('norm_axis1'), TOL);
      assertLike(T(np.linalg.norm(x234)), S('norm_flat3d'), TOL);
      assertLike(T(np.linalg.norm(np.array([[3, 4], [0, 0]]))), S('norm_int'), 'exact');
      assertLike(T(np.linalg.norm(ops.cast(t43, 'float32'), 'nuc')), S('norm_f32_nuc'), TOL32);
    });
  });

  describe("errors: NumPy's types and texts", () => {
    for (const [name, [expr, f]] of Object.entries(ERRORS)) {
      it(expr, function () {
        oracle.need(this);
        const want = oracle.error(name);
        let got = 'no error';
        try { f(); } catch (e) { got = `${(e as Error).name}: ${(e as Error).message}`; }
        assert.equal(got, want);
      });
    }
  });
});
