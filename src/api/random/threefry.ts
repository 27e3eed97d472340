// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11),
// the counter-based hash behind jax.random. Checked against Random123's known-answer vectors.

/**
 * Hashes counters (x0[i], x1[i]) under key (k0, k1) in place: five groups of four rounds, each group
 * followed by a key injection, as JAX's lowering writes it. The rotations are constants in the code
 * (13, 15, 26, 6 in odd groups, 17, 29, 16, 24 in even ones): reading them and the key schedule from
 * arrays each round cost 4x. The words stay int32, stored as uint32.
 */
export function threefry2x32(k0: number, k1: number, x0: Uint32Array, x1: Uint32Array): void {
  k0 |= 0; k1 |= 0;
  const k2 = k0 ^ k1 ^ 0x1bd11bda;
  for (let i = 0; i < x0.length; i++) {
    let a = (x0[i] + k0) | 0, b = (x1[i] + k1) | 0;
    // Group g injects ks[g % 3] and ks[(g + 1) % 3] + g: the schedule turns by one each group.
    let ka = k1, kb = k2, kc = k0;
    for (let g = 1; g <= 5; g++) {
      if (g & 1) {
        a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
        a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
        a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
        a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
      } else {
        a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
        a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
        a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
        a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
      }
      a = (a + ka) | 0; b = (b + kb + g) | 0;
      const t = ka; ka = kb; kb = kc; kc = t;
    }
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
