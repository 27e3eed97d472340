// The bytes of a WebAssembly module built into dist/src/kernels/wasm/. Found beside this module, or
// from the package's bundle (dist/jacobi.js), where `import.meta.url` is the bundle's.
import { readFileSync } from 'node:fs';

export function wasmBytes(name: string): Uint8Array {
  try {
    return readFileSync(new URL(`./wasm/${name}`, import.meta.url));
  } catch {
    return readFileSync(new URL(`./src/kernels/wasm/${name}`, import.meta.url));
  }
}
