"""Excel's criteria (SUMIFS, COUNTIFS …): a criterion → a test of one cell, built once.

A number matches equal numbers (and text that reads as that number); "<5", ">=2026-01-05" and
the other comparisons compare numbers with numbers (not with text that reads as one) and text
with text (case-insensitively);
"=text" and "text" match text case-insensitively with the wildcards * ? and ~; "<>x" matches
every cell that does not match "x", blanks included; "" matches blank cells and empty text, "="
only blank cells, "<>" every other cell; TRUE/FALSE match booleans; an error matches that error.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from formulas.tokens.operand import XlError

from .operators import text_to_number
from .xlvalues import EMPTY, parse_error

Test = Callable[[Any], bool]

_COMPARE = {"<=": operator.le, ">=": operator.ge, "<>": operator.ne, "<": operator.lt, ">": operator.gt, "=": operator.eq}


@lru_cache(maxsize=4096)
def _number(text: str) -> Any:
    """A text cell as a number, when it reads as one (cached: the same texts recur)."""
    value = text_to_number(text)
    return value if isinstance(value, float) else None


def _as_number(value: Any) -> float | None:
    kind = type(value)
    if kind is float or kind is int:
        return value
    if kind is str:
        return _number(value)
    return None


def matcher(criterion: Any) -> Test:
    """The test for ``criterion`` (a number, text, boolean, blank or error)."""
    if isinstance(criterion, XlError):
        return lambda v: isinstance(v, XlError) and v == criterion
    if isinstance(criterion, bool):
        return lambda v: type(v) is bool and v is criterion
    if criterion is EMPTY:
        return _equal_number(0.0)
    if isinstance(criterion, (int, float)):
        return _equal_number(float(criterion))
    return _text_criterion(str(criterion))


def _equal_number(number: float) -> Test:
    return lambda v: type(v) is not bool and _as_number(v) == number


@lru_cache(maxsize=1024)
def _text_criterion(text: str) -> Test:
    op, explicit = "=", False
    for prefix in ("<=", ">=", "<>", "<", ">", "="):
        if text.startswith(prefix):
            op, text, explicit = prefix, text[len(prefix):], True
            break
    compare = _COMPARE[op]
    if text == "":
        if op == "<>":
            return lambda v: v is not EMPTY
        if op == "=":
            return lambda v: v is EMPTY if explicit else v is EMPTY or v == ""
        return lambda v: False
    error = parse_error(text)
    if error is not None:
        if op == "<>":  # "<>x" is every cell "=x" does not match (Excel's own workbooks show it)
            return lambda v: not (isinstance(v, XlError) and v == error)
        return lambda v: isinstance(v, XlError) and compare(str(v), str(error))
    upper = text.upper()
    if upper in ("TRUE", "FALSE"):
        flag = upper == "TRUE"
        if op == "<>":
            return lambda v: not (type(v) is bool and v is flag)
        return lambda v: type(v) is bool and compare(v, flag)
    number = text_to_number(text)
    if isinstance(number, float):
        if op == "<>":  # text that reads as the number is not that number here
            return lambda v: not ((type(v) is float or type(v) is int) and v == number)
        if op == "=":
            return lambda v: type(v) is not bool and _as_number(v) == number
        return lambda v: (type(v) is float or type(v) is int) and compare(v, number)
    if op in ("=", "<>"):
        pattern = _wildcards(upper)
        if op == "=":
            return lambda v: type(v) is str and not isinstance(v, XlError) and pattern(v.upper())
        return lambda v: not (type(v) is str and not isinstance(v, XlError) and pattern(v.upper()))
    return lambda v: type(v) is str and not isinstance(v, XlError) and compare(v.upper(), upper)


def _wildcards(text: str) -> Callable[[str], bool]:
    """Excel's * ? ~ as a matcher of whole (upper-cased) texts."""
    if not re.search(r"[*?]", text):
        plain = text.replace("~~", "~")
        return lambda v: v == plain
    parts = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "~" and i + 1 < len(text) and text[i + 1] in "*?~":
            parts.append(re.escape(text[i + 1]))
            i += 2
            continue
        parts.append(".*" if char == "*" else "." if char == "?" else re.escape(char))
        i += 1
    compiled = re.compile("".join(parts), re.DOTALL)
    return lambda v: compiled.fullmatch(v) is not None
