"""``xlkpi import``'s unit of work: one import under the workbook's lock, its failure a result
(a pool runs it here or as a task of a cluster: plain arguments)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..locking import WAIT, WorkbookBusy, workbook_lock
from .run import ImportFailed, ImportResult, import_exports


@dataclass
class ImportOutcome:
    result: ImportResult
    failed: bool = False  # nothing written: ``result.errors`` says why
    busy: bool = False  # because another run was writing the workbook


def import_task(book: str | Path, exports: Sequence[str | Path], options: dict[str, Any], wait: float = WAIT,
                on_rows: Callable[[int], None] | None = None) -> ImportOutcome:
    """:func:`import_exports` (``options`` its keywords) holding ``book``'s lock from reading it to
    writing it, so that two runs take turns (a dry run reads without it)."""
    try:
        if options.get("dry_run"):
            return ImportOutcome(import_exports(book, exports, on_rows=on_rows, **options))
        with workbook_lock(book, wait):
            return ImportOutcome(import_exports(book, exports, on_rows=on_rows, **options))
    except ImportFailed as error:
        return ImportOutcome(error.result, failed=True)
    except WorkbookBusy as error:
        return ImportOutcome(ImportResult(str(book), errors=[str(error)]), failed=True, busy=True)
