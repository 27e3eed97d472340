// The validation helpers raise what the libraries raise: every error torch 1.13 and NumPy 1.24 gave
// generate.py for a bad input, by exception class and message.
import assert from 'node:assert/strict';
import { TorchGenerator } from '../../src/api/random/torch_generator.js';
import * as T from '../../src/api/random/torch_random.js';
import * as I from '../../src/api/random/torch_init.js';
import { RandomState } from '../../src/api/random/numpy_random_state.js';
import { defaultRng } from '../../src/api/random/numpy_generator.js';
import { RandomError, torchCheckSize } from '../../src/api/random/errors.js';
import { loadFixture } from './helpers.js';

interface Recorded { call: string; type: string; message: string }

const g = () => new TorchGenerator(0);
const TORCH: Record<string, () => unknown> = {
  'manual_seed(2**64)': () => g().manualSeed(2n ** 64n),
  'randn(-1)': () => torchCheckSize([-1]),
  'randn(2, -3)': () => torchCheckSize([2, -3]),
  'normal_(0, -1)': () => T.normal(g(), 3, 0, -1),
  'normal(zeros(2), [1, -1])': () => T.normalTensor(g(), Float32Array.of(0, 0), Float32Array.of(1, -1), 2),
  'uniform_(2, 1)': () => T.uniform(g(), 3, 2, 1),
  'randint(3, 3)': () => T.randint(g(), 3, 3, 2),
  'randint(0, 300, uint8)': () => T.randint(g(), 0, 300, 2, 'uint8'),
  'randint(-1, 5, uint8)': () => T.randint(g(), -1, 5, 2, 'uint8'),
  'randint(0, 2**40, int32)': () => T.randint(g(), 0, 2 ** 40, 2, 'int32'),
  'randperm(-1)': () => T.randperm(g(), -1),
  'bernoulli_(1.5)': () => T.bernoulliScalar(g(), 3, 1.5),
  'set_rng_state(10 bytes)': () => g().setState(new Uint8Array(10)),
  'xavier_uniform_(1-d)': () => I.xavierUniform(g(), [3]),
  "kaiming_uniform_(mode='fan_avg')": () => I.kaimingUniform(g(), [3, 3], 0, 'fan_avg'),
  "calculate_gain('foo')": () => I.calculateGain('foo'),
};

const rs = () => new RandomState(0);
const rng = () => defaultRng(0);
const NUMPY: Record<string, () => unknown> = {
  'seed(-1)': () => rs().seed(-1),
  'seed(2**32)': () => rs().seed(2 ** 32),
  'seed([])': () => rs().seed([]),
  'seed([1, -1])': () => rs().seed([1, -1]),
  'randint(5, 5)': () => rs().randint(5, 5, 1),
  'randint(0)': () => rs().randint(0, null, 1),
  'randint(-200, 0, int8)': () => rs().randint(-200, 0, 1, 'int8'),
  'randint(0, 300, uint8)': () => rs().randint(0, 300, 1, 'uint8'),
  'normal(0, -1)': () => rs().normal(0, -1, 1),
  'uniform(0, inf)': () => rs().uniform(0, Infinity, 1),
  'rand(-1)': () => rs().rand(-1),
  'choice(5, 3, p sums to 1.5)': () => rs().choice(5, 3, true, [0.5, 0.5, 0.5, 0, 0]),
  'choice(3, 2, p negative)': () => rs().choice(3, 2, true, [1.5, -0.5, 0]),
  'choice(3, 2, p size 2)': () => rs().choice(3, 2, true, [0.5, 0.5]),
  'choice(3, 5, replace=False)': () => rs().choice(3, 5, false),
  'choice(0, 1)': () => rs().choice(0, 1),
  'choice(3, 3, replace=False, p one nonzero)': () => rs().choice(3, 3, false, [1, 0, 0]),
  'default_rng(-1)': () => defaultRng(-1),
  'Generator.integers(5, 5)': () => rng().integers(5, 5, 1),
  'Generator.integers(0, 1, endpoint) high -1': () => rng().integers(0, -1, 1, 'int64', true),
  'Generator.uniform(1, 0)': () => rng().uniform(1, 0, 1),
  'Generator.uniform(0, inf)': () => rng().uniform(0, Infinity, 1),
  'Generator.normal(0, -1)': () => rng().normal(0, -1, 1),
  'Generator.choice(3, 5, replace=False)': () => rng().choice(3, 5, false),
  'Generator.choice(0, 1)': () => rng().choice(0, 1),
  'Generator.choice(3, 2, p size 2)': () => rng().choice(3, 2, true, [0.5, 0.5]),
};

function replay(cases: Recorded[], table: Record<string, () => unknown>): void {
  for (const c of cases) {
    const f = table[c.call];
    assert.ok(f, `no replay for the recorded error of ${c.call}`);
    assert.throws(f, (e: unknown) => {
      assert.ok(e instanceof RandomError, `${c.call}: a RandomError`);
      assert.equal(e.name, c.type, `${c.call}: exception class`);
      assert.equal(e.message, c.message, `${c.call}: message`);
      return true;
    }, c.call);
  }
}

describe('random: validation errors worded as the libraries word them', function () {
  it('PyTorch 1.13', function () {
    const cases = loadFixture<{ errors: Recorded[] }>('torch.json').errors;
    assert.ok(cases.length >= 10);
    replay(cases, TORCH);
  });
  it('NumPy 1.24', function () {
    const cases = loadFixture<{ errors: Recorded[] }>('numpy.json').errors;
    assert.ok(cases.length >= 20);
    replay(cases, NUMPY);
  });
});
