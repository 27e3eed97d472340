// The "Python (Jacobi)" kernelspec started and driven by jupyter_client's KernelManager in both
// interrupt modes: the same checks as the TypeScript kernel's (spec/kernel/jupyter-client.spec.ts),
// with Python cells.
import { join } from 'node:path';
import { ROOT } from '../kernel/client.js';
import { describeClientChecks } from '../kernel/client_checks.js';

describe('Python kernel through jupyter_client (Debian python3-jupyter-client)', function () {
  this.timeout(240_000);
  describeClientChecks({
    kernelspec: 'jacobi-python', suffix: '-python', script: join(ROOT, 'spec', 'python', 'jupyter_client_check.py'), sequential: true,
    checks: ['kernel_info', 'execute_result', 'tensor_result', 'display', 'stream_and_state', 'error', 'execute_interactive', 'complete', 'inspect', 'is_complete', 'history', 'comm_info', 'interrupt', 'interrupt_at_once', 'restart', 'shutdown'],
  });
});
