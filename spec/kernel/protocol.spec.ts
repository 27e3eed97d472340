// The kernel process driven over ZeroMQ, message type by message type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelClient } from './client.js';

const types = (messages: { header: { msg_type: string } }[]): string[] => messages.map((m) => m.header.msg_type);

describe('kernel protocol', function () {
  this.timeout(30_000);
  let k: KernelClient;

  before(async () => {
    k = await KernelClient.start();
  });
  after(async () => {
    await k?.close();
  });

  describe('kernel_info', () => {
    it('describes TypeScript, the implementation, a banner and help links, on shell and on control', async () => {
      for (const channel of ['shell', 'control'] as const) {
        const { header, content } = await k.request(channel, 'kernel_info_request', {});
        assert.equal(header.msg_type, 'kernel_info_reply');
        assert.match(String(header.version), /^5\.[3-9]/);
        assert.equal(content.status, 'ok');
        assert.match(String(content.protocol_version), /^5\.[3-9]/);
        assert.equal(content.implementation, 'jacobi');
        const info = content.language_info as Record<string, unknown>;
        assert.equal(info.name, 'typescript');
        assert.equal(info.mimetype, 'text/typescript');
        assert.equal(info.file_extension, '.ts');
        assert.match(String(info.version), /^\d+\.\d+/);
        assert.ok(info.codemirror_mode);
        assert.match(String(content.banner), /Jacobi/);
        assert.ok((content.help_links as unknown[]).length > 0);
      }
    });
  });

  describe('execute', () => {
    it('publishes busy, execute_input, streams, execute_result (text/plain and text/html) and idle, in order', async () => {
      const count = (await k.execute('1')).reply.content.execution_count as number;
      const { reply, iopub } = await k.execute('const shown = [1, 2, 3];\nconsole.log("hello");\nconsole.error("warn");\nshown.length + 1');
      assert.equal(reply.content.status, 'ok');
      assert.equal(reply.content.execution_count, count + 1);
      assert.deepEqual(types(iopub), ['status', 'execute_input', 'stream', 'stream', 'execute_result', 'status']);
      assert.deepEqual(iopub[0]!.content, { execution_state: 'busy' });
      assert.equal(iopub[1]!.content.execution_count, count + 1);
      assert.match(String(iopub[1]!.content.code), /console\.log/);
      assert.deepEqual(iopub[2]!.content, { name: 'stdout', text: 'hello\n' });
      assert.deepEqual(iopub[3]!.content, { name: 'stderr', text: 'warn\n' });
      const result = iopub[4]!.content;
      assert.equal(result.execution_count, count + 1);
      assert.deepEqual(result.data, { 'text/plain': '4' });
      assert.deepEqual(iopub[5]!.content, { execution_state: 'idle' });
    });

    it('renders a tensor result as text/plain and text/html', async function () {
      const { iopub } = await k.execute('typeof tf');
      const available = iopub.find((m) => m.header.msg_type === 'execute_result')?.content.data as Record<string, string> | undefined;
      if (available?.['text/plain'] !== "'object'") this.skip(); // the tensor runtime (src/api) is not built yet
      const { reply, iopub: out } = await k.execute('tf.constant([1.5, 2.0])');
      assert.equal(reply.content.status, 'ok');
      const data = out.find((m) => m.header.msg_type === 'execute_result')!.content.data as Record<string, string>;
      assert.match(data['text/plain']!, /^<tf\.Tensor: shape=\(2,\), dtype=float32/);
      assert.match(data['text/html']!, /<table|<pre|<div/);
    });

    it('sends display_data, update_display_data and clear_output', async () => {
      const { reply, iopub } = await k.execute(
        'display.html("<b>bold</b>");\nconst handle = display("first", { display_id: "d-1" });\nhandle.update("second");\nclear_output({ wait: true });',
      );
      assert.equal(reply.content.status, 'ok');
      const shown = iopub.filter((m) => ['display_data', 'update_display_data', 'clear_output'].includes(m.header.msg_type));
      assert.deepEqual(types(shown), ['display_data', 'display_data', 'update_display_data', 'clear_output']);
      assert.equal((shown[0]!.content.data as Record<string, string>)['text/html'], '<b>bold</b>');
      assert.deepEqual(shown[1]!.content.transient, { display_id: 'd-1' });
      assert.deepEqual(shown[2]!.content.transient, { display_id: 'd-1' });
      assert.match((shown[2]!.content.data as Record<string, string>)['text/plain']!, /second/);
      assert.deepEqual(shown[3]!.content, { wait: true });
    });

    it('returns help(x) as a pager payload in the reply', async () => {
      const { reply } = await k.execute('help(Math.max)');
      const payload = reply.content.payload as { source: string; data: Record<string, string> }[];
      assert.equal(payload.length, 1);
      assert.equal(payload[0]!.source, 'page');
      assert.match(payload[0]!.data['text/plain']!, /max/);
    });

    it('keeps state across cells', async () => {
      await k.execute('let kept = 40;');
      const { iopub } = await k.execute('kept + 2');
      const result = iopub.find((m) => m.header.msg_type === 'execute_result')!;
      assert.equal((result.content.data as Record<string, string>)['text/plain'], '42');
    });

    it('reports errors on iopub and in the reply, with ename, evalue and a traceback', async () => {
      const { reply, iopub } = await k.execute('throw new RangeError("out of range")');
      assert.equal(reply.content.status, 'error');
      assert.equal(reply.content.ename, 'RangeError');
      assert.match(String(reply.content.evalue), /out of range/);
      assert.ok(Array.isArray(reply.content.traceback) && reply.content.traceback.length > 0);
      const error = iopub.find((m) => m.header.msg_type === 'error')!;
      assert.equal(error.content.ename, 'RangeError');
      assert.deepEqual(error.content.traceback, reply.content.traceback);
    });

    it('silent: no execute_input, no result, execution count unchanged', async () => {
      const before = (await k.execute('0')).reply.content.execution_count as number;
      const { reply, iopub } = await k.execute('console.log("quiet"); 5', { silent: true });
      assert.equal(reply.content.status, 'ok');
      assert.deepEqual(types(iopub), ['status', 'stream', 'status']);
      const after = (await k.execute('0')).reply.content.execution_count as number;
      assert.equal(after, before + 1);
    });

    it('store_history false: the count does not advance and history does not record it', async () => {
      const before = (await k.execute('0')).reply.content.execution_count as number;
      await k.execute('"not stored"', { store_history: false });
      const after = (await k.execute('0')).reply.content.execution_count as number;
      assert.equal(after, before + 1);
      const { content } = await k.request('shell', 'history_request', { hist_access_type: 'search', pattern: '*not stored*', output: false, raw: true });
      assert.deepEqual(content.history, []);
    });

    it('evaluates user_expressions after the cell', async () => {
      await k.execute('var ux = 6;');
      const { reply } = await k.execute('ux = ux * 7;', { user_expressions: { answer: 'ux', broken: 'nope.nope' } });
      const expressions = reply.content.user_expressions as Record<string, Record<string, unknown>>;
      assert.equal(expressions.answer!.status, 'ok');
      assert.equal((expressions.answer!.data as Record<string, string>)['text/plain'], '42');
      assert.equal(expressions.broken!.status, 'error');
    });

    it('stop_on_error aborts the execute requests queued behind an error; without it they run', async () => {
      const failing = await k.send('shell', 'execute_request', { code: 'const until = Date.now() + 300; while (Date.now() < until) {} throw new Error("stop")', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
      const queued = await k.send('shell', 'execute_request', { code: 'var ranAfterError = true;', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
      assert.equal((await k.reply('shell', failing.msgId)).content.status, 'error');
      const aborted = await k.reply('shell', queued.msgId);
      assert.equal(aborted.content.status, 'aborted');
      assert.deepEqual(types(await k.iopubOf(queued.msgId)), ['status', 'status']);
      assert.equal(KernelClient.stdout((await k.execute('console.log(typeof ranAfterError)')).iopub), 'undefined\n');

      const tolerated = await k.send('shell', 'execute_request', { code: 'const until2 = Date.now() + 300; while (Date.now() < until2) {} throw new Error("go on")', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
      const next = await k.send('shell', 'execute_request', { code: 'var ranAfterTolerated = true;', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
      assert.equal((await k.reply('shell', tolerated.msgId)).content.status, 'error');
      assert.equal((await k.reply('shell', next.msgId)).content.status, 'ok');
    });

    it('streams console.log output while a synchronous loop is still running', async () => {
      const { msgId } = await k.send('shell', 'execute_request', {
        code: 'console.log("early"); const stopAt = Date.now() + 1500; while (Date.now() < stopAt) {} console.log("late")',
        silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
      });
      const sentAt = Date.now();
      await k.until(() => k.received.iopub.some((m) => m.parent_header.msg_id === msgId && m.header.msg_type === 'stream'));
      const earlyAfter = Date.now() - sentAt;
      assert.ok(earlyAfter < 1000, `first output arrived after ${earlyAfter} ms, while the loop runs 1500 ms`);
      await k.reply('shell', msgId);
      assert.equal(KernelClient.stdout(await k.iopubOf(msgId)), 'early\nlate\n');
    });
  });

  describe('stdin', () => {
    it('asks the front end through input_request when allow_stdin is true', async () => {
      const { msgId } = await k.send('shell', 'execute_request', {
        code: 'const answer = await input("name? "); console.log(`hello ${answer}`)',
        silent: false, store_history: true, user_expressions: {}, allow_stdin: true, stop_on_error: true,
      });
      await k.until(() => k.received.stdin.some((m) => m.parent_header.msg_id === msgId));
      const request = k.received.stdin.find((m) => m.parent_header.msg_id === msgId)!;
      assert.equal(request.header.msg_type, 'input_request');
      assert.deepEqual(request.content, { prompt: 'name? ', password: false });
      await k.send('stdin', 'input_reply', { value: 'Jacobi' });
      assert.equal((await k.reply('shell', msgId)).content.status, 'ok');
      assert.equal(KernelClient.stdout(await k.iopubOf(msgId)), 'hello Jacobi\n');
    });

    it('gives the cell an error instead when the front end does not allow stdin', async () => {
      const { reply } = await k.execute('await input("name? ")', { allow_stdin: false });
      assert.equal(reply.content.status, 'error');
    });
  });

  describe('is_complete', () => {
    it('says complete, incomplete with an indent, or invalid', async () => {
      const ask = async (code: string) => (await k.request('shell', 'is_complete_request', { code })).content;
      assert.equal((await ask('const a = 1;')).status, 'complete');
      const open = await ask('function f() {');
      assert.equal(open.status, 'incomplete');
      assert.equal(typeof open.indent, 'string');
      assert.equal((await ask('const = = 1;')).status, 'invalid');
    });
  });

  describe('complete', () => {
    it('completes names in scope at the cursor, in code points', async () => {
      await k.execute('const completionTarget = 1;');
      const code = 'const s = "é😀"; completionTa';
      const { content } = await k.request('shell', 'complete_request', { code, cursor_pos: [...code].length });
      assert.equal(content.status, 'ok');
      assert.ok((content.matches as string[]).includes('completionTarget'), JSON.stringify(content.matches));
      assert.equal(content.cursor_end, [...code].length);
      assert.equal(content.cursor_start, [...code].length - 'completionTa'.length);
    });
  });

  describe('inspect', () => {
    it('finds the name under the cursor, at both detail levels', async () => {
      await k.execute('function inspected(a: number): number { return a; }');
      for (const detail_level of [0, 1]) {
        const { content } = await k.request('shell', 'inspect_request', { code: 'inspected', cursor_pos: 9, detail_level });
        assert.equal(content.status, 'ok');
        assert.equal(content.found, true);
        assert.match(String((content.data as Record<string, string>)['text/plain']), /inspected/);
      }
      const { content } = await k.request('shell', 'inspect_request', { code: 'noSuchNameAnywhere', cursor_pos: 5, detail_level: 0 });
      assert.equal(content.found, false);
    });
  });

  describe('history', () => {
    it('answers tail, range and search', async () => {
      await k.execute('const historyMarker = "h1";');
      await k.execute('const historyMarker2 = "h2";');
      const tail = (await k.request('shell', 'history_request', { hist_access_type: 'tail', n: 2, output: false, raw: true })).content;
      assert.equal(tail.status, 'ok');
      const items = tail.history as [number, number, string][];
      assert.equal(items.length, 2);
      assert.match(items[1]![2], /historyMarker2/);
      const [session, line] = items[0]!;

      const range = (await k.request('shell', 'history_request', { hist_access_type: 'range', session: 0, start: line, stop: line + 2, output: false, raw: true })).content;
      assert.deepEqual(range.history, items);
      const withOutput = (await k.request('shell', 'history_request', { hist_access_type: 'range', session, start: line, stop: line + 1, output: true, raw: true })).content;
      assert.deepEqual((withOutput.history as unknown[][])[0]![2], [items[0]![2], null]);

      const search = (await k.request('shell', 'history_request', { hist_access_type: 'search', pattern: 'const historyMarker*', n: 10, unique: true, output: false, raw: true })).content;
      assert.deepEqual((search.history as unknown[][]).map((h) => h[2]), [items[0]![2], items[1]![2]]);
    });

    it('appends the inputs to the history file', () => {
      const saved = readFileSync(join(k.dir, 'history.jsonl'), 'utf8');
      assert.match(saved, /historyMarker2/);
    });
  });

  describe('comms', () => {
    it('reports no open comms and closes a comm opened for an unknown target', async () => {
      const info = await k.request('shell', 'comm_info_request', {});
      assert.deepEqual(info.content, { status: 'ok', comms: {} });
      const { msgId } = await k.send('shell', 'comm_open', { comm_id: 'c-1', target_name: 'jupyter.widget', data: {} });
      const iopub = await k.iopubOf(msgId);
      const close = iopub.find((m) => m.header.msg_type === 'comm_close')!;
      assert.deepEqual(close.content, { comm_id: 'c-1', data: {} });
    });
  });
});
