// The `jax` and `jnp` facades: jax.numpy generated from the op table (JAX's dtypes: int32 and
// float32, weak types for Python scalars), and JAX's transformations over pytrees: jvp, vjp,
// linearize, grad, value_and_grad, jacfwd, jacrev, hessian, vmap, jit (eager), with jax.nn, jax.lax,
// jax.random, jax.tree_util and jax.scipy.
import { Tensor } from '../../tensor/tensor.js';
import { numpyPrintFunctions } from '../printoptions.js';
import { tuple } from '../../tensor/pytuple.js';
import type { DType } from '../../tensor/dtype.js';
import * as ops from '../../ops/index.js';
import { isScalar, type Scalar } from '../../ops/convert.js';
import * as transforms from '../../autodiff/functional.js';
import { vmap as vmapTransform } from '../../autodiff/vmap.js';
import { mapTree, isPlainObject } from '../../autodiff/tree.js';
import { table } from '../table/index.js';
import { facade, namespace } from '../generate.js';
import { jax as lib, jaxHeld } from '../lib/jax.js';
import { scalarTypes } from '../scalar_types.js';
import { pyfn } from '../args.js';
import { documented } from '../docs.js';
import { relabel } from '../lib/library.js';
import { jaxRandomFacade } from './jax_random.js';
import { lax } from './jax_lax.js';
import { treeUtil } from './jax_tree.js';
import { customJvp, customVjp } from './jax_custom.js';
import { checkGrads } from './jax_check.js';
import { JAX_CONFIG } from '../random/index.js';
import { pyError } from '../errors.js';

const generated = facade(table, 'jnp', lib, 'jnp');
const generatedJax = facade(table, 'jax', lib, 'jax');

type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

/** Results of a JAX transformation are JAX arrays, whatever the arguments were. */
// `any`: results are pytrees the caller destructures (`const [y, t] = jax.jvp(...)`).
const jaxOut = (x: unknown): any => mapTree(x, isTensor, (t) => {
  // 64-bit values made inside (a Python float broadcast by vmap) are held as JAX holds them.
  const c = jaxHeld(t.dt);
  return relabel(c !== t.dt ? ops.cast(t, c) : t, 'jax');
});
/**
 * Arguments become JAX arrays as JAX's tracing makes them: other libraries' tensors relabelled (a
 * NumPy array passed to jax.grad), 64-bit types held as JAX holds them, Python scalars weakly typed
 * arrays (jax.jvp(f, (2.,), (3.,)) works in float32 with weak_type=True).
 */
const isArgLeaf = (x: unknown): x is Tensor | Scalar => isTensor(x) || isScalar(x);
const jaxIn = (args: unknown[], scalars = true): unknown[] => args.map((a) => mapTree(a, isArgLeaf, (t) => {
  if (!isTensor(t)) return scalars ? lib.convert(t, lib.resultType('array', [t])) : t;
  const c = jaxHeld(t.dt);
  return c !== t.dt ? relabel(ops.cast(t, c), 'jax') : t.flavor === 'jax' ? t : relabel(t, 'jax');
}));

/** A transformation whose inputs and outputs are JAX arrays. */
function jaxTransform<F extends Fn>(name: string, signature: string, doc: string, t: F, scalars = true): F {
  const wrapped = ((f: Fn, ...rest: unknown[]) => {
    if (typeof f !== 'function') throw pyError('TypeError', `Expected a callable value, got ${f === null ? 'None' : typeof f}`);
    const g = t(f, ...rest);
    return typeof g === 'function' ? (...args: unknown[]) => jaxOut(g(...jaxIn(args, scalars))) : g;
  }) as F;
  Object.defineProperty(wrapped, 'name', { value: name });
  return documented(wrapped, signature, doc);
}

const jvp = documented((f: Fn, primals: unknown[], tangents: unknown[], ...rest: unknown[]) => {
  const o = isPlainObject(rest[0]) ? rest[0] as { has_aux?: boolean } : { has_aux: Boolean(rest[0]) };
  return jaxOut(transforms.jvp(f, jaxIn(primals as unknown[]), jaxIn(tangents as unknown[]), o));
}, 'jax.jvp(fun, primals, tangents, has_aux=False)', 'Computes a (forward-mode) Jacobian-vector product of fun. Returns (primals_out, tangents_out).');

const vjp = documented((f: Fn, ...primals: unknown[]) => {
  const [out, pull, ...aux] = transforms.vjp(f, ...jaxIn(primals)) as unknown[];
  // vjp_fn takes cotangents as JAX does (Python floats weakly typed) and returns JAX arrays.
  const vjpFn = (...cts: unknown[]) => jaxOut((pull as Fn)(...jaxIn(cts)));
  return jaxOut(tuple(out, vjpFn, ...aux));
},
  'jax.vjp(fun, *primals, has_aux=False)', 'Computes a (reverse-mode) vector-Jacobian product of fun. Returns (primals_out, vjp_fn); vjp_fn(ct) returns one cotangent per primal.');

