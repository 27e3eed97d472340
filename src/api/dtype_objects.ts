// Dtype objects as each library shows them: `a.dtype` prints `dtype('int64')` in NumPy and JAX,
// `torch.float32` in PyTorch, `tf.float32` in TensorFlow, with the attributes users read (`name`,
// `itemsize`, `is_floating_point`...). NumPy's and jax.numpy's `float32` are scalar types: callables
// that make scalars and stand for their dtype.
import { bitsOf, isDType, isFloat, isInteger, isUnsigned, itemsize, kindOf, type DType } from '../tensor/dtype.js';
import { PY_REPR } from '../tensor/printable.js';
import { pyError } from './errors.js';
import type { LibraryName } from './lib/library.js';

/** Marks a value (a scalar type, Python's `float`) that stands for a dtype when given as one. */
export const DTYPE_OF: unique symbol = Symbol.for('jacobi.dtypeOf');

const CHARS: Record<DType, string> = {
  bool: '?', int8: 'b', int16: 'h', int32: 'i', int64: 'l', uint8: 'B', uint16: 'H', uint32: 'I', uint64: 'L',
  float16: 'e', bfloat16: 'E', float32: 'f', float64: 'd',
};

export class DTypeObject {
  constructor(readonly library: LibraryName, readonly name: DType) {}

  get itemsize(): number { return itemsize(this.name); }
  /** NumPy's kind letter: b, i, u, f. */
  get kind(): string { return kindOf(this.name); }
  get char(): string { return CHARS[this.name]; }
  /** NumPy's `dtype.str`: `<f4`. */
  get str(): string { return this.name === 'bool' ? '|b1' : `${itemsize(this.name) === 1 ? '|' : '<'}${kindOf(this.name)}${itemsize(this.name)}`; }
  get is_floating_point(): boolean { return isFloat(this.name); }
  get is_signed(): boolean { return !isUnsigned(this.name) && this.name !== 'bool'; }
  get is_floating(): boolean { return isFloat(this.name); }
  get is_integer(): boolean { return isInteger(this.name); }
  get is_bool(): boolean { return this.name === 'bool'; }
  get is_unsigned(): boolean { return isUnsigned(this.name) || this.name === 'bool'; }
  /** TensorFlow's `dtype.size` (bytes). */
  get size(): number { return itemsize(this.name); }
  get bits(): number { return bitsOf(this.name); }

  [PY_REPR](): string {
    switch (this.library) {
      case 'torch': return `torch.${this.name}`;
      case 'tensorflow': return `tf.${this.name}`;
      default: return `dtype('${this.name}')`;
    }
  }

  /** `str(dtype)`: NumPy prints the bare name, TensorFlow `<dtype: 'float32'>`. */
  toString(): string {
    switch (this.library) {
      case 'torch': return `torch.${this.name}`;
      case 'tensorflow': return `<dtype: '${this.name}'>`;
      default: return this.name;
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string { return this[PY_REPR](); }

  /** `dtype == other`: dtypes, scalar types and names of the same dtype are equal. */
  __eq__(other: unknown): boolean {
    return dtypeName(other) === this.name;
  }
}

const objects = new Map<string, DTypeObject>();

/** The library's dtype object for a dtype (one per library and dtype, so `===` compares them). */
export function dtypeObject(library: LibraryName, dt: DType): DTypeObject {
  const key = `${library}:${dt}`;
  let o = objects.get(key);
  if (!o) { o = new DTypeObject(library, dt); objects.set(key, o); }
  return o;
}

/** NumPy's spellings of dtypes, and PyTorch's and TensorFlow's aliases. */
const ALIASES: Record<string, DType> = {
  float: 'float64', double: 'float64', half: 'float16', single: 'float32', int: 'int64', long: 'int64', short: 'int16',
  byte: 'int8', ubyte: 'uint8', bool_: 'bool', bool8: 'bool', float_: 'float64', int_: 'int64', intc: 'int32', uint: 'uint64',
  f2: 'float16', f4: 'float32', f8: 'float64', i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64', u1: 'uint8', u2: 'uint16',
  u4: 'uint32', u8: 'uint64', b1: 'bool', '?': 'bool', e: 'float16', f: 'float32', d: 'float64', b: 'int8', h: 'int16',
  i: 'int32', l: 'int64', B: 'uint8', H: 'uint16', I: 'uint32', L: 'uint64',
};

/** The dtype a value names, or undefined when it names none. */
export function dtypeName(x: unknown): DType | undefined {
  if (x instanceof DTypeObject) return x.name;
  if ((typeof x === 'function' || typeof x === 'object') && x !== null && DTYPE_OF in x) return (x as { [DTYPE_OF]: DType })[DTYPE_OF];
  if (typeof x === 'string') {
    const s = x.replace(/^(tf|torch|np|numpy|jnp)\./, '').replace(/^[<>=|]/, '');
    if (isDType(s)) return s;
    return ALIASES[s];
  }
  return undefined;
}

/** A dtype argument as the library accepts it (null/undefined: none given), or the library's error. */
export function dtypeArg(x: unknown, library: LibraryName, fn = ''): DType | undefined {
  if (x === undefined || x === null) return undefined;
  // PyTorch takes only its dtype objects; the others take names too.
  if (library === 'torch' && !(x instanceof DTypeObject) && !(typeof x === 'function' && DTYPE_OF in x)) {
    throw pyError('TypeError', `${fn ? `${fn}(): ` : ''}argument 'dtype' must be torch.dtype, not ${typeof x === 'string' ? 'str' : typeof x}`);
  }
  const dt = dtypeName(x);
  if (dt === undefined) {
    if (library === 'tensorflow') throw pyError('TypeError', `Cannot convert the argument \`type_value\`: ${typeof x === 'string' ? `'${x}'` : String(x)} to a TensorFlow DType.`);
    throw pyError('TypeError', `data type ${typeof x === 'string' ? `'${x}'` : String(x)} not understood`);
  }
  return dt;
}
