// Decimal digits of float32/float64 values, exactly as NumPy's dragon4.c produces them (PRINTING.md
// §1.2, §1.9), plus Python's `{:.Nf}` / `{:.Ne}` (correctly rounded, ties to even) for torch.
//
// The exact engine is a BigInt port of Dragon4. float32 values in the usual range run the same
// algorithm in plain doubles (all integers stay below 2^53, so it is still exact); float64 takes the
// JS-native shortest digits (Number::toString) and correctly rounded toPrecision, each used only where
// it provably matches Dragon4, falling back to BigInt when a comparison is too close to call.

/** Digits `d` (no sign) of a value whose first digit has weight 10^e. Zero is {d:'0', e:0}. */
export interface Digits {
  readonly d: string;
  readonly e: number;
}

const f32buf = new Float32Array(1);
const f32bits = new Uint32Array(f32buf.buffer);
const f64buf = new Float64Array(1);
const f64bits = new Uint32Array(f64buf.buffer); // little-endian: [low, high]

interface Parts {
  mant: bigint;
  e2: number;
  mBit: number;
  unequal: boolean;
}

/**
 * The binary format digits are generated for: `true` is float32, `false` float64 (the common cases),
 * or a narrow float named by its dtype (values stored exactly in a double, as Jacobi holds them).
 */
export type Width = boolean | 'float16' | 'bfloat16';

/** The width of a float dtype's storage for printing. */
export function widthOf(dt: string): Width {
  return dt === 'float64' ? false : dt === 'float32' ? true : (dt as 'float16' | 'bfloat16');
}

/** m·2^e of a float16 or bfloat16 value (read through its exact float32 bits). */
function narrowParts(x: number, w: 'float16' | 'bfloat16'): Parts {
  f32buf[0] = x;
  const b = f32bits[0];
  const be = (b >>> 23) & 0xff;
  const frac = b & 0x7fffff;
  if (w === 'bfloat16') {
    const f = frac >>> 16;
    if (be !== 0) return { mant: BigInt(f | 0x80), e2: be - 127 - 7, mBit: 7, unequal: be !== 1 && f === 0 };
    return { mant: BigInt(f), e2: 1 - 127 - 7, mBit: 31 - Math.clz32(f), unequal: false };
  }
  const E = be - 127;
  if (be !== 0 && E >= -14) {
    const f = frac >>> 13;
    return { mant: BigInt(f | 0x400), e2: E - 10, mBit: 10, unequal: E > -14 && f === 0 };
  }
  // float16 subnormals: multiples of 2^-24.
  const m = Math.round(x * 2 ** 24);
  return { mant: BigInt(m), e2: -24, mBit: 31 - Math.clz32(m), unequal: false };
}

/** m·2^e decomposition of a finite non-negative value in its own type (dragon4.c's binary32/64 split). */
function parts(x: number, f32: Width): Parts {
  if (typeof f32 === 'string') return narrowParts(x, f32);
  if (f32) {
    f32buf[0] = x;
    const b = f32bits[0];
    const be = (b >>> 23) & 0xff;
    const frac = b & 0x7fffff;
    if (be !== 0) return { mant: BigInt(frac | 0x800000), e2: be - 127 - 23, mBit: 23, unequal: be !== 1 && frac === 0 };
    return { mant: BigInt(frac), e2: 1 - 127 - 23, mBit: 31 - Math.clz32(frac), unequal: false };
  }
  f64buf[0] = x;
  const lo = f64bits[0];
  const hi = f64bits[1];
  const be = (hi >>> 20) & 0x7ff;
  const fracHi = hi & 0xfffff;
  const frac = (BigInt(fracHi) << 32n) | BigInt(lo);
  if (be !== 0) return { mant: frac | (1n << 52n), e2: be - 1023 - 52, mBit: 52, unequal: be !== 1 && frac === 0n };
  return { mant: frac, e2: 1 - 1023 - 52, mBit: frac.toString(2).length - 1, unequal: false };
}

const pow10Cache: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = pow10Cache.length; i <= n; i++) pow10Cache[i] = pow10Cache[i - 1] * 10n;
  return pow10Cache[n];
}

