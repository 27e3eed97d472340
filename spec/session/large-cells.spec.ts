// Large cells compile in pieces with their long literals taken out (src/session/large-cells.ts): they
// must mean exactly what the same text means compiled whole, and errors must point into the cell.
import assert from 'node:assert/strict';
import { compileCell, literalRules } from '../../src/session/compile.js';
import { LARGE_CELL_CHARS, prepare } from '../../src/session/large-cells.js';
import { Session } from '../../src/session/session.js';
import { stripAnsi } from '../../src/session/traceback.js';
import { loadTypeScript, typescript } from '../../src/session/typescript.js';
import { errorOf, run, value } from './helpers.js';

/** A literal array of `n` numbers, written over lines of `perLine`. */
function numbers(n: number, perLine = 12, start = 0): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i += perLine) {
    lines.push(Array.from({ length: Math.min(perLine, n - i) }, (_, j) => ((start + i + j) % 97) - 48.5).join(', '));
  }
  return `[\n  ${lines.join(',\n  ')}\n]`;
}

/** Statements enough to make several pieces. */
function filler(count: number, name = 'acc'): string {
  return Array.from({ length: count }, (_, i) => `${name} = ${name} + ${i % 7} * 2 - ${i % 3};`).join('\n');
}

const fillerSum = (count: number) => Array.from({ length: count }, (_, i) => (i % 7) * 2 - (i % 3)).reduce((a, b) => a + b, 0);
const numbersSum = (n: number, start = 0) => Array.from({ length: n }, (_, i) => ((start + i) % 97) - 48.5).reduce((a, b) => a + b, 0);

