// Facade functions and tensor methods generated from the op table: each binds Python-style
// arguments to the row's signature for that library (Python's TypeErrors for what does not fit),
// renames them to the canonical arguments, runs the implementation with the library's rules, and
// returns results as the library does (its flavor; NumPy scalars for 0-d ufunc results).
import { Tensor } from '../tensor/tensor.js';
import { PyTuple } from '../tensor/pytuple.js';
import { identity } from '../ops/structural.js';
import { Variable } from '../tensor/variable.js';
import { mapTree } from '../autodiff/tree.js';
import { nameNode, requiresGrad } from '../autodiff/torch_autograd.js';
import { torchNodeName } from './table/torch_nodes.js';
import { bindArgs, parseSignature, type Signature } from './pysig.js';
import { documented } from './docs.js';
import { relabel, type Library } from './lib/library.js';
import { assignOut } from './mutation.js';
import { SYNONYMS, type Args, type FacadeKey, type OpRow, type Sigs } from './table/types.js';

const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
const isTensorOrVariable = (x: unknown): x is Tensor | Variable => x instanceof Tensor || x instanceof Variable;
const list = (s: Sigs | undefined): readonly string[] => (s === undefined ? [] : typeof s === 'string' ? [s] : s);

function canonical(bound: Record<string, unknown>, rename: Readonly<Record<string, string>> | undefined): Args {
  const out: Args = {};
  for (const [k, v] of Object.entries(bound)) out[rename?.[k] ?? SYNONYMS[k] ?? k] = v;
  return out;
}

/** A result as the library returns it: its flavor, NumPy's scalars, no weak type outside JAX. */
export function shaped(lib: Library, r: unknown, inputs: readonly unknown[], arrayResult: boolean): unknown {
  return mapTree(r, isTensor, (t) => {
    const isInput = inputs.some((i) => i === t || (i instanceof Variable && i.value === t));
    let out = t.flavor !== lib.flavor ? relabel(t, lib.flavor) : t;
    const scalar = lib.name === 'numpy' && !arrayResult && out.dims.length === 0;
    const weak = lib.name === 'jax' && out.weak;
    if (out.scalar !== scalar || out.weak !== weak) {
      if (out === t && isInput) out = identity(t);
      out.scalar = scalar;
      out.weak = weak;
    }
    return out;
  });
}

/**
 * A torch result as PyTorch gives it: a factory called with `requires_grad=True` makes a leaf that
 * requires grad; the autograd node is named as PyTorch names it (the row knows which overload ran).
 */
function torchNamed(r: OpRow, a: Args, lib: Library, res: unknown, inputs: readonly unknown[]): unknown {
  if (lib.name !== 'torch') return res;
  // Each result of a decomposition (a torch.return_types tuple) points at the same node.
  if (res instanceof PyTuple) {
    for (const t of res) if (t instanceof Tensor) torchNamed(r, a, lib, t, inputs);
    return res;
  }
  if (!(res instanceof Tensor)) return res;
  if (a.requires_grad === true && !res.requires_grad) return requiresGrad(res);
  if (!res.requires_grad || inputs.includes(res)) return res;
  const name = torchNodeName(r.name, a);
  return name === undefined ? res : nameNode(res, name);
}

/** The dotted name a signature text defines (`linalg.norm` of `linalg.norm(x, ord=None)`). */
const nameOf = (sigText: string): string => sigText.slice(0, sigText.indexOf('(')).trim();

/**
 * One facade function of a row under one of its names. Its signature is parsed on its first call:
 * importing the runtime makes about two thousand of these, and most are never called.
 */
export function facadeFunction(r: OpRow, sigText: string, lib: Library, prefix: string): (...args: unknown[]) => unknown {
  let sig: Signature | undefined;
  const impl = r.variants?.[lib.name] ?? r.impl;
  const adopt = lib.adopt;
  const f = function (this: unknown, ...given: unknown[]): unknown {
    // Other libraries' tensors (and variables) as this library takes them.
    const args = adopt ? given.map((g) => mapTree(g, isTensorOrVariable, (t) => adopt(t instanceof Variable ? t.read() : t))) : given;
    const a = canonical(bindArgs(sig ??= parseSignature(sigText), args), r.rename);
    const out = a.out;
    const res = torchNamed(r, a, lib, impl(a, lib), args);
    const shapedRes = r.raw ? res : shaped(lib, res, args, r.arrayResult ?? false);
    return out !== undefined && out !== null ? assignOut(out, shapedRes as Tensor, lib) : shapedRes;
  };
  Object.defineProperty(f, 'name', { value: nameOf(sigText).split('.').pop() });
  return documented(f, `${prefix}.${sigText}`, r.doc, r);
}

/**
 * A facade object as TypeScript sees it: its hand-written members typed, and every generated name
 * (known only when the table is read) reachable as `any`, as a Python module's attributes are.
 */
export type Namespace<T> = T & { [name: string]: any };
export const namespace = <T extends object>(members: T): Namespace<T> => members as Namespace<T>;

/** The facade namespace of one library: every row's functions under their (possibly dotted) names. */
export function facade(rows: readonly OpRow[], key: FacadeKey, lib: Library, prefix: string): Record<string, any> {
  const ns: Record<string, any> = {};
  for (const r of rows) {
    for (const text of list(r[key])) {
      const path = nameOf(text).split('.');
      let at = ns;
      for (const p of path.slice(0, -1)) at = at[p] ??= {};
      at[path[path.length - 1]] = facadeFunction(r, text, lib, prefix);
    }
  }
  return ns;
}

export interface MethodEntry {
  readonly row: OpRow;
  readonly text: string;
}

/** The methods of tensors of one flavor: name -> (row, signature). */
export function methodTable(rows: readonly OpRow[], flavor: Tensor['flavor']): Map<string, MethodEntry> {
  const m = new Map<string, MethodEntry>();
  for (const r of rows) {
    for (const text of list(r.methods?.[flavor])) m.set(nameOf(text), { row: r, text });
  }
  return m;
}

/** Calls a method of the table on `self`. */
export function callMethod(e: MethodEntry, self: Tensor | Variable, lib: Library, args: readonly unknown[]): unknown {
  const a = canonical(bindArgs(parseSignature(e.text), args), e.row.rename); // parsed once, then cached
  a.x = self;
  const impl = e.row.variants?.[lib.name] ?? e.row.impl;
  const res = torchNamed(e.row, a, lib, impl(a, lib), [self, ...args]);
  return e.row.raw ? res : shaped(lib, res, [self, ...args], e.row.arrayResult ?? false);
}
