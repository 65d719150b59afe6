"""xlkpi.xlsx (vet, writer): bad packages refused by name before anything reads them; cached values written
back losslessly (every other part byte for byte) and atomically.

Fixtures are built here: a rich openpyxl workbook (chart, image, validation, conditional format,
comment, defined name, table, custom properties, array formula) and variants of it. LibreOffice
7.4 never writes shared formulas (it expands them on save), so the shared-formula variant is made
by editing the sheet XML the way Excel writes it.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import openpyxl
import pandas as pd
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import PatternFill
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table
from oracle import libreoffice_convert

from xlkpi.errors import WorkbookError, XLError
from xlkpi.xlsx import limits as package_limits
from xlkpi.xlsx import writer
from xlkpi.xlsx.vet import OLE_SIGNATURE, check_package
from xlkpi.xlsx.writer import write_values

# (sheet, cell) → (formula, value worked by hand); H3:H4 belong to H2's array formula.
RICH = {
    ("Sales", "D2"): ("=(B2-C2)/C2", 2),  # (12000 − 4000) / 4000
    ("Sales", "D3"): ("=(B3-C3)/C3", XLError.DIV0),  # cost 0
    ("Sales", "D4"): ("=(B4-C4)/C4", 0.5),  # (3000 − 2000) / 2000
    ("Sales", "E2"): ('=IF(D2>1,"pays","does not pay")', "pays"),
    ("Sales", "F2"): ("=ISNUMBER(D3)", False),
    ("Sales", "G2"): ("=SUM(C2:C4)", 6000),  # 4000 + 0 + 2000
    ("Sales", "H2"): (ArrayFormula("H2:H4", "=B2:B4*2"), 24000),
    ("Sales", "H3"): (None, 0),
    ("Sales", "H4"): (None, 6000),
    ("Notes", "A1"): ("=Sales!G2/3", 2000),
    ("Notes", "A2"): ('="a<b & "&CHAR(34)&"c"', 'a<b & "c'),
}
VALUES = {key: value for key, (_, value) in RICH.items()}
ARRAY_CELLS = [key for key, (formula, _) in RICH.items() if formula is None]
WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
SALES = "xl/worksheets/sheet1.xml"  # the first sheet's part, as openpyxl names it


def png() -> bytes:
    """A 1×1 PNG made by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(b"\0\xff\0\0")  # filter byte, then one red RGB pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixel) + chunk(b"IEND", b"")


class RawImage(Image):
    """An openpyxl image from PNG bytes: openpyxl's own needs Pillow, which is no dependency."""

    def __init__(self, data: bytes):
        self.ref, self.width, self.height, self.format = data, 1, 1, "png"

    def _data(self) -> bytes:
        return self.ref


def rich_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sales = book.active
    sales.title = "Sales"
    for row in [("Week", "Revenue", "Cost"), (1, 12000, 4000), (2, 0, 0), (3, 3000, 2000)]:
        sales.append(row)
    notes = book.create_sheet("Notes")
    for (title, cell), (formula, _) in RICH.items():
        book[title][cell] = formula
    sales["H3"].number_format = sales["H4"].number_format = "0"  # styled, so written: <c r="H3" s="1"/>
    sales["A1"].comment = Comment("one row a week", "xlkpi")
    validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    validation.add("B2:C4")
    sales.add_data_validation(validation)
    red = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
    sales.conditional_formatting.add("D2:D4", CellIsRule(operator="lessThan", formula=["0"], fill=red))
    sales.add_table(Table(displayName="Weeks", ref="A1:C4"))
    chart = BarChart()
    chart.add_data(Reference(sales, min_col=2, min_row=1, max_col=3, max_row=4), titles_from_data=True)
    sales.add_chart(chart, "J2")
    sales.add_image(RawImage(png()), "J20")
    book.defined_names["TotalCost"] = DefinedName("TotalCost", attr_text="Sales!$G$2")
    book.custom_doc_props.append(StringProperty(name="Client", value="ACME"))
    notes["B1"] = "notes"
    book.save(path)
    return path


