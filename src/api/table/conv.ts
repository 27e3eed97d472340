// Convolutions and pooling: torch.nn.functional's conv1d/2d/3d, max_pool1d/2d, avg_pool1d/2d;
// jax.lax.conv_general_dilated and lax.conv; np/jnp convolve and correlate. All compose the ops'
// convolution (src/ops/conv.ts), so they are differentiable in both modes and batch under vmap.
import * as ops from '../../ops/index.js';
import { conv, convBias, avgPool, maxPoolWithIndices, poolShape } from '../../ops/conv.js';
import { tuple, type PyTuple } from '../../tensor/pytuple.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { DType } from '../../tensor/dtype.js';
import { castTo, finish, tensorOf } from '../kinds.js';
import { pyError } from '../errors.js';
import type { Library } from '../lib/library.js';
import { row, type Args, type OpRow } from './types.js';

const runtime = (m: string) => pyError('RuntimeError', m);
const size = (d: readonly number[]) => `[${d.join(', ')}]`;

/** PyTorch's scalar type names, as its dtype errors print them. */
const TORCH_TYPE: Partial<Record<DType, string>> = {
  float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool',
};
const TORCH_LOWER: Partial<Record<DType, string>> = { float32: 'float', float64: 'double', float16: 'c10::Half', int64: 'long int', int32: 'int' };

/** An int or a sequence of n ints, as PyTorch's _single/_pair/_triple expand them. */
function tupleArg(v: unknown, n: number): number[] {
  if (v === null || v === undefined) return new Array<number>(n).fill(1);
  if (typeof v === 'number' || typeof v === 'bigint') return new Array<number>(n).fill(Number(v));
  return [...(v as Iterable<number>)].map(Number);
}

/** The (low, high) zero padding of PyTorch's padding argument: ints, 'valid' or 'same'. */
function torchPadding(pad: unknown, n: number, k: readonly number[], dil: readonly number[], stride: readonly number[]): [number, number][] {
  if (typeof pad === 'string') {
    if (pad === 'valid') return k.map(() => [0, 0]);
    if (pad !== 'same') throw runtime(`Invalid padding string: '${pad}'`);
    if (stride.some((s) => s !== 1)) throw runtime("padding='same' is not supported for strided convolutions");
    // The total d (k - 1), the odd element on the right.
    return k.map((kk, i) => { const t = dil[i] * (kk - 1); const l = Math.floor(t / 2); return [l, t - l]; });
  }
  const p = tupleArg(pad ?? 0, n);
  if (p.some((v) => v < 0)) throw runtime('negative padding is not supported');
  return p.map((v) => [v, v]);
}

