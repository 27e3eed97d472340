// Linear algebra on the decompositions of ops.linalg: inv, solve, det, slogdet, logdet, cholesky,
// qr, svd, svdvals, eigh, eigvalsh, matrix_power, pinv, lstsq, matrix_transpose, as np.linalg
// (NumPy 1.24: plain tuples), jnp.linalg (JAX 0.4: SlogdetResult, EighResult, QRResult,
// SVDResult), torch.linalg and the older torch names (torch.return_types) and tf.linalg. Each
// library's conversions (NumPy computes integers in float64, JAX in its default float, PyTorch and
// TensorFlow refuse them), shape checks, failure behaviour (NumPy, PyTorch and TensorFlow raise for
// singular and non positive definite matrices, JAX returns inf/NaN) and wording are applied here;
// the derivative conventions (a symmetric gradient for symmetric inputs) are the libraries'.
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { NamedTuple, tuple } from '../../tensor/pytuple.js';
import type { DType } from '../../tensor/dtype.js';
import { castTo, finish, tensorOf } from '../kinds.js';
import { InvalidArgumentError, pyError } from '../errors.js';
import type { Library } from '../lib/library.js';
import { row, type Args, type OpRow } from './types.js';

const L = ops.linalg;
const pyShape = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;
const TORCH_DT: Partial<Record<DType, string>> = { int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', float16: 'Half', float32: 'Float', float64: 'Double' };
const TF_DT: Partial<Record<DType, string>> = { int64: 'int64', int32: 'int32', int16: 'int16', int8: 'int8', uint8: 'uint8', bool: 'bool' };
const matrixDims = (t: Tensor): [number, number] => [t.dims[t.dims.length - 2], t.dims[t.dims.length - 1]];

/** How one function is named by each library (for its errors). */
interface Names {
  torch: string;
  tf: string;
  /** JAX's shape error for a non-square or low-rank input. */
  jax: (dims: readonly number[]) => Error;
}

const jaxSquare = (what: string) => (d: readonly number[]) => pyError('ValueError', `Argument to ${what} must have shape [..., n, n], got ${pyShape(d)}`);

/** The float matrix (or batch of them) a function computes on, after the library's checks. */
function matrixInput(lib: Library, x: unknown, names: Names, square = true): Tensor {
  const t = tensorOf(lib, x);
  const nd = t.dims.length;
  const [m, n] = nd >= 2 ? matrixDims(t) : [0, 0];
  switch (lib.name) {
    case 'numpy':
      if (nd < 2) throw pyError('LinAlgError', `${nd}-dimensional array given. Array must be at least two-dimensional`);
      if (square && m !== n) throw pyError('LinAlgError', 'Last 2 dimensions of the array must be square');
      if (t.dt === 'float16') throw pyError('TypeError', 'array type float16 is unsupported in linalg');
      return ops.isFloatDtype(t.dt) ? t : ops.cast(t, 'float64');
    case 'torch':
      if (nd < 2) throw pyError('RuntimeError', `${names.torch}: The input tensor A must have at least 2 dimensions.`);
      if (square && m !== n) throw pyError('RuntimeError', `${names.torch}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
      if (!ops.isFloatDtype(t.dt)) throw pyError('RuntimeError', `${names.torch}: Expected a floating point or complex tensor as input. Got ${TORCH_DT[t.dt] ?? t.dt}`);
      return t;
    case 'tensorflow':
      if (!ops.isFloatDtype(t.dt)) throw tfDtypeError(t.dt, names.tf);
      if (nd < 2) throw new InvalidArgumentError(`Input tensor 0 must have rank >= 2, got ${nd} [Op:${names.tf}]`);
      if (square && m !== n) throw new InvalidArgumentError(`Input matrix must be square. [Op:${names.tf}]`);
      return t;
    default:
      if (nd < 2 || (square && m !== n)) throw names.jax(t.dims);
      return castTo(t, lib.floatOf(t.dt, 'linalg'));
  }
}

/** TensorFlow's refusal of a dtype its linear algebra kernels do not have (NodeDef details left out). */
function tfDtypeError(dt: DType, kernel: string): Error {
  return new InvalidArgumentError(`Value for attr 'T' of ${TF_DT[dt] ?? dt} is not in the list of allowed values: double, float, half, complex64, complex128\n\t; NodeDef: {{node ${kernel}}} [Op:${kernel}]`);
}

/** Whether the library raises for singular / non positive definite matrices (JAX returns inf/NaN). */
const raises = (lib: Library) => lib.name !== 'jax';

/** Runs `f`, wording a decomposition failure as the library does. */
function worded<T>(lib: Library, names: Names, kind: 'inv' | 'solve' | 'cholesky', f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ops.LinAlgError)) throw e;
    const batch = e.batched ? `(Batch element ${e.batch}): ` : '';
    switch (lib.name) {
      case 'torch':
        if (e.kind === 'not_positive_definite') {
          throw pyError('_LinAlgError', `${names.torch}: ${batch}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${e.index} is not positive-definite).`);
        }
        if (kind === 'solve') throw pyError('_LinAlgError', `torch.linalg.solve: ${batch}The solver failed because the input matrix is singular.`);
        throw pyError('_LinAlgError', `${names.torch}: ${batch}The diagonal element ${e.index} is zero, the inversion could not be completed because the input matrix is singular.`);
      case 'tensorflow':
        if (e.kind === 'not_positive_definite') throw new InvalidArgumentError(`Cholesky decomposition was not successful. The input might not be valid. [Op:${names.tf}]`);
        throw new InvalidArgumentError(`${kind === 'solve' ? 'Input matrix is not invertible.' : 'Input is not invertible.'} [Op:${names.tf}]`);
      default:
        throw pyError('LinAlgError', e.message);
    }
  }
}

const INV: Names = { torch: 'linalg.inv', tf: 'MatrixInverse', jax: (d) => pyError('ValueError', `Argument to inv must have shape [..., n, n], got ${pyShape(d)}.`) };
const SOLVE: Names = { torch: 'linalg.solve', tf: 'MatrixSolve', jax: () => pyError('ValueError', 'solve') };
const DET: Names = { torch: 'linalg.det', tf: 'MatrixDeterminant', jax: jaxSquare('_det()') };
// JAX's own text (its f-string prefix is missing in the source).
const SLOGDET: Names = { torch: 'linalg.slogdet', tf: 'LogMatrixDeterminant', jax: () => pyError('ValueError', 'Argument to slogdet() must have shape [..., n, n], got {a_shape}') };
const CHOLESKY: Names = { torch: 'linalg.cholesky', tf: 'Cholesky', jax: (d) => d.length < 2 ? pyError('ValueError', `matrix_transpose requres at least 2 dimensions; got ndim=${d.length}`) : pyError('TypeError', `add got incompatible shapes for broadcasting: ${pyShape(d)}, ${pyShape([...d.slice(0, -2), d[d.length - 1], d[d.length - 2]])}.`) };
const QR: Names = { torch: 'linalg.qr', tf: 'Qr', jax: () => pyError('ValueError', 'Argument to QR decomposition must have ndims >= 2') };
const SVD: Names = { torch: 'linalg.svd', tf: 'Svd', jax: () => pyError('IndexError', 'tuple index out of range') };
const EIGH: Names = { torch: 'linalg.eigh', tf: 'SelfAdjointEigV2', jax: (d) => pyError('ValueError', `Argument to symmetric eigendecomposition must have shape [..., n, n],got shape ${pyShape(d)}`) };
const PINV: Names = { torch: 'linalg.pinv', tf: 'Svd', jax: (d) => pyError('ValueError', `not enough values to unpack (expected 2, got ${d.length})`) };
const POWER: Names = {
  torch: 'linalg.matrix_power', tf: 'MatMul',
  jax: (d) => pyError('TypeError', d.length < 2 ? `${d.length}-dimensional array given. Array must be at least two-dimensional` : 'Last 2 dimensions of the array must be square'),
};

/** A 0-d result of a NumPy linalg function is a NumPy scalar (det, slogdet, norm). */
const done = (lib: Library, t: Tensor, inputs: readonly unknown[]) => finish(lib, t, inputs);

// ---------------------------------------------------------------- solve's right-hand side

/**
 * A⁻¹B with each library's reading of B: NumPy 1.24 takes B as a batch of vectors when its rank is
 * one less than A's, JAX when B is 1-D (or one rank less), PyTorch when B is 1-D or A's batch of
 * vectors, TensorFlow only takes matrices. `left=False` (PyTorch) solves X A = B.
 */
function solveOf(lib: Library, a: Args): Tensor {
  const A0 = tensorOf(lib, a.x), B0 = tensorOf(lib, a.y);
  const sig = (vec: boolean) => (vec ? '(m,m),(m)->(m)' : '(m,m),(m,n)->(m,n)');
  let A: Tensor, B: Tensor;
  switch (lib.name) {
    case 'numpy': {
      A = matrixInput(lib, A0, SOLVE);
      B = ops.isFloatDtype(B0.dt) && B0.dt !== 'float16' ? B0 : ops.cast(B0, 'float64');
      const dt = lib.resultType('solve', [A, B]);
      [A, B] = [castTo(A, dt), castTo(B, dt)];
      const vec = B.dims.length === A.dims.length - 1;
      const name = vec ? 'solve1' : 'solve';
      if (B.dims.length < (vec ? 1 : 2)) throw pyError('ValueError', `${name}: Input operand 1 does not have enough dimensions (has ${B.dims.length}, gufunc core with signature ${sig(vec)} requires ${vec ? 1 : 2})`);
      const n = A.dims[A.dims.length - 1], bn = B.dims[B.dims.length - (vec ? 1 : 2)];
      if (bn !== n) throw pyError('ValueError', `${name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${sig(vec)} (size ${bn} is different from ${n})`);
      return solveShaped(lib, A, B, vec, SOLVE);
    }
    case 'jax': {
      const dt = lib.resultType('solve', [A0, B0]);
      const fdt = lib.floatOf(dt, 'solve');
      A = castTo(A0, fdt); B = castTo(B0, fdt);
      const vec = B.dims.length === 1 || A.dims.length === B.dims.length + 1;
      const context = `on vectorized function with excluded=frozenset() and signature='${sig(vec)}'`;
      const core = (shape: readonly number[], dims: string[]) => pyError('ValueError', `input with shape ${pyShape(shape)} does not have enough dimensions for all core dimensions (${dims.map((d) => `'${d}'`).join(', ')}${dims.length === 1 ? ',' : ''}) ${context}`);
      if (A.dims.length < 2) throw core(A.dims, ['m', 'm']);
      if (B.dims.length < (vec ? 1 : 2)) throw core(B.dims, vec ? ['m'] : ['m', 'n']);
      const [m, n] = matrixDims(A);
      const bm = B.dims[B.dims.length - (vec ? 1 : 2)];
      if (m !== n) throw pyError('ValueError', `inconsistent size for core dimension 'm': ${n} vs ${m} ${context}`);
      if (bm !== m) throw pyError('ValueError', `inconsistent size for core dimension 'm': ${bm} vs ${m} ${context}`);
      return solveShaped(lib, A, B, vec, SOLVE);
    }
    case 'torch': {
      A = matrixInput(lib, A0, SOLVE);
      if (!ops.isFloatDtype(B0.dt)) throw pyError('RuntimeError', `linalg.solve: Expected a floating point or complex tensor as input. Got ${TORCH_DT[B0.dt] ?? B0.dt}`);
      if (A.dt !== B0.dt) throw pyError('RuntimeError', `linalg.solve: Expected A and B to have the same dtype, but found A of type ${TORCH_DT[A.dt]} and B of type ${TORCH_DT[B0.dt]} instead`);
      B = B0;
      const left = a.left ?? true;
      const n = A.dims[A.dims.length - 1];
      const batchA = A.dims.slice(0, -1);
      const vec = B.dims.length === 1 || (B.dims.length === A.dims.length - 1 && B.dims.every((d, i) => d === batchA[i]));
      const Bm = vec ? ops.expandDims(B, left ? -1 : -2) : B;
      const [br, bc] = matrixDims(Bm);
      if ((left ? br : bc) !== n) {
        throw pyError('RuntimeError', `linalg.solve: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${br}x${bc})`);
      }
      if (left) return solveShaped(lib, A, B, vec, SOLVE, 'solve');
      // X A = B  <=>  Aᵀ Xᵀ = Bᵀ
      const xt = worded(lib, SOLVE, 'solve', () => L.solve(ops.matrixTranspose(A), ops.matrixTranspose(Bm), true));
      const x = ops.matrixTranspose(xt);
      return done(lib, vec ? ops.squeeze(x, -2) : x, [A0, B0]);
    }
    default: {
      A = matrixInput(lib, A0, SOLVE);
      if (!ops.isFloatDtype(B0.dt)) throw tfDtypeError(B0.dt, 'MatrixSolve');
      if (B0.dt !== A.dt) throw new InvalidArgumentError(`cannot compute MatrixSolve as input #1(zero-based) was expected to be a ${A.dt === 'float64' ? 'double' : 'float'} tensor but is a ${B0.dt === 'float64' ? 'double' : 'float'} tensor [Op:MatrixSolve]`);
      B = B0;
      if (B.dims.length !== A.dims.length) throw new InvalidArgumentError('All input tensors must have the same rank. [Op:MatrixSolve]');
      if (B.dims.slice(0, -2).some((d, i) => d !== A.dims[i])) throw new InvalidArgumentError('All input tensors must have the same outer dimensions. [Op:MatrixSolve]');
      if (matrixDims(B)[0] !== A.dims[A.dims.length - 1]) throw new InvalidArgumentError('Input matrix and right-hand side must have the same number of rows. [Op:MatrixSolve]');
      const Aa = a.adjoint ? ops.matrixTranspose(A) : A;
      return solveShaped(lib, Aa, B, false, SOLVE, 'solve');
    }
  }
}

