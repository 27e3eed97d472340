"""Values crossing between Python and Jacobi's JavaScript runtime.

Python to JavaScript (``to_js``): ``int`` stays an integer (a JS number, a BigInt beyond 2**53),
``float`` becomes a ``PyFloat`` when its value is integral (so ``2.0`` stays a float) and a JS
number otherwise, ``bool`` a boolean, ``None`` null, ``list`` an Array, ``tuple`` a ``PyTuple``,
``dict`` a plain object, ``slice`` a Slice (or ``"start:stop:step"``), ``Ellipsis`` ``"..."``,
wrapped JS values their JS object, and Python callables a JS function that converts its
arguments and its result (exceptions inside keep their Python traceback).

JavaScript to Python (``from_js``): tensors become the wrapper class of their library
(``numpy.ndarray``, ``torch.Tensor``, ``tensorflow``'s ``EagerTensor``, ``jax.Array``), variables
``tf.Variable``, shapes a tuple (``torch.Size``, ``TensorShape``), ``PyTuple`` a tuple, arrays
lists, integral numbers ``int`` (``float`` for a ``PyFloat`` or a non-integral number), null and
undefined ``None``, plain objects dicts, functions callables, anything else a ``JsObject``.
"""
import builtins
import importlib
import sys

import _jacobi_js as J
from pyodide.ffi import JsException, JsProxy, create_proxy, jsnull
from pyodide.ffi import to_js as _pyodide_to_js

# The bridge's functions, held once: a lookup on the JS module object costs more than the call.
_kind = J.kind
_call = J.call
_has = J.has
_get = J.get
_set = J.set
_names = J.names
_list = J.list
_tuple = J.tuple
_dict = J.dict
_float = J.float
_floats = J.floats
_slice = J.slice
_float_value = J.floatValue
_callback = J.callback
_items = J.items
_binary = J.binary
_unary = J.unary
_inplace = J.inplace
_get_item = J.getItem
_set_item = J.setItem
_truth = J.truth
_iterate = J.iterate
_len = J.len
_repr = J.repr
_str = J.str
_format = J.format
_size = J.size
_doc = J.doc
_error_info = J.errorInfo

JsNull = type(jsnull)

# Which Python module defines the wrappers of a flavor's tensors (imported on first need).
LIBRARY_OF_FLAVOR = {"tf": "tensorflow", "torch": "torch", "jax": "jax", "numpy": "numpy"}
_tensor_classes = {}
_scalar_classes = {}
_shape_classes = {}
_variable_class = []


def register_tensor_class(flavor, cls):
    _tensor_classes[flavor] = cls


def register_scalar_class(flavor, factory):
    """``factory(dtype_name)`` gives the class of a scalar of that dtype (NumPy's ``float64``...)."""
    _scalar_classes[flavor] = factory


def register_shape_class(flavor, cls):
    _shape_classes[flavor] = cls


def register_variable_class(cls):
    _variable_class[:] = [cls]


def _library_class(table, flavor):
    cls = table.get(flavor)
    if cls is None:
        importlib.import_module(LIBRARY_OF_FLAVOR.get(flavor, "numpy"))
        cls = table.get(flavor)
    return cls


class JacobiWrapper:
    """A Python object standing for a JavaScript value (``_js``)."""

    __slots__ = ()


# ---------------------------------------------------------------------------- Python -> JS


def to_js(x):
    t = type(x)
    if t is int or t is str or t is bool:
        return x
    if t is float:
        return _float(x) if x.is_integer() else x
    if x is None:
        return jsnull
    if isinstance(x, JacobiWrapper) or t is JsNamedTuple:
        return x._js
    if t is list:
        return _list_to_js(x)
    if t is tuple:
        return _tuple(*[to_js(e) for e in x])
    if t is dict:
        return _dict_to_js(x)
    if t is slice:
        return _slice(to_js(x.start), to_js(x.stop), to_js(x.step))
    if x is Ellipsis:
        return "..."
    if isinstance(x, JsProxy) or type(x) is JsNull:
        return x
    if t is type and x in _BUILTIN_TYPES:
        # Python's float, int and bool also stand for dtypes (np.zeros(3, dtype=float)).
        return _get(J.scope, x.__name__)
    if isinstance(x, bool):
        return bool(x)
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return to_js(float(x))
    if isinstance(x, tuple):
        return _tuple(*[to_js(e) for e in x])
    if isinstance(x, (list, range)):
        return _list_to_js(list(x))
    if isinstance(x, dict):
        return _dict_to_js(x)
    if callable(x):
        return python_callback(x)
    raise TypeError(f"Jacobi cannot pass a {type(x).__name__!r} object to the runtime")


