// Elementwise ops against NumPy (float64 results rounded with Math.fround for float32 tensors) and
// hand-derived values: broadcasting, int32/int64 arithmetic, bool outputs, where, cast.
import assert from 'node:assert/strict';
import { ops, Tensor } from '../../src/index.js';
import { tensor, scalar } from '../../src/tensor/create.js';
import { NumpyOracle, assertLike, py } from './numpy_oracle.js';
import { check, f32, vals } from './helpers.js';

const X = f32([-2.5, -1.75, -1, -0.3, 0, 0.1, 0.5, 1.5, 2.5, 3.7]);
const POS = f32([-1, 0, 0.01, 0.3, 1, 2.5, 123.456]);
const UNIT = f32([-1, -0.5, 0, 0.3, 1, 1.5]);
const HALVES = f32([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, -3.7]);
const A = f32([-1.5, 2.25]); // as [2,1]
const B = f32([0.5, -2, 3]); // as [3]
const I32A = [7, -7, 7, -7, 0, 2147483647, -2147483648, 46341, 5];
const I32B = [2, 2, -3, -3, 4, 1, -1, 46341, 0];

const x = `np.array(${py(X)})`, pos = `np.array(${py(POS)})`, unit = `np.array(${py(UNIT)})`;
const a = `np.array(${py(A)}).reshape(2, 1)`, b = `np.array(${py(B)})`;
const ia = `np.array(${py(I32A)}, np.int32)`, ib = `np.array(${py(I32B)}, np.int32)`;

type U = (t: Tensor) => Tensor;
/** name -> [op, NumPy expression in terms of the input, input name, exact?] */
const UNARY: [string, U, string, string, boolean][] = [
  ['neg', ops.neg, '-(v)', x, true],
  ['abs', ops.abs, 'np.abs(v)', x, true],
  ['sign', ops.sign, 'np.sign(v)', x, true],
  ['square', ops.square, 'np.square(v)', x, true],
  ['floor', ops.floor, 'np.floor(v)', x, true],
  ['ceil', ops.ceil, 'np.ceil(v)', x, true],
  ['relu', ops.relu, 'np.maximum(v, 0)', x, true],
  ['exp', ops.exp, 'np.exp(v)', x, false],
  ['expm1', ops.expm1, 'np.expm1(v)', x, false],
  ['sin', ops.sin, 'np.sin(v)', x, false],
  ['cos', ops.cos, 'np.cos(v)', x, false],
  ['tan', ops.tan, 'np.tan(v)', x, false],
  ['atan', ops.atan, 'np.arctan(v)', x, false],
  ['sinh', ops.sinh, 'np.sinh(v)', x, false],
  ['cosh', ops.cosh, 'np.cosh(v)', x, false],
  ['tanh', ops.tanh, 'np.tanh(v)', x, false],
  ['sigmoid', ops.sigmoid, '1 / (1 + np.exp(-v))', x, false],
  ['softplus', ops.softplus, 'np.logaddexp(0, v)', x, false],
  ['erf', ops.erf, 'np.array([math.erf(e) for e in v])', x, false],
  ['sqrt', ops.sqrt, 'np.sqrt(v)', pos, true],
  ['rsqrt', ops.rsqrt, '1 / np.sqrt(v)', pos, false],
  ['reciprocal', ops.reciprocal, '1 / v', pos, true],
  ['log', ops.log, 'np.log(v)', pos, false],
  ['log1p', ops.log1p, 'np.log1p(v)', pos, false],
  ['asin', ops.asin, 'np.arcsin(v)', unit, false],
  ['acos', ops.acos, 'np.arccos(v)', unit, false],
];
const INPUT: Record<string, number[]> = { [x]: X, [pos]: POS, [unit]: UNIT };

