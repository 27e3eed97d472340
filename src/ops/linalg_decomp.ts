// Matrix decompositions and what is built on them, batched over leading axes: linear solves (and
// the inverse), determinants (LU), Cholesky, QR, SVD, the symmetric eigenproblem and the
// pseudo-inverse. Each primitive runs a kernel of kernels/decomp.ts per matrix and states its JVP
// and VJP with other primitives (solves, matmuls, elementwise ops), so every order of derivative
// works; the standard results are those of JAX's lax.linalg (Murray 2016 for Cholesky, the QR,
// SVD and eigh JVPs) and their transposes. A decomposition with several results returns one packed
// tensor [...batch, size] (the results flattened and concatenated), unpacked by slices, because a
// primitive has one output; tangents and cotangents travel packed the same way.
//
// Float32 matrices are factorized in float64 and the results rounded once (NumPy calls float32
// LAPACK; the results agree to float32 precision), except that whether a float32 matrix is exactly
// singular or positive definite is decided in float32 arithmetic, as float32 LAPACK decides it.
// The signs of eigenvectors and singular vectors are those the Jacobi kernels give, not
// necessarily LAPACK's (neither library defines them); QR's are LAPACK's.
import * as K from '../kernels/decomp.js';
import type { DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { eye as eyeTensor, full, zeros } from '../tensor/create.js';
import { bind, definePrimitive, type Primitive } from '../core/primitive.js';
import { result } from './result.js';
import { allBatchFirst, batchFirst, broadcastToDims, reshapeTo, stopGradient } from './structural.js';
import { add, div, equal, exp, greater, log, mul, neg, sub, where } from './arith.js';
import { cast } from './cast.js';
import { sum } from './reductions.js';
import { concat, matrixTranspose as T, sliceAxis, transpose, broadcastShapes } from './shape.js';
import { matmulP } from './linalg.js';
import { LinAlgError, NotDifferentiableError } from './errors.js';

// ---------------------------------------------------------------- helpers (tracer-safe: ops only)

const prod = (d: readonly number[]) => d.reduce((p, x) => p * x, 1);
const mm = (a: Tensor, b: Tensor, ta = false, tb = false): Tensor => bind(matmulP, [a, b], { ta, tb });
const lastTwo = (x: Tensor): [number, number] => [x.dims[x.dims.length - 2], x.dims[x.dims.length - 1]];
const batchOf = (x: Tensor, core: number) => x.dims.slice(0, x.dims.length - core);

const eyeLike = (n: number, like: Tensor): Tensor => eyeTensor(n, n, like.dt, like.flavor);

/** A constant [r, c] mask of `like`'s dtype: 1 where keep(i, j), else 0 (broadcasts over batches). */
function mask(r: number, c: number, like: Tensor, keep: (i: number, j: number) => number): Tensor {
  const m = zeros([r, c], like.dt, like.flavor);
  const d = m.values as Float32Array | Float64Array;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) d[i * c + j] = keep(i, j);
  return m;
}

/** The lower triangle (j <= i + k) of a batch of matrices, as a product with a mask (differentiable). */
export function trilOf(x: Tensor, k = 0): Tensor {
  const [r, c] = lastTwo(x);
  return mul(x, mask(r, c, x, (i, j) => (j - i <= k ? 1 : 0)));
}

export function triuOf(x: Tensor, k = 0): Tensor {
  const [r, c] = lastTwo(x);
  return mul(x, mask(r, c, x, (i, j) => (j - i >= k ? 1 : 0)));
}

/** The diagonal of each matrix [..., n, n] -> [..., n]. */
export function diagPart(x: Tensor): Tensor {
  const [r] = lastTwo(x);
  return sum(mul(x, eyeLike(r, x)), -1);
}

/** Diagonal matrices from vectors [..., n] -> [..., n, n]. */
export function diagEmbed(v: Tensor): Tensor {
  const n = v.dims[v.dims.length - 1];
  return mul(reshapeTo(v, [...v.dims, 1]), eyeLike(n, v));
}

/** The trace of each matrix. */
const trace = (x: Tensor) => sum(diagPart(x), -1);

