// The printed tensors of the reference documents (../shared/seeds/*.txt), rebuilt from float32 values.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Tensor, gradFnNames } from '../../src/tensor/tensor.js';
import { VARIABLE_BRAND, type Flavor, type PrintableVariable } from '../../src/tensor/printable.js';
import { format, printText, repr, str } from '../../src/format/index.js';

const f = Math.fround;

function f32(dims: number[], values: number[], flavor: Flavor): Tensor {
  return new Tensor('float32', dims, Float32Array.from(values), flavor);
}

function variable(name: string, value: Tensor): PrintableVariable {
  return { [VARIABLE_BRAND]: true, name, value };
}

/** The seed notebook's fn(x) in float32: products of powers, as jnp/torch/tf compute them. */
function fn(x: number[]): number[] {
  const p = (v: number, k: number): number => {
    let r = 1;
    for (let i = 0; i < k; i++) r = f(r * v);
    return r;
  };
  const [a, b, c, d] = x;
  return [
    f(f(f(p(a, 6) * p(b, 4)) * p(c, 9)) * p(d, 2)),
    f(f(f(p(a, 2) * p(b, 3)) * p(c, 5)) * p(d, 3)),
    f(f(f(p(a, 5) * p(b, 7)) * p(c, 7)) * p(d, 6)),
  ];
}

/** Writes what Python's print(f"{name} = {t.shape} \n{t}\n") writes. */
function fstring(name: string, t: Tensor): string {
  return printText([`${name} = ${t.shape} \n${t}\n`]);
}

