"""``xlkpi report``: the weekly answer to "does our prospecting pay?".

read (:mod:`.workbook_reader`: the workbook's inputs, recalculated in memory when stale) →
figures (:mod:`.figures`: pandas and the KPI registry, cross-checked with the Dashboard) →
view (:mod:`.view`: text in the workbook's language) → files (:mod:`.render`, :mod:`.charts`)
or the terminal (:mod:`.terminal`).

:func:`report` (``xlkpi.report(path, week=…)``) returns the figures for notebooks.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .figures import Figures


def report(path: str | Path, week: int | None = None, lang: str | None = None) -> Figures:
    """The figures of the weekly workbook at ``path`` for ``week`` (default: the week set on
    Settings) as pandas DataFrames: ``.headline``, ``.channels``, ``.funnel``, ``.trends``,
    ``.leads``, ``.breakdowns["campaign" | "rep" | "persona"]``, ``.movers``, ``.notes``;
    ``.frames()`` gives them all by name; ``lang``: the notes' and names' language (default: the
    workbook's). The file is never modified. Raises WorkbookError."""
    from .figures import compute
    from .workbook_reader import read_workbook

    return compute(read_workbook(path, week), lang)


__all__ = ["report"]
