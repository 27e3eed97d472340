"""PyTorch, as Jacobi's `torch` facade: every name of the facade is an attribute of this module."""
from _jacobi.core import Tensor as _Tensor
from _jacobi.core import call_js as _call_js
from _jacobi.core import register_shape_class as _register_shape
from _jacobi.core import register_tensor_class as _register
from _jacobi.modules import facade as _facade


_js = _facade(globals(), "torch")


class Tensor(_Tensor):
    """torch.Tensor: a Jacobi tensor of PyTorch's flavor."""

    __slots__ = ()
    __module__ = "torch"

    def __hash__(self):
        return id(self)

    # Setting requires_grad marks a leaf for autograd, as requires_grad_() does.
    @property
    def requires_grad(self):
        return bool(self._js.requires_grad)

    @requires_grad.setter
    def requires_grad(self, flag):
        _call_js(self._js.requires_grad_, self._js, (bool(flag),), None)


class Size(tuple):
    """torch.Size: a tuple that prints as ``torch.Size([2, 3])``."""

    __module__ = "torch"

    def __repr__(self):
        return f"torch.Size([{', '.join(str(d) for d in self)}])"

    __str__ = __repr__

    def numel(self):
        n = 1
        for d in self:
            n *= d
        return n


_register("torch", Tensor)
_register_shape("torch", Size)
