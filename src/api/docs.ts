// Signatures and documentation of facade functions and values, for help(x), inspect and completion.

export interface Doc {
  /** e.g. `tf.reduce_sum(input_tensor, axis=None, keepdims=False)` */
  signature: string;
  /** Plain text, Python docstring style. */
  doc: string;
  /** The op-table row it was generated from: its other facades' names, its tensor methods, its example. */
  row?: DocRow;
}

type Sigs = string | readonly string[];

/** What help reads of an op-table row (src/api/table/types.ts's OpRow). */
export interface DocRow {
  readonly name: string;
  readonly doc: string;
  readonly np?: Sigs;
  readonly jnp?: Sigs;
  readonly jax?: Sigs;
  readonly torch?: Sigs;
  readonly tf?: Sigs;
  readonly methods?: Partial<Record<'numpy' | 'jax' | 'torch' | 'tf', Sigs>>;
  readonly example?: string;
}

const docs = new WeakMap<object, Doc>();

/** Attaches documentation to a facade function or object and returns it unchanged. */
export function documented<T extends object>(value: T, signature: string, doc: string, row?: DocRow): T {
  docs.set(value, row ? { signature, doc, row } : { signature, doc });
  return value;
}

let methodDocs: ((self: unknown, name: string) => Doc | undefined) | undefined;

/** How tensor methods are documented (src/api/methods.ts registers the op table's, once loaded). */
export function registerMethodDocs(lookup: (self: unknown, name: string) => Doc | undefined): void {
  methodDocs = lookup;
}

/** The documentation of `self.name` when it is a tensor method of the op table. */
export function getMethodDoc(self: unknown, name: string): Doc | undefined {
  return methodDocs?.(self, name);
}

export function getDoc(value: unknown): Doc | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return docs.get(value as object);
}
