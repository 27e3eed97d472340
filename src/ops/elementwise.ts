// Elementwise primitives (unary, binary, comparisons, logic, where, cast) with their rules.
import { BinaryKernel, UnaryKernel } from '../kernels/compiled.js';
import { castData } from '../kernels/cast.js';
import { mapWhere } from '../kernels/where.js';
import { erf as erfScalar, roundHalfEven } from '../kernels/special.js';
import { isFloat, type DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { variableMath } from '../tensor/variable.js';
import { unwatched } from '../autodiff/levels.js';
import { bind, definePrimitive, type Primitive } from './primitive.js';
import { broadcastError } from './broadcast_error.js';
import { ShapeError } from '../tensor/shape.js';
import { flavorOf, operands, toTensor, type TensorLike } from './convert.js';
import { fitTangent, padRank, unbroadcast } from './batching.js';
import { zerosLike } from './constants.js';

function make(dtype: DType, dims: readonly number[], data: Tensor['data'], inputs: Tensor[]): Tensor {
  const t = new Tensor(dtype, dims, data, flavorOf(inputs));
  let weak = true;
  for (let i = 0; i < inputs.length; i++) weak &&= inputs[i].weak;
  if (weak) t.weak = true;
  return t;
}

// ---------------------------------------------------------------- cast

export const castP = definePrimitive<DType>({
  name: 'cast',
  torchName: 'ToCopyBackward0',
  impl: ([x], dtype) => make(dtype, x.dims, castData(x.data, x.dtype, dtype), [x]),
  jvp: ([x], [t], out, dtype) => (isFloat(dtype) && isFloat(x.dtype) ? cast(t!, dtype) : null),
  vjp: ([x]) => (ct) => [isFloat(x.dtype) ? cast(ct, x.dtype) : null],
});

export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor(x);
  return t.dtype === dtype ? t : bind(castP, [t], dtype);
}

// ---------------------------------------------------------------- unary

interface UnarySpec {
  expr: string | ((a: number) => number);
  big?: string;
  /** f'(x), from the input and/or the output; absent = not differentiable (no tangent flows). */
  deriv?: (x: Tensor, out: Tensor) => Tensor;
  /** Linear ops give the tangent map directly (neg). */
  linear?: (t: Tensor) => Tensor;
  torchName?: string;
}

function unaryPrim(name: string, spec: UnarySpec): Primitive<void> {
  const kernel = new UnaryKernel(spec.expr, spec.big);
  const { deriv, linear } = spec;
  return definePrimitive<void>({
    name,
    torchName: spec.torchName,
    impl: ([x]) => make(x.dtype, x.dims, kernel.run(x.data, x.dtype, name), [x]),
    jvp: linear ? (_p, [t]) => linear(t!) : deriv ? ([x], [t], out) => mul(t!, deriv(x, out)) : undefined,
    vjp: linear ? () => (ct) => [linear(ct)] : deriv ? ([x], out) => (ct) => [mul(ct, deriv(x, out))] : undefined,
  });
}

const SQRT_PI_2 = 2 / Math.sqrt(Math.PI);

