// Python's two kinds of number in a JavaScript world of one. A JS number is a Python int when it is
// integral and a float otherwise; a float whose value is integral (`2.0` in a cell, `3.0` from
// Python) is a PyFloat: a Number object that still computes as its value in JavaScript, but says
// "float" to the facades, so `tf.constant(2.0)` is float32 and `tf.constant(2)` int32.

export class PyFloat extends Number {
  /** Python's repr of a float. */
  override toString(): string {
    const v = this.valueOf();
    return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v);
  }
}

/** A Python float: a non-integral number (or NaN/inf), or a PyFloat. */
export function isPyFloat(x: unknown): boolean {
  return x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x));
}

/** A Python int: an integral JS number, or a bigint. */
export function isPyInt(x: unknown): boolean {
  return (typeof x === 'number' && Number.isInteger(x)) || typeof x === 'bigint';
}

/** Any Python number (bool excluded). */
export function isPyNumber(x: unknown): x is number | bigint | PyFloat {
  return typeof x === 'number' || typeof x === 'bigint' || x instanceof PyFloat;
}

/** A float as Python would hold it: a PyFloat when its value is integral, else the plain number. */
export function pyFloat(v: number): number | PyFloat {
  return Number.isInteger(v) ? new PyFloat(v) : v;
}

/** The JS value of a Python scalar (PyFloat unwrapped). */
export function scalarValue<T>(x: T): T extends PyFloat ? number : T {
  return (x instanceof PyFloat ? x.valueOf() : x) as never;
}
