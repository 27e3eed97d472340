// numpy.random.SeedSequence (O'Neill's seed_seq design as NumPy implements it): entropy words are
// hashed into a 4-word pool, and generate_state hashes the pool into as many words as a bit generator
// needs.

import { numpySeedSequenceEntropy } from './errors.js';

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

export type Entropy = number | bigint | ReadonlyArray<number | bigint>;

/** An integer as uint32 words, least significant first (0 gives [0]). */
function intToWords(n: bigint): number[] {
  if (n === 0n) return [0];
  const out: number[] = [];
  while (n > 0n) {
    out.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return out;
}

/** _coerce_to_uint32_array: an int, or a sequence of ints each split into words. */
export function entropyWords(x: Entropy): number[] {
  if (typeof x === 'number' || typeof x === 'bigint') return intToWords(BigInt(x));
  return x.flatMap((v) => intToWords(BigInt(v)));
}

export class SeedSequence {
  readonly pool = new Uint32Array(POOL_SIZE);
  readonly entropy: Entropy;
  readonly spawnKey: readonly number[];
  nChildrenSpawned = 0;

  constructor(entropy: Entropy, spawnKey: readonly number[] = []) {
    numpySeedSequenceEntropy(typeof entropy === 'number' || typeof entropy === 'bigint' ? entropy : [...entropy]);
    this.entropy = entropy;
    this.spawnKey = spawnKey;
    let run = entropyWords(entropy);
    const spawn = entropyWords([...spawnKey]);
    if (spawnKey.length > 0 && run.length < POOL_SIZE) run = run.concat(new Array(POOL_SIZE - run.length).fill(0));
    this.mixEntropy(run.concat(spawnKey.length > 0 ? spawn : []));
  }

  private mixEntropy(ent: number[]): void {
    let hashConst = INIT_A;
    const hashmix = (value: number): number => {
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      return (value ^ (value >>> 16)) >>> 0;
    };
    const mix = (x: number, y: number): number => {
      const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
      return (r ^ (r >>> 16)) >>> 0;
    };
    const m = this.pool;
    for (let i = 0; i < POOL_SIZE; i++) m[i] = hashmix(i < ent.length ? ent[i] : 0);
    for (let src = 0; src < POOL_SIZE; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) m[dst] = mix(m[dst], hashmix(m[src]));
    }
    for (let src = POOL_SIZE; src < ent.length; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) m[dst] = mix(m[dst], hashmix(ent[src]));
    }
  }

  /** generate_state(n_words, uint32). */
  generateState(nWords: number): Uint32Array {
    const out = new Uint32Array(nWords);
    let hashConst = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let v = (this.pool[i % POOL_SIZE] ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      out[i] = (v ^ (v >>> 16)) >>> 0;
    }
    return out;
  }

  /** generate_state(n_words, uint64): pairs of words, the first one low. */
  generateState64(nWords: number): bigint[] {
    const w = this.generateState(2 * nWords);
    const out: bigint[] = [];
    for (let i = 0; i < nWords; i++) out.push((BigInt(w[2 * i + 1]) << 32n) | BigInt(w[2 * i]));
    return out;
  }

  /** spawn(n): children keyed by their index. */
  spawn(n: number): SeedSequence[] {
    const out: SeedSequence[] = [];
    for (let i = this.nChildrenSpawned; i < this.nChildrenSpawned + n; i++) out.push(new SeedSequence(this.entropy, [...this.spawnKey, i]));
    this.nChildrenSpawned += n;
    return out;
  }
}
