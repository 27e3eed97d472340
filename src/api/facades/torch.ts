// The `torch` facade: PyTorch's functions generated from the op table (dim/keepdim, int64 and
// float32 defaults, its promotion), autograd (requires_grad, backward, torch.autograd.grad and
// .functional), grad modes, torch.func, torch.nn, torch.optim and the CPU generator's random functions.
import { Tensor, Shape } from '../../tensor/tensor.js';

import type { DType } from '../../tensor/dtype.js';
import * as autograd from '../../autodiff/torch_autograd.js';
import * as functional from '../../autodiff/torch_functional.js';
import * as transforms from '../../autodiff/functional.js';
import { vmap as vmapTransform } from '../../autodiff/vmap.js';
import { isPlainObject, mapTree, withInsertionOrder } from '../../autodiff/tree.js';
import { tuple } from '../../tensor/pytuple.js';
import { table } from '../table/index.js';
import { facade } from '../generate.js';
import { torch as lib } from '../lib/torch.js';
import { dtypeArg, dtypeObject } from '../dtype_objects.js';
import { pyfn } from '../args.js';
import { documented } from '../docs.js';
import { relabel } from '../lib/library.js';
import { pyError } from '../errors.js';
import { torchSetPrintoptions } from '../printoptions.js';
import { torchRandomFns } from './torch_random.js';
import { no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled } from '../torch/grad_mode.js';
import { nn, functional as F, Module } from '../torch/nn.js';
import { optim } from '../torch/optim.js';

const generated = facade(table, 'torch', lib, 'torch');
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
type Fn = (...args: any[]) => any;

const DTYPES: [string, DType][] = [
  ['float32', 'float32'], ['float', 'float32'], ['float64', 'float64'], ['double', 'float64'], ['float16', 'float16'], ['half', 'float16'],
  ['bfloat16', 'bfloat16'], ['int8', 'int8'], ['int16', 'int16'], ['short', 'int16'], ['int32', 'int32'], ['int', 'int32'],
  ['int64', 'int64'], ['long', 'int64'], ['uint8', 'uint8'], ['bool', 'bool'],
];

/** Results of torch.func transformations are torch tensors. */
const torchOut = (x: unknown): unknown => withInsertionOrder(() => mapTree(x, isTensor, (t) => relabel(t, 'torch')));

function funcTransform(name: string, signature: string, doc: string, t: (f: Fn, o: Record<string, unknown>) => Fn, options: string[]) {
  return documented((f: Fn, ...rest: unknown[]) => {
    const o: Record<string, unknown> = {};
    let positional = rest;
    if (isPlainObject(rest[rest.length - 1])) {
      Object.assign(o, rest[rest.length - 1]);
      positional = rest.slice(0, -1);
    }
    positional.forEach((v, i) => (o[options[i]] = v));
    const g = t(f, o);
    // PyTorch's pytrees keep a dict's insertion order (the parameters' order of a module).
    return (...args: unknown[]) => torchOut(withInsertionOrder(() => g(...args)));
  }, signature, doc);
}

/** torch.func.functional_call: the module called with some of its parameters replaced. */
const functional_call = pyfn('torch.func.functional_call(module, parameter_and_buffer_dicts, args, kwargs=None, *, tie_weights=True, strict=False)', (a) => {
  const module = a.module as Module;
  const params = (Array.isArray(a.parameter_and_buffer_dicts) ? Object.assign({}, ...a.parameter_and_buffer_dicts) : a.parameter_and_buffer_dicts) as Record<string, Tensor>;
  const saved: [Record<string, unknown>, string, unknown][] = [];
  try {
    for (const [name, value] of Object.entries(params)) {
      const path = name.split('.');
      let owner = module as unknown as Record<string, unknown>;
      for (const p of path.slice(0, -1)) owner = owner[p] as Record<string, unknown>;
      const key = path[path.length - 1];
      if (!(key in owner)) throw pyError('AttributeError', `'${module.constructor.name}' object has no attribute '${name}'`);
      saved.push([owner, key, owner[key]]);
      owner[key] = value;
    }
    const args = Array.isArray(a.args) ? a.args : [a.args];
    return (module as unknown as Fn)(...args);
  } finally {
    for (const [owner, key, v] of saved.reverse()) owner[key] = v;
  }
}, 'Performs a functional call on the module by replacing the module parameters and buffers with the provided ones.');

