// AssemblyScript (compiled by `npm run build` with asc to gemm.wasm, not by tsc).
// Matrix products over packed panels with fused multiply-adds (relaxed SIMD's madd, which V8 emits as
// the processor's FMA; wasm_gemm.ts checks that it fuses before using this module). Every element of C
// is one chain of fused multiply-adds over p = 0 .. k-1 in order, as OpenBLAS's kernels compute it for
// NumPy and PyTorch, so small products give their bits; the JavaScript kernel (gemm.ts) emulates the
// same fused steps exactly.
//
// A register block of C is 4 rows by 8 float32 columns (or 4 float64 columns), eight registers. Operands
// are read through byte strides, so that a row-major or transposed matrix copied as it is serves as well
// as a packed one: A's element (4 pi + r, p) is at ap + pi*api + r*ars + p*aps, B's columns 8 pj .. 8 pj + 7
// (4 pj .. for float64) of row p are contiguous at bp + pj*bpj + p*bps. Packed A (panels of [k][4]):
// api = 16k (32k), ars = 4 (8), aps = 16 (32); row-major A: api = 16k (32k), ars = 4k (8k), aps = 4 (8);
// transposed A: api = 16 (32), ars = 4 (8), aps = 4n (8n). Packed B (panels of [k][8] or [k][4]):
// bpj = 32k, bps = 32; row-major B: bpj = 32, bps = 4m (8m). Rows and columns past n and m read
// whatever follows (the caller leaves room) into lanes that are never stored. C is row-major n x m.
// (Wider blocks or an unrolled k loop spill registers under V8 and run at half the speed: measured.)
// No static data (memory.data): wasm_gemm.ts owns the memory from byte 0 (its control block, then operands).

export function gemm(ap: usize, api: i32, ars: i32, aps: i32, bp: usize, bpj: i32, bps: i32, cp: usize, n: i32, k: i32, m: i32): void {
  product<f32>(ap, api, ars, aps, bp, bpj, bps, cp, n, k, m);
}

export function gemm64(ap: usize, api: i32, ars: i32, aps: i32, bp: usize, bpj: i32, bps: i32, cp: usize, n: i32, k: i32, m: i32): void {
  product<f64>(ap, api, ars, aps, bp, bpj, bps, cp, n, k, m);
}

/** One element broadcast to every lane, loaded and broadcast in one instruction (a load and a shuffle otherwise). */
@inline function loadSplat<T>(p: usize): v128 {
  return sizeof<T>() == 4 ? v128.load32_splat(p) : v128.load64_splat(p);
}

