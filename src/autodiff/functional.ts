// JAX's functional transforms on the level stack: jvp, vjp, linearize, grad, value_and_grad,
// jacfwd, jacrev (all columns or rows in one batched pass) and hessian.
import { isFloat, type DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { eye, zeros } from '../tensor/create.js';
import { sameDims, ValueError } from '../tensor/shape.js';
import { toTensor } from '../ops/convert.js';
import { identity } from '../ops/identity.js';
import { cast } from '../ops/elementwise.js';
import { onesLike, zerosLike } from '../ops/constants.js';
import { reshape, transpose } from '../ops/shape.js';
import { enterLevel, exitLevel } from './levels.js';
import { ForwardLevel } from './forward.js';
import { TapeLevel, type TapeNode } from './tape.js';
import { flatten, isPlainObject, mapTree } from './tree.js';

type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
const isLeafValue = (x: unknown): x is Tensor | number | boolean => x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean';
const pyShape = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

function within<T>(level: ForwardLevel | TapeLevel, f: () => T): T {
  enterLevel(level);
  try {
    return f();
  } finally {
    exitLevel(level);
  }
}

/** Fresh aliases of the leaves of `args`, so each input has an identity of its own. */
function aliasLeaves(tree: unknown, onLeaf: (alias: Tensor) => void): unknown {
  return mapTree(tree, isLeafValue, (leaf) => {
    const x = identity(toTensor(leaf));
    x.flavor = leaf instanceof Tensor ? leaf.flavor : 'jax';
    onLeaf(x);
    return x;
  });
}

// ---------------------------------------------------------------- forward mode

export function jvp(f: Fn, primals: readonly unknown[], tangents: readonly unknown[]): [any, any] {
  if (!Array.isArray(primals) || !Array.isArray(tangents)) {
    throw new TypeError(`primal and tangent arguments to jax.jvp must be tuples or lists; found ${typeName(primals)} and ${typeName(tangents)}.`);
  }
  const ps = flatten(primals, isLeafValue).map((p) => toTensor(p));
  const ts = flatten(tangents, isLeafValue).map((t, i) => toTensor(t, ps[i]?.dtype));
  if (ps.length !== ts.length || primals.length !== tangents.length) {
    throw new TypeError('primal and tangent arguments to jax.jvp must have the same tree structure');
  }
  ps.forEach((p, i) => {
    const t = ts[i];
    if (!sameDims(p.dims, t.dims)) throw new ValueError(`jvp called with different primal and tangent shapes;Got primal shape ${pyShape(p.dims)} and tangent shape as ${pyShape(t.dims)}`);
  });
  const level = new ForwardLevel(0);
  let k = 0;
  const out = within(level, () => {
    const args = aliasLeaves(primals, (x) => {
      const t = ts[k++];
      if (isFloat(x.dtype)) level.tangents.set(x, t);
    }) as unknown[];
    return f(...args);
  });
  const tangentOut = mapTree(out, isTensor, (o) => level.tangents.get(o) ?? zerosLike(o));
  return [out, tangentOut];
}

/** (out, f_jvp): f_jvp(...tangents) is the JVP at the primals. */
export function linearize(f: Fn, ...primals: unknown[]): [any, Fn] {
  const out = f(...primals);
  return [out, (...tangents: unknown[]) => jvp(f, primals, tangents)[1]];
}

// ---------------------------------------------------------------- reverse mode

interface Recorded {
  tape: TapeLevel;
  out: any;
  inputNodes: TapeNode[];
  inputs: Tensor[];
}

/** Runs f on aliases of `args` (only the positions in `which` are watched) under a fresh tape. */
function record(f: Fn, args: readonly unknown[], which: readonly number[]): Recorded {
  const tape = new TapeLevel();
  const inputNodes: TapeNode[] = [];
  const inputs: Tensor[] = [];
  const out = within(tape, () => {
    const aliased = args.map((a, i) =>
      which.includes(i)
        ? aliasLeaves(a, (x) => {
            inputs.push(x);
            inputNodes.push(tape.watch(x));
          })
        : a,
    );
    return f(...aliased);
  });
  return { tape, out, inputNodes, inputs };
}

/** Cotangents of the recorded inputs for cotangent `cts` (shaped like the output, plus `bd` batch axes). */
function pull(r: Recorded, outTree: unknown, cts: unknown, bd: number): Tensor[] {
  const outs = flatten(outTree, isTensor);
  const cs = flatten(cts, isLeafValue).map((c, i) => toTensor(c, outs[i]?.dtype));
  if (outs.length !== cs.length) throw new TypeError(`Tree structure of cotangent input does not match that of the function output (${cs.length} leaves for ${outs.length}).`);
  const seeds: [TapeNode, Tensor][] = [];
  outs.forEach((o, i) => {
    const node = r.tape.nodeOf(o);
    if (!sameDims(cs[i].dims.slice(bd), o.dims)) {
      throw new ValueError(`Shape of cotangent input to vjp pullback function ${pyShape(cs[i].dims)} must be the same as the shape of corresponding primal input ${pyShape(o.dims)}.`);
    }
    if (node !== undefined) seeds.push([node, cs[i]]);
  });
  const got = r.tape.backward(seeds, r.inputNodes, bd);
  return r.inputs.map((x, i) => got.get(r.inputNodes[i]) ?? zeros([...(cs[0]?.dims.slice(0, bd) ?? []), ...x.dims], x.dtype, x.flavor));
}

/** Indices of the arguments no output of f depends on (torch's strict mode refuses those). */
export function independentInputs(f: Fn, args: readonly unknown[]): number[] {
  const r = record(f, args, args.map((_, i) => i));
  const reached = new Set<TapeNode>();
  const stack = flatten(r.out, isTensor).map((o) => r.tape.nodeOf(o)).filter((n): n is TapeNode => n !== undefined);
  while (stack.length) {
    const n = stack.pop()!;
    if (reached.has(n)) continue;
    reached.add(n);
    for (const p of n.parents) if (p !== null) stack.push(p);
  }
  return args.map((_, i) => i).filter((i) => !reached.has(r.inputNodes[i]));
}

/** Rebuilds the structure of `args[which]` around the flat cotangents. */
function restructure(args: readonly unknown[], which: readonly number[], flat: Tensor[]): unknown[] {
  let k = 0;
  return which.map((i) => mapTree(args[i], isLeafValue, () => flat[k++]));
}

export function vjp(f: Fn, ...primals: unknown[]): [any, Fn] {
  let hasAux = false;
  const last = primals[primals.length - 1];
  if (isPlainObject(last) && 'has_aux' in last && Object.keys(last).length === 1) {
    hasAux = Boolean(last.has_aux);
    primals = primals.slice(0, -1);
  }
  const which = primals.map((_, i) => i);
  const r = record(f, primals, which);
  const [out, aux] = hasAux ? (r.out as [unknown, unknown]) : [r.out, undefined];
  const vjpFn = (ct: unknown) => restructure(primals, which, pull(r, out, ct, 0));
  return hasAux ? ([out, vjpFn, aux] as unknown as [any, Fn]) : [out, vjpFn];
}

export interface GradOptions {
  argnums?: number | readonly number[];
  has_aux?: boolean;
}

function argnumsOf(o: GradOptions, n: number): { list: number[]; single: boolean } {
  const a = o.argnums ?? 0;
  const list = typeof a === 'number' ? [a] : [...a];
  for (const i of list) {
    if (!Number.isInteger(i) || i >= n || i < -n) throw new ValueError(`differentiating with respect to argnums=${JSON.stringify(a)} requires at least ${i + 1} positional arguments to be passed by the caller, but got only ${n} positional arguments.`);
  }
  return { list: list.map((i) => (i < 0 ? i + n : i)), single: typeof a === 'number' };
}

export function value_and_grad(f: Fn, options: GradOptions = {}): Fn {
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(options, args.length);
    for (const i of list) {
      for (const leaf of flatten(args[i], isLeafValue)) {
        const dt = leaf instanceof Tensor ? leaf.dtype : typeof leaf === 'number' ? 'float32' : 'bool';
        if (!isFloat(dt as DType)) {
          throw new TypeError(`grad requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got ${dt}. If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.`);
        }
      }
    }
    const r = record(f, args, list);
    const [value, aux] = options.has_aux ? (r.out as [unknown, unknown]) : [r.out, undefined];
    if (!(value instanceof Tensor) || value.dims.length !== 0) {
      const shape = value instanceof Tensor ? pyShape(value.dims) : typeof value;
      throw new TypeError(`Gradient only defined for scalar-output functions. Output had shape: ${shape}.`);
    }
    const grads = restructure(args, list, pull(r, value, onesLike(value), 0));
    const g = single ? grads[0] : grads;
    return options.has_aux ? [[value, aux], g] : [value, g];
  };
}

