// PyTorch's grad_fn: the node of the autograd graph that made a tensor, with its name
// (`MulBackward0`), `next_functions` (the nodes of its inputs: AccumulateGrad for leaves, None for
// inputs autograd does not follow) and `name()`.
import { Tensor } from '../../tensor/tensor.js';
import { pyError } from '../errors.js';
import { PY_REPR } from '../../tensor/printable.js';
import { tuple, type PyTuple } from '../../tensor/pytuple.js';
import { FREED, type TapeNode } from '../../autodiff/tape.js';
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

  /** The tensors the node saved for backward, as PyTorch shows them: inputs as themselves, the output as a new tensor. */
  get _saved_self(): Tensor { return this.saved(0, '_saved_self'); }
  get _saved_other(): Tensor { return this.saved(1, '_saved_other'); }
  get _saved_result(): Tensor { return this.saved(-1, '_saved_result'); }

  private saved(which: number, attr: string): Tensor {
    const k = this.node.savedWhich?.indexOf(which) ?? -1;
    if (k < 0 || this.node.saved === null || this.node.backward === FREED) {
      if (k >= 0) throw pyError('RuntimeError', 'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.');
      throw pyError('AttributeError', `'${this.name()}' object has no attribute '${attr}'`);
    }
    const t = this.node.saved[k];
    return which === -1 ? new Tensor(t.dt, t.dims, t.share(), t.flavor) : t;
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
