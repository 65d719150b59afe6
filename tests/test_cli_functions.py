"""`xlkpi functions`: every registry entry listed, in both languages and as JSON."""
from __future__ import annotations

import json

from click.testing import CliRunner

from xlkpi import REGISTRY
from xlkpi.cli import main


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
