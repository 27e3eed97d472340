"""matplotlib: Jacobi provides matplotlib.pyplot (its `plt` facade)."""
__version__ = "jacobi"


def use(backend, force=True):
    """Backends are Jacobi's own (figures render inline); the call is accepted and ignored."""
