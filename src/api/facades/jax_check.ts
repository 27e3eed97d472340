// jax.test_util.check_grads: derivatives of a function checked against central differences, in
// forward mode (JVPs along random directions) and reverse mode (VJPs, by the inner-product
// identity <u, J v> = <J^T u, v>), up to the given order.
import { Tensor } from '../../tensor/tensor.js';
import * as ops from '../../ops/index.js';
import { jvp, vjp } from '../../autodiff/functional.js';
import { flatten, mapTree } from '../../autodiff/tree.js';
import { pyfn } from '../args.js';
import { pyError } from '../errors.js';

type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

let state = 0x2545f491;
function rand(): number {
  state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
  return ((state >>> 0) / 4294967296) * 2 - 1;
}

const like = (t: Tensor) => ops.cast(ops.toTensor(Array.from({ length: t.count }, rand)), t.dt).reshape(t.dims) as Tensor;
const inner = (a: unknown, b: unknown) => flatten(a, isTensor).reduce((s, x, i) => s + Number(ops.sum(ops.mul(ops.cast(x, 'float64'), ops.cast(flatten(b, isTensor)[i], 'float64'))).values[0]), 0);
/** The arguments moved by c times the tangents, leaf by leaf. */
function shift(args: unknown[], tangents: unknown[], c: number): unknown[] {
  const ts = flatten(tangents, isTensor);
  let k = 0;
  return mapTree(args, isTensor, (x) => ops.add(x, ops.mul(ts[k++], c))) as unknown[];
}

function close(got: number, want: number, atol: number, rtol: number, what: string): void {
  if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
    throw pyError('AssertionError', `\nNot equal to tolerance rtol=${rtol}, atol=${atol}\n${what}\nMismatch: got ${got}, expected ${want}`);
  }
}

function checkOnce(f: Fn, args: unknown[], modes: string[], atol: number, rtol: number, eps: number): void {
  const tangents = args.map((a) => mapTree(a, isTensor, like));
  // Central difference along the tangents.
  const fp = flatten(f(...shift(args, tangents, eps)), isTensor), fm = flatten(f(...shift(args, tangents, -eps)), isTensor);
  const fdm = fp.map((t, i) => ops.div(ops.sub(ops.cast(t, 'float64'), ops.cast(fm[i], 'float64')), 2 * eps));
  if (modes.includes('fwd')) {
    const [, t] = jvp(f, args, tangents);
    const got = flatten(t, isTensor);
    got.forEach((g, i) => {
      const a = Array.from(ops.cast(g, 'float64').values as Float64Array), b = Array.from(fdm[i].values as Float64Array);
      a.forEach((v, k) => close(v, b[k], atol, rtol, 'JVP tangent'));
    });
  }
  if (modes.includes('rev')) {
    const [out, pullback] = vjp(f, ...args);
    const u = mapTree(out, isTensor, like);
    const ct = pullback(u) as unknown[];
    close(inner(ct, tangents), inner(u, fdm), atol, rtol, 'VJP inner product');
  }
}

export const checkGrads = pyfn('jax.test_util.check_grads(f, args, order, modes=("fwd", "rev"), atol=None, rtol=None, eps=None)', (a) => {
  const modes = a.modes as string[];
  const args = a.args as unknown[];
  const f64 = flatten(args, isTensor).every((t) => t.dt === 'float64');
  const atol = a.atol ?? (f64 ? 1e-5 : 2e-2), rtol = a.rtol ?? (f64 ? 1e-5 : 2e-2), eps = a.eps ?? (f64 ? 1e-6 : 1e-3);
  let fs: Fn[] = [a.f as Fn];
  for (let order = 1; order <= a.order; order++) {
    for (const g of fs) checkOnce(g, args, modes, atol, rtol, eps);
    // The next order checks the derivative along a fixed direction.
    fs = fs.map((g) => {
      const t = args.map((x) => mapTree(x, isTensor, like));
      return (...xs: unknown[]) => jvp(g, xs, t)[1];
    });
  }
  return undefined;
}, 'Checks gradients from automatic differentiation against finite differences, up to the given order.');
