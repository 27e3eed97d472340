// Reductions against NumPy and by hand: axes (int, list, negative, none), keepdims, empty tensors.
import assert from 'node:assert/strict';
import { ops, torch } from '../../src/index.js';
import { NamedTuple } from '../../src/tensor/pytuple.js';
import { tensor } from '../../src/tensor/create.js';
import { NumpyOracle, assertLike, py } from './numpy_oracle.js';
import { check, close } from './helpers.js';

const M = [1.5, -2, 3.25, 0.5, 4, -1, 2, 2, -3.5, 0, 1, 6]; // [2,2,3], float64
const m = `np.array(${py(M)}).reshape(2, 2, 3)`;
const T = () => ops.reshape(tensor(M, 'float64'), [2, 2, 3]);

type R = (x: ReturnType<typeof T>, axis?: number | number[] | null, keepdims?: boolean) => ReturnType<typeof T>;
const RED: [string, R, string][] = [
  ['sum', ops.sum, 'np.sum'], ['mean', ops.mean, 'np.mean'], ['prod', ops.prod, 'np.prod'], ['max', ops.max, 'np.max'],
  ['min', ops.min, 'np.min'], ['variance', (x, a, k) => ops.variance(x, a, k), 'np.var'], ['std', (x, a, k) => ops.std(x, a, k), 'np.std'],
  ['logsumexp', ops.logsumexp, 'LSE'], ['any', ops.any, 'np.any'], ['all', ops.all, 'np.all'],
];
const AXES: [string, number | number[] | null, boolean][] = [
  ['None', null, false], ['0', 0, false], ['-1', -1, false], ['(0, -1)', [0, -1], false], ['1', 1, true], ['(0, 2)', [0, 2], true],
];
const cases: Record<string, string> = {};
const lse = (axis: string, keep: boolean) => `(lambda v: np.log(np.sum(np.exp(v), axis=${axis}, keepdims=${keep ? 'True' : 'False'})))(${m})`;
for (const [name, , f] of RED) for (const [ax, a, k] of AXES) {
  const pyAxis = Array.isArray(a) ? `(${a.join(', ')})` : ax;
  cases[`${name}_${ax}_${k}`] = f === 'LSE' ? lse(pyAxis, k) : `${f}(${m}, axis=${pyAxis}, keepdims=${k ? 'True' : 'False'})`;
}
cases.argmax0 = `np.argmax(${m}, axis=0)`; cases.argmaxm1 = `np.argmax(${m}, axis=-1)`; cases.argminNone = `np.argmin(${m})`;
cases.cumsum1 = `np.cumsum(${m}, axis=1)`; cases.cumsumNone = `np.cumsum(${m})`;
cases.norm1 = `np.linalg.norm(${m}, ord=1, axis=-1)`; cases.norm2 = `np.linalg.norm(${m}.reshape(-1))`;
cases.norminf = `np.linalg.norm(${m}, ord=np.inf, axis=1)`; cases.norm3 = `np.sum(np.abs(${m}) ** 3, axis=0) ** (1/3)`;
cases.var_ddof = `np.var(${m}, axis=2, ddof=1)`;
cases.empty_sum0 = 'np.sum(np.zeros((0, 3)), axis=0)'; cases.empty_sum1 = 'np.sum(np.zeros((0, 3)), axis=1)';
cases.empty_prod0 = 'np.prod(np.zeros((0, 3)), axis=0)'; cases.empty_mean0 = 'np.mean(np.zeros((0, 3)), axis=0)';
cases.empty_any = 'np.any(np.zeros((0, 3)), axis=0)'; cases.empty_all = 'np.all(np.zeros((0, 3)), axis=0)';
cases.empty_max = 'np.max(np.zeros((0, 3)), axis=0)';
cases.empty_max1 = 'np.max(np.zeros((0, 3)), axis=1)';
cases.int_sum = 'np.sum(np.array([[2147483640, 1], [5, -7]], np.int32), axis=1)';
cases.bool_sum = 'np.sum(np.array([[True, False, True], [True, True, True]]), axis=-1)';
cases.argmax_nan = "np.argmax(np.array([1.0, float('nan'), 3.0, float('nan')]))";
// float32 sums of many lengths: NumPy's pairwise summation in 8192-element buffers, bit for bit.
const SUM_LENGTHS = [7, 8, 9, 129, 1000, 8193, 20011];
const f32data = (n: number) => `(np.random.default_rng(${n}).standard_normal(${n}) * 10.0 ** np.random.default_rng(${n + 1}).integers(-3, 4, ${n})).astype(np.float32)`;
for (const n of SUM_LENGTHS) {
  cases[`f32_${n}`] = f32data(n);
  cases[`f32_sum_${n}`] = `${f32data(n)}.sum()`;
  cases[`f32_rowsum_${n}`] = `${f32data(n)}[:(${n} // 7) * 7].reshape(7, -1).sum(axis=1)`;
}

