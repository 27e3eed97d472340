// The torch facade's array functions against PyTorch 1.13's own results (spec/fixtures/arrays/torch.json,
// written by generate.py beside it; torch is not installed in CI): sort/argsort/msort with their
// return types (std::sort's order of equal elements when stable=False), unique, nonzero, nn.functional.pad's modes, diff, meshgrid, median (the lower middle
// value, its index), quantile's interpolations, searchsorted, gather, the NaN reductions; values,
// dtypes, grad_fn names, printed reprs and error messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { np, torch, repr, Tensor } from '../../src/index.js';
import { NamedTuple, PyTuple } from '../../src/tensor/pytuple.js';
import { F } from '../autodiff/helpers.js';

interface Enc { kind: string; dtype?: string; shape?: number[]; values?: (number | string | boolean)[]; grad_fn?: string | null; items?: Enc[]; value?: unknown }
interface Fixture {
  torch: string;
  cases: Record<string, { expr: string; result: Enc; repr: string }>;
  errors: Record<string, { expr: string; type: string; message: string }>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fx = JSON.parse(readFileSync(path.join(root, 'spec', 'fixtures', 'arrays', 'torch.json'), 'utf8')) as Fixture;

const T = torch as any;
const Fn = T.nn.functional;
const nan = NaN;
const f64 = { dtype: T.float64 };
const x = () => T.tensor(F([3.5, -1, 2, nan, 0, -1, 7.25, 2]));
const m = () => T.tensor(F([[5, 1, 4, 1.5], [9, 2, 6, 5.5], [3, 5, 8, 9.5]]));
const d = () => T.tensor([[0.3, -1.2, 2.5, 0.9], [1.7, 0.4, -0.8, 3.1]], f64);
const i = () => T.tensor([3, 1, 2, 1, 3, 0, 2]);
const b = () => T.tensor([true, false, false, true]);
const ties = () => T.tensor(Array.from({ length: 40 }, (_, k) => (k * 7919) % 5));
const nanm = () => T.tensor(F([[1, nan, 2, nan], [4, 3, 2, 1]]));
const q = () => T.tensor([0.1, 0.5, 0.9]);
const qd = () => T.tensor(F([0, 0.25, 0.3, 0.5, 2 / 3, 1]), f64);
const img = () => T.arange(F(12)).reshape(1, 3, 4);
const seq = () => T.tensor(F([1, 3, 5, 7]));
const vals = () => T.tensor(F([[0, 3], [6, 9]]));
const mr = () => m().clone().requires_grad_();
const dr = () => d().clone().requires_grad_();
const grad = (y: Tensor, w: Tensor) => T.autograd.grad(y, w)[0];

const CASES: Record<string, () => unknown> = {
  sort_x: () => T.sort(x()),
  sort_x_desc: () => T.sort(x(), { descending: true }),
  sort_m0: () => T.sort(m(), 0),
  sort_m_desc_stable: () => T.sort(m(), { dim: 1, descending: true, stable: true }),
  sort_i_stable: () => T.sort(i(), { stable: true }),
  sort_i_desc_stable: () => T.sort(i(), { descending: true, stable: true }),
  sort_b: () => T.sort(b(), { stable: true }),
  argsort_x: () => T.argsort(x()),
  argsort_ties: () => T.argsort(ties()),
  sort_ties_desc: () => T.sort(ties(), { descending: true }),
  msort_ties: () => T.msort(ties().reshape(20, 2)),
  argsort_m_desc: () => T.argsort(m(), { dim: 0, descending: true }),
  argsort_i_stable: () => T.argsort(i(), { stable: true }),
  msort_m: () => T.msort(m()),
  method_sort: () => m().sort(1),
  method_sort_desc: () => d().sort({ descending: true }),
  method_argsort: () => m().argsort({ dim: 0 }),
  unique_i: () => T.unique(i()),
  unique_i_all: () => T.unique(i(), { return_inverse: true, return_counts: true }),
  unique_2d_inverse: () => T.unique(T.tensor([[3, 1], [1, 2]]), { return_inverse: true }),
  unique_dim: () => T.unique(T.tensor([[1, 2, 1, 0], [2, 5, 2, 1]]), { dim: 1, return_inverse: true, return_counts: true }),
  unique_x: () => { const t = x(); return T.unique(t.getItem(t.isnan().logical_not())); },
  method_unique: () => i().unique({ return_counts: true }),
  nonzero: () => T.nonzero(m().gt(4)),
  nonzero_tuple: () => T.nonzero(m().gt(4), { as_tuple: true }),
  nonzero_0d: () => T.nonzero(T.tensor(3)),
  nonzero_0d_tuple: () => T.nonzero(T.tensor(0), { as_tuple: true }),
  argwhere: () => T.argwhere(i()),
  method_nonzero: () => i().gt(1).nonzero(),
  where1: () => T.where(b()),
  pad_const: () => Fn.pad(m(), [1, 2]),
  pad_const_2d: () => Fn.pad(m(), [1, 1, 2, 0], { value: -1.5 }),
  pad_crop: () => Fn.pad(m(), [-1, 2, 0, -1]),
  pad_int: () => Fn.pad(i(), [2, 1], { value: 9 }),
  pad_reflect1: () => Fn.pad(img(), [2, 3], { mode: 'reflect' }),
  pad_reflect2: () => Fn.pad(img(), [1, 2, 2, 1], { mode: 'reflect' }),
  pad_reflect_2d_input: () => Fn.pad(m(), [3, 1], { mode: 'reflect' }),
  pad_replicate: () => Fn.pad(img(), [3, 5], { mode: 'replicate' }),
  pad_replicate2: () => Fn.pad(img(), [1, 2, 3, 4], { mode: 'replicate' }),
  pad_circular: () => Fn.pad(img(), [4, 2], { mode: 'circular' }),
  pad_circular2: () => Fn.pad(img().getItem(null), [1, 2, 3, 1], { mode: 'circular' }),
  diff_m: () => T.diff(m()),
  diff_m_n2_dim0: () => T.diff(m(), { n: 2, dim: 0 }),
  diff_b: () => T.diff(b()),
  diff_i_ends: () => T.diff(i(), { prepend: T.tensor([10]), append: T.tensor([20, 30]) }),
  method_diff: () => d().diff({ dim: 0 }),
  meshgrid_ij: () => T.meshgrid(T.tensor(F([1, 2])), T.tensor(F([3, 4, 5])), { indexing: 'ij' }),
  meshgrid_xy: () => T.meshgrid(T.tensor([1, 2]), T.tensor([3, 4, 5]), T.tensor([6, 7]), { indexing: 'xy' }),
  meshgrid_list: () => T.meshgrid([T.tensor([1, 2]), T.tensor([3, 4, 5])], { indexing: 'ij' }),
  median_m: () => T.median(m()),
  median_x: () => T.median(x()),
  median_i: () => T.median(i()),
  median_m1: () => T.median(m(), 1),
  median_m0_keep: () => T.median(m(), 0, { keepdim: true }),
  median_nan: () => T.median(nanm(), 1),
  median_empty: () => T.median(T.tensor([])),
  nanmedian: () => T.nanmedian(nanm()),
  nanmedian_1: () => T.nanmedian(nanm(), 1),
  nanmedian_allnan: () => T.nanmedian(T.tensor(F([[nan, nan], [1, nan]])), 1),
  method_median: () => m().median({ dim: -1 }),
  quantile_m: () => T.quantile(m(), 0.3),
  quantile_m_q1: () => T.quantile(m(), q(), { dim: 1 }),
  quantile_m_q0_keep: () => T.quantile(m(), q(), { dim: 0, keepdim: true }),
  quantile_keep_none: () => T.quantile(d(), 0.5, { keepdim: true }),
  quantile_linear: () => T.quantile(d(), qd(), { dim: 1, interpolation: 'linear' }),
  quantile_lower: () => T.quantile(d(), qd(), { dim: 1, interpolation: 'lower' }),
  quantile_higher: () => T.quantile(d(), qd(), { dim: 1, interpolation: 'higher' }),
  quantile_midpoint: () => T.quantile(d(), qd(), { dim: 1, interpolation: 'midpoint' }),
  quantile_nearest: () => T.quantile(d(), qd(), { dim: 1, interpolation: 'nearest' }),
  quantile_nan: () => T.quantile(nanm(), 0.5, { dim: 1 }),
  nanquantile: () => T.nanquantile(nanm(), q(), { dim: 1 }),
  nanquantile_all: () => T.nanquantile(T.tensor(F([nan, nan])), 0.5),
  method_quantile: () => m().quantile(0.75, { dim: 0 }),
  search: () => T.searchsorted(seq(), vals()),
  search_right: () => T.searchsorted(seq(), vals(), { right: true }),
  search_side_int32: () => T.searchsorted(seq(), vals(), { side: 'right', out_int32: true }),
  search_scalar: () => T.searchsorted(seq(), 5),
  search_batched: () => T.searchsorted(T.tensor([[1, 3, 5], [2, 4, 6]]), T.tensor([[3], [6]])),
  search_sorter: () => T.searchsorted(T.tensor(F([5, 1, 3])), T.tensor(F([2, 4])), { sorter: T.tensor([1, 2, 0]) }),
  gather: () => T.gather(m(), 1, T.tensor([[0, 0], [1, 0], [3, 2]])),
  gather_small: () => T.gather(m(), 0, T.tensor([[2, 0, 1]])),
  take_along_dim: () => T.take_along_dim(m(), T.argsort(m(), 1), 1),
  take_along_dim_none: () => T.take_along_dim(m(), T.tensor([11, 0, 5])),
  take_along_dim_bcast: () => T.take_along_dim(m(), T.tensor([[0], [3], [1]]), { dim: 1 }),
  method_gather: () => m().gather(0, T.tensor([[1, 2, 0, 1]])),
  nansum: () => T.nansum(nanm()),
  nansum_1: () => T.nansum(nanm(), 1),
  nansum_i: () => T.nansum(i()),
  nanmean: () => T.nanmean(nanm(), 1),
  nanmean_keep: () => T.nanmean(nanm(), 0, { keepdim: true }),
  cumprod: () => T.cumprod(m(), 1),
  g_sort: () => T.sort(mr(), 1),
  g_sort_stable: () => T.sort(mr(), { dim: 1, stable: true }),
  g_msort: () => T.msort(mr()),
  g_median: () => T.median(mr()),
  g_median_dim: () => T.median(mr(), 1),
  g_nanmedian: () => T.nanmedian(mr()),
  g_quantile: () => T.quantile(mr(), 0.5),
  g_quantile_dim: () => T.quantile(mr(), q(), { dim: 1, keepdim: true }),
  g_diff: () => T.diff(mr()),
  g_pad: () => Fn.pad(mr(), [1, 1]),
  g_pad_reflect: () => Fn.pad(mr(), [1, 1], { mode: 'reflect' }),
  g_pad_replicate: () => Fn.pad(mr().getItem(null), [1, 1, 1, 1], { mode: 'replicate' }),
  g_gather: () => T.gather(mr(), 1, T.tensor([[0], [1], [2]])),
  g_take_along_dim: () => T.take_along_dim(mr(), T.tensor([[0], [1], [2]]), 1),
  g_nansum: () => T.nansum(mr()),
  g_nanmean: () => T.nanmean(mr()),
  g_unique: () => T.unique(mr()),
  g_unique_dim: () => T.unique(mr(), { dim: 0 }),
  grad_sort: () => { const w = dr(); return grad(T.sort(w, 1).values.mul(T.tensor(F([1, 2, 3, 4]), f64)).sum(), w); },
  grad_median: () => { const w = dr(); return grad(T.median(w, 1).values.sum(), w); },
  grad_quantile: () => { const w = dr(); return grad(T.quantile(w, 0.3, { dim: 1 }).sum(), w); },
  grad_pad_reflect: () => { const w = dr(); return grad(Fn.pad(w.getItem(null), [3, 2], { mode: 'reflect' }).sum(), w); },
};

const ERRORS: Record<string, () => unknown> = {
  quantile_int: () => T.quantile(i(), 0.5),
  quantile_q_range: () => T.quantile(m(), 1.5),
  quantile_q_tensor_range: () => T.quantile(m(), T.tensor([0.5, -0.5])),
  quantile_q_dtype: () => T.quantile(m(), T.tensor([0.5], f64)),
  quantile_q_2d: () => T.quantile(m(), T.ones(2, 2).div(2)),
  quantile_interp: () => T.quantile(m(), 0.5, { interpolation: 'cubic' }),
  quantile_empty: () => T.quantile(T.tensor([]), 0.5),
  nanquantile_int: () => T.nanquantile(i(), 0.5),
  median_empty_dim: () => T.median(T.ones(0, 2), 0),
  median_keepdim: () => T.median(m(), { keepdim: true }),
  sort_dim: () => T.sort(m(), 2),
  pad_odd: () => Fn.pad(m(), [1]),
  pad_too_long: () => Fn.pad(i(), [1, 1, 1, 1]),
  pad_mode: () => Fn.pad(m(), [1, 1], { mode: 'mirror' }),
  pad_reflect_1d: () => Fn.pad(i().float(), [1, 1], { mode: 'reflect' }),
  pad_reflect_big: () => Fn.pad(img(), [4, 1], { mode: 'reflect' }),
  pad_reflect_big2: () => Fn.pad(img(), [1, 1, 3, 1], { mode: 'reflect' }),
  pad_value: () => Fn.pad(img(), [1, 1], { mode: 'replicate', value: F(2) }),
  pad_circular_dims: () => Fn.pad(m(), [1, 1], { mode: 'circular' }),
  pad_circular_big: () => Fn.pad(img(), [5, 1], { mode: 'circular' }),
  pad_crop_negative: () => Fn.pad(m(), [-3, -2]),
  diff_prepend_dim: () => T.diff(m(), { prepend: T.tensor(F(1)) }),
  diff_0d: () => T.diff(T.tensor(F(1))),
  search_mismatch: () => T.searchsorted(T.ones(2, 3), T.ones(3)),
  search_side: () => T.searchsorted(seq(), vals(), { side: 'middle' }),
  search_side_right: () => T.searchsorted(seq(), vals(), { side: 'left', right: true }),
  gather_ndim: () => T.gather(m(), 1, T.tensor([0])),
  gather_size: () => T.gather(m(), 1, T.zeros(4, 1, { dtype: T.long })),
  gather_bounds: () => T.gather(m(), 1, T.tensor([[4]])),
  gather_negative: () => T.gather(m(), 1, T.tensor([[-1]])),
  take_along_dim_ndim: () => T.take_along_dim(m(), T.tensor([0]), 1),
  meshgrid_indexing: () => T.meshgrid(T.tensor([1]), { indexing: 'yx' }),
  meshgrid_dtypes: () => T.meshgrid(T.tensor([1, 2]), T.tensor(F([3, 4])), { indexing: 'ij' }),
  nanmean_int: () => T.nanmean(i()),
  unique_backward: () => T.unique(mr()).sum().backward(),
};

function decode(v: number | string | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

function kindOf(r: unknown): string {
  if (r instanceof Tensor) return 'tensor';
  if (r instanceof NamedTuple) return r.typeName;
  if (r instanceof PyTuple) return 'tuple';
  if (Array.isArray(r)) return 'list';
  return typeof r;
}

function same(r: unknown, e: Enc, where: string): void {
  assert.equal(kindOf(r), e.kind, `${where}: kind`);
  if (e.items) {
    const rs = r as unknown[];
    assert.equal(rs.length, e.items.length, `${where}: length`);
    e.items.forEach((it, k) => same(rs[k], it, `${where}[${k}]`));
    return;
  }
  const t = r as Tensor;
  assert.equal(t.dt, e.dtype, `${where}: dtype`);
  assert.deepEqual([...t.dims], e.shape, `${where}: shape`);
  const got = Array.from(t.values as ArrayLike<number | bigint>, Number);
  const want = e.values!.map(decode);
  assert.equal(got.length, want.length, `${where}: size`);
  got.forEach((g, k) => assert.ok(Object.is(g, want[k]) || g === want[k] || (Number.isNaN(g) && Number.isNaN(want[k])), `${where}: element ${k}: ${g} vs torch ${want[k]}`));
  const fn = t.grad_fn;
  assert.equal(fn === null || fn === undefined ? null : fn.name(), e.grad_fn ?? null, `${where}: grad_fn`);
}

describe('runtime: array functions against PyTorch 1.13 (fixtures)', function () {
  it('the fixtures come from torch 1.13 and every case is replayed', function () {
    assert.match(fx.torch, /^1\.13/);
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(fx.cases).sort());
    assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(fx.errors).sort());
  });

  describe('values, dtypes, grad_fn and repr', function () {
    for (const [name, c] of Object.entries(fx.cases)) {
      it(`${name}: ${c.expr}`, function () {
        const r = CASES[name]();
        same(r, c.result, name);
        assert.equal(repr(r), c.repr);
      });
    }
  });

  describe("PyTorch's errors", function () {
    for (const [name, c] of Object.entries(fx.errors)) {
      it(`${name}: ${c.expr}`, function () {
        assert.throws(ERRORS[name], (e: Error) => {
          assert.equal(`${e.name}: ${e.message}`, `${c.type}: ${c.message}`);
          return true;
        });
      });
    }
  });
});

describe('runtime: array functions Jacobi refuses, naming the form', function () {
  it('torch.unique(sorted=False): PyTorch returns the order of its hash set', function () {
    assert.throws(() => T.unique(i(), { sorted: false }), /NotImplementedError: torch.unique\(\.\.\., sorted=False\) is not supported by Jacobi/);
  });
  it("np.pad's linear_ramp mode and callables; where= and initial= of the NaN reductions", function () {
    const N = np as any;
    assert.throws(() => N.pad(N.array([1, 2]), 1, 'linear_ramp'), /NotImplementedError: np.pad\(\.\.\., mode='linear_ramp'\) is not supported by Jacobi/);
    assert.throws(() => N.pad(N.array([1, 2]), 1, () => null), /NotImplementedError: np.pad with a callable mode is not supported by Jacobi/);
    assert.throws(() => N.nansum(N.array([1, 2]), { where: N.array([true, false]) }), /NotImplementedError: nansum\(\.\.\., where=\.\.\.\) is not supported by Jacobi/);
    assert.throws(() => N.nanmax(N.array([1, 2]), { initial: 0 }), /NotImplementedError: nanmax\(\.\.\., initial=\.\.\.\) is not supported by Jacobi/);
  });
});
