"""The workbook file itself: vet it before anything reads it, write computed values back into it.

:func:`check_package` turns every way a file can fail to be a safe .xlsx/.xlsm package (missing,
open in Excel, encrypted, legacy .xls, not a zip, corrupt, zip bomb, XML bomb) into a
:class:`~xlkpi.errors.WorkbookError` naming the file, before any XML reader sees it.

:func:`write_values` stores the cached value (``<v>``) of formula cells and changes nothing else:
every other zip entry is copied as its stored bytes, worksheet XML is edited as text (only the
``t`` attribute and the ``<v>``/``<is>`` of the cells written), and the result replaces the
destination atomically. In xl/workbook.xml only ``fullCalcOnLoad`` goes (the values stored are
current, so Excel shows them instead of recomputing every formula on open); calcChain.xml is
left alone.
"""
from __future__ import annotations

import copy
import math
import os
import posixpath
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from .a1 import split_cell
from .errors import WorkbookError, XLError

MAX_UNCOMPRESSED = 1 << 30  # bytes all entries together may unpack to
MAX_RATIO = 200  # an entry compressed more than this ...
RATIO_MIN_SIZE = 10 << 20  # ... that unpacks to more than this many bytes is a zip bomb
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # legacy .xls, and Office's encrypted packages
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")

_ENCRYPTION_STREAMS = tuple(name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage"))
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
_CHUNK = 1 << 20
_MIB = 1 << 20


# --- Checking -----------------------------------------------------------------------------------


def check_package(path: str | Path) -> None:
    """Raise WorkbookError unless ``path`` is an .xlsx/.xlsm package that is safe to read.

    Every entry is read once: XML parts (.xml, .rels) are parsed with defusedxml (no DTD, no
    entities), the others decompressed to check their CRC.
    """
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(path, "no such file")
    lock = path.with_name(f"~${path.name}")
    if lock.exists():
        raise WorkbookError(path, f"open in Excel (lock file {lock.name} found); close it first")
    try:
        with path.open("rb") as file:
            head = file.read(len(OLE_SIGNATURE))
    except OSError as error:
        raise WorkbookError(path, f"cannot read the file ({error.strerror})") from None
    if head == OLE_SIGNATURE:
        if any(name in path.read_bytes() for name in _ENCRYPTION_STREAMS):
            raise WorkbookError(path, "password-protected (encrypted) workbook: remove the password in Excel "
                                      "(File > Info > Protect Workbook) and save it again")
        raise WorkbookError(path, "legacy Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx")
    try:
        book = zipfile.ZipFile(path)
    except _ZIP_ERRORS:
        problem = "corrupt or truncated workbook (its zip directory is unreadable)" if head.startswith(b"PK") \
            else "not an Excel workbook (.xlsx/.xlsm)"
        raise WorkbookError(path, problem) from None
    with book:
        try:
            _check_zip(path, book)
        except _ZIP_ERRORS as error:
            raise WorkbookError(path, f"corrupt workbook ({error})") from None


def _check_zip(path: Path, book: zipfile.ZipFile) -> None:
    infos = book.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise WorkbookError(path, f"refused as a zip bomb: it would unpack to {total / _MIB:,.1f} MiB "
                                  f"(limit {MAX_UNCOMPRESSED / _MIB:,.1f} MiB)")
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * info.compress_size:
            raise WorkbookError(path, f"refused as a zip bomb: part {info.filename} unpacks to "
                                      f"{info.file_size / _MIB:,.1f} MiB from {info.compress_size:,} bytes")
    names = {info.filename for info in infos}
    for part in REQUIRED_PARTS:
        if part not in names:
            raise WorkbookError(path, f"not an Excel workbook (.xlsx/.xlsm): it has no {part}")
    for info in infos:
        with book.open(info) as stream:
            if info.filename.lower().endswith((".xml", ".rels")):
                _parse(path, info.filename, stream)
            else:
                while stream.read(_CHUNK):
                    pass


def _parse(path: Path, part: str, stream: IO[bytes]) -> None:
    """Parse ``part`` without building anything (a target with no handlers), refusing DTDs."""
    parser = DefusedXMLParser(target=object(), forbid_dtd=True)
    parser.parser.DefaultHandlerExpand = None  # else every tag is a Python call; DTDs have their own handler
    try:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException:
        raise WorkbookError(path, f"part {part} declares a DTD or entities (a possible XML bomb): refused") from None
    except ParseError as error:
        raise WorkbookError(path, f"corrupt workbook: part {part} is not well-formed XML ({error})") from None


# --- Writing ------------------------------------------------------------------------------------

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, file name length, extra field length
_DATA_DESCRIPTOR = 0x08  # general-purpose flag: CRC and sizes follow the data

SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?)sheetData(?=[\s/>])[^>]*>")
# A cell: prefix; its r attribute when first (as every writer puts it) and its value; the other
# attributes; its formula (the first child) and the formula's attributes; the rest of its content
# (None when self-closing).
CELL = re.compile(
    rb"""<((?:[\w.-]+:)?)c(?=[\s/>])(\s+r\s*=\s*["']([^"']*)["'])?([^>]*?)"""
    rb"(?:/>|>(\s*<\1f(?=[\s/>])([^>]*?)(?:/>|>.*?</\1f>))?(.*?)</\1c>)",
    re.DOTALL,
)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?(v|is)(?=[\s/>])[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?\1>)", re.DOTALL)
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]+[0-9]+)["']""")
_TYPE = re.compile(rb"""\st\s*=\s*(?:"[^"]*"|'[^']*')""")
_ARRAY = re.compile(rb"""\st\s*=\s*["'](?:array|dataTable)["']""")
# <calcPr fullCalcOnLoad="1">: Excel recomputes every formula on open. Once the values are stored
# they are current, so the attribute goes (the rest of the part stays byte for byte).
_FULL_CALC = re.compile(rb"""(<(?:[\w.-]+:)?calcPr\b[^>]*?)\s+fullCalcOnLoad\s*=\s*["'](?:1|true)["']""")
_RANGE = re.compile(rb"""\sref\s*=\s*["']([^"']+)["']""")
# Excel's _xHHHH_ escapes: a literal "_x0041_" is written "_x005F_x0041_"; characters XML 1.0
# cannot hold (or that parsers turn into \n, like \r) are written _xHHHH_.
_ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def write_values(src: str | Path, dst: str | Path, values: Mapping[tuple[str, str], object]) -> None:
    """Write ``src`` to ``dst`` (may be the same file) with the cached value of every cell in
    ``values`` — (sheet title, "A1") → float, int, bool, str, XLError or None — set, formulas kept,
    and ``fullCalcOnLoad`` cleared from ``<calcPr>`` (the stored values are current).

    Only formula cells and the cells of an array formula's range may be named; a cell of an array
    range that the XML lacks (openpyxl writes only the anchor) is skipped, as the file has nowhere
    to cache it. Any other key (unknown sheet, missing or formula-less cell) is a programming
    error: ValueError, and nothing is written. Cells not named keep their cached value.
    Atomic: ``dst`` is replaced only by a complete, fsynced file; on failure it is untouched.
    """
    src, dst = Path(src), Path(dst)
    by_sheet: dict[str, dict[bytes, object]] = {}
    for (sheet, ref), value in values.items():
        by_sheet.setdefault(sheet, {})[ref.upper().encode()] = value
    with atomic_output(dst, mode_of=src) as out:
        _copy_package(src, out, by_sheet, _edit_sheet, {"xl/workbook.xml": _current_values})