describe('runtime: reductions', function () {
  const oracle = new NumpyOracle(cases);

  for (const [name, op] of RED) {
    describe(name, function () {
      for (const [ax, a, k] of AXES) {
        it(`axis=${ax} keepdims=${k}`, function () {
          oracle.need(this);
          const ref = oracle.get(`${name}_${ax}_${k}`);
          assertLike(op(T(), a, k), ref, { rtol: 1e-12, atol: 1e-12 }, ref.dtype === 'bool' ? 'bool' : 'float64');
        });
      }
    });
  }

  describe('float32 sums agree with NumPy bit for bit (pairwise summation)', function () {
    for (const n of SUM_LENGTHS) {
      it(`${n} elements, whole and by rows`, function () {
        oracle.need(this);
        const data = tensor(Float32Array.from(oracle.get(`f32_${n}`).data.map(Number)));
        assertLike(ops.sum(data), oracle.get(`f32_sum_${n}`), 'exact', 'float32');
        const rows = ops.reshape(ops.getItem(data, [`:${Math.floor(n / 7) * 7}`]), [7, -1]);
        assertLike(ops.sum(rows, 1), oracle.get(`f32_rowsum_${n}`), 'exact', 'float32');
      });
    }
    it('keeps its accuracy over 2e7 ones (sequential float32 would stop at 2^24)', function () {
      assert.equal(ops.sum(tensor(new Float32Array(20_000_000).fill(1))).values[0], 20_000_000);
    });
  });

  describe('arg reductions, cumsum, norm, ddof', function () {
    it('argmax/argmin over an axis, negative axis and the flattened array (int32 indices)', function () {
      oracle.need(this);
      assertLike(ops.argmax(T(), 0), oracle.get('argmax0'), 'exact', 'int32');
      assertLike(ops.argmax(T(), -1), oracle.get('argmaxm1'), 'exact', 'int32');
      assertLike(ops.argmin(T()), oracle.get('argminNone'), 'exact', 'int32');
    });
    it('argmax returns the first NaN like NumPy', function () {
      oracle.need(this);
      assertLike(ops.argmax(tensor([1, NaN, 3, NaN], 'float64')), oracle.get('argmax_nan'), 'exact', 'int32');
    });
    it('cumsum over an axis and flattened', function () {
      oracle.need(this);
      assertLike(ops.cumsum(T(), 1), oracle.get('cumsum1'));
      assertLike(ops.cumsum(T()), oracle.get('cumsumNone'));
    });
    it('cumsum of float32 and float64 rounds every running sum to its storage, forwards and reversed, on any axis', function () {
      let seed = 7;
      const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 1e3;
      for (const dims of [[1000], [7, 300], [4, 5, 6]]) {
        const n = dims.reduce((p, d) => p * d, 1);
        const v = Array.from({ length: n }, (_, i) => (i % 11 === 5 ? -0 : i % 13 === 4 ? NaN : rnd()));
        for (const [dt, Arr, r] of [['float32', Float32Array, Math.fround], ['float64', Float64Array, (x: number) => x]] as const) {
          const t = tensor(Arr.from(v), dt).reshape(dims);
          for (let axis = 0; axis < dims.length; axis++) {
            for (const reverse of [false, true]) {
              const got = Array.from(ops.cumsum(t, axis, reverse).values as Float64Array);
              // The running sum along `axis`, rounded to the storage at every step.
              const strides = dims.map((_, d) => dims.slice(d + 1).reduce((p, x) => p * x, 1));
              const want = Arr.from(t.values as Float64Array);
              for (let p = 0; p < n; p++) {
                const k = Math.floor(p / strides[axis]!) % dims[axis]!;
                if (k !== (reverse ? dims[axis]! - 1 : 0)) continue;
                let acc = 0;
                for (let j = 0, q = p; j < dims[axis]!; j++, q += reverse ? -strides[axis]! : strides[axis]!) want[q] = acc = r(acc + (t.values as Float64Array)[q]!);
              }
              assert.deepEqual(got.map((x) => Object.is(x, -0) ? '-0' : x), Array.from(want).map((x) => Object.is(x, -0) ? '-0' : x), `${dt} ${JSON.stringify(dims)} axis ${axis} reverse ${reverse}`);
            }
          }
        }
      }
    });
    it('norm ord 1, 2 (all), inf, 3', function () {
      oracle.need(this);
      assertLike(ops.vectorNorm(T(), 1, -1), oracle.get('norm1'), { rtol: 1e-12 });
      assertLike(ops.vectorNorm(T()), oracle.get('norm2'), { rtol: 1e-12 });
      assertLike(ops.vectorNorm(T(), Infinity, 1), oracle.get('norminf'), { rtol: 1e-12 });
      assertLike(ops.vectorNorm(T(), 3, 0), oracle.get('norm3'), { rtol: 1e-12 });
    });
    it('variance with ddof=1', function () {
      oracle.need(this);
      assertLike(ops.variance(T(), 2, false, 1), oracle.get('var_ddof'), { rtol: 1e-12 });
    });
    it('int32 sum stays int32, bool sum counts in int32', function () {
      oracle.need(this);
      assertLike(ops.sum(ops.reshape(tensor(new Int32Array([2147483640, 1, 5, -7])), [2, 2]), 1), oracle.get('int_sum'), 'exact', 'int32');
      assertLike(ops.sum(tensor([[true, false, true], [true, true, true]]), -1), oracle.get('bool_sum'), 'exact', 'int32');
    });
  });

  describe('empty tensors [0,3]', function () {
    const E = () => ops.reshape(tensor(new Float64Array(0)), [0, 3]);
    it('sum, prod, mean, any, all reduce to their identities (mean of nothing is NaN)', function () {
      oracle.need(this);
      assertLike(ops.sum(E(), 0), oracle.get('empty_sum0'));
      assertLike(ops.sum(E(), 1), oracle.get('empty_sum1'));
      assertLike(ops.prod(E(), 0), oracle.get('empty_prod0'));
      assertLike(ops.mean(E(), 0), oracle.get('empty_mean0'));
      assertLike(ops.any(E(), 0), oracle.get('empty_any'));
      assertLike(ops.all(E(), 0), oracle.get('empty_all'));
    });
    it('max over a non-empty axis of an empty tensor is empty', function () {
      oracle.need(this);
      assertLike(ops.max(E(), 1), oracle.get('empty_max1'));
    });
    it('max over a zero-size axis raises like NumPy', function () {
      oracle.need(this);
      assert.match(oracle.error('empty_max'), /zero-size array/);
      assert.throws(() => ops.max(E(), 0), /zero-size|empty|identity/i);
      assert.throws(() => ops.argmax(E(), 0), /zero-size|empty|identity|attempt/i);
    });
  });

  describe('hand-derived', function () {
    const x = () => tensor([[1, 2, 3], [4, 5, 6]]);
    it('sum/mean/max keep float32 and shapes', function () {
      check(ops.sum(x()), 'float32', [], [21]);
      check(ops.sum(x(), 0), 'float32', [3], [5, 7, 9]);
      check(ops.sum(x(), -1, true), 'float32', [2, 1], [6, 15]);
      check(ops.mean(x(), [0, 1], true), 'float32', [1, 1], [3.5]);
      check(ops.max(x(), -2), 'float32', [3], [4, 5, 6]);
      check(ops.prod(x(), 1), 'float32', [2], [6, 120]);
      check(ops.argmax(x(), 1), 'int32', [2], [2, 2]);
      check(ops.cumsum(x(), -1), 'float32', [2, 3], [1, 3, 6, 4, 9, 15]);
      check(ops.cumsum(x(), 0, true), 'float32', [2, 3], [5, 7, 9, 4, 5, 6]);
      close(ops.std(x(), 1), [Math.sqrt(2 / 3), Math.sqrt(2 / 3)]);
      close(ops.logsumexp(tensor([0, 0])), [Math.LN2]);
    });
    it('float32 sums accumulate in float32', function () {
      // 2^24 + 1 + 1 in float32 accumulation stays 2^24 when added one at a time.
      const r = ops.sum(tensor([16777216, 1, 1]));
      assert.equal(r.dt, 'float32');
      assert.ok([16777216, 16777218].includes(Number(r.values[0])));
      check(ops.mean(tensor(new Int32Array([1, 2]))), 'float32', [], [1.5]);
    });
    it("torch.max(x, dim) is a torch.return_types named tuple through the facade", function () {
      const r = torch.max(torch.tensor([[1, 2], [3, 4]]), 1);
      assert.ok(r instanceof NamedTuple);
      assert.equal(r.typeName, 'torch.return_types.max');
      assert.deepEqual(r.fields, ['values', 'indices']);
    });
    it('logsumexp is stable for large inputs', function () {
      close(ops.logsumexp(tensor([1000, 1000], 'float64')), [1000 + Math.LN2], 1e-12);
    });
    it('int64 sum is exact beyond 2^53', function () {
      check(ops.sum(tensor(BigInt64Array.from([9007199254740993n, 2n]))), 'int64', [], [9007199254740995n]);
    });
  });
});