_BUILTIN_TYPES = (float, int, bool)


def _list_to_js(items):
    n = len(items)
    if n > 8:
        first = type(items[0])
        if first is float and all(type(e) is float for e in items):
            return _floats(_pyodide_to_js(items))
        if first is int and all(type(e) is int and -(2**53) < e < 2**53 for e in items):
            return _pyodide_to_js(items)
    return _list(*[to_js(e) for e in items])


def _dict_to_js(d):
    keys = []
    values = []
    for k, v in d.items():
        keys.append(str(k))
        values.append(to_js(v))
    return _dict(_list(*keys), _list(*values))


# Exceptions raised in Python callbacks, until the call from Python that led to them re-raises them.
_raised = {}


def python_callback(fn):
    """A Python callable as a JS function: arguments arrive as Python values, the result goes back.
    An exception inside crosses the JS frames as an error that carries it, and the Python call
    that led there re-raises the very exception (with the callback's traceback)."""

    def trampoline(args):
        try:
            return _list(to_js(fn(*[from_js(a) for a in args])))
        except BaseException as e:  # noqa: B036 - KeyboardInterrupt must cross too
            token = id(e)
            _raised[token] = e
            J.raisePython(token, qualified_name(type(e)), str(e))

    name = getattr(fn, "__name__", None) or type(fn).__name__
    return _callback(create_proxy(trampoline), name)


def kwargs_to_js(kwargs):
    return _dict_to_js(kwargs) if kwargs else None


# ---------------------------------------------------------------------------- JS -> Python


def from_js(x):
    if not isinstance(x, JsProxy):
        return None if type(x) is JsNull else x
    return _FROM_KIND.get(_kind(x), _from_object)(x)


def _from_tensor(x):
    return _wrap_tensor(x, _kind(x))


def _wrap_tensor(x, kind):
    what, _, flavor = kind.partition(":")
    if what == "scalar":
        factory = _library_class(_scalar_classes, flavor)
        if factory is not None:
            return factory(_get(x, "dt"))._from_js(x)
    return _library_class(_tensor_classes, flavor)._from_js(x)


def _from_variable(x):
    if not _variable_class:
        importlib.import_module("tensorflow")
    return _variable_class[0]._from_js(x)


def _from_shape(x, flavor):
    dims = tuple(from_js(d) for d in x)
    cls = _library_class(_shape_classes, flavor) if flavor in ("torch", "tf") else None
    return cls(dims) if cls is not None else dims


def _from_object(x):
    return JsObject(x)


class JsNamedTuple(tuple):
    """A named tuple from the runtime (``torch.return_types.max``): a tuple whose items also have names."""

    def __new__(cls, x):
        self = super().__new__(cls, (from_js(e) for e in x))
        self._js = x
        self._fields = tuple(str(f) for f in _get(x, "fields"))
        return self

    def __getattr__(self, name):
        fields = self.__dict__.get("_fields", ())
        if name in fields:
            return self[fields.index(name)]
        raise AttributeError(f"{str(_get(self._js, 'typeName'))!r} object has no attribute {name!r}")

    def __repr__(self):
        return js(_repr, self._js)

    __str__ = __repr__


def _from_function(x):
    return JsFunction(x, None)


