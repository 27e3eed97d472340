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
