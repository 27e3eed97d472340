// Dense matrix decompositions as plain loops over one row-major Float64Array matrix at a time
// (the ops loop over the batch): LU with partial pivoting (LAPACK's getrf), Cholesky (potrf,
// lower), Householder QR (geqr2 + org2r, LAPACK's reflector convention so R's signs agree with
// LAPACK), the SVD by one-sided Jacobi (Hestenes; singular values descending), the symmetric
// eigenproblem by cyclic Jacobi (eigenvalues ascending) and the pseudo-inverse from the SVD.
// Float32 matrices are computed in float64 and the results rounded once; LU and Cholesky can also
// round every intermediate to float32, which the callers use to decide exact singularity and
// positive definiteness as float32 LAPACK does.
//
// Signs of singular vectors and eigenvectors are whatever the Jacobi rotations give: like
// LAPACK's, they are not defined by the decomposition and may differ from LAPACK's choice.

/** Where an LU factorization met its first exactly zero pivot (1-based), 0 if none. */
export interface LuResult {
  info: number;
  /** +1 or -1: the parity of the row interchanges. */
  parity: number;
}

/** Rounds each intermediate to float32 (`f32`) or leaves float64 arithmetic as it is. */
export type Rounding = (x: number) => number;
const exact: Rounding = (x) => x;
export const rounding = (f32: boolean): Rounding => (f32 ? Math.fround : exact);

/**
 * In-place LU with partial pivoting of the n×n matrix `a` (P A = L U, unit L below the diagonal,
 * U on and above it). `piv[k]` is the row swapped with row k. As LAPACK's getrf: the column is
 * scaled by the pivot's reciprocal, and a zero pivot is recorded and skipped so the factorization
 * completes. `r` rounds every intermediate (float32 matrices are factorized in float32 arithmetic,
 * as float32 LAPACK does, so exactly singular float32 matrices are found as such).
 */
export function luFactor(a: Float64Array, n: number, piv: Int32Array, r: Rounding = exact): LuResult {
  let info = 0, parity = 1;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) { best = v; p = i; }
    }
    piv[k] = p;
    const pivot = a[p * n + k];
    if (pivot !== 0) {
      if (p !== k) {
        parity = -parity;
        for (let j = 0; j < n; j++) { const t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t; }
      }
      const inv = r(1 / pivot);
      for (let i = k + 1; i < n; i++) a[i * n + k] = r(a[i * n + k] * inv);
    } else if (info === 0) info = k + 1;
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k];
      if (l === 0) continue;
      const ri = i * n, rk = k * n;
      for (let j = k + 1; j < n; j++) a[ri + j] = r(a[ri + j] - r(l * a[rk + j]));
    }
  }
  return { info, parity };
}

/** Solves A X = B in place in `b` (n×k, row-major) from luFactor's result (a zero pivot gives inf/NaN). */
export function luSolve(lu: Float64Array, n: number, piv: Int32Array, b: Float64Array, k: number, r: Rounding = exact): void {
  for (let i = 0; i < n; i++) {
    const p = piv[i];
    if (p !== i) for (let j = 0; j < k; j++) { const t = b[i * k + j]; b[i * k + j] = b[p * k + j]; b[p * k + j] = t; }
  }
  for (let i = 1; i < n; i++) {
    for (let m = 0; m < i; m++) {
      const l = lu[i * n + m];
      if (l === 0) continue;
      for (let j = 0; j < k; j++) b[i * k + j] = r(b[i * k + j] - r(l * b[m * k + j]));
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let m = i + 1; m < n; m++) {
      const u = lu[i * n + m];
      if (u === 0) continue;
      for (let j = 0; j < k; j++) b[i * k + j] = r(b[i * k + j] - r(u * b[m * k + j]));
    }
    const d = lu[i * n + i];
    for (let j = 0; j < k; j++) b[i * k + j] = r(b[i * k + j] / d);
  }
}

/**
 * Cholesky factor L (lower, A = L Lᵀ) of the n×n matrix in `a`, reading its lower triangle, written
 * to `out` (zeros above the diagonal), every intermediate rounded by `r`. Returns the order of the
 * first leading minor that is not positive definite (LAPACK's info), 0 on success; on failure
 * `out` is left partly written.
 */