_FROM_KIND = {
    "none": lambda x: None,
    "pyfloat": lambda x: float(_float_value(x)),
    "list": lambda x: [from_js(e) for e in x],
    "tuple": lambda x: tuple(from_js(e) for e in x),
    "namedtuple": lambda x: JsNamedTuple(x),
    "dict": lambda x: {k: from_js(v) for k, v in (tuple(p) for p in _items(x))},
    "namespace": lambda x: JsObject(x),
    "python": lambda x: _python_object(x),
    "function": _from_function,
    "class": _from_function,
    "variable": _from_variable,
    "object": _from_object,
    "error": _from_object,
}
for _flavor in ("tf", "torch", "jax", "numpy"):
    _FROM_KIND["tensor:" + _flavor] = _from_tensor
    _FROM_KIND["scalar:" + _flavor] = _from_tensor
    _FROM_KIND["shape:" + _flavor] = (lambda f: lambda x: _from_shape(x, f))(_flavor)


# ---------------------------------------------------------------------------- errors

# Library errors by their JS name: (module that Python's traceback names, base classes).
_LIBRARY_ERRORS = {
    "InvalidArgumentError": ("tensorflow.python.framework.errors_impl", (Exception,)),
    "NotFoundError": ("tensorflow.python.framework.errors_impl", (Exception,)),
    "UnimplementedError": ("tensorflow.python.framework.errors_impl", (Exception,)),
    "ResourceExhaustedError": ("tensorflow.python.framework.errors_impl", (Exception,)),
    "FailedPreconditionError": ("tensorflow.python.framework.errors_impl", (Exception,)),
    "ConcretizationTypeError": ("jax.errors", (TypeError,)),
    "UnexpectedTracerError": ("jax.errors", (Exception,)),
    "TracerBoolConversionError": ("jax.errors", (TypeError,)),
    "TracerIntegerConversionError": ("jax.errors", (TypeError,)),
    "TracerArrayConversionError": ("jax.errors", (TypeError,)),
    "NonConcreteBooleanIndexError": ("jax.errors", (IndexError,)),
    "AxisError": ("numpy", (ValueError, IndexError)),
}
# JavaScript's own error classes, as the Python error a user of the library would see.
_JS_ERRORS = {"Error": RuntimeError, "RangeError": ValueError, "ReferenceError": NameError, "InternalError": RuntimeError, "EvalError": RuntimeError, "URIError": ValueError, "AggregateError": RuntimeError}
_error_classes = {}


def error_class(name, module=None):
    """The Python exception class for a JS error name (a builtin when Python has one)."""
    builtin = getattr(builtins, name, None)
    if module is None and isinstance(builtin, type) and issubclass(builtin, BaseException):
        return builtin
    if module is None and name in _JS_ERRORS:
        return _JS_ERRORS[name]
    key = (name, module)
    cls = _error_classes.get(key)
    if cls is None:
        mod, bases = _LIBRARY_ERRORS.get(name, (module or "builtins", (Exception,)))
        cls = type(name, bases, {"__module__": module or mod})
        _error_classes[key] = cls
    return cls


def qualified_name(cls):
    module = cls.__module__
    return cls.__qualname__ if module in ("builtins", "__main__", None) else f"{module}.{cls.__qualname__}"


def translate_error(e):
    """A JsException as the Python exception the library would raise (or that a callback raised)."""
    token = J.pythonToken(e.js_error)
    if token is not None and token in _raised:
        return _raised.pop(token)
    name, message, module = _error_info(e.js_error)
    if name == "KeyboardInterrupt":
        return KeyboardInterrupt()
    cls = error_class(name, module)
    if cls is KeyError:
        return KeyError(message)
    try:
        return cls(message)
    except Exception:
        return RuntimeError(f"{name}: {message}")


def call_js(fn, this, args, kwargs):
    """Calls a JS function with Python arguments; returns its result as a Python value."""
    try:
        jargs = _list(*[to_js(a) for a in args])
        result = _call(fn, this, jargs, kwargs_to_js(kwargs))
    except JsException as e:
        raise translate_error(e) from None
    return from_js(result)


def js(fn, *args, **kwargs):
    """Calls a bridge function (or any JS function) and translates its errors."""
    try:
        return fn(*args, **kwargs)
    except JsException as e:
        raise translate_error(e) from None


