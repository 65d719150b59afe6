"""Excel error values, modelled as values (never exceptions) so they can flow into cells."""
from __future__ import annotations

from enum import Enum


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
