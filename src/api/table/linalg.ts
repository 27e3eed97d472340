// Products and linear algebra on the ops: matmul (and @), dot, vdot, inner, outer, tensordot,
// einsum, kron, trace, diag, diagonal, tril, triu (the norms are in norms.ts, the decompositions in
// linalg_decomp.ts).
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { eye } from '../../tensor/create.js';
import { normAxis } from '../../tensor/shape.js';
import { castTo, finish, tensorOf } from '../kinds.js';
import { pyError } from '../errors.js';
import { dtypeArg } from '../dtype_objects.js';
import type { Library } from '../lib/library.js';
import { axisArg } from './reductions.js';
import { row, type OpRow } from './types.js';

/** Two operands promoted by the library's rules (products are elementwise arithmetic for dtypes). */
function pair(lib: Library, op: string, a: unknown, b: unknown): [Tensor, Tensor] {
  const dt = lib.resultType(op, [a, b]);
  return [castTo(lib.convert(a, dt), dt), castTo(lib.convert(b, dt), dt)];
}

export function matmulOf(lib: Library, a: unknown, b: unknown, ta = false, tb = false): Tensor {
  const [x, y] = pair(lib, 'matmul', a, b);
  if (x.dims.length === 0 || y.dims.length === 0) {
    if (lib.name === 'torch') throw pyError('RuntimeError', `both arguments to matmul need to be at least 1D, but they are ${x.dims.length}D and ${y.dims.length}D`);
    throw pyError('ValueError', 'matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)');
  }
  const k1 = x.dims[x.dims.length - (ta && x.dims.length > 1 ? 2 : 1)], k2 = y.dims[Math.max(y.dims.length - (tb ? 1 : 2), 0)];
  if (k1 !== k2) throw mismatch(lib, x.dims, y.dims, ta, tb);
  return finish(lib, ops.matmul(x, y, { a: ta, b: tb }), [a, b]);
}

/**
 * tf.matmul's flags: adjoint is the transpose (no complex dtypes here), one of the two at most per
 * operand; output_type is the result's dtype, int32 from int8 or uint8 operands (BatchMatMulV3),
 * and otherwise only the operands' own dtype, which TensorFlow has a kernel for.
 */
function tfMatmul(lib: Library, a: Record<string, unknown>): Tensor {
  // Flags are read for their truth, as Python's `if transpose_a and adjoint_a` reads them.
  for (const s of ['a', 'b']) {
    if (a[`transpose_${s}`] && a[`adjoint_${s}`]) throw pyError('ValueError', `Only one of transpose_${s} and adjoint_${s} can be True.`);
  }
  const ta = Boolean(a.transpose_a || a.adjoint_a), tb = Boolean(a.transpose_b || a.adjoint_b);
  if (a.output_type === undefined || a.output_type === null) return matmulOf(lib, a.x, a.y, ta, tb);
  const want = dtypeArg(a.output_type, lib.name)!;
  const [x, y] = pair(lib, 'matmul', a.x, a.y);
  if (want === x.dt) return matmulOf(lib, x, y, ta, tb);
  if (want === 'int32' && (x.dt === 'int8' || x.dt === 'uint8')) return matmulOf(lib, ops.cast(x, 'int32'), ops.cast(y, 'int32'), ta, tb);
  const tfName = (d: string) => `DT_${d === 'float32' ? 'FLOAT' : d === 'float64' ? 'DOUBLE' : d.toUpperCase()}`;
  throw pyError('NotFoundError', `Could not find device for node: {{node BatchMatMulV3}} = BatchMatMulV3[Ta=${tfName(x.dt)}, Tb=${tfName(y.dt)}, Tout=${tfName(want)}, adj_x=${ta}, adj_y=${tb}] [Op:BatchMatMulV3]`);
}

