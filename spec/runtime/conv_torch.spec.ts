// Convolutions and pooling (torch.nn.functional, torch.nn modules, np.convolve / np.correlate)
// against PyTorch 1.13 and NumPy 1.24, recorded in spec/fixtures/conv/torch.json by generate.py
// beside it (neither library is needed to run this): values in float64 and float32, gradients by
// torch.autograd, error texts, grad_fn names, module reprs and the modules' initial parameters
// drawn from torch.manual_seed's stream.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { np, ops, torch, Tensor } from '../../src/index.js';
import { repr } from '../../src/format/index.js';
import { assertClose, flat } from '../autodiff/helpers.js';
import { describeRecordedCases, thrown } from './torch_fixtures.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(HERE, '..', '..', '..', 'spec', 'fixtures', 'conv', 'torch.json');

interface Run { value: unknown; shape: number[]; grads?: unknown[] }
interface Fixture {
  cases: Record<string, { inputs: unknown[]; float64: Run; float32: Run }>;
  errors: Record<string, [string, string] | null>;
  reprs: Record<string, string>;
  grad_fns: Record<string, string>;
  inits: Record<string, { seed: number; params: Record<string, { shape: number[]; value: number[] }>; next: number[] }>;
  modules: { input: unknown; outputs: Record<string, unknown> };
  indices: { input: unknown; cases: Record<string, { values: unknown; indices: number[]; dtype: string }> };
  numpy: { op: 'convolve' | 'correlate'; a: number[]; v: number[]; mode: string; value: number[]; dtype: string }[];
}
const data = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;

type T = Tensor;
const F = torch.nn.functional;
const nn = torch.nn;

const CASES: Record<string, (...xs: T[]) => T> = {
  conv2d: (x, w) => F.conv2d(x, w),
  conv2d_bias_stride_padding: (x, w, b) => F.conv2d(x, w, b, { stride: 2, padding: 1 }),
  conv2d_stride_tuple_padding_tuple: (x, w) => F.conv2d(x, w, { stride: [1, 2], padding: [2, 0] }),
  conv2d_dilation: (x, w) => F.conv2d(x, w, { dilation: [2, 1] }),
  conv2d_groups: (x, w, b) => F.conv2d(x, w, b, { groups: 2 }),
  conv2d_depthwise: (x, w) => F.conv2d(x, w, { groups: 3, padding: 1 }),
  conv2d_same_even_kernel: (x, w) => F.conv2d(x, w, { padding: 'same' }),
  conv2d_same_dilated: (x, w) => F.conv2d(x, w, { padding: 'same', dilation: 2 }),
  conv2d_valid: (x, w) => F.conv2d(x, w, { padding: 'valid' }),
  conv2d_unbatched: (x, w, b) => F.conv2d(x, w, b),
  conv1d: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1 }),
  conv1d_unbatched_dilated: (x, w) => F.conv1d(x, w, { dilation: 3 }),
  conv3d: (x, w) => F.conv3d(x, w, { padding: 1 }),
  max_pool2d: (x) => F.max_pool2d(x, 2),
  max_pool2d_stride_padding: (x) => F.max_pool2d(x, 3, { stride: 2, padding: 1 }),
  max_pool2d_tuple_dilation: (x) => F.max_pool2d(x, [2, 3], { stride: 1, dilation: [2, 1] }),
  max_pool2d_unbatched: (x) => F.max_pool2d(x, 2),
  max_pool1d: (x) => F.max_pool1d(x, 3, { stride: 2, padding: 1 }),
  avg_pool2d: (x) => F.avg_pool2d(x, 2),
  avg_pool2d_padding: (x) => F.avg_pool2d(x, 3, { stride: 2, padding: 1 }),
  avg_pool2d_exclude_pad: (x) => F.avg_pool2d(x, 3, { stride: 2, padding: 1, count_include_pad: false }),
  avg_pool2d_divisor: (x) => F.avg_pool2d(x, 2, { divisor_override: 3 }),
  avg_pool1d: (x) => F.avg_pool1d(x, 2, { stride: 1 }),
  max_pool2d_ceil: (x) => F.max_pool2d(x, 3, { stride: 2, padding: 1, ceil_mode: true }),
  avg_pool2d_ceil: (x) => F.avg_pool2d(x, 4, { stride: 3, padding: 1, ceil_mode: true }),
  avg_pool2d_ceil_exclude_pad: (x) => F.avg_pool2d(x, 4, { stride: 3, padding: 1, ceil_mode: true, count_include_pad: false }),
  avg_pool1d_ceil: (x) => F.avg_pool1d(x, 2, { ceil_mode: true }),
  cnn: (x, w1, b1, w2) => F.log_softmax(torch.flatten(F.max_pool2d(F.relu(F.conv2d(F.relu(F.conv2d(x, w1, b1)), w2)), 2), 1), { dim: 1 }),
};

