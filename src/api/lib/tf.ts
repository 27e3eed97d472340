// TensorFlow's rules: no implicit promotion between tensors (its InvalidArgumentError), Python
// numbers converted to the other operand's dtype (TypeError when they do not fit), int32 and
// float32 defaults, integer true division in float64 (float32 for 8- and 16-bit integers).
import { bitsOf, isFloat, isInteger, type DType } from '../../tensor/dtype.js';
import type { Described } from '../../tensor/create.js';
import { PyFloat } from '../../tensor/scalars.js';
import { pyError, InvalidArgumentError } from '../errors.js';
import { dataTensor, operandOf, weakScalar, type Library } from './library.js';

/** TensorFlow's names of dtypes in its kernel errors (DataTypeString). */
const TF_TYPE: Partial<Record<DType, string>> = { float32: 'float', float64: 'double', float16: 'half' };
export const tfTypeName = (dt: DType) => TF_TYPE[dt] ?? dt;

/** TensorFlow's kernel names, for its `[Op:AddV2]` suffix. */
const KERNELS: Record<string, string> = {
  add: 'AddV2', sub: 'Sub', subtract: 'Sub', mul: 'Mul', multiply: 'Mul', div: 'RealDiv', divide: 'RealDiv', power: 'Pow',
  remainder: 'FloorMod', floor_divide: 'FloorDiv', arctan2: 'Atan2', fmod: 'TruncateMod', true_divide: 'RealDiv', pow: 'Pow', maximum: 'Maximum', minimum: 'Minimum',
  mod: 'FloorMod', floordiv: 'FloorDiv', atan2: 'Atan2', equal: 'Equal', not_equal: 'NotEqual', less: 'Less',
  less_equal: 'LessEqual', greater: 'Greater', greater_equal: 'GreaterEqual', logical_and: 'LogicalAnd',
  logical_or: 'LogicalOr', logical_xor: 'LogicalXor', where: 'SelectV2', matmul: 'MatMul', squared_difference: 'SquaredDifference',
};
export const tfKernel = (op: string) => KERNELS[op] ?? op[0].toUpperCase() + op.slice(1).replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** Whether a Python scalar converts to `dt` (TensorFlow refuses 1.5 as an int32, and out-of-range ints). */
function fits(value: number | boolean | bigint, py: 'b' | 'i' | 'f', dt: DType): boolean {
  if (dt === 'bool') return py === 'b';
  if (py === 'b') return false;
  if (isFloat(dt)) return true;
  if (py === 'f') return false;
  const v = BigInt(value as number | bigint);
  const bits = BigInt(bitsOf(dt));
  const [lo, hi] = dt.startsWith('u') ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
  return v >= lo && v <= hi;
}

function pyText(value: number | boolean | bigint, py: 'b' | 'i' | 'f'): string {
  if (py === 'b') return value ? 'True' : 'False';
  if (py === 'f') return String(new PyFloat(Number(value)));
  return String(value);
}

export const tf: Library = {
  name: 'tensorflow',
  flavor: 'tf',
  floatDtype: 'float32',
  intDtype: 'int32',
  indexDtype: 'int64',
  dtypes: ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'bfloat16', 'float32', 'float64'],

  dataDtype(d: Described): DType {
    if (d.dtype !== undefined) return d.dtype;
    if (d.floats) return 'float32';
    if (d.ints) return d.maxInt > 2147483647n || d.minInt < -2147483648n ? 'int64' : 'int32';
    return d.bools ? 'bool' : 'float32';
  },

  canonical: (dt) => dt,

  resultType(op, xs) {
    let dt: DType | undefined;
    let first = -1;
    xs.forEach((x, i) => {
      const o = operandOf(x);
      const t = o?.tensor ?? (o ? undefined : dataTensor(x, undefined, tf));
      if (t === undefined) return;
      if (dt === undefined) { dt = t.dt; first = i; }
      else if (t.dt !== dt) {
        const k = tfKernel(op);
        throw new InvalidArgumentError(`cannot compute ${k} as input #${i}(zero-based) was expected to be a ${tfTypeName(dt)} tensor but is a ${tfTypeName(t.dt)} tensor [Op:${k}]`);
      }
    });
    if (dt === undefined) {
      // Only Python numbers: the first one's own dtype.
      const o = operandOf(xs[0])!;
      dt = o.py === 'b' ? 'bool' : o.py === 'i' ? 'int32' : 'float32';
    }
    void first;
    return dt;
  },

  floatOf(dt, op) {
    if (isFloat(dt)) return dt;
    const k = tfKernel(op);
    throw new InvalidArgumentError(`Value for attr 'T' of ${dt} is not in the list of allowed values: bfloat16, half, float, double, complex64, complex128\n\t; NodeDef: {{node ${k}}}; Op<name=${k}; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]> [Op:${k}]`);
  },

  trueDivide(dt) {
    if (isFloat(dt)) return dt;
    if (dt === 'bool') throw pyError('TypeError', 'x and y must have the same dtype, got tf.bool != tf.bool');
    return bitsOf(dt) <= 16 ? 'float32' : 'float64';
  },

  sumDtype(dt, op) {
    if (dt === 'bool') tf.floatOf('int32', op); // TensorFlow has no boolean sum
    return dt;
  },

  convert(x, dt) {
    const o = operandOf(x);
    if (o && o.tensor) return o.tensor;
    if (o) {
      if (!fits(o.value, o.py, dt)) {
        if (o.py !== 'f' && isInteger(dt)) throw pyError('ValueError', `Can't convert Python int ${pyText(o.value, o.py)} to EagerTensor of dtype ${dt}`);
        throw pyError('TypeError', `Cannot convert ${pyText(o.value, o.py)} to EagerTensor of dtype ${dt}`);
      }
      return weakScalar(o.value, dt, 'tf');
    }
    const t = dataTensor(x, undefined, tf);
    return t;
  },

  broadcastError: (op, a, b) => new InvalidArgumentError(`Incompatible shapes: [${a.join(',')}] vs. [${b.join(',')}] [Op:${tfKernel(op)}]`),
};
