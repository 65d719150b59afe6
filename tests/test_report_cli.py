"""``xlkpi report`` as a user runs it: the terminal table, --json, files with -o, a batch where
one workbook fails and the rest go on, the user's workbooks never modified."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_books import seeded_book, seeds_week_book

from xlkpi.cli import main

pytestmark = pytest.mark.slow  # report commands over whole workbooks, in batches


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli_books")
    seeds_week_book(folder / "seeds.xlsx", "en")
    seeded_book(folder / "team_fr.xlsx", "fr", seed=5, leads=60)
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_terminal_table(folder: Path, sha256: Callable[[Path], str]) -> None:
    before = sha256(folder / "seeds.xlsx")
    code, out, _ = run("report", str(folder / "seeds.xlsx"))
    assert code == 0
    assert "Prospecting report — week 10, 2026" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "3.0%" in lines["Email"] and "220%" in lines["Email"]
    assert "5.0%" in lines["LinkedIn"] and "310%" in lines["LinkedIn"]
    assert "5.0%" in lines["Phone"] and "180%" in lines["Phone"]
    assert "too few to compare" not in out  # week 9 is empty: "nothing to compare with"
    assert sha256(folder / "seeds.xlsx") == before


def test_terminal_table_in_french_and_another_language(folder: Path) -> None:
    code, out, _ = run("report", str(folder / "team_fr.xlsx"))
    assert code == 0 and "Rapport de prospection — semaine 20, 2026" in out and "Cumul annuel" in out
    code, out, _ = run("report", str(folder / "team_fr.xlsx"), "--lang", "en", "--week", "12")
    assert code == 0 and "Prospecting report — week 12, 2026" in out and "Phone" in out


def test_json_gives_every_figure(folder: Path) -> None:
    code, out, _ = run("report", str(folder / "seeds.xlsx"), "--json")
    assert code == 0
    record = json.loads(out)
    channels = {row["channel"]: row for row in record["channels"]}
    assert channels["email"]["conversion_rate"] == pytest.approx(0.03)
    assert channels["linkedin"]["roi"] == pytest.approx(3.1)
    assert channels["sms"]["roi"] is None
    assert {"headline", "funnel", "trends", "leads", "breakdown_campaign", "movers", "notes"} <= record.keys()
    assert record["week"] == 10 and record["recalculated"] is True


def test_files_with_output_dir(folder: Path, tmp_path: Path) -> None:
    code, out, _ = run("report", str(folder / "seeds.xlsx"), "-o", str(tmp_path / "r"), "--format", "html,png")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["report.html", "summary.png"]
    assert "wrote" in out


def test_pdf_without_weasyprint_is_skipped_with_a_message(folder: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from xlkpi.reporting import render

    monkeypatch.setattr(render, "pdf_available", lambda: False)  # as on a machine without xlkpi[pdf]
    code, _, err = run("report", str(folder / "seeds.xlsx"), "-o", str(tmp_path), "--format", "html,pdf")
    assert code == 0 and "xlkpi[pdf]" in err
    assert (tmp_path / "report.html").exists() and not (tmp_path / "report.pdf").exists()


def test_bad_format_is_a_usage_error(folder: Path) -> None:
    code, _, err = run("report", str(folder / "seeds.xlsx"), "-o", "x", "--format", "html,docx")
    assert code == 2 and "docx" in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_goes_on_after_a_failure(folder: Path, tmp_path: Path, jobs: str) -> None:
    clients = tmp_path / "clients"
    clients.mkdir()
    for name in ("seeds.xlsx", "team_fr.xlsx"):
        (clients / name).write_bytes((folder / name).read_bytes())
    (clients / "broken.xlsx").write_text("not a workbook")
    code, out, err = run("report", str(clients / "*.xlsx"), "-o", str(tmp_path / "reports"), "--jobs", jobs)
    assert code == 1
    assert "FAILED" in err and "broken.xlsx" in err
    for stem in ("seeds", "team_fr"):
        assert sorted(p.name for p in (tmp_path / "reports" / stem).iterdir()) == ["report.eml", "report.html",
                                                                                      "summary.png"]
    assert not (tmp_path / "reports" / "broken").exists()
    assert "2 report(s) written, 1 failed" in out


def test_no_workbooks_found(tmp_path: Path) -> None:
    code, _, err = run("report", str(tmp_path / "*.xlsx"))
    assert code == 2 and "no workbooks found" in err


def test_a_report_folder_that_cannot_be_written(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    code, _, err = run("report", str(folder / "seeds.xlsx"), "-o", str(blocker / "out"), "--format", "html")
    assert code == 1 and "Traceback" not in err and "internal error" not in err
    assert err.splitlines() == [f"FAILED   {folder / 'seeds.xlsx'}: cannot write the report into {blocker / 'out'} "
                                "(Not a directory)"]
