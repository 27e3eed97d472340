// PyTorch's autograd API: requires_grad, grad_fn names, .backward() accumulating into .grad,
// torch.autograd.grad (create_graph for second derivatives) and the retain_graph error.
import assert from 'node:assert/strict';
import { torch, repr, Tensor } from '../../src/index.js';
import { assertF32, F } from './helpers.js';

const T = (x: unknown) => x as Tensor;
const leaf = () => T(torch.tensor(F([1., 2., 3.]), { requires_grad: true }));

describe('autodiff: torch autograd API', () => {
  it('requires_grad on leaves and results; plain tensors do not require grad', () => {
    const x = leaf();
    assert.equal(x.requires_grad, true);
    assert.equal(repr(x), 'tensor([1., 2., 3.], requires_grad=True)');
    const c = T(torch.tensor(F([1., 2.])));
    assert.equal(c.requires_grad, false);
    assert.equal(x.mul(2).requires_grad, true);
    assert.equal(c.mul(2).requires_grad, false);
    assert.equal(x.grad, null);
  });

  it('grad_fn names appear in repr', () => {
    const x = leaf();
    assert.match(repr(x.mul(x).sum()), /^tensor\(14\.?, grad_fn=<SumBackward0>\)$/);
    assert.match(repr(x.mul(2)), /grad_fn=<MulBackward0>\)$/);
    assert.match(repr(x.add(1)), /grad_fn=<AddBackward0>\)$/);
  });

  it('.backward() accumulates into .grad of leaves', () => {
    const x = leaf();
    x.mul(x).sum().backward();
    assertF32(x.grad, [2, 4, 6]);
    x.mul(3).sum().backward();
    assertF32(x.grad, [5, 7, 9]);
  });

  it('.backward() on a non-scalar needs a gradient', () => {
    const x = leaf();
    assert.throws(() => x.mul(2).backward(), /grad can be implicitly created only for scalar outputs/);
    x.mul(2).backward(T(torch.tensor(F([1., 0., 1.]))));
    assertF32(x.grad, [2, 0, 2]);
  });

  it('torch.autograd.grad returns gradients without touching .grad', () => {
    const x = leaf();
    const [g] = torch.autograd.grad(x.pow(3).sum(), x);
    assertF32(g, [3, 12, 27]);
    assert.equal(x.grad, null);
  });

  it('create_graph=True gives a differentiable gradient: second derivatives', () => {
    const x = leaf();
    const y = x.pow(3).sum();
    const [g] = torch.autograd.grad(y, x, { create_graph: true });
    assertF32(g, [3, 12, 27]);
    assert.equal(T(g).requires_grad, true);
    const [h] = torch.autograd.grad(T(g).sum(), x);
    assertF32(h, [6, 12, 18]);
  });

  it('backward through the graph a second time raises unless retain_graph', () => {
    const x = leaf();
    const y = x.mul(x).sum();
    y.backward();
    assert.throws(() => y.backward(), (e: Error) => e.name === 'RuntimeError' && /Trying to backward through the graph a second time.*retain_graph=True/.test(e.message));
    const z = x.mul(x).sum();
    z.backward(null, { retain_graph: true });
    z.backward();
    assertF32(x.grad, [2 + 4, 4 + 8, 6 + 12]);
  });

  it('torch.autograd.grad on an input that does not require grad is an error', () => {
    const x = leaf();
    const c = T(torch.tensor(F([1., 2., 3.])));
    assert.throws(() => torch.autograd.grad(x.mul(c).sum(), c), /does not require grad/);
  });

  it('torch.autograd.functional strict=True refuses an input no output depends on; strict=False gives zeros', () => {
    const f = (a: Tensor, b: Tensor) => a.mul(2);
    const inputs = [T(torch.tensor(F([1.]))), T(torch.tensor(F([2.])))];
    const v = [T(torch.tensor(F([1.]))), T(torch.tensor(F([1.])))];
    const [, jvp] = torch.autograd.functional.jvp(f, inputs, v);
    assert.equal(repr(jvp), 'tensor([2.])');
    const independent = /The output of the user-provided function is independent of input 1\. This is not allowed in strict mode\./;
    assert.throws(() => torch.autograd.functional.jvp(f, inputs, v, { strict: true }), independent);
    assert.throws(() => torch.autograd.functional.vjp(f, inputs, T(torch.tensor(F([1.]))), { strict: true }), independent);
    assert.throws(() => torch.autograd.functional.jacobian(f, inputs, { strict: true }), independent);
    const [, vjp] = torch.autograd.functional.vjp(f, inputs, T(torch.tensor(F([1.]))));
    assert.equal(repr(vjp), '(tensor([2.]), tensor([0.]))');
    const [, ok] = torch.autograd.functional.vjp((x: Tensor) => x.sin(), T(torch.tensor(F([0.]))), T(torch.tensor(F([1.]))), { strict: true });
    assert.equal(repr(ok), 'tensor([1.])');
  });
});

