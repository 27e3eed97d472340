// Session latency: the median time to evaluate `1 + 1` after warm-up, and the REPL's cold start to its
// first prompt (a fresh `node bin/jacobi.js repl` in a pseudo-terminal, timed until `>>> ` appears).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../src/session/session.js';
import type { OutputSink } from '../src/session/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function trivialCell(): Promise<{ medianMs: number; readyMs: number }> {
  const t0 = performance.now();
  const session = new Session();
  await session.ready;
  const readyMs = performance.now() - t0;
  const sink: OutputSink = { stream() {}, display() {}, clearOutput() {} };
  for (let i = 0; i < 200; i++) await session.execute('1 + 1', sink);
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await session.execute('1 + 1', sink);
    times.push(performance.now() - t);
  }
  return { medianMs: median(times), readyMs };
}

/** Python's pty module times the first prompt from outside the process, as a user would see it. */
const FIRST_PROMPT = `
import os, pty, sys, time, select
t0 = time.time()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b''
while b'>>> ' not in out:
    r, _, _ = select.select([fd], [], [], 5)
    if not r: break
    out += os.read(fd, 4096)
print((time.time() - t0) * 1000)
os.kill(pid, 9)
`;

function coldStarts(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = spawnSync('python3', ['-c', FIRST_PROMPT, process.execPath, path.join(ROOT, 'bin/jacobi.js'), 'repl'], {
      encoding: 'utf8', env: { ...process.env, JACOBI_HISTORY: '' },
    });
    out.push(Number(r.stdout.trim()));
  }
  return out;
}

const cell = await trivialCell();
const starts = coldStarts(7);
console.log(`session ready (TypeScript, facades): ${cell.readyMs.toFixed(0)} ms`);
console.log(`evaluate \`1 + 1\`, median after warm-up: ${(cell.medianMs * 1000).toFixed(0)} µs`);
console.log(`REPL cold start to first prompt, median of ${starts.length}: ${median(starts).toFixed(0)} ms (min ${Math.min(...starts).toFixed(0)})`);
