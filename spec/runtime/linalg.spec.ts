// matmul (batched, broadcasting, 1-D operands), dot, outer, tensordot, einsum, softmax, log_softmax.
import assert from 'node:assert/strict';
import { ops } from '../../src/index.js';
import { tensor } from '../../src/tensor/create.js';
import { randomUniform } from './random_inputs.js';
import { NumpyOracle, assertLike, py } from './numpy_oracle.js';
import { check, close, vals } from './helpers.js';

const R = (dims: number[], seed: number) => randomUniform(dims, -2, 2, { dtype: 'float64', seed });
const arr = (t: ReturnType<typeof R>) => `np.array(${py(vals(t))}).reshape(${t.dims.length ? t.dims.join(', ') : '()'}${t.dims.length === 1 ? ',' : ''})`;

const a234 = R([2, 3, 4], 1), b45 = R([4, 5], 2), b145 = R([1, 4, 5], 3), v4 = R([4], 4), v3 = R([3], 5);
const m33 = R([3, 3], 6), b2345 = R([2, 1, 4, 5], 7), e0 = R([0, 3], 8), e32 = R([3, 2], 9), a34 = R([3, 4], 10);
const x23 = R([2, 3], 11);
const cases: Record<string, string> = {
  mm_batch_2d: `np.matmul(${arr(a234)}, ${arr(b45)})`,
  mm_batch_b1: `np.matmul(${arr(a234)}, ${arr(b145)})`,
  mm_batch_4d: `np.matmul(${arr(a234)}, ${arr(b2345)})`,
  mm_vec_right: `np.matmul(${arr(a234)}, ${arr(v4)})`,
  mm_vec_left: `np.matmul(${arr(v3)}, ${arr(a34)})`,
  mm_vec_vec: `np.matmul(${arr(v4)}, ${arr(v4)})`,
  mm_empty: `np.matmul(${arr(e0)}, ${arr(e32)})`,
  mm_empty_k: 'np.matmul(np.zeros((2, 0)), np.zeros((0, 3)))',
  dot_mv: `np.dot(${arr(a34)}, ${arr(v4)})`,
  dot_3d: `np.dot(${arr(a234)}, ${arr(b2345)}[0])`,
  outer: `np.outer(${arr(v3)}, ${arr(v4)})`,
  td_int: `np.tensordot(${arr(a234)}, ${arr(a34)}, 2)`,
  td_axes: `np.tensordot(${arr(a234)}, ${arr(b2345)}[0, 0], axes=([-1], [0]))`,
  td_axes2: `np.tensordot(${arr(a234)}, ${arr(a34)}, axes=([1, 2], [0, 1]))`,
  es_ij_jk: `np.einsum('ij,jk->ik', ${arr(a34)}, ${arr(b45)})`,
  es_trace: `np.einsum('ii->', ${arr(m33)})`,
  es_diag: `np.einsum('ii->i', ${arr(m33)})`,
  es_T: `np.einsum('ij->ji', ${arr(a34)})`,
  es_batch: `np.einsum('bij,bjk->bik', ${arr(a234)}, np.stack([${arr(b45)}, ${arr(b45)} * 2]))`,
  es_implicit: `np.einsum('ij,jk', ${arr(a34)}, ${arr(b45)})`,
  es_sum: `np.einsum('ijk->', ${arr(a234)})`,
  es_outer: `np.einsum('i,j->ij', ${arr(v3)}, ${arr(v4)})`,
  es_three: `np.einsum('i,ij,j->', ${arr(v3)}, ${arr(a34)}, ${arr(v4)})`,
  softmax: `(lambda v: np.exp(v - v.max(-1, keepdims=True)) / np.exp(v - v.max(-1, keepdims=True)).sum(-1, keepdims=True))(${arr(x23)})`,
  softmax0: `(lambda v: np.exp(v) / np.exp(v).sum(0, keepdims=True))(${arr(x23)})`,
  log_softmax: `(lambda v: v - np.log(np.exp(v).sum(-1, keepdims=True)))(${arr(x23)})`,
};

const TOL = { rtol: 1e-12, atol: 1e-12 };