/** The product for f32 (4 lanes, 8 columns a block) or f64 (2 lanes, 4 columns), as described at the top. */
@inline function product<T>(ap: usize, api: i32, ars: i32, aps: i32, bp: usize, bpj: i32, bps: i32, cp: usize, n: i32, k: i32, m: i32): void {
  const size = <i32>sizeof<T>();
  const width = 32 / size;
  const pn = (n + 3) >> 2;
  const pm = (m + width - 1) / width;
  const rs = <usize>ars, as = <usize>aps, bs = <usize>bps;
  for (let pi = 0; pi < pn; pi++) {
    const abase = ap + <usize>pi * <usize>api;
    for (let pj = 0; pj < pm; pj++) {
      let c00 = v128.splat<T>(0), c01 = v128.splat<T>(0);
      let c10 = v128.splat<T>(0), c11 = v128.splat<T>(0);
      let c20 = v128.splat<T>(0), c21 = v128.splat<T>(0);
      let c30 = v128.splat<T>(0), c31 = v128.splat<T>(0);
      let a0p = abase, a1p = abase + rs, a2p = abase + 2 * rs, a3p = abase + 3 * rs;
      let b = bp + <usize>pj * <usize>bpj;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(b), b1 = v128.load(b, 16);
        const a0 = loadSplat<T>(a0p), a1 = loadSplat<T>(a1p);
        const a2 = loadSplat<T>(a2p), a3 = loadSplat<T>(a3p);
        c00 = v128.relaxed_madd<T>(a0, b0, c00); c01 = v128.relaxed_madd<T>(a0, b1, c01);
        c10 = v128.relaxed_madd<T>(a1, b0, c10); c11 = v128.relaxed_madd<T>(a1, b1, c11);
        c20 = v128.relaxed_madd<T>(a2, b0, c20); c21 = v128.relaxed_madd<T>(a2, b1, c21);
        c30 = v128.relaxed_madd<T>(a3, b0, c30); c31 = v128.relaxed_madd<T>(a3, b1, c31);
        a0p += as; a1p += as; a2p += as; a3p += as; b += bs;
      }
      const i = pi << 2, j = pj * width;
      if (i + 4 <= n && j + width <= m) {
        let c = cp + <usize>(i * m + j) * <usize>size;
        const crs = <usize>(m * size);
        v128.store(c, c00); v128.store(c, c01, 16); c += crs;
        v128.store(c, c10); v128.store(c, c11, 16); c += crs;
        v128.store(c, c20); v128.store(c, c21, 16); c += crs;
        v128.store(c, c30); v128.store(c, c31, 16);
      } else {
        storeEdge<T>(cp, n, m, i, j, 0, c00, c01);
        storeEdge<T>(cp, n, m, i, j, 1, c10, c11);
        storeEdge<T>(cp, n, m, i, j, 2, c20, c21);
        storeEdge<T>(cp, n, m, i, j, 3, c30, c31);
      }
    }
  }
}

/**
 * A 1 x k by k x 1 product (a dot product of two vectors at a and b): the one chain of fused
 * multiply-adds over p that the block computes for an element, without packing the vector into a
 * panel eight columns wide (eight times its size, mostly zeros).
 */
export function dot(a: usize, b: usize, k: i32): f32 {
  return chain<f32>(a, b, k);
}
export function dot64(a: usize, b: usize, k: i32): f64 {
  return chain<f64>(a, b, k);
}

@inline function chain<T>(a: usize, b: usize, k: i32): T {
  let c = v128.splat<T>(0);
  for (let p = 0; p < k; p++) {
    c = v128.relaxed_madd<T>(loadSplat<T>(a), loadSplat<T>(b), c);
    a += sizeof<T>(); b += sizeof<T>();
  }
  return v128.extract_lane<T>(c, 0);
}

/** chain's product with strides: a's element p at a + p*as, b's at b + p*bs (bytes). */
@inline function chainStrided<T>(a: usize, as: usize, b: usize, bs: usize, k: i32): T {
  let c = v128.splat<T>(0);
  for (let p = 0; p < k; p++) {
    c = v128.relaxed_madd<T>(loadSplat<T>(a), loadSplat<T>(b), c);
    a += as; b += bs;
  }
  return v128.extract_lane<T>(c, 0);
}

// ---------------------------------------------------------------- matrix times vector
// product pads a one-column B (or a one-row A) to a whole block, 8 (or 4) times the work. These give
// each element the same chain of fused multiply-adds over p in order, with every lane busy.

/**
 * o[j] = the chain over p of M[j, p] x[p] for `rows` rows of a row-major M (row j at m + j*rs bytes,
 * contiguous in p): A @ b with one column of b, or a @ B with B transposed. The lanes run across rows:
 * a vector's worth of rows is read a vector of p at a time and transposed in registers, four such
 * groups at once (independent chains keep the multiply-adds from waiting on each other).
 */
export function rowsDot32(m: usize, rs: i32, x: usize, o: usize, rows: i32, k: i32): void { rowsDot<f32>(m, rs, x, o, rows, k); }
export function rowsDot64(m: usize, rs: i32, x: usize, o: usize, rows: i32, k: i32): void { rowsDot<f64>(m, rs, x, o, rows, k); }

