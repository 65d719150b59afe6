"""A workbook as the engine needs it, read straight from the package's XML.

Only what evaluation uses is read: each sheet's stored values and formulas (shared formulas
kept as their anchor plus an offset, array and data-table formulas with their range), defined
names (global and sheet-local), tables (for structured references) and the date system. The
package must already be vetted by :func:`xlkpi.package.check_package`; the parts are parsed
with defusedxml all the same.

Values use the representation of the ``formulas`` package, whose functions the evaluator
calls: blank is ``schedula.EMPTY``, errors are ``formulas`` ``XlError`` tokens, numbers floats.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring
from lxml import etree

from ..errors import WorkbookError
from .refs import Cell, split_cell, split_range
from .xlvalues import EMPTY, ERRORS, parse_error

_NS = re.compile(r"\{[^}]*\}")


@dataclass
class Formula:
    """A formula cell: its text (without "="), or its shared group's anchor and offset."""

    text: str
    kind: str = ""  # "", "array" or "dataTable"
    ref: str | None = None  # the range of an array or data-table formula
    anchor: Cell | None = None  # for a cell of a shared formula: the group's anchor (its text is the anchor's)
    table: DataTable | None = None  # a what-if data table's inputs


@dataclass(frozen=True)
class DataTable:
    """A what-if data table (``<f t="dataTable">``): its input cells, as OOXML gives them."""

    two_d: bool  # dt2D: a row and a column of input values
    row: bool  # dtr: one-variable: the input values run along the top row; two-variable: r1 is the row input
    r1: Cell | None  # first input cell
    r2: Cell | None  # second input cell (two-variable)


@dataclass
class Sheet:
    title: str
    values: dict[Cell, Any] = field(default_factory=dict)  # (row, col) → stored value (formula cells: cached)
    formulas: dict[Cell, Formula] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # sheet-local defined names (upper-case) → text
    hidden_rows: set[int] = field(default_factory=set)
    filters: list[tuple[int, int]] = field(default_factory=list)  # rows under an AutoFilter (sheet's or a table's)
    max_row: int = 0
    max_col: int = 0


@dataclass
class Table:
    name: str
    sheet: str
    ref: str  # "A1:D10"
    columns: list[str]
    header_rows: int
    totals_rows: int


@dataclass
class Book:
    path: Path
    sheets: dict[str, Sheet]  # title → sheet, in workbook order
    names: dict[str, str]  # global defined names (upper-case) → text
    tables: dict[str, Table]  # upper-case name → table
    date1904: bool = False
    iterate: tuple[int, float] | None = None  # iterative calculation on: (at most so many passes, until changes < this)
    calc_on_load: bool = False  # calcPr fullCalcOnLoad: Excel recomputes every formula on open (stored values stale)

    def sheet(self, title: str) -> Sheet | None:
        """The sheet titled ``title``, case-insensitively (as Excel resolves them)."""
        found = self.sheets.get(title)
        if found is None:
            upper = title.upper()
            found = next((s for t, s in self.sheets.items() if t.upper() == upper), None)
        return found


def _local(tag: str) -> str:
    return _NS.sub("", tag)


def _attr(element: Any, name: str) -> str | None:
    """An attribute by local name (relationship ids are namespaced)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _target(base: str, target: str) -> str:
    return target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id → target part of ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in zf.NameToInfo:
        return {}
    return {r.get("Id"): _target(part, r.get("Target", "")) for r in fromstring(zf.read(rels))}


def read_book(path: str | Path) -> Book:
    """Read the workbook at ``path``; raises WorkbookError when it is not a readable workbook."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(path, "no such file")
    try:
        with zipfile.ZipFile(path) as zf:
            return _read(path, zf)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError, etree.XMLSyntaxError) as error:
        raise WorkbookError(path, f"not a readable .xlsx/.xlsm workbook ({error})") from error


def _read(path: Path, zf: zipfile.ZipFile) -> Book:
    workbook = fromstring(zf.read("xl/workbook.xml"))
    rels = _rels(zf, "xl/workbook.xml")
    strings = _shared_strings(zf, rels)
    book = Book(path, {}, {}, {})
    parts: list[tuple[Sheet, str]] = []
    local_ids: dict[int, Sheet] = {}
    for element in workbook.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            book.date1904 = element.get("date1904", "0").lower() in ("1", "true")
        elif tag == "calcPr":
            book.calc_on_load = element.get("fullCalcOnLoad", "0").lower() in ("1", "true")
            if element.get("iterate", "0").lower() in ("1", "true"):
                book.iterate = (int(element.get("iterateCount", "100")), float(element.get("iterateDelta", "0.001")))
        elif tag == "sheet":
            target = rels.get(_attr(element, "id") or "")
            sheet = Sheet(element.get("name", ""))
            local_ids[len(local_ids)] = sheet
            if target and target in zf.NameToInfo and "worksheet" in target:
                book.sheets[sheet.title] = sheet
                parts.append((sheet, target))
        elif tag == "definedName":
            name, text = element.get("name", ""), element.text or ""
            local = element.get("localSheetId")
            if local is not None and local.isdigit() and int(local) in local_ids:
                local_ids[int(local)].names[name.upper()] = text
            elif local is None:
                book.names[name.upper()] = text
    for sheet, part in parts:
        _read_sheet(zf, part, sheet, strings)
        for target in _rels(zf, part).values():
            if "/tables/" in target and target in zf.NameToInfo:
                table, autofilter = _read_table(zf.read(target), sheet.title)
                book.tables[table.name.upper()] = table
                if autofilter:
                    sheet.filters.append(_rows(autofilter))
    return book


