#!/usr/bin/python3
"""Run the NumPy and PyTorch acceptance documents with the real libraries.

Each document under spec/acceptance-python/ whose name starts with ``numpy-``
or ``torch-`` holds ``>>>`` examples in ```pycon fences.  The examples of one
file run in order in one namespace (as doctest runs one docstring), in a fresh
Python process per file, so that global random state never leaks between
files.  Examples are parsed with ``doctest.DocTestParser`` and compared with
``doctest.OutputChecker`` (the example's own directives apply; exceptions are
compared on their last line, as doctest does).

Usage (with the interpreter that has NumPy 1.24 and PyTorch 1.13):

    /usr/bin/python3 spec/acceptance-python/tools/run_examples.py [--write]
        [--report FILE] [FILE.md ...]

Without ``--write`` it only checks, prints every difference and a closing
``N passed, N failed`` line, and exits 1 when an example differs.  With
``--write`` it rewrites each differing expected output in place with what
the library printed.  ``--report FILE`` writes the differences as Markdown:
run it on documents whose outputs are still the page's own to record how the
page differs from the installed versions (DRIFT.md was made that way).

Shim: PyTorch 1.13 has no ``torch.func``; its functions shipped as the
``functorch`` package of the same release, so when ``torch.func`` is missing
the runner installs ``functorch``'s functions under that name before a file
runs, with ``functional_call`` taken from 1.13's
``torch.nn.utils.stateless.functional_call`` (which takes one dict, so a
tuple of dicts is merged first).
"""
import argparse
import doctest
import io
import json
import os
import re
import subprocess
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.dirname(HERE)
PREFIXES = ("numpy-", "torch-")
FENCE = re.compile(r"^```pycon[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def fences(text):
    """(start offset of the fence body, body) for each ```pycon fence."""
    return [(m.start(1), m.group(1)) for m in FENCE.finditer(text)]


def examples_of(text):
    """Every example of a document: (fence index, doctest.Example, line in file)."""
    parser = doctest.DocTestParser()
    out = []
    for i, (start, body) in enumerate(fences(text)):
        first_line = text.count("\n", 0, start) + 1
        for ex in parser.get_examples(body):
            out.append((i, ex, first_line + ex.lineno))
    return out


def install_shims():
    try:
        import torch.func  # noqa: F401
    except ImportError:
        try:
            import torch
            import functorch
        except ImportError:
            return
        import types
        from torch.nn.utils import stateless
        shim = types.ModuleType("torch.func", "functorch %s under the name torch.func" % functorch.__version__)
        for name in dir(functorch):
            if not name.startswith("_"):
                setattr(shim, name, getattr(functorch, name))

        def functional_call(module, parameter_and_buffer_dicts, args, kwargs=None):
            """torch.func.functional_call over 1.13's stateless.functional_call (one dict only)."""
            if isinstance(parameter_and_buffer_dicts, (tuple, list)):
                merged = {}
                for d in parameter_and_buffer_dicts:
                    merged.update(d)
            else:
                merged = parameter_and_buffer_dicts
            return stateless.functional_call(module, merged, args, kwargs or {})

        shim.functional_call = functional_call
        sys.modules["torch.func"] = shim
        torch.func = shim


def format_exception(exc_type, exc):
    return "Traceback (most recent call last):\n    ...\n" + "".join(
        traceback.format_exception_only(exc_type, exc))


def run_one(path):
    """Run one document's examples; return a list of results (in a child process)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    install_shims()
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        pass
    with open(path) as f:
        text = f.read()
    checker = doctest.OutputChecker()
    globs = {"__name__": "__main__"}
    results = []
    real_stdout = sys.stdout
    for fence, ex, line in examples_of(text):
        flags = 0
        for flag, on in ex.options.items():
            flags = flags | flag if on else flags & ~flag
        if flags & doctest.SKIP:
            results.append(dict(line=line, source=ex.source, want=ex.want, got=ex.want, ok=True, skipped=True))
            continue
        buf = io.StringIO()
        sys.stdout = buf
        exc_text = None
        try:
            code = compile(ex.source, "%s:%d" % (os.path.basename(path), line), "single", dont_inherit=True)
            exec(code, globs)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # noqa: B902 (doctest catches everything too)
            exc_text = format_exception(type(e), e)
            exc_only = "".join(traceback.format_exception_only(type(e), e))
        finally:
            sys.stdout = real_stdout
        got = buf.getvalue()
        if exc_text is None:
            ok = ex.exc_msg is None and checker.check_output(ex.want, got, flags)
        else:
            got = got + exc_text
            ok = ex.exc_msg is not None and checker.check_output(ex.exc_msg, exc_only, flags)
        results.append(dict(line=line, source=ex.source, want=ex.want, got=got, ok=bool(ok), skipped=False))
    return results


def want_lines(got, indent):
    lines = got.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [" " * indent + (l if l.strip() else "<BLANKLINE>") for l in lines]


def rewrite(path, results):
    """Replace the expected output of every differing example with what ran."""
    with open(path) as f:
        text = f.read()
    by_line = {r["line"]: r for r in results}
    pieces, pos = [], 0
    for start, body in fences(text):
        pieces.append(text[pos:start])
        first_line = text.count("\n", 0, start) + 1
        lines = body.split("\n")
        out, cursor = [], 0
        for ex in doctest.DocTestParser().get_examples(body):
            nsrc = 1  # the prompt lines in the file (a bare "..." adds none to ex.source)
            while ex.lineno + nsrc < len(lines) and lines[ex.lineno + nsrc].startswith(" " * ex.indent + "..."):
                nsrc += 1
            nwant = ex.want.count("\n")
            out.extend(lines[cursor:ex.lineno + nsrc])
            r = by_line.get(first_line + ex.lineno)
            if r is not None and not r["ok"]:
                out.extend(want_lines(r["got"], ex.indent))
            else:
                out.extend(lines[ex.lineno + nsrc:ex.lineno + nsrc + nwant])
            cursor = ex.lineno + nsrc + nwant
        out.extend(lines[cursor:])
        pieces.append("\n".join(out))
        pos = start + len(body)
    pieces.append(text[pos:])
    new = "".join(pieces)
    if new != text:
        with open(path, "w") as f:
            f.write(new)


def block(text):
    text = text if text.endswith("\n") or not text else text + "\n"
    return "```\n" + (text or "(nothing)\n") + "```\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--write", action="store_true", help="rewrite differing outputs in place")
    ap.add_argument("--report", help="write the differences as Markdown to this file")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        json.dump(run_one(args.one), sys.stdout)
        return 0
    files = args.files or sorted(
        os.path.join(DOCS, f) for f in os.listdir(DOCS) if f.endswith(".md") and f.startswith(PREFIXES))
    passed = failed = 0
    report = ["# Where the pages differ from NumPy %s and PyTorch %s\n" % versions(),
              "Made by `tools/run_examples.py --report` while the documents still held each page's own output. "
              "An example whose page shows no output (a tutorial's source holds none) is not listed.\n"]
    for path in files:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", path],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            print("%s: the runner failed" % path)
            failed += 1
            continue
        results = json.loads(proc.stdout)
        name = os.path.basename(path)
        diffs = [r for r in results if not r["ok"]]
        passed += len(results) - len(diffs)
        failed += len(diffs)
        shown = [r for r in diffs if r["want"].strip()]
        if shown:
            report.append("\n## %s\n" % name)
        for r in diffs:
            print("%s:%d: differs\n%s--- expected\n%s--- got\n%s" % (name, r["line"], indent(r["source"], ">>> "),
                                                                   r["want"], r["got"]))
        for r in shown:
            report.append("\nline %d:\n\n```pycon\n%s```\n\npage:\n%s\nran:\n%s" % (
                r["line"], indent(r["source"], ">>> "), block(r["want"]), block(r["got"])))
        if args.write and diffs:
            rewrite(path, results)
    if args.report:
        with open(args.report, "w") as f:
            f.write("".join(report))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed and not args.write else 0


def indent(source, prompt):
    lines = source.rstrip("\n").split("\n")
    return "".join((prompt if i == 0 else "... ") + l + "\n" for i, l in enumerate(lines))


def versions():
    out = []
    for mod in ("numpy", "torch"):
        try:
            out.append(__import__(mod).__version__)
        except ImportError:
            out.append("(absent)")
    return tuple(out)


if __name__ == "__main__":
    sys.exit(main())
