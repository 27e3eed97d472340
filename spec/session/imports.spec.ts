// Imports in cells resolve from the notebook's directory (the kernel's working directory): ESM-only
// packages through their `exports`, CommonJS packages, `node:` builtins and relative files, statically
// and through import(); a package found nowhere names itself and the node_modules searched.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../src/session/session.js';
import { errorOf, run, value } from './helpers.js';

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

describe('session: imports from the notebook directory', function () {
  this.timeout(60_000);
  let dir = '';
  let cwd = '';
  let s: Session;

  before(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'jacobi-imports-')));
    const nm = join(dir, 'node_modules');
    // ESM only: an `exports` map with the import condition alone (require() cannot load it).
    write(join(nm, 'esmpkg', 'package.json'), JSON.stringify({ name: 'esmpkg', type: 'module', exports: { '.': { import: './lib/index.js' }, './extra': { import: './lib/extra.js' } } }));
    write(join(nm, 'esmpkg', 'lib', 'index.js'), 'export const hi = "hi from esm";\nexport default 42;\n');
    write(join(nm, 'esmpkg', 'lib', 'extra.js'), 'export const extra = "extra";\n');
    // Conditional: import and require get different files; a cell's import gets the ESM one.
    write(join(nm, 'dual', 'package.json'), JSON.stringify({ name: 'dual', exports: { import: './esm.mjs', require: './cjs.cjs' } }));
    write(join(nm, 'dual', 'esm.mjs'), 'export const kind = "esm";\n');
    write(join(nm, 'dual', 'cjs.cjs'), 'exports.kind = "cjs";\n');
    // CommonJS with only `main`.
    write(join(nm, 'cjspkg', 'package.json'), JSON.stringify({ name: 'cjspkg', main: 'main.js' }));
    write(join(nm, 'cjspkg', 'main.js'), 'module.exports = { twice: (x) => 2 * x };\n');
    // CommonJS whose exports only a require() may take: a cell still loads it.
    write(join(nm, 'cjsonly', 'package.json'), JSON.stringify({ name: 'cjsonly', exports: { '.': { require: './index.cjs' } } }));
    write(join(nm, 'cjsonly', 'index.cjs'), 'exports.name = "cjs only";\n');
    write(join(nm, '@scope', 'pkg', 'package.json'), JSON.stringify({ name: '@scope/pkg', type: 'module', exports: './index.js' }));
    write(join(nm, '@scope', 'pkg', 'index.js'), 'export const scoped = true;\n');
    write(join(dir, 'local.mjs'), 'export const local = "local file";\n');
    write(join(dir, 'data.json'), '{"answer": 42}\n');
    cwd = process.cwd();
    process.chdir(dir);
    s = new Session();
    await s.ready;
  });
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an ESM-only package (exports with the import condition) statically', async () => {
    assert.equal(await value(s, "import { hi } from 'esmpkg'\nhi"), "'hi from esm'");
    assert.equal(await value(s, "import answer from 'esmpkg'\nanswer"), '42');
    assert.equal(await value(s, "import { extra } from 'esmpkg/extra'\nextra"), "'extra'");
    assert.equal(await value(s, "import { scoped } from '@scope/pkg'\nscoped"), 'True');
  });

  it("takes the import condition over require's, and loads CommonJS packages through main", async () => {
    assert.equal(await value(s, "import { kind } from 'dual'\nkind"), "'esm'");
    assert.equal(await value(s, "import cjs from 'cjspkg'\ncjs.twice(21)"), '42');
    assert.equal(await value(s, "require('dual').kind"), "'cjs'");
    assert.equal(await value(s, "import { name } from 'cjsonly'\nname"), "'cjs only'");
  });

  it('evaluates dynamic import() of builtins, packages and relative files, also inside functions', async () => {
    assert.equal(await value(s, "(await import('node:os')).platform() === process.platform"), 'True');
    assert.equal(await value(s, "(await import('path')).sep"), "'/'");
    assert.equal(await value(s, "(await import('esmpkg')).hi"), "'hi from esm'");
    assert.equal(await value(s, "(await import('./local.mjs')).local"), "'local file'");
    assert.equal(await value(s, "import data from './data.json' with { type: 'json' }\ndata.answer"), '42');
    await value(s, "const load = async (name: string) => (await import(name)).kind");
    assert.equal(await value(s, "await load('dual')"), "'esm'");
  });

  it('reports a missing package as ModuleNotFoundError naming it and the directories searched', async () => {
    const e = errorOf((await run(s, "import { x } from 'no-such-pkg'")).outcome);
    assert.equal(e.ename, 'ModuleNotFoundError');
    assert.match(e.evalue, /^Cannot find package 'no-such-pkg': no no-such-pkg in /);
    assert.ok(e.evalue.includes(join(dir, 'node_modules')), e.evalue);
    assert.ok(e.evalue.includes('/node_modules,') || e.evalue.includes('/node_modules '), e.evalue);
    const d = errorOf((await run(s, "await import('@nope/thing/sub')")).outcome);
    assert.equal(d.ename, 'ModuleNotFoundError');
    assert.match(d.evalue, /Cannot find package '@nope\/thing\/sub': no @nope\/thing in /);
  });

  it("says which subpath a package's exports do not allow", async () => {
    const e = errorOf((await run(s, "import 'esmpkg/lib/extra.js'")).outcome);
    assert.match(e.evalue, /Package subpath '.\/lib\/extra.js' is not defined by "exports"/);
  });
});
