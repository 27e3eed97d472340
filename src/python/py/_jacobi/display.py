"""Rich display for Python cells: a value's MIME bundle, and display() to the running cell's output."""
import base64
import uuid

import _jacobi_js as J

from _jacobi.core import JacobiWrapper, from_js, js, to_js

_REPR_METHODS = [
    ("text/html", "_repr_html_"),
    ("text/markdown", "_repr_markdown_"),
    ("image/svg+xml", "_repr_svg_"),
    ("image/png", "_repr_png_"),
    ("image/jpeg", "_repr_jpeg_"),
    ("text/latex", "_repr_latex_"),
    ("application/json", "_repr_json_"),
]


def _layout(value):
    """The value as the runtime's pretty printer takes it: tuples, lists and dicts as its
    containers, every other value as its Python repr (for the runtime's values, its printers')."""
    t = type(value)
    if t is tuple:
        return J.tuple(*[_layout(v) for v in value])
    if t is list:
        return J.list(*[_layout(v) for v in value])
    if t is dict:
        return J.map(J.list(*[_layout(k) for k in value]), J.list(*[_layout(v) for v in value.values()]))
    return J.leaf(repr(value))


def display_text(value):
    """What IPython shows for a value at the prompt: its pretty printer (79 columns, long tuples,
    lists and dicts one element per line), the runtime's (src/format/pretty.ts)."""
    if type(value) not in (tuple, list, dict):
        return repr(value)
    try:
        return str(js(J.displayText, _layout(value)))
    except RecursionError:
        return repr(value)


def mime_bundle(value):
    """The MIME bundle of a value, as IPython's display formatter makes it."""
    if isinstance(value, JacobiWrapper):
        bundle = from_js(js(J.mimeBundle, value._js))
        if isinstance(bundle, dict):
            bundle.setdefault("text/plain", repr(value))
            return bundle
    bundle = {}
    method = getattr(value, "_repr_mimebundle_", None)
    if callable(method) and not isinstance(value, type):
        try:
            data = method()
        except TypeError:
            data = None
        if isinstance(data, tuple):
            data = data[0]
        if isinstance(data, dict):
            bundle.update(data)
    for mime, name in _REPR_METHODS:
        if mime in bundle:
            continue
        method = getattr(value, name, None)
        if callable(method) and not isinstance(value, type):
            data = method()
            if data is not None:
                bundle[mime] = data
    for mime, data in list(bundle.items()):
        if isinstance(data, (bytes, bytearray)):
            bundle[mime] = base64.b64encode(data).decode("ascii")
    bundle.setdefault("text/plain", display_text(value))
    return bundle


def display(*objs, include=None, exclude=None, metadata=None, transient=None, display_id=None, raw=False, clear=False, **kwargs):
    """IPython.display.display: each object as display_data of the running cell."""
    if clear:
        clear_output(wait=True)
    if display_id is True:
        display_id = str(uuid.uuid4())
    for obj in objs:
        bundle = obj if raw else mime_bundle(obj)
        _send(bundle, metadata, display_id, False)
    if display_id is not None:
        return DisplayHandle(display_id)
    return None


def update_display(obj, *, display_id, **kwargs):
    _send(mime_bundle(obj), None, display_id, True)


def _send(bundle, metadata, display_id, update):
    transient = {"display_id": display_id} if display_id is not None else {}
    js(J.display, to_js(bundle), to_js(metadata or {}), to_js(transient), update)


def clear_output(wait=False):
    js(J.clearOutput, bool(wait))


class DisplayHandle:
    def __init__(self, display_id):
        self.display_id = display_id

    def display(self, obj, **kwargs):
        display(obj, display_id=self.display_id, **kwargs)

    def update(self, obj, **kwargs):
        update_display(obj, display_id=self.display_id)

    def __repr__(self):
        return f"<DisplayHandle display_id={self.display_id}>"
