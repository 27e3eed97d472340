// Elementwise operations: the float functions (sin, exp...), the same-dtype ones (neg, abs...),
// arithmetic, division, comparisons, logic and bitwise operations, where and clip.
import * as ops from '../../ops/index.js';
import { Tensor, Tensor as TensorClass } from '../../tensor/tensor.js';
import { tuple, type PyTuple } from '../../tensor/pytuple.js';
import { binary, castTo, compare, finish, inputOf, tensorOf, trueDivide, unaryFloat, unarySame } from '../kinds.js';
import { pyError } from '../errors.js';
import { argwhereOf, nonzeroCoords, sized } from '../nonzero.js';
import type { Library } from '../lib/library.js';
import { row, type OpRow } from './types.js';

const npUfunc1 = (n: string) => `${n}(x, /, out=None, *, where=True, casting="same_kind", order="K", dtype=None, subok=True)`;
const npUfunc2 = (n: string) => `${n}(x1, x2, /, out=None, *, where=True, casting="same_kind", order="K", dtype=None, subok=True)`;

interface Names { np?: string | string[] | null; jnp?: string | string[] | null; torch?: string | string[] | null; tf?: string | string[] | null; torchMethod?: string | string[] | null; npMethod?: string | null }

const arr = (x: string | string[] | null | undefined): string[] => (x === null || x === undefined ? [] : typeof x === 'string' ? [x] : x);

/** A float function (integers are converted to the library's float first). */
function float1(name: string, f: (x: Tensor) => Tensor, doc: string, n: Names = {}): OpRow {
  return row({
    name, doc,
    impl: (a, lib) => { checkUfuncArgs(a, name); return unaryFloat(lib, name, f, a.x); },
    np: arr(n.np === undefined ? name : n.np).map(npUfunc1),
    jnp: arr(n.jnp === undefined ? (n.np === undefined ? name : n.np) : n.jnp).map((s) => `${s}(x, /)`),
    torch: arr(n.torch === undefined ? name : n.torch).map((s) => `${s}(input, *, out=None)`),
    tf: arr(n.tf === undefined ? `math.${name}` : n.tf).map((s) => `${s}(x, name=None)`),
    methods: { torch: arr(n.torchMethod === undefined ? (n.torch === undefined ? name : n.torch) : n.torchMethod).map((s) => `${s}()`) },
  });
}

/** A function keeping its input's dtype (neg, abs, square...). */
function same1(name: string, f: (x: Tensor, lib: Library) => Tensor, doc: string, n: Names = {}): OpRow {
  return row({
    name, doc,
    impl: (a, lib) => { checkUfuncArgs(a, name); return unarySame(lib, name, (x) => f(x, lib), a.x); },
    np: arr(n.np === undefined ? name : n.np).map(npUfunc1),
    jnp: arr(n.jnp === undefined ? (n.np === undefined ? name : n.np) : n.jnp).map((s) => `${s}(x, /)`),
    torch: arr(n.torch === undefined ? name : n.torch).map((s) => `${s}(input, *, out=None)`),
    tf: arr(n.tf === undefined ? `math.${name}` : n.tf).map((s) => `${s}(x, name=None)`),
    methods: {
      torch: arr(n.torchMethod === undefined ? (n.torch === undefined ? name : n.torch) : n.torchMethod).map((s) => `${s}()`),
      ...(n.npMethod ? { numpy: `${n.npMethod}()`, jax: `${n.npMethod}()` } : {}),
    },
  });
}

type Kind2 = typeof binary;

/** A binary operation of one of the kinds (arithmetic, true division, comparison). */
function op2(name: string, kind: Kind2, f: (x: Tensor, y: Tensor) => Tensor, doc: string, n: Names = {}): OpRow {
  const tfNames = arr(n.tf === undefined ? `math.${name}` : n.tf);
  return row({
    name, doc,
    impl: (a, lib) => { checkUfuncArgs(a, name); return kind(lib, name, f, a.x, a.y); },
    np: arr(n.np === undefined ? name : n.np).map(npUfunc2),
    jnp: arr(n.jnp === undefined ? (n.np === undefined ? name : n.np) : n.jnp).map((s) => `${s}(x1, x2, /)`),
    torch: arr(n.torch === undefined ? name : n.torch).map((s) => `${s}(input, other, *, out=None)`),
    tf: tfNames.map((s) => `${s}(x, y, name=None)`),
    methods: { torch: arr(n.torchMethod === undefined ? (n.torch === undefined ? name : n.torch) : n.torchMethod).map((s) => `${s}(other)`) },
  });
}

