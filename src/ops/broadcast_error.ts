// A failed broadcast, worded as the library the operands come from words it.
import type { Flavor } from '../tensor/tensor.js';
import { ShapeError } from '../tensor/shape.js';

/** TensorFlow's kernel names, for its `[Op:AddV2]` suffix. */
const TF_NAMES: Record<string, string> = {
  add: 'AddV2', sub: 'Sub', mul: 'Mul', div: 'RealDiv', pow: 'Pow', maximum: 'Maximum', minimum: 'Minimum',
  mod: 'FloorMod', floordiv: 'FloorDiv', atan2: 'Atan2', equal: 'Equal', not_equal: 'NotEqual', less: 'Less',
  less_equal: 'LessEqual', greater: 'Greater', greater_equal: 'GreaterEqual', logical_and: 'LogicalAnd',
  logical_or: 'LogicalOr', logical_xor: 'LogicalXor', where: 'SelectV2',
};

const tuple = (d: readonly number[]) => `(${d.join(d.length === 1 ? '' : ',')}${d.length === 1 ? ',' : ''})`;
const spaced = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

export class BroadcastError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function broadcastError(op: string, a: readonly number[], b: readonly number[], flavor: Flavor): Error {
  switch (flavor) {
    case 'tf':
      return new ShapeError(`Incompatible shapes: [${a.join(',')}] vs. [${b.join(',')}] [Op:${TF_NAMES[op] ?? op}]`);
    case 'torch': {
      // The first mismatched axis from the right, as torch reports it.
      const n = Math.max(a.length, b.length);
      for (let i = 1; i <= n; i++) {
        const da = a[a.length - i] ?? 1, db = b[b.length - i] ?? 1;
        if (da !== db && da !== 1 && db !== 1) {
          return new BroadcastError('RuntimeError', `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${n - i}`);
        }
      }
      return new BroadcastError('RuntimeError', `shapes ${spaced(a)} and ${spaced(b)} cannot be broadcast`);
    }
    case 'jax':
      return new BroadcastError('TypeError', `${op} got incompatible shapes for broadcasting: ${spaced(a)}, ${spaced(b)}.`);
    case 'numpy':
      return new BroadcastError('ValueError', `operands could not be broadcast together with shapes ${tuple(a)} ${tuple(b)} `.trimEnd());
  }
}
