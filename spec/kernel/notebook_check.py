"""The notebook conveniences through the real Jupyter client: imports from the notebook's directory,
magics, tqdm's live display, and exit() ending the kernel (ipykernel's ask_exit payload).

Usage: notebook_check.py KERNEL_NAME NOTEBOOK_DIR
Prints one JSON object: check name -> {"ok": bool, "detail": str}. The mocha spec asserts each one.
"""
import json
import re
import sys
import time


from kernel_checks import check, execute, results, running_kernel, stdout



def result(outputs):
    found = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    return found[0] if found else None


def main(kernel_name, notebook_dir):
    with running_kernel(kernel_name, 60, cwd=notebook_dir) as (km, kc):

        @check("esm_import_from_notebook_dir")
        def _():
            content, outputs = execute(kc, "import { hi } from 'esmpkg'\nhi")
            assert content["status"] == "ok", content
            assert result(outputs) == "'hi from esm'", outputs
            content, outputs = execute(kc, "(await import('node:os')).platform() === process.platform")
            assert content["status"] == "ok" and result(outputs) == "True", (content, outputs)
            content, outputs = execute(kc, "import 'not-installed-pkg'")
            assert content["status"] == "error" and content["ename"] == "ModuleNotFoundError", content
            assert notebook_dir + "/node_modules" in content["evalue"], content["evalue"]

        @check("magics")
        def _():
            content, outputs = execute(kc, "%time 40 + 2")
            assert content["status"] == "ok", content
            assert result(outputs) == "42", outputs
            assert re.match(r"^CPU times: user .+, sys: .+, total: .+\nWall time: [\d.]+ (s|ms|µs|ns)\n$", stdout(outputs)), stdout(outputs)
            content, outputs = execute(kc, "%timeit -n 10 -r 3 Math.sqrt(2)")
            # IPython's warning about a slow first run may come first (a loaded machine, a cold JIT).
            slow = r"(The slowest run took [\d.]+ times longer than the fastest\. This could mean that an intermediate result is being cached\.\n)?"
            assert re.match("^" + slow + r"[\d.]+ (ms|µs|ns) ± [\d.]+ (ms|µs|ns) per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)\n$", stdout(outputs)), stdout(outputs)
            content, outputs = execute(kc, "!echo hi from the shell; pwd")
            assert stdout(outputs) == "hi from the shell\n" + notebook_dir + "\n", stdout(outputs)
            content, outputs = execute(kc, "%foo")
            assert content["status"] == "error" and content["ename"] == "UsageError", content
            assert content["evalue"] == "Line magic function `%foo` not found.", content["evalue"]

        @check("tqdm_update_display_data")
        def _():
            content, outputs = execute(kc, "for (const i of trange(3, { desc: 'steps' })) await new Promise((r) => setTimeout(r, 150))")
            assert content["status"] == "ok", content
            shown = [m for m in outputs if m["msg_type"] in ("display_data", "update_display_data")]
            assert shown and shown[0]["msg_type"] == "display_data", [m["msg_type"] for m in outputs]
            assert all(m["msg_type"] == "update_display_data" for m in shown[1:]) and len(shown) >= 3, [m["msg_type"] for m in shown]
            ids = {m["content"]["transient"]["display_id"] for m in shown}
            assert len(ids) == 1, ids
            last = shown[-1]["content"]["data"]
            assert re.match(r"^steps: 100%\|██████████\| 3/3 \[00:00<00:00, +[\d.]+it/s\]$", last["text/plain"]), last["text/plain"]
            assert '<progress value="3" max="3"' in last["text/html"], last["text/html"]
            return f"{len(shown)} messages"

        @check("exit_ask_exit_then_shutdown")
        def _():
            content, outputs = execute(kc, "exit()")
            assert content["status"] == "ok", content
            assert {"source": "ask_exit", "keepkernel": False} in content["payload"], content["payload"]
            deadline = time.time() + 20
            while km.is_alive() and time.time() < deadline:
                time.sleep(0.1)
            assert not km.is_alive(), "the kernel is still running"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
    print(json.dumps(results))
