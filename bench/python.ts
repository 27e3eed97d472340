// Python cells: what the first Python cell costs (Pyodide's load, then the cell, in a fresh process
// each time), the latency of `1 + 1` and of a small tensor operation afterwards, and the same
// operation in a TypeScript cell beside it. TypeScript cells never load Pyodide, so their latency
// is bench/session.ts's and the kernel's is bench/kernel.py's (`--python` for the Python kernel).
//
// Usage: node dist/bench/python.js [--runs N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PythonSession } from '../src/python/session.js';
import { Session } from '../src/session/session.js';
import type { OutputSink } from '../src/session/types.js';

const DIST = fileURLToPath(new URL('../src/', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const FIRST_CELL = `
const t0 = performance.now();
const { PythonSession } = await import(${JSON.stringify(DIST)} + 'python/session.js');
const { pyodideLoadTime } = await import(${JSON.stringify(DIST)} + 'python/pyodide.js');
const sink = { stream() {}, display() {}, clearOutput() {} };
const s = new PythonSession();
const t1 = performance.now();
await s.execute('1 + 1', sink);
const t2 = performance.now();
await s.execute('import torch\\nx = torch.tensor([1.0, 2.0])\\nx * 2', sink);
const t3 = performance.now();
console.log(JSON.stringify({ imports: t1 - t0, firstCell: t2 - t1, pyodide: pyodideLoadTime(), firstTorchCell: t3 - t2 }));
`;

/** In a fresh node process each time: the first cell (which loads Pyodide), then a first torch cell. */
function firstCells(n: number): { imports: number; firstCell: number; pyodide: number; firstTorchCell: number }[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', FIRST_CELL], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    out.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
  }
  return out;
}

async function latency(session: { execute(code: string, sink: OutputSink): Promise<unknown> }, code: string, n = 300): Promise<number> {
  const sink: OutputSink = { stream() {}, display() {}, clearOutput() {} };
  for (let i = 0; i < 50; i++) await session.execute(code, sink);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await session.execute(code, sink);
    times.push(performance.now() - t);
  }
  return median(times);
}

const cold = firstCells(runs);
const py = new PythonSession();
const sink: OutputSink = { stream() {}, display() {}, clearOutput() {} };
await py.execute('import torch\nx = torch.tensor([1.0, 2.0, 3.0])', sink);
const ts = new Session();
await ts.ready;
await ts.execute('const x = torch.tensor([1.0, 2.0, 3.0])', sink);

const pyOne = await latency(py, '1 + 1');
const pyOp = await latency(py, 'x * x + 1');
const tsOp = await latency(ts, 'x * x + 1');

const m = (k: keyof (typeof cold)[number]) => median(cold.map((c) => c[k]));
console.log(`Python cells (Pyodide), medians of ${runs} fresh processes:`);
console.log(`  Pyodide load (interpreter, standard library, Jacobi's package)  ${m('pyodide').toFixed(0)} ms`);
console.log(`  first Python cell \`1 + 1\`, from the session's creation          ${m('firstCell').toFixed(0)} ms`);
console.log(`  first torch cell after it (import torch, a tensor, an op)       ${m('firstTorchCell').toFixed(0)} ms`);
console.log('After warm-up, medians:');
console.log(`  Python cell \`1 + 1\`                                            ${(pyOne * 1000).toFixed(0)} µs`);
console.log(`  Python cell \`x * x + 1\` (torch, 3 elements)                     ${(pyOp * 1000).toFixed(0)} µs`);
console.log(`  TypeScript cell \`x * x + 1\` (the same)                          ${(tsOp * 1000).toFixed(0)} µs`);
process.exit(0);