describe('autodiff: torch grad_fn names as PyTorch 1.13 names them', () => {
  // The names below were printed by torch 1.13 for the same expressions.
  const x = torch.ones(3, 4, { requires_grad: true }) as Tensor;
  const v = torch.ones(4, { requires_grad: true }) as Tensor;
  const cases: [string, () => unknown, string][] = [
    ['x[0]', () => x.getItem(0), 'SelectBackward0'],
    ['x[0, 1:]', () => x.getItem(0, '1:'), 'SliceBackward0'],
    ['x[1:, 0]', () => x.getItem('1:', 0), 'SelectBackward0'],
    ['x[0, :]', () => x.getItem(0, ':'), 'SliceBackward0'],
    ['x[None]', () => x.getItem(null), 'UnsqueezeBackward0'],
    ['x[[0, 1]]', () => x.getItem([0, 1]), 'IndexBackward0'],
    ['x.sum()', () => x.sum(), 'SumBackward0'],
    ['x.sum(0)', () => x.sum(0), 'SumBackward1'],
    ['x.mean()', () => x.mean(), 'MeanBackward0'],
    ['x.mean(0)', () => x.mean(0), 'MeanBackward1'],
    ['x.max()', () => x.max(), 'MaxBackward1'],
    ['x.prod(0)', () => x.prod(0), 'ProdBackward1'],
    ['x.std()', () => x.std(), 'StdBackward0'],
    ['x @ v', () => x.matmul(v), 'MvBackward0'],
    ['v @ v', () => v.matmul(v), 'DotBackward0'],
    ['x @ x.T', () => x.matmul(x.T), 'MmBackward0'],
    ['x.t()', () => x.t(), 'TBackward0'],
    ['x.unsqueeze(0)', () => x.unsqueeze(0), 'UnsqueezeBackward0'],
    ['x.softmax(0)', () => x.softmax(0), 'SoftmaxBackward0'],
    ['x.square()', () => x.square(), 'PowBackward0'],
    ['x.clone()', () => x.clone(), 'CloneBackward0'],
    ['x.exp()', () => x.exp(), 'ExpBackward0'],
    ['x * 2', () => x.mul(2), 'MulBackward0'],
  ];
  for (const [what, f, name] of cases) {
    it(`${what}: ${name}`, () => {
      const gf = (f() as Tensor).grad_fn as { name(): string };
      assert.equal(gf.name(), name);
    });
  }

  // The expected texts below are PyTorch 1.13's for the same calls.
  it('in-place ops continue the history from their op and bump _version', () => {
    const a = leaf();
    const b = T(a.exp());
    assert.equal(b._version, 0);
    assert.equal(repr(b.add_(1)), 'tensor([ 3.7183,  8.3891, 21.0855], grad_fn=<AddBackward0>)');
    assert.equal(b._version, 1);
    assert.throws(() => b.sum().backward(), { name: 'RuntimeError', message: 'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).' });
    const c = T(a.mul(2));
    c.add_(1);
    c.sum().backward();
    assert.equal(repr(a.grad), 'tensor([2., 2., 2.])');
    const w = T(torch.ones(3));
    const z = T(a.mul(w));
    w.add_(1);
    assert.throws(() => z.sum().backward(), { message: /^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch.FloatTensor \[3\]\] is at version 1; expected version 0 instead/ });
  });

  it('grad_fn._saved_self is the input itself, _saved_result a new tensor equal to the output', () => {
    const x = leaf();
    const y = T(x.pow(2));
    assert.equal(y.grad_fn._saved_self, x);
    const e = T(x.exp());
    const r = T(e.grad_fn._saved_result);
    assert.notEqual(r, e);
    assert.equal(T(r).equal(e), true);
    assert.throws(() => e.grad_fn._saved_self, { name: 'AttributeError', message: "'ExpBackward0' object has no attribute '_saved_self'" });
  });

  it('torch.autograd.functional with create_graph gives results with a graph, differentiable again', () => {
    const x = leaf();
    const H = T(torch.autograd.functional.hessian((u: Tensor) => u.pow(3).sum(), x, { create_graph: true }));
    assert.equal(repr(H), 'tensor([[ 6.,  0.,  0.],\n        [ 0., 12.,  0.],\n        [ 0.,  0., 18.]], grad_fn=<ViewBackward0>)');
    H.sum().backward();
    assert.equal(repr(x.grad), 'tensor([6., 6., 6.])');
    const J = T(torch.autograd.functional.jacobian((u: Tensor) => u.exp(), torch.tensor(F([0., 1.])), { create_graph: true }));
    assert.equal(J.requires_grad, true);
    const [, vj] = torch.autograd.functional.vjp((u: Tensor) => u.sin(), x, torch.ones(3), { create_graph: true }) as Tensor[];
    assert.match(repr(vj), /grad_fn=<MulBackward0>\)$/);
  });
});
