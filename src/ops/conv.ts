// Convolution and pooling over N spatial dims, composed of differentiable primitives so that forward
// and reverse mode, vmap and higher orders come from their rules: the input is dilated and padded
// by one `pad` (the slice's transpose), its windows are read by one `gather` of precomputed
// positions (im2col), and a matmul with the kernel (per feature group) contracts them. Pooling
// reduces the same windows (max: the first maximum's element, as PyTorch's kernels pick it).
import { Tensor } from '../tensor/tensor.js';
import { sizeOf, ValueError } from '../tensor/shape.js';
import { full } from '../tensor/create.js';
import { bind } from '../core/primitive.js';
import { broadcastToDims, gatherP, padP, reshapeTo, sliceP } from './structural.js';
import { add, div } from './arith.js';
import { matmul } from './linalg.js';
import { argmax, sum } from './reductions.js';
import { takeAlong } from './sorting.js';

/** Per spatial dim: window strides, (low, high) padding (negative crops), input and kernel dilation. */
export interface ConvGeometry {
  strides: readonly number[];
  padding: readonly (readonly [number, number])[];
  lhsDilation?: readonly number[];
  rhsDilation?: readonly number[];
}

/** The spatial size of a window op's result: floor((padded - dilated kernel) / stride) + 1 (may be <= 0). */
function windowOutSize(n: number, k: number, g: ConvGeometry, i: number): number {
  const ld = g.lhsDilation?.[i] ?? 1, rd = g.rhsDilation?.[i] ?? 1;
  const padded = (n === 0 ? 0 : (n - 1) * ld + 1) + g.padding[i][0] + g.padding[i][1];
  const span = (k - 1) * rd + 1;
  return Math.floor((padded - span) / g.strides[i]) + 1;
}

/** x [N, C, ...S] dilated by lhsDilation and padded with zeros (negative pads crop). */
function dilatePad(x: Tensor, g: ConvGeometry): Tensor {
  const sp = x.dims.slice(2);
  const lds = sp.map((_, i) => g.lhsDilation?.[i] ?? 1);
  let t = x;
  // Dilation and positive pads in one `pad`; negative pads then crop the padded extent (XLA's order).
  const lo = g.padding.map(([l]) => Math.max(l, 0)), hi = g.padding.map(([, h]) => Math.max(h, 0));
  const needPad = lo.some((v) => v > 0) || hi.some((v) => v > 0) || lds.some((d) => d > 1);
  if (needPad) {
    const dims = [...x.dims.slice(0, 2), ...sp.map((n, i) => lo[i] + (n === 0 ? 0 : (n - 1) * lds[i] + 1) + hi[i])];
    const slice = { begin: [0, 0, ...lo], step: [1, 1, ...lds], size: x.dims.slice() };
    t = bind(padP, [t], { slice, dims });
  }
  const cropLo = g.padding.map(([l]) => Math.max(-l, 0)), cropHi = g.padding.map(([, h]) => Math.max(-h, 0));
  if (cropLo.some((v) => v > 0) || cropHi.some((v) => v > 0)) {
    const size = t.dims.map((d, i) => (i < 2 ? d : Math.max(d - cropLo[i - 2] - cropHi[i - 2], 0)));
    t = bind(sliceP, [t], { begin: [0, 0, ...cropLo], step: t.dims.map(() => 1), size });
  }
  return t;
}

/**
 * The windows of x [N, C, ...S] (already padded and dilated) for a kernel of spatial size `k`:
 * [N, C, K, L] with K = prod(k) kernel offsets (row-major) and L = prod(out) output positions.
 */
function windows(x: Tensor, k: readonly number[], strides: readonly number[], rd: readonly number[], out: readonly number[]): Tensor {
  const sp = x.dims.slice(2);
  const s = sp.length;
  const st = new Array<number>(s);
  for (let i = s - 1, m = 1; i >= 0; i--) { st[i] = m; m *= sp[i]; }
  const K = sizeOf(k), L = sizeOf(out);
  const idx = new Int32Array(K * L);
  // Offsets of each kernel position and each output position, added.
  const kOff = new Int32Array(K), oOff = new Int32Array(L);
  for (let j = 0; j < K; j++) {
    let r = j, off = 0;
    for (let i = s - 1; i >= 0; i--) { const q = r % k[i]; r = (r - q) / k[i]; off += q * rd[i] * st[i]; }
    kOff[j] = off;
  }
  for (let j = 0; j < L; j++) {
    let r = j, off = 0;
    for (let i = s - 1; i >= 0; i--) { const q = r % out[i]; r = (r - q) / out[i]; off += q * strides[i] * st[i]; }
    oOff[j] = off;
  }
  for (let a = 0; a < K; a++) for (let b = 0; b < L; b++) idx[a * L + b] = kOff[a] + oOff[b];
  const flat = reshapeTo(x, [x.dims[0], x.dims[1], sizeOf(sp)]);
  return bind(gatherP, [flat], { indices: idx, indexDims: [K, L], axis: 2 });
}

