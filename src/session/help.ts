// What `x?`, help(x) and Jupyter's inspect (Shift-Tab) say about a facade function or a tensor method
// generated from the op table (src/api/table): its signature, its paragraph, every facade name and
// tensor method the operation has, and an example, run on the spot with sample tensors (or the row's
// own `example`).
import { getMethodDoc, type Doc, type DocRow } from '../api/docs.js';
import * as printing from './printing.js';
import { resolveChain } from './names.js';

const FACADES = ['np', 'jnp', 'jax', 'torch', 'tf'] as const;
const TENSOR_TYPE = { numpy: 'np.ndarray', jax: 'jax.Array', torch: 'torch.Tensor', tf: 'tf.Tensor' } as const;
/** How each facade makes a tensor from a list, for the examples. */
const MAKER = { np: 'np.array', jnp: 'jnp.array', jax: 'jnp.array', torch: 'torch.tensor', tf: 'tf.constant' } as const;
const FLAVOR_MAKER = { numpy: 'np.array', jax: 'jnp.array', torch: 'torch.tensor', tf: 'tf.constant' } as const;

type Facade = (typeof FACADES)[number];

/**
 * Examples of the functions written by hand rather than from the op table (the transformations),
 * as cell transcripts: spec/session/frontend.spec.ts runs each one and compares.
 */
export const EXAMPLES: Readonly<Record<string, string>> = {
  'jax.grad': '>>> jax.grad((x) => x ** 3)(2.0)\nArray(12., dtype=float32, weak_type=True)',
  'jax.value_and_grad': '>>> jax.value_and_grad((x) => x ** 2)(3.0)\n(Array(9., dtype=float32, weak_type=True),\n Array(6., dtype=float32, weak_type=True))',
  'jax.vmap': '>>> jax.vmap((x) => x * 2)(jnp.arange(3))\nArray([0, 2, 4], dtype=int32)',
  'jax.jacfwd': '>>> jax.jacfwd((x) => x ** 2)(jnp.array([1.0, 2.0]))\nArray([[2., 0.],\n       [0., 4.]], dtype=float32)',
  'jax.hessian': '>>> jax.hessian((x) => x ** 3)(2.0)\nArray(12., dtype=float32)',
  'tf.GradientTape': '>>> const x = tf.Variable(3.0)\n>>> const tape = new tf.GradientTape()\n>>> const y = tape.run(() => x * x)\n>>> tape.gradient(y, x)\n<tf.Tensor: shape=(), dtype=float32, numpy=6.0>',
  'torch.func.grad': '>>> torch.func.grad((x) => (x ** 2).sum())(torch.tensor([1.0, 2.0]))\ntensor([2., 4.])',
};

const list = (s: string | readonly string[] | undefined): readonly string[] => (s === undefined ? [] : typeof s === 'string' ? [s] : s);
const nameOf = (sig: string) => sig.slice(0, sig.indexOf('(')).trim();

/** The documentation of `chain`'s value: a facade function's, or a tensor method's (`t.sum`). */
export function docOf(value: unknown, parent: unknown, member: string | undefined, getDoc: (v: unknown) => Doc | undefined): Doc | undefined {
  return getDoc(value) ?? (member !== undefined ? getMethodDoc(parent, member) : undefined);
}

/** Every facade name (`np.sum, jnp.sum, torch.sum, tf.reduce_sum`) of a row. */
export function facadeNames(row: DocRow): string[] {
  return FACADES.flatMap((key) => list(row[key]).map((sig) => `${key}.${nameOf(sig)}`));
}

/** Every tensor method (`np.ndarray.sum, torch.Tensor.sum`) of a row. */
export function methodNames(row: DocRow): string[] {
  const methods = row.methods ?? {};
  return (Object.keys(TENSOR_TYPE) as (keyof typeof TENSOR_TYPE)[]).flatMap((flavor) => list(methods[flavor]).map((sig) => `${TENSOR_TYPE[flavor]}.${nameOf(sig)}`));
}

