"""The workbook's XML read as plain values: workbook settings and names, shared strings, tables,
and one streaming reader of worksheet cells.

Values are what the file stores, in plain Python: None (no value), float, bool, str or
:class:`~xlkpi.errors.XLError`. A worksheet is read as a stream (lxml ``iterparse``, each row
dropped once read), so memory follows the cells kept, not the rows or the size of the XML: a
million empty formatted rows cost nothing. Cells are counted against the memory budget, and a
sheet holding more than it allows is refused by name as soon as the count passes it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..a1 import Cell, split_cell
from ..errors import WorkbookError, XLError
from . import limits
from .package import WORKBOOK, Package, attribute, local
from .limits import mib

_TRUE = ("1", "true")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CHECK_EVERY = 1 << 14  # cells between two looks at the budget


@dataclass(frozen=True)
class DefinedName:
    name: str
    text: str
    sheet: int | None  # localSheetId: the index of the sheet it belongs to, None for a global name


@dataclass(frozen=True)
class SheetEntry:
    title: str
    part: str | None  # its worksheet part; None for a chart sheet or a part the package lacks


@dataclass
class WorkbookInfo:
    """What xl/workbook.xml says: sheets in order, defined names, date system, calculation settings."""

    sheets: list[SheetEntry] = field(default_factory=list)
    names: list[DefinedName] = field(default_factory=list)
    date1904: bool = False
    iterate: tuple[int, float] | None = None  # iterative calculation: (at most so many passes, until changes < this)
    calc_on_load: bool = False  # fullCalcOnLoad: Excel recomputes every formula on open
    strings_part: str | None = None


@dataclass(frozen=True)
class FormulaXml:
    """An ``<f>`` element as written: its text and attributes."""

    text: str
    kind: str = "normal"  # "normal", "shared", "array" or "dataTable"
    ref: str | None = None  # an array or data table's range, a shared group's range on its anchor
    si: str | None = None  # a shared group's index
    data_table: tuple[bool, bool, Cell | None, Cell | None] | None = None  # (dt2D, dtr, r1, r2)


@dataclass(frozen=True)
class TableXml:
    name: str
    ref: str
    columns: list[str]
    header_rows: int
    totals_rows: int
    autofilter: str | None  # the range of its AutoFilter when it filters something


def unescape(text: str) -> str:
    """Excel's _xHHHH_ escapes."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def read_workbook(package: Package) -> WorkbookInfo:
    """xl/workbook.xml, its sheets resolved to their parts."""
    targets = package.targets(WORKBOOK)
    info = WorkbookInfo(strings_part=next((t for t in targets.values() if t.endswith("sharedStrings.xml")), None))
    for element in package.xml(WORKBOOK).iter():
        tag = local(element.tag)
        if tag == "workbookPr":
            info.date1904 = element.get("date1904", "0").lower() in _TRUE
        elif tag == "calcPr":
            info.calc_on_load = element.get("fullCalcOnLoad", "0").lower() in _TRUE
            if element.get("iterate", "0").lower() in _TRUE:
                info.iterate = (int(element.get("iterateCount", "100")), float(element.get("iterateDelta", "0.001")))
        elif tag == "sheet":
            target = targets.get(attribute(element, "id") or "")
            ok = target is not None and package.has(target) and "worksheet" in target
            info.sheets.append(SheetEntry(element.get("name", ""), target if ok else None))
        elif tag == "definedName":
            sheet = element.get("localSheetId")
            if sheet is None or sheet.isdigit():
                info.names.append(DefinedName(element.get("name", ""), element.text or "",
                                              None if sheet is None else int(sheet)))
    return info


def _text(item: Any) -> str:
    """The text of an <si> or <is>: its <t> runs, phonetic runs (<rPh>) left out."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = local(child.tag) if isinstance(child.tag, str) else ""
            if tag == "t":
                parts.append(child.text or "")
            elif tag != "rPh":
                walk(child)

    walk(item)
    return unescape("".join(parts))


def _events(package: Package, part: str, tags: tuple[str, ...]) -> Iterator[Any]:
    """The ``end`` of each element of ``part`` whose local name is in ``tags``, streamed."""
    try:
        with package.open(part) as stream:
            for _, element in etree.iterparse(stream, events=("end",), tag=[f"{{*}}{t}" for t in tags],
                                              resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True):
                yield element
    except MemoryError:
        raise WorkbookError(package.path, f"part {part} is too large for this machine's memory") from None
    except etree.XMLSyntaxError as error:
        if "memory" in str(error).lower() or "unknown error" in str(error):  # libxml2 out of memory
            raise WorkbookError(package.path, f"part {part} is too large for this machine's memory") from None
        raise WorkbookError(package.path, f"corrupt workbook: part {part} is not well-formed XML ({error})") from None


def _drop(element: Any) -> None:
    """Free ``element`` and the siblings read before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def shared_strings(package: Package, info: WorkbookInfo) -> list[str]:
    part = info.strings_part or "xl/sharedStrings.xml"
    if not package.has(part):
        return []
    strings = []
    for item in _events(package, part, ("si",)):
        strings.append(_text(item))
        _drop(item)
    return strings


