// Gradient checks against central differences in float64: forward mode (jacfwd, jax.jvp), reverse
// mode (jacrev, jax.vjp) and optionally second order (jax.hessian against differences of jax.grad),
// with JAX's float64 tolerances for eps = 1e-6 (the specs turn jax_enable_x64 on, as JAX's tests do).
import assert from 'node:assert/strict';
import { jax, jnp, ops, Tensor } from '../../src/index.js';
import { assertClose, flat, rng } from './helpers.js';

const EPS = 1e-6;
const RTOL = 1e-5;
const ATOL = 1e-5;
export type F = (...xs: Tensor[]) => Tensor;

export const f64 = (data: number[], shape: number[]): Tensor => ops.reshape(jnp.array(data, 'float64') as Tensor, shape);
export const random = (shape: number[], seed: number, lo = -1, hi = 1): Tensor => {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return f64(Array.from({ length: n }, () => lo + (hi - lo) * r()), shape);
};
export const size = (t: Tensor) => t.dims.reduce((a, b) => a * b, 1);

/** Numerical Jacobian d f(args) / d args[i], flattened as [outSize][inSize]. */
function numericJacobian(f: F, args: Tensor[], i: number): number[][] {
  const x = flat(args[i]);
  const cols: number[][] = [];
  for (let k = 0; k < x.length; k++) {
    const plus = x.slice(); plus[k] += EPS;
    const minus = x.slice(); minus[k] -= EPS;
    const at = (d: number[]) => flat(f(...args.map((a, j) => (j === i ? f64(d, [...a.dims]) : a))));
    const fp = at(plus), fm = at(minus);
    cols.push(fp.map((v, m) => (v - fm[m]) / (2 * EPS)));
  }
  const outSize = cols[0]?.length ?? 0;
  return Array.from({ length: outSize }, (_, m) => cols.map((c) => c[m]));
}

const matvec = (J: number[][], v: number[]) => J.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
const vecmat = (u: number[], J: number[][]) => (J[0] ?? []).map((_, k) => J.reduce((s, row, m) => s + u[m] * row[k], 0));

export function check(name: string, f: F, args: Tensor[], opts: { second?: boolean; argnums?: number[] } = {}): void {
  const out = f(...args);
  assert.equal(out.dt, 'float64', `${name}: output dtype`);
  const argnums = opts.argnums ?? args.map((_, i) => i);
  for (const i of argnums) {
    const Jn = numericJacobian(f, args, i);
    const what = `${name} d/darg${i}`;
    // forward: jacfwd (batched tangents) and jax.jvp with a random tangent
    const Jf = jax.jacfwd(f, { argnums: i })(...args) as Tensor;
    assert.deepEqual([...Jf.dims], [...out.dims, ...args[i].dims], `${what}: jacfwd shape`);
    assertClose(Jf, Jn, RTOL, ATOL, `${what} jacfwd`);
    const t = random([...args[i].dims], 101 + i);
    const [o, jt] = jax.jvp((x: Tensor) => f(...args.map((a, j) => (j === i ? x : a))), [args[i]], [t]);
    assertClose(o, out, 0, 0, `${what} jvp primal`);
    assertClose(jt, matvec(Jn, flat(t)), RTOL, ATOL, `${what} jvp`);
    // reverse: jacrev (batched cotangents) and jax.vjp with a random cotangent
    const Jr = jax.jacrev(f, { argnums: i })(...args) as Tensor;
    assertClose(Jr, Jn, RTOL, ATOL, `${what} jacrev`);
    const u = random([...out.dims], 202 + i);
    const [, vjpFn] = jax.vjp(f, ...args);
    const cts = vjpFn(u) as Tensor[];
    assert.deepEqual([...cts[i].dims], [...args[i].dims], `${what}: vjp cotangent shape`);
    assert.equal(cts[i].dt, 'float64');
    assertClose(cts[i], vecmat(flat(u), Jn), RTOL, ATOL, `${what} vjp`);
  }
  if (opts.second === false) return;
  // second order on the scalar g = sum(f(args) * w): hessian vs central differences of jax.grad
  const w = random([...out.dims], 303);
  const g = (...xs: Tensor[]) => ops.sum(ops.mul(f(...xs), w));
  for (const i of argnums) {
    const what = `${name} d2/darg${i}2`;
    const gradI = (...xs: Tensor[]) => jax.grad(g, { argnums: i })(...xs) as Tensor;
    assertClose(gradI(...args), numericJacobian(g, args, i)[0], RTOL, ATOL, `${what} grad`);
    const Hn = numericJacobian(gradI, args, i);
    const H = jax.hessian(g, { argnums: i })(...args) as Tensor;
    assert.deepEqual([...H.dims], [...args[i].dims, ...args[i].dims], `${what}: hessian shape`);
    assertClose(H, Hn, 1e-4, 1e-4, `${what} hessian`);
  }
}

