"""A formula's shape: its text with every reference made relative to the formula's cell (R1C1).

The weekly workbook's 4,757 formulas share a few hundred shapes (one row formula filled down
53 weeks), so the evaluator parses and compiles each shape once and binds every cell of it to its
own position. :func:`shape_of` scans a formula's text once (string literals and quoted sheet
names are skipped over) and returns the shape's key, the text the ``formulas`` parser reads
(references replaced by placeholder names ``_XLKPI0``, ``_XLKPI1`` …) and one
:class:`Template` per reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..formula_tokens import TOKEN
from .refs import MAX_COL, MAX_ROW, Cell, Ref, col_index

PLACEHOLDER = "_XLKPI"
# The formulas parser deletes line breaks, even inside text: they travel as private-use characters.
_PROTECT = str.maketrans({"\n": "\ue000", "\r": "\ue001"})
RESTORE = str.maketrans({"\ue000": "\n", "\ue001": "\r"})

_EXTERNAL = re.compile(r"\[\d+\]\Z")  # a workbook link's index, just before a sheet name
_UNSIGNED_EXPONENT = re.compile(r"[eE](\d)")
_CORNER = re.compile(r"(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?")


@dataclass(frozen=True, slots=True)
class Template:
    """A reference as written in a formula: each bound either fixed ($) or as an offset from
    the formula's cell. ``sheet`` None: the formula's own sheet; ``last_sheet``: a 3-D reference
    (``Jan:Mar!B2``)."""

    sheet: str | None
    last_sheet: str | None
    r1: int
    c1: int
    r2: int
    c2: int
    fixed: tuple[bool, bool, bool, bool]  # r1, c1, r2, c2

    def __reduce__(self) -> tuple[Any, ...]:
        return Template, (self.sheet, self.last_sheet, self.r1, self.c1, self.r2, self.c2, self.fixed)

    def bind(self, sheet: str, cell: Cell) -> Ref | None:
        """The reference at ``cell`` of ``sheet``; None when it falls off the sheet (#REF!)."""
        row, col = cell
        fr1, fc1, fr2, fc2 = self.fixed
        r1 = self.r1 if fr1 else row + self.r1
        c1 = self.c1 if fc1 else col + self.c1
        r2 = self.r2 if fr2 else row + self.r2
        c2 = self.c2 if fc2 else col + self.c2
        if min(r1, r2) < 1 or min(c1, c2) < 1 or max(r1, r2) > MAX_ROW or max(c1, c2) > MAX_COL:
            return None
        return Ref(self.sheet or sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


@dataclass(frozen=True, slots=True)
class TableTemplate:
    """A structured reference (``Table1[[#This Row],[Jan]:[Dec]]``), resolved when bound."""

    table: str
    spec: str


@dataclass(frozen=True, slots=True)
class Shape:
    key: str
    text: str  # for the parser: references replaced by placeholders
    refs: tuple[Template | TableTemplate, ...]


def _unquote(sheet: str) -> str:
    return sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet


def _template(sheet: str | None, area: str, cell: Cell) -> Template | None:
    row, col = cell
    first, _, last = area.partition(":")
    corners = []
    for text, end in ((first, 1), (last or first, 2)):
        match = _CORNER.fullmatch(text)
        if match is None:
            return None
        col_fixed, letters, row_fixed, digits = match.groups()
        if letters is None and digits is None:
            return None
        if digits is None:  # whole column
            r, rf = (1 if end == 1 else MAX_ROW), True
        else:
            r, rf = int(digits), bool(row_fixed)
            if not 1 <= r <= MAX_ROW:
                return None
        if letters is None:  # whole row
            c, cf = (1 if end == 1 else MAX_COL), True
        else:
            c, cf = col_index(letters), bool(col_fixed)
            if not 1 <= c <= MAX_COL:
                return None
        corners.append((r if rf else r - row, rf, c if cf else c - col, cf))
    (r1, f1, c1, g1), (r2, f2, c2, g2) = corners
    last_sheet = None
    if sheet is not None:
        sheet = _unquote(sheet)
        if ":" in sheet:
            sheet, last_sheet = sheet.split(":", 1)
    return Template(sheet, last_sheet, r1, c1, r2, c2, (f1, g1, f2, g2))


def _render(template: Template) -> str:
    def part(value: int, fixed: bool) -> str:
        return str(value) if fixed else f"[{value}]"

    t = template
    sheet = f"{t.sheet}{':' + t.last_sheet if t.last_sheet else ''}!" if t.sheet else ""
    return f"{sheet}R{part(t.r1, t.fixed[0])}C{part(t.c1, t.fixed[1])}:R{part(t.r2, t.fixed[2])}C{part(t.c2, t.fixed[3])}"


def shape_of(text: str, cell: Cell) -> Shape:
    """The shape of the formula ``text`` (without its "=") written in ``cell``."""
    key: list[str] = []
    parse: list[str] = []
    refs: list[Template | TableTemplate] = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        token = match.group(0)
        if kind == "ref":
            sheet = match.group("sheet")
            book = _EXTERNAL.search(text, 0, match.start())
            if sheet is not None and book is not None:  # [1]Sheet1!A1: another workbook's sheet
                sheet, key[-3:], parse[-3:] = book.group(0) + sheet, [], []
            template = _template(sheet, match.group("area"), cell)
            if template is not None:
                key.append("{" + _render(template) + "}")
                parse.append(f"{PLACEHOLDER}{len(refs)}")
                refs.append(template)
                continue
        elif kind == "table":
            name, _, spec = token.partition("[")
            key.append(token)
            parse.append(f"{PLACEHOLDER}{len(refs)}")
            refs.append(TableTemplate(name, "[" + spec))
            continue
        key.append(token)
        parse.append(_for_parser(kind, token, text[match.end():match.end() + 1]))
    return Shape("".join(key), "".join(parse), tuple(refs))


def _for_parser(kind: str | None, token: str, following: str) -> str:
    """A token as the ``formulas`` parser reads it: line breaks in text protected, an exponent
    with its sign (1.2E15 as 1.2E+15), percent signs apart (1000%% as 1000% %)."""
    if kind == "string":
        return token.translate(_PROTECT)
    if kind == "number":
        return _UNSIGNED_EXPONENT.sub(r"E+\1", token)
    if token == "%" and following == "%":
        return "% "
    return token