type Bn = (p: Tensor, q: Tensor) => Tensor;
const BINARY: [string, Bn, string, boolean][] = [
  ['add', ops.add, 'p + q', true],
  ['sub', ops.sub, 'p - q', true],
  ['mul', ops.mul, 'p * q', true],
  ['div', ops.div, 'p / q', true],
  ['maximum', ops.maximum, 'np.maximum(p, q)', true],
  ['minimum', ops.minimum, 'np.minimum(p, q)', true],
  ['mod', ops.mod, 'np.mod(p, q)', true],
  ['floordiv', ops.floordiv, 'np.floor_divide(p, q)', true],
  ['squared_difference', ops.squared_difference, '(p - q) ** 2', true],
  ['pow', ops.pow, 'np.power(p, q)', false],
  ['atan2', ops.atan2, 'np.arctan2(p, q)', false],
];
const COMPARE: [string, Bn, string][] = [
  ['equal', ops.equal, 'p == q'], ['not_equal', ops.not_equal, 'p != q'], ['less', ops.less, 'p < q'],
  ['less_equal', ops.less_equal, 'p <= q'], ['greater', ops.greater, 'p > q'], ['greater_equal', ops.greater_equal, 'p >= q'],
];
const INT_BINARY: [string, Bn, string][] = [
  ['add', ops.add, 'p + q'], ['sub', ops.sub, 'p - q'], ['floordiv', ops.floordiv, 'np.floor_divide(p, q)'],
  ['mod', ops.mod, 'np.mod(p, q)'], ['maximum', ops.maximum, 'np.maximum(p, q)'], ['minimum', ops.minimum, 'np.minimum(p, q)'],
];

const cases: Record<string, string> = {};
for (const [name, , expr, input] of UNARY) cases[`u_${name}`] = `(lambda v: ${expr})(${input})`;
for (const [name, , expr] of BINARY) cases[`b_${name}`] = `(lambda p, q: ${expr})(${a}, ${b})`;
for (const [name, , expr] of COMPARE) cases[`c_${name}`] = `(lambda p, q: ${expr})(${a}, np.array(${py([0.5, -1.5, 2.25])}))`;
for (const [name, , expr] of INT_BINARY) cases[`i_${name}`] = `(lambda p, q: ${expr})(${ia}, ${ib})`;
cases.i_mul_small = `${ia}[:5] * ${ib}[:5]`;
cases.i_mul_wrap = `np.array([46341, 2147483647, 65537], np.int32) * np.array([46341, 2147483647, 65537], np.int32)`;
cases.round = `np.round(np.array(${py(HALVES)}))`;
cases.f64_floordiv = `np.floor_divide(np.array([1.0, 7.0, -7.0]), np.array([0.1, 0.7, 0.7]))`;
cases.f64_mod = `np.mod(np.array([1.0, 7.0, -7.0]), np.array([0.1, 0.7, 0.7]))`;
cases.i64 = `np.array([9007199254740993, -9223372036854775808, 4611686018427387904, 3], np.int64)`;
cases.i64_add = `${cases.i64} + np.array([2, -1, 4611686018427387904, 40], np.int64)`;
cases.i64_mul = `${cases.i64} * np.array([3, 1, 4, 7], np.int64)`;
cases.i64_pow = `np.power(np.array([3, 2, -2, 7], np.int64), np.array([40, 63, 63, 0], np.int64))`;
cases.nan_max = `np.maximum(np.array([float('nan'), 1.0, 2.0]), np.array([0.0, float('nan'), 3.0]))`;
cases.where = `np.where(np.array([[True], [False]]), np.array([1.0, 2.0, 3.0]), -1.0)`;
cases.logical = `np.logical_xor(np.array([[0.0], [2.5]]), np.array([0.0, -1.0, 0.0]))`;
cases.empty_add = `np.zeros((0, 3)) + np.ones((1, 3))`;
cases.empty_bcast = `np.zeros((2, 0)) * np.ones((1, 1))`;

