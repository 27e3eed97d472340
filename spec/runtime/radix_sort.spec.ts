// The radix sort behind long numeric lanes (src/kernels/radix_sort.ts) against the comparison sorts
// it stands in for, run on the same values as a plain array (NaN-aware comparisons on the values
// themselves): every dtype, kind and direction; ties, NaNs of both signs, zeros of both signs,
// infinities and subnormals; lengths about RADIX_MIN; and lanes along a leading axis.
import assert from 'node:assert/strict';
import { Tensor } from '../../src/index.js';
import { DTYPES, allocate, narrowRounding, type DType } from '../../src/tensor/dtype.js';
import { argsort, argsortLane, sort, takeAlong, type SortKind } from '../../src/ops/sorting.js';
import { RADIX_MIN, radixArgsort, sortKeys } from '../../src/kernels/radix_sort.js';

let seed = 11;
function rnd(): number { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; }

const KINDS: SortKind[] = ['quicksort', 'heapsort', 'std', 'stable'];
const NEG_NAN = new Float64Array(new BigUint64Array([0xfff8000000000001n]).buffer)[0];

/** n values of `dtype`: few distinct ones (ties) or many, floats with their special values mixed in. */
function values(dtype: DType, n: number, distinct: boolean): Tensor {
  const data = allocate(dtype, n) as Float64Array;
  const float = dtype.startsWith('float') || dtype === 'bfloat16';
  const specials = [NaN, NEG_NAN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40, 5e-324];
  for (let i = 0; i < n; i++) {
    if (dtype === 'bool') data[i] = rnd() < 0.5 ? 1 : 0;
    else if (float && !distinct && rnd() < 0.1) data[i] = specials[Math.floor(rnd() * specials.length)];
    else if (float) data[i] = distinct ? (i * 7919 % n - n / 2) / 3 : Math.floor(rnd() * 40) / 8 - 2.5;
    else if (dtype === 'int64' || dtype === 'uint64') {
      // Both words vary: the high one by the first draw, the low one by the second.
      const v = BigInt(Math.floor((rnd() - (dtype === 'uint64' ? 0 : 0.5)) * (distinct ? 2 ** 31 : 6))) * 2n ** 32n + BigInt(Math.floor(rnd() * (distinct ? 2 ** 32 : 3)));
      (data as unknown as BigInt64Array)[i] = dtype === 'uint64' ? BigInt.asUintN(64, v) : v;
    } else data[i] = Math.floor((rnd() - (dtype.startsWith('u') ? 0 : 0.5)) * (distinct ? 2 ** 40 : 60));
  }
  // float16 and bfloat16 storage holds values already rounded to the format.
  const round = narrowRounding(dtype);
  if (round !== undefined) for (let i = 0; i < n; i++) data[i] = round(data[i]);
  return new Tensor(dtype, [n], data);
}


describe('runtime: radix sort', function () {
  for (const dtype of DTYPES) {
    it(`${dtype}: argsort of typed lanes gives the comparison sorts' permutations, ties and specials included`, function () {
      for (const n of [RADIX_MIN - 1, RADIX_MIN, RADIX_MIN + 1, 1000, 4099]) {
        for (const distinct of dtype === 'bool' ? [false] : [false, true]) {
          const t = values(dtype, n, distinct);
          const lane = t.values as Float64Array;
          for (const kind of KINDS) {
            for (const desc of [false, true]) {
              const got = argsortLane(lane, kind, desc);
              const want = argsortLane(Array.from(lane), kind, desc);
              assert.deepEqual(got, want, `${dtype} n=${n}${distinct ? ' distinct' : ''} ${kind}${desc ? ' descending' : ''}`);
            }
          }
        }
      }
    });
  }

  it('finds ties, and ranks the elements by their keys', function () {
    const distinct = values('float32', 1000, true).values as Float32Array;
    assert.equal(radixArgsort(sortKeys(distinct, false, true)).ranks, null);
    for (const dtype of ['float32', 'float64', 'int64'] as DType[]) {
      const lane = values(dtype, 1000, false).values as Float64Array;
      const { perm, ranks } = radixArgsort(sortKeys(lane, false, true));
      assert.ok(ranks !== null, dtype);
      // Ranks start at 0, rise by one at each new value along the sorted order, and stay on ties.
      assert.equal(ranks[perm[0]], 0);
      for (let i = 1; i < perm.length; i++) {
        const a = lane[perm[i - 1]], b = lane[perm[i]];
        const tie = a === b || (a !== a && b !== b);
        assert.equal(ranks[perm[i]], ranks[perm[i - 1]] + (tie ? 0 : 1), `${dtype} position ${i}`);
      }
    }
    // A tie at the start: the first two keys equal.
    const first = radixArgsort(sortKeys(Int32Array.from({ length: 300 }, (_, i) => (i < 2 ? -1 : i)), false, true));
    assert.deepEqual(Array.from(first.ranks!.subarray(0, 4)), [0, 0, 1, 2]);
    // A digit that all keys but one share still takes its pass.
    const oneOff = Int32Array.from({ length: 300 }, (_, i) => (i === 299 ? 4 : 5));
    assert.equal(argsortLane(oneOff, 'stable', false)[0], 299);
    // -0 and 0 compare equal, as do NaNs of either sign: they are ties, not distinct keys.
    assert.notEqual(radixArgsort(sortKeys(Float64Array.of(...Array.from({ length: 300 }, (_, i) => i), -0, 0), false, true)).ranks, null);
    assert.notEqual(radixArgsort(sortKeys(Float32Array.of(...Array.from({ length: 300 }, (_, i) => i), NaN, -NaN), false, true)).ranks, null);
  });

  it('lanes along a leading axis, and sort by values against the permutation, bit for bit', function () {
    for (const dtype of ['float32', 'float64', 'int16', 'uint32', 'int64'] as DType[]) {
      const flat = values(dtype, 3 * 700, dtype === 'uint32');
      const t = new Tensor(dtype, [700, 3], flat.values);
      for (const kind of KINDS) {
        for (const desc of [false, true]) {
          const perm = argsort(t, 0, kind, desc).values as Int32Array;
          for (let c = 0; c < 3; c++) {
            const lane = Array.from({ length: 700 }, (_, r) => (t.values as ArrayLike<unknown>)[r * 3 + c]);
            const want = argsortLane(lane, kind, desc);
            for (let r = 0; r < 700; r++) assert.equal(perm[r * 3 + c], want[r], `${dtype} column ${c} ${kind}`);
          }
          const rows = new Tensor(dtype, [3, 700], flat.values);
          const got = sort(rows, -1, kind, desc).values as Float64Array;
          const viaPerm = takeAlong(rows, argsort(rows, -1, kind, desc), 1).values as Float64Array;
          for (let i = 0; i < got.length; i++) if (!Object.is(got[i], viaPerm[i])) assert.fail(`${dtype} sort ${kind}: element ${i}: ${got[i]} vs ${viaPerm[i]}`);
        }
      }
    }
  });

  it('sort by values keeps every bit, subnormals and infinities included, in both directions', function () {
    const data = Float64Array.from({ length: 3000 }, (_, i) => [Infinity, -Infinity, 5e-324, -5e-324, 1e-310][i % 97] ?? (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20));
    for (const desc of [false, true]) {
      const got = sort(new Tensor('float64', [3000], data), -1, 'quicksort', desc).values as Float64Array;
      const want = Float64Array.from(data).sort();
      if (desc) want.reverse();
      for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) assert.fail(`element ${i}: ${got[i]} vs ${want[i]}`);
    }
  });
});
