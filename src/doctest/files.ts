// Expands the command line's paths: files as given, directories recursed for .md, .ts and .ipynb
// (skipping node_modules, dist and dot-directories), and globs with `*`, `**`, `?` and `{a,b}`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { DOC_EXTENSIONS } from './load.js';

const SKIP_DIRS = new Set(['node_modules', 'dist']);

function walk(dir: string, into: string[], extra: readonly string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into, extra);
    else if (entry.isFile() && (DOC_EXTENSIONS.includes(extname(entry.name)) || extra.includes(extname(entry.name))) && !entry.name.endsWith('.d.ts')) into.push(path);
  }
}

const isGlob = (s: string) => /[*?{[]/.test(s);

/** A glob as a regular expression over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of directories, including none.
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, close).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export class PathError extends Error {}

/** `extra`: more extensions to search directories for (`--lang python`'s .py, .txt, .rst). */
export function expandPaths(args: string[], extra: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (!isGlob(arg)) {
      if (!existsSync(arg)) throw new PathError(`no such file or directory: ${arg}`);
      if (statSync(arg).isDirectory()) walk(arg, out, extra);
      else out.push(arg);
      continue;
    }
    // Walk from the glob's literal leading directories, then match what is below.
    const parts = arg.split('/');
    const base = parts.slice(0, parts.findIndex(isGlob)).join('/') || '.';
    const re = globToRegExp(arg.replace(/^\.\//, ''));
    const found: string[] = [];
    if (existsSync(base)) walkAll(base, found);
    const matched = found.filter((p) => re.test(p.split(sep).join('/').replace(/^\.\//, '')));
    if (matched.length === 0) throw new PathError(`no files match ${arg}`);
    out.push(...matched);
  }
  return [...new Set(out)];
}

function walkAll(dir: string, into: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) walkAll(path, into);
    else if (entry.isFile()) into.push(path);
  }
}