export function cholesky(a: Float64Array, n: number, out: Float64Array, r: Rounding = exact): number {
  out.fill(0);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d = r(d - r(out[j * n + k] * out[j * n + k]));
    if (!(d > 0)) return j + 1;
    const ljj = r(Math.sqrt(d));
    out[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s = r(s - r(out[i * n + k] * out[j * n + k]));
      out[i * n + j] = r(s / ljj);
    }
  }
  return 0;
}

/** sqrt(Σ x²) of x[off], x[off + stride], ... (count values) without overflow or underflow. */
function norm2(x: Float64Array, off: number, stride: number, count: number): number {
  let scale = 0;
  for (let i = 0; i < count; i++) scale = Math.max(scale, Math.abs(x[off + i * stride]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < count; i++) { const v = x[off + i * stride] / scale; s += v * v; }
  return scale * Math.sqrt(s);
}

/**
 * Householder QR of the m×n matrix `a` (LAPACK's dgeqr2 and dorg2r): Q is m×q (q = min(m, n), or m
 * for the complete factorization), R is q×n upper triangular. Each reflector is LAPACK's dlarfg:
 * β = −sign(α)·‖x‖, so R's diagonal has the signs LAPACK gives; a column already zero below the
 * diagonal gets no reflection.
 */
export function householderQr(a: Float64Array, m: number, n: number, complete: boolean, q: Float64Array, r: Float64Array): void {
  const w = Float64Array.from(a);
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const tmp = new Float64Array(Math.max(m, n));
  for (let j = 0; j < k; j++) {
    const alpha = w[j * n + j];
    const xnorm = norm2(w, (j + 1) * n + j, n, m - j - 1);
    if (xnorm === 0) { tau[j] = 0; continue; }
    const h = Math.hypot(alpha, xnorm);
    const beta = alpha >= 0 || Object.is(alpha, 0) ? -h : h;
    tau[j] = (beta - alpha) / beta;
    const scal = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) w[i * n + j] *= scal;
    w[j * n + j] = beta;
    // Apply H = I − τ v vᵀ (v = [1; w[j+1:, j]]) to the trailing columns.
    for (let c = j + 1; c < n; c++) {
      let s = w[j * n + c];
      for (let i = j + 1; i < m; i++) s += w[i * n + j] * w[i * n + c];
      tmp[c] = s * tau[j];
    }
    for (let c = j + 1; c < n; c++) {
      const t = tmp[c];
      if (t === 0) continue;
      w[j * n + c] -= t;
      for (let i = j + 1; i < m; i++) w[i * n + c] -= w[i * n + j] * t;
    }
  }
  const qc = complete ? m : k;
  // R: the upper triangle of the first qc rows.
  for (let i = 0; i < qc; i++) for (let c = 0; c < n; c++) r[i * n + c] = i < m && c >= i ? w[i * n + c] : 0;
  // Q = H_0 H_1 ... H_{k-1} applied to the first qc columns of the identity, last reflector first.
  q.fill(0);
  for (let i = 0; i < Math.min(m, qc); i++) q[i * qc + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const t = tau[j];
    if (t === 0) continue;
    for (let c = j; c < qc; c++) {
      let s = q[j * qc + c];
      for (let i = j + 1; i < m; i++) s += w[i * n + j] * q[i * qc + c];
      s *= t;
      if (s === 0) continue;
      q[j * qc + c] -= s;
      for (let i = j + 1; i < m; i++) q[i * qc + c] -= w[i * n + j] * s;
    }
  }
}

const EPS = 2 ** -52;
const MAX_SWEEPS = 80;

/**
 * Completes the orthonormal columns `cols` (each a Float64Array of length p; null where missing)
 * with unit vectors orthogonal to all the others: for each missing column, the standard basis
 * vector with the largest part orthogonal to what is there, orthogonalized twice.
 */
