// Debian's Python with the Jupyter client packages, for the specs that drive the kernel through real clients.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './client.js';

export const PYTHON = '/usr/bin/python3';

/** The modules that are missing from PYTHON, empty when all import. */
export function missingModules(modules: string[]): string[] {
  return modules.filter((m) => spawnSync(PYTHON, ['-c', `import ${m}`], { stdio: 'ignore' }).status !== 0);
}

/**
 * Installs the kernelspec into a fresh prefix and returns the environment that makes Jupyter find it
 * there (and only there, besides the system's), so the user's own Jupyter directories stay untouched.
 */
export function installIntoTempPrefix(name = 'jacobi'): { prefix: string; env: NodeJS.ProcessEnv; dataDir: string } {
  const prefix = mkdtempSync(join(tmpdir(), 'jacobi-prefix-'));
  execFileSync(process.execPath, [BIN, 'install', '--prefix', prefix, '--name', name], { stdio: 'pipe' });
  const dataDir = join(prefix, 'share', 'jupyter');
  const env = {
    ...process.env,
    JUPYTER_PATH: dataDir,
    JUPYTER_DATA_DIR: join(prefix, 'user-data'),
    JUPYTER_RUNTIME_DIR: join(prefix, 'runtime'),
    JUPYTER_CONFIG_DIR: join(prefix, 'config'),
    JACOBI_HISTORY_FILE: join(prefix, 'history.jsonl'),
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
  return { prefix, env, dataDir };
}
