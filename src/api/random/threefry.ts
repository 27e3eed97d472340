// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11),
// the counter-based hash behind jax.random. Checked against Random123's known-answer vectors.

// Rotations: 13, 15, 26, 6 in the odd groups, 17, 29, 16, 24 in the even ones (written out below).

/**
 * Hashes counters (x0[i], x1[i]) under key (k0, k1) in place: five groups of four rounds, each group
 * followed by a key injection, as JAX's lowering writes it. Unrolled with the rotations as constants
 * (reading them and the key schedule from arrays each round cost 4x); the words stay int32, stored as
 * uint32.
 */
export function threefry2x32(k0: number, k1: number, x0: Uint32Array, x1: Uint32Array): void {
  k0 |= 0; k1 |= 0;
  const k2 = k0 ^ k1 ^ 0x1bd11bda;
  for (let i = 0; i < x0.length; i++) {
    let a = (x0[i] + k0) | 0, b = (x1[i] + k1) | 0;
    a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k1) | 0; b = (b + k2 + 1) | 0;
    a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
    a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
    a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
    a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
    a = (a + k2) | 0; b = (b + k0 + 2) | 0;
    a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k0) | 0; b = (b + k1 + 3) | 0;
    a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
    a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
    a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
    a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
    a = (a + k1) | 0; b = (b + k2 + 4) | 0;
    a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k2) | 0; b = (b + k0 + 5) | 0;
    x0[i] = a;
    x1[i] = b;
  }
}

/** One block: the pair hashed from one counter pair. */
export function threefryBlock(k0: number, k1: number, c0: number, c1: number): [number, number] {
  const a = Uint32Array.of(c0), b = Uint32Array.of(c1);
  threefry2x32(k0, k1, a, b);
  return [a[0], b[0]];
}