function outDims(x: Tensor, k: readonly number[], g: ConvGeometry, what: string): number[] {
  const out = x.dims.slice(2).map((n, i) => windowOutSize(n, k[i], g, i));
  if (out.some((o) => o <= 0) && !x.dims.slice(2).some((n) => n === 0)) throw new ValueError(`${what}: the window is larger than the padded input`);
  return out.map((o) => Math.max(o, 0));
}

/**
 * Convolution (cross-correlation, as in deep learning): lhs [N, C, ...S], rhs [O, C / groups, ...k],
 * result [N, O, ...out]. The caller has checked ranks and channel counts.
 */
export function conv(lhs: Tensor, rhs: Tensor, g: ConvGeometry, groups = 1): Tensor {
  const [n, c] = lhs.dims;
  const o = rhs.dims[0];
  const k = rhs.dims.slice(2);
  const out = outDims(lhs, k, g, 'conv');
  const rd = k.map((_, i) => g.rhsDilation?.[i] ?? 1);
  const x = dilatePad(lhs, g);
  const K = sizeOf(k), L = sizeOf(out);
  const w = windows(x, k, g.strides, rd, out); // [N, C, K, L]
  const cg = c / groups;
  let y: Tensor;
  if (groups === 1) {
    y = matmul(reshapeTo(rhs, [o, cg * K]), reshapeTo(w, [n, c * K, L]));
  } else {
    const p = reshapeTo(w, [n, groups, cg * K, L]);
    y = matmul(reshapeTo(rhs, [groups, o / groups, cg * K]), p);
  }
  return reshapeTo(y, [n, o, ...out]);
}

/** conv plus a bias of [O] broadcast over the spatial dims. */
export function convBias(lhs: Tensor, rhs: Tensor, bias: Tensor | null, g: ConvGeometry, groups = 1): Tensor {
  const y = conv(lhs, rhs, g, groups);
  if (bias === null) return y;
  return add(y, reshapeTo(bias, [bias.count, ...y.dims.slice(2).map(() => 1)]));
}

/** x [N, C, ...S] padded with -inf (max pooling's padding), as zeros padded plus a constant mask. */
function padNegInf(x: Tensor, padding: readonly (readonly [number, number])[]): Tensor {
  if (padding.every(([l, h]) => l === 0 && h === 0)) return x;
  const p = dilatePad(x, { strides: [], padding });
  const mask = full(p.dims, 0, x.dt, x.flavor);
  const mv = mask.values as Float32Array | Float64Array;
  const sp = p.dims.slice(2);
  const inner = sizeOf(sp);
  for (let j = 0; j < inner; j++) {
    let r = j, inside = true;
    for (let i = sp.length - 1; i >= 0; i--) {
      const q = r % sp[i]; r = (r - q) / sp[i];
      if (q < padding[i][0] || q >= sp[i] - padding[i][1]) inside = false;
    }
    if (!inside) for (let b = 0; b < p.dims[0] * p.dims[1]; b++) mv[b * inner + j] = -Infinity;
  }
  return add(p, mask);
}

/** Pooling windows: kernel, strides, symmetric padding and dilation per spatial dim; ceil_mode. */
export interface PoolGeometry { kernel: readonly number[]; strides: readonly number[]; padding: readonly number[]; dilation?: readonly number[]; ceil?: boolean }

/**
 * The output sizes of a pooling (PyTorch's pooling_output_shape: with ceil, the last window must
 * start inside the input or its left padding) and the padding that makes every window fit: the
 * symmetric padding plus, with ceil, extra on the right.
 */
export function poolShape(dims: readonly number[], p: PoolGeometry): { out: number[]; padding: [number, number][] } {
  const out: number[] = [], padding: [number, number][] = [];
  dims.forEach((n, i) => {
    const k = p.kernel[i], s = p.strides[i], pad = p.padding[i], d = p.dilation?.[i] ?? 1;
    const span = d * (k - 1) + 1;
    const num = n + 2 * pad - span;
    let o = (p.ceil ? Math.ceil(num / s) : Math.floor(num / s)) + 1;
    if (p.ceil && (o - 1) * s >= n + pad) o--;
    out.push(o);
    padding.push([pad, pad + Math.max((o - 1) * s + span - (n + 2 * pad), 0)]);
  });
  return { out, padding };
}