function solveShaped(lib: Library, A: Tensor, B: Tensor, vec: boolean, names: Names, kind: 'inv' | 'solve' = 'inv'): Tensor {
  const Bm = vec ? ops.expandDims(B, -1) : B;
  const x = worded(lib, names, lib.name === 'numpy' ? 'inv' : kind, () => L.solve(A, Bm, raises(lib)));
  return done(lib, vec ? ops.squeeze(x, -1) : x, [A, B]);
}

// ---------------------------------------------------------------- symmetric inputs

/** The UPLO argument: 'L' or 'U', else the library's error. */
function uplo(lib: Library, v: unknown): 'L' | 'U' {
  if (v === 'L' || v === 'U') return v;
  if (lib.name === 'torch') throw pyError('RuntimeError', `Expected UPLO argument to be 'L' or 'U', but got ${String(v)}`);
  if (lib.name === 'jax') throw pyError('ValueError', `UPLO must be one of None, 'L', or 'U', got ${String(v)}`);
  throw pyError('ValueError', "UPLO argument must be 'L' or 'U'");
}

/** The symmetric matrix eigh reads: JAX symmetrizes by default, the others read one triangle. */
function eighInput(lib: Library, a: Args): Tensor {
  const x = matrixInput(lib, a.x, EIGH);
  if (lib.name === 'tensorflow') return L.symmetricInput(x, 'L');
  if (lib.name === 'jax') {
    const u = a.UPLO === undefined || a.UPLO === null ? 'L' : uplo(lib, a.UPLO);
    return L.symmetricInput(x, a.symmetrize_input === false ? u : 'sym');
  }
  return L.symmetricInput(x, uplo(lib, a.UPLO ?? 'L'));
}

