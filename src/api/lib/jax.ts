// JAX's rules with x64 disabled (JAX's default): 64-bit types are held as 32-bit ones, Python
// scalars are weakly typed, and promotion is the least upper bound on JAX's type lattice
// (jax/_src/dtypes.py): int32 with float32 is float32, uint32 with int32 is int64 (so int32).
import { isFloat, type DType } from '../../tensor/dtype.js';
import type { Described } from '../../tensor/create.js';
import { cast } from '../../ops/cast.js';
import { pyError } from '../errors.js';
import { dataTensor, operandOf, weakScalar, type Library } from './library.js';

type Node = DType | 'i*' | 'f*';

// Each type's immediate successors on the lattice ('i*', 'f*': Python ints and floats, weak).
const EDGES: Record<Node, Node[]> = {
  bool: ['i*'],
  uint8: ['int16', 'uint16'], uint16: ['int32', 'uint32'], uint32: ['int64', 'uint64'], uint64: ['f*'],
  'i*': ['uint8', 'int8'],
  int8: ['int16'], int16: ['int32'], int32: ['int64'], int64: ['f*'],
  'f*': ['bfloat16', 'float16'], bfloat16: ['float32'], float16: ['float32'], float32: ['float64'], float64: [],
};

const UP = new Map<Node, Set<Node>>();
function upperBounds(n: Node): Set<Node> {
  let s = UP.get(n);
  if (!s) {
    s = new Set<Node>([n]);
    for (const m of EDGES[n]) for (const u of upperBounds(m)) s.add(u);
    UP.set(n, s);
  }
  return s;
}

/** The least upper bound of two lattice nodes. */
function join(a: Node, b: Node): Node {
  const common = [...upperBounds(a)].filter((n) => upperBounds(b).has(n));
  return common.find((n) => common.every((m) => upperBounds(n).has(m)))!;
}

const X64_OFF: Partial<Record<DType, DType>> = { int64: 'int32', uint64: 'uint32', float64: 'float32' };

/** JAX's warning when a 64-bit dtype is asked for without x64. */
function truncated(dt: DType): DType {
  const to = X64_OFF[dt];
  if (to === undefined) return dt;
  process.emitWarning(`Explicitly requested dtype ${dt} requested in array is not available, and will be truncated to dtype ${to}. To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell environment variable. See https://github.com/google/jax#current-gotchas for more.`, 'UserWarning');
  return to;
}

/** Whether a result of these operands is weakly typed: JAX's rule is that the join is a weak node. */
export function weakResult(operands: readonly unknown[]): boolean {
  return nodeOf(operands) === 'i*' || nodeOf(operands) === 'f*';
}

function nodeOf(operands: readonly unknown[]): Node {
  let n: Node | undefined;
  for (const x of operands) {
    const o = operandOf(x) ?? { tensor: dataTensor(x, undefined, jax) };
    let m: Node;
    if (o.tensor) m = o.tensor.weak ? (isFloat(o.tensor.dt) ? 'f*' : o.tensor.dt === 'bool' ? 'bool' : 'i*') : o.tensor.dt;
    else m = o.py === 'b' ? 'bool' : o.py === 'i' ? 'i*' : 'f*';
    n = n === undefined ? m : join(n, m);
  }
  return n!;
}

export const jax: Library = {
  name: 'jax',
  flavor: 'jax',
  floatDtype: 'float32',
  intDtype: 'int32',
  indexDtype: 'int32',
  dtypes: ['bool', 'int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'bfloat16', 'float16', 'float32'],

  dataDtype(d: Described): DType {
    if (d.dtype !== undefined) {
      let dt: Node = X64_OFF[d.dtype] ?? d.dtype;
      if (d.ints) dt = join(dt, 'i*');
      if (d.floats) dt = join(dt, 'f*');
      return dt === 'i*' ? 'int32' : dt === 'f*' ? 'float32' : dt;
    }
    if (d.floats) return 'float32';
    if (d.ints) {
      if (d.maxInt > 2147483647n || d.minInt < -2147483648n) {
        throw pyError('OverflowError', `Python int ${d.maxInt > 2147483647n ? d.maxInt : d.minInt} too large to convert to int32`);
      }
      return 'int32';
    }
    return d.bools ? 'bool' : 'float32';
  },

  canonical: truncated,

  resultType(_op, xs) {
    const n = nodeOf(xs);
    return n === 'i*' ? 'int32' : n === 'f*' ? 'float32' : X64_OFF[n] ?? n;
  },

  floatOf: (dt) => (isFloat(dt) ? dt : 'float32'),
  trueDivide: (dt) => (isFloat(dt) ? dt : 'float32'),
  sumDtype(dt) {
    if (dt === 'bool' || dt === 'int8' || dt === 'int16') return 'int32';
    if (dt === 'uint8' || dt === 'uint16') return 'uint32';
    return dt;
  },

  convert(x, dt) {
    const o = operandOf(x);
    if (o && o.tensor) return o.tensor.dt === dt ? o.tensor : cast(o.tensor, dt);
    if (o) {
      if (o.py === 'i' && (dt === 'int32' || dt === 'uint32')) {
        const v = BigInt(o.value as number | bigint);
        if (v > (dt === 'int32' ? 2147483647n : 4294967295n) || v < (dt === 'int32' ? -2147483648n : 0n)) {
          throw pyError('OverflowError', `Python int ${v} too large to convert to ${dt}`);
        }
      }
      return weakScalar(o.value, dt, 'jax');
    }
    return dataTensor(x, dt, jax);
  },

  broadcastError: (op, a, b) => pyError('TypeError', `${op} got incompatible shapes for broadcasting: ${tup(a)}, ${tup(b)}.`),
};

const tup = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;