function mismatch(lib: Library, a: readonly number[], b: readonly number[], ta: boolean, tb: boolean): Error {
  const t = (d: readonly number[]) => `(${d.join(',')}${d.length === 1 ? ',' : ''})`;
  switch (lib.name) {
    case 'torch':
      return a.length === 1 && b.length === 1
        ? pyError('RuntimeError', `inconsistent tensor size, expected tensor [${a[0]}] and src [${b[0]}] to have the same number of elements, but got ${a[0]} and ${b[0]} elements respectively`)
        : pyError('RuntimeError', `mat1 and mat2 shapes cannot be multiplied (${a.length === 1 ? 1 : a[a.length - 2]}x${a[a.length - 1]} and ${b.length === 1 ? b[0] : b[b.length - 2]}x${b.length === 1 ? 1 : b[b.length - 1]})`);
    case 'tensorflow':
      return pyError('InvalidArgumentError', `Matrix size-incompatible: In[0]: [${a.join(',')}], In[1]: [${b.join(',')}] [Op:MatMul]`);
    case 'jax':
      return pyError('TypeError', `dot_general requires contracting dimensions to have the same shape, got (${a[a.length - 1]},) and (${b.length === 1 ? b[0] : b[b.length - 2]},).`);
    default:
      void ta; void tb;
      return pyError('ValueError', `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ${b.length === 1 ? b[0] : b[b.length - 2]} is different from ${a[a.length - 1]})`);
  }
}