describe('runtime: linear algebra', function () {
  const oracle = new NumpyOracle(cases);
  const S = (name: string) => oracle.get(name);

  describe('matmul', function () {
    it('batch [2,3,4] @ [4,5]', function () { oracle.need(this); assertLike(ops.matmul(a234, b45), S('mm_batch_2d'), TOL); });
    it('batch [2,3,4] @ [1,4,5] broadcasts the batch', function () { oracle.need(this); assertLike(ops.matmul(a234, b145), S('mm_batch_b1'), TOL); });
    it('batch [2,3,4] @ [2,1,4,5] broadcasts to [2,2,3,5]', function () { oracle.need(this); assertLike(ops.matmul(a234, b2345), S('mm_batch_4d'), TOL); });
    it('1-D right operand: [2,3,4] @ [4] -> [2,3]', function () { oracle.need(this); assertLike(ops.matmul(a234, v4), S('mm_vec_right'), TOL); });
    it('1-D left operand: [3] @ [3,4] -> [4]', function () { oracle.need(this); assertLike(ops.matmul(v3, a34), S('mm_vec_left'), TOL); });
    it('vector @ vector -> scalar', function () { oracle.need(this); assertLike(ops.matmul(v4, v4), S('mm_vec_vec'), TOL); });
    it('empty: [0,3] @ [3,2] and [2,0] @ [0,3] (zeros)', function () {
      oracle.need(this);
      assertLike(ops.matmul(e0, e32), S('mm_empty'), TOL);
      assertLike(ops.matmul(ops.reshape(tensor(new Float64Array(0)), [2, 0]), ops.reshape(tensor(new Float64Array(0)), [0, 3])), S('mm_empty_k'), TOL);
    });
    it('hand-derived float32 and int32 products', function () {
      check(ops.matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])), 'float32', [2, 2], [19, 22, 43, 50]);
      check(ops.matmul(tensor(new Int32Array([1, 2, 3])), tensor(new Int32Array([4, 5, 6]))), 'int32', [], [32]);
      const f = ops.matmul(tensor([[0.1, 0.2, 0.3]]), tensor([[0.4], [0.5], [0.6]]));
      // float32 accumulation: each product and partial sum rounded to float32.
      const fr = Math.fround;
      let acc = 0;
      for (const [p, q] of [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]) acc = fr(acc + fr(fr(p) * fr(q)));
      assert.equal(f.dt, 'float32');
      assert.ok(Math.abs(vals(f)[0] - acc) <= 2 ** -23 * acc, `${vals(f)[0]} vs ${acc}`);
    });
  });

  describe('dot, outer, tensordot', function () {
    it('dot matrix-vector and N-D with 2-D', function () {
      oracle.need(this);
      assertLike(ops.dot(a34, v4), S('dot_mv'), TOL);
      assertLike(ops.dot(a234, ops.getItem(b2345, [0])), S('dot_3d'), TOL);
      check(ops.dot(tensor([1, 2]), 3), 'float32', [2], [3, 6]);
    });
    it('outer', function () { oracle.need(this); assertLike(ops.outer(v3, v4), S('outer'), TOL); });
    it('tensordot with an integer and with axis lists (negative axes)', function () {
      oracle.need(this);
      assertLike(ops.tensordot(a234, a34, 2), S('td_int'), TOL);
      assertLike(ops.tensordot(a234, ops.getItem(b2345, [0, 0]), [[-1], [0]]), S('td_axes'), TOL);
      assertLike(ops.tensordot(a234, a34, [[1, 2], [0, 1]]), S('td_axes2'), TOL);
    });
  });

  describe('einsum', function () {
    const b2 = () => ops.stack([b45, ops.mul(b45, 2)]);
    it("'ij,jk->ik'", function () { oracle.need(this); assertLike(ops.einsum('ij,jk->ik', a34, b45), S('es_ij_jk'), TOL); });
    it("'ii->' (trace)", function () { oracle.need(this); assertLike(ops.einsum('ii->', m33), S('es_trace'), TOL); });
    it("'ii->i' (diagonal)", function () { oracle.need(this); assertLike(ops.einsum('ii->i', m33), S('es_diag'), TOL); });
    it("'ij->ji'", function () { oracle.need(this); assertLike(ops.einsum('ij->ji', a34), S('es_T'), TOL); });
    it("'bij,bjk->bik'", function () { oracle.need(this); assertLike(ops.einsum('bij,bjk->bik', a234, b2()), S('es_batch'), TOL); });
    it("implicit 'ij,jk'", function () { oracle.need(this); assertLike(ops.einsum('ij,jk', a34, b45), S('es_implicit'), TOL); });
    it("'ijk->' and 'i,j->ij'", function () {
      oracle.need(this);
      assertLike(ops.einsum('ijk->', a234), S('es_sum'), TOL);
      assertLike(ops.einsum('i,j->ij', v3, v4), S('es_outer'), TOL);
    });
    it("three operands 'i,ij,j->'", function () { oracle.need(this); assertLike(ops.einsum('i,ij,j->', v3, a34, v4), S('es_three'), TOL); });
    it('hand-derived trace of eye', function () {
      check(ops.einsum('ii->', tensor([[1, 2], [3, 4]])), 'float32', [], [5]);
    });
  });

  describe('softmax and log_softmax', function () {
    it('softmax over the last axis equals NumPy and rows sum to 1', function () {
      oracle.need(this);
      const s = ops.softmax(x23);
      assertLike(s, S('softmax'), TOL);
      close(ops.sum(s, -1), [1, 1], 1e-15);
    });
    it('softmax over axis 0', function () { oracle.need(this); assertLike(ops.softmax(x23, 0), S('softmax0'), TOL); });
    it('log_softmax', function () { oracle.need(this); assertLike(ops.log_softmax(x23), S('log_softmax'), TOL); });
    it('float32 softmax rows sum to 1 within float32 precision; stable for large logits', function () {
      const s = ops.softmax(tensor([[1, 2, 3], [1000, 1000, 1000]]));
      assert.equal(s.dt, 'float32');
      close(ops.sum(s, -1), [1, 1], 3e-7);
      close(ops.getItem(s, [1]), [1 / 3, 1 / 3, 1 / 3], 1e-7);
      close(ops.log_softmax(tensor([0, 0])), [-Math.LN2, -Math.LN2], 1e-7);
      check(ops.softmax(tensor(new Int32Array([0, 0]))), 'float32', [2], [0.5, 0.5]);
    });
  });
});
