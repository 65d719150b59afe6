"""Excel error values (values, never exceptions, so they can flow into cells) and bad-input errors."""
from __future__ import annotations

from enum import Enum
from os import PathLike


class XLError(str, Enum):
    """An Excel error value. Compares equal to its text: ``XLError.DIV0 == "#DIV/0!"``."""

    NULL = "#NULL!"
    DIV0 = "#DIV/0!"
    VALUE = "#VALUE!"
    REF = "#REF!"
    NAME = "#NAME?"
    NUM = "#NUM!"
    NA = "#N/A"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str) -> XLError | None:
        """The error whose text is ``text`` (case-insensitive), or None."""
        return _BY_TEXT.get(text.strip().upper())


_BY_TEXT = {e.value: e for e in XLError}


def is_error(value: object) -> bool:
    """True for an XLError, or a string that is exactly an Excel error's text."""
    return isinstance(value, XLError) or (isinstance(value, str) and XLError.parse(value) is not None)


class WorkbookError(Exception):
    """Bad input in a user's workbook: names the file, and the sheet and cell where there is one."""

    def __init__(self, path: str | PathLike[str], message: str, sheet: str | None = None, cell: str | None = None):
        self.path, self.message, self.sheet, self.cell = str(path), message, sheet, cell
        where = f"{sheet}!{cell}" if sheet and cell else sheet or ""
        super().__init__(f"{self.path}: {where + ': ' if where else ''}{message}")
