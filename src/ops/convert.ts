// Turning op arguments into tensors: tensors pass through, variables are read (so levels see the
// read), Python scalars (JS numbers, PyFloat, booleans, bigints) become weakly typed scalars, nested
// arrays become tensors. This is the runtime's neutral rule, used inside rules and composites; each
// facade converts its arguments with its own library's rules before they reach the ops.
import { isFloat, kindOf, promoteTypes, type DType } from '../tensor/dtype.js';
import { Tensor, type Flavor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { scalar, tensor } from '../tensor/create.js';
import { PyFloat } from '../tensor/scalars.js';
import { cast } from './cast.js';

export type Scalar = number | boolean | bigint | PyFloat;
export type TensorLike = Tensor | Variable | Scalar | readonly unknown[] | ArrayLike<number>;

export function isScalar(x: unknown): x is Scalar {
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' || x instanceof PyFloat;
}

export function toTensor(x: TensorLike, dtype?: DType): Tensor {
  let t: Tensor;
  if (x instanceof Tensor) t = x;
  else if (x instanceof Variable) t = x.read();
  else if (isScalar(x)) {
    t = scalar(x, dtype ?? weakStorage(x));
    t.weak = true;
    if (dtype === undefined) fromJsScalar.add(t);
    return t;
  } else t = tensor(x, dtype);
  return dtype === undefined || t.dt === dtype ? t : cast(t, dtype);
}

/**
 * Python scalars are held exactly until they meet a strong dtype: JS integers as int32 (int64 past
 * its range), bigints as int64, other numbers as float64.
 */
function weakStorage(x: Scalar): DType {
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'bigint') return 'int64';
  if (typeof x === 'number' && Number.isSafeInteger(x)) return x >= -2147483648 && x <= 2147483647 ? 'int32' : 'int64';
  return 'float64';
}

/** Weak tensors made here from bare JS scalars (their storage dtype is not a dtype anyone chose). */
const fromJsScalar = new WeakSet<Tensor>();

/**
 * The dtype of a weak operand meeting only weak ones: a bare JS number takes the engine's default
 * (float32; bigints int64), a weak tensor a library made keeps its dtype (JAX's weak int32 stays int32).
 */
function weakDefault(t: Tensor): DType {
  if (!fromJsScalar.has(t)) return t.dt;
  return t.dt === 'bool' || t.dt === 'int64' ? t.dt : 'float32';
}

/** The flavor a result takes: that of its first strongly typed input. */
export function flavorOf(inputs: readonly Tensor[]): Flavor {
  for (const t of inputs) if (!t.weak) return t.flavor;
  return inputs.length ? inputs[0].flavor : 'numpy';
}

/** The dtype two operands meet at: NumPy's lattice, with weak (Python scalar) operands adapting to strong ones. */
export function commonDtype(a: Tensor, b: Tensor): DType {
  if (a.weak && b.weak) return promoteTypes(weakDefault(a), weakDefault(b));
  if (a.dt === b.dt) return a.dt;
  if (a.weak !== b.weak) {
    const [strong, weak] = a.weak ? [b, a] : [a, b];
    const ks = kindOf(strong.dt), kw = kindOf(weak.dt);
    // A weak value of a higher kind brings its kind (int array * 2.5 is a float array), nothing else.
    if (kw === 'f' && ks !== 'f') return 'float32';
    if ((kw === 'i' || kw === 'u') && ks === 'b') return 'int32';
    return strong.dt;
  }
  return promoteTypes(a.dt, b.dt);
}

/** Two operands in their common dtype (the neutral rule). */
export function operands(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const ta = toTensor(a), tb = toTensor(b);
  if (ta.dt === tb.dt && !(ta.weak && tb.weak)) return [ta, tb];
  const dt = commonDtype(ta, tb);
  return [ta.dt === dt ? ta : cast(ta, dt), tb.dt === dt ? tb : cast(tb, dt)];
}

/** Ops that need a float input: integers and bools are converted to float32 first. */
export function floatArg(x: TensorLike): Tensor {
  const t = toTensor(x);
  return isFloat(t.dt) ? t : cast(t, 'float32');
}

/** Any tensor-like value in `dtype`. */
export function castLike(x: TensorLike, dtype: DType): Tensor {
  return cast(toTensor(x), dtype);
}
