"""Excel's order of text: without regard to case, accents after the letter they sit on.

``"ä" < "b"`` and ``"a" < "ä"`` are TRUE, ``"A" = "a"`` is TRUE, ``"ä" = "a"`` is FALSE
(Microsoft, "Sort data in a range or table": text sorts alphanumerically, case-insensitively).
One key for the comparison operators and for MATCH, SORT and the other look-ups.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def text_key(text: str) -> tuple[str, str]:
    """The sort key of ``text``: its letters without accents or case first, then with accents."""
    folded = text.casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base, unicodedata.normalize("NFC", folded)
