"""Notebook transcripts: a cell's code followed by what it printed, with only blank lines between.

Where the code ends is not written down, and printed text can look like code (``## JVP ##`` is a
comment, ``tensor([1., 2.])`` a call). So the cell runs one top-level statement at a time, and the
code ends at the first blank line after a statement where what the cell printed so far is the rest
of the transcript (``matches``, the doctest runner's comparison). If that never happens, the code
ends where the printed text and the rest agree best, and the cell is reported as failing there.
"""
import ast
import difflib

from _jacobi import runner
from _jacobi.display import display_text


def _boundaries(lines):
    """Line counts at which code may end: after a non-blank line followed by a blank one (or the end)."""
    n = len(lines)
    return [b for b in range(1, n + 1) if lines[b - 1].strip() and (b == n or not lines[b].strip())]


def _count(text):
    return sum(1 for line in text.split("\n") if line.strip())


def run_segment(session, text, filename, matches):
    """Runs the code of a transcript cell; returns [split, outcome] (split: lines of code)."""
    lines = text.split("\n")
    boundaries = _boundaries(lines)
    code_end = 0
    for b in reversed(boundaries):
        try:
            ast.parse("\n".join(lines[:b]))
            code_end = b
            break
        except SyntaxError:
            continue
    code = "\n".join(lines[:code_end])
    session._remember(code, filename)
    tree = ast.parse(code, filename)
    ns = session.namespace
    captured = runner.capture_start()
    best = (-1.0, code_end)
    try:
        for stmt in tree.body:
            end = stmt.end_lineno
            value = None
            if isinstance(stmt, ast.Expr):
                value = eval(compile(ast.Expression(stmt.value), filename, "eval"), ns)
            else:
                exec(compile(ast.Module([stmt], []), filename, "exec"), ns)
            if end not in boundaries:
                continue
            printed = "".join(captured)
            shown = printed + (display_text(value) + "\n" if value is not None else "")
            rest = "\n".join(lines[end:])
            if matches(shown, rest):
                if value is not None:
                    print(display_text(value))
                return [end, ["ok", None, None]]
            ratio = difflib.SequenceMatcher(None, shown, rest, autojunk=False).ratio()
            if ratio > best[0]:
                best = (ratio, end)
            # Before the real end of the code the rest holds more code and all of the output, so it is
            # longer than what was printed; when it is not, the output differs (other numbers, a
            # missing value) and the code ends here, rather than running the transcript's output.
            if _count(shown) >= _count(rest) > 0:
                return [end, ["ok", None, None]]
    except BaseException as e:  # noqa: B036 - the cell ends at its first exception, as in a notebook
        failed_at = getattr(e, "__traceback__", None)
        line = code_end
        tb = failed_at
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                line = tb.tb_lineno
            tb = tb.tb_next
        split = next((b for b in boundaries if b >= line), code_end)
        return [split, ["error"] + runner.error_report(e)]
    finally:
        runner.capture_stop()
    return [best[1], ["ok", None, None]]
