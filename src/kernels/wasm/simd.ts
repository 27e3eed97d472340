// AssemblyScript (compiled by `npm run build` with asc to simd.wasm, not by tsc).
// Elementwise and reduction loops in WebAssembly SIMD over buffers in this module's memory; the
// TypeScript side (src/kernels/simd.ts) copies tiles in and out. Every loop runs over whole vectors:
// the caller leaves room past the end, and lanes past n are computed and ignored.
//
// Exactness: float32 and float64 +, -, *, / and sqrt give the bits of the scalar kernels (which
// compute in doubles and round once to float32: for these operations the double rounding is
// innocuous). The float32 transcendentals are evaluated in double precision on pairs of lanes with
// fdlibm's (musl's) reductions and polynomials, their multiply-adds fused (relaxed SIMD's madd: about
// 10% faster; the double results can differ from fdlibm's in the last bit), and then rounded to float32
// once, so they agree with Math.fround(Math.sin(x)) etc. except where two double results straddle a
// float32 rounding boundary (never seen in the specs' samples; either way within 1 ulp of the
// correctly rounded value). Shorter kernels run first and are kept only where their float32 rounding
// is certain ("faster double kernels" below).

// ---------------------------------------------------------------- operation codes (simd.ts keeps the same table)

const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5;
const EQ = 10, NE = 11, LT = 12, LE = 13, GT = 14, GE = 15;

const NEG = 0, ABS = 1, SQRT = 2, FLOOR = 3, CEIL = 4, RELU = 5, SIGN = 6, ROUND = 7;
const SIN = 10, COS = 11, EXP = 12, LOG = 13, TANH = 14, SIGMOID = 15, ERF = 16, EXPM1 = 17, LOG1P = 18;
const LOG2 = 19, LOG10 = 20, EXP2 = 21, SINH = 22, COSH = 23, POW = 24;

// ---------------------------------------------------------------- operations as types
// Each loop is generic in its operation: compiled once per operation, with the operation's
// instructions inside the loop. (An operation code passed as a constant to an inlined loop is not
// enough: binaryen's code folding merges the copies back into one loop that branches on the code for
// every vector, which made neg 3x and add 2x slower.) `the<Op>()` is the operation, a value with no state.
@inline function the<T>(): T { return changetype<T>(0); }

@final class Add {
  @inline f32(a: v128, b: v128): v128 { return f32x4.add(a, b); }
  @inline f64(a: v128, b: v128): v128 { return f64x2.add(a, b); }
  @inline i32(a: v128, b: v128): v128 { return i32x4.add(a, b); }
}
@final class Sub {
  @inline f32(a: v128, b: v128): v128 { return f32x4.sub(a, b); }
  @inline f64(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
  @inline i32(a: v128, b: v128): v128 { return i32x4.sub(a, b); }
}
@final class Mul {
  @inline f32(a: v128, b: v128): v128 { return f32x4.mul(a, b); }
  @inline f64(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
  @inline i32(a: v128, b: v128): v128 { return i32x4.mul(a, b); }
}
@final class Div {
  @inline f32(a: v128, b: v128): v128 { return f32x4.div(a, b); }
  @inline f64(a: v128, b: v128): v128 { return f64x2.div(a, b); }
}
// maximum/minimum as the scalar kernels: a NaN operand wins (the first one), ties keep `a` (so -0 vs 0 is a).
@final class Max {
  @inline f32(a: v128, b: v128): v128 { return v128.bitselect(a, v128.bitselect(a, b, f32x4.ge(a, b)), f32x4.ne(a, a)); }
  @inline f64(a: v128, b: v128): v128 { return v128.bitselect(a, v128.bitselect(a, b, f64x2.ge(a, b)), f64x2.ne(a, a)); }
  @inline i32(a: v128, b: v128): v128 { return i32x4.max_s(a, b); }
}
@final class Min {
  @inline f32(a: v128, b: v128): v128 { return v128.bitselect(a, v128.bitselect(a, b, f32x4.le(a, b)), f32x4.ne(a, a)); }
  @inline f64(a: v128, b: v128): v128 { return v128.bitselect(a, v128.bitselect(a, b, f64x2.le(a, b)), f64x2.ne(a, a)); }
  @inline i32(a: v128, b: v128): v128 { return i32x4.min_s(a, b); }
}
// Comparisons: all-ones lanes where true, on lanes of type T (f32, f64, or i32, compared signed; the
// loops narrow the masks to bytes).
@final class Eq { @inline on<T>(a: v128, b: v128): v128 { return v128.eq<T>(a, b); } }
@final class Ne { @inline on<T>(a: v128, b: v128): v128 { return v128.ne<T>(a, b); } }
@final class Lt { @inline on<T>(a: v128, b: v128): v128 { return v128.lt<T>(a, b); } }
@final class Le { @inline on<T>(a: v128, b: v128): v128 { return v128.le<T>(a, b); } }
@final class Gt { @inline on<T>(a: v128, b: v128): v128 { return v128.gt<T>(a, b); } }
@final class Ge { @inline on<T>(a: v128, b: v128): v128 { return v128.ge<T>(a, b); } }

// ---------------------------------------------------------------- float32 arithmetic

/**
 * One loop per (op, layout) with nothing decided inside it (V8 does not unswitch wasm loops, and a
 * branch per vector cost as much as the arithmetic). Two vectors per step.
 */
@inline function loopF32<Op>(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  const op = the<Op>();
  if (sa && sb) {
    for (let i = 0; i < n; i += 8) {
      v128.store(o, op.f32(v128.load(a), v128.load(b)));
      v128.store(o, op.f32(v128.load(a, 16), v128.load(b, 16)), 16);
      a += 32; b += 32; o += 32;
    }
  } else if (sa) {
    const vb = v128.load32_splat(b);
    for (let i = 0; i < n; i += 8) {
      v128.store(o, op.f32(v128.load(a), vb));
      v128.store(o, op.f32(v128.load(a, 16), vb), 16);
      a += 32; o += 32;
    }
  } else if (sb) {
    const va = v128.load32_splat(a);
    for (let i = 0; i < n; i += 8) {
      v128.store(o, op.f32(va, v128.load(b)));
      v128.store(o, op.f32(va, v128.load(b, 16)), 16);
      b += 32; o += 32;
    }
  } else {
    const r = op.f32(v128.load32_splat(a), v128.load32_splat(b));
    for (let i = 0; i < n; i += 4) { v128.store(o, r); o += 16; }
  }
}

/** Comparisons of 32-bit lanes (float32 or int32) into bytes 0/1. */
@inline function cmpLoop32<Op, T>(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  const op = the<Op>();
  const va0 = v128.load32_splat(a), vb0 = v128.load32_splat(b);
  const da: usize = sa ? 64 : 0, db: usize = sb ? 64 : 0;
  const one = i8x16.splat(1);
  // Sixteen results per store: four masks narrowed to bytes.
  for (let i = 0; i < n; i += 16) {
    const m0 = op.on<T>(sa ? v128.load(a) : va0, sb ? v128.load(b) : vb0);
    const m1 = op.on<T>(sa ? v128.load(a, 16) : va0, sb ? v128.load(b, 16) : vb0);
    const m2 = op.on<T>(sa ? v128.load(a, 32) : va0, sb ? v128.load(b, 32) : vb0);
    const m3 = op.on<T>(sa ? v128.load(a, 48) : va0, sb ? v128.load(b, 48) : vb0);
    const w = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(o, v128.and(w, one));
    a += da; b += db; o += 16;
  }
}

/** The loop of operation Op over lanes of T (f32, f64 or i32). */
@inline function loopOf<Op, T>(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  if (isInteger<T>()) loopI32<Op>(a, sa, b, sb, o, n);
  else if (sizeof<T>() == 8) loopF64<Op>(a, sa, b, sb, o, n);
  else loopF32<Op>(a, sa, b, sb, o, n);
}

/** Arithmetic, maximum and minimum (op < 10) over lanes of T, by operation code (int32 has no division). */
@inline function arithmetic<T>(op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  switch (op) {
    case ADD: loopOf<Add, T>(a, sa, b, sb, o, n); return;
    case SUB: loopOf<Sub, T>(a, sa, b, sb, o, n); return;
    case MUL: loopOf<Mul, T>(a, sa, b, sb, o, n); return;
    case DIV: if (!isInteger<T>()) loopOf<Div, T>(a, sa, b, sb, o, n); return;
    case MAX: loopOf<Max, T>(a, sa, b, sb, o, n); return;
    default: loopOf<Min, T>(a, sa, b, sb, o, n); return;
  }
}

/** The six comparisons of 32-bit lanes (T = f32 or i32), by operation code. */
@inline function compare32<T>(op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  switch (op) {
    case EQ: cmpLoop32<Eq, T>(a, sa, b, sb, o, n); return;
    case NE: cmpLoop32<Ne, T>(a, sa, b, sb, o, n); return;
    case LT: cmpLoop32<Lt, T>(a, sa, b, sb, o, n); return;
    case LE: cmpLoop32<Le, T>(a, sa, b, sb, o, n); return;
    case GT: cmpLoop32<Gt, T>(a, sa, b, sb, o, n); return;
    default: cmpLoop32<Ge, T>(a, sa, b, sb, o, n); return;
  }
}

/**
 * o[i] = a[i*sa] op b[i*sb] for i < n, sa and sb 0 (a single element repeated) or 1. Comparisons
 * (op >= 10) write bytes 0/1.
 */
export function binaryF32(op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  if (op < EQ) arithmetic<f32>(op, a, sa, b, sb, o, n);
  else compare32<f32>(op, a, sa, b, sb, o, n);
}

/**
 * Rows of a 2-D broadcast: o[r, j] = a[r*ar + j*sa] op b[r*br + j*sb] (element strides; sa, sb in {0, 1}),
 * o row-major with `cols` columns (o's rows are `orow` bytes apart).
 */
export function binaryRowsF32(op: i32, a: usize, ar: i32, sa: i32, b: usize, br: i32, sb: i32, o: usize, orow: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    binaryF32(op, a + (<usize>(r * ar) << 2), sa, b + (<usize>(r * br) << 2), sb, o + <usize>(r * orow), cols);
  }
}

// ---------------------------------------------------------------- float64 and int32 arithmetic

@inline function loopF64<Op>(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  const op = the<Op>();
  const va0 = v128.load64_splat(a), vb0 = v128.load64_splat(b);
  if (sa && sb) for (let i = 0; i < n; i += 2) { v128.store(o, op.f64(v128.load(a), v128.load(b))); a += 16; b += 16; o += 16; }
  else if (sa) for (let i = 0; i < n; i += 2) { v128.store(o, op.f64(v128.load(a), vb0)); a += 16; o += 16; }
  else if (sb) for (let i = 0; i < n; i += 2) { v128.store(o, op.f64(va0, v128.load(b))); b += 16; o += 16; }
  else { const r = op.f64(va0, vb0); for (let i = 0; i < n; i += 2) { v128.store(o, r); o += 16; } }
}

/** Comparisons of doubles into bytes 0/1: sixteen results per store, eight masks of two narrowed. */
@inline function cmpLoopF64<Op>(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  const op = the<Op>();
  const va0 = v128.load64_splat(a), vb0 = v128.load64_splat(b);
  const da: usize = sa ? 128 : 0, db: usize = sb ? 128 : 0;
  const one = i8x16.splat(1);
  for (let i = 0; i < n; i += 16) {
    const m0 = v128.shuffle<i32>(op.on<f64>(sa ? v128.load(a) : va0, sb ? v128.load(b) : vb0), op.on<f64>(sa ? v128.load(a, 16) : va0, sb ? v128.load(b, 16) : vb0), 0, 2, 4, 6);
    const m1 = v128.shuffle<i32>(op.on<f64>(sa ? v128.load(a, 32) : va0, sb ? v128.load(b, 32) : vb0), op.on<f64>(sa ? v128.load(a, 48) : va0, sb ? v128.load(b, 48) : vb0), 0, 2, 4, 6);
    const m2 = v128.shuffle<i32>(op.on<f64>(sa ? v128.load(a, 64) : va0, sb ? v128.load(b, 64) : vb0), op.on<f64>(sa ? v128.load(a, 80) : va0, sb ? v128.load(b, 80) : vb0), 0, 2, 4, 6);
    const m3 = v128.shuffle<i32>(op.on<f64>(sa ? v128.load(a, 96) : va0, sb ? v128.load(b, 96) : vb0), op.on<f64>(sa ? v128.load(a, 112) : va0, sb ? v128.load(b, 112) : vb0), 0, 2, 4, 6);
    const w = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(o, v128.and(w, one));
    a += da; b += db; o += 16;
  }
}

/** As binaryF32 for doubles: arithmetic, maximum and minimum, and comparisons into bytes. */
export function binaryF64(op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  if (op < EQ) { arithmetic<f64>(op, a, sa, b, sb, o, n); return; }
  switch (op) {
    case EQ: cmpLoopF64<Eq>(a, sa, b, sb, o, n); return;
    case NE: cmpLoopF64<Ne>(a, sa, b, sb, o, n); return;
    case LT: cmpLoopF64<Lt>(a, sa, b, sb, o, n); return;
    case LE: cmpLoopF64<Le>(a, sa, b, sb, o, n); return;
    case GT: cmpLoopF64<Gt>(a, sa, b, sb, o, n); return;
    default: cmpLoopF64<Ge>(a, sa, b, sb, o, n); return;
  }
}

export function binaryRowsF64(op: i32, a: usize, ar: i32, sa: i32, b: usize, br: i32, sb: i32, o: usize, orow: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    binaryF64(op, a + (<usize>(r * ar) << 3), sa, b + (<usize>(r * br) << 3), sb, o + <usize>(r * orow), cols);
  }
}