export interface Dragon4Options {
  /** 'unique' stops at the shortest digits that read back; 'exact' prints the exact expansion. */
  readonly exact: boolean;
  /** cutoffs count digits after the point (true) or significant digits (false). */
  readonly fraction: boolean;
  /** -1 for none. */
  readonly cutoffMax: number;
  /** -1 for none. */
  readonly cutoffMin: number;
}

/** Port of dragon4.c `Dragon4` on a finite x ≥ 0 (the sign is handled by the caller). */
export function dragon4(x: number, f32: Width, o: Dragon4Options): Digits {
  if (x === 0) return { d: '0', e: 0 };
  if (f32 === true) {
    const r = dragon4f32(x, o);
    if (r) return r;
  }
  return dragon4Big(x, f32, o);
}

/** The BigInt port, valid for every finite value. */
export function dragon4Big(x: number, f32: Width, o: Dragon4Options): Digits {
  if (x === 0) return { d: '0', e: 0 };
  const { mant, e2, mBit, unequal } = parts(x, f32);
  const even = (mant & 1n) === 0n;
  let value: bigint;
  let scale: bigint;
  let mLow: bigint;
  let mHigh: bigint;
  // Margins are half gaps; everything is scaled by 2 (by 4 when the gap below is half) to stay integral.
  const shift = unequal ? 2 : 1;
  if (e2 > 0) {
    value = mant << BigInt(e2 + shift);
    scale = 1n << BigInt(shift);
    mLow = 1n << BigInt(e2);
  } else {
    value = mant << BigInt(shift);
    scale = 1n << BigInt(-e2 + shift);
    mLow = 1n;
  }
  mHigh = unequal ? mLow * 2n : mLow;
  let k = Math.ceil((mBit + e2) * 0.30102999566398119521373889472449 - 0.69);
  if (o.cutoffMax >= 0 && o.fraction && k <= -o.cutoffMax) k = 1 - o.cutoffMax;
  if (k > 0) scale *= pow10(k);
  else if (k < 0) {
    const p = pow10(-k);
    value *= p;
    mLow *= p;
    mHigh *= p;
  }
  if (value >= scale) k += 1;
  else {
    value *= 10n;
    mLow *= 10n;
    mHigh *= 10n;
  }
  const cutoffMaxExp = o.cutoffMax >= 0 ? (o.fraction ? -o.cutoffMax : k - o.cutoffMax) : -Infinity;
  let cutoffMinExp = k;
  if (o.cutoffMin >= 0) cutoffMinExp = Math.min(k, o.fraction ? -o.cutoffMin : k - o.cutoffMin);
  let outExp = k - 1;
  const out: number[] = [];
  let d = k;
  let digit = 0;
  let low = false;
  let high = false;
  if (!o.exact) {
    for (;;) {
      d -= 1;
      digit = Number(value / scale);
      value %= scale;
      low = even ? value <= mLow : value < mLow;
      const hi = value + mHigh;
      high = even ? hi >= scale : hi > scale;
      if (((low || high) && d <= cutoffMinExp) || d === cutoffMaxExp) break;
      out.push(digit);
      value *= 10n;
      mLow *= 10n;
      mHigh *= 10n;
    }
  } else {
    for (;;) {
      d -= 1;
      digit = Number(value / scale);
      value %= scale;
      if (value === 0n || d === cutoffMaxExp) break;
      out.push(digit);
      value *= 10n;
    }
  }
  let roundDown = low;
  if (low === high) {
    const c = value * 2n;
    roundDown = c < scale || (c === scale && (digit & 1) === 0);
  }
  if (roundDown) out.push(digit);
  else if (digit < 9) out.push(digit + 1);
  else {
    // Drop trailing 9s and carry; past the first digit the result is "1" one decade up.
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExp += 1;
        break;
      }
      const last = out.pop() as number;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  }
  return { d: out.join(''), e: outExp };
}

const SAFE = Number.MAX_SAFE_INTEGER;
const P10 = Array.from({ length: 23 }, (_, i) => Math.pow(10, i)); // exact doubles

