// The `jacobi` command line: each subcommand lives in its own module and is loaded on demand,
// so `jacobi repl` never loads the kernel's ZeroMQ binding and vice versa.
import { enableRelaxedSimd } from './kernels/relaxed_simd.js';

const USAGE = `usage: jacobi [repl] | kernel --connection-file FILE | install [--user|--sys-prefix|--prefix DIR] [--name NAME] | uninstall [--name NAME] | doctest [paths...]`;

export async function main(argv: string[]): Promise<void> {
  enableRelaxedSimd(); // before any thread starts: it sets a V8 flag (src/kernels/relaxed_simd.ts)
  const [command = 'repl', ...rest] = argv;
  try {
    switch (command) {
      case 'repl':
        await (await import('./session/repl.js')).runRepl(rest);
        return;
      case 'kernel':
        await (await import('../kernel/main.js')).runKernel(rest);
        return;
      case 'install':
        await (await import('../kernel/install.js')).install(rest);
        return;
      case 'uninstall':
        await (await import('../kernel/install.js')).uninstall(rest);
        return;
      case 'doctest':
        process.exitCode = await (await import('./doctest/cli.js')).runDoctest(rest);
        return;
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return;
      default:
        console.error(`jacobi: unknown command '${command}'\n${USAGE}`);
        process.exitCode = 2;
    }
  } catch (e) {
    console.error(`jacobi ${command}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