/** A row vector [..., 1, k] and a column vector [..., k, 1] of v [..., k]. */
const asRow = (v: Tensor) => reshapeTo(v, [...v.dims.slice(0, -1), 1, v.dims[v.dims.length - 1]]);
const asCol = (v: Tensor) => reshapeTo(v, [...v.dims, 1]);

/** Flattened results concatenated along a new last axis (the packed layout). */
function pack(parts: readonly Tensor[], batch: readonly number[]): Tensor {
  const flat = parts.map((p) => reshapeTo(p, [...batch, prod(p.dims.slice(batch.length))]));
  return flat.length === 1 ? flat[0] : concat(flat, batch.length);
}

/** Unpacks `shapes` (each without the batch) from a packed tensor. */
function unpack(packed: Tensor, shapes: readonly (readonly number[])[]): Tensor[] {
  const batch = packed.dims.slice(0, -1);
  let at = 0;
  return shapes.map((s) => {
    const size = prod(s);
    const part = sliceAxis(packed, batch.length, at, size);
    at += size;
    return reshapeTo(part, [...batch, ...s]);
  });
}

/** Each matrix of x (its last two axes) as a float64 copy, for the kernels. */
function forEachMatrix(x: Tensor, core: number, f: (data: Float64Array, b: number) => void): void {
  const size = prod(x.dims.slice(x.dims.length - core));
  const nb = size === 0 ? prod(batchOf(x, core)) : x.count / size;
  const src = x.values;
  for (let b = 0; b < nb; b++) {
    const m = new Float64Array(size);
    for (let i = 0; i < size; i++) m[i] = Number(src[b * size + i]);
    f(m, b);
  }
}

function output(dt: DType, dims: readonly number[], data: Float64Array, inputs: readonly Tensor[]): Tensor {
  return result(dt, dims, dt === 'float64' ? data : Float32Array.from(data), inputs);
}

const batchUnary = <P>(prim: () => Primitive<P>) => ([x]: Tensor[], [d]: (number | null)[], p: P): [Tensor, number] =>
  [bind(prim(), [batchFirst(x, d!)], p), 0];

// ---------------------------------------------------------------- solve (LU)

/**
 * LU of one matrix. For float32, exact singularity is decided in float32 arithmetic (as float32
 * LAPACK decides it: [[1,2,3],[4,5,6],[7,8,9]] is singular in float32, not in float64), while the
 * factors the values come from are float64's, rounded once at the end; a matrix float32 finds
 * singular keeps its float32 factors (so results are the inf/NaN LAPACK gives).
 */
function factorize(m: Float64Array, n: number, piv: Int32Array, f32: boolean): K.LuResult & { r: K.Rounding } {
  if (f32) {
    const copy = Float64Array.from(m);
    const r32 = K.luFactor(copy, n, piv, Math.fround);
    if (r32.info !== 0) {
      m.set(copy);
      return { ...r32, r: Math.fround };
    }
  }
  return { ...K.luFactor(m, n, piv), r: K.rounding(false) };
}

export interface SolveParams {
  /** Raise LinAlgError for an exactly singular matrix (else the result holds inf/NaN, as in JAX). */
  check: boolean;
}

/** X = A⁻¹ B for A [..., n, n] and B [..., n, k] with the same batch dims. */
export const solveP: Primitive<SolveParams> = definePrimitive<SolveParams>({
  name: 'linalg_solve',
  saves: { inputs: [0], out: true },
  impl: ([a, b], p) => {
    const n = a.dims[a.dims.length - 1], k = b.dims[b.dims.length - 1];
    const out = new Float64Array(b.count);
    const piv = new Int32Array(n);
    const bv = b.values;
    forEachMatrix(a, 2, (lu, i) => {
      const { info, r } = factorize(lu, n, piv, a.dt === 'float32');
      if (info !== 0 && p.check) throw new LinAlgError('singular', info, i, a.dims.length > 2);
      const x = out.subarray(i * n * k, (i + 1) * n * k);
      for (let j = 0; j < n * k; j++) x[j] = Number(bv[i * n * k + j]);
      K.luSolve(lu, n, piv, x, k, r);
    });
    return output(a.dt, b.dims, out, [a, b]);
  },
  jvp: ([a, b], [ta, tb], x, p) => {
    let rhs: Tensor | null = tb;
    if (ta !== null) {
      const t = mm(ta, x);
      rhs = rhs === null ? neg(t) : sub(rhs, t);
    }
    return bind(solveP, [a, rhs!], p);
  },
  vjp: ([a], x, p) => (ct, need) => {
    const gb = bind(solveP, [T(a), ct], p);
    return [need[0] ? neg(mm(gb, x, false, true)) : null, need[1] ? gb : null];
  },
  batch: ([a, b], [da, db], p) => {
    if (da === null && a.dims.length === 2) {
      // One matrix against a batch of right-hand sides: the batch folds into the columns.
      const bb = batchFirst(b, db!);
      if (bb.dims.length === 3) {
        const [nb, n, k] = bb.dims;
        const wide = reshapeTo(transpose(bb, [1, 0, 2]), [n, nb * k]);
        return [reshapeTo(bind(solveP, [a, wide], p), [n, nb, k]), 1];
      }
    }
    const [a1, b1] = allBatchFirst([a, b], [da, db]);
    return [bind(solveP, [a1, b1], p), 0];
  },
});

