"""xlwings' real Windows UDF machinery, imported off Windows: only pywin32 and Excel are faked.

On Windows, ``import xlwings`` imports ``xlwings._xlwindows``, registers its engine as "excel"
and binds ``xw.func``/``xw.arg``/``xw.ret`` to the decorators of ``xlwings.udfs``; elsewhere
those decorators do nothing, so the UDFs carry no ``__xlfunc__``. :func:`windows_xlwings` does
what ``import xlwings`` does on Windows, with the pywin32 modules (and the ``ctypes.windll``/
``oledll``/``PyDLL`` handles ``_xlwindows`` opens at import) replaced by stand-ins, then
imports the given UDF modules anew so that their decorators are the real ones. On exit,
``sys.modules``, the ``xlwings`` package and ``xlwings.engines`` are as they were.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import importlib
import importlib.util
import sys
from contextlib import ExitStack, contextmanager
from types import ModuleType
from typing import Any, Iterable, Iterator
from unittest.mock import MagicMock, patch

import xlwings

# What xlwings.udfs, xlwings._xlwindows and xlwings.com_server import from pywin32.
PYWIN32 = (
    "pythoncom", "pywintypes", "win32api", "win32con", "win32event", "win32gui", "win32process",
    "win32timezone", "win32com", "win32com.client", "win32com.server",
    "win32com.server.dispatcher", "win32com.server.policy", "win32com.server.util",
)
XLWINGS_WINDOWS = ("xlwings._win32patch", "xlwings._xlwindows", "xlwings.udfs", "xlwings.com_server")
DECORATORS = {"func": "xlfunc", "arg": "xlarg", "ret": "xlret", "script": "xlsub", "sub": "xlsub"}


class ComError(Exception):
    """Stand-in for pywintypes.com_error and pywintypes.error."""


def _pywin32_stand_ins() -> dict[str, MagicMock]:
    modules = {name: MagicMock(name=name) for name in PYWIN32}
    for name, module in modules.items():
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(modules[parent], child, module)
    modules["pythoncom"].__file__ = "pythoncom.dll"  # _xlwindows opens it with ctypes.PyDLL
    # Used in isinstance and except clauses, so they must be real types; pywin32's TimeType is a
    # datetime subclass and IID(str) compares equal to the IID the string names.
    modules["pywintypes"].configure_mock(TimeType=dt.datetime, IID=str, com_error=ComError, error=ComError)
    client = modules["win32com.client"]
    client.CDispatch = type("CDispatch", (), {})
    client.DispatchBaseClass = type("DispatchBaseClass", (), {})
    return modules


@contextmanager
def _restored(namespace: dict[str, Any], keys: Iterable[str]) -> Iterator[None]:
    keys = list(keys)
    saved = {key: namespace[key] for key in keys if key in namespace}
    try:
        yield
    finally:
        for key in keys:
            namespace.pop(key, None)
        namespace.update(saved)


def _import_anew(name: str) -> ModuleType:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def windows_xlwings(*udf_modules: str) -> Iterator[ModuleType]:
    """Yield the real ``xlwings.udfs`` as on Windows; ``udf_modules`` are imported anew with
    xlwings' real decorators and are what ``sys.modules`` (hence ``call_udf``) holds meanwhile."""
    with ExitStack() as stack:
        stack.enter_context(_restored(sys.modules, [*PYWIN32, *XLWINGS_WINDOWS, *udf_modules]))
        submodules = [name.rpartition(".")[2] for name in XLWINGS_WINDOWS]
        stack.enter_context(_restored(vars(xlwings), [*submodules, *DECORATORS]))
        engines = xlwings.engines
        stack.enter_context(patch.object(engines, "engines", list(engines.engines)))
        stack.enter_context(patch.object(engines, "engines_by_name", dict(engines.engines_by_name)))

        sys.modules.update(_pywin32_stand_ins())
        with patch.object(ctypes, "windll", MagicMock(), create=True), \
                patch.object(ctypes, "oledll", MagicMock(), create=True), \
                patch.object(ctypes, "PyDLL", MagicMock()):
            xlwindows = importlib.import_module("xlwings._xlwindows")
        udfs = importlib.import_module("xlwings.udfs")
        com_server = importlib.import_module("xlwings.com_server")  # call_udf imports its loop
        stack.callback(com_server.loop.close)
        engines.add(xlwings.Engine(impl=xlwindows.engine))
        for name, real in DECORATORS.items():
            setattr(xlwings, name, getattr(udfs, real))
        for name in udf_modules:
            _import_anew(name)
        yield udfs
