// NumPy 1.24's rules: int64 and float64 defaults, and value-based casting, in which Python scalars,
// NumPy scalars and 0-d arrays take the smallest type that holds their value when they meet arrays
// of the same or a higher kind (`int8_array + 127` stays int8, `+ 300` gives int16).
import { bitsOf, isFloat, isUnsigned, kindOf, promoteTypes, type DType } from '../../tensor/dtype.js';
import type { Described } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import { pyError } from '../errors.js';
import { cast } from '../../ops/cast.js';
import { stopGradient } from '../../ops/structural.js';
import { broadcastMessage } from '../../ops/errors.js';
import { category, dataTensor, operandOf, pyCategory, weakScalar, type Library } from './library.js';


/** The smallest type holding an integer value, and whether it is an unsigned type whose value also fits the signed one (NumPy's is_small_unsigned). */
function minIntType(v: bigint): { dt: DType; small: boolean } {
  if (v >= 0n) {
    for (const [dt, max] of [['uint8', 255n], ['uint16', 65535n], ['uint32', 4294967295n], ['uint64', 18446744073709551615n]] as const) {
      if (v <= max) return { dt, small: v <= max >> 1n };
    }
    return { dt: 'float64', small: false };
  }
  for (const [dt, min] of [['int8', -128n], ['int16', -32768n], ['int32', -2147483648n], ['int64', -9223372036854775808n]] as const) {
    if (v >= min) return { dt, small: false };
  }
  return { dt: 'float64', small: false };
}

/** `np.min_scalar_type` for a float value: the narrowest float whose range holds it. */
function minFloatType(v: number): DType {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || a <= 65504) return 'float16';
  if (a <= 3.4028234663852886e38) return 'float32';
  return 'float64';
}

/** Promotion where a small unsigned value also counts as the signed type of its size. */
function promoteSmall(a: { dt: DType; small: boolean }, b: DType): DType {
  if (a.small && kindOf(b) === 'i') {
    const signed = `int${bitsOf(a.dt)}` as DType;
    return promoteTypes(signed, b);
  }
  return promoteTypes(a.dt, b);
}

/** The value of a 0-d tensor as promotion reads it. */
function valueOf(t: Tensor): number | bigint | boolean {
  const v = t.values[0];
  return t.dt === 'bool' ? v === 1 : (v as number | bigint);
}

function minType(value: number | bigint | boolean, dt: DType): { dt: DType; small: boolean } {
  const k = kindOf(dt);
  if (k === 'b') return { dt: 'bool', small: false };
  if (k === 'f') return { dt: minFloatType(Number(value)), small: false };
  return minIntType(BigInt(value as number | bigint));
}

/** A ufunc's loops in NumPy's order ('bb', 'BB', 'hh', ... 'ee', 'ff', 'dd'), by the dtype they take. */
const INT_LOOPS: DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];
const FLOAT_LOOPS: DType[] = ['float16', 'float32', 'float64'];
/**
 * Ufuncs whose loop is found by NumPy's linear search (the first loop every operand casts to safely,
 * Python scalars and 0-d arrays by value) rather than by result_type: `uint8_array // 300` is int16
 * where `uint8_array + 300` is uint16, and `bool // bool` runs in int8.
 */
const LINEAR_SEARCH: Record<string, DType[]> = {
  floor_divide: [...INT_LOOPS, ...FLOAT_LOOPS], remainder: [...INT_LOOPS, ...FLOAT_LOOPS],
  fmod: [...INT_LOOPS, ...FLOAT_LOOPS], power: [...INT_LOOPS, ...FLOAT_LOOPS],
  bitwise_and: ['bool', ...INT_LOOPS], bitwise_or: ['bool', ...INT_LOOPS], bitwise_xor: ['bool', ...INT_LOOPS],
  left_shift: INT_LOOPS, right_shift: INT_LOOPS,
  arctan2: FLOAT_LOOPS, hypot: FLOAT_LOOPS, copysign: FLOAT_LOOPS, logaddexp: FLOAT_LOOPS, logaddexp2: FLOAT_LOOPS, nextafter: FLOAT_LOOPS,
};

/** Safe casting (NumPy's can_cast(from, to, 'safe')); a small unsigned value also casts as its signed type. */
function castsSafely(from: { dt: DType; small: boolean }, to: DType): boolean {
  const src = from.small && kindOf(to) === 'i' ? (`int${bitsOf(from.dt)}` as DType) : from.dt;
  return promoteTypes(src, to) === to;
}