/** A⁻¹ B with the batch dims of a and b broadcast (b is a batch of matrices [..., n, k]). */
export function solve(a: Tensor, b: Tensor, check = true): Tensor {
  const ba = batchOf(a, 2), bb = batchOf(b, 2);
  const batch = broadcastShapes(ba, bb);
  const a1 = broadcastToDims(a, [...batch, ...lastTwo(a)]), b1 = broadcastToDims(b, [...batch, ...lastTwo(b)]);
  return bind(solveP, [a1, b1], { check });
}

export function inv(a: Tensor, check = true): Tensor {
  const n = a.dims[a.dims.length - 1];
  return bind(solveP, [a, broadcastToDims(eyeLike(n, a), a.dims)], { check });
}

// ---------------------------------------------------------------- determinants

/** (sign, log|det|) of each matrix, packed [..., 2]; a singular matrix gives (0, -inf). */
export const slogdetP: Primitive<void> = definePrimitive<void>({
  name: 'slogdet',
  saves: { inputs: [0] },
  impl: ([a]) => {
    const n = a.dims[a.dims.length - 1];
    const batch = batchOf(a, 2);
    const out = new Float64Array(prod(batch) * 2);
    const piv = new Int32Array(n);
    forEachMatrix(a, 2, (lu, i) => {
      const { info, parity } = factorize(lu, n, piv, a.dt === 'float32');
      let s = parity, l = 0;
      for (let j = 0; j < n; j++) {
        const d = lu[j * n + j];
        if (d < 0) s = -s;
        l += Math.log(Math.abs(d));
      }
      if (info !== 0) { s = 0; l = -Infinity; }
      if (Number.isNaN(l)) s = NaN;
      out[2 * i] = s; out[2 * i + 1] = l;
    });
    return output(a.dt, [...batch, 2], out, [a]);
  },
  jvp: ([a], [ta]) => {
    const dl = trace(bind(solveP, [a, ta!], { check: false }));
    return pack([zeros(dl.dims, dl.dt, dl.flavor), dl], dl.dims);
  },
  vjp: ([a]) => (ct) => {
    const [, cl] = unpack(ct, [[], []]);
    return [mul(T(inv(a, false)), asCol(asCol(cl)))];
  },
  batch: batchUnary(() => slogdetP),
});

export function slogdet(a: Tensor): [Tensor, Tensor] {
  const [s, l] = unpack(bind(slogdetP, [a], undefined), [[], []]);
  return [s, l];
}

/** det as the product of the LU diagonal (LAPACK's and PyTorch's way). */
export const detP: Primitive<void> = definePrimitive<void>({
  name: 'det',
  saves: { inputs: [0], out: true },
  impl: ([a]) => {
    const n = a.dims[a.dims.length - 1];
    const batch = batchOf(a, 2);
    const out = new Float64Array(prod(batch));
    const piv = new Int32Array(n);
    forEachMatrix(a, 2, (lu, i) => {
      const { parity, r } = factorize(lu, n, piv, a.dt === 'float32');
      let d = 1;
      for (let j = 0; j < n; j++) d = r(d * lu[j * n + j]);
      out[i] = parity * d;
    });
    return output(a.dt, batch, out, [a]);
  },
  jvp: ([a], [ta], det) => mul(det, trace(bind(solveP, [a, ta!], { check: false }))),
  vjp: ([a], det) => (ct) => [mul(T(inv(a, false)), asCol(asCol(mul(ct, det))))],
  batch: batchUnary(() => detP),
});