# ---------------------------------------------------------------------------- JS objects


def js_attribute(owner_js, name, qualname):
    """`owner.name` for a JS object: methods come bound to it; a missing name raises AttributeError."""
    if not _has(owner_js, name):
        raise AttributeError(f"{qualname} has no attribute {name!r}")
    try:
        value = _get(owner_js, name)
    except JsException as e:
        raise translate_error(e) from None
    if isinstance(value, JsProxy) and type(value) is not JsNull:
        kind = _kind(value)
        if kind == "function" or kind == "class":
            return JsFunction(value, owner_js)
        return _FROM_KIND.get(kind, _from_object)(value)
    return from_js(value)


def set_js_attribute(owner_js, name, value):
    try:
        _set(owner_js, name, to_js(value))
    except JsException as e:
        raise translate_error(e) from None


class JsObject(JacobiWrapper):
    """Any other JavaScript object (a tape, an accumulator, a layer, a figure...): attributes and
    methods forward to it, ``with`` uses its ``__enter__``/``__exit__`` (or ``Symbol.dispose``)."""

    __slots__ = ("_js", "__weakref__")

    def __init__(self, js_value):
        object.__setattr__(self, "_js", js_value)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return js_attribute(self._js, name, f"{_type_name(self._js)!r} object")

    def __setattr__(self, name, value):
        set_js_attribute(self._js, name, value)

    def __dir__(self):
        return sorted(set(_names(self._js)))

    def __repr__(self):
        return js(_repr, self._js)

    def __str__(self):
        return js(J.objectStr, self._js)

    def __enter__(self):
        if _has(self._js, "__enter__"):
            result = call_js(_get(self._js, "__enter__"), self._js, (), None)
            return self if isinstance(result, JacobiWrapper) and result._js == self._js else result
        return self

    def __exit__(self, typ, value, tb):
        if _has(self._js, "__exit__"):
            return bool(call_js(_get(self._js, "__exit__"), self._js, (None, None, None), None))
        js(J.dispose, self._js)
        return False

    def __eq__(self, other):
        # An object with Python's __eq__ in JS (dtypes: `a.dtype == np.float32`) decides itself.
        if _has(self._js, "__eq__"):
            return bool(call_js(_get(self._js, "__eq__"), self._js, (other,), None))
        if isinstance(other, JsObject) and self._js == other._js:
            return True
        # Let the other side decide (a JS class's instance vs a dtype that knows equality).
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        # Equal objects must hash alike: a JS object that defines equality hashes by its text.
        return hash(str(self)) if _has(self._js, "__eq__") else id(self)

    # Indexing and iteration go through the same entry points as tensors' (the core decides:
    # `x.at[i]` helpers, key arrays, JS iterables).
    def __getitem__(self, key):
        try:
            return from_js(_get_item(self._js, index_specs(key)))
        except JsException as e:
            raise translate_error(e) from None

    def __iter__(self):
        return iter([from_js(e) for e in js(_iterate, self._js)])

    def __bool__(self):
        return True

    def __len__(self):
        if _has(self._js, "length"):
            return int(_get(self._js, "length"))
        return js(_len, self._js)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return None


class JsFunction(JsObject):
    """A JavaScript function (a facade function, a method bound to its object, a callable layer)."""

    __slots__ = ("_this",)

    def __init__(self, js_value, this):
        object.__setattr__(self, "_js", js_value)
        object.__setattr__(self, "_this", this)

    def __call__(self, *args, **kwargs):
        return call_js(self._js, self._this, args, kwargs)

    def __get__(self, instance, owner=None):
        return self

    @property
    def __name__(self):
        return str(_get(self._js, "name") or "function")

    @property
    def __doc__(self):
        d = _doc(self._js)
        return None if d is None or type(d) is JsNull else str(d[1])

    @property
    def __signature__(self):
        from _jacobi.introspect import signature_of

        return signature_of(self)

    def __repr__(self):
        d = _doc(self._js)
        if d is not None and type(d) is not JsNull:
            return f"<function {str(d[0]).split('(')[0]}>"
        return f"<function {self.__name__}>"

    __str__ = __repr__

    # A JS class in Python's class machinery: `isinstance(x, nn.Module)`, `class Net(nn.Module)`.
    def __instancecheck__(self, obj):
        return isinstance(obj, JacobiWrapper) and bool(J.isInstance(obj._js, self._js))

    def __subclasscheck__(self, cls):
        return isinstance(cls, type) and any(getattr(c, "_js_base", None) is not None and c._js_base == self._js for c in cls.__mro__)

    def __mro_entries__(self, bases):
        return (subclass_base(self._js, self.__name__),)


