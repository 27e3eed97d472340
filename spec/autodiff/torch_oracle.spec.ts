// JVPs, VJPs, Jacobians and HVPs of a set of functions compared with PyTorch's own
// torch.autograd.functional results, where /usr/bin/python3 has PyTorch (it is skipped otherwise).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { torch, Tensor } from '../../src/index.js';
import { assertClose, F } from './helpers.js';

const PY = '/usr/bin/python3';
const hasTorch = (): boolean => {
  const r = spawnSync(PY, ['-c', 'import torch'], { encoding: 'utf8', timeout: 20000 });
  return r.status === 0;
};

// Each function written twice: for PyTorch (Python source) and for Jacobi.
const FUNCS: { name: string; py: string; js: (x: Tensor) => Tensor; x: number[]; v: number[]; u: number[] }[] = [
  { name: 'sin(x) * x**2', py: 'lambda x: torch.sin(x) * x**2', js: (x) => x.sin().mul(x.pow(2)), x: [0.3, -1.2, 2.0], v: [1, 0.5, -1], u: [0.2, 1, -0.3] },
  { name: 'softmax(x)', py: 'lambda x: torch.softmax(x, -1)', js: (x) => x.softmax(-1), x: [0.1, 0.7, -0.4], v: [1, 2, 3], u: [0.5, -0.5, 1] },
  { name: 'tanh(A @ x) cumulative', py: 'lambda x: torch.cumsum(torch.tanh(torch.tensor([[1., 2., 0.], [0., -1., 1.], [0.5, 0.5, 0.5]], dtype=torch.float64) @ x), 0)',
    js: (x) => (torch.tensor(F([[1., 2., 0.], [0., -1., 1.], [0.5, 0.5, 0.5]]), { dtype: torch.float64 }) as Tensor).matmul(x).tanh().cumsum(0), x: [0.2, -0.1, 0.4], v: [0, 1, 0], u: [1, 1, 1] },
  { name: 'exp(x) / sum(exp(x)) * log(1 + x**2)', py: 'lambda x: torch.exp(x) / torch.exp(x).sum() * torch.log1p(x**2)',
    js: (x) => x.exp().div(x.exp().sum()).mul(x.pow(2).add(1).log()), x: [0.5, 1.5, -0.25], v: [0.1, 0.2, 0.3], u: [1, -1, 2] },
];
const SCALAR = [
  { name: 'sum(x**3) + prod(x)', py: 'lambda x: (x**3).sum() + x.prod()', js: (x: Tensor) => x.pow(3).sum().add(x.prod()), x: [1.0, 2.0, 0.5], v: [1, 0, 2] },
  { name: 'logsumexp-ish', py: 'lambda x: torch.log(torch.exp(x).sum()) * x.norm()', js: (x: Tensor) => x.exp().sum().log().mul(x.norm()), x: [0.3, -0.7, 1.1], v: [0.5, 1, -1] },
];

describe('autodiff: against PyTorch (torch.autograd.functional)', function () {
  this.timeout(60000);
  let oracle: any;

  before(function () {
    if (!hasTorch()) {
      console.log(`      (skipped: PyTorch is absent from ${PY}; \`${PY} -c "import torch"\` failed)`);
      this.skip();
    }
    const lines = ['import json, torch', 'from torch.autograd.functional import jvp, vjp, jacobian, hessian, hvp',
      'T = lambda a: torch.tensor(a, dtype=torch.float64)', "out = {'vec': [], 'scalar': []}"];
    for (const f of FUNCS) {
      lines.push(`f = ${f.py}`, `x, v, u = T(${JSON.stringify(f.x)}), T(${JSON.stringify(f.v)}), T(${JSON.stringify(f.u)})`,
        "out['vec'].append({'jvp': jvp(f, x, v)[1].tolist(), 'vjp': vjp(f, x, u)[1].tolist(), 'jac': jacobian(f, x).tolist()})");
    }
    for (const f of SCALAR) {
      lines.push(`f = ${f.py}`, `x, v = T(${JSON.stringify(f.x)}), T(${JSON.stringify(f.v)})`,
        "out['scalar'].append({'hvp': hvp(f, x, v)[1].tolist(), 'hess': hessian(f, x).tolist()})");
    }
    lines.push('print(json.dumps(out))');
    const r = spawnSync(PY, ['-c', lines.join('\n')], { encoding: 'utf8', timeout: 50000 });
    assert.equal(r.status, 0, `python failed: ${r.stderr}`);
    oracle = JSON.parse(r.stdout.trim().split('\n').pop()!);
  });

  const T64 = (a: number[]) => torch.tensor(a, { dtype: torch.float64 }) as Tensor;
  FUNCS.forEach((f, k) => {
    it(`${f.name}: jvp, vjp and jacobian`, () => {
      const F = torch.autograd.functional;
      assertClose(F.jvp(f.js, T64(f.x), T64(f.v))[1], oracle.vec[k].jvp, 1e-10, 1e-10, 'jvp');
      assertClose(F.vjp(f.js, T64(f.x), T64(f.u))[1], oracle.vec[k].vjp, 1e-10, 1e-10, 'vjp');
      assertClose(F.jacobian(f.js, T64(f.x)), oracle.vec[k].jac, 1e-10, 1e-10, 'jacobian');
    });
  });
  SCALAR.forEach((f, k) => {
    it(`${f.name}: hvp and hessian`, () => {
      const F = torch.autograd.functional;
      assertClose(F.hvp(f.js, T64(f.x), T64(f.v))[1], oracle.scalar[k].hvp, 1e-10, 1e-10, 'hvp');
      assertClose(F.hessian(f.js, T64(f.x)), oracle.scalar[k].hess, 1e-10, 1e-10, 'hessian');
    });
  });
});