describe('session: large cells', function () {
  this.timeout(120_000);
  let s: Session;
  before(async () => {
    await loadTypeScript();
    s = new Session();
    await s.ready;
  });

  it('takes literals out and splits at statement ends, keeping lines and columns', () => {
    const code = `const a = ${numbers(400)};\nconst b = [1, 2];\nreturnIt([${'"x", '.repeat(200)}"y"]);\n${filler(5000)}\nlast`;
    const p = prepare(typescript(), code, literalRules());
    assert.equal(p.text.length, code.length);
    assert.deepEqual(p.text.split('\n').map((l) => l.length), code.split('\n').map((l) => l.length));
    assert.equal(p.literals.length, 2);
    assert.match(p.text, /^const a = \(\nǂ0ǂ +\n/);
    assert.ok(p.boundaries.length > 4000);
    assert.ok(p.splittable);
  });

  it('leaves alone what it cannot take out: comments, line continuations, expressions, indexing', () => {
    const ts = typescript();
    const long = '1, '.repeat(300);
    for (const literal of [`[${long} // note\n 2]`, `[${long} "a\\\n b"]`, `[${long} x]`, `[${long} 1 + 2]`, `[${long} {a}]`, `[${long} \`t\`]`, `[${long} [1][0]]`]) {
      assert.equal(prepare(ts, `const v = ${literal};`, literalRules()).literals.length, 0, literal);
    }
    assert.equal(prepare(ts, `const v = [${long} -1, +2, NaN, null, true, "s", {"k": [1], k2: -3}, [4]];`, literalRules()).literals.length, 1);
    assert.equal(prepare(ts, `x[${long} 1];`, literalRules()).literals.length, 0, 'an index is not a literal');
  });

  it('runs a large cell of data, statements, functions and awaits as the same text does whole', async () => {
    const code = [
      'function twice(v: number): number { return v * 2 }',
      `const data = ${numbers(30_000)};`,
      'let acc = 0;',
      filler(6000),
      'acc = acc + twice(data.length);',
      'await null;',
      `const more = ${numbers(20_000, 9, 5)};`,
      filler(6000),
      'const total = acc + more.reduce((x, y) => x + y, 0);',
      'total',
    ].join('\n');
    assert.ok(code.length > LARGE_CELL_CHARS * 2);
    const compiled = compileCell(code);
    assert.ok((compiled.js.match(/^(?:return |await )?\(function \(\) \{$/gm) ?? []).length > 2, 'not compiled in pieces');
    assert.ok(!compiled.js.includes('ǂ'));
    assert.equal(compiled.isAsync, true);
    assert.equal(compiled.hasValue, true);
    const expected = 2 * fillerSum(6000) + 2 * 30_000 + numbersSum(20_000, 5);
    await value(s, code);
    assert.equal(await value(s, `Number(total) === ${expected}`), 'True');
    assert.equal(await value(s, 'data.length + more.length'), '50000');
  });

  it('writes the numbers of a literal it takes out as the compiler writes them (Python floats, signs)', async () => {
    const rules = literalRules();
    assert.ok(rules, 'the probes did not come out as expected: no literal is taken out');
    for (const shape of ['int', 'float', 'ifloat', 'int-', 'float-', 'ifloat-', 'ifloat+'] as const) assert.ok(rules.numbers.get(shape), shape);
    const values = ['2.0', '-1.0', '+3.0', '1e3', '15', '-15', '1.5', '-2.25', '0x1F', '1_000', '5n', '-0.0', '7.', '1e-3'];
    const row = `[${values.join(', ')}]`;
    const big = `const rows = [\n${Array.from({ length: 20_000 }, () => `  ${row}`).join(',\n')}\n];\nlet n = 0;\n${filler(200, 'n')}\nrows.length`;
    assert.ok(big.length > LARGE_CELL_CHARS);
    assert.ok(prepare(typescript(), big, rules).literals.length === 1, 'the rows were not taken out');
    assert.equal(await value(s, big), '20000');
    // Each element as the same text compiled as a small cell gives it: Python floats stay floats.
    assert.equal(await value(s, 'rows[12345]'), await value(s, row));
    assert.equal(await value(s, 'rows[0].map((x) => typeof x).join(" ")'), await value(s, `${row}.map((x) => typeof x).join(" ")`));
  });

  it('points a runtime error in a late piece at its line and column in the cell', async () => {
    const lines = [`const table = ${numbers(20_000)};`, 'let acc = 0;', filler(8000), '  nope.x;', filler(100)];
    const code = lines.join('\n');
    const line = code.split('\n').findIndex((l) => l === '  nope.x;') + 1;
    const r = await run(s, code);
    const e = errorOf(r.outcome);
    assert.equal(e.ename, 'ReferenceError');
    // The line, and the caret under column 3 (after `-> 9671 `, the marker and the line number).
    const text = stripAnsi(e.traceback.join('\n'));
    assert.match(text, new RegExp(`Cell In\\[\\d+\\], line ${line}\\n`));
    assert.match(text, new RegExp(`-+> ${line}   nope\\.x;\\n {${Math.max(7, String(line).length + 2) + 3}}\\^\\n`));
  });

  it('points a syntax error at its line in a large cell', async () => {
    const code = [`const t = ${numbers(20_000)};`, filler(8000), 'const bad = [1 2];', filler(100)].join('\n');
    const line = code.split('\n').findIndex((l) => l.startsWith('const bad')) + 1;
    const e = errorOf((await run(s, code)).outcome);
    assert.equal(e.ename, 'SyntaxError');
    assert.match(stripAnsi(e.traceback[0]!), new RegExp(`^  Cell In\\[\\d+\\], line ${line}\\n    const bad = \\[1 2\\];\\n {19}\\^\\n`));
  });

  it('keeps hoisting: a function declared at the end is callable at the start', async () => {
    const code = ['let early = late(20);', filler(8000), `const big = ${numbers(10_000)};`, filler(8000), 'function late(v: number) { return v + 1 }', 'early'].join('\n');
    assert.equal(await value(s, code), '21');
  });

  it('keeps `using` to the end of the whole cell', async () => {
    const code = [
      'const log: string[] = [];',
      'using res = { [Symbol.dispose]() { log.push("disposed") } };',
      filler(9000),
      'log.push("body done");',
      'log.join(",")',
    ].join('\n');
    assert.equal(await value(s, code), "'body done'");
    assert.equal(await value(s, 'log.join(",")'), "'body done,disposed'");
  });
});