export const torchFunc = {
  grad: funcTransform('grad', 'torch.func.grad(func, argnums=0, has_aux=False)', 'Computes the gradient of func with respect to the inputs at argnums.',
    (f, o) => transforms.grad(f, o), ['argnums', 'has_aux']),
  grad_and_value: funcTransform('grad_and_value', 'torch.func.grad_and_value(func, argnums=0, has_aux=False)', 'Returns (gradient, value) of func.',
    (f, o) => { const vg = transforms.value_and_grad(f, o); return (...args: unknown[]) => { const [v, g] = vg(...args); return tuple(g, v); }; }, ['argnums', 'has_aux']),
  jacrev: funcTransform('jacrev', 'torch.func.jacrev(func, argnums=0, *, has_aux=False, chunk_size=None)', 'Jacobian of func with respect to the arguments at argnums, by reverse mode (vmap of vjp).',
    (f, o) => transforms.jacrev(f, { argnums: o.argnums as number, has_aux: o.has_aux as boolean }), ['argnums']),
  jacfwd: funcTransform('jacfwd', 'torch.func.jacfwd(func, argnums=0, has_aux=False, *, randomness="error")', 'Jacobian of func by forward mode (vmap of jvp).',
    (f, o) => transforms.jacfwd(f, { argnums: o.argnums as number, has_aux: o.has_aux as boolean }), ['argnums', 'has_aux']),
  hessian: funcTransform('hessian', 'torch.func.hessian(func, argnums=0)', 'Hessian of func: jacfwd(jacrev(func)).',
    (f, o) => transforms.hessian(f, { argnums: o.argnums as number }), ['argnums']),
  vmap: funcTransform('vmap', 'torch.func.vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None)', 'Vectorizing map over a batch dimension of the inputs (in_dims) giving outputs batched at out_dims.',
    (f, o) => vmapTransform(f, { in_axes: o.in_dims as number, out_axes: o.out_dims as number }), ['in_dims', 'out_dims']),
  jvp: documented((f: Fn, primals: unknown[], tangents: unknown[], ...rest: unknown[]) => torchOut(transforms.jvp(f, primals, tangents, (rest[rest.length - 1] ?? {}) as { has_aux?: boolean })),
    'torch.func.jvp(func, primals, tangents, *, strict=False, has_aux=False)', 'Returns (func(*primals), the Jacobian-vector product with tangents).'),
  vjp: documented((f: Fn, ...primals: unknown[]) => torchOut(transforms.vjp(f, ...primals)), 'torch.func.vjp(func, *primals, has_aux=False)',
    'Returns (func(*primals), vjp_fn) where vjp_fn(cotangents) gives the vector-Jacobian products.'),
  functional_call,
};

export const torch: Record<string, any> = {
  ...generated,
  ...torchRandomFns,
  ...Object.fromEntries(DTYPES.map(([n, d]) => [n, dtypeObject('torch', d)])),
  Tensor,
  set_printoptions: torchSetPrintoptions,
  Size: (dims: Iterable<number>) => Shape.of2([...dims], 'torch'),
  dtype: Object.getPrototypeOf(dtypeObject('torch', 'float32')).constructor,
  get_default_dtype: () => dtypeObject('torch', lib.floatDtype),
  set_default_dtype: pyfn('torch.set_default_dtype(d)', (a) => {
    const d = dtypeArg(a.d, 'torch', 'set_default_dtype')!;
    if (d !== 'float32' && d !== 'float64') throw pyError('TypeError', 'only floating-point types are supported as the default type');
    lib.defaultFloat = d;
  }),
  is_tensor: (x: unknown) => x instanceof Tensor,
  numel: (x: Tensor) => x.count,
  no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled,
  autograd: {
    grad: pyfn('torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=False, is_grads_batched=False)',
      (a) => tuple(...autograd.grad(a.outputs, a.inputs, { grad_outputs: a.grad_outputs, retain_graph: a.retain_graph ?? undefined, create_graph: a.create_graph, allow_unused: a.allow_unused })),
      'Computes and returns the sum of gradients of outputs with respect to the inputs (a tuple, one per input).'),
    backward: pyfn('torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None)', (a) => {
      const ts = Array.isArray(a.tensors) ? a.tensors : [a.tensors];
      const gs = a.grad_tensors === null ? [] : Array.isArray(a.grad_tensors) ? a.grad_tensors : [a.grad_tensors];
      ts.forEach((t: Tensor, i: number) => autograd.backward(t, gs[i] ?? null, { retain_graph: a.retain_graph ?? undefined, create_graph: a.create_graph, inputs: a.inputs ?? undefined }));
    }),
    functional: {
      jvp: documented(((...a: Parameters<typeof functional.jvp>) => torchOut(functional.jvp(...a))) as typeof functional.jvp, 'torch.autograd.functional.jvp(func, inputs, v=None, create_graph=False, strict=False)', 'Returns (func_output, jvp): the output of func at inputs and the Jacobian-vector product with v.'),
      vjp: documented(((...a: Parameters<typeof functional.vjp>) => torchOut(functional.vjp(...a))) as typeof functional.vjp, 'torch.autograd.functional.vjp(func, inputs, v=None, create_graph=False, strict=False)', 'Returns (func_output, vjp): the output of func at inputs and the vector-Jacobian product of v with the Jacobian.'),
      jacobian: documented(((...a: Parameters<typeof functional.jacobian>) => torchOut(functional.jacobian(...a))) as typeof functional.jacobian, 'torch.autograd.functional.jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode")', 'Computes the Jacobian of a given function.'),
      hessian: documented(((...a: Parameters<typeof functional.hessian>) => torchOut(functional.hessian(...a))) as typeof functional.hessian, 'torch.autograd.functional.hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode")', 'Computes the Hessian of a given scalar function.'),
      hvp: documented(((...a: Parameters<typeof functional.hvp>) => torchOut(functional.hvp(...a))) as typeof functional.hvp, 'torch.autograd.functional.hvp(func, inputs, v=None, create_graph=False, strict=False)', 'Returns (func_output, hvp): the Hessian of func at inputs times v.'),
      vhp: documented(((...a: Parameters<typeof functional.vhp>) => torchOut(functional.vhp(...a))) as typeof functional.vhp, 'torch.autograd.functional.vhp(func, inputs, v=None, create_graph=False, strict=False)', 'Returns (func_output, vhp): v times the Hessian of func at inputs.'),
    },
  },
  func: torchFunc,
  nn: { ...nn, functional: { ...(generated.nn?.functional ?? {}), ...F } },
  optim,
  manual_seed: torchRandomFns.manual_seed,
};
