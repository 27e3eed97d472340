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
  norm: (a) => (a.p === 'nuc' ? 'SumBackward1' : 'NormBackward1'),
  squeeze: (a) => `SqueezeBackward${noAxis(a) ? 0 : 1}`,
  expand_dims: 'UnsqueezeBackward0',
  t: 'TBackward0',
  stack: 'StackBackward0',
  copy: 'CloneBackward0',
  square: 'PowBackward0',
  softmax: 'SoftmaxBackward0',
  log_softmax: 'LogSoftmaxBackward0',
  dot: 'DotBackward0',
  // Convolutions and pooling: unbatched inputs end in the squeeze of the batched op (1-D pooling
  // always: PyTorch runs it as 2-D pooling).
  conv1d: (a) => (rank(a.x) === 3 ? 'ConvolutionBackward0' : 'SqueezeBackward1'),
  conv2d: (a) => (rank(a.x) === 4 ? 'ConvolutionBackward0' : 'SqueezeBackward1'),
  conv3d: (a) => (rank(a.x) === 5 ? 'ConvolutionBackward0' : 'SqueezeBackward1'),
  max_pool1d: 'SqueezeBackward1',
  avg_pool1d: 'SqueezeBackward1',
  max_pool2d: 'MaxPool2DWithIndicesBackward0',
  avg_pool2d: 'AvgPool2DBackward0',
  // torch.linalg (the node every result of the decomposition points at).
  inv: 'LinalgInvExBackward0',
  solve: 'LinalgSolveExBackward0',
  det: 'LinalgDetBackward0',
  slogdet: 'LinalgSlogdetBackward0',
  slogdet_legacy: 'LinalgSlogdetBackward0',
  logdet: 'WhereBackward0',
  cholesky: 'LinalgCholeskyExBackward0',
  cholesky_legacy: 'CholeskyBackward0',
  qr: 'LinalgQrBackward0',
  svd: 'LinalgSvdBackward0',
  svdvals: 'LinalgSvdBackward0',
  eigh: 'LinalgEighBackward0',
  eigvalsh: 'LinalgEighBackward0',
  pinv: 'LinalgPinvBackward0',
  lstsq: 'LinalgLstsqBackward0',
  matrix_power: (a) => (a.n === 0 ? 'CopyBackwards' : a.n === 1 ? 'CloneBackward0' : a.n === -1 ? 'LinalgInvExBackward0' : 'MmBackward0'),
  linalg_norm: (a) => {
    const dims = a.axis === undefined || a.axis === null ? null : Array.isArray(a.axis) ? a.axis.length : 1;
    const matrix = typeof a.ord === 'string' || (a.ord !== undefined && a.ord !== null && (dims === 2 || (dims === null && rank(a.x) === 2)));
    return matrix ? matrixNormNode(a.ord ?? 'fro') : 'LinalgVectorNormBackward0';
  },
  vector_norm: 'LinalgVectorNormBackward0',
  matrix_norm: (a) => matrixNormNode(a.ord ?? 'fro'),
  matmul: (a) => {
    const [m, n] = [rank(a.x), rank(a.y)];
    if (m === 1 && n === 1) return 'DotBackward0';
    if (m === 2 && n === 1) return 'MvBackward0';
    if (m === 1 && n === 2) return 'SqueezeBackward3';
    return m === 2 && n === 2 ? 'MmBackward0' : 'UnsafeViewBackward0';
  },
};

/** torch.linalg.matrix_norm's last node: the Frobenius norm is a vector norm, the others reductions. */
function matrixNormNode(ord: unknown): string {
  if (ord === 'fro') return 'LinalgVectorNormBackward0';
  if (ord === 'nuc') return 'SumBackward1';
  return (ord as number) > 0 ? 'AmaxBackward0' : 'AminBackward0';
}

/** The node name for a call of the row `op` with arguments `a`, if PyTorch names it otherwise. */
export function torchNodeName(op: string, a: Args): string | undefined {
  const n = NODES[op];
  return typeof n === 'function' ? n(a) : n;
}
