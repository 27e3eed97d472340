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

/**
 * The inverse of erf on (-1, 1): Giles' single-precision approximation ("Approximating the erfinv
 * function", 2010) as a start, then two Newton steps on erf, which bring it to double precision.
 */
export function erfinv(y: number): number {
  if (y !== y || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-08;
    p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w; p = 0.00021858087 + p * w;
    p = -0.00125372503 + p * w; p = -0.00417768164 + p * w; p = 0.246640727 + p * w; p = 1.50140941 + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w; p = 0.00573950773 + p * w;
    p = -0.0076224613 + p * w; p = 0.00943887047 + p * w; p = 1.00167406 + p * w; p = 2.83297682 + p * w;
    x = p * y;
  }
  const k = 2 / Math.sqrt(Math.PI);
  for (let i = 0; i < 2; i++) {
    const err = erf(x) - y;
    x -= err / (k * Math.exp(-x * x));
  }
  return x;
}
