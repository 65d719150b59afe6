"""Hostile and careless files against the xlsx layer, each built here: every one is refused by
name (or handled) in seconds, with a one-line message, the user's file untouched.

Memory-bound cases run in a subprocess whose address space is capped with resource.setrlimit.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from small_disk import fill, small_disk_fixture  # noqa: F401 (a fixture)

from xlkpi.cli import main
from xlkpi.engine import evaluate, read_book
from xlkpi.errors import WorkbookError
from xlkpi.xlsx.vet import check_package
from xlkpi.xlsx.writer import write_values

pytestmark = pytest.mark.slow  # hostile files of hundreds of MB, under memory caps

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = (f'<worksheet {NS}><sheetData><row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f><v>0</v></c></row>'
         '</sheetData></worksheet>')
GiB = 1 << 30


def parts(sheet: str = "xl/worksheets/sheet1.xml", sheets: int = 1) -> dict[str, bytes]:
    """A minimal workbook written by hand: Sheet1!A1 = 2, Sheet1!B1 = A1*3 (cached 0)."""
    entries = "".join(f'<sheet name="Sheet{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, sheets + 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="/{sheet.replace("1", str(i))}"/>'
                   for i in range(1, sheets + 1))
    return {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               b'<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {NS} xmlns:r="{REL_NS}"><sheets>{entries}</sheets></workbook>'.encode(),
        "xl/_rels/workbook.xml.rels": ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                       f'relationships">{rels}</Relationships>').encode(),
        **{sheet.replace("1", str(i)): SHEET.encode() for i in range(1, sheets + 1)},
    }


def build(path: Path, entries: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name, and writes it
        for name, data in entries.items() if isinstance(entries, dict) else entries:
            book.writestr(name, data)
    return path


def refused(path: Path, *fragments: str, **options: object) -> WorkbookError:
    with pytest.raises(WorkbookError) as error:
        read_book(path, **options)  # type: ignore[arg-type]
    for fragment in fragments:
        assert fragment in error.value.message, (fragment, error.value.message)
    return error.value


def one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


def run_capped(code: str, cap: int, *args: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a new Python whose address space is capped at ``cap`` bytes."""
    script = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n{textwrap.dedent(code)}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


# --- A DTD in a part whatever its name --------------------------------------------------------------


def test_a_sheet_not_named_xml_is_read_and_its_dtd_refused(tmp_path: Path, sha256) -> None:
    bin_sheet = "xl/worksheets/sheet1.bin"
    plain = build(tmp_path / "plain.xlsx", parts(bin_sheet))
    assert evaluate(plain).values[("Sheet1", "B1")] == 6  # the .bin part is the sheet read
    entries = parts(bin_sheet)
    entries[bin_sheet] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "6">]>' + entries[bin_sheet]
    book = build(tmp_path / "hostile.xlsx", entries)
    before = sha256(book)
    refused(book, "part xl/worksheets/sheet1.bin declares a DTD")
    result = CliRunner().invoke(main, ["recalc", str(book)])
    assert result.exit_code == 1 and "sheet1.bin declares a DTD" in result.output and "Traceback" not in result.output
    assert sha256(book) == before


def test_a_utf16_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    entries = parts()
    entries["xl/media/notes.bin"] = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x SYSTEM "file:///etc/passwd">'
                                     '<x/>').encode("utf-16")
    refused(build(tmp_path / "b.xlsx", entries), "xl/media/notes.bin declares a DTD")


def test_a_binary_part_with_a_utf16_mark_is_not_xml(tmp_path: Path) -> None:
    """Power Pivot's data model (xl/model/item.data, ClosedXML's CubeFromRange test workbook) starts
    with a UTF-16 mark then binary: a workbook Excel opens, not a malformed XML part."""
    entries = parts()
    entries["xl/model/item.data"] = "STREAM_STORAGE_SIGNATURE_)!@#$%^&*(".encode("utf-16-le").join([b"\xff\xfe", b"\x00\x01\x02"])
    assert evaluate(build(tmp_path / "model.xlsx", entries)).values[("Sheet1", "B1")] == 6


