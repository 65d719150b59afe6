"""Writing a workbook back: cached values (:func:`write_values`) and input cells and parts
(:func:`write_cells`), every other zip entry copied as its stored bytes, the result replacing the
destination atomically (:func:`atomic_output`).

:func:`write_values` stores the cached value (``<v>``) of formula cells and changes nothing else:
worksheet XML is edited as text (only the ``t`` attribute and the ``<v>``/``<is>`` of the cells
written). In xl/workbook.xml only ``fullCalcOnLoad`` goes (the values stored are current, so
Excel shows them instead of recomputing every formula on open); calcChain.xml is left alone.

A destination that is a symbolic link is written where it points (the link stays a link), unless
``follow_links=False``, which replaces the link itself and never writes outside its folder.
"""
from __future__ import annotations

import copy
import functools
import io
import math
import os
import re
import shutil
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..a1 import col_letters, split_cell
from ..errors import XLError
from ..signals import stops_held
from .package import Package, open_package

PartEdit = Callable[[bytes | None], bytes | None]  # a part's bytes (None: absent) → new bytes (None: keep as is)
_CHUNK = 1 << 20


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


def write_values(src: str | Path, dst: str | Path, values: Mapping[tuple[str, str], object],
                 max_memory: int | None = None) -> None:
    """Write ``src`` to ``dst`` (may be the same file) with the cached value of every cell in
    ``values`` — (sheet title, "A1") → float, int, bool, str, XLError or None — set, formulas kept,
    and ``fullCalcOnLoad`` cleared from ``<calcPr>`` (the stored values are current).

    Only formula cells and the cells of an array formula's range may be named; a cell of an array
    range that the XML lacks (openpyxl writes only the anchor) is skipped, as the file has nowhere
    to cache it. Any other key (unknown sheet, missing or formula-less cell) is a programming
    error: ValueError, and nothing is written. Cells not named keep their cached value.
    Atomic: ``dst`` is replaced only by a complete, fsynced file; on failure it is untouched.
    """
    by_sheet: dict[str, dict[bytes, object]] = {}
    for (sheet, ref), value in values.items():
        by_sheet.setdefault(sheet, {})[ref.upper().encode()] = value
    with open_package(src, max_memory) as package:
        edits = sheet_edits(package, by_sheet, _edit_sheet)
        edits["xl/workbook.xml"] = _current_values
        with atomic_output(dst, mode_of=src) as out:
            copy_package(package, out, edits)


def real_target(dst: str | Path) -> Path:
    """Where writing ``dst`` lands: the file a symbolic link points at (links followed to the end)."""
    return Path(os.path.realpath(dst))


@contextmanager
def atomic_output(dst: str | Path, mode_of: str | Path | None = None, follow_links: bool = True) -> Iterator[IO[bytes]]:
    """A file to write that replaces ``dst`` only once complete and fsynced; on any failure
    ``dst`` is untouched and the staging file gone. Permissions: those of ``mode_of``, else a new
    file's under the umask. A link ``dst`` is followed (its target replaced, the link kept), or with
    ``follow_links=False`` replaced itself. The staging file is unique to the call (``mkstemp``),
    next to the file it replaces."""
    dst = real_target(dst) if follow_links else Path(dst)
    tmp = ""
    try:
        with stops_held():  # a Ctrl-C or SIGTERM lands once ``tmp`` is known, so that it is removed
            fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=f".{os.getpid()}.tmp", dir=dst.parent)
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
        _sync_folder(dst.parent)
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sheet_edits(package: Package, by_sheet: Mapping[str, Any], edit_sheet: Callable[[bytes, str, Any], bytes]
                ) -> dict[str, PartEdit]:
    """Part name → its edit, for each sheet title of ``by_sheet`` edited by ``edit_sheet(xml,
    title, its cells)``. ValueError for a title the workbook lacks."""
    part_of = package.sheet_parts()
    unknown = sorted(by_sheet.keys() - part_of.keys())
    if unknown:
        raise ValueError(f"{package.path}: no worksheet named {', '.join(map(repr, unknown))}")

    def edit(title: str, cells: Any) -> PartEdit:
        return lambda xml: edit_sheet(xml, title, cells) if xml is not None else None

    return {part_of[title]: edit(title, cells) for title, cells in by_sheet.items()}


def copy_package(package: Package, out: IO[bytes], edits: Mapping[str, PartEdit],
                 drop: frozenset[str] = frozenset()) -> list[str]:
    """Copy ``package`` into ``out``: each part named in ``edits`` through its function (``None``
    for a part the package lacks, which is then added; a result of ``None`` or the same bytes
    keeps the part as stored), the parts in ``drop`` left out, every other entry as its stored
    bytes. Returns the parts whose content changed, added or dropped, in package order."""
    pending = dict(edits)
    changed = []
    with package.path.open("rb") as raw, zipfile.ZipFile(out, "w") as target:
        for info in package.infos():
            if info.filename in drop:
                changed.append(info.filename)
                continue
            make = pending.pop(info.filename, None)
            original = package.read(info.filename) if make else None
            data = make(original) if make else None
            if data is not None and data != original:
                target.writestr(copy.copy(info), data)
                changed.append(info.filename)
            else:
                copy_raw(raw, info, target)
        for name, make in pending.items():
            added = make(None)
            if added is not None:
                target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), added, zipfile.ZIP_DEFLATED)
                changed.append(name)
        target.comment = package.zip.comment
    return changed


def write_zip(entries: Mapping[str, bytes], dst: str | Path) -> None:
    """Write a new package holding ``entries`` (name → bytes, in order), deflated and dated
    1980-01-01 (byte-for-byte reproducible), atomically."""
    with atomic_output(dst) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


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
                parts: Mapping[str, bytes] | None = None, max_memory: int | None = None) -> None:
    """Write ``src`` to ``dst`` with the typed value of every cell in ``cells`` — (sheet title,
    "A1") → float, int, bool, str or None (empty) — and every part in ``parts`` (name → bytes)
    added or replaced; every other zip entry is copied as its stored bytes.

    A cell keeps its style (``s``) and other attributes; a missing cell or row is created in
    order. Formula cells are refused (ValueError, nothing written): use :func:`write_values`.
    Atomic, like :func:`write_values`.
    """
    by_sheet: dict[str, dict[tuple[int, int], object]] = {}
    for (sheet, ref), value in cells.items():
        by_sheet.setdefault(sheet, {})[split_cell(ref.upper())] = value
    with open_package(src, max_memory) as package:
        edits = sheet_edits(package, by_sheet, _set_inputs)
        for name, data in (parts or {}).items():
            edits[name] = functools.partial(_replacement, data)
        with atomic_output(dst, mode_of=src) as out:
            copy_package(package, out, edits)


def _replacement(data: bytes, _: bytes | None) -> bytes:
    return data


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


def save_reproducibly(workbook: Any, dst: str | Path, edit: Callable[[str, bytes], bytes]) -> None:
    """Save an openpyxl ``workbook`` at ``dst`` byte-for-byte reproducibly (document dates as
    set, zip entries dated 1980-01-01), each part passed through ``edit(name, bytes)``, atomically."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # keeps properties.modified
    with zipfile.ZipFile(buffer) as source:
        entries = {info.filename: edit(info.filename, source.read(info)) for info in source.infolist()}
    write_zip(entries, dst)
