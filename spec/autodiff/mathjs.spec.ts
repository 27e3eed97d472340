// The seed polynomial's Jacobian (the notebook's fn) against mathjs's symbolic derivative.
import { derivative, parse } from 'mathjs';
import { jax, jnp, Tensor } from '../../src/index.js';
import { assertClose } from './helpers.js';

const EXPRS = [
  'x0^6 * x1^4 * x2^9 * x3^2',
  'x0^2 * x1^3 * x2^5 * x3^3',
  'x0^5 * x1^7 * x2^7 * x3^6',
];
const POWERS = [[6, 4, 9, 2], [2, 3, 5, 3], [5, 7, 7, 6]];
const AT = [1, 0.5, 1.5, 2];

const fn = (x: Tensor): Tensor =>
  jnp.array(POWERS.map((p) => p.reduce<Tensor>((acc, k, i) => (i === 0 ? x.getItem(0).pow(k) : acc.mul(x.getItem(i).pow(k))), x))) as Tensor;

describe('autodiff: the seed polynomial against mathjs symbolic derivatives', () => {
  const scope = { x0: AT[0], x1: AT[1], x2: AT[2], x3: AT[3] };
  const symbolic = EXPRS.map((e) => ['x0', 'x1', 'x2', 'x3'].map((v) => derivative(parse(e), v).evaluate(scope) as number));

  it('mathjs agrees with the notebook on the value of fn', () => {
    assertClose(EXPRS.map((e) => parse(e).evaluate(scope) as number), [9.61084, 7.59375, 8.542969], 1e-6, 1e-6);
  });
  for (const [name, jac] of [['jacfwd', jax.jacfwd], ['jacrev', jax.jacrev]] as const) {
    it(`${name} (float32) matches the symbolic Jacobian at x = [1, 0.5, 1.5, 2]`, () => {
      const J = jac(fn)(jnp.array(AT) as Tensor) as Tensor;
      assertClose(J, symbolic, 1e-6, 1e-6);
    });
    it(`${name} (float64) matches the symbolic Jacobian to 1e-12`, () => {
      const J = jac(fn)(jnp.array(AT, 'float64') as Tensor) as Tensor;
      assertClose(J, symbolic, 1e-12, 1e-12);
    });
  }
  it('the second derivatives (jax.hessian of each component, float64) match mathjs', () => {
    const vars = ['x0', 'x1', 'x2', 'x3'];
    EXPRS.forEach((e, c) => {
      const H = jax.hessian((x: Tensor) => fn(x).getItem(c))(jnp.array(AT, 'float64') as Tensor) as Tensor;
      const Hs = vars.map((a) => vars.map((b) => derivative(derivative(parse(e), a), b).evaluate(scope) as number));
      assertClose(H, Hs, 1e-12, 1e-11, `component ${c}`);
    });
  });
});