// ---------------------------------------------------------------- results

const JAX_RESULT: Record<string, readonly string[]> = {
  SlogdetResult: ['sign', 'logabsdet'], EighResult: ['eigenvalues', 'eigenvectors'], QRResult: ['Q', 'R'], SVDResult: ['U', 'S', 'Vh'],
};

function jaxResult(name: keyof typeof JAX_RESULT, items: Tensor[]): NamedTuple<Tensor> {
  return NamedTuple.make(name, JAX_RESULT[name], items);
}

const torchResult = (name: string, fields: readonly string[], items: Tensor[]) => NamedTuple.make(`torch.return_types.${name}`, fields, items);

// ---------------------------------------------------------------- cutoffs

/** Machine epsilon of a float dtype. */
const eps = (dt: DType) => (dt === 'float64' ? 2 ** -52 : dt === 'float16' ? 2 ** -10 : 2 ** -23);

/** A scalar tolerance argument (tensor tolerances per batch element are not supported). */
function scalarTol(v: unknown, what: string): number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Tensor) {
    if (v.count !== 1) throw pyError('NotImplementedError', `${what} given as an array is not supported by Jacobi (a scalar is)`);
    return Number(v.values[0]);
  }
  return Number(v);
}

// ---------------------------------------------------------------- the rows

const SVD_TORCH_FULL = 'narrow' as const;
let warnedCholesky = false;