@inline function rowsDot<T>(m: usize, rs: i32, x: usize, o: usize, rows: i32, k: i32): void {
  const size = <usize>sizeof<T>(), lanes = 16 / <i32>sizeof<T>();
  const r = <usize>rs, group = <usize>lanes * r;
  const kv = k - k % lanes;
  let j = 0;
  for (; j + 4 * lanes <= rows; j += 4 * lanes) {
    const g = m + <usize>j * r;
    let c0 = v128.splat<T>(0), c1 = v128.splat<T>(0), c2 = v128.splat<T>(0), c3 = v128.splat<T>(0);
    for (let p = 0; p < kv; p += lanes) {
      const off = <usize>p * size, xp = x + off;
      c0 = rowsStep<T>(g + off, r, xp, c0);
      c1 = rowsStep<T>(g + group + off, r, xp, c1);
      c2 = rowsStep<T>(g + 2 * group + off, r, xp, c2);
      c3 = rowsStep<T>(g + 3 * group + off, r, xp, c3);
    }
    for (let p = kv; p < k; p++) {
      const off = <usize>p * size, xs = loadSplat<T>(x + off);
      c0 = v128.relaxed_madd<T>(rowsColumn<T>(g + off, r), xs, c0);
      c1 = v128.relaxed_madd<T>(rowsColumn<T>(g + group + off, r), xs, c1);
      c2 = v128.relaxed_madd<T>(rowsColumn<T>(g + 2 * group + off, r), xs, c2);
      c3 = v128.relaxed_madd<T>(rowsColumn<T>(g + 3 * group + off, r), xs, c3);
    }
    const q = o + <usize>j * size;
    v128.store(q, c0); v128.store(q, c1, 16); v128.store(q, c2, 32); v128.store(q, c3, 48);
  }
  for (; j + lanes <= rows; j += lanes) {
    const g = m + <usize>j * r;
    let c = v128.splat<T>(0);
    for (let p = 0; p < kv; p += lanes) c = rowsStep<T>(g + <usize>p * size, r, x + <usize>p * size, c);
    for (let p = kv; p < k; p++) c = v128.relaxed_madd<T>(rowsColumn<T>(g + <usize>p * size, r), loadSplat<T>(x + <usize>p * size), c);
    v128.store(o + <usize>j * size, c);
  }
  for (; j < rows; j++) store<T>(o + <usize>j * size, chain<T>(m + <usize>j * r, x, k));
}

/** A group's chains advanced over `lanes` values of p: its rows' vectors at g, g + r, ... transposed. */
@inline function rowsStep<T>(g: usize, r: usize, x: usize, c: v128): v128 {
  if (sizeof<T>() == 4) {
    const r0 = v128.load(g), r1 = v128.load(g + r), r2 = v128.load(g + 2 * r), r3 = v128.load(g + 3 * r);
    const u0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), u1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
    const u2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7), u3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
    c = v128.relaxed_madd<T>(v128.shuffle<f32>(u0, u1, 0, 1, 4, 5), loadSplat<T>(x), c);
    c = v128.relaxed_madd<T>(v128.shuffle<f32>(u0, u1, 2, 3, 6, 7), loadSplat<T>(x + 4), c);
    c = v128.relaxed_madd<T>(v128.shuffle<f32>(u2, u3, 0, 1, 4, 5), loadSplat<T>(x + 8), c);
    return v128.relaxed_madd<T>(v128.shuffle<f32>(u2, u3, 2, 3, 6, 7), loadSplat<T>(x + 12), c);
  }
  const r0 = v128.load(g), r1 = v128.load(g + r);
  c = v128.relaxed_madd<T>(v128.shuffle<f64>(r0, r1, 0, 2), loadSplat<T>(x), c);
  return v128.relaxed_madd<T>(v128.shuffle<f64>(r0, r1, 1, 3), loadSplat<T>(x + 8), c);
}

