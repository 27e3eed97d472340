"""NumPy and PyTorch as benchmark peers of bench/run.ts, one thread each.

bench/run.ts starts this with Debian's /usr/bin/python3 and speaks JSON lines over stdin/stdout:
  {"op": "hello"}                                   -> {"numpy": "1.24.2", "torch": "1.13.0"} (absent libraries missing)
  {"op": "prep", "key": K, "lib": L, "case": C, "inputs": {name: [file, dims]}, "args": {...}}
                                                    -> {"ok": true} after a warm-up, or {"error": "..."}
  {"op": "time", "key": K, "inner": N}              -> {"ms": milliseconds per call}
  {"op": "value", "key": K}                         -> {"value": float} (the MLP cross-check)
  {"op": "drop", "key": K}                          -> {"ok": true}
Inputs are raw little-endian float32 files written by run.ts, so every library sees the same data.
Each run reads its result (NumPy and PyTorch on the CPU compute eagerly, so returning is finishing).
"""
import json
import os
import sys
import time

# One thread for BLAS and OpenMP, set before NumPy and PyTorch load their libraries.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

versions = {}
try:
    import numpy as np
    versions["numpy"] = np.__version__
except Exception:  # noqa: BLE001 - absent peer
    np = None
try:
    import torch
    torch.set_num_threads(1)
    versions["torch"] = torch.__version__
except Exception:  # noqa: BLE001
    torch = None
try:
    import functorch
except Exception:  # noqa: BLE001
    functorch = None


def load(spec):
    path, dims = spec
    return np.fromfile(path, dtype=np.float32).reshape(dims)


def numpy_case(case, x, args):
    """A callable for the NumPy implementation of `case`, or None when NumPy has none."""
    if case == "matmul":
        a, b = x["a"], x["b"]
        return lambda: np.matmul(a, b)
    if case == "xx-sin":
        v = x["x"]
        return lambda: v * v + np.sin(v)
    if case == "chain20":
        v = x["x"]
        c1, c2 = np.float32(1.0001), np.float32(0.5)

        def chain():
            y = v
            for _ in range(5):
                y = np.tanh(np.sin(y * c1) + c2)
            return y
        return chain
    if case == "sum":
        v = x["x"]
        return lambda: v.sum()
    if case == "mse64":
        a, b = x["a"].astype(np.float64), x["b"].astype(np.float64)
        return lambda: np.mean((a - b) ** 2)
    if case == "bcast":
        a, b = x["a"], x["b"]
        return lambda: a + b
    if case == "argsort64":
        a = x["a"].astype(np.float64) + x["b"].astype(np.float64) * 2.0 ** -30
        return lambda: np.argsort(a)
    if case == "sort32":
        v = x["x"]
        return lambda: np.sort(v)
    if case == "np-randn":
        n = args["n"]
        return lambda: np.random.randn(n)
    if case == "scalar-add":
        a, b, n = np.array(1.5, np.float32), np.array(2.5, np.float32), args["n"]

        def adds():
            for _ in range(n):
                np.add(a, b)
        return adds
    if case == "mlp-fwd":
        w1, w2, xm = x["w1"], x["w2"], x["x"]
        return lambda: np.sum(np.tanh(w2 @ np.tanh(w1 @ xm)))
    if case == "jac-fwd1":
        a, v = x["a"], x["v"]
        return lambda: np.tanh(a @ np.sin(v))
    return None