export function grad(f: Fn, options: GradOptions = {}): Fn {
  const vg = value_and_grad(f, options);
  return (...args: unknown[]) => {
    const [v, g] = vg(...args);
    return options.has_aux ? [g, (v as unknown[])[1]] : g;
  };
}

// ---------------------------------------------------------------- Jacobians

/** Basis vectors for every element of a tensor at once: [n, ...dims]. */
function basis(x: Tensor): Tensor {
  return reshape(cast(eye(x.size, x.size, 'float64', x.flavor), x.dtype), [x.size, ...x.dims]);
}

function jacArg(args: unknown[], i: number): Tensor {
  const a = args[i];
  if (!(a instanceof Tensor) && typeof a !== 'number') throw new TypeError('jacfwd/jacrev differentiate with respect to array arguments');
  const t = toTensor(a as Tensor | number);
  if (!isFloat(t.dtype)) throw new TypeError(`jacfwd requires real-valued inputs (input dtype that is a sub-dtype of np.floating), but got ${t.dtype}.`);
  return t;
}

export function jacfwd(f: Fn, options: GradOptions = {}): Fn {
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(options, args.length);
    const jacs = list.map((i) => {
      const x = jacArg(args, i);
      const level = new ForwardLevel(1);
      const out = within(level, () => {
        const xa = identity(x);
        level.tangents.set(xa, basis(x));
        const a2 = args.slice();
        a2[i] = xa;
        return f(...a2);
      });
      return mapTree(out, isTensor, (o) => {
        const t = level.tangents.get(o) ?? zeros([x.size, ...o.dims], o.dtype, o.flavor);
        // [n, ...out] -> [...out, n] -> [...out, ...x]
        const moved = transpose(t, [...o.dims.map((_, k) => k + 1), 0]);
        return reshape(moved, [...o.dims, ...x.dims]);
      });
    });
    return single ? jacs[0] : jacs;
  };
}

export function jacrev(f: Fn, options: GradOptions = {}): Fn {
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(options, args.length);
    const jacs = list.map((i) => {
      jacArg(args, i);
      const r = record(f, args, [i]);
      const x = r.inputs[0];
      return mapTree(r.out, isTensor, (o) => {
        const node = r.tape.nodeOf(o);
        const g = node ? r.tape.backward([[node, basis(o)]], r.inputNodes, 1).get(r.inputNodes[0]) : undefined;
        return reshape(g ?? zeros([o.size, ...x.dims], o.dtype, o.flavor), [...o.dims, ...x.dims]);
      });
    });
    return single ? jacs[0] : jacs;
  };
}

export const jacobian = jacrev;

export function hessian(f: Fn, options: GradOptions = {}): Fn {
  return jacfwd(jacrev(f, options), options);
}

function typeName(x: unknown): string {
  if (x instanceof Tensor) return 'Array';
  if (Array.isArray(x)) return 'list';
  return typeof x;
}
