"""Signatures, documentation, completion and inspection for Python cells."""
import ast
import builtins
import inspect
import keyword
import re
import sys

import _jacobi_js as J

from _jacobi.core import JacobiWrapper, JsFunction, JsNull, Tensor


class _Default:
    """A default value shown as its source text (the facades document defaults as text)."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def signature_of(fn):
    """inspect.Signature of a facade function, parsed from its documented Python signature."""
    doc = J.doc(fn._js)
    if doc is None or type(doc) is JsNull:
        raise ValueError(f"no signature found for {fn!r}")
    text = str(doc[0])
    params = text[text.index("(") :] if "(" in text else "()"
    try:
        tree = ast.parse(f"def f{params}: pass")
    except SyntaxError:
        raise ValueError(f"no signature found for {fn!r}") from None
    args = tree.body[0].args
    out = []
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for a, d in zip(positional, defaults):
        default = inspect.Parameter.empty if d is None else _Default(ast.unparse(d))
        out.append(inspect.Parameter(a.arg, kind, default=default))
    if args.vararg:
        out.append(inspect.Parameter(args.vararg.arg, inspect.Parameter.VAR_POSITIONAL))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        default = inspect.Parameter.empty if d is None else _Default(ast.unparse(d))
        out.append(inspect.Parameter(a.arg, inspect.Parameter.KEYWORD_ONLY, default=default))
    if args.kwarg:
        out.append(inspect.Parameter(args.kwarg.arg, inspect.Parameter.VAR_KEYWORD))
    return inspect.Signature(out)


def resolve(namespace, chain):
    """The object a dotted name names in the namespace (attribute access only, nothing called)."""
    parts = chain.split(".")
    if parts[0] in namespace:
        obj = namespace[parts[0]]
    elif hasattr(builtins, parts[0]):
        obj = getattr(builtins, parts[0])
    elif parts[0] in sys.modules:
        obj = sys.modules[parts[0]]
    else:
        raise LookupError(chain)
    for p in parts[1:]:
        obj = getattr(obj, p)
    return obj


_CHAIN = re.compile(r"((?:[A-Za-z_]\w*\s*\.\s*)*)([A-Za-z_]\w*)?$")
_IMPORT = re.compile(r"^\s*(?:import\s+|from\s+)([\w.]*)$")
_FROM_IMPORT = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+(?:[\w\s,]*,\s*)?(\w*)$")


def _module_names():
    from _jacobi.modules import LIBRARY

    names = set(LIBRARY) | set(getattr(sys, "stdlib_module_names", ())) | {"IPython"}
    names |= {m for m in sys.modules if not m.startswith("_")}
    return names


def complete(namespace, code, cursor):
    """Tab completion: [matches, cursor_start, cursor_end] (positions in code points)."""
    before = code[:cursor]
    line = before.split("\n")[-1]
    imp = _IMPORT.match(line)
    if imp:
        partial = imp.group(1)
        candidates = [m for m in _module_names() if m.startswith(partial)]
        return [sorted(candidates), cursor - len(partial), cursor]
    frm = _FROM_IMPORT.match(line)
    if frm:
        partial = frm.group(2)
        try:
            module = sys.modules.get(frm.group(1)) or __import__(frm.group(1), fromlist=["_"])
            candidates = dir(module)
        except Exception:
            candidates = []
        return [_filter(candidates, partial), cursor - len(partial), cursor]
    m = _CHAIN.search(before)
    chain = re.sub(r"\s+", "", m.group(1) or "")[:-1]
    partial = m.group(2) or ""
    if chain:
        try:
            candidates = dir(resolve(namespace, chain))
        except Exception:
            candidates = []
    else:
        candidates = list(namespace) + dir(builtins) + keyword.kwlist
    return [_filter(candidates, partial), cursor - len(partial), cursor]


def _filter(candidates, partial):
    private = partial.startswith("_")
    return sorted({c for c in candidates if c.startswith(partial) and (private or not c.startswith("_")) and c.isidentifier()})


def _chain_at(code, cursor):
    """The dotted name under the cursor, else the callee of the call the cursor is in."""
    word = re.match(r"\w*", code[cursor:]).group(0)
    here = re.search(r"[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*$", code[: cursor + len(word)])
    if here and (word or re.search(r"\w$", code[:cursor])):
        return re.sub(r"\s+", "", here.group(0))
    depth = 0
    for i in range(cursor - 1, -1, -1):
        c = code[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                callee = re.search(r"[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*\s*$", code[:i])
                return re.sub(r"\s+", "", callee.group(0)) if callee else None
            depth -= 1
    return None


def inspect_text(namespace, chain, detail=0):
    """What `name?` shows: signature and documentation, else type and repr; None when not found."""
    try:
        obj = resolve(namespace, chain)
    except Exception:
        return None
    lines = []
    if isinstance(obj, JsFunction):
        doc = J.doc(obj._js)
        if doc is not None and type(doc) is not JsNull:
            lines += [f"Signature: {doc[0]}", "Docstring:", str(doc[1]).rstrip()]
        else:
            lines += [f"Signature: {chain}(...)", "Type: function"]
            if detail:
                source = J.source(obj._js)
                if source is not None and type(source) is not JsNull:
                    lines += ["Source:", str(source)]
        return "\n".join(lines)
    if isinstance(obj, Tensor):
        return "\n".join([f"Type: {type(obj).__name__}", f"String form:\n{obj!r}"])
    if callable(obj):
        try:
            lines.append(f"Signature: {chain}{inspect.signature(obj)}")
        except (TypeError, ValueError):
            pass
    else:
        lines.append(f"Type: {type(obj).__name__}")
        lines.append(f"String form: {obj!r}")
    doc = inspect.getdoc(obj)
    if doc and not isinstance(obj, JacobiWrapper):
        lines += ["Docstring:", doc]
    if detail and callable(obj) and not isinstance(obj, JacobiWrapper):
        try:
            lines += ["Source:", inspect.getsource(obj).rstrip()]
        except (OSError, TypeError):
            pass
    if not lines:
        lines.append(f"Type: {type(obj).__name__}")
    return "\n".join(lines)


def inspect_at(namespace, code, cursor, detail=0):
    chain = _chain_at(code, cursor)
    return None if chain is None else inspect_text(namespace, chain, detail)


def is_complete(code):
    """Jupyter's is_complete: [status, indent], decided by Python's own compiler (codeop)."""
    import codeop

    if code.strip() == "":
        return ["complete", ""]
    lines = code.split("\n")
    last = lines[-1]
    try:
        compiled = codeop.compile_command(code, "<input>", "exec")
    except (SyntaxError, OverflowError, ValueError):
        return ["invalid", ""]
    indent = re.match(r"[ \t]*", last).group(0)
    if compiled is None:
        if last.rstrip().endswith(":"):
            indent += "    "
        return ["incomplete", indent]
    # A compound statement still open on its last line goes on until a blank line, as in IPython.
    if len(lines) > 1 and indent and last.strip() != "":
        return ["incomplete", indent]
    return ["complete", ""]
