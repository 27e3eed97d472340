// The display hook for user objects ([Symbol.for('Jupyter.display')]), and figures displayed as
// matplotlib's inline backend displays them: at the end of the cell, or at plt.show(); plt and Vega
// loading only when a cell uses them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Session } from '../../src/session/session.js';
import { ROOT } from '../kernel/client.js';
import { run, type Event } from './helpers.js';

const displays = (events: Event[]) => events.filter((e): e is Extract<Event, { kind: 'display' }> => e.kind === 'display');
const FIGURE_MIMES = ['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain'];

describe('session: the display hook', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it("renders an object with [Symbol.for('Jupyter.display')]() as the bundle it returns, as a value and through display()", async () => {
    await run(s, `class Card { constructor(t) { this.t = t } [Symbol.for('Jupyter.display')]() { return { 'text/html': '<b>' + this.t + '</b>', 'text/plain': 'Card ' + this.t } } }`);
    const value = await run(s, 'new Card("a")');
    assert.equal(value.outcome.status, 'ok');
    assert.deepEqual(value.outcome.status === 'ok' && value.outcome.result, { 'text/html': '<b>a</b>', 'text/plain': 'Card a' });
    const shown = await run(s, 'display(new Card("b")); 1');
    assert.deepEqual(displays(shown.sink.events).map((e) => e.data), [{ 'text/html': '<b>b</b>', 'text/plain': 'Card b' }]);
  });

  it('fills text/plain with the repr, sends binary data as base64, and refuses a non-bundle', async () => {
    const r = await run(s, `({ [Symbol.for('Jupyter.display')]() { return { 'image/png': new Uint8Array([137, 80, 78, 71]) } } })`);
    assert.deepEqual(r.outcome.status === 'ok' && r.outcome.result, { 'image/png': 'iVBORw==', 'text/plain': '{}' });
    const bad = await run(s, `({ [Symbol.for('Jupyter.display')]() { return 42 } })`);
    assert.equal(bad.outcome.status, 'error');
    assert.match(bad.outcome.status === 'error' ? bad.outcome.evalue : '', /must return a MIME bundle .* not 42/);
  });
});

