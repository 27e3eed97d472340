// Loads ../shared/golden/printing.json (the `shared` folder beside the repo root) and builds tensors from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DType, TensorData } from '../../src/tensor/dtype.js';

/** dist/spec/format -> repo root is three levels up. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const goldenPath = path.resolve(repoRoot, '..', 'shared', 'golden', 'printing.json');

export interface GoldenCase {
  id: string;
  dtype: DType;
  shape: number[];
  bits: string[];
  np_repr: string;
  np_str: string;
  torch_str?: string;
  jax_repr_emul: string;
  tf_repr_emul: string;
  tf_str_emul: string;
}

export interface TorchExtra {
  desc: string;
  torch_str: string;
  dtype: DType;
  shape: number[];
  values: (number | string)[];
  suffixes: string[];
}

export interface Golden {
  cases: GoldenCase[];
  f32_scalars: [string, string, string][];
  f64_scalars: [string, string, string, string][];
  torch_extra: TorchExtra[];
  torch_size_repr: Record<string, string>;
}

export function loadGolden(): Golden {
  return JSON.parse(readFileSync(goldenPath, 'utf8')) as Golden;
}

export function f32FromBits(hex: string): number {
  const u = new Uint32Array([parseInt(hex, 16)]);
  return new Float32Array(u.buffer)[0];
}

export function f64FromBits(hex: string): number {
  const b = new BigUint64Array([BigInt('0x' + hex)]);
  return new Float64Array(b.buffer)[0];
}

/** Typed storage for a golden case, decoded from its hex bit patterns. */
export function dataFromBits(dtype: DType, bits: readonly string[]): TensorData {
  switch (dtype) {
    case 'float32': {
      const u = Uint32Array.from(bits, (h) => parseInt(h, 16));
      return new Float32Array(u.buffer);
    }
    case 'float64': {
      const u = BigUint64Array.from(bits, (h) => BigInt('0x' + h));
      return new Float64Array(u.buffer);
    }
    case 'int32':
      return Int32Array.from(bits, (h) => parseInt(h, 16) | 0);
    case 'int64':
      return BigInt64Array.from(bits, (h) => BigInt.asIntN(64, BigInt('0x' + h)));
    case 'bool':
      return Uint8Array.from(bits, (h) => parseInt(h, 16));
    default:
      throw new Error(`no golden data of dtype ${dtype}`);
  }
}
