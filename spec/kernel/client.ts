// A minimal Jupyter client for the protocol specs: writes a connection file on free loopback ports,
// spawns `node bin/jacobi.js kernel`, and talks to it over ZeroMQ as a front end does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zmq from 'zeromq';
import { decode, encode, makeHeader, Signer, type Message } from '../../kernel/wire.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'jacobi.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Sent {
  msgId: string;
  frames: Buffer[];
}

type ReplyChannel = 'shell' | 'control' | 'stdin';

export class KernelClient {
  readonly key = randomBytes(16).toString('hex');
  readonly signer = new Signer(this.key);
  readonly session = randomUUID();
  readonly dir = mkdtempSync(join(tmpdir(), 'jacobi-kernel-spec-'));
  readonly connectionFile = join(this.dir, 'connection.json');
  process!: ChildProcess;
  stderr = '';
  private readonly identity = `client-${randomUUID()}`;
  private sockets!: { shell: zmq.Dealer; control: zmq.Dealer; stdin: zmq.Dealer; iopub: zmq.Subscriber; hb: zmq.Request };
  /** Every message received, per channel, in arrival order. */
  readonly received: Record<ReplyChannel | 'iopub', Message[]> = { shell: [], control: [], stdin: [], iopub: [] };
  private waiters: Array<() => void> = [];
  private exited: Promise<number | null> = Promise.resolve(null);

  /** `args`: extra kernel arguments (`['--language', 'python']` for the Python kernel). */
  static async start(env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<KernelClient> {
    const client = new KernelClient();
    await client.launch(env, args);
    return client;
  }

  private async launch(env: NodeJS.ProcessEnv, args: string[] = []): Promise<void> {
    const ports = { shell_port: await freePort(), control_port: await freePort(), stdin_port: await freePort(), iopub_port: await freePort(), hb_port: await freePort() };
    writeFileSync(this.connectionFile, JSON.stringify({ transport: 'tcp', ip: '127.0.0.1', key: this.key, signature_scheme: 'hmac-sha256', kernel_name: 'jacobi', ...ports }));
    this.process = spawn(process.execPath, [BIN, 'kernel', ...args, '--connection-file', this.connectionFile], {
      env: { ...process.env, JACOBI_HISTORY_FILE: join(this.dir, 'history.jsonl'), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));

    const address = (port: number): string => `tcp://127.0.0.1:${port}`;
    this.sockets = {
      shell: new zmq.Dealer({ routingId: this.identity, linger: 0 }),
      control: new zmq.Dealer({ routingId: this.identity, linger: 0 }),
      stdin: new zmq.Dealer({ routingId: this.identity, linger: 0 }),
      iopub: new zmq.Subscriber({ linger: 0 }),
      hb: new zmq.Request({ linger: 0, receiveTimeout: 1000, sendTimeout: 1000 }),
    };
    this.sockets.shell.connect(address(ports.shell_port));
    this.sockets.control.connect(address(ports.control_port));
    this.sockets.stdin.connect(address(ports.stdin_port));
    this.sockets.iopub.connect(address(ports.iopub_port));
    this.sockets.iopub.subscribe();
    this.sockets.hb.connect(address(ports.hb_port));
    for (const channel of ['shell', 'control', 'stdin', 'iopub'] as const) void this.listen(channel);
    await this.waitForReady();
  }

  private async listen(channel: ReplyChannel | 'iopub'): Promise<void> {
    try {
      for await (const frames of this.sockets[channel]) {
        this.received[channel].push(decode(frames, this.signer));
        for (const wake of this.waiters.splice(0)) wake();
      }
    } catch {
      // closed
    }
  }

  /** Like jupyter_client's wait_for_ready: kernel_info until the reply comes and iopub carries something. */
  private async waitForReady(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { msgId } = await this.send('shell', 'kernel_info_request', {});
      try {
        await this.reply('shell', msgId, 500);
        await this.until(() => this.received.iopub.some((m) => m.parent_header.msg_id === msgId), 200);
        return;
      } catch {
        // not yet
      }
    }
    throw new Error(`kernel did not become ready; stderr:\n${this.stderr}`);
  }

  /** Frames of a signed message, without sending them. */
  frames(msgType: string, content: Record<string, unknown>, header = makeHeader(msgType, this.session, 'spec')): Sent {
    return { msgId: header.msg_id, frames: encode(this.signer, [], header, {}, {}, content) };
  }

  async sendFrames(channel: ReplyChannel, frames: Buffer[]): Promise<void> {
    await this.sockets[channel].send(frames);
  }

  async send(channel: ReplyChannel, msgType: string, content: Record<string, unknown>): Promise<Sent> {
    const sent = this.frames(msgType, content);
    await this.sendFrames(channel, sent.frames);
    return sent;
  }

  async until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async reply(channel: ReplyChannel, msgId: string, timeoutMs = 10_000): Promise<Message> {
    const find = (): Message | undefined => this.received[channel].find((m) => m.parent_header.msg_id === msgId);
    await this.until(() => find() !== undefined, timeoutMs);
    return find()!;
  }

  /** The iopub messages of a request, once its idle status has arrived. */
  async iopubOf(msgId: string, timeoutMs = 10_000): Promise<Message[]> {
    const of = (): Message[] => this.received.iopub.filter((m) => m.parent_header.msg_id === msgId);
    await this.until(() => of().some((m) => m.header.msg_type === 'status' && m.content.execution_state === 'idle'), timeoutMs);
    return of();
  }

  async request(channel: ReplyChannel, msgType: string, content: Record<string, unknown>, timeoutMs?: number): Promise<Message> {
    const { msgId } = await this.send(channel, msgType, content);
    return this.reply(channel, msgId, timeoutMs);
  }

  /** Runs a cell; resolves with the reply and the cell's iopub messages. */
  async execute(code: string, options: Record<string, unknown> = {}, timeoutMs?: number): Promise<{ reply: Message; iopub: Message[] }> {
    const { msgId } = await this.send('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...options });
    const reply = await this.reply('shell', msgId, timeoutMs);
    return { reply, iopub: await this.iopubOf(msgId, timeoutMs) };
  }

  /** Text printed to stdout by a cell's stream messages. */
  static stdout(iopub: Message[]): string {
    return iopub.filter((m) => m.header.msg_type === 'stream' && m.content.name === 'stdout').map((m) => String(m.content.text)).join('');
  }

  async ping(payload = randomUUID()): Promise<boolean> {
    await this.sockets.hb.send(payload);
    const [echo] = await this.sockets.hb.receive();
    return echo!.toString() === payload;
  }

  waitForExit(timeoutMs = 5000): Promise<number | null> {
    return Promise.race([this.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('kernel did not exit')), timeoutMs).unref())]);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async close(): Promise<void> {
    for (const socket of Object.values(this.sockets)) socket.close();
    if (this.alive) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
