"""``xlkpi import``: fill the weekly workbook from the exports of the tools prospectors use.

read (:mod:`.readers`) → map (:mod:`.mapping`, :mod:`.profiles`, :mod:`.frames`, :mod:`.parsing`)
→ aggregate into ISO weeks and lead records (:mod:`.aggregate`) → plan the cell changes against
what each source wrote before (:mod:`.plan`, :mod:`.provenance`) → write losslessly and
recalculate (:mod:`.run`). Workbook positions come from :mod:`.targets` only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import ImportFailed, ImportResult, import_exports

__all__ = ["ImportFailed", "ImportResult", "import_exports"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