export const linalgDecompRows: OpRow[] = [
  row({
    name: 'inv', doc: 'Compute the (multiplicative) inverse of a matrix (batched over leading axes).',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, INV);
      const m = a.adjoint ? ops.matrixTranspose(x) : x;
      return done(lib, worded(lib, INV, 'inv', () => L.inv(m, raises(lib))), [a.x]);
    },
    np: 'linalg.inv(a)', jnp: 'linalg.inv(a)', torch: ['linalg.inv(A, *, out=None)', 'inverse(input, *, out=None)'],
    tf: 'linalg.inv(input, adjoint=False, name=None)', rename: { A: 'x' }, methods: { torch: 'inverse()' },
  }),
  row({
    name: 'solve', doc: 'Solve a linear matrix equation, or system of linear scalar equations (a @ x = b).',
    impl: (a, lib) => solveOf(lib, a),
    np: 'linalg.solve(a, b)', jnp: 'linalg.solve(a, b)', torch: 'linalg.solve(A, B, *, left=True, out=None)',
    tf: 'linalg.solve(matrix, rhs, adjoint=False, name=None)', rename: { A: 'x', B: 'y', b: 'y', matrix: 'x', rhs: 'y' },
  }),
  row({
    name: 'det', doc: 'Compute the determinant of an array (batched over leading axes).',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, DET);
      const n = x.dims[x.dims.length - 1];
      if (lib.name === 'numpy') return done(lib, L.detFromSlogdet(x), [a.x]);
      if (lib.name === 'jax') return done(lib, n === 2 || n === 3 ? smallDet(x, n) : L.detFromSlogdet(x), [a.x]);
      return done(lib, L.det(x), [a.x]);
    },
    np: 'linalg.det(a)', jnp: 'linalg.det(a)', torch: ['linalg.det(A, *, out=None)', 'det(input)'], tf: 'linalg.det(input, name=None)',
    rename: { A: 'x' }, methods: { torch: 'det()' },
  }),
  row({
    name: 'slogdet', doc: 'Compute the sign and (natural) logarithm of the determinant of an array.',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, SLOGDET);
      if (lib.name === 'jax' && a.method !== undefined && a.method !== null && a.method !== 'lu' && a.method !== 'qr') {
        throw pyError('ValueError', `Unknown slogdet method '${String(a.method)}'. Supported methods are 'lu' (\`None\`), and 'qr'.`);
      }
      const [s, l] = L.slogdet(x).map((t) => done(lib, t, [a.x]));
      if (lib.name === 'jax') return jaxResult('SlogdetResult', [s, l]);
      if (lib.name === 'torch') return torchResult('linalg_slogdet', ['sign', 'logabsdet'], [s, l]);
      return tuple(s, l);
    },
    np: 'linalg.slogdet(a)', jnp: 'linalg.slogdet(a, *, method=None)', torch: 'linalg.slogdet(A, *, out=None)', tf: 'linalg.slogdet(input, name=None)',
    rename: { A: 'x' },
  }),
  row({
    name: 'slogdet_legacy', doc: 'Compute the sign and natural logarithm of the absolute value of the determinant (torch.slogdet).',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, { ...SLOGDET, torch: 'linalg.slogdet' });
      const [s, l] = L.slogdet(x).map((t) => done(lib, t, [a.x]));
      return torchResult('slogdet', ['sign', 'logabsdet'], [s, l]);
    },
    torch: 'slogdet(input)', methods: { torch: 'slogdet()' },
  }),
  row({
    name: 'logdet', doc: 'Compute the log determinant of a square matrix (NaN for a negative determinant; tf.linalg.logdet: of a positive definite matrix, from its Cholesky factor).',
    impl: (a, lib) => {
      if (lib.name === 'tensorflow') {
        const x = matrixInput(lib, a.x, CHOLESKY);
        return done(lib, worded(lib, CHOLESKY, 'cholesky', () => L.logdetPd(L.symmetricInput(x, 'L'))), [a.x]);
      }
      const x = matrixInput(lib, a.x, { ...DET, torch: 'logdet' });
      const [s, l] = L.slogdet(x);
      // PyTorch: log(det) is NaN for a negative determinant, -inf for a singular matrix.
      return done(lib, ops.where(ops.less(s, 0), NaN, l), [a.x]);
    },
    torch: 'logdet(input)', tf: 'linalg.logdet(matrix, name=None)', methods: { torch: 'logdet()' }, rename: { matrix: 'x' },
  }),
  row({
    name: 'cholesky', doc: 'Cholesky decomposition: the lower triangular L with a = L @ L.T (upper=True: its transpose).',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, CHOLESKY);
      const sym = L.symmetricInput(x, lib.name === 'jax' ? 'sym' : 'L');
      const l = worded(lib, CHOLESKY, 'cholesky', () => L.cholesky(sym, raises(lib)));
      return done(lib, a.upper ? ops.matrixTranspose(l) : l, [a.x]);
    },
    np: 'linalg.cholesky(a)', jnp: 'linalg.cholesky(a, *, upper=False)', torch: 'linalg.cholesky(A, *, upper=False, out=None)',
    tf: 'linalg.cholesky(input, name=None)', rename: { A: 'x' },
  }),
  row({
    name: 'cholesky_legacy', doc: 'torch.cholesky (deprecated): the Cholesky factor, lower or upper.',
    impl: (a, lib) => {
      // PyTorch warns once per process (TORCH_WARN_ONCE).
      if (!warnedCholesky) process.emitWarning('torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH().\nThis transform will produce equivalent results for all valid (symmetric positive definite) inputs.', 'UserWarning');
      warnedCholesky = true;
      const names = { ...CHOLESKY, torch: 'cholesky' };
      const x = matrixInput(lib, a.x, names);
      const l = worded(lib, names, 'cholesky', () => L.cholesky(L.symmetricInput(x, a.upper ? 'U' : 'L'), true));
      return done(lib, a.upper ? ops.matrixTranspose(l) : l, [a.x]);
    },
    torch: 'cholesky(input, upper=False, *, out=None)', methods: { torch: 'cholesky(upper=False)' },
  }),
  row({
    name: 'qr', doc: "Compute the QR factorization of a matrix (Householder reflections, R's diagonal signs as LAPACK's).",
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, QR, false);
      const [m, n] = matrixDims(x);
      if (lib.name === 'tensorflow') {
        const [q, r] = L.qr(x, Boolean(a.full_matrices));
        return NamedTuple.make('Qr', ['q', 'r'], [done(lib, q, [a.x]), done(lib, r, [a.x])]);
      }
      const mode = a.mode ?? 'reduced';
      if (lib.name === 'torch') {
        if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') throw pyError('RuntimeError', `qr received unrecognized mode '${String(mode)}' but expected one of 'reduced' (default), 'r', or 'complete'`);
        const nondiff = mode === 'r'
          ? { name: 'RuntimeError', message: "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr." }
          : mode === 'complete' && m > n ? { name: 'RuntimeError', message: "The QR decomposition is not differentiable when mode='complete' and nrows > ncols." } : undefined;
        const [q, r] = L.qr(x, mode === 'complete', nondiff);
        const qq = mode === 'r' ? ops.zeros([0], x.dt, 'torch') : q;
        return torchResult('linalg_qr', ['Q', 'R'], [done(lib, qq, [a.x]), done(lib, r, [a.x])]);
      }
      if (mode === 'raw') throw pyError('NotImplementedError', "qr(mode='raw') is not supported by Jacobi");
      if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r' && !(lib.name === 'jax' && mode === 'full')) {
        throw pyError('ValueError', lib.name === 'jax' ? `Unsupported QR decomposition mode '${String(mode)}'` : `Unrecognized mode '${String(mode)}'`);
      }
      const [q, r] = L.qr(x, mode === 'complete');
      if (mode === 'r') return done(lib, r, [a.x]);
      const res = [done(lib, q, [a.x]), done(lib, r, [a.x])];
      return lib.name === 'jax' ? jaxResult('QRResult', res) : tuple(...res);
    },
    np: 'linalg.qr(a, mode="reduced")', jnp: 'linalg.qr(a, mode="reduced")', torch: 'linalg.qr(A, mode="reduced", *, out=None)',
    tf: 'linalg.qr(input, full_matrices=False, name=None)', rename: { A: 'x' },
  }),
  row({
    name: 'svd', doc: 'Singular Value Decomposition (one-sided Jacobi; singular values descending; vector signs are not defined and may differ from LAPACK).',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, SVD, false);
      const [m, n] = matrixDims(x);
      if (lib.name === 'tensorflow') {
        const full = Boolean(a.full_matrices), uv = a.compute_uv ?? true;
        const fullGrad = full && Math.abs(m - n) > 1
          ? { name: 'NotImplementedError', message: 'svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True' } : SVD_TORCH_FULL;
        const parts = L.svd(x, { full, uv, fullGrad });
        if (!uv) return done(lib, parts[0], [a.x]);
        const [u, s, vh] = parts;
        return tuple(done(lib, s, [a.x]), done(lib, u, [a.x]), done(lib, ops.matrixTranspose(vh), [a.x]));
      }
      if (lib.name === 'torch') {
        if (a.driver !== undefined && a.driver !== null) throw pyError('RuntimeError', 'torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.');
        const [u, s, vh] = L.svd(x, { full: a.full_matrices ?? true, uv: true, fullGrad: SVD_TORCH_FULL }).map((t) => done(lib, t, [a.x]));
        return torchResult('linalg_svd', ['U', 'S', 'Vh'], [u, s, vh]);
      }
      const full = a.full_matrices ?? true, uv = a.compute_uv ?? true;
      if (lib.name === 'numpy') nonFinite(x, 'SVD did not converge');
      if (a.subset_by_index !== undefined && a.subset_by_index !== null) throw pyError('NotImplementedError', 'svd(subset_by_index=...) is not supported by Jacobi');
      if (a.hermitian) {
        const h = hermitianSvd(lib, x, uv, a.x);
        return lib.name === 'jax' && Array.isArray(h) ? jaxResult('SVDResult', [...h] as Tensor[]) : h;
      }
      const parts = L.svd(x, {
        full, uv, fullGrad: lib.name === 'jax' ? { name: 'NotImplementedError', message: 'Singular value decomposition JVP not implemented for full matrices' } : SVD_TORCH_FULL,
      }).map((t) => done(lib, t, [a.x]));
      if (!uv) return parts[0];
      return lib.name === 'jax' ? jaxResult('SVDResult', parts) : tuple(...parts);
    },
    np: 'linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False)',
    jnp: 'linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False, subset_by_index=None)',
    torch: 'linalg.svd(A, full_matrices=True, *, driver=None, out=None)',
    tf: 'linalg.svd(tensor, full_matrices=False, compute_uv=True, name=None)', rename: { A: 'x' },
  }),
  row({
    name: 'svdvals', doc: 'The singular values of a matrix, descending.',
    impl: (a, lib) => {
      const x = matrixInput(lib, a.x, { ...SVD, torch: 'linalg.svdvals' }, false);
      if (lib.name === 'torch' && a.driver !== undefined && a.driver !== null) throw pyError('RuntimeError', 'torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.');
      return done(lib, L.svd(x, { full: false, uv: false })[0], [a.x]);
    },
    jnp: 'linalg.svdvals(x, /)', torch: 'linalg.svdvals(A, *, driver=None, out=None)', rename: { A: 'x' },
  }),
  row({
    name: 'eigh', doc: 'Eigenvalues (ascending) and eigenvectors (columns) of a real symmetric matrix (Jacobi rotations; eigenvector signs are not defined and may differ from LAPACK).',
    impl: (a, lib) => {
      const [w, v] = L.eigh(eighInput(lib, a)).map((t) => done(lib, t, [a.x]));
      if (lib.name === 'jax') return jaxResult('EighResult', [w, v]);
      if (lib.name === 'torch') return torchResult('linalg_eigh', ['eigenvalues', 'eigenvectors'], [w, v]);
      return tuple(w, v);
    },
    np: 'linalg.eigh(a, UPLO="L")', jnp: 'linalg.eigh(a, UPLO=None, symmetrize_input=True)', torch: 'linalg.eigh(A, UPLO="L", *, out=None)',
    tf: 'linalg.eigh(tensor, name=None)', rename: { A: 'x' },
  }),
  row({
    name: 'eigvalsh', doc: 'Eigenvalues (ascending) of a real symmetric matrix.',
    impl: (a, lib) => done(lib, L.eigh(eighInput(lib, { ...a, UPLO: a.UPLO ?? 'L' }))[0], [a.x]),
    np: 'linalg.eigvalsh(a, UPLO="L")', jnp: 'linalg.eigvalsh(a, UPLO="L")', torch: 'linalg.eigvalsh(A, UPLO="L", *, out=None)',
    tf: 'linalg.eigvalsh(tensor, name=None)', rename: { A: 'x' },
  }),
  row({
    name: 'matrix_power', doc: 'Raise a square matrix to the (integer) power n (repeated squaring; negative powers invert first).',
    impl: (a, lib) => {
      const t = tensorOf(lib, a.x);
      const n = a.n;
      if (lib.name === 'torch' && (typeof n !== 'number' || !Number.isInteger(n))) throw pyError('TypeError', `linalg_matrix_power(): argument 'n' (position 2) must be int, not ${typeof n === 'number' ? 'float' : typeof n}`);
      if (lib.name === 'numpy' && (typeof n !== 'number' || !Number.isInteger(n))) throw pyError('TypeError', 'exponent must be an integer');
      if (lib.name === 'jax' && (typeof n !== 'number' || !Number.isInteger(n))) throw pyError('TypeError', `exponent must be an integer, got ${String(n)}`);
      if (lib.name === 'numpy' || lib.name === 'torch') {
        // NumPy and PyTorch keep integer matrices integer for n >= 0.
        const nd = t.dims.length;
        if (lib.name === 'numpy') {
          if (nd < 2) throw pyError('LinAlgError', `${nd}-dimensional array given. Array must be at least two-dimensional`);
          if (t.dims[nd - 1] !== t.dims[nd - 2]) throw pyError('LinAlgError', 'Last 2 dimensions of the array must be square');
        } else {
          if (nd < 2) throw pyError('RuntimeError', 'linalg.matrix_power: The input tensor A must have at least 2 dimensions.');
          if (t.dims[nd - 1] !== t.dims[nd - 2]) throw pyError('RuntimeError', `linalg.matrix_power: A must be batches of square matrices, but they are ${t.dims[nd - 2]} by ${t.dims[nd - 1]} matrices`);
        }
        if (n >= 0 && !ops.isFloatDtype(t.dt)) return done(lib, L.matrixPower(t, n), [a.x]);
        const x = n < 0 ? matrixInput(lib, t, INV) : t;
        return done(lib, worded(lib, INV, 'inv', () => L.matrixPower(x, n)), [a.x]);
      }
      const x = matrixInput(lib, t, POWER);
      return done(lib, L.matrixPower(x, n, raises(lib)), [a.x]);
    },
    np: 'linalg.matrix_power(a, n)', jnp: 'linalg.matrix_power(a, n)', torch: ['linalg.matrix_power(A, n, *, out=None)', 'matrix_power(input, n)'],
    rename: { A: 'x' }, methods: { torch: 'matrix_power(n)' },
  }),
  row({
    name: 'pinv', doc: 'Compute the (Moore-Penrose) pseudo-inverse of a matrix from its SVD (singular values at or below the cutoff count as zero).',
    impl: (a, lib) => {
      const x = lib.name === 'torch' ? torchPinvInput(lib, a.x) : matrixInput(lib, a.x, PINV, false);
      const [m, n] = matrixDims(x);
      const big = Math.max(m, n);
      let rtol: number, atol = 0;
      switch (lib.name) {
        case 'numpy': rtol = scalarTol(a.rcond, 'rcond') ?? 1e-15; break;
        case 'jax': rtol = scalarTol(a.rtol, 'rtol') ?? scalarTol(a.rcond, 'rcond') ?? 10 * big * eps(x.dt); break;
        case 'torch': {
          const r = scalarTol(a.rtol, 'rtol') ?? scalarTol(a.rcond, 'rcond');
          atol = scalarTol(a.atol, 'atol') ?? 0;
          rtol = r ?? (a.atol === undefined || a.atol === null ? big * eps(x.dt) : 0);
          break;
        }
        default: rtol = scalarTol(a.rcond, 'rcond') ?? 10 * big * eps(x.dt);
      }
      if (lib.name === 'numpy') nonFinite(x, 'SVD did not converge');
      const src = a.hermitian ? L.symmetricInput(x, 'L') : x;
      return done(lib, L.pinv(src, rtol, atol), [a.x]);
    },
    np: 'linalg.pinv(a, rcond=1e-15, hermitian=False)', jnp: 'linalg.pinv(a, rtol=None, hermitian=False, *, rcond=None)',
    torch: ['linalg.pinv(A, rcond=None, hermitian=False, *, atol=None, rtol=None, out=None)', 'pinverse(input, rcond=1e-15)'],
    tf: 'linalg.pinv(a, rcond=None, validate_args=False, name=None)', rename: { A: 'x' }, methods: { torch: 'pinverse(rcond=1e-15)' },
  }),
  row({
    name: 'lstsq', doc: 'Return the least-squares solution to a linear matrix equation (the minimum-norm solution from the SVD).',
    impl: (a, lib) => lstsqOf(lib, a),
    np: 'linalg.lstsq(a, b, rcond="warn")', jnp: 'linalg.lstsq(a, b, rcond=None, *, numpy_resid=False)',
    torch: 'linalg.lstsq(A, B, rcond=None, *, driver=None)', tf: 'linalg.lstsq(matrix, rhs, l2_regularizer=0.0, fast=True, name=None)',
    rename: { A: 'x', B: 'y', b: 'y', matrix: 'x', rhs: 'y' },
  }),
  row({
    name: 'matrix_transpose', doc: 'Transpose the last two dimensions of an array.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      if (x.dims.length < 2) {
        if (lib.name === 'jax') throw pyError('ValueError', `matrix_transpose requres at least 2 dimensions; got ndim=${x.dims.length}`);
        throw pyError('ValueError', `Argument \`a\` must have at least 2 dimensions, got: ${x.dims.length}`);
      }
      return finish(lib, ops.matrixTranspose(x), [a.x], false);
    },
    jnp: 'linalg.matrix_transpose(x, /)', tf: 'linalg.matrix_transpose(a, name="matrix_transpose", conjugate=False)', rename: { a: 'x' },
  }),
];

