// A reverse-mode level: a graph of nodes, one per recorded primitive result, each holding only its
// parents and the rule's cotangent closure (which keeps just what the rule needs). Backward walks the
// nodes that lie between the targets and the sources, newest first, and frees each cotangent as soon
// as it has been passed on.
import { isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Primitive } from '../ops/primitive.js';
import { add } from '../ops/elementwise.js';
import { belowLevel, isActive, Level } from './levels.js';

export interface TapeNode {
  readonly parents: readonly (TapeNode | null)[];
  /** null for a watched leaf; replaced by `FREED` once a non-retained backward has used it. */
  backward: ((ct: Tensor, bd: number, need: readonly boolean[]) => (Tensor | null)[]) | null | typeof FREED;
  readonly seq: number;
  readonly prim: Primitive<unknown> | null;
  readonly dims: readonly number[];
}

export const FREED = Symbol('freed');
let seq = 0;

export class TapeLevel extends Level {
  nodes = new WeakMap<Tensor, TapeNode>();

  process(prim: Primitive<unknown>, inputs: Tensor[], out: Tensor, params: unknown): void {
    if (prim.vjp === undefined || !isFloat(out.dtype)) return;
    let any = false;
    const parents = new Array<TapeNode | null>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const n = this.nodes.get(inputs[i]) ?? null;
      parents[i] = n;
      if (n !== null) any = true;
    }
    if (!any) return;
    const node: TapeNode = { parents, backward: prim.vjp(inputs, out, params), seq: ++seq, prim, dims: out.dims };
    this.nodes.set(out, node);
    this.recorded(out, node);
  }

  /** A hook for subclasses (torch names grad_fn here). */
  protected recorded(_out: Tensor, _node: TapeNode): void {}

  watch(t: Tensor): TapeNode {
    let n = this.nodes.get(t);
    if (n === undefined) {
      n = { parents: [], backward: null, seq: ++seq, prim: null, dims: t.dims };
      this.nodes.set(t, n);
    }
    return n;
  }

  nodeOf(t: Tensor): TapeNode | undefined {
    return this.nodes.get(t);
  }

  /**
   * Cotangents of `sources` given cotangents of `targets` (each with `bd` leading batch axes).
   * `create` lets the levels below (and, for torch's create_graph, this one) record the backward ops.
   */
  backward(targets: readonly [TapeNode, Tensor][], sources: readonly TapeNode[], bd = 0, options: { retain?: boolean; visibleToSelf?: boolean } = {}): Map<TapeNode, Tensor> {
    const limit = options.visibleToSelf || !isActive(this) ? Infinity : this.id;
    return belowLevel(limit, () => this.walk(targets, sources, bd, options.retain ?? true));
  }

  private walk(targets: readonly [TapeNode, Tensor][], sources: readonly TapeNode[], bd: number, retain: boolean): Map<TapeNode, Tensor> {
    // Every node reachable backwards from the targets...
    const seen = new Set<TapeNode>();
    const stack = targets.map(([n]) => n);
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const p of n.parents) if (p !== null && !seen.has(p)) stack.push(p);
    }
    const order = [...seen].sort((a, b) => a.seq - b.seq);
    // ...that also depends on a source (the rest would compute cotangents nobody asked for).
    const wanted = new Set<TapeNode>(sources);
    const relevant = new Set<TapeNode>();
    for (const n of order) if (wanted.has(n) || n.parents.some((p) => p !== null && relevant.has(p))) relevant.add(n);

    const cts = new Map<TapeNode, Tensor>();
    const accumulate = (n: TapeNode, g: Tensor) => {
      const prev = cts.get(n);
      cts.set(n, prev === undefined ? g : add(prev, g));
    };
    for (const [n, ct] of targets) if (relevant.has(n)) accumulate(n, ct);
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      const ct = cts.get(n);
      if (ct === undefined) continue;
      if (!wanted.has(n)) cts.delete(n);
      const back = n.backward;
      if (back === null) continue;
      if (back === FREED) {
        throw new RuntimeError('Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Specify retain_graph=True if you need to backward through the graph a second time.');
      }
      const grads = back(ct, bd, n.parents.map((p) => p !== null && relevant.has(p)));
      if (!retain) n.backward = FREED;
      for (let k = 0; k < n.parents.length; k++) {
        const p = n.parents[k];
        const g = grads[k];
        if (p !== null && g !== null && relevant.has(p)) accumulate(p, g);
      }
    }
    return cts;
  }
}

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}
