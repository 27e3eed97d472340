// Turning op arguments into tensors: tensors pass through, variables are read (so levels see the
// read), JS numbers become weakly typed scalars, nested arrays become float32 tensors.
import { isFloat, promoteTypes, promoteWeak, type DType } from '../tensor/dtype.js';
import { Tensor, type Flavor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { scalar, tensor } from '../tensor/create.js';
// cast is a primitive defined in elementwise.ts, which imports this module too; the cycle is safe
// because neither uses the other while loading.
import { cast } from './elementwise.js';

export type TensorLike = Tensor | Variable | number | boolean | bigint | readonly unknown[] | ArrayLike<number>;

export function toTensor(x: TensorLike, dtype?: DType): Tensor {
  let t: Tensor;
  if (x instanceof Tensor) t = x;
  else if (x instanceof Variable) t = x.read();
  else if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') {
    t = scalar(x, dtype);
    t.weak = true;
    return t;
  } else t = tensor(x, dtype);
  return dtype === undefined || t.dtype === dtype ? t : cast(t, dtype);
}

/** The flavor a result takes: that of its first strongly typed input. */
export function flavorOf(inputs: readonly Tensor[]): Flavor {
  for (const t of inputs) if (!t.weak) return t.flavor;
  return inputs.length ? inputs[0].flavor : 'numpy';
}

function isScalarLiteral(x: unknown): x is number | boolean {
  return typeof x === 'number' || typeof x === 'boolean';
}

const TF_OP: Record<string, string> = {
  add: 'AddV2', sub: 'Sub', mul: 'Mul', div: 'RealDiv', pow: 'Pow', maximum: 'Maximum', minimum: 'Minimum',
  mod: 'FloorMod', floordiv: 'FloorDiv', atan2: 'Atan2',
};

/**
 * Two operands in a common dtype, by NumPy's rules with weak scalars (NEP 50). TensorFlow tensors
 * refuse to mix dtypes, as TensorFlow does.
 */
export function operands(a: TensorLike, b: TensorLike, op: string): [Tensor, Tensor] {
  if (isScalarLiteral(a) && !isScalarLiteral(b)) {
    const tb = toTensor(b);
    const dt = promoteWeak(tb.dtype, a);
    return [toTensor(a, dt), tb.dtype === dt ? tb : cast(tb, dt)];
  }
  if (isScalarLiteral(b) && !isScalarLiteral(a)) {
    const ta = toTensor(a);
    const dt = promoteWeak(ta.dtype, b);
    return [ta.dtype === dt ? ta : cast(ta, dt), toTensor(b, dt)];
  }
  const ta = toTensor(a), tb = toTensor(b);
  if (ta.dtype === tb.dtype) return [ta, tb];
  if (ta.weak !== tb.weak) {
    // A weak tensor (from a scalar) takes the other side's dtype unless it is of a higher kind.
    const [strong, weak] = ta.weak ? [tb, ta] : [ta, tb];
    const dt = isFloat(weak.dtype) && !isFloat(strong.dtype) ? 'float32' : strong.dtype;
    const s = strong.dtype === dt ? strong : cast(strong, dt);
    const w = weak.dtype === dt ? weak : cast(weak, dt);
    return ta.weak ? [w, s] : [s, w];
  }
  if (ta.flavor === 'tf' || tb.flavor === 'tf') {
    const name = TF_OP[op] ?? op;
    throw new InvalidArgumentError(
      `cannot compute ${name} as input #1(zero-based) was expected to be a ${ta.dtype} tensor but is a ${tb.dtype} tensor [Op:${name}]`,
    );
  }
  const dt = promoteTypes(ta.dtype, tb.dtype);
  return [ta.dtype === dt ? ta : cast(ta, dt), tb.dtype === dt ? tb : cast(tb, dt)];
}

export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}
