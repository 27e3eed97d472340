// CPython's random.Random for integer seeds (MT19937 seeded by init_by_array over the seed's 32-bit
// words) and randint: TensorFlow's eager mode draws its per-op seeds from random.Random(global_seed).

import { MT_N, mtInitByArray, mtTemper, mtTwist } from './mt19937.js';

export class PythonRandom {
  private readonly mt = new Uint32Array(MT_N);
  private pos = MT_N;

  constructor(seed: number | bigint) {
    // random.seed(int): the absolute value as little-endian 32-bit words ([0] for 0).
    let n = BigInt(seed);
    if (n < 0n) n = -n;
    const key: number[] = [];
    while (n > 0n) { key.push(Number(n & 0xffffffffn)); n >>= 32n; }
    if (key.length === 0) key.push(0);
    mtInitByArray(this.mt, key);
    this.pos = MT_N;
  }

  private genrand(): number {
    if (this.pos >= MT_N) {
      mtTwist(this.mt);
      this.pos = 0;
    }
    return mtTemper(this.mt[this.pos++]);
  }

  /** getrandbits(k) for k <= 32. */
  getrandbits(k: number): number {
    return k === 32 ? this.genrand() : this.genrand() >>> (32 - k);
  }

  /** randint(a, b) = a + _randbelow(b - a + 1), by rejection over bit_length(n) bits (0 < n < 2^32). */
  randint(a: number, b: number): number {
    const n = b - a + 1;
    const k = 32 - Math.clz32(n); // n.bit_length(), for 0 < n < 2^32
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return a + r;
  }
}