def _shared_strings(zf: zipfile.ZipFile, rels: dict[str, str]) -> list[str]:
    part = next((t for t in rels.values() if t.endswith("sharedStrings.xml")), "xl/sharedStrings.xml")
    if part not in zf.NameToInfo:
        return []
    strings = []
    for item in fromstring(zf.read(part)):
        if _local(item.tag) == "si":
            strings.append(_text(item))
    return strings


def _text(item: Any) -> str:
    """The text of an <si> or <is>: its <t> runs, phonetic runs (<rPh>) left out."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = _local(child.tag)
            if tag == "t":
                parts.append(child.text or "")
            elif tag != "rPh":
                walk(child)

    walk(item)
    return _unescape("".join(parts))


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Excel's _xHHHH_ escapes."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _value(kind: str, text: str | None, inline: Any, strings: list[str]) -> Any:
    if kind == "inlineStr":
        return _text(inline) if inline is not None else ""
    if text is None:
        return EMPTY
    if kind == "s":
        return strings[int(text)]
    if kind in ("str", "d"):
        return _unescape(text)
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "e":
        return parse_error(text) or ERRORS["#VALUE!"]
    return float(text)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def _read_sheet(zf: zipfile.ZipFile, part: str, sheet: Sheet, strings: list[str]) -> None:
    """The cells of one worksheet part (lxml: a sheet of 10,000 cells in a few tens of ms).
    A cell or row without its ``r`` attribute follows the one before it."""
    root = etree.fromstring(zf.read(part), _PARSER)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    row_tag, cell_tag = f"{ns}row", f"{ns}c"
    v_tag, f_tag, is_tag = f"{ns}v", f"{ns}f", f"{ns}is"
    shared: dict[str, Cell] = {}  # si → anchor
    autofilter = root.find(f"{ns}autoFilter")
    if autofilter is not None and autofilter.get("ref") and _filtering(autofilter):
        sheet.filters.append(_rows(autofilter.get("ref")))
    row = col = max_row = max_col = 0
    values, formulas = sheet.values, sheet.formulas
    for element in root.iter(row_tag, cell_tag):
        if element.tag == row_tag:
            number = element.get("r")
            row = int(number) if number else row + 1
            col = 0
            if element.get("hidden") in ("1", "true"):
                sheet.hidden_rows.add(row)
            continue
        ref = element.get("r")
        if ref:
            row, col = cell = split_cell(ref)
        else:
            col += 1
            cell = (row, col)
        if len(element) == 1 and element[0].tag == v_tag and element.get("t") is None:  # a plain number
            number = element[0].text
            if number is None:
                continue
            values[cell] = float(number)
        else:
            text = inline = formula = None
            for child in element:
                tag = child.tag
                if tag == v_tag:
                    text = child.text
                elif tag == f_tag:
                    formula = child
                elif tag == is_tag:
                    inline = child
            value = _value(element.get("t", "n"), text, inline, strings)
            if value is not EMPTY:
                values[cell] = value
            elif formula is None:
                continue
            if formula is not None:
                parsed = _formula(formula, cell, shared)
                if parsed is not None:
                    formulas[cell] = parsed
        max_row = max(max_row, row)
        max_col = max(max_col, col)
    sheet.max_row, sheet.max_col = max(sheet.max_row, max_row), max(sheet.max_col, max_col)


def _formula(element: Any, cell: Cell, shared: dict[str, Cell]) -> Formula | None:
    kind = element.get("t", "normal")
    text = element.text or ""
    if kind == "shared":
        si = element.get("si", "")
        if text.strip():
            shared[si] = cell
            return Formula(text)
        anchor = shared.get(si)
        return Formula("", anchor=anchor) if anchor is not None else None
    if kind == "array":
        return Formula(text, "array", element.get("ref") or None)
    if kind == "dataTable":
        inputs = [split_cell(element.get(a)) if element.get(a) else None for a in ("r1", "r2")]
        flag = {"1", "true"}
        table = DataTable(element.get("dt2D", "0") in flag, element.get("dtr", "0") in flag, *inputs)
        return Formula(text, "dataTable", element.get("ref") or None, table=table)
    return Formula(text) if text.strip() else None


def _filtering(autofilter: Any) -> bool:
    """An AutoFilter that filters something (has a filter column): its hidden rows are filtered out."""
    return any(_local(child.tag) == "filterColumn" for child in autofilter)


def _rows(ref: str) -> tuple[int, int]:
    r1, _, r2, _ = split_range(ref)
    return r1, r2


def _read_table(xml: bytes, sheet: str) -> tuple[Table, str | None]:
    """The table, and the range of its AutoFilter if it has one."""
    root = fromstring(xml)
    columns = [c.get("name", "") for c in root.iter() if _local(c.tag) == "tableColumn"]
    autofilter = next((e.get("ref") for e in root if _local(e.tag) == "autoFilter" and _filtering(e)), None)
    table = Table(
        name=root.get("displayName") or root.get("name") or "",
        sheet=sheet,
        ref=root.get("ref", ""),
        columns=[_unescape(c) for c in columns],
        header_rows=int(root.get("headerRowCount", "1")),
        totals_rows=int(root.get("totalsRowCount", "0")),
    )
    return table, autofilter


__all__ = ["Book", "DataTable", "Formula", "Sheet", "Table", "read_book"]