export const linalgRows: OpRow[] = [
  row({
    name: 'matmul', doc: 'Matrix product of two arrays (batched over leading axes; 1-D operands are vectors).',
    impl: (a, lib) => tfMatmul(lib, a),
    np: 'matmul(x1, x2, /, out=None, *, casting="same_kind", order="K", dtype=None, subok=True)', jnp: 'matmul(a, b, *, precision=None)',
    torch: ['matmul(input, other, *, out=None)', 'mm(input, mat2, *, out=None)', 'bmm(input, mat2, *, out=None)'],
    tf: ['matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False, a_is_sparse=False, b_is_sparse=False, output_type=None, name=None)', 'linalg.matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False, a_is_sparse=False, b_is_sparse=False, output_type=None, name=None)'],
    rename: { b: 'y', mat2: 'y' },
    methods: { torch: ['matmul(other)', 'mm(mat2)', 'bmm(mat2)'] },
  }),
  row({
    name: 'dot', doc: 'Dot product of two arrays (inner product of vectors, matrix product of matrices, sum-product over the last and second-to-last axes otherwise).',
    impl: (a, lib) => { const [x, y] = pair(lib, 'dot', a.x, a.y); return finish(lib, ops.dot(x, y), [a.x, a.y]); },
    variants: {
      torch: (a, lib) => {
        const [x, y] = pair(lib, 'dot', a.x, a.y);
        if (x.dims.length !== 1 || y.dims.length !== 1) throw pyError('RuntimeError', `1D tensors expected, but got ${x.dims.length}D and ${y.dims.length}D tensors`);
        if (x.dims[0] !== y.dims[0]) throw mismatch(lib, x.dims, y.dims, false, false);
        return finish(lib, ops.dot(x, y), [a.x, a.y]);
      },
    },
    np: 'dot(a, b, out=None)', jnp: 'dot(a, b, *, precision=None)', torch: ['dot(input, other, *, out=None)', 'inner(input, other, *, out=None)'],
    rename: { b: 'y' },
    methods: { numpy: 'dot(b, out=None)', jax: 'dot(b, *, precision=None)', torch: 'dot(other)' },
  }),
  row({
    name: 'vdot', doc: 'Return the dot product of two vectors (flattened first).',
    impl: (a, lib) => { const [x, y] = pair(lib, 'vdot', a.x, a.y); return finish(lib, ops.sum(ops.mul(ops.flatten(x), ops.flatten(y))), [a.x, a.y]); },
    np: 'vdot(a, b, /)', jnp: 'vdot(a, b, *, precision=None)', torch: 'vdot(input, other, *, out=None)', rename: { b: 'y' },
  }),
  row({
    name: 'inner', doc: 'Inner product of two arrays (a sum product over the last axes).',
    impl: (a, lib) => {
      const [x, y] = pair(lib, 'inner', a.x, a.y);
      if (x.dims.length === 0 || y.dims.length === 0) return finish(lib, ops.mul(x, y), [a.x, a.y]);
      return finish(lib, ops.tensordot(x, y, [[x.dims.length - 1], [y.dims.length - 1]]), [a.x, a.y]);
    },
    np: 'inner(a, b, /)', jnp: 'inner(a, b, *, precision=None)', rename: { b: 'y' },
  }),
  row({
    name: 'outer', doc: 'Compute the outer product of two vectors.',
    impl: (a, lib) => { const [x, y] = pair(lib, 'outer', a.x, a.y); return finish(lib, ops.outer(x, y), [a.x, a.y]); },
    np: 'outer(a, b, out=None)', jnp: 'outer(a, b, out=None)', torch: ['outer(input, vec2, *, out=None)', 'ger(input, vec2, *, out=None)'],
    rename: { b: 'y', vec2: 'y' }, methods: { torch: 'outer(vec2)' },
  }),
  row({
    name: 'tensordot', doc: 'Compute tensor dot product along specified axes.',
    impl: (a, lib) => { const [x, y] = pair(lib, 'tensordot', a.x, a.y); return finish(lib, ops.tensordot(x, y, a.axes ?? 2), [a.x, a.y]); },
    np: 'tensordot(a, b, axes=2)', jnp: 'tensordot(a, b, axes=2, *, precision=None)', torch: 'tensordot(a, b, dims=2, out=None)', tf: ['tensordot(a, b, axes, name=None)', 'linalg.tensordot(a, b, axes, name=None)'],
    rename: { b: 'y', dims: 'axes' },
  }),
  row({
    name: 'einsum', doc: 'Evaluates the Einstein summation convention on the operands.',
    impl: (a, lib) => {
      const operands = a.operands.length === 1 && Array.isArray(a.operands[0]) ? a.operands[0] : a.operands;
      const ts = operands.map((o: unknown) => tensorOf(lib, o));
      const dt = lib.resultType('einsum', ts);
      return finish(lib, ops.einsum(a.subscripts, ...ts.map((t: Tensor) => castTo(t, dt))), ts);
    },
    np: 'einsum(subscripts, *operands, out=None, dtype=None, order="K", casting="safe", optimize=False)',
    jnp: 'einsum(subscripts, *operands, out=None, optimize="optimal", precision=None)',
    torch: 'einsum(equation, *operands)', tf: ['einsum(equation, *inputs, **kwargs)', 'linalg.einsum(equation, *inputs, **kwargs)'],
    rename: { equation: 'subscripts', inputs: 'operands' },
  }),
  row({
    name: 'kron', doc: 'Kronecker product of two arrays.',
    impl: (a, lib) => {
      const [x, y] = pair(lib, 'kron', a.x, a.y);
      const n = Math.max(x.dims.length, y.dims.length);
      const xd = [...new Array<number>(n - x.dims.length).fill(1), ...x.dims], yd = [...new Array<number>(n - y.dims.length).fill(1), ...y.dims];
      const xi = ops.reshape(x, xd.flatMap((d) => [d, 1])), yi = ops.reshape(y, yd.flatMap((d) => [1, d]));
      return finish(lib, ops.reshape(ops.mul(xi, yi), xd.map((d, i) => d * yd[i])), [a.x, a.y]);
    },
    np: 'kron(a, b)', jnp: 'kron(a, b)', torch: 'kron(input, other, *, out=None)', rename: { b: 'y' },
  }),
  row({
    name: 'trace', doc: 'Return the sum along diagonals of the array.',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const d = diagonalOf(x, a.offset ?? 0, a.axis1 ?? 0, a.axis2 ?? 1);
      return finish(lib, ops.sum(castTo(d, lib.sumDtype(d.dt, 'trace')), -1), [x]);
    },
    np: 'trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)', jnp: 'trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)',
    torch: 'trace(input)', tf: 'linalg.trace(x, name=None)',
    methods: { numpy: 'trace(offset=0, axis1=0, axis2=1, dtype=None, out=None)', jax: 'trace(offset=0, axis1=0, axis2=1, dtype=None, out=None)', torch: 'trace()' },
  }),
  row({
    name: 'diagonal', doc: 'Return specified diagonals (the last axis of the result runs along the diagonal).',
    impl: (a, lib) => { const x = tensorOf(lib, a.x); return finish(lib, diagonalOf(x, a.offset ?? 0, a.axis1 ?? 0, a.axis2 ?? 1), [x], false); },
    np: 'diagonal(a, offset=0, axis1=0, axis2=1)', jnp: 'diagonal(a, offset=0, axis1=0, axis2=1)', torch: 'diagonal(input, offset=0, dim1=0, dim2=1)', tf: 'linalg.diag_part(input, name="diag_part", k=0)',
    rename: { dim1: 'axis1', dim2: 'axis2', k: 'offset' },
    methods: { numpy: 'diagonal(offset=0, axis1=0, axis2=1)', jax: 'diagonal(offset=0, axis1=0, axis2=1)', torch: 'diagonal(offset=0, dim1=0, dim2=1)' },
  }),
  row({
    name: 'diag', doc: 'Extract a diagonal (of a 2-D array) or construct a diagonal array (from a 1-D one).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const k = a.k ?? 0;
      if (x.dims.length === 2) return finish(lib, diagonalOf(x, k, 0, 1), [x], false);
      if (x.dims.length !== 1) throw pyError('ValueError', 'Input must be 1- or 2-d.');
      const n = x.dims[0] + Math.abs(k);
      const mask = eye(n, n, 'bool', lib.flavor, k);
      const row0 = k >= 0 ? ops.concat([ops.zeros([k], x.dt), x], 0) : ops.concat([x, ops.zeros([-k], x.dt)], 0);
      return finish(lib, ops.where(mask, ops.broadcastTo(ops.reshape(row0, [1, n]), [n, n]), ops.zeros([1], x.dt)), [x], false);
    },
    np: 'diag(v, k=0)', jnp: 'diag(v, k=0)', torch: 'diag(input, diagonal=0, *, out=None)',
    // torch's `diagonal` is the offset (TensorFlow's is the input: its own row below).
    rename: { v: 'x', diagonal: 'k' },
  }),
  row({
    name: 'matrix_diag', doc: 'A batch of diagonal matrices from a batch of diagonals (tf.linalg.diag; k offsets the diagonal).',
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      const k = a.k ?? 0;
      const n = x.dims[x.dims.length - 1] + Math.abs(k);
      const padded = k >= 0 ? ops.concat([ops.zeros([...x.dims.slice(0, -1), k], x.dt), x], -1) : ops.concat([x, ops.zeros([...x.dims.slice(0, -1), -k], x.dt)], -1);
      const rows = ops.broadcastTo(ops.expandDims(padded, -2), [...x.dims.slice(0, -1), n, n]);
      return finish(lib, ops.where(eye(n, n, 'bool', lib.flavor, k), rows, ops.zeros([1], x.dt)), [x], false);
    },
    tf: 'linalg.diag(diagonal, name="diag", k=0)', rename: { diagonal: 'x' },
  }),
  triangle('tril', 'Lower triangle of an array (elements above the k-th diagonal zeroed).'),
  triangle('triu', 'Upper triangle of an array (elements below the k-th diagonal zeroed).'),
];