function complete(cols: (Float64Array | null)[], p: number): Float64Array[] {
  const have = cols.filter((c): c is Float64Array => c !== null);
  const out = cols.slice();
  for (let j = 0; j < out.length; j++) {
    if (out[j] !== null) continue;
    let best: Float64Array | null = null, bestNorm = -1;
    for (let e = 0; e < p; e++) {
      const v = new Float64Array(p);
      v[e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (const c of have) {
          let d = 0;
          for (let i = 0; i < p; i++) d += c[i] * v[i];
          for (let i = 0; i < p; i++) v[i] -= d * c[i];
        }
      }
      const nv = norm2(v, 0, 1, p);
      if (nv > bestNorm + 1e-12) { best = v; bestNorm = nv; }
    }
    const v = best!;
    for (let i = 0; i < p; i++) v[i] /= bestNorm;
    out[j] = v;
    have.push(v);
  }
  return out as Float64Array[];
}

export interface SvdOut {
  /** m×ucols, row-major (ucols = k, or m when full). */
  u: Float64Array;
  /** k = min(m, n) values, descending. */
  s: Float64Array;
  /** vrows×n, row-major (vrows = k, or n when full). */
  vh: Float64Array;
}

/**
 * The SVD of the m×n matrix `a` by one-sided Jacobi: the columns of G = A (or Aᵀ when m < n) are
 * rotated pairwise until every pair is orthogonal to working precision (G V = U Σ). Accurate to a
 * small multiple of ε‖A‖ in the singular values, and to high relative accuracy for well-scaled
 * matrices. `uv` false leaves u and vh empty. Non-finite input gives NaN everywhere.
 */
export function svd(a: Float64Array, m: number, n: number, uv: boolean, full: boolean): SvdOut {
  const k = Math.min(m, n);
  const ucols = full ? m : k, vrows = full ? n : k;
  const out: SvdOut = { u: new Float64Array(uv ? m * ucols : 0), s: new Float64Array(k), vh: new Float64Array(uv ? vrows * n : 0) };
  if (k === 0) {
    if (uv) {
      for (let i = 0; i < Math.min(m, ucols); i++) out.u[i * ucols + i] = 1;
      for (let i = 0; i < Math.min(n, vrows); i++) out.vh[i * n + i] = 1;
    }
    return out;
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      out.u.fill(NaN); out.s.fill(NaN); out.vh.fill(NaN);
      return out;
    }
  }
  // Scaled to a largest entry of 1, so that the squared norms neither overflow nor underflow.
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0) scale = 1;
  const tall = m >= n;
  const p = tall ? m : n, q = tall ? n : m;
  // g[j] is column j of G (length p); v[j] column j of the accumulated rotations (length q).
  const g: Float64Array[] = [], v: Float64Array[] = [];
  for (let j = 0; j < q; j++) {
    const col = new Float64Array(p);
    for (let i = 0; i < p; i++) col[i] = (tall ? a[i * n + j] : a[j * n + i]) / scale;
    g.push(col);
    const e = new Float64Array(q);
    e[j] = 1;
    v.push(e);
  }
  const tol = EPS * Math.sqrt(p);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let j = 0; j < q - 1; j++) {
      for (let l = j + 1; l < q; l++) {
        const gj = g[j], gl = g[l];
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < p; i++) { const x = gj[i], y = gl[i]; alpha += x * x; beta += y * y; gamma += x * y; }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), s = c * t;
        for (let i = 0; i < p; i++) { const x = gj[i], y = gl[i]; gj[i] = c * x - s * y; gl[i] = s * x + c * y; }
        const vj = v[j], vl = v[l];
        for (let i = 0; i < q; i++) { const x = vj[i], y = vl[i]; vj[i] = c * x - s * y; vl[i] = s * x + c * y; }
      }
    }
    if (!rotated) break;
  }
  const norms = g.map((c) => norm2(c, 0, 1, p));
  const order = norms.map((_, i) => i).sort((x, y) => norms[y] - norms[x] || x - y);
  for (let i = 0; i < k; i++) out.s[i] = norms[order[i]] * scale;
  if (!uv) return out;
  // Left vectors (of G) for the nonzero singular values; the rest completed to an orthonormal set.
  const big = norms[order[0]];
  const left: (Float64Array | null)[] = new Array<Float64Array | null>(tall ? ucols : vrows).fill(null);
  for (let i = 0; i < k; i++) {
    const sv = norms[order[i]];
    if (sv === 0 || sv <= big * EPS * 1e-3) continue;
    const col = g[order[i]];
    const w = new Float64Array(p);
    for (let r = 0; r < p; r++) w[r] = col[r] / sv;
    left[i] = w;
  }
  const leftDone = complete(left, p);
  // Right vectors (of G): the rotation columns, reordered (q of them, all of them when full).
  const right = order.map((j) => v[j]);
  // G = A: U from the left vectors, V from the rotations; G = Aᵀ: the other way round.
  const uCols = tall ? leftDone : right, vCols = tall ? right : leftDone;
  for (let j = 0; j < ucols; j++) { const c = uCols[j]; for (let i = 0; i < m; i++) out.u[i * ucols + j] = c[i]; }
  for (let j = 0; j < vrows; j++) { const c = vCols[j]; for (let i = 0; i < n; i++) out.vh[j * n + i] = c[i]; }
  return out;
}

