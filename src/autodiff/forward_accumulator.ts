// tf.autodiff.ForwardAccumulator: JVPs computed as ops run, looked up (never computed) by jvp().
import { isFloat } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';
import { ValueError, shapeString, sameDims } from '../tensor/shape.js';
import { toTensor } from '../ops/convert.js';
import { zerosLike } from '../tensor/create.js';
import { ForwardLevel } from './forward.js';
import { LevelContext } from './context.js';
import { flatten, isPlainObject, mapTree, sameStructure } from './tree.js';

export type UnconnectedGradients = 'none' | 'zero' | 'NONE' | 'ZERO';

const isPrimal = (x: unknown): x is Tensor | Variable => x instanceof Tensor || x instanceof Variable;

export class ForwardAccumulator extends LevelContext {
  protected readonly level = new ForwardLevel();

  /** `new ForwardAccumulator(primals, tangents)` or `new ForwardAccumulator({ primals, tangents })`. */
  constructor(primals: unknown, tangents?: unknown) {
    super();
    if (tangents === undefined && isPlainObject(primals) && 'primals' in primals) {
      ({ primals, tangents } = primals as { primals: unknown; tangents: unknown });
    }
    const ps = flatten(primals, isPrimal);
    if (!sameStructure(primals, tangents, (x) => isPrimal(x) || !(Array.isArray(x) || isPlainObject(x)))) {
      throw new ValueError('ForwardAccumulator: tangents must have the same nested structure as primals');
    }
    const ts = flatten(tangents, (x): x is unknown => !(Array.isArray(x) || isPlainObject(x)) || isPrimal(x));
    const seen = new Set<unknown>();
    ps.forEach((p, i) => {
      if (seen.has(p)) throw new ValueError(`The same tensor or variable was specified more than once in primals (primals[${i}]); each may be watched once.`);
      seen.add(p);
      const value = p instanceof Variable ? p.value : p;
      if (!isFloat(value.dt)) {
        console.warn(`The dtype of the watched primal must be floating (e.g. tf.float32), got tf.${value.dt}; it is not watched.`);
        return;
      }
      const t = toTensor(ts[i] as never, value.dt);
      if (!sameDims(t.dims, value.dims)) {
        throw new ValueError(`Tangent shape ${shapeString(t.dims)} does not match the shape ${shapeString(value.dims)} of primals[${i}]; each tangent must have its primal's shape.`);
      }
      if (p instanceof Variable) this.level.variableTangents.set(p, t);
      this.level.tangents.set(value, t);
    });
    this.enter();
  }

  /** The JVPs of `primals` (a tensor, variable or nested structure of them); null where none was computed. */
  jvp(primals: unknown, options: { unconnected_gradients?: UnconnectedGradients } = {}): unknown {
    const zero = (options.unconnected_gradients ?? 'none').toLowerCase() === 'zero';
    return mapTree(primals, isPrimal, (p) => {
      const value = p instanceof Variable ? p.value : p;
      const t = this.level.tangents.get(value) ?? (p instanceof Variable ? this.level.variableTangents.get(p) : undefined);
      if (t !== undefined) return t;
      return zero ? zerosLike(value) : null;
    });
  }
}
