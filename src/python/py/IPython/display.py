"""IPython.display over the running cell's output (the kernel's display_data)."""
from _jacobi.display import clear_output, display, mime_bundle, update_display  # noqa: F401


class _Raw:
    _mime = "text/plain"

    def __init__(self, data=None, url=None, filename=None, metadata=None):
        if data is None and filename is not None:
            with open(filename) as f:
                data = f.read()
        self.data = data
        self.metadata = metadata

    def __repr__(self):
        return f"<IPython.core.display.{type(self).__name__} object>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {self._mime: self.data, "text/plain": repr(self)}


class HTML(_Raw):
    _mime = "text/html"


class Markdown(_Raw):
    _mime = "text/markdown"


class Latex(_Raw):
    _mime = "text/latex"


class SVG(_Raw):
    _mime = "image/svg+xml"


class JSON(_Raw):
    _mime = "application/json"


class Pretty(_Raw):
    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": str(self.data)}
