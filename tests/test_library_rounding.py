"""ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT, MROUND, CEILING/FLOOR (.MATH, .PRECISE): Microsoft's examples by hand, LibreOffice as oracle."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from oracle import cached_values, mismatches

from xlkpi.engine import evaluate
from xlkpi.errors import XLError

CASES = {  # formula → Excel's answer (Microsoft's function pages, and Excel's 15-digit rounding)
    "=ROUND(2.15,1)": 2.2, "=ROUND(2.149,1)": 2.1, "=ROUND(-1.475,2)": -1.48, "=ROUND(21.5,-1)": 20,
    "=ROUND(626.3,-3)": 1000, "=ROUND(1.98,-1)": 0, "=ROUND(-50.55,-2)": -100, "=ROUND(2.675,2)": 2.68,
    "=ROUND(-2.5,0)": -3, '=ROUND("2.5",0)': 3, "=ROUND(0.1+0.2,15)": 0.3,
    "=ROUNDUP(3.2,0)": 4, "=ROUNDUP(76.9,0)": 77, "=ROUNDUP(3.14159,3)": 3.142, "=ROUNDUP(-3.14159,1)": -3.2,
    "=ROUNDUP(31415.92654,-2)": 31500,
    "=ROUNDDOWN(3.2,0)": 3, "=ROUNDDOWN(76.9,0)": 76, "=ROUNDDOWN(3.14159,3)": 3.141, "=ROUNDDOWN(-3.14159,1)": -3.1,
    "=ROUNDDOWN(31415.92654,-2)": 31400,
    "=TRUNC(8.9)": 8, "=TRUNC(-8.9)": -8, "=TRUNC(0.45)": 0, "=TRUNC(3.14159,2)": 3.14,
    "=INT(8.9)": 8, "=INT(-8.9)": -9, "=INT(-0.5)": -1,
    "=MROUND(10,3)": 9, "=MROUND(-10,-3)": -9, "=MROUND(1.3,0.2)": 1.4, "=MROUND(0,5)": 0, "=MROUND(7,0)": 0,
    "=MROUND(5,-2)": XLError.NUM,  # different signs: #NUM! (LibreOffice answers 6)
    "=ROUND(1/0,2)": XLError.DIV0, '=ROUND("x",2)': XLError.VALUE,
    "=TRUNC(1.5,1E+10)": 1.5, "=ROUND(1.5,-1E+10)": 0,  # bounded time (formulas ran for minutes)
    # CEILING/FLOOR (Microsoft's examples) and multiples but for float noise (0.3/0.1 is 2.9999999999999996)
    "=CEILING(2.5,1)": 3, "=CEILING(-2.5,-2)": -4, "=CEILING(-2.5,2)": -2, "=CEILING(1.5,0.1)": 1.5,
    "=CEILING(0.234,0.01)": 0.24, "=FLOOR(3.7,2)": 2, "=FLOOR(-2.5,-2)": -2, "=FLOOR(-2.5,2)": -4,
    "=FLOOR(1.58,0.1)": 1.5, "=FLOOR(0.234,0.01)": 0.23, "=FLOOR(0.3/0.1,1)": 3, "=CEILING(0.3/0.1,1)": 3,
    "=CEILING(2.5,-2)": XLError.NUM, "=FLOOR(2.5,-2)": XLError.NUM, "=FLOOR(5,0)": XLError.DIV0, "=CEILING(5,0)": 0,
    "=_xlfn.CEILING.MATH(24.3,5)": 25, "=_xlfn.CEILING.MATH(6.7)": 7, "=_xlfn.CEILING.MATH(-8.1,2)": -8,
    "=_xlfn.CEILING.MATH(-5.5,2,-1)": -6, "=_xlfn.CEILING.MATH(0.3/0.1,1)": 3,
    "=_xlfn.FLOOR.MATH(24.3,5)": 20, "=_xlfn.FLOOR.MATH(6.7)": 6, "=_xlfn.FLOOR.MATH(-8.1,2)": -10,
    "=_xlfn.FLOOR.MATH(-5.5,2,-1)": -4, "=_xlfn.FLOOR.MATH(0.3/0.1,1)": 3, "=_xlfn.FLOOR.MATH(6.3/0.1,1)": 63,
    "=_xlfn.FLOOR.PRECISE(-3.2,-1)": -4, "=_xlfn.CEILING.PRECISE(-4.6,-2)": -4,
    "=MROUND(TRUE,2)": XLError.VALUE, "=MROUND(2,FALSE)": XLError.VALUE,
    "=MROUND(10,1E-100)": 10, "=MROUND(1E+100,1E+50)": 1e100,  # Excel's values (IronCalc's MROUND_TRUNC_INT.xlsx)
}
# LibreOffice answers #VALUE! where Excel's pages say #NUM! (different signs) and #DIV/0! (FLOOR by 0);
# it reads booleans as numbers in MROUND, Excel answers #VALUE!
LIBREOFFICE_DIFFERS = {"=MROUND(5,-2)", "=TRUNC(1.5,1E+10)", "=ROUND(1.5,-1E+10)", "=CEILING(2.5,-2)",
                       "=FLOOR(2.5,-2)", "=FLOOR(5,0)", "=MROUND(TRUE,2)", "=MROUND(2,FALSE)"}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, libreoffice_convert: Callable[..., list[Path]]) -> tuple[dict, dict]:
    folder = tmp_path_factory.mktemp("rounding")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R"
    for row, formula in enumerate(CASES, start=1):
        ws.cell(row, 1, formula)
    wb.save(folder / "rounding.xlsx")
    values = evaluate(folder / "rounding.xlsx").values
    (copy,) = libreoffice_convert([folder / "rounding.xlsx"], folder / "lo")
    return values, cached_values(copy)


@pytest.mark.parametrize(("row", "formula"), enumerate(CASES, start=1), ids=list(CASES))
def test_by_hand(results: tuple[dict, dict], row: int, formula: str) -> None:
    value = results[0][("R", f"A{row}")]
    assert value == CASES[formula]


def test_against_libreoffice(results: tuple[dict, dict]) -> None:
    values, expected = results
    keep = {("R", f"A{row}") for row, f in enumerate(CASES, start=1) if f not in LIBREOFFICE_DIFFERS}
    assert mismatches({k: v for k, v in values.items() if k in keep}, expected) == []
