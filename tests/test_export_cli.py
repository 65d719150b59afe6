"""``xlkpi export`` and ``xlkpi new --native`` as a user runs them: output, bad input, what is
left as a value, what survives."""
from __future__ import annotations

import errno
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlkpi.cli import main
from xlkpi.engine import evaluate
from xlkpi.i18n import text
from xlkpi.registry import REGISTRY

pytestmark = pytest.mark.slow  # exports whole workbooks

CHAIN = b'<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
        b'<c r="C1" i="1"/><c r="C2"/></calcChain>'


def _book(path: Path, chain: bool = False) -> Path:
    """Two KPI cells, a comment, a validation and a defined name; optionally a calcChain."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Week"
    ws.append([500, 25, "=KPI_CPL(A1,B1)"])
    ws.append([12000, 4000, '=KPI_ROI(A2,B2,"ratio")+KPI_RATE(1,4)'])
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    ws["A1"].comment = Comment("cost of the week", "me")
    validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    ws.add_data_validation(validation)
    validation.add("B1:B2")
    from openpyxl.formatting.rule import FormulaRule

    ws.conditional_formatting.add("C1:C2", FormulaRule(formula=["KPI_RATE($B1,$A1)>0.01"], fill=None))
    wb.save(path)
    if chain:
        with zipfile.ZipFile(path) as zf:
            parts = {i.filename: zf.read(i) for i in zf.infolist()}
        parts["xl/calcChain.xml"] = CHAIN
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
                         b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/officeDocument/'
                                 b'2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
    return path


def test_native_export_prints_what_it_did(tmp_path: Path) -> None:
    book = _book(tmp_path / "book.xlsx")
    before = book.read_bytes()
    result = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsx"), "--native"])
    assert result.exit_code == 0, result.output
    assert "3 KPI_* calls in 2 cells replaced by native formulas" in result.output
    assert book.read_bytes() == before  # the user's file is only read
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ws = out["Week"]
    assert ws["C1"].value == "=(--A1)/IF(--B1<0,--#NUM!,B1)"
    assert ws["C2"].value == "=(A2/B2)+(1/4)"  # each twin in brackets where operators surround the call
    assert ws["A1"].comment.text == "cost of the week" and ws.data_validations.dataValidation[0].sqref is not None
    (rule,) = [r for rules in ws.conditional_formatting for r in rules.rules]
    assert rule.formula == ["(IF(--$B1<0,--#NUM!,$B1)/IF(--$A1<0,--#NUM!,$A1))>0.01"]
    assert evaluate(tmp_path / "out.xlsx").values == {("Week", "C1"): 20.0, ("Week", "C2"): 3.25}


def test_values_export_drops_the_calculation_chain(tmp_path: Path) -> None:
    book = _book(tmp_path / "book.xlsx", chain=True)
    result = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsx"), "--values", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["formulas_removed"] == 2
    with zipfile.ZipFile(tmp_path / "out.xlsx") as zf:
        assert "xl/calcChain.xml" not in zf.namelist()
        assert b"calcChain" not in zf.read("[Content_Types].xml") + zf.read("xl/_rels/workbook.xml.rels")
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")
    values = openpyxl.load_workbook(tmp_path / "out.xlsx")["Week"]
    assert (values["C1"].value, values["C2"].value) == (20, 3.25)  # 500 / 25; 12 000 / 4 000 + 1 / 4
    (rule,) = [r for rules in values.conditional_formatting for r in rules.rules]  # a rule has no value: its twin
    assert rule.formula == ["(IF(--$B1<0,--#NUM!,$B1)/IF(--$A1<0,--#NUM!,$A1))>0.01"]


def test_a_kpi_without_twin_is_left_as_its_value_and_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "KPI_CPL", replace(REGISTRY["KPI_CPL"], twin=None, twin_note="no twin in this test"))
    book = _book(tmp_path / "book.xlsx")
    result = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsx"), "--native", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["left_as_values"] == [{"sheet": "Week", "cell": "C1", "reason": "KPI_CPL: no twin in this test"}]
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Week"]
    assert ws["C1"].value == 20 and ws["C2"].data_type == "f" and "KPI_" not in ws["C2"].value
    plain = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out2.xlsx"), "--native"])
    assert "left as value  Week!C1: KPI_CPL: no twin in this test" in plain.output


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_text("hello"), "not an Excel workbook"),
])
def test_bad_input_is_one_line_naming_the_file(tmp_path: Path, make, message: str) -> None:
    book = tmp_path / "book.xlsx"
    make(book)
    result = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsx"), "--values"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(book) in lines[0] and message in lines[0]
    assert not (tmp_path / "out.xlsx").exists()


def test_the_export_never_overwrites_the_workbook(tmp_path: Path) -> None:
    book = _book(tmp_path / "book.xlsx")
    before = book.read_bytes()
    result = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "." / "book.xlsx"), "--native"])
    assert result.exit_code == 1 and "another file" in result.output
    assert book.read_bytes() == before
    assert CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsm"), "--native"]).exit_code == 1


def test_a_mode_is_required(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(_book(tmp_path / "b.xlsx")), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and "--native" in result.output


def test_new_native_writes_the_weekly_workbook_without_kpi_calls(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "w.xlsx"), "--year", "2026", "--lang", "fr", "--native"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["w.xlsx"]  # no temporary file left behind
    assert CliRunner().invoke(main, ["new", str(tmp_path / "k.xlsx"), "--year", "2026", "--lang", "fr"]).exit_code == 0
    native, kpis = evaluate(tmp_path / "w.xlsx"), evaluate(tmp_path / "k.xlsx")
    with zipfile.ZipFile(tmp_path / "w.xlsx") as zf:
        formulas = [f for n in zf.namelist() if n.startswith("xl/worksheets/")
                    for f in re.findall(rb"<f[ >][^<]*", zf.read(n))]
    assert len(formulas) > 4000 and not [f for f in formulas if b"KPI_" in f]
    assert native.values.keys() == kpis.values.keys() and len(native.values) > 4000
    differ = {k: (v, kpis.values[k]) for k, v in native.values.items()
              if v != kpis.values[k] and not (isinstance(v, float) and abs(v - kpis.values[k]) < 1e-9)}
    assert differ == {}
    instructions = [str(c.value) for row in openpyxl.load_workbook(tmp_path / "w.xlsx").worksheets[0].iter_rows()
                    for c in row if c.value is not None]
    assert text("workbook.step6_native", "fr") in instructions  # says it needs no add-in
    assert text("workbook.step6", "fr") not in instructions


def test_a_full_disk_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sha256: Callable[[Path], str]) -> None:
    book = _book(tmp_path / "book.xlsx")
    before = sha256(book)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    for mode in ("--native", "--values"):
        result = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsx"), mode])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.splitlines()[-1].startswith(f"error: {tmp_path / 'out.xlsx'}: ")  # the file it could not write
        assert "No space left on device" in result.stderr
    assert sha256(book) == before and sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
