// PyTorch's CPU generator (at::CPUGeneratorImpl, PyTorch 1.13): an MT19937 engine with torch's own
// seeding and read position, two cached Box-Muller samples, and the 5056-byte state of get_rng_state.

import { MT_N, mtInitGenrand, mtTemper, mtTwist } from './mt19937.js';
import { RandomError, torchSeed } from './errors.js';
import * as libm from './libm.js';

/** The seed of `torch.Generator()` made without one (c10's default_rng_seed_val). */
export const TORCH_DEFAULT_SEED = 67280421310721n;

/** Size of the byte tensor get_rng_state returns: sizeof(CPUGeneratorImplState). */
export const TORCH_STATE_BYTES = 5056;
/** The THRandom-era layout set_rng_state still accepts. */
export const TORCH_LEGACY_STATE_BYTES = 5048;

export class TorchGenerator {
  /** The seed given to manual_seed (uint64). */
  private seed_ = 0n;
  // at::mt19937's fields: `left` counts down to the next twist, `next` indexes the state.
  private left = 1;
  private next = 0;
  private seeded = true;
  private readonly mt = new Uint32Array(MT_N);
  /** normal_distribution<double>'s cached second Box-Muller value (legacy normal_y). */
  nextDoubleNormal: number | null = null;
  /** The float cache of the state layout (set_state can load it; 1.13's kernels never fill it). */
  nextFloatNormal: number | null = null;

  constructor(seed: number | bigint = TORCH_DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /** Generator.manual_seed: reseeds the engine and drops both cached normals. Returns this. */
  manualSeed(seed: number | bigint): this {
    const s = torchSeed(seed);
    this.seed_ = s;
    this.seeded = true;
    // init_with_uint32: only the low 32 bits reach the state; initial_seed keeps all 64.
    mtInitGenrand(this.mt, Number(s & 0xffffffffn));
    this.left = 1;
    this.next = 0;
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /** Generator.initial_seed. */
  initialSeed(): bigint {
    return this.seed_;
  }

  /** Generator.seed: a fresh non-deterministic 53-bit seed (as c10's getNonDeterministicRandom). */
  seed(): bigint {
    const w = new Uint32Array(2);
    globalThis.crypto.getRandomValues(w);
    const s = ((BigInt(w[0]) << 32n) | BigInt(w[1])) & 0x1fffffffffffffn;
    this.manualSeed(s);
    return s;
  }

  /** CPUGeneratorImpl::random: one 32-bit draw. */
  random(): number {
    if (--this.left === 0) {
      mtTwist(this.mt);
      this.left = MT_N;
      this.next = 0;
    }
    return mtTemper(this.mt[this.next++]);
  }

  /** CPUGeneratorImpl::random64 as [hi, lo]: the first draw is the high word. */
  random64(out: [number, number] = [0, 0]): [number, number] {
    out[0] = this.random();
    out[1] = this.random();
    return out;
  }

  /** random64 as a BigInt (for the rare 64-bit modulo paths). */
  random64Big(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** An independent copy (Generator.clone_state semantics). */
  clone(): TorchGenerator {
    const g = new TorchGenerator();
    g.setState(this.getState());
    return g;
  }

  /** torch.get_rng_state / Generator.get_state: the CPUGeneratorImplState bytes, little-endian. */
  getState(): Uint8Array {
    const bytes = new Uint8Array(TORCH_STATE_BYTES);
    const v = new DataView(bytes.buffer);
    v.setBigUint64(0, this.seed_, true); // the_initial_seed
    v.setInt32(8, this.left, true);
    v.setInt32(12, this.seeded ? 1 : 0, true);
    v.setBigUint64(16, BigInt(this.next), true);
    for (let i = 0; i < MT_N; i++) v.setBigUint64(24 + 8 * i, BigInt(this.mt[i]), true); // state as uint64
    // normal_x (5016) and normal_rho (5032) are dummies; normal_y (5024) and normal_is_valid (5040) cache.
    if (this.nextDoubleNormal !== null) {
      v.setFloat64(5024, this.nextDoubleNormal, true);
      v.setInt32(5040, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      v.setFloat32(5048, this.nextFloatNormal, true);
      bytes[5052] = 1;
    }
    return bytes;
  }

  /** torch.set_rng_state / Generator.set_state, with torch's checks. */
  setState(bytes: Uint8Array): void {
    const legacy = bytes.length === TORCH_LEGACY_STATE_BYTES;
    if (bytes.length !== TORCH_STATE_BYTES && !legacy) {
      throw new RandomError('RuntimeError', `Expected either a CPUGeneratorImplStateLegacy of size ${TORCH_LEGACY_STATE_BYTES} or a CPUGeneratorImplState of size ${TORCH_STATE_BYTES} but found the input RNG state size to be ${bytes.length}`);
    }
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const left = v.getInt32(8, true);
    const seeded = v.getInt32(12, true) !== 0;
    const next = Number(v.getBigUint64(16, true) & 0xffffffffn);
    if (!(seeded && left > 0 && left <= MT_N && next <= MT_N)) throw new RandomError('RuntimeError', 'Invalid mt19937 state');
    this.seed_ = v.getBigUint64(0, true);
    this.left = left;
    this.seeded = seeded;
    this.next = next;
    for (let i = 0; i < MT_N; i++) this.mt[i] = Number(v.getBigUint64(24 + 8 * i, true) & 0xffffffffn);
    const valid = v.getInt32(5040, true) !== 0;
    if (legacy) {
      // The old THRandom state kept (normal_x, normal_rho); torch rebuilds the cached sine sample.
      this.nextDoubleNormal = valid ? v.getFloat64(5032, true) * libm.sin(2 * Math.PI * v.getFloat64(5016, true)) : null;
      this.nextFloatNormal = null;
    } else {
      this.nextDoubleNormal = valid ? v.getFloat64(5024, true) : null;
      this.nextFloatNormal = bytes[5052] !== 0 ? v.getFloat32(5048, true) : null;
    }
  }
}