/** NumPy's ufunc keywords that Jacobi does not take: say so rather than ignore them. */
function checkUfuncArgs(a: Record<string, unknown>, name: string): void {
  if (a.where !== undefined && a.where !== true) throw pyError('NotImplementedError', `${name}(..., where=...) is not supported by Jacobi`);
  if (a.dtype !== undefined && a.dtype !== null) throw pyError('NotImplementedError', `${name}(..., dtype=...) is not supported by Jacobi; cast the inputs first`);
  if (a.order !== undefined && a.order !== 'K' && a.order !== 'C') throw pyError('NotImplementedError', `${name}(..., order='${String(a.order)}') is not supported by Jacobi (arrays are C-ordered)`);
}

/** Integer-only power rule: NumPy, PyTorch and JAX refuse negative integer exponents. */
export function power(x: Tensor, y: Tensor): Tensor {
  if (!ops.isFloatDtype(x.dt) && y.concrete) {
    const d = y.values;
    for (let i = 0; i < d.length; i++) {
      if ((d[i] as number) < 0) throw pyError(x.flavor === 'torch' ? 'RuntimeError' : 'ValueError', 'Integers to negative integer powers are not allowed.');
    }
  }
  return ops.pow(x, y);
}

/** NumPy's round(x, decimals): scaled by 10**decimals, rounded half to even, scaled back. */
function roundTo(lib: Library, x: unknown, decimals: number): Tensor {
  const t = inputOf(lib, 'round', x);
  if (!decimals) return finish(lib, ops.round(t), [x]);
  if (!ops.isFloatDtype(t.dt)) {
    if (decimals >= 0) return finish(lib, t, [x]);
    const s = 10 ** -decimals;
    return finish(lib, castTo(ops.mul(ops.round(ops.div(t, s)), s), t.dt), [x]);
  }
  const s = 10 ** decimals;
  return finish(lib, ops.div(ops.round(ops.mul(t, s)), s), [x]);
}

