// Python's tuple: what the libraries return as a tuple (value_and_grad, jvp, shapes...) is a
// PyTuple, an Array that destructures like one and prints as a tuple does.
export class PyTuple<T = unknown> extends Array<T> {
  static get [Symbol.species]() { return Array; }

  static from2<T>(items: Iterable<T>): PyTuple<T> {
    const t = new PyTuple<T>();
    for (const x of items) t.push(x);
    return Object.freeze(t) as PyTuple<T>;
  }
}

/** A tuple of the given items. */
export function tuple<T>(...items: T[]): PyTuple<T> {
  return PyTuple.from2(items);
}

export function isPyTuple(x: unknown): x is PyTuple {
  return x instanceof PyTuple;
}

/** A named tuple (torch.return_types.max, jax's namedtuples): a tuple whose items also have names. */
export class NamedTuple<T = unknown> extends PyTuple<T> {
  static get [Symbol.species]() { return Array; }
  declare readonly typeName: string;
  declare readonly fields: readonly string[];

  static make<T>(typeName: string, fields: readonly string[], items: readonly T[]): NamedTuple<T> {
    const t = new NamedTuple<T>();
    for (const x of items) t.push(x);
    Object.defineProperty(t, 'typeName', { value: typeName });
    Object.defineProperty(t, 'fields', { value: fields });
    fields.forEach((f, i) => Object.defineProperty(t, f, { value: items[i], enumerable: false }));
    return Object.freeze(t) as NamedTuple<T>;
  }
}