function poolWindows(x: Tensor, p: PoolGeometry, padded: Tensor): { w: Tensor; out: number[] } {
  const { out } = poolShape(x.dims.slice(2), p);
  if (out.some((o) => o <= 0)) throw new ValueError('pooling: the window is larger than the padded input');
  const rd = p.kernel.map((_, i) => p.dilation?.[i] ?? 1);
  return { w: windows(padded, p.kernel, p.strides, rd, out), out };
}

/** Max pooling of x [N, C, ...S]: the first maximum of each window (its gradient goes to that element). */
export function maxPool(x: Tensor, p: PoolGeometry): Tensor {
  return maxPoolWithIndices(x, p, false)[0];
}

/**
 * Max pooling and, when asked, the flat index (within each input plane) of each maximum, as
 * PyTorch's return_indices gives it (int32 here; the facade casts).
 */
export function maxPoolWithIndices(x: Tensor, p: PoolGeometry, indices = true): [Tensor, Tensor | null] {
  const { padding } = poolShape(x.dims.slice(2), p);
  const { w, out } = poolWindows(x, p, padNegInf(x, padding));
  const at = reshapeTo(argmax(w, 2), [w.dims[0], w.dims[1], 1, w.dims[3]]);
  const values = reshapeTo(takeAlong(w, at, 2), [x.dims[0], x.dims[1], ...out]);
  if (!indices) return [values, null];
  // The input position of each (kernel offset, output position), taken at the argmax.
  const sp = x.dims.slice(2);
  const K = sizeOf(p.kernel), L = sizeOf(out);
  const table = new Int32Array(K * L);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < L; b++) {
      let ra = a, rb = b, flat = 0, mul = 1;
      for (let i = sp.length - 1; i >= 0; i--) {
        const qa = ra % p.kernel[i]; ra = (ra - qa) / p.kernel[i];
        const qb = rb % out[i]; rb = (rb - qb) / out[i];
        const pos = qb * p.strides[i] + qa * (p.dilation?.[i] ?? 1) - p.padding[i];
        flat += pos * mul;
        mul *= sp[i];
      }
      table[a * L + b] = flat;
    }
  }
  const t = new Tensor('int32', [1, 1, K, L], table, x.flavor);
  const idx = takeAlong(broadcastToDims(t, [at.dims[0], at.dims[1], K, L]), at, 2);
  return [values, reshapeTo(idx, [x.dims[0], x.dims[1], ...out])];
}

/**
 * Average pooling of x [N, C, ...S]: zeros padded; each window's sum divided by the divisor, or by
 * the window's elements inside the padded input (countIncludePad; with ceil_mode a window may pass
 * the right padding) or inside the input itself.
 */
export function avgPool(x: Tensor, p: PoolGeometry, countIncludePad = true, divisor: number | null = null): Tensor {
  const sp = x.dims.slice(2);
  const { padding } = poolShape(sp, p);
  const noDilation = { ...p, dilation: undefined };
  const { w, out } = poolWindows(x, noDilation, dilatePad(x, { strides: [], padding }));
  const shape = [x.dims[0], x.dims[1], ...out];
  const total = sum(w, 2);
  if (divisor !== null) return reshapeTo(div(total, divisor), shape);
  const extra = padding.some(([l, h]) => h !== l);
  if (countIncludePad && !extra) return reshapeTo(div(total, sizeOf(p.kernel)), shape);
  if (!countIncludePad && p.padding.every((v) => v === 0) && !extra) return reshapeTo(div(total, sizeOf(p.kernel)), shape);
  // The divisor of each window, from windows over a mask of ones (the input, and with
  // countIncludePad its symmetric padding too).
  const ones = full([1, 1, ...(countIncludePad ? sp.map((n, i) => n + 2 * p.padding[i]) : sp)], 1, x.dt, x.flavor);
  const maskPad: [number, number][] = padding.map(([l, h], i) => (countIncludePad ? [0, h - l] : [l, h]) as [number, number]);
  const counts = sum(windows(dilatePad(ones, { strides: [], padding: maskPad }), p.kernel, p.strides, p.kernel.map(() => 1), out), 2);
  return reshapeTo(div(total, counts), shape);
}
