"""A filled-down column's formulas share their shape without a rescan of each text: the shape and
the references bound to each cell are those of scanning the cell's own text (``shape_of``), on
the edge cases where a filled-down text is not simply moved (row numbers growing a digit, fixed
rows, numbers in strings, other sheets, tables)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xlkpi.engine import evaluate, read_book
from xlkpi.engine.program import _bind, _Shapes, build_program
from xlkpi.engine.shapes import shape_of

ROWS = 120

TEMPLATES = [
    "=A{r}+A{p}*2",  # the row above: 9 → 10, 99 → 100
    "=SUM($A$1:A{r})",  # a running total, fixed first row
    "=A{r}&\"A{r}\"",  # a row number inside a string stays as written
    "=IF(A{r}>5,\"x10\",Other!B{r}+'Sheet 2'!C$3)",  # other sheets, fixed row
    "=SUM(A{m}:A{r})",  # the last four rows (three in the first row)
    "=ROUND(A{r}/7,2)+LOG10(100)",  # digits in a function name and in constants
    "=SUM(Other!{r}:{r})-A{r}",  # a whole row
    "=A{r}*1E+2+Tbl[[#This Row],[Value]]",  # a table column
]


def _book(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Main"
    other, second = book.create_sheet("Other"), book.create_sheet("Sheet 2")
    sheet.append(["Value"])
    for r in range(2, ROWS + 1):
        sheet.cell(r, 1, r * 1.5)
        other.cell(r, 2, r)
        for i, template in enumerate(TEMPLATES):
            sheet.cell(r, 3 + i, template.format(r=r, p=r - 1, m=max(2, r - 3)))
    second["C3"] = 4
    sheet.add_table(openpyxl.worksheet.table.Table(displayName="Tbl", ref=f"A1:A{ROWS}"))
    sheet["A1"] = "Value"
    book.save(path)


def test_every_cell_gets_the_shape_and_references_of_its_own_text(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    _book(path)
    book = read_book(path)
    program = build_program(book)
    assert len(program.entries) == (ROWS - 1) * len(TEMPLATES)
    for entry in program.entries:
        shape = shape_of(entry.text, entry.cell)
        assert entry.code.shape == shape, entry.cell
        assert entry.refs == tuple(_bind(book, t, entry.sheet, entry.cell) for t in shape.refs), entry.cell


def test_the_filled_down_values(tmp_path: Path) -> None:
    """Hand-worked values of a few cells across the 9 → 10 and 99 → 100 row boundaries."""
    path = tmp_path / "filled.xlsx"
    _book(path)
    values = evaluate(path, cache=False).values
    for r in (9, 10, 99, 100, 101):
        assert values[("Main", f"C{r}")] == pytest.approx(r * 1.5 + (r - 1) * 1.5 * 2)
        assert values[("Main", f"D{r}")] == pytest.approx(sum(k * 1.5 for k in range(2, r + 1)))
        assert values[("Main", f"E{r}")] == f"{r * 1.5:g}A{r}"
        assert values[("Main", f"F{r}")] == ("x10" if r * 1.5 > 5 else r + 4)
        assert values[("Main", f"J{r}")] == pytest.approx(r * 1.5 * 100 + r * 1.5)
    assert values[("Main", "G10")] == pytest.approx(sum(k * 1.5 for k in range(7, 11)))


def test_texts_moved_to_the_edge_of_the_grid_and_past_it_are_scanned() -> None:
    shapes = _Shapes()
    for row, text in enumerate(["B1048575+1", "B1048576+1", "B1048577+1", "XFD1+A2", "XFE2+A3", "A$1+A3"], start=1):
        assert shapes.of(text, (row, 1)) == shape_of(text, (row, 1)), text