/** The lines about a documented value after its signature: the paragraph, its names elsewhere, an example. */
export function docBody(doc: Doc, value: unknown, global: Record<string, unknown>): string[] {
  const lines = [doc.doc.trimEnd()];
  const row = doc.row;
  const written = EXAMPLES[nameOf(doc.signature)];
  if (!row) return written ? [...lines, '', 'Example:', ...written.split('\n').map((l) => `    ${l}`)] : lines;
  const facades = facadeNames(row);
  const methods = methodNames(row);
  lines.push('');
  if (facades.length > 0) lines.push(`Facades:   ${facades.join(', ')}`);
  if (methods.length > 0) lines.push(`Methods:   ${methods.join(', ')}`);
  const example = row.example ?? exampleOf(doc, value, global);
  if (example) lines.push('Example:', ...example.split('\n').map((l) => `    ${l}`));
  return lines;
}

const VECTOR = '[0.5, 1.5, 2.5]';
const VECTOR2 = '[2.5, 1.0, 4.0]';
const MATRIX = '[[4.5, 1.5], [1.5, 2.5]]';
const MATRIX_RHS = '[1.5, 0.5]';

/**
 * A transcript (`>>> call` and its repr) of the function called on sample tensors: one vector per
 * required tensor argument, else square matrices (linear algebra). Nothing when the call does not go
 * (the operation wants other arguments) or the function draws random numbers (it would move the
 * user's random state).
 */
function exampleOf(doc: Doc, value: unknown, global: Record<string, unknown>): string | undefined {
  if (/random|seed/.test(doc.signature)) return undefined;
  const head = nameOf(doc.signature);
  const open = doc.signature.indexOf('(');
  const params = doc.signature.slice(open + 1, doc.signature.lastIndexOf(')')).split(',').map((p) => p.trim()).filter((p) => p !== '');
  const facade = (FACADES as readonly string[]).find((f) => head.startsWith(`${f}.`)) as Facade | undefined;
  const flavor = (Object.keys(TENSOR_TYPE) as (keyof typeof TENSOR_TYPE)[]).find((f) => head.startsWith(`${TENSOR_TYPE[f]}.`));
  // A method's tensor is its first argument.
  const required: string[] = flavor ? ['self'] : [];
  for (const p of params) {
    if (p === '/' || p === '*' || p.startsWith('*') || p.includes('=')) break;
    required.push(p);
  }
  if (required.length === 0 || required.length > 2) return undefined;
  const maker = facade ? MAKER[facade] : flavor ? FLAVOR_MAKER[flavor] : undefined;
  if (!maker || typeof value !== 'function') return undefined;
  const make = resolve(global, maker);
  if (typeof make !== 'function') return undefined;
  for (const samples of [[VECTOR, VECTOR2], [MATRIX, MATRIX_RHS]]) {
    try {
      const texts = required.map((_, i) => `${maker}(${samples[i]})`);
      const args = required.map((_, i) => (make as (x: unknown) => unknown)(JSON.parse(samples[i]!)));
      if (flavor) {
        // A method: called on the first sample tensor (`x.sum()`).
        const self = args[0] as Record<string, unknown>;
        const member = head.slice(TENSOR_TYPE[flavor].length + 1);
        const result = (self[member] as (...a: unknown[]) => unknown)(...args.slice(1));
        return `>>> const x = ${texts[0]}\n>>> x.${member}(${texts.slice(1).join(', ')})\n${printing.repr(result)}`;
      }
      const result = (value as (...a: unknown[]) => unknown)(...args);
      return `>>> ${head}(${texts.join(', ')})\n${printing.repr(result)}`;
    } catch {
      // the next samples, else no example
    }
  }
  return undefined;
}

function resolve(global: Record<string, unknown>, chain: string): unknown {
  let v: unknown = global;
  for (const part of chain.split('.')) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[part];
  return v;
}

/**
 * help(t.sum) of a tensor method: a method is read afresh on every access, so it carries no
 * documentation of its own; the session asks here, with the cell's text, when a cell is just
 * `help(chain)`. Undefined for anything else (help() itself then answers).
 */
export function methodHelpText(global: Record<string, unknown>, chain: string): string | undefined {
  const dot = chain.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const parent = resolveChain(global, chain.slice(0, dot));
  if (!parent.found) return undefined;
  const doc = getMethodDoc(parent.value, chain.slice(dot + 1).trim());
  if (!doc) return undefined;
  const { value } = resolveChain(global, chain);
  return [doc.signature, '', ...docBody(doc, value, global)].join('\n').trimEnd();
}
