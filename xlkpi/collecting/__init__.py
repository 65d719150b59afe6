"""``xlkpi collect``: the KPIs and Leads of many weekly workbooks as two tidy tables.

read each workbook (:mod:`.frames`: recalculated in memory when stale, never written) → the
tables end to end (:mod:`.run`, each file one task of :class:`xlkpi.pool.Batch`) → a sink chosen
by the output's suffix or URL (:mod:`.sinks`: CSV, Parquet, DuckDB, SQLite, SQLAlchemy upserts).
``xlkpi.collect`` is :func:`.run.collect` (imported on first use, as the other heavy names).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import Collection, collect

__all__ = ["Collection", "collect"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