export const elementwiseRows: OpRow[] = [
  float1('sin', ops.sin, 'Trigonometric sine, element-wise.'),
  float1('cos', ops.cos, 'Cosine element-wise.'),
  float1('tan', ops.tan, 'Compute tangent element-wise.'),
  float1('arcsin', ops.asin, 'Inverse sine, element-wise.', { torch: ['asin', 'arcsin'], tf: ['math.asin', 'asin'] }),
  float1('arccos', ops.acos, 'Trigonometric inverse cosine, element-wise.', { torch: ['acos', 'arccos'], tf: ['math.acos', 'acos'] }),
  float1('arctan', ops.atan, 'Trigonometric inverse tangent, element-wise.', { torch: ['atan', 'arctan'], tf: ['math.atan', 'atan'] }),
  float1('sinh', ops.sinh, 'Hyperbolic sine, element-wise.'),
  float1('cosh', ops.cosh, 'Hyperbolic cosine, element-wise.'),
  float1('tanh', ops.tanh, 'Compute hyperbolic tangent element-wise.', { tf: ['math.tanh', 'tanh', 'nn.tanh'] }),
  float1('arcsinh', ops.asinh, 'Inverse hyperbolic sine element-wise.', { torch: ['asinh', 'arcsinh'], tf: ['math.asinh', 'asinh'] }),
  float1('arccosh', ops.acosh, 'Inverse hyperbolic cosine, element-wise.', { torch: ['acosh', 'arccosh'], tf: ['math.acosh', 'acosh'] }),
  float1('arctanh', ops.atanh, 'Inverse hyperbolic tangent element-wise.', { torch: ['atanh', 'arctanh'], tf: ['math.atanh', 'atanh'] }),
  float1('exp', ops.exp, 'Calculate the exponential of all elements in the input array.', { tf: ['math.exp', 'exp'] }),
  float1('exp2', ops.exp2, 'Calculate 2**p for all p in the input array.', { tf: null }),
  float1('expm1', ops.expm1, 'Calculate exp(x) - 1 for all elements in the array.'),
  float1('log', ops.log, 'Natural logarithm, element-wise.', { tf: ['math.log', 'log'] }),
  float1('log2', ops.log2, 'Base-2 logarithm of x.', { tf: null }),
  float1('log10', ops.log10, 'Return the base 10 logarithm of the input array, element-wise.', { tf: null }),
  float1('log1p', ops.log1p, 'Return the natural logarithm of one plus the input array, element-wise.'),
  float1('sqrt', ops.sqrt, 'Return the non-negative square-root of an array, element-wise.', { tf: ['math.sqrt', 'sqrt'] }),
  float1('cbrt', ops.cbrt, 'Return the cube-root of an array, element-wise.', { torch: null, tf: null }),
  float1('rsqrt', ops.rsqrt, 'Computes reciprocal of square root of x element-wise.', { np: null, jnp: null, tf: ['math.rsqrt'] }),
  float1('erf', ops.erf, 'The Gauss error function, element-wise.', { np: null, jnp: null, tf: ['math.erf'] }),
  float1('erfinv', ops.erfinv, 'The inverse of the error function, element-wise.', { np: null, jnp: null, tf: ['math.erfinv'] }),
  float1('sigmoid', ops.sigmoid, 'The logistic sigmoid 1 / (1 + exp(-x)), element-wise.', { np: null, jnp: null, tf: ['math.sigmoid', 'sigmoid', 'nn.sigmoid'] }),
  row({
    name: 'reciprocal', doc: 'Return the reciprocal of the argument, element-wise.',
    impl: (a, lib) => (lib.name === 'numpy' ? unarySame(lib, 'reciprocal', (t) => (ops.isFloatDtype(t.dt) ? ops.reciprocal(t) : castTo(ops.floordiv(ops.toTensor(1, t.dt), t), t.dt)), a.x) : unaryFloat(lib, 'reciprocal', ops.reciprocal, a.x)),
    np: npUfunc1('reciprocal'), jnp: 'reciprocal(x, /)', torch: 'reciprocal(input, *, out=None)', tf: 'math.reciprocal(x, name=None)',
    methods: { torch: 'reciprocal()' },
  }),
  same1('negative', (x) => negate(x), 'Numerical negative, element-wise.', { torch: ['neg', 'negative'], tf: ['math.negative', 'negative'] }),
  same1('positive', (x) => x, 'Numerical positive, element-wise.', { tf: null }),
  same1('absolute', (x) => (ops.isUnsignedDtype(x.dt) || x.dt === 'bool' ? x : ops.abs(x)), 'Calculate the absolute value element-wise.', { np: ['absolute', 'abs'], jnp: ['absolute', 'abs'], torch: ['abs', 'absolute'], tf: ['math.abs', 'abs'] }),
  same1('sign', (x) => signOf(x), 'Returns an element-wise indication of the sign of a number.', { tf: ['math.sign', 'sign'] }),
  same1('square', (x) => ops.square(x.dt === 'bool' ? x : x), 'Return the element-wise square of the input.', { tf: ['math.square', 'square'] }),
  row({
    name: 'floor', doc: 'Return the floor of the input, element-wise.',
    impl: (a, lib) => rounding(lib, 'floor', ops.floor, a.x),
    np: npUfunc1('floor'), jnp: 'floor(x, /)', torch: 'floor(input, *, out=None)', tf: ['math.floor(x, name=None)', 'floor(x, name=None)'],
    methods: { torch: 'floor()' },
  }),
  row({
    name: 'ceil', doc: 'Return the ceiling of the input, element-wise.',
    impl: (a, lib) => rounding(lib, 'ceil', ops.ceil, a.x),
    np: npUfunc1('ceil'), jnp: 'ceil(x, /)', torch: 'ceil(input, *, out=None)', tf: ['math.ceil(x, name=None)'],
    methods: { torch: 'ceil()' },
  }),
  row({
    name: 'trunc', doc: 'Return the truncated value of the input, element-wise.',
    impl: (a, lib) => rounding(lib, 'trunc', ops.trunc, a.x),
    np: [npUfunc1('trunc'), npUfunc1('fix')], jnp: ['trunc(x, /)', 'fix(x, out=None)'], torch: ['trunc(input, *, out=None)', 'fix(input, *, out=None)'],
    methods: { torch: ['trunc()', 'fix()'] },
  }),
  row({
    name: 'round', doc: 'Evenly round to the given number of decimals (halves to even).',
    impl: (a, lib) => roundTo(lib, a.x, a.decimals ?? 0),
    np: ['round(a, decimals=0, out=None)', 'around(a, decimals=0, out=None)'], jnp: ['round(a, decimals=0, out=None)', 'around(a, decimals=0, out=None)'],
    torch: 'round(input, *, decimals=0, out=None)', tf: 'math.round(x, name=None)',
    methods: { numpy: 'round(decimals=0, out=None)', jax: 'round(decimals=0, out=None)', torch: 'round(*, decimals=0)' },
  }),
  row({
    name: 'rint', doc: 'Round elements of the array to the nearest integer (halves to even).',
    impl: (a, lib) => rounding(lib, 'rint', ops.round, a.x),
    np: npUfunc1('rint'), jnp: 'rint(x, /)', tf: 'math.rint(x, name=None)',
  }),
  row({
    name: 'isnan', doc: 'Test element-wise for NaN and return result as a boolean array.',
    impl: (a, lib) => unarySame(lib, 'isnan', ops.isnan, a.x),
    np: npUfunc1('isnan'), jnp: 'isnan(x, /)', torch: 'isnan(input)', tf: 'math.is_nan(x, name=None)', methods: { torch: 'isnan()' },
  }),
  row({
    name: 'isinf', doc: 'Test element-wise for positive or negative infinity.',
    impl: (a, lib) => unarySame(lib, 'isinf', ops.isinf, a.x),
    np: npUfunc1('isinf'), jnp: 'isinf(x, /)', torch: 'isinf(input)', tf: 'math.is_inf(x, name=None)', methods: { torch: 'isinf()' },
  }),
  row({
    name: 'isfinite', doc: 'Test element-wise for finiteness (not infinity and not Not a Number).',
    impl: (a, lib) => unarySame(lib, 'isfinite', ops.isfinite, a.x),
    np: npUfunc1('isfinite'), jnp: 'isfinite(x, /)', torch: 'isfinite(input)', tf: 'math.is_finite(x, name=None)', methods: { torch: 'isfinite()' },
  }),
  row({
    name: 'logical_not', doc: 'Compute the truth value of NOT x element-wise.',
    impl: (a, lib) => unarySame(lib, 'logical_not', ops.logical_not, a.x),
    np: npUfunc1('logical_not'), jnp: 'logical_not(x, /)', torch: 'logical_not(input, *, out=None)', tf: 'math.logical_not(x, name=None)', methods: { torch: 'logical_not()' },
  }),
  row({
    name: 'invert', doc: 'Compute bit-wise inversion, or bit-wise NOT, element-wise (logical NOT of booleans).',
    impl: (a, lib) => unarySame(lib, 'invert', ops.bitwise_not, a.x),
    np: [npUfunc1('invert'), npUfunc1('bitwise_not')], jnp: ['invert(x, /)', 'bitwise_not(x, /)'], torch: 'bitwise_not(input, *, out=None)', tf: 'bitwise.invert(x, name=None)',
    methods: { torch: 'bitwise_not()' },
  }),

  op2('add', binary, (x, y) => ops.add(x, y), 'Add arguments element-wise.', { tf: ['math.add', 'add'] }),
  op2('subtract', binary, (x, y) => subtract(x, y), 'Subtract arguments, element-wise.', { torch: ['sub', 'subtract'], tf: ['math.subtract', 'subtract'] }),
  op2('multiply', binary, (x, y) => ops.mul(x, y), 'Multiply arguments element-wise.', { torch: ['mul', 'multiply'], tf: ['math.multiply', 'multiply'] }),
  op2('divide', trueDivide, (x, y) => ops.div(x, y), 'Divide arguments element-wise (true division).', { np: ['divide', 'true_divide'], torch: ['div', 'divide', 'true_divide'], tf: ['math.divide', 'divide', 'math.truediv', 'truediv'] }),
  op2('floor_divide', binary, (x, y) => ops.floordiv(x, y), 'Return the largest integer smaller or equal to the division of the inputs.', { tf: ['math.floordiv', 'math.floor_div'] }),
  op2('power', binary, power, 'First array elements raised to powers from second array, element-wise.', { np: ['power', 'pow'], jnp: ['power', 'pow'], torch: ['pow', 'float_power'], tf: ['math.pow', 'pow'] }),
  op2('remainder', binary, (x, y) => ops.mod(x, y), 'Return element-wise remainder of division (the sign of the divisor, Python\'s %).', { np: ['remainder', 'mod'], jnp: ['remainder', 'mod'], torch: ['remainder'], tf: ['math.floormod', 'math.mod', 'mod'] }),
  op2('fmod', binary, (x, y) => ops.fmod(x, y), 'Return the element-wise remainder of division (the sign of the dividend, C\'s fmod).', { tf: ['math.truncatemod'] }),
  op2('maximum', binary, (x, y) => ops.maximum(x, y), 'Element-wise maximum of array elements (NaN propagates).', { tf: ['math.maximum', 'maximum'] }),
  op2('minimum', binary, (x, y) => ops.minimum(x, y), 'Element-wise minimum of array elements (NaN propagates).', { tf: ['math.minimum', 'minimum'] }),
  op2('arctan2', trueDivide, (x, y) => ops.atan2(x, y), 'Element-wise arc tangent of x1/x2 choosing the quadrant correctly.', { torch: ['atan2', 'arctan2'], tf: ['math.atan2', 'atan2'] }),
  op2('squared_difference', binary, (x, y) => ops.squared_difference(x, y), 'Returns (x - y)(x - y) element-wise.', { np: null, jnp: null, torch: null, tf: ['math.squared_difference'] }),
  op2('equal', compare, (x, y) => ops.equal(x, y), 'Return (x1 == x2) element-wise.', { torch: ['eq'], tf: ['math.equal', 'equal'] }),
  op2('not_equal', compare, (x, y) => ops.not_equal(x, y), 'Return (x1 != x2) element-wise.', { torch: ['ne', 'not_equal'], tf: ['math.not_equal', 'not_equal'] }),
  op2('less', compare, (x, y) => ops.less(x, y), 'Return the truth value of (x1 < x2) element-wise.', { torch: ['lt', 'less'], tf: ['math.less', 'less'] }),
  op2('less_equal', compare, (x, y) => ops.less_equal(x, y), 'Return the truth value of (x1 <= x2) element-wise.', { torch: ['le', 'less_equal'], tf: ['math.less_equal', 'less_equal'] }),
  op2('greater', compare, (x, y) => ops.greater(x, y), 'Return the truth value of (x1 > x2) element-wise.', { torch: ['gt', 'greater'], tf: ['math.greater', 'greater'] }),
  op2('greater_equal', compare, (x, y) => ops.greater_equal(x, y), 'Return the truth value of (x1 >= x2) element-wise.', { torch: ['ge', 'greater_equal'], tf: ['math.greater_equal', 'greater_equal'] }),
  op2('logical_and', compare, (x, y) => ops.logical_and(x, y), 'Compute the truth value of x1 AND x2 element-wise.', { tf: ['math.logical_and', 'logical_and'] }),
  op2('logical_or', compare, (x, y) => ops.logical_or(x, y), 'Compute the truth value of x1 OR x2 element-wise.', { tf: ['math.logical_or', 'logical_or'] }),
  op2('logical_xor', compare, (x, y) => ops.logical_xor(x, y), 'Compute the truth value of x1 XOR x2, element-wise.', { tf: ['math.logical_xor'] }),
  op2('bitwise_and', binary, (x, y) => ops.bitwise_and(x, y), 'Compute the bit-wise AND of two arrays element-wise.', { tf: ['bitwise.bitwise_and'] }),
  op2('bitwise_or', binary, (x, y) => ops.bitwise_or(x, y), 'Compute the bit-wise OR of two arrays element-wise.', { tf: ['bitwise.bitwise_or'] }),
  op2('bitwise_xor', binary, (x, y) => ops.bitwise_xor(x, y), 'Compute the bit-wise XOR of two arrays element-wise.', { tf: ['bitwise.bitwise_xor'] }),
  op2('left_shift', binary, (x, y) => ops.left_shift(x, y), 'Shift the bits of an integer to the left.', { torch: ['bitwise_left_shift'], tf: ['bitwise.left_shift'] }),
  op2('right_shift', binary, (x, y) => ops.right_shift(x, y), 'Shift the bits of an integer to the right.', { torch: ['bitwise_right_shift'], tf: ['bitwise.right_shift'] }),

  row({
    name: 'where', doc: 'Return elements chosen from x or y depending on condition (with one argument: the indices where it is true).',
    impl: (a, lib) => {
      const none = (v: unknown) => v === undefined || v === null;
      if (none(a.x) && none(a.y)) {
        // tf.where(condition): the coordinates of the true elements, [n, ndim] int64; jnp.where's size and fill_value.
        if (lib.name === 'tensorflow') { const c = tensorOf(lib, a.condition); return argwhereOf(lib, c, nonzeroCoords(c)); }
        if (lib.name === 'jax' && a.size !== undefined && a.size !== null) {
          const c = tensorOf(lib, a.condition);
          return tuple(...sized(nonzeroCoords(c), a.size, a.fill_value, c.dims.length).map((i) => ops.cast(new TensorClass('int32', [i.length], i, lib.flavor), lib.indexDtype)));
        }
        return nonzeroTuple(lib, a.condition);
      }
      if (none(a.x) || none(a.y)) throw pyError('ValueError', 'either both or neither of x and y should be given');
      const dt = lib.resultType('where', [a.x, a.y]);
      const x = castTo(lib.convert(a.x, dt), dt), y = castTo(lib.convert(a.y, dt), dt);
      const c = tensorOf(lib, a.condition);
      return finish(lib, ops.where(c.dt === 'bool' ? c : ops.cast(c, 'bool'), x, y), [a.x, a.y]);
    },
    np: 'where(condition, x=None, y=None, /)', jnp: 'where(condition, x=None, y=None, /, *, size=None, fill_value=None)',
    torch: 'where(condition, input=None, other=None)', tf: 'where(condition, x=None, y=None, name=None)',
    rename: { input: 'x', other: 'y', size: 'size' },
    methods: { torch: 'where(condition, y)' },
  }),
  row({
    name: 'clip', doc: 'Clip (limit) the values in an array to the interval [a_min, a_max].',
    impl: (a, lib) => {
      const lo = a.a_min ?? a.min ?? a.clip_value_min ?? null, hi = a.a_max ?? a.max ?? a.clip_value_max ?? null;
      if (lo === null && hi === null) throw pyError('ValueError', 'One of max or min must be given');
      let t = tensorOf(lib, a.x);
      const operands: unknown[] = [t];
      if (lo !== null) { t = binary(lib, 'maximum', (p, q) => ops.maximum(p, q), t, lo); operands.push(lo); }
      if (hi !== null) t = binary(lib, 'minimum', (p, q) => ops.minimum(p, q), t, hi);
      return t;
    },
    np: 'clip(a, a_min, a_max, out=None)', jnp: 'clip(a, a_min=None, a_max=None, out=None)',
    torch: ['clamp(input, min=None, max=None, *, out=None)', 'clip(input, min=None, max=None, *, out=None)'],
    tf: 'clip_by_value(t, clip_value_min, clip_value_max, name=None)',
    rename: { t: 'x' },
    methods: { numpy: 'clip(min=None, max=None, out=None)', jax: 'clip(min=None, max=None)', torch: ['clamp(min=None, max=None)', 'clip(min=None, max=None)'] },
  }),
];