/**
 * Eigenvalues (ascending, in `w`) and eigenvectors (columns of the n×n `vecs`) of the symmetric
 * matrix whose lower triangle is in `a`, by cyclic Jacobi rotations (Rutishauser's formulas).
 * Non-finite input gives NaN everywhere.
 */
export function symmetricEigen(a: Float64Array, n: number, w: Float64Array, vecs: Float64Array): void {
  const A = new Float64Array(n * n);
  let finite = true, scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = a[i * n + j];
      if (!Number.isFinite(x)) finite = false;
      scale = Math.max(scale, Math.abs(x));
    }
  }
  if (!finite) { w.fill(NaN); vecs.fill(NaN); return; }
  // Scaled to a largest entry of 1 (no overflow or underflow in the rotations), scaled back at the end.
  if (scale === 0) scale = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = a[i * n + j] / scale;
      A[i * n + j] = x;
      A[j * n + i] = x;
    }
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p], aqq = A[q * n + q];
        if (Math.abs(apq) <= EPS * Math.sqrt(Math.abs(app * aqq)) && Math.abs(apq) <= EPS * (Math.abs(app) + Math.abs(aqq))) {
          A[p * n + q] = 0; A[q * n + p] = 0;
          continue;
        }
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const arp = A[r * n + p], arq = A[r * n + q];
          const np = c * arp - s * arq, nq = s * arp + c * arq;
          A[r * n + p] = np; A[p * n + r] = np;
          A[r * n + q] = nq; A[q * n + r] = nq;
        }
        A[p * n + p] = app - t * apq;
        A[q * n + q] = aqq + t * apq;
        A[p * n + q] = 0; A[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          const vp = V[r * n + p], vq = V[r * n + q];
          V[r * n + p] = c * vp - s * vq;
          V[r * n + q] = s * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => A[x * n + x] - A[y * n + y] || x - y);
  for (let j = 0; j < n; j++) {
    const o = order[j];
    w[j] = A[o * n + o] * scale;
    for (let r = 0; r < n; r++) vecs[r * n + j] = V[r * n + o];
  }
}

/**
 * The pseudo-inverse (n×m) of the m×n matrix `a` from its SVD: singular values at or below
 * max(atol, rtol·σ_max) count as zero.
 */
export function pinv(a: Float64Array, m: number, n: number, rtol: number, atol: number, out: Float64Array): void {
  const k = Math.min(m, n);
  const { u, s, vh } = svd(a, m, n, true, false);
  out.fill(0);
  if (k === 0) return;
  const cutoff = Math.max(atol, rtol * s[0]);
  for (let l = 0; l < k; l++) {
    if (!(s[l] > cutoff)) continue;
    const inv = 1 / s[l];
    for (let i = 0; i < n; i++) {
      const vi = vh[l * n + i] * inv;
      if (vi === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += vi * u[j * k + l];
    }
  }
  if (Number.isNaN(s[0])) out.fill(NaN);
}