def torch_case(case, x, args):
    t = {k: torch.from_numpy(v.copy()) for k, v in x.items()}
    if case == "matmul":
        a, b = t["a"], t["b"]
        return lambda: torch.matmul(a, b)
    if case == "xx-sin":
        v = t["x"]
        return lambda: v * v + torch.sin(v)
    if case == "chain20":
        v = t["x"]

        def chain():
            y = v
            for _ in range(5):
                y = torch.tanh(torch.sin(y * 1.0001) + 0.5)
            return y
        return chain
    if case == "sum":
        v = t["x"]
        return lambda: v.sum()
    if case == "mse64":
        a, b = t["a"].double(), t["b"].double()
        return lambda: torch.mean((a - b) ** 2)
    if case == "bcast":
        a, b = t["a"], t["b"]
        return lambda: a + b
    if case == "argsort64":
        a = t["a"].double() + t["b"].double() * 2.0 ** -30
        return lambda: torch.argsort(a)
    if case == "sort32":
        v = t["x"]
        return lambda: torch.sort(v)[0]
    if case == "torch-randn":
        n = args["n"]
        return lambda: torch.randn(n)
    if case == "scalar-add":
        a, b, n = torch.tensor(1.5), torch.tensor(2.5), args["n"]

        def adds():
            for _ in range(n):
                torch.add(a, b)
        return adds
    w1, w2, xm = t.get("w1"), t.get("w2"), t.get("x")
    f = lambda w: torch.sum(torch.tanh(w2 @ torch.tanh(w @ xm)))  # noqa: E731
    if case == "mlp-fwd":
        return lambda: f(w1)
    if case == "mlp-vg":
        def vg():
            w = w1.detach().requires_grad_(True)
            y = f(w)
            (g,) = torch.autograd.grad(y, w)
            return y, g
        return vg
    if case == "mlp-jvp":
        import torch.autograd.forward_ad as fwAD
        v = t["v"]

        def jvp():
            with fwAD.dual_level():
                y = f(fwAD.make_dual(w1, v))
                return fwAD.unpack_dual(y)
        return jvp
    if case == "mlp-hvp":
        v = t["v"]
        return lambda: torch.autograd.functional.hvp(f, w1, v)
    if case in ("jac-fwd1", "jacfwd", "jacrev"):
        a, v = t["a"], t["v"]
        g = lambda u: torch.tanh(a @ torch.sin(u))  # noqa: E731
        if case == "jac-fwd1":
            return lambda: g(v)
        if functorch is not None:
            j = functorch.jacfwd(g) if case == "jacfwd" else functorch.jacrev(g)
            return lambda: j(v)
        strategy = "forward-mode" if case == "jacfwd" else "reverse-mode"
        return lambda: torch.autograd.functional.jacobian(g, v, vectorize=True, strategy=strategy)
    return None


prepared = {}


# A repetition runs for at least this long: a single short call right after the pipe wakes this
# process runs on a cold CPU (here, a virtual one the host may have descheduled): NumPy's x*x + sin(x)
# on 1e6 float32 took a median 6.8 ns/element that way, against 0.7 in a loop.
MIN_SECONDS = 0.02


def timed(fn, inner):
    calls = 0
    s = time.perf_counter()
    while True:
        for _ in range(inner):
            fn()
        calls += inner
        elapsed = time.perf_counter() - s
        if elapsed >= MIN_SECONDS:
            return elapsed * 1e3 / calls


def handle(req):
    op = req["op"]
    if op == "hello":
        return versions
    if op == "prep":
        lib = req["lib"]
        if lib not in versions:
            return {"error": f"{lib} is not importable"}
        x = {k: load(v) for k, v in req.get("inputs", {}).items()}
        fn = (numpy_case if lib == "numpy" else torch_case)(req["case"], x, req.get("args", {}))
        if fn is None:
            return {"error": "no such case"}
        # Warm-up as run.ts does: at least 10 calls or about 150 ms, whichever ends first.
        first = timed(fn, 1)
        until = time.perf_counter() + 0.15
        w = 1
        while w < 10 and first < 1250 and time.perf_counter() < until:
            fn()
            w += 1
        prepared[req["key"]] = fn
        return {"ok": True, "firstMs": first}
    if op == "time":
        return {"ms": timed(prepared[req["key"]], req.get("inner", 1))}
    if op == "value":
        r = prepared[req["key"]]()
        return {"value": float(r)}
    if op == "drop":
        prepared.pop(req["key"], None)
        return {"ok": True}
    return {"error": f"unknown op {op}"}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            out = handle(json.loads(line))
        except Exception as e:  # noqa: BLE001 - reported to run.ts, which skips the unit
            out = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
