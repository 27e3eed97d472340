// PyTorch's grad_fn: the node of the autograd graph that made a tensor, with its name
// (`MulBackward0`), `next_functions` (the nodes of its inputs: AccumulateGrad for leaves, None for
// inputs autograd does not follow) and `name()`.
import type { Tensor } from '../../tensor/tensor.js';
import { PY_REPR } from '../../tensor/printable.js';
import { tuple, type PyTuple } from '../../tensor/pytuple.js';
import type { TapeNode } from '../../autodiff/tape.js';
import { nodeName, nodeOf } from '../../autodiff/torch_autograd.js';

const wrappers = new WeakMap<TapeNode, GradFn>();
let nextAddress = 0x7f3a1c2e4000;

export class GradFn {
  /** A stable, made-up address for the repr (PyTorch shows the object's memory address). */
  private readonly address = (nextAddress += 0x70);
  constructor(private readonly node: TapeNode) {}

  name(): string {
    return this.node.backward === null ? 'torch::autograd::AccumulateGrad' : nodeName(this.node);
  }

  get next_functions(): PyTuple {
    return tuple(...this.node.parents.map((p) => tuple<unknown>(p === null ? null : wrap(p), 0)));
  }

  [PY_REPR](): string {
    return `<${this.node.backward === null ? 'AccumulateGrad' : nodeName(this.node)} object at 0x${this.address.toString(16)}>`;
  }

  toString(): string {
    return this[PY_REPR]();
  }
}

function wrap(n: TapeNode): GradFn {
  let w = wrappers.get(n);
  if (!w) { w = new GradFn(n); wrappers.set(n, w); }
  return w;
}

/** `t.grad_fn`: null for leaves and for tensors autograd does not follow. */
export function gradFnOf(t: Tensor): GradFn | null {
  const n = nodeOf(t);
  if (n === undefined || n.backward === null || !t.requires_grad) return null;
  return wrap(n);
}