export const unaryPrims = {
  neg: unaryPrim('neg', { expr: '-a', big: '-a', linear: (t) => neg(t) }),
  abs: unaryPrim('abs', { expr: 'Math.abs(a)', big: 'a < 0n ? -a : a', deriv: (x) => sign(x) }),
  sign: unaryPrim('sign', { expr: 'a > 0 ? 1 : a < 0 ? -1 : a', big: 'a > 0n ? 1n : a < 0n ? -1n : 0n' }),
  exp: unaryPrim('exp', { expr: 'Math.exp(a)', deriv: (_x, out) => out }),
  log: unaryPrim('log', { expr: 'Math.log(a)', deriv: (x) => reciprocal(x) }),
  log1p: unaryPrim('log1p', { expr: 'Math.log1p(a)', deriv: (x) => reciprocal(add(x, 1)) }),
  expm1: unaryPrim('expm1', { expr: 'Math.expm1(a)', deriv: (_x, out) => add(out, 1) }),
  sqrt: unaryPrim('sqrt', { expr: 'Math.sqrt(a)', deriv: (_x, out) => div(0.5, out) }),
  sin: unaryPrim('sin', { expr: 'Math.sin(a)', deriv: (x) => cos(x) }),
  cos: unaryPrim('cos', { expr: 'Math.cos(a)', deriv: (x) => neg(sin(x)) }),
  tan: unaryPrim('tan', { expr: 'Math.tan(a)', deriv: (_x, out) => add(1, square(out)) }),
  asin: unaryPrim('asin', { expr: 'Math.asin(a)', deriv: (x) => rsqrt(sub(1, square(x))) }),
  acos: unaryPrim('acos', { expr: 'Math.acos(a)', deriv: (x) => neg(rsqrt(sub(1, square(x)))) }),
  atan: unaryPrim('atan', { expr: 'Math.atan(a)', deriv: (x) => reciprocal(add(1, square(x))) }),
  sinh: unaryPrim('sinh', { expr: 'Math.sinh(a)', deriv: (x) => cosh(x) }),
  cosh: unaryPrim('cosh', { expr: 'Math.cosh(a)', deriv: (x) => sinh(x) }),
  tanh: unaryPrim('tanh', { expr: 'Math.tanh(a)', deriv: (_x, out) => sub(1, square(out)) }),
  sigmoid: unaryPrim('sigmoid', { expr: '1 / (1 + Math.exp(-a))', deriv: (_x, out) => mul(out, sub(1, out)) }),
  erf: unaryPrim('erf', { expr: erfScalar, deriv: (x) => mul(SQRT_PI_2, exp(neg(square(x)))) }),
  relu: unaryPrim('relu', { expr: 'a < 0 ? 0 : a', big: 'a < 0n ? 0n : a', deriv: (x) => cast(greater(x, 0), x.dtype) }),
  floor: unaryPrim('floor', { expr: 'Math.floor(a)', big: 'a' }),
  ceil: unaryPrim('ceil', { expr: 'Math.ceil(a)', big: 'a' }),
  round: unaryPrim('round', { expr: roundHalfEven, big: 'a' }),
  logical_not: unaryPrim('logical_not', { expr: 'a ? 0 : 1' }),
};

/** Ops that need a float input: integers and bools are converted to float32 first. */
function floatArg(x: TensorLike): Tensor {
  const t = toTensor(x);
  return isFloat(t.dtype) ? t : cast(t, 'float32');
}

const unaryFloat = (p: Primitive<void>) => (x: TensorLike): Tensor => bind(p, [floatArg(x)], undefined);
const unaryAny = (p: Primitive<void>) => (x: TensorLike): Tensor => {
  const t = toTensor(x);
  if (t.dtype === 'bool') throw new TypeError(`${p.name} is not defined for bool tensors`);
  return bind(p, [t], undefined);
};
/** floor/ceil/round of integers are the integers themselves. */
const rounding = (p: Primitive<void>) => (x: TensorLike): Tensor => {
  const t = toTensor(x);
  return isFloat(t.dtype) ? bind(p, [t], undefined) : t;
};

export const neg = unaryAny(unaryPrims.neg);
export const abs = unaryAny(unaryPrims.abs);
export const sign = unaryAny(unaryPrims.sign);
export const exp = unaryFloat(unaryPrims.exp);
export const log = unaryFloat(unaryPrims.log);
export const log1p = unaryFloat(unaryPrims.log1p);
export const expm1 = unaryFloat(unaryPrims.expm1);
export const sqrt = unaryFloat(unaryPrims.sqrt);
export const sin = unaryFloat(unaryPrims.sin);
export const cos = unaryFloat(unaryPrims.cos);
export const tan = unaryFloat(unaryPrims.tan);
export const asin = unaryFloat(unaryPrims.asin);
export const acos = unaryFloat(unaryPrims.acos);
export const atan = unaryFloat(unaryPrims.atan);
export const sinh = unaryFloat(unaryPrims.sinh);
export const cosh = unaryFloat(unaryPrims.cosh);
export const tanh = unaryFloat(unaryPrims.tanh);
export const sigmoid = unaryFloat(unaryPrims.sigmoid);
export const erf = unaryFloat(unaryPrims.erf);
export const relu = unaryAny(unaryPrims.relu);
export const floor = rounding(unaryPrims.floor);
export const ceil = rounding(unaryPrims.ceil);
export const round = rounding(unaryPrims.round);

export function logical_not(x: TensorLike): Tensor {
  return bind(unaryPrims.logical_not, [cast(x, 'bool')], undefined);
}