@inline function loopI32<Op>(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  const op = the<Op>();
  const va0 = v128.load32_splat(a), vb0 = v128.load32_splat(b);
  if (sa && sb) for (let i = 0; i < n; i += 4) { v128.store(o, op.i32(v128.load(a), v128.load(b))); a += 16; b += 16; o += 16; }
  else if (sa) for (let i = 0; i < n; i += 4) { v128.store(o, op.i32(v128.load(a), vb0)); a += 16; o += 16; }
  else if (sb) for (let i = 0; i < n; i += 4) { v128.store(o, op.i32(va0, v128.load(b))); b += 16; o += 16; }
  else { const r = op.i32(va0, vb0); for (let i = 0; i < n; i += 4) { v128.store(o, r); o += 16; } }
}

/** int32 add, sub and mul wrap around (as Int32Array stores do, and Math.imul); maximum, minimum, comparisons. */
export function binaryI32(op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  if (op < EQ) arithmetic<i32>(op, a, sa, b, sb, o, n);
  else compare32<i32>(op, a, sa, b, sb, o, n);
}

export function binaryRowsI32(op: i32, a: usize, ar: i32, sa: i32, b: usize, br: i32, sb: i32, o: usize, orow: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    binaryI32(op, a + (<usize>(r * ar) << 2), sa, b + (<usize>(r * br) << 2), sb, o + <usize>(r * orow), cols);
  }
}

// ---------------------------------------------------------------- float32 unary

/** o[i] = f(a[i]) for i < n (float32 in and out). */
export function unaryF32(op: i32, a: usize, o: usize, n: i32): void {
  switch (op) {
    case NEG: simpleF32<Neg>(a, o, n); return;
    case ABS: simpleF32<Abs>(a, o, n); return;
    case SQRT: simpleF32<Sqrt>(a, o, n); return;
    case FLOOR: simpleF32<Floor>(a, o, n); return;
    case CEIL: simpleF32<Ceil>(a, o, n); return;
    case RELU: simpleF32<Relu>(a, o, n); return;
    case SIGN: simpleF32<Sign>(a, o, n); return;
    case ROUND: simpleF32<Round>(a, o, n); return;
    case SIN: transcendentalF32<Sin>(a, o, n); return;
    case COS: transcendentalF32<Cos>(a, o, n); return;
    case EXP: transcendentalF32<Exp>(a, o, n); return;
    case LOG: transcendentalF32<Log>(a, o, n); return;
    case TANH: transcendentalF32<Tanh>(a, o, n); return;
    case SIGMOID: transcendentalF32<Sigmoid>(a, o, n); return;
    case ERF: transcendentalF32<Erf>(a, o, n); return;
    case EXPM1: transcendentalF32<Expm1>(a, o, n); return;
    case LOG1P: transcendentalF32<Log1p>(a, o, n); return;
    case LOG2: transcendentalF32<Log2>(a, o, n); return;
    case LOG10: transcendentalF32<Log10>(a, o, n); return;
    case EXP2: transcendentalF32<Exp2>(a, o, n); return;
    case SINH: transcendentalF32<Sinh>(a, o, n); return;
    default: transcendentalF32<Cosh>(a, o, n); return;
  }
}

@final class Neg {
  @inline f32(x: v128): v128 { return f32x4.neg(x); }
  @inline f64(x: v128): v128 { return f64x2.neg(x); }
}
@final class Abs {
  @inline f32(x: v128): v128 { return f32x4.abs(x); }
  @inline f64(x: v128): v128 { return f64x2.abs(x); }
}
@final class Sqrt {
  @inline f32(x: v128): v128 { return f32x4.sqrt(x); }
  @inline f64(x: v128): v128 { return f64x2.sqrt(x); }
}
@final class Floor {
  @inline f32(x: v128): v128 { return f32x4.floor(x); }
  @inline f64(x: v128): v128 { return f64x2.floor(x); }
}
@final class Ceil {
  @inline f32(x: v128): v128 { return f32x4.ceil(x); }
  @inline f64(x: v128): v128 { return f64x2.ceil(x); }
}
/** a < 0 ? 0 : a (keeps -0 and NaN). */
@final class Relu {
  @inline f32(x: v128): v128 { const zero = f32x4.splat(0); return v128.bitselect(zero, x, f32x4.lt(x, zero)); }
  @inline f64(x: v128): v128 { const zero = f64x2.splat(0); return v128.bitselect(zero, x, f64x2.lt(x, zero)); }
}

/** a > 0 ? 1 : a < 0 ? -1 : a (keeps -0 and NaN). */
@final class Sign {
  @inline f32(x: v128): v128 { const zero = f32x4.splat(0); return v128.bitselect(f32x4.splat(1), v128.bitselect(f32x4.splat(-1), x, f32x4.lt(x, zero)), f32x4.gt(x, zero)); }
  @inline f64(x: v128): v128 { const zero = f64x2.splat(0); return v128.bitselect(f64x2.splat(1), v128.bitselect(f64x2.splat(-1), x, f64x2.lt(x, zero)), f64x2.gt(x, zero)); }
}
/** NumPy's round: to the nearest integer, halves to the even one (the instruction's own rule). */
@final class Round {
  @inline f32(x: v128): v128 { return f32x4.nearest(x); }
  @inline f64(x: v128): v128 { return f64x2.nearest(x); }
}

/** Four vectors a step; `f64` selects the operation's float64 form (the loop is the same). */
@inline function simpleLoop<Op>(a: usize, o: usize, n: i32, f64: bool): void {
  const op = the<Op>();
  const step = f64 ? 8 : 16;
  for (let i = 0; i < n; i += step) {
    v128.store(o, f64 ? op.f64(v128.load(a)) : op.f32(v128.load(a)));
    v128.store(o, f64 ? op.f64(v128.load(a, 16)) : op.f32(v128.load(a, 16)), 16);
    v128.store(o, f64 ? op.f64(v128.load(a, 32)) : op.f32(v128.load(a, 32)), 32);
    v128.store(o, f64 ? op.f64(v128.load(a, 48)) : op.f32(v128.load(a, 48)), 48);
    a += 64; o += 64;
  }
}
@inline function simpleF32<Op>(a: usize, o: usize, n: i32): void { simpleLoop<Op>(a, o, n, false); }

/** o[i] = f(a[i]) for i < n (float64 in and out): neg, abs, sqrt, floor, ceil, relu, sign and round. */
export function unaryF64(op: i32, a: usize, o: usize, n: i32): void {
  switch (op) {
    case NEG: simpleLoop<Neg>(a, o, n, true); return;
    case ABS: simpleLoop<Abs>(a, o, n, true); return;
    case SQRT: simpleLoop<Sqrt>(a, o, n, true); return;
    case FLOOR: simpleLoop<Floor>(a, o, n, true); return;
    case CEIL: simpleLoop<Ceil>(a, o, n, true); return;
    case RELU: simpleLoop<Relu>(a, o, n, true); return;
    case SIGN: simpleLoop<Sign>(a, o, n, true); return;
    default: simpleLoop<Round>(a, o, n, true); return;
  }
}

/**
 * The float32 transcendentals, each as its exact double kernel, its fast one, and the float32 inputs
 * the fast one takes (all ones in those lanes; NaN is outside every range).
 */
@final class Sin {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return sinCos64(x, false); }
  @inline fast(x: v128): v128 { return sinCosFast(x, false); }
  @inline inRange(x: v128): v128 { return f32x4.lt(f32x4.abs(x), f32x4.splat(1.0e6)); }
}
@final class Cos {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return sinCos64(x, true); }
  @inline fast(x: v128): v128 { return sinCosFast(x, true); }
  @inline inRange(x: v128): v128 { return f32x4.lt(f32x4.abs(x), f32x4.splat(1.0e6)); }
}
@final class Exp {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return exp64(x); }
  @inline fast(x: v128): v128 { return expFast(x); }
  @inline inRange(x: v128): v128 { return v128.and(f32x4.ge(x, f32x4.splat(-87.3)), f32x4.le(x, f32x4.splat(200.0))); }
}
@final class Log {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return log64(x); }
  @inline fast(x: v128): v128 { return logFast(x); }
  @inline inRange(x: v128): v128 { return v128.and(f32x4.gt(x, f32x4.splat(0)), f32x4.lt(x, f32x4.splat(Infinity))); }
}
@final class Tanh {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return tanh64(x); }
  @inline fast(x: v128): v128 { return tanhFast(x); }
  @inline inRange(x: v128): v128 { return f32x4.eq(x, x); }
}
/** 1 / (1 + exp(-x)), as the scalar kernel computes it. */
@final class Sigmoid {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return f64x2.div(K(13 /* 1.0 */), f64x2.add(K(13 /* 1.0 */), exp64(f64x2.neg(x)))); }
  @inline fast(x: v128): v128 { return f64x2.div(K(13 /* 1.0 */), f64x2.add(K(13 /* 1.0 */), expFast(f64x2.neg(x)))); }
  @inline inRange(x: v128): v128 { return v128.and(f32x4.ge(x, f32x4.splat(-87.3)), f32x4.le(x, f32x4.splat(200.0))); }
}

/**
 * The runtime's own function for op (the one the JavaScript loops call: src/kernels/simd.ts's
 * EXACT table; pow's exponent is the one powScalarF32 was given), imported; two lanes, one call each.
 */
@external("env", "exact") declare function mathExact(op: i32, x: f64): f64;
@inline function mathLanes(op: i32, x: v128): v128 {
  return f64x2.replace_lane(f64x2.splat(mathExact(op, f64x2.extract_lane(x, 0))), 1, mathExact(op, f64x2.extract_lane(x, 1)));
}

/**
 * erf: its exact kernel is the runtime's own (src/kernels/special.ts, imported), called lane by lane
 * where the fast one is unsure; JavaScript's erf returns +0 for -0, as x < 0 decides the sign.
 */
@final class Erf {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(ERF, x); }
  @inline fast(x: v128): v128 { return erfFast(x); }
  /** NaN, and subnormal results (tiny x), go to the exact kernel. */
  @inline inRange(x: v128): v128 { return v128.and(f32x4.eq(x, x), v128.or(f32x4.ge(f32x4.abs(x), f32x4.splat(1e-30)), f32x4.eq(x, f32x4.splat(0)))); }
}

/** expm1 and log1p: their exact kernels are Math's (imported), lane by lane where the fast one is unsure. */
@final class Expm1 {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(EXPM1, x); }
  @inline fast(x: v128): v128 { return expm1Fast(x); }
  @inline inRange(x: v128): v128 { return f32x4.le(f32x4.abs(x), f32x4.splat(100)); }
}
@final class Log1p {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(LOG1P, x); }
  @inline fast(x: v128): v128 {
    const u = f64x2.add(K(13 /* 1.0 */), x);
    return v128.bitselect(x, logSpecials(u, logFast(u)), f64x2.lt(f64x2.abs(x), K(21 /* 2^-26 */)));
  }
  @inline inRange(x: v128): v128 { return f32x4.eq(x, x); }
}

