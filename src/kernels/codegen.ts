// Specialised elementwise loops, generated once per (operation, pattern) and cached: a loop with the
// operation's expression inlined stays monomorphic, where one shared loop calling a closure per
// element would not (tfjs-cpu's cost; see PERFORMANCE.md).
import { roundBfloat16, roundFloat16, type TensorData } from '../tensor/dtype.js';

type Loop = (...args: unknown[]) => void;
const cache = new Map<string, Loop>();

/** Functions an expression may call as `H.name(...)`, for what one expression cannot say. */
export const H = {
  /** Rounding on store for the narrow floats (float16 computes through float32, as NumPy's half loops do). */
  r16: roundFloat16,
  rb16: roundBfloat16,
  /** Integer power by squaring, exact in its low 32 bits (what the store keeps); negative powers give 0. */
  ipow(a: number, b: number): number {
    if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
    let r = 1, x = a | 0, e = b;
    while (e > 0) {
      if (e & 1) r = Math.imul(r, x);
      x = Math.imul(x, x);
      e = Math.floor(e / 2);
    }
    return r;
  },
  /** Python's float floor division: consistent with the floored modulo (1.0 // 0.1 == 9.0). */
  floordiv(a: number, b: number): number {
    if (b === 0) return a / b;
    const mod = a % b;
    let div = (a - mod) / b;
    if (mod !== 0 && (b < 0) !== (mod < 0)) div -= 1;
    if (div === 0) return 0 * (a / b);
    const fl = Math.floor(div);
    return div - fl > 0.5 ? fl + 1 : fl;
  },
};

function compile(key: string, params: string[], body: string): Loop {
  let f = cache.get(key);
  if (!f) {
    f = new Function('H', `"use strict"; return function (${params.join(', ')}) {\n${body}\n};`)(H) as Loop;
    cache.set(key, f);
  }
  return f;
}

/** out[i] = expr(a) over n contiguous elements. `expr` uses `a`. */
// `variant` names the storage types a loop is for: each gets its own function object, so its
// element accesses stay monomorphic.
export function unaryLoop(expr: string, variant = ''): (a: TensorData, out: TensorData, n: number) => void {
  return compile(`u:${variant}:${expr}`, ['A', 'O', 'n'], `for (let i = 0; i < n; i++) { const a = A[i]; O[i] = ${expr}; }`) as never;
}

/** out[i] = expr(a, b) for same-shaped contiguous inputs, or with one side a single element. */
export function binaryLoop(expr: string, pattern: 'same' | 'scalarB' | 'scalarA', variant = ''): (a: TensorData, b: TensorData, out: TensorData, n: number) => void {
  const load =
    pattern === 'same' ? 'const a = A[i], b = B[i];' : pattern === 'scalarB' ? 'const a = A[i];' : 'const b = B[i];';
  const pre = pattern === 'scalarB' ? 'const b = B[0];' : pattern === 'scalarA' ? 'const a = A[0];' : '';
  return compile(`b:${pattern}:${variant}:${expr}`, ['A', 'B', 'O', 'n'], `${pre} for (let i = 0; i < n; i++) { ${load} O[i] = ${expr}; }`) as never;
}

/**
 * The general broadcasting loop: walks the output in row-major order keeping one offset per input,
 * with the innermost axis as a tight strided loop (no index arrays per element).
 */
export function broadcastLoop(expr: string, variant = ''): (
  a: TensorData, b: TensorData, out: TensorData, dims: readonly number[], sa: readonly number[], sb: readonly number[],
) => void {
  return compile(
    `bb:${variant}:${expr}`,
    ['A', 'B', 'O', 'dims', 'sa', 'sb'],
    `const nd = dims.length;
     const last = nd - 1, n = dims[last], ia = sa[last], ib = sb[last];
     const idx = new Array(nd).fill(0);
     let total = 1; for (let d = 0; d < nd; d++) total *= dims[d];
     let pa = 0, pb = 0, o = 0;
     while (o < total) {
       let ka = pa, kb = pb;
       for (let j = 0; j < n; j++) { const a = A[ka], b = B[kb]; O[o++] = ${expr}; ka += ia; kb += ib; }
       let d = last - 1;
       while (d >= 0) {
         idx[d]++; pa += sa[d]; pb += sb[d];
         if (idx[d] < dims[d]) break;
         pa -= sa[d] * dims[d]; pb -= sb[d] * dims[d]; idx[d] = 0; d--;
       }
       if (d < 0) break;
     }`,
  ) as never;
}

/** The three-input broadcasting loop (where). */
export function ternaryLoop(expr: string, variant = ''): (
  c: TensorData, a: TensorData, b: TensorData, out: TensorData, dims: readonly number[],
  sc: readonly number[], sa: readonly number[], sb: readonly number[],
) => void {
  return compile(
    `t:${variant}:${expr}`,
    ['C', 'A', 'B', 'O', 'dims', 'sc', 'sa', 'sb'],
    `const nd = dims.length;
     let total = 1; for (let d = 0; d < nd; d++) total *= dims[d];
     if (nd === 0) { const c = C[0], a = A[0], b = B[0]; O[0] = ${expr}; return; }
     const last = nd - 1, n = dims[last], ic = sc[last], ia = sa[last], ib = sb[last];
     const idx = new Array(nd).fill(0);
     let pc = 0, pa = 0, pb = 0, o = 0;
     while (o < total) {
       let kc = pc, ka = pa, kb = pb;
       for (let j = 0; j < n; j++) { const c = C[kc], a = A[ka], b = B[kb]; O[o++] = ${expr}; kc += ic; ka += ia; kb += ib; }
       let d = last - 1;
       while (d >= 0) {
         idx[d]++; pc += sc[d]; pa += sa[d]; pb += sb[d];
         if (idx[d] < dims[d]) break;
         pc -= sc[d] * dims[d]; pa -= sa[d] * dims[d]; pb -= sb[d] * dims[d]; idx[d] = 0; d--;
       }
       if (d < 0) break;
     }`,
  ) as never;
}