# --- Zip bombs spread over many parts, duplicates, encryption ----------------------------------------


def test_many_parts_each_under_the_limit_are_refused_as_a_whole(tmp_path: Path) -> None:
    """30 sheets of 9.9 MiB (each under the per-part limit) from a file of ~300 KB."""
    entries = parts(sheets=30)
    padding = b" " * int(9.9 * (1 << 20))
    for i in range(1, 31):
        entries[f"xl/worksheets/sheet{i}.xml"] = SHEET.replace("<sheetData>", "<sheetData>" + " ").encode() + padding
    book = build(tmp_path / "bomb.xlsx", entries)
    assert book.stat().st_size < 1 << 20
    error = refused(book, "zip bomb", "30", "parts")
    assert "unpack" in error.message


def test_duplicate_entries_are_refused_by_every_command(tmp_path: Path, sha256) -> None:
    entries = list(parts().items())
    entries.append(("xl/worksheets/sheet1.xml", SHEET.replace("<v>2</v>", "<v>5</v>").encode()))
    book = build(tmp_path / "twice.xlsx", entries)
    before = sha256(book)
    refused(book, "two zip entries named xl/worksheets/sheet1.xml")
    export = CliRunner().invoke(main, ["export", str(book), "-o", str(tmp_path / "out.xlsx"), "--values"])
    assert export.exit_code == 1 and "two zip entries" in one_line(export.output)
    recalc = CliRunner().invoke(main, ["recalc", str(book)])
    assert recalc.exit_code == 1 and "two zip entries" in recalc.output and "Traceback" not in recalc.output
    assert sha256(book) == before and not (tmp_path / "out.xlsx").exists()


