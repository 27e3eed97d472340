// Small assertions shared by the runtime specs.
import assert from 'node:assert/strict';
import type { Tensor, DType } from '../../src/index.js';

/** The flat values of a tensor as JS numbers (int64 via Number, bools as 0/1). */
export function vals(t: Tensor): number[] {
  return Array.from(t.values as ArrayLike<number | bigint>, (v) => Number(v));
}

/** Asserts dtype, dims and exact flat values. */
export function check(t: Tensor, dtype: DType, dims: readonly number[], values: readonly (number | bigint | boolean)[]): void {
  assert.equal(t.dt, dtype, `dtype`);
  assert.deepEqual([...t.dims], [...dims], `dims`);
  if (dtype === 'int64') {
    assert.ok(t.values instanceof BigInt64Array, 'int64 storage is a BigInt64Array');
    assert.deepEqual(Array.from(t.values), values.map((v) => BigInt(v as number | bigint)));
  } else {
    assert.deepEqual(vals(t), values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v))));
  }
}

/** Asserts values within an absolute/relative tolerance. */
export function close(t: Tensor, values: readonly number[], tol = 1e-6): void {
  const got = vals(t);
  assert.equal(got.length, values.length, `length ${got.length} vs ${values.length}`);
  got.forEach((g, i) => {
    const w = values[i];
    if (Number.isNaN(w)) assert.ok(Number.isNaN(g), `element ${i}: ${g} vs NaN`);
    else assert.ok(g === w || Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)), `element ${i}: ${g} vs ${w}`);
  });
}

export const f32 = (xs: readonly number[]) => xs.map(Math.fround);