/** torch.nn.functional.conv{n}d: PyTorch's checks and messages, unbatched inputs, a bias. */
export function torchConv(a: Args, lib: Library, n: number): Tensor {
  const x0 = tensorOf(lib, a.x), w = tensorOf(lib, a.weight);
  const b = a.bias === null || a.bias === undefined ? null : tensorOf(lib, a.bias);
  if (x0.dims.length !== n + 1 && x0.dims.length !== n + 2) {
    throw runtime(`Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to conv${n}d, but got input of size: ${size(x0.dims)}`);
  }
  const batched = x0.dims.length === n + 2;
  const x = batched ? x0 : ops.expandDims(x0, 0);
  const stride = tupleArg(a.stride, n), dil = tupleArg(a.dilation, n);
  const groups = Number(a.groups ?? 1);
  const k = w.dims.length - 2;
  for (const [name, v] of [['stride', stride], ['dilation', dil]] as const) {
    if (v.length !== k) throw runtime(`expected ${name} to be a single integer value or a list of ${k} values to match the convolution dimensions, but got ${name}=${size(v)}`);
  }
  if (typeof a.padding !== 'string') {
    const p = tupleArg(a.padding ?? 0, n);
    if (p.length !== k) throw runtime(`expected padding to be a single integer value or a list of ${k} values to match the convolution dimensions, but got padding=${size(p)}`);
  }
  if (stride.some((s) => s <= 0)) throw runtime('non-positive stride is not supported');
  if (dil.some((s) => s <= 0)) throw runtime('dilation should be greater than zero');
  if (groups <= 0) throw runtime('non-positive groups is not supported');
  if (w.dims[0] % groups !== 0) throw runtime(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${size(w.dims)}] instead`);
  if (x.dims[1] !== w.dims[1] * groups) {
    throw runtime(`Given groups=${groups}, weight of size ${size(w.dims)}, expected input${size(x.dims)} to have ${w.dims[1] * groups} channels, but got ${x.dims[1]} channels instead`);
  }
  if (x.dt !== w.dt) throw runtime(`expected scalar type ${TORCH_TYPE[x.dt] ?? x.dt} but found ${TORCH_TYPE[w.dt] ?? w.dt}`);
  if (b !== null) {
    if (b.dims.length !== 1 || b.dims[0] !== w.dims[0]) {
      throw runtime(`Given weight of size ${size(w.dims)}, expected bias to be 1-dimensional with ${w.dims[0]} elements, but got bias of size ${size(b.dims)} instead`);
    }
    if (b.dt !== x.dt) throw runtime(`Input type (${TORCH_LOWER[x.dt] ?? x.dt}) and bias type (${TORCH_LOWER[b.dt] ?? b.dt}) should be the same`);
  }
  const ks = w.dims.slice(2);
  const padding = torchPadding(a.padding, n, ks, dil, stride);
  const padded = x.dims.slice(2).map((s, i) => s + padding[i][0] + padding[i][1]);
  const eff = ks.map((kk, i) => dil[i] * (kk - 1) + 1);
  if (padded.some((p, i) => p < eff[i])) {
    throw runtime(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${eff.join(' x ')}). Kernel size can't be greater than actual input size`);
  }
  const y = convBias(x, w, b, { strides: stride, padding, rhsDilation: dil }, groups);
  return finish(lib, batched ? y : ops.squeeze(y, 0), [x0]);
}

/** torch.nn.functional.{max,avg}_pool{n}d: PyTorch's checks and messages, unbatched inputs. */
export function torchPool(a: Args, lib: Library, n: number, kind: 'max' | 'avg'): Tensor | PyTuple {
  const x0 = tensorOf(lib, a.x);
  const nd = x0.dims.length;
  if (nd !== n + 1 && nd !== n + 2) {
    if (kind === 'avg' && n === 2) throw pyError('IndexError', `Dimension out of range (expected to be in range of [${-Math.max(nd, 1)}, ${Math.max(nd, 1) - 1}], but got -3)`);
    throw runtime(n === 1 ? `${kind}_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${size(x0.dims)}` : `non-empty ${n + 1}D or ${n + 2}D (batch mode) tensor expected for input`);
  }
  if (kind === 'max' && !ops.isFloatDtype(x0.dt)) throw runtime(`"max_pool${n}d" not implemented for '${TORCH_TYPE[x0.dt] ?? x0.dt}'`);
  const batched = nd === n + 2;
  const x = batched ? x0 : ops.expandDims(x0, 0);
  const kernel = tupleArg(a.kernel_size, n);
  const strideGiven = a.stride === null || a.stride === undefined || (Array.isArray(a.stride) && a.stride.length === 0);
  const stride = strideGiven ? kernel.slice() : tupleArg(a.stride, n);
  const padding = tupleArg(a.padding ?? 0, n);
  const dilation = kind === 'max' ? tupleArg(a.dilation ?? 1, n) : kernel.map(() => 1);
  if (kernel.some((k) => k <= 0)) throw runtime('kernel size should be greater than zero');
  if (stride.some((s) => s <= 0)) throw runtime('stride should not be zero');
  if (dilation.some((d) => d <= 0)) throw runtime('dilation should be greater than zero');
  padding.forEach((p, i) => {
    if (p > kernel[i] / 2) throw runtime(`pad should be at most half of kernel size, but got pad=${p} and kernel_size=${kernel[i]}`);
  });
  const pg = { kernel, strides: stride, padding, dilation, ceil: Boolean(a.ceil_mode) };
  const { out } = poolShape(x.dims.slice(2), pg);
  if (out.some((o) => o <= 0)) {
    const sp = (d: readonly number[]) => `(${[x.dims[1], ...d].join('x')})`;
    throw runtime(`Given input size: ${sp(x.dims.slice(2))}. Calculated output size: ${sp(out.map((o) => Math.max(o, 0)))}. Output size is too small`);
  }
  const unbatch = (t: Tensor) => (batched ? t : ops.squeeze(t, 0));
  if (kind === 'max') {
    const [y, idx] = maxPoolWithIndices(x, pg, Boolean(a.return_indices));
    const values = finish(lib, unbatch(y), [x0]);
    return idx === null ? values : tuple(values, finish(lib, castTo(unbatch(idx), 'int64'), []));
  }
  const div = a.divisor_override === null || a.divisor_override === undefined ? null : Number(a.divisor_override);
  let y = avgPool(x, pg, a.count_include_pad ?? true, div);
  // Integer inputs: the sum divided in integers (truncated), as PyTorch's kernel does.
  if (!ops.isFloatDtype(x.dt)) y = castTo(ops.trunc(y), x.dt);
  return finish(lib, unbatch(y), [x0]);
}

