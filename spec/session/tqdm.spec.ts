// tqdm in cells: tqdm's own text, one notebook display updated in place (display_id), an HTML
// <progress>, and carriage-return redraws on stderr in a terminal.
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { formatInterval, formatMeter } from '../../src/session/tqdm.js';
import { RecordingSink, run, value } from './helpers.js';

describe('session: tqdm', function () {
  this.timeout(60_000);
  let s: Session;
  before(async () => {
    s = new Session();
    await s.ready;
  });

  it("formats a bar as tqdm's format_meter does", () => {
    assert.equal(formatMeter({ n: 4, total: 10, elapsed: 1.002, desc: 'desc' }), 'desc:  40%|████      | 4/10 [00:01<00:01,  3.99it/s]');
    assert.equal(formatMeter({ n: 0, total: 10, elapsed: 0 }), '  0%|          | 0/10 [00:00<?, ?it/s]');
    assert.equal(formatMeter({ n: 45, total: 100, elapsed: 90 }), ' 45%|████▌     | 45/100 [01:30<01:50,  2.00s/it]');
    assert.equal(formatMeter({ n: 100, total: 100, elapsed: 4000, postfix: 'loss=0.1' }), '100%|██████████| 100/100 [1:06:40<00:00, 40.00s/it, loss=0.1]');
    assert.equal(formatMeter({ n: 7, elapsed: 2 }), '7it [00:02,  3.50it/s]');
    assert.equal(formatMeter({ n: 5, total: 10, elapsed: 1, ncols: 50 }), ' 50%|███████       | 5/10 [00:01<00:01,  5.00it/s]');
    assert.equal(formatInterval(3599.9), '59:59');
  });

  it('shows one display in a notebook and updates it in place, text and HTML, green once complete', async () => {
    const r = await run(s, 'let total = 0\nfor (const x of tqdm([1, 2, 3, 4], { desc: "sum" })) total += x\ntotal');
    assert.equal(r.plain, '10');
    const shown = r.sink.events.filter((e) => e.kind === 'display');
    assert.ok(shown.length >= 2, JSON.stringify(shown));
    const ids = new Set(shown.map((e) => e.kind === 'display' && e.displayId));
    assert.equal(ids.size, 1);
    assert.ok([...ids][0]);
    assert.deepEqual(shown.map((e) => e.kind === 'display' && e.update), [false, ...shown.slice(1).map(() => true)]);
    const first = shown[0]!.kind === 'display' ? shown[0]!.data : undefined;
    const last = shown[shown.length - 1]!.kind === 'display' ? shown[shown.length - 1]!.data : undefined;
    assert.equal(first!['text/plain'], 'sum:   0%|          | 0/4 [00:00<?, ?it/s]');
    assert.match(last!['text/plain'], /^sum: 100%\|██████████\| 4\/4 \[00:00<00:00, +[\d.]+it\/s\]$/);
    assert.match(String(last!['text/html']), /<progress value="4" max="4" style="width: 24em; accent-color: #5cb85c"><\/progress>/);
    assert.match(String(last!['text/html']), /<span>sum:<\/span><span>100%<\/span>/);
    assert.equal(r.sink.text('stderr'), '');
  });

  it('redraws at most every mininterval, and turns red when the loop stops early', async () => {
    const r = await run(s, 'for (const i of trange(1000)) { if (i == 600) break }');
    const shown = r.sink.events.filter((e) => e.kind === 'display');
    assert.ok(shown.length <= 3, `${shown.length} displays`);
    const last = shown[shown.length - 1]!;
    assert.ok(last.kind === 'display');
    assert.match(last.data['text/plain'], /^ 60%\|██████    \| 600\/1000 /);
    assert.match(String(last.data['text/html']), /accent-color: #d9534f/);
  });

  it('updates a live bar while the cell awaits, by hand too (update, set_description, set_postfix)', async () => {
    const r = await run(s, 'for (const i of trange(3)) await new Promise((r) => setTimeout(r, 120))');
    const texts = r.sink.events.flatMap((e) => (e.kind === 'display' ? [e.data['text/plain']] : []));
    assert.ok(texts.some((t) => t.startsWith(' 33%|███▎      | 1/3 ')), texts.join('\n'));
    assert.ok(texts.some((t) => t.startsWith(' 67%|██████▋   | 2/3 ')), texts.join('\n'));
    const manual = await run(s, 'const bar = tqdm({ total: 50, desc: "load" })\nbar.update(20)\nbar.set_description("step")\nbar.set_postfix({ loss: 0.123456 })\nbar.close()\nbar.n');
    assert.equal(manual.plain, '20');
    const last = manual.sink.events.filter((e) => e.kind === 'display').pop()!;
    assert.ok(last.kind === 'display');
    assert.match(last.data['text/plain'], /^step:  40%\|████      \| 20\/50 \[00:00<00:00, +[\d.]+it\/s, loss=0\.123\]$/);
  });

  it('redraws in place on stderr with carriage returns in a terminal', async () => {
    const sink = Object.assign(new RecordingSink(), { terminal: true });
    const outcome = await s.execute('for (const i of trange(2, 6, { desc: "t" })) {}', sink);
    assert.equal(outcome.status, 'ok');
    assert.equal(sink.events.filter((e) => e.kind === 'display').length, 0);
    const err = sink.text('stderr');
    assert.ok(err.startsWith('\rt:   0%|          | 0/4 [00:00<?, ?it/s]'), JSON.stringify(err));
    assert.match(err, /\rt: 100%\|██████████\| 4\/4 \[00:00<00:00, +[\d.]+it\/s\]\n$/);
  });

  it('counts an iterable without a length, and async iterables', async () => {
    const r = await run(s, 'function* gen() { yield 1; yield 2 }\nconst got = []\nfor (const x of tqdm(gen())) got.push(x)\ngot');
    assert.equal(r.plain, '[1, 2]');
    const last = r.sink.events.filter((e) => e.kind === 'display').pop()!;
    assert.ok(last.kind === 'display');
    assert.match(last.data['text/plain'], /^2it \[00:00, +[\d.]+it\/s\]$/);
    assert.equal(await value(s, 'async function* agen() { yield 5 }\nlet sum = 0\nfor await (const x of tqdm(agen())) sum += x\nsum'), '5');
    assert.equal(await value(s, 'tqdm(np.zeros([7, 2])).total'), '7');
  });
});
