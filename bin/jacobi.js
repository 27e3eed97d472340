#!/usr/bin/env node
// The `jacobi` command: `repl` (default), `kernel`, `install`, `uninstall`, `doctest`.
// The kernel is entered directly, so that Jupyter's start-up waits for as little as possible.
const args = process.argv.slice(2);
if (args[0] === 'kernel') import('../dist/kernel/main.js').then((m) => m.runKernel(args.slice(1)));
else import('../dist/src/cli.js').then((m) => m.main(args));