/** lax.padtype_to_pads: 'SAME' / 'SAME_LOWER' / 'VALID' as (low, high) pairs. */
function laxPads(padding: unknown, ins: readonly number[], ks: readonly number[], strides: readonly number[]): [number, number][] {
  if (typeof padding !== 'string') return [...(padding as Iterable<Iterable<number>>)].map((p) => { const [l, h] = [...p].map(Number); return [l, h]; });
  const mode = padding.toUpperCase();
  if (mode === 'VALID') return ins.map(() => [0, 0]);
  if (mode !== 'SAME' && mode !== 'SAME_LOWER') throw pyError('RuntimeError', `Unrecognized padding type: expected 'VALID' or 'SAME', got ${padding}.`);
  return ins.map((n, i) => {
    const out = Math.ceil(n / strides[i]);
    const total = Math.max((out - 1) * strides[i] + ks[i] - n, 0);
    const lo = mode === 'SAME' ? Math.floor(total / 2) : total - Math.floor(total / 2);
    return [lo, total - lo];
  });
}

/** JAX's dimension numbers (None or three layout strings) as permutations to NC..., OI..., NC.... */
function convPerms(dn: unknown, rank: number): [number[], number[], number[]] {
  const seq = Array.from({ length: rank }, (_, i) => i);
  if (dn === null || dn === undefined) return [seq, seq, seq];
  const [lhs, rhs, out] = [...(dn as Iterable<unknown>)] as unknown[];
  if (typeof lhs !== 'string' || typeof rhs !== 'string' || typeof out !== 'string') {
    // ConvDimensionNumbers(lhs_spec, rhs_spec, out_spec) as tuples of axes.
    return [lhs, rhs, out].map((s) => [...(s as Iterable<number>)].map(Number)) as [number[], number[], number[]];
  }
  for (const s of [lhs, rhs, out]) {
    if (s.length !== rank) throw pyError('TypeError', `convolution dimension_numbers[0] must have len equal to the ndim of lhs and rhs, got ${s.length} for lhs and rhs shapes.`);
  }
  const perm = (spec: string, pair: [string, string]) => {
    let spatial = [...spec].map((c, i) => [c, i] as const).filter(([c]) => !pair.includes(c)).map(([, i]) => i);
    if (spec !== rhs) spatial = spatial.sort((p, q) => rhs.indexOf(spec[p]) - rhs.indexOf(spec[q]));
    return [spec.indexOf(pair[0]), spec.indexOf(pair[1]), ...spatial];
  };
  return [perm(lhs, ['N', 'C']), perm(rhs, ['O', 'I']), perm(out, ['N', 'C'])];
}

