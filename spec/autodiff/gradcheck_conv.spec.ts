// Convolution and pooling (src/ops/conv.ts, through the facades) against central differences in
// float64: forward (jax.jvp, jacfwd), reverse (jax.vjp, jacrev) and second order (jax.hessian);
// and vmap: per-example gradients of a small CNN (vmap of grad) equal a loop of grad, in JAX and
// in torch.func as the per-sample-gradients tutorial computes them.
import assert from 'node:assert/strict';
import { jax, jnp, torch, ops, Tensor } from '../../src/index.js';
import { check, random } from './gradcheck_core.js';
import { assertClose } from './helpers.js';
import { avgPool, maxPool } from '../../src/ops/conv.js';

type T = Tensor;
const X = (seed: number, shape: number[]) => random(shape, seed);
const lax = jax.lax;

describe('autodiff: gradcheck of convolution and pooling (float64 central differences)', function () {
  before(() => jax.config.update('jax_enable_x64', true));
  after(() => jax.config.update('jax_enable_x64', false));
  this.timeout(60000);

  it('lax.conv_general_dilated: strides, asymmetric padding, rhs dilation (both arguments)', () =>
    check('conv', (x, w) => lax.conv_general_dilated(x, w, [2, 1], [[1, 0], [0, 2]], { rhs_dilation: [1, 2] }), [X(1, [1, 2, 4, 4]), X(2, [2, 2, 2, 2])]));
  it('lax.conv_general_dilated: lhs dilation (transposed convolution), negative padding', () =>
    check('conv lhs_dilation', (x, w) => lax.conv_general_dilated(x, w, [1], [[-1, 2]], { lhs_dilation: [2] }), [X(3, [1, 1, 4]), X(4, [2, 1, 2])]));
  it('lax.conv_general_dilated: feature groups, NHWC / HWIO layouts', () =>
    check('conv groups nhwc', (x, w) => lax.conv_general_dilated(x, w, [1, 1], 'SAME', { dimension_numbers: ['NHWC', 'HWIO', 'NHWC'], feature_group_count: 2 }),
      [X(5, [1, 3, 3, 4]), X(6, [2, 2, 2, 2])], { second: false }));
  it('jnp.convolve and jnp.correlate (same, full)', () => {
    check('convolve', (a, v) => jnp.convolve(a, v, { mode: 'same' }), [X(7, [5]), X(8, [3])]);
    check('correlate', (a, v) => jnp.correlate(a, v, { mode: 'full' }), [X(9, [2]), X(10, [4])]);
  });
  it('max pooling (distinct values: the gradient goes to each maximum) and average pooling', () => {
    check('max_pool', (x) => maxPool(x, { kernel: [3, 3], strides: [2, 2], padding: [1, 1] }), [X(11, [1, 2, 5, 5])]);
    check('max_pool dilated', (x) => maxPool(x, { kernel: [2], strides: [1], padding: [0], dilation: [2] }), [X(13, [2, 1, 6])]);
    check('avg_pool', (x) => avgPool(x, { kernel: [2, 2], strides: [1, 2], padding: [1, 1] }, false), [X(12, [1, 1, 4, 3])]);
    check('avg_pool ceil_mode', (x) => avgPool(x, { kernel: [3], strides: [2], padding: [1], ceil: true }), [X(14, [1, 2, 6])]);
    check('max_pool ceil_mode', (x) => maxPool(x, { kernel: [2, 2], strides: [2, 2], padding: [0, 0], ceil: true }), [X(15, [1, 1, 3, 5])]);
  });
});

describe('vmap of grad through convolutions equals a loop of grad (per-example gradients)', function () {
  this.timeout(60000);

  it('jax: vmap(grad(loss)) over a conv + max-pool net', () => {
    const w1 = ops.reshape(jnp.array(Array.from({ length: 4 * 1 * 3 * 3 }, (_, i) => Math.sin(i))), [4, 1, 3, 3]) as T;
    const w2 = ops.reshape(jnp.array(Array.from({ length: 3 * 4 * 2 * 2 }, (_, i) => Math.cos(i))), [3, 4, 2, 2]) as T;
    const loss = (p: { w1: T; w2: T }, x: T) => {
      let h = jax.nn.relu(lax.conv(ops.expandDims(x, 0), p.w1, [1, 1], 'SAME'));
      h = lax.conv_general_dilated(h, p.w2, [2, 2], 'VALID');
      return jnp.sum(jnp.tanh(h));
    };
    const xs = ops.reshape(jnp.array(Array.from({ length: 5 * 1 * 6 * 6 }, (_, i) => Math.sin(0.7 * i))), [5, 1, 6, 6]) as T;
    const batched = jax.vmap(jax.grad(loss), { in_axes: [null, 0] })({ w1, w2 }, xs) as { w1: T; w2: T };
    for (let i = 0; i < 5; i++) {
      const g = jax.grad(loss)({ w1, w2 }, ops.getItem(xs, [i])) as { w1: T; w2: T };
      assertClose(ops.getItem(batched.w1, [i]), g.w1, 1e-5, 1e-6, `w1 ${i}`);
      assertClose(ops.getItem(batched.w2, [i]), g.w2, 1e-5, 1e-6, `w2 ${i}`);
    }
  });

  it('torch.func: vmap(grad(compute_loss)) over Conv2d / max_pool2d / Linear equals torch.autograd.grad per sample', () => {
    const nn = torch.nn, F = torch.nn.functional;
    torch.manual_seed(0);
    class Net extends nn.Module {
      declare conv: any; declare fc: any;
      constructor() { super(); this.conv = nn.Conv2d(1, 3, 3); this.fc = nn.Linear(3 * 2 * 2, 4); }
      forward(x: T) { return F.log_softmax(this.fc(torch.flatten(F.max_pool2d(F.relu(this.conv(x)), 2), 1)), { dim: 1 }); }
    }
    const model = new Net() as any;
    const data = torch.randn(6, 1, 6, 6) as T, targets = torch.randint(4, [6]) as T;
    const params = Object.fromEntries(model.named_parameters().map(([k, v]: [string, T]) => [k, v.detach()]));
    const computeLoss = (p: Record<string, T>, sample: T, target: T) =>
      F.nll_loss(torch.func.functional_call(model, [p], [sample.unsqueeze(0)]), target.unsqueeze(0));
    const ft = torch.func.vmap(torch.func.grad(computeLoss), { in_dims: [null, 0, 0] })(params, data, targets) as Record<string, T>;
    assert.deepEqual(Object.keys(ft), ['conv.weight', 'conv.bias', 'fc.weight', 'fc.bias']);
    for (let i = 0; i < 6; i++) {
      const loss = F.nll_loss(model(ops.getItem(data, [i]).unsqueeze(0)), ops.getItem(targets, [i]).unsqueeze(0));
      const gs = torch.autograd.grad(loss, model.parameters()) as T[];
      Object.values(ft).forEach((g, k) => assertClose(ops.getItem(g, [i]), gs[k], 1e-4, 1e-5, `sample ${i} param ${k}`));
    }
  });
});