export const numpy: Library = {
  name: 'numpy',
  flavor: 'numpy',
  floatDtype: 'float64',
  intDtype: 'int64',
  indexDtype: 'int64',
  dtypes: ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64'],

  dataDtype(d: Described): DType {
    let dt = d.dtype;
    const join = (x: DType) => { dt = dt === undefined ? x : promoteTypes(dt, x); };
    if (d.bools) join('bool');
    if (d.ints) join(d.maxInt > 9223372036854775807n ? 'uint64' : 'int64');
    if (d.floats) join('float64');
    return dt ?? 'float64';
  },

  canonical: (dt) => dt,

  resultType(op, xs) {
    const ops = xs.map((x) => operandOf(x) ?? { tensor: dataTensor(x, undefined, numpy) });
    // Arrays (ndim > 0) and scalars (Python scalars, NumPy scalars, 0-d arrays).
    let arrayKind = -1, scalarKind = -1;
    for (const o of ops) {
      if (o.tensor && o.tensor.dims.length > 0) arrayKind = Math.max(arrayKind, category(o.tensor.dt));
      else scalarKind = Math.max(scalarKind, o.tensor ? category(o.tensor.dt) : pyCategory(o.py!));
    }
    const valueBased = arrayKind >= 0 && arrayKind >= scalarKind;
    let dt: DType | undefined;
    const smalls: { dt: DType; small: boolean }[] = [];
    for (const o of ops) {
      if (o.tensor && (o.tensor.dims.length > 0 || !valueBased)) dt = dt === undefined ? o.tensor.dt : promoteTypes(dt, o.tensor.dt);
      else if (o.tensor) smalls.push(minType(valueOf(o.tensor), o.tensor.dt));
      else if (valueBased) smalls.push(minType(o.value, o.py === 'b' ? 'bool' : o.py === 'i' ? 'int64' : 'float64'));
      else {
        const pdt: DType = o.py === 'b' ? 'bool' : o.py === 'i' ? 'int64' : 'float64';
        dt = dt === undefined ? pdt : promoteTypes(dt, pdt);
      }
    }
    const loops = LINEAR_SEARCH[op];
    if (loops !== undefined) {
      // Arrays (and scalars when not value-based) by dtype, value-based scalars by their value.
      const sources = [...ops.flatMap((o) => (o.tensor && (o.tensor.dims.length > 0 || !valueBased) ? [{ dt: o.tensor.dt, small: false }] : [])), ...smalls];
      if (!valueBased) for (const o of ops) if (!o.tensor) sources.push({ dt: o.py === 'b' ? 'bool' : o.py === 'i' ? 'int64' : 'float64', small: false });
      const found = loops.find((t) => sources.every((src) => castsSafely(src, t)));
      // No loop: the caller's kernel raises NumPy's "not supported for the input types" error.
      if (found !== undefined) return found;
    }
    for (const s of smalls) dt = dt === undefined ? s.dt : promoteSmall(s, dt);
    return dt!;
  },

  adopt(t) {
    if (t.flavor === 'numpy') return t;
    if (t.flavor === 'torch' && t.requires_grad) throw pyError('RuntimeError', "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    if (!t.concrete) {
      const shape = `${t.dt}[${t.dims.join(',')}]`;
      throw pyError('TracerArrayConversionError', `The numpy.ndarray conversion method __array__() was called on traced array with shape ${shape}.\nSee https://jax.readthedocs.io/en/latest/errors.html#jax.errors.TracerArrayConversionError`);
    }
    // np.asarray(tf_tensor) is a copy of its values: what NumPy computes from it is not recorded.
    return t.flavor === 'tf' ? stopGradient(t) : t;
  },

  // The first loop a bool takes where the ufunc has none for bools (np.square: 'bb'; np.round: rint's 'ee').
  inputDtype: (op, dt) => (dt !== 'bool' ? dt : op === 'square' ? 'int8' : op === 'round' ? 'float16' : dt),

  floatOf(dt) {
    if (isFloat(dt)) return dt;
    // The narrowest float that holds every value of the integer type (NumPy's loop selection).
    const bits = dt === 'bool' ? 8 : bitsOf(dt);
    return bits <= 8 ? 'float16' : bits <= 16 ? 'float32' : 'float64';
  },

  trueDivide(dt) {
    return isFloat(dt) ? dt : 'float64';
  },

  sumDtype(dt) {
    if (dt === 'bool') return 'int64';
    if (kindOf(dt) === 'i') return 'int64';
    if (isUnsigned(dt)) return 'uint64';
    return dt;
  },

  convert(x, dt) {
    const o = operandOf(x);
    if (o && o.tensor) return o.tensor.dt === dt ? o.tensor : cast(o.tensor, dt);
    if (o) return weakScalar(o.value, dt, 'numpy');
    return dataTensor(x, dt, numpy);
  },

  broadcastError: (_op, a, b, shapes) => pyError('ValueError', broadcastMessage(shapes ?? [a, b])),
};
