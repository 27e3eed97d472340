"""The doctest runner's setup for a .py file: its examples see the module's globals, as
doctest.testmod gives them (the module runs under its own name, not ``__main__``)."""
import base64
import linecache
import sys
import types


def load_module(source_b64, path, name, namespace):
    source = base64.b64decode(source_b64).decode("utf-8")
    linecache.cache[path] = (len(source), None, source.splitlines(True), path)
    module = types.ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module
    exec(compile(source, path, "exec"), module.__dict__)
    for key, value in module.__dict__.items():
        if key not in ("__builtins__",):
            namespace[key] = value
    namespace["__name__"] = name
