// Switches for whole paths of the runtime, each set off for the process by an environment variable
// at start, and for one call by its `without` function (the specs and the bench compare both paths in
// one process). Read once: a process.env read costs about 0.16 us, a fifth of a 100-element add.
//
// JACOBI_NO_WASM=1: the JavaScript loops and kernels instead of the WebAssembly ones (the same bits).
// JACOBI_NO_FUSION=1: every op computed when called, none deferred and fused (src/ops/fused.ts).

function pathSwitch(variable: string): { on: () => boolean; without: <T>(f: () => T) => T } {
  let on = process.env[variable] !== '1';
  return {
    on: () => on,
    without: <T>(f: () => T): T => {
      const before = on;
      on = false;
      try {
        return f();
      } finally {
        on = before;
      }
    },
  };
}

const wasm = pathSwitch('JACOBI_NO_WASM');
const fusion = pathSwitch('JACOBI_NO_FUSION');

export const wasmKernelsOn: () => boolean = wasm.on;
/** Runs `f` with the WebAssembly kernels off: what the JavaScript loops and kernels compute. */
export const withoutWasm: <T>(f: () => T) => T = wasm.without;
export const fusionOn: () => boolean = fusion.on;
/** Runs `f` with every op computed when called. */
export const withoutFusion: <T>(f: () => T) => T = fusion.without;
