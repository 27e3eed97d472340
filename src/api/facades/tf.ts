// The `tf` facade: TensorFlow's functions generated from the op table (no implicit promotion,
// int32 and float32 defaults, InvalidArgumentError), Variable, GradientTape,
// autodiff.ForwardAccumulator, tf.function (eager), custom_gradient, keras and tf.random.
import { Tensor } from '../../tensor/tensor.js';
import type { DType } from '../../tensor/dtype.js';
import { GradientTape } from '../../autodiff/gradient_tape.js';
import { ForwardAccumulator } from '../../autodiff/forward_accumulator.js';
import { flatten, isPlainObject, mapTree } from '../../autodiff/tree.js';
import { unwatched } from '../../core/levels.js';
import { bind, definePrimitive } from '../../core/primitive.js';
import { table } from '../table/index.js';
import { facade, namespace } from '../generate.js';
import { tf as lib } from '../lib/tf.js';
import { dtypeArg, dtypeObject } from '../dtype_objects.js';
import { pyclass, pyfn } from '../args.js';
import { documented } from '../docs.js';
import { pyError } from '../errors.js';
import { TfVariable } from '../tf/variable.js';
import { TensorShape } from '../tf/shape.js';
import { keras } from '../tf/keras.js';
import { tfRandomFacade } from './tf_random.js';
import { print as pyPrint } from '../builtins.js';

const generated = facade(table, 'tf', lib, 'tf');
type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

const DTYPES: [string, DType][] = [
  ['float16', 'float16'], ['half', 'float16'], ['bfloat16', 'bfloat16'], ['float32', 'float32'], ['float64', 'float64'], ['double', 'float64'],
  ['int8', 'int8'], ['int16', 'int16'], ['int32', 'int32'], ['int64', 'int64'], ['uint8', 'uint8'], ['uint16', 'uint16'],
  ['uint32', 'uint32'], ['uint64', 'uint64'], ['bool', 'bool'],
];
const dtypes = Object.fromEntries(DTYPES.map(([n, d]) => [n, dtypeObject('tensorflow', d)]));

/** tf.function runs the function eagerly (same results; nothing is traced or compiled); the options are accepted. */
const fn = documented((...args: unknown[]) => {
  const f = args.find((a) => typeof a === 'function') as Fn | undefined;
  const wrap = (g: Fn) => {
    const w = (...xs: unknown[]) => g(...xs);
    Object.defineProperty(w, 'name', { value: g.name });
    return w;
  };
  return f ? wrap(f) : (g: Fn) => wrap(g);
}, 'tf.function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False)',
'Compiles a function into a callable TensorFlow graph. In Jacobi the function runs eagerly, op by op: results are the same and nothing is traced, so Python side effects happen on every call.');

/**
 * tf.custom_gradient: f(*x) returns (y, grad_fn); y's gradient is grad_fn(upstream). Each call is a
 * primitive whose value is y (computed with no level looking in) and whose cotangent map is grad_fn.
 */
const customGradient = documented((f: Fn) => {
  const g = (...args: unknown[]) => {
    const ins = flatten(args, isTensor);
    let gradFn: Fn | undefined;
    const prim = definePrimitive<void>({
      name: `custom_gradient(${f.name || 'f'})`,
      impl: () => {
        const [y, gf] = unwatched(() => f(...args)) as [Tensor, Fn];
        gradFn = gf;
        return y;
      },
      vjp: () => {
        const gf = gradFn!;
        return (ct) => {
          const r = gf(ct);
          return flatten(Array.isArray(r) ? r : [r], (x): x is Tensor | null => x === null || x instanceof Tensor);
        };
      },
      jvp: () => { throw pyError('NotImplementedError', 'forward mode (ForwardAccumulator) through a tf.custom_gradient function is not supported by Jacobi'); },
    });
    return bind(prim, ins, undefined);
  };
  Object.defineProperty(g, 'name', { value: f.name });
  return g;
}, 'tf.custom_gradient(f=None)', 'Decorator to define a function with a custom gradient: f returns (y, grad_fn), and grad_fn(upstream) gives the gradients of its inputs.');

export const tf = namespace({
  ...generated,
  ...dtypes,
  dtypes: { ...dtypes, DType: Object.getPrototypeOf(dtypes.float32).constructor, as_dtype: (x: unknown) => dtypeObject('tensorflow', dtypeArg(x, 'tensorflow')!) },
  as_dtype: (x: unknown) => dtypeObject('tensorflow', dtypeArg(x, 'tensorflow')!),
  Variable: pyclass(TfVariable),
  Tensor,
  TensorShape: (dims: Iterable<number | null>) => TensorShape.of3([...dims]),
  GradientTape: documented(pyclass(GradientTape), 'tf.GradientTape(persistent=False, watch_accessed_variables=True)',
    'Record operations for automatic differentiation. Use `tape.run(() => ...)` or `using tape = new tf.GradientTape()`; then `tape.gradient(target, sources, { output_gradients, unconnected_gradients })`.'),
  autodiff: {
    ForwardAccumulator: documented(pyclass(ForwardAccumulator), 'tf.autodiff.ForwardAccumulator(primals, tangents)',
      'Computes Jacobian-vector products ("JVP"s) using forward-mode autodiff. Use `acc.run(() => ...)` or `using acc = new tf.autodiff.ForwardAccumulator(...)`; `acc.jvp(x)` looks the JVP up.'),
  },
  UnconnectedGradients: { NONE: 'none', ZERO: 'zero' } as const,
  function: fn,
  custom_gradient: customGradient,
  keras,
  random: tfRandomFacade,
  newaxis: null,
  print: pyPrint,
  nest: {
    flatten: pyfn('tf.nest.flatten(structure, expand_composites=False)', (a) => flatten(a.structure, (x): x is unknown => !Array.isArray(x) && !isPlainObject(x))),
    map_structure: (f: Fn, ...structures: unknown[]) => {
      const leaves = structures.map((s) => flatten(s, (x): x is unknown => !Array.isArray(x) && !isPlainObject(x)));
      let k = 0;
      return mapTree(structures[0], (x): x is unknown => !Array.isArray(x) && !isPlainObject(x), () => { const i = k++; return f(...leaves.map((l) => l[i])); });
    },
  },
  zeros_like: generated.zeros_like,
  ones_like: generated.ones_like,
  is_tensor: (x: unknown) => x instanceof Tensor,
});
