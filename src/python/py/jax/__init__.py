"""JAX, as Jacobi's `jax` facade (``jax.numpy`` is `jnp`): every name of the facade is an attribute."""
from _jacobi.core import Tensor as _Tensor
from _jacobi.core import register_tensor_class as _register
from _jacobi.modules import facade as _facade

_facade(globals(), "jax")


class Array(_Tensor):
    """jax.Array: the class of JAX's arrays (``isinstance(x, jax.Array)``)."""

    __slots__ = ()
    __module__ = "jax"


class ArrayImpl(Array):
    __slots__ = ()
    __module__ = "jaxlib.xla_extension"


_register("jax", ArrayImpl)