/** log2, log10, exp2 (2 ** x), sinh and cosh from the kernels above; their exact kernels are Math's. */

/**
 * A logarithm's answers for zero (-inf), negative numbers (NaN) and inf, where `r` took log of x:
 * those inputs stay on the fast path instead of calling Math lane by lane (data with many of them
 * would otherwise be slower than the JavaScript loop).
 */
@inline function logSpecials(x: v128, r: v128): v128 {
  let res = v128.bitselect(f64x2.splat(Infinity), r, f64x2.eq(x, f64x2.splat(Infinity)));
  res = v128.bitselect(f64x2.splat(NaN), res, f64x2.lt(x, f64x2.splat(0)));
  return v128.bitselect(f64x2.splat(-Infinity), res, f64x2.eq(x, f64x2.splat(0)));
}
@final class Log2 {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(LOG2, x); }
  @inline fast(x: v128): v128 { return logSpecials(x, f64x2.mul(logFast(x), F(INV_LN2))); }
  @inline inRange(x: v128): v128 { return f32x4.eq(x, x); }
}
@final class Log10 {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(LOG10, x); }
  @inline fast(x: v128): v128 { return logSpecials(x, f64x2.mul(logFast(x), F(INV_LN10))); }
  @inline inRange(x: v128): v128 { return f32x4.eq(x, x); }
}
/** 2^x = e^(x ln2) for x in [-126, 128] (results normal in float32; x ln2 rounded adds |x| 2^-53 at most). */
@final class Exp2 {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(EXP2, x); }
  @inline fast(x: v128): v128 { return expFast(f64x2.mul(x, F(LN2_HI))); }
  @inline inRange(x: v128): v128 { return v128.and(f32x4.ge(x, f32x4.splat(-126)), f32x4.le(x, f32x4.splat(128))); }
}
/** sinh x = sign(x) (t + t/(t + 1))/2, t = e^|x| - 1 (no cancellation for small x), |x| <= 89. */
@final class Sinh {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return mathLanes(SINH, x); }
  @inline fast(x: v128): v128 {
    const t = expm1Fast(f64x2.abs(x));
    const r = f64x2.mul(K(12 /* 0.5 */), f64x2.add(t, f64x2.div(t, f64x2.add(t, K(13 /* 1.0 */)))));
    return v128.or(r, v128.and(x, I(1 /* the sign bit */)));
  }
  @inline inRange(x: v128): v128 { return f32x4.le(f32x4.abs(x), f32x4.splat(89)); }
}
/** cosh x = (e^|x| + 1/e^|x|)/2, |x| <= 89. */
@final class Cosh {
  @inline tinyResults(): bool { return false; }
  @inline exact(x: v128): v128 { return mathLanes(COSH, x); }
  @inline fast(x: v128): v128 { const e = expFast(f64x2.abs(x)); return f64x2.mul(K(12 /* 0.5 */), f64x2.add(e, f64x2.div(K(13 /* 1.0 */), e))); }
  @inline inRange(x: v128): v128 { return f32x4.le(f32x4.abs(x), f32x4.splat(89)); }
}

/** Four lanes at a time as two pairs of doubles: the fast kernel, and the exact one where it is unsure. */
@inline function transcendentalF32<Op>(a: usize, o: usize, n: i32): void {
  const op = the<Op>();
  for (let i = 0; i < n; i += 4) {
    const x = v128.load(a);
    const lo = f64x2.promote_low_f32x4(x);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
    let dl: v128, dh: v128;
    if (!FUSED) {
      dl = op.exact(lo); dh = op.exact(hi);
    } else {
      dl = op.fast(lo); dh = op.fast(hi);
      let unsure = v128.or(v128.not(op.inRange(x)), nearMidpoint(dl, dh));
      // Results that are subnormal in float32 round at another place than the midpoint check assumes.
      if (op.tinyResults()) unsure = v128.or(unsure, v128.or(subnormalF32(dl), subnormalF32(dh)));
      if (v128.any_true(unsure)) { dl = op.exact(lo); dh = op.exact(hi); }
    }
    const rl = f32x4.demote_f64x2_zero(dl);
    const rh = f32x4.demote_f64x2_zero(dh);
    v128.store(o, v128.shuffle<f32>(rl, rh, 0, 1, 4, 5));
    a += 16; o += 16;
  }
}

/** All ones in lanes whose double is nonzero and below float32's smallest normal, 2^-126. */
@inline function subnormalF32(d: v128): v128 {
  const a = v128.and(d, i64x2.splat(0x7fffffffffffffff));
  return v128.and(i64x2.lt_s(a, i64x2.splat(0x3810000000000000)), v128.not(i64x2.eq(a, i64x2.splat(0))));
}

// ---------------------------------------------------------------- float32 x ** y for one exponent y

/** The exponent, and the float32 range of x where exp(y log x) is taken (|y log x| <= 20): set by powScalarF32. */
let POW_Y: f64 = 0, POW_LO: f32 = 0, POW_HI: f32 = 0;

/**
 * o[i] = a[i] ** y (float32). Small integer exponents multiply (x^2 is exact in double, so x^3, x^4,
 * 1/x^2 are rounded once or twice), +-1/2 take a square root; others take exp(y log x) for x > 0 where
 * |y log x| <= 20. Lanes
 * near a float32 rounding midpoint, with subnormal results, or outside the range go to Math.pow.
 */
export function powScalarF32(a: usize, o: usize, n: i32, y: f64): void {
  POW_Y = y;
  if (y == 3) transcendentalF32<Pow3>(a, o, n);
  else if (y == 4) transcendentalF32<Pow4>(a, o, n);
  else if (y == -1) transcendentalF32<PowM1>(a, o, n);
  else if (y == -2) transcendentalF32<PowM2>(a, o, n);
  else if (y == 0.5) transcendentalF32<PowHalf>(a, o, n);
  else if (y == -0.5) transcendentalF32<PowMHalf>(a, o, n);
  else {
    const b = 20 / Math.abs(y);
    POW_LO = <f32>Math.exp(-b) * 1.0001; POW_HI = <f32>Math.exp(b) * 0.9999;
    transcendentalF32<PowAny>(a, o, n);
  }
}

@inline function powLanes(x: v128): v128 {
  return mathLanes(POW, x);
}
@final class Pow3 {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { return f64x2.mul(f64x2.mul(x, x), x); }
  @inline inRange(x: v128): v128 { return i32x4.splat(-1); }
}
@final class Pow4 {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { const p = f64x2.mul(x, x); return f64x2.mul(p, p); }
  @inline inRange(x: v128): v128 { return i32x4.splat(-1); }
}
@final class PowM1 {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { return f64x2.div(K(13 /* 1.0 */), x); }
  @inline inRange(x: v128): v128 { return i32x4.splat(-1); }
}
@final class PowM2 {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { return f64x2.div(K(13 /* 1.0 */), f64x2.mul(x, x)); }
  @inline inRange(x: v128): v128 { return i32x4.splat(-1); }
}
/** fdlibm's pow returns sqrt(x) for y = 1/2 and x >= 0 (zeros and the rest go to Math.pow). */
@final class PowHalf {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { return f64x2.sqrt(x); }
  @inline inRange(x: v128): v128 { return v128.and(f32x4.gt(x, f32x4.splat(0)), f32x4.lt(x, f32x4.splat(Infinity))); }
}
@final class PowMHalf {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { return f64x2.div(K(13 /* 1.0 */), f64x2.sqrt(x)); }
  @inline inRange(x: v128): v128 { return v128.and(f32x4.gt(x, f32x4.splat(0)), f32x4.lt(x, f32x4.splat(Infinity))); }
}
@final class PowAny {
  @inline tinyResults(): bool { return true; }
  @inline exact(x: v128): v128 { return powLanes(x); }
  @inline fast(x: v128): v128 { return expFast(f64x2.mul(f64x2.splat(POW_Y), logFast(x))); }
  @inline inRange(x: v128): v128 {
    const finite = v128.and(f32x4.gt(x, f32x4.splat(0)), f32x4.lt(x, f32x4.splat(Infinity)));
    return v128.and(finite, v128.and(f32x4.ge(x, f32x4.splat(POW_LO)), f32x4.le(x, f32x4.splat(POW_HI))));
  }
}

// ---------------------------------------------------------------- double-precision kernels on f64x2 (fdlibm / musl)
// V8 materializes each v128.const with several instructions, inside the loop; a splat load from this
// table is one instruction (movddup), so the kernels take their constants from memory.
const KTABLE = memory.data<f64>([2.75573137070700676789e-06, -1.98412698298579493134e-04, 8.33333333332248946124e-03, 1.58969099521155010221e-10, -2.50507602534068634195e-08, -1.66666666666666324348e-01, 2.48015872894767294178e-05, -1.38888888888741095749e-03, 4.16666666666666019037e-02, -1.13596475577881948265e-11, 2.08757232129817482790e-09, -2.75573143513906633035e-07, 0.5, 1.0, 1647099.0, 6.36619772367581382433e-01, 1.57079632673412561417e+00, 6.07710050630396597660e-11, 2.02226624879595063154e-21, 1, 2, 1.4901161193847656e-08, 1023, 1.44269504088896338700e+00, 0, 3.46573590279972654709e-01, -1022, 6.93147180369123816490e-01, 1.90821492927058770002e-10, 4.13813679705723846039e-08, -1.65339022054652515390e-06, 6.61375632143793436117e-05, -2.77777777770155933842e-03, 1.66666666666666019037e-01, 2.0, Infinity, 7.09782712893383973096e+02, -7.08396418532264106224e+02, 6755399441055744.0, 1.531383769920937332e-01, 2.222219843214978396e-01, 3.999999999940941908e-01, 1.479819860511658591e-01, 1.818357216161805012e-01, 2.857142874366239149e-01, 6.666666666666735130e-01, -Infinity, NaN, 22.0, 6755399441055744.0]);
const TOINT = 49; // 1.5 * 2^52
@inline function K(i: i32): v128 { return v128.load64_splat(KTABLE + (<usize>i << 3)); }


@inline function splat(x: f64): v128 { return f64x2.splat(x); }
/** a*b + c, fused where the processor has FMA (unfused otherwise: both are fine here, see the top). */
@inline function fma(a: v128, b: v128, c: v128): v128 { return f64x2.relaxed_madd(a, b, c); }

/** musl's __sin(x, 0, 0) for |x| <= pi/4. */
@inline function kernelSin(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // musl: r = S2 + z*(S3 + z*S4) + z*w*(S5 + z*S6); return x + v*(S1 + z*r)
  const r = f64x2.add(
    fma(z, fma(z, K(0 /* 2.75573137070700676789e-06 */), K(1 /* -1.98412698298579493134e-04 */)), K(2 /* 8.33333333332248946124e-03 */)),
    f64x2.mul(f64x2.mul(z, w), fma(z, K(3 /* 1.58969099521155010221e-10 */), K(4 /* -2.50507602534068634195e-08 */))),
  );
  const v = f64x2.mul(z, x);
  return f64x2.add(x, f64x2.mul(v, fma(z, r, K(5 /* -1.66666666666666324348e-01 */))));
}

/** musl's __cos(x, 0) for |x| <= pi/4. */
@inline function kernelCos(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  const r = f64x2.add(
    f64x2.mul(z, fma(z, fma(z, K(6 /* 2.48015872894767294178e-05 */), K(7 /* -1.38888888888741095749e-03 */)), K(8 /* 4.16666666666666019037e-02 */))),
    f64x2.mul(f64x2.mul(w, w), fma(z, fma(z, K(9 /* -1.13596475577881948265e-11 */), K(10 /* 2.08757232129817482790e-09 */)), K(11 /* -2.75573143513906633035e-07 */))),
  );
  const hz = f64x2.mul(K(12 /* 0.5 */), z);
  const one = K(13 /* 1.0 */);
  const w1 = f64x2.sub(one, hz);
  return f64x2.add(w1, f64x2.add(f64x2.sub(f64x2.sub(one, w1), hz), f64x2.mul(z, r)));
}

