// The random engines' math (src/api/random/libm.ts, float32.ts) against exact references: the quick
// paths give the double-double series' correctly rounded values, their error bounds hold, and the
// float32 fused multiply-add rounds the exact value once.
import assert from 'node:assert/strict';
import * as libm from '../../src/api/random/libm.js';
import { fma32 } from '../../src/api/random/float32.js';

let seed = 3;
function rnd(): number { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; }

const D = new Float64Array(1), W = new Uint32Array(D.buffer);
const F = new Float32Array(1), FW = new Uint32Array(F.buffer);
/** The double n ulps from d (n may be negative; d positive and normal). */
function ulpsFrom(d: number, n: number): number {
  D[0] = d;
  const lo = W[0] + n;
  W[1] += Math.floor(lo / 2 ** 32);
  W[0] = lo >>> 0;
  return D[0];
}
/** A random float32 between 2^lo and 2^hi, either sign when `signed`. */
function randomFloat(lo: number, hi: number, signed = false): number {
  const v = Math.fround(2 ** (lo + rnd() * (hi - lo)));
  return signed && rnd() < 0.5 ? -v : v;
}

describe('random engines\' math', function () {
  describe('log: the quick phase', function () {
    const inputs: number[] = [];
    for (let i = 0; i < 60000; i++) {
      const k = i % 6;
      inputs.push(k === 0 ? rnd() : k === 1 ? Math.exp((rnd() - 0.5) * 1400) : k === 2 ? 1 + (rnd() - 0.5) * 2 ** -(rnd() * 52)
        : k === 3 ? (1 + rnd()) * 2 ** Math.floor((rnd() - 0.5) * 40) : k === 4 ? 2 ** Math.floor((rnd() - 0.5) * 2000) * (1 + 2 ** -52 * Math.floor(rnd() * 4)) : 1 - rnd() * 2 ** -8);
    }
    inputs.push(5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 2, 1 - 2 ** -53, 1 + 2 ** -52);

    it('its error stays within its bound', function () {
      let checked = 0;
      for (const x of inputs) {
        const q = libm.quickLogParts(x);
        if (q === undefined) continue;
        const [eh, el] = libm.exactLogParts(x);
        // (rh + rl) - (eh + el), the two heads subtracted exactly (they agree to within ulps).
        const diff = (q.rh - eh) + (q.rl - el);
        assert.ok(Math.abs(diff) <= q.bound, `log(${x}): off by ${diff}, bound ${q.bound}`);
        checked++;
      }
      assert.ok(checked > inputs.length * 0.95, `${checked} of ${inputs.length} went through the quick phase`);
    });

    it('gives the series\' correctly rounded value', function () {
      for (const x of inputs) assert.equal(libm.log(x), libm.exactLog(x), `log(${x})`);
    });
  });

  describe('float32 results from Math\'s doubles', function () {
    it('are kept only away from float32 rounding midpoints', function () {
      // 1 + 2^-24 is the midpoint between 1 and the next float.
      const mid = 1 + 2 ** -24;
      for (let n = -6; n <= 6; n++) {
        const got = libm.certifiedFloat(ulpsFrom(mid, n));
        if (Math.abs(n) <= 4) assert.equal(got, undefined, `${n} ulps from the midpoint`);
        else assert.equal(got, n < 0 ? 1 : 1 + 2 ** -23, `${n} ulps from the midpoint`);
      }
      assert.equal(libm.certifiedFloat(1e-39), undefined, 'subnormal float32');
      assert.equal(libm.certifiedFloat(1e39), undefined, 'beyond float32');
      assert.equal(libm.certifiedFloat(0.75), 0.75);
    });

    it('Math\'s values are within one double ulp of the exact ones (what the check above relies on)', function () {
      const fns: [string, (x: number) => number, (x: number) => number, () => number][] = [
        ['log', Math.log, libm.exactLog, () => randomFloat(-126, 127)],
        ['exp', Math.exp, libm.exp, () => (rnd() - 0.5) * 170],
        ['sin', Math.sin, libm.sin, () => randomFloat(-20, 20, true)],
        ['cos', Math.cos, libm.cos, () => randomFloat(-20, 20, true)],
        ['log1p', Math.log1p, libm.log1p, () => (rnd() < 0.5 ? randomFloat(-60, 20) : -rnd())],
      ];
      for (const [name, mathF, exactF, draw] of fns) {
        for (let i = 0; i < 20000; i++) {
          const x = draw();
          const d = mathF(x), e = exactF(x);
          if (d === e || e === 0) continue;
          D[0] = e;
          const ulp = 2 ** (((W[1] >>> 20) & 0x7ff) - 1075);
          assert.ok(Math.abs(d - e) <= ulp, `${name}(${x}): Math ${d}, exact ${e}`);
        }
      }
    });

    const cases: [string, (x: number) => number, (x: number) => number, () => number, number[]][] = [
      // Each list ends with float32 inputs whose Math value lies within 4 double ulps of a midpoint.
      ['logf', libm.logf, libm.exactFloat.logf, () => randomFloat(-126, 127), [9.472636222839355, 13142.7919921875, 14698.412109375]],
      ['expf', libm.expf, libm.exactFloat.expf, () => Math.fround((rnd() - 0.5) * 170), [-14.567090034484863]],
      ['log1pf', libm.log1pf, libm.exactFloat.log1pf, () => (rnd() < 0.5 ? randomFloat(-60, 20) : -Math.fround(rnd())), [0.10741951316595078, 0.3722020089626312, 0.4951299726963043]],
      ['sinf', libm.sinf, libm.exactFloat.sinf, () => randomFloat(-20, 20, true), []],
      ['cosf', libm.cosf, libm.exactFloat.cosf, () => randomFloat(-20, 20, true), []],
    ];
    for (const [name, fast, exact, draw, near] of cases) {
      it(`${name} gives the series' correctly rounded value`, function () {
        for (let i = 0; i < 20000; i++) {
          const x = draw();
          assert.equal(fast(x), exact(x), `${name}(${x})`);
        }
        for (const x of near) {
          assert.equal(libm.certifiedFloat(({ logf: Math.log, expf: Math.exp, log1pf: Math.log1p } as Record<string, (v: number) => number>)[name](x)), undefined, `${name}(${x}) is near a midpoint`);
          assert.equal(fast(x), exact(x), `${name}(${x})`);
        }
      });
    }
  });

  describe('fma32', function () {
    /** a * b + c (float32s) rounded once to float32, half to even, by exact integer arithmetic. */
    function exactFma32(a: number, b: number, c: number): number {
      // Every float32 is m 2^-149 for an integer m; a * b is m 2^-298, so scale everything by 2^298.
      const scaled = (v: number, shift: number) => BigInt(v * 2 ** 149) << BigInt(shift);
      const sum = scaled(a, 0) * scaled(b, 0) + scaled(c, 149);
      if (sum === 0n) return Math.fround(a * b) + c;
      const neg = sum < 0n, mag = neg ? -sum : sum;
      const bits = mag.toString(2).length;
      // Keep 24 significant bits (fewer for subnormal results: the last kept bit is worth 2^-149).
      const drop = Math.max(bits - 24, 149);
      let q = mag >> BigInt(drop);
      const rem = mag - (q << BigInt(drop)), half = 1n << BigInt(drop - 1);
      if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
      const v = Number(q) * 2 ** (drop - 298);
      return neg ? -v : v;
    }

    it('rounds the exact a * b + c once, ties to even included', function () {
      const triples: [number, number, number][] = [];
      for (let i = 0; i < 20000; i++) {
        const a = randomFloat(-30, 30, true), b = randomFloat(-30, 30, true);
        // c near -a*b (cancellation), or anywhere.
        const c = rnd() < 0.5 ? Math.fround(-a * b * (1 + (rnd() - 0.5) * 2 ** -10)) : randomFloat(-60, 60, true);
        triples.push([a, b, c]);
      }
      // a * b = 1 + 2^-11 + 2^-24 exactly: with c = -2^-11 the sum is 1 + 2^-24, halfway between 1
      // and the next float (to even: 1); nudged by c's last bit either way.
      const a = 1 + 2 ** -12;
      triples.push([a, a, -(2 ** -11)], [a, a, -(2 ** -11) * (1 - 2 ** -24)], [a, a, -(2 ** -11) * (1 + 2 ** -23)]);
      // 1 + 3 2^-24 lies halfway between 1 + 2^-23 and 1 + 2^-22 (to even: the latter).
      triples.push([1 + 2 ** -12, 1 + 2 ** -12, -(2 ** -11) + 2 ** -23]);
      // a * b + 1 whose double sum is 1 + 2^-24, a midpoint, with the exact sum 2^-70 r beyond it
      // (r = -39486, then 95364): the bits past the double decide, down and then up.
      triples.push([0.0004541281086858362, 0.00039375218329951167, 1], [0.0004410813271533698, 0.0004053990123793483, 1]);
      for (const [x, y, z] of triples) {
        assert.equal(fma32(x, y, z), exactFma32(x, y, z), `fma32(${x}, ${y}, ${z})`);
      }
      F[0] = fma32(a, a, -(2 ** -11));
      assert.equal(FW[0], 0x3f800000, 'the tie goes to the even float');
    });
  });
});