export const det = (a: Tensor): Tensor => bind(detP, [a], undefined);

/** det as sign · exp(log|det|) (NumPy's and, for n > 3, JAX's way). */
export function detFromSlogdet(a: Tensor): Tensor {
  const [s, l] = slogdet(a);
  return mul(s, exp(l));
}

// ---------------------------------------------------------------- symmetric input

/**
 * The symmetric matrix a decomposition of a symmetric matrix reads: 'sym' averages a with its
 * transpose (JAX's symmetrize_input); 'L' / 'U' mirror one triangle (LAPACK's UPLO) while the
 * derivative is that of the symmetrized matrix, so gradients come out symmetric as the libraries'.
 */
export function symmetricInput(a: Tensor, uplo: 'sym' | 'L' | 'U'): Tensor {
  const s = mul(add(a, T(a)), 0.5);
  if (uplo === 'sym') return s;
  const tri = uplo === 'L' ? add(trilOf(a), T(trilOf(a, -1))) : add(triuOf(a), T(triuOf(a, 1)));
  return add(s, stopGradient(sub(tri, s)));
}

// ---------------------------------------------------------------- Cholesky

export interface CholeskyParams {
  /** Raise LinAlgError when a matrix is not positive definite (else its factor is all NaN, as in JAX). */
  check: boolean;
}

/** Phi: the lower triangle with the diagonal halved (Murray 2016). */
const phi = (x: Tensor): Tensor => {
  const [n] = lastTwo(x);
  return mul(x, mask(n, n, x, (i, j) => (j < i ? 1 : j === i ? 0.5 : 0)));
};

/** L with A = L Lᵀ for symmetric A (its lower triangle is read); rules assume symmetric tangents. */
export const choleskyP: Primitive<CholeskyParams> = definePrimitive<CholeskyParams>({
  name: 'cholesky',
  saves: { out: true },
  impl: ([a], p) => {
    const n = a.dims[a.dims.length - 1];
    const out = new Float64Array(a.count);
    forEachMatrix(a, 2, (m, i) => {
      const l = out.subarray(i * n * n, (i + 1) * n * n);
      // Float32: positive definiteness decided in float32 arithmetic, the factor from float64's.
      let info = K.cholesky(m, n, l, K.rounding(a.dt === 'float32'));
      if (info === 0 && a.dt === 'float32') info = K.cholesky(m, n, l);
      if (info !== 0) {
        if (p.check) throw new LinAlgError('not_positive_definite', info, i, a.dims.length > 2);
        l.fill(NaN);
      }
    });
    return output(a.dt, a.dims, out, [a]);
  },
  jvp: (_a, [ta], l, p) => {
    // dL = L Φ(L⁻¹ dA L⁻ᵀ)
    const x = T(bind(solveP, [l, T(bind(solveP, [l, ta!], p))], p));
    return mm(l, phi(x));
  },
  vjp: (_a, l, p) => (ct) => {
    // Ā = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹, the transpose of the JVP's map.
    const lt = T(l);
    const inner = phi(mm(l, ct, true));
    return [T(bind(solveP, [lt, T(bind(solveP, [lt, inner], p))], p))];
  },
  batch: batchUnary(() => choleskyP),
});

export const cholesky = (a: Tensor, check = true): Tensor => bind(choleskyP, [a], { check });

// ---------------------------------------------------------------- QR

export interface QrParams {
  /** Q is m×m and R m×n (else Q m×k, R k×n, k = min(m, n)). */
  complete: boolean;
  /** The library's error when this QR is differentiated (PyTorch's mode='r'). */
  nondiff?: { name: string; message: string };
}

function qrShapes(m: number, n: number, complete: boolean): [number[], number[]] {
  const q = complete ? m : Math.min(m, n);
  return [[m, q], [q, n]];
}

function qrDiffCheck(a: Tensor, p: QrParams): void {
  if (p.nondiff) throw new NotDifferentiableError(p.nondiff.name, p.nondiff.message);
  const [m, n] = lastTwo(a);
  if (m < n || (p.complete && m !== n)) throw new NotDifferentiableError('NotImplementedError', 'Unimplemented case of QR decomposition derivative');
}