const W = (...s: number[]) => torch.ones(...s) as T;
const ERRORS: Record<string, () => unknown> = {
  conv2d_rank: () => F.conv2d(torch.ones(5, 5), W(4, 3, 3, 3)),
  conv1d_rank: () => F.conv1d(torch.ones(2, 3, 5, 5), W(4, 3, 3, 3)),
  conv2d_channels: () => F.conv2d(torch.ones(2, 2, 5, 5), W(4, 3, 3, 3)),
  conv2d_channels_unbatched: () => F.conv2d(torch.ones(2, 5, 5), W(4, 3, 3, 3)),
  conv2d_weight_rank: () => F.conv2d(torch.ones(2, 3, 5, 5), W(4, 3, 3)),
  conv2d_kernel_too_big: () => F.conv2d(torch.ones(2, 3, 2, 2), W(4, 3, 3, 3)),
  conv2d_kernel_too_big_dilated: () => F.conv2d(torch.ones(1, 3, 4, 4), W(4, 3, 3, 3), { dilation: 2 }),
  conv2d_groups_channels: () => F.conv2d(torch.ones(2, 3, 5, 5), W(4, 3, 3, 3), { groups: 2 }),
  conv2d_groups_weight: () => F.conv2d(torch.ones(1, 4, 5, 5), W(5, 2, 3, 3), { groups: 2 }),
  conv2d_groups_zero: () => F.conv2d(torch.ones(1, 3, 5, 5), W(4, 3, 3, 3), { groups: 0 }),
  conv2d_same_strided: () => F.conv2d(torch.ones(2, 3, 5, 5), W(4, 3, 3, 3), { stride: 2, padding: 'same' }),
  conv2d_padding_string: () => F.conv2d(torch.ones(2, 3, 5, 5), W(4, 3, 3, 3), { padding: 'foo' }),
  conv2d_negative_padding: () => F.conv2d(torch.ones(1, 3, 5, 5), W(4, 3, 3, 3), { padding: -1 }),
  conv2d_stride_zero: () => F.conv2d(torch.ones(2, 3, 5, 5), W(4, 3, 3, 3), { stride: 0 }),
  conv2d_stride_length: () => F.conv2d(torch.ones(1, 3, 5, 5), W(4, 3, 3, 3), { stride: [1, 2, 3] }),
  conv2d_bias_size: () => F.conv2d(torch.ones(2, 3, 5, 5), W(4, 3, 3, 3), torch.ones(3)),
  conv2d_dtypes: () => F.conv2d(torch.ones(2, 3, 5, 5, { dtype: torch.float64 }), W(4, 3, 3, 3)),
  conv2d_bias_dtype: () => F.conv2d(torch.ones(1, 3, 5, 5), W(4, 3, 3, 3), torch.ones(4, { dtype: torch.float64 })),
  max_pool2d_rank: () => F.max_pool2d(torch.ones(5), 2),
  max_pool2d_pad: () => F.max_pool2d(torch.ones(1, 4, 4), 2, { padding: 2 }),
  max_pool2d_too_small: () => F.max_pool2d(torch.ones(1, 4, 4), 5),
  max_pool2d_stride_zero: () => F.max_pool2d(torch.ones(1, 1, 4, 4), 2, { stride: 0 }),
  max_pool2d_long: () => F.max_pool2d(torch.ones(1, 1, 4, 4, { dtype: torch.int64 }), 2),
  max_pool1d_rank: () => F.max_pool1d(torch.ones(5), 2),
  avg_pool2d_pad: () => F.avg_pool2d(torch.ones(1, 4, 4), 2, { padding: 2 }),
  avg_pool2d_too_small: () => F.avg_pool2d(torch.ones(1, 1, 1), 2),
  Conv2d_in_groups: () => nn.Conv2d(3, 4, 3, { groups: 2 }),
  Conv2d_out_groups: () => nn.Conv2d(4, 3, 3, { groups: 2 }),
  Conv2d_same_strided: () => nn.Conv2d(4, 4, 3, { padding: 'same', stride: 2 }),
};

