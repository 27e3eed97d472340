#!/usr/bin/env node
// The `jacobi` command: `repl` (default), `kernel`, `install`, `uninstall`, `doctest`.
import('../dist/src/cli.js').then((m) => m.main(process.argv.slice(2)));