# (JS class, its Python base class): JS objects are not hashable, so a list.
_subclass_bases = []


def _python_object(x):
    """The Python object a Python subclass's JS instance stands for."""
    py = J.pythonObject(x)
    # Pyodide hands a proxy made by create_proxy back as a JsDoubleProxy.
    return py.unwrap() if hasattr(py, "unwrap") else py


def subclass_base(js_class, name):
    """The Python base class standing for a JS class (`nn.Module`) in `class Net(nn.Module)`."""
    for base, cls in _subclass_bases:
        if base == js_class:
            return cls
    cls = type(name, (JsSubclass,), {"_js_base": js_class, "__module__": "jacobi"})
    _subclass_bases.append((js_class, cls))
    return cls


def _dispatch(py, method, args):
    """A JS method of a Python subclass's instance, run by the Python override (boxed result)."""
    try:
        return _list(to_js(getattr(py, method)(*[from_js(a) for a in args])))
    except BaseException as e:  # noqa: B036 - as in callbacks: the exception crosses the JS frames
        token = id(e)
        _raised[token] = e
        J.raisePython(token, qualified_name(type(e)), str(e))


_dispatch_js = None


class JsSubclass(JacobiWrapper):
    """A Python class deriving from a JS class. Its instance is a JS instance of a JS subclass whose
    methods that the Python class overrides call the Python ones; what Python assigns to it that the
    runtime can hold (tensors, layers, numbers, strings) is set on the JS instance, where the JS class
    finds it (a Module's parameters and submodules), the rest stays in Python."""

    _js_base = None
    _js_class = None

    def __init__(self, *args, **kwargs):
        if self.__dict__.get("_js") is not None:
            return
        cls = type(self)
        if cls.__dict__.get("_js_class") is None:
            global _dispatch_js
            if _dispatch_js is None:
                _dispatch_js = create_proxy(_dispatch)
            # The methods of the user's classes (not of the generated base) override the JS ones.
            user = [c for c in cls.__mro__ if issubclass(c, JsSubclass) and c is not JsSubclass and "_js_base" not in c.__dict__]
            methods = sorted({k for c in user for k, v in c.__dict__.items() if callable(v) and not (k.startswith("__") and k.endswith("__"))})
            cls._js_class = J.subclass(cls._js_base, cls.__name__, _list(*methods), _dispatch_js)
        try:
            instance = J.construct(cls._js_class, _list(*[to_js(a) for a in args]), kwargs_to_js(kwargs), create_proxy(self))
        except JsException as e:
            raise translate_error(e) from None
        self.__dict__["_js"] = instance

    @property
    def _js(self):
        js_value = self.__dict__.get("_js")
        if js_value is None:
            raise AttributeError(f"{type(self).__name__}.__init__() has not called super().__init__()")
        return js_value

    def __getattr__(self, name):
        if name == "_js":
            # The property found no instance yet (and Python then asks __getattr__).
            raise AttributeError(f"{type(self).__name__}.__init__() has not called super().__init__()")
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return js_attribute(self._js, name, f"{type(self).__name__!r} object")

    def __setattr__(self, name, value):
        if isinstance(getattr(type(self), name, None), property) or name.startswith("_") and self.__dict__.get("_js") is None:
            object.__setattr__(self, name, value)
        elif isinstance(value, (JacobiWrapper, int, float, str, bool)) or value is None:
            set_js_attribute(self._js, name, value)
            self.__dict__.pop(name, None)
        else:
            self.__dict__[name] = value

    def __call__(self, *args, **kwargs):
        return call_js(self._js, None, args, kwargs)

    def __repr__(self):
        return js(_repr, self._js)

    def __dir__(self):
        return sorted(set(_names(self._js)) | set(object.__dir__(self)))