/** sin (or cos) of two doubles: musl's medium-size reduction by pi/2, scalar musl for huge arguments. */
function sinCos64(x: v128, cos: bool): v128 {
  const ax = f64x2.abs(x);
  // |x| beyond 2^20 pi/2 needs the full reduction: rare, done lane by lane.
  if (v128.any_true(f64x2.ge(ax, K(14 /* 1647099.0 */)))) {
    const x0 = f64x2.extract_lane(x, 0), x1 = f64x2.extract_lane(x, 1);
    const r0 = cos ? Math.cos(x0) : Math.sin(x0), r1 = cos ? Math.cos(x1) : Math.sin(x1);
    return f64x2.replace_lane(f64x2.splat(r0), 1, r1);
  }
  // musl's toint trick: x*2/pi + 1.5*2^52 rounds to an integer whose low bits are the quadrant.
  const big = f64x2.add(f64x2.mul(x, K(15 /* 6.36619772367581382433e-01 */)), K(TOINT));
  const fn = f64x2.sub(big, K(TOINT));
  const r1 = f64x2.sub(x, f64x2.mul(fn, K(16 /* 1.57079632673412561417e+00 */)));
  const w = f64x2.mul(fn, K(17 /* 6.07710050630396597660e-11 */));
  const r = f64x2.sub(r1, w);
  const w2 = f64x2.sub(f64x2.mul(fn, K(18 /* 2.02226624879595063154e-21 */)), f64x2.sub(f64x2.sub(r1, r), w));
  const y = f64x2.sub(r, w2);
  const s = kernelSin(y), c = kernelCos(y);
  let n = big;
  if (cos) n = i64x2.add(n, i64x2.splat(1));
  // All ones where the quadrant is odd (an equality, one instruction; a 64-bit arithmetic shift is several).
  const odd = i64x2.eq(v128.and(n, i64x2.splat(1)), i64x2.splat(1));
  const sign = i64x2.shl(v128.and(n, i64x2.splat(2)), 62);
  let res = v128.bitselect(c, s, odd);
  res = v128.xor(res, sign);
  if (!cos) {
    // musl returns x itself below 2^-26 (keeps -0).
    res = v128.bitselect(x, res, f64x2.lt(ax, K(21 /* 1.4901161193847656e-08 */)));
  }
  return res;
}

/** 2^k for integer-valued k in [-1022, 1023] (two doubles). */
@inline function pow2(k: v128): v128 {
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  return i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52);
}

/** fdlibm's exp: k = (int)(x/ln2 ± 1/2), r = x - k ln2 (hi and lo), a rational approximation on r. */
function exp64(x: v128): v128 {
  const ax = f64x2.abs(x);
  const half = v128.or(K(12 /* 0.5 */), v128.and(x, i64x2.splat(i64.MIN_VALUE)));
  let k = f64x2.trunc(fma(x, K(23 /* 1.44269504088896338700e+00 */), half));
  k = v128.bitselect(K(24 /* 0 */), k, f64x2.lt(ax, K(25 /* 3.46573590279972654709e-01 */)));
  k = f64x2.min(f64x2.max(k, K(26 /* -1022 */)), K(22 /* 1023 */));
  const hi = f64x2.sub(x, f64x2.mul(k, K(27 /* 6.93147180369123816490e-01 */)));
  const lo = f64x2.mul(k, K(28 /* 1.90821492927058770002e-10 */));
  const r = f64x2.sub(hi, lo);
  const xx = f64x2.mul(r, r);
  const p = fma(xx, fma(xx, fma(xx, fma(xx, K(29 /* 4.13813679705723846039e-08 */), K(30 /* -1.65339022054652515390e-06 */)), K(31 /* 6.61375632143793436117e-05 */)), K(32 /* -2.77777777770155933842e-03 */)), K(33 /* 1.66666666666666019037e-01 */));
  const c = f64x2.sub(r, f64x2.mul(xx, p));
  const y = f64x2.add(K(13 /* 1.0 */), f64x2.add(f64x2.sub(f64x2.div(f64x2.mul(r, c), f64x2.sub(K(34 /* 2.0 */), c)), lo), hi));
  let res = f64x2.mul(y, pow2(k));
  res = v128.bitselect(K(35 /* Infinity */), res, f64x2.gt(x, K(36 /* 7.09782712893383973096e+02 */)));
  res = v128.bitselect(K(24 /* 0 */), res, f64x2.lt(x, K(37 /* -7.08396418532264106224e+02 */)));
  // NaN stays NaN (the comparisons above are false for it and y is NaN).
  return res;
}

/** musl's log (fdlibm's algorithm): x = 2^k (1 + f), log(1+f) = f - hfsq + s (hfsq + R(s^2)). */
function log64(x: v128): v128 {
  const bits = v128.add<i64>(x, i64x2.splat(0x00095f62_00000000)); // high word += 0x3ff00000 - 0x3fe6a09e
  const hx = i64x2.shr_u(bits, 32);
  const k = i64x2.sub(i64x2.shr_s(hx, 20), i64x2.splat(0x3ff));
  const m = v128.or(
    i64x2.shl(i64x2.add(v128.and(hx, i64x2.splat(0x000fffff)), i64x2.splat(0x3fe6a09e)), 32),
    v128.and(x, i64x2.splat(0xffffffff)),
  );
  // k (a small integer in an i64 lane) as a double: the 2^52 + 2^51 bias trick.
  const dk = f64x2.sub(v128.add<i64>(k, i64x2.splat(0x4338000000000000)), K(38 /* 6755399441055744.0 */));
  const f = f64x2.sub(m, K(13 /* 1.0 */));
  const hfsq = f64x2.mul(K(12 /* 0.5 */), f64x2.mul(f, f));
  const s = f64x2.div(f, f64x2.add(K(34 /* 2.0 */), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, fma(w, fma(w, K(39 /* 1.531383769920937332e-01 */), K(40 /* 2.222219843214978396e-01 */)), K(41 /* 3.999999999940941908e-01 */)));
  const t2 = f64x2.mul(z, fma(w, fma(w, fma(w, K(42 /* 1.479819860511658591e-01 */), K(43 /* 1.818357216161805012e-01 */)), K(44 /* 2.857142874366239149e-01 */)), K(45 /* 6.666666666666735130e-01 */)));
  const R = f64x2.add(t2, t1);
  let res = f64x2.add(
    f64x2.add(f64x2.sub(f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(dk, K(28 /* 1.90821492927058770002e-10 */))), hfsq), f),
    f64x2.mul(dk, K(27 /* 6.93147180369123816490e-01 */)),
  );
  // log(0) = -inf, log(<0) = NaN, log(inf) = inf, log(NaN) = NaN.
  res = v128.bitselect(K(46 /* -Infinity */), res, f64x2.eq(x, K(24 /* 0 */)));
  res = v128.bitselect(K(47 /* NaN */), res, f64x2.lt(x, K(24 /* 0 */)));
  res = v128.bitselect(x, res, v128.or(f64x2.eq(x, K(35 /* Infinity */)), f64x2.ne(x, x)));
  return res;
}

/**
 * expm1 for 0 <= y <= 44 from fdlibm's exp: y = k ln2 + r, e^r - 1 = (r c/(2 - c) - lo) + hi, and
 * e^y - 1 = 2^k (e^r - 1) + (2^k - 1), with no cancellation for any k.
 */
@inline function expm1Pos(y: v128): v128 {
  let k = f64x2.trunc(fma(y, K(23 /* 1.44269504088896338700e+00 */), K(12 /* 0.5 */)));
  k = v128.bitselect(K(24 /* 0 */), k, f64x2.lt(y, K(25 /* 3.46573590279972654709e-01 */)));
  const hi = f64x2.sub(y, f64x2.mul(k, K(27 /* 6.93147180369123816490e-01 */)));
  const lo = f64x2.mul(k, K(28 /* 1.90821492927058770002e-10 */));
  const r = f64x2.sub(hi, lo);
  const xx = f64x2.mul(r, r);
  const p = fma(xx, fma(xx, fma(xx, fma(xx, K(29 /* 4.13813679705723846039e-08 */), K(30 /* -1.65339022054652515390e-06 */)), K(31 /* 6.61375632143793436117e-05 */)), K(32 /* -2.77777777770155933842e-03 */)), K(33 /* 1.66666666666666019037e-01 */));
  const c = f64x2.sub(r, f64x2.mul(xx, p));
  const q = f64x2.add(f64x2.sub(f64x2.div(f64x2.mul(r, c), f64x2.sub(K(34 /* 2.0 */), c)), lo), hi);
  const p2 = pow2(k);
  return f64x2.add(f64x2.mul(p2, q), f64x2.sub(p2, K(13 /* 1.0 */)));
}

/** tanh(x) = sign(x) t/(t + 2), t = expm1(2|x|), |x| clamped at 22 (where tanh is 1 in double). */
function tanh64(x: v128): v128 {
  const ax = f64x2.min(f64x2.abs(x), K(48 /* 22.0 */));
  const t = expm1Pos(f64x2.add(ax, ax));
  const r = f64x2.div(t, f64x2.add(t, K(34 /* 2.0 */)));
  // copysign (NaN: min propagates it, and the division keeps it).
  return v128.or(r, v128.and(x, i64x2.splat(i64.MIN_VALUE)));
}


// ---------------------------------------------------------------- faster double kernels, certified for float32
// Shorter polynomials (fitted with mpmath's chebyfit), relative error below 1e-15 for sin, cos and
// log, 1.9e-14 for exp and 2.1e-15 for expm1 (measured in long double over 16 million float32 inputs,
// including the neighbours of multiples of pi/2; spec/runtime/simd_kernels.spec.ts measures them
// against Math's: at most 9, 4, 124 and 16 (tanh) double ulps). That is far below float32's half ulp, so rounding the double to float32 gives the
// bits of the exact kernels above unless it lies within NEAR double ulps of a float32 rounding
// midpoint. The caller recomputes a vector with the exact kernels when a lane is that near (about one
// in 30,000) or outside the fast kernel's range.
// The reductions x - k c (c = pi/2 or ln 2 as two doubles) are two fused multiply-adds: k c_hi is
// exact inside the first, so r is rounded only twice, however close x is to k pi/2. That needs relaxed
// madd to fuse: where it does not (x86 without FMA3), the exact kernels run alone.

const FTABLE = memory.data<f64>([
  /* SIN_P: sin(r) = r + r^3 S(r^2), |r| <= pi/2 */
  -7.40805488954261e-13, 1.6050972244135636e-10, -2.505197292154555e-08, 2.7557318055685783e-06, -0.00019841269836469024, 0.008333333333325933, -0.1666666666666665,
  /* EXP_P: e^r, |r| <= ln2/2 */
  2.7632640675430236e-06, 2.4884459751751116e-05, 0.0001984119064754424, 0.0013888801749656543, 0.008333333367311603, 0.04166666704055191, 0.16666666666615648, 0.4999999999943859, 1.0000000000000013, 1.0000000000000135,
  /* EXPM1_P: (e^r - 1)/r, |r| <= ln2/2 */
  2.7620075879983367e-07, 2.7632640675430236e-06, 2.4801521322368692e-05, 0.0001984119064754424, 0.0013888888917196719, 0.008333333367311603, 0.041666666666624164, 0.16666666666615648, 0.5000000000000001, 1.0000000000000013,
  /* INV_PI */ 0.3183098861837907,
  /* PIO2_HI, PIO2_LO: pi/2 as the sum of two doubles */ 1.5707963267948966, 6.123233995736766e-17,
  /* LN2_HI, LN2_LO: ln 2 likewise */ 0.6931471805599453, 2.3190468138462996e-17,
  /* LOG_P: atanh(s)/s = G(s^2), |s| <= (sqrt 2 - 1)/(sqrt 2 + 1) */
  0.08418829985340244, 0.09060967215607607, 0.11111717273758953, 0.14285708010553835, 0.20000000030870807, 0.3333333333327646, 1.0000000000000002,
  /* ERF_P: erf(x)/x = P(x^2), |x| <= 1 */
  -1.0469110332151208e-07, 1.5306373163641084e-06, -1.4795031400662045e-05, 0.00012046261269779797, -0.0008547933736519633, 0.0052239671935439, -0.026866169050599326, 0.11283791658548713, -0.37612638902808615, 1.128379167095494,
  /* ERF_Q: erfc(x) e^(x^2) = Q((x - 2.5)/1.5), 1 <= x <= 4 */
  -7.882850804990648e-09, 2.4711358477663115e-08, -3.6888603290212886e-08, 1.083898830981079e-07, -3.95978081074811e-07, 1.1431506794059497e-06, -3.140357025395408e-06, 8.690067680618337e-06, -2.361266439282871e-05, 6.258885327586178e-05,
  -0.0001620109012672534, 0.00040908227976543164, -0.0010058315743150003, 0.0024036480823414674, -0.00557070616925923, 0.012489373848382867, -0.027005296664885776, 0.05611049344592289, -0.11152102018469054, 0.21080636406113887,
  /* ERF_MAX, ERF_MID, ERF_SCALE */ 4.0, 2.5, 0.6666666666666666,
  /* INV_LN2, INV_LN10 */ 1.4426950408889634, 0.4342944819032518,
]);
const SIN_P = 0, EXP_P = 7, EXPM1_P = 17, INV_PI = 27, PIO2_HI = 28, PIO2_LO = 29, LN2_HI = 30, LN2_LO = 31, LOG_P = 32;
const ERF_P = 39, ERF_Q = 49, ERF_MAX = 69, ERF_MID = 70, ERF_SCALE = 71, INV_LN2 = 72, INV_LN10 = 73;
@inline function F(i: i32): v128 { return v128.load64_splat(FTABLE + (<usize>i << 3)); }
/** Whether relaxed madd fuses: (1 + 2^-30)^2 - 1 keeps its 2^-60 term only when rounded once (operands read from memory, so not folded at build time). */
const PROBE = memory.data<f64>([1 + 9.313225746154785e-10, -1]);
const FUSED: bool = f64x2.extract_lane(f64x2.relaxed_madd(v128.load64_splat(PROBE), v128.load64_splat(PROBE), v128.load64_splat(PROBE + 8)), 0) == 1.862645149230957e-9 + 8.673617379884035e-19;

