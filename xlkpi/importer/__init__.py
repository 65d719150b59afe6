"""``xlkpi import``: fill the weekly workbook from the exports of the tools prospectors use.

read (:mod:`.readers`) → map (:mod:`.mapping`, :mod:`.profiles`, :mod:`.frames`, :mod:`.parsing`)
→ aggregate into ISO weeks and lead records (:mod:`.aggregate`) → plan the cell changes against
what each source wrote before (:mod:`.plan`, :mod:`.provenance`) → write losslessly and
recalculate (:mod:`.run`). Workbook positions come from :mod:`.targets` only.

Importing this package is light (pandas and the engine load on the first import call), so
``xlkpi`` can re-export :func:`import_exports` directly.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import ImportFailed, ImportResult

__all__ = ["ImportFailed", "ImportResult", "import_exports"]


def import_exports(book: str | Path, exports: list[str | Path] | tuple[str | Path, ...], **options: Any) -> ImportResult:
    """Import ``exports`` into the weekly workbook ``book``: see :func:`xlkpi.importer.run.import_exports`
    (options ``mapping``, ``dry_run``, ``force``, ``timezone``, ``lang``, ``on_rows``, ``recalc``).
    Raises ImportFailed, with its ``result``, when nothing was written."""
    from .run import import_exports as run

    return run(book, exports, **options)


def __getattr__(name: str) -> Any:
    if name in ("ImportFailed", "ImportResult"):
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