def _type_name(x):
    try:
        ctor = _get(x, "constructor")
        return str(_get(ctor, "name"))
    except Exception:
        return "object"


# ---------------------------------------------------------------------------- tensors


def _bin(op, a, b):
    try:
        other = to_js(b)
    except TypeError:
        return NotImplemented
    try:
        return from_js(_binary(op, a, other))
    except JsException as e:
        raise translate_error(e) from None


def _rbin(op, a, b):
    try:
        other = to_js(a)
    except TypeError:
        return NotImplemented
    try:
        return from_js(_binary(op, other, b))
    except JsException as e:
        raise translate_error(e) from None


def _inplace_op(op, self, other):
    try:
        value = to_js(other)
    except TypeError:
        return NotImplemented
    try:
        result = _inplace(op, self._js, value)
    except JsException as e:
        raise translate_error(e) from None
    if isinstance(result, JsProxy) and result == self._js:
        return self
    return from_js(result)


def index_spec(key):
    """One Python index as the runtime's index spec."""
    t = type(key)
    if t is int or t is bool:
        return key
    if t is slice:
        return _slice(to_js(key.start), to_js(key.stop), to_js(key.step))
    if key is Ellipsis:
        return "..."
    if key is None:
        return jsnull
    if hasattr(key, "__index__") and not isinstance(key, JacobiWrapper):
        return key.__index__()
    return to_js(key)


def index_specs(key):
    if type(key) is tuple:
        return _list(*[index_spec(k) for k in key])
    return _list(index_spec(key))


