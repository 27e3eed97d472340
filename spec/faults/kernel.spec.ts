// The fault suite, kernel side: interrupts of busy code (before and after await, in timers,
// repeated), errors no cell can catch, refused exits, deaths and restarts, all through the real
// jupyter_client in both interrupt modes (kernel_faults.py); then what happens to the kernel process
// itself: a busy port, a parent that dies, signals. A fault costs the cell it happens in, never the
// session, and never ends in a native abort.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, freePort, KernelClient, ROOT } from '../kernel/client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from '../kernel/python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'faults', 'kernel_faults.py');
const CASES = [
  'interrupt_busy_loop', 'interrupt_after_await_null', 'interrupt_after_real_await', 'interrupt_pending_await',
  'interrupt_inside_timer', 'interrupt_inside_setImmediate', 'interrupt_looping_interval', 'interrupt_self_rearming_timer', 'interrupt_repeated',
  'interrupt_runaway_callback_after_its_cell', 'interrupt_idle',
  'async_unawaited_rejection', 'async_rejection_in_async_function', 'async_throw_in_setTimeout',
  'async_throw_in_global_setTimeout', 'async_throw_in_setImmediate', 'async_throw_in_nextTick',
  'async_throw_in_fs_callback', 'async_error_after_the_cell', 'async_non_error_rejection',
  'process_exit_refused', 'restart_after_busy_cell', 'restart_after_kill', 'shutdown_while_stuck_after_await',
];
/** What a native abort leaves on stderr (ZeroMQ's teardown throwing in a destructor, V8 fatal errors). */
const NATIVE_ABORT = /terminate called|Napi::Error|FATAL ERROR|Native stack trace|Aborted|core dumped/;

type Results = Record<string, { ok: boolean; detail: string }>;

describe('faults: the kernel through jupyter_client', function () {
  this.timeout(240_000);
  const missing = missingModules(['jupyter_client']);
  const results: Partial<Record<'message' | 'signal', Results>> = {};
  const stderr: Partial<Record<'message' | 'signal', string>> = {};
  let prefix: string | undefined;

  before(async function () {
    if (missing.length > 0) return;
    const installed = installIntoTempPrefix('jacobi');
    prefix = installed.prefix;
    const spec = JSON.parse(readFileSync(join(installed.dataDir, 'kernels', 'jacobi', 'kernel.json'), 'utf8'));
    // One mode after the other: interrupt latencies are measured, and the machine is shared.
    for (const mode of ['message', 'signal'] as const) {
      const name = `jacobi-faults-${mode}`;
      await run(process.execPath, [BIN, 'install', '--prefix', prefix, '--name', name]);
      writeFileSync(join(installed.dataDir, 'kernels', name, 'kernel.json'), JSON.stringify({ ...spec, interrupt_mode: mode }));
      const log = join(prefix, `${mode}.stderr`);
      const { stdout } = await run(PYTHON, [SCRIPT, name, log], { env: installed.env, maxBuffer: 1 << 24, timeout: 180_000 });
      results[mode] = JSON.parse(stdout.trim().split('\n').pop()!) as Results;
      stderr[mode] = readFileSync(log, 'utf8');
    }
  });
  after(() => prefix && rmSync(prefix, { recursive: true, force: true }));

  for (const mode of ['message', 'signal'] as const) {
    describe(`interrupt_mode ${mode}`, () => {
      for (const name of CASES) {
        it(name.replace(/_/g, ' '), function () {
          if (missing.length > 0) {
            console.log(`      skipped: ${PYTHON} lacks ${missing.join(', ')} (apt-get install python3-jupyter-client)`);
            this.skip();
          }
          const result = results[mode]?.[name];
          assert.ok(result, `case ${name} did not run`);
          assert.ok(result.ok, result.detail);
          if (result.detail) console.log(`        ${result.detail}`);
        });
      }
      it('no native abort on the kernel stderr, through every death and restart', function () {
        if (missing.length > 0) this.skip();
        assert.doesNotMatch(stderr[mode] ?? '', NATIVE_ABORT, stderr[mode]);
      });
    });
  }
});

/** Whether a process is gone (or a zombie nobody reaped: it has exited all the same). */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return / Z /.test(stat.slice(stat.lastIndexOf(')')));
  } catch {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** Whether a heartbeat on `port` is echoed within `timeoutMs` (a REQ socket per try: one that timed out is stuck). */
async function heartbeat(port: number, timeoutMs: number): Promise<boolean> {
  const { Request } = await import('zeromq');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const req = new Request({ linger: 0, receiveTimeout: 300, sendTimeout: 300 });
    req.connect(`tcp://127.0.0.1:${port}`);
    try {
      await req.send('ping');
      await req.receive();
      return true;
    } catch {
      // not yet
    } finally {
      req.close();
    }
  }
  return false;
}

