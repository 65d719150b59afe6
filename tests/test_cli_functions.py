"""`xlkpi functions`: every registry entry listed, in both languages and as JSON."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from xlkpi import REGISTRY
from xlkpi.cli import main
from xlkpi.registry import Kpi, Param, register
from xlkpi.values import Kind


def test_plain_table_lists_every_signature_and_argument() -> None:
    result = CliRunner().invoke(main, ["functions"])
    assert result.exit_code == 0, result.output
    for kpi in REGISTRY.values():
        assert f"{kpi.signature}  —  {kpi.label_en}" in result.output
    assert "qualified_leads: Number of qualified leads" in result.output


def test_json_in_french() -> None:
    result = CliRunner().invoke(main, ["functions", "--json", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    records = {r["name"]: r for r in json.loads(result.output)}
    assert list(records) == list(REGISTRY)
    assert records["KPI_CPL"]["label"] == "Coût par lead (CPL)"
    roi_mode = records["KPI_ROI"]["arguments"][2]
    assert roi_mode == {"name": "mode", "kind": "text", "description": REGISTRY["KPI_ROI"].params[2].doc,
                        "optional": True, "default": "net"}


def test_unknown_language_is_refused() -> None:
    result = CliRunner().invoke(main, ["functions", "--lang", "de"])
    assert result.exit_code == 2 and "de" in result.output


def test_readme_function_table_is_current() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = CliRunner().invoke(main, ["functions", "--markdown"]).output
    start, end = readme.index("<!-- functions:start -->\n"), readme.index("<!-- functions:end -->")
    assert readme[start + len("<!-- functions:start -->\n"):end] == table, \
        "README table is stale: regenerate it with `xlkpi functions --markdown`"


def test_every_entry_has_its_own_french_description() -> None:
    for kpi in REGISTRY.values():
        assert kpi.description_fr.strip(), kpi.name
        assert kpi.describe("fr") == kpi.description_fr and kpi.describe("en") == kpi.describe() == kpi.description
        assert kpi.description_fr != kpi.description, f"{kpi.name}: the French description is the English one"
        assert "\n" not in kpi.description_fr, f"{kpi.name}: a description is one line"
        # French typography: a space before ":" ";" "?"
        assert not re.search(r"\S[:;?]", kpi.description_fr), f"{kpi.name}: {kpi.description_fr!r}"
    assert REGISTRY["KPI_CPL"].describe("fr") == "Coût par lead qualifié : coût / leads qualifiés"


def test_register_refuses_an_entry_without_french_description() -> None:
    for missing in ("", "   "):
        entry = Kpi("KPI_NO_FRENCH", lambda x: x, (Param("x", Kind.COUNT, "x"),), "English only", "test",
                    "No French", "Sans français", description_fr=missing)
        with pytest.raises(ValueError, match="French description"):
            register(entry)
    assert "KPI_NO_FRENCH" not in REGISTRY


def test_french_descriptions_in_json_and_plain_table() -> None:
    result = CliRunner().invoke(main, ["functions", "--lang", "fr", "--json"])
    assert result.exit_code == 0, result.output
    described = {r["name"]: r["description"] for r in json.loads(result.output)}
    assert described == {name: kpi.description_fr for name, kpi in REGISTRY.items()}
    assert described["KPI_CPL"] == "Coût par lead qualifié : coût / leads qualifiés"
    english_records = json.loads(CliRunner().invoke(main, ["functions", "--json"]).output)
    english = {r["name"]: r["description"] for r in english_records}
    assert english == {name: kpi.description for name, kpi in REGISTRY.items()}  # English stays the default
    plain = CliRunner().invoke(main, ["functions", "--lang", "fr"]).output
    assert "Coût par lead qualifié : coût / leads qualifiés" in plain
    assert "Cost per qualified lead" not in plain