/**
 * The same algorithm as `dragon4` in plain doubles, for float32 values whose scaled integers all stay
 * below 2^53 (|x| roughly 1e-6..1e8): every operation is then exact. Returns null when a quantity would
 * leave that range, and the caller uses the BigInt version.
 */
function dragon4f32(x: number, o: Dragon4Options): Digits | null {
  f32buf[0] = x;
  const b = f32bits[0];
  const be = (b >>> 23) & 0xff;
  const frac = b & 0x7fffff;
  const mant = be !== 0 ? frac | 0x800000 : frac;
  const e2 = (be !== 0 ? be : 1) - 150;
  const mBit = be !== 0 ? 23 : 31 - Math.clz32(frac);
  const unequal = be > 1 && frac === 0;
  const even = (mant & 1) === 0;
  if (e2 > 25 || e2 < -60) return null;
  let value: number;
  let scale: number;
  let mLow: number;
  if (e2 > 0) {
    value = mant * Math.pow(2, e2 + (unequal ? 2 : 1));
    scale = unequal ? 4 : 2;
    mLow = Math.pow(2, e2);
  } else {
    value = mant * (unequal ? 4 : 2);
    scale = Math.pow(2, -e2 + (unequal ? 2 : 1));
    mLow = 1;
  }
  let mHigh = unequal ? mLow * 2 : mLow;
  let k = Math.ceil((mBit + e2) * 0.30102999566398119521373889472449 - 0.69);
  if (o.cutoffMax >= 0 && o.fraction && k <= -o.cutoffMax) k = 1 - o.cutoffMax;
  if (k > 22 || k < -22) return null;
  if (k > 0) scale *= P10[k];
  else if (k < 0) {
    value *= P10[-k];
    mLow *= P10[-k];
    mHigh *= P10[-k];
  }
  if (value >= scale) k += 1;
  else {
    value *= 10;
    mLow *= 10;
    mHigh *= 10;
  }
  if (value > SAFE || scale * 10 > SAFE || mHigh > SAFE) return null;
  const cutoffMaxExp = o.cutoffMax >= 0 ? (o.fraction ? -o.cutoffMax : k - o.cutoffMax) : -Infinity;
  let cutoffMinExp = k;
  if (o.cutoffMin >= 0) cutoffMinExp = Math.min(k, o.fraction ? -o.cutoffMin : k - o.cutoffMin);
  let outExp = k - 1;
  let out = '';
  let d = k;
  let digit = 0;
  let low = false;
  let high = false;
  for (;;) {
    d -= 1;
    // floor(value/scale) by a rounded division, corrected with the exact remainder
    digit = Math.floor(value / scale);
    let r = value - digit * scale;
    if (r < 0) {
      digit -= 1;
      r += scale;
    } else if (r >= scale) {
      digit += 1;
      r -= scale;
    }
    value = r;
    if (o.exact) {
      if (value === 0 || d === cutoffMaxExp) break;
    } else {
      low = even ? value <= mLow : value < mLow;
      const hi = value + mHigh;
      if (hi > SAFE) return null;
      high = even ? hi >= scale : hi > scale;
      if (((low || high) && d <= cutoffMinExp) || d === cutoffMaxExp) break;
    }
    out += digit;
    value *= 10;
    mLow *= 10;
    mHigh *= 10;
    if (mHigh > SAFE) return null;
  }
  let roundDown = low;
  if (low === high) {
    const c = value * 2;
    roundDown = c < scale || (c === scale && (digit & 1) === 0);
  }
  if (roundDown) out += digit;
  else if (digit < 9) out += digit + 1;
  else {
    let end = out.length;
    while (end > 0 && out.charCodeAt(end - 1) === 57) end--;
    if (end === 0) {
      out = '1';
      outExp += 1;
    } else out = out.slice(0, end - 1) + String.fromCharCode(out.charCodeAt(end - 1) + 1);
  }
  return { d: out, e: outExp };
}

