// PyTorch 1.13's rules: int64 for integers and the default dtype (float32) for floats; promotion
// by category across three groups — tensors with dimensions, 0-d tensors, Python numbers — where a
// group only wins when it brings a higher category (`int_tensor * 2.5` is float32, `int8 + int64 0-d` int8).
import { bitsOf, isFloat, kindOf, TORCH_TYPE_NAME, type DType } from '../../tensor/dtype.js';
import type { Described } from '../../tensor/create.js';
import { cast } from '../../ops/cast.js';
import { pyError } from '../errors.js';
import { category, dataTensor, operandOf, weakScalar, type Library } from './library.js';

/** c10's promoteTypes: ints with floats give the float; u8 with i8 gives i16; bfloat16 with half gives float. */
export function promoteTorch(a: DType, b: DType): DType {
  if (a === b) return a;
  const ka = kindOf(a), kb = kindOf(b);
  if (ka === 'b') return b;
  if (kb === 'b') return a;
  if (ka === 'f' && kb === 'f') {
    if ((a === 'bfloat16' && b === 'float16') || (a === 'float16' && b === 'bfloat16')) return 'float32';
    return bitsOf(a) >= bitsOf(b) ? a : b;
  }
  if (ka === 'f') return a;
  if (kb === 'f') return b;
  if (ka === kb) return bitsOf(a) >= bitsOf(b) ? a : b;
  const [s, u] = ka === 'i' ? [a, b] : [b, a];
  return bitsOf(s) > bitsOf(u) ? s : 'int16';
}

function combine(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (higher === undefined) return lower;
  if (lower === undefined) return higher;
  if (isFloat(higher)) return higher;
  if (higher === 'bool' || category(lower) > category(higher)) return promoteTorch(higher, lower);
  return higher;
}

/** c10's ScalarType names, as PyTorch's kernel errors print them. */

/** ATen CPU kernels that have no bool version, by op (their names in the error PyTorch raises). */
const NO_BOOL_KERNEL: Record<string, string> = {
  absolute: 'abs_cpu', floor: 'floor_vml_cpu', ceil: 'ceil_vml_cpu', round: 'round_vml_cpu', trunc: 'trunc_vml_cpu',
  argmax: 'argmax_cpu', argmin: 'argmin_cpu', floor_divide: 'div_floor_cpu',
};

const INTEGER_DIVISIONS = new Set(['floor_divide', 'remainder', 'fmod']);

const shapeText = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

export const torch: Library & { defaultFloat: DType } = {
  name: 'torch',
  flavor: 'torch',
  defaultFloat: 'float32',
  get floatDtype() { return this.defaultFloat; },
  intDtype: 'int64',
  indexDtype: 'int64',
  dtypes: ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'float64'],

  dataDtype(d: Described): DType {
    let dt = d.dtype;
    const join = (x: DType) => { dt = dt === undefined ? x : promoteTorch(dt, x); };
    if (d.bools) join('bool');
    if (d.ints) join('int64');
    if (d.floats) join(torch.floatDtype);
    return dt ?? torch.floatDtype;
  },

  canonical(dt) {
    if (dt === 'uint16' || dt === 'uint32' || dt === 'uint64') throw pyError('TypeError', `Cannot interpret '${dt}' as a data type`);
    return dt;
  },

  resultType(_op, xs) {
    let dim: DType | undefined, zero: DType | undefined, wrapped: DType | undefined;
    for (const x of xs) {
      const o = operandOf(x) ?? { tensor: dataTensor(x, undefined, torch) };
      if (o.tensor) {
        if (o.tensor.dims.length > 0) dim = dim === undefined ? o.tensor.dt : promoteTorch(dim, o.tensor.dt);
        else zero = zero === undefined ? o.tensor.dt : promoteTorch(zero, o.tensor.dt);
      } else {
        const w: DType = o.py === 'b' ? 'bool' : o.py === 'i' ? 'int64' : torch.floatDtype;
        wrapped = wrapped === undefined ? w : promoteTorch(wrapped, w);
      }
    }
    return combine(combine(dim, zero), wrapped)!;
  },

  floatOf: (dt) => (isFloat(dt) ? dt : torch.floatDtype),
  trueDivide: (dt) => (isFloat(dt) ? dt : torch.floatDtype),
  sumDtype: (dt) => (isFloat(dt) ? dt : 'int64'),

  convert(x, dt) {
    const o = operandOf(x);
    if (o && o.tensor) return o.tensor.dt === dt ? o.tensor : cast(o.tensor, dt);
    if (o) return weakScalar(o.value, dt, 'torch');
    return dataTensor(x, dt, torch);
  },

  inputDtype(op, dt) {
    if (dt !== 'bool') return dt;
    if (NO_BOOL_KERNEL[op]) throw pyError('RuntimeError', `"${NO_BOOL_KERNEL[op]}" not implemented for 'Bool'`);
    if (op === 'relu') throw pyError('RuntimeError', 'Boolean inputs not supported for relu');
    // square is pow(x, 2): a bool tensor to an int power is an int64 tensor.
    return op === 'square' ? 'int64' : dt;
  },

  checkOperands(op, x, y) {
    if (x.dt === 'bool' && y.dt === 'bool' && NO_BOOL_KERNEL[op]) throw pyError('RuntimeError', `"${NO_BOOL_KERNEL[op]}" not implemented for 'Bool'`);
    // Integer division and remainder by zero stop with PyTorch's error (NumPy gives 0 and a warning).
    if (INTEGER_DIVISIONS.has(op) && !isFloat(y.dt) && y.values.some((v) => v === 0 || v === 0n)) throw pyError('RuntimeError', 'ZeroDivisionError');
  },

  broadcastError(_op, a, b) {
    // The first mismatched axis from the right, as torch reports it.
    const n = Math.max(a.length, b.length);
    for (let i = 1; i <= n; i++) {
      const da = a[a.length - i] ?? 1, db = b[b.length - i] ?? 1;
      if (da !== db && da !== 1 && db !== 1) {
        return pyError('RuntimeError', `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${n - i}`);
      }
    }
    return pyError('RuntimeError', `shapes ${shapeText(a)} and ${shapeText(b)} cannot be broadcast`);
  },
};