class Tensor(JacobiWrapper):
    """The one Python class around a Jacobi tensor; each library names a subclass of it."""

    __slots__ = ("_js", "__weakref__")
    # Jacobi tensors win over Python sequences in mixed operations.
    __array_priority__ = 1000

    def __init__(self, *args, **kwargs):
        raise TypeError(f"cannot create '{type(self).__module__}.{type(self).__qualname__}' instances directly")

    @classmethod
    def _from_js(cls, x):
        self = object.__new__(cls)
        object.__setattr__(self, "_js", x)
        return self

    # Attributes and methods of the JS tensor.
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return js_attribute(self._js, name, f"{type(self).__name__!r} object")

    def __setattr__(self, name, value):
        if name == "_js" or isinstance(getattr(type(self), name, None), property):
            object.__setattr__(self, name, value)
        else:
            set_js_attribute(self._js, name, value)

    def __dir__(self):
        return sorted(set(_names(self._js)) | set(dir(type(self))))

    # Printing, from Jacobi's printers.
    def __repr__(self):
        return js(_repr, self._js)

    def __str__(self):
        return js(_str, self._js)

    def __format__(self, spec):
        if spec == "":
            return js(_format, self._js)
        if js(_size, self._js) == 1:
            return format(self.item(), spec)
        raise TypeError(f"unsupported format string passed to {type(self).__module__}.{type(self).__qualname__}.__format__")

    def _repr_html_(self):
        html = J.mimeBundle(self._js)
        html = from_js(html)
        return html.get("text/html") if isinstance(html, dict) else None

    # Python's protocols.
    def __bool__(self):
        return bool(js(_truth, self._js))

    def __len__(self):
        return js(_len, self._js)

    def __iter__(self):
        return iter([from_js(e) for e in js(_iterate, self._js)])

    def __getitem__(self, key):
        try:
            return from_js(_get_item(self._js, index_specs(key)))
        except JsException as e:
            raise translate_error(e) from None

    def __setitem__(self, key, value):
        try:
            _set_item(self._js, index_specs(key), to_js(value))
        except JsException as e:
            raise translate_error(e) from None

    def _scalar(self, what):
        if js(_size, self._js) != 1:
            raise TypeError(f"only length-1 arrays can be converted to Python scalars")
        return self.item()

    def __float__(self):
        return float(self._scalar("float"))

    def __int__(self):
        return int(self._scalar("int"))

    def __complex__(self):
        return complex(self._scalar("complex"))

    def __index__(self):
        dt = str(_get(self._js, "dt"))
        if not (dt.startswith("int") or dt.startswith("uint")) or js(_size, self._js) != 1:
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return int(self.item())

    def __array__(self, dtype=None, copy=None):
        import numpy

        return numpy.asarray(self) if dtype is None else numpy.asarray(self, dtype=dtype)

    # Operators (src/api/operators.ts binary / unary / inplace).
    def __add__(self, o): return _bin("+", self._js, o)
    def __radd__(self, o): return _rbin("+", o, self._js)
    def __sub__(self, o): return _bin("-", self._js, o)
    def __rsub__(self, o): return _rbin("-", o, self._js)
    def __mul__(self, o): return _bin("*", self._js, o)
    def __rmul__(self, o): return _rbin("*", o, self._js)
    def __truediv__(self, o): return _bin("/", self._js, o)
    def __rtruediv__(self, o): return _rbin("/", o, self._js)
    def __floordiv__(self, o): return _bin("//", self._js, o)
    def __rfloordiv__(self, o): return _rbin("//", o, self._js)
    def __mod__(self, o): return _bin("%", self._js, o)
    def __rmod__(self, o): return _rbin("%", o, self._js)
    def __pow__(self, o, modulo=None): return _bin("**", self._js, o)
    def __rpow__(self, o): return _rbin("**", o, self._js)
    def __matmul__(self, o): return _bin("@", self._js, o)
    def __rmatmul__(self, o): return _rbin("@", o, self._js)
    def __and__(self, o): return _bin("&", self._js, o)
    def __rand__(self, o): return _rbin("&", o, self._js)
    def __or__(self, o): return _bin("|", self._js, o)
    def __ror__(self, o): return _rbin("|", o, self._js)
    def __xor__(self, o): return _bin("^", self._js, o)
    def __rxor__(self, o): return _rbin("^", o, self._js)
    def __lshift__(self, o): return _bin("<<", self._js, o)
    def __rlshift__(self, o): return _rbin("<<", o, self._js)
    def __rshift__(self, o): return _bin(">>", self._js, o)
    def __rrshift__(self, o): return _rbin(">>", o, self._js)
    def __lt__(self, o): return _bin("<", self._js, o)
    def __le__(self, o): return _bin("<=", self._js, o)
    def __gt__(self, o): return _bin(">", self._js, o)
    def __ge__(self, o): return _bin(">=", self._js, o)

    def __eq__(self, o):
        if o is None:
            return False
        return _bin("==", self._js, o)

    def __ne__(self, o):
        if o is None:
            return True
        return _bin("!=", self._js, o)

    __hash__ = None

    def __iadd__(self, o): return _inplace_op("+", self, o)
    def __isub__(self, o): return _inplace_op("-", self, o)
    def __imul__(self, o): return _inplace_op("*", self, o)
    def __itruediv__(self, o): return _inplace_op("/", self, o)
    def __ifloordiv__(self, o): return _inplace_op("//", self, o)
    def __imod__(self, o): return _inplace_op("%", self, o)
    def __ipow__(self, o): return _inplace_op("**", self, o)
    def __imatmul__(self, o): return _inplace_op("@", self, o)
    def __iand__(self, o): return _inplace_op("&", self, o)
    def __ior__(self, o): return _inplace_op("|", self, o)
    def __ixor__(self, o): return _inplace_op("^", self, o)
    def __ilshift__(self, o): return _inplace_op("<<", self, o)
    def __irshift__(self, o): return _inplace_op(">>", self, o)

    def __neg__(self): return from_js(js(_unary, "-", self._js))
    def __pos__(self): return from_js(js(_unary, "+", self._js))
    def __invert__(self): return from_js(js(_unary, "~", self._js))

    def __abs__(self):
        return call_js(_get(self._js, "abs"), self._js, (), None)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return call_js(_get(self._js, "clone"), self._js, (), None) if _has(self._js, "clone") else self
