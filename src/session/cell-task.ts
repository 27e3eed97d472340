// Runs a cell's compiled script as a macrotask of its own (a timer), so that while the cell's
// synchronous part runs, nothing of the session, the kernel or the REPL is on the stack under it. An
// interrupt can then terminate it (src/session/interrupt-target.ts stops only stacks whose outermost
// frame is not driver code, and this module is not a driver): the task's promise never settles, and
// the session's own interrupt rejects the cell instead.
import type vm from 'node:vm';

export interface CellTask {
  /** Set by an interrupt that came before the task ran: the script is then never started. */
  cancelled: boolean;
  /**
   * The task's timer. A terminated timer callback never gives back the reference Node's timer list
   * counted for it; clearing the timer afterwards does (else the process could never exit).
   */
  timer?: NodeJS.Timeout;
}

export function runAsTask(script: vm.Script, enter: () => void, leave: () => void, task: CellTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    task.timer = setTimeout(() => {
      if (task.cancelled) {
        resolve(undefined);
        return;
      }
      enter();
      try {
        resolve(script.runInThisContext({ displayErrors: false }));
      } catch (e) {
        reject(e);
      } finally {
        leave();
      }
    }, 0);
  });
}
