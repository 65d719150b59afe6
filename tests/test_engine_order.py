"""The order of evaluation: a formula that reads its own column only through INDEX, OFFSET,
ROW, AREAS … (the previous row of a schedule) is not a circular reference; a real one still is.

Workbooks are built here with openpyxl; expected values are worked by hand (a loan schedule's
closed form, running sums) and checked against LibreOffice where it is installed.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table, TableStyleInfo

from xlkpi.engine import WorkbookError, evaluate

RATE, PRINCIPAL, PERIODS = 0.01, 10_000.0, 24


def _loan(path: Path) -> None:
    """A loan schedule table whose Beginning balance reads the row above's Ending balance through
    ``INDEX(Loan[Ending balance],ROW()-ROW(Loan[#Headers]))`` (a reference to its own table)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Schedule"
    sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"], sheet["A3"], sheet["B3"] = "Rate", RATE, "Principal", PRINCIPAL, "Periods", PERIODS
    sheet.append([])
    head = 5
    sheet.append(["Period", "Beginning balance", "Payment", "Interest", "Principal", "Ending balance"])
    for k in range(1, PERIODS + 1):
        r = head + k
        sheet.append([
            k,
            "=IF(Loan[[#This Row],[Period]]=1,$B$2,INDEX(Loan[Ending balance],ROW()-ROW(Loan[#Headers])-1))",
            "=PMT($B$1,$B$3,-$B$2)",
            f"=B{r}*$B$1",
            f"=C{r}-D{r}",
            f"=B{r}-E{r}",
        ])
    table = Table(displayName="Loan", ref=f"A{head}:F{head + PERIODS}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2")
    sheet.add_table(table)
    book.save(path)


def _closed_form(k: int) -> float:
    """The balance after ``k`` payments of an annuity (hand-worked: the textbook formula)."""
    payment = PRINCIPAL * RATE / (1 - (1 + RATE) ** -PERIODS)
    return PRINCIPAL * (1 + RATE) ** k - payment * ((1 + RATE) ** k - 1) / RATE


def test_a_loan_schedule_reading_its_previous_row_through_index_is_computed(tmp_path: Path) -> None:
    path = tmp_path / "loan.xlsx"
    _loan(path)
    values = evaluate(path, cache=False).values
    for k in range(1, PERIODS + 1):
        r = 5 + k
        assert values[("Schedule", f"B{r}")] == pytest.approx(_closed_form(k - 1), abs=1e-6)
        assert values[("Schedule", f"F{r}")] == pytest.approx(_closed_form(k), abs=1e-6)
    assert values[("Schedule", f"F{5 + PERIODS}")] == pytest.approx(0.0, abs=1e-6)


def _running(path: Path, inputs: list[float]) -> None:
    """Row 3: each cell the sum of the results left of it (``SUM(INDEX(r,1,1):INDEX(r,1,k-1))``,
    a range of its own row built by INDEX) plus its input in row 2; an AREAS of a union that
    holds its own cell; a sum of the cells above through OFFSET."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Run"
    last = openpyxl.utils.get_column_letter(1 + len(inputs))
    for i, x in enumerate(inputs):
        col = openpyxl.utils.get_column_letter(2 + i)
        sheet[f"{col}2"] = x
        sheet[f"{col}3"] = f"={col}2" if i == 0 else f"=SUM(INDEX($B$3:${last}$3,1,1):INDEX($B$3:${last}$3,1,COLUMN()-2))+{col}2"
    sheet["C9"] = "=AREAS((B7:D14,E2))"  # one of its own cells
    sheet["B7"], sheet["B8"] = 1.5, "=SUM(OFFSET(B8,-1,0,1,1))*2"
    sheet["A20"] = "=ROWS(A1:A30)+COLUMNS(A20:C20)+ISREF(A20)"
    book.save(path)


def _hand_running(inputs: list[float]) -> list[float]:
    out: list[float] = []
    for x in inputs:
        out.append(sum(out) + x)
    return out


def test_a_range_of_its_own_row_built_by_index_and_areas_of_its_own_cell_are_computed(tmp_path: Path) -> None:
    inputs = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    path = tmp_path / "running.xlsx"
    _running(path, inputs)
    values = evaluate(path, cache=False).values
    columns = [openpyxl.utils.get_column_letter(2 + i) for i in range(len(inputs))]
    expected = _hand_running(inputs)
    assert [values[("Run", f"{c}3")] for c in columns] == pytest.approx(expected)
    assert values[("Run", "C9")] == 2
    assert values[("Run", "B8")] == 3.0
    assert values[("Run", "A20")] == 34  # 30 + 3 + TRUE


@pytest.mark.parametrize(("cell", "formula"), [
    ("A2", "=INDEX(A1:A3,2)+1"),  # the cell INDEX returns is itself
    ("A2", "=SUM(INDEX(A1:A5,1):INDEX(A1:A5,3))"),  # a range built by INDEX that holds it
    ("B1", "=SUM(A1:B1)"),  # a plain circular reference
])
def test_a_real_circular_reference_is_still_refused(tmp_path: Path, cell: str, formula: str) -> None:
    book = openpyxl.Workbook()
    book.active["A1"], book.active["A3"] = 1, 2
    book.active[cell] = formula
    path = tmp_path / "cycle.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError, match="circular reference"):
        evaluate(path, cache=False)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_agrees_on_the_running_sums(tmp_path: Path) -> None:
    inputs = [2.0, 7.0, 1.0, 8.0, 2.0, 8.0]
    path = tmp_path / "running.xlsx"
    _running(path, inputs)
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(path)], capture_output=True, check=True, timeout=180)
    theirs = openpyxl.load_workbook(out / "running.xlsx", data_only=True)["Run"]
    ours = evaluate(path, cache=False).values
    for i in range(len(inputs)):
        col = openpyxl.utils.get_column_letter(2 + i)
        assert ours[("Run", f"{col}3")] == pytest.approx(theirs[f"{col}3"].value)
    assert ours[("Run", "C9")] == theirs["C9"].value
