// Deferred, fused elementwise chains (src/ops/fused.ts, src/kernels/fusion.ts): every result must
// equal, bit for bit, what the ops compute one at a time (withoutFusion), for every fusable op, odd
// lengths, shared subexpressions, chains past the fused size, single elements on either side and
// special values; inputs changed in place after the op must not change its result; transformations
// and shapes the fused path does not take run at once.
import assert from 'node:assert/strict';
import { jax, ops, tf, Tensor } from '../../src/index.js';
import { requiresGrad } from '../../src/autodiff/torch_autograd.js';
import { withoutFusion } from '../../src/kernels/switches.js';
import { FUSE_FROM } from '../../src/ops/fused.js';
import { MAX_FUSED } from '../../src/kernels/fusion.js';
import { simdAvailable } from '../../src/kernels/simd.js';
import { memory } from '../../src/tensor/dtype.js';

const N = 3 * FUSE_FROM + 7; // several tiles and a ragged end

let seed = 11;
function rnd(): number { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; }

function data(n: number, scale = 4): Tensor {
  const special = [NaN, Infinity, -Infinity, 0, -0, 1e-45, 3e38, -1, 1, 0.5];
  const v = Float32Array.from({ length: n }, (_, i) => (i % 97 === 5 ? special[i % special.length] : (rnd() - 0.5) * scale));
  return new Tensor('float32', [n], v, 'numpy');
}
const scalar = (v: number) => new Tensor('float32', [], Float32Array.of(v), 'numpy');

function bits(t: Tensor): Uint32Array {
  const v = t.values as Float32Array;
  return new Uint32Array(v.buffer, v.byteOffset, v.length);
}

/** f's result fused (checking it was deferred) and computed op by op: the same bits. */
function same(f: () => Tensor, what: string): void {
  const fused = f();
  assert.notEqual(fused.pending, null, `${what}: deferred`);
  const eager = withoutFusion(f);
  assert.equal(eager.pending, null);
  assert.deepEqual(fused.dims, eager.dims, what);
  const a = bits(fused), b = bits(eager);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.fail(`${what}: element ${i}: ${(fused.values as Float32Array)[i]} vs ${(eager.values as Float32Array)[i]}`);
}

/** same() for float64 results. */
function same64(f: () => Tensor, what: string): void {
  const fused = f();
  assert.notEqual(fused.pending, null, `${what}: deferred`);
  const eager = withoutFusion(f);
  const a = fused.values as Float64Array, b = eager.values as Float64Array;
  assert.equal(fused.dt, 'float64');
  const ua = new BigUint64Array(a.buffer, a.byteOffset, a.length), ub = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) assert.fail(`${what}: element ${i}: ${a[i]} vs ${b[i]}`);
}

const UNARY = ['neg', 'abs', 'sqrt', 'floor', 'ceil', 'relu', 'sign', 'round', 'sin', 'cos', 'exp', 'log', 'tanh', 'sigmoid', 'erf', 'expm1', 'log1p', 'log2', 'log10', 'exp2', 'sinh', 'cosh'] as const;
const BINARY = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum'] as const;
type Un = (x: Tensor) => Tensor;
type Bin = (a: Tensor | number, b: Tensor | number) => Tensor;
const un = (name: string) => (ops as unknown as Record<string, Un>)[name];
const bin = (name: string) => (ops as unknown as Record<string, Bin>)[name];

