import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { RecordingSink, run, value } from './helpers.js';

describe('session: output', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it('captures console.log and print on stdout, console.error on stderr, per cell', async () => {
    const r = await run(s, 'console.log("a", 1, { b: 2 })\nprint("p", [1, 2], { sep: "-", end: "!\\n" })\nconsole.error("oops")\nprint(true, null)');
    assert.equal(r.sink.text('stdout'), "a 1 { b: 2 }\np-[1, 2]!\nTrue None\n");
    assert.equal(r.sink.text('stderr'), 'oops\n');
    const next = await run(s, '1');
    assert.equal(next.sink.events.length, 0);
  });

  it('prints tensors with str (print, console.log) and repr (value)', async () => {
    const r = await run(s, 'const t = tf.constant([1.5, 2])\nprint(t)\nconsole.log(t)\nt');
    assert.equal(r.sink.text('stdout'), 'tf.Tensor([1.5 2. ], shape=(2,), dtype=float32)\n'.repeat(2));
    assert.equal(r.plain, '<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 2. ], dtype=float32)>');
    assert.equal(typeof r.outcome.status === 'string' && r.outcome.status === 'ok' && typeof r.outcome.result?.['text/html'], 'string');
  });

  it('routes output of a timer to the sink of the cell that is awaiting', async () => {
    const r = await run(s, 'setTimeout(() => print("tick"), 1)\nawait new Promise((r) => setTimeout(r, 20))');
    assert.equal(r.sink.text('stdout'), 'tick\n');
  });

  it('displays values and raw content, updates by display_id and clears', async () => {
    const r = await run(s, [
      'display([1, 2])',
      'const h = display("first", { display_id: "d-1" })',
      'h.update("second")',
      'display.html("<b>x</b>")',
      'display.markdown("# T")',
      'display.svg("<svg/>")',
      'display.latex("$x$")',
      'display.json({ a: 1 })',
      'display.png(new Uint8Array([137, 80]))',
      'clear_output({ wait: true })',
      'clear_output()',
    ].join('\n'));
    const e = r.sink.events;
    assert.deepEqual(e[0], { kind: 'display', data: { 'text/plain': '[1, 2]' }, metadata: {}, update: false });
    assert.deepEqual(e[1], { kind: 'display', data: { 'text/plain': "'first'" }, metadata: {}, displayId: 'd-1', update: false });
    assert.deepEqual(e[2], { kind: 'display', data: { 'text/plain': "'second'" }, metadata: {}, displayId: 'd-1', update: true });
    const types = e.slice(3, 9).map((x) => x.kind === 'display' ? Object.keys(x.data).filter((k) => k !== 'text/plain')[0] : x.kind);
    assert.deepEqual(types, ['text/html', 'text/markdown', 'image/svg+xml', 'text/latex', 'application/json', 'image/png']);
    assert.equal(e[8]!.kind === 'display' && e[8]!.data['image/png'], 'iVA=');
    assert.deepEqual(e.slice(9), [{ kind: 'clear', wait: true }, { kind: 'clear', wait: false }]);
  });

  it('gives a tensor display text/html as well', async () => {
    const r = await run(s, 'display(tf.constant([1, 2]))');
    const d = r.sink.events[0]!;
    assert.ok(d.kind === 'display' && typeof d.data['text/html'] === 'string');
  });

  it('returns help(x) as a pager payload by default, and `x?` too', async () => {
    const r = await run(s, 'help(tf.reduce_sum)');
    assert.equal(r.outcome.status, 'ok');
    const page = r.outcome.status === 'ok' ? r.outcome.payload[0] : undefined;
    assert.equal(page?.source, 'page');
    assert.match(String(page?.data['text/plain']), /^tf\.reduce_sum\(input_tensor/);
    const q = await run(s, 'tf.reduce_sum?');
    assert.match(String(q.outcome.status === 'ok' && q.outcome.payload[0]?.data['text/plain']), /Signature: tf\.reduce_sum\(/);
  });

  it('documents facade functions and tensor methods in help(x) from the op table, with an example', async () => {
    const r = await run(s, 'help(jnp.sum)');
    const page = String(r.outcome.status === 'ok' && r.outcome.payload[0]?.data['text/plain']);
    assert.match(page, /^jnp\.sum\(a, axis=None.*\)\n\nSum of array elements over a given axis\.\n\nFacades: {3}np\.sum, jnp\.sum, torch\.sum, tf\.reduce_sum, tf\.math\.reduce_sum\n/);
    assert.match(page, /\nExample:\n {4}>>> jnp\.sum\(jnp\.array\(\[0\.5, 1\.5, 2\.5\]\)\)\n {4}Array\(4\.5, dtype=float32\)$/);
    await run(s, 'const tt = torch.tensor([1.5, 2.5])');
    const m = await run(s, 'help(tt.sum)');
    const text = String(m.outcome.status === 'ok' && m.outcome.payload[0]?.data['text/plain']);
    assert.match(text, /^torch\.Tensor\.sum\(dim=None, keepdim=False, dtype=None\)\n\nSum of array elements/);
    assert.match(text, /\n {4}>>> const x = torch\.tensor\(\[0\.5, 1\.5, 2\.5\]\)\n {4}>>> x\.sum\(\)\n {4}tensor\(4\.5000\)$/);
    const p = new Session({ pager: false });
    await p.ready;
    await run(p, 'const a = np.array([1.5])');
    assert.match((await run(p, 'help(a.sum)')).sink.text('stdout'), /^np\.ndarray\.sum\(axis=None/);
  });

  it('prints help(x) when the session is made without a pager', async () => {
    const p = new Session({ pager: false });
    await p.ready;
    const r = await run(p, 'const k = 3\nhelp(k)');
    assert.equal(r.sink.text('stdout'), 'number\n\n3\n');
  });

  it('asks the front end for input(), and fails without one', async () => {
    const sink = new RecordingSink();
    const asked: string[] = [];
    sink.input = async (prompt) => {
      asked.push(prompt);
      return 'Ada';
    };
    const ok = await s.execute('const name = await input("who? ");\n`hi ${name}`', sink);
    assert.deepEqual(asked, ['who? ']);
    assert.equal(ok.status === 'ok' && ok.result?.['text/plain'], "'hi Ada'");
    const no = await run(s, 'await input("x")');
    assert.equal(no.outcome.status, 'error');
  });

  it('reports an error thrown by a cell\'s timer on stderr without ending the session', async () => {
    const r = await run(s, 'setTimeout(() => { throw new Error("in timer") }, 1)\nawait new Promise((r) => setTimeout(r, 20))');
    assert.match(r.sink.text('stderr'), /Error: in timer/);
    assert.equal(await value(s, '2'), '2');
  });
});
