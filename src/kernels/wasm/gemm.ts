// AssemblyScript (compiled by `npm run build` with asc to gemm.wasm, not by tsc).
// float32 matrix product over packed panels, four rows by eight columns at a time in SIMD registers.
// A is packed as ceil(n/4) panels of [k][4] floats, B as ceil(m/8) panels of [k][8] floats (zero
// padded); C is row-major n x m. Each step multiplies then adds in float32 (two roundings), the
// same arithmetic as the JavaScript kernel, so both give identical bits.

export function gemm(ap: usize, bp: usize, cp: usize, n: i32, k: i32, m: i32): void {
  const pn = (n + 3) >> 2;
  const pm = (m + 7) >> 3;
  for (let pi = 0; pi < pn; pi++) {
    const abase = ap + <usize>(pi * k) * 16;
    for (let pj = 0; pj < pm; pj++) {
      const bbase = bp + <usize>(pj * k) * 32;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let a = abase, b = bbase;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(b), b1 = v128.load(b, 16);
        // load32_splat loads and broadcasts in one instruction (a load and a shuffle otherwise).
        const a0 = v128.load32_splat(a), a1 = v128.load32_splat(a, 4);
        const a2 = v128.load32_splat(a, 8), a3 = v128.load32_splat(a, 12);
        c00 = f32x4.add(c00, f32x4.mul(a0, b0)); c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        c10 = f32x4.add(c10, f32x4.mul(a1, b0)); c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        c20 = f32x4.add(c20, f32x4.mul(a2, b0)); c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        c30 = f32x4.add(c30, f32x4.mul(a3, b0)); c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        a += 16; b += 32;
      }
      const i = pi << 2, j = pj << 3;
      if (i + 4 <= n && j + 8 <= m) {
        let c = cp + (<usize>(i * m + j) << 2);
        const rs = <usize>m << 2;
        v128.store(c, c00); v128.store(c, c01, 16); c += rs;
        v128.store(c, c10); v128.store(c, c11, 16); c += rs;
        v128.store(c, c20); v128.store(c, c21, 16); c += rs;
        v128.store(c, c30); v128.store(c, c31, 16);
      } else {
        storeEdge(cp, n, m, i, j, 0, c00, c01);
        storeEdge(cp, n, m, i, j, 1, c10, c11);
        storeEdge(cp, n, m, i, j, 2, c20, c21);
        storeEdge(cp, n, m, i, j, 3, c30, c31);
      }
    }
  }
}

function storeEdge(cp: usize, n: i32, m: i32, i: i32, j: i32, r: i32, lo: v128, hi: v128): void {
  if (i + r >= n) return;
  const row = cp + (<usize>((i + r) * m) << 2);
  for (let c = 0; c < 8 && j + c < m; c++) {
    store<f32>(row + (<usize>(j + c) << 2), laneOf(lo, hi, c));
  }
}

function laneOf(lo: v128, hi: v128, c: i32): f32 {
  switch (c) {
    case 0: return f32x4.extract_lane(lo, 0);
    case 1: return f32x4.extract_lane(lo, 1);
    case 2: return f32x4.extract_lane(lo, 2);
    case 3: return f32x4.extract_lane(lo, 3);
    case 4: return f32x4.extract_lane(hi, 0);
    case 5: return f32x4.extract_lane(hi, 1);
    case 6: return f32x4.extract_lane(hi, 2);
    default: return f32x4.extract_lane(hi, 3);
  }
}