/** One p's elements of a group's rows, as a vector. */
@inline function rowsColumn<T>(g: usize, r: usize): v128 {
  if (sizeof<T>() == 4) {
    let v = f32x4.splat(load<f32>(g));
    v = f32x4.replace_lane(v, 1, load<f32>(g + r));
    v = f32x4.replace_lane(v, 2, load<f32>(g + 2 * r));
    return f32x4.replace_lane(v, 3, load<f32>(g + 3 * r));
  }
  return f64x2.replace_lane(f64x2.splat(load<f64>(g)), 1, load<f64>(g + r));
}

/**
 * o[j] = the chain over p of x[p] M[p, j] for `cols` columns of a row-major M (row p at m + p*rs bytes,
 * contiguous in j): a @ B with one row of a, or A @ b with A transposed. The lanes run across
 * columns, read in place, eight vectors of columns at once.
 */
export function colsAxpy32(x: usize, m: usize, rs: i32, o: usize, k: i32, cols: i32): void { colsAxpy<f32>(x, m, rs, o, k, cols); }
export function colsAxpy64(x: usize, m: usize, rs: i32, o: usize, k: i32, cols: i32): void { colsAxpy<f64>(x, m, rs, o, k, cols); }

@inline function colsAxpy<T>(x: usize, m: usize, rs: i32, o: usize, k: i32, cols: i32): void {
  const size = <usize>sizeof<T>(), lanes = 16 / <i32>sizeof<T>();
  const r = <usize>rs;
  let j = 0;
  for (; j + 8 * lanes <= cols; j += 8 * lanes) {
    let c0 = v128.splat<T>(0), c1 = v128.splat<T>(0), c2 = v128.splat<T>(0), c3 = v128.splat<T>(0);
    let c4 = v128.splat<T>(0), c5 = v128.splat<T>(0), c6 = v128.splat<T>(0), c7 = v128.splat<T>(0);
    let row = m + <usize>j * size, xp = x;
    for (let p = 0; p < k; p++) {
      const xs = loadSplat<T>(xp);
      c0 = v128.relaxed_madd<T>(xs, v128.load(row), c0); c1 = v128.relaxed_madd<T>(xs, v128.load(row, 16), c1);
      c2 = v128.relaxed_madd<T>(xs, v128.load(row, 32), c2); c3 = v128.relaxed_madd<T>(xs, v128.load(row, 48), c3);
      c4 = v128.relaxed_madd<T>(xs, v128.load(row, 64), c4); c5 = v128.relaxed_madd<T>(xs, v128.load(row, 80), c5);
      c6 = v128.relaxed_madd<T>(xs, v128.load(row, 96), c6); c7 = v128.relaxed_madd<T>(xs, v128.load(row, 112), c7);
      row += r; xp += size;
    }
    const q = o + <usize>j * size;
    v128.store(q, c0); v128.store(q, c1, 16); v128.store(q, c2, 32); v128.store(q, c3, 48);
    v128.store(q, c4, 64); v128.store(q, c5, 80); v128.store(q, c6, 96); v128.store(q, c7, 112);
  }
  for (; j + lanes <= cols; j += lanes) {
    let c = v128.splat<T>(0);
    let row = m + <usize>j * size, xp = x;
    for (let p = 0; p < k; p++) { c = v128.relaxed_madd<T>(loadSplat<T>(xp), v128.load(row), c); row += r; xp += size; }
    v128.store(o + <usize>j * size, c);
  }
  for (; j < cols; j++) store<T>(o + <usize>j * size, chainStrided<T>(x, size, m + <usize>j * size, r, k));
}

/** One relaxed madd of each width on the given lanes, for the caller's check that it fuses. */
export function madd32(a: f32, b: f32, c: f32): f32 {
  return f32x4.extract_lane(f32x4.relaxed_madd(f32x4.splat(a), f32x4.splat(b), f32x4.splat(c)), 0);
}
export function madd64(a: f64, b: f64, c: f64): f64 {
  return f64x2.extract_lane(f64x2.relaxed_madd(f64x2.splat(a), f64x2.splat(b), f64x2.splat(c)), 0);
}

