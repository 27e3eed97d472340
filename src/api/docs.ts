// Signatures and documentation of facade functions and values, for help(x), inspect and completion.

export interface Doc {
  /** e.g. `tf.reduce_sum(input_tensor, axis=None, keepdims=False)` */
  signature: string;
  /** Plain text, Python docstring style. */
  doc: string;
}

const docs = new WeakMap<object, Doc>();

/** Attaches documentation to a facade function or object and returns it unchanged. */
export function documented<T extends object>(value: T, signature: string, doc: string): T {
  docs.set(value, { signature, doc });
  return value;
}

export function getDoc(value: unknown): Doc | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return docs.get(value as object);
}
