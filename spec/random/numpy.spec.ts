// NumPy's RandomState (legacy MT19937) and Generator (PCG64 via SeedSequence) against NumPy 1.24's own
// draws (spec/fixtures/random/numpy.json, written by generate.py), bit for bit.
import assert from 'node:assert/strict';
import { RandomState } from '../../src/api/random/numpy_random_state.js';
import { defaultRng, Generator } from '../../src/api/random/numpy_generator.js';
import { PCG64 } from '../../src/api/random/numpy_bitgen.js';
import { SeedSequence } from '../../src/api/random/seed_sequence.js';
import { zigguratTables } from '../../src/api/random/ziggurat.js';
import type { NumpyIntDType } from '../../src/api/random/numpy_bounded.js';
import { assertBits, encode, loadFixture, sha256 } from './helpers.js';

interface Call { fn: string; n: number; bits?: (string | number)[]; libm?: number[]; [k: string]: unknown }
interface Case { name: string; seed: number | string | number[]; calls: Call[] }
interface Fixture {
  numpy: string;
  legacy: Case[];
  generator: Case[];
  legacy_set_state: { key: string; pos: number; hasGauss: number; gauss: string; randn4: string[] };
  seedsequence: { entropy: number | string | number[]; u32: number[]; u64: string[] }[];
}

const fx = loadFixture<Fixture>('numpy.json');
const seedOf = (s: Case['seed']): number | bigint | number[] => (Array.isArray(s) ? s : BigInt(s));

function arange(n: number, kind: 'float64' | 'float32' | 'int64'): Float64Array | Float32Array | BigInt64Array {
  if (kind === 'int64') return BigInt64Array.from({ length: n }, (_, i) => BigInt(i));
  return kind === 'float32' ? Float32Array.from({ length: n }, (_, i) => i) : Float64Array.from({ length: n }, (_, i) => i);
}

function f64hex(x: number): string {
  return encode(Float64Array.of(x))[0] as string;
}

function runLegacy(c: Case): void {
  const rs = new RandomState(seedOf(c.seed) as number);
  c.calls.forEach((call, k) => {
    const where = `${c.name}, call ${k} ${call.fn}`;
    const check = (got: ArrayLike<number | bigint>, isBool = false) => assertBits(got as Float64Array, call.bits!, where, call.libm, isBool);
    switch (call.fn) {
      case 'random_sample': case 'rand': return check(rs.randomSample(call.n));
      case 'randn': case 'standard_normal': return check(rs.standardNormal(call.n));
      case 'normal': return check(rs.normal(call.loc as number, call.scale as number, call.n));
      case 'uniform': return check(rs.uniform(call.low as number, call.high as number, call.n));
      case 'randint': return check(rs.randint(BigInt(call.low as string), BigInt(call.high as string), call.n, call.dtype as NumpyIntDType), call.dtype === 'bool');
      case 'permutation': return check(rs.permutation(call.n));
      case 'shuffle': return check(rs.shuffle(arange(call.n, call.rows === 1 ? 'float64' : 'int64'), call.rows as number));
      case 'choice': return check(rs.choice(call.pop as number, call.n, call.replace as boolean, call.p as number[] | null));
      case 'get_state': {
        const st = rs.getState();
        assert.equal(sha256(st.key), call.keySha256, where);
        assert.equal(st.pos, call.pos, where);
        assert.equal(st.hasGauss, call.hasGauss, where);
        return assert.equal(f64hex(st.gauss), call.gauss, where);
      }
    }
    assert.fail(`unknown fixture call ${call.fn}`);
  });
}

