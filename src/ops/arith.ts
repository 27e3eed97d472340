// Elementwise primitives (unary, binary, comparisons, logic, bitwise, where) with their rules, and
// the functions over them with the runtime's neutral promotion (the facades apply their library's
// dtype rules before calling these).
import { BinaryKernel, UnaryKernel, type Exprs } from '../kernels/compiled.js';
import { mapWhere } from '../kernels/where.js';
import { erf as erfScalar, erfinv as erfinvScalar, roundHalfEven } from '../kernels/special.js';
import { isFloat, type DType, type TensorData } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { ShapeError } from '../tensor/shape.js';
import { scalar, zeros } from '../tensor/create.js';
import { bind, definePrimitive, type Grad, type Primitive } from '../core/primitive.js';
import { commonDtype, floatArg, flavorOf, operands, toTensor, type TensorLike } from './convert.js';
import { cast } from './cast.js';
import { result } from './result.js';
import { deferBinary, deferUnary } from './fused.js';
import { batchFirst, fitTo, reshapeTo, unbroadcast } from './structural.js';
import { BroadcastError } from './errors.js';


// ---------------------------------------------------------------- batching

/**
 * Elementwise primitives over a batch: batched inputs get their batch axis first and ones inserted
 * up to the widest example's rank, so that broadcasting lines the examples up; unbatched inputs
 * broadcast against the batch as they are.
 */
function batchElementwise<P>(prim: Primitive<P>) {
  return (xs: Tensor[], ds: (number | null)[], params: P): [Tensor, number | null] => {
    let rank = 0;
    xs.forEach((x, k) => { rank = Math.max(rank, x.dims.length - (ds[k] === null ? 0 : 1)); });
    const ins = xs.map((x, k) => {
      if (ds[k] === null) return x;
      const b = batchFirst(x, ds[k]!);
      const own = b.dims.length - 1;
      return own < rank ? reshapeTo(b, [b.dims[0], ...new Array<number>(rank - own).fill(1), ...b.dims.slice(1)]) : b;
    });
    return [bind(prim, ins, params), 0];
  };
}

// ---------------------------------------------------------------- unary

interface UnarySpec extends Partial<Exprs> {
  /** What one expression cannot say (erf): a function of the value. */
  fn?: (a: number) => number;
  /** Output dtype when it is not the input's (isnan gives bool). */
  out?: DType;
  /** f'(x) from the input; absent (with derivOut) = piecewise constant (no tangent flows). */
  deriv?: (x: Tensor) => Tensor;
  /** f'(x) from the output (exp: the output itself). */
  derivOut?: (out: Tensor) => Tensor;
  /** Linear ops give the tangent map directly (neg). */
  linear?: (t: Tensor) => Tensor;
}

function unaryPrim(name: string, spec: UnarySpec): Primitive<void> {
  const kernel = new UnaryKernel({ expr: spec.expr ?? 'a', big: spec.big, int: spec.int }, spec.fn);
  const { linear } = spec;
  const deriv = spec.deriv ? (x: Tensor) => spec.deriv!(x) : spec.derivOut ? (_x: Tensor, out: Tensor) => spec.derivOut!(out) : undefined;
  const prim: Primitive<void> = definePrimitive<void>({
    name,
    linear: linear !== undefined,
    saves: spec.derivOut ? { inputs: [], out: true } : undefined,
    impl: ([x]) => deferUnary(name, x, spec.out ?? x.dt) ?? result(spec.out ?? x.dt, x.dims, kernel.run(x.values, spec.out ?? x.dt, name), [x]),
    jvp: linear ? (_p, [t]) => linear(t!) : deriv ? ([x], [t], out) => mul(t!, deriv(x, out)) : undefined,
    vjp: linear ? () => (ct) => [linear(ct)] : deriv ? ([x], out) => (ct) => [mul(ct, deriv(x, out))] : undefined,
    batch: ([x], [d]) => [bind(prim, [x], undefined), d],
  });
  return prim;
}

const SQRT_PI_2 = 2 / Math.sqrt(Math.PI);
const LN2 = Math.LN2, LN10 = Math.LN10;

