// PyTorch's CPU generator and kernels against torch 1.13's own draws (spec/fixtures/random/torch.json,
// written by generate.py): every call of every case, in order, bit for bit.
import assert from 'node:assert/strict';
import { TorchGenerator, TORCH_DEFAULT_SEED } from '../../src/api/random/torch_generator.js';
import * as T from '../../src/api/random/torch_random.js';
import * as I from '../../src/api/random/torch_init.js';
import { RandomError } from '../../src/api/random/errors.js';
import { assertBits, big, encode, loadFixture, sha256 } from './helpers.js';

interface Call {
  fn: string;
  gen?: string;
  n?: number;
  dtype?: T.TorchDType;
  seed?: number | string;
  [k: string]: unknown;
}
interface Case { name: string; calls: Call[] }
interface Fixture { torch: string; avx2: Case[]; default: Case[]; errors: { call: string; type: string; message: string }[] }

const fx = loadFixture<Fixture>('torch.json');

function floats(v: unknown, dtype: T.TorchFloatDType): number | Float32Array | Float64Array {
  if (!Array.isArray(v)) return v as number;
  return dtype === 'float64' ? Float64Array.from(v as number[]) : Float32Array.from(v as number[]);
}

function run(c: Case, capability: T.CpuCapability): void {
  const def = new TorchGenerator();
  const gens = new Map<string, TorchGenerator>();
  const G = (name?: string): TorchGenerator => (name ? gens.get(name)! : def);
  c.calls.forEach((call, k) => {
    const where = `${c.name}, call ${k} ${call.fn}(${JSON.stringify({ ...call, bits: undefined, libm: undefined, bytes: undefined, weight: undefined, bias: undefined })})`;
    const g = G(call.gen);
    const dtype = (call.dtype ?? 'float32') as T.TorchDType;
    const fdt = dtype as T.TorchFloatDType;
    const o = { capability };
    const n = call.n as number;
    const bits = call.bits as (string | number)[];
    const libm = call.libm as number[] | undefined;
    const check = (got: T.TorchArray) => assertBits(got, bits, where, libm, dtype === 'bool');
    switch (call.fn) {
      case 'manual_seed':
        if (call.gen) gens.set(call.gen, new TorchGenerator(big(call.seed!)));
        else def.manualSeed(big(call.seed!));
        return;
      case 'initial_seed':
        return assert.equal(String(g.initialSeed()), call.value, where);
      case 'get_state': {
        const st = g.getState();
        if (call.bytes) assert.deepEqual(Buffer.from(st).toString('base64'), call.bytes, where);
        return assert.equal(sha256(st), call.sha256, where);
      }
      case 'set_state':
        return g.setState(new Uint8Array(Buffer.from(call.bytes as string, 'base64')));
      case 'randn':
        return check(T.randn(g, n, fdt, o));
      case 'normal_':
        return check(T.normal(g, n, call.mean as number, call.std as number, fdt, o));
      case 'normal_tt': case 'normal_tf': case 'normal_ft':
        return check(T.normalTensor(g, floats(call.mean, fdt), floats(call.std, fdt), n, fdt, o));
      case 'randn_digest': {
        const v = T.randn(g, n, 'float32', o);
        assert.deepEqual(encode(v.subarray(0, 6)), call.head, where);
        assert.deepEqual(encode(v.subarray(n - 6)), call.tail, where);
        return assert.equal(sha256(v), call.sha256, where);
      }
      case 'rand':
        return check(T.rand(g, n, fdt));
      case 'uniform_':
        return check(T.uniform(g, n, call.from as number, call.to as number, fdt, o));
      case 'randint':
        return check(T.randint(g, big(call.low as string), big(call.high as string), n, dtype));
      case 'random_':
        if ('from' in call) return check(T.randomFromTo(g, n, big(call.from as string), call.to === undefined || call.to === null ? null : big(call.to as string), dtype));
        return check(T.random(g, n, dtype));
      case 'randperm':
        return check(T.randperm(g, n, dtype));
      case 'bernoulli_t': {
        const p = call.pdtype === 'float64' ? Float64Array.from(call.p as number[]) : Float32Array.from(call.p as number[]);
        return assertBits(T.bernoulliTensor(g, p), bits, where, libm);
      }
      case 'bernoulli_p':
        return check(T.bernoulliScalar(g, n, call.p as number, dtype));
      case 'linear': {
        def.manualSeed(big(call.seed!));
        const lin = I.linearInit(def, call.in as number, call.out as number, call.bias as boolean, { dtype: fdt, capability });
        assertBits(lin.weight, call.weight as string[], where + ' weight');
        if (call.bias) assertBits(lin.bias!, call.bias as unknown as string[], where + ' bias');
        else assert.equal(lin.bias, null);
        return;
      }
    }
    const kw = (call.kwargs ?? {}) as Record<string, number & string>;
    const shape = call.shape as number[];
    const io = { dtype: fdt, capability };
    switch (call.fn) {
      case 'init.uniform_': return check(I.initUniform(g, shape, kw.a, kw.b, io));
      case 'init.normal_': return check(I.initNormal(g, shape, kw.mean, kw.std, io));
      case 'init.xavier_uniform_': return check(I.xavierUniform(g, shape, kw.gain ?? 1, io));
      case 'init.xavier_normal_': return check(I.xavierNormal(g, shape, kw.gain ?? 1, io));
      case 'init.kaiming_uniform_': return check(I.kaimingUniform(g, shape, kw.a ?? 0, kw.mode ?? 'fan_in', kw.nonlinearity ?? 'leaky_relu', io));
      case 'init.kaiming_normal_': return check(I.kaimingNormal(g, shape, kw.a ?? 0, kw.mode ?? 'fan_in', kw.nonlinearity ?? 'leaky_relu', io));
    }
    assert.fail(`unknown fixture call ${call.fn}`);
  });
}

