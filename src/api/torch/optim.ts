// torch.optim: SGD (momentum, dampening, weight decay, Nesterov) and Adam (with amsgrad), updating
// their parameters in place outside autograd as PyTorch 1.13's single-tensor implementations do,
// with zero_grad and the param_groups users adjust (the learning rate).
import type { Tensor } from '../../tensor/tensor.js';
import * as ops from '../../ops/index.js';
import { pyError } from '../errors.js';
import { withMode } from './grad_mode.js';
import { updateInPlace } from '../mutation.js';
import { kwargs, pyclasses } from '../args.js';
import { Module } from './nn.js';

interface Group { params: Tensor[]; [k: string]: unknown }

function groupsOf(params: unknown, defaults: Record<string, unknown>): Group[] {
  const list = params instanceof Module ? params.parameters() : [...(params as Iterable<unknown>)];
  if (list.length === 0) throw pyError('ValueError', 'optimizer got an empty parameter list');
  const dicts = list.every((p) => typeof p === 'object' && p !== null && 'params' in (p as object)) ? (list as Group[]) : [{ params: list as Tensor[] }];
  return dicts.map((g) => ({ ...defaults, ...g, params: [...(g.params as Iterable<Tensor>)] }));
}

abstract class Optimizer {
  readonly param_groups: Group[];
  readonly state = new Map<Tensor, Record<string, unknown>>();
  constructor(params: unknown, defaults: Record<string, unknown>) {
    this.param_groups = groupsOf(params, defaults);
  }

  zero_grad(set_to_none = false): void {
    for (const g of this.param_groups) for (const p of g.params) {
      if (p.grad !== null) p.grad = set_to_none ? null : ops.zerosLike(p.grad);
    }
  }

  step(closure?: () => unknown): unknown {
    const loss = closure ? withMode(true, closure) : undefined;
    withMode(false, () => {
      for (const g of this.param_groups) for (const p of g.params) if (p.grad !== null) this.update(p, p.grad, g);
    });
    return loss;
  }

  protected abstract update(p: Tensor, grad: Tensor, g: Group): void;
  protected set(p: Tensor, value: Tensor): void {
    updateInPlace(p, ops.cast(value, p.dt), 'step');
  }
}

export class SGD extends Optimizer {
  constructor(params: unknown, ...rest: unknown[]) {
    const a = kwargs('SGD(lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False)', rest);
    if (a.lr < 0) throw pyError('ValueError', `Invalid learning rate: ${a.lr}`);
    if (a.nesterov && (a.momentum <= 0 || a.dampening !== 0)) throw pyError('ValueError', 'Nesterov momentum requires a momentum and zero dampening');
    super(params, a);
  }
  protected update(p: Tensor, grad: Tensor, g: Group): void {
    let d = grad;
    if (g.maximize) d = ops.neg(d);
    if (g.weight_decay) d = ops.add(d, ops.mul(p, Number(g.weight_decay)));
    if (g.momentum) {
      const st = this.state.get(p) ?? {};
      let buf = st.momentum_buffer as Tensor | undefined;
      buf = buf === undefined ? ops.identity(d) : ops.add(ops.mul(buf, Number(g.momentum)), ops.mul(d, 1 - Number(g.dampening)));
      this.state.set(p, { momentum_buffer: buf });
      d = g.nesterov ? ops.add(d, ops.mul(buf, Number(g.momentum))) : buf;
    }
    this.set(p, ops.add(p, ops.mul(d, -Number(g.lr))));
  }
}

export class Adam extends Optimizer {
  constructor(params: unknown, ...rest: unknown[]) {
    const a = kwargs('Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, *, maximize=False)', rest);
    if (a.lr < 0) throw pyError('ValueError', `Invalid learning rate: ${a.lr}`);
    super(params, a);
  }
  protected update(p: Tensor, grad: Tensor, g: Group): void {
    const [b1, b2] = (g.betas as number[]).map(Number);
    let d = g.maximize ? ops.neg(grad) : grad;
    if (g.weight_decay) d = ops.add(d, ops.mul(p, Number(g.weight_decay)));
    const st = this.state.get(p) ?? { step: 0, exp_avg: ops.zerosLike(p), exp_avg_sq: ops.zerosLike(p) };
    const step = (st.step as number) + 1;
    const m = ops.add(ops.mul(st.exp_avg as Tensor, b1), ops.mul(d, 1 - b1));
    const v = ops.add(ops.mul(st.exp_avg_sq as Tensor, b2), ops.mul(ops.mul(d, d), 1 - b2));
    const bc1 = 1 - b1 ** step, bc2 = 1 - b2 ** step;
    let vmax = v;
    if (g.amsgrad) vmax = st.max_exp_avg_sq ? ops.maximum(st.max_exp_avg_sq as Tensor, v) : v;
    const denom = ops.add(ops.div(ops.sqrt(vmax), Math.sqrt(bc2)), Number(g.eps));
    this.set(p, ops.sub(p, ops.mul(ops.div(m, denom), Number(g.lr) / bc1)));
    this.state.set(p, { step, exp_avg: m, exp_avg_sq: v, ...(g.amsgrad ? { max_exp_avg_sq: vmax } : {}) });
  }
}

export const optim = pyclasses({ SGD, Adam });