/** jax.jit runs the function eagerly: the same results, nothing is compiled or cached (the options are accepted and checked). */
const jit = documented((f: Fn, ...rest: unknown[]) => {
  if (typeof f !== 'function') throw pyError('TypeError', `Expected a callable value, got ${f === null ? 'None' : typeof f}`);
  const o = isPlainObject(rest[0]) ? rest[0] : {};
  for (const k of Object.keys(o)) {
    if (!['static_argnums', 'static_argnames', 'donate_argnums', 'donate_argnames', 'device', 'backend', 'inline', 'keep_unused', 'abstracted_axes'].includes(k)) {
      throw pyError('TypeError', `jit() got an unexpected keyword argument '${k}'`);
    }
  }
  const g = (...args: unknown[]) => f(...args);
  Object.defineProperty(g, 'name', { value: f.name });
  return g;
}, 'jax.jit(fun, in_shardings=None, out_shardings=None, static_argnums=None, static_argnames=None, donate_argnums=None)',
'Sets up fun for just-in-time compilation. In Jacobi the function runs eagerly (operation by operation): results are the same, nothing is compiled or cached, and static_argnums only documents intent.');

const vmap = jaxTransform('vmap', 'jax.vmap(fun, in_axes=0, out_axes=0, axis_name=None, axis_size=None, spmd_axis_name=None)',
  'Vectorizing map: fun over a batch axis of its arguments (in_axes) with the batch at out_axes of its results. Batching rules per primitive, composing with grad, jvp and vjp in any order.',
  // Arguments not mapped reach fun as they are (a Python float stays a float), as in JAX.
  (f: Fn, ...rest: unknown[]) => vmapTransform(f, vmapOptions(rest)), false);

function vmapOptions(rest: unknown[]): { in_axes?: any; out_axes?: any; axis_size?: number } {
  if (isPlainObject(rest[rest.length - 1])) {
    const o = rest[rest.length - 1] as Record<string, unknown>;
    const positional = rest.slice(0, -1);
    return { in_axes: positional[0] ?? o.in_axes, out_axes: positional[1] ?? o.out_axes, axis_size: o.axis_size as number | undefined };
  }
  return { in_axes: rest[0] as any, out_axes: rest[1] as any };
}

export const jnp = namespace({
  ...generated,
  ...scalarTypes(lib, 'jax.numpy'),
  ndarray: Tensor,
  newaxis: null,
  pi: Math.PI, e: Math.E, inf: Infinity, nan: NaN, euler_gamma: 0.5772156649015329,
  ...numpyPrintFunctions, // jax.numpy re-exports NumPy's: JAX arrays print through NumPy
});

export const jax = namespace({
  ...generatedJax,
  numpy: jnp,
  Array: Tensor,
  jvp, vjp,
  linearize: documented((f: Fn, ...primals: unknown[]) => jaxOut(transforms.linearize(f, ...jaxIn(primals))), 'jax.linearize(fun, *primals)',
    'Produces a linear approximation to fun at the primals: returns (primals_out, f_jvp), f_jvp(*tangents) giving the JVP.'),
  grad: jaxTransform('grad', 'jax.grad(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False, reduce_axes=())',
    'Creates a function that evaluates the gradient of fun (which must return a scalar) with respect to the arguments at argnums (an int or a tuple; pytrees of arrays welcome).', transforms.grad),
  value_and_grad: jaxTransform('value_and_grad', 'jax.value_and_grad(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False, reduce_axes=())',
    'Creates a function that evaluates both fun and its gradient: returns (value, grad).', transforms.value_and_grad),
  jacfwd: jaxTransform('jacfwd', 'jax.jacfwd(fun, argnums=0, has_aux=False, holomorphic=False)',
    'Jacobian of fun evaluated column-by-column using forward-mode AD (vmap of jvp over the standard basis).', transforms.jacfwd),
  jacrev: jaxTransform('jacrev', 'jax.jacrev(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)',
    'Jacobian of fun evaluated row-by-row using reverse-mode AD (vmap of vjp over the standard basis).', transforms.jacrev),
  jacobian: jaxTransform('jacobian', 'jax.jacobian(fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False)', 'Alias of jacrev.', transforms.jacrev),
  hessian: jaxTransform('hessian', 'jax.hessian(fun, argnums=0, has_aux=False, holomorphic=False)', 'Hessian of fun as a dense array: jacfwd(jacrev(fun)).', transforms.hessian),
  vmap,
  jit,
  custom_jvp: customJvp,
  custom_vjp: customVjp,
  lax: { ...(generatedJax.lax ?? {}), ...lax },
  nn: generatedJax.nn,
  scipy: generatedJax.scipy,
  random: jaxRandomFacade,
  tree_util: treeUtil,
  tree: { map: treeUtil.tree_map, leaves: treeUtil.tree_leaves, flatten: treeUtil.tree_flatten, unflatten: treeUtil.tree_unflatten, structure: treeUtil.tree_structure },
  test_util: { check_grads: checkGrads },
  config: {
    update: pyfn('jax.config.update(name, val)', (a) => {
      if (a.name === 'jax_threefry_partitionable') JAX_CONFIG.partitionable = Boolean(a.val);
      else if (a.name === 'jax_enable_x64') JAX_CONFIG.x64 = Boolean(a.val);
      else throw pyError('AttributeError', `Unrecognized config option: ${a.name}`);
    }),
    get jax_threefry_partitionable() { return JAX_CONFIG.partitionable; },
    get jax_enable_x64() { return JAX_CONFIG.x64; },
  },
  device_get: (x: unknown) => x,
  block_until_ready: (x: unknown) => x,
});

