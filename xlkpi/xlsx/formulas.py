"""A formula's text as Excel reads it in another cell: the one translator of shared formulas
(a group stores its text once, on its anchor)."""
from __future__ import annotations

import re

from ..a1 import MAX_COL, MAX_ROW, col_index, col_letters
from ..formula_tokens import TOKEN

_CORNER = re.compile(r"(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?")


def translate(text: str, rows: int, cols: int) -> str:
    """``text``, a formula written in one cell, as Excel reads it ``rows`` rows and ``cols``
    columns further (a shared formula's text in one of its other cells): relative parts of
    references move, $ parts stay; a reference moved off the sheet is #REF!."""

    def corner(part: str) -> str | None:
        match = _CORNER.fullmatch(part)
        if match is None:
            return None
        col_fixed, letters, row_fixed, digits = match.groups()
        out = ""
        if letters:
            col = col_index(letters) + (0 if col_fixed else cols)
            if not 1 <= col <= MAX_COL:
                return None
            out += col_fixed + col_letters(col)
        if digits:
            row = int(digits) + (0 if row_fixed else rows)
            if not 1 <= row <= MAX_ROW:
                return None
            out += row_fixed + str(row)
        return out

    out = []
    for token in TOKEN.finditer(text):
        if token.lastgroup != "ref":
            out.append(token.group(0))
            continue
        sheet = token.group("sheet")
        moved = [corner(part) for part in token.group("area").split(":")]
        area = ":".join(m for m in moved if m is not None) if None not in moved else None
        out.append(f"{sheet + '!' if sheet else ''}{area}" if area is not None else "#REF!")
    return "".join(out)
