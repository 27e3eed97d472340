// The fast digit paths (float32 Dragon4 in doubles, float64 via Number::toString / toPrecision,
// toFixed/toExponential for torch) against the exact BigInt port, on seeded random values and ties.
import assert from 'node:assert/strict';
import { dragon4Big, pyExp, pyFixed, uniqueDigits, type Digits } from '../../src/format/digits.js';

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** The cutoff combinations the printers use: shortest, positional 8 (min -1/0), scientific first and second pass. */
const MODES: [boolean, number, number][] = [
  [false, -1, -1], [true, 8, -1], [true, 8, 0], [false, 9, -1],
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((p): [boolean, number, number] => [false, p + 1, p + 1]),
];

const strip = (d: Digits): string => `${d.d.replace(/0+$/, '') || '0'}e${d.e}`;

/** Exact `{:.Nf}` from the BigInt port in exact mode. */
function refFixed(x: number, f: number): string {
  const a = Math.abs(x);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const dg = a === 0 ? { d: '0', e: 0 } : dragon4Big(a, false, { exact: true, fraction: true, cutoffMax: f, cutoffMin: -1 });
  const whole = dg.e >= 0 ? (dg.d + '0'.repeat(Math.max(0, dg.e + 1 - dg.d.length))).slice(0, dg.e + 1) : '0';
  const frac = ((dg.e >= 0 ? dg.d.slice(dg.e + 1) : '0'.repeat(-dg.e - 1) + dg.d) + '0'.repeat(f)).slice(0, f);
  return sign + whole + (f ? '.' + frac : '');
}

describe('format: digit generation', () => {
  const rnd = xorshift(12345);
  const values: [number, boolean][] = [];
  const bits = new Uint32Array(2);
  const f64 = new Float64Array(bits.buffer);
  const f32 = new Float32Array(bits.buffer, 0, 1);
  for (let i = 0; i < 1500; i++) {
    bits[0] = (rnd() * 2 ** 32) >>> 0;
    values.push([Math.abs(f32[0]), true]); // any float32 bit pattern
    bits[1] = (rnd() * 2 ** 32) >>> 0;
    values.push([Math.abs(f64[0]), false]); // any float64 bit pattern
    const v = (rnd() + 0.01) * Math.pow(10, Math.floor(rnd() * 16 - 8));
    values.push([Math.fround(v), true], [v, false]);
    const tie = Math.floor(rnd() * 2 ** 20) / 2 ** Math.floor(rnd() * 14); // short binary fractions: ties
    values.push([tie, true], [tie, false]);
  }

  it('uniqueDigits equals the BigInt Dragon4 in every printer mode', () => {
    let checked = 0;
    for (const [x, is32] of values) {
      if (!Number.isFinite(x) || x === 0) continue;
      for (const [fraction, cutoffMax, cutoffMin] of MODES) {
        const fast = strip(uniqueDigits(x, is32, fraction, cutoffMax, cutoffMin));
        const slow = strip(dragon4Big(x, is32, { exact: false, fraction, cutoffMax, cutoffMin }));
        assert.equal(fast, slow, `x=${x} f32=${is32} mode=${fraction},${cutoffMax},${cutoffMin}`);
        checked++;
      }
    }
    assert.ok(checked > 50000);
  });

  it("pyFixed/pyExp round like Python's format: exact value, ties to even", () => {
    assert.equal(pyFixed(0.03125, 4), '0.0312');
    assert.equal(pyFixed(1.28125, 4), '1.2812');
    assert.equal(pyFixed(2.5, 0), '2');
    assert.equal(pyFixed(-0, 4), '-0.0000');
    assert.equal(pyExp(0.125, 1), '1.2e-01'); // exact tie: even
    assert.equal(pyExp(1.25e-5, 1), '1.3e-05'); // the double is slightly above the tie
    assert.equal(pyExp(0, 4), '0.0000e+00');
    assert.equal(pyExp(-35e6, 4), '-3.5000e+07');
    for (const [x] of values) {
      if (!Number.isFinite(x) || x >= 1e16) continue;
      for (const s of [x, -x]) {
        assert.equal(pyFixed(s, 4), refFixed(s, 4), `x=${s}`);
        assert.equal(pyFixed(s, 0), refFixed(s, 0), `x=${s}`);
      }
    }
  });
});
