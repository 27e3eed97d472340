// Matrix products and what is built on them: matmul (batched, broadcasting), dot, outer,
// tensordot, einsum, softmax and log_softmax.
import { matmul as matmulKernel } from '../kernels/matmul.js';
import { isFloat } from '../tensor/dtype.js';
import { normAxis, shapeString, ShapeError, ValueError } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { bind, definePrimitive, type Primitive } from '../core/primitive.js';
import { operands, toTensor, type TensorLike } from './convert.js';
import { result } from './result.js';
import { batchFirst, reshapeTo, stopGradient, unbroadcast } from './structural.js';
import { add, div, exp, mul, sub } from './arith.js';
import { cast } from './cast.js';
import { logsumexp, max, sum } from './reductions.js';
import { reshape, transpose } from './shape.js';

interface MatmulParams {
  /** Read the operand's last two axes transposed. */
  ta: boolean;
  tb: boolean;
}

export const matmulP: Primitive<MatmulParams> = definePrimitive<MatmulParams>({
  name: 'matmul',
  impl: ([a, b], p) => {
    const r = matmulKernel(a.values, a.dims, p.ta, b.values, b.dims, p.tb, a.dt);
    return result(a.dt, r.dims, r.data, [a, b]);
  },
  jvp: ([a, b], [ta, tb], _out, p) => {
    const da: Tensor | null = ta && bind(matmulP, [ta, b], p);
    const db: Tensor | null = tb && bind(matmulP, [a, tb], p);
    return da && db ? add(da, db) : (da ?? db)!;
  },
  vjp: ([a, b], _out, p) => {
    const aDims = a.dims, bDims = b.dims;
    // C = op(A) op(B): dA = ct op(B)^T (or its transpose when A is read transposed), likewise dB.
    return (ct, need) => [
      need[0] ? unbroadcast(p.ta ? bind(matmulP, [b, ct], { ta: p.tb, tb: true }) : bind(matmulP, [ct, b], { ta: false, tb: !p.tb }), aDims) : null,
      need[1] ? unbroadcast(p.tb ? bind(matmulP, [ct, a], { ta: true, tb: p.ta }) : bind(matmulP, [a, ct], { ta: !p.ta, tb: false }), bDims) : null,
    ];
  },
  batch: ([a, b], [da, db], p) => {
    // Per-example ranks: the batched operand's batch axis goes first, then ones up to the other
    // operand's rank, so that the examples' own batch dims line up under broadcasting.
    const ra = a.dims.length - (da === null ? 0 : 1), rb = b.dims.length - (db === null ? 0 : 1);
    const front = (x: Tensor, d: number, own: number, other: number) => {
      const f = batchFirst(x, d);
      return own < other ? reshapeTo(f, [f.dims[0], ...new Array<number>(other - own).fill(1), ...f.dims.slice(1)]) : f;
    };
    if (da !== null && db !== null) return [bind(matmulP, [front(a, da, ra, rb), front(b, db, rb, ra)], p), 0];
    if (da !== null) return [bind(matmulP, [front(a, da, ra, rb), b], p), 0];
    const bb = batchFirst(b, db!);
    if (a.dims.length === 2 && bb.dims.length === 3) {
      // One matrix against a batch of them (what jacfwd and jacrev make): the batch is folded into
      // the columns, so that one large product replaces many small ones.
      const [nb, r, c] = bb.dims;
      const [k, m] = p.tb ? [c, r] : [r, c];
      const wide = reshapeTo(transpose(bb, p.tb ? [2, 0, 1] : [1, 0, 2]), [k, nb * m]);
      const out = bind(matmulP, [a, wide], { ta: p.ta, tb: false });
      return [reshapeTo(out, [out.dims[0], nb, m]), 1];
    }
    return [bind(matmulP, [a, front(b, db!, rb, ra)], p), 0];
  },
});

/**
 * NumPy's matmul: 1-D operands are promoted to matrices and the added axis removed afterwards.
 * `transpose` reads a matrix operand's last two axes swapped (tf.matmul's transpose_a and
 * transpose_b), in the kernel: no transposed copy is made.
 */
