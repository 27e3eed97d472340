"""What the jupyter_client check scripts share: named checks collected into one JSON result, and a
cell executed through a kernel client with its reply and iopub messages up to idle.
"""
import traceback

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
