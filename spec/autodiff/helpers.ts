// Shared helpers for the autodiff specs: float32 comparisons, tolerances, a seeded generator.
import assert from 'node:assert/strict';
import { Tensor } from '../../src/index.js';
import { PyFloat } from '../../src/tensor/scalars.js';

export type Nested = number | Nested[];

export function list(t: unknown): Nested {
  assert.ok(t instanceof Tensor, `expected a Tensor, got ${String(t)}`);
  return nested(t as Tensor);
}

/** A tensor's values as nested JS numbers, whatever its library (a TensorFlow tensor has no tolist). */
export function nested(t: Tensor): Nested {
  const v = Array.from(t.values as ArrayLike<number | bigint>, Number);
  const build = (d: number, off: number): Nested => {
    if (d === t.dims.length) return v[off];
    const stride = t.dims.slice(d + 1).reduce((p, x) => p * x, 1);
    return Array.from({ length: t.dims[d] }, (_, i) => build(d + 1, off + i * stride));
  };
  return build(0, 0);
}

/** Python floats (boxed Numbers) and ints (bigints) as plain JS numbers, recursively. */
export function plain(x: unknown): Nested {
  if (Array.isArray(x)) return x.map(plain);
  return Number(x as number);
}

export function flat(x: unknown): number[] {
  if (x instanceof Tensor) return Array.from(x.values as ArrayLike<number | bigint>, Number);
  if (Array.isArray(x)) return x.flatMap(flat);
  return [Number(x as number)];
}

/** Exact float32 equality with the value as printed by the document (shortest round-trip text). */
export function assertF32(actual: unknown, printed: Nested, what = 'value'): void {
  const a = flat(actual);
  const e = flat(printed).map(Math.fround);
  assert.equal(a.length, e.length, `${what}: ${a.length} elements, expected ${e.length}`);
  a.forEach((v, i) => assert.equal(v, e[i], `${what}[${i}]: ${v} !== float32(${flat(printed)[i]})`));
}

/** |a − e| <= atol + rtol·|e| elementwise. */
export function assertClose(actual: unknown, expected: unknown, rtol = 1e-5, atol = 1e-5, what = 'value'): void {
  const a = flat(actual);
  const e = flat(expected);
  assert.equal(a.length, e.length, `${what}: ${a.length} elements, expected ${e.length}`);
  a.forEach((v, i) => {
    const ok = Math.abs(v - e[i]) <= atol + rtol * Math.abs(e[i]) || (Number.isNaN(v) && Number.isNaN(e[i]));
    assert.ok(ok, `${what}[${i}]: ${v} vs ${e[i]} (|diff| ${Math.abs(v - e[i])}, atol ${atol}, rtol ${rtol})`);
  });
}

export function dims(t: unknown): number[] {
  assert.ok(t instanceof Tensor);
  return [...(t as Tensor).dims];
}

/** Mulberry32: a small seeded generator for reproducible random inputs. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Python float literals in TypeScript: `tf.constant(F([1., 2.]))` is Python's `tf.constant([1., 2.])`
 * (in TypeScript `1.` is the number 1, an int to the libraries; cells rewrite such literals themselves).
 */
export function F<T>(x: T): T {
  if (Array.isArray(x)) return x.map(F) as T;
  return (typeof x === 'number' ? new PyFloat(x) : x) as T;
}
