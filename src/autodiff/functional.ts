// JAX's functional transforms on the level stack: jvp, vjp, linearize, grad, value_and_grad over
// pytrees with argnums and has_aux, and the Jacobians as JAX builds them: jacfwd = vmap of jvp over
// the standard basis of the inputs, jacrev = vmap of the VJP over the basis of the outputs.
import { isFloat } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { eye, onesLike, zeros, zerosLike } from '../tensor/create.js';
import { sameDims, ValueError } from '../tensor/shape.js';
import { PyFloat } from '../tensor/scalars.js';
import { tuple } from '../tensor/pytuple.js';
import { within } from '../core/levels.js';
import { toTensor } from '../ops/convert.js';
import { cast } from '../ops/cast.js';
import { identity, reshapeTo } from '../ops/structural.js';
import { moveaxis, sliceAxis } from '../ops/shape.js';
import { ForwardLevel } from './forward.js';
import { TapeLevel, type TapeNode } from './tape.js';
import { vmap } from './vmap.js';
import { flatten, isPlainObject, mapTree, unflattenLike } from './tree.js';

type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
/** The leaves transformations differentiate: tensors and Python scalars. */
export const isLeafValue = (x: unknown): x is Tensor | number | boolean | PyFloat =>
  x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || x instanceof PyFloat;
const pyShape = (d: readonly number[]) => `(${d.join(', ')}${d.length === 1 ? ',' : ''})`;

/** A leaf as the transformations see it (a Python scalar becomes a weakly typed JAX scalar). */
function leafTensor(leaf: unknown): Tensor {
  const t = toTensor(leaf as Tensor);
  if (!(leaf instanceof Tensor)) t.flavor = 'jax';
  return t;
}

/** Fresh aliases of the leaves of `tree`, so each input has an identity of its own. */
function aliasLeaves(tree: unknown, onLeaf: (alias: Tensor) => void): unknown {
  return mapTree(tree, isLeafValue, (leaf) => {
    const x = identity(leafTensor(leaf));
    onLeaf(x);
    return x;
  });
}

// ---------------------------------------------------------------- options

export interface GradOptions {
  argnums?: number | readonly number[];
  has_aux?: boolean;
  allow_int?: boolean;
}

/** JAX's transforms take their options positionally or by keyword: grad(f, 1), grad(f, [0, 1], true), grad(f, { argnums: 1 }). */
export function gradOptions(rest: readonly unknown[]): GradOptions {
  const [a, b] = rest;
  if (isPlainObject(a)) {
    for (const k of Object.keys(a)) {
      if (!['argnums', 'has_aux', 'allow_int', 'holomorphic', 'reduce_axes'].includes(k)) throw new TypeError(`got an unexpected keyword argument '${k}'`);
    }
    return a as GradOptions;
  }
  const o: GradOptions = {};
  if (a !== undefined) o.argnums = a as GradOptions['argnums'];
  if (isPlainObject(b)) Object.assign(o, b);
  else if (b !== undefined) o.has_aux = Boolean(b);
  return o;
}

function argnumsOf(o: GradOptions, n: number): { list: number[]; single: boolean } {
  const a = o.argnums ?? 0;
  const list = typeof a === 'number' ? [a] : [...a];
  for (const i of list) {
    if (!Number.isInteger(i)) throw new TypeError(`argnums must be an int or a tuple of ints, got ${String(a)}`);
    if (i >= n || i < -n) {
      throw new TypeError(`differentiating with respect to argnums=${typeof a === 'number' ? a : `(${list.join(', ')}${list.length === 1 ? ',' : ''})`} requires at least ${Math.max(...list) + 1} positional arguments to be passed by the caller, but got only ${n} positional arguments.`);
    }
  }
  return { list: list.map((i) => (i < 0 ? i + n : i)), single: typeof a === 'number' };
}

function splitAux(out: unknown, hasAux: boolean): [unknown, unknown] {
  if (!hasAux) return [out, undefined];
  if (!Array.isArray(out) || out.length !== 2) throw new TypeError(`has_aux=True requires the function to return a pair (output, auxiliary data), got ${Array.isArray(out) ? `a sequence of length ${out.length}` : typeof out}.`);
  return [out[0], out[1]];
}

function checkFloat(leaves: readonly unknown[], what: string, allowInt = false): void {
  for (const leaf of leaves) {
    const t = leafTensor(leaf);
    if (!isFloat(t.dt) && !allowInt) {
      throw new TypeError(`${what} requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got ${t.dt}. If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.`);
    }
  }
}

// ---------------------------------------------------------------- forward mode