/** NumPy's LAPACK-based SVD does not converge on NaN entries (it raises). */
function nonFinite(x: Tensor, message: string): void {
  if (!x.concrete) return;
  const v = x.values;
  for (let i = 0; i < v.length; i++) if (Number.isNaN(Number(v[i]))) throw pyError('LinAlgError', message);
}

/** JAX's explicit 2×2 and 3×3 determinants (their derivatives stay right at singular matrices). */
function smallDet(x: Tensor, n: number): Tensor {
  const rank = x.dims.length;
  const e = (i: number, j: number) => ops.squeeze(ops.sliceAxis(ops.sliceAxis(x, rank - 2, i, 1), rank - 1, j, 1), [rank - 2, rank - 1]);
  if (n === 2) return ops.sub(ops.mul(e(0, 0), e(1, 1)), ops.mul(e(0, 1), e(1, 0)));
  const t1 = ops.mul(e(0, 0), ops.sub(ops.mul(e(1, 1), e(2, 2)), ops.mul(e(1, 2), e(2, 1))));
  const t2 = ops.mul(e(0, 1), ops.sub(ops.mul(e(1, 0), e(2, 2)), ops.mul(e(1, 2), e(2, 0))));
  const t3 = ops.mul(e(0, 2), ops.sub(ops.mul(e(1, 0), e(2, 1)), ops.mul(e(1, 1), e(2, 0))));
  return ops.add(ops.sub(t1, t2), t3);
}