/** jax.lax.conv_general_dilated over canonical arguments. */
function laxConv(a: Args, lib: Library, name: string): Tensor {
  const lhs = tensorOf(lib, a.lhs), rhs = tensorOf(lib, a.rhs);
  if (lhs.dt !== rhs.dt) throw pyError('TypeError', `lax.${name} requires arguments to have the same dtypes, got ${lhs.dt}, ${rhs.dt}.`);
  if (lhs.dims.length !== rhs.dims.length) throw pyError('TypeError', `conv_general_dilated lhs and rhs must have the same number of dimensions, but got ${lhs.dims.length} and ${rhs.dims.length}.`);
  const rank = lhs.dims.length, s = rank - 2;
  const [lp, rp, op] = convPerms(a.dimension_numbers, rank);
  const x = ops.transpose(lhs, lp), w = ops.transpose(rhs, rp);
  const strides = [...((a.window_strides ?? []) as Iterable<number>)].map(Number);
  const lhsDil = a.lhs_dilation === null || a.lhs_dilation === undefined ? new Array<number>(s).fill(1) : [...(a.lhs_dilation as Iterable<number>)].map(Number);
  const rhsDil = a.rhs_dilation === null || a.rhs_dilation === undefined ? new Array<number>(s).fill(1) : [...(a.rhs_dilation as Iterable<number>)].map(Number);
  const groups = Number(a.feature_group_count ?? 1);
  if (Number(a.batch_group_count ?? 1) !== 1) throw pyError('NotImplementedError', 'conv_general_dilated: batch_group_count > 1 is not supported by Jacobi');
  if (strides.length !== s) throw pyError('ValueError', `conv_general_dilated window_strides must have length ${s}, got ${strides.length}.`);
  const ks = w.dims.slice(2).map((k, i) => (k - 1) * rhsDil[i] + 1);
  const padding = laxPads(a.padding, x.dims.slice(2), ks, strides);
  if (x.dims[1] !== w.dims[1] * groups) {
    throw pyError('TypeError', `conv_general_dilated lhs feature dimension size divided by feature_group_count must equal the rhs input feature dimension size, but ${x.dims[1]} // ${groups} != ${w.dims[1]}.`);
  }
  if (w.dims[0] % groups !== 0) throw pyError('ValueError', `conv_general_dilated rhs output feature dimension size must be a multiple of feature_group_count, but ${w.dims[0]} is not a multiple of ${groups}.`);
  const y = conv(x, w, { strides, padding, lhsDilation: lhsDil, rhsDilation: rhsDil }, groups);
  const inv = new Array<number>(rank);
  op.forEach((p, i) => { inv[p] = i; });
  return finish(lib, ops.transpose(y, inv), [a.lhs, a.rhs]);
}

/** np/jnp convolve and correlate: the longer input slides under the shorter (NumPy's and JAX's _conv). */
function conv1d(a: Args, lib: Library, op: 'convolve' | 'correlate'): Tensor {
  let x = tensorOf(lib, a.x), v = tensorOf(lib, a.v);
  let dt = lib.resultType(op, [a.x, a.v]);
  if (lib.name === 'jax') {
    if (x.dims.length !== 1 || v.dims.length !== 1) throw pyError('ValueError', `${op}() only support 1-dimensional inputs.`);
    dt = lib.floatOf(dt, op);
  } else if (x.dims.length > 1 || v.dims.length > 1) throw pyError('ValueError', 'object too deep for desired array');
  if (dt === 'bool') dt = lib.name === 'numpy' ? 'bool' : dt;
  x = ops.reshape(castTo(x, dt), [-1]); v = ops.reshape(castTo(v, dt), [-1]);
  if (x.count === 0 || v.count === 0) {
    if (lib.name === 'jax') throw pyError('ValueError', `${op}: inputs cannot be empty, got shapes (${x.count},) and (${v.count},).`);
    throw pyError('ValueError', x.count === 0 && op === 'correlate' ? 'a cannot be empty' : 'v cannot be empty');
  }
  let reverse = false;
  if (x.count < v.count) { [x, v] = [v, x]; reverse = op === 'correlate'; }
  if (op === 'convolve') v = ops.getItem(v, ['::-1']);
  const mode = a.mode ?? (op === 'convolve' ? 'full' : 'valid');
  const m = v.count;
  let pad: [number, number];
  if (mode === 'valid') pad = [0, 0];
  else if (mode === 'same') pad = [Math.floor(m / 2), m - Math.floor(m / 2) - 1];
  else if (mode === 'full') pad = [m - 1, m - 1];
  else throw pyError('ValueError', lib.name === 'jax' ? "mode must be one of ['full', 'same', 'valid']" : `mode must be one of 'valid', 'same', or 'full' (got ${JSON.stringify(mode)})`);
  const bool = dt === 'bool';
  const xin = bool ? castTo(x, 'int64') : x, vin = bool ? castTo(v, 'int64') : v;
  let y = ops.reshape(conv(ops.reshape(xin, [1, 1, -1]), ops.reshape(vin, [1, 1, -1]), { strides: [1], padding: [pad] }), [-1]);
  if (reverse) y = ops.getItem(y, ['::-1']);
  if (bool) y = castTo(y, 'bool');
  return finish(lib, y, [a.x, a.v], false);
}