/** Distance from a float32 rounding midpoint (in double ulps) below which a lane is recomputed. */
const NEAR = 8192;

/**
 * The polynomial with coefficients FTABLE[first .. first + count), highest power first, by Horner's
 * rule in two chains (odd and even powers) in x^2: half the latency of one chain.
 */
@inline function polynomial(first: i32, count: i32, x: v128): v128 {
  const x2 = f64x2.mul(x, x);
  // With an odd count the lowest coefficient is added by one more step.
  const pairs = count & ~1;
  let odd = F(first), even = F(first + 1);
  for (let i = 2; i < pairs; i += 2) { odd = fma(odd, x2, F(first + i)); even = fma(even, x2, F(first + i + 1)); }
  const p = fma(odd, x, even);
  return pairs === count ? p : fma(p, x, F(first + count - 1));
}

/** Integer constants, loaded as the float ones are (a splat load is one instruction). */
const ITABLE = memory.data<i64>([1023, i64.MIN_VALUE]);
@inline function I(i: i32): v128 { return v128.load64_splat(ITABLE + (<usize>i << 3)); }

/**
 * All ones in lanes (four float32 lanes: lo's two, then hi's) whose double is within NEAR ulps of a
 * float32 rounding midpoint: the 29 bits a double has beyond float32's (in its low 32-bit word), less
 * (midpoint - NEAR), fall within [0, 2 NEAR).
 */
@inline function nearMidpoint(lo: v128, hi: v128): v128 {
  const low = v128.shuffle<i32>(lo, hi, 0, 2, 4, 6);
  return i32x4.lt_s(v128.and(i32x4.sub(low, i32x4.splat(0x10000000 - NEAR)), i32x4.splat(0x1fffffff)), i32x4.splat(2 * NEAR));
}

/**
 * sin (or cos) for |x| < 1e6: x = k pi/2 + r with k even for sin (k = 2n, sin x = (-1)^n sin r) and odd
 * for cos (k = 2j - 1, cos x = (-1)^j sin r), so one polynomial serves every lane.
 */
@inline function sinCosFast(x: v128, cos: bool): v128 {
  const q = cos ? f64x2.add(f64x2.mul(x, F(INV_PI)), K(12 /* 0.5 */)) : f64x2.mul(x, F(INV_PI));
  const big = f64x2.add(q, K(TOINT));
  const n = f64x2.sub(big, K(TOINT));
  const fn = cos ? f64x2.sub(f64x2.add(n, n), K(13 /* 1.0 */)) : f64x2.add(n, n);
  const nfn = f64x2.neg(fn);
  const r = fma(nfn, F(PIO2_LO), fma(nfn, F(PIO2_HI), x));
  const z = f64x2.mul(r, r);
  const s = fma(f64x2.mul(r, z), polynomial(SIN_P, 7, z), r);
  // The parity of n is the low bit of big (1.5 * 2^52 + n).
  const res = v128.xor(s, i64x2.shl(big, 63));
  // Tiny arguments: sin x = x (as the exact kernel; keeps -0).
  return cos ? res : v128.bitselect(x, res, f64x2.lt(f64x2.abs(x), K(21 /* 1.4901161193847656e-08 */)));
}

/** 2^k from big = 1.5 * 2^52 + k (the exponent field is k + 1023; k within [-1022, 1023]). */
@inline function pow2Big(big: v128): v128 {
  return i64x2.shl(i64x2.add(big, I(0)), 52);
}

/** e^x for -87.3 <= x <= 200: x = k ln2 + r, e^x = 2^k e^r. */
@inline function expFast(x: v128): v128 {
  const big = f64x2.add(f64x2.mul(x, K(23 /* 1.44269504088896338700e+00 */)), K(TOINT));
  const k = f64x2.sub(big, K(TOINT));
  const nk = f64x2.neg(k);
  const r = fma(nk, F(LN2_LO), fma(nk, F(LN2_HI), x));
  return f64x2.mul(polynomial(EXP_P, 10, r), pow2Big(big));
}

/**
 * erf(x) = x P(x^2) below |x| = 1, and 1 - e^(-x^2) Q(u) from 1 to 4, u = (|x| - 2.5)/1.5 (erfc(x) e^(x^2)
 * is smooth there); |x| is clamped at 4, where erf is 1 in float32 (erf(4) = 1 - 1.5e-8).
 */
@inline function erfFast(x: v128): v128 {
  const ax = f64x2.min(f64x2.abs(x), F(ERF_MAX));
  const z = f64x2.mul(ax, ax);
  const small = f64x2.mul(ax, polynomial(ERF_P, 10, z));
  const u = f64x2.mul(f64x2.sub(ax, F(ERF_MID)), F(ERF_SCALE));
  const large = f64x2.sub(K(13 /* 1.0 */), f64x2.mul(expFast(f64x2.neg(z)), polynomial(ERF_Q, 20, u)));
  const r = v128.bitselect(small, large, f64x2.lt(ax, K(13 /* 1.0 */)));
  return v128.bitselect(f64x2.neg(r), r, f64x2.lt(x, f64x2.splat(0)));
}

/**
 * e^x - 1 for |x| <= 100: x = k ln2 + r, e^x - 1 = 2^k (e^r - 1) + (2^k - 1), without cancellation.
 * Below |x| = 2^-26 the float32 result is x (x^2/2 is under a quarter ulp of it), so x itself is
 * returned (keeping -0 and subnormals), not a double near the true value: the midpoint check does not
 * apply there and is not needed. The same holds for log1p, where from 2^-26 up 1 + x is exact in double
 * (for any float32 x from 2^-29), so log(1 + x) is as accurate as log.
 */
@inline function expm1Fast(x: v128): v128 {
  const big = f64x2.add(f64x2.mul(x, K(23 /* 1.44269504088896338700e+00 */)), K(TOINT));
  const k = f64x2.sub(big, K(TOINT));
  const nk = f64x2.neg(k);
  const r = fma(nk, F(LN2_LO), fma(nk, F(LN2_HI), x));
  const p2 = pow2Big(big);
  const t = fma(p2, f64x2.mul(r, polynomial(EXPM1_P, 10, r)), f64x2.sub(p2, K(13 /* 1.0 */)));
  return v128.bitselect(x, t, f64x2.lt(f64x2.abs(x), K(21 /* 2^-26 */)));
}

/** tanh(x) = sign(x) t/(t + 2), t = e^y - 1 = 2^k (e^r - 1) + (2^k - 1), y = 2|x| clamped at 44. */
@inline function tanhFast(x: v128): v128 {
  const ax = f64x2.min(f64x2.abs(x), K(48 /* 22.0 */));
  const y = f64x2.add(ax, ax);
  const big = f64x2.add(f64x2.mul(y, K(23 /* 1.44269504088896338700e+00 */)), K(TOINT));
  const k = f64x2.sub(big, K(TOINT));
  const nk = f64x2.neg(k);
  const r = fma(nk, F(LN2_LO), fma(nk, F(LN2_HI), y));
  const p2 = pow2Big(big);
  const t = fma(p2, f64x2.mul(r, polynomial(EXPM1_P, 10, r)), f64x2.sub(p2, K(13 /* 1.0 */)));
  const res = v128.or(f64x2.div(t, f64x2.add(t, K(34 /* 2.0 */))), v128.and(x, I(1)));
  return v128.bitselect(x, res, f64x2.lt(ax, K(21 /* 1.4901161193847656e-08 */)));
}

/**
 * log x for finite x > 0: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt 2) (the exact kernel's split),
 * log(1 + f) = 2 atanh(s) = 2 s G(s^2), s = f/(2 + f).
 */
@inline function logFast(x: v128): v128 {
  const bits = v128.add<i64>(x, i64x2.splat(0x00095f62_00000000)); // high word += 0x3ff00000 - 0x3fe6a09e
  const hx = i64x2.shr_u(bits, 32);
  const k = i64x2.sub(i64x2.shr_s(hx, 20), i64x2.splat(0x3ff));
  const m = v128.or(
    i64x2.shl(i64x2.add(v128.and(hx, i64x2.splat(0x000fffff)), i64x2.splat(0x3fe6a09e)), 32),
    v128.and(x, i64x2.splat(0xffffffff)),
  );
  const dk = f64x2.sub(v128.add<i64>(k, i64x2.splat(0x4338000000000000)), K(38 /* 6755399441055744.0 */));
  const f = f64x2.sub(m, K(13 /* 1.0 */));
  const s = f64x2.div(f, f64x2.add(K(34 /* 2.0 */), f));
  const s2 = f64x2.add(s, s);
  return fma(dk, F(LN2_HI), f64x2.mul(s2, polynomial(LOG_P, 7, f64x2.mul(s, s))));
}


/**
 * o[i] = the fast kernel's double for a[i] (doubles in and out, no check; nothing written where the
 * fast kernels do not run): the specs measure the kernels' error through it, which NEAR must cover.
 */
export function fastF64(op: i32, a: usize, o: usize, n: i32): void {
  if (!FUSED) return;
  switch (op) {
    case SIN: fastLoop<Sin>(a, o, n); return;
    case COS: fastLoop<Cos>(a, o, n); return;
    case EXP: fastLoop<Exp>(a, o, n); return;
    case LOG: fastLoop<Log>(a, o, n); return;
    case TANH: fastLoop<Tanh>(a, o, n); return;
    case SIGMOID: fastLoop<Sigmoid>(a, o, n); return;
    case ERF: fastLoop<Erf>(a, o, n); return;
    case EXPM1: fastLoop<Expm1>(a, o, n); return;
    case LOG1P: fastLoop<Log1p>(a, o, n); return;
    case LOG2: fastLoop<Log2>(a, o, n); return;
    case LOG10: fastLoop<Log10>(a, o, n); return;
    case EXP2: fastLoop<Exp2>(a, o, n); return;
    case SINH: fastLoop<Sinh>(a, o, n); return;
    default: fastLoop<Cosh>(a, o, n); return;
  }
}

@inline function fastLoop<Op>(a: usize, o: usize, n: i32): void {
  const op = the<Op>();
  for (let i = 0; i < n; i += 2) {
    v128.store(o, op.fast(v128.load(a)));
    a += 16; o += 16;
  }
}

/** Whether the fast kernels run here (relaxed madd fuses). */
export function fastKernels(): bool {
  return FUSED;
}


// ---------------------------------------------------------------- sums: NumPy's pairwise summation

