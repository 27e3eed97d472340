// The WebAssembly SIMD elementwise and sum kernels (src/kernels/simd.ts) against the JavaScript loops
// they stand in for (withoutWasm switches them off for a call): arithmetic, comparisons and sums
// bit for bit on odd lengths, tiles' edges, broadcasting and every dtype they take; the float32
// transcendentals within 1 ulp of the correctly rounded value over sampled ranges of every float32
// binade (and equal to Math.fround of the double result in all samples), and against NumPy.
import assert from 'node:assert/strict';
import { ops, Tensor } from '../../src/index.js';
import { FAST_KERNEL_NEAR, fastKernelF64, simdAvailable, TILE } from '../../src/kernels/simd.js';
import { NumpyOracle, decode, py } from './numpy_oracle.js';
import { erf } from '../../src/kernels/special.js';
import { withoutWasm } from '../../src/kernels/switches.js';

/** Runs `f` with the SIMD kernels switched off: the JavaScript loops' result. */
const scalarOnly = withoutWasm;

let seed = 1;
function rnd(): number { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; }

/** Values with NaN, infinities, signed zeros, subnormals and many magnitudes mixed in. */
function values(n: number): number[] {
  const special = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 3.4e38, -3.4e38, 1, -1, 0.5];
  return Array.from({ length: n }, (_, i) => (i % 17 === 3 ? special[i % special.length] : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 6)));
}

function make(dtype: 'float32' | 'float64' | 'int32', dims: number[]): Tensor {
  const n = dims.reduce((p, d) => p * d, 1);
  const v = dtype === 'int32' ? Array.from({ length: n }, () => Math.floor((rnd() - 0.5) * 2 ** 32)) : values(n);
  const data = dtype === 'float32' ? Float32Array.from(v) : dtype === 'float64' ? Float64Array.from(v) : Int32Array.from(v);
  return new Tensor(dtype, dims, data);
}

function sameBits(got: Tensor, want: Tensor, what: string): void {
  assert.equal(got.dt, want.dt, what);
  assert.deepEqual([...got.dims], [...want.dims], what);
  const g = got.values as ArrayLike<number>, w = want.values as ArrayLike<number>;
  assert.equal(g.length, w.length, what);
  for (let i = 0; i < w.length; i++) {
    if (!(Object.is(g[i], w[i]) || (Number.isNaN(g[i]) && Number.isNaN(w[i])))) assert.fail(`${what}: element ${i}: SIMD ${g[i]}, scalar ${w[i]}`);
  }
}

const f32bits = new Float32Array(1), u32bits = new Uint32Array(f32bits.buffer);
/** Distance in float32 ulps (for finite same-signed values; NaN only matches NaN). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  const key = (x: number) => { f32bits[0] = x; const u = u32bits[0]; return u & 0x80000000 ? -(u & 0x7fffffff) : u; };
  return Math.abs(key(a) - key(b));
}

type Bin = (a: Tensor, b: Tensor) => Tensor;
const ARITH: [string, Bin][] = [['add', ops.add], ['sub', ops.sub], ['mul', ops.mul], ['div', ops.div], ['maximum', ops.maximum], ['minimum', ops.minimum]];
const CMP: [string, Bin][] = [
  ['equal', ops.equal], ['not_equal', ops.not_equal], ['less', ops.less], ['less_equal', ops.less_equal], ['greater', ops.greater], ['greater_equal', ops.greater_equal],
];
/** [a dims, b dims]: same shapes across tile edges, scalars, rows, columns, outer products, 3-D. */
const SHAPES: [number[], number[]][] = [
  [[63], [63]], [[64], [64]], [[67], [67]], [[1001], [1001]], [[TILE + 5], [TILE + 5]], [[3 * TILE - 1], [3 * TILE - 1]],
  [[517], [1]], [[1], [517]], [[], [300]], [[37, 29], [1, 29]], [[37, 29], [37, 1]], [[1, 29], [37, 1]],
  [[3, 70000], [1, 70000]], [[70000, 3], [70000, 1]], [[5, 300, 7], [5, 1, 7]], [[4, 9, 300], [1, 9, 300]], [[2, 3, 200], [200]],
];