export const unaryPrims = {
  neg: unaryPrim('neg', { expr: '-a', big: '-a', linear: (t) => neg(t) }),
  abs: unaryPrim('abs', { expr: 'Math.abs(a)', big: 'a < 0n ? -a : a', deriv: (x) => sign(x) }),
  sign: unaryPrim('sign', { expr: 'a > 0 ? 1 : a < 0 ? -1 : a', big: 'a > 0n ? 1n : a < 0n ? -1n : 0n' }),
  exp: unaryPrim('exp', { expr: 'Math.exp(a)', derivOut: (out) => out }),
  exp2: unaryPrim('exp2', { expr: 'Math.pow(2, a)', derivOut: (out) => mul(out, LN2) }),
  log: unaryPrim('log', { expr: 'Math.log(a)', deriv: (x) => reciprocal(x) }),
  log2: unaryPrim('log2', { expr: 'Math.log2(a)', deriv: (x) => reciprocal(mul(x, LN2)) }),
  log10: unaryPrim('log10', { expr: 'Math.log10(a)', deriv: (x) => reciprocal(mul(x, LN10)) }),
  log1p: unaryPrim('log1p', { expr: 'Math.log1p(a)', deriv: (x) => reciprocal(add(x, 1)) }),
  expm1: unaryPrim('expm1', { expr: 'Math.expm1(a)', derivOut: (out) => add(out, 1) }),
  sqrt: unaryPrim('sqrt', { expr: 'Math.sqrt(a)', derivOut: (out) => div(0.5, out) }),
  cbrt: unaryPrim('cbrt', { expr: 'Math.cbrt(a)', derivOut: (out) => div(1 / 3, mul(out, out)) }),
  sin: unaryPrim('sin', { expr: 'Math.sin(a)', deriv: (x) => cos(x) }),
  cos: unaryPrim('cos', { expr: 'Math.cos(a)', deriv: (x) => neg(sin(x)) }),
  tan: unaryPrim('tan', { expr: 'Math.tan(a)', derivOut: (out) => add(1, square(out)) }),
  asin: unaryPrim('asin', { expr: 'Math.asin(a)', deriv: (x) => rsqrt(sub(1, square(x))) }),
  acos: unaryPrim('acos', { expr: 'Math.acos(a)', deriv: (x) => neg(rsqrt(sub(1, square(x)))) }),
  atan: unaryPrim('atan', { expr: 'Math.atan(a)', deriv: (x) => reciprocal(add(1, square(x))) }),
  sinh: unaryPrim('sinh', { expr: 'Math.sinh(a)', deriv: (x) => cosh(x) }),
  cosh: unaryPrim('cosh', { expr: 'Math.cosh(a)', deriv: (x) => sinh(x) }),
  tanh: unaryPrim('tanh', { expr: 'Math.tanh(a)', derivOut: (out) => sub(1, square(out)) }),
  asinh: unaryPrim('asinh', { expr: 'Math.asinh(a)', deriv: (x) => rsqrt(add(square(x), 1)) }),
  acosh: unaryPrim('acosh', { expr: 'Math.acosh(a)', deriv: (x) => rsqrt(sub(square(x), 1)) }),
  atanh: unaryPrim('atanh', { expr: 'Math.atanh(a)', deriv: (x) => reciprocal(sub(1, square(x))) }),
  sigmoid: unaryPrim('sigmoid', { expr: '1 / (1 + Math.exp(-a))', derivOut: (out) => mul(out, sub(1, out)) }),
  erf: unaryPrim('erf', { fn: erfScalar, deriv: (x) => mul(SQRT_PI_2, exp(neg(square(x)))) }),
  erfinv: unaryPrim('erfinv', { fn: erfinvScalar, derivOut: (out) => mul(1 / SQRT_PI_2, exp(square(out))) }),
  relu: unaryPrim('relu', { expr: 'a < 0 ? 0 : a', big: 'a < 0n ? 0n : a', deriv: (x) => cast(greater(x, 0), x.dt) }),
  floor: unaryPrim('floor', { expr: 'Math.floor(a)', big: 'a' }),
  ceil: unaryPrim('ceil', { expr: 'Math.ceil(a)', big: 'a' }),
  trunc: unaryPrim('trunc', { expr: 'Math.trunc(a)', big: 'a' }),
  round: unaryPrim('round', { fn: roundHalfEven, expr: 'a', big: 'a' }),
  logical_not: unaryPrim('logical_not', { expr: 'a ? 0 : 1', big: 'a ? 0 : 1', out: 'bool' }),
  bitwise_not: unaryPrim('bitwise_not', { expr: '~a', big: '~a' }),
  isnan: unaryPrim('isnan', { expr: 'a !== a ? 1 : 0', big: '0', out: 'bool' }),
  isinf: unaryPrim('isinf', { expr: '(a === Infinity || a === -Infinity) ? 1 : 0', big: '0', out: 'bool' }),
  isfinite: unaryPrim('isfinite', { expr: 'Number.isFinite(a) ? 1 : 0', big: '1', out: 'bool' }),
};

