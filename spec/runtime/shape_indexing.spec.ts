// Shape ops and Python-style indexing against NumPy and by hand.
import assert from 'node:assert/strict';
import { ops, Tensor } from '../../src/index.js';
import { tensor, arange } from '../../src/tensor/create.js';
import { plain } from '../autodiff/helpers.js';
import { NumpyOracle, assertLike } from './numpy_oracle.js';
import { check } from './helpers.js';

const A = () => ops.reshape(arange(24), [2, 3, 4]); // int32
const a = 'np.arange(24, dtype=np.int32).reshape(2, 3, 4)';

const INDEX: [string, (t: Tensor) => Tensor, string][] = [
  ['int', (t) => ops.getItem(t, [1]), '[1]'],
  ['neg int', (t) => ops.getItem(t, [-1, -2]), '[-1, -2]'],
  ['ints to scalar', (t) => ops.getItem(t, [1, 2, -1]), '[1, 2, -1]'],
  ['slice', (t) => ops.getItem(t, ['0:1', '1:']), '[0:1, 1:]'],
  ['step', (t) => ops.getItem(t, [':', '::2', '1::2']), '[:, ::2, 1::2]'],
  ['negative step', (t) => ops.getItem(t, ['::-1', ':', '-1:0:-2']), '[::-1, :, -1:0:-2]'],
  ['negative bounds', (t) => ops.getItem(t, [':', '-2:', ':-1']), '[:, -2:, :-1]'],
  ['out-of-range slice clamps', (t) => ops.getItem(t, ['5:', '-100:100']), '[5:, -100:100]'],
  ['newaxis', (t) => ops.getItem(t, [null, 0, null, ':', 1]), '[None, 0, None, :, 1]'],
  ['ellipsis', (t) => ops.getItem(t, ['...', 2]), '[..., 2]'],
  ['ellipsis middle', (t) => ops.getItem(t, [0, '...', null]), '[0, ..., None]'],
  ['comma string', (t) => ops.getItem(t, ['1:, ::2, None']), '[1:, ::2, None]'],
  ['int array', (t) => ops.getItem(t, [':', [2, 0, -1]]), '[:, [2, 0, -1]]'],
  ['int array after int', (t) => ops.getItem(t, [':', 1, [-1, 0]]), '[:, 1, [-1, 0]]'],
];

const SHAPE: [string, () => Tensor, string][] = [
  ['reshape -1', () => ops.reshape(A(), [4, -1]), `${a}.reshape(4, -1)`],
  ['reshape to scalar-like', () => ops.reshape(A(), [-1]), `${a}.reshape(-1)`],
  ['transpose default', () => ops.transpose(A()), `${a}.transpose()`],
  ['transpose perm', () => ops.transpose(A(), [1, 2, 0]), `${a}.transpose(1, 2, 0)`],
  ['transpose negative perm', () => ops.transpose(A(), [-1, 0, 1]), `${a}.transpose(2, 0, 1)`],
  ['expandDims -1', () => ops.expandDims(A(), -1), `np.expand_dims(${a}, -1)`],
  ['expandDims 1', () => ops.expandDims(A(), 1), `np.expand_dims(${a}, 1)`],
  ['squeeze all', () => ops.squeeze(ops.reshape(A(), [1, 2, 1, 12])), `${a}.reshape(1, 2, 1, 12).squeeze()`],
  ['squeeze axis -2', () => ops.squeeze(ops.reshape(A(), [1, 2, 1, 12]), -2), `${a}.reshape(1, 2, 1, 12).squeeze(-2)`],
  ['stack axis 0', () => ops.stack([A(), ops.neg(A())]), `np.stack([${a}, -${a}])`],
  ['stack axis -1', () => ops.stack([A(), ops.neg(A())], -1), `np.stack([${a}, -${a}], -1)`],
  ['concat axis 1', () => ops.concat([A(), ops.getItem(A(), [':', '0:1'])], 1), `np.concatenate([${a}, ${a}[:, 0:1]], 1)`],
  ['concat axis -1', () => ops.concat([A(), A()], -1), `np.concatenate([${a}, ${a}], -1)`],
  ['concat with empty', () => ops.concat([ops.getItem(A(), ['0:0']), A()], 0), `np.concatenate([${a}[0:0], ${a}], 0)`],
  ['tile [2]', () => ops.tile(tensor(new Int32Array([1, 2, 3])), [2]), 'np.tile(np.array([1, 2, 3], np.int32), [2])'],
  ['tile [2,1,3] on 2-D', () => ops.tile(ops.reshape(arange(6), [2, 3]), [2, 1, 3]), 'np.tile(np.arange(6, dtype=np.int32).reshape(2, 3), [2, 1, 3])'],
  ['broadcastTo', () => ops.broadcastTo(ops.reshape(arange(3), [3, 1]), [2, 3, 4]), 'np.broadcast_to(np.arange(3, dtype=np.int32).reshape(3, 1), (2, 3, 4))'],
  ['broadcastTo empty', () => ops.broadcastTo(arange(3), [0, 3]), 'np.broadcast_to(np.arange(3, dtype=np.int32), (0, 3))'],
  ['flatten', () => ops.flatten(ops.transpose(A())), `${a}.transpose().flatten()`],
  ['gather axis 1 negative', () => ops.gather(A(), [-1, 0, 1, -1], 1), `np.take(${a}, [-1, 0, 1, -1], axis=1)`],
  ['gather 2-D indices', () => ops.gather(A(), [[0, 1], [1, 1]], 0), `np.take(${a}, [[0, 1], [1, 1]], axis=0)`],
  ['gather axis -1', () => ops.gather(A(), tensor(new Int32Array([3, -4])), -1), `np.take(${a}, [3, -4], axis=-1)`],
];