/** NumPy's svd(hermitian=True): from eigh, |eigenvalues| descending, signs moved into Vh. */
function hermitianSvd(lib: Library, x: Tensor, uv: boolean, input: unknown): unknown {
  const [w, v] = L.eigh(L.symmetricInput(x, 'L'));
  // Eigenvalues ascending; |w| descending needs a sort by magnitude.
  const s = ops.abs(w);
  if (!x.concrete) throw pyError('NotImplementedError', 'svd(hermitian=True) under vmap is not supported by Jacobi');
  const perm = sortDescending(s);
  const pick = (t: Tensor, axis: number) => ops.gather(t, perm, axis);
  const sv = pick(s, s.dims.length - 1);
  if (!uv) return done(lib, sv, [input]);
  const u = pick(v, v.dims.length - 1);
  const sgn = pick(ops.sign(w), w.dims.length - 1);
  const vh = ops.matrixTranspose(ops.mul(u, ops.expandDims(sgn, -2)));
  return tuple(done(lib, u, [input]), done(lib, sv, [input]), done(lib, vh, [input]));
}

/** The permutation sorting the last axis of a (single-matrix) vector descending (stable). */
function sortDescending(s: Tensor): Tensor {
  if (s.dims.length !== 1) throw pyError('NotImplementedError', 'svd(hermitian=True) of a batch of matrices is not supported by Jacobi');
  const v = Array.from(s.values as ArrayLike<number>);
  const idx = v.map((_, i) => i).sort((i, j) => v[j] - v[i] || i - j);
  return ops.toTensor(Int32Array.from(idx));
}

