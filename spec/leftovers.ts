// A root hook: after the whole run, processes that specs started and left running (a REPL stuck
// after a failed assertion, a kernel whose client died) are killed and named. Left alone they keep
// mocha's event loop, and so CI, waiting until its time limit, which hides the failure that caused them.
import { readdirSync, readFileSync } from 'node:fs';

/** The parent of each live process, from /proc (Linux; elsewhere nothing is found). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name is in parentheses and may hold spaces: fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') out.set(Number(name), Number(fields[1]));
    } catch {
      // Gone since the listing.
    }
  }
  return out;
}

/** Every live process below `root`. */
export function descendants(root: number): number[] {
  const tree = parents();
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = [...tree].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
  } catch {
    return '?';
  }
}

export const mochaHooks = {
  afterAll(): void {
    const left = descendants(process.pid);
    for (const pid of left) {
      process.stderr.write(`a spec left process ${pid} running; killed: ${commandLine(pid)}\n`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  },
};
