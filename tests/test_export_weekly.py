"""``xlkpi export`` on a filled weekly workbook (the shipped template with random inputs).

--native: LibreOffice computes every formula cell of the export (cached values dropped) and
equals xlkpi's own recalculation of the original; the PDF LibreOffice prints shows no #NAME?.
--values: no formula left, the values are the engine's, every other zip part is byte-identical.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from benchmark_recalc import fill
from oracle import SOFFICE, cached_values, mismatches, same
from test_export_twins import uncached

from xlkpi.engine import evaluate
from xlkpi.export import export_native, export_values
from xlkpi.workbook.builder import build_template

pytestmark = pytest.mark.slow  # exports and prints whole weekly workbooks


@pytest.fixture(scope="module", params=["en", "fr"])
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(f"weekly-{request.param}")
    build_template(folder / "template.xlsx", 2026, request.param)
    fill(folder / "template.xlsx", folder / "filled.xlsx", seed=11)
    return folder / "filled.xlsx"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _formula_parts(parts: dict[str, bytes]) -> set[str]:
    return {name for name, data in parts.items() if name.startswith("xl/worksheets/") and b"<f" in data}


def _unchanged_elsewhere(source: Path, target: Path) -> None:
    """Every part but the worksheets with formulas is byte-identical, and xl/workbook.xml differs
    only by fullCalcOnLoad (the stored values are current)."""
    before, after = _parts(source), _parts(target)
    assert list(after) == list(before)
    for name in before.keys() - _formula_parts(before) - {"xl/workbook.xml"}:
        assert after[name] == before[name], name
    assert after["xl/workbook.xml"] == before["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"", 1)


def _formula_cells(path: Path) -> int:
    """How many cells hold a formula, as openpyxl reads the file (every cell of a shared formula)."""
    book = openpyxl.load_workbook(path)
    return sum(c.data_type == "f" for ws in book.worksheets for r in ws.iter_rows() for c in r)


def test_native_export_equals_the_engine_in_libreoffice(filled: Path, tmp_path: Path,
                                                        libreoffice_convert: Callable[..., list[Path]]) -> None:
    result = export_native(filled, tmp_path / "native.xlsx")
    assert result.cells_rewritten > 3800 and result.left_as_values == {} and result.kept == {}
    native = openpyxl.load_workbook(tmp_path / "native.xlsx")
    formulas = [str(getattr(c.value, "text", c.value)) for ws in native.worksheets for r in ws.iter_rows() for c in r
                if c.data_type == "f"]
    assert len(formulas) > 3000 and not [f for f in formulas if "KPI_" in f]
    _unchanged_elsewhere(filled, tmp_path / "native.xlsx")

    values = evaluate(filled).values  # xlkpi's own recalculation of the original
    (copy,) = libreoffice_convert([uncached(tmp_path / "native.xlsx")], tmp_path / "lo")
    assert len(values) == _formula_cells(filled)
    assert mismatches(values, cached_values(copy)) == []


def test_values_export_is_a_snapshot(filled: Path, tmp_path: Path) -> None:
    result = export_values(filled, tmp_path / "values.xlsx")
    assert result.formulas_removed == _formula_cells(filled)
    parts = _parts(tmp_path / "values.xlsx")
    assert not [name for name in parts if name.startswith("xl/worksheets/") and re.search(rb"<f[ >/]", parts[name])]
    _unchanged_elsewhere(filled, tmp_path / "values.xlsx")
    values = evaluate(filled).values
    stored = cached_values(tmp_path / "values.xlsx")
    assert [(key, value, stored.get(key)) for key, value in values.items() if not same(value, stored.get(key))] == []
    assert evaluate(tmp_path / "values.xlsx").formula_cells == 0


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice and poppler needed")
def test_libreoffice_prints_the_native_export_without_name_errors(filled: Path, tmp_path: Path,
                                                                  libreoffice_convert: Callable[..., list[Path]]) -> None:
    export_native(filled, tmp_path / "native.xlsx")
    (pdf,) = libreoffice_convert([uncached(tmp_path / "native.xlsx")], tmp_path / "pdf", "pdf:calc_pdf_Export")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert len(text) > 10_000  # the sheets are there …
    assert "#NAME?" not in text and "#VALUE!" not in text  # … and every KPI shows a value
