"""The IPython line magics that notebooks carry: ``%matplotlib inline``, ``%config``, ``%load_ext``
(accepted: figures already show inline), ``%time`` and ``%timeit`` (timed as IPython times them);
any other ``%magic`` or ``!command`` is an error that says so. Cells are rewritten line by line
before they compile."""
import math
import re
import time

_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<kind>%{1,2}|!)(?P<name>[A-Za-z_]\w*)?(?P<rest>.*)$")
_IGNORED = {"matplotlib", "config", "load_ext", "reload_ext", "autoreload"}


class UsageError(Exception):
    # IPython shows it as `UsageError: ...`.
    __module__ = "builtins"


def transform(code):
    """The cell with its magic lines replaced by Python; unchanged when it has none."""
    if "%" not in code and "!" not in code:
        return code
    lines = code.split("\n")
    out = []
    for i, line in enumerate(lines):
        m = _LINE.match(line)
        if not m or (m.group("kind") == "!" and m.group("name") is None):
            out.append(line)
            continue
        indent, kind, name, rest = m.group("indent"), m.group("kind"), m.group("name") or "", m.group("rest").strip()
        if kind == "!":
            out.append(f"{indent}raise __import__('_jacobi.magics').magics.UsageError('shell commands (!) are not available in Jacobi')")
        elif kind == "%%" and i == 0 and name in ("time", "timeit"):
            body = "\n".join(lines[1:])
            return f"__import__('_jacobi.magics').magics.{name}({body!r}, globals(), cell=True)"
        elif name in _IGNORED:
            out.append(f"{indent}pass")
        elif name in ("time", "timeit") and kind == "%":
            out.append(f"{indent}__import__('_jacobi.magics').magics.{name}({rest!r}, globals())")
        else:
            out.append(f"{indent}raise __import__('_jacobi.magics').magics.UsageError({('Line' if kind == '%' else 'Cell') + ' magic function `' + kind + name + '` not found.'!r})")
    return "\n".join(out)


def _units(seconds):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def time(source, namespace, cell=False):
    """%time: runs the statement once and reports the wall time, as IPython does."""
    import time as _t

    start = _t.perf_counter()
    mode = "exec" if cell or "\n" in source else "eval"
    try:
        compiled = compile(source, "<timed exec>" if mode == "exec" else "<timed eval>", mode)
    except SyntaxError:
        compiled, mode = compile(source, "<timed exec>", "exec"), "exec"
    value = eval(compiled, namespace) if mode == "eval" else exec(compiled, namespace)
    print(f"Wall time: {_units(_t.perf_counter() - start)}")
    return value


def timeit(source, namespace, cell=False):
    """%timeit: loops and runs as IPython chooses them, printing mean ± std. dev."""
    import time as _t

    code = compile(source, "<magic-timeit>", "exec")
    number = 1
    while True:
        start = _t.perf_counter()
        for _ in range(number):
            exec(code, namespace)
        if _t.perf_counter() - start >= 0.2 or number >= 10**7:
            break
        number *= 10
    runs = []
    for _ in range(7):
        start = _t.perf_counter()
        for _ in range(number):
            exec(code, namespace)
        runs.append((_t.perf_counter() - start) / number)
    mean = sum(runs) / len(runs)
    std = math.sqrt(sum((r - mean) ** 2 for r in runs) / len(runs))
    print(f"{_units(mean)} ± {_units(std)} per loop (mean ± std. dev. of 7 runs, {number:,} loop{'s' if number != 1 else ''} each)")