describe('random: PyTorch 1.13 CPU generator, bit for bit with torch', function () {
  it('the fixtures come from torch 1.13', function () {
    assert.match(fx.torch, /^1\.13/);
  });
  describe('AVX2 kernels (x86-64 builds on AVX2 machines)', function () {
    for (const c of fx.avx2) it(c.name, () => run(c, 'avx2'));
  });
  describe('generic kernels (ATEN_CPU_CAPABILITY=default)', function () {
    for (const c of fx.default) it(c.name, () => run(c, 'default'));
  });

  it('a draw changes the state and a manual_seed restores it', function () {
    const g = new TorchGenerator(7);
    const a = g.getState();
    T.rand(g, 3);
    assert.notEqual(sha256(g.getState()), sha256(a));
    g.manualSeed(7);
    assert.equal(sha256(g.getState()), sha256(a));
    assert.equal(new TorchGenerator().initialSeed(), TORCH_DEFAULT_SEED);
  });

  it('randperm: below the PyTorch 2.6 threshold both algorithms are the 32-bit swap loop', function () {
    // 1.13 uses the swap loop for every n (checked once against torch for n = 214748365, see README);
    // the inside-out random64 shuffle of PyTorch >= 2.6 starts at floor((2^32 - 1) / 20).
    assert.equal(T.RANDPERM_LARGE_N, 214748364);
    for (const n of [0, 1, 2, 50, 1000]) {
      assert.deepEqual(T.randperm(new TorchGenerator(n), n, 'int64', { largeN: true }), T.randperm(new TorchGenerator(n), n));
    }
  });

  it('set_rng_state rejects a state of the wrong size and an invalid engine state', function () {
    const g = new TorchGenerator(0);
    assert.throws(() => g.setState(new Uint8Array(10)), (e: unknown) => e instanceof RandomError && e.name === 'RuntimeError');
    const st = g.getState();
    new DataView(st.buffer).setInt32(8, 0, true); // left = 0
    assert.throws(() => g.setState(st), /Invalid mt19937 state/);
  });
});