/** The diagonal offset by `offset` of axes axis1, axis2, moved to the last axis. */
export function diagonalOf(x: Tensor, offset: number, axis1: number, axis2: number): Tensor {
  const n = x.dims.length;
  const a1 = normAxis(axis1, n, 'diagonal'), a2 = normAxis(axis2, n, 'diagonal');
  if (a1 === a2) throw pyError('ValueError', 'axis1 and axis2 cannot be the same');
  const rest = x.dims.map((_, i) => i).filter((i) => i !== a1 && i !== a2);
  const t = ops.transpose(x, [...rest, a1, a2]);
  const r = x.dims[a1], c = x.dims[a2];
  const len = Math.max(0, Math.min(r - Math.max(0, -offset), c - Math.max(0, offset)));
  const flat = ops.reshape(t, [...rest.map((i) => x.dims[i]), r * c]);
  const idx = Array.from({ length: len }, (_, i) => (i + Math.max(0, -offset)) * c + i + Math.max(0, offset));
  return ops.gather(flat, ops.toTensor(idx.length ? idx : new Int32Array(0)), rest.length);
}

function triangle(name: 'tril' | 'triu', doc: string): OpRow {
  return row({
    name, doc,
    impl: (a, lib) => {
      const x = tensorOf(lib, a.x);
      if (x.dims.length < 2) throw pyError('ValueError', `${name} requires an array of at least two dimensions`);
      const r = x.dims[x.dims.length - 2], c = x.dims[x.dims.length - 1];
      const k = a.k ?? 0;
      const keepMask = new Uint8Array(r * c);
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) keepMask[i * c + j] = (name === 'tril' ? j - i <= k : j - i >= k) ? 1 : 0;
      const mask = new Tensor('bool', [r, c], keepMask, lib.flavor);
      return finish(lib, ops.where(mask, x, ops.zeros([1], x.dt)), [x], false);
    },
    np: `${name}(m, k=0)`, jnp: `${name}(m, k=0)`, torch: `${name}(input, diagonal=0, *, out=None)`,
    rename: { m: 'x', diagonal: 'k' },
    methods: { torch: `${name}(diagonal=0)` },
  });
}
