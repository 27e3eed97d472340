// IPython's magics in TypeScript cells (src/session/magics.ts), with IPython's output text, and
// exit()/quit() as IPython's ask_exit.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../../src/session/session.js';
import { formatG, formatTime } from '../../src/session/magics.js';
import { errorOf, run, value } from './helpers.js';
import { commandLine, descendants } from '../leftovers.js';

const TIME = /^CPU times: user [\d.]+ (?:s|ms|µs|ns), sys: [\d.]+ (?:s|ms|µs|ns), total: [\d.]+ (?:s|ms|µs|ns)\nWall time: [\d.]+ (?:s|ms|µs|ns)\n$/;
const TIMEIT = (runs: number, loops: string) =>
  new RegExp(`^(The slowest run took [\\d.]+ times longer than the fastest\\. This could mean that an intermediate result is being cached\\.\\n)?` +
    `[\\d.]+ (s|ms|µs|ns) ± [\\d.]+ (s|ms|µs|ns) per loop \\(mean ± std\\. dev\\. of ${runs} runs?, ${loops} loops? each\\)\\n$`);

describe('session: magics', function () {
  this.timeout(60_000);
  let s: Session;
  before(async () => {
    s = new Session();
    await s.ready;
  });

  it("formats times as IPython's _format_time and %g do", () => {
    assert.equal(formatTime(1.234e-6), '1.23 µs');
    assert.equal(formatTime(4.5e-9), '4.5 ns');
    assert.equal(formatTime(0.0123), '12.3 ms');
    assert.equal(formatTime(2), '2 s');
    assert.equal(formatTime(0), '0 ns');
    assert.equal(formatTime(61.5), '1min 1s');
    assert.equal(formatTime(3725), '1h 2min 5s');
    assert.equal(formatG(999.96, 3), '1e+03');
    assert.equal(formatG(0.5, 3), '0.5');
  });

  it('%time times a statement or an expression, whose value is still the cell value', async () => {
    const r = await run(s, 'const a = 7\n%time const y = a * 2\ny');
    assert.equal(r.plain, '14');
    assert.match(r.sink.text('stdout'), TIME);
    const e = await run(s, '%time a + 1');
    assert.equal(e.plain, '8');
    assert.match(e.sink.text('stdout'), TIME);
    // The assignment persists, and shows nothing (as `%time x = 1` in IPython).
    const assign = await run(s, '%time y = 40 + 2 // a comment');
    assert.equal(assign.plain, undefined);
    assert.equal(await value(s, 'y'), '42');
  });

  it('%timeit runs as IPython chooses (loops by powers of ten, 7 runs) or as -n/-r say, and -o returns the result', async () => {
    const auto = await run(s, '%timeit a * 2');
    assert.match(auto.sink.text('stdout'), TIMEIT(7, '[\\d,]+'));
    const loops = Number(/of 7 runs, ([\d,]+) loops/.exec(auto.sink.text('stdout'))![1]!.replace(/,/g, ''));
    assert.ok(Number.isInteger(Math.log10(loops)) && loops >= 1000, String(loops));
    const fixed = await run(s, '%timeit -n 100 -r 3 a * 2');
    assert.match(fixed.sink.text('stdout'), TIMEIT(3, '100'));
    const one = await run(s, '%timeit -n1 -r1 a');
    assert.match(one.sink.text('stdout'), TIMEIT(1, '1'));
    const out = await run(s, '%timeit -q -o -n 10 -r 2 Math.sqrt(a)');
    assert.equal(out.sink.text('stdout'), '');
    assert.match(out.plain ?? '', /^<TimeitResult : [\d.]+ (s|ms|µs|ns) ± [\d.]+ (s|ms|µs|ns) per loop \(mean ± std\. dev\. of 2 runs, 10 loops each\)>$/);
    assert.equal(await value(s, '_.loops'), '10');
  });

  it('%%time times the whole cell and shows its value; %%timeit takes setup code on its first line', async () => {
    const r = await run(s, '%%time\nconst q = 3\nq * 2');
    assert.equal(r.plain, '6');
    assert.match(r.sink.text('stdout'), TIME);
    const t = await run(s, '%%timeit -n 10 -r 2 let count = 0\ncount += 1');
    assert.match(t.sink.text('stdout'), TIMEIT(2, '10'));
    // The statement ran -n times -r times, no more (the setup once).
    assert.equal(await value(s, 'count'), '20');
    const awaited = await run(s, '%%timeit -n 2 -r 2\nawait new Promise((r) => setTimeout(r, 5))');
    assert.match(awaited.sink.text('stdout'), /^[\d.]+ ms ± [\d.]+ (ms|µs) per loop \(mean ± std\. dev\. of 2 runs, 2 loops each\)\n$/);
  });

  it('%who and %whos list the user variables (not the facades), as IPython does', async () => {
    const fresh = new Session();
    await fresh.ready;
    assert.equal((await run(fresh, '%who')).sink.text('stdout'), 'Interactive namespace is empty.\n');
    await value(fresh, 'const x = np.zeros([3, 4])\nconst names = ["a", "b"]\nconst greeting = "hello"\nfunction f(v: number) { return v }\nconst n = 1.5\nconst big = np.ones([200, 100])');
    assert.equal((await run(fresh, '%who')).sink.text('stdout'), 'big\t f\t greeting\t n\t names\t x\t \n');
    assert.equal((await run(fresh, '%whos')).sink.text('stdout'), [
      'Variable   Type        Data/Info',
      '--------------------------------',
      'big        ndarray     200x100: 20000 elems, type `float64`, 160000 bytes (156.25 kb)',
      'f          function    <function f>',
      'greeting   string      hello',
      'n          number      1.5',
      'names      Array       n=2',
      'x          ndarray     3x4: 12 elems, type `float64`, 96 bytes',
      '',
    ].join('\n'));
    assert.equal((await run(fresh, '%who string')).sink.text('stdout'), 'greeting\t \n');
    // A facade the user rebinds is the user's variable.
    assert.match((await run(fresh, 'np = 3\n%who')).sink.text('stdout'), /\bnp\b/);
    // %reset -f forgets them all and gives the facades back.
    assert.equal((await run(fresh, '%reset -f\n%who')).sink.text('stdout'), 'Interactive namespace is empty.\n');
    assert.equal(await value(fresh, 'typeof np.zeros'), "'function'");
    assert.equal(errorOf((await run(fresh, 'x')).outcome).ename, 'ReferenceError');
  });

  it('%reset without -f asks first, and does nothing unless told yes', async () => {
    const fresh = new Session();
    await fresh.ready;
    await value(fresh, 'const kept = 1');
    const no = await run(fresh, '%reset');
    assert.equal(no.sink.text('stdout'), 'Nothing done.\n');
    assert.equal(await value(fresh, 'kept'), '1');
  });

  it('!command and %%bash stream a shell command\'s output to stdout and stderr', async () => {
    const r = await run(s, 'const before = 1\n!echo hello; echo oops 1>&2\nconst after = 2');
    assert.equal(r.outcome.status, 'ok');
    assert.equal(r.sink.text('stdout'), 'hello\n');
    assert.equal(r.sink.text('stderr'), 'oops\n');
    assert.equal(r.plain, undefined);
    const b = await run(s, '%%bash\nfor i in 1 2; do echo "line $i"; done');
    assert.equal(b.sink.text('stdout'), 'line 1\nline 2\n');
    // Inside a block too.
    const loop = await run(s, 'for (const i of [1, 2]) {\n  !echo x\n}');
    assert.equal(loop.sink.text('stdout'), 'x\nx\n');
  });

  it("expands {expr} and $name in a shell command as IPython does, leaving what is not the session's to the shell", async () => {
    await value(s, 'const count = 3\nconst word = "hi"\nconst list = [1, 2]');
    const r = await run(s, "!echo {count + 1} $word {list} $$ {{x}} $NOT_A_VARIABLE_X {undefinedName} | tr -s ' '\n!echo a | awk '{print $1}'");
    assert.equal(r.sink.text('stdout'), '4 hi [1, 2] $ {x} {undefinedName}\na\n');
    assert.equal((await run(s, '!echo "${HOME:+home}" `echo backticks` \\\\')).sink.text('stdout'), 'home backticks \\\n');
  });

  it('an interrupt stops a running shell command, and what it started', async () => {
    const started = Date.now();
    setTimeout(() => s.interrupt(), 300);
    const r = await run(s, '!echo start; sleep 20.5; echo never');
    assert.equal(errorOf(r.outcome).ename, 'KeyboardInterrupt');
    assert.equal(r.sink.text('stdout'), 'start\n');
    assert.ok(Date.now() - started < 5000);
    // The shell and its sleep are gone, as Ctrl-C at a terminal leaves them.
    const alive = () => descendants(process.pid).map(commandLine).filter((c) => c.includes('sleep 20.5'));
    for (let i = 0; i < 40 && alive().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(alive(), []);
  });

  it("gives IPython's UsageError for a magic that does not exist, before running anything", async () => {
    const line = errorOf((await run(s, 'const ran = 1\n%foo bar')).outcome);
    assert.deepEqual([line.ename, line.evalue, line.traceback], ['UsageError', 'Line magic function `%foo` not found.', ['UsageError: Line magic function `%foo` not found.']]);
    assert.equal(errorOf((await run(s, 'ran')).outcome).ename, 'ReferenceError');
    const cell = errorOf((await run(s, '%%foo\n1')).outcome);
    assert.equal(cell.evalue, 'Cell magic `%%foo` not found.');
    assert.equal(errorOf((await run(s, '1\n%%time')).outcome).evalue, 'Line magic function `%%time` not found.');
    assert.equal(errorOf((await run(s, '%%time 1 + 1\n2')).outcome).evalue, "Can't use statement directly after '%%time'!");
  });

  it('leaves % and ! in JavaScript alone: modulo across lines, negation, strings, templates, comments', async () => {
    assert.equal(await value(s, 'const m = 17\n  % 5\nm'), '2');
    assert.equal(await value(s, 'const ok = true &&\n  !false\nok'), 'True');
    assert.equal(await value(s, 'const text = `a\n%time b\n!c ${1 + 1}\n%who`\ntext.length'), '19');
    assert.equal(await value(s, '/*\n%time\n!x\n*/\nconst call = (x: boolean) => x\ncall(\n  !true)'), 'False');
    assert.equal(await value(s, '"%time"'), "'%time'");
    assert.equal(await value(s, '!(1 > 2)'), 'True');
  });

  it('keeps the lines of the rest of the cell in tracebacks', async () => {
    const e = errorOf((await run(s, '%time const u = 1\n!true\n\nnull.boom')).outcome);
    assert.match(e.traceback.join('\n'), /In\[\d+\], line 4\b/);
    const t = errorOf((await run(s, '%%time\nconst w = 1\nundefinedName')).outcome);
    assert.match(t.traceback.join('\n'), /In\[\d+\], line 3\b/);
  });
});

describe('session: exit and quit', function () {
  this.timeout(60_000);

  it('exit(), quit() and a bare `exit` ask to exit once the cell has finished (ipykernel ask_exit)', async () => {
    const s = new Session();
    await s.ready;
    const called = await run(s, 'exit()\nconst after = 3\nafter');
    assert.deepEqual(called.outcome.status === 'ok' && [called.outcome.exit, called.plain], [{ keepKernel: false }, '3']);
    const bare = await run(s, 'quit');
    assert.deepEqual(bare.outcome.status === 'ok' && [bare.outcome.exit, bare.plain], [{ keepKernel: false }, undefined]);
    const keep = await run(s, 'exit({ keep_kernel: true })');
    assert.deepEqual(keep.outcome.status === 'ok' && keep.outcome.exit, { keepKernel: true });
    const none = await run(s, '1');
    assert.equal(none.outcome.status === 'ok' && none.outcome.exit, undefined);
  });

  it('takes a cell magic in the REPL until an empty line, as IPython\'s terminal does', async () => {
    const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/jacobi.js'), 'repl'], { cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: '' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.end('%%bash\necho one\necho two\n\nconst z = 1\n%who\n');
    assert.equal(await new Promise((resolve) => child.on('close', resolve)), 0);
    assert.equal(stdout, 'one\ntwo\nz\t \n');
  });

  it('ends the REPL after the line, even with its input still open', async () => {
    const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/jacobi.js'), 'repl'], { cwd: ROOT, env: { ...process.env, JACOBI_HISTORY: '' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.write('print("before")\nexit()\nprint("after")\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.equal(stdout, 'before\n');
  });
});