const unaryFloat = (p: Primitive<void>) => (x: TensorLike): Tensor => bind(p, [floatArg(x)], undefined);
const unaryAny = (p: Primitive<void>) => (x: TensorLike): Tensor => {
  const t = toTensor(x);
  if (t.dt === 'bool') throw new TypeError(`${p.name} is not defined for bool tensors`);
  return bind(p, [t], undefined);
};
/** floor/ceil/round of integers are the integers themselves. */
const rounding = (p: Primitive<void>) => (x: TensorLike): Tensor => {
  const t = toTensor(x);
  return isFloat(t.dt) ? bind(p, [t], undefined) : t;
};

export const neg = unaryAny(unaryPrims.neg);
export const abs = unaryAny(unaryPrims.abs);
export const sign = unaryAny(unaryPrims.sign);
export const exp = unaryFloat(unaryPrims.exp);
export const exp2 = unaryFloat(unaryPrims.exp2);
export const log = unaryFloat(unaryPrims.log);
export const log2 = unaryFloat(unaryPrims.log2);
export const log10 = unaryFloat(unaryPrims.log10);
export const log1p = unaryFloat(unaryPrims.log1p);
export const expm1 = unaryFloat(unaryPrims.expm1);
export const sqrt = unaryFloat(unaryPrims.sqrt);
export const cbrt = unaryFloat(unaryPrims.cbrt);
export const sin = unaryFloat(unaryPrims.sin);
export const cos = unaryFloat(unaryPrims.cos);
export const tan = unaryFloat(unaryPrims.tan);
export const asin = unaryFloat(unaryPrims.asin);
export const acos = unaryFloat(unaryPrims.acos);
export const atan = unaryFloat(unaryPrims.atan);
export const sinh = unaryFloat(unaryPrims.sinh);
export const cosh = unaryFloat(unaryPrims.cosh);
export const tanh = unaryFloat(unaryPrims.tanh);
export const asinh = unaryFloat(unaryPrims.asinh);
export const acosh = unaryFloat(unaryPrims.acosh);
export const atanh = unaryFloat(unaryPrims.atanh);
export const sigmoid = unaryFloat(unaryPrims.sigmoid);
export const erf = unaryFloat(unaryPrims.erf);
export const erfinv = unaryFloat(unaryPrims.erfinv);
export const relu = unaryAny(unaryPrims.relu);
export const floor = rounding(unaryPrims.floor);
export const ceil = rounding(unaryPrims.ceil);
export const trunc = rounding(unaryPrims.trunc);
export const round = rounding(unaryPrims.round);

export function logical_not(x: TensorLike): Tensor {
  return bind(unaryPrims.logical_not, [toTensor(x)], undefined);
}

/** `~x`: bitwise not of integers, logical not of bools. */
export function bitwise_not(x: TensorLike): Tensor {
  const t = toTensor(x);
  if (t.dt === 'bool') return logical_not(t);
  if (isFloat(t.dt)) throw new TypeError("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''");
  return bind(unaryPrims.bitwise_not, [t], undefined);
}

export const isnan = (x: TensorLike): Tensor => bind(unaryPrims.isnan, [toTensor(x)], undefined);
export const isinf = (x: TensorLike): Tensor => bind(unaryPrims.isinf, [toTensor(x)], undefined);
export const isfinite = (x: TensorLike): Tensor => bind(unaryPrims.isfinite, [toTensor(x)], undefined);