// Composites: their derivatives come from the primitives they are made of.
export const square = (x: TensorLike): Tensor => { const t = toTensor(x); return mul(t, t); };
export const reciprocal = (x: TensorLike): Tensor => div(1, floatArg(x));
export const rsqrt = (x: TensorLike): Tensor => reciprocal(sqrt(x));
/** log(1 + e^x), computed without overflow as max(x, 0) + log1p(e^-|x|). */
export const softplus = (x: TensorLike): Tensor => { const t = floatArg(x); return add(relu(t), log1p(exp(neg(abs(t))))); };

// ---------------------------------------------------------------- binary

type Grad = Tensor | null;
interface BinarySpec {
  expr: string;
  big?: string;
  /** For int32 storage, where `expr` in doubles would be inexact. */
  int?: string;
  /** Output dtype when it is not the operands' (comparisons give bool). */
  out?: DType;
  /** Tangent of the output from input tangents already padded to the output's rank (either may be null). */
  jvp?: (a: Tensor, b: Tensor, ta: Grad, tb: Grad, out: Tensor) => Tensor;
  /** Cotangents for a and b before unbroadcasting; the closure keeps only what it uses. */
  vjp?: (a: Tensor, b: Tensor, out: Tensor) => (ct: Tensor, need: readonly boolean[]) => [Grad, Grad];
  torchName?: string;
}

function binaryPrim(name: string, spec: BinarySpec): Primitive<void> {
  const kernel = new BinaryKernel(spec.expr, spec.big, spec.int);
  const { jvp, vjp } = spec;
  return definePrimitive<void>({
    name,
    torchName: spec.torchName,
    impl: ([a, b]) => {
      let r;
      try {
        r = kernel.run(a.data, a.dims, b.data, b.dims, spec.out ?? a.dtype, name);
      } catch (e) {
        throw e instanceof ShapeError ? broadcastError(name, a.dims, b.dims, flavorOf([a, b])) : e;
      }
      return make(spec.out ?? a.dtype, r.dims, r.data, [a, b]);
    },
    jvp: jvp && (([a, b], [ta, tb], out, _p, bd) => {
      const r = out.dims.length;
      const t = jvp(a, b, ta && padRank(ta, r, bd), tb && padRank(tb, r, bd), out);
      return fitTangent(t, out.dims, bd);
    }),
    vjp: vjp && (([a, b], out) => {
      const rule = vjp(a, b, out);
      const aDims = a.dims, bDims = b.dims;
      return (ct, bd, need) => {
        const [ga, gb] = rule(ct, need);
        return [ga && need[0] ? unbroadcast(ga, aDims, bd) : null, gb && need[1] ? unbroadcast(gb, bDims, bd) : null];
      };
    }),
  });
}

/** a + b where either may be a symbolic zero (at least one is not). */
function addTangents(a: Grad, b: Grad): Tensor {
  return a === null ? b! : b === null ? a : add(a, b);
}

const FLOOR_MOD = '((a % b) !== 0 && ((a % b) < 0) !== (b < 0)) ? (a % b) + b : (a % b)';