const CONV_DOC = (n: number) => `Applies a ${n}D convolution over an input signal composed of several input planes (cross-correlation with the weight, plus bias).`;

function torchConvRow(n: number): OpRow {
  return row({
    name: `conv${n}d`, doc: CONV_DOC(n), impl: (a, lib) => torchConv(a, lib, n),
    torch: [`conv${n}d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`, `nn.functional.conv${n}d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)`],
  });
}

/** torch's {max,avg}_pool{1,2}d (and nn.functional's): `rest` are the parameters after padding. */
function poolRow(n: 1 | 2, kind: 'max' | 'avg', doc: string, rest: string, topLevel = true): OpRow {
  const sig = `${kind}_pool${n}d(input, kernel_size, stride=None, padding=0, ${rest})`;
  return row({
    name: `${kind}_pool${n}d`, doc, impl: (a, lib) => torchPool(a, lib, n, kind),
    torch: topLevel ? [sig, `nn.functional.${sig}`] : `nn.functional.${sig}`,
  });
}

export const convRows: OpRow[] = [
  torchConvRow(1), torchConvRow(2), torchConvRow(3),
  poolRow(1, 'max', 'Applies a 1D max pooling over an input signal composed of several input planes.', 'dilation=1, ceil_mode=False, return_indices=False'),
  poolRow(2, 'max', 'Applies a 2D max pooling over an input signal composed of several input planes.', 'dilation=1, ceil_mode=False, return_indices=False'),
  poolRow(1, 'avg', 'Applies a 1D average pooling over an input signal composed of several input planes.', 'ceil_mode=False, count_include_pad=True'),
  // PyTorch 1.13 has avg_pool2d only under nn.functional (no torch.avg_pool2d: checked).
  poolRow(2, 'avg', 'Applies 2D average-pooling operation in kH x kW regions by step size sH x sW steps.', 'ceil_mode=False, count_include_pad=True, divisor_override=None', false),
  row({
    name: 'conv_general_dilated', doc: 'General n-dimensional convolution operator, with optional dilation (lhs_dilation: transposed convolution; rhs_dilation: atrous).',
    impl: (a, lib) => laxConv(a, lib, 'conv_general_dilated'),
    jax: 'lax.conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None, feature_group_count=1, batch_group_count=1, precision=None, preferred_element_type=None)',
  }),
  row({
    name: 'lax_conv', doc: 'Convenience wrapper around conv_general_dilated (NCHW / OIHW layouts, no dilation).',
    impl: (a, lib) => laxConv(a, lib, 'conv_general_dilated'),
    jax: 'lax.conv(lhs, rhs, window_strides, padding, precision=None, preferred_element_type=None)',
  }),
  row({
    name: 'convolve', doc: 'Returns the discrete, linear convolution of two one-dimensional sequences (v is flipped).',
    impl: (a, lib) => conv1d(a, lib, 'convolve'),
    np: 'convolve(a, v, mode="full")', jnp: 'convolve(a, v, mode="full", *, precision=None, preferred_element_type=None)',
  }),
  row({
    name: 'correlate', doc: 'Cross-correlation of two 1-dimensional sequences: c[k] = sum_n a[n+k] * v[n].',
    impl: (a, lib) => conv1d(a, lib, 'correlate'),
    np: 'correlate(a, v, mode="valid")', jnp: 'correlate(a, v, mode="valid", *, precision=None, preferred_element_type=None)',
  }),
];