def read_table(package: Package, part: str) -> TableXml:
    root = package.xml(part)
    columns = [unescape(c.get("name", "")) for c in root.iter() if local(c.tag) == "tableColumn"]
    autofilter = next((e.get("ref") for e in root if local(e.tag) == "autoFilter" and _filtering(e)), None)
    return TableXml(root.get("displayName") or root.get("name") or "", root.get("ref", ""), columns,
                    int(root.get("headerRowCount", "1")), int(root.get("totalsRowCount", "0")), autofilter)


def _filtering(autofilter: Any) -> bool:
    """An AutoFilter that filters something (has a filter column)."""
    return any(isinstance(c.tag, str) and local(c.tag) == "filterColumn" for c in autofilter)


class CellBudget:
    """Cells kept across a workbook's sheets, against the memory budget."""

    def __init__(self, package: Package):
        self.path, self.max_memory = package.path, package.max_memory
        self.most = max(package.max_memory // limits.CELL_BYTES, 1)
        self.cells = 0

    def spend(self, cells: int, sheet: str) -> None:
        self.cells += cells
        if self.cells > self.most:
            raise WorkbookError(self.path, f"too large for the memory budget: more than {self.most:,} cells "
                                           f"to hold within {mib(self.max_memory)} (--max-memory)", sheet)


class SheetReader:
    """One worksheet's cells, streamed: iterate :meth:`cells`; then ``hidden_rows`` and
    ``autofilter`` (its range, when it filters something) are known."""

    def __init__(self, package: Package, part: str, title: str, strings: list[str], budget: CellBudget):
        self.package, self.part, self.title, self.strings, self.budget = package, part, title, strings, budget
        self.hidden_rows: set[int] = set()
        self.autofilter: str | None = None

    def cells(self) -> Iterator[tuple[int, int, object, FormulaXml | None]]:
        """(row, column, stored value, formula) of every cell that holds a value or a formula.
        A cell or row without its ``r`` attribute follows the one before it."""
        row = 0
        kept = 0
        c_tag = v_tag = f_tag = is_tag = ""
        for element in _events(self.package, self.part, ("row", "autoFilter")):
            tag = element.tag
            if tag == "autoFilter" or local(tag) == "autoFilter":
                parent = element.getparent()
                if parent is not None and local(parent.tag) == "worksheet" and element.get("ref") \
                        and _filtering(element):
                    self.autofilter = element.get("ref")
                continue
            number = element.get("r")
            row = int(number) if number else row + 1
            if element.get("hidden") in _TRUE:
                self.hidden_rows.add(row)
            last_ref, offset = None, 0  # a cell's column: the last r attribute, plus the r-less cells since
            for cell in element:
                if cell.tag != c_tag:
                    if not isinstance(cell.tag, str) or local(cell.tag) != "c":
                        continue
                    ns = cell.tag[:-1]
                    c_tag, v_tag, f_tag, is_tag = cell.tag, f"{ns}v", f"{ns}f", f"{ns}is"
                ref = cell.get("r")
                if ref:
                    last_ref, offset = ref, 0
                else:
                    offset += 1
                if not len(cell):  # no value, no formula: a formatted empty cell costs nothing
                    continue
                if last_ref is None:
                    col = offset
                else:
                    row, col = split_cell(last_ref)
                    col += offset
                kind = cell.get("t")
                if kind is None and len(cell) == 1 and cell[0].tag == v_tag:  # a plain number
                    text = cell[0].text
                    if text is not None:
                        kept += 1
                        yield row, col, float(text), None
                    continue
                text = inline = formula = None
                for child in cell:
                    if child.tag == v_tag:
                        text = child.text
                    elif child.tag == f_tag:
                        formula = child
                    elif child.tag == is_tag:
                        inline = child
                value = self._value(kind or "n", text, inline)
                if value is None and formula is None:
                    continue
                kept += 1
                yield row, col, value, _formula(formula) if formula is not None else None
            _drop(element)
            if kept >= _CHECK_EVERY:
                self.budget.spend(kept, self.title)
                kept = 0
        self.budget.spend(kept, self.title)

    def _value(self, kind: str, text: str | None, inline: Any) -> object:
        if kind == "inlineStr":
            return _text(inline) if inline is not None else ""
        if text is None:
            return None
        if kind == "s":
            return self.strings[int(text)]
        if kind in ("str", "d"):
            return unescape(text)
        if kind == "b":
            return text.strip() in _TRUE
        if kind == "e":
            return XLError.parse(text) or XLError.VALUE
        return float(text)


def _row_number(element: Any, previous: int) -> int:
    number = element.get("r")
    return int(number) if number else previous + 1


def _formula(element: Any) -> FormulaXml:
    kind = element.get("t", "normal")
    table = None
    if kind == "dataTable":
        r1, r2 = (split_cell(element.get(a)) if element.get(a) else None for a in ("r1", "r2"))
        table = (element.get("dt2D", "0") in _TRUE, element.get("dtr", "0") in _TRUE, r1, r2)
    return FormulaXml(element.text or "", kind, element.get("ref") or None, element.get("si"), table)
