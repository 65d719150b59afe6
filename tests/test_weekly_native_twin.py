"""The shipped weekly template, filled, with every KPI_* call rewritten into native formulas:
the engine and LibreOffice agree on every formula cell (the issue's "native twin" target)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from benchmark_recalc import fill, nativize
from test_engine import cached_values, libreoffice_recalc, mismatches

from xlkpi.engine import evaluate
from xlkpi.workbook.builder import build_template


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_native_twin_of_the_weekly_workbook_matches_libreoffice(tmp_path: Path, lang: str) -> None:
    template = tmp_path / "template.xlsx"
    build_template(template, 2026, lang)
    fill(template, tmp_path / "filled.xlsx", seed=11)
    rewritten = nativize(tmp_path / "filled.xlsx", tmp_path / "twin.xlsx")
    assert rewritten > 3000
    values = evaluate(tmp_path / "twin.xlsx").values
    (copy,) = libreoffice_recalc([tmp_path / "twin.xlsx"], tmp_path / "lo")
    expected = cached_values(copy)
    formulas = sum(c.data_type == "f" for ws in openpyxl.load_workbook(tmp_path / "twin.xlsx").worksheets
                   for row in ws.iter_rows() for c in row)
    assert len(values) == formulas > 4000  # every formula cell evaluated
    assert mismatches(values, expected) == []
