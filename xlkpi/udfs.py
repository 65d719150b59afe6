"""xlwings UDFs: every registry entry as an Excel function ``KPI_*`` (category "xlkpi").

Made by :func:`xlkpi.excel_functions.make_excel_function` with the classic decorators, as
:mod:`xlkpi.officejs` is with the Office.js ones; nothing here is written per function.
Arguments arrive with ``err_to_str=True`` so an error cell reaches the KPI as its text
(``"#DIV/0!"``) and propagates; range parameters are read as 1-D lists (a row or a column).

Errors in cells: xlwings cannot return a real Excel error value from a UDF (xlwings issue
#776: a VT_ERROR variant does not survive the VBA wrapper), so a KPI error shows as its
text, e.g. ``#DIV/0!``. Other KPI_* functions read that text back as the error, but native
functions see text: use ``=IF(ISNUMBER(C2), …)`` rather than ``ISERROR`` on KPI cells.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import xlwings as xw

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .excel_functions import make_excel_function
from .registry import REGISTRY, Kpi

CATEGORY = "xlkpi"


def make_udf(kpi: Kpi) -> Callable[..., Any]:
    return make_excel_function(kpi, xw.func, xw.arg, category=CATEGORY)


UDFS: dict[str, Callable[..., Any]] = {name: make_udf(k) for name, k in REGISTRY.items()}
globals().update(UDFS)
