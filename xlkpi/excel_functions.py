"""One factory for the KPI functions Excel calls, whatever runs them.

:func:`make_excel_function` turns a registry entry into a function decorated with a given
xlwings ``func``/``arg`` pair: the classic UDF decorators (:mod:`xlkpi.udfs`, Windows) or the
Office.js ones of ``xlwings.server`` (:mod:`xlkpi.officejs`, xlwings Lite on Windows, Mac and
the web). Both get the same name, description, argument help, optional arguments (the
registry's defaults), ranges read as 1-D lists (``ndim=1``), error cells read as their text
(``err_to_str=True``) and errors returned as text: classic Excel shows that text (xlwings issue
#776), Office.js custom-functions runtime ≥ 1.4 turns it into a real error cell.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import XLError
from .registry import Kpi

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def to_excel(result: Any) -> Any:
    """A KPI result as an Excel function returns it: errors as their text."""
    return result.value if isinstance(result, XLError) else result


def make_excel_function(kpi: Kpi, func: Callable[..., Decorator], arg: Callable[..., Decorator],
                        **func_options: Any) -> Callable[..., Any]:
    """``kpi`` as the Excel function ``KPI_*``, decorated with xlwings' ``func`` and ``arg``."""

    def function(*args: Any) -> Any:
        return to_excel(kpi(*args))

    function.__name__ = function.__qualname__ = kpi.name
    function.__doc__ = kpi.describe()
    function.__signature__ = kpi.python_signature()  # type: ignore[attr-defined]
    for p in kpi.params:
        options = {"ndim": 1} if p.kind.is_range else {}
        function = arg(p.name, doc=kpi.arg_doc(p.name), err_to_str=True, **options)(function)
    return func(**func_options)(function)
