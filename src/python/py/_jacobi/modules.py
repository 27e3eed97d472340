"""Modules made of the JavaScript facades.

A library's top-level module (``numpy/__init__.py``, ``torch/__init__.py``...) calls ``facade``: its
missing attributes then come from the facade object of Jacobi's scope (``np``, ``torch``...), so
every name the facade has exists in Python, and a name it lacks raises ``AttributeError`` saying so.
Submodules (``torch.nn.functional``, ``jax.numpy``, ``numpy.testing``) are made on import from the
facade's nested objects by a finder on ``sys.meta_path``; a module Jacobi does not provide is not
found (``ModuleNotFoundError: No module named 'scipy'``).
"""
import importlib.abc
import importlib.machinery
import sys
import types

import _jacobi_js as J
from pyodide.ffi import JsException, JsProxy

from _jacobi.core import JsFunction, JsObject, _FROM_KIND, _from_object, _get, _has, _kind, _names, from_js, translate_error

# Python module name -> name of the facade in Jacobi's scope (src/api/index.ts `scope`).
ROOTS = {
    "numpy": "np",
    "tensorflow": "tf",
    "jax": "jax",
    "torch": "torch",
    "matplotlib.pyplot": "plt",
}
# The libraries' own names, for messages.
LIBRARY = {"numpy": "numpy", "tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "matplotlib": "matplotlib"}


def scope_value(name):
    """A facade from the scope, or None when this build of Jacobi has none by that name."""
    scope = J.scope
    if not _has(scope, name):
        return None
    return _get(scope, name)


def missing(module_name, name):
    return AttributeError(f"module {module_name!r} has no attribute {name!r} (Jacobi does not provide it)")


def attribute(module, js_value, name):
    """`module.name` from the facade object behind the module; cached in the module."""
    if (name.startswith("__") and name.endswith("__")) or js_value is None or not _has(js_value, name):
        raise missing(module.__name__, name)
    try:
        value = _get(js_value, name)
    except JsException as e:
        raise translate_error(e) from None
    result = value
    if isinstance(value, JsProxy):
        kind = _kind(value)
        if kind == "dict" or kind == "namespace":
            result = submodule(f"{module.__name__}.{name}", value)
        elif kind == "function" or kind == "class":
            result = JsFunction(value, None)
        else:
            result = _FROM_KIND.get(kind, _from_object)(value)
    else:
        result = from_js(value)
    module.__dict__[name] = result
    return result


def facade(namespace, scope_name):
    """Makes the module whose globals are `namespace` forward missing names to the facade `scope_name`."""
    module = sys.modules[namespace["__name__"]]
    js_value = scope_value(scope_name)
    namespace["_js"] = js_value

    def __getattr__(name):
        return attribute(module, js_value, name)

    def __dir__():
        own = [k for k in namespace if not k.startswith("_")]
        return sorted(set(own) | (set(_names(js_value)) if js_value is not None else set()))

    namespace["__getattr__"] = __getattr__
    namespace["__dir__"] = __dir__
    return js_value


class JsModule(types.ModuleType):
    """A submodule made of a nested facade object (`torch.nn.functional`)."""

    def __init__(self, name, js_value):
        super().__init__(name)
        self.__dict__["_js"] = js_value
        # A package, so that deeper submodules import too.
        self.__dict__["__path__"] = []

    def __getattr__(self, name):
        return attribute(self, self.__dict__["_js"], name)

    def __dir__(self):
        own = [k for k in self.__dict__ if not k.startswith("_")]
        return sorted(set(own) | set(_names(self.__dict__["_js"])))

    def __repr__(self):
        return f"<module {self.__name__!r} (Jacobi)>"


def submodule(fullname, js_value):
    existing = sys.modules.get(fullname)
    if existing is not None:
        return existing
    module = JsModule(fullname, js_value)
    module.__spec__ = importlib.machinery.ModuleSpec(fullname, _LOADER, is_package=True)
    sys.modules[fullname] = module
    parent, _, child = fullname.rpartition(".")
    if parent in sys.modules:
        sys.modules[parent].__dict__.setdefault(child, module)
    return module


class _Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return submodule(spec.name, spec.loader_state)

    def exec_module(self, module):
        pass


_LOADER = _Loader()


class FacadeFinder(importlib.abc.MetaPathFinder):
    """Finds `lib.a.b` when the facade behind `lib.a` has a namespace object `b`."""

    def find_spec(self, fullname, path=None, target=None):
        root = fullname.split(".")[0]
        if root not in LIBRARY:
            return None
        if fullname in ROOTS:
            js_value = scope_value(ROOTS[fullname])
        else:
            parent_name, _, name = fullname.rpartition(".")
            if not parent_name:
                return None
            parent = sys.modules.get(parent_name)
            if parent is None:
                return None
            js_parent = parent.__dict__.get("_js")
            if js_parent is None or not _has(js_parent, name):
                return None
            js_value = _get(js_parent, name)
        if not isinstance(js_value, JsProxy) or _kind(js_value) not in ("dict", "namespace", "object" if fullname in ROOTS else "dict"):
            return None
        return importlib.machinery.ModuleSpec(fullname, _LOADER, loader_state=js_value, is_package=True)


def install_finder():
    if not any(isinstance(f, FacadeFinder) for f in sys.meta_path):
        sys.meta_path.append(FacadeFinder())
