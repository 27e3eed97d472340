// Nested structures (arrays, tuples and plain objects) of tensors, as TensorFlow's nest and JAX's
// pytrees: flatten to leaves and rebuild the same structure around new leaves.
import { NamedTuple, PyTuple } from '../tensor/pytuple.js';

export type Tree<L> = L | readonly Tree<L>[] | { readonly [k: string]: Tree<L> } | null | undefined;

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

export function flatten<L>(tree: unknown, isLeaf: (x: unknown) => x is L): L[] {
  const out: L[] = [];
  const walk = (t: unknown) => {
    if (isLeaf(t)) out.push(t);
    else if (Array.isArray(t)) t.forEach(walk);
    else if (isPlainObject(t)) Object.keys(t).sort().forEach((k) => walk(t[k]));
    else if (t !== null && t !== undefined) throw new TypeError(`expected a tensor or a nested structure of tensors, got ${typeof t}`);
  };
  walk(tree);
  return out;
}

let keepKeyOrder = false;

/** Runs f with rebuilt objects keeping their keys' insertion order (torch.func's pytrees), not sorted (JAX's). */
export function withInsertionOrder<T>(f: () => T): T {
  const saved = keepKeyOrder;
  keepKeyOrder = true;
  try {
    return f();
  } finally {
    keepKeyOrder = saved;
  }
}

/** Rebuilds `tree` with each leaf replaced by `f(leaf)` (null/undefined stay as they are). */
export function mapTree<L, R>(tree: unknown, isLeaf: (x: unknown) => x is L, f: (leaf: L) => R, path: object[] = []): unknown {
  if (isLeaf(tree)) return f(tree);
  if (typeof tree !== 'object' || tree === null) return tree;
  // A container that holds itself is no tree: it is left as it is, for the consumer to report.
  if (path.includes(tree)) return tree;
  path.push(tree);
  try {
    // A named tuple (torch.return_types, JAX's result tuples) keeps its type and field names.
    if (tree instanceof NamedTuple) return NamedTuple.make(tree.typeName, tree.fields, tree.map((t) => mapTree(t, isLeaf, f, path)));
    if (tree instanceof PyTuple) return PyTuple.from2(tree.map((t) => mapTree(t, isLeaf, f, path)));
    if (Array.isArray(tree)) return tree.map((t) => mapTree(t, isLeaf, f, path));
    if (isPlainObject(tree)) {
      // Leaves are visited in sorted key order (flatten's); the result's keys are sorted as JAX's
      // dicts come out, or keep the input's order as PyTorch's pytrees keep it.
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(tree).sort()) o[k] = mapTree(tree[k], isLeaf, f, path);
      return keepKeyOrder ? Object.fromEntries(Object.keys(tree).map((k) => [k, o[k]])) : o;
    }
    return tree;
  } finally {
    path.pop();
  }
}

/** Whether two structures have the same nesting (leaves anywhere the other has leaves). */
export function sameStructure(a: unknown, b: unknown, isLeaf: (x: unknown) => boolean): boolean {
  if (isLeaf(a) || isLeaf(b)) return isLeaf(a) && isLeaf(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameStructure(x, b[i], isLeaf));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameStructure(a[k], b[k], isLeaf));
  }
  return a === b;
}

/** `tree`'s structure with its leaves replaced, in order, by `leaves`. */
export function unflattenLike<L>(tree: unknown, isLeaf: (x: unknown) => x is L, leaves: readonly unknown[]): unknown {
  let k = 0;
  const out = mapTree(tree, isLeaf, () => leaves[k++]);
  if (k !== leaves.length) throw new TypeError(`expected ${k} leaves for this structure, got ${leaves.length}`);
  return out;
}