export function jvp(f: Fn, primals: readonly unknown[], tangents: readonly unknown[], options: { has_aux?: boolean } = {}): any {
  if (!Array.isArray(primals) || !Array.isArray(tangents)) {
    throw new TypeError(`primal and tangent arguments to jax.jvp must be tuples or lists; found ${typeName(primals)} and ${typeName(tangents)}.`);
  }
  const ps = flatten(primals, isLeafValue).map(leafTensor);
  const ts = flatten(tangents, isLeafValue);
  if (ps.length !== ts.length || primals.length !== tangents.length) {
    throw new TypeError('primal and tangent arguments to jax.jvp must have the same tree structure');
  }
  const tangentTensors = ts.map((t, i) => {
    const tt = t instanceof Tensor ? t : toTensor(t as number, ps[i].dt);
    if (!sameDims(ps[i].dims, tt.dims)) {
      throw new ValueError(`jvp called with different primal and tangent shapes;Got primal shape ${pyShape(ps[i].dims)} and tangent shape as ${pyShape(tt.dims)}`);
    }
    return tt;
  });
  const level = new ForwardLevel();
  let k = 0;
  const raw = within(level, () => {
    const args = aliasLeaves(primals, (x) => {
      const t = tangentTensors[k++];
      if (isFloat(x.dt)) level.tangents.set(x, t.dt === x.dt ? t : cast(t, x.dt));
    }) as unknown[];
    return f(...args);
  });
  const [out, aux] = splitAux(raw, options.has_aux ?? false);
  const tangentOut = mapTree(out, isTensor, (o) => level.tangents.get(o) ?? zerosLike(o));
  return options.has_aux ? tuple(out, tangentOut, aux) : tuple(out, tangentOut);
}

/** (out, f_jvp): f_jvp(...tangents) is the JVP at the primals. */
export function linearize(f: Fn, ...primals: unknown[]): any {
  const out = f(...primals);
  return tuple(out, (...tangents: unknown[]) => jvp(f, primals, tangents)[1]);
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

/** Cotangents of the recorded inputs for cotangent `cts` (shaped like the output). */
function pull(r: Recorded, outTree: unknown, cts: unknown): Tensor[] {
  const outs = flatten(outTree, isTensor);
  const cs = flatten(cts, isLeafValue).map((c, i) => (c instanceof Tensor ? c : toTensor(c as number, outs[i]?.dt)));
  if (outs.length !== cs.length) throw new TypeError(`Tree structure of cotangent input does not match that of the function output (${cs.length} leaves for ${outs.length}).`);
  const seeds: [TapeNode, Tensor][] = [];
  outs.forEach((o, i) => {
    if (!sameDims(cs[i].dims, o.dims)) {
      throw new ValueError(`Shape of cotangent input to vjp pullback function ${pyShape(cs[i].dims)} must be the same as the shape of corresponding primal input ${pyShape(o.dims)}.`);
    }
    const node = r.tape.nodeOf(o);
    if (node !== undefined) seeds.push([node, cs[i].dt === o.dt ? cs[i] : cast(cs[i], o.dt)]);
  });
  const got = r.tape.backward(seeds, r.inputNodes);
  return r.inputs.map((x, i) => likePrimal(got.get(r.inputNodes[i]) ?? zeros(x.dims, x.dt, x.flavor), x));
}

/** A cotangent typed as its primal is (JAX: the gradient of a weakly typed input is weakly typed). */
function likePrimal(g: Tensor, x: Tensor): Tensor {
  if (g.weak === x.weak) return g;
  // identity, not a bare alias: an outer transformation must still follow g (grad of grad).
  const r = identity(g);
  r.weak = x.weak;
  return r;
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

export function vjp(f: Fn, ...primals: unknown[]): any {
  let hasAux = false;
  const last = primals[primals.length - 1];
  if (isPlainObject(last) && 'has_aux' in last && Object.keys(last).length === 1) {
    hasAux = Boolean(last.has_aux);
    primals = primals.slice(0, -1);
  }
  const which = primals.map((_, i) => i);
  const r = record(f, primals, which);
  const [out, aux] = splitAux(r.out, hasAux);
  const vjpFn = (ct: unknown) => tuple(...restructure(primals, which, pull(r, out, ct)));
  return hasAux ? tuple(out, vjpFn, aux) : tuple(out, vjpFn);
}

export function value_and_grad(f: Fn, ...rest: unknown[]): Fn {
  const options = gradOptions(rest);
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(options, args.length);
    for (const i of list) checkFloat(flatten(args[i], isLeafValue), 'grad', options.allow_int);
    const r = record(f, args, list);
    const [value, aux] = splitAux(r.out, options.has_aux ?? false);
    if (!(value instanceof Tensor) || value.dims.length !== 0) {
      const shape = value instanceof Tensor ? pyShape(value.dims) : typeof value;
      throw new TypeError(`Gradient only defined for scalar-output functions. Output had shape: ${shape}.`);
    }
    const grads = restructure(args, list, pull(r, value, onesLike(value)));
    const g = single ? grads[0] : tuple(...grads);
    return options.has_aux ? tuple(tuple(value, aux), g) : tuple(value, g);
  };
}

export function grad(f: Fn, ...rest: unknown[]): Fn {
  const options = gradOptions(rest);
  const vg = value_and_grad(f, options);
  return (...args: unknown[]) => {
    const [v, g] = vg(...args);
    return options.has_aux ? tuple(g, (v as unknown[])[1]) : g;
  };
}

// ---------------------------------------------------------------- Jacobians

/** The standard basis over leaves of total size n: for each leaf, its [n, ...dims] block of the identity. */
function basisFor(leaves: readonly Tensor[]): Tensor[] {
  const n = leaves.reduce((s, x) => s + x.count, 0);
  // Made in the leaves' dtype when they share one, so that no cast copies it.
  const I = eye(n, n, leaves.every((x) => x.dt === leaves[0].dt) ? leaves[0].dt : 'float64');
  let start = 0;
  return leaves.map((x) => {
    const block = reshapeTo(cast(sliceAxis(I, 1, start, x.count), x.dt), [n, ...x.dims]);
    start += x.count;
    return block;
  });
}

/** For each output leaf ([n, ...out] with the basis axis first), its Jacobian per input leaf: [...out, ...in]. */
function unravel(outBatched: unknown, inputs: readonly Tensor[], inputsTree: unknown): unknown {
  return mapTree(outBatched, isTensor, (o) => {
    let start = 0;
    const blocks = inputs.map((x) => {
      const part = sliceAxis(o, 0, start, x.count);
      start += x.count;
      return reshapeTo(moveaxis(part, 0, -1), [...o.dims.slice(1), ...x.dims]);
    });
    return unflattenLike(inputsTree, isLeafValue, blocks);
  });
}

export function jacfwd(f: Fn, ...rest: unknown[]): Fn {
  const options = gradOptions(rest);
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(options, args.length);
    const diff = list.map((i) => args[i]);
    const leaves = flatten(diff, isLeafValue).map(leafTensor);
    for (const x of leaves) {
      if (!isFloat(x.dt)) throw new TypeError(`jacfwd requires real-valued inputs (input dtype that is a sub-dtype of np.floating), but got ${x.dt}. For holomorphic differentiation, pass holomorphic=True. For differentiation of non-holomorphic functions involving complex inputs or integer inputs, use jax.jvp directly.`);
    }
    const partial = (...d: unknown[]) => {
      const a = args.slice();
      list.forEach((i, k) => (a[i] = d[k]));
      return f(...a);
    };
    const pushfwd = (...basisLeaves: Tensor[]) => {
      const tangents = unflattenLike(diff, isLeafValue, basisLeaves) as unknown[];
      const r = jvp(partial, diff, tangents, { has_aux: options.has_aux });
      return options.has_aux ? tuple(r[1], r[2]) : r[1];
    };
    const pushed = vmap(pushfwd, { out_axes: options.has_aux ? [0, null] : 0 })(...basisFor(leaves));
    const [tangentsOut, aux] = options.has_aux ? (pushed as unknown[]) : [pushed, undefined];
    const inputsTree = single ? diff[0] : tuple(...diff);
    const jac = unravel(tangentsOut, leaves, inputsTree);
    return options.has_aux ? tuple(jac, aux) : jac;
  };
}