describe('format: reference documents', () => {
  const x = [1.0, 0.5, 1.5, 2.0].map(f);
  const fx = fn(x);
  // The Jacobian of fn at x, row by row (d/dx_j of a monomial is k/x_j times it), rounded to float32.
  const powers = [[6, 4, 9, 2], [2, 3, 5, 3], [5, 7, 7, 6]];
  const jac = powers.flatMap((ks, i) => ks.map((k, j) => f(f(k * fx[i]) / x[j])));
  const v4 = [0.2, 0.3, 0.4, 0.8].map(f);
  const v3 = [0.5, 0.8, 1.0].map(f);
  const jvp = [0, 1, 2].map((i) => {
    let s = 0;
    for (let j = 0; j < 4; j++) s = f(s + f(jac[i * 4 + j] * v4[j]));
    return s;
  });
  const vjp = [0, 1, 2, 3].map((j) => {
    let s = 0;
    for (let i = 0; i < 3; i++) s = f(s + f(v3[i] * jac[i * 4 + j]));
    return s;
  });

  it('tf.autodiff.ForwardAccumulator doc: tensor reprs', () => {
    assert.equal(repr(f32([], [4.4417057], 'tf')), '<tf.Tensor: shape=(), dtype=float32, numpy=4.4417057>');
    assert.equal(repr(f32([], [10.094786], 'tf')), '<tf.Tensor: shape=(), dtype=float32, numpy=10.094786>');
    assert.equal(repr(f32([2], [3, 12], 'tf')), '<tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 3., 12.], dtype=float32)>');
    assert.equal(repr(f32([2], [6, 0], 'tf')), '<tf.Tensor: shape=(2,), dtype=float32, numpy=array([6., 0.], dtype=float32)>');
    // The notebook's own computation of 3.5 * 1.1 ** 2.5 in float32 prints the documented digits.
    assert.equal(repr(f32([], [f(3.5 * f(Math.pow(f(1.1), 2.5)))], 'tf')), '<tf.Tensor: shape=(), dtype=float32, numpy=4.4417057>');
  });

  it('jax notebook: f-strings of jnp arrays and shapes', () => {
    const J = (dims: number[], vals: number[]): Tensor => f32(dims, vals, 'jax');
    assert.equal(fstring('fn(x)', J([4], x)).split('\n')[0], 'fn(x) = (4,) ');
    assert.equal(`${J([3], fx)}`, '[9.61084  7.59375  8.542969]');
    assert.equal(
      fstring('full_jacobian', J([3, 4], jac)),
      'full_jacobian = (3, 4) \n' +
        '[[ 57.66504   76.88672   57.66504    9.61084 ]\n' +
        ' [ 15.1875    45.5625    25.3125    11.390625]\n' +
        ' [ 42.714844 119.60156   39.867188  25.628906]]\n',
    );
    assert.equal(fstring('v', J([4], v4)), 'v = (4,) \n[0.2 0.3 0.4 0.8]\n');
    assert.equal(fstring('jvp_', J([3], jvp)), 'jvp_ = (3,) \n[65.353714 35.943752 80.87344 ]\n');
    assert.equal(fstring('v', J([3], v3)), 'v = (3,) \n[0.5 0.8 1. ]\n');
    assert.equal(fstring('vjp', J([4], vjp)), 'vjp = (4,) \n[ 83.697365 194.49492   88.94971   39.546825]\n');
    assert.equal(repr(J([3], fx)), 'Array([9.61084 , 7.59375 , 8.542969], dtype=float32)');
  });

  it('torch notebook: torch.Size and tensor(...)', () => {
    const T = (vals: number[]): Tensor => f32([vals.length], vals, 'torch');
    assert.equal(fstring('func_output', T(fx)), 'func_output = torch.Size([3]) \ntensor([9.6108, 7.5938, 8.5430])\n');
    assert.equal(fstring('jvp', T(jvp)), 'jvp = torch.Size([3]) \ntensor([65.3537, 35.9438, 80.8734])\n');
    assert.equal(fstring('vjp', T(vjp)), 'vjp = torch.Size([4]) \ntensor([ 83.6974, 194.4949,  88.9497,  39.5468])\n');
  });

  it('tf notebook: f-strings, print of tensors and of a Keras kernel variable', () => {
    const y = f32([3], fx, 'tf');
    assert.equal(fstring('y', y), 'y = (3,) \n[9.61084  7.59375  8.542969]\n');
    assert.equal(fstring('jvp', f32([3], jvp, 'tf')), 'jvp = (3,) \n[65.353714 35.943752 80.87344 ]\n');
    assert.equal(fstring('vjp', f32([4], vjp, 'tf')), 'vjp = (4,) \n[ 83.697365 194.49492   88.94971   39.546825]\n');
    assert.equal(printText([f32([], [-1.7002447], 'tf')]), 'tf.Tensor(-1.7002447, shape=(), dtype=float32)');
    assert.equal(printText([f32([], [11.96414], 'tf')]), 'tf.Tensor(11.96414, shape=(), dtype=float32)');
    assert.equal(printText([f32([], [14.045405], 'tf')]), 'tf.Tensor(14.045405, shape=(), dtype=float32)');
    const kernel = variable('kernel:0', f32([2, 1], [-1.3399825, 1.3681983], 'tf'));
    const kernelText = "<tf.Variable 'kernel:0' shape=(2, 1) dtype=float32, numpy=\narray([[-1.3399825],\n       [ 1.3681983]], dtype=float32)>";
    assert.equal(printText([kernel]), kernelText);
    assert.equal(repr(kernel), kernelText);
    assert.equal(printText(['dense.kernel']), 'dense.kernel');
    assert.equal(printText([]), '');
    assert.equal(printText([f32([2, 1], [1, 0], 'tf')]), 'tf.Tensor(\n[[1.]\n [0.]], shape=(2, 1), dtype=float32)');
    assert.equal(printText([f32([2, 2], [2, 3, 1, 4], 'tf')]), 'tf.Tensor(\n[[2. 3.]\n [1. 4.]], shape=(2, 2), dtype=float32)');
  });

  it('the Tensor hooks: String(), template literals, util.inspect and .shape', () => {
    const t = f32([3], [9.61083984375, 7.59375, 8.54296875], 'tf');
    assert.equal(String(t), '[9.61084  7.59375  8.542969]');
    assert.equal(inspect(t), '<tf.Tensor: shape=(3,), dtype=float32, numpy=array([9.61084 , 7.59375 , 8.542969], dtype=float32)>');
    assert.equal(`${t.shape}`, '(3,)');
    assert.equal(String(f32([], [1], 'tf').shape), '()');
    assert.equal(String(f32([2, 1], [1, 2], 'numpy').shape), '(2, 1)');
    assert.equal(inspect(f32([3], [1, 2, 3], 'torch').shape), 'torch.Size([3])');
    const w = f32([], [6], 'jax');
    w.weak = true;
    assert.equal(repr(w), 'Array(6., dtype=float32, weak_type=True)');
    assert.equal(str(w), '6.0');
  });

  it('torch grad_fn from the gradFnNames map, and 0-d f-strings use item()', () => {
    const t = f32([3], [2, 4, 6], 'torch');
    t.requires_grad = true;
    gradFnNames.set(t, 'MulBackward0');
    assert.equal(repr(t), 'tensor([2., 4., 6.], grad_fn=<MulBackward0>)');
    const s = f32([], [12], 'torch');
    gradFnNames.set(s, 'SumBackward0');
    assert.equal(str(s), 'tensor(12., grad_fn=<SumBackward0>)');
    // Tensor.__format__ of a 0-d tensor is format(t.item(), ''): the float32 value as a Python float.
    assert.equal(format(f32([], [4.4417057], 'torch')), String(f(4.4417057)));
    assert.equal(format(new Tensor('int64', [], new BigInt64Array([7n]), 'torch')), '7');
  });
});
