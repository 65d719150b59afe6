"""xlkpi: does your sales prospecting pay? KPI functions for Python, Excel and a headless engine.

``import xlkpi`` is light: the snake_case KPI functions (NumPy, pandas) and the batch API
(the engine) are imported on first use (PEP 562).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .errors import XLError
from .registry import REGISTRY, Kpi, Param

if TYPE_CHECKING:
    from .batch import Summary, computed_frames, recalc

_FUNCTION_NAMES = frozenset(k.python_name for k in REGISTRY.values())
_BATCH_NAMES = frozenset({"Summary", "computed_frames", "recalc"})


def __getattr__(name: str) -> Any:
    if name in _FUNCTION_NAMES:
        from .api import FUNCTIONS

        value = FUNCTIONS[name]
    elif name in _BATCH_NAMES:
        from . import batch

        value = getattr(batch, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_FUNCTION_NAMES, *_BATCH_NAMES})


__all__ = ["REGISTRY", "Kpi", "Param", "Summary", "XLError", "computed_frames", "recalc"]
__all__.extend(sorted(_FUNCTION_NAMES))