/**
 * NumPy's pairwise sum (`@TYPE@_pairwise_sum`) of n contiguous float32 at p, every addition rounded to
 * float32: below 8 sequential, up to 128 eight running sums (two f32x4 registers), halves beyond.
 */
function pairwiseF32(p: usize, n: i32): f32 {
  if (n < 8) {
    let res: f32 = 0;
    for (let i = 0; i < n; i++) res += load<f32>(p + (<usize>i << 2));
    return res;
  }
  if (n <= 128) {
    let v0 = v128.load(p), v1 = v128.load(p, 16);
    const end = n - (n & 7);
    let i = 8;
    for (; i < end; i += 8) {
      const q = p + (<usize>i << 2);
      v0 = f32x4.add(v0, v128.load(q));
      v1 = f32x4.add(v1, v128.load(q, 16));
    }
    let res: f32 = ((f32x4.extract_lane(v0, 0) + f32x4.extract_lane(v0, 1)) + (f32x4.extract_lane(v0, 2) + f32x4.extract_lane(v0, 3))) +
      ((f32x4.extract_lane(v1, 0) + f32x4.extract_lane(v1, 1)) + (f32x4.extract_lane(v1, 2) + f32x4.extract_lane(v1, 3)));
    for (; i < n; i++) res += load<f32>(p + (<usize>i << 2));
    return res;
  }
  let n2 = n >> 1;
  n2 -= n2 & 7;
  return pairwiseF32(p, n2) + pairwiseF32(p + (<usize>n2 << 2), n - n2);
}

function pairwiseF64(p: usize, n: i32): f64 {
  if (n < 8) {
    let res: f64 = 0;
    for (let i = 0; i < n; i++) res += load<f64>(p + (<usize>i << 3));
    return res;
  }
  if (n <= 128) {
    let v0 = v128.load(p), v1 = v128.load(p, 16), v2 = v128.load(p, 32), v3 = v128.load(p, 48);
    const end = n - (n & 7);
    let i = 8;
    for (; i < end; i += 8) {
      const q = p + (<usize>i << 3);
      v0 = f64x2.add(v0, v128.load(q)); v1 = f64x2.add(v1, v128.load(q, 16));
      v2 = f64x2.add(v2, v128.load(q, 32)); v3 = f64x2.add(v3, v128.load(q, 48));
    }
    // r0..r7 are (v0.0, v0.1, v1.0, v1.1, v2.0, v2.1, v3.0, v3.1).
    let res: f64 = ((f64x2.extract_lane(v0, 0) + f64x2.extract_lane(v0, 1)) + (f64x2.extract_lane(v1, 0) + f64x2.extract_lane(v1, 1))) +
      ((f64x2.extract_lane(v2, 0) + f64x2.extract_lane(v2, 1)) + (f64x2.extract_lane(v3, 0) + f64x2.extract_lane(v3, 1)));
    for (; i < n; i++) res += load<f64>(p + (<usize>i << 3));
    return res;
  }
  let n2 = n >> 1;
  n2 -= n2 & 7;
  return pairwiseF64(p, n2) + pairwiseF64(p + (<usize>n2 << 3), n - n2);
}

/**
 * NumPy's reduction loop: the data comes in buffers of 8192 elements and each buffer's pairwise sum is
 * added to the running total `acc`. Sums n elements at p (a whole number of buffers, or the group's last part).
 */
export function sumBlocksF32(p: usize, n: i32, acc: f32): f32 {
  for (let b = 0; b < n; b += 8192) {
    const q = p + (<usize>b << 2);
    acc += n - b >= 8192 ? pairwise8192F32(q) : pairwiseF32(q, n - b);
  }
  return acc;
}

/**
 * pairwiseF32(p, 8192), the same additions in the same order: the recursion's 64 leaves of 128
 * elements, two at a time (four registers, so the adds' latencies overlap), then the tree over them.
 */
function pairwise8192F32(p: usize): f32 {
  const leaves = LEAVES;
  for (let l = 0; l < 64; l += 2) {
    const q = p + (<usize>l << 9), r = q + 512;
    let a0 = v128.load(q), a1 = v128.load(q, 16), b0 = v128.load(r), b1 = v128.load(r, 16);
    for (let i: usize = 32; i < 512; i += 32) {
      a0 = f32x4.add(a0, v128.load(q + i)); a1 = f32x4.add(a1, v128.load(q + i, 16));
      b0 = f32x4.add(b0, v128.load(r + i)); b1 = f32x4.add(b1, v128.load(r + i, 16));
    }
    store<f32>(leaves + (<usize>l << 2), lanesSum(a0, a1));
    store<f32>(leaves + (<usize>(l + 1) << 2), lanesSum(b0, b1));
  }
  // The tree: each level adds neighbours, as the recursion's halves are added.
  for (let w = 64; w > 1; w >>= 1) {
    for (let i = 0; i < w; i += 2) store<f32>(leaves + (<usize>(i >> 1) << 2), load<f32>(leaves + (<usize>i << 2)) + load<f32>(leaves + (<usize>(i + 1) << 2)));
  }
  return load<f32>(leaves);
}

/** ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)) of the eight running sums in two registers. */
@inline function lanesSum(v0: v128, v1: v128): f32 {
  return ((f32x4.extract_lane(v0, 0) + f32x4.extract_lane(v0, 1)) + (f32x4.extract_lane(v0, 2) + f32x4.extract_lane(v0, 3))) +
    ((f32x4.extract_lane(v1, 0) + f32x4.extract_lane(v1, 1)) + (f32x4.extract_lane(v1, 2) + f32x4.extract_lane(v1, 3)));
}

const LEAVES = memory.data(256);

/** The pairwise sum of one 4 KiB chunk at p (1024 float32 or 512 float64): a subtree of an 8192-element buffer's. */
export function chunkSumF32(p: usize): f32 {
  return pairwiseF32(p, 1024);
}
export function chunkSumF64(p: usize): f64 {
  return pairwiseF64(p, 512);
}

export function sumBlocksF64(p: usize, n: i32, acc: f64): f64 {
  for (let b = 0; b < n; b += 8192) acc += pairwiseF64(p + (<usize>b << 3), min(8192, n - b));
  return acc;
}

/** Sums of `rows` contiguous groups of `cols` (cols <= 8192) each into o (float32). */
export function rowSumsF32(p: usize, rows: i32, cols: i32, o: usize): void {
  for (let r = 0; r < rows; r++) store<f32>(o + (<usize>r << 2), <f32>0 + pairwiseF32(p + (<usize>(r * cols) << 2), cols));
}

export function rowSumsF64(p: usize, rows: i32, cols: i32, o: usize): void {
  for (let r = 0; r < rows; r++) store<f64>(o + (<usize>r << 3), <f64>0 + pairwiseF64(p + (<usize>(r * cols) << 3), cols));
}

// ---------------------------------------------------------------- max and min over rows

/**
 * o[r] = the max (max != 0) or min of row r (cols contiguous float32 or float64 elements at p), with
 * the scalar loop's rule per element: keep the running value when it is NaN or beats the element,
 * else take the element. Lanes keep their own running values, combined in lane order, then the tail:
 * the value is the loop's, NaN when any element is, but which zero (+0 or -0) and which NaN the loop
 * ends on depends on the order, so the caller looks those up (src/kernels/simd.ts).
 */
export function rowExtremesF32(p: usize, rows: i32, cols: i32, o: usize, max: i32): void {
  for (let r = 0; r < rows; r++) store<f32>(o + (<usize>r << 2), extreme<f32>(p + (<usize>(r * cols) << 2), cols, max != 0));
}
export function rowExtremesF64(p: usize, rows: i32, cols: i32, o: usize, max: i32): void {
  for (let r = 0; r < rows; r++) store<f64>(o + (<usize>r << 3), extreme<f64>(p + (<usize>(r * cols) << 3), cols, max != 0));
}

/** The scalar loop's step: keep the running value when it is NaN or beats the element. */
@inline function keep<T>(acc: T, a: T, max: bool): T {
  return acc != acc || (max ? a < acc : a > acc) ? acc : a;
}

/** One vector step of the loop's rule in each lane: keep v where it is NaN or beats x. */
@inline function keepLanes<T>(v: v128, x: v128, max: bool): v128 {
  return v128.bitselect(v, x, v128.or(v128.ne<T>(v, v), max ? v128.lt<T>(x, v) : v128.gt<T>(x, v)));
}

/**
 * The extreme of n elements at p (float32: 4 lanes, float64: 2), in two vectors of lanes at a time
 * (two chains: a vector's compare and select wait on the one before in the same chain).
 */
@inline function extreme<T>(p: usize, n: i32, max: bool): T {
  const size = <usize>sizeof<T>(), lanes = <i32>(16 / size);
  let acc = load<T>(p);
  let i = 0;
  if (n >= 2 * lanes) {
    let v = v128.load(p), w = v128.load(p + 16);
    for (i = 2 * lanes; i + 2 * lanes <= n; i += 2 * lanes) {
      v = keepLanes<T>(v, v128.load(p + <usize>i * size), max);
      w = keepLanes<T>(w, v128.load(p + <usize>i * size, 16), max);
    }
    v = keepLanes<T>(v, w, max);
    if (i + lanes <= n) { v = keepLanes<T>(v, v128.load(p + <usize>i * size), max); i += lanes; }
    if (sizeof<T>() == 4) {
      acc = <T>f32x4.extract_lane(v, 0);
      acc = keep<T>(acc, <T>f32x4.extract_lane(v, 1), max);
      acc = keep<T>(acc, <T>f32x4.extract_lane(v, 2), max);
      acc = keep<T>(acc, <T>f32x4.extract_lane(v, 3), max);
    } else {
      acc = keep<T>(<T>f64x2.extract_lane(v, 0), <T>f64x2.extract_lane(v, 1), max);
    }
  }
  for (; i < n; i++) acc = keep<T>(acc, load<T>(p + <usize>i * size), max);
  return acc;
}

// ---------------------------------------------------------------- sums over leading axes

/**
 * o[j] (+)= the sum over i < rows of p[i*cols + j], row by row in order, every addition rounded to the
 * storage's precision: the scalar loop's order (it walks memory in order into a zeroed output), vectors
 * across columns. `more` continues the sums already at o (a group of rows split across tiles).
 */
export function colSumsF32(p: usize, rows: i32, cols: i32, o: usize, more: i32): void {
  colSums<f32>(p, rows, cols, o, more != 0);
}
export function colSumsF64(p: usize, rows: i32, cols: i32, o: usize, more: i32): void {
  colSums<f64>(p, rows, cols, o, more != 0);
}

@inline function colSums<T>(p: usize, rows: i32, cols: i32, o: usize, more: bool): void {
  const size = <usize>sizeof<T>(), stride = <usize>cols * size;
  for (let j = 0; j < cols; j += <i32>(16 / size)) {
    const at = <usize>j * size;
    let acc = more ? v128.load(o + at) : v128.splat<T>(0);
    let q = p + at;
    for (let i = 0; i < rows; i++) { acc = v128.add<T>(acc, v128.load(q)); q += stride; }
    v128.store(o + at, acc);
  }
}

/**
 * o[j] = the max (max != 0) or min down column j of rows x cols elements at p, onto o's values when
 * `more` (a later tile of rows), else from the first row: the scalar loop's rule, row by row in order
 * (keep the running value when it is NaN or beats the element), so its bits, zeros and NaNs included.
 */
export function colExtremesF32(p: usize, rows: i32, cols: i32, o: usize, more: i32, max: i32): void {
  colExtremes<f32>(p, rows, cols, o, more != 0, max != 0);
}
export function colExtremesF64(p: usize, rows: i32, cols: i32, o: usize, more: i32, max: i32): void {
  colExtremes<f64>(p, rows, cols, o, more != 0, max != 0);
}
@inline function colExtremes<T>(p: usize, rows: i32, cols: i32, o: usize, more: bool, max: bool): void {
  const size = <usize>sizeof<T>(), stride = <usize>cols * size;
  for (let j = 0; j < cols; j += <i32>(16 / size)) {
    const at = <usize>j * size;
    let acc = v128.load(more ? o + at : p + at);
    let q = p + at;
    for (let i = 0; i < rows; i++) { acc = keepLanes<T>(acc, v128.load(q), max); q += stride; }
    v128.store(o + at, acc);
  }
}

