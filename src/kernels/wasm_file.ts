// Files the kernels load at run time (the .wasm modules built into dist/src/kernels/wasm/, the matmul
// worker), found beside this module or, from the package's bundle (dist/jacobi.js, where
// `import.meta.url` is the bundle's), under dist/src/kernels/.
import { existsSync, readFileSync } from 'node:fs';

/** The URL of `name` (a path relative to src/kernels) in the build. */
export function kernelFile(name: string): URL {
  const beside = new URL(`./${name}`, import.meta.url);
  return existsSync(beside) ? beside : new URL(`./src/kernels/${name}`, import.meta.url);
}

export function wasmBytes(name: string): Uint8Array {
  return readFileSync(kernelFile(`wasm/${name}`));
}
