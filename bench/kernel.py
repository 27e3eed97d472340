"""Kernel latency through jupyter_client, as medians: start to the first kernel_info_reply, an execute of
`1 + 1` after warm-up, start to the result of a first tensor cell, a completion request, and interrupt latency of `while (true) {}`.

Usage: /usr/bin/python3 bench/kernel.py [--json] [--quick] [--python]   (after `npm run build`)
--python measures the "Python (Jacobi)" kernel instead (Python cells: its first cell waits for Pyodide,
which the kernel starts loading once its sockets are bound).
The kernelspec is installed into a temporary prefix; the user's Jupyter directories are not touched.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = {"start_s": 0.3, "execute_ms": 3.0}
PYTHON = "--python" in sys.argv
KERNEL = "jacobi-python" if PYTHON else "jacobi"
FIRST_CELL = "import jax.numpy as jnp\njnp.arange(6).reshape(2, 3) * 2" if PYTHON else "jnp.arange(6).reshape(2, 3) * 2"
BUSY_LOOP = "while True:\n    pass" if PYTHON else "while (true) {}"


def reply_to(kc, msg_id, timeout=30):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def idle_of(kc, msg_id, timeout=30):
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return


def started_kernel():
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc


def measure_start(runs):
    """From launching the process to the first kernel_info_reply: the request is queued before the kernel binds."""
    times = []
    for _ in range(runs):
        km = KernelManager(kernel_name=KERNEL)
        kc = None
        try:
            t = time.perf_counter()
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            reply_to(kc, kc.kernel_info())
            times.append(time.perf_counter() - t)
        finally:
            if kc:
                kc.stop_channels()
            km.shutdown_kernel(now=True)
    return times


def measure_first_cell(runs):
    """From launching the process to the result of a first cell that makes and prints a tensor, sent at once."""
    times, after_info = [], []
    for _ in range(runs):
        km = KernelManager(kernel_name=KERNEL)
        kc = None
        try:
            t = time.perf_counter()
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            reply_to(kc, kc.kernel_info())
            t_info = time.perf_counter()
            msg_id = kc.execute(FIRST_CELL)
            while True:
                msg = kc.get_iopub_msg(timeout=30)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] in ("execute_result", "error") or (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"):
                    break
            times.append(time.perf_counter() - t)
            after_info.append(time.perf_counter() - t_info)
        finally:
            if kc:
                kc.stop_channels()
            km.shutdown_kernel(now=True)
    return times, after_info


def measure_bare_node(runs):
    """A bare `node -e 0`: the floor under the start figure, which says how loaded this machine is."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(["node", "-e", "0"], check=True)
        times.append(time.perf_counter() - t)
    return times


def measure_execute(kc, runs, warmup=30):
    for _ in range(warmup):
        msg_id = kc.execute("1 + 1")
        reply_to(kc, msg_id)
        idle_of(kc, msg_id)
    reply_times, idle_times = [], []
    for _ in range(runs):
        t = time.perf_counter()
        msg_id = kc.execute("1 + 1")
        reply_to(kc, msg_id)
        reply_times.append(time.perf_counter() - t)
        idle_of(kc, msg_id)
        idle_times.append(time.perf_counter() - t)
    return reply_times, idle_times


def measure_complete(kc, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        reply_to(kc, kc.complete("Mat", 3))
        times.append(time.perf_counter() - t)
    return times


def measure_interrupt(km, kc, runs):
    times = []
    for _ in range(runs):
        msg_id = kc.execute(BUSY_LOOP)
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        time.sleep(0.05)
        t = time.perf_counter()
        km.interrupt_kernel()
        reply_to(kc, msg_id)
        times.append(time.perf_counter() - t)
        idle_of(kc, msg_id)
    return times


def main():
    prefix = tempfile.mkdtemp(prefix="jacobi-bench-")
    try:
        subprocess.run(["node", os.path.join(ROOT, "bin", "jacobi.js"), "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        os.environ["JACOBI_HISTORY_FILE"] = "off"
        quick = "--quick" in sys.argv
        bare = measure_bare_node(5 if quick else 10)
        start = measure_start(5 if quick else 10)
        first_cell, first_after_info = measure_first_cell(5 if quick else 10)
        km, kc = started_kernel()
        try:
            kc.wait_for_ready(timeout=60)
            execute_reply, execute_idle = measure_execute(kc, 50 if quick else 200)
            complete = measure_complete(kc, 50 if quick else 200)
            interrupt = measure_interrupt(km, kc, 3 if quick else 10)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)

    med = statistics.median
    report = {
        "start_s": med(start),
        "first_cell_ms": med(first_cell) * 1e3,
        "first_cell_after_info_ms": med(first_after_info) * 1e3,
        "bare_node_s": med(bare),
        "execute_ms": med(execute_reply) * 1e3,
        "execute_to_idle_ms": med(execute_idle) * 1e3,
        "complete_ms": med(complete) * 1e3,
        "interrupt_ms": med(interrupt) * 1e3,
    }
    if "--json" in sys.argv:
        print(json.dumps(report))
        return
    print(f"{'Python' if PYTHON else 'TypeScript'} kernel latency through jupyter_client (medians)")
    print(f"  start to first kernel_info_reply  {report['start_s'] * 1e3:8.1f} ms   (target < {TARGETS['start_s'] * 1e3:.0f} ms)")
    print(f"  start to a first cell's result     {report['first_cell_ms']:8.1f} ms   (target < 500 ms; {report['first_cell_after_info_ms']:.1f} ms after kernel_info_reply)")
    print(f"  (a bare `node -e 0` on this machine {report['bare_node_s'] * 1e3:6.1f} ms)")
    print(f"  execute `1 + 1` (to execute_reply) {report['execute_ms']:7.2f} ms   (target < {TARGETS['execute_ms']:.0f} ms)")
    print(f"  execute `1 + 1` (to idle status)  {report['execute_to_idle_ms']:8.2f} ms")
    print(f"  complete_request                  {report['complete_ms']:8.2f} ms")
    print(f"  interrupt of while (true) {{}}      {report['interrupt_ms']:8.2f} ms")


if __name__ == "__main__":
    main()
