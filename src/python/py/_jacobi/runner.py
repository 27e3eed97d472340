"""Runs Python cells for the session (src/python/session.ts): one namespace per session, output
through the running cell's sink, errors as Python tracebacks that show the user's lines."""
import ast
import builtins
import io
import linecache
import sys
import traceback

import _jacobi_js as J

from _jacobi import introspect, magics
from _jacobi.display import mime_bundle
from _jacobi import core
from _jacobi.core import JacobiWrapper, qualified_name
from _jacobi.modules import install_finder


class OutputStream(io.TextIOBase):
    """sys.stdout / sys.stderr: text goes to the running cell's sink as it is written."""

    def __init__(self, name):
        self._name = name

    @property
    def name(self):
        return f"<{self._name}>"

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            J.stream(self._name, text)
            if _capture is not None and self._name == "stdout":
                _capture.append(text)
        return len(text)

    def flush(self):
        pass


# What the running cell has printed to stdout, while a transcript cell needs it (_jacobi.transcript).
_capture = None


def capture_start():
    global _capture
    _capture = []
    return _capture


def capture_stop():
    global _capture
    _capture = None


def _input(prompt=""):
    raise RuntimeError("input() is not available in Jacobi's Python cells")


def _excepthook(typ, value, tb):
    traceback.print_exception(typ, value, tb, file=sys.__stderr__)


def install():
    """Once per interpreter: output streams, the facade module finder, builtins."""
    sys.stdout = OutputStream("stdout")
    sys.stderr = OutputStream("stderr")
    # Pyodide formats an exception that crosses into JavaScript with sys.excepthook, capturing the
    # interpreter's own stderr as the error's message: it must not reach the cell's output.
    sys.excepthook = _excepthook
    install_finder()
    builtins.input = _input
    import IPython.display

    builtins.display = IPython.display.display


# Frames of Jacobi's own Python package, of the standard library, of Pyodide and of JavaScript are
# not the user's and are left out of tracebacks.
_INTERNAL = ("/jacobi/lib/", "/lib/python", "file://", "node:", "<frozen ", "<exec>", "/home/pyodide/")


def _is_internal(filename):
    return filename.startswith(_INTERNAL)


def error_report(e):
    """[ename, evalue, traceback lines] of an exception, as Python prints it."""
    cls = type(e)
    ename = qualified_name(cls)
    frames = [f for f in traceback.extract_tb(e.__traceback__) if not _is_internal(f.filename)]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):")
        lines += [s.rstrip("\n") for s in traceback.format_list(frames)]
    if isinstance(e, SyntaxError):
        evalue = str(e.msg or "")
        only = traceback.format_exception_only(cls, e)
        lines += [s.rstrip("\n") for s in only[:-1]]
    else:
        evalue = str(e)
    lines.append(f"{ename}: {evalue}" if evalue else ename)
    return [ename, evalue, lines]


class Session:
    """One namespace of cells (the kernel's user namespace, a doctest file's globals)."""

    def __init__(self):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "__doc__": None}

    def _remember(self, code, filename):
        lines = code.splitlines(True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        linecache.cache[filename] = (len(code), None, lines, filename)

    def run_cell(self, code, filename, mode="last_expr"):
        """['ok', kind, value] (kind 'js': a JS value to render, 'bundle': a MIME bundle, None: no
        result) or ['error', ename, evalue, traceback]. Mode 'single' is doctest's: one statement,
        expression values printed by sys.displayhook."""
        self._remember(code, filename)
        ns = self.namespace
        try:
            if mode != "single":
                code = magics.transform(code)
            if mode == "single":
                compiled = compile(code if code.endswith("\n") else code + "\n", filename, "single")
                previous = sys.displayhook
                sys.displayhook = _print_hook
                try:
                    exec(compiled, ns)
                finally:
                    sys.displayhook = previous
                return ["ok", None, None]
            tree = ast.parse(code, filename, "exec")
            last = None
            if tree.body and isinstance(tree.body[-1], ast.Expr) and not code.rstrip().endswith(";"):
                last = ast.Expression(tree.body.pop().value)
            exec(compile(tree, filename, "exec"), ns)
            if last is None:
                return ["ok", None, None]
            value = eval(compile(last, filename, "eval"), ns)
        except BaseException as e:  # noqa: B036 - KeyboardInterrupt and SystemExit end the cell too
            report = error_report(e)
            del e
            return ["error"] + report
        finally:
            # Exceptions of callbacks that JavaScript swallowed are not re-raised later.
            core._raised.clear()
        if value is None:
            return ["ok", None, None]
        ns["_"] = value
        return self.result(value)

    def result(self, value):
        if isinstance(value, JacobiWrapper):
            return ["ok", "js", value._js]
        try:
            return ["ok", "bundle", mime_bundle(value)]
        except BaseException as e:  # noqa: B036
            return ["error"] + error_report(e)

    def evaluate(self, expression, filename):
        self._remember(expression, filename)
        try:
            value = eval(compile(expression, filename, "eval"), self.namespace)
        except BaseException as e:  # noqa: B036
            return ["error"] + error_report(e)
        return self.result(value)

    def complete(self, code, cursor):
        return introspect.complete(self.namespace, code, cursor)

    def inspect(self, code, cursor, detail):
        return introspect.inspect_at(self.namespace, code, cursor, detail)

    def inspect_name(self, chain, detail):
        return introspect.inspect_text(self.namespace, chain, detail)

    def is_complete(self, code):
        return introspect.is_complete(code)

    def run_segment(self, code, filename, matches):
        from _jacobi.transcript import run_segment

        return run_segment(self, code, filename, matches)

    def names(self):
        return sorted(k for k in self.namespace if not k.startswith("__"))


def _print_hook(value):
    """doctest's displayhook: the repr of an expression statement's value, on stdout."""
    if value is None:
        return
    builtins._ = None
    sys.stdout.write(repr(value) + "\n")
    builtins._ = value
