"""A1 cell references ⇄ (row, column), both from 1: "B12" ⇄ (12, 2). Standard library only,
so the engine, the package writer and the workbook layout all use it without importing more."""
from __future__ import annotations

import functools
import re

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
