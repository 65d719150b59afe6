"""xlkpi: does your sales prospecting pay? KPI functions for Python, Excel and a headless engine.

``import xlkpi`` and the snake_case KPI functions need only the standard library (they run in
Pyodide, see :mod:`xlkpi.officejs`); the functions are made on first use and the batch API
(the engine: pandas, openpyxl, formulas) is imported on first use (PEP 562).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .errors import XLError
from .registry import REGISTRY, Kpi, NumberFormat, Param

if TYPE_CHECKING:
    from .batch import Summary, computed_frames, recalc
    from .collecting import collect
    from .importer import import_exports
    from .reporting import report

_FUNCTION_NAMES = frozenset(k.python_name for k in REGISTRY.values())
# Names whose module (and its pandas, openpyxl, formulas …) is imported on first use.
_LAZY = {"collect": "collecting", "Summary": "batch", "computed_frames": "batch", "recalc": "batch", "import_exports": "importer",
         "report": "reporting"}


def __getattr__(name: str) -> Any:
    if name in _FUNCTION_NAMES:
        from .api import FUNCTIONS

        value = FUNCTIONS[name]
    elif name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_FUNCTION_NAMES, *_LAZY})


__all__ = ["REGISTRY", "Kpi", "NumberFormat", "Param", "Summary", "XLError", "collect", "computed_frames", "import_exports", "recalc", "report"]
__all__.extend(sorted(_FUNCTION_NAMES))