async function connectionFile(dir: string, ports?: Partial<Record<string, number>>): Promise<string> {
  const file = join(dir, 'connection.json');
  // Five different ports: a port freed a moment ago can be handed out again.
  const free = new Set<number>();
  while (free.size < 5) free.add(await freePort());
  const [shell_port, control_port, stdin_port, iopub_port, hb_port] = [...free];
  const all = { shell_port, control_port, stdin_port, iopub_port, hb_port, ...ports };
  writeFileSync(file, JSON.stringify({ transport: 'tcp', ip: '127.0.0.1', key: 'k', signature_scheme: 'hmac-sha256', ...all }));
  return file;
}

describe('faults: the kernel process', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jacobi-faults-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a port in use (socket and port) and exits non-zero, without a native abort', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const busy = (server.address() as { port: number }).port;
    try {
      const file = await connectionFile(dir, { iopub_port: busy });
      const child = spawn(process.execPath, [BIN, 'kernel', '--connection-file', file], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, JACOBI_HISTORY_FILE: '' } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(signal ? -1 : c)));
      assert.equal(code, 1, err);
      assert.match(err, new RegExp(`iopub socket .*${busy}`));
      assert.match(err, /in use/i);
      assert.doesNotMatch(err, NATIVE_ABORT);
    } finally {
      server.close();
    }
  });

  it('reports an unreadable connection file and exits non-zero', async () => {
    const child = spawn(process.execPath, [BIN, 'kernel', '--connection-file', join(dir, 'missing.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 1, err);
    assert.match(err, /missing\.json/);
    assert.doesNotMatch(err, NATIVE_ABORT);
  });

  /** Starts the kernel under `sh` (its parent), which prints the kernel's pid and waits for it. */
  async function orphanable(parentPidOf: 'sh' | 'other'): Promise<{ sh: ReturnType<typeof spawn>; kernel: number; stderr: () => string }> {
    const file = await connectionFile(dir);
    const parent = parentPidOf === 'sh' ? 'JPY_PARENT_PID=$$; export JPY_PARENT_PID; ' : `JPY_PARENT_PID=${process.pid}; export JPY_PARENT_PID; `;
    const log = join(dir, 'kernel.stderr');
    const sh = spawn('/bin/sh', ['-c', `${parent}"$0" "$1" kernel --connection-file "$2" 2>"$3" & echo $!; wait`, process.execPath, BIN, file, log], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, JACOBI_HISTORY_FILE: '' },
    });
    const kernel = await new Promise<number>((resolve) => sh.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    // Started: its sockets are bound once the heartbeat echoes.
    const hb = JSON.parse(readFileSync(file, 'utf8')).hb_port as number;
    if (!(await heartbeat(hb, 20_000))) {
      const text = existsSync(log) ? readFileSync(log, 'utf8') : '(no stderr file)';
      throw new Error(`the kernel did not answer its heartbeat; its stderr:\n${text}`);
    }
    return { sh, kernel, stderr: () => readFileSync(log, 'utf8') };
  }

  it('exits when the process named by JPY_PARENT_PID dies', async () => {
    const { sh, kernel, stderr } = await orphanable('sh');
    try {
      sh.kill('SIGKILL');
      assert.ok(await until(() => gone(kernel), 5000), 'the orphaned kernel is still running');
      assert.match(stderr(), /parent process .* is gone/);
      assert.doesNotMatch(stderr(), NATIVE_ABORT);
    } finally {
      if (!gone(kernel)) process.kill(kernel, 'SIGKILL');
    }
  });

  it('exits when its own parent dies (it is reparented), even with JPY_PARENT_PID alive', async () => {
    const { sh, kernel, stderr } = await orphanable('other');
    try {
      sh.kill('SIGKILL');
      assert.ok(await until(() => gone(kernel), 5000), 'the orphaned kernel is still running');
      assert.match(stderr(), /parent process .* is gone/);
    } finally {
      if (!gone(kernel)) process.kill(kernel, 'SIGKILL');
    }
  });

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} ends the kernel cleanly, even while a cell is stuck after an await`, async () => {
      const k = await KernelClient.start();
      try {
        await k.execute('var x = 1');
        await k.send('shell', 'execute_request', { code: 'await null; while (true) {}', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
        await new Promise((resolve) => setTimeout(resolve, 300));
        k.process.kill(signal);
        assert.equal(await k.waitForExit(5000), 0);
        assert.doesNotMatch(k.stderr, NATIVE_ABORT);
      } finally {
        await k.close();
      }
    });
  }

  it('a shutdown_request exits 0 with nothing on stderr', async () => {
    const k = await KernelClient.start();
    try {
      await k.execute('Promise.reject(new Error("ignored")); 1');
      const reply = await k.request('control', 'shutdown_request', { restart: false });
      assert.equal(reply.content.status, 'ok');
      assert.equal(await k.waitForExit(), 0);
      assert.equal(k.stderr, '');
    } finally {
      await k.close();
    }
  });
});