describe('runtime: WebAssembly SIMD kernels', function () {
  this.timeout(120000);
  before(function () {
    if (!simdAvailable()) { this.test!.parent!.title += ' (skipped: no WebAssembly SIMD here)'; this.skip(); }
  });

  describe('binary ops give the scalar loops\' bits (broadcasting, odd lengths, tile edges)', function () {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      it(`${dtype}`, function () {
        const arith = dtype === 'int32' ? [...ARITH.filter(([name]) => name !== 'div'), ...CMP] : [...ARITH, ...CMP];
        for (const [ad, bd] of SHAPES) {
          const a = make(dtype, ad), b = make(dtype, bd);
          for (const [name, f] of arith) sameBits(f(a, b), scalarOnly(() => f(a, b)), `${dtype} ${name} ${JSON.stringify(ad)} ${JSON.stringify(bd)}`);
        }
      });
    }
    it('one tensor as both operands (copied in once), whole and broadcast against itself', function () {
      for (const dtype of ['float32', 'float64', 'int32'] as const) {
        for (const dims of [[67], [3 * TILE - 1], [37, 29], [70000, 3]]) {
          const a = make(dtype, dims);
          // Every element equal to its partner: the comparisons that differ only on ties.
          for (const [name, f] of [['add', ops.add], ['sub', ops.sub], ['mul', ops.mul], ['maximum', ops.maximum], ...CMP] as [string, Bin][]) {
            sameBits(f(a, a), scalarOnly(() => f(a, a)), `${dtype} ${name} ${JSON.stringify(dims)}`);
          }
        }
      }
      const row = make('float32', [1, 29]), col = ops.reshape(row, [29, 1]);
      sameBits(ops.mul(row, col), scalarOnly(() => ops.mul(row, col)), 'outer product of one row with itself');
    });
    it('x ** 2 (run as x * x) gives Math.pow\'s bits, specials included', function () {
      for (const dtype of ['float32', 'float64'] as const) {
        for (const n of [5, 1003]) {
          const a = make(dtype, [n]);
          const got = ops.pow(a, 2).values as Float32Array;
          const want = Array.from(a.values as Float32Array, (v) => (dtype === 'float32' ? Math.fround(Math.pow(v, 2)) : Math.pow(v, 2)));
          sameBits(new Tensor(dtype, [n], got), new Tensor(dtype, [n], (dtype === 'float32' ? Float32Array : Float64Array).from(want)), `${dtype} ${n}`);
        }
      }
      const b = new Tensor('float32', [1, 3], Float32Array.from([1.5, -0, NaN]));
      assert.deepEqual([...ops.pow(b, new Tensor('float32', [1, 1], Float32Array.from([2]))).dims], [1, 3]);
      assert.deepEqual([...ops.pow(new Tensor('float32', [3], Float32Array.from([1.5, -0, NaN])), new Tensor('float32', [1, 1], Float32Array.from([2]))).dims], [1, 3]);
    });
    it('float32 with a JavaScript number (weakly typed scalar)', function () {
      const a = make('float32', [1003]);
      for (const c of [1.0001, -0.5, 0, 3]) {
        sameBits(ops.mul(a, c), scalarOnly(() => ops.mul(a, c)), `mul ${c}`);
        sameBits(ops.add(c, a), scalarOnly(() => ops.add(c, a)), `add ${c}`);
        sameBits(ops.div(c, a), scalarOnly(() => ops.div(c, a)), `div ${c}`);
      }
    });
    it('maximum and minimum keep NaN and the first of equal zeros, as the scalar loops do', function () {
      for (const dtype of ['float32', 'float64'] as const) {
        const Arr = dtype === 'float32' ? Float32Array : Float64Array;
        const a = new Tensor(dtype, [128], Arr.from([...Array(128).keys()].map((i) => [NaN, -0, 0, 1, NaN, 2][i % 6])));
        const b = new Tensor(dtype, [128], Arr.from([...Array(128).keys()].map((i) => [1, 0, -0, NaN, NaN, 2][i % 6])));
        for (const f of [ops.maximum, ops.minimum]) sameBits(f(a, b), scalarOnly(() => f(a, b)), `${dtype} ${f.name}`);
      }
    });
  });

  it('where gives the JavaScript loop\'s result, with scalar operands and a scalar condition', function () {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      for (const n of [64, 67, 1001, TILE + 5, 2 * TILE + 1]) {
        const a = make(dtype, [n]), b = make(dtype, [n]), one = make(dtype, []);
        const c = ops.greater(make('float32', [n]), 0);
        const cases: [string, () => Tensor][] = [
          ['both', () => ops.where(c, a, b)], ['scalar b', () => ops.where(c, a, one)], ['scalar a', () => ops.where(c, one, b)],
          ['scalar condition', () => ops.where(ops.greater(one, 0), a, b)], ['rows', () => ops.where(ops.reshape(c, [1, n]), a, b)],
        ];
        for (const [name, f] of cases) sameBits(f(), scalarOnly(f), `${dtype} ${n} ${name}`);
      }
    }
  });

  it('argmax and argmin along the last axis give the loop\'s index: the first NaN, else the first extreme', function () {
    const ties = (n: number) => Array.from({ length: n }, (_, i) => [1, 3, -0, 0, 3, -2][(i * 7) % 6]!);
    const cases: [string, number[], number[]][] = [];
    for (const n of [1, 5, 8, 9, 64, 257, 1001, TILE + 3, 2 * TILE + 9]) {
      cases.push([`mixed ${n}`, [n], values(n)]);
      cases.push([`no NaN ${n}`, [n], values(n).map((v) => (Number.isNaN(v) ? 1 : v))]);
      cases.push([`ties ${n}`, [n], ties(n)]);
      cases.push([`zeros ${n}`, [n], Array.from({ length: n }, (_, i) => (i % 3 ? -0 : 0) - (i % 5 === 4 ? 1 : 0))]);
      cases.push([`late NaN ${n}`, [n], values(n).map((v, i) => (i === n - 2 ? NaN : Number.isNaN(v) ? 2 : v))]);
    }
    cases.push(['rows', [300, 37], values(300 * 37)]);
    cases.push(['rows with ties', [200, 60], ties(200 * 60)]);
    for (const [name, dims, v] of cases) {
      for (const t of [new Tensor('float32', dims, Float32Array.from(v)), new Tensor('float64', dims, Float64Array.from(v))]) {
        for (const f of [ops.argmax, ops.argmin]) {
          const got = f(t, -1), want = scalarOnly(() => f(t, -1));
          assert.deepEqual(Array.from(got.values as Int32Array), Array.from(want.values as Int32Array), `${t.dt} ${f.name} ${name}`);
        }
      }
    }
  });

  describe('sums, max and min over axes before the last give the scalar loop\'s bits (rows combined in order)', function () {
    for (const dtype of ['float32', 'float64'] as const) {
      it(dtype, function () {
        const cases: [number[], number[]][] = [
          [[37, 29], [0]], [[3, 300, 7], [1]], [[5000, 7], [0]], [[4, 9, 300], [0, 1]], [[2, 3, 4, 50], [1, 2]], [[700, 33], [0]], [[9, 2000], [0]],
        ];
        for (const [dims, axes] of cases) {
          const t = make(dtype, dims);
          // max and min too: rows combined in order, so the same zero and NaN as the loop's.
          for (const f of [ops.sum, ops.max, ops.min]) {
            sameBits(f(t, axes), scalarOnly(() => f(t, axes)), `${dtype} ${f.name} ${JSON.stringify(dims)} over ${JSON.stringify(axes)}`);
          }
        }
        const zv = Array.from({ length: 1500 }, (_, i) => (i % 5 === 0 ? -0 : i % 5 === 1 ? NaN : i % 5 === 2 ? 0 : i % 7));
        const z = new Tensor(dtype, [300, 5], dtype === 'float32' ? Float32Array.from(zv) : Float64Array.from(zv));
        // Column 1: -0 in the first half of the rows, 0 in the second (the loop ends on the last tie).
        const signs = new Tensor(dtype, [300, 5], (dtype === 'float32' ? Float32Array : Float64Array).from(zv.map((v, i) => (i % 5 === 1 ? (i < 750 ? -0 : 0) : v))));
        for (const f of [ops.sum, ops.max, ops.min]) {
          sameBits(f(z, [0]), scalarOnly(() => f(z, [0])), `${dtype} ${f.name} zeros and NaN`);
          sameBits(f(signs, [0]), scalarOnly(() => f(signs, [0])), `${dtype} ${f.name} zeros of both signs`);
        }
      });
    }
  });

  describe('max and min over the innermost axes give the scalar loop\'s result, its zero and its NaN', function () {
    const zeros = (n: number, at: number[]) => Array.from({ length: n }, (_, i) => (at.includes(i) ? 0 : -0));
    for (const dtype of ['float32', 'float64'] as const) {
      it(dtype, function () {
        const Arr = dtype === 'float32' ? Float32Array : Float64Array;
        const cases: [string, number[], number[]][] = [];
        for (const n of [1, 3, 7, 8, 9, 31, 256, 257, 1001, TILE - 1, TILE + 3, 2 * TILE + 5]) {
          const v = values(n);
          cases.push([`mixed ${n}`, [n], v]);
          cases.push([`no NaN ${n}`, [n], v.map((x) => (Number.isNaN(x) ? 1 : x))]);
          cases.push([`negative and zeros ${n}`, [n], v.map((x, i) => (i % 5 === 2 ? (i % 3 ? 0 : -0) : -Math.abs(Number.isNaN(x) ? 1 : x) - 1))]);
          cases.push([`zeros, +0 last ${n}`, [n], zeros(n, [n - 1])]);
          cases.push([`zeros, +0 first ${n}`, [n], zeros(n, [0])]);
          cases.push([`NaN late ${n}`, [n], v.map((x, i) => (i === n - 1 ? NaN : Number.isNaN(x) ? 2 : x))]);
        }
        cases.push(['rows', [37, 300], values(37 * 300)]);
        cases.push(['rows of zeros', [64, 300], Array.from({ length: 64 * 300 }, (_, i) => (i % 300 === (i / 300 | 0) ? 0 : -0))]);
        cases.push(['3-D, last two axes', [3, 70, 50], values(3 * 70 * 50)]);
        for (const [name, dims, v] of cases) {
          const t = new Tensor(dtype, dims, Arr.from(v));
          const axes = dims.length === 3 ? [1, 2] : dims.length === 2 ? [1] : undefined;
          for (const f of [ops.max, ops.min]) {
            sameBits(f(t, axes), scalarOnly(() => f(t, axes)), `${dtype} ${f.name} ${name}`);
          }
        }
      });
    }
  });

  describe('float32 unary ops', function () {
    const SIMPLE: [string, (t: Tensor) => Tensor][] = [
      ['neg', ops.neg], ['abs', ops.abs], ['sqrt', ops.sqrt], ['floor', ops.floor], ['ceil', ops.ceil], ['relu', ops.relu], ['sign', ops.sign], ['round', ops.round],
    ];
    it('neg, abs, sqrt, floor, ceil, relu, sign, round give the scalar loops\' bits (float32 and float64)', function () {
      for (const dtype of ['float32', 'float64'] as const) {
        for (const n of [64, 65, 1001, TILE + 3]) {
          const a = make(dtype, [n]);
          // Halves and their neighbours, for round.
          const d = a.values as Float32Array;
          for (let i = 0; i < n; i += 3) d[i] = (Math.floor(d[i] % 7) + 0.5) * (i % 2 ? -1 : 1) + (i % 9 === 0 ? 2 ** -23 : 0);
          for (const [name, f] of SIMPLE) sameBits(f(a), scalarOnly(() => f(a)), `${dtype} ${name} ${n}`);
        }
      }
    });

    // Every binade of float32 (both signs), 4096 mantissas each, plus the special values.
    const sample = (() => {
      const bits = new Uint32Array(2 * 255 * 4096 + 16);
      let k = 0;
      for (let e = 0; e < 255; e++) for (let j = 0; j < 4096; j++) {
        const m = (j * 2047 + e * 7919) & 0x7fffff;
        bits[k++] = (e << 23) | m;
        bits[k++] = 0x80000000 | (e << 23) | m;
      }
      const f = new Float32Array(bits.buffer, 0, k);
      return Float32Array.from([...f, NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45]);
    })();
    const REF: [string, (t: Tensor) => Tensor, (x: number) => number][] = [
      ['sin', ops.sin, Math.sin], ['cos', ops.cos, Math.cos], ['exp', ops.exp, Math.exp], ['log', ops.log, Math.log],
      ['tanh', ops.tanh, Math.tanh], ['sigmoid', ops.sigmoid, (x) => 1 / (1 + Math.exp(-x))], ['erf', ops.erf, erf],
      ['expm1', ops.expm1, Math.expm1], ['log1p', ops.log1p, Math.log1p], ['log2', ops.log2, Math.log2], ['log10', ops.log10, Math.log10],
      ['exp2', ops.exp2, (x) => Math.pow(2, x)], ['sinh', ops.sinh, Math.sinh], ['cosh', ops.cosh, Math.cosh],
    ];
    for (const [name, f, ref] of REF) {
      it(`${name}: within 1 ulp of the correctly rounded value over every binade, and equal to Math.fround of the double result`, function () {
        const t = new Tensor('float32', [sample.length], sample);
        const got = f(t).values as Float32Array;
        let worst = 0, differ = 0;
        for (let i = 0; i < sample.length; i++) {
          const want = Math.fround(ref(sample[i]));
          const d = ulps(got[i], want);
          if (d > worst) worst = d;
          if (d !== 0) differ++;
          if (d > 1) assert.fail(`${name}(${sample[i]}) = ${got[i]}, correctly rounded ${want}`);
        }
        // Evaluated in double precision: a float32 result differs from Math.fround(Math.fn(x)) only
        // where the two doubles straddle a rounding boundary, which no sample hits.
        assert.equal(differ, 0, `${differ} of ${sample.length} samples differ by ${worst} ulp`);
      });
    }
  });

  describe('the fast double kernels behind the float32 transcendentals', function () {
    // A float32 result is certified when the fast double lies over FAST_KERNEL_NEAR double ulps from a
    // float32 rounding midpoint; that needs the kernel's error to stay well inside it.
    const ulp64 = (v: number) => 2 ** (Math.floor(Math.log2(Math.abs(v))) - 52);
    const inputs = (() => {
      const xs: number[] = [];
      for (let i = 0; i < 200000; i++) xs.push(Math.fround((rnd() - 0.5) * 10 ** (rnd() * 8 - 3)));
      // float32 neighbours of multiples of pi/2, where sin or cos reduce to a tiny r
      for (let k = 1; k < 20000; k += 7) {
        const t = Math.fround(k * Math.PI / 2);
        const up = new Float32Array([t]), u = new Uint32Array(up.buffer);
        u[0] += 1; const next = up[0]; u[0] -= 2;
        xs.push(t, next, up[0], -t);
      }
      // float32 neighbours of 1, where log is small
      for (let d = 1; d < 4000; d++) xs.push(1 + d * 2 ** -23, 1 - d * 2 ** -24);
      return xs;
    })();
    const FAST: [string, (x: number) => number, (x: number) => boolean][] = [
      ['sin', Math.sin, (x) => Math.abs(x) < 1e6], ['cos', Math.cos, (x) => Math.abs(x) < 1e6],
      ['exp', Math.exp, (x) => x >= -87.3 && x <= 200], ['tanh', Math.tanh, (x) => !Number.isNaN(x)],
      ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), (x) => x >= -87.3 && x <= 200], ['log', Math.log, (x) => x > 0 && x < Infinity],
      // Beyond |x| = 4 the kernel gives erf(4), which rounds to 1 in float32 as erf(x) does.
      ['erf', erf, (x) => Math.abs(x) <= 4 && Math.abs(x) >= 1e-30],
      // Below |x| = 2^-26 both return x itself, which is their float32 result (x^2/2 is under a quarter ulp).
      ['expm1', Math.expm1, (x) => Math.abs(x) <= 100 && Math.abs(x) >= 2 ** -26], ['log1p', Math.log1p, (x) => x > -1 && x < Infinity && Math.abs(x) >= 2 ** -26],
      ['log2', Math.log2, (x) => x > 0 && x < Infinity], ['log10', Math.log10, (x) => x > 0 && x < Infinity],
      ['exp2', (x) => Math.pow(2, x), (x) => x >= -126 && x <= 128],
      // sinh below 2^-26 is x, its float32 result (as expm1's).
      ['sinh', Math.sinh, (x) => Math.abs(x) <= 89 && Math.abs(x) >= 2 ** -26], ['cosh', Math.cosh, (x) => Math.abs(x) <= 89],
    ];
    for (const [name, ref, inRange] of FAST) {
      it(`${name}: within 1/16 of the certifying distance of Math's double over its range`, function () {
        const xs = Float64Array.from(inputs.filter(inRange));
        const got = fastKernelF64(name, xs);
        if (got === null) this.skip();
        let worst = 0, at = 0;
        for (let i = 0; i < xs.length; i++) {
          const want = ref(xs[i]);
          if (want === 0 || !Number.isFinite(want)) continue;
          const e = Math.abs(got[i] - want) / ulp64(want);
          if (e > worst) { worst = e; at = xs[i]; }
        }
        assert.ok(worst <= FAST_KERNEL_NEAR / 16, `${name}(${at}) is ${worst} double ulps from Math's`);
      });
    }
    it('results whose fast double is near a rounding midpoint are recomputed: every float32 in [1, 2) through exp, sigmoid and log', function () {
      const xs = new Float32Array(1 << 23);
      new Uint32Array(xs.buffer).forEach((_, i, u) => { u[i] = 0x3f800000 + i; });
      const t = new Tensor('float32', [xs.length], xs);
      const fns = [['exp', ops.exp, Math.exp], ['sigmoid', ops.sigmoid, (x: number) => 1 / (1 + Math.exp(-x))], ['log', ops.log, Math.log]] as const;
      for (const [name, f, ref] of fns) {
        const got = f(t).values as Float32Array;
        for (let i = 0; i < xs.length; i++) {
          const want = Math.fround(ref(xs[i]));
          if (got[i] !== want) assert.fail(`${name}(${xs[i]}) = ${got[i]}, Math.fround of the double ${want}`);
        }
      }
    });
  });

  describe('float32 x ** y for one exponent gives Math.pow\'s bits', function () {
    // Special values, subnormal results (x^3 of 1e-13), negative bases, magnitudes 1e-6 to 1e6.
    const v = new Float32Array(60000);
    const special = [0, -0, 1, -1, Infinity, -Infinity, NaN, 1e-45, -1e-45, 1.2e-38, 3.4e38, -3.4e38, 0.5, 2, 1e-13, -1e-13, 1e20];
    for (let i = 0; i < v.length; i++) v[i] = i < special.length ? special[i] : (rnd() - (i % 3 === 0 ? 0.5 : 0)) * 10 ** (rnd() * 12 - 6);
    const x = new Tensor('float32', [v.length], v);
    for (const y of [3, 4, -1, -2, 0.5, -0.5, 1.5, -3, 0, 1, 0.1, 7, -7.3, 1 / 3, 100]) {
      it(`y = ${y}`, function () {
        const got = ops.pow(x, new Tensor('float32', [], Float32Array.of(y))).values as Float32Array;
        for (let i = 0; i < v.length; i++) {
          const want = Math.fround(Math.pow(v[i], Math.fround(y)));
          if (!(Object.is(got[i], want) || (Number.isNaN(got[i]) && Number.isNaN(want)))) assert.fail(`${v[i]} ** ${y}: ${got[i]}, Math.pow ${want}`);
        }
      });
    }
  });

  describe('transposes give the strided loop\'s bits', function () {
    const CASES: [number[], number[]][] = [
      [[64, 64], [1, 0]], [[67, 131], [1, 0]], [[131, 67], [1, 0]], [[5, 1003], [1, 0]], [[1000, 1000], [1, 0]],
      [[3, 65, 67], [0, 2, 1]], [[2, 1, 97, 45], [0, 1, 3, 2]], [[7, 33, 40], [1, 0, 2]], [[33, 40, 7], [2, 0, 1]],
    ];
    for (const dtype of ['float32', 'float64', 'int32', 'uint32', 'int64'] as const) {
      it(dtype, function () {
        for (const [dims, perm] of CASES) {
          const n = dims.reduce((p, d) => p * d, 1);
          const v = Array.from({ length: n }, (_, i) => (i * 7919) % 100003 - 50000);
          const data = dtype === 'int64' ? BigInt64Array.from(v, (x) => BigInt(x) * 123456789n) : dtype === 'float32' ? Float32Array.from(v, (x) => x / 7) :
            dtype === 'float64' ? Float64Array.from(v, (x) => x / 7) : dtype === 'int32' ? Int32Array.from(v) : Uint32Array.from(v, (x) => x >>> 0);
          const t = new Tensor(dtype, dims, data);
          const got = ops.transpose(t, perm), want = scalarOnly(() => ops.transpose(t, perm));
          assert.deepEqual([...got.dims], [...want.dims]);
          const g = got.values as ArrayLike<unknown>, w = want.values as ArrayLike<unknown>;
          for (let i = 0; i < n; i++) if (!Object.is(g[i], w[i])) assert.fail(`${dtype} ${JSON.stringify(dims)} perm ${perm}: element ${i}: ${g[i]} vs ${w[i]}`);
        }
      });
    }
  });

  describe('sums (NumPy\'s pairwise order) give the scalar loops\' bits', function () {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${dtype}: whole tensors and rows of many lengths`, function () {
        for (const dims of [[255], [256], [257], [8191], [8192], [8193], [TILE + 8191], [100003], [3, 5000], [1000, 7], [9, 8192], [4, 9000], [2, 3 * TILE + 5]]) {
          const a = make(dtype, dims);
          const d = a.values as Float32Array;
          for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) d[i] = i % 3; // finite sums compare meaningfully
          sameBits(ops.sum(a), scalarOnly(() => ops.sum(a)), `sum ${JSON.stringify(dims)}`);
          if (dims.length > 1) sameBits(ops.sum(a, -1), scalarOnly(() => ops.sum(a, -1)), `row sums ${JSON.stringify(dims)}`);
          // Values of one magnitude, where every partial sum's rounding shows in the total.
          const vals = Array.from({ length: d.length }, () => rnd());
          const u = new Tensor(dtype, dims, dtype === 'float32' ? Float32Array.from(vals) : Float64Array.from(vals));
          sameBits(ops.sum(u), scalarOnly(() => ops.sum(u)), `sum of uniform values ${JSON.stringify(dims)}`);
        }
      });
    }
  });

  describe('against NumPy (float32 inputs, float64 results rounded once)', function () {
    const xs: number[] = [];
    for (let i = 0; i < 2000; i++) xs.push(Math.fround((rnd() - 0.5) * 10 ** (rnd() * 6 - 2)));
    xs.push(0, -0, 1e-30, -1e-30, 88.5, -103, 1e6, 3e7);
    const ys = xs.map((x) => Math.abs(x));
    const cases: Record<string, string> = {};
    const FNS: [string, (t: Tensor) => Tensor, string, number[]][] = [
      ['sin', ops.sin, 'np.sin(v)', xs], ['cos', ops.cos, 'np.cos(v)', xs], ['exp', ops.exp, 'np.exp(v)', xs], ['log', ops.log, 'np.log(v)', ys],
      ['tanh', ops.tanh, 'np.tanh(v)', xs], ['sigmoid', ops.sigmoid, '1 / (1 + np.exp(-v))', xs],
    ];
    for (const [name, , expr, input] of FNS) cases[name] = `(lambda v: ${expr})(np.array(${py(input)}, dtype=np.float64))`;
    const oracle = new NumpyOracle(cases);
    for (const [name, f, , input] of FNS) {
      it(name, function () {
        oracle.need(this);
        const ref = oracle.get(name).data.map((v) => Math.fround(decode(v)));
        const got = f(new Tensor('float32', [input.length], Float32Array.from(input))).values as Float32Array;
        let differ = 0;
        for (let i = 0; i < ref.length; i++) {
          const d = ulps(got[i], ref[i]);
          assert.ok(d <= 1, `${name}(${input[i]}): ${got[i]} vs NumPy ${ref[i]}`);
          if (d) differ++;
        }
        assert.equal(differ, 0, `${differ} values differ from NumPy's double result rounded to float32`);
      });
    }
  });
});
