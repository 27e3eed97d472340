// The `jax` and `jnp` facades: jax.numpy's functions and JAX's transforms.
import * as ops from '../ops/index.js';
import { Generator } from '../tensor/random.js';
import { tensor as makeTensor } from '../tensor/create.js';
import { allocate } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import * as transforms from '../autodiff/functional.js';
import { numpyFunctions, dtypeNames } from './numpy_like.js';
import { flavored } from './flavor.js';
import { pyfn } from './args.js';
import { documented } from './docs.js';

const F = 'jax' as const;

export const jnp = { ...numpyFunctions(F, 'jnp'), ...dtypeNames, newaxis: null, pi: Math.PI, inf: Infinity, nan: NaN };

/** A key is a uint32 pair held in an int32 tensor; split and draws derive new streams from it. */
function keyGen(key: Tensor): Generator {
  const d = key.data as Int32Array;
  return new Generator((Math.imul(d[0] ^ 0x9e3779b9, 0x85ebca6b) ^ d[1]) >>> 0);
}

function drawn(key: Tensor, shape: readonly number[], draw: (g: Generator) => number, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const g = keyGen(key);
  const data = allocate(dtype, shape.reduce((p, d) => p * d, 1)) as Float32Array;
  for (let i = 0; i < data.length; i++) data[i] = draw(g);
  return new Tensor(dtype, [...shape], data, F);
}

const random = {
  PRNGKey: (seed: number) => makeTensor([0, seed >>> 0], 'int32', F),
  key: (seed: number) => makeTensor([0, seed >>> 0], 'int32', F),
  split: (key: Tensor, num = 2) => {
    const g = keyGen(key);
    return makeTensor(Array.from({ length: num }, () => [g.nextUint32() | 0, g.nextUint32() | 0]), 'int32', F);
  },
  normal: pyfn('jax.random.normal', ['key', 'shape', 'dtype'], (a) => drawn(a.key, a.shape ?? [], (g) => g.normal(), a.dtype)),
  uniform: pyfn('jax.random.uniform', ['key', 'shape', 'dtype', 'minval', 'maxval'], (a) =>
    drawn(a.key, a.shape ?? [], (g) => (a.minval ?? 0) + ((a.maxval ?? 1) - (a.minval ?? 0)) * g.uniform(), a.dtype)),
};

export const jax = {
  numpy: jnp,
  jvp: documented(transforms.jvp, 'jax.jvp(fun, primals, tangents)', 'Computes a (forward-mode) Jacobian-vector product of fun. Returns [primals_out, tangents_out].'),
  vjp: documented(transforms.vjp, 'jax.vjp(fun, *primals, has_aux=False)', 'Computes a (reverse-mode) vector-Jacobian product of fun. Returns [primals_out, vjp_fn]; vjp_fn(ct) returns one cotangent per primal.'),
  linearize: transforms.linearize,
  grad: documented(transforms.grad, 'jax.grad(fun, argnums=0, has_aux=False)', 'Creates a function that evaluates the gradient of fun (which must return a scalar).'),
  value_and_grad: transforms.value_and_grad,
  jacfwd: documented(transforms.jacfwd, 'jax.jacfwd(fun, argnums=0)', 'Jacobian of fun evaluated column-by-column using forward-mode AD (all columns in one batched pass).'),
  jacrev: documented(transforms.jacrev, 'jax.jacrev(fun, argnums=0)', 'Jacobian of fun evaluated row-by-row using reverse-mode AD (all rows in one batched pass).'),
  jacobian: transforms.jacobian,
  hessian: transforms.hessian,
  nn: flavored(F, {
    relu: ops.relu, sigmoid: ops.sigmoid, softplus: ops.softplus, tanh: ops.tanh,
    softmax: (x: ops.TensorLike, axis = -1) => ops.softmax(x, axis),
    log_softmax: (x: ops.TensorLike, axis = -1) => ops.log_softmax(x, axis),
    logsumexp: (x: ops.TensorLike, axis?: number) => ops.logsumexp(x, axis),
  }),
  lax: flavored(F, { stop_gradient: ops.stopGradient }),
  random,
};
