// The kernel_info_reply content. Read from the installed packages' package.json files, never from the
// compiler itself, so the I/O worker can answer before the TypeScript compiler has loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from './wire.js';

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

let cached: Record<string, unknown> | undefined;

export function kernelInfo(): Record<string, unknown> {
  cached ??= build();
  return cached;
}

function build(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  // dist/kernel/kernel-info.js -> the package root's package.json
  const jacobi = versionOf(fileURLToPath(new URL('../../package.json', import.meta.url)));
  const typescript = versionOf(require.resolve('typescript/package.json'));
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'jacobi',
    implementation_version: jacobi,
    language_info: {
      name: 'typescript',
      version: typescript,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      codemirror_mode: { name: 'javascript', typescript: true },
      pygments_lexer: 'typescript',
      nbconvert_exporter: 'script',
    },
    banner:
      `Jacobi ${jacobi} (TypeScript ${typescript}, Node ${process.versions.node}): tensors with forward and ` +
      `reverse mode autodiff; tf, jax, jnp, torch and np are in scope.`,
    help_links: [
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/intro.html' },
      { text: 'Node.js API', url: `https://nodejs.org/docs/v${process.versions.node}/api/` },
      { text: 'tf.autodiff.ForwardAccumulator', url: 'https://www.tensorflow.org/api_docs/python/tf/autodiff/ForwardAccumulator' },
      { text: 'JAX autodiff cookbook', url: 'https://jax.readthedocs.io/en/latest/notebooks/autodiff_cookbook.html' },
    ],
  };
}
