// Small tensor storage is cut from shared blocks (src/tensor/dtype.ts): every part must be zeroed,
// aligned for its element size and disjoint from every other, across block boundaries and dtypes.
import assert from 'node:assert/strict';
import { allocate, allocateUnfilled, type DType } from '../../src/tensor/dtype.js';
import { ops, Tensor } from '../../src/index.js';

const DTYPES: DType[] = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'bfloat16', 'float32', 'float64'];

describe('small storage from shared blocks', function () {
  it('hands out zeroed, aligned, disjoint parts of every dtype and size, across many blocks', function () {
    const parts: { a: ArrayLike<number | bigint> & { [i: number]: number | bigint; byteOffset: number; BYTES_PER_ELEMENT: number; buffer: ArrayBufferLike }; mark: number }[] = [];
    let mark = 0;
    for (let round = 0; round < 40; round++) {
      for (const dtype of DTYPES) {
        for (const size of [1, 16, 17, 33, 100, 255, 512, 1023, 1024, 1025]) {
          // allocateUnfilled promises no zeros (large ones are not filled): only allocate's are checked.
          const filled = round % 2 === 1;
          const a = (filled ? allocate(dtype, size) : allocateUnfilled(dtype, size)) as unknown as (typeof parts)[number]['a'];
          assert.equal(a.length, size);
          assert.equal(a.byteOffset % a.BYTES_PER_ELEMENT, 0, `${dtype}[${size}] aligned`);
          if (filled) for (let i = 0; i < size; i++) assert.ok(a[i] === 0 || a[i] === 0n, `${dtype}[${size}] zeroed at ${i}`);
          mark = (mark % 100) + 1;
          for (let i = 0; i < size; i++) a[i] = typeof a[i] === 'bigint' ? BigInt(mark) : mark;
          parts.push({ a, mark });
        }
      }
    }
    // Had two parts overlapped, the later one's marks would show in the earlier one.
    for (const { a, mark: m } of parts) for (let i = 0; i < a.length; i++) assert.ok(a[i] === m || a[i] === BigInt(m));
  });

  it('keeps results of small ops apart: in-place writes to one leave the others alone', function () {
    const x = new Tensor('float32', [100], Float32Array.from({ length: 100 }, (_, i) => i), 'numpy');
    const ys = Array.from({ length: 300 }, (_, k) => ops.add(x, k));
    for (const y of ys) (y.values as Float32Array).fill(-1, 0, 1);
    ys.forEach((y, k) => {
      const v = y.values as Float32Array;
      assert.equal(v[0], -1);
      for (let i = 1; i < 100; i++) assert.equal(v[i], i + k);
    });
  });
});
