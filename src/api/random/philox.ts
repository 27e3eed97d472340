// Philox-4x32-10 (Salmon et al., SC11) with TensorFlow's counter/key layout and Skip: a 128-bit counter
// of four words (least significant first) and a 64-bit key of two words. Checked against Random123's
// known-answer vectors.

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** The high word of a 32 x 32-bit product (the low one is Math.imul's). */
function mulHi(a: number, b: number): number {
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const mid = al * bh + ah * bl + ((al * bl) >>> 16); // < 2^34: exact
  return (ah * bh + Math.floor(mid / 65536)) >>> 0;
}

/** Ten rounds of Philox-4x32 on one counter under one key (no allocation: it runs per 128-bit draw). */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>, out: Uint32Array = new Uint32Array(4)): Uint32Array {
  let c0 = counter[0] >>> 0, c1 = counter[1] >>> 0, c2 = counter[2] >>> 0, c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0, k1 = key[1] >>> 0;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulHi(M0, c0), lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2), lo1 = Math.imul(M1, c2) >>> 0;
    const n0 = (hi1 ^ c1 ^ k0) >>> 0, n2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
  return out;
}

/** tensorflow::random::PhiloxRandom: a counter that steps by one per 128-bit output. */
export class PhiloxRandom {
  readonly counter = new Uint32Array(4);
  readonly key = new Uint32Array(2);

  /** PhiloxRandom(seed_lo, seed_hi): key from the first seed, counter words 2-3 from the second. */
  static fromSeeds(seedLo: bigint, seedHi: bigint): PhiloxRandom {
    const p = new PhiloxRandom();
    const lo = BigInt.asUintN(64, seedLo), hi = BigInt.asUintN(64, seedHi);
    p.key[0] = Number(lo & 0xffffffffn); p.key[1] = Number(lo >> 32n);
    p.counter[2] = Number(hi & 0xffffffffn); p.counter[3] = Number(hi >> 32n);
    return p;
  }

  static fromCounterKey(counter: ArrayLike<number>, key: ArrayLike<number>): PhiloxRandom {
    const p = new PhiloxRandom();
    p.counter.set(Array.from(counter, (v) => v >>> 0));
    p.key.set(Array.from(key, (v) => v >>> 0));
    return p;
  }

  clone(): PhiloxRandom {
    return PhiloxRandom.fromCounterKey(this.counter, this.key);
  }

  /** Skip(count): add count to the 128-bit counter (count < 2^64). */
  skip(count: bigint | number): this {
    const n = BigInt(count);
    const lo = Number(n & 0xffffffffn);
    let hi = Number((n >> 32n) & 0xffffffffn);
    const c = this.counter;
    c[0] = (c[0] + lo) >>> 0;
    if (c[0] < lo) hi = (hi + 1) >>> 0; // wraps as TensorFlow's uint32 does
    c[1] = (c[1] + hi) >>> 0;
    if (c[1] < hi) {
      c[2] = (c[2] + 1) >>> 0;
      if (c[2] === 0) c[3] = (c[3] + 1) >>> 0;
    }
    return this;
  }

  /** operator(): four words from the current counter, then step it by one. */
  next(out: Uint32Array = new Uint32Array(4)): Uint32Array {
    philox4x32(this.counter, this.key, out);
    const c = this.counter;
    c[0] = (c[0] + 1) >>> 0;
    if (c[0] === 0) {
      c[1] = (c[1] + 1) >>> 0;
      if (c[1] === 0) {
        c[2] = (c[2] + 1) >>> 0;
        if (c[2] === 0) c[3] = (c[3] + 1) >>> 0;
      }
    }
    return out;
  }
}
