// A real browser on a real notebook server: Debian's Chromium, driven by puppeteer-core, opens the
// classic Notebook (Debian's python3-notebook) with the Jacobi kernelspec installed in a temporary
// prefix, runs plot cells and checks the figures render (an <svg> with paths in the output area);
// then opens a notebook with stored outputs, untrusted, as a downloaded notebook opens.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { installIntoTempPrefix, missingModules, PYTHON } from '../kernel/python.js';
import { ROOT } from '../kernel/client.js';

const CHROMIUM = '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function notebook(cells: { source: string; outputs?: unknown[] }[]): string {
  return JSON.stringify({
    cells: cells.map((c, i) => ({ cell_type: 'code', execution_count: c.outputs ? i + 1 : null, metadata: {}, outputs: c.outputs ?? [], source: c.source })),
    metadata: { kernelspec: { name: 'jacobi', display_name: 'TypeScript (Jacobi)', language: 'typescript' }, language_info: { name: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

async function waitForServer(url: string, server: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the notebook server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the notebook server did not answer ${url} within ${ms} ms`);
}

/** Opens a notebook page and waits for its kernel to be connected and idle. */
async function openNotebook(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/notebooks/${name}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction('window.Jupyter?.notebook?.kernel?.is_connected?.() === true', { timeout: 90_000 });
}

describe('the classic Notebook in Chromium (Debian chromium, python3-notebook; puppeteer-core)', function () {
  this.timeout(240_000);
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(missingModules(['notebook']).length ? ['python3-notebook'] : [])];
  let browser: Browser | undefined;
  let server: ChildProcess | undefined;
  let base = '';
  const dirs: string[] = [];

  before(async function () {
    if (missing.length > 0) return;
    const { prefix, env } = installIntoTempPrefix('jacobi');
    dirs.push(prefix);
    const root = mkdtempSync(join(tmpdir(), 'jacobi-notebooks-'));
    dirs.push(root);
    writeFileSync(join(root, 'plots.ipynb'), notebook([
      { source: "const x = jnp.linspace(0, 2 * Math.PI, 200)\nplt.plot(x, jnp.sin(x), { label: 'sin' })\nplt.plot(x, jnp.cos(x), 'r--', { label: 'cos' })\nplt.title('browser check')\nplt.legend()" },
      { source: 'const [fig, axs] = plt.subplots(1, 2)\naxs[0].imshow([[0, 1], [2, 3]])\naxs[1].hist(np.random.normal(0, 1, [500]), { bins: 20 })\nfig' },
      { source: "torch.tensor([[1.5, 2.5], [3.5, 4.5]], { requires_grad: true })" },
    ]));
    // Stored outputs, as a notebook arrives from elsewhere: the server marks it untrusted.
    const stored = (await import('../../src/api/index.js')) as unknown as { torch: { tensor(x: unknown, o?: unknown): unknown } };
    const { html, repr } = await import('../../src/format/index.js');
    const { plt } = await import('../../src/plot/pyplot.js');
    const { figureBundle } = await import('../../src/plot/render.js');
    plt.close('all');
    plt.plot([1, 2, 3]);
    const figure = figureBundle(plt.gcf() as never);
    plt.close('all');
    const tensor = stored.torch.tensor([1.5, 2.5], { requires_grad: true });
    writeFileSync(join(root, 'stored.ipynb'), notebook([
      { source: 'plt.plot([1, 2, 3])', outputs: [{ output_type: 'display_data', data: figure, metadata: {} }] },
      { source: 'torch.tensor([1.5, 2.5], { requires_grad: true })', outputs: [{ output_type: 'execute_result', execution_count: 2, data: { 'text/plain': repr(tensor), 'text/html': html(tensor) }, metadata: {} }] },
    ]));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(PYTHON, ['-m', 'notebook', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', '--NotebookApp.token=', '--NotebookApp.password=', `--notebook-dir=${root}`, '--NotebookApp.disable_check_xsrf=True', '--allow-root'], {
      env: { ...env, JUPYTER_CONFIG_DIR: join(prefix, 'config') }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    server.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    try {
      await waitForServer(`${base}/api`, server, 60_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${log}`);
    }
    const profile = mkdtempSync(join(tmpdir(), 'jacobi-chromium-'));
    dirs.push(profile);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`],
    });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      // Shut the kernels down through the server first: a killed server leaves its kernels running.
      try {
        const sessions = (await (await fetch(`${base}/api/sessions`, { signal: AbortSignal.timeout(5000) })).json()) as { kernel: { id: string } }[];
        await Promise.all(sessions.map((s) => fetch(`${base}/api/kernels/${s.kernel.id}`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) })));
      } catch {
        // the server is gone already
      }
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  const skipIfMissing = (ctx: Mocha.Context) => {
    if (missing.length > 0) {
      console.log(`      skipped: Debian packages not installed: ${missing.join(', ')} (apt-get install ${missing.join(' ')})`);
      ctx.skip();
    }
  };

  it('runs plot cells and renders each figure as an <svg> with paths, and the tensor as its HTML table', async function () {
    skipIfMissing(this);
    const page = await browser!.newPage();
    await page.setViewport({ width: 1000, height: 1400 });
    await openNotebook(page, base, 'plots.ipynb');
    await page.evaluate('Jupyter.notebook.execute_all_cells()');
    await page.waitForFunction("document.querySelectorAll('.output_area svg.marks').length >= 2 && document.querySelector('.output_area .jacobi-tensor') !== null", { timeout: 90_000 });
    // In the page (a string: the specs compile without the DOM's types).
    const seen = (await page.evaluate(`(() => {
      const svgs = [...document.querySelectorAll('.output_area svg.marks')];
      return {
        figures: svgs.length,
        paths: svgs.map((s) => s.querySelectorAll('path').length),
        box: svgs.map((s) => { const r = s.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }),
        lines: svgs[0].querySelectorAll('.mark-line path').length,
        title: [...svgs[0].querySelectorAll('text')].some((t) => t.textContent === 'browser check'),
        images: svgs[1].querySelectorAll('image').length,
        errors: document.querySelectorAll('.output_error').length,
        tensor: document.querySelector('.output_area .jacobi-tensor').textContent,
        cells: [...document.querySelectorAll('.output_area .jacobi-tensor td')].map((td) => td.textContent),
      };
    })()`)) as { figures: number; paths: number[]; box: number[][]; lines: number; title: boolean; images: number; errors: number; tensor: string; cells: string[] };
    assert.equal(seen.errors, 0);
    assert.equal(seen.figures, 2);
    assert.ok(seen.paths.every((n) => n > 20), `paths per figure: ${seen.paths}`);
    assert.equal(seen.lines, 2);
    assert.ok(seen.title);
    assert.equal(seen.images, 1);
    assert.ok(seen.box.every(([w, h]) => w! > 400 && h! > 250), JSON.stringify(seen.box));
    assert.match(seen.tensor, /^torch\.Tensor size=torch\.Size\(\[2, 2\]\) dtype=torch\.float32 requires_grad=True/);
    assert.deepEqual(seen.cells, ['1.5000', '2.5000', '3.5000', '4.5000']);
    if (process.env.JACOBI_SCREENSHOT) await page.screenshot({ path: process.env.JACOBI_SCREENSHOT, fullPage: true });
    await page.close();
  });

  it("an untrusted notebook's stored outputs: the tensor's header and facade colour survive the sanitizer; the SVG figure is withheld, its text shown", async function () {
    skipIfMissing(this);
    const page = await browser!.newPage();
    await page.goto(`${base}/notebooks/stored.ipynb`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction("document.querySelectorAll('.output_area').length >= 2", { timeout: 60_000 });
    const seen = (await page.evaluate(`({
      trusted: Jupyter.notebook.trusted,
      svgs: document.querySelectorAll('.output_area svg').length,
      text: [...document.querySelectorAll('.output_area .output_text')].map((e) => e.textContent.trim()),
      header: document.querySelector('.output_area .jacobi-tensor')?.textContent ?? null,
      color: document.querySelector('.output_area .jacobi-tensor font')?.getAttribute('color') ?? null,
      border: getComputedStyle(document.querySelector('.output_area .jacobi-tensor')).borderLeftWidth,
    })`)) as { trusted: boolean; svgs: number; text: string[]; header: string | null; color: string | null; border: string };
    assert.equal(seen.trusted, false);
    // Notebook 6 shows no untrusted SVG (it sanitizes only HTML); the figure's text/plain stands in.
    assert.equal(seen.svgs, 0);
    assert.ok(seen.text.includes('<Figure size 640x480 with 1 Axes>'), JSON.stringify(seen.text));
    assert.match(seen.header!, /^torch\.Tensor size=torch\.Size\(\[2\]\) dtype=torch\.float32 requires_grad=True/);
    assert.equal(seen.color, '#c62828');
    // Notebook 6 empties every inline style (its sanitizer leaves style="undefined:undefined"): no facade border.
    assert.equal(seen.border, '0px');
    await page.close();
  });

  it("the Vega-Lite spec a figure carries draws in the browser with Vega's own renderer, as JupyterLab and VS Code draw it", async function () {
    skipIfMissing(this);
    const { plt } = await import('../../src/plot/pyplot.js');
    plt.close('all');
    const [fig, axs] = plt.subplots(1, 2) as unknown as [{ to_vegalite(): object }, { plot: Function; legend: Function; imshow: Function; hist: Function; set_title: Function }[]];
    axs[0]!.plot([0, 1, 2], [1, 3, 2], 'o-', { label: 'a' });
    axs[0]!.legend();
    axs[1]!.imshow([[0, 1], [2, 3]]);
    plt.colorbar();
    axs[1]!.set_title('image');
    const spec = fig.to_vegalite();
    plt.close('all');
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('console', (m) => (m.type() === 'warn' || m.type() === 'error') && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.setContent('<div id="chart"></div>');
    await page.addScriptTag({ path: join(ROOT, 'node_modules/vega/build/vega.min.js') });
    await page.addScriptTag({ path: join(ROOT, 'node_modules/vega-lite/build/vega-lite.min.js') });
    const seen = (await page.evaluate(`(async () => {
      const view = new vega.View(vega.parse(vegaLite.compile(${JSON.stringify(spec)}).spec), { renderer: 'svg', container: '#chart' });
      await view.runAsync();
      const svg = document.querySelector('#chart svg');
      return { paths: svg.querySelectorAll('path').length, images: svg.querySelectorAll('image').length, texts: [...svg.querySelectorAll('text')].map((t) => t.textContent) };
    })()`)) as { paths: number; images: number; texts: string[] };
    assert.deepEqual(problems, []);
    assert.ok(seen.paths > 20, `${seen.paths} paths`);
    assert.equal(seen.images, 1);
    assert.ok(seen.texts.includes('image') && seen.texts.includes('a'), JSON.stringify(seen.texts));
    await page.close();
  });
});