// ---------------------------------------------------------------- where

/**
 * o[i] = c[i*sc] ? a[i*sa] : b[i*sb] for i < n, c bytes (bool), a, b and o 4-byte (lanes = 4) or
 * 8-byte (lanes = 2) elements; each stride 0 (one element repeated) or 1. A select on a mask, with no
 * branch to mispredict: the bits are the operands' own.
 */
export function select(c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32, lanes: i32): void {
  const zero = i32x4.splat(0);
  const ac = <usize>sa * 16, bc = <usize>sb * 16;
  const cone = sc ? i32x4.splat(0) : lanes == 4 ? i32x4.splat(<i32>load<u8>(c)) : i64x2.splat(<i64>load<u8>(c));
  if (lanes == 4) {
    const a0 = v128.load32_splat(a), b0 = v128.load32_splat(b);
    let ap = a, bp = b;
    for (let i = 0; i < n; i += 4) {
      const m = sc ? i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(c + <usize>i))) : cone;
      const x = sa ? v128.load(ap) : a0, y = sb ? v128.load(bp) : b0;
      v128.store(o, v128.bitselect(y, x, i32x4.eq(m, zero)));
      ap += ac; bp += bc; o += 16;
    }
  } else {
    const a0 = v128.load64_splat(a), b0 = v128.load64_splat(b);
    let ap = a, bp = b;
    for (let i = 0; i < n; i += 2) {
      const m = sc ? i64x2.extend_low_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load16_splat(c + <usize>i)))) : cone;
      const x = sa ? v128.load(ap) : a0, y = sb ? v128.load(bp) : b0;
      v128.store(o, v128.bitselect(y, x, i64x2.eq(m, i64x2.splat(0))));
      ap += ac; bp += bc; o += 16;
    }
  }
}

// ---------------------------------------------------------------- argmax and argmin of rows

/**
 * o[r] = the index of row r's max (max != 0) or min, as the scalar loop finds it: the first NaN if
 * there is one, else the first element equal to the extreme (+0 and -0 are equal). Lanes keep their
 * own first extreme and its index; the lanes are merged on the smallest index among NaNs, else among
 * the largest (or smallest) values; the tail continues the scalar rule.
 */
export function rowArgExtremesF32(p: usize, rows: i32, cols: i32, o: usize, max: i32): void {
  for (let r = 0; r < rows; r++) store<i32>(o + (<usize>r << 2), argExtreme<f32>(p + (<usize>(r * cols) << 2), cols, max != 0));
}
export function rowArgExtremesF64(p: usize, rows: i32, cols: i32, o: usize, max: i32): void {
  for (let r = 0; r < rows; r++) store<i32>(o + (<usize>r << 2), argExtreme<f64>(p + (<usize>(r * cols) << 3), cols, max != 0));
}

/** Lane l of a vector of T (f32 or f64), and of its index vector (i32 or i64 lanes alike). */
@inline function laneOf<T>(v: v128, l: i32): T {
  if (sizeof<T>() == 8) return <T>(l == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1));
  return <T>(l == 0 ? f32x4.extract_lane(v, 0) : l == 1 ? f32x4.extract_lane(v, 1) : l == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3));
}
@inline function indexOf<T>(v: v128, l: i32): i32 {
  if (sizeof<T>() == 8) return <i32>(l == 0 ? i64x2.extract_lane(v, 0) : i64x2.extract_lane(v, 1));
  return l == 0 ? i32x4.extract_lane(v, 0) : l == 1 ? i32x4.extract_lane(v, 1) : l == 2 ? i32x4.extract_lane(v, 2) : i32x4.extract_lane(v, 3);
}

function argExtreme<T>(p: usize, n: i32, max: bool): i32 {
  const size = <usize>sizeof<T>(), lanes = <i32>(16 / size), f64 = sizeof<T>() == 8;
  let best: T = load<T>(p), at = 0, i = 1;
  if (n >= 2 * lanes) {
    // Each lane's index beside its value, in lanes of the same width (the masks select both); two
    // vectors at a time, each lane of each keeping the first extreme of its own elements.
    let v = v128.load(p), w = v128.load(p + 16);
    let iv = f64 ? i64x2(0, 1) : i32x4(0, 1, 2, 3), iw = f64 ? i64x2(2, 3) : i32x4(4, 5, 6, 7);
    const step = f64 ? i64x2.splat(4) : i32x4.splat(8);
    let cv = f64 ? i64x2.add(iv, step) : i32x4.add(iv, step), cw = f64 ? i64x2.add(iw, step) : i32x4.add(iw, step);
    for (i = 2 * lanes; i + 2 * lanes <= n; i += 2 * lanes) {
      const x = v128.load(p + <usize>i * size), y = v128.load(p + <usize>i * size, 16);
      const tx = v128.andnot(v128.or(v128.ne<T>(x, x), max ? v128.gt<T>(x, v) : v128.lt<T>(x, v)), v128.ne<T>(v, v));
      const ty = v128.andnot(v128.or(v128.ne<T>(y, y), max ? v128.gt<T>(y, w) : v128.lt<T>(y, w)), v128.ne<T>(w, w));
      v = v128.bitselect(x, v, tx); iv = v128.bitselect(cv, iv, tx);
      w = v128.bitselect(y, w, ty); iw = v128.bitselect(cw, iw, ty);
      if (f64) { cv = i64x2.add(cv, step); cw = i64x2.add(cw, step); } else { cv = i32x4.add(cv, step); cw = i32x4.add(cw, step); }
    }
    // Merge the lanes of both: the first NaN, else the first of the extreme values.
    best = laneOf<T>(v, 0); at = indexOf<T>(iv, 0);
    for (let l = 1; l < 2 * lanes; l++) {
      const lv = l < lanes ? laneOf<T>(v, l) : laneOf<T>(w, l - lanes), li = l < lanes ? indexOf<T>(iv, l) : indexOf<T>(iw, l - lanes);
      if (best != best) { if (lv != lv && li < at) at = li; continue; }
      if (lv != lv || (max ? lv > best : lv < best) || (lv == best && li < at)) { best = lv; at = li; }
    }
  }
  if (best == best) {
    for (; i < n; i++) {
      const x = load<T>(p + <usize>i * size);
      if (x != x) { at = i; break; }
      if (max ? x > best : x < best) { best = x; at = i; }
    }
  }
  return at;
}

// ---------------------------------------------------------------- transposes

/**
 * dst (cols x rows) = the transpose of src (rows x cols), elements of 4 bytes (any type: only bits
 * move). 4x4 blocks are transposed in registers, within 32x32 tiles so that the tile's rows in both
 * matrices stay in the L1 cache; the edges past a multiple of 4 go element by element.
 */
export function transpose32(src: usize, rows: i32, cols: i32, dst: usize): void {
  const r4 = rows & ~3, c4 = cols & ~3;
  const srow = <usize>cols << 2, drow = <usize>rows << 2;
  for (let i0 = 0; i0 < r4; i0 += 32) {
    const i1 = min(i0 + 32, r4);
    for (let j0 = 0; j0 < c4; j0 += 32) {
      const j1 = min(j0 + 32, c4);
      for (let i = i0; i < i1; i += 4) {
        let s = src + <usize>i * srow + (<usize>j0 << 2);
        let d = dst + <usize>j0 * drow + (<usize>i << 2);
        for (let j = j0; j < j1; j += 4) {
          const v0 = v128.load(s), v1 = v128.load(s + srow), v2 = v128.load(s + 2 * srow), v3 = v128.load(s + 3 * srow);
          const t0 = v128.shuffle<i32>(v0, v1, 0, 4, 1, 5), t1 = v128.shuffle<i32>(v0, v1, 2, 6, 3, 7);
          const t2 = v128.shuffle<i32>(v2, v3, 0, 4, 1, 5), t3 = v128.shuffle<i32>(v2, v3, 2, 6, 3, 7);
          v128.store(d, v128.shuffle<i64>(t0, t2, 0, 2));
          v128.store(d + drow, v128.shuffle<i64>(t0, t2, 1, 3));
          v128.store(d + 2 * drow, v128.shuffle<i64>(t1, t3, 0, 2));
          v128.store(d + 3 * drow, v128.shuffle<i64>(t1, t3, 1, 3));
          s += 16; d += 4 * drow;
        }
      }
    }
  }
  // The last rows (all columns) and the last columns (the rows above them).
  for (let i = r4; i < rows; i++) for (let j = 0; j < cols; j++) store<u32>(dst + ((<usize>j * <usize>rows + <usize>i) << 2), load<u32>(src + ((<usize>i * <usize>cols + <usize>j) << 2)));
  for (let i = 0; i < r4; i++) for (let j = c4; j < cols; j++) store<u32>(dst + ((<usize>j * <usize>rows + <usize>i) << 2), load<u32>(src + ((<usize>i * <usize>cols + <usize>j) << 2)));
}

/** The same for 8-byte elements, in 2x2 blocks. */
export function transpose64(src: usize, rows: i32, cols: i32, dst: usize): void {
  const r2 = rows & ~1, c2 = cols & ~1;
  const srow = <usize>cols << 3, drow = <usize>rows << 3;
  for (let i0 = 0; i0 < r2; i0 += 16) {
    const i1 = min(i0 + 16, r2);
    for (let j0 = 0; j0 < c2; j0 += 16) {
      const j1 = min(j0 + 16, c2);
      for (let i = i0; i < i1; i += 2) {
        let s = src + <usize>i * srow + (<usize>j0 << 3);
        let d = dst + <usize>j0 * drow + (<usize>i << 3);
        for (let j = j0; j < j1; j += 2) {
          const v0 = v128.load(s), v1 = v128.load(s + srow);
          v128.store(d, v128.shuffle<i64>(v0, v1, 0, 2));
          v128.store(d + drow, v128.shuffle<i64>(v0, v1, 1, 3));
          s += 16; d += 2 * drow;
        }
      }
    }
  }
  for (let i = r2; i < rows; i++) for (let j = 0; j < cols; j++) store<u64>(dst + ((<usize>j * <usize>rows + <usize>i) << 3), load<u64>(src + ((<usize>i * <usize>cols + <usize>j) << 3)));
  for (let i = 0; i < r2; i++) for (let j = c2; j < cols; j++) store<u64>(dst + ((<usize>j * <usize>rows + <usize>i) << 3), load<u64>(src + ((<usize>i * <usize>cols + <usize>j) << 3)));
}

// ---------------------------------------------------------------- Box-Muller with avx_mathfun's float32 log and sincos
// PyTorch's AVX2 normal_fill, block by block of 16 uniforms u: radius = sqrt(-2 log(1 - u[0..8))),
// theta = 2 pi u[8..16), then radius cos theta and radius sin theta, times std plus mean (fused),
// in place. log256_ps and sincos256_ps are Cephes polynomials with GCC's fused multiply-adds; f32x4
// arithmetic rounds as AVX's does, and relaxed madd fuses where FUSED_F32 says so (else the caller
// keeps its JavaScript lanes, src/api/random/avx_mathfun.ts, which these steps follow one for one).

/** Whether f32x4 relaxed madd fuses: (1 + 2^-12)^2 - 1 keeps its 2^-24 term only when rounded once. */
const PROBE_F32 = memory.data<f32>([1 + 2.44140625e-4, -1]);
const FUSED_F32: bool = f32x4.extract_lane(f32x4.relaxed_madd(v128.load32_splat(PROBE_F32), v128.load32_splat(PROBE_F32), v128.load32_splat(PROBE_F32 + 4)), 0) == <f32>(4.8828125e-4 + 5.9604644775390625e-8);

@inline function fs(x: f32): v128 { return f32x4.splat(x); }
@inline function fmaF32(a: v128, b: v128, c: v128): v128 { return f32x4.relaxed_madd(a, b, c); }