export function jacrev(f: Fn, ...rest: unknown[]): Fn {
  const options = gradOptions(rest);
  return (...args: unknown[]) => {
    const { list, single } = argnumsOf(options, args.length);
    const diff = list.map((i) => args[i]);
    checkFloat(flatten(diff, isLeafValue), 'jacrev', options.allow_int);
    const partial = (...d: unknown[]) => {
      const a = args.slice();
      list.forEach((i, k) => (a[i] = d[k]));
      return f(...a);
    };
    const r = record(partial, diff, diff.map((_, i) => i));
    const [y, aux] = splitAux(r.out, options.has_aux ?? false);
    const outs = flatten(y, isTensor);
    const basis = basisFor(outs);
    // One VJP per basis row, all at once.
    const pulled = vmap((...cts: Tensor[]) => pull(r, y, unflattenLike(y, isTensor, cts)))(...basis) as Tensor[];
    const inputsTree = single ? diff[0] : tuple(...diff);
    // pulled[j]: [n_out, ...in_j]; per output leaf take its rows.
    let start = 0;
    const jac = mapTree(y, isTensor, (o) => {
      const blocks = pulled.map((p, j) => reshapeTo(sliceAxis(p, 0, start, o.count), [...o.dims, ...r.inputs[j].dims]));
      start += o.count;
      return unflattenLike(inputsTree, isLeafValue, blocks);
    });
    return options.has_aux ? tuple(jac, aux) : jac;
  };
}

export const jacobian = jacrev;

export function hessian(f: Fn, ...rest: unknown[]): Fn {
  const options = gradOptions(rest);
  return jacfwd(jacrev(f, options), { argnums: options.argnums, has_aux: options.has_aux });
}

function typeName(x: unknown): string {
  if (x instanceof Tensor) return 'Array';
  if (Array.isArray(x)) return 'list';
  return typeof x;
}
