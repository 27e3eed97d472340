// Reading names and member chains (`tf.autodiff.ForwardAccumulator`) out of cell text and resolving
// them against the session's globals without running any code beyond property reads.

/** Positions in Jupyter messages count Unicode code points; JavaScript strings count UTF-16 units. */
export function toUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let n = 0; n < codePoints && units < text.length; n++) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
  }
  return units;
}

export function toCodePoints(text: string, units: number): number {
  return [...text.slice(0, units)].length;
}

export const CHAIN_BEFORE = /((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*)([A-Za-z_$][\w$]*)?$/;

/** Follows `a.b.c` from the globals; `found` is false when a link is missing. */
export function resolveChain(global: Record<string, unknown>, chain: string): { found: boolean; value: unknown } {
  const parts = chain.split(/\s*\??\.\s*/).filter((p) => p !== '');
  if (parts.length === 0) return { found: false, value: undefined };
  // The first name is the cell scope's, else the real global object's (as `with` resolves it).
  let value: unknown = parts[0]! in global ? global : globalThis;
  for (const part of parts) {
    if (value === null || value === undefined) return { found: false, value: undefined };
    if (!(part in Object(value))) return { found: false, value: undefined };
    try {
      value = (value as Record<string, unknown>)[part];
    } catch {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value };
}

/** Every string-keyed property along the prototype chain, up to (not including) Object's and Function's. */
export function memberNames(value: unknown): string[] {
  const names = new Set<string>();
  let o: unknown = value === null || value === undefined ? undefined : Object(value);
  while (o !== null && o !== undefined && o !== Object.prototype && o !== Function.prototype && !isRealmRoot(o)) {
    for (const n of Object.getOwnPropertyNames(o)) names.add(n);
    o = Object.getPrototypeOf(o);
  }
  names.delete('constructor');
  names.delete('__proto__');
  return [...names];
}

/** Object.prototype / Function.prototype of another realm (the cells' own). */
function isRealmRoot(o: unknown): boolean {
  const proto = Object.getPrototypeOf(o);
  return (proto === null && Object.prototype.hasOwnProperty.call(o, 'hasOwnProperty')) ||
    (typeof o === 'function' && Object.prototype.hasOwnProperty.call(o, 'bind') && Object.prototype.hasOwnProperty.call(o, 'apply'));
}
