"""TensorFlow, as Jacobi's `tf` facade: every name of the facade is an attribute of this module."""
from _jacobi.core import JsObject as _JsObject
from _jacobi.core import Tensor as _Tensor
from _jacobi.core import call_js as _call_js
from _jacobi.core import register_shape_class as _register_shape
from _jacobi.core import register_tensor_class as _register
from _jacobi.core import register_variable_class as _register_variable
from _jacobi.modules import facade as _facade

_js = _facade(globals(), "tf")


class Tensor(_Tensor):
    """tf.Tensor: the base class of TensorFlow's tensors (eager ones are ``EagerTensor``)."""

    __slots__ = ()
    __module__ = "tensorflow"


class EagerTensor(Tensor):
    __slots__ = ()
    __module__ = "tensorflow.python.framework.ops"


class Variable(_Tensor):
    """tf.Variable(initial_value, trainable=None, name=None, dtype=None, shape=None)."""

    __slots__ = ()
    __module__ = "tensorflow"

    def __new__(cls, *args, **kwargs):
        return _call_js(_js.Variable, None, args, kwargs)

    def __init__(self, *args, **kwargs):
        pass

    def __hash__(self):
        return id(self)


class ResourceVariable(Variable):
    __slots__ = ()
    __module__ = "tensorflow.python.ops.resource_variable_ops"


class TensorShape(tuple):
    """A tensor's shape: prints as ``TensorShape([2, 2])``, and as ``(2, 2)`` in str and f-strings."""

    __module__ = "tensorflow"

    def __repr__(self):
        return f"TensorShape([{', '.join(str(d) for d in self)}])"

    def __str__(self):
        return "()" if len(self) == 0 else f"({', '.join(str(d) for d in self)}{',' if len(self) == 1 else ''})"

    def as_list(self):
        return list(self)

    @property
    def rank(self):
        return len(self)

    ndims = rank

    def num_elements(self):
        n = 1
        for d in self:
            n *= d
        return n


_register("tf", EagerTensor)
_register_variable(ResourceVariable)
_register_shape("tf", TensorShape)