/** NumPy's negative of a bool array is an error; unsigned wraps around. */
export function negate(x: Tensor): Tensor {
  if (x.dt === 'bool') {
    const msg = x.flavor === 'torch'
      ? 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.'
      : 'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.';
    throw pyError(x.flavor === 'torch' ? 'RuntimeError' : 'TypeError', msg);
  }
  return ops.neg(x);
}

export function subtract(x: Tensor, y: Tensor): Tensor {
  if (x.dt === 'bool') {
    const msg = x.flavor === 'torch'
      ? 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.'
      : 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.';
    throw pyError(x.flavor === 'torch' ? 'RuntimeError' : 'TypeError', msg);
  }
  return ops.sub(x, y);
}

function signOf(x: Tensor): Tensor {
  if (x.dt === 'bool') {
    if (x.flavor === 'torch') return x;
    throw pyError('UFuncTypeError', "ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtype[bool_]'> -> None");
  }
  return ops.isUnsignedDtype(x.dt) ? castTo(ops.not_equal(x, 0), x.dt) : ops.sign(x);
}

/** floor/ceil/trunc/rint: NumPy and JAX compute them in floats; PyTorch keeps integers; TensorFlow refuses them. */
function rounding(lib: Library, name: string, f: (x: Tensor) => Tensor, x: unknown): Tensor {
  const t = inputOf(lib, name, x);
  if (!ops.isFloatDtype(t.dt) && lib.name === 'torch') return finish(lib, t, [x]);
  return unaryFloat(lib, name, f, x);
}

/** One-argument where: NumPy's nonzero, a tuple of index arrays. */
export function nonzeroTuple(lib: Library, condition: unknown): PyTuple<Tensor> {
  const c = tensorOf(lib, condition);
  const b = c.dt === 'bool' ? c : ops.cast(c, 'bool');
  const idx = c.dims.length === 0 ? [new Int32Array(b.values[0] ? 1 : 0)] : ops.nonzeroIndices(b);
  return tuple(...idx.map((i) => ops.cast(new TensorClass('int32', [i.length], i, lib.flavor), lib.indexDtype)));
}
