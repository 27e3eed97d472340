// The fault suite, compiler side: a huge cell must compile in time that grows linearly with its size
// and in bounded memory (a 10 MB cell took 70 s and 3.5 GB). Time is judged as a ratio to a small cell
// of the same kind compiled in the same process (CPU time, so other load matters less); memory by a
// heap limit the process must live within.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const COMPILE = fileURLToPath(new URL('../../src/session/compile.js', import.meta.url));
const TYPESCRIPT = fileURLToPath(new URL('../../src/session/typescript.js', import.meta.url));

const CHILD = `
import { compileCell } from ${JSON.stringify(COMPILE)};
import { loadTypeScript } from ${JSON.stringify(TYPESCRIPT)};
await loadTypeScript();
const [kind, smallChars, largeChars] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const value = (i) => (((i * 2654435761) % 1000003) / 1000 - 500).toFixed(4);
function cell(chars, seed) {
  const parts = [];
  let n = 0;
  for (let i = seed; n < chars; i++) {
    const part = kind === 'data'
      ? (i % 4 === 0 ? JSON.stringify({ id: i, name: 'item' + i, x: Number(value(i)), tags: ['a', 'b'] }) : '[' + [0, 1, 2, 3, 4, 5, 6, 7].map((j) => value(i * 8 + j)).join(', ') + ']')
      : 'x' + (i % 50) + ' = x' + ((i + 1) % 50) + ' * 2 + ' + value(i) + ' - y[' + (i % 9) + '];';
    parts.push(part);
    n += part.length + 2;
  }
  return kind === 'data'
    ? 'const rows = [\\n' + parts.join(',\\n') + '\\n];\\nrows.length'
    : 'let y = [1, 2, 3, 4, 5, 6, 7, 8, 9]; let ' + Array.from({ length: 50 }, (_, i) => 'x' + i + ' = 1').join(', ') + ';\\n' + parts.join('\\n');
}
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const measure = (code) => { const start = cpu(); compileCell(code); return cpu() - start; };
for (let i = 0; i < 3; i++) measure(cell(smallChars, 1000 + i));
const small = [0, 1, 2].map((i) => measure(cell(smallChars, 2000 + i))).sort((a, b) => a - b)[1];
const large = measure(cell(largeChars, 3000));
process.stdout.write(JSON.stringify({ small, large }));
`;

function measure(kind: 'data' | 'code', smallChars: number, largeChars: number, heapMb: number): { small: number; large: number } {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--input-type=module', '-e', CHILD, kind, String(smallChars), String(largeChars)], {
    encoding: 'utf8',
    timeout: 280_000,
  });
  assert.equal(r.status, 0, `the compile did not finish within a ${heapMb} MB heap: ${r.signal ?? ''} ${r.stderr.slice(-1500)}`);
  return JSON.parse(r.stdout) as { small: number; large: number };
}

describe('faults: huge cells compile linearly, in bounded memory', function () {
  this.timeout(300_000);

  it('a 10 MB cell of data: within a 512 MB heap, at most 3x the per-character time of a 256 KB one', () => {
    const small = 256 * 1024;
    const large = 10 * 1024 * 1024;
    const r = measure('data', small, large, 512);
    const ratio = r.large / r.small;
    console.log(`        256 KB: ${r.small.toFixed(0)} ms, 10 MB: ${r.large.toFixed(0)} ms CPU (x${ratio.toFixed(1)} for x${large / small} the size)`);
    assert.ok(ratio <= 3 * (large / small), `x${ratio.toFixed(1)} the time for x${large / small} the size`);
  });

  it('a 2 MB cell of operator-heavy statements: within a 256 MB heap, at most 3x the per-character time of a 128 KB one', () => {
    const small = 128 * 1024;
    const large = 2 * 1024 * 1024;
    const r = measure('code', small, large, 256);
    const ratio = r.large / r.small;
    console.log(`        128 KB: ${r.small.toFixed(0)} ms, 2 MB: ${r.large.toFixed(0)} ms CPU (x${ratio.toFixed(1)} for x${large / small} the size)`);
    assert.ok(ratio <= 3 * (large / small), `x${ratio.toFixed(1)} the time for x${large / small} the size`);
  });
});
