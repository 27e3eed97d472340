// jax.custom_jvp and jax.custom_vjp: functions with derivative rules of their own. Each call is a
// primitive made for that call: its value is the function's (computed with no level looking in),
// its JVP the user's rule; for custom_jvp the VJP is the rule transposed (its linear part in the
// tangents run backwards), for custom_vjp the user's fwd/bwd pair (forward mode is JAX's error).
import { Tensor } from '../../tensor/tensor.js';
import { zeros } from '../../tensor/create.js';
import { unwatched, within } from '../../core/levels.js';
import { bind, definePrimitive, type Primitive } from '../../core/primitive.js';
import { identity } from '../../ops/structural.js';
import * as ops from '../../ops/index.js';
import { TapeLevel, type TapeNode } from '../../autodiff/tape.js';
import { vmap } from '../../autodiff/vmap.js';
import { flatten, unflattenLike } from '../../autodiff/tree.js';
import { isLeafValue } from '../../autodiff/functional.js';
import { pyError } from '../errors.js';
import { jax as lib } from '../lib/jax.js';

type Fn = (...args: any[]) => any;

function leaves(args: unknown[]): Tensor[] {
  return flatten(args, isLeafValue).map((l) => (l instanceof Tensor ? l : lib.convert(l, lib.resultType('array', [l]))));
}

function single(out: unknown, what: string): Tensor {
  if (!(out instanceof Tensor)) throw pyError('NotImplementedError', `${what} functions returning ${Array.isArray(out) ? 'a tuple' : typeof out} are not supported by Jacobi yet (return one array)`);
  return out;
}

/** vmap of a custom call: the call itself mapped over the batch (its rules then apply per example). */
function batchCall(call: Fn, args: unknown[]) {
  return (xs: Tensor[], ds: (number | null)[]): [Tensor, number] => {
    const f = (...ls: Tensor[]) => call(...(unflattenLike(args, isLeafValue, ls) as unknown[]));
    return [vmap(f, { in_axes: ds })(...xs) as Tensor, 0];
  };
}

export interface CustomJvpFunction {
  (...args: unknown[]): Tensor;
  defjvp(rule: Fn): Fn;
  defjvps(...rules: (Fn | null)[]): void;
}

export function customJvp(fun: Fn, ..._options: unknown[]): CustomJvpFunction {
  let rule: Fn | undefined;
  const call = ((...args: unknown[]): Tensor => {
    if (rule === undefined) throw pyError('AttributeError', 'No JVP defined for custom_jvp function; call defjvp before calling it.');
    const r = rule;
    const ins = leaves(args);
    const rebuild = (ls: unknown[]) => unflattenLike(args, isLeafValue, ls) as unknown[];
    const tangentOut = (ps: Tensor[], ts: Tensor[]) => {
      const res = r(rebuild(ps), rebuild(ts)) as unknown[];
      if (!Array.isArray(res) || res.length !== 2) throw pyError('TypeError', 'Custom JVP rule must produce a pair (list or tuple of length two) representing primal and tangent outputs.');
      return single(res[1], 'custom_jvp');
    };
    const prim: Primitive<void> = definePrimitive<void>({
      name: `custom_jvp(${fun.name || 'fun'})`,
      impl: (xs) => single(unwatched(() => fun(...rebuild(xs))), 'custom_jvp'),
      jvp: (ps, ts) => tangentOut(ps, ps.map((p, i) => ts[i] ?? zeros(p.dims, p.dt, p.flavor))),
      vjp: (ps) => (ct) => {
        // The rule is linear in the tangents: its transpose is its reverse pass from zero tangents.
        const tape = new TapeLevel();
        const nodes: TapeNode[] = [];
        const out = within(tape, () => {
          const ts = ps.map((p) => { const t = identity(zeros(p.dims, p.dt, p.flavor)); nodes.push(tape.watch(t)); return t; });
          return tangentOut(ps, ts);
        });
        const node = tape.nodeOf(out);
        const got = node ? tape.backward([[node, ct]], nodes) : new Map<TapeNode, Tensor>();
        return nodes.map((n) => got.get(n) ?? null);
      },
      batch: batchCall((...a: unknown[]) => call(...a), args),
    });
    return bind(prim, ins, undefined);
  }) as CustomJvpFunction;
  call.defjvp = (r: Fn) => { rule = r; return r; };
  call.defjvps = (...fs: (Fn | null)[]) => {
    rule = (primals: unknown[], tangents: unknown[]) => {
      const ans = fun(...primals) as Tensor;
      let t: Tensor | null = null;
      fs.forEach((f, i) => {
        if (!f || tangents[i] === null || tangents[i] === undefined) return;
        const c = f(tangents[i], ans, ...primals) as Tensor;
        t = t === null ? c : ops.add(t, c);
      });
      return [ans, t ?? zeros(ans.dims, ans.dt, 'jax')];
    };
  };
  Object.defineProperty(call, 'name', { value: fun.name });
  return call;
}

export interface CustomVjpFunction {
  (...args: unknown[]): Tensor;
  defvjp(fwd: Fn, bwd: Fn): void;
}

export function customVjp(fun: Fn, ..._options: unknown[]): CustomVjpFunction {
  let fwd: Fn | undefined, bwd: Fn | undefined;
  const call = ((...args: unknown[]): Tensor => {
    if (fwd === undefined || bwd === undefined) throw pyError('AttributeError', 'No VJP defined for custom_vjp function; call defvjp before calling it.');
    const f = fwd, b = bwd;
    const ins = leaves(args);
    const rebuild = (ls: unknown[]) => unflattenLike(args, isLeafValue, ls) as unknown[];
    let residuals: unknown;
    const prim: Primitive<void> = definePrimitive<void>({
      name: `custom_vjp(${fun.name || 'fun'})`,
      impl: (xs) => {
        const r = unwatched(() => f(...rebuild(xs))) as unknown[];
        if (!Array.isArray(r) || r.length !== 2) throw pyError('TypeError', 'Custom VJP fwd rule must produce a pair (list or tuple of length two) where the first element represents the primal output and the second element represents residuals.');
        residuals = r[1];
        return single(r[0], 'custom_vjp');
      },
      jvp: () => { throw pyError('TypeError', "can't apply forward-mode autodiff (jvp) to a custom_vjp function."); },
      vjp: () => {
        const res = residuals;
        return (ct) => flatten(b(res, ct), isLeafValue).map((g) => (g instanceof Tensor ? g : null));
      },
      batch: batchCall((...a: unknown[]) => call(...a), args),
    });
    return bind(prim, ins, undefined);
  }) as CustomVjpFunction;
  call.defvjp = (fw: Fn, bw: Fn) => { fwd = fw; bwd = bw; };
  Object.defineProperty(call, 'name', { value: fun.name });
  return call;
}