export const binaryPrims = {
  add: binaryPrim('add', {
    expr: 'a + b', big: 'a + b',
    jvp: (_a, _b, ta, tb) => addTangents(ta, tb),
    vjp: () => (ct, need) => [need[0] ? ct : null, need[1] ? ct : null],
  }),
  sub: binaryPrim('sub', {
    expr: 'a - b', big: 'a - b',
    jvp: (_a, _b, ta, tb) => (tb === null ? ta! : ta === null ? neg(tb) : sub(ta, tb)),
    vjp: () => (ct, need) => [need[0] ? ct : null, need[1] ? neg(ct) : null],
  }),
  mul: binaryPrim('mul', {
    expr: 'a * b', big: 'a * b', int: 'Math.imul(a, b)',
    jvp: (a, b, ta, tb) => addTangents(ta && mul(ta, b), tb && mul(a, tb)),
    vjp: (a, b) => (ct, need) => [need[0] ? mul(ct, b) : null, need[1] ? mul(a, ct) : null],
  }),
  div: binaryPrim('div', {
    expr: 'a / b',
    jvp: (_a, b, ta, tb, out) => addTangents(ta && div(ta, b), tb && neg(div(mul(tb, out), b))),
    vjp: (_a, b, out) => (ct, need) => [need[0] ? div(ct, b) : null, need[1] ? neg(div(mul(ct, out), b)) : null],
  }),
  pow: binaryPrim('pow', {
    expr: 'Math.pow(a, b)', big: 'b < 0n ? 0n : a ** b',
    // d/da a^b = b·a^(b−1); d/db a^b = a^b·log(a), taken as 0 where a <= 0 (as TensorFlow and JAX do).
    jvp: (a, b, ta, tb, out) => addTangents(ta && mul(ta, powBaseDeriv(a, b)), tb && mul(tb, powExpDeriv(a, out))),
    vjp: (a, b, out) => (ct, need) => [need[0] ? mul(ct, powBaseDeriv(a, b)) : null, need[1] ? mul(ct, powExpDeriv(a, out)) : null],
  }),
  maximum: binaryPrim('maximum', {
    expr: 'a !== a ? a : (b !== b ? b : (a >= b ? a : b))', big: 'a >= b ? a : b',
    jvp: (a, b, ta, tb) => selectTangent(greater_equal(a, b), ta, tb),
    vjp: (a, b) => (ct) => splitCotangent(greater_equal(a, b), ct),
  }),
  minimum: binaryPrim('minimum', {
    expr: 'a !== a ? a : (b !== b ? b : (a <= b ? a : b))', big: 'a <= b ? a : b',
    jvp: (a, b, ta, tb) => selectTangent(less_equal(a, b), ta, tb),
    vjp: (a, b) => (ct) => splitCotangent(less_equal(a, b), ct),
  }),
  mod: binaryPrim('mod', {
    expr: `b === 0 ? NaN : (${FLOOR_MOD})`,
    int: `b === 0 ? 0 : (${FLOOR_MOD})`,
    big: 'b === 0n ? 0n : (((a % b) !== 0n && ((a % b) < 0n) !== (b < 0n)) ? (a % b) + b : (a % b))',
    // a mod b = a − floor(a/b)·b.
    jvp: (a, b, ta, tb) => addTangents(ta, tb && neg(mul(tb, floor(div(a, b))))),
    vjp: (a, b) => (ct, need) => [need[0] ? ct : null, need[1] ? neg(mul(ct, floor(div(a, b)))) : null],
  }),
  floordiv: binaryPrim('floordiv', {
    expr: 'H.floordiv(a, b)',
    int: 'b === 0 ? 0 : Math.floor(a / b)',
    big: 'b === 0n ? 0n : (a / b) - ((((a % b) !== 0n) && (((a % b) < 0n) !== (b < 0n))) ? 1n : 0n)',
  }),
  atan2: binaryPrim('atan2', {
    expr: 'Math.atan2(a, b)',
    jvp: (a, b, ta, tb) => {
      const r = add(square(a), square(b));
      return addTangents(ta && div(mul(ta, b), r), tb && neg(div(mul(tb, a), r)));
    },
    vjp: (a, b) => (ct) => {
      const r = add(square(a), square(b));
      return [div(mul(ct, b), r), neg(div(mul(ct, a), r))];
    },
  }),
  equal: binaryPrim('equal', { expr: 'a === b ? 1 : 0', big: 'a === b ? 1 : 0', out: 'bool' }),
  not_equal: binaryPrim('not_equal', { expr: 'a !== b ? 1 : 0', big: 'a !== b ? 1 : 0', out: 'bool' }),
  less: binaryPrim('less', { expr: 'a < b ? 1 : 0', big: 'a < b ? 1 : 0', out: 'bool' }),
  less_equal: binaryPrim('less_equal', { expr: 'a <= b ? 1 : 0', big: 'a <= b ? 1 : 0', out: 'bool' }),
  greater: binaryPrim('greater', { expr: 'a > b ? 1 : 0', big: 'a > b ? 1 : 0', out: 'bool' }),
  greater_equal: binaryPrim('greater_equal', { expr: 'a >= b ? 1 : 0', big: 'a >= b ? 1 : 0', out: 'bool' }),
  logical_and: binaryPrim('logical_and', { expr: 'a && b ? 1 : 0', out: 'bool' }),
  logical_or: binaryPrim('logical_or', { expr: 'a || b ? 1 : 0', out: 'bool' }),
  logical_xor: binaryPrim('logical_xor', { expr: '(a ? 1 : 0) ^ (b ? 1 : 0)', out: 'bool' }),
};