const cases: Record<string, string> = {};
for (const [name, , expr] of INDEX) cases[`i_${name}`] = `${a}${expr}`;
for (const [name, , expr] of SHAPE) cases[`s_${name}`] = expr;
cases.adv_sep = `${a}[1, :, [-1, 0]]`;
cases.split3 = `np.split(${a}, 3, axis=1)`;
cases.splitSizes = `np.concatenate([p.reshape(-1) for p in np.split(${a}, [1, 3], axis=-1)])`;
cases.unstack = `[${a}[:, :, i] for i in range(4)]`;

describe('runtime: shape ops and indexing', function () {
  const oracle = new NumpyOracle(cases);

  describe('indexing x[...] equals NumPy', function () {
    for (const [name, f, expr] of INDEX) {
      it(`${name}: x${expr}`, function () {
        oracle.need(this);
        assertLike(f(A()), oracle.get(`i_${name}`));
      });
    }
  });

  describe('shape ops equal NumPy', function () {
    for (const [name, f] of SHAPE) {
      it(name, function () {
        oracle.need(this);
        assertLike(f(), oracle.get(`s_${name}`));
      });
    }
    it('x[1, :, [-1, 0]] puts the advanced-index dims first like NumPy', function () {
      oracle.need(this);
      assertLike(ops.getItem(A(), [1, ':', [-1, 0]]), oracle.get('adv_sep'));
    });
    it('split into 3 equal parts and by sizes with -1 (TensorFlow sizes, NumPy boundaries)', function () {
      oracle.need(this);
      const parts = ops.split(A(), 3, 1);
      assert.equal(parts.length, 3);
      assertLike(ops.stack(parts), oracle.get('split3'));
      const bySize = ops.split(A(), [1, 2, -1], -1);
      assert.deepEqual(bySize.map((p) => [...p.dims]), [[2, 3, 1], [2, 3, 2], [2, 3, 1]]);
      assertLike(ops.concat(bySize.map((p) => ops.flatten(p))), oracle.get('splitSizes'));
    });
    it('unstack along the last axis', function () {
      oracle.need(this);
      const parts = ops.unstack(A(), -1);
      const ref = oracle.get('unstack');
      assert.equal(parts.length, 4);
      const stacked = ops.stack(parts);
      assertLike(stacked, ref);
    });
  });

  describe('hand-derived', function () {
    it('reshape a [0,3] tensor, and -1 with an empty tensor', function () {
      const e = ops.reshape(tensor(new Float32Array(0)), [0, 3]);
      check(e, 'float32', [0, 3], []);
      check(ops.reshape(e, [-1]), 'float32', [0], []);
      check(ops.reshape(e, [3, 0]), 'float32', [3, 0], []);
      check(ops.transpose(e), 'float32', [3, 0], []);
      check(ops.getItem(e, [':', 1]), 'float32', [0], []);
      check(ops.concat([e, tensor([[1, 2, 3]])]), 'float32', [1, 3], [1, 2, 3]);
      check(ops.sum(ops.tile(e, [2, 2]), 1), 'float32', [0], []);
    });
    it('reversed slices of a vector, step 3, empty slice', function () {
      const v = arange(10);
      check(ops.getItem(v, ['::-1']), 'int32', [10], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      check(ops.getItem(v, ['8:2:-3']), 'int32', [2], [8, 5]);
      check(ops.getItem(v, ['1::3']), 'int32', [3], [1, 4, 7]);
      check(ops.getItem(v, ['5:2']), 'int32', [0], []);
      check(ops.getItem(v, [-1]), 'int32', [], [9]);
      check(ops.getItem(v, [null]), 'int32', [1, 10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
    it('transpose of a 2-D matrix and split/tile/stack by hand', function () {
      const m = tensor([[1, 2, 3], [4, 5, 6]]);
      check(ops.transpose(m), 'float32', [3, 2], [1, 4, 2, 5, 3, 6]);
      check(ops.tile(m, [1, 2]), 'float32', [2, 6], [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
      check(ops.stack([tensor([1, 2]), tensor([3, 4])], 1), 'float32', [2, 2], [1, 3, 2, 4]);
      const [p, q] = ops.split(m, [2, 1], 1);
      check(p, 'float32', [2, 2], [1, 2, 4, 5]);
      check(q, 'float32', [2, 1], [3, 6]);
      check(ops.gather(tensor([10, 20, 30]), [-1, -3, 1]), 'float32', [3], [30, 10, 20]);
    });
    it('concat promotes dtypes like NumPy', function () {
      check(ops.concat([tensor(new Int32Array([1])), tensor([2.5], 'float64')]), 'float64', [2], [1, 2.5]);
      check(ops.concat([tensor(new Int32Array([1])), tensor(BigInt64Array.from([2n]))]), 'int64', [2], [1n, 2n]);
    });
    it('method forms: reshape, transpose, getItem, tolist', function () {
      const m = tensor([[1, 2, 3], [4, 5, 6]]);
      assert.deepEqual(plain(m.reshape(3, 2).tolist()), [[1, 2], [3, 4], [5, 6]]);
      assert.deepEqual(plain(m.getItem(':', '::-1').tolist()), [[3, 2, 1], [6, 5, 4]]);
      assert.deepEqual(tensor([true, false]).tolist(), [true, false]);
    });
  });
});
