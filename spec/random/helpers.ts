// Fixture loading and bit-level comparison for the random-engine specs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/spec/random -> repo root is three levels up; the fixtures stay in the source tree. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(repoRoot, 'spec', 'fixtures', 'random', name), 'utf8')) as T;
}

type Arr = ArrayLike<number | bigint> & { buffer?: ArrayBufferLike };

/** The fixtures' encoding of an array: hex bit patterns for floats, decimal strings for integers. */
export function encode(a: Arr): (string | number)[] {
  if (a instanceof Float32Array) return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length), (v) => v.toString(16).padStart(8, '0'));
  if (a instanceof Float64Array) return Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length), (v) => v.toString(16).padStart(16, '0'));
  return Array.from(a, (v) => String(v));
}

export function sha256(a: ArrayBufferView): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
}

/** Distance in units in the last place between two encoded floats (same sign assumed). */
function ulps(a: string, b: string): bigint {
  const d = BigInt('0x' + a) - BigInt('0x' + b);
  return d < 0n ? -d : d;
}

/**
 * Bit-for-bit equality, except at `libm` indices (values behind a glibc call that is not correctly
 * rounded): those may differ by at most 2 units in the last place, and there must be few of them.
 */
export function assertBits(got: Arr, expected: (string | number)[], where: string, libm: number[] = [], isBool = false): void {
  const enc = isBool ? Array.from(got, (v) => Number(v)) : encode(got);
  assert.equal(enc.length, expected.length, `${where}: length`);
  assert.ok(libm.length <= Math.max(3, expected.length / 20), `${where}: ${libm.length} values flagged as libm-dependent`);
  const loose = new Set(libm);
  for (let i = 0; i < expected.length; i++) {
    if (enc[i] === expected[i]) continue;
    if (loose.has(i) && typeof expected[i] === 'string' && ulps(String(enc[i]), String(expected[i])) <= 2n) continue;
    assert.fail(`${where}: element ${i} is ${enc[i]}, expected ${expected[i]}${loose.has(i) ? ' (libm-flagged, off by more than 2 ulp)' : ''}`);
  }
}

export const big = (v: number | string): bigint => BigInt(v);
export const num = (v: number | string): number => Number(v);

/** The shortest decimal that reads back as the same float32 (what NumPy prints for float32). */
function shortestF32(v: number): string {
  for (let p = 1; p <= 9; p++) {
    const t = v.toPrecision(p);
    if (Math.fround(Number(t)) === v) return String(Number(t));
  }
  return String(v);
}

/**
 * A float32 value against the text the docs print for it. Array and tensor reprs use NumPy's
 * 'maxprec' mode: the shortest round-tripping digits, cut to at most 8 decimals. Values whose shortest
 * form fits in 8 decimals are thereby pinned bit for bit; smaller ones to their 8th decimal.
 */
export function assertPrinted(got: ArrayLike<number>, printed: number[], where: string): void {
  assert.equal(got.length, printed.length, `${where}: length`);
  for (let i = 0; i < printed.length; i++) {
    const s = shortestF32(got[i]);
    const decimals = (s.split('.')[1] ?? '').length;
    const text = decimals <= 8 ? s : got[i].toFixed(8);
    assert.equal(Number(text), printed[i], `${where}: element ${i} is ${got[i]} (printed ${text}), the docs print ${printed[i]}`);
  }
}