function powBaseDeriv(a: Tensor, b: Tensor): Tensor {
  return mul(b, pow(a, sub(b, 1)));
}

function powExpDeriv(a: Tensor, out: Tensor): Tensor {
  const positive = greater(a, 0);
  return where(positive, mul(out, log(where(positive, a, 1))), 0);
}

function selectTangent(mask: Tensor, ta: Grad, tb: Grad): Tensor {
  return where(mask, ta ?? 0, tb ?? 0);
}

function splitCotangent(mask: Tensor, ct: Tensor): [Tensor, Tensor] {
  return [where(mask, ct, 0), where(mask, 0, ct)];
}

const arith = (p: Primitive<void>, tfName: string) => (a: TensorLike, b: TensorLike): Tensor => {
  const [x, y] = operands(a, b, tfName);
  if (x.dtype === 'bool' && p !== binaryPrims.mul) throw new TypeError(`${p.name} is not defined for bool tensors; cast them first`);
  return bind(p, [x, y], undefined);
};
/** Ops whose result is always a float (true division, atan2): integers are converted first. */
const floatBinary = (p: Primitive<void>, tfName: string) => (a: TensorLike, b: TensorLike): Tensor => {
  let [x, y] = operands(a, b, tfName);
  if (!isFloat(x.dtype)) { x = cast(x, 'float32'); y = cast(y, 'float32'); }
  return bind(p, [x, y], undefined);
};
const compare = (p: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor => {
  const [x, y] = operands(a, b, p.name);
  return bind(p, [x, y], undefined);
};
const logical = (p: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor =>
  bind(p, [cast(a, 'bool'), cast(b, 'bool')], undefined);

export const add = arith(binaryPrims.add, 'add');
export const sub = arith(binaryPrims.sub, 'sub');
// Variable updates are plain (unrecorded) arithmetic in the variable's dtype.
variableMath.add = (a, b) => unwatched(() => cast(add(a, b), a.dtype));
variableMath.sub = (a, b) => unwatched(() => cast(sub(a, b), a.dtype));
export const mul = arith(binaryPrims.mul, 'mul');
export const div = floatBinary(binaryPrims.div, 'div');
export const pow = arith(binaryPrims.pow, 'pow');
export const maximum = arith(binaryPrims.maximum, 'maximum');
export const minimum = arith(binaryPrims.minimum, 'minimum');
export const mod = arith(binaryPrims.mod, 'mod');
export const floordiv = arith(binaryPrims.floordiv, 'floordiv');
export const atan2 = floatBinary(binaryPrims.atan2, 'atan2');
export const equal = compare(binaryPrims.equal);
export const not_equal = compare(binaryPrims.not_equal);
export const less = compare(binaryPrims.less);
export const less_equal = compare(binaryPrims.less_equal);
export const greater = compare(binaryPrims.greater);
export const greater_equal = compare(binaryPrims.greater_equal);
export const logical_and = logical(binaryPrims.logical_and);
export const logical_or = logical(binaryPrims.logical_or);
export const logical_xor = logical(binaryPrims.logical_xor);

/** (a − b)², TensorFlow's squared_difference. */
export const squared_difference = (a: TensorLike, b: TensorLike): Tensor => square(sub(a, b));

// ---------------------------------------------------------------- where

export const whereP = definePrimitive<void>({
  name: 'where',
  torchName: 'WhereBackward0',
  impl: ([c, a, b]) => {
    const r = mapWhere(c.data, c.dims, a.data, a.dims, b.data, b.dims, a.dtype);
    return make(a.dtype, r.dims, r.data, [a, b]);
  },
  jvp: ([c, a, b], [, ta, tb], out, _p, bd) => {
    const r = out.dims.length;
    const za = ta ? padRank(ta, r, bd) : null, zb = tb ? padRank(tb, r, bd) : null;
    return fitTangent(where(c, za ?? zerosLike(zb!), zb ?? zerosLike(za!)), out.dims, bd);
  },
  vjp: ([c, a, b]) => {
    const aDims = a.dims, bDims = b.dims;
    return (ct, bd) => [null, unbroadcast(where(c, ct, 0), aDims, bd), unbroadcast(where(c, 0, ct), bDims, bd)];
  },
});

/** NumPy's where(condition, x, y), broadcasting all three. */
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = operands(x, y, 'SelectV2');
  return bind(whereP, [cast(condition, 'bool'), a, b], undefined);
}
