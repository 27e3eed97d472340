// JAX's rules. With x64 disabled (JAX's default) 64-bit types are held as 32-bit ones; with
// jax_enable_x64 the defaults are int64 and float64. Python scalars are weakly typed, and promotion is
// the least upper bound on JAX's type lattice (jax/_src/dtypes.py): int32 with float32 is float32,
// uint32 with int32 is int64 (so int32 without x64).
import { isFloat, type DType } from '../../tensor/dtype.js';
import type { Described } from '../../tensor/create.js';
import { cast } from '../../ops/cast.js';
import { pyError } from '../errors.js';
import { JAX_CONFIG } from '../random/jax_random.js';
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

/** A dtype as JAX holds it under the current jax_enable_x64 setting. */
export const jaxHeld = (dt: DType): DType => (JAX_CONFIG.x64 ? dt : X64_OFF[dt] ?? dt);
const defaultInt = (): DType => (JAX_CONFIG.x64 ? 'int64' : 'int32');
const defaultFloat = (): DType => (JAX_CONFIG.x64 ? 'float64' : 'float32');
const weakDefault = (n: Node): DType => (n === 'i*' ? defaultInt() : n === 'f*' ? defaultFloat() : jaxHeld(n));

/** JAX's warning when a 64-bit dtype is asked for without x64 (`where`: the function that asked). */
export function truncated(dt: DType, where = 'array'): DType {
  const to = JAX_CONFIG.x64 ? undefined : X64_OFF[dt];
  if (to === undefined) return dt;
  process.emitWarning(`Explicitly requested dtype ${dt} requested in ${where} is not available, and will be truncated to dtype ${to}. To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell environment variable. See https://github.com/google/jax#current-gotchas for more.`, 'UserWarning');
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
  get floatDtype() { return defaultFloat(); },
  get intDtype() { return defaultInt(); },
  get indexDtype() { return defaultInt(); },
  get dtypes(): DType[] {
    const narrow: DType[] = ['bool', 'int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'bfloat16', 'float16', 'float32'];
    return JAX_CONFIG.x64 ? [...narrow, 'int64', 'uint64', 'float64'] : narrow;
  },

  dataDtype(d: Described): DType {
    if (d.dtype !== undefined) {
      let dt: Node = jaxHeld(d.dtype);
      if (d.ints) dt = join(dt, 'i*');
      if (d.floats) dt = join(dt, 'f*');
      return weakDefault(dt);
    }
    if (d.floats) return defaultFloat();
    if (d.ints) {
      const [lo, hi] = JAX_CONFIG.x64 ? [-(2n ** 63n), 2n ** 63n - 1n] : [-2147483648n, 2147483647n];
      if (d.maxInt > hi || d.minInt < lo) {
        throw pyError('OverflowError', `Python int ${d.maxInt > hi ? d.maxInt : d.minInt} too large to convert to ${defaultInt()}`);
      }
      return defaultInt();
    }
    return d.bools ? 'bool' : defaultFloat();
  },

  canonical: (dt) => truncated(dt),
  held: jaxHeld,

  resultType: (_op, xs) => weakDefault(nodeOf(xs)),

  floatOf: (dt) => (isFloat(dt) ? dt : defaultFloat()),
  trueDivide: (dt) => (isFloat(dt) ? dt : defaultFloat()),
  // Sums widen integers narrower than the default int to it (signedness kept).
  sumDtype(dt) {
    const wide = JAX_CONFIG.x64;
    if (dt === 'bool' || dt === 'int8' || dt === 'int16' || (wide && dt === 'int32')) return defaultInt();
    if (dt === 'uint8' || dt === 'uint16' || (wide && dt === 'uint32')) return wide ? 'uint64' : 'uint32';
    return dt;
  },

  convert(x, dt) {
    const o = operandOf(x);
    if (o && o.tensor) return o.tensor.dt === dt ? o.tensor : cast(o.tensor, dt);
    if (o) {
      if (o.py === 'i' && (dt === 'int32' || dt === 'uint32' || dt === 'int64')) {
        const v = BigInt(o.value as number | bigint);
        const [lo, hi] = dt === 'int32' ? [-2147483648n, 2147483647n] : dt === 'uint32' ? [0n, 4294967295n] : [-(2n ** 63n), 2n ** 63n - 1n];
        if (v > hi || v < lo) {
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
