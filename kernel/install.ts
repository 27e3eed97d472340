// `jacobi install` / `jacobi uninstall`: the kernelspec from install.json, with absolute paths of node and
// of bin/jacobi.js, plus logos, in a Jupyter data directory's kernels/NAME, where `jupyter kernelspec list`
// looks.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logoPng } from './logo.js';
import { pythonLogoPng, pythonSpecName } from './python-kernel.js';

const USAGE = 'usage: jacobi install|uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]';

interface Target {
  dataDir: string;
  name: string;
}

// dist/kernel/install.js -> the package root
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function parse(args: string[]): Target {
  let where: 'user' | 'sys-prefix' | { prefix: string } = 'user';
  let name = 'jacobi';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--user') where = 'user';
    else if (arg === '--sys-prefix') where = 'sys-prefix';
    else if (arg === '--prefix' || arg === '--name') {
      const value = args[++i];
      if (!value) throw new Error(`${arg} needs a value\n${USAGE}`);
      if (arg === '--prefix') where = { prefix: value };
      else name = value;
    } else if (arg.startsWith('--prefix=')) where = { prefix: arg.slice('--prefix='.length) };
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
    else throw new Error(`unknown argument '${arg}'\n${USAGE}`);
  }
  checkKernelName(name);
  const dataDir = where === 'user' ? userDataDir() : where === 'sys-prefix' ? join(pythonSysPrefix(), 'share', 'jupyter') : join(where.prefix, 'share', 'jupyter');
  return { dataDir, name };
}

/**
 * A kernelspec name is one directory under kernels/: the characters jupyter_client accepts (ASCII
 * letters, digits, '.', '_', '-'), and not '.' or '..', which would name kernels/ itself or the data
 * directory above it.
 */
export function checkKernelName(name: string): void {
  if (!/^[a-z0-9._-]+$/i.test(name) || name === '.' || name === '..') {
    throw new Error(`invalid kernel name ${JSON.stringify(name)}: use ASCII letters, digits, '.', '_' and '-' (not '.' or '..' alone)`);
  }
}

/** The kernelspec's directory, checked to be a direct child of the data directory's kernels/. */
function specDir(dataDir: string, name: string): string {
  checkKernelName(name);
  const kernels = resolve(dataDir, 'kernels');
  const dir = resolve(kernels, name);
  if (dirname(dir) !== kernels) throw new Error(`kernel name ${JSON.stringify(name)} does not name a directory in ${kernels}`);
  return dir;
}

/** `jupyter --data-dir` on Linux and macOS. */
function userDataDir(env = process.env): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'jupyter');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

/** The prefix of the Python that runs Jupyter: Debian's /usr/bin/python3 first, else python3 on PATH. */
function pythonSysPrefix(): string {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      return execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // try the next one
    }
  }
  throw new Error('--sys-prefix needs python3 to find sys.prefix; use --prefix DIR instead');
}

/**
 * The kernelspec from its template (install.json, install-python.json). Its `env` gives the kernel
 * glibc's malloc settings for arrays: below 32 MiB from the heap, and up to 128 MiB of freed heap kept
 * mapped. With glibc's defaults, V8 freeing dead ArrayBuffers in batches at garbage collections makes
 * glibc return memory to the system and fault it in again: a loop of 1e6-element float32 ops faulted
 * 500-2,900 pages per iteration (about 2 us each, 10-50% of its time); with these settings, about 50.
 */
export function kernelSpec(file = 'install.json'): Record<string, unknown> {
  const template = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { argv: string[] } & Record<string, unknown>;
  const paths: Record<string, string> = { '{node}': process.execPath, '{kernel}': join(ROOT, 'bin', 'jacobi.js') };
  return { ...template, argv: template.argv.map((arg) => paths[arg] ?? arg) };
}

export async function install(args: string[]): Promise<void> {
  const { dataDir, name } = parse(args);
  const dir = specDir(dataDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(kernelSpec(), null, 2) + '\n');
  writeFileSync(join(dir, 'logo-32x32.png'), logoPng(32));
  writeFileSync(join(dir, 'logo-64x64.png'), logoPng(64));
  console.log(`Installed kernelspec ${name} in ${dir}`);
  // The second kernelspec: Python cells, the same kernel process (install-python.json).
  const python = pythonSpecName(name);
  const pyDir = join(dataDir, 'kernels', python);
  mkdirSync(pyDir, { recursive: true });
  writeFileSync(join(pyDir, 'kernel.json'), JSON.stringify(kernelSpec('install-python.json'), null, 2) + '\n');
  writeFileSync(join(pyDir, 'logo-32x32.png'), pythonLogoPng(32));
  writeFileSync(join(pyDir, 'logo-64x64.png'), pythonLogoPng(64));
  console.log(`Installed kernelspec ${python} in ${pyDir}`);
}

/** Removes exactly the kernelspec `kernels/NAME` (as `jupyter kernelspec remove` does), nothing above it. */
export async function uninstall(args: string[]): Promise<void> {
  const { dataDir, name } = parse(args);
  const dir = specDir(dataDir, name);
  if (!existsSync(join(dir, 'kernel.json'))) throw new Error(`no kernelspec ${name} in ${dir}`);
  // A kernelspec installed as a symbolic link (jupyter kernelspec install --symlink) loses the link only.
  if (lstatSync(dir).isSymbolicLink()) unlinkSync(dir);
  else rmSync(dir, { recursive: true, force: true });
  console.log(`Removed kernelspec ${name} from ${dir}`);
  const pyDir = join(dataDir, 'kernels', pythonSpecName(name));
  if (existsSync(join(pyDir, 'kernel.json'))) {
    rmSync(pyDir, { recursive: true, force: true });
    console.log(`Removed kernelspec ${pythonSpecName(name)} from ${pyDir}`);
  }
}
