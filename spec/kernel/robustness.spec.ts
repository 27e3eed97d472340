// Signatures, malformed input, heartbeats, interrupts and restart, against the real kernel process.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encode, makeHeader, Signer } from '../../kernel/wire.js';
import { KernelClient } from './client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const executeContent = (code: string) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });

describe('kernel robustness', function () {
  this.timeout(30_000);

  describe('signatures', () => {
    let k: KernelClient;
    before(async () => {
      k = await KernelClient.start();
      await k.execute('var sideEffects = 0;');
    });
    after(async () => {
      await k?.close();
    });

    const noReplyWithin = async (msgId: string, ms = 400) => {
      await sleep(ms);
      assert.equal(k.received.shell.find((m) => m.parent_header.msg_id === msgId), undefined, 'the kernel answered an unverified message');
    };

    it('executes a correctly signed request', async () => {
      const { reply } = await k.execute('sideEffects += 1;');
      assert.equal(reply.content.status, 'ok');
    });

    it('drops and logs a bad signature, a missing one, and one made with another key, without executing', async () => {
      const bad = k.frames('execute_request', executeContent('sideEffects += 100;'));
      const at = bad.frames.findIndex((f) => f.toString() === '<IDS|MSG>');
      bad.frames[at + 1] = Buffer.from('f'.repeat(64));
      await k.sendFrames('shell', bad.frames);

      const missing = k.frames('execute_request', executeContent('sideEffects += 100;'));
      missing.frames[at + 1] = Buffer.alloc(0);
      await k.sendFrames('shell', missing.frames);

      const header = makeHeader('execute_request', k.session);
      const forged = encode(new Signer('not-the-key'), [], header, {}, {}, executeContent('sideEffects += 100;'));
      await k.sendFrames('shell', forged);

      for (const id of [bad.msgId, missing.msgId, header.msg_id]) await noReplyWithin(id, 150);
      assert.match(k.stderr, /bad signature/);
      assert.match(k.stderr, /missing signature/);
      assert.equal(KernelClient.stdout((await k.execute('console.log(sideEffects)')).iopub), '1\n');
    });

    it('drops a replayed message: the same signed frames twice run once', async () => {
      const sent = k.frames('execute_request', executeContent('sideEffects += 10;'));
      await k.sendFrames('shell', sent.frames);
      assert.equal((await k.reply('shell', sent.msgId)).content.status, 'ok');
      await k.sendFrames('shell', sent.frames);
      await sleep(300);
      assert.equal(k.received.shell.filter((m) => m.parent_header.msg_id === sent.msgId).length, 1);
      assert.match(k.stderr, /replayed signature/);
      assert.equal(KernelClient.stdout((await k.execute('console.log(sideEffects)')).iopub), '11\n');
    });

    it('drops 1000 malformed messages on every channel and still answers', async () => {
      const json = (v: unknown) => Buffer.from(JSON.stringify(v));
      const valid = () => k.frames('kernel_info_request', {}).frames;
      const makers: Array<(i: number) => Buffer[]> = [
        () => [randomBytes(32)],
        () => [Buffer.from('<IDS|MSG>')],
        () => [Buffer.from('<IDS|MSG>'), Buffer.from('abc'), Buffer.from('{}')],
        (i) => Array.from({ length: 1 + (i % 9) }, () => randomBytes(i % 50)),
        () => {
          // Valid signature over frames that are not JSON.
          const parts = [Buffer.from('{not json'), json({}), json({}), json({})];
          return [Buffer.from('<IDS|MSG>'), Buffer.from(k.signer.sign(parts)), ...parts];
        },
        () => {
          // Valid signature, JSON, but a header without msg_type.
          const parts = [json({ msg_id: 'x' }), json({}), json({}), json([])];
          return [Buffer.from('<IDS|MSG>'), Buffer.from(k.signer.sign(parts)), ...parts];
        },
        () => {
          // Valid signature over non-object JSON.
          const parts = [json(null), json(7), json('s'), json([1])];
          return [Buffer.from('<IDS|MSG>'), Buffer.from(k.signer.sign(parts)), ...parts];
        },
        () => {
          const frames = valid();
          const at = frames.findIndex((f) => f.toString() === '<IDS|MSG>');
          frames[at + 2] = Buffer.from(frames[at + 2]!.toString().replace('kernel_info', 'kernel_inf0'));
          return frames;
        },
        () => [Buffer.alloc(0), Buffer.alloc(0), Buffer.alloc(0)],
        (i) => [Buffer.from('<IDS|MSG>'), Buffer.from('<IDS|MSG>'), randomBytes(i % 200), Buffer.from('\u00ff\u00fe'), Buffer.alloc(0), Buffer.alloc(0)],
      ];
      const channels = ['shell', 'control', 'stdin'] as const;
      for (let i = 0; i < 1000; i++) await k.sendFrames(channels[i % 3]!, makers[i % makers.length]!(i));
      for (const channel of ['shell', 'control'] as const) {
        const reply = await k.request(channel, 'kernel_info_request', {});
        assert.equal(reply.content.status, 'ok');
      }
      assert.ok(await k.ping());
      assert.equal(KernelClient.stdout((await k.execute('console.log(sideEffects)')).iopub), '11\n');
      assert.ok(k.alive);
    });
  });

  describe('heartbeat and interrupts', () => {
    let k: KernelClient;
    before(async () => {
      k = await KernelClient.start();
    });
    after(async () => {
      await k?.close();
    });

    it('answers heartbeats during a 5 s busy loop', async function () {
      this.timeout(20_000);
      const { msgId } = await k.send('shell', 'execute_request', executeContent('const busyUntil = Date.now() + 5000; while (Date.now() < busyUntil) {}'));
      await sleep(200);
      let pings = 0;
      let slowest = 0;
      while (!k.received.shell.some((m) => m.parent_header.msg_id === msgId)) {
        const t = Date.now();
        assert.ok(await k.ping(), 'heartbeat not echoed');
        slowest = Math.max(slowest, Date.now() - t);
        pings++;
        await sleep(100);
      }
      assert.ok(pings >= 20, `only ${pings} pings during the loop`);
      // A 5 s busy cell would stop them altogether; a few hundred ms is the machine's load (2 shared cores).
      assert.ok(slowest < 500, `slowest heartbeat took ${slowest} ms`);
    });

    it('answers kernel_info on control and shell while busy', async () => {
      const { msgId } = await k.send('shell', 'execute_request', executeContent('const busyUntil2 = Date.now() + 1500; while (Date.now() < busyUntil2) {}'));
      await sleep(100);
      for (const channel of ['control', 'shell'] as const) {
        const t = Date.now();
        await k.request(channel, 'kernel_info_request', {});
        assert.ok(Date.now() - t < 500, `kernel_info on ${channel} waited for the cell`);
      }
      await k.reply('shell', msgId);
    });

    for (const mode of ['message', 'signal'] as const) {
      const interrupt = async () => {
        if (mode === 'message') assert.equal((await k.request('control', 'interrupt_request', {})).content.status, 'ok');
        else k.process.kill('SIGINT');
      };

      it(`interrupts while (true) {} within 1 s and keeps state (${mode} mode)`, async () => {
        await k.execute(`var keptState_${mode} = { n: 42 };`);
        const { msgId } = await k.send('shell', 'execute_request', executeContent('while (true) {}'));
        await k.until(() => k.received.iopub.some((m) => m.parent_header.msg_id === msgId && m.header.msg_type === 'execute_input'));
        await sleep(200);
        const t = Date.now();
        await interrupt();
        const reply = await k.reply('shell', msgId, 5000);
        const latency = Date.now() - t;
        assert.equal(reply.content.status, 'error');
        assert.ok(latency < 1000, `interrupt took ${latency} ms`);
        assert.equal(KernelClient.stdout((await k.execute(`console.log(keptState_${mode}.n)`)).iopub), '42\n');
      });

      it(`interrupts a pending await and keeps state (${mode} mode)`, async () => {
        const { msgId } = await k.send('shell', 'execute_request', executeContent(`var beforeAwait_${mode} = 7; await new Promise(() => {});`));
        await k.until(() => k.received.iopub.some((m) => m.parent_header.msg_id === msgId && m.header.msg_type === 'execute_input'));
        await sleep(200);
        const t = Date.now();
        await interrupt();
        const reply = await k.reply('shell', msgId, 5000);
        assert.equal(reply.content.status, 'error');
        assert.ok(Date.now() - t < 1000);
        assert.equal(KernelClient.stdout((await k.execute(`console.log(beforeAwait_${mode})`)).iopub), '7\n');
      });
    }

    it('survives SIGINT and interrupt_request while idle', async () => {
      k.process.kill('SIGINT');
      await k.request('control', 'interrupt_request', {});
      await sleep(200);
      assert.ok(k.alive);
      assert.equal((await k.execute('1')).reply.content.status, 'ok');
    });
  });

  describe('shutdown', () => {
    for (const restart of [true, false]) {
      it(`replies on control and iopub, then exits (restart: ${restart})`, async () => {
        const k = await KernelClient.start();
        try {
          await k.execute('1');
          const { msgId } = await k.send('control', 'shutdown_request', { restart });
          const reply = await k.reply('control', msgId);
          assert.deepEqual(reply.content, { status: 'ok', restart });
          await k.until(() => k.received.iopub.some((m) => m.parent_header.msg_id === msgId && m.header.msg_type === 'shutdown_reply'));
          assert.equal(await k.waitForExit(), 0);
        } finally {
          await k.close();
        }
      });
    }

    it('exits even while a synchronous cell is running', async () => {
      const k = await KernelClient.start();
      try {
        await k.send('shell', 'execute_request', executeContent('while (true) {}'));
        await sleep(200);
        const reply = await k.request('control', 'shutdown_request', { restart: false });
        assert.equal(reply.content.status, 'ok');
        await k.waitForExit();
      } finally {
        await k.close();
      }
    });
  });
});