/** The digits of a decimal text ("12.5", "-1.5e-7", "1e+21") with the point removed, and where it was. */
function splitDecimal(s: string): { all: string; intLen: number; ex: number } {
  const i = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const ePos = s.indexOf('e', i);
  const mant = ePos < 0 ? s.slice(i) : s.slice(i, ePos);
  const ex = ePos < 0 ? 0 : Number(s.slice(ePos + 1));
  const dot = mant.indexOf('.');
  const intLen = dot < 0 ? mant.length : dot;
  return { all: dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1), intLen, ex };
}

/** Parses "12.5", "0.00123", "1.5e-7", "1e+21" into digits (leading/trailing zeros removed). */
export function parseDecimal(s: string): Digits {
  const { all, intLen, ex } = splitDecimal(s);
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  if (start === all.length) return { d: '0', e: 0 };
  let end = all.length;
  while (all.charCodeAt(end - 1) === 48) end--;
  return { d: all.slice(start, end), e: intLen - 1 - start + ex };
}

/** Half the gap below a float64 value, as a double (used only with slack, so rounding is harmless). */
function f64MarginLow(x: number): number {
  f64buf[0] = x;
  const hi = f64bits[1];
  const be = (hi >>> 20) & 0x7ff;
  const ulp = Math.pow(2, (be === 0 ? 1 : be) - 1075);
  const unequal = be > 1 && (hi & 0xfffff) === 0 && f64bits[0] === 0;
  return unequal ? ulp / 4 : ulp / 2;
}

/** Digits of a toPrecision string without stripping trailing zeros (length = precision). */
function rawDigits(s: string): Digits {
  const { all, intLen, ex } = splitDecimal(s);
  let start = 0;
  while (start < all.length - 1 && all.charCodeAt(start) === 48) start++;
  return { d: all.slice(start), e: intLen - 1 - start + ex };
}

const UNIQUE: Dragon4Options = { exact: false, fraction: false, cutoffMax: -1, cutoffMin: -1 };

/** Shortest round-trip digits of a finite x > 0 in float32 or float64 (Dragon4 unique, no cutoff). */
export function shortest(x: number, f32: Width): Digits {
  // ECMA Number::toString picks the shortest, then nearest, then even digits: Dragon4's rule for float64.
  return f32 !== false ? dragon4(x, f32, UNIQUE) : parseDecimal(String(x));
}

/** floor(log10(x)) for x > 0, given its shortest digits; undefined when it cannot be settled cheaply. */
function decadeOf(x: number, s: Digits): number | undefined {
  if (s.d !== '1') return s.e;
  const p = Number(`1e${s.e}`);
  if (x > p) return s.e;
  if (x < p) return s.e - 1;
  return s.e >= 0 && s.e <= 22 ? s.e : undefined; // 10^e exact as a double only for 0..22
}

/** x > 0 rounded to L significant digits, nearest with ties to even; null when a tie is possible. */
function roundSig(x: number, L: number): Digits | null {
  if (L < 1 || L > 99) return null;
  const t = x.toPrecision(L + 1);
  const td = rawDigits(t).d;
  if (td.charCodeAt(td.length - 1) === 53 && Number(t) === x) return null;
  return parseDecimal(x.toPrecision(L));
}

/**
 * Dragon4 in unique mode with cutoffs, as FormatPositional/FormatScientific call it, for finite x > 0.
 * fraction: cutoffs count digits after the point; else significant digits. -1 means no cutoff.
 */
export function uniqueDigits(x: number, f32: Width, fraction: boolean, cutoffMax: number, cutoffMin: number): Digits {
  // float32 runs the exact algorithm in doubles, which is already fast (narrower floats: BigInt).
  if (f32 !== false) return dragon4(x, f32, { exact: false, fraction, cutoffMax, cutoffMin });
  const s = shortest(x, f32);
  if (cutoffMax < 0 && cutoffMin < 0) return s;
  const E = decadeOf(x, s);
  const slow = (): Digits => dragon4(x, f32, { exact: false, fraction, cutoffMax, cutoffMin });
  if (E === undefined || E !== s.e) return slow(); // a carry into a new decade: let Dragon4 decide
  const k = E + 1;
  const maxLen = cutoffMax < 0 ? Infinity : fraction ? k + cutoffMax : cutoffMax;
  const minLen = cutoffMin < 0 ? 1 : Math.max(1, fraction ? k + cutoffMin : cutoffMin);
  if (maxLen < 1) return slow();
  const n = s.d.length;
  if (n <= maxLen && n >= minLen) return s;
  const L = n > maxLen ? maxLen : Math.min(minLen, maxLen);
  if (n < minLen) {
    // Digits continue past the shortest point; the last one is rounded to nearest only if both margins
    // exceed one unit there (then Dragon4's low and high tests are both true).
    const margin = f64MarginLow(x);
    if (!(margin > Math.pow(10, E - L + 1) * 1.000001)) return slow();
  }
  // n > maxLen: the cutoff comes before uniqueness, so Dragon4 rounds to nearest, ties to even.
  const r = roundSig(x, L);
  return r ?? slow();
}

