// WebAssembly's relaxed SIMD (the matmul kernels' fused multiply-add) is standard from Node 22; Node 20
// has it behind a V8 flag, which this sets. Setting a V8 flag changes the flag hash that V8 checks code
// caches against, so it is set once, before any code cache is read or written (code_cache.ts calls this
// first), and never later: caches made and read in a process always see the same flags. The programs'
// entry points (the command line, the doctest session processes) call it before they start a thread;
// the kernel calls it once its I/O thread is up (kernel/main.ts: a thread started after a flag change
// cannot use Node's built-in code cache), as that thread never compiles WebAssembly.
import v8 from 'node:v8';

/** A module of one function, (a, b, c) => f32x4.relaxed_madd(a, b, c): valid where relaxed SIMD is on. */
const PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type: (v128, v128, v128) -> v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, // local.get 0..2, relaxed_madd
]);

const WA = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
let done = false;

export function enableRelaxedSimd(): void {
  if (done) return;
  done = true;
  if (!WA.validate(PROBE)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
}
