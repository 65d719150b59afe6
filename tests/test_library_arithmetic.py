"""COMBIN, QUOTIENT, SERIESSUM, HYPERLINK, ENCODEURL: Microsoft's examples by hand, LibreOffice as
oracle where it agrees with Excel's documentation."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from oracle import cached_values, mismatches

from xlkpi.engine import evaluate
from xlkpi.errors import XLError

CASES = {
    "=COMBIN(8,2)": 28, "=COMBIN(5.9,2.1)": 10, "=COMBIN(2,3)": XLError.NUM, "=COMBIN(-1,0)": XLError.NUM,
    "=QUOTIENT(5,2)": 2, "=QUOTIENT(4.5,3.1)": 1, "=QUOTIENT(-10,3)": -3, "=QUOTIENT(1,0)": XLError.DIV0,
    "=SERIESSUM(PI()/4,0,2,A1:A4)": 0.707103214822846,  # Microsoft's example: cos(π/4) by 4 terms
    '=HYPERLINK("http://example.com","Example")': "Example", '=HYPERLINK("http://example.com")': "http://example.com",
    '=_xlfn.ENCODEURL("a b&c/é")': "a%20b%26c%2F%C3%A9",
}
LIBREOFFICE_DIFFERS = {"=COMBIN(2,3)", "=COMBIN(-1,0)", "=QUOTIENT(1,0)"}  # #VALUE! there; Excel documents #NUM!, #DIV/0!


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    folder = tmp_path_factory.mktemp("arithmetic")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for row, value in enumerate([1, -1 / 2, 1 / 24, -1 / 720], start=1):
        ws.cell(row, 1, value)
    for row, formula in enumerate(CASES, start=1):
        ws.cell(row, 3, formula)
    wb.save(folder / "arithmetic.xlsx")
    return evaluate(folder / "arithmetic.xlsx").values, folder


@pytest.mark.parametrize(("row", "formula"), enumerate(CASES, start=1), ids=list(CASES))
def test_by_hand(results: tuple[dict, Path], row: int, formula: str) -> None:
    value = results[0][("S", f"C{row}")]
    assert value == (pytest.approx(CASES[formula]) if isinstance(CASES[formula], float) else CASES[formula])


def test_against_libreoffice(results: tuple[dict, Path], libreoffice_convert: Callable[..., list[Path]]) -> None:
    values, folder = results
    (copy,) = libreoffice_convert([folder / "arithmetic.xlsx"], folder / "lo")
    keep = {("S", f"C{row}") for row, f in enumerate(CASES, start=1) if f not in LIBREOFFICE_DIFFERS}
    assert mismatches({k: v for k, v in values.items() if k in keep}, cached_values(copy)) == []