/** torch.linalg.pinv's own checks and wording. */
function torchPinvInput(lib: Library, x: unknown): Tensor {
  const t = tensorOf(lib, x);
  if (t.dims.length < 2 || !ops.isFloatDtype(t.dt)) {
    const name = TORCH_DT[t.dt] ?? t.dt;
    throw pyError('RuntimeError', `linalg.pinv(${name}{[${t.dims.join(', ')}]}): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types`);
  }
  return t;
}

/** lstsq as each library returns it. */
function lstsqOf(lib: Library, a: Args): unknown {
  const A0 = tensorOf(lib, a.x), B0 = tensorOf(lib, a.y);
  switch (lib.name) {
    case 'numpy': {
      const A = matrixInput(lib, A0, SOLVE, false);
      if (A.dims.length !== 2) throw pyError('LinAlgError', `${A.dims.length}-dimensional array given. Array must be two-dimensional`);
      let B = ops.isFloatDtype(B0.dt) ? B0 : ops.cast(B0, 'float64');
      if (B.dims.length > 2) throw pyError('LinAlgError', `${B.dims.length}-dimensional array given. Array must be one or two-dimensional`);
      const dt = lib.resultType('lstsq', [A, B]);
      const Af = castTo(A, dt);
      B = castTo(B, dt);
      const [m, n] = matrixDims(Af);
      const vec = B.dims.length === 1;
      const Bm = vec ? ops.expandDims(B, -1) : B;
      if (Bm.dims[0] !== m) throw pyError('LinAlgError', 'Incompatible dimensions');
      let rcond: number;
      if (a.rcond === 'warn') {
        process.emitWarning('`rcond` parameter will change to the default of machine precision times ``max(M, N)`` where M and N are the input matrix dimensions.\nTo use the future default and silence this warning we advise to pass `rcond=None`, to keep using the old, explicitly pass `rcond=-1`.', 'FutureWarning');
        rcond = eps(dt);
      } else if (a.rcond === null || a.rcond === undefined) rcond = eps(dt) * Math.max(m, n);
      else rcond = Number(a.rcond) < 0 ? eps(dt) : Number(a.rcond);
      nonFinite(Af, 'SVD did not converge in Linear Least Squares');
      const r = L.lstsq(Af, Bm, rcond);
      const rank = Number(r.rank.values[0]);
      const x = vec ? ops.squeeze(r.x, -1) : r.x;
      const resid = rank < n || m <= n ? ops.zeros([0], dt, 'numpy') : r.residuals;
      const rankT = ops.cast(r.rank, 'int32');
      rankT.scalar = true;
      return tuple(done(lib, x, [a.x]), finish(lib, resid, [a.x], false), rankT, finish(lib, r.s, [a.x], false));
    }
    case 'jax': {
      const dt = lib.floatOf(lib.resultType('lstsq', [A0, B0]), 'lstsq');
      const A = castTo(A0, dt);
      let B = castTo(B0, dt);
      if (A.dims[0] !== B.dims[0]) throw pyError('ValueError', 'Leading dimensions of input arrays must match');
      const vec = B.dims.length === 1;
      if (vec) B = ops.expandDims(B, -1);
      if (A.dims.length !== 2) throw pyError('TypeError', `${A.dims.length}-dimensional array given. Array must be two-dimensional`);
      if (B.dims.length !== 2) throw pyError('TypeError', `${B.dims.length}-dimensional array given. Array must be one or two-dimensional`);
      const [m, n] = matrixDims(A);
      const given = scalarTol(a.rcond, 'rcond');
      const rcond = given === null ? eps(dt) * Math.max(m, n) : given < 0 ? eps(dt) : given;
      const r = L.lstsq(A, B, rcond);
      const rank = Number(r.rank.values[0]);
      const x = vec ? ops.squeeze(r.x, -1) : r.x;
      const resid = a.numpy_resid && (rank < n || m <= n) ? ops.zeros([0], dt, 'jax') : r.residuals;
      return tuple(done(lib, x, [a.x]), done(lib, resid, [a.x]), done(lib, ops.cast(r.rank, lib.intDtype), [a.x]), done(lib, r.s, [a.x]));
    }
    case 'torch': {
      if (A0.dt !== B0.dt) throw pyError('RuntimeError', `torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${TORCH_DT[A0.dt]} and other's dtype ${TORCH_DT[B0.dt]}`);
      const A = matrixInput(lib, A0, { ...SOLVE, torch: 'torch.linalg.lstsq' }, false);
      const driver = a.driver ?? 'gelsy';
      if (!['gels', 'gelsy', 'gelsd', 'gelss'].includes(driver)) throw pyError('RuntimeError', 'torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)');
      const vec = B0.dims.length === A0.dims.length - 1;
      const B = vec ? ops.expandDims(B0, -1) : B0;
      const [m, n] = matrixDims(A);
      if (B.dims[B.dims.length - 2] !== m) throw pyError('RuntimeError', 'torch.linalg.lstsq: input.size(-2) should match other.size(-2)');
      const batch = ops.broadcastShapes(A.dims.slice(0, -2), B.dims.slice(0, -2));
      const Ab = ops.broadcastTo(A, [...batch, m, n]), Bb = ops.broadcastTo(B, [...batch, m, B.dims[B.dims.length - 1]]);
      const rcond = scalarTol(a.rcond, 'rcond') ?? eps(A.dt) * Math.max(m, n);
      const r = L.lstsq(Ab, Bb, driver === 'gels' ? 0 : rcond);
      const ranks = Array.from(r.rank.values as ArrayLike<number>, Number);
      const fullRank = ranks.every((k) => k === Math.min(m, n));
      const empty = (dt: DType) => ops.zeros([0], dt, 'torch');
      // Only the solution is differentiable in PyTorch.
      const residuals = m > n && driver !== 'gelsy' && (driver === 'gels' || fullRank) ? ops.stopGradient(r.residuals) : empty(A.dt);
      const rank = driver === 'gels' ? empty('int64') : ops.cast(r.rank, 'int64');
      const sv = driver === 'gelsd' || driver === 'gelss' ? ops.stopGradient(r.s) : empty(A.dt);
      const x = vec ? ops.squeeze(r.x, -1) : r.x;
      return torchResult('linalg_lstsq', ['solution', 'residuals', 'rank', 'singular_values'],
        [done(lib, x, [a.x, a.y]), done(lib, residuals, [a.x]), done(lib, rank, [a.x]), done(lib, sv, [a.x])]);
    }
    default: {
      const A = matrixInput(lib, A0, { ...SOLVE, tf: 'MatrixSolveLs' }, false);
      if (!ops.isFloatDtype(B0.dt)) throw tfDtypeError(B0.dt, 'MatrixSolveLs');
      const [m, n] = matrixDims(A);
      if (B0.dims.length !== A.dims.length || B0.dims[B0.dims.length - 2] !== m) {
        throw new InvalidArgumentError('Input matrix and rhs are incompatible. [Op:MatrixSolveLs]');
      }
      const l2 = Number(a.l2_regularizer ?? 0);
      if (a.fast === false) {
        if (l2 !== 0) throw pyError('NotImplementedError', 'matrix_solve_ls is currently disabled for complex128 and l2_regularizer != 0 due to poor accuracy.');
        return done(lib, L.lstsq(A, B0, 10 * Math.max(m, n) * eps(A.dt)).x, [a.x, a.y]);
      }
      // fast=True: the regularized normal equations through a Cholesky factorization, as TensorFlow.
      const At = ops.matrixTranspose(A);
      const eyeK = (k: number) => L.diagEmbed(ops.full([k], 1, A.dt));
      if (m >= n) {
        const gram = ops.add(ops.matmul(At, A), ops.mul(eyeK(n), l2));
        return done(lib, cholSolve(lib, gram, ops.matmul(At, B0)), [a.x, a.y]);
      }
      const gram = ops.add(ops.matmul(A, At), ops.mul(eyeK(m), l2));
      return done(lib, ops.matmul(At, cholSolve(lib, gram, B0)), [a.x, a.y]);
    }
  }
}

/** G⁻¹ R for symmetric positive definite G, through its Cholesky factor. */
function cholSolve(lib: Library, g: Tensor, r: Tensor): Tensor {
  const names = { ...CHOLESKY, tf: 'Cholesky' };
  const l = worded(lib, names, 'cholesky', () => L.cholesky(L.symmetricInput(g, 'sym'), true));
  return L.solve(ops.matrixTranspose(l), L.solve(l, r, false), false);
}