/** log256_ps for x > 0 (1 - u, u in [0, 1)). */
@inline function logCephes(x0: v128): v128 {
  let x = f32x4.max(x0, fs(1.17549435e-38)); // cut off denormals
  let imm = i32x4.shr_u(x, 23);
  x = v128.or(v128.and(x, i32x4.splat(~0x7f800000)), fs(0.5)); // the mantissa with 0.5's exponent
  let e = f32x4.add(f32x4.convert_i32x4_s(i32x4.sub(imm, i32x4.splat(127))), fs(1));
  const small = f32x4.lt(x, fs(<f32>0.707106781186547524));
  const tmp = v128.and(x, small);
  x = f32x4.sub(x, fs(1));
  e = f32x4.sub(e, v128.and(fs(1), small));
  x = f32x4.add(x, tmp);
  const z = f32x4.mul(x, x);
  let y = fs(<f32>7.0376836292e-2);
  y = fmaF32(y, x, fs(<f32>-1.1514610310e-1));
  y = fmaF32(y, x, fs(<f32>1.1676998740e-1));
  y = fmaF32(y, x, fs(<f32>-1.2420140846e-1));
  y = fmaF32(y, x, fs(<f32>1.4249322787e-1));
  y = fmaF32(y, x, fs(<f32>-1.6668057665e-1));
  y = fmaF32(y, x, fs(<f32>2.0000714765e-1));
  y = fmaF32(y, x, fs(<f32>-2.4999993993e-1));
  y = fmaF32(y, x, fs(<f32>3.3333331174e-1));
  y = f32x4.mul(y, x);
  y = fmaF32(y, z, f32x4.mul(e, fs(<f32>-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, fs(0.5)));
  x = f32x4.add(x, y);
  return fmaF32(e, fs(<f32>0.693359375), x);
}

/**
 * o[i] for `blocks` blocks of 16 float32 uniforms at p, in place (the transform above); false when
 * relaxed madd does not fuse here.
 */
export function boxMullerCephesF32(p: usize, blocks: i32, mean: f32, std: f32, twoPi: f32): bool {
  if (!FUSED_F32) return false;
  const zero = i32x4.splat(0), four = i32x4.splat(4);
  for (let b = 0; b < blocks; b++) {
    for (let h: usize = 0; h < 32; h += 16) {
      const at = p + (<usize>b << 6) + h;
      const radius = f32x4.sqrt(f32x4.mul(fs(-2), logCephes(f32x4.sub(fs(1), v128.load(at)))));
      // sincos256_ps of theta = 2 pi u2 (theta >= 0: the sine's own sign is +).
      let x = f32x4.mul(fs(twoPi), v128.load(at, 32));
      let j = i32x4.trunc_sat_f32x4_s(f32x4.mul(x, fs(<f32>1.27323954473516)));
      j = v128.and(i32x4.add(j, i32x4.splat(1)), i32x4.splat(~1));
      const y = f32x4.convert_i32x4_s(j);
      const swapSin = i32x4.ne(v128.and(j, four), zero);
      const poly2 = i32x4.eq(v128.and(j, i32x4.splat(2)), zero);
      x = fmaF32(y, fs(<f32>-0.78515625), x);
      x = fmaF32(y, fs(<f32>-2.4187564849853515625e-4), x);
      x = fmaF32(y, fs(<f32>-3.77489497744594108e-8), x);
      const signCos = i32x4.ne(v128.and(v128.not(i32x4.sub(j, i32x4.splat(2))), four), zero);
      const z = f32x4.mul(x, x);
      let yc = fmaF32(fs(<f32>2.443315711809948e-005), z, fs(<f32>-1.388731625493765e-003));
      yc = fmaF32(yc, z, fs(<f32>4.166664568298827e-002));
      yc = f32x4.mul(yc, z);
      yc = f32x4.add(fmaF32(yc, z, f32x4.neg(f32x4.mul(z, fs(0.5)))), fs(1));
      let ys = fmaF32(fs(<f32>-1.9515295891e-4), z, fs(<f32>8.3321608736e-3));
      ys = fmaF32(ys, z, fs(<f32>-1.6666654611e-1));
      ys = fmaF32(f32x4.mul(ys, z), x, x);
      const s = v128.bitselect(ys, yc, poly2), c = v128.bitselect(yc, ys, poly2);
      const sin = v128.bitselect(f32x4.neg(s), s, swapSin), cos = v128.bitselect(f32x4.neg(c), c, signCos);
      v128.store(at, fmaF32(f32x4.mul(radius, cos), fs(std), fs(mean)));
      v128.store(at, fmaF32(f32x4.mul(radius, sin), fs(std), fs(mean)), 32);
    }
  }
  return true;
}

// ---------------------------------------------------------------- XLA's float32 erf_inv, times sqrt 2 (jax.random.normal)
// Giles' single-precision polynomial in w = -log1p(-x^2), as XLA's CPU backend emits it with fused
// multiply-adds (src/api/random/xla_math.ts, erfInv32, which these steps follow one for one): log1p by
// Cephes' rational below sqrt(2) - 1, else the correctly rounded logf of 1 + x, here the fast double
// log certified as the float32 transcendentals are. Lanes it cannot certify are listed for the caller.

const L1P_NUM = memory.data<f32>([4.5270000862445199635215e-5, 4.9854102823193375972212e-1, 6.5787325942061044846969e0,
  2.9911919328553073277375e1, 6.0949667980987787057556e1, 5.7112963590585538103336e1, 2.0039553499201281259648e1]);
const L1P_DEN = memory.data<f32>([1, 1.5062909083469192043167e1, 8.3047565967967209469434e1, 2.2176239823732856465394e2,
  3.0909872225312059774938e2, 2.1642788614495947685003e2, 6.0118660497603843919306e1]);
const EI_LT5 = memory.data<f32>([2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
  -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]);
const EI_GE5 = memory.data<f32>([-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
  -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]);

/** Appends to the int32 list at `list` (from `count`) the indices i + l of the lanes set in mask, those below n. */
@inline function listLanes(mask: v128, i: i32, n: i32, list: usize, count: i32): i32 {
  if (i32x4.extract_lane(mask, 0) != 0) { store<i32>(list + (<usize>count << 2), i); count++; }
  if (i32x4.extract_lane(mask, 1) != 0 && i + 1 < n) { store<i32>(list + (<usize>count << 2), i + 1); count++; }
  if (i32x4.extract_lane(mask, 2) != 0 && i + 2 < n) { store<i32>(list + (<usize>count << 2), i + 2); count++; }
  if (i32x4.extract_lane(mask, 3) != 0 && i + 3 < n) { store<i32>(list + (<usize>count << 2), i + 3); count++; }
  return count;
}

/** The polynomial with float32 coefficients at c (count of them, highest first), XLA's fused chain from 0. */
@inline function polyF32(c: usize, count: i32, x: v128): v128 {
  let p = v128.load32_splat(c);
  for (let i = 1; i < count; i++) p = fmaF32(p, x, v128.load32_splat(c + (<usize>i << 2)));
  return p;
}

/**
 * o[i] = sqrt(2) erf_inv(u[i]) for n float32 u in (-1, 1) at p, in place. Returns how many lanes it
 * could not certify (their logf near a float32 rounding midpoint); their indices are at `unsure`
 * (int32s), and their values are to be recomputed. -1 when the kernels cannot run here (relaxed madd
 * does not fuse).
 */
export function erfInvSqrt2F32(p: usize, n: i32, sqrt2: f32, unsure: usize): i32 {
  if (!FUSED_F32 || !FUSED) return -1;
  let count = 0;
  for (let i = 0; i < n; i += 4) {
    const at = p + (<usize>i << 2);
    const x = v128.load(at);
    const t = f32x4.neg(f32x4.mul(x, x));
    // log1p(t): the rational where |t| < sqrt(2) - 1 (no float32 lies between that and its rounding up).
    const small = f32x4.lt(f32x4.abs(t), fs(<f32>0.41421356237309504880));
    const t2 = f32x4.mul(t, t);
    let r = f32x4.div(polyF32(L1P_NUM, 7, t), polyF32(L1P_DEN, 7, t));
    r = f32x4.mul(f32x4.mul(t, t2), r);
    r = fmaF32(fs(-0.5), t2, r);
    const viaRational = f32x4.add(t, r);
    // logf(1 + t) elsewhere, from the fast double log rounded once (certified against midpoints).
    const y = f32x4.add(t, fs(1));
    const dl = logFast(f64x2.promote_low_f32x4(y)), dh = logFast(f64x2.promote_low_f32x4(v128.shuffle<f32>(y, y, 2, 3, 2, 3)));
    const viaLog = v128.shuffle<f32>(f32x4.demote_f64x2_zero(dl), f32x4.demote_f64x2_zero(dh), 0, 1, 4, 5);
    const doubt = v128.andnot(nearMidpoint(dl, dh), small);
    if (v128.any_true(doubt)) count = listLanes(doubt, i, n, unsure, count);
    let w = f32x4.neg(v128.bitselect(viaRational, viaLog, small));
    const lt = f32x4.lt(w, fs(5));
    w = v128.bitselect(f32x4.sub(w, fs(2.5)), f32x4.sub(f32x4.sqrt(w), fs(3)), lt);
    let q = v128.bitselect(v128.load32_splat(EI_LT5), v128.load32_splat(EI_GE5), lt);
    for (let k: usize = 1; k < 9; k++) q = fmaF32(q, w, v128.bitselect(v128.load32_splat(EI_LT5 + (k << 2)), v128.load32_splat(EI_GE5 + (k << 2)), lt));
    v128.store(at, f32x4.mul(fs(sqrt2), f32x4.mul(q, x)));
  }
  return count;
}

// ---------------------------------------------------------------- PCG64 (XSL-RR 128/64), NumPy's default bit generator
// The 128-bit state and increment as two u64 each at s (state lo, hi, inc lo, hi); m outputs written
// at o as [high word, low word] pairs (src/api/random/numpy_bitgen.ts's order), the state advanced.

/** The high 64 bits of the 128-bit product a b. */
@inline function mulHigh(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

export function pcg64Fill(s: usize, o: usize, m: i32): void {
  const MULT_HI: u64 = 2549297995355413924, MULT_LO: u64 = 4865540595714422341;
  let lo = load<u64>(s), hi = load<u64>(s, 8);
  const incLo = load<u64>(s, 16), incHi = load<u64>(s, 24);
  for (let i = 0; i < m; i++) {
    // state = state * MULT + inc (mod 2^128)
    const pLo = lo * MULT_LO;
    const pHi = mulHigh(lo, MULT_LO) + lo * MULT_HI + hi * MULT_LO;
    lo = pLo + incLo;
    hi = pHi + incHi + (lo < pLo ? 1 : 0);
    const x = rotr<u64>(hi ^ lo, hi >> 58);
    store<u32>(o + (<usize>i << 3), <u32>(x >> 32));
    store<u32>(o + (<usize>i << 3), <u32>x, 4);
  }
  store<u64>(s, lo);
  store<u64>(s, hi, 8);
}

// ---------------------------------------------------------------- Philox-4x32-10 (TensorFlow's counter-based generator)
// m 128-bit blocks at o (four u32 words each) from the 128-bit counter at c (four u32 words, least
// significant first), which steps by one per block, under the 64-bit key at k (two u32 words).

export function philoxFill(c: usize, k: usize, o: usize, m: i32): void {
  let c0 = load<u32>(c), c1 = load<u32>(c, 4), c2 = load<u32>(c, 8), c3 = load<u32>(c, 12);
  const key0 = load<u32>(k), key1 = load<u32>(k, 4);
  for (let i = 0; i < m; i++) {
    let x0 = c0, x1 = c1, x2 = c2, x3 = c3, k0 = key0, k1 = key1;
    for (let r = 0; r < 10; r++) {
      const p0 = <u64>0xd2511f53 * <u64>x0, p1 = <u64>0xcd9e8d57 * <u64>x2;
      const n0 = <u32>(p1 >> 32) ^ x1 ^ k0, n2 = <u32>(p0 >> 32) ^ x3 ^ k1;
      x1 = <u32>p1; x3 = <u32>p0; x0 = n0; x2 = n2;
      k0 += 0x9e3779b9; k1 += 0xbb67ae85;
    }
    const at = o + (<usize>i << 4);
    store<u32>(at, x0); store<u32>(at, x1, 4); store<u32>(at, x2, 8); store<u32>(at, x3, 12);
    // The counter's carry through its words.
    c0++;
    if (c0 == 0) { c1++; if (c1 == 0) { c2++; if (c2 == 0) c3++; } }
  }
  store<u32>(c, c0); store<u32>(c, c1, 4); store<u32>(c, c2, 8); store<u32>(c, c3, 12);
}
