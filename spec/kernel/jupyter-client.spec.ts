// The installed kernelspec started and driven by jupyter_client's KernelManager, in both interrupt modes.
import { join } from 'node:path';
import { ROOT } from './client.js';
import { describeClientChecks } from './client_checks.js';

describe('kernel through jupyter_client (Debian python3-jupyter-client)', function () {
  this.timeout(120_000);
  describeClientChecks({
    kernelspec: 'jacobi', suffix: '', script: join(ROOT, 'spec', 'kernel', 'jupyter_client_check.py'), sequential: false,
    checks: ['kernel_info', 'execute_result', 'stream_and_state', 'error', 'traceback', 'execute_interactive', 'complete', 'inspect', 'is_complete', 'history', 'comm_info', 'interrupt', 'restart', 'shutdown'],
  });
});
