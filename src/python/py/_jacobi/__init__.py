"""Jacobi's Python side: the bridge from Python (Pyodide) to the runtime's JavaScript facades.

``_jacobi.core`` converts values and wraps JavaScript objects, ``_jacobi.modules`` makes modules of
the facades (``numpy``, ``tensorflow``, ``jax``, ``torch``...), ``_jacobi.runner`` runs cells.
"""
