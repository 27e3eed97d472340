"""NumPy, as Jacobi's `np` facade: every name of the facade is an attribute of this module."""
from _jacobi.core import Tensor as _Tensor
from _jacobi.core import register_scalar_class as _register_scalar
from _jacobi.core import register_tensor_class as _register
from _jacobi.modules import facade as _facade

_facade(globals(), "np")


class ndarray(_Tensor):
    """numpy.ndarray: a Jacobi tensor of NumPy's flavor."""

    __slots__ = ()
    __module__ = "numpy"
    __hash__ = None


class generic(_Tensor):
    """The base class of NumPy's scalars (``a[0]``, ``a.sum()``)."""

    __slots__ = ()
    __module__ = "numpy"

    def __hash__(self):
        return hash(self.item())


_scalar_types = {}


def _scalar_class(dtype):
    """NumPy's scalar type of a dtype (``numpy.float64``...), a subclass of ``numpy.generic``."""
    name = "bool_" if str(dtype) == "bool" else str(dtype)
    cls = _scalar_types.get(name)
    if cls is None:
        cls = type(name, (generic,), {"__slots__": (), "__module__": "numpy"})
        _scalar_types[name] = cls
    return cls


_register("numpy", ndarray)
_register_scalar("numpy", _scalar_class)