describe('runtime: elementwise ops', function () {
  const oracle = new NumpyOracle(cases);

  describe('unary float32 ops equal NumPy (float64, then Math.fround)', function () {
    for (const [name, op, , input, exact] of UNARY) {
      it(`${name}`, function () {
        oracle.need(this);
        const r = op(tensor(INPUT[input], 'float32'));
        assertLike(r, oracle.get(`u_${name}`), exact ? 'fround' : { rtol: 2.4e-7, atol: 1e-30 }, 'float32');
      });
    }
    it('round is round-half-to-even like NumPy', function () {
      oracle.need(this);
      assertLike(ops.round(tensor(HALVES, 'float32')), oracle.get('round'), 'fround', 'float32');
      assert.ok(Object.is(vals(ops.round(tensor([-0.5])))[0], -0), 'round(-0.5) is -0');
    });
  });

  describe('binary float32 ops with broadcasting [2,1] vs [3] equal NumPy', function () {
    for (const [name, op, , exact] of BINARY) {
      it(name, function () {
        oracle.need(this);
        const r = op(tensor([[A[0]], [A[1]]]), tensor(B));
        assertLike(r, oracle.get(`b_${name}`), exact ? 'fround' : { rtol: 2.4e-7 }, 'float32');
      });
    }
    for (const [name, op] of COMPARE) {
      it(`${name} gives bool`, function () {
        oracle.need(this);
        const r = op(tensor([[A[0]], [A[1]]]), tensor(f32([0.5, -1.5, 2.25])));
        assertLike(r, oracle.get(`c_${name}`), 'exact', 'bool');
      });
    }
    it('maximum/minimum propagate NaN from either side', function () {
      oracle.need(this);
      assertLike(ops.maximum(tensor([NaN, 1, 2], 'float64'), tensor([0, NaN, 3], 'float64')), oracle.get('nan_max'));
    });
    it('where broadcasts condition, x and a scalar y', function () {
      oracle.need(this);
      assertLike(ops.where(tensor([[true], [false]]), tensor([1, 2, 3], 'float64'), -1), oracle.get('where'));
    });
    it('logical_xor of floats (nonzero is true)', function () {
      oracle.need(this);
      assertLike(ops.logical_xor(tensor([[0], [2.5]]), tensor([0, -1, 0])), oracle.get('logical'));
    });
    it('empty operands broadcast to empty results', function () {
      oracle.need(this);
      assertLike(ops.add(ops.reshape(tensor(new Float64Array(0)), [0, 3]), tensor([[1, 1, 1]], 'float64')), oracle.get('empty_add'));
      assertLike(ops.mul(ops.reshape(tensor(new Float64Array(0)), [2, 0]), tensor([[1]], 'float64')), oracle.get('empty_bcast'));
    });
  });

  describe('float64 floor division and modulo', function () {
    it('floordiv(1.0, 0.1) is 9 like NumPy (consistent with mod)', function () {
      oracle.need(this);
      assertLike(ops.floordiv(tensor([1, 7, -7], 'float64'), tensor([0.1, 0.7, 0.7], 'float64')), oracle.get('f64_floordiv'));
    });
    it('mod(1.0, 0.1) equals NumPy', function () {
      oracle.need(this);
      assertLike(ops.mod(tensor([1, 7, -7], 'float64'), tensor([0.1, 0.7, 0.7], 'float64')), oracle.get('f64_mod'));
    });
  });

  describe('int32 arithmetic wraps like NumPy; floor semantics for negative operands', function () {
    for (const [name, op] of INT_BINARY) {
      it(name, function () {
        oracle.need(this);
        assertLike(op(tensor(new Int32Array(I32A)), tensor(new Int32Array(I32B))), oracle.get(`i_${name}`));
      });
    }
    it('mul (in range)', function () {
      oracle.need(this);
      assertLike(ops.mul(tensor(new Int32Array(I32A.slice(0, 5))), tensor(new Int32Array(I32B.slice(0, 5)))), oracle.get('i_mul_small'));
    });
    it('mul wraps exactly even when the product exceeds 2^53', function () {
      oracle.need(this);
      const v = new Int32Array([46341, 2147483647, 65537]);
      assertLike(ops.mul(tensor(v), tensor(v)), oracle.get('i_mul_wrap'));
    });
    it('hand-derived: 7 // -2, -7 % 3, div gives float32', function () {
      const p = tensor(new Int32Array([7, -7])), q = tensor(new Int32Array([-2, 3]));
      check(ops.floordiv(p, q), 'int32', [2], [-4, -3]);
      check(ops.mod(p, q), 'int32', [2], [-1, 2]);
      check(ops.div(p, q), 'float32', [2], [-3.5, Math.fround(-7 / 3)]);
      check(ops.pow(p, 2), 'int32', [2], [49, 49]);
    });
  });

  describe('int64 (BigInt64Array storage) is exact and wraps at 64 bits', function () {
    const i64 = (xs: bigint[]) => tensor(BigInt64Array.from(xs));
    const base = i64([9007199254740993n, -9223372036854775808n, 4611686018427387904n, 3n]);
    it('values beyond 2^53 survive creation', function () {
      oracle.need(this);
      assert.ok(base.values instanceof BigInt64Array);
      assertLike(base, oracle.get('i64'));
    });
    it('add', function () {
      oracle.need(this);
      assertLike(ops.add(base, i64([2n, -1n, 4611686018427387904n, 40n])), oracle.get('i64_add'));
    });
    it('mul', function () {
      oracle.need(this);
      assertLike(ops.mul(base, i64([3n, 1n, 4n, 7n])), oracle.get('i64_mul'));
    });
    it('pow', function () {
      oracle.need(this);
      assertLike(ops.pow(i64([3n, 2n, -2n, 7n]), i64([40n, 63n, 63n, 0n])), oracle.get('i64_pow'));
    });
    it('hand-derived: floordiv/mod/neg/abs/sign/relu/maximum on int64', function () {
      const p = i64([7n, -7n, 0n]), q = i64([-2n, 3n, 5n]);
      check(ops.floordiv(p, q), 'int64', [3], [-4n, -3n, 0n]);
      check(ops.mod(p, q), 'int64', [3], [-1n, 2n, 0n]);
      check(ops.neg(p), 'int64', [3], [-7n, 7n, 0n]);
      check(ops.abs(p), 'int64', [3], [7n, 7n, 0n]);
      check(ops.sign(p), 'int64', [3], [1n, -1n, 0n]);
      check(ops.relu(p), 'int64', [3], [7n, 0n, 0n]);
      check(ops.maximum(p, q), 'int64', [3], [7n, 3n, 5n]);
      check(ops.less(p, q), 'bool', [3], [false, true, true]);
      check(ops.add(p, 1), 'int64', [3], [8n, -6n, 1n]);
    });
  });

  describe('hand-derived', function () {
    it('float32 results are rounded to float32 (0.1 + 0.2)', function () {
      const r = ops.add(tensor([0.1]), tensor([0.2]));
      assert.equal(r.dt, 'float32');
      assert.equal(vals(r)[0], Math.fround(Math.fround(0.1) + Math.fround(0.2)));
      assert.notEqual(vals(r)[0], 0.1 + 0.2);
      const d = ops.add(tensor([0.1], 'float64'), tensor([0.2], 'float64'));
      assert.equal(vals(d)[0], 0.30000000000000004);
    });
    it('scalar with scalar, scalar with tensor, tensor with [1]', function () {
      check(ops.mul(scalar(3), scalar(4)), 'float32', [], [12]);
      check(ops.sub(10, tensor([1, 2])), 'float32', [2], [9, 8]);
      check(ops.add(tensor([[1], [2]]), tensor([10])), 'float32', [2, 1], [11, 12]);
      check(ops.add(tensor([[1], [2]]), tensor([10, 20, 30])), 'float32', [2, 3], [11, 21, 31, 12, 22, 32]);
    });
    it('division by zero: inf, -inf, nan', function () {
      check(ops.div(tensor([1, -1, 0]), 0), 'float32', [3], [Infinity, -Infinity, NaN].map((v) => v) as number[]);
    });
    it('logical ops, logical_not and where with bool', function () {
      const p = tensor([true, true, false, false]), q = tensor([true, false, true, false]);
      check(ops.logical_and(p, q), 'bool', [4], [true, false, false, false]);
      check(ops.logical_or(p, q), 'bool', [4], [true, true, true, false]);
      check(ops.logical_xor(p, q), 'bool', [4], [false, true, true, false]);
      check(ops.logical_not(p), 'bool', [4], [false, false, true, true]);
      check(ops.where(p, 1, 0), 'float32', [4], [1, 1, 0, 0]);
      check(ops.mul(p, q), 'bool', [4], [true, false, false, false]);
    });
    it('cast truncates toward zero, and to bool is nonzero', function () {
      const t = tensor([-2.7, -0.5, 0, 0.5, 2.7, 3e9]);
      check(ops.cast(t, 'int64'), 'int64', [6], [-2n, 0n, 0n, 0n, 2n, 3000000000n]);
      check(ops.cast(t.getItem('0:5'), 'int32'), 'int32', [5], [-2, 0, 0, 0, 2]);
      check(ops.cast(t, 'bool'), 'bool', [6], [true, true, false, true, true, true]);
      check(ops.cast(tensor([true, false]), 'float64'), 'float64', [2], [1, 0]);
      check(ops.cast(tensor(BigInt64Array.from([5n, -3n])), 'float32'), 'float32', [2], [5, -3]);
      check(ops.cast(tensor([1.1], 'float64'), 'float32'), 'float32', [1], [Math.fround(1.1)]);
    });
    it('integer inputs to float-only unary ops become float32; rounding of ints is the identity', function () {
      check(ops.sqrt(tensor(new Int32Array([4, 9]))), 'float32', [2], [2, 3]);
      check(ops.exp(tensor(new Int32Array([0]))), 'float32', [1], [1]);
      check(ops.floor(tensor(new Int32Array([-3, 4]))), 'int32', [2], [-3, 4]);
      check(ops.abs(tensor(new Int32Array([-3, 4]))), 'int32', [2], [3, 4]);
    });
    it('ops on a 0-d tensor keep the 0-d shape', function () {
      check(ops.exp(scalar(0)), 'float32', [], [1]);
      check(ops.add(scalar(1), tensor([[1, 2]])), 'float32', [1, 2], [2, 3]);
    });
  });
});