/** Householder QR, Q and R packed; differentiable for m >= n (reduced, or complete when square). */
export const qrP: Primitive<QrParams> = definePrimitive<QrParams>({
  name: 'qr',
  saves: { out: true },
  impl: ([a], p) => {
    const [m, n] = lastTwo(a);
    const [qs, rs] = qrShapes(m, n, p.complete);
    const batch = batchOf(a, 2);
    const qn = prod(qs), rn = prod(rs), size = qn + rn;
    const out = new Float64Array(prod(batch) * size);
    forEachMatrix(a, 2, (x, i) => {
      const o = i * size;
      K.householderQr(x, m, n, p.complete, out.subarray(o, o + qn), out.subarray(o + qn, o + size));
    });
    return output(a.dt, [...batch, size], out, [a]);
  },
  jvp: ([a], [ta], out, p) => {
    qrDiffCheck(a, p);
    const [m, n] = lastTwo(a);
    const [q, r] = unpack(out, qrShapes(m, n, p.complete));
    const dx = ta!;
    // dA R⁻¹ = (R⁻ᵀ dAᵀ)ᵀ; C = Qᵀ dA R⁻¹; Ω = tril(C, −1) − tril(C, −1)ᵀ (JAX's qr_jvp_rule).
    const dxRinv = T(bind(solveP, [T(r), T(dx)], { check: false }));
    const c = mm(q, dxRinv, true);
    const low = trilOf(c, -1);
    const omega = sub(low, T(low));
    const dq = add(mm(q, sub(omega, c)), dxRinv);
    const dr = mm(sub(c, omega), r);
    return pack([dq, dr], batchOf(a, 2));
  },
  vjp: ([a], out, p) => {
    qrDiffCheck(a, p);
    const [m, n] = lastTwo(a);
    const shapes = qrShapes(m, n, p.complete);
    return (ct) => {
      const [q, r] = unpack(out, shapes);
      const [gq, gr] = unpack(ct, shapes);
      // M = R̄ Rᵀ − Qᵀ Q̄; N = triu(M) + tril(Mᵀ, −1); Ā = (Q̄ + Q N) R⁻ᵀ.
      const mt = sub(mm(gr, r, false, true), mm(q, gq, true));
      const nn = add(triuOf(mt), trilOf(T(mt), -1));
      const z = add(gq, mm(q, nn));
      return [T(bind(solveP, [r, T(z)], { check: false }))];
    };
  },
  batch: batchUnary(() => qrP),
});

/**
 * Q and R of each matrix. For m < n the factorization is that of the leading square block
 * extended by Qᵀ times the remaining columns, which is what Householder QR computes, and which
 * makes it differentiable like the square case.
 */
export function qr(a: Tensor, complete: boolean, nondiff?: QrParams['nondiff']): [Tensor, Tensor] {
  const [m, n] = lastTwo(a);
  if (m < n && !nondiff) {
    const rank = a.dims.length;
    const x = sliceAxis(a, rank - 1, 0, m), y = sliceAxis(a, rank - 1, m, n - m);
    const [q, u] = unpack(bind(qrP, [x], { complete: false }), qrShapes(m, m, false));
    return [q, concat([u, mm(q, y, true)], rank - 1)];
  }
  const [q, r] = unpack(bind(qrP, [a], { complete, nondiff }), qrShapes(m, n, complete));
  return [q, r];
}

// ---------------------------------------------------------------- SVD

export interface SvdParams {
  /** Compute U and Vh (packed U, S, Vh); else S alone. */
  uv: boolean;
  /** U is m×m and Vh n×n. */
  full: boolean;
  /**
   * Derivatives of full U/Vh: 'narrow' treats the columns beyond min(m, n) as constant (PyTorch's
   * svd_backward narrows them away); an error is the library's refusal (JAX refuses any full SVD).
   */
  fullGrad: 'narrow' | { name: string; message: string };
}

function svdShapes(m: number, n: number, p: SvdParams): number[][] {
  const k = Math.min(m, n);
  if (!p.uv) return [[k]];
  return [[m, p.full ? m : k], [k], [p.full ? n : k, n]];
}