/** Row r of a block at (i, j) that crosses C's edge: the elements inside it. */
function storeEdge<T>(cp: usize, n: i32, m: i32, i: i32, j: i32, r: i32, lo: v128, hi: v128): void {
  if (i + r >= n) return;
  const size = <usize>sizeof<T>();
  const row = cp + <usize>((i + r) * m) * size;
  const width = 32 / <i32>sizeof<T>();
  for (let c = 0; c < width && j + c < m; c++) store<T>(row + <usize>(j + c) * size, laneOf<T>(lo, hi, c));
}

/** Column c of a block row held in two vectors (lane indices must be constants). */
function laneOf<T>(lo: v128, hi: v128, c: i32): T {
  if (sizeof<T>() == 4) {
    switch (c) {
      case 0: return <T>f32x4.extract_lane(lo, 0);
      case 1: return <T>f32x4.extract_lane(lo, 1);
      case 2: return <T>f32x4.extract_lane(lo, 2);
      case 3: return <T>f32x4.extract_lane(lo, 3);
      case 4: return <T>f32x4.extract_lane(hi, 0);
      case 5: return <T>f32x4.extract_lane(hi, 1);
      case 6: return <T>f32x4.extract_lane(hi, 2);
      default: return <T>f32x4.extract_lane(hi, 3);
    }
  }
  switch (c) {
    case 0: return <T>f64x2.extract_lane(lo, 0);
    case 1: return <T>f64x2.extract_lane(lo, 1);
    case 2: return <T>f64x2.extract_lane(hi, 0);
    default: return <T>f64x2.extract_lane(hi, 1);
  }
}

// ---------------------------------------------------------------- packing

/**
 * Packs `lines` lines of length k (line i's element p at src + i*ls + p*es bytes, `size`-byte elements)
 * into ceil(lines/width) panels of [k][width] at dst, lines past the end zero. Lines that are contiguous
 * across a panel (ls == size) are copied a vector at a time; others element by element.
 */
export function pack(src: usize, ls: i32, es: i32, lines: i32, k: i32, width: i32, size: i32, dst: usize): void {
  const full = lines / width;
  const row = <usize>(width * size);
  const lstep = <usize>ls, estep = <usize>es;
  if (ls == size && row == 16) {
    for (let pi = 0; pi < full; pi++) {
      let s = src + <usize>(pi * width) * lstep, d = dst + <usize>pi * <usize>k * row;
      for (let p = 0; p < k; p++) { v128.store(d, v128.load(s)); s += estep; d += 16; }
    }
  } else if (ls == size && row == 32) {
    for (let pi = 0; pi < full; pi++) {
      let s = src + <usize>(pi * width) * lstep, d = dst + <usize>pi * <usize>k * row;
      for (let p = 0; p < k; p++) { v128.store(d, v128.load(s)); v128.store(d, v128.load(s, 16), 16); s += estep; d += 32; }
    }
  } else {
    for (let pi = 0; pi < full; pi++) packPanel(src + <usize>(pi * width) * lstep, lstep, estep, width, k, width, size, dst + <usize>pi * <usize>k * row);
  }
  const rest = lines - full * width;
  if (rest > 0) packPanel(src + <usize>(full * width) * lstep, lstep, estep, rest, k, width, size, dst + <usize>full * <usize>k * row);
}

/** One panel element by element: `count` lines, the rest of the panel's width zero. */
function packPanel(src: usize, ls: usize, es: usize, count: i32, k: i32, width: i32, size: i32, dst: usize): void {
  for (let p = 0; p < k; p++) {
    const s = src + <usize>p * es, d = dst + <usize>(p * width * size);
    if (size == 4) {
      for (let r = 0; r < count; r++) store<f32>(d + (<usize>r << 2), load<f32>(s + <usize>r * ls));
      for (let r = count; r < width; r++) store<f32>(d + (<usize>r << 2), 0);
    } else {
      for (let r = 0; r < count; r++) store<f64>(d + (<usize>r << 3), load<f64>(s + <usize>r * ls));
      for (let r = count; r < width; r++) store<f64>(d + (<usize>r << 3), 0);
    }
  }
}
