// Figures through real Jupyter tools: jupyter_client receives a plot cell's display_data (SVG, Vega-Lite,
// text/plain), and `jupyter nbconvert --to html --execute` keeps the figures in the page it writes.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './client.js';
import { installIntoTempPrefix, missingModules, PYTHON } from './python.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'spec', 'kernel', 'plots_check.py');
const CHECKS = ['plot_display_data', 'show_in_order', 'error_then_figure', 'display_hook', 'tensor_html'];

function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { name: 'jacobi', display_name: 'TypeScript (Jacobi)', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

describe('figures through Jupyter (Debian python3-jupyter-client, python3-nbconvert)', function () {
  this.timeout(180_000);
  const missingClient = missingModules(['jupyter_client']);
  const missingNbconvert = missingModules(['nbconvert']);
  let results: Record<string, { ok: boolean; detail: string }> = {};
  let prefix = '';
  let env: NodeJS.ProcessEnv = {};

  before(async function () {
    if (missingClient.length > 0) return;
    const installed = installIntoTempPrefix('jacobi');
    prefix = installed.prefix;
    env = installed.env;
    const { stdout } = await run(PYTHON, [SCRIPT, 'jacobi'], { env, maxBuffer: 1 << 26 });
    results = JSON.parse(stdout.trim().split('\n').pop()!);
  });
  after(() => prefix && rmSync(prefix, { recursive: true, force: true }));

  for (const name of CHECKS) {
    it(`jupyter_client: ${name.replace(/_/g, ' ')}`, function () {
      if (missingClient.length > 0) {
        console.log(`      skipped: ${PYTHON} lacks ${missingClient.join(', ')} (apt-get install python3-jupyter-client)`);
        this.skip();
      }
      const result = results[name];
      assert.ok(result, `check ${name} did not run`);
      assert.ok(result.ok, result.detail);
    });
  }

  // nbconvert 6.5.1 to 7.2.3 (Debian bookworm has 6.5.3) passes SVG outputs through lxml's HTML
  // cleaner, which strips every SVG element but <svg> itself (jupyter/nbconvert#1849, #1894):
  // matplotlib's SVG figures come out blank there too, and extracting outputs does not help (its
  // templates still inline them). Figures displayed as PNG survive every version; fixed versions
  // keep the inline SVG.
  const nbconvertCase = (name: string, cells: string[], flags: string[], checkHtml: (html: string, dir: string) => void) =>
    it(name, async function () {
      if (missingClient.length > 0 || missingNbconvert.length > 0) {
        console.log(`      skipped: ${PYTHON} lacks ${[...missingClient, ...missingNbconvert].join(', ')} (apt-get install python3-nbconvert)`);
        this.skip();
      }
      const dir = mkdtempSync(join(tmpdir(), 'jacobi-nbconvert-'));
      try {
        writeFileSync(join(dir, 'figures.ipynb'), notebook(cells));
        await run(PYTHON, ['-m', 'nbconvert', '--to', 'html', '--execute', '--ExecutePreprocessor.timeout=120', ...flags, join(dir, 'figures.ipynb')], { env: { ...env, PYTHONWARNINGS: 'ignore' }, maxBuffer: 1 << 26 });
        checkHtml(readFileSync(join(dir, 'figures.html'), 'utf8'), dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

  const FIGURES = [
    "const x = jnp.linspace(-3, 3, 61)\nplt.plot(x, jnp.tanh(x), { label: 'tanh' })\nplt.title('converted')\nplt.legend()",
    'const [fig, axs] = plt.subplots(1, 2)\naxs[0].hist(np.random.normal(0, 1, [200]), { bins: 15 })\naxs[1].imshow([[1, 2], [3, 4]], { cmap: "gray" })',
  ];
  const checkSvgs = (svgs: string[]) => {
    assert.equal(svgs.length, 2, 'two figures');
    assert.match(svgs[0]!, /<g class="mark-line role-mark[^>]*><path d="M/);
    assert.match(svgs[0]!, />converted<\/text>/);
    assert.match(svgs[1]!, /class="mark-rect role-mark/);
    assert.match(svgs[1]!, /<image [^>]*xlink:href="data:image\/png;base64,/);
  };

  nbconvertCase('jupyter nbconvert --to html --execute: inline SVG figures, intact where nbconvert does not blank SVG (6.5.1 to 7.2.3 do)', FIGURES, [], (html) => {
    const inline = html.match(/<svg [^>]*class="marks"[\s\S]*?<\/svg>/g) ?? [];
    const version = execFileSync(PYTHON, ['-c', 'import nbconvert; print(nbconvert.__version__)'], { encoding: 'utf8' }).trim();
    const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
    const blanksSvg = (major === 6 && (minor > 5 || (minor === 5 && patch >= 1))) || (major === 7 && (minor < 2 || (minor === 2 && patch < 4)));
    if (!blanksSvg) return checkSvgs(inline);
    console.log(`      note: nbconvert ${version} blanks SVG outputs (jupyter/nbconvert#1849); the PNG case below keeps the figures`);
    assert.equal(inline.length, 2, 'the two figures are in the page, as <svg> elements');
    assert.doesNotMatch(inline[0]!, /<path/, `nbconvert ${version} kept SVG elements: check them inline instead`);
  });

  nbconvertCase("jupyter nbconvert --to html --execute keeps figures displayed as PNG (plt.set_matplotlib_formats('png', 'vegalite')) on every version", ["plt.set_matplotlib_formats('png', 'vegalite')", ...FIGURES], [], (html) => {
    const pngs = [...html.matchAll(/<img src="data:image\/png;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    assert.equal(pngs.length, 2);
    for (const png of pngs) {
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.ok(png.readUInt32BE(16) > 500, `width ${png.readUInt32BE(16)}`);
    }
  });
});
