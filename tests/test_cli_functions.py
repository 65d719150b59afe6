"""`xlkpi functions`: every registry entry listed, in both languages and as JSON."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from xlkpi import REGISTRY
from xlkpi.cli import main
from xlkpi.registry import Kpi, NumberFormat, Param, register
from xlkpi.values import Kind


def test_plain_table_lists_every_signature_and_argument() -> None:
    result = CliRunner().invoke(main, ["functions"])
    assert result.exit_code == 0, result.output
    for kpi in REGISTRY.values():
        assert f"{kpi.signature}  —  {kpi.label()}" in result.output
    assert "qualified_leads: Number of qualified leads" in result.output


def test_json_in_french() -> None:
    result = CliRunner().invoke(main, ["functions", "--json", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    records = {r["name"]: r for r in json.loads(result.output)}
    assert list(records) == list(REGISTRY)
    assert records["KPI_CPL"]["label"] == "Coût par lead (CPL)"
    roi_mode = records["KPI_ROI"]["arguments"][2]
    assert roi_mode == {"name": "mode", "kind": "text", "description": REGISTRY["KPI_ROI"].arg_doc("mode", "fr"),
                        "optional": True, "default": "net"}
    assert roi_mode["description"].startswith("« net » (par défaut)")
    assert records["KPI_ROI"]["category"] == "Tout l'entonnoir"
    assert records["KPI_ROI"]["number_format"] == "percent" and records["KPI_CPL"]["number_format"] == "money"


def test_unknown_language_is_refused() -> None:
    result = CliRunner().invoke(main, ["functions", "--lang", "de"])
    assert result.exit_code == 2 and "de" in result.output


def test_every_entry_has_its_own_french_texts() -> None:
    for kpi in REGISTRY.values():
        french = [kpi.describe("fr"), kpi.label("fr"), *(kpi.arg_doc(p.name, "fr") for p in kpi.params)]
        english = [kpi.describe("en"), kpi.label("en"), *(kpi.arg_doc(p.name, "en") for p in kpi.params)]
        assert kpi.describe() == kpi.description == kpi.describe("en")
        assert kpi.describe("fr") != kpi.description, f"{kpi.name}: the French description is the English one"
        assert all(line.strip() and "\n" not in line for line in french), kpi.name
        # French typography: a space before ":" ";" "?" (outside a quoted « value »)
        assert not [t for t in french if re.search(r"\S[:;?]", re.sub("«[^»]*»", "", t))], f"{kpi.name}: {french!r}"
        assert [f for f, e in zip(french, english) if f == e] == [], f"{kpi.name}: English left in French"
    assert REGISTRY["KPI_CPL"].describe("fr") == "Coût par lead qualifié : coût / leads qualifiés"


def test_rates_are_described_in_words() -> None:
    """A rate's description says what share it is, not only "part / total" (issue 10)."""
    for kpi in (k for k in REGISTRY.values() if k.number_format is NumberFormat.PERCENT):
        for lang in ("en", "fr"):
            words = re.sub(r"\([^)]*\)", "", kpi.describe(lang).split(":", 1)[-1]).strip()
            formula_only = re.fullmatch(r"[\w ]+ / [\w ]+", words) and len(words.split()) <= 7
            assert not formula_only, f"{kpi.name} ({lang}): {kpi.describe(lang)!r}"


def test_register_refuses_an_entry_without_texts() -> None:
    entry = Kpi("KPI_NO_TEXT", "Rates", NumberFormat.PERCENT, lambda x: x, (Param("x", Kind.COUNT),))
    with pytest.raises(ValueError, match="no text in the en catalogue for .*kpi.KPI_NO_TEXT.label"):
        register(entry)
    assert "KPI_NO_TEXT" not in REGISTRY


def test_french_descriptions_in_json_and_plain_table() -> None:
    result = CliRunner().invoke(main, ["functions", "--lang", "fr", "--json"])
    assert result.exit_code == 0, result.output
    described = {r["name"]: r["description"] for r in json.loads(result.output)}
    assert described == {name: kpi.describe("fr") for name, kpi in REGISTRY.items()}
    assert described["KPI_CPL"] == "Coût par lead qualifié : coût / leads qualifiés"
    english_records = json.loads(CliRunner().invoke(main, ["functions", "--json"]).output)
    english = {r["name"]: r["description"] for r in english_records}
    assert english == {name: kpi.description for name, kpi in REGISTRY.items()}  # English stays the default
    plain = CliRunner().invoke(main, ["functions", "--lang", "fr"]).output
    assert "Coût par lead qualifié : coût / leads qualifiés" in plain
    assert "Cost per qualified lead" not in plain
    assert "Tout l'entonnoir" in plain and "(facultatif, par défaut 'net')" in plain and "optional" not in plain
