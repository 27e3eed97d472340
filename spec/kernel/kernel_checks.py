"""What the jupyter_client check scripts share: named checks collected into one JSON result, a kernel
started and always shut down, and a cell executed through its client with the reply and the iopub
messages up to idle.
"""
import contextlib
import traceback

from jupyter_client.manager import KernelManager

results = {}


def check(name):
    """Runs the decorated function now, recording {"ok", "detail"} under `name`."""
    def run(fn):
        try:
            detail = fn()
            results[name] = {"ok": True, "detail": str(detail or "")}
        except Exception:
            results[name] = {"ok": False, "detail": traceback.format_exc()}
        return fn

    return run


def execute(kc, code, timeout=60, **kwargs):
    """Runs a cell; returns the reply content and the cell's iopub messages up to idle."""
    msg_id = kc.execute(code, **kwargs)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append(msg)
    return reply["content"], outputs


def stdout(outputs, name="stdout"):
    """The text a cell wrote to one stream."""
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def wait_for_input(kc, msg_id, timeout=10):
    """Waits until the kernel announces the cell `msg_id` (its execute_input): it has begun on it."""
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            return


@contextlib.contextmanager
def running_kernel(kernel_name, ready_timeout=60, **start):
    """The kernelspec's kernel started by jupyter_client's KernelManager, ready; shut down however the checks end."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(**start)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=ready_timeout)
        yield km, kc
    finally:
        kc.stop_channels()
        if km.is_alive():  # not after a shutdown check, or a kernel that exited by itself
            km.shutdown_kernel(now=True)