/** F_ij = 1 / (x_j − x_i) off the diagonal, 0 on it, for x [..., k] (from squared or plain values). */
function reciprocalGaps(x: Tensor): Tensor {
  const k = x.dims[x.dims.length - 1];
  const e = eyeLike(k, x);
  return sub(div(1, add(sub(asRow(x), asCol(x)), e)), e);
}

/**
 * F ∘ X where a zero of X gives 0 even if F is infinite there: the cotangent of unused singular
 * vectors or eigenvectors is zero, and repeated values (F infinite) must not make the derivative
 * of the values alone NaN (JAX skips symbolic zeros, PyTorch the undefined gradients).
 */
const gapMul = (F: Tensor, X: Tensor) => where(equal(X, 0), 0, mul(F, X));
/** X / s with the same rule (zero singular values, zero cotangents). */
const gapDiv = (X: Tensor, s: Tensor) => where(equal(X, 0), 0, div(X, s));

/** The reduced U, S, V (V = Vhᵀ, n×k) inside a packed full or reduced SVD. */
function reducedFactors(out: Tensor, m: number, n: number, p: SvdParams): [Tensor, Tensor, Tensor] {
  const k = Math.min(m, n);
  const [u, s, vh] = unpack(out, svdShapes(m, n, p));
  const rank = out.dims.length + 1;
  const ur = p.full && m !== k ? sliceAxis(u, rank - 1, 0, k) : u;
  const vhr = p.full && n !== k ? sliceAxis(vh, rank - 2, 0, k) : vh;
  return [ur, s, T(vhr)];
}

function svdDiffCheck(p: SvdParams): void {
  if (p.uv && p.full && p.fullGrad !== 'narrow') throw new NotDifferentiableError(p.fullGrad.name, p.fullGrad.message);
}

/** Pads a reduced U tangent [.., m, k] (or Vh tangent [.., k, n]) to the full size with zeros. */
function padFull(t: Tensor, axis: number, full: number): Tensor {
  const have = t.dims[axis];
  if (have === full) return t;
  const dims = t.dims.slice();
  dims[axis] = full - have;
  return concat([t, zeros(dims, t.dt, t.flavor)], axis);
}

export const svdP: Primitive<SvdParams> = definePrimitive<SvdParams>({
  name: 'svd',
  saves: { inputs: [0], out: true },
  impl: ([a], p) => {
    const [m, n] = lastTwo(a);
    const shapes = svdShapes(m, n, p);
    const sizes = shapes.map(prod);
    const size = sizes.reduce((x, y) => x + y, 0);
    const batch = batchOf(a, 2);
    const out = new Float64Array(prod(batch) * size);
    forEachMatrix(a, 2, (x, i) => {
      const r = K.svd(x, m, n, p.uv, p.full);
      const o = i * size;
      if (!p.uv) { out.set(r.s, o); return; }
      out.set(r.u, o);
      out.set(r.s, o + sizes[0]);
      out.set(r.vh, o + sizes[0] + sizes[1]);
    });
    return output(a.dt, [...batch, size], out, [a]);
  },
  jvp: ([a], [ta], out, p) => {
    svdDiffCheck(p);
    const [m, n] = lastTwo(a);
    const batch = batchOf(a, 2);
    const dA = ta!;
    const full = p.uv ? out : bind(svdP, [a], { uv: true, full: false, fullGrad: p.fullGrad });
    const [u, s, v] = reducedFactors(full, m, n, p.uv ? p : { ...p, uv: true, full: false });
    const dS = mm(mm(u, dA, true), v);
    const ds = diagPart(dS);
    if (!p.uv) return ds;
    // JAX's svd_jvp_rule (real case).
    const sRow = asRow(s), sCol = asCol(s);
    const F = reciprocalGaps(mul(s, s));
    const dSS = mul(dS, sRow), SdS = mul(sCol, dS);
    let dU = mm(u, mul(F, add(dSS, T(dSS))));
    let dV = mm(v, mul(F, add(SdS, T(SdS))));
    if (m > n) {
      const dAV = mm(dA, v);
      dU = add(dU, div(sub(dAV, mm(u, mm(u, dAV, true))), sRow));
    }
    if (n > m) {
      const dAHU = mm(dA, u, true);
      dV = add(dV, div(sub(dAHU, mm(v, mm(v, dAHU, true))), sRow));
    }
    const rank = a.dims.length;
    const dVh = T(dV);
    return pack(p.full ? [padFull(dU, rank - 1, m), ds, padFull(dVh, rank - 2, n)] : [dU, ds, dVh], batch);
  },
  vjp: ([a], out, p) => {
    svdDiffCheck(p);
    const [m, n] = lastTwo(a);
    return (ct) => {
      if (!p.uv) {
        const [u, , v] = reducedFactors(bind(svdP, [a], { uv: true, full: false, fullGrad: p.fullGrad }), m, n, { ...p, uv: true, full: false });
        return [mm(mul(u, asRow(ct)), v, false, true)];
      }
      const [u, s, v] = reducedFactors(out, m, n, p);
      const [gu, gs, gv] = reducedFactors(ct, m, n, p);
      const sRow = asRow(s), sCol = asCol(s);
      const F = reciprocalGaps(mul(s, s));
      const J = gapMul(F, mm(u, gu, true)), Kt = gapMul(F, mm(v, gv, true));
      // G = diag(S̄) + (J + Jᵀ) Σ + Σ (K + Kᵀ); Ā = U G Vᵀ (+ the parts outside U's or V's span).
      const G = add(add(diagEmbed(gs), mul(add(J, T(J)), sRow)), mul(sCol, add(Kt, T(Kt))));
      let ga = mm(mm(u, G), v, false, true);
      if (m > n) ga = add(ga, mm(gapDiv(sub(gu, mm(u, mm(u, gu, true))), sRow), v, false, true));
      if (n > m) ga = add(ga, mm(u, gapDiv(sub(gv, mm(v, mm(v, gv, true))), sRow), false, true));
      return [ga];
    };
  },
  batch: batchUnary(() => svdP),
});