// Composites: their derivatives come from the primitives they are made of.
export const square = (x: TensorLike): Tensor => { const t = toTensor(x); return mul(t, t); };
export const reciprocal = (x: TensorLike): Tensor => div(1, floatArg(x));
export const rsqrt = (x: TensorLike): Tensor => reciprocal(sqrt(x));
/** log(1 + e^x), computed without overflow as max(x, 0) + log1p(e^-|x|). */
export const softplus = (x: TensorLike): Tensor => { const t = floatArg(x); return add(relu(t), log1p(exp(neg(abs(t))))); };

// ---------------------------------------------------------------- binary

interface BinarySpec extends Exprs {
  /** Output dtype when it is not the operands' (comparisons give bool). */
  out?: DType;
  /** Tangent of the output from input tangents (either may be null). */
  jvp?: (a: Tensor, b: Tensor, ta: Grad, tb: Grad, out: Tensor) => Tensor;
  /** Cotangents for a and b before unbroadcasting; the closure keeps only what it uses. */
  vjp?: (a: Tensor, b: Tensor, out: Tensor) => (ct: Tensor, need: readonly boolean[]) => [Grad, Grad];
  linear?: boolean;
  /** What the cotangent map reads (both operands by default). */
  saves?: Primitive['saves'];
  /** The result by a cheaper kernel where it is the same (x ** 2 as x * x); undefined to run the op's own. */
  shortcut?: (a: Tensor, b: Tensor) => { data: TensorData; dims: readonly number[] } | undefined;
}

function binaryPrim(name: string, spec: BinarySpec): Primitive<void> {
  const kernel = new BinaryKernel(spec);
  const { jvp, vjp } = spec;
  const prim: Primitive<void> = definePrimitive<void>({
    name,
    linear: spec.linear,
    saves: spec.saves,
    impl: ([a, b]) => {
      const later = deferBinary(name, a, b, spec.out ?? a.dt);
      if (later !== null) return later;
      let r;
      try {
        r = spec.shortcut?.(a, b) ?? kernel.run(a.values, a.dims, b.values, b.dims, spec.out ?? a.dt, name);
      } catch (e) {
        throw e instanceof ShapeError ? new BroadcastError(name, a.dims, b.dims, flavorOf([a, b])) : e;
      }
      return result(spec.out ?? a.dt, r.dims, r.data, [a, b]);
    },
    jvp: jvp && (([a, b], [ta, tb], out) => fitTo(jvp(a, b, ta, tb, out), out.dims)),
    vjp: vjp && (([a, b], out) => {
      const rule = vjp(a, b, out);
      const aDims = a.dims, bDims = b.dims;
      return (ct, need) => {
        const [ga, gb] = rule(ct, need);
        return [ga && need[0] ? unbroadcast(ga, aDims) : null, gb && need[1] ? unbroadcast(gb, bDims) : null];
      };
    }),
  });
  (prim as { batch: Primitive<void>['batch'] }).batch = batchElementwise(prim);
  return prim;
}

/** a + b where either may be a symbolic zero (at least one is not). */
function addTangents(a: Grad, b: Grad): Tensor {
  return a === null ? b! : b === null ? a : add(a, b);
}

const MUL: Exprs = { expr: 'a * b', big: 'a * b', int: 'Math.imul(a, b)' };
/** mul's kernel, for pow's x ** 2. */
const squareKernel = new BinaryKernel(MUL);

const FLOOR_MOD = '((a % b) !== 0 && ((a % b) < 0) !== (b < 0)) ? (a % b) + b : (a % b)';
const BIG_FLOOR_MOD = 'b === 0n ? 0n : (((a % b) !== 0n && ((a % b) < 0n) !== (b < 0n)) ? (a % b) + b : (a % b))';

