"""Headless recalculation: the value of every formula of a workbook, ``KPI_*`` included.

read (:mod:`.book`, the sheet XML) → compile (:mod:`.shapes`, :mod:`.compiler`,
:mod:`.program`: each formula *shape* parsed by ``formulas`` and compiled once, cells bound to
it and ordered) → evaluate (:mod:`.evaluator`, functions from :mod:`.functions`). A compiled
program depends only on the formulas, so workbooks of one template share it: it is kept in
memory (the last few) under the formulas' fingerprint.

A formula that calls a name or a function Excel does not know evaluates to #NAME? as in Excel
(``Evaluation.unknown``); one that calls a function Excel has but the engine lacks, or that the
parser cannot read, and every cell that reads it, is left with its stored value
(``Evaluation.kept``). ``strict=True`` refuses both. Circular references and references to
missing sheets raise :class:`~xlkpi.errors.WorkbookError` naming the cell. Nothing is ever
written to the workbook.
"""
from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WorkbookError
from .book import Book, read_book
from .cache import DiskCache
from .evaluator import Evaluator
from .program import Program, build_program, fingerprint
from .refs import cell_name
from .xlvalues import EMPTY, to_cell

CACHE_SIZE = 4  # compiled programs kept in memory

CellKey = tuple[str, str]  # (sheet, "A1")


@dataclass
class Evaluation:
    """The computed value of every formula cell (every cell of an array formula's range):
    float, int, bool, str, XLError, or None.

    ``kept``: cells the engine could not compute because they call (directly or through other
    cells) a function Excel has but the engine lacks; they are not in ``values`` and keep their
    stored value. ``unknown``: cells that evaluate to #NAME? because they use a name or a
    function Excel itself does not know (as in Excel; a warning, their value is in ``values``).
    Both map the cell to the function or name responsible.
    """

    values: dict[CellKey, object]  # (sheet title, "A1") → value of every formula cell
    formula_cells: int
    kept: dict[CellKey, str] = field(default_factory=dict)
    unknown: dict[CellKey, str] = field(default_factory=dict)


class _Programs:
    """Compiled programs by fingerprint: the last few in memory (least recently used dropped
    first), all of them on disk (:mod:`.cache`)."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, Program] = OrderedDict()
        self.lock = threading.Lock()
        self.disk = DiskCache()
        self.stored: set[Path] = set()  # cache files known to hold their program

    def get(self, book: Book, use_disk: bool = True) -> Program:
        key = fingerprint(book)
        with self.lock:
            program = self.items.get(key)
            if program is not None:
                self.items.move_to_end(key)
        where = self.disk.path(key) if use_disk else None
        if program is None:
            program = self.disk.load(key) if where else None
            if program is not None and where:
                self.stored.add(where)
            elif program is None:
                program = build_program(book)
        if where and where not in self.stored:  # compiled here, or earlier without the disk cache
            self.disk.store(key, program)
            self.stored.add(where)
        with self.lock:
            self.items[key] = program
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return program

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.stored.clear()


_PROGRAMS = _Programs(CACHE_SIZE)


def evaluate(path: str | Path, strict: bool = False, cache: bool = True, book: Book | None = None) -> Evaluation:
    """The value of every formula cell of the workbook at ``path``; raises WorkbookError on bad input.

    ``cache``: read and store compiled programs on disk (:mod:`.cache`); in memory they are
    always kept. ``book``: the workbook already read (:func:`read_book`), to read it only once."""
    with collector_paused():  # tens of thousands of objects, no garbage cycles: collecting would only cost
        book = book or read_book(path)
        program = _PROGRAMS.get(book, use_disk=cache)
        evaluator = Evaluator(book, program)
        evaluator.run()
        kept = {(s, cell_name(c)): name for (s, c), name in evaluator.kept.items()}
        unknown = {(s, cell_name(c)): name for (s, c), name in evaluator.unknown.items()}
        if strict:
            _refuse(path, "cannot compute (left as stored):", kept)
            _refuse(path, "unknown name or function", unknown)
        values = {
            (sheet, cell_name(cell)): to_cell(evaluator.cells[sheet].get(cell, EMPTY))
            for sheet, cell in program.formula_cells
            if (sheet, cell) not in evaluator.kept
        }
    return Evaluation(values, len(values) + len(kept), kept, unknown)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (reading a workbook, unpickling a
    program, evaluating and writing create many objects and little garbage; each full collection
    walks every live object, so collecting during them grows faster than the workbook)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _refuse(path: str | Path, what: str, cells: dict[CellKey, str]) -> None:
    if not cells:
        return
    by_name: dict[str, list[CellKey]] = {}
    for key, name in cells.items():
        by_name.setdefault(name, []).append(key)
    listed = "; ".join(f"{name} in {', '.join(f'{s}!{c}' for s, c in sorted(keys)[:20])}" for name, keys in sorted(by_name.items()))
    sheet, cell = min(cells)
    raise WorkbookError(path, f"{what} {listed}", sheet, cell)


def clear_cache() -> None:
    """Forget every compiled program."""
    _PROGRAMS.clear()


__all__ = ["Book", "Evaluation", "WorkbookError", "clear_cache", "collector_paused", "evaluate", "read_book"]
