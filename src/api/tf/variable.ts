// tf.Variable: the mutable value of TensorFlow, made from what tf.constant takes, assigned with
// assign/assign_add/assign_sub (values converted by TensorFlow's rules), read by ops so that tapes
// and accumulators watch it.
import { Tensor } from '../../tensor/tensor.js';
import { Variable } from '../../tensor/variable.js';
import * as ops from '../../ops/index.js';
import { unwatched } from '../../core/levels.js';
import { kwargs } from '../args.js';
import { dtypeArg } from '../dtype_objects.js';
import { dataTensor } from '../lib/library.js';
import { tf as lib } from '../lib/tf.js';
import { binary } from '../kinds.js';

let unnamed = 0;

export class TfVariable extends Variable {
  constructor(...args: unknown[]) {
    const a = kwargs('tf.Variable(initial_value=None, trainable=None, validate_shape=True, caching_device=None, name=None, variable_def=None, dtype=None, import_scope=None, constraint=None, synchronization=None, aggregation=None, shape=None)', args);
    const init = typeof a.initial_value === 'function' ? (a.initial_value as () => unknown)() : a.initial_value;
    const dt = dtypeArg(a.dtype, 'tensorflow');
    const t = init instanceof Variable ? init.value : dataTensor(init, dt, lib);
    super(dt !== undefined && t.dt !== dt ? ops.cast(t, dt) : t, { name: a.name ?? (unnamed++ === 0 ? 'Variable' : 'Variable'), trainable: a.trainable ?? true });
  }

  /** The value converted for this variable (TensorFlow's conversion: no implicit casts). */
  private converted(v: unknown): Tensor {
    const t = v instanceof Variable ? v.value : lib.convert(v, this.value.dt);
    return t.dt === this.value.dt ? t : ops.cast(t, this.value.dt);
  }

  override assign(value: unknown, ..._rest: unknown[]): this {
    return super.assign(this.converted(value));
  }

  assign_add(delta: unknown, ..._rest: unknown[]): this {
    return super.assign(unwatched(() => binary(lib, 'add', (x, y) => ops.add(x, y), this.value, this.converted(delta))));
  }

  assign_sub(delta: unknown, ..._rest: unknown[]): this {
    return super.assign(unwatched(() => binary(lib, 'sub', (x, y) => ops.sub(x, y), this.value, this.converted(delta))));
  }

  numpy(): Tensor {
    const v = this.value;
    const r = new Tensor(v.dt, v.dims, v.share(), 'numpy');
    if (v.dims.length === 0) r.scalar = true;
    return r;
  }
}
