// Special functions the JavaScript Math object lacks.

/**
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term is positive, so the series
 * has no cancellation and reaches double precision; beyond |x| = 6, erf is ±1 in double.
 */
export function erf(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  if (ax >= 6) return x > 0 ? 1 : -1;
  const x2 = ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const r = (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
  return x < 0 ? -r : r;
}

/** NumPy's round: halves go to the even neighbour. */
export function roundHalfEven(a: number): number {
  return Math.abs(a % 1) === 0.5 ? 2 * Math.round(a / 2) : Math.round(a);
}