@contextmanager
def atomic_output(dst: str | Path, mode_of: str | Path | None = None) -> Iterator[IO[bytes]]:
    """A file to write that replaces ``dst`` only once complete and fsynced; on any failure
    ``dst`` is untouched. Permissions: those of ``mode_of``, else a new file's under the umask."""
    dst = Path(dst)
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if mode_of is not None:
            shutil.copymode(mode_of, tmp)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy_package(src: Path, out: IO[bytes], by_sheet: Mapping[str, Any], edit_sheet: Callable[[bytes, str, Any], bytes],
                  parts: Mapping[str, Callable[[bytes | None], bytes | None]]) -> None:
    """Copy the package ``src`` into ``out``: each sheet named in ``by_sheet`` through
    ``edit_sheet(xml, title, its cells)``; each part named in ``parts`` through its function
    (``None`` for a part ``src`` lacks, which is then added; a result of ``None`` keeps the part
    as it is); every other entry as its stored bytes. ValueError for an unknown sheet."""
    pending = dict(parts)
    with zipfile.ZipFile(src) as book, src.open("rb") as raw, zipfile.ZipFile(out, "w") as target:
        part_of = sheet_parts(book)
        unknown = sorted(by_sheet.keys() - part_of.keys())
        if unknown:
            raise ValueError(f"{src}: no worksheet named {', '.join(map(repr, unknown))}")
        edits = {part_of[sheet]: (sheet, cells) for sheet, cells in by_sheet.items()}
        for info in book.infolist():
            make = pending.pop(info.filename, None)
            data = make(book.read(info)) if make else None
            if data is not None:
                target.writestr(copy.copy(info), data)
            elif info.filename in edits:
                sheet, cells = edits[info.filename]
                target.writestr(copy.copy(info), edit_sheet(book.read(info), sheet, cells))
            else:
                copy_raw(raw, info, target)
        for name, make in pending.items():
            added = make(None)
            if added is not None:
                target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), added, zipfile.ZIP_DEFLATED)
        target.comment = book.comment