def once(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    """A part edit replacing ``old`` (which must occur exactly once) with ``new``."""
    def edit(data: bytes) -> bytes:
        assert data.count(old) == 1, old
        return data.replace(old, new)
    return edit


def chain(*edits: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    return lambda data: functools.reduce(lambda done, edit: edit(done), edits, data)


def rezip(path: Path, edits: dict[str, Callable[[bytes], bytes]], add: dict[str, bytes] | None = None,
          comment: bytes = b"") -> Path:
    """Rewrite the zip at ``path`` with some parts edited and some added."""
    with zipfile.ZipFile(path) as old:
        entries = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w") as new:
        for info, data in entries:
            new.writestr(info, edits.get(info.filename, lambda d: d)(data))
        for name, data in (add or {}).items():
            new.writestr(name, data, zipfile.ZIP_DEFLATED)
        new.comment = comment
    return path


def shared_formulas(path: Path) -> Path:
    """D2:D4 as one shared formula, as Excel writes a filled-down formula."""
    rich_book(path)
    anchor = once(b"<f>(B2-C2)/C2</f>", b'<f t="shared" ref="D2:D4" si="0">(B2-C2)/C2</f>')
    dependents = [once(b"<f>(B%d-C%d)/C%d</f>" % (r, r, r), b'<f t="shared" si="0"/>') for r in (3, 4)]
    return rezip(path, {SALES: chain(anchor, *dependents)})


def prefixed(path: Path) -> Path:
    """The Sales sheet with every element prefixed (x:c, x:v …), as some writers do."""
    rich_book(path)
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

    def prefix(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s/>])", rb"<\1x:\2", xml)
        return once(main, main.replace(b"xmlns=", b"xmlns:x="))(xml)
    return rezip(path, {SALES: prefix})


def xlsm(path: Path) -> Path:
    """A macro-enabled workbook: a VBA project part, its relationship and content types."""
    rich_book(path)
    main = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    vba = b'<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    rel = (b'<Relationship Id="rIdVBA" Target="vbaProject.bin" '
           b'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/></Relationships>')
    types = chain(once(main, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"), once(b"</Types>", vba))
    return rezip(path, {"[Content_Types].xml": types,
                        "xl/_rels/workbook.xml.rels": once(b"</Relationships>", rel)},
                 {"xl/vbaProject.bin": b"Attribut\0" + bytes(range(256)) * 16}, comment=b"with macros")


class Unseekable(io.RawIOBase):
    """A file zipfile cannot seek in: it then writes data descriptors, as streaming writers do."""

    def __init__(self, file: BinaryIO):
        self.file = file

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return self.file.write(data)


def streamed(path: Path) -> Path:
    """The rich workbook zipped as a stream: CRC and sizes after each entry's data."""
    with zipfile.ZipFile(rich_book(path)) as book:
        entries = [(info, book.read(info)) for info in book.infolist()]
    with path.open("wb") as file, zipfile.ZipFile(Unseekable(file), "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in entries:
            book.writestr(info.filename, data)
    with zipfile.ZipFile(path) as book:
        assert all(info.flag_bits & 0x08 for info in book.infolist())
    return path


def libreoffice(path: Path) -> Path:
    """The rich workbook as LibreOffice saves it (relative relationship targets, t="n", array cells)."""
    source = rich_book(path.with_name("source.xlsx"))
    (copy,) = libreoffice_convert([source], path.parent / "lo", "xlsx")
    return copy.rename(path)


VARIANTS: dict[str, Callable[[Path], Path]] = {
    "openpyxl": rich_book,
    "shared formulas": shared_formulas,
    "x: prefix": prefixed,
    "xlsm": xlsm,
    "streamed zip": streamed,
    "libreoffice": libreoffice,
}


@pytest.fixture(params=VARIANTS)
def source(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return VARIANTS[request.param](tmp_path / ("book.xlsm" if request.param == "xlsm" else "book.xlsx"))


# --- write_values --------------------------------------------------------------------------------

_CELL = re.compile(rb"<((?:\w+:)?)c(\s[^>]*?)?(?:/>|>(.*?)</\1c>)", re.DOTALL)


def without_values(xml: bytes) -> bytes:
    """The sheet with every cell's t attribute and <v> dropped (self-closing cells made open)."""
    def bare(cell: re.Match[bytes]) -> bytes:
        attrs = re.sub(rb'\st="[^"]*"', b"", cell[2] or b"")
        content = re.sub(rb"<(\w+:)?v\s*/>|<(\w+:)?v>.*?</(\w+:)?v>", b"", cell[3] or b"", flags=re.DOTALL)
        return b"<%sc%s>%s</%sc>" % (cell[1], attrs, content, cell[1])
    return _CELL.sub(bare, xml)


def cells(path: Path, data_only: bool) -> dict[tuple[str, str], object]:
    """Every cell's value (an array formula as its range and text)."""
    book = openpyxl.load_workbook(path, data_only=data_only)
    return {(s.title, c.coordinate): (c.value.ref, c.value.text) if isinstance(c.value, ArrayFormula) else c.value
            for s in book.worksheets for row in s.iter_rows() for c in row}


def formula_cells(path: Path) -> set[tuple[str, str]]:
    found = set()
    for (sheet, cell), value in cells(path, data_only=False).items():
        if isinstance(value, tuple):
            found |= {(sheet, c.coordinate) for row in openpyxl.load_workbook(path)[sheet][value[0]] for c in row}
        elif isinstance(value, str) and value.startswith("="):
            found.add((sheet, cell))
    return found


def assert_local_headers_agree(path: Path) -> None:
    """Every entry's local header holds its CRC and sizes, as the central directory does."""
    with zipfile.ZipFile(path) as book, path.open("rb") as raw:
        for info in book.infolist():
            raw.seek(info.header_offset)
            signature, flags, *sums = struct.unpack("<4s2xH6xIII", raw.read(26))
            assert (signature, flags & 0x08, sums) == (b"PK\3\4", 0, [info.CRC, info.compress_size, info.file_size])


def test_values_are_written_and_everything_else_is_kept(source: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    assert formula_cells(source) == set(VALUES)  # the values name every formula cell
    check_package(source)
    before = sha256(source)
    output = tmp_path / f"out{source.suffix}"
    write_values(source, output, VALUES)
    assert sha256(source) == before
    check_package(output)
    assert_local_headers_agree(output)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(output) as new:
        entries = [[(i.filename, i.compress_type) for i in z.infolist()] for z in (old, new)]
        assert entries[0] == entries[1]
        assert new.comment == old.comment
        for info in old.infolist():
            data, copy = old.read(info), new.read(info.filename)
            if WORKSHEET.fullmatch(info.filename):
                assert without_values(data) == without_values(copy), info.filename
            elif info.filename == "xl/workbook.xml":  # the values are current: Excel need not recompute on open
                assert copy == data.replace(b' fullCalcOnLoad="1"', b"", 1)
            else:
                assert data == copy, info.filename
                assert (info.CRC, info.compress_size) == (new.getinfo(info.filename).CRC,
                                                          new.getinfo(info.filename).compress_size), info.filename
    kept = cells(source, data_only=False)  # formulas and inputs; array cells but the anchor show values
    assert cells(output, data_only=False) == {**kept, **{key: VALUES[key] for key in ARRAY_CELLS}}
    computed = cells(output, data_only=True)
    assert {key: computed[key] for key in VALUES} == VALUES
    frames = pd.read_excel(output, sheet_name=None, header=None)
    for (sheet, cell), expected in VALUES.items():
        row, col = coordinate_to_tuple(cell)
        seen = frames[sheet].iat[row - 1, col - 1]
        assert pd.isna(seen) if isinstance(expected, XLError) else seen == expected, (sheet, cell, seen)


def test_libreoffice_reads_the_cached_values(source: Path, tmp_path: Path) -> None:
    # LibreOffice recomputes error and array cells on load, but not the others: the
    # sentinels in G2 and E2 only show if it read the values written.
    output = tmp_path / f"out{source.suffix}"
    write_values(source, output, {**VALUES, ("Sales", "G2"): 4242, ("Sales", "E2"): "cached"})
    (csv_copy,) = libreoffice_convert([output], tmp_path / "csv", "csv")
    with csv_copy.open(newline="") as file:
        rows = list(csv.reader(file))
    assert [row[3:8] for row in rows[1:4]] == [
        ["2", "cached", "FALSE", "4242", "24000"],
        ["#DIV/0!", "", "", "", "0"],
        ["0.5", "", "", "", "6000"],
    ]


# A worksheet with the awkward cases, and what it must become: t replaced or dropped, <v> and
# <is> replaced, extLst and shared/array formulas kept, self-closing cells opened.
CRAFTED = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\n'
    b'<row r="1"><c r="A1" s="0"><v>5</v></c><c r="B1" t="str" s="0"><f>"x"</f><v>old</v></c>'
    b'<c r="C1" t="inlineStr"><f>A1</f><is><t>old</t></is></c>'
    b'<c r="D1"><f t="shared" ref="D1:D2" si="0">A1*2</f><v>1</v></c><c r="E1"><f>A1</f></c>'
    b'<c r="F1" t="n"><f>A1</f><v>3</v><extLst><ext uri="x"/></extLst></c><c s="0" r="I1"><f>1E+20</f><v>1</v></c>\n'
    b'  <c r="J1">\n    <f>A1</f>\n    <v>1</v>\n  </c></row>\n'
    b'<row r="2"><c r="D2"><f t="shared" si="0"/></c>'
    b'<c r="G2"><f t="array" ref="G2:H3">A1:B2</f></c><c r="H2" s="0"/></row>\n'
    b'<row r="3"><c r="G3"/><c r="H3"><v>9</v></c></row>\n'
    b"</sheetData></worksheet>"
)
CRAFTED_VALUES = {
    "B1": 7, "C1": 'new<&>"\x01_x0041_\r', "D1": True, "E1": float("nan"), "F1": None, "I1": 1e20, "J1": -1.5,
    "D2": False, "G2": XLError.NA, "H2": "s", "G3": 0.1 + 0.2, "H3": 2.0,
}
EXPECTED = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\n'
    b'<row r="1"><c r="A1" s="0"><v>5</v></c><c r="B1" s="0"><f>"x"</f><v>7</v></c>'
    b'<c r="C1" t="str"><f>A1</f><v>new&lt;&amp;&gt;"_x0001__x005F_x0041__x000D_</v></c>'
    b'<c r="D1" t="b"><f t="shared" ref="D1:D2" si="0">A1*2</f><v>1</v></c><c r="E1" t="e"><f>A1</f><v>#NUM!</v></c>'
    b'<c r="F1"><f>A1</f><extLst><ext uri="x"/></extLst></c><c s="0" r="I1"><f>1E+20</f><v>1e+20</v></c>\n'
    b'  <c r="J1">\n    <f>A1</f><v>-1.5</v>\n    \n  </c></row>\n'
    b'<row r="2"><c r="D2" t="b"><f t="shared" si="0"/><v>0</v></c>'
    b'<c r="G2" t="e"><f t="array" ref="G2:H3">A1:B2</f><v>#N/A</v></c><c r="H2" s="0" t="str"><v>s</v></c></row>\n'
    b'<row r="3"><c r="G3"><v>0.30000000000000004</v></c><c r="H3"><v>2</v></c></row>\n'
    b"</sheetData></worksheet>"
)


def crafted_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "S"
    book.save(path)
    return rezip(path, {"xl/worksheets/sheet1.xml": lambda _: CRAFTED})


@pytest.mark.filterwarnings("ignore:Unknown extension")  # openpyxl on the cell's extLst
def test_cells_are_edited_as_text(tmp_path: Path) -> None:
    book = crafted_book(tmp_path / "book.xlsx")
    write_values(book, tmp_path / "out.xlsx", {("S", ref): value for ref, value in CRAFTED_VALUES.items()})
    with zipfile.ZipFile(tmp_path / "out.xlsx") as out:
        assert out.read("xl/worksheets/sheet1.xml") == EXPECTED
    check_package(tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)["S"]
    assert [sheet[ref].value for ref in ("B1", "D1", "D2", "G2", "H3", "F1")] == [7, True, False, "#N/A", 2, None]


def test_50k_formula_cells(tmp_path: Path) -> None:
    """A large sheet is written whole (its time is in tests/benchmark_recalc.py, not here)."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><f>A%d*2</f><v>0</v></c></row>' % ((i,) * 5)
                    for i in range(1, 50_001))
    sheet = CRAFTED.split(b"<sheetData>")[0] + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    book = rezip(crafted_book(tmp_path / "book.xlsx"), {"xl/worksheets/sheet1.xml": lambda _: sheet})
    values = {("S", f"B{i}"): i * 2 for i in range(1, 50_001)}
    write_values(book, book, values)
    with zipfile.ZipFile(book) as out:
        assert b'<c r="B49999"><f>A49999*2</f><v>99998</v></c>' in out.read("xl/worksheets/sheet1.xml")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = rich_book(tmp_path / "book.xlsx")
    book.chmod(0o640)
    formulas = cells(book, data_only=False)
    synced, fsync = [], writer.os.fsync
    monkeypatch.setattr(writer.os, "fsync", lambda fd: (synced.append(fd), fsync(fd)))
    write_values(book, book, VALUES)
    assert len(synced) == 2  # the file, then its folder (the rename)
    assert {key: cells(book, data_only=True)[key] for key in VALUES} == VALUES
    assert cells(book, data_only=False) == {**formulas, **{key: VALUES[key] for key in ARRAY_CELLS}}
    assert listing(tmp_path) == ["book.xlsx"]
    assert book.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("breaks", ["os.replace", "the zip writer"])
@pytest.mark.parametrize("in_place", [True, False], ids=["in place", "to another file"])
def test_a_failed_write_leaves_every_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                breaks: str, in_place: bool, sha256: Callable[[Path], str]) -> None:
    book = rich_book(tmp_path / "book.xlsx")
    before, files = sha256(book), listing(tmp_path)

    def fail(*args: object) -> None:
        raise OSError("disk full")
    if breaks == "os.replace":
        monkeypatch.setattr(writer.os, "replace", fail)
    else:  # the third part copied fails, the temporary file half written
        copied, copy_raw = itertools.count(), writer.copy_raw
        monkeypatch.setattr(writer, "copy_raw", lambda *a: fail() if next(copied) == 2 else copy_raw(*a))
    with pytest.raises(OSError, match="disk full"):
        write_values(book, book if in_place else tmp_path / "out.xlsx", VALUES)
    assert sha256(book) == before
    assert listing(tmp_path) == files


@pytest.mark.parametrize("key, problem", [
    (("Nope", "D2"), "no worksheet named 'Nope'"),
    (("Sales", "A2"), "Sales: not formula cells: A2"),  # an input
    (("Sales", "Z99"), "Sales: not formula cells: Z99"),  # no such cell
])
def test_a_key_naming_no_formula_cell_is_a_programming_error(tmp_path: Path, key: tuple[str, str],
                                                            problem: str) -> None:
    book = rich_book(tmp_path / "book.xlsx")
    with pytest.raises(ValueError, match=re.escape(problem)):
        write_values(book, tmp_path / "out.xlsx", {**VALUES, key: 1})
    assert listing(tmp_path) == ["book.xlsx"]


def test_array_cells_the_xml_lacks_are_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "S"
    book.active.append([1, 2])
    book.active["A2"] = ArrayFormula("A2:B2", "=A1:B1*2")  # openpyxl writes the anchor only
    book.save(tmp_path / "book.xlsx")
    write_values(tmp_path / "book.xlsx", tmp_path / "out.xlsx", {("S", "A2"): 2, ("S", "B2"): 4})
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)["S"]
    assert (sheet["A2"].value, sheet["B2"].value) == (2, None)


def test_importing_the_package_module_imports_no_openpyxl() -> None:
    script = "import sys, xlkpi.xlsx.vet, xlkpi.xlsx.writer, xlkpi.xlsx.reader; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.split() == ["False"], done.stderr


# --- check_package -------------------------------------------------------------------------------

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>')
DTD = b'<!DOCTYPE worksheet SYSTEM "https://example.com/worksheet.dtd">'
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'


def truncated(path: Path) -> None:
    data = rich_book(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def bad_crc(path: Path) -> None:
    rich_book(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as book:
        book.writestr("xl/media/blob.bin", b"A" * 100)
    path.write_bytes(path.read_bytes().replace(b"A" * 100, b"A" * 99 + b"B"))


def padded(path: Path) -> None:
    rich_book(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/media/padding.bin", b"\0" * (2 << 20))


def not_a_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("word/document.xml", "<document/>")


# The encrypted file is a stand-in: the OLE signature and the UTF-16 name of the EncryptionInfo
# stream, which a real encrypted package's directory holds (msoffcrypto-tool is no dependency).
CASES: dict[str, tuple[Callable[[Path], object], list[str], dict[str, int]]] = {
    "missing": (lambda p: None, ["no such file"], {}),
    "not a zip": (lambda p: p.write_text("date,replies\n2026-01-05,18\n"), ["not an Excel workbook (.xlsx/.xlsm)"], {}),
    "empty": (lambda p: p.write_bytes(b""), ["not an Excel workbook (.xlsx/.xlsm)"], {}),
    "truncated": (truncated, ["corrupt or truncated"], {}),
    "bad CRC": (bad_crc, ["corrupt workbook", "xl/media/blob.bin"], {}),
    "encrypted": (lambda p: p.write_bytes(OLE_SIGNATURE + bytes(504) + "EncryptionInfo".encode("utf-16-le")
                                          + bytes(512)), ["password-protected", "encrypted"], {}),
    "legacy xls": (lambda p: p.write_bytes(OLE_SIGNATURE + bytes(1024)), ["legacy", ".xls", "save it as .xlsx"], {}),
    "open in Excel": (lambda p: (rich_book(p), p.with_name(f"~${p.name}").write_bytes(bytes(165))),
                      ["open in Excel", "lock file ~$client.xlsx", "close it"], {}),
    "zip bomb (size)": (padded, ["zip bomb", "limit 2.0 MiB"], {"MAX_UNCOMPRESSED": 2 << 20}),  # 2 MiB + the rest
    "zip bomb (ratio)": (padded, ["zip bomb", "xl/media/padding.bin"], {"RATIO_MIN_SIZE": 1 << 20}),
    "no workbook part": (not_a_workbook, ["not an Excel workbook", "xl/workbook.xml"], {}),
    "entity bomb": (lambda p: rezip(rich_book(p), {"xl/workbook.xml": lambda _: BILLION_LAUGHS}),
                    ["xl/workbook.xml", "DTD or entities"], {}),
    "external entity": (lambda p: rezip(rich_book(p), {"xl/worksheets/sheet2.xml": lambda _: XXE}),
                        ["xl/worksheets/sheet2.xml", "DTD or entities"], {}),
    "DTD": (lambda p: rezip(rich_book(p), {"xl/worksheets/sheet2.xml": lambda d: DTD + d}),
            ["xl/worksheets/sheet2.xml", "DTD or entities"], {}),
    "malformed XML": (lambda p: rezip(rich_book(p), {"xl/_rels/workbook.xml.rels": lambda d: d[:-20]}),
                      ["xl/_rels/workbook.xml.rels", "not well-formed"], {}),
}


@pytest.mark.parametrize("case", CASES)
def test_check_package_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, sha256: Callable[[Path], str]) -> None:
    make, fragments, limits = CASES[case]
    for name, limit in limits.items():
        monkeypatch.setattr(package_limits, name, limit)
    book = tmp_path / "client.xlsx"
    make(book)
    before = book.exists() and sha256(book)
    with pytest.raises(WorkbookError) as error:
        check_package(book)
    assert error.value.path == str(book) and str(error.value).startswith(f"{book}: ")
    for fragment in fragments:
        assert fragment in error.value.message, (fragment, error.value.message)
    assert (book.exists() and sha256(book)) == before


@pytest.mark.parametrize("limits", [{"MAX_UNCOMPRESSED": 3 << 20}, {"RATIO_MIN_SIZE": 3 << 20}])
def test_check_package_accepts_what_is_within_the_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        limits: dict[str, int]) -> None:
    for name, limit in limits.items():
        monkeypatch.setattr(package_limits, name, limit)
    padded(tmp_path / "client.xlsx")
    check_package(tmp_path / "client.xlsx")


def test_full_calculation_on_load_is_cleared(tmp_path: Path) -> None:
    """openpyxl (and the shipped template) ask Excel to recompute everything on open; once the
    values are stored they are current, so only that attribute goes."""
    source = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = 2, "=A1*3"
    wb.save(source)
    with zipfile.ZipFile(source) as book:
        before = book.read("xl/workbook.xml")
    assert b'fullCalcOnLoad="1"' in before
    write_values(source, tmp_path / "out.xlsx", {("Sheet", "A2"): 6})
    with zipfile.ZipFile(tmp_path / "out.xlsx") as book:
        after = book.read("xl/workbook.xml")
    assert after == before.replace(b' fullCalcOnLoad="1"', b"")


def test_write_cells_styles_a_new_cell_as_its_row_or_column(tmp_path: Path) -> None:
    """A cell the sheet lacks takes its row's style (customFormat), else its column's, as in Excel."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Leads"
    sheet["A1"] = "header"
    sheet.column_dimensions["B"].number_format = "yyyy-mm-dd hh:mm"
    sheet.row_dimensions[7].number_format = "0.0%"
    book.save(tmp_path / "in.xlsx")
    writer.write_cells(tmp_path / "in.xlsx", tmp_path / "out.xlsx",
                        {("Leads", "B5"): 46027.375, ("Leads", "C5"): 2.5, ("Leads", "B7"): 0.25})
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")["Leads"]
    assert out["B5"].value == dt.datetime(2026, 1, 5, 9) and out["B5"].number_format == "yyyy-mm-dd hh:mm"
    assert out["C5"].value == 2.5 and out["C5"].number_format == "General"
    assert out["B7"].number_format == "0.0%"
