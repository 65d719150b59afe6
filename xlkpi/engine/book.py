"""A workbook as the engine needs it, from the plain values :mod:`xlkpi.xlsx` reads.

Only what evaluation uses is read: each sheet's stored values and formulas (shared formulas
kept as their anchor plus an offset, array and data-table formulas with their range), defined
names (global and sheet-local), tables (for structured references) and the date system. The file
is opened and parsed by :mod:`xlkpi.xlsx` (which vets it first); this module only converts
its plain values at the engine's boundary.

Values use the representation of the ``formulas`` package, whose functions the evaluator
calls: blank is ``schedula.EMPTY``, errors are ``formulas`` ``XlError`` tokens, numbers floats.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import WorkbookError, XLError
from ..xlsx.package import Package, open_package
from ..xlsx.reader import CellBudget, FormulaXml, SheetReader, read_table, read_workbook, shared_strings
from .refs import Cell, split_range
from .xlvalues import EMPTY, ERRORS


@dataclass
class Formula:
    """A formula cell: its text (without "="), or its shared group's anchor and offset."""

    text: str
    kind: str = ""  # "", "array" or "dataTable"
    ref: str | None = None  # the range of an array or data-table formula
    anchor: Cell | None = None  # for a cell of a shared formula: the group's anchor (its text is the anchor's)
    table: DataTable | None = None  # a what-if data table's inputs


@dataclass(frozen=True)
class DataTable:
    """A what-if data table (``<f t="dataTable">``): its input cells, as OOXML gives them."""

    two_d: bool  # dt2D: a row and a column of input values
    row: bool  # dtr: one-variable: the input values run along the top row; two-variable: r1 is the row input
    r1: Cell | None  # first input cell
    r2: Cell | None  # second input cell (two-variable)


@dataclass
class Sheet:
    title: str
    values: dict[Cell, Any] = field(default_factory=dict)  # (row, col) → stored value (formula cells: cached)
    formulas: dict[Cell, Formula] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # sheet-local defined names (upper-case) → text
    hidden_rows: set[int] = field(default_factory=set)
    filters: list[tuple[int, int]] = field(default_factory=list)  # rows under an AutoFilter (sheet's or a table's)
    max_row: int = 0
    max_col: int = 0


@dataclass
class Table:
    name: str
    sheet: str
    ref: str  # "A1:D10"
    columns: list[str]
    header_rows: int
    totals_rows: int


@dataclass
class Book:
    path: Path
    sheets: dict[str, Sheet]  # title → sheet, in workbook order
    names: dict[str, str]  # global defined names (upper-case) → text
    tables: dict[str, Table]  # upper-case name → table
    date1904: bool = False
    iterate: tuple[int, float] | None = None  # iterative calculation on: (at most so many passes, until changes < this)
    calc_on_load: bool = False  # calcPr fullCalcOnLoad: Excel recomputes every formula on open (stored values stale)

    def sheet(self, title: str) -> Sheet | None:
        """The sheet titled ``title``, case-insensitively (as Excel resolves them)."""
        found = self.sheets.get(title)
        if found is None:
            upper = title.upper()
            found = next((s for t, s in self.sheets.items() if t.upper() == upper), None)
        return found


def read_book(path: str | Path, max_memory: int | None = None) -> Book:
    """Read the workbook at ``path`` (vetted first: :func:`xlkpi.xlsx.package.open_package`) within
    ``max_memory`` bytes (None: the default budget); raises WorkbookError when it is not a
    readable workbook or does not fit."""
    path = Path(path)
    try:
        with open_package(path, max_memory) as package:
            return _read(package)
    except (KeyError, ValueError, IndexError, OSError) as error:
        raise WorkbookError(path, f"not a readable .xlsx/.xlsm workbook ({error})") from None
    except MemoryError:
        raise WorkbookError(path, "too large for this machine's memory (lower the file's size, or --max-memory)") from None


def _read(package: Package) -> Book:
    info = read_workbook(package)
    strings = shared_strings(package, info)
    book = Book(package.path, {}, {}, {}, info.date1904, info.iterate, info.calc_on_load)
    sheets = [Sheet(entry.title) for entry in info.sheets]
    for name in info.names:
        if name.sheet is None:
            book.names[name.name.upper()] = name.text
        elif name.sheet < len(sheets):
            sheets[name.sheet].names[name.name.upper()] = name.text
    budget = CellBudget(package)
    for entry, sheet in zip(info.sheets, sheets):
        if entry.part is None:
            continue
        book.sheets[sheet.title] = sheet
        _read_sheet(SheetReader(package, entry.part, sheet.title, strings, budget), sheet)
        for target in package.targets(entry.part, "table").values():
            if package.has(target):
                table = read_table(package, target)
                book.tables[table.name.upper()] = Table(table.name, sheet.title, table.ref, table.columns,
                                                        table.header_rows, table.totals_rows)
                if table.autofilter:
                    sheet.filters.append(_rows(table.autofilter))
    return book


def _value(value: object) -> Any:
    """A stored value as the engine holds it (None: blank)."""
    if value is None:
        return EMPTY
    if isinstance(value, XLError):
        return ERRORS[value.value]
    return value


def _read_sheet(reader: SheetReader, sheet: Sheet) -> None:
    """The cells of one worksheet, converted at the engine's boundary."""
    shared: dict[str, Cell] = {}  # si → anchor
    values, formulas = sheet.values, sheet.formulas
    max_row = max_col = 0
    for row, col, value, formula in reader.cells():
        cell = (row, col)
        if value is not None:
            values[cell] = value if type(value) is float else _value(value)
        if formula is not None:
            parsed = _formula(formula, cell, shared)
            if parsed is not None:
                formulas[cell] = parsed
        max_row = max(max_row, row)
        max_col = max(max_col, col)
    sheet.hidden_rows = reader.hidden_rows
    if reader.autofilter:
        sheet.filters.append(_rows(reader.autofilter))
    sheet.max_row, sheet.max_col = max(sheet.max_row, max_row), max(sheet.max_col, max_col)


def _formula(element: FormulaXml, cell: Cell, shared: dict[str, Cell]) -> Formula | None:
    text = element.text
    if element.kind == "shared":
        si = element.si or ""
        if text.strip():
            shared[si] = cell
            return Formula(text)
        anchor = shared.get(si)
        return Formula("", anchor=anchor) if anchor is not None else None
    if element.kind == "array":
        return Formula(text, "array", element.ref)
    if element.kind == "dataTable" and element.data_table is not None:
        return Formula(text, "dataTable", element.ref, table=DataTable(*element.data_table))
    return Formula(text) if text.strip() else None


def _rows(ref: str) -> tuple[int, int]:
    r1, _, r2, _ = split_range(ref)
    return r1, r2


__all__ = ["Book", "DataTable", "Formula", "Sheet", "Table", "read_book"]
