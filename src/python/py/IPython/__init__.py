"""The parts of IPython that notebooks call: ``IPython.display`` (display, HTML, Markdown...)."""

__version__ = "jacobi"


def get_ipython():
    """Jacobi's Python cells run without an IPython shell."""
    return None