const REPRS: Record<string, () => unknown> = {
  Conv2d: () => nn.Conv2d(1, 32, 3),
  Conv2d_all: () => nn.Conv2d(3, 6, [3, 5], { stride: 2, padding: 1, dilation: 2, groups: 3, bias: false }),
  Conv2d_same: () => nn.Conv2d(1, 32, 3, { padding: 'same' }),
  Conv2d_valid: () => nn.Conv2d(4, 4, 3, { padding: 'valid' }),
  Conv2d_reflect: () => nn.Conv2d(4, 4, 3, { padding_mode: 'reflect' }),
  Conv2d_padding_tuple: () => nn.Conv2d(4, 4, 3, { padding: [1, 2] }),
  Conv1d: () => nn.Conv1d(2, 4, 3),
  MaxPool2d: () => nn.MaxPool2d(2),
  MaxPool2d_tuple: () => nn.MaxPool2d([2, 3], { stride: 1, padding: 1 }),
  MaxPool1d: () => nn.MaxPool1d(3),
  AvgPool2d: () => nn.AvgPool2d(3, { stride: 1 }),
  AvgPool2d_exclude: () => nn.AvgPool2d(3, { stride: 1, padding: 1, count_include_pad: false }),
  AvgPool1d: () => nn.AvgPool1d(3),
};

const X4 = () => torch.ones(2, 3, 5, 5, { requires_grad: true }) as T;
const GRAD_FNS: Record<string, () => T> = {
  conv2d: () => F.conv2d(X4(), W(4, 3, 3, 3)),
  conv2d_bias: () => F.conv2d(X4(), W(4, 3, 3, 3), torch.ones(4)),
  conv2d_unbatched: () => F.conv2d(torch.ones(3, 5, 5, { requires_grad: true }), W(4, 3, 3, 3)),
  conv1d: () => F.conv1d(torch.ones(2, 3, 5, { requires_grad: true }), W(4, 3, 3)),
  max_pool2d: () => F.max_pool2d(X4(), 2),
  max_pool2d_unbatched: () => F.max_pool2d(torch.ones(2, 5, 5, { requires_grad: true }), 2),
  avg_pool2d: () => F.avg_pool2d(X4(), 2),
  max_pool1d: () => F.max_pool1d(torch.ones(1, 2, 5, { requires_grad: true }), 2),
  avg_pool1d: () => F.avg_pool1d(torch.ones(1, 2, 5, { requires_grad: true }), 2),
};

const INDICES: Record<string, (x: T) => [T, T]> = {
  max_pool2d: (x) => F.max_pool2d(x, 3, { stride: 2, padding: 1, return_indices: true }),
  max_pool2d_ceil: (x) => F.max_pool2d(x, 2, { ceil_mode: true, return_indices: true }),
  max_pool2d_dilation: (x) => F.max_pool2d(x, 2, { stride: 1, dilation: 2, return_indices: true }),
  max_pool1d_unbatched: (x) => F.max_pool1d(ops.getItem(x, [0]), 2, { return_indices: true }),
};

