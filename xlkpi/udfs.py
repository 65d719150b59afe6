"""xlwings UDFs: every registry entry as an Excel function ``KPI_*`` (category "xlkpi").

Generated from :data:`xlkpi.registry.REGISTRY`; nothing here is written per function.
Arguments arrive with ``err_to_str=True`` so an error cell reaches the KPI as its text
(``"#DIV/0!"``) and propagates; range parameters are read as 1-D lists (a row or a column).

Errors in cells: xlwings cannot return a real Excel error value from a UDF (xlwings issue
#776: a VT_ERROR variant does not survive the VBA wrapper), so a KPI error shows as its
text, e.g. ``#DIV/0!``. Other KPI_* functions read that text back as the error, but native
functions see text: use ``=IF(ISNUMBER(C2), …)`` rather than ``ISERROR`` on KPI cells.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

import xlwings as xw

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .errors import XLError
from .registry import REGISTRY, Kpi

CATEGORY = "xlkpi"


def to_excel(result: Any) -> Any:
    """A KPI result as a UDF returns it: errors as their text (see the module docstring)."""
    return result.value if isinstance(result, XLError) else result


def make_udf(kpi: Kpi) -> Callable[..., Any]:
    def udf(*args: Any) -> Any:
        return to_excel(kpi(*args))

    udf.__name__ = udf.__qualname__ = kpi.name
    udf.__doc__ = kpi.description
    udf.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          **({"default": p.default} if p.optional else {}))
        for p in kpi.params
    ])
    for p in kpi.params:
        options = {"ndim": 1} if p.kind.is_range else {}
        udf = xw.arg(p.name, doc=p.doc, err_to_str=True, **options)(udf)
    return xw.func(category=CATEGORY)(udf)


UDFS: dict[str, Callable[..., Any]] = {name: make_udf(k) for name, k in REGISTRY.items()}
globals().update(UDFS)
