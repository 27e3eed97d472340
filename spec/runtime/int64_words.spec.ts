// 64-bit integers read and written as two 32-bit words (casts, index arrays, gathers, arange):
// against BigInt arithmetic, which says what each value must be, at the edges where words carry
// (negative values, 2^32, 2^53 and beyond, 2^63, the unsigned top half).
import assert from 'node:assert/strict';
import { np, Tensor } from '../../src/index.js';
import { castData } from '../../src/kernels/cast.js';
import { asNumbers } from '../../src/kernels/storage.js';
import { gather } from '../../src/kernels/layout.js';
import type { DType } from '../../src/tensor/dtype.js';

const EDGES = [0n, 1n, -1n, 5n, -5n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 32n, 2n ** 32n + 5n, -(2n ** 32n) - 7n, 2n ** 53n - 1n, 2n ** 53n + 1n,
  -(2n ** 53n) - 3n, 2n ** 62n + 12345n, 2n ** 63n - 1n, -(2n ** 63n), 123456789012345678n, -987654321987654321n];

describe('runtime: 64-bit integers by their words', function () {
  it('int64 and uint64 cast to every dtype as BigInt arithmetic says', function () {
    const i64 = BigInt64Array.from(EDGES), u64 = BigUint64Array.from(EDGES.map((v) => BigInt.asUintN(64, v)));
    for (const [from, src] of [['int64', i64], ['uint64', u64]] as const) {
      for (const to of ['bool', 'int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'int64', 'uint64', 'float32', 'float64'] as DType[]) {
        const got = castData(src, from, to) as ArrayLike<number | bigint>;
        for (let i = 0; i < src.length; i++) {
          const v = src[i];
          const want = to === 'bool' ? (v !== 0n ? 1 : 0) : to === 'float64' ? Number(v) : to === 'float32' ? Math.fround(Number(v))
            : to === 'int64' ? BigInt.asIntN(64, v) : to === 'uint64' ? BigInt.asUintN(64, v)
              : Number((to.startsWith('u') ? BigInt.asUintN : BigInt.asIntN)(Number(to.replace(/\D/g, '')), v));
          assert.equal(got[i], want, `${from} ${v} -> ${to}`);
        }
      }
    }
  });

  it('numbers cast to int64 and uint64 as BigInt arithmetic says (truncation, wrap-around, NaN)', function () {
    const floats = [0, -0, 1.5, -1.5, -5, 2 ** 32 + 0.5, -(2 ** 32) - 1, 2 ** 53, 2 ** 60 + 2 ** 20, -(2 ** 62), 2 ** 63, 2 ** 64 + 2 ** 12, -(2 ** 63), -(2 ** 70), NaN, Infinity, -Infinity];
    const ints = [0, -1, 7, -(2 ** 31), 2 ** 31 - 1];
    const cases: [DType, Float64Array | Float32Array | Int32Array | Uint32Array | Int8Array, number[]][] = [
      ['float64', Float64Array.from(floats), floats], ['float32', Float32Array.from(floats), floats.map(Math.fround)],
      ['int32', Int32Array.from(ints), ints], ['uint32', Uint32Array.from([0, 1, 2 ** 31, 2 ** 32 - 1]), [0, 1, 2 ** 31, 2 ** 32 - 1]],
      ['int8', Int8Array.from([-128, -1, 0, 127]), [-128, -1, 0, 127]],
    ];
    for (const [from, src, values] of cases) {
      for (const to of ['int64', 'uint64'] as DType[]) {
        const got = castData(src, from, to) as BigInt64Array;
        values.forEach((v, i) => {
          const want = Number.isFinite(v) ? BigInt(Math.trunc(v)) : to === 'int64' ? -(2n ** 63n) : 2n ** 63n;
          assert.equal(got[i], to === 'int64' ? BigInt.asIntN(64, want) : BigInt.asUintN(64, want), `${from} ${v} -> ${to}`);
        });
      }
    }
  });

  it('int64 index arrays index by their values: negative ones from the end, too large ones raise', function () {
    const x = np.arange(10);
    assert.deepEqual(Array.from(x.getItem(np.array([3, -1, 0, -10], { dtype: 'int64' })).values as BigInt64Array), [3n, 9n, 0n, 0n]);
    // 2^32 + 5 is not 5 (its low word): out of bounds.
    assert.throws(() => x.getItem(np.array([2 ** 32 + 5], { dtype: 'int64' })), /index 4294967301 is out of bounds for axis 0 with size 10/);
    assert.throws(() => x.getItem(np.array([-(2 ** 32)], { dtype: 'int64' })), /out of bounds/);
    assert.deepEqual(Array.from(asNumbers(BigInt64Array.from(EDGES)) as Float64Array), EDGES.map(Number));
    assert.deepEqual(Array.from(asNumbers(BigUint64Array.from(EDGES.map((v) => BigInt.asUintN(64, v)))) as Float64Array), EDGES.map((v) => Number(BigInt.asUintN(64, v))));
  });

  it('gathers move every element\'s bits (NaN payloads, int64 words, bytes)', function () {
    const nanBits = new Float64Array(new BigUint64Array([0x7ff8000000000123n, 0xfff0000000000001n]).buffer);
    const sources: [DType, Float64Array | BigInt64Array | Uint8Array | Int16Array | Float32Array][] = [
      ['float64', Float64Array.of(1.5, nanBits[0], -0, nanBits[1])], ['int64', BigInt64Array.from(EDGES.slice(0, 4))],
      ['bool', Uint8Array.of(1, 0, 1, 1)], ['int16', Int16Array.of(-3, 300, 7, -32768)], ['float32', Float32Array.of(1, -0, 3, NaN)],
    ];
    const indices = Int32Array.of(3, 0, 2, 2, 1);
    for (const [dtype, src] of sources) {
      const got = gather(src, [2, 2], indices.map((i) => i % 2), 1, dtype);
      // The expected bytes element by element, never read as values (which could quiet a NaN).
      const size = src.BYTES_PER_ELEMENT, all = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
      const want = [0, 1].flatMap((o) => Array.from(indices).flatMap((i) => Array.from(all.subarray((o * 2 + (i % 2)) * size, (o * 2 + (i % 2) + 1) * size))));
      assert.deepEqual(Array.from(new Uint8Array(got.buffer, got.byteOffset, got.byteLength)), want, dtype);
    }
  });

  it('arange of int64 writes the words of each value, negative steps and the 2^53 edge included', function () {
    for (const [start, stop, step] of [[-7, 9, 3], [5, -20, -4], [2 ** 53 - 10, 2 ** 53, 3], [-(2 ** 40), -(2 ** 40) + 50, 7]]) {
      const got = np.arange(start, stop, step).values as BigInt64Array;
      const want: bigint[] = [];
      for (let v = start; step > 0 ? v < stop : v > stop; v += step) want.push(BigInt(v));
      assert.deepEqual(Array.from(got), want, `arange(${start}, ${stop}, ${step})`);
    }
    assert.equal((np.arange(3) as Tensor).dt, 'int64');
  });

  it('a bool mask picks the true elements, whatever their pattern', function () {
    for (const pattern of [(i: number) => i % 3 === 0, () => false, () => true, (i: number) => i > 990]) {
      const x = np.arange(1000);
      const mask = np.array(Array.from({ length: 1000 }, (_, i) => pattern(i)));
      const want = Array.from({ length: 1000 }, (_, i) => i).filter(pattern).map(BigInt);
      assert.deepEqual(Array.from(x.getItem(mask).values as BigInt64Array), want);
    }
  });
});
