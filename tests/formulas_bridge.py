"""The meeting point of :mod:`xlkpi` and the ``formulas`` package: values both ways and KPI_* as functions.

``formulas`` hands functions numpy object arrays (ranges, 2-D), its own empty-cell marker and
its own error tokens; the registry takes plain Python values (:mod:`xlkpi.values`). The KPI_*
functions are registered only while a model is built (:func:`formulas_session`), so other uses
of ``formulas`` in the process never see them.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, Callable, Iterator

import numpy as np
import schedula as sh
import tqdm
from formulas import excel as formulas_excel
from formulas.functions import Array, get_functions, wrap_func
from formulas.ranges import Ranges
from formulas.tokens.operand import Error, XlError

from xlkpi import kpis as _kpis  # noqa: F401  (fills the registry)
from xlkpi.errors import XLError
from xlkpi.registry import REGISTRY, Kpi

EMPTY_CELL = [[sh.EMPTY]]  # a blank input cell, as ``formulas`` stores it


def cell_value(value: Any) -> Any:
    """One ``formulas`` cell value as plain Python: None, XLError, bool, int, float or str."""
    if isinstance(value, XlError):  # before str: formulas' errors are strings
        return XLError(str(value))
    if value is sh.EMPTY:
        return None
    if isinstance(value, Ranges):  # a formula that returns a reference
        array = value.value
        return cell_value(array[0, 0]) if array.shape == (1, 1) else XLError.VALUE
    if isinstance(value, np.generic):
        return value.item()
    return value


_cell_values = np.frompyfunc(cell_value, 1, 1)


def to_python(value: Any) -> Any:
    """A function argument from ``formulas``: ranges become nested lists (rows of cells)."""
    if isinstance(value, np.ndarray):
        return _cell_values(value).tolist() if value.ndim else cell_value(value.item())
    return cell_value(value)


def to_formulas(result: Any) -> Array:
    """A KPI result as ``formulas`` functions return theirs: a 1×1 array, errors as its own tokens."""
    if isinstance(result, XLError):
        result = Error.errors[result.value]
    return np.asarray([[result]], object).view(Array)


def formulas_function(kpi: Kpi) -> Callable[..., Array]:
    """``kpi`` as a ``formulas`` function: the same registry object does the work."""

    def function(*args: Any) -> Array:
        return to_formulas(kpi(*map(to_python, args)))

    function.__name__ = function.__qualname__ = kpi.name
    return wrap_func(function)


KPI_FUNCTIONS: dict[str, Callable[..., Array]] = {name: formulas_function(k) for name, k in REGISTRY.items()}

# ExcelModel.complete() draws a tqdm progress bar on stderr; a library must stay quiet.
_QUIET_TQDM = SimpleNamespace(tqdm=functools.partial(tqdm.tqdm, disable=True))


@contextmanager
def formulas_session() -> Iterator[None]:
    """While a model is parsed and built: KPI_* are ``formulas`` functions and its progress bar is off.

    ``formulas`` looks function names up when it parses a formula and binds the function then,
    so a compiled model keeps working after the registration is withdrawn.
    """
    functions = get_functions()
    shadowed = {name: functions[name] for name in KPI_FUNCTIONS if name in functions}
    progress = formulas_excel.tqdm
    functions.update(KPI_FUNCTIONS)
    formulas_excel.tqdm = _QUIET_TQDM
    try:
        yield
    finally:
        formulas_excel.tqdm = progress
        for name in KPI_FUNCTIONS:
            del functions[name]
        functions.update(shadowed)
