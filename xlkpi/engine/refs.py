"""Cell positions and references: A1 text ⇄ (row, column), and a bound reference to a block of cells."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

Cell = tuple[int, int]  # (row, column), both from 1

MAX_ROW = 1_048_576
MAX_COL = 16_384

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


@functools.cache
def col_index(letters: str) -> int:
    """"A" → 1, "AA" → 27."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index


@functools.cache
def col_letters(index: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@functools.lru_cache(maxsize=1 << 17)
def split_cell(ref: str) -> Cell:
    """"B12" → (12, 2) (cached: every workbook of a template names the same cells)."""
    match = _CELL.fullmatch(ref)
    if match is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), col_index(match.group(1))


def cell_name(cell: Cell) -> str:
    """(12, 2) → "B12"."""
    return f"{col_letters(cell[1])}{cell[0]}"


def split_range(ref: str) -> tuple[int, int, int, int]:
    """"A1:C3" (or "A1", "A:C", "1:3", with or without $) → (r1, c1, r2, c2)."""
    ref = ref.replace("$", "")
    first, _, last = ref.partition(":")
    last = last or first
    r1, c1 = _part(first, 1)
    r2, c2 = _part(last, 2)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _part(text: str, end: int) -> Cell:
    if text.isdigit():
        return int(text), 1 if end == 1 else MAX_COL
    if text.isalpha():
        return 1 if end == 1 else MAX_ROW, col_index(text)
    return split_cell(text)


@dataclass(frozen=True, slots=True)
class Ref:
    """A rectangular block of cells of one sheet (a reference, as OFFSET or INDEX return it)."""

    sheet: str  # the sheet's title
    r1: int
    c1: int
    r2: int
    c2: int

    def __reduce__(self) -> tuple[type[Ref], tuple[str, int, int, int, int]]:
        return Ref, (self.sheet, self.r1, self.c1, self.r2, self.c2)  # dataclass' own unpickling is slow

    @property
    def is_cell(self) -> bool:
        return self.r1 == self.r2 and self.c1 == self.c2

    @property
    def shape(self) -> tuple[int, int]:
        return self.r2 - self.r1 + 1, self.c2 - self.c1 + 1

    def offset(self, rows: int, cols: int, height: int | None = None, width: int | None = None) -> Ref | None:
        """OFFSET's reference, or None when it leaves the sheet."""
        h = self.r2 - self.r1 + 1 if height is None else height
        w = self.c2 - self.c1 + 1 if width is None else width
        r1, c1 = self.r1 + rows, self.c1 + cols
        if h < 1 or w < 1 or r1 < 1 or c1 < 1 or r1 + h - 1 > MAX_ROW or c1 + w - 1 > MAX_COL:
            return None
        return Ref(self.sheet, r1, c1, r1 + h - 1, c1 + w - 1)

    def __str__(self) -> str:
        first = f"{col_letters(self.c1)}{self.r1}"
        last = f"{col_letters(self.c2)}{self.r2}"
        return f"{self.sheet}!{first}" if self.is_cell else f"{self.sheet}!{first}:{last}"