// ---------------------------------------------------------------------------------------------
// NumPy's FormatPositional / FormatScientific (dragon4.c), trim modes 'k' '.' '0' '-'.

export type Trim = 'k' | '.' | '0' | '-';

export interface PositionalOptions {
  precision: number; // -1: none
  minDigits: number; // -1: none
  trim: Trim;
  padLeft: number; // -1: none
  padRight: number; // -1: none
  fractional?: boolean; // default true
  /** false: the exact digits up to the precision (NumPy's unique=False, floatmode 'fixed'); default true. */
  unique?: boolean;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

export function formatPositional(x: number, f32: Width, o: PositionalOptions): string {
  const sign = signOf(x);
  const a = Math.abs(x);
  const fractional = o.fractional ?? true;
  const dg = a === 0 ? { d: '0', e: 0 }
    : o.unique === false ? dragon4(a, f32, { exact: true, fraction: fractional, cutoffMax: o.precision, cutoffMin: o.minDigits })
    : uniqueDigits(a, f32, fractional, o.precision, o.minDigits);
  let whole: string;
  let frac: string;
  if (dg.e >= 0) {
    if (dg.d.length <= dg.e + 1) {
      whole = dg.d + '0'.repeat(dg.e + 1 - dg.d.length);
      frac = '';
    } else {
      whole = dg.d.slice(0, dg.e + 1);
      frac = dg.d.slice(dg.e + 1);
    }
  } else {
    whole = '0';
    frac = '0'.repeat(-dg.e - 1) + dg.d;
  }
  // Without unique, `precision` digits are printed: zeros after the exact digits count as wanted.
  const minDigits = o.unique === false ? Math.max(o.minDigits, o.precision) : o.minDigits;
  return finish(sign, whole, frac, o.trim, o.precision, fractional ? minDigits : minDigits - whole.length, o.padLeft, o.padRight, '');
}

export interface ScientificOptions {
  precision: number;
  minDigits: number;
  trim: Trim;
  padLeft: number;
  expDigits: number; // -1 means 2
  /** As PositionalOptions.unique. */
  unique?: boolean;
}

export function formatScientific(x: number, f32: Width, o: ScientificOptions): string {
  const sign = signOf(x);
  const a = Math.abs(x);
  const cutoffMax = o.precision >= 0 ? o.precision + 1 : -1, cutoffMin = o.minDigits >= 0 ? o.minDigits + 1 : -1;
  const dg =
    a === 0
      ? { d: '0', e: 0 }
      : o.unique === false ? dragon4(a, f32, { exact: true, fraction: false, cutoffMax, cutoffMin })
      : uniqueDigits(a, f32, false, cutoffMax, cutoffMin);
  let ex = dg.e;
  let expStr = ex < 0 ? '-' : '+';
  ex = Math.abs(ex);
  const want = Math.min(5, o.expDigits < 0 ? 2 : o.expDigits);
  expStr += String(ex).padStart(want, '0');
  const minDigits = o.unique === false ? Math.max(o.minDigits, o.precision) : o.minDigits;
  return finish(sign, dg.d[0], dg.d.slice(1), o.trim, o.precision, minDigits, o.padLeft, -1, 'e' + expStr);
}

/** The shared tail of FormatPositional/FormatScientific: point, zero padding, trimming, spaces. */
function finish(
  sign: string, whole: string, frac: string, trim: Trim, precision: number, desired: number,
  padLeft: number, padRight: number, exponent: string,
): string {
  if (trim === '0' && frac.length === 0) frac = '0';
  else if (trim === 'k' && desired > frac.length) frac += '0'.repeat(desired - frac.length);
  let point = trim !== '-' || frac.length > 0;
  if (precision >= 0 && trim !== 'k' && frac.length > 0) {
    let end = frac.length;
    while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    if (end === 0) {
      if (trim === '0') frac = '0';
      else if (trim === '-') point = false;
    }
  }
  let out = sign + whole + (point ? '.' : '') + frac + exponent;
  if (padRight >= frac.length) out += (trim === '-' && frac.length === 0 ? ' ' : '') + ' '.repeat(padRight - frac.length);
  const w = whole.length + sign.length;
  if (padLeft > w) out = ' '.repeat(padLeft - w) + out;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scalars: numpy float32/float64 scalar repr (== str in NumPy 1.x) and Python's float repr.

/** `repr(np.float32(x))` (f32) or `repr(np.float64(x))` == Python `repr(float)` (f64). */
export function floatScalarRepr(x: number, f32: Width): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) {
    return formatPositional(x, f32, { precision: -1, minDigits: -1, trim: '0', padLeft: -1, padRight: -1 });
  }
  return formatScientific(x, f32, { precision: -1, minDigits: -1, trim: '-', padLeft: -1, expDigits: -1 });
}