export function matmul(a: TensorLike, b: TensorLike, transpose: { a?: boolean; b?: boolean } = {}): Tensor {
  let [x, y] = operands(a, b);
  if (x.dims.length === 0 || y.dims.length === 0) throw new ValueError('matmul: Input operand does not have enough dimensions (scalars are not allowed; use multiply)');
  if (x.dt === 'bool') { x = cast(x, 'int32'); y = cast(y, 'int32'); }
  const vecA = x.dims.length === 1, vecB = y.dims.length === 1;
  const ta = !vecA && transpose.a === true, tb = !vecB && transpose.b === true;
  const A = vecA ? reshape(x, [1, x.dims[0]]) : x;
  const B = vecB ? reshape(y, [y.dims[0], 1]) : y;
  const ka = A.dims[A.dims.length - (ta ? 2 : 1)], kb = B.dims[B.dims.length - (tb ? 1 : 2)];
  if (ka !== kb) {
    throw new ShapeError(`Matrix size-incompatible: In[0]: ${shapeString(x.dims)}, In[1]: ${shapeString(y.dims)}: the contracted dimensions ${ka} and ${kb} differ [Op:MatMul]`);
  }
  const out = bind(matmulP, [A, B], { ta, tb });
  if (!vecA && !vecB) return out;
  const dims = out.dims.slice();
  if (vecB) dims.splice(dims.length - 1, 1);
  if (vecA) dims.splice(dims.length - (vecB ? 1 : 2), 1);
  return reshape(out, dims);
}

/** NumPy's dot: the inner product for vectors, matmul for matrices, a product with scalars. */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a), y = toTensor(b);
  if (x.dims.length === 0 || y.dims.length === 0) return mul(x, y);
  if (y.dims.length <= 2) return matmul(x, y);
  return tensordot(x, y, [[x.dims.length - 1], [y.dims.length - 2]]);
}

export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a), y = toTensor(b);
  return mul(reshape(x, [x.count, 1]), reshape(y, [1, y.count]));
}

/** Contracts axesA of a with axesB of b (an integer n means the last n of a with the first n of b). */
export function tensordot(a: TensorLike, b: TensorLike, axes: number | readonly [readonly number[] | number, readonly number[] | number] = 2): Tensor {
  const x = toTensor(a), y = toTensor(b);
  let axA: number[], axB: number[];
  if (typeof axes === 'number') {
    axA = Array.from({ length: axes }, (_, i) => x.dims.length - axes + i);
    axB = Array.from({ length: axes }, (_, i) => i);
  } else {
    axA = (typeof axes[0] === 'number' ? [axes[0]] : [...axes[0]]).map((v) => normAxis(v, x.dims.length, 'tensordot'));
    axB = (typeof axes[1] === 'number' ? [axes[1]] : [...axes[1]]).map((v) => normAxis(v, y.dims.length, 'tensordot'));
  }
  if (axA.length !== axB.length || axA.some((v, i) => x.dims[v] !== y.dims[axB[i]])) {
    throw new ShapeError(`tensordot: shape-mismatch for sum: ${shapeString(x.dims)} axes (${axA.join(', ')}) vs ${shapeString(y.dims)} axes (${axB.join(', ')})`);
  }
  const freeA = x.dims.map((_, i) => i).filter((i) => !axA.includes(i));
  const freeB = y.dims.map((_, i) => i).filter((i) => !axB.includes(i));
  const k = axA.reduce((p, v) => p * x.dims[v], 1);
  const A = reshape(transpose(x, [...freeA, ...axA]), [freeA.reduce((p, v) => p * x.dims[v], 1), k]);
  const B = reshape(transpose(y, [...axB, ...freeB]), [k, freeB.reduce((p, v) => p * y.dims[v], 1)]);
  return reshape(matmul(A, B), [...freeA.map((i) => x.dims[i]), ...freeB.map((i) => y.dims[i])]);
}

/**
 * einsum for explicit and implicit subscripts over any number of operands, evaluated left to right
 * as pairwise contractions: each pair is aligned by transposes and broadcasting, multiplied and the
 * indices no longer needed are summed (no ellipsis).
 */