describe('session: figures, as the inline backend shows them', function () {
  this.timeout(30_000);
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it('a cell that plots displays its figure once, after its output, and closes it', async () => {
    const r = await run(s, 'print("before")\nplt.plot([1, 2, 3], { label: "a" })');
    assert.equal(r.plain, '[Line2D(a)]');
    assert.deepEqual(r.sink.events.map((e) => e.kind), ['stream', 'display']);
    const [fig] = displays(r.sink.events);
    assert.deepEqual(Object.keys(fig!.data).sort(), FIGURE_MIMES);
    assert.equal(fig!.data['text/plain'], '<Figure size 640x480 with 1 Axes>');
    assert.match(fig!.data['image/svg+xml'] as string, /^<svg .*<path d="M/s);
    const next = await run(s, '1 + 1');
    assert.equal(displays(next.sink.events).length, 0);
    assert.equal((await run(s, 'plt.get_fignums()')).plain, '[]');
  });

  it('plt.show() displays every open figure where it is called, in order with printed output', async () => {
    const r = await run(s, 'plt.plot([1, 2]); plt.figure(); plt.bar([1], [2]); plt.show(); print("after"); plt.scatter([1], [1])');
    assert.deepEqual(r.sink.events.map((e) => (e.kind === 'display' ? e.data['text/plain'] : e.kind)), [
      '<Figure size 640x480 with 1 Axes>', '<Figure size 640x480 with 1 Axes>', 'stream', '<Figure size 640x480 with 1 Axes>',
    ]);
  });

  it('a figure that is the cell value is not displayed twice; one changed after display(fig) is shown again', async () => {
    const value = await run(s, 'const [fig, ax] = plt.subplots(1, 2); ax[0].plot([1, 2]); fig');
    assert.equal(value.plain, '<Figure size 640x480 with 2 Axes>');
    assert.ok(value.outcome.status === 'ok' && value.outcome.result?.['image/svg+xml']);
    assert.equal(displays(value.sink.events).length, 0);
    const again = await run(s, 'const g = plt.figure(); plt.plot([1]); display(g); plt.title("changed")');
    assert.equal(displays(again.sink.events).length, 2);
    // Closed at the end of its cell: drawing on it later shows nothing until it is displayed.
    const later = await run(s, 'ax[1].plot([3, 4])');
    assert.equal(displays(later.sink.events).length, 0);
    const shown = await run(s, 'display(fig)');
    assert.equal(displays(shown.sink.events).length, 1);
  });

  it('a cell that fails still shows what it drew, as matplotlib does', async () => {
    const r = await run(s, 'plt.plot([1, 2, 3], [1, 2])');
    assert.equal(r.outcome.status, 'error');
    assert.equal(r.outcome.status === 'error' && `${r.outcome.ename}: ${r.outcome.evalue}`, 'ValueError: x and y must have same first dimension, but have shapes (3,) and (2,)');
    assert.equal(displays(r.sink.events).length, 1);
  });

  it('plots tensors of every facade, and help(plt.plot) documents it', async () => {
    const r = await run(s, 'const x = jnp.linspace(-3, 3, 50)\nplt.plot(x, jnp.tanh(x), "r--")\nplt.plot(torch.linspace(-3, 3, 50), torch.sin(torch.linspace(-3, 3, 50)))\nplt.hist(np.random.normal(0, 1, [100]))\nplt.imshow(tf.reshape(tf.range(6), [2, 3]))\n1');
    assert.equal(r.outcome.status, 'ok', r.outcome.status === 'error' ? r.outcome.traceback.join('\n') : '');
    assert.equal(displays(r.sink.events).length, 1);
    const help = await run(s, 'help(plt.plot)');
    assert.match(help.outcome.status === 'ok' ? String(help.outcome.payload[0]?.data['text/plain']) : '', /^plt\.plot\(\[x\], y, \[fmt\]/);
  });

  it("takes a cell's Python floats (1.0 is a float object) wherever matplotlib takes numbers", async () => {
    const r = await run(s, "const [f, a] = plt.subplots(1, 2, { figsize: [8.0, 3.0], dpi: 100.0 })\na[0].plot([1.0, 2.5, -1.0], { linewidth: 2.0, alpha: 1.0 })\na[0].set_xlim(0.0, 2.0)\na[1].scatter([1.0], [2.0], { s: 10.0 })\na[1].hist([1.0, 2.0, 2.0], { bins: 2, range: [0.0, 3.0] })\nf");
    assert.equal(r.outcome.status, 'ok', r.outcome.status === 'error' ? r.outcome.traceback.join('\n') : '');
    assert.equal(r.plain, '<Figure size 800x300 with 2 Axes>');
    assert.equal((await run(s, 'f.axes[0].get_xlim()')).plain, '[0, 2]');
  });

  it('plt and Vega load only when a cell names plt', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { Session } = await import(${JSON.stringify(join(ROOT, 'dist/src/session/session.js'))});
      const require = createRequire(${JSON.stringify(join(ROOT, 'dist/src/plot/render.js'))});
      const vegaLoaded = () => Object.keys(require.cache).some((k) => /node_modules\\/vega(-lite)?\\//.test(k));
      const s = new Session();
      const sink = { stream() {}, display() {}, clearOutput() {} };
      await s.execute('1 + 1', sink);
      const before = [typeof s.global.plt.plot, vegaLoaded()];
      await s.execute('const n = plt.get_fignums().length', sink);
      const named = [typeof s.global.plt.plot, vegaLoaded()];
      await s.execute('plt.plot([1, 2])', sink);
      console.log(JSON.stringify({ before, named, drawn: vegaLoaded() }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { before: ['undefined', false], named: ['function', false], drawn: true });
  });
});
