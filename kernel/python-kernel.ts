// The second kernelspec, "Python (Jacobi)": the same kernel process with Python cells (Pyodide over
// the same runtime). Its kernel_info, read without loading Pyodide, and its logo.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawLogo } from './logo.js';
import { PROTOCOL_VERSION } from './wire.js';
import { pythonVersion } from '../src/python/pyodide.js';

/** The kernelspec name beside the TypeScript one (`jacobi` -> `jacobi-python`). */
export const pythonSpecName = (name: string): string => `${name}-python`;

function jacobiVersion(): string {
  try {
    return (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function pythonKernelInfo(): Record<string, unknown> {
  const jacobi = jacobiVersion();
  const python = pythonVersion();
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'jacobi',
    implementation_version: jacobi,
    language_info: {
      name: 'python',
      version: python,
      mimetype: 'text/x-python',
      file_extension: '.py',
      codemirror_mode: { name: 'ipython', version: 3 },
      pygments_lexer: 'ipython3',
      nbconvert_exporter: 'python',
    },
    banner:
      `Jacobi ${jacobi} (Python ${python} in Pyodide, Node ${process.versions.node}): numpy, tensorflow, jax and torch ` +
      `are Jacobi's facades, with forward and reverse mode autodiff.`,
    help_links: [
      { text: 'Python', url: 'https://docs.python.org/3/' },
      { text: 'tf.autodiff.ForwardAccumulator', url: 'https://www.tensorflow.org/api_docs/python/tf/autodiff/ForwardAccumulator' },
      { text: 'JAX autodiff cookbook', url: 'https://jax.readthedocs.io/en/latest/notebooks/autodiff_cookbook.html' },
      { text: 'torch.autograd', url: 'https://pytorch.org/docs/stable/autograd.html' },
    ],
  };
}

// ∂ with "py" beside it, in Python's yellow on Python's blue.
const GLYPH = [
  '................',
  '..#####.........',
  '.##...##........',
  '......##........',
  '..######........',
  '.##...##........',
  '.##...##........',
  '.##..##.........',
  '..###...........',
  '................',
  '........###.#.#.',
  '........#.#.#.#.',
  '........###.###.',
  '........#.....#.',
  '........#...###.',
  '................',
];
const PYTHON_BLUE = [0x37, 0x76, 0xab, 0xff];
const PYTHON_YELLOW = [0xff, 0xd4, 0x3b, 0xff];

export function pythonLogoPng(size: 32 | 64): Buffer {
  return drawLogo(size, GLYPH, PYTHON_BLUE, PYTHON_YELLOW);
}
