"""LibreOffice as the oracle of the engine's library functions: formulas over a grid of inputs
are written to one workbook, which LibreOffice recalculates (one run per test module) and the
engine evaluates; each formula's two values are then compared."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import openpyxl
from oracle import libreoffice_convert, same

from xlkpi.engine import evaluate

# Sheet "In", column A: every kind of value a function may be handed, by label.
INPUTS: dict[str, object] = {
    "pos": 1234.5678, "neg": -1234.5678, "zero": 0, "half": 0.5, "date": 45000.75, "blank": None, "text": "text",
    "numtext": "12.5", "true": True, "false": False, "div0": "=1/0", "na": "=NA()", "empty": '=""', "three": 3,
    "negsmall": -0.4, "big": 1e15, "datetext": "45351.25", "bits": 101, "hex": "1F", "negint": -7,
}


def cells(*labels: str) -> list[str]:
    """The input cells of the given labels (all of them when none is given)."""
    rows = {label: row for row, label in enumerate(INPUTS, start=1)}
    return [f"In!A{rows[label]}" for label in labels or INPUTS]


def grid(template: str, *columns: Iterable[str]) -> list[str]:
    """``template`` (``{0}``, ``{1}`` … for the arguments) over every combination of ``columns``."""
    combos: list[tuple[str, ...]] = [()]
    for column in columns:
        combos = [c + (value,) for c in combos for value in column]
    return [template.format(*combo) for combo in combos]


def write_book(folder: Path, formulas: list[str]) -> Path:
    """A workbook: the inputs on sheet "In", the formulas down column A of sheet "F"."""
    path = folder / "book.xlsx"
    wb = openpyxl.Workbook()
    inputs = wb.active
    inputs.title = "In"
    for row, value in enumerate(INPUTS.values(), start=1):
        if value is not None:
            inputs.cell(row, 1, value)
    sheet = wb.create_sheet("F")
    for row, formula in enumerate(formulas, start=1):
        sheet.cell(row, 1, "=" + formula)
    wb.save(path)
    return path


def engine_values(folder: Path, formulas: list[str]) -> dict[str, object]:
    """formula → the engine's value."""
    values = evaluate(write_book(folder, formulas)).values
    return {formula: values.get(("F", f"A{row}")) for row, formula in enumerate(formulas, start=1)}


def recalc(folder: Path, formulas: list[str]) -> dict[str, tuple[object, object]]:
    """formula → (the engine's value, LibreOffice's value); skips when LibreOffice is missing."""
    source = write_book(folder, formulas)
    (copy,) = libreoffice_convert([source], folder / "out")
    theirs = openpyxl.load_workbook(copy, data_only=True)["F"]
    ours = evaluate(source).values
    return {formula: (ours.get(("F", f"A{row}")), theirs.cell(row, 1).value)
            for row, formula in enumerate(formulas, start=1)}


def disagreements(results: dict[str, tuple[object, object]], excel: dict[str, object]) -> list[tuple]:
    """Formulas whose engine value differs from LibreOffice's, or from Excel's answer where
    ``excel`` gives one (LibreOffice known to differ there); also the ``excel`` entries that
    are not in the grid (a typo would otherwise go unnoticed)."""
    wrong: list[tuple] = [(formula, "not in the grid", None) for formula in excel.keys() - results.keys()]
    for formula, (ours, theirs) in results.items():
        expected = excel.get(formula, theirs)
        if not same(ours, expected):
            wrong.append((formula, ours, expected))
    return wrong
