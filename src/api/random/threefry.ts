// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11),
// the counter-based hash behind jax.random. Checked against Random123's known-answer vectors.

const ROT0 = [13, 15, 26, 6];
const ROT1 = [17, 29, 16, 24];

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;

/**
 * Hashes counters (x0[i], x1[i]) under key (k0, k1) in place: five groups of four rounds, each group
 * followed by a key injection, as JAX's lowering writes it.
 */
export function threefry2x32(k0: number, k1: number, x0: Uint32Array, x1: Uint32Array): void {
  k0 >>>= 0; k1 >>>= 0;
  const k2 = (k0 ^ k1 ^ 0x1bd11bda) >>> 0;
  const ks = [k0, k1, k2];
  for (let i = 0; i < x0.length; i++) {
    let a = (x0[i] + k0) >>> 0, b = (x1[i] + k1) >>> 0;
    for (let g = 1; g <= 5; g++) {
      const rot = g % 2 === 1 ? ROT0 : ROT1;
      for (let r = 0; r < 4; r++) {
        a = (a + b) >>> 0;
        b = rotl(b, rot[r]) ^ a;
      }
      a = (a + ks[g % 3]) >>> 0;
      b = (b + ks[(g + 1) % 3] + g) >>> 0;
    }
    x0[i] = a;
    x1[i] = b >>> 0;
  }
}

/** One block: the pair hashed from one counter pair. */
export function threefryBlock(k0: number, k1: number, c0: number, c1: number): [number, number] {
  const a = Uint32Array.of(c0), b = Uint32Array.of(c1);
  threefry2x32(k0, k1, a, b);
  return [a[0], b[0]];
}