/** U, S, Vh (uv) or [S]. */
export function svd(a: Tensor, opts: { full: boolean; uv: boolean; fullGrad?: SvdParams['fullGrad'] }): Tensor[] {
  const [m, n] = lastTwo(a);
  const p: SvdParams = { uv: opts.uv, full: opts.uv && opts.full, fullGrad: opts.fullGrad ?? 'narrow' };
  return unpack(bind(svdP, [a], p), svdShapes(m, n, p));
}

// ---------------------------------------------------------------- symmetric eigenproblem

/** Eigenvalues (ascending) and eigenvectors (columns) of symmetric matrices, packed [w, V]. */
export const eighP: Primitive<void> = definePrimitive<void>({
  name: 'eigh',
  saves: { out: true },
  impl: ([a]) => {
    const n = a.dims[a.dims.length - 1];
    const batch = batchOf(a, 2);
    const size = n + n * n;
    const out = new Float64Array(prod(batch) * size);
    forEachMatrix(a, 2, (x, i) => {
      const o = i * size;
      K.symmetricEigen(x, n, out.subarray(o, o + n), out.subarray(o + n, o + size));
    });
    return output(a.dt, [...batch, size], out, [a]);
  },
  jvp: ([a], [ta], out) => {
    // JAX's eigh_jvp_rule: M = Vᵀ dA V, dw = diag(M), dV = V (F ∘ M).
    const n = a.dims[a.dims.length - 1];
    const [w, v] = unpack(out, [[n], [n, n]]);
    const M = mm(mm(v, ta!, true), v);
    return pack([diagPart(M), mm(v, mul(reciprocalGaps(w), M))], batchOf(a, 2));
  },
  vjp: ([a], out) => {
    const n = a.dims[a.dims.length - 1];
    return (ct) => {
      const [w, v] = unpack(out, [[n], [n, n]]);
      const [gw, gv] = unpack(ct, [[n], [n, n]]);
      // Ā = V (diag(w̄) + F ∘ (Vᵀ V̄)) Vᵀ
      const inner = add(diagEmbed(gw), gapMul(reciprocalGaps(w), mm(v, gv, true)));
      return [mm(mm(v, inner), v, false, true)];
    };
  },
  batch: batchUnary(() => eighP),
});

export function eigh(a: Tensor): [Tensor, Tensor] {
  const n = a.dims[a.dims.length - 1];
  const [w, v] = unpack(bind(eighP, [a], undefined), [[n], [n, n]]);
  return [w, v];
}