function runGenerator(c: Case): void {
  const rng = defaultRng(seedOf(c.seed));
  c.calls.forEach((call, k) => {
    const where = `${c.name}, call ${k} ${call.fn}`;
    const check = (got: ArrayLike<number | bigint>, isBool = false) => assertBits(got as Float64Array, call.bits!, where, call.libm, isBool);
    const digest = (got: Float32Array | Float64Array | BigInt64Array) => {
      assert.deepEqual(encode(got.subarray(0, 6)), call.head, where + ' head');
      assert.deepEqual(encode(got.subarray(got.length - 6)), call.tail, where + ' tail');
      assert.equal(sha256(got), call.sha256, where);
    };
    switch (call.fn) {
      case 'random': return check(rng.random(call.n, call.dtype as 'float64'));
      case 'standard_normal': {
        const v = rng.standardNormal(call.n, call.dtype as 'float64');
        return call.sha256 ? digest(v) : check(v);
      }
      case 'normal': return check(rng.normal(call.loc as number, call.scale as number, call.n));
      case 'uniform': return check(rng.uniform(call.low as number, call.high as number, call.n));
      case 'integers': return check(rng.integers(BigInt(call.low as string), BigInt(call.high as string), call.n, call.dtype as NumpyIntDType, call.endpoint as boolean), call.dtype === 'bool');
      case 'permutation': return check(rng.permutation(call.n));
      case 'shuffle': return check(rng.shuffle(arange(call.n, call.rows === 1 ? 'float32' : 'int64'), call.rows as number));
      case 'choice': {
        const v = rng.choice(call.pop as number, call.n, call.replace as boolean, call.p as number[] | null, (call.shuffle as boolean | undefined) ?? true);
        if (call.sha256) {
          assert.equal(sha256(v), call.sha256, where);
          return assertBits(v.subarray(0, 10), call.bits!, where);
        }
        return check(v);
      }
      case 'state': {
        const st = (rng.bitGenerator as PCG64).getState();
        assert.equal(String(st.state), call.state, where);
        assert.equal(String(st.inc), call.inc, where);
        assert.equal(st.hasUint32 ? 1 : 0, call.hasUint32, where);
        return assert.equal(st.uinteger, call.uinteger, where);
      }
    }
    assert.fail(`unknown fixture call ${call.fn}`);
  });
}

describe('random: NumPy 1.24, bit for bit with numpy', function () {
  it('the fixtures come from NumPy 1.24', function () {
    assert.match(fx.numpy, /^1\.24/);
  });
  describe('RandomState / np.random.* (legacy MT19937)', function () {
    for (const c of fx.legacy) it(c.name, () => runLegacy(c));
    it('set_state from a recorded state, with its cached gaussian', function () {
      const s = fx.legacy_set_state;
      const rs = new RandomState(0);
      const key = new Uint32Array(new Uint8Array(Buffer.from(s.key, 'base64')).buffer);
      const gauss = new Float64Array(BigUint64Array.of(BigInt('0x' + s.gauss)).buffer)[0];
      rs.setState({ key, pos: s.pos, hasGauss: s.hasGauss, gauss });
      assertBits(rs.standardNormal(4), s.randn4, 'randn(4) after set_state');
    });
  });
  describe('default_rng / Generator(PCG64)', function () {
    for (const c of fx.generator) it(c.name, () => runGenerator(c));
  });
  it('SeedSequence.generate_state (uint32 and uint64 words)', function () {
    for (const s of fx.seedsequence) {
      const e = typeof s.entropy === 'string' ? BigInt(s.entropy) : s.entropy;
      const ss = new SeedSequence(e);
      assert.deepEqual(Array.from(ss.generateState(6)), s.u32, JSON.stringify(s.entropy));
      assert.deepEqual(ss.generateState64(3).map(String), s.u64, JSON.stringify(s.entropy));
    }
  });
  it("JAX 101's NumPy example: seed(0), uniform(size=3) and bar() + 2 * baz()", function () {
    assert.deepEqual(Array.from(new RandomState(0).uniform(0, 1, 3), (v) => Number(v.toFixed(8))), [0.5488135, 0.71518937, 0.60276338]);
    const rs = new RandomState(0);
    const bar = rs.uniform(0, 1, 1)[0];
    const baz = rs.uniform(0, 1, 1)[0];
    assert.equal(bar + 2 * baz, 1.9791922366721637);
  });
  it('a Generator can wrap any bit generator; PCG64 state round-trips', function () {
    const a = new Generator(new PCG64(new SeedSequence(3)));
    const b = defaultRng(3);
    assert.deepEqual(encode(a.random(4)), encode(b.random(4)));
    const st = (a.bitGenerator as PCG64).getState();
    const x = a.random(3);
    (a.bitGenerator as PCG64).setState(st);
    assert.deepEqual(encode(a.random(3)), encode(x));
  });
  it('ziggurat tables: 256 layers, monotone widths and densities, ki[1] = 0', function () {
    const { double, float } = zigguratTables();
    for (const t of [double, float]) {
      assert.equal(t.ki[1], 0);
      for (let i = 2; i < 256; i++) assert.ok(t.wi[i] > t.wi[i - 1] && t.fi[i] < t.fi[i - 1], `layer ${i}`);
    }
  });
});
