// PyTorch's names of the autograd nodes behind table operations (`grad_fn=<SumBackward0>`), where
// they are not the name of the last primitive the rule binds: the overload that ran decides
// (torch 1.13: a full sum is SumBackward0, a sum over a dim SumBackward1).
import type { Tensor } from '../../tensor/tensor.js';
import type { Args } from './types.js';

const noAxis = (a: Args) => a.axis === undefined || a.axis === null;
const rank = (x: unknown) => (x as Tensor).dims?.length ?? 0;

const NODES: Record<string, string | ((a: Args) => string)> = {
  sum: (a) => `SumBackward${noAxis(a) ? 0 : 1}`,
  prod: (a) => `ProdBackward${noAxis(a) ? 0 : 1}`,
  mean: (a) => `MeanBackward${noAxis(a) ? 0 : 1}`,
  max: (a) => `MaxBackward${noAxis(a) ? 1 : 0}`,
  min: (a) => `MinBackward${noAxis(a) ? 1 : 0}`,
  var: 'VarBackward0',
  std: 'StdBackward0',
  logsumexp: 'LogsumexpBackward0',
  norm: 'NormBackward1',
  squeeze: (a) => `SqueezeBackward${noAxis(a) ? 0 : 1}`,
  expand_dims: 'UnsqueezeBackward0',
  t: 'TBackward0',
  stack: 'StackBackward0',
  copy: 'CloneBackward0',
  square: 'PowBackward0',
  softmax: 'SoftmaxBackward0',
  log_softmax: 'LogSoftmaxBackward0',
  dot: 'DotBackward0',
  matmul: (a) => {
    const [m, n] = [rank(a.x), rank(a.y)];
    if (m === 1 && n === 1) return 'DotBackward0';
    if (m === 2 && n === 1) return 'MvBackward0';
    if (m === 1 && n === 2) return 'SqueezeBackward3';
    return m === 2 && n === 2 ? 'MmBackward0' : 'UnsafeViewBackward0';
  },
};

/** The node name for a call of the row `op` with arguments `a`, if PyTorch names it otherwise. */
export function torchNodeName(op: string, a: Args): string | undefined {
  const n = NODES[op];
  return typeof n === 'function' ? n(a) : n;
}
