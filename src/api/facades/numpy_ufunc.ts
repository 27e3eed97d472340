// NumPy's binary ufuncs as objects: `np.add.reduce`, `np.multiply.accumulate`, `np.subtract.outer`,
// `np.add.identity`, `nin`/`nout`. Reductions that NumPy computes by a dedicated loop (add's pairwise
// sum, multiply's product, maximum, minimum, logical and/or) are those functions; the others fold
// along the axis in order, as NumPy's generic reduce does.
import { Tensor } from '../../tensor/tensor.js';
import { tuple } from '../../tensor/pytuple.js';
import { kwargs } from '../args.js';
import { documented, getDoc } from '../docs.js';
import { pyError } from '../errors.js';

type Fn = (...args: any[]) => any;
type Np = Record<string, any>;

interface UfuncInfo {
  identity: number | boolean | null;
  /** The np function that is this ufunc's reduce, and its accumulate. */
  reduce?: string;
  accumulate?: string;
}

const BINARY: Record<string, UfuncInfo> = {
  add: { identity: 0, reduce: 'sum', accumulate: 'cumsum' },
  subtract: { identity: null },
  multiply: { identity: 1, reduce: 'prod', accumulate: 'cumprod' },
  divide: { identity: null }, true_divide: { identity: null }, floor_divide: { identity: null },
  power: { identity: null }, mod: { identity: null }, remainder: { identity: null }, arctan2: { identity: null },
  maximum: { identity: null, reduce: 'max' }, minimum: { identity: null, reduce: 'min' },
  logical_and: { identity: true, reduce: 'all' }, logical_or: { identity: false, reduce: 'any' }, logical_xor: { identity: false },
  bitwise_and: { identity: -1 }, bitwise_or: { identity: 0 }, bitwise_xor: { identity: 0 },
  equal: { identity: null }, not_equal: { identity: null }, less: { identity: null }, less_equal: { identity: null },
  greater: { identity: null }, greater_equal: { identity: null },
};

const NO_VALUE = '<no value>';

/** Each binary ufunc of `np` with NumPy's ufunc attributes and methods. */
export function binaryUfuncs(np: Np): Np {
  const out: Np = {};
  for (const [name, info] of Object.entries(BINARY)) {
    const f = np[name] as Fn | undefined;
    if (typeof f !== 'function') continue;
    const asArray = (x: unknown): Tensor => (x instanceof Tensor ? x : np.asarray(x));

    /** Folds f over axis `axis` of x in order (x moved so that the axis is first). */
    const fold = (x: Tensor, axis: number, initial: unknown, keep: (r: Tensor) => Tensor, partials?: Tensor[]): Tensor => {
      const moved = np.moveaxis(x, axis, 0) as Tensor;
      const n = moved.dims[0];
      if (n === 0 && initial === NO_VALUE) {
        if (info.identity === null) throw pyError('ValueError', `zero-size array to reduction operation ${name} which has no identity`);
        initial = info.identity;
      }
      let r: Tensor | undefined = initial === NO_VALUE ? undefined : np.full(moved.dims.slice(1), initial, { dtype: x.dtype });
      for (let i = 0; i < n; i++) {
        const item = moved.getItem(i) as Tensor;
        r = r === undefined ? item : (f(r, item) as Tensor);
        partials?.push(r);
      }
      return keep(r!);
    };

    const reduce = (...args: unknown[]) => {
      const a = kwargs(`${name}.reduce(array, axis=0, dtype=None, out=None, keepdims=False, initial=${NO_VALUE}, where=True)`, args);
      if (a.out !== null) throw pyError('NotImplementedError', `np.${name}.reduce(out=...) is not supported by Jacobi`);
      let x = asArray(a.array);
      if (a.dtype !== null) x = x.astype(a.dtype);
      if (info.reduce) {
        const opts: Record<string, unknown> = { axis: a.axis, keepdims: a.keepdims, where: a.where };
        if (a.initial !== NO_VALUE) opts.initial = a.initial;
        return np[info.reduce](x, opts);
      }
      if (a.where !== true) throw pyError('NotImplementedError', `np.${name}.reduce(where=...) is not supported by Jacobi`);
      if (x.dims.length === 0) return x.reshape(-1).getItem(0); // a 0-d array reduces to its scalar
      const axes = a.axis === null ? range(x.dims.length) : Array.isArray(a.axis) ? a.axis : [a.axis];
      if (axes.length !== 1) throw pyError('ValueError', `reduction operation '${name}' is not reorderable, so at most one axis may be specified`);
      const nd = x.dims.length;
      const axis = axes[0] < 0 ? axes[0] + nd : axes[0];
      if (!(axis >= 0 && axis < nd)) throw pyError('AxisError', `axis ${axes[0]} is out of bounds for array of dimension ${nd}`);
      return fold(x, axis, a.initial, (r) => (a.keepdims ? np.expand_dims(r, axis) : r));
    };

    const accumulate = (...args: unknown[]) => {
      const a = kwargs(`${name}.accumulate(array, axis=0, dtype=None, out=None)`, args);
      if (a.out !== null) throw pyError('NotImplementedError', `np.${name}.accumulate(out=...) is not supported by Jacobi`);
      let x = asArray(a.array);
      if (a.dtype !== null) x = x.astype(a.dtype);
      if (info.accumulate) return np[info.accumulate](x, { axis: a.axis });
      const nd = x.dims.length;
      const axis = a.axis < 0 ? a.axis + nd : a.axis;
      if (!(axis >= 0 && axis < nd)) throw pyError('AxisError', `axis ${a.axis} is out of bounds for array of dimension ${nd}`);
      const partials: Tensor[] = [];
      fold(x, axis, NO_VALUE, (r) => r, partials);
      if (partials.length === 0) return x;
      return np.moveaxis(np.stack(partials), 0, axis);
    };

    const outer = (...args: unknown[]) => {
      const a = kwargs(`${name}.outer(A, B, **kwargs)`, args);
      const A = asArray(a.A), B = asArray(a.B);
      return f(A.reshape([...A.dims, ...B.dims.map(() => 1)]), B, ...(Object.keys(a.kwargs).length ? [a.kwargs] : []));
    };

    const ufunc = Object.assign((...args: unknown[]) => f(...args), {
      identity: info.identity, nin: 2, nout: 1, nargs: 3, __name__: name, reduce, accumulate, outer,
    });
    Object.defineProperty(ufunc, 'name', { value: name });
    const doc = getDoc(f);
    out[name] = doc ? documented(ufunc, doc.signature, doc.doc) : ufunc;
  }
  return out;
}

const range = (n: number) => tuple(...Array.from({ length: n }, (_, i) => i));
