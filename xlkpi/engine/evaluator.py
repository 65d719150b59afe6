"""Run a :class:`~xlkpi.engine.program.Program` over one workbook's input values.

Cells are computed in the program's order; a cell reached through a reference computed at run
time (OFFSET, INDIRECT) before its turn is computed then. A block of cells is read once into a
2-D array and reused (whole columns stop at the sheet's last used row). A cell that calls a
function the engine lacks, or reads such a cell, is *kept*: not computed, its stored value left.
"""
from __future__ import annotations

import math
import warnings
from collections import ChainMap
from collections.abc import Callable, MutableMapping
from typing import Any

import numpy as np
from formulas.errors import FormulaError
from formulas.tokens.operand import XlError

from ..errors import WorkbookError
from .book import Book
from .compiler import Compiled, Context, Missing, compile_shape
from .lambda_values import LambdaValue
from .operators import implicit
from .program import Entry, Key, Program, _bind, table_ref
from .refs import Cell, Ref, cell_name
from .shapes import TableTemplate, shape_of
from .xlvalues import EMPTY, NA, NAME, REF, VALUE


class Evaluator:
    def __init__(self, book: Book, program: Program):
        self.book = book
        self.program = program
        self.cells: dict[str, MutableMapping[Cell, Any]] = {}
        self.upper = {title.upper(): title for title in book.sheets}
        formula_cells = program.formula_cells
        for title, sheet in book.sheets.items():
            self.cells[title] = {c: v for c, v in sheet.values.items() if (title, c) not in formula_cells}
        self.pending: dict[Key, Entry] = {(e.sheet, e.cell): e for e in program.entries}
        self.running: set[Key] = set()
        self.kept: dict[Key, str] = {}
        self.unknown: dict[Key, str] = {}
        self.blocks: dict[Ref, Any] = {}
        self.memo: dict[Any, Any] = {}
        self.current: Key | None = None

    # --- running ---

    def run(self) -> None:
        with warnings.catch_warnings(), np.errstate(all="ignore"):  # numpy's overflow notes: results are #NUM!
            warnings.simplefilter("ignore")
            groups = {key: group for group in self.program.cycles for key in group}
            for entry in self.program.entries:
                key = (entry.sheet, entry.cell)
                if key in groups and key in self.pending:
                    self._iterate(groups[key])
                elif key in self.pending:
                    self._compute(entry)

    def _compute(self, entry: Entry) -> None:
        key = (entry.sheet, entry.cell)
        if key in self.running:
            raise WorkbookError(self.book.path, "circular reference (through OFFSET or INDIRECT)", entry.sheet, cell_name(entry.cell))
        self.running.add(key)
        outer, self.current = self.current, key
        try:
            if entry.table is not None:
                self._store(entry, self._data_table(entry))
                return
            for name in entry.code.unknown:
                if self._name_text(name, entry.sheet) is None:
                    self.unknown[key] = name
            result = entry.code.run(Context(self, entry.sheet, entry.cell, entry.refs))
            self._store(entry, result)
        except Missing as missing:
            self._keep(entry, missing.name)
        except (WorkbookError, RecursionError, MemoryError):
            raise
        except Exception as error:  # noqa: BLE001 (a bug in one function implementation: that cell is left as stored)
            self._keep(entry, f"an engine failure ({type(error).__name__})")
        finally:
            self.current = outer
            self.running.discard(key)
            self.pending.pop(key, None)

    def _keep(self, entry: Entry, name: str) -> None:
        cells = self._cells_of(entry)
        for cell in cells:
            self.kept[(entry.sheet, cell)] = name

    def _cells_of(self, entry: Entry) -> list[Cell]:
        if entry.array is None:
            return [entry.cell]
        a = entry.array
        return [(r, c) for r in range(a.r1, a.r2 + 1) for c in range(a.c1, a.c2 + 1)]

    def _store(self, entry: Entry, result: Any) -> None:
        sheet = self.cells[entry.sheet]
        if entry.array is None:
            ctx = Context(self, entry.sheet, entry.cell, ())
            value = _scalar(implicit(ctx, result))
            sheet[entry.cell] = 0.0 if value is EMPTY else value  # Excel shows a blank cell read as 0
            return
        a = entry.array
        if isinstance(result, Ref):
            result = self.value(result)
        array = result if isinstance(result, np.ndarray) else np.array([[result]], dtype=object)
        height, width = array.shape
        for r in range(a.r1, a.r2 + 1):
            for c in range(a.c1, a.c2 + 1):
                i, j = r - a.r1, c - a.c1
                i = 0 if height == 1 else i
                j = 0 if width == 1 else j
                value = _scalar(array[i, j]) if i < height and j < width else NA
                sheet[(r, c)] = 0.0 if value is EMPTY else value  # Excel shows a blank of an array as 0

    # --- iterative calculation ---

    def _iterate(self, group: list[Key]) -> None:
        """A circular group, with iterative calculation on: its cells computed in turn from their
        stored values (0 when none), pass after pass, until no value moves by the workbook's
        delta or the passes run out (Excel's own rule)."""
        assert self.book.iterate is not None
        passes, delta = self.book.iterate
        entries = [self.pending.pop(key) for key in group]
        for entry in entries:
            stored = self.book.sheets[entry.sheet].values.get(entry.cell)
            self.cells[entry.sheet][entry.cell] = stored if isinstance(stored, float) else 0.0
        for _ in range(passes):
            moved = 0.0
            for entry in entries:
                before = self.cells[entry.sheet].get(entry.cell)
                self.blocks.clear()
                self.running.discard((entry.sheet, entry.cell))
                self._compute(entry)
                after = self.cells[entry.sheet].get(entry.cell)
                if type(before) is float and type(after) is float:
                    moved = max(moved, abs(after - before))
                elif before != after:
                    moved = math.inf
            if moved < delta:
                break

    # --- what-if data tables ---

    def _data_table(self, entry: Entry) -> np.ndarray:
        """The values of a data table: for each of its cells, a formula of its top row or left
        column computed again with the input cell(s) set to that cell's input values."""
        table, area, sheet = entry.table, entry.array, entry.sheet
        assert table is not None and area is not None
        top, left = area.r1, area.c1
        height, width = area.shape
        result = np.empty((height, width), dtype=object)
        inputs = [c for c in (table.r1, table.r2) if c is not None]
        cone = self._readers(sheet, inputs)
        entries = {(e.sheet, e.cell): e for e in self.program.entries}
        values: tuple[Cell, ...]
        for i in range(height):
            for j in range(width):
                down, across = (top + i, left - 1), (top - 1, left + j)
                if table.two_d:
                    target = (top - 1, left - 1)
                    values = (across, down) if table.row else (down, across)
                elif table.row:
                    target, values = down, (across,)
                else:
                    target, values = across, (down,)
                overrides = {cell: self.deref(Ref(sheet, *at, *at)) for cell, at in zip(inputs, values)}
                result[i, j] = self._what_if(entry, entries, cone, overrides, target)
        return result

    def _readers(self, sheet: str, inputs: list[Cell]) -> set[Key]:
        """The formula cells that read any of ``inputs``, directly or through other cells."""
        direct = {
            (e.sheet, e.cell) for e in self.program.entries
            for r in e.refs if isinstance(r, Ref) and r.sheet.upper() == sheet.upper()
            if any(r.r1 <= row <= r.r2 and r.c1 <= col <= r.c2 for row, col in inputs)
        }
        readers: dict[Key, set[Key]] = {}
        for key, needs in self.program.needs.items():
            for need in needs:
                readers.setdefault(need, set()).add(key)
        found, todo = set(direct), list(direct)
        while todo:
            for reader in readers.get(todo.pop(), ()):
                if reader not in found:
                    found.add(reader)
                    todo.append(reader)
        return found

    def _what_if(self, table: Entry, entries: dict[Key, Entry], cone: set[Key], overrides: dict[Cell, Any],
                 target: Cell) -> Any:
        """``target``'s value with ``overrides`` in its sheet: the cells reading them computed again."""
        sheet = table.sheet
        if (sheet, target) not in cone:
            return _scalar(self.deref(Ref(sheet, *target, *target)))
        again = Evaluator.__new__(Evaluator)
        again.book, again.program, again.upper = self.book, self.program, self.upper
        touched = {s for s, _ in cone} | {sheet}
        # the sheets it may change read through to this evaluator's cells; the cone's cells are
        # pending there, so they are computed again before anything reads them
        again.cells = {t: ChainMap({}, c) if t in touched else c for t, c in self.cells.items()}
        again.cells[sheet].update(overrides)
        again.pending = {**self.pending, **{k: entries[k] for k in cone if k != (sheet, table.cell)}}
        again.pending.pop((sheet, table.cell), None)
        again.running, again.kept, again.unknown = set(), dict(self.kept), {}
        again.blocks, again.memo, again.current = {}, {}, None
        return _scalar(again.deref(Ref(sheet, *target, *target)))

    # --- what closures call ---

    def value(self, value: Any) -> Any:
        """A reference's value (a cell's, or a block's as a 2-D array); other values as they are."""
        if type(value) is Ref:
            return self.deref(value)
        if type(value) is tuple:  # a union or a 3-D reference: its cells side by side
            parts = [np.asarray(self.value(v), dtype=object).reshape(1, -1) for v in value]
            return np.concatenate(parts, axis=1) if parts else EMPTY
        return value

    def deref(self, ref: Ref) -> Any:
        title = ref.sheet if ref.sheet in self.cells else self.upper.get(ref.sheet.upper())
        if title is None:
            return REF
        if ref.r1 == ref.r2 and ref.c1 == ref.c2:
            cell = (ref.r1, ref.c1)
            key = (title, cell)
            if key in self.kept:
                raise Missing(self.kept[key])
            if self.pending:
                self._ensure(key)
                if key in self.kept:
                    raise Missing(self.kept[key])
            return self.cells[title].get(cell, EMPTY)
        block = self.blocks.get(ref)
        if block is None:
            block = self.blocks[ref] = self._block(title, ref)
        return block

    def _ensure(self, key: Key) -> None:
        anchor = self.program.outputs.get(key, key)
        entry = self.pending.get(anchor)
        if entry is not None:
            self._compute(entry)

    def _block(self, title: str, ref: Ref) -> Any:
        sheet = self.book.sheets[title]
        r2 = min(ref.r2, max(sheet.max_row, ref.r1))
        c2 = min(ref.c2, max(sheet.max_col, ref.c1))
        if self.pending or self.kept:
            for r in range(ref.r1, r2 + 1):
                for c in range(ref.c1, c2 + 1):
                    key = (title, (r, c))
                    if key in self.pending or key in self.program.outputs:
                        self._ensure(key)
                    if key in self.kept:
                        raise Missing(self.kept[key])
        cells = self.cells[title]
        get = cells.get
        rows = [[get((r, c), EMPTY) for c in range(ref.c1, c2 + 1)] for r in range(ref.r1, r2 + 1)]
        array = np.empty((len(rows), c2 - ref.c1 + 1), dtype=object)
        array[:] = rows
        return array

    def cached(self, key: Any, make: Callable[[], Any], keep: Any = None) -> Any:
        """A value worth computing once per workbook (criteria masks …), under ``key``."""
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = (make(), keep)
        return found[0]

    def name(self, name: str, sheet: str | None, ctx: Context, called: bool = False) -> Any:
        """A defined name's value at ``ctx``'s cell: sheet-local first, then global.
        ``called``: the name is called as a function (a named LAMBDA); not being one is
        already reported with the function."""
        scope = sheet or ctx.sheet
        key = (scope.upper(), name)
        code = self.program.names.get(key)  # type: ignore[arg-type]
        if code is None:
            text = self._name_text(name, scope)
            if text is None:
                table = self.book.tables.get(name)
                if table is not None:
                    return table_ref(self.book, TableTemplate(table.name, "[#Data]"), ctx.cell)
                if self.current is not None and not called:
                    self.unknown[self.current] = name
                return NAME
            code = self._compile_name(text)
            self.program.names[key] = code  # type: ignore[index]
        shape, compiled = code  # type: ignore[misc]
        refs = tuple(_bind(self.book, r, ctx.sheet, (1, 1)) for r in shape.refs)
        return compiled.run(Context(self, ctx.sheet, ctx.cell, refs))

    def _name_text(self, name: str, scope: str) -> str | None:
        title = self.upper.get(scope.upper())
        local = self.book.sheets[title].names if title else {}
        text = local.get(name) or self.book.names.get(name)
        return text.lstrip("=") if text is not None else None

    def _compile_name(self, text: str) -> Any:
        if text.startswith("#REF!"):
            text = "#REF!"
        shape = shape_of(text, (1, 1))
        try:
            compiled: Compiled = compile_shape(shape, self.book.date1904)
        except FormulaError:
            raise WorkbookError(self.book.path, f"cannot parse the defined name {text!r}") from None
        return shape, compiled

    def is_formula(self, sheet: str, cell: Cell) -> bool:
        title = self.upper.get(sheet.upper(), sheet)
        return (title, cell) in self.program.outputs or title in self.book.sheets and cell in self.book.sheets[title].formulas

    def formula_text(self, sheet: str, cell: Cell) -> str | None:
        """The formula written in ``cell`` (a shared formula's cell: the anchor's, moved), or None."""
        title = self.upper.get(sheet.upper(), sheet)
        found = self.book.sheets.get(title)
        formula = found.formulas.get(cell) if found is not None else None
        if found is None or formula is None:
            return None
        if formula.anchor is None:
            return formula.text
        from ..xlsx.formulas import translate

        anchor = formula.anchor
        return translate(found.formulas[anchor].text, cell[0] - anchor[0], cell[1] - anchor[1])

    def is_hidden(self, sheet: str, row: int) -> bool:
        title = self.upper.get(sheet.upper(), sheet)
        return row in self.book.sheets[title].hidden_rows if title in self.book.sheets else False

    def is_filtered(self, sheet: str, row: int) -> bool:
        """A hidden row under an AutoFilter: filtered out (SUBTOTAL leaves it out with every code)."""
        title = self.upper.get(sheet.upper(), sheet)
        found = self.book.sheets.get(title)
        return found is not None and row in found.hidden_rows and any(r1 < row <= r2 for r1, r2 in found.filters)

    def is_subtotal(self, sheet: str, cell: Cell) -> bool:
        title = self.upper.get(sheet.upper(), sheet)
        formula = self.book.sheets[title].formulas.get(cell) if title in self.book.sheets else None
        if formula is None:
            return False
        text = self.book.sheets[title].formulas[formula.anchor].text if formula.anchor else formula.text
        upper = text.upper()
        return "SUBTOTAL(" in upper or "AGGREGATE(" in upper


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = np.array(value, dtype=object)
    if isinstance(value, np.ndarray):
        value = value.flat[0] if value.size else EMPTY
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (Ref, LambdaValue)):  # a LAMBDA left uncalled: Excel's #CALC!
        return REF if isinstance(value, Ref) else VALUE
    if isinstance(value, XlError) or value is EMPTY:
        return value
    if value is None:
        return EMPTY
    if not isinstance(value, (str, int, float)):  # whatever else a function returned
        return VALUE
    return value
