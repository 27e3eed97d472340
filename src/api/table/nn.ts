// Neural-network functions: softmax, log_softmax and the activations, under jax.nn,
// torch.nn.functional (and torch), tf.nn and tf.math.
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { castTo, finish, inputOf, tensorOf } from '../kinds.js';
import type { Library } from '../lib/library.js';
import { row, type OpRow } from './types.js';

function floatIn(lib: Library, x: unknown, op: string): Tensor {
  const t = tensorOf(lib, x);
  return castTo(t, lib.floatOf(t.dt, op));
}

function activation(name: string, f: (x: Tensor, a: Record<string, any>) => Tensor, doc: string, sigs: Pick<OpRow, 'jax' | 'torch' | 'tf' | 'methods'>): OpRow {
  return row({ name, doc, impl: (a, lib) => { const x = floatIn(lib, a.x, name); return finish(lib, f(x, a), [a.x]); }, ...sigs });
}

export const nnRows: OpRow[] = [
  activation('softmax', (x, a) => ops.softmax(x, a.axis ?? -1), 'Softmax function: exp(x) / sum(exp(x)) along an axis.', {
    jax: 'nn.softmax(x, axis=-1, where=None, initial=None)',
    torch: ['softmax(input, dim, dtype=None)', 'nn.functional.softmax(input, dim=None, _stacklevel=3, dtype=None)'],
    tf: ['nn.softmax(logits, axis=None, name=None)', 'math.softmax(logits, axis=None, name=None)'],
    methods: { torch: 'softmax(dim, dtype=None)' },
  }),
  activation('log_softmax', (x, a) => ops.log_softmax(x, a.axis ?? -1), 'Log-softmax function: x - logsumexp(x) along an axis.', {
    jax: 'nn.log_softmax(x, axis=-1, where=None, initial=None)',
    torch: ['log_softmax(input, dim, dtype=None)', 'nn.functional.log_softmax(input, dim=None, _stacklevel=3, dtype=None)'],
    tf: ['nn.log_softmax(logits, axis=None, name=None)', 'math.log_softmax(logits, axis=None, name=None)'],
    methods: { torch: 'log_softmax(dim, dtype=None)' },
  }),
  row({
    name: 'relu', doc: 'Rectified linear unit: max(x, 0).',
    impl: (a, lib) => { const x = inputOf(lib, 'relu', a.x); return finish(lib, ops.relu(x), [a.x]); },
    jax: 'nn.relu(x)', torch: ['relu(input)', 'nn.functional.relu(input, inplace=False)'], tf: 'nn.relu(features, name=None)',
    methods: { torch: 'relu()' },
  }),
  activation('relu6', (x) => ops.minimum(ops.relu(x), 6), 'Rectified linear unit 6: min(max(x, 0), 6).', {
    jax: 'nn.relu6(x)', torch: 'nn.functional.relu6(input, inplace=False)', tf: 'nn.relu6(features, name=None)',
  }),
  activation('sigmoid', (x) => ops.sigmoid(x), 'Sigmoid activation: 1 / (1 + exp(-x)).', {
    jax: 'nn.sigmoid(x)', torch: 'nn.functional.sigmoid(input)',
  }),
  activation('softplus', (x) => ops.softplus(x), 'Softplus activation: log(1 + exp(x)), computed stably.', {
    jax: 'nn.softplus(x)', torch: 'nn.functional.softplus(input, beta=1, threshold=20)', tf: ['nn.softplus(features, name=None)', 'math.softplus(features, name=None)'],
  }),
  activation('tanh_activation', (x) => ops.tanh(x), 'Hyperbolic tangent activation.', { torch: 'nn.functional.tanh(input)' }),
  activation('silu', (x) => ops.mul(x, ops.sigmoid(x)), 'SiLU (swish) activation: x * sigmoid(x).', {
    jax: ['nn.silu(x)', 'nn.swish(x)'], torch: 'nn.functional.silu(input, inplace=False)', tf: ['nn.silu(features, beta=1.0)', 'nn.swish(features, beta=1.0)'],
  }),
  activation('elu', (x, a) => ops.where(ops.greater(x, 0), x, ops.mul(a.alpha ?? 1, ops.expm1(x))), 'Exponential linear unit: x if x > 0 else alpha * (exp(x) - 1).', {
    jax: 'nn.elu(x, alpha=1.0)', torch: 'nn.functional.elu(input, alpha=1.0, inplace=False)', tf: 'nn.elu(features, name=None)',
  }),
  activation('leaky_relu', (x, a) => ops.where(ops.greater_equal(x, 0), x, ops.mul(x, a.negative_slope ?? a.alpha ?? 0.01)), 'Leaky rectified linear unit: x if x >= 0 else negative_slope * x.', {
    jax: 'nn.leaky_relu(x, negative_slope=0.01)', torch: 'nn.functional.leaky_relu(input, negative_slope=0.01, inplace=False)', tf: 'nn.leaky_relu(features, alpha=0.2, name=None)',
  }),
  activation('gelu', (x, a) => gelu(x, a.approximate), 'Gaussian error linear unit (exact with erf, or the tanh approximation).', {
    jax: 'nn.gelu(x, approximate=True)', torch: 'nn.functional.gelu(input, approximate="none")', tf: 'nn.gelu(features, approximate=False, name=None)',
  }),
  activation('logsumexp_nn', (x, a) => ops.logsumexp(x, a.axis ?? null, a.keepdims ?? false), 'Log-sum-exp reduction.', {
    jax: ['nn.logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False)', 'scipy.special.logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False)'],
  }),
  activation('erf_special', (x) => ops.erf(x), 'The error function.', { jax: ['scipy.special.erf(x)', 'lax.erf(x)'] }),
];

function gelu(x: Tensor, approximate: unknown): Tensor {
  if (approximate === true || approximate === 'tanh') {
    const inner = ops.mul(Math.sqrt(2 / Math.PI), ops.add(x, ops.mul(0.044715, ops.mul(x, ops.mul(x, x)))));
    return ops.mul(ops.mul(0.5, x), ops.add(1, ops.tanh(inner)));
  }
  return ops.mul(ops.mul(0.5, x), ops.add(1, ops.erf(ops.div(x, Math.SQRT2))));
}