def test_a_zip_encrypted_package_is_named(tmp_path: Path) -> None:
    book = build(tmp_path / "locked.xlsx", parts())
    data = bytearray(book.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local headers, central directory
        at = data.find(signature)
        while at >= 0:
            data[at + flags_at] |= 0x1  # "encrypted": readable only with its password
            at = data.find(signature, at + 4)
    book.write_bytes(bytes(data))
    refused(book, "zip-encrypted")
    result = CliRunner().invoke(main, ["report", str(book)])
    assert result.exit_code == 1 and "zip-encrypted" in one_line(result.output)


def test_report_refuses_a_workbook_inflating_to_3_gib_in_seconds(tmp_path: Path) -> None:
    """A few MB that unpack to 3 GiB: refused before anything reads the sheet, under a 2 GiB cap
    (before: the report read it, reached 3.2 GB and MemoryError)."""
    book = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, data in parts().items():
            if name != "xl/worksheets/sheet1.xml":
                out.writestr(name, data)
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f"<worksheet {NS}><sheetData>".encode())
            chunk = b" " * (64 << 20)
            for _ in range(3 * GiB // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    assert book.stat().st_size < 20 << 20
    code = """
        import sys
        from xlkpi.cli import main
        main(["report", sys.argv[1]], prog_name="xlkpi")
    """
    done = run_capped(code, 2 * GiB, str(book))
    assert done.returncode == 1, done.stderr
    assert "zip bomb" in one_line(done.stdout + done.stderr)
    api = run_capped("""
        import sys, xlkpi
        from xlkpi.errors import WorkbookError
        try:
            xlkpi.report(sys.argv[1])
        except WorkbookError as error:
            print(error.message)
    """, 2 * GiB, str(book))
    assert "zip bomb" in api.stdout, api.stderr


# --- Memory follows the cells, within a budget --------------------------------------------------------


def empty_rows_book(path: Path, rows: int) -> Path:
    body = "".join(f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="C{r}" s="1"/></row>'
                   for r in range(2, rows + 1))
    sheet = SHEET.replace("</row>", "</row>" + body, 1)
    return build(path, {**parts(), "xl/worksheets/sheet1.xml": sheet.encode()})


def test_a_million_empty_formatted_rows_cost_nothing(tmp_path: Path) -> None:
    """1,048,576 formatted rows of formatted empty cells (a few MB zipped): one formula computed with 300 MB
    more than the engine's imports (before: 1.7 GB)."""
    book = empty_rows_book(tmp_path / "rows.xlsx", 1_048_576)
    code = """
        import resource, sys
        import xlkpi.engine
        size = next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmSize"))
        resource.setrlimit(resource.RLIMIT_AS, (size + (300 << 20), size + (300 << 20)))
        print(xlkpi.engine.evaluate(sys.argv[1]).values[("Sheet1", "B1")])
    """
    done = run_capped(code, 16 * GiB, str(book))
    assert done.returncode == 0, done.stderr[-2000:]
    assert float(done.stdout) == 6


def test_a_sheet_beyond_the_memory_budget_is_refused_by_name(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c></row>' for r in range(2, 60_002))
    sheet = SHEET.replace("</row>", "</row>" + rows, 1)
    book = build(tmp_path / "big.xlsx", {**parts(), "xl/worksheets/sheet1.xml": sheet.encode()})
    assert read_book(book).sheets["Sheet1"].max_row == 60_001  # fits the default budget
    error = refused(book, "memory budget", "cells", "--max-memory", max_memory=20 << 20)
    assert error.sheet == "Sheet1"
    refused(book, "memory budget", "unpacks to", max_memory=1 << 20)  # the package itself is larger
    with pytest.raises(WorkbookError, match="memory budget"):
        check_package(book, max_memory=1 << 20)


# --- Links and full disks ------------------------------------------------------------------------------


def test_recalc_through_a_link_updates_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = build(tmp_path / "real.xlsx", parts())
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    result = CliRunner().invoke(main, ["recalc", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert b"<v>6</v>" in zipfile.ZipFile(real).read("xl/worksheets/sheet1.xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.xlsx", "real.xlsx"]


def test_a_full_disk_leaves_the_workbook_untouched(small_disk: Path, sha256) -> None:
    book = build(small_disk / "book.xlsx", parts())
    before = sha256(book)
    fill(small_disk)
    with pytest.raises(OSError):
        write_values(book, book, {("Sheet1", "B1"): 6.0})
    result = CliRunner().invoke(main, ["recalc", str(book)])
    assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output
    assert sha256(book) == before
    assert sorted(p.name for p in small_disk.iterdir()) == [".filler", "book.xlsx"]


def test_export_on_a_full_disk_is_one_line(small_disk: Path, tmp_path: Path) -> None:
    book = build(tmp_path / "book.xlsx", parts())
    fill(small_disk)
    result = CliRunner().invoke(main, ["export", str(book), "-o", str(small_disk / "out.xlsx"), "--values"])
    assert result.exit_code == 1
    assert "cannot write the export" in one_line(result.output)
    assert sorted(p.name for p in small_disk.iterdir()) == [".filler"]


def test_a_sheet_too_large_for_the_machine_gets_a_clear_message(tmp_path: Path) -> None:
    """(Before: a 633 MB sheet said "unknown error (line 0)".) Under an address-space cap, the
    default budget is half of what the cap leaves: a 1.5-million-cell sheet is refused by name."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c><c r="C{r}"><v>2</v></c></row>'
                   for r in range(2, 500_002))
    sheet = SHEET.replace("</row>", "</row>" + rows, 1)
    book = build(tmp_path / "big.xlsx", {**parts(), "xl/worksheets/sheet1.xml": sheet.encode()})
    code = """
        import resource, sys
        from xlkpi.cli import main
        size = next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmSize"))
        resource.setrlimit(resource.RLIMIT_AS, (size + (600 << 20), size + (600 << 20)))
        main(["recalc", sys.argv[1]], prog_name="xlkpi")
    """
    done = run_capped(code, 16 * GiB, str(book))
    assert done.returncode == 1, done.stderr[-2000:]
    output = done.stdout + done.stderr
    assert "memory budget" in output and "Sheet1" in output and "Traceback" not in output, output[-2000:]
