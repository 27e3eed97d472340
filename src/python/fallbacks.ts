// Stand-ins for the Python protocol entry points that src/api/operators.ts does not export yet
// (`//`, `@`, `==`, bitwise operators, in-place operators, item assignment, truth, iteration, len).
// src/python/bridge.ts prefers the core's own function of the same name whenever it exists, so
// these only bridge the time until the core's contract has landed; they are built on src/ops and
// word their errors as each library does.
import * as operators from '../api/operators.js';
import * as ops from '../ops/index.js';
import type { TensorLike } from '../ops/index.js';
import { isPrintableTensor, isPrintableVariable, type Flavor } from '../tensor/printable.js';
import { Tensor } from '../tensor/tensor.js';
import { Variable } from '../tensor/variable.js';

export type Spec = unknown;

type Binary = (a: TensorLike, b: TensorLike) => Tensor;

const EXTRA_BINARY: Record<string, Binary> = {
  '//': ops.floordiv, '@': ops.matmul, '==': ops.equal, '!=': ops.not_equal,
  '&': ops.bitwise_and, '|': ops.bitwise_or, '^': ops.bitwise_xor, '<<': ops.left_shift, '>>': ops.right_shift,
};
const TODAY = new Set(['+', '-', '*', '/', '**', '%', '<', '<=', '>', '>=']);

const isTensorLike = (x: unknown) => isPrintableTensor(x) || isPrintableVariable(x);
const asTensor = (x: unknown): Tensor => (x instanceof Variable ? x.value : (x as Tensor));
const flavorOf = (x: unknown): Flavor => (x instanceof Variable ? 'tf' : (x as { flavor?: Flavor }).flavor ?? 'numpy');

class TypeErrorPy extends Error { override name = 'TypeError'; }
class ValueErrorPy extends Error { override name = 'ValueError'; }
class RuntimeErrorPy extends Error { override name = 'RuntimeError'; }

/** Python's name of the tensor type, for messages. */
function typeName(x: unknown): string {
  if (x instanceof Variable) return 'ResourceVariable';
  switch (flavorOf(x)) {
    case 'tf': return 'tensorflow.python.framework.ops.EagerTensor';
    case 'torch': return 'Tensor';
    case 'jax': return 'jaxlib.xla_extension.ArrayImpl';
    default: return 'numpy.ndarray';
  }
}

export function fallbacks() {
  const binary = (op: string, a: unknown, b: unknown): unknown => {
    if (TODAY.has(op)) return (operators.binary as (o: string, a: unknown, b: unknown) => unknown)(op, a, b);
    const f = EXTRA_BINARY[op];
    if (!f) throw new TypeErrorPy(`unsupported operand type(s) for ${op}`);
    return f(a as TensorLike, b as TensorLike);
  };

  const unary = (op: string, a: unknown): unknown => {
    if (op === '~') return ops.bitwise_not(a as TensorLike);
    return (operators.unary as (o: string, a: unknown) => unknown)(op, a);
  };

  /** `a op= b`: NumPy arrays and torch tensors change in place (keeping their dtype); others rebind to the result. */
  const inplace = (op: string, a: unknown, b: unknown): unknown => {
    const result = binary(op, a, b);
    const flavor = flavorOf(a);
    if (!(a instanceof Tensor) || (flavor !== 'numpy' && flavor !== 'torch') || !(result instanceof Tensor)) return result;
    if (result.dims.length !== a.dims.length || result.dims.some((d, i) => d !== a.dims[i])) return result;
    const data = (result.dt === a.dt ? result : ops.cast(result, a.dt)).data;
    a.assignData((own) => (own as { set(d: ArrayLike<unknown>): void }).set(data as ArrayLike<unknown>));
    return a;
  };

  const getItem = (x: unknown, ...specs: Spec[]): unknown => (operators.getItem as (x: unknown, ...s: Spec[]) => unknown)(x, ...specs);

  /** `x[specs] = value`: NumPy arrays and torch tensors change in place; JAX and TF refuse, as they do. */
  const setItem = (x: unknown, specs: Spec[], value: unknown): unknown => {
    const flavor = flavorOf(x);
    if (x instanceof Variable || flavor === 'tf') {
      throw new TypeErrorPy(`'${typeName(x)}' object does not support item assignment`);
    }
    if (flavor === 'jax') {
      throw new TypeErrorPy(`'<class '${typeName(x)}'>' object does not support item assignment. JAX arrays are immutable. Instead of \`\`x[idx] = y\`\`, use \`\`x = x.at[idx].set(y)\`\` or another .at[] method: https://jax.readthedocs.io/en/latest/_autosummary/jax.numpy.ndarray.at.html`);
    }
    const t = x as Tensor;
    let v = ops.toTensor(value as TensorLike);
    if (v.dt !== t.dt) v = ops.cast(v, t.dt);
    v = ops.broadcastTo(v, ops.getItem(t, specs as never).dims);
    const updated = ops.scatter(t, specs, v, 'set');
    const data = updated.data;
    t.assignData((own) => (own as { set(d: ArrayLike<unknown>): void }).set(data as ArrayLike<unknown>));
    return t;
  };

  const truth = (x: unknown): boolean => {
    if (!isTensorLike(x)) return Boolean(x);
    const t = asTensor(x);
    if (t.size === 1) return Boolean(Number(t.data[0]));
    if (flavorOf(x) === 'torch') throw new RuntimeErrorPy(`Boolean value of Tensor with ${t.size === 0 ? 'no values' : 'more than one value'} is ambiguous`);
    if (t.size === 0) return false;
    throw new ValueErrorPy('The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
  };

  const len = (x: unknown): number => {
    const t = asTensor(x);
    if (t.dims.length > 0) return t.dims[0];
    switch (flavorOf(x)) {
      case 'torch': throw new TypeErrorPy('len() of a 0-d tensor');
      case 'tf': throw new TypeErrorPy('Scalar tensor has no `len()`');
      case 'jax': throw new TypeErrorPy('len() of unsized object');
      default: throw new TypeErrorPy('len() of unsized object');
    }
  };

  const iterate = (x: unknown): unknown[] => {
    const t = asTensor(x);
    if (t.dims.length === 0) {
      switch (flavorOf(x)) {
        case 'torch': throw new TypeErrorPy('iteration over a 0-d tensor');
        case 'tf': throw new TypeErrorPy('Cannot iterate over a scalar tensor.');
        case 'jax': throw new TypeErrorPy('iteration over a 0-d array');
        default: throw new TypeErrorPy('iteration over a 0-d array');
      }
    }
    return Array.from({ length: t.dims[0] }, (_, i) => getItem(x, i));
  };

  return { binary, unary, inplace, getItem, setItem, truth, len, iterate };
}