// ---------------------------------------------------------------------------------------------
// Python's '{:.Nf}' and '{:.Ne}' on a double: exact value, round half to even.

/** round_half_even(|x| · 10^p) for a finite x, exactly. */
function roundScaled(a: number, p: number): bigint {
  const { mant, e2 } = parts(a, false);
  let num = mant;
  let den = 1n;
  if (p >= 0) num *= pow10(p);
  else den *= pow10(-p);
  if (e2 >= 0) num <<= BigInt(e2);
  else den <<= BigInt(-e2);
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** Python `'{:.{f}f}'.format(x)`. */
export function pyFixed(x: number, f: number): string {
  const nf = nonFinite(x);
  if (nf !== undefined) return nf;
  const sign = signOf(x);
  const a = Math.abs(x);
  // toFixed is exact but rounds ties up; a tie needs a·2^(f+1) to be an integer (and a not one).
  if (a < 1e21 && (Number.isInteger(a) || !Number.isInteger(a * Math.pow(2, f + 1)))) return sign + a.toFixed(f);
  const q = roundScaled(a, f).toString();
  if (f === 0) return sign + q;
  const padded = q.padStart(f + 1, '0');
  return sign + padded.slice(0, padded.length - f) + '.' + padded.slice(padded.length - f);
}

/** Python `'{:.{f}e}'.format(x)` (exponent with at least 2 digits). */
export function pyExp(x: number, f: number): string {
  const nf = nonFinite(x);
  if (nf !== undefined) return nf;
  const sign = signOf(x);
  const a = Math.abs(x);
  let mant: string;
  let ex: number;
  if (a === 0) {
    mant = f > 0 ? '0.' + '0'.repeat(f) : '0';
    ex = 0;
  } else {
    // A tie needs the exact value to have f+2 significant digits ending in 5.
    const t = a.toExponential(f + 1);
    const ti = t.indexOf('e');
    if (t.charCodeAt(ti - 1) === 53 && Number(t) === a) {
      let E = Number(t.slice(ti + 1));
      let q = roundScaled(a, f - E);
      if (q >= pow10(f + 1)) {
        E += 1;
        q = roundScaled(a, f - E);
      }
      const qs = q.toString();
      mant = f > 0 ? qs[0] + '.' + qs.slice(1) : qs;
      ex = E;
    } else {
      const s = a.toExponential(f);
      const i = s.indexOf('e');
      mant = s.slice(0, i);
      ex = Number(s.slice(i + 1));
    }
  }
  const es = String(Math.abs(ex)).padStart(2, '0');
  return `${sign}${mant}e${ex < 0 ? '-' : '+'}${es}`;
}
