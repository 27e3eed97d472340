// The Mersenne Twister MT19937 (Matsumoto & Nishimura 1998): seeding, the state twist and tempering.
// PyTorch's CPU generator and NumPy's RandomState share this core; each keeps its own read position.

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** Knuth's initialisation from a 32-bit seed (init_genrand): torch's and NumPy's integer seeding. */
export function mtInitGenrand(state: Uint32Array, seed: number): void {
  state[0] = seed >>> 0;
  for (let i = 1; i < MT_N; i++) {
    const prev = state[i - 1] ^ (state[i - 1] >>> 30);
    state[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
}

/** init_by_array (the reference code's array seeding), as NumPy's legacy seeding uses for arrays. */
export function mtInitByArray(state: Uint32Array, key: ArrayLike<number>): void {
  mtInitGenrand(state, 19650218);
  let i = 1, j = 0;
  const len = key.length;
  for (let k = Math.max(MT_N, len); k > 0; k--) {
    const prev = state[i - 1] ^ (state[i - 1] >>> 30);
    state[i] = ((state[i] ^ Math.imul(prev, 1664525)) + (key[j] >>> 0) + j) >>> 0;
    i++; j++;
    if (i >= MT_N) { state[0] = state[MT_N - 1]; i = 1; }
    if (j >= len) j = 0;
  }
  for (let k = MT_N - 1; k > 0; k--) {
    const prev = state[i - 1] ^ (state[i - 1] >>> 30);
    state[i] = ((state[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= MT_N) { state[0] = state[MT_N - 1]; i = 1; }
  }
  state[0] = 0x80000000; // MSB is 1: a non-zero initial array
}

/**
 * Regenerates all 624 words in place (the "twist"). MATRIX_A is applied by a mask, not a branch:
 * the branch on each word's low bit is a coin toss the processor mispredicts half the time (3x slower).
 */
export function mtTwist(s: Uint32Array): void {
  const a = MATRIX_A | 0;
  let i = 0;
  for (; i < MT_N - MT_M; i++) {
    const y = (s[i] & UPPER) | (s[i + 1] & LOWER);
    s[i] = s[i + MT_M] ^ (y >>> 1) ^ (-(y & 1) & a);
  }
  for (; i < MT_N - 1; i++) {
    const y = (s[i] & UPPER) | (s[i + 1] & LOWER);
    s[i] = s[i + MT_M - MT_N] ^ (y >>> 1) ^ (-(y & 1) & a);
  }
  const y = (s[MT_N - 1] & UPPER) | (s[0] & LOWER);
  s[MT_N - 1] = s[MT_M - 1] ^ (y >>> 1) ^ (-(y & 1) & a);
}

/** The output tempering of one state word. */
export function mtTemper(y: number): number {
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}
