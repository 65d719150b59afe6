"""Small workbooks for the engine library's tests: data cells and formulas on one sheet, evaluated
by the engine, and the same workbooks recalculated by LibreOffice (one run per test module)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet
from oracle import cached_values, libreoffice_convert, same

from xlkpi.engine import evaluate
from xlkpi.engine.refs import cell_name, split_range
from xlkpi.errors import XLError

SHEET = "S"


def write(sheet: Worksheet, cells: dict[str, Any]) -> None:
    """Values and formulas by cell; a key "A1:B3" writes an array formula over that range."""
    for where, value in cells.items():
        if ":" in where:
            sheet[where.split(":")[0]] = ArrayFormula(where, value)
        else:
            sheet[where] = value


def book(path: Path, cells: dict[str, Any], hidden_rows: tuple[int, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = SHEET
    write(sheet, cells)
    for row in hidden_rows:
        sheet.row_dimensions[row].hidden = True
    wb.save(path)
    return path


def block(values: dict[tuple[str, str], Any], ref: str) -> Any:
    """The values of a range ("A1:B2") as rows; of a cell ("A1"), its value."""
    r1, c1, r2, c2 = split_range(ref)
    rows = [[values.get((SHEET, cell_name((r, c)))) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]
    return rows if ":" in ref else rows[0][0]


def run(path: Path, cells: dict[str, Any], hidden_rows: tuple[int, ...] = ()) -> dict[tuple[str, str], Any]:
    """The engine's values of a fresh workbook holding ``cells``."""
    return evaluate(book(path, cells, hidden_rows)).values


def values(path: Path, data: dict[str, Any], formulas: dict[str, str], hidden_rows: tuple[int, ...] = ()) -> dict[str, Any]:
    """Each formula's (or array formula's) result, by its key."""
    result = run(path, {**data, **formulas}, hidden_rows)
    return {key: block(result, key) for key in formulas}


def excel(value: Any) -> Any:
    """A hand-worked expectation as the engine reports it: error texts as XLError."""
    if isinstance(value, list):
        return [excel(v) for v in value]
    parsed = XLError.parse(value) if isinstance(value, str) else None
    return parsed or value


def libreoffice_values(tmp_path: Path, data: dict[str, Any], formulas: dict[str, str],
                       hidden_rows: tuple[int, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the engine's, LibreOffice's) value of each formula cell of one workbook."""
    path = book(tmp_path / "oracle.xlsx", {**data, **formulas}, hidden_rows)
    (copy,) = libreoffice_convert([path], tmp_path / "libreoffice")
    expected = {cell: value for (_, cell), value in cached_values(copy).items()}
    engine = {cell: value for (_, cell), value in evaluate(path).values.items()}
    return engine, expected


__all__ = ["block", "book", "excel", "libreoffice_values", "run", "same", "values"]
