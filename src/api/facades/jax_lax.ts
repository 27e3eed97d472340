// jax.lax's control flow, run eagerly: cond, switch, fori_loop, while_loop, scan, map and select.
// Under vmap, a batched predicate of cond evaluates both branches and selects, as JAX does.
import { Tensor } from '../../tensor/tensor.js';
import { tuple } from '../../tensor/pytuple.js';
import * as ops from '../../ops/index.js';
import { flatten, mapTree, unflattenLike } from '../../autodiff/tree.js';
import { pyfn } from '../args.js';
import { pyError } from '../errors.js';
import { truth } from '../operators.js';
import { finish } from '../kinds.js';
import { jax as lib } from '../lib/jax.js';

type Fn = (...args: any[]) => any;
const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
const isLeaf = (x: unknown): x is Tensor | number | boolean => x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean';

/** A loop carry as JAX traces it: Python scalars become weakly typed arrays, tensors JAX arrays. */
const carryOf = (x: unknown): unknown => mapTree(x, isLeaf, (v) => (v instanceof Tensor ? finish(lib, v, [v], false) : lib.convert(v, lib.resultType('array', [v]))));

/** Both branches' results combined by a batched predicate. */
function selectTrees(pred: Tensor, a: unknown, b: unknown): unknown {
  const bs = flatten(b, isLeaf);
  let k = 0;
  return mapTree(a, isLeaf, (x) => finish(lib, ops.where(pred, x, bs[k++]), [x]));
}

export const lax = {
  cond: pyfn('jax.lax.cond(pred, true_fun, false_fun, *operands)', (a) => {
    const pred = a.pred;
    const ops_ = a.operands as unknown[];
    if (pred instanceof Tensor && !pred.concrete) return selectTrees(ops.cast(pred, 'bool'), (a.true_fun as Fn)(...ops_), (a.false_fun as Fn)(...ops_));
    return truth(pred) ? (a.true_fun as Fn)(...ops_) : (a.false_fun as Fn)(...ops_);
  }, 'Conditionally apply true_fun or false_fun to the operands.'),
  switch: pyfn('jax.lax.switch(index, branches, *operands)', (a) => {
    const branches = a.branches as Fn[];
    const i = Math.min(Math.max(Number(a.index instanceof Tensor ? a.index.values[0] : a.index), 0), branches.length - 1);
    return branches[i](...(a.operands as unknown[]));
  }, 'Apply exactly one of the branches given by index (clamped to range).'),
  fori_loop: pyfn('jax.lax.fori_loop(lower, upper, body_fun, init_val, *, unroll=None)', (a) => {
    let val = carryOf(a.init_val);
    const lo = Number(a.lower instanceof Tensor ? a.lower.values[0] : a.lower), hi = Number(a.upper instanceof Tensor ? a.upper.values[0] : a.upper);
    // The index is an int32 array (weakly typed for Python int bounds), as the traced loop gives it.
    for (let i = lo; i < hi; i++) val = carryOf((a.body_fun as Fn)(carryOf(i), val));
    return val;
  }, 'Loop from lower to upper by reduction to a loop over body_fun(i, val).'),
  while_loop: pyfn('jax.lax.while_loop(cond_fun, body_fun, init_val)', (a) => {
    let val = carryOf(a.init_val);
    while (truth((a.cond_fun as Fn)(val))) val = carryOf((a.body_fun as Fn)(val));
    return val;
  }, 'Call body_fun repeatedly in a loop while cond_fun is True.'),
  scan: pyfn('jax.lax.scan(f, init, xs=None, length=None, reverse=False, unroll=1)', (a) => {
    const xs = a.xs;
    const leaves = flatten(xs, isTensor);
    const n = a.length ?? (leaves.length ? leaves[0].dims[0] : undefined);
    if (n === undefined) throw pyError('ValueError', 'scan got no values to scan over and `length` not provided.');
    let carry = a.init;
    const ys: unknown[] = [];
    for (let k = 0; k < n; k++) {
      const i = a.reverse ? n - 1 - k : k;
      const x = xs === null || xs === undefined ? null : unflattenLike(xs, isTensor, leaves.map((l) => finish(lib, ops.getItem(l, [i]), [l])));
      const [c, y] = (a.f as Fn)(carry, x) as [unknown, unknown];
      carry = c;
      ys.push(y);
    }
    if (a.reverse) ys.reverse();
    return tuple(carry, ys.length && ys[0] !== null && ys[0] !== undefined ? stackTrees(ys) : null);
  }, 'Scan a function over leading array axes while carrying along state: returns (final carry, stacked ys).'),
  map: pyfn('jax.lax.map(f, xs)', (a) => {
    const leaves = flatten(a.xs, isTensor);
    const n = leaves[0].dims[0];
    const ys: unknown[] = [];
    for (let i = 0; i < n; i++) ys.push((a.f as Fn)(unflattenLike(a.xs, isTensor, leaves.map((l) => finish(lib, ops.getItem(l, [i]), [l])))));
    return stackTrees(ys);
  }, 'Map a function over leading array axes.'),
  select: pyfn('jax.lax.select(pred, on_true, on_false)', (a) => finish(lib, ops.where(a.pred, a.on_true, a.on_false), [a.on_true, a.on_false]),
    'Selects between two branches based on a boolean predicate (elementwise).'),
};

/** Per-step pytrees stacked leaf by leaf along a new leading axis. */
function stackTrees(ys: unknown[]): unknown {
  const per = ys.map((y) => flatten(y, isLeaf));
  const stacked = per[0].map((_, j) => finish(lib, ops.stack(per.map((p) => ops.toTensor(p[j] as Tensor))), []));
  return unflattenLike(ys[0], isLeaf, stacked);
}