const INITS: Record<string, () => { named_parameters(): [string, T][] }> = {
  Conv2d_1_32_3: () => nn.Conv2d(1, 32, 3, 1),
  Conv2d_32_64_3: () => nn.Conv2d(32, 64, 3, 1),
  Conv2d_groups_nobias: () => nn.Conv2d(4, 6, [2, 3], { groups: 2, bias: false }),
  Conv1d: () => nn.Conv1d(3, 5, 4),
};


describe('runtime: convolution and pooling against PyTorch 1.13 and NumPy 1.24 (recorded fixtures)', function () {
  this.timeout(60000);

  it('every fixture case has a TypeScript twin', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(data.cases).sort());
    assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(data.errors).sort());
    assert.deepEqual(Object.keys(REPRS).sort(), Object.keys(data.reprs).sort());
  });

  describeRecordedCases(CASES, data.cases, { f32: [1e-5, 1e-5], f64: [1e-12, 1e-12], grad: [1e-12, 1e-12] });

  describe('errors (exact type names and texts)', () => {
    for (const [name, want] of Object.entries(data.errors)) it(name, () => assert.deepEqual(thrown(ERRORS[name]), want));
  });

  describe('module reprs', () => {
    for (const [name, want] of Object.entries(data.reprs)) it(name, () => assert.equal(repr(REPRS[name]()), want));
  });

  describe('grad_fn names', () => {
    for (const [name, want] of Object.entries(data.grad_fns)) it(name, () => assert.equal(GRAD_FNS[name]().grad_fn.name(), want));
  });

  describe('initial parameters: kaiming_uniform_(a=sqrt(5)) and the bias bound, bit for bit from the seed', () => {
    for (const [name, want] of Object.entries(data.inits)) {
      it(name, () => {
        torch.manual_seed(want.seed);
        const m = INITS[name]();
        const params = m.named_parameters();
        assert.deepEqual(params.map(([k]) => k), Object.keys(want.params));
        for (const [k, p] of params) {
          assert.deepEqual([...p.dims], want.params[k].shape, `${name}.${k} shape`);
          assert.deepEqual([...p.values], want.params[k].value.map((v) => Math.fround(v)), `${name}.${k} values`);
        }
        // The stream continues where PyTorch's does.
        assert.deepEqual([...(torch.rand(2) as T).values], want.next.map((v) => Math.fround(v)));
      });
    }
  });

  describe('max pooling with return_indices (the flat index of each maximum in its input plane)', () => {
    for (const [name, want] of Object.entries(data.indices.cases)) {
      it(name, () => {
        const [v, i] = INDICES[name](torch.tensor(data.indices.input, { dtype: torch.float32 }) as T);
        assertClose(v, want.values, 1e-6, 1e-6, `${name} values`);
        assert.equal(`torch.${i.dt}`, want.dtype);
        assert.deepEqual(flat(i), flat(want.indices));
      });
    }
  });

  describe('Conv2d forward with each padding_mode (zeros, reflect, replicate, circular) and padding', () => {
    for (const [name, want] of Object.entries(data.modules.outputs)) {
      it(name, () => {
        const mode = name.slice(0, name.indexOf(' ')), p = name.slice(name.indexOf(' ') + 1);
        const padding = p === 'same' ? 'same' : p === '1' ? 1 : p.match(/\d+/g)!.map(Number);
        torch.manual_seed(0);
        const m = nn.Conv2d(2, 3, padding === 'same' ? [3, 2] : 3, { padding, padding_mode: mode });
        assertClose(m(torch.tensor(data.modules.input, { dtype: torch.float32 })), want, 1e-6, 1e-6, name);
      });
    }
  });

  describe('np.convolve and np.correlate (values and dtypes)', () => {
    for (const c of data.numpy) {
      it(`${c.op}(${JSON.stringify(c.a)}, ${JSON.stringify(c.v)}, '${c.mode}')`, () => {
        const r = np[c.op](c.a, c.v, c.mode) as T;
        assert.equal(r.dt, c.dtype);
        assertClose(r, c.value, 1e-15, 1e-15, c.op);
      });
    }
  });
});
