// jax.tree_util: pytrees are nested lists, tuples and plain objects (dicts, keys in sorted order, as
// JAX sorts dict keys) with None as an empty subtree; leaves are everything else.
import { PyTuple, tuple } from '../../tensor/pytuple.js';
import { PY_REPR } from '../../tensor/printable.js';
import { isPlainObject } from '../../autodiff/tree.js';
import { pyfn } from '../args.js';
import { repr } from '../../format/index.js';

type Fn = (...args: any[]) => any;
const isNode = (x: unknown) => Array.isArray(x) || isPlainObject(x) || x === null || x === undefined;

function leavesOf(tree: unknown, isLeaf?: Fn): unknown[] {
  const out: unknown[] = [];
  const walk = (t: unknown) => {
    if (isLeaf?.(t)) { out.push(t); return; }
    if (t === null || t === undefined) return;
    if (Array.isArray(t)) t.forEach(walk);
    else if (isPlainObject(t)) Object.keys(t).sort().forEach((k) => walk(t[k]));
    else out.push(t);
  };
  walk(tree);
  return out;
}

/** The structure of a pytree, with its leaves replaced by `*` (JAX's PyTreeDef). */
export class PyTreeDef {
  constructor(readonly template: unknown, readonly num_leaves: number, private readonly isLeaf?: Fn) {}
  unflatten(leaves: Iterable<unknown>): unknown {
    const it = [...leaves];
    let k = 0;
    const build = (t: unknown): unknown => {
      if (this.isLeaf?.(t)) return it[k++];
      if (t === null || t === undefined) return t;
      if (t instanceof PyTuple) return tuple(...t.map(build));
      if (Array.isArray(t)) return t.map(build);
      if (isPlainObject(t)) { const o: Record<string, unknown> = {}; for (const key of Object.keys(t).sort()) o[key] = build(t[key]); return o; }
      return it[k++];
    };
    return build(this.template);
  }
  [PY_REPR](): string {
    const show = (t: unknown): string => {
      if (this.isLeaf?.(t)) return '*';
      if (t === null || t === undefined) return 'None';
      if (t instanceof PyTuple) return `(${t.map(show).join(', ')}${t.length === 1 ? ',' : ''})`;
      if (Array.isArray(t)) return `[${t.map(show).join(', ')}]`;
      if (isPlainObject(t)) return `{${Object.keys(t).sort().map((k) => `${repr(k)}: ${show(t[k])}`).join(', ')}}`;
      return '*';
    };
    return `PyTreeDef(${show(this.template)})`;
  }
  toString(): string { return this[PY_REPR](); }
}

function mapOver(f: Fn, tree: unknown, rest: unknown[], isLeaf?: Fn): unknown {
  const others = rest.map((r) => leavesOf(r, isLeaf));
  let k = 0;
  const build = (t: unknown): unknown => {
    if (isLeaf?.(t)) { const i = k++; return f(t, ...others.map((o) => o[i])); }
    if (t === null || t === undefined) return t;
    if (t instanceof PyTuple) return tuple(...t.map(build));
    if (Array.isArray(t)) return t.map(build);
    if (isPlainObject(t)) { const o: Record<string, unknown> = {}; for (const key of Object.keys(t).sort()) o[key] = build(t[key]); return o; }
    const i = k++;
    return f(t, ...others.map((o) => o[i]));
  };
  return build(tree);
}

export const treeUtil = {
  tree_map: pyfn('jax.tree_util.tree_map(f, tree, *rest, is_leaf=None)', (a) => mapOver(a.f, a.tree, a.rest, a.is_leaf ?? undefined),
    'Maps a multi-input function over pytree args to produce a new pytree.'),
  tree_leaves: pyfn('jax.tree_util.tree_leaves(tree, is_leaf=None)', (a) => leavesOf(a.tree, a.is_leaf ?? undefined), 'Gets the leaves of a pytree.'),
  tree_flatten: pyfn('jax.tree_util.tree_flatten(tree, is_leaf=None)', (a) => {
    const leaves = leavesOf(a.tree, a.is_leaf ?? undefined);
    return tuple<unknown>(leaves, new PyTreeDef(a.tree, leaves.length, a.is_leaf ?? ((x: unknown) => !isNode(x))));
  }, 'Flattens a pytree: returns (leaves, treedef).'),
  tree_unflatten: pyfn('jax.tree_util.tree_unflatten(treedef, leaves)', (a) => (a.treedef as PyTreeDef).unflatten(a.leaves as Iterable<unknown>),
    'Reconstructs a pytree from the treedef and the leaves.'),
  tree_structure: pyfn('jax.tree_util.tree_structure(tree, is_leaf=None)', (a) => new PyTreeDef(a.tree, leavesOf(a.tree, a.is_leaf ?? undefined).length, a.is_leaf ?? ((x: unknown) => !isNode(x))),
    'Gets the treedef for a pytree.'),
};
