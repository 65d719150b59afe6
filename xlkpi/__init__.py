"""xlkpi: does your sales prospecting pay? KPI functions for Python, Excel and a headless engine."""
from __future__ import annotations

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .api import FUNCTIONS
from .batch import Summary, computed_frames, recalc
from .errors import XLError
from .registry import REGISTRY, Kpi, Param

globals().update(FUNCTIONS)

__all__ = ["REGISTRY", "Kpi", "Param", "Summary", "XLError", "computed_frames", "recalc", *FUNCTIONS]
