"""``xlkpi recalc`` and ``xlkpi.recalc`` as a user runs them: values stored, inputs safe on failure.

Expected values are worked by hand in the comments. Every failure case asserts the message
(file, sheet, cell), the exit code and that the input is byte-for-byte unchanged.
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import xlkpi
from xlkpi.xlsx import limits, writer
from xlkpi.cli import main

pytestmark = pytest.mark.slow  # xlkpi recalc in new processes

# Weekly counts → hand-worked results: ROI (12000 − 4000) / 4000 = 2; CPL 500 / 25 = 20;
# reply rate 18 / 100 = 0.18; total cost 4500.
INPUTS = [("Week", "Revenue", "Cost", "Leads", "Replies", "Contacted"), (1, 12000, 4000, 0, 18, 100), (2, 0, 500, 25, 0, 0)]
FORMULAS = {
    "G2": ("=KPI_ROI(B2,C2)", 2.0),
    "H3": ("=KPI_CPL(C3,D3)", 20.0),
    "I2": ("=KPI_REPLY_RATE(E2,F2)", 0.18),
    "I3": ("=KPI_REPLY_RATE(E3,F3)", "#DIV/0!"),
    "J2": ("=SUM(C2:C3)", 4500),
    "K2": ('=IF(G2>1,"pays","does not pay")', "pays"),
    "L2": ("=ISNUMBER(I3)", False),
}


def make_book(path: Path, extra: dict[str, str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Weeks"
    for row in INPUTS:
        sheet.append(row)
    for cell, (formula, _) in FORMULAS.items():
        sheet[cell] = formula
    for cell, formula in (extra or {}).items():
        sheet[cell] = formula
    book.save(path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["recalc", *args])
    return result.exit_code, result.stdout, result.stderr


def assert_computed(path: Path) -> None:
    sheet = openpyxl.load_workbook(path, data_only=True)["Weeks"]
    for cell, (_, expected) in FORMULAS.items():
        assert sheet[cell].value == (pytest.approx(expected) if isinstance(expected, float) else expected), cell
    formulas = openpyxl.load_workbook(path)["Weeks"]
    assert {c: formulas[c].value for c in FORMULAS} == {c: f for c, (f, _) in FORMULAS.items()}


def test_in_place_then_pandas_sees_the_values(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book.xlsx")
    code, out, err = run(str(book), "--quiet")
    assert (code, err) == (0, "")  # no warning (--quiet: no progress either)
    assert_computed(book)
    frame = pd.read_excel(book, sheet_name="Weeks")
    assert frame.loc[0, "Unnamed: 6"] == pytest.approx(2.0)  # G2, under no header
    assert "formula cells" in out and "7" in out
    assert "book.xlsx: 1 error cell(s): Weeks!I3" in out


def test_output_dir_leaves_the_input_alone(tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    book = make_book(tmp_path / "book.xlsx")
    before = sha256(book)
    code, _, _ = run(str(book), "-o", str(tmp_path / "out"))
    assert code == 0 and sha256(book) == before
    assert_computed(tmp_path / "out" / "book.xlsx")


def test_folders_globs_json_and_lock_files(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        make_book(folder / name)
    (folder / "notes.txt").write_text("not a workbook")
    make_book(tmp_path / "c.xlsx")
    code, out, _ = run(str(folder), str(tmp_path / "c*.xlsx"), "--json", "-o", str(tmp_path / "out"))
    summary = json.loads(out)
    assert code == 0 and summary["ok"]
    assert sorted(Path(r["path"]).name for r in summary["results"]) == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert summary["formula_cells"] == 3 * len(FORMULAS)
    assert summary["error_cells"] == 3  # I3 (#DIV/0!) in each file
    assert [r["error_refs"] for r in summary["results"]] == [["Weeks!I3"]] * 3
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        assert_computed(tmp_path / "out" / name)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = make_book(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("hello")
    code, out, err = run(str(bad), str(good))
    assert code == 1
    assert "bad.xlsx" in err and "good.xlsx" not in err
    assert "1 recalculated, 1 failed" in out
    assert_computed(good)


def test_jobs_and_the_console_script(tmp_path: Path) -> None:
    for i in range(3):
        make_book(tmp_path / f"book{i}.xlsx")
    done = subprocess.run([sys.executable, "-m", "xlkpi", "recalc", str(tmp_path), "--jobs", "2", "--json"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"] == 3
    for i in range(3):
        assert_computed(tmp_path / f"book{i}.xlsx")


def test_python_api(tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    book = make_book(tmp_path / "book.xlsx")
    before = sha256(book)
    weeks = xlkpi.computed_frames(book)["Weeks"]
    assert sha256(book) == before
    assert list(weeks["Week"]) == [1, 2]
    assert weeks.iloc[0, 6] == pytest.approx(2.0)  # G2
    assert weeks.iloc[1, 8] is xlkpi.XLError.DIV0  # I3
    assert weeks.iloc[0, 10] == "pays"  # K2
    summary = xlkpi.recalc(book)
    assert summary.ok and summary.as_dict()["formula_cells"] == len(FORMULAS)
    assert_computed(book)


# --- Failures: message, exit code, input untouched ---------------------------------------------

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


def truncated(path: Path) -> None:
    data = make_book(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def entity_bomb(path: Path) -> None:
    make_book(path)
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><x>&lol2;</x>')
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/bomb.xml", bomb)


def zip_bomb(path: Path) -> None:
    make_book(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (4 << 20))


CASES = {
    "not a zip": (lambda p: p.write_text("date,replies\n2026-01-05,18\n"), ["not", "workbook"]),
    "truncated": (truncated, ["corrupt"]),
    "encrypted": (lambda p: p.write_bytes(OLE_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512),
                  ["password"]),
    "legacy xls": (lambda p: p.write_bytes(OLE_SIGNATURE + b"\0" * 1024), [".xls"]),
    "open in Excel": (lambda p: (make_book(p), (p.parent / f"~${p.name}").write_bytes(b"\0" * 165)), ["~$"]),
    "zip bomb": (zip_bomb, ["zip bomb"]),
    "entity bomb": (entity_bomb, ["xl/bomb.xml"]),
    "circular reference": (lambda p: make_book(p, {"M2": "=N2+1", "N2": "=M2*2"}), ["circular", "Weeks!M2", "Weeks!N2"]),
    # an unknown function gives #NAME? as in Excel, a warning; --strict refuses it
    "unknown function --strict": (lambda p: make_book(p, {"M2": "=KPI_NOPE(B2)", "M3": "=KPI_NOPE(B3)"}),
                                  ["KPI_NOPE", "Weeks!M2", "Weeks!M3"]),
    "missing sheet": (lambda p: make_book(p, {"M2": "=Settings!B2*2"}), ["Settings", "Weeks!M2"]),
}


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.xlsx"))
    assert code == 1 and "nope.xlsx" in err and "no such file" in err


@pytest.mark.parametrize("case", CASES)
def test_failure(tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch, sha256: Callable[[Path], str]) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED", 2 << 20)
    make, expected = CASES[case]
    book = tmp_path / "client.xlsx"
    make(book)
    before = sha256(book)
    code, _, err = run(str(book), *(["--strict"] if case.endswith("--strict") else []))
    assert code == 1
    assert "client.xlsx" in err
    for fragment in expected:
        assert fragment.lower() in err.lower(), (fragment, err)
    assert sha256(book) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("~$")) == ["client.xlsx"]


def test_compiled_formulas_are_cached_on_disk_unless_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              sha256: Callable[[Path], str]) -> None:
    """xlkpi recalc stores the compiled formulas in the cache folder; --no-cache neither reads nor writes it."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XLKPI_CACHE_DIR", str(cache))
    book = make_book(tmp_path / "weeks.xlsx")
    from xlkpi.engine import clear_cache

    clear_cache()
    code, _, _ = run(str(book), "-o", str(tmp_path / "a"), "--no-cache")
    assert code == 0 and not cache.exists()
    code, _, _ = run(str(book), "-o", str(tmp_path / "b"))
    assert code == 0 and len(list(cache.glob("*.pickle"))) == 1
    assert sha256(tmp_path / "a" / "weeks.xlsx") == sha256(tmp_path / "b" / "weeks.xlsx")


def test_what_if_data_tables_are_written(tmp_path: Path) -> None:
    """A data table's cells have no formula of their own (the anchor holds <f t="dataTable">): their
    computed values are stored all the same, equal to those Excel stored (an Excel-saved workbook)."""
    original = Path(__file__).parent / "excel_saved" / "closedxml_data_tables.xlsx"
    excel = openpyxl.load_workbook(original, data_only=True)["Sheet1"]
    cells = [c.coordinate for row in excel["B4:M15"] for c in row]
    book = tmp_path / "in" / original.name
    book.parent.mkdir()
    writer.write_values(original, book, {("Sheet1", c): None for c in cells})  # Excel's values gone
    assert {openpyxl.load_workbook(book, data_only=True)["Sheet1"][c].value for c in cells} == {None}
    code, _, _ = run(str(book), "-o", str(tmp_path / "out"))
    assert code == 0
    ours = openpyxl.load_workbook(tmp_path / "out" / book.name, data_only=True)["Sheet1"]
    assert len(cells) == 144
    assert [ours[c].value for c in cells] == pytest.approx([excel[c].value for c in cells])
