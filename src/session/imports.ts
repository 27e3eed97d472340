// `import ... from 'x'` and `import('x')` in a cell: `jacobi` is this package, Node builtins are
// themselves, relative paths are relative to the working directory (the notebook's directory), and
// packages resolve as Node resolves an import from a module in that directory: node_modules from the
// working directory up, the package's `exports` with the `import` condition (ESM-only packages work),
// else its `main`. A package not found there comes from Jacobi's own dependencies; one found nowhere is
// a ModuleNotFoundError that names it and every node_modules directory that was searched.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = new URL('../index.js', import.meta.url).href;
/** Node's conditions for an `import` (ESM) from a file. */
const IMPORT = ['node', 'import', 'default'];
/** A package whose `exports` only a require() may load: a cell loads its CommonJS entry still. */
const REQUIRE = ['node', 'require', 'default'];

export class ModuleNotFoundError extends Error {
  override name = 'ModuleNotFoundError';
  readonly code = 'ERR_MODULE_NOT_FOUND';
  constructor(readonly specifier: string, readonly searched: string[]) {
    super(`Cannot find package '${specifier}': no ${packageName(specifier) ?? specifier} in ${searched.join(', ')} ` +
      `(npm install ${packageName(specifier) ?? specifier} in ${process.cwd()} to use it here)`);
  }
}

export async function importForCell(specifier: unknown): Promise<unknown> {
  const spec = String(specifier);
  if (spec === 'jacobi') return import(SELF);
  if (spec.startsWith('node:') || builtinModules.includes(spec)) return import(spec.startsWith('node:') ? spec : `node:${spec}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) && !path.isAbsolute(spec)) return load(spec); // file:, data: URLs
  if (spec.startsWith('.') || path.isAbsolute(spec)) return load(pathToFileURL(path.resolve(spec)).href);
  const searched = nodeModulesDirs(process.cwd());
  const found = resolvePackage(spec, searched);
  if (found) return load(found);
  // Jacobi's own dependencies (resolved from this module).
  try {
    return await import(spec);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes(`'${packageName(spec)}'`)) throw e;
    const own = nodeModulesDirs(path.dirname(fileURLToPath(import.meta.url))).filter((d) => !searched.includes(d));
    throw new ModuleNotFoundError(spec, [...searched, ...own]);
  }
}

/** Imports a resolved URL; a `.json` file as JSON (what `with { type: 'json' }` asks Node for). */
function load(url: string): Promise<unknown> {
  return /\.json$/i.test(new URL(url).pathname) ? import(url, { with: { type: 'json' } }) : import(url);
}

/** `node_modules` directories Node searches from `dir`: its own and every ancestor's. */
export function nodeModulesDirs(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (path.basename(d) !== 'node_modules') out.push(path.join(d, 'node_modules'));
    if (path.dirname(d) === d) return out;
  }
}

function packageName(spec: string): string | undefined {
  const m = /^((?:@[^/]+\/)?[^/@][^/]*)/.exec(spec);
  return m?.[1];
}

/** The file URL an ESM import of `spec` gets from the first of `dirs` holding the package, or undefined. */
export function resolvePackage(spec: string, dirs: string[]): string | undefined {
  const name = packageName(spec);
  if (!name) return undefined;
  const subpath = '.' + spec.slice(name.length);
  for (const dir of dirs) {
    const root = path.join(dir, name);
    const manifest = path.join(root, 'package.json');
    if (!fs.existsSync(manifest)) {
      // A package without a package.json still resolves to a file or directory index.
      if (fs.existsSync(root)) return legacyFile(root, subpath);
      continue;
    }
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: unknown };
    if (pkg.exports !== undefined && pkg.exports !== null) {
      const target = exportsTarget(pkg.exports, subpath, IMPORT) ?? exportsTarget(pkg.exports, subpath, REQUIRE);
      if (target === undefined || target === null) {
        throw Object.assign(new Error(`Package subpath '${subpath}' is not defined by "exports" in ${manifest}`), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
      }
      return pathToFileURL(path.join(root, target)).href;
    }
    if (subpath === '.' && typeof pkg.main === 'string') {
      const main = legacyFile(root, './' + pkg.main.replace(/^\.\//, ''));
      if (main) return main;
    }
    return legacyFile(root, subpath === '.' ? './index.js' : subpath);
  }
  return undefined;
}

/** `main` and subpaths without `exports`: the file, with Node's extension and index fallbacks. */
function legacyFile(root: string, subpath: string): string | undefined {
  const base = path.join(root, subpath);
  for (const candidate of [base, `${base}.js`, `${base}.json`, `${base}.node`, path.join(base, 'index.js'), path.join(base, 'index.json')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return pathToFileURL(candidate).href;
  }
  return undefined;
}

/** PACKAGE_EXPORTS_RESOLVE of Node's ESM resolver: the target path for `subpath` ('.' or './x'), null when blocked. */
function exportsTarget(exports: unknown, subpath: string, conditions: string[]): string | null | undefined {
  const isSubpathMap = typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports as object).some((k) => k.startsWith('.'));
  const map = (isSubpathMap ? exports : { '.': exports }) as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(map, subpath) && !subpath.includes('*')) return conditionalTarget(map[subpath], undefined, conditions);
  // Patterns (`./features/*.js`): the longest matching prefix wins.
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath !== prefix && subpath.endsWith(suffix) && subpath.length >= key.length) {
      if (!best || prefix.length > best.key.indexOf('*')) best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  return best ? conditionalTarget(map[best.key], best.match, conditions) : undefined;
}

function conditionalTarget(target: unknown, match: string | undefined, conditions: string[]): string | null | undefined {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    return match === undefined ? target : target.replace(/\*/g, match);
  }
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = conditionalTarget(t, match, conditions);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (target === null) return null;
  if (typeof target === 'object') {
    for (const [condition, value] of Object.entries(target as Record<string, unknown>)) {
      if (!conditions.includes(condition)) continue;
      const r = conditionalTarget(value, match, conditions);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}