// ---------------------------------------------------------------- pseudo-inverse

export interface PinvParams {
  /** Singular values at or below max(atol, rtol·σ_max) count as zero. */
  rtol: number;
  atol: number;
}

/**
 * The Moore–Penrose pseudo-inverse. Its derivative is Golub & Pereyra's (1973), as JAX's and
 * PyTorch's pinv use, valid where the rank does not change.
 */
export const pinvP: Primitive<PinvParams> = definePrimitive<PinvParams>({
  name: 'pinv',
  saves: { inputs: [0], out: true },
  impl: ([a], p) => {
    const [m, n] = lastTwo(a);
    const batch = batchOf(a, 2);
    const out = new Float64Array(prod(batch) * m * n);
    forEachMatrix(a, 2, (x, i) => K.pinv(x, m, n, p.rtol, p.atol, out.subarray(i * m * n, (i + 1) * m * n)));
    return output(a.dt, [...batch, n, m], out, [a]);
  },
  jvp: ([a], [ta], pi) => {
    // dP = −P dA P + P Pᵀ dAᵀ (I − A P) + (I − P A) dAᵀ Pᵀ P
    const dA = ta!;
    const t1 = neg(mm(mm(pi, dA), pi));
    const ppt = mm(pi, pi, false, true);
    const x2 = mm(ppt, dA, false, true);
    const t2 = sub(x2, mm(mm(x2, a), pi));
    const x3 = mm(dA, mm(pi, pi, true), true);
    const t3 = sub(x3, mm(pi, mm(a, x3)));
    return add(add(t1, t2), t3);
  },
  vjp: ([a], pi) => (ct) => {
    // Ā = −Pᵀ P̄ Pᵀ + (I − A P) P̄ᵀ P Pᵀ + Pᵀ P P̄ᵀ (I − P A)
    const t1 = neg(mm(mm(pi, ct, true), pi, false, true));
    const y2 = mm(ct, mm(pi, pi, false, true), true);
    const t2 = sub(y2, mm(a, mm(pi, y2)));
    const y3 = mm(mm(pi, pi, true), ct, false, true);
    const t3 = sub(y3, mm(mm(y3, pi), a));
    return [add(add(t1, t2), t3)];
  },
  batch: batchUnary(() => pinvP),
});

export const pinv = (a: Tensor, rtol: number, atol = 0): Tensor => bind(pinvP, [a], { rtol, atol });

// ---------------------------------------------------------------- built on the above

/** A integer power of square matrices by repeated squaring (negative powers invert first). */
export function matrixPower(a: Tensor, n: number, check = true): Tensor {
  const size = a.dims[a.dims.length - 1];
  // n = 0: the identity, still a (zero-derivative) function of a, as PyTorch's copy is.
  if (n === 0) return where(full(a.dims, true, 'bool', a.flavor), broadcastToDims(eyeLike(size, a), a.dims), a);
  let x = n < 0 ? inv(a, check) : a;
  let k = Math.abs(n);
  if (k === 1) return x;
  let acc: Tensor | null = null;
  for (;;) {
    if (k & 1) acc = acc === null ? x : mm(acc, x);
    k >>>= 1;
    if (k === 0) break;
    x = mm(x, x);
  }
  return acc!;
}

/**
 * The least-squares solution of A X = B (B [..., m, k]) as pinv(A) B with singular values at or
 * below rcond·σ_max cut off, with the residuals' sum of squares, the rank and the singular values.
 */
export function lstsq(a: Tensor, b: Tensor, rcond: number): { x: Tensor; residuals: Tensor; rank: Tensor; s: Tensor } {
  const [s] = svd(a, { full: false, uv: false });
  const x = mm(pinv(a, rcond), b);
  const r = sub(mm(a, x), b);
  const residuals = sum(mul(r, r), -2);
  const rank = sum(cast(greater(s, mul(stopGradient(sliceAxis(s, s.dims.length - 1, 0, Math.min(1, s.dims[s.dims.length - 1]))), rcond)), 'int32'), -1);
  return { x, residuals, rank, s };
}

/** log|det| for matrices known to be positive definite, from the Cholesky factor. */
export function logdetPd(a: Tensor, check = true): Tensor {
  return mul(2, sum(log(diagPart(cholesky(a, check))), -1));
}
