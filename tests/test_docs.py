"""The documentation cannot drift: its generated parts equal what docs/generate.py writes from the
code now, every command is in the reference (test_cli_help: every option has help), every KPI
category and page is in the site, and the site builds with --strict."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import generate  # docs/generate.py (pytest's pythonpath, pyproject.toml)
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _cogged() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "[[[cog" in p.read_text(encoding="utf-8"))


def test_generated_pages_are_current() -> None:
    from cogapp import Cog

    pages = [str(p) for p in _cogged()]
    assert len(pages) >= 9  # the KPI pages, the command line, the engine, import, Python
    status = Cog().main(["cog", "--check", "-I", str(DOCS), *pages])
    assert status == 0, "docs are stale: run  cog -r -I docs $(git ls-files 'docs/*.md' 'docs/**/*.md')"


def test_every_command_is_in_the_reference() -> None:
    import click

    from xlkpi.cli import main

    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    ctx = click.Context(main, info_name="xlkpi")
    for name in main.list_commands(ctx):
        assert f"## xlkpi {name}\n" in page, f"xlkpi {name} is missing from docs/cli.md"


def test_every_kpi_category_has_a_page_in_the_site() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for category in generate.kpi_categories():
        page = DOCS / "kpis" / f"{generate.category_slug(category)}.md"
        assert page.exists() and f'kpi_page("{category}")' in page.read_text(encoding="utf-8"), page
        assert f"kpis/{page.name}" in nav


def test_every_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in DOCS.rglob("*.md"):
        assert str(page.relative_to(DOCS)) in nav, f"{page} is not in mkdocs.yml's nav"


def test_generated_reference_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a KPI's changed label shows in its generated page."""
    from xlkpi import REGISTRY

    kpi = REGISTRY["KPI_ROI"]
    before = generate.kpi_page(kpi.category)
    monkeypatch.setattr(type(kpi), "label", lambda self, lang="en": "Renamed")
    assert generate.kpi_page(kpi.category) != before


@pytest.mark.slow
def test_site_builds_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "site" / "kpis" / "funnel" / "index.html").exists()
