"""A bound reference to a block of cells; the A1 helpers it builds on come from :mod:`xlkpi.a1`."""
from __future__ import annotations

from dataclasses import dataclass

from ..a1 import MAX_COL, MAX_ROW, Cell, cell_name, col_index, col_letters, split_cell, split_range

__all__ = ["MAX_COL", "MAX_ROW", "Cell", "Ref", "cell_name", "col_index", "col_letters", "split_cell", "split_range"]

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