def _current_values(xml: bytes | None) -> bytes | None:
    """``xl/workbook.xml`` without ``fullCalcOnLoad`` (None: it has none to clear)."""
    return _FULL_CALC.sub(rb"\1", xml, count=1) if xml is not None and _FULL_CALC.search(xml) else None


def copy_raw(raw: IO[bytes], info: zipfile.ZipInfo, target: zipfile.ZipFile) -> None:
    """Append the entry ``info`` of the zip file ``raw`` to ``target`` as its stored (compressed)
    bytes. zipfile has no public API for this: it writes the entry as ZipFile.writestr does."""
    out = target.fp
    if out is None:
        raise ValueError("the target zip file is closed")
    raw.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    raw.seek(name_length + extra_length, os.SEEK_CUR)
    entry = copy.copy(info)
    entry.flag_bits &= ~_DATA_DESCRIPTOR  # the CRC and sizes go in the local header
    entry.header_offset = out.tell()
    out.write(entry.FileHeader())
    left = info.compress_size
    while left:
        chunk = raw.read(min(left, _CHUNK))
        if not chunk:
            raise zipfile.BadZipFile(f"{info.filename} is truncated")
        out.write(chunk)
        left -= len(chunk)
    target.filelist.append(entry)
    target.NameToInfo[entry.filename] = entry
    target.start_dir = out.tell()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part name, through xl/workbook.xml and xl/_rels/workbook.xml.rels."""
    targets = {}
    for rel in fromstring(book.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    parts = {}
    for sheet in fromstring(book.read("xl/workbook.xml")).iter():
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id" and k != "id"), None)
        if _local(sheet.tag) == "sheet" and rel_id in targets:
            parts[sheet.get("name")] = targets[rel_id]
    return parts


def _edit_sheet(xml: bytes, sheet: str, cells: Mapping[bytes, object]) -> bytes:
    """The worksheet ``xml`` with the cached values of ``cells`` (b"A1" → value) set, in one pass."""
    arrays: list[tuple[int, int, int, int]] = []  # (first row, first col, last row, last col)
    seen: set[bytes] = set()
    stray: list[bytes] = []  # named cells with no formula, outside every array range

    def in_array(ref: bytes) -> bool:
        row, col = split_cell(ref.decode())
        return any(r1 <= row <= r2 and c1 <= col <= c2 for r1, c1, r2, c2 in arrays)

    def edit(cell: re.Match[bytes]) -> bytes:
        prefix, first, key, attrs, formula, formula_attrs, rest = cell.groups()
        if first is None and (ref := _REF.search(attrs)):
            key = ref.group(1)
        if key is None or (key := key.upper()) not in cells:
            return cell.group(0)
        seen.add(key)
        if formula is None and not in_array(key):  # an array's anchor precedes its other cells
            stray.append(key)
            return cell.group(0)
        if formula and _ARRAY.search(formula_attrs) and (span := _RANGE.search(formula_attrs)):
            start_ref, _, end_ref = span.group(1).partition(b":")
            arrays.append(split_cell(start_ref.decode()) + split_cell((end_ref or start_ref).decode()))
        kind, text = _encode(cells[key])
        typed = b' t="%s"' % kind if kind else b""
        attrs, found = _TYPE.subn(typed, (first or b"") + attrs, count=1)
        value = b"<%sv>%s</%sv>" % (prefix, text, prefix) if text is not None else b""
        rest = _VALUE.sub(b"", rest) if rest else b""
        return b"<%sc%s%s>%s%s%s</%sc>" % (prefix, attrs, b"" if found else typed, formula or b"", value, rest, prefix)

    start = SHEET_DATA.search(xml)
    end = xml.find(b"</%ssheetData>" % start.group(1), start.end()) if start else -1
    if start and end >= 0:
        xml = xml[: start.end()] + CELL.sub(edit, xml[start.end() : end]) + xml[end:]
    wrong = [ref.decode() for ref in stray + [ref for ref in cells if ref not in seen and not in_array(ref)]]
    if wrong:
        raise ValueError(f"{sheet}: not formula cells: {', '.join(wrong[:10])}{' …' if len(wrong) > 10 else ''}")
    return xml


def _encode(value: object) -> tuple[bytes | None, bytes | None]:
    """(t attribute or None for a number, <v> text or None for no value) of a cell value."""
    if value is None:
        return None, None
    if isinstance(value, XLError):
        return b"e", value.value.encode()
    if isinstance(value, bool):
        return b"b", b"1" if value else b"0"
    if isinstance(value, int):
        return None, str(value).encode()
    if isinstance(value, float):
        if not math.isfinite(value):  # Excel has no NaN or infinity
            return b"e", XLError.NUM.value.encode()
        text = repr(value)
        return None, text.removesuffix(".0").encode()
    if isinstance(value, str):
        text = _ESCAPE_LIKE.sub(lambda m: "_x005F" + m.group(0), value)
        text = _NOT_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
        # xml.sax.saxutils.escape's three replacements, without its imports (urllib, http, ssl: 20 ms)
        return b"str", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
    raise TypeError(f"cannot store a {type(value).__name__} as a cell value")


# --- Writing input cells and whole parts (xlkpi import) -------------------------------------------

_ROW = re.compile(rb"<((?:[\w.-]+:)?)row(?=[\s/>])([^>]*?)(/>|>(.*?)</\1row>)", re.DOTALL)
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL_IN_ROW = re.compile(rb"""<((?:[\w.-]+:)?)c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</\1c>)""", re.DOTALL)
_STYLE = re.compile(rb"""\ss\s*=\s*["'](\d+)["']""")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f(?=[\s/>])")
_COL = re.compile(rb"<(?:[\w.-]+:)?col(?=[\s/>])([^>]*)>")
_COL_SPAN = re.compile(rb"""\smin\s*=\s*["'](\d+)["'][^>]*?\smax\s*=\s*["'](\d+)["']|\smax\s*=\s*["'](\d+)["'][^>]*?\smin\s*=\s*["'](\d+)["']""")
_COL_STYLE = re.compile(rb"""\sstyle\s*=\s*["'](\d+)["']""")
_CUSTOM_FORMAT = re.compile(rb"""\scustomFormat\s*=\s*["'](?:1|true)["']""")


def _column_styles(xml: bytes) -> dict[int, bytes]:
    """Column number → the style index its ``<col style>`` gives the cells it lacks."""
    styles: dict[int, bytes] = {}
    for col in _COL.finditer(xml[: xml.find(b"sheetData")]):
        span, style = _COL_SPAN.search(col.group(1)), _COL_STYLE.search(col.group(1))
        if span and style and style.group(1) != b"0":
            first, last = (int(span.group(1)), int(span.group(2))) if span.group(1) else (int(span.group(4)), int(span.group(3)))
            styles.update(dict.fromkeys(range(first, min(last, 16384) + 1), style.group(1)))
    return styles


def write_cells(src: str | Path, dst: str | Path, cells: Mapping[tuple[str, str], object],
                parts: Mapping[str, bytes] | None = None) -> None:
    """Write ``src`` to ``dst`` with the typed value of every cell in ``cells`` — (sheet title,
    "A1") → float, int, bool, str or None (empty) — and every part in ``parts`` (name → bytes)
    added or replaced; every other zip entry is copied as its stored bytes.

    A cell keeps its style (``s``) and other attributes; a missing cell or row is created in
    order. Formula cells are refused (ValueError, nothing written): use :func:`write_values`.
    Atomic, like :func:`write_values`.
    """
    src, dst = Path(src), Path(dst)
    by_sheet: dict[str, dict[tuple[int, int], object]] = {}
    for (sheet, ref), value in cells.items():
        by_sheet.setdefault(sheet, {})[split_cell(ref.upper())] = value
    replaced = {name: (lambda _, data=data: data) for name, data in (parts or {}).items()}
    with atomic_output(dst, mode_of=src) as out:
        _copy_package(src, out, by_sheet, _set_inputs, replaced)


def _input_cell(prefix: bytes, ref: bytes, attrs: bytes, value: object) -> bytes:
    """A value cell ``ref`` with ``attrs`` (its style …) kept, its type set from ``value``."""
    attrs = _REF.sub(b"", _TYPE.sub(b"", attrs))
    if value is None:
        return b'<%sc r="%s"%s/>' % (prefix, ref, attrs)
    if isinstance(value, str):
        text = _encode(value)[1] or b""
        space = b' xml:space="preserve"' if text != text.strip() else b""
        return b'<%sc r="%s"%s t="inlineStr"><%sis><%st%s>%s</%st></%sis></%sc>' % (
            prefix, ref, attrs, prefix, prefix, space, text, prefix, prefix, prefix)
    kind, number = _encode(value)
    typed = b' t="%s"' % kind if kind else b""
    return b'<%sc r="%s"%s%s><%sv>%s</%sv></%sc>' % (prefix, ref, attrs, typed, prefix, number or b"", prefix, prefix)


def _set_inputs(xml: bytes, sheet: str, cells: Mapping[tuple[int, int], object]) -> bytes:
    """The worksheet ``xml`` with the value cells ``cells`` ((row, col) → value) set, created if missing."""
    from .a1 import col_letters

    start = SHEET_DATA.search(xml)
    if start is None:
        raise ValueError(f"{sheet}: no <sheetData>")
    prefix = start.group(1)
    if xml[start.end() - 2: start.end()] == b"/>":  # <sheetData/>: open it
        xml = xml[: start.end() - 2] + b"></%ssheetData>" % prefix + xml[start.end():]
        start = SHEET_DATA.search(xml)
        if start is None:
            raise ValueError(f"{sheet}: no <sheetData>")
    end = xml.find(b"</%ssheetData>" % prefix, start.end())
    by_row: dict[int, dict[int, object]] = {}
    for (row, col), value in cells.items():
        by_row.setdefault(row, {})[col] = value
    formulas: list[str] = []
    col_styles = _column_styles(xml)

    def ref_of(row: int, col: int) -> bytes:
        return f"{col_letters(col)}{row}".encode()

    def edit_row(number: int, head: bytes, body: bytes, wanted: dict[int, object]) -> bytes:
        pieces: list[tuple[int, bytes]] = []
        last = 0
        out = bytearray()
        for cell in _CELL_IN_ROW.finditer(body):
            out += body[last: cell.start()]
            last = cell.end()
            found = _REF.search(cell.group(2))
            if found is None:
                raise ValueError(f"{sheet}: a cell of row {number} has no reference")
            col = split_cell(found.group(1).decode())[1]
            if col in wanted:
                if _FORMULA.search(cell.group(3) or b""):
                    formulas.append(found.group(1).decode())
                value = wanted.pop(col)
                out += _input_cell(cell.group(1), found.group(1), cell.group(2), value)
            else:
                out += cell.group(0)
            pieces.append((col, bytes(out)))
            out = bytearray()
        tail = body[last:]
        row_style = _STYLE.search(head) if _CUSTOM_FORMAT.search(head) else None
        for col in sorted(wanted):  # cells the row lacks, in column order, styled as Excel would: row, else column
            style = row_style.group(1) if row_style else col_styles.get(col)
            new = _input_cell(prefix, ref_of(number, col), b' s="%s"' % style if style else b"", wanted[col])
            at = next((i for i, (c, _) in enumerate(pieces) if c > col), len(pieces))
            pieces.insert(at, (col, new))
        return b"<%srow%s>%s%s</%srow>" % (prefix, head, b"".join(p for _, p in pieces), tail, prefix)

    rows = bytearray()
    data = xml[start.end(): end]
    last = 0
    for match in _ROW.finditer(data):
        head, body = match.group(2), match.group(4)
        number_match = _ROW_NUMBER.search(head)
        if number_match is None:
            raise ValueError(f"{sheet}: a row without its number (r attribute)")
        number = int(number_match.group(1))
        for missing in sorted(r for r in by_row if r < number):
            rows += data[last: match.start()]
            last = match.start()
            rows += edit_row(missing, b' r="%d"' % missing, b"", by_row.pop(missing))
        rows += data[last: match.start()]
        last = match.end()
        if number in by_row:
            rows += edit_row(number, head, body or b"", by_row.pop(number))
        else:
            rows += match.group(0)
    rows += data[last:]
    for missing in sorted(by_row):
        rows += edit_row(missing, b' r="%d"' % missing, b"", by_row.pop(missing))
    if formulas:
        raise ValueError(f"{sheet}: formula cells, not inputs: {', '.join(formulas[:10])}")
    return xml[: start.end()] + bytes(rows) + xml[end:]
