// Whether the WebAssembly kernels run: JACOBI_NO_WASM=1 in the environment at start switches them off
// for the process (the JavaScript loops and kernels then run, with the same bits); specs and the bench
// compare both within one process through withoutWasm. Read once: a process.env read costs about
// 0.16 us, a fifth of a 100-element add (measured).
let wasm = process.env.JACOBI_NO_WASM !== '1';

export function wasmKernelsOn(): boolean {
  return wasm;
}

/** Runs `f` with the WebAssembly kernels off: what the JavaScript loops and kernels compute. */
export function withoutWasm<T>(f: () => T): T {
  const before = wasm;
  wasm = false;
  try {
    return f();
  } finally {
    wasm = before;
  }
}

// Whether large float32 elementwise ops are deferred and fused (src/ops/fused.ts): JACOBI_NO_FUSION=1
// at start runs every op at once; withoutFusion does for a call (the specs compare both).
let fusion = process.env.JACOBI_NO_FUSION !== '1';

export function fusionOn(): boolean {
  return fusion;
}

/** Runs `f` with every op computed when called. */
export function withoutFusion<T>(f: () => T): T {
  const before = fusion;
  fusion = false;
  try {
    return f();
  } finally {
    fusion = before;
  }
}