export function einsum(subscripts: string, ...operandsIn: TensorLike[]): Tensor {
  const spec = subscripts.replace(/\s+/g, '');
  if (spec.includes('.')) throw new ValueError('einsum: ellipsis subscripts are not supported');
  const [lhs, rhsGiven] = spec.split('->');
  const inputs = lhs.split(',');
  if (inputs.length !== operandsIn.length) throw new ValueError(`einsum: ${inputs.length} subscript groups for ${operandsIn.length} operands`);
  const ts = operandsIn.map((o) => toTensor(o));
  const sizes = new Map<string, number>();
  inputs.forEach((s, i) => {
    if (s.length !== ts[i].dims.length) throw new ValueError(`einsum: operand ${i} has ${ts[i].dims.length} dimensions but subscripts '${s}'`);
    [...s].forEach((c, j) => {
      const d = ts[i].dims[j];
      const prev = sizes.get(c);
      if (prev !== undefined && prev !== d && prev !== 1 && d !== 1) throw new ShapeError(`einsum: size of label '${c}' is ${prev} in one operand and ${d} in another`);
      sizes.set(c, Math.max(prev ?? 1, d));
    });
  });
  const counts = new Map<string, number>();
  for (const s of inputs) for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  const rhs = rhsGiven ?? [...counts.keys()].filter((c) => counts.get(c) === 1).sort().join('');
  // Diagonals (a label repeated within one operand) are taken first.
  let cur = ts.map((t, i) => takeDiagonals(t, inputs[i]));
  let labels = cur.map((c) => c.labels);
  let tensors = cur.map((c) => c.t);
  while (tensors.length > 1 || labels[0] !== rhs) {
    const a = tensors[0], la = labels[0];
    const b = tensors.length > 1 ? tensors[1] : null, lb = tensors.length > 1 ? labels[1] : '';
    const rest = labels.slice(2).join('') + rhs;
    const all = [...new Set([...la, ...lb])];
    const keep = all.filter((c) => rest.includes(c));
    const sumOut = all.filter((c) => !rest.includes(c));
    const order = [...keep, ...sumOut];
    const align = (t: Tensor, l: string) => {
      const perm = order.filter((c) => l.includes(c)).map((c) => l.indexOf(c));
      const tt = transpose(t, perm);
      return reshape(tt, order.map((c) => (l.includes(c) ? t.dims[l.indexOf(c)] : 1)));
    };
    let prod = align(a, la);
    if (b) prod = mul(prod, align(b, lb));
    const summed = sumOut.length ? sum(prod, sumOut.map((_, i) => keep.length + i)) : prod;
    tensors = [summed, ...tensors.slice(2)];
    labels = [keep.join(''), ...labels.slice(2)];
    if (tensors.length === 1) {
      const l = labels[0];
      const perm = [...rhs].map((c) => l.indexOf(c));
      if (perm.some((p) => p < 0)) throw new ValueError(`einsum: output subscript not found among the inputs in '${subscripts}'`);
      return transpose(tensors[0], perm);
    }
  }
  return tensors[0];
}

function takeDiagonals(t: Tensor, labels: string): { t: Tensor; labels: string } {
  for (let i = 0; i < labels.length; i++) {
    const j = labels.indexOf(labels[i], i + 1);
    if (j < 0) continue;
    // x[..., i, ..., j, ...] with i == j: multiply by the identity and sum one axis out.
    const n = t.dims[i];
    const eyeDims = t.dims.map((_, k) => (k === i || k === j ? n : 1));
    const eyeData = new Float64Array(n * n);
    for (let k = 0; k < n; k++) eyeData[k * n + k] = 1;
    const eye = cast(reshape(new Tensor('float64', [n, n], eyeData, t.flavor), eyeDims), t.dt);
    const d = sum(mul(t, eye), [j]);
    return takeDiagonals(d, labels.slice(0, j) + labels.slice(j + 1));
  }
  return { t, labels };
}

export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x);
  const f = isFloat(t.dt) ? t : cast(t, 'float32');
  const e = exp(sub(f, stopGradient(max(f, axis, true))));
  return div(e, sum(e, axis, true));
}

export function log_softmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x);
  const f = isFloat(t.dt) ? t : cast(t, 'float32');
  return sub(f, logsumexp(f, axis, true));
}