export const binaryPrims = {
  add: binaryPrim('add', {
    expr: 'a + b', big: 'a + b', linear: true,
    jvp: (_a, _b, ta, tb) => addTangents(ta, tb),
    vjp: () => (ct, need) => [need[0] ? ct : null, need[1] ? ct : null],
  }),
  sub: binaryPrim('sub', {
    expr: 'a - b', big: 'a - b', linear: true,
    jvp: (_a, _b, ta, tb) => (tb === null ? ta! : ta === null ? neg(tb) : sub(ta, tb)),
    vjp: () => (ct, need) => [need[0] ? ct : null, need[1] ? neg(ct) : null],
  }),
  mul: binaryPrim('mul', {
    ...MUL,
    jvp: (a, b, ta, tb) => addTangents(ta && mul(ta, b), tb && mul(a, tb)),
    vjp: (a, b) => (ct, need) => [need[0] ? mul(ct, b) : null, need[1] ? mul(a, ct) : null],
  }),
  div: binaryPrim('div', {
    expr: 'a / b', saves: { inputs: [1], out: true },
    jvp: (_a, b, ta, tb, out) => addTangents(ta && div(ta, b), tb && neg(div(mul(tb, out), b))),
    vjp: (_a, b, out) => (ct, need) => [need[0] ? div(ct, b) : null, need[1] ? neg(div(mul(ct, out), b)) : null],
  }),
  pow: binaryPrim('pow', {
    expr: 'Math.pow(a, b)', big: 'b < 0n ? 0n : a ** b', int: 'H.ipow(a, b)', saves: { inputs: [0, 1], out: true },
    // x ** 2 (a loss's square) is x * x to the bit: fdlibm's pow, V8's Math.pow, returns x*x for y == 2.
    shortcut: (a, b) => (isFloat(a.dt) && b.dt === a.dt && b.count === 1 && b.dims.length <= a.dims.length && b.values[0] === 2
      ? squareKernel.run(a.values, a.dims, a.values, a.dims, a.dt, 'mul') : undefined),
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
    big: BIG_FLOOR_MOD,
    // a mod b = a − floor(a/b)·b.
    jvp: (a, b, ta, tb) => addTangents(ta, tb && neg(mul(tb, floor(div(a, b))))),
    vjp: (a, b) => (ct, need) => [need[0] ? ct : null, need[1] ? neg(mul(ct, floor(div(a, b)))) : null],
  }),
  fmod: binaryPrim('fmod', {
    expr: 'a % b', int: 'b === 0 ? 0 : a % b', big: 'b === 0n ? 0n : a % b',
    jvp: (a, b, ta, tb) => addTangents(ta, tb && neg(mul(tb, trunc(div(a, b))))),
    vjp: (a, b) => (ct, need) => [need[0] ? ct : null, need[1] ? neg(mul(ct, trunc(div(a, b)))) : null],
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
  logical_and: binaryPrim('logical_and', { expr: 'a && b ? 1 : 0', big: 'a && b ? 1 : 0', out: 'bool' }),
  logical_or: binaryPrim('logical_or', { expr: 'a || b ? 1 : 0', big: 'a || b ? 1 : 0', out: 'bool' }),
  logical_xor: binaryPrim('logical_xor', { expr: '(a ? 1 : 0) ^ (b ? 1 : 0)', big: '(a ? 1 : 0) ^ (b ? 1 : 0)', out: 'bool' }),
  bitwise_and: binaryPrim('bitwise_and', { expr: 'a & b', big: 'a & b' }),
  bitwise_or: binaryPrim('bitwise_or', { expr: 'a | b', big: 'a | b' }),
  bitwise_xor: binaryPrim('bitwise_xor', { expr: 'a ^ b', big: 'a ^ b' }),
  left_shift: binaryPrim('left_shift', { expr: 'b >= 32 || b < 0 ? 0 : a * Math.pow(2, b)', big: 'b < 0n ? 0n : a << b' }),
  right_shift: binaryPrim('right_shift', { expr: 'b >= 32 ? (a < 0 ? -1 : 0) : Math.floor(a / Math.pow(2, b))', big: 'b < 0n ? 0n : a >> b' }),
};

function powBaseDeriv(a: Tensor, b: Tensor): Tensor {
  // b − 1 in the dtype a and b meet at: a weak exponent minus the weak 1 would drop to float32.
  const one = scalar(1, commonDtype(a, b), a.flavor);
  return mul(b, pow(a, sub(b, one)));
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

/** On bools, + is `or` and * is `and` (as NumPy and PyTorch define them); the rest has no bool meaning. */
const BOOL_AS: Partial<Record<string, Primitive<void>>> = {};
const arith = (p: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor => {
  const [x, y] = operands(a, b);
  if (x.dt === 'bool') {
    const q = BOOL_AS[p.name];
    if (q === undefined) throw new TypeError(`${p.name} is not defined for bool tensors; cast them first`);
    return bind(q, [x, y], undefined);
  }
  return bind(p, [x, y], undefined);
};
/** Ops whose result is always a float (true division, atan2): integers are converted first. */
const floatBinary = (p: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor => {
  let [x, y] = operands(a, b);
  if (!isFloat(x.dt)) { x = cast(x, 'float32'); y = cast(y, 'float32'); }
  return bind(p, [x, y], undefined);
};
const compare = (p: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor => {
  const [x, y] = operands(a, b);
  return bind(p, [x, y], undefined);
};
const logical = (p: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor =>
  bind(p, [cast(toTensor(a), 'bool'), cast(toTensor(b), 'bool')], undefined);
const bitwise = (p: Primitive<void>, logicalP: Primitive<void>) => (a: TensorLike, b: TensorLike): Tensor => {
  const [x, y] = operands(a, b);
  if (x.dt === 'bool') return bind(logicalP, [x, y], undefined);
  if (isFloat(x.dt)) throw new TypeError(`ufunc '${p.name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`);
  return bind(p, [x, y], undefined);
};

BOOL_AS.add = binaryPrims.logical_or;
BOOL_AS.mul = binaryPrims.logical_and;
BOOL_AS.maximum = binaryPrims.logical_or;
BOOL_AS.minimum = binaryPrims.logical_and;
export const add = arith(binaryPrims.add);
export const sub = arith(binaryPrims.sub);
export const mul = arith(binaryPrims.mul);
export const div = floatBinary(binaryPrims.div);
export const pow = arith(binaryPrims.pow);
export const maximum = arith(binaryPrims.maximum);
export const minimum = arith(binaryPrims.minimum);
export const mod = arith(binaryPrims.mod);
export const fmod = arith(binaryPrims.fmod);
export const floordiv = arith(binaryPrims.floordiv);
export const atan2 = floatBinary(binaryPrims.atan2);
export const equal = compare(binaryPrims.equal);
export const not_equal = compare(binaryPrims.not_equal);
export const less = compare(binaryPrims.less);
export const less_equal = compare(binaryPrims.less_equal);
export const greater = compare(binaryPrims.greater);
export const greater_equal = compare(binaryPrims.greater_equal);
export const logical_and = logical(binaryPrims.logical_and);
export const logical_or = logical(binaryPrims.logical_or);
export const logical_xor = logical(binaryPrims.logical_xor);
export const bitwise_and = bitwise(binaryPrims.bitwise_and, binaryPrims.logical_and);
export const bitwise_or = bitwise(binaryPrims.bitwise_or, binaryPrims.logical_or);
export const bitwise_xor = bitwise(binaryPrims.bitwise_xor, binaryPrims.logical_xor);
export const left_shift = arith(binaryPrims.left_shift);
export const right_shift = arith(binaryPrims.right_shift);

/** (a − b)², TensorFlow's squared_difference. */
export const squared_difference = (a: TensorLike, b: TensorLike): Tensor => square(sub(a, b));

// ---------------------------------------------------------------- where

export const whereP: Primitive<void> = definePrimitive<void>({
  name: 'where',
  saves: { inputs: [0] },
  impl: ([c, a, b]) => {
    let r;
    try {
      r = mapWhere(c.values, c.dims, a.values, a.dims, b.values, b.dims, a.dt);
    } catch (e) {
      throw e instanceof ShapeError ? new BroadcastError('where', c.dims, a.dims, flavorOf([a, b]), b.dims) : e;
    }
    return result(a.dt, r.dims, r.data, [a, b]);
  },
  jvp: ([c, a, b], [, ta, tb], out) => {
    const za = ta ?? zeros(a.dims, a.dt, a.flavor), zb = tb ?? zeros(b.dims, b.dt, b.flavor);
    return fitTo(where(c, za, zb), out.dims);
  },
  vjp: ([c, a, b]) => {
    const aDims = a.dims, bDims = b.dims;
    return (ct, need) => [null, need[1] ? unbroadcast(where(c, ct, 0), aDims) : null, need[2] ? unbroadcast(where(c, 0, ct), bDims) : null];
  },
});
(whereP as { batch: Primitive<void>['batch'] }).batch = batchElementwise(whereP);

/** NumPy's where(condition, x, y), broadcasting all three. */
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = operands(x, y);
  return bind(whereP, [cast(toTensor(condition), 'bool'), a, b], undefined);
}