describe('fused elementwise chains', function () {
  before(function () {
    if (!simdAvailable()) this.skip();
  });

  it('each unary function, on a fresh and on a pending input, gives the op-by-op bits', function () {
    const x = data(N);
    for (const name of UNARY) {
      same(() => un(name)(x), name);
      same(() => un(name)(ops.mul(x, 0.75)), `${name} of a pending product`);
    }
  });

  it('each arithmetic op, with tensors, single elements on either side and Python numbers, gives the op-by-op bits', function () {
    const x = data(N), y = data(N);
    for (const name of BINARY) {
      same(() => bin(name)(x, y), `${name}(x, y)`);
      same(() => bin(name)(ops.sin(x), y), `${name}(sin x, y)`);
      same(() => bin(name)(x, ops.cos(y)), `${name}(x, cos y)`);
      same(() => bin(name)(scalar(-1.5), ops.exp(x)), `${name}(-1.5, exp x)`);
      same(() => bin(name)(ops.tanh(x), 0.3), `${name}(tanh x, 0.3)`);
      same(() => bin(name)(ops.tanh(x), NaN), `${name}(tanh x, nan)`);
    }
  });

  it('float64: + - * /, with single elements on either side, and the exact unary ops give the op-by-op bits', function () {
    const x = ops.cast(data(N), 'float64'), y = ops.cast(data(N), 'float64');
    for (const name of ['neg', 'abs', 'sqrt', 'floor', 'ceil', 'relu', 'sign', 'round']) same64(() => un(name)(ops.mul(x, 1.5)), `float64 ${name}`);
    for (const name of ['add', 'sub', 'mul', 'div']) {
      same64(() => bin(name)(x, y), `float64 ${name}(x, y)`);
      same64(() => bin(name)(ops.add(ops.mul(x, x), ops.mul(x, 2)), 1), `float64 ${name}(x*x + 2x, 1)`);
      same64(() => bin(name)(new Tensor('float64', [], Float64Array.of(0.1), 'numpy'), ops.sqrt(ops.abs(y))), `float64 ${name}(0.1, sqrt|y|)`);
    }
    // The transcendentals stay with Math in float64, and max and min with the loops: computed when called.
    assert.equal(ops.sin(x).pending, null);
    assert.equal(ops.maximum(x, y).pending, null);
  });

  it('shared subexpressions, one input used many times, and matrices give the op-by-op bits', function () {
    const x = data(N);
    same(() => { const s = ops.sin(x); return ops.add(ops.mul(s, s), ops.div(s, ops.add(ops.abs(s), 1))); }, 'sin shared');
    same(() => ops.add(ops.mul(x, x), ops.sin(x)), 'x*x + sin(x)');
    same(() => ops.pow(ops.sub(x, ops.cos(x)), 2), '(x - cos x) ** 2');
    const m = new Tensor('float32', [211, 311], (data(211 * 311).values as Float32Array), 'numpy');
    same(() => ops.tanh(ops.add(ops.mul(m, m), 1)), 'a matrix');
  });

  it('intermediates read before or after what is built on them give the op-by-op bits', function () {
    const x = data(N);
    const steps = (): Tensor[] => { const ys = [x]; for (let i = 0; i < 12; i++) ys.push(i % 3 ? ops.sin(ys[i]) : ops.mul(ys[i], 1.5)); return ys.slice(1); };
    const want = withoutFusion(steps).map(bits);
    const forward = steps();
    forward.forEach((y, i) => assert.deepEqual(bits(y), want[i], `in order, step ${i}`));
    const backward = steps();
    backward.slice().reverse().forEach((y, i) => assert.deepEqual(bits(y), want[want.length - 1 - i], `last first, step ${want.length - 1 - i}`));
    const middle = steps();
    assert.deepEqual(bits(middle[5]), want[5]);
    middle.forEach((y, i) => assert.deepEqual(bits(y), want[i], `middle first, step ${i}`));
  });

  it('a sum over all axes of a pending tensor adds its tiles as they come, with the eager sum\'s bits', function () {
    // Values of many magnitudes, so that rounding each buffer's running total matters.
    const wide = (n: number) => new Tensor('float32', [n], Float32Array.from({ length: n }, () => (rnd() - 0.3) * 10 ** Math.floor(rnd() * 8 - 4)), 'numpy');
    for (const n of [N, 8 * 8192, 5 * 8192 + 1, 40 * 8192 + 3]) {
      for (const dt of ['float32', 'float64'] as const) {
        const x = ops.cast(n > 8 * 8192 ? wide(n) : data(n), dt);
        const f = () => ops.sum(ops.mul(ops.sub(x, 0.25), ops.sqrt(ops.abs(x))));
        const want = withoutFusion(f).values[0] as number;
        const sq = ops.mul(ops.sub(x, 0.25), ops.sqrt(ops.abs(x)));
        assert.notEqual(sq.pending, null);
        const got = ops.sum(sq);
        assert.ok(Object.is(got.values[0], want), `${dt} n=${n}: ${got.values[0]} vs ${want}`);
        assert.notEqual(sq.pending, null, 'the summed tensor stays pending');
        const again = withoutFusion(() => ops.mul(ops.sub(x, 0.25), ops.sqrt(ops.abs(x))));
        assert.deepEqual(Array.from((sq.values as Float64Array).subarray(0, 9)), Array.from((again.values as Float64Array).subarray(0, 9)));
      }
    }
    const m = new Tensor('float32', [211, 311], (data(211 * 311).values as Float32Array), 'numpy');
    const all = () => ops.sum(ops.mul(m, m), [0, 1], true);
    assert.deepEqual(all().dims, [1, 1]);
    assert.ok(Object.is(all().values[0], withoutFusion(all).values[0]), 'a matrix, keepdims');
    const rows = () => ops.sum(ops.mul(m, m), 1);
    assert.deepEqual(bits(rows()), bits(withoutFusion(rows)), 'one axis: the eager sum');
  });

  it('a chain longer than one fused expression holds gives the op-by-op bits', function () {
    const x = data(N, 2);
    same(() => { let y = x; for (let i = 0; i < 3 * MAX_FUSED + 5; i++) y = i % 2 ? ops.sin(y) : ops.add(ops.mul(y, 1.0001), 0.25); return y; }, 'long chain');
  });

  it('an input changed in place after the op does not change its result, nor its intermediates read later', function () {
    const x = data(N);
    // An in-place write first: x now holds storage of its own, which a later write changes in place.
    x.assignData((d) => { (d as Float32Array)[1] = 2; });
    const want = withoutFusion(() => ops.add(ops.sin(x), x));
    const wantMid = withoutFusion(() => ops.sin(x));
    const mid = ops.sin(x);
    const y = ops.add(mid, x);
    assert.notEqual(y.pending, null);
    x.assignData((d) => (d as Float32Array).fill(7));
    assert.deepEqual(bits(y), bits(want));
    assert.deepEqual(bits(mid), bits(wantMid));
    assert.equal((x.values as Float32Array)[0], 7);
  });

  it('a result past the memory limit fails where the op is called, not where it is read', function () {
    const x = data(N);
    const before = memory.limit;
    memory.limit = 4 * N - 1;
    try {
      assert.throws(() => ops.sin(x), /Unable to allocate/);
      assert.throws(() => ops.add(x, 1), /Unable to allocate/);
    } finally {
      memory.limit = before;
    }
  });

  it('runs at once under a transformation, for other dtypes, for broadcasting and for small tensors', function () {
    const x = data(N);
    let seen: Tensor | null = null;
    jax.grad((t: Tensor) => { seen = ops.sin(t); return ops.sum(seen); })(x);
    assert.equal((seen as unknown as Tensor).pending, null, 'under grad');
    // A tape follows what it watches only: other tensors' ops are still deferred, with the same bits.
    const z = data(N);
    const tape = new tf.GradientTape({ persistent: true });
    tape.watch(x);
    let followed: Tensor | null = null, other: Tensor | null = null, loss: Tensor | null = null;
    tape.run(() => { followed = ops.sin(x); other = ops.sin(z); loss = ops.sum(followed); });
    assert.equal((followed as unknown as Tensor).pending, null, 'followed by the tape');
    assert.notEqual((other as unknown as Tensor).pending, null, 'not followed by the tape');
    assert.deepEqual(bits(other as unknown as Tensor), bits(withoutFusion(() => ops.sin(z))));
    const g = tape.gradient(loss, x) as Tensor;
    assert.deepEqual(bits(g), bits(withoutFusion(() => ops.cos(x))));
    // torch's autograd, once entered, stays: tensors that do not require grad still fuse.
    const w = requiresGrad(data(N));
    const tw = ops.mul(w, 2);
    assert.equal(tw.pending, null, 'requires grad');
    assert.notEqual(ops.mul(z, 2).pending, null, 'beside torch autograd');
    assert.equal(ops.sin(ops.cast(x, 'float64')).pending, null, 'float64');
    const col = new Tensor('float32', [FUSE_FROM, 1], (data(FUSE_FROM).values as Float32Array), 'numpy');
    const row = new Tensor('float32', [1, 4], Float32Array.of(1, 2, 3, 4), 'numpy');
    const b = ops.add(col, row);
    assert.equal(b.pending, null, 'broadcasting');
    assert.deepEqual(b.dims, [FUSE_FROM, 4]);
    const one = new Tensor('float32', [1, 1], Float32Array.of(2), 'numpy');
    const r = ops.mul(x, one);
    assert.deepEqual(r.dims, [1, N], 'a [1, 1] operand widens the result');
    assert.equal(ops.sin(data(FUSE_FROM - 1)).pending, null, 'small');
  });
});
