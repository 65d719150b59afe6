"""Excel's operators on single values, exactly, in plain Python; arrays go to ``formulas``' own.

Coercion (Excel's rules): blank is 0 (or "" beside text, FALSE beside a boolean in a
comparison), TRUE is 1, text that reads as a number is that number, other text is #VALUE!;
the left operand's error wins. Results that are not finite are #NUM!.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.functions import _text2num
from formulas.functions.operators import OPERATORS
from formulas.tokens.operand import XlError

from .refs import Ref
from .xlvalues import DIV0, EMPTY, ERRORS, NUM, VALUE


def to_number(value: Any) -> Any:
    """A single value as a float, or the error it is (text that is no number: #VALUE!)."""
    kind = type(value)
    if kind is float:
        return value
    if kind is int or kind is bool:
        return float(value)
    if value is EMPTY:
        return 0.0
    if isinstance(value, XlError):
        return value
    if isinstance(value, str):
        return text_to_number(value)
    if isinstance(value, np.generic):
        return to_number(value.item())
    return VALUE


_GROUPED = re.compile(r"([+-]?)\$?(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?")
_TIME = re.compile(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?(?:\s*([AP])M)?", re.IGNORECASE)


def text_to_number(text: str) -> Any:
    """Text as Excel reads it in arithmetic: "12", " 1e3 ", "10%", "$4.00", "1,000", "12:30",
    dates; else #VALUE! ("TRUE" included: text is no boolean there)."""
    stripped = text.strip()
    if not stripped:
        return VALUE
    try:
        number = float(stripped)
    except ValueError:
        pass
    else:
        return number if math.isfinite(number) else VALUE
    if stripped.endswith("%"):
        inner = text_to_number(stripped[:-1])
        return inner / 100 if isinstance(inner, float) else VALUE
    grouped = _GROUPED.fullmatch(stripped)
    if grouped and (grouped[2] or grouped[3] not in (None, ".")):
        number = float((grouped[2] or "0").replace(",", "") + (grouped[3] or ""))
        return -number if grouped[1] == "-" else number
    time = _TIME.fullmatch(stripped)
    if time:
        hours, minutes, seconds = int(time[1]), int(time[2]), float(time[3] or 0)
        if time[4]:
            if not 1 <= hours <= 12:
                return VALUE
            hours = hours % 12 + (12 if time[4].upper() == "P" else 0)
        return (hours * 3600 + minutes * 60 + seconds) / 86400 if minutes < 60 and seconds < 60 else VALUE
    if not re.search(r"[A-Za-z/-]", stripped):  # formulas' date reader takes "1,2" or "1 000" for dates
        return VALUE
    converted = _text2num(stripped)
    return float(converted) if isinstance(converted, (int, float)) and not isinstance(converted, bool) else VALUE


_CANCEL = 2.0**-48  # relative size of a sum that Excel takes for 0 when its operands cancel out


def _finite(result: float) -> Any:
    return result if math.isfinite(result) else NUM


def _arithmetic(name: str, op: Callable[[float, float], Any]) -> Callable[[Any, Any], Any]:
    array_op = OPERATORS[name]

    def apply(left: Any, right: Any) -> Any:
        if type(left) is float and type(right) is float:
            return op(left, right)
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            return array_op(left, right)
        a, b = to_number(left), to_number(right)
        if isinstance(a, XlError):
            return a
        if isinstance(b, XlError):
            return b
        return op(a, b)

    return apply


def _add(a: float, b: float) -> Any:
    """a + b, 0 when the operands cancel out but for binary rounding (Excel's compensation)."""
    result = a + b
    if result and (a < 0) != (b < 0) and abs(result) <= abs(a) * _CANCEL:
        return 0.0
    return _finite(result)


def _divide(a: float, b: float) -> Any:
    return _finite(a / b) if b else DIV0


def _power(a: float, b: float) -> Any:
    if a == 0 and b == 0:
        return NUM
    if a == 0 and b < 0:
        return DIV0
    try:
        result = a**b
    except OverflowError:
        return NUM
    return NUM if isinstance(result, complex) else _finite(result)


def _rank(value: Any) -> tuple[int, Any]:
    """Excel's comparison order: numbers < text (case-insensitive) < booleans."""
    if isinstance(value, bool):
        return 2, value
    if isinstance(value, str):
        return 1, value.upper()
    return 0, value


def _comparison(name: str, op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    array_op = OPERATORS[name]

    def apply(left: Any, right: Any) -> Any:
        if type(left) is float and type(right) is float:
            return op(left, right)
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            return array_op(left, right)
        if isinstance(left, XlError):
            return left
        if isinstance(right, XlError):
            return right
        if isinstance(left, np.generic):
            left = left.item()
        if isinstance(right, np.generic):
            right = right.item()
        if left is EMPTY:
            left = "" if isinstance(right, str) else False if isinstance(right, bool) else 0.0
        if right is EMPTY:
            right = "" if isinstance(left, str) else False if isinstance(left, bool) else 0.0
        return op(_rank(left), _rank(right))

    return apply


def number_text(number: float) -> str:
    """A number as text, as ``&`` makes it: at most 15 significant digits, 1E+15 and up in
    Excel's scientific notation ("1E+20", "1.5E-07")."""
    text = f"{number:.15g}" if number else "0"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):02d}"


def _text(value: Any) -> Any:
    if value is EMPTY:
        return ""
    if isinstance(value, XlError):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    if isinstance(value, np.generic):
        value = value.item()
    return number_text(float(value)) if isinstance(value, (int, float)) else VALUE


def concat(left: Any, right: Any) -> Any:
    if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
        return OPERATORS["&"](left, right)
    a, b = _text(left), _text(right)
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    return a + b


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _arithmetic("+", _add),
    "-": _arithmetic("-", lambda a, b: _add(a, -b)),
    "*": _arithmetic("*", lambda a, b: _finite(a * b)),
    "/": _arithmetic("/", _divide),
    "^": _arithmetic("^", _power),
    "&": concat,
    "=": _comparison("=", lambda a, b: a == b),
    "<>": _comparison("<>", lambda a, b: a != b),
    "<": _comparison("<", lambda a, b: a < b),
    ">": _comparison(">", lambda a, b: a > b),
    "<=": _comparison("<=", lambda a, b: a <= b),
    ">=": _comparison(">=", lambda a, b: a >= b),
}


def _unary(name: str, op: Callable[[float], Any]) -> Callable[[Any], Any]:
    array_op = OPERATORS[name]

    def apply(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            return array_op(value)
        number = to_number(value)
        return number if isinstance(number, XlError) else op(number)

    return apply


UNARY: dict[str, Callable[[Any], Any]] = {
    "U-": _unary("U-", lambda a: -a),
    "U+": lambda value: value,
    "%": _unary("%", lambda a: a / 100),
}


# --- reference operators: ':' (range), ' ' (intersection), ',' (union) ----------------------------


def _span(ctx: Any, left: Any, right: Any) -> Any:
    if isinstance(left, XlError):
        return left
    if isinstance(right, XlError):
        return right
    if not isinstance(left, Ref) or not isinstance(right, Ref) or left.sheet.upper() != right.sheet.upper():
        return VALUE
    return Ref(left.sheet, min(left.r1, right.r1), min(left.c1, right.c1), max(left.r2, right.r2), max(left.c2, right.c2))


def _intersect(ctx: Any, left: Any, right: Any) -> Any:
    if isinstance(left, XlError):
        return left
    if isinstance(right, XlError):
        return right
    if not isinstance(left, Ref) or not isinstance(right, Ref):
        return VALUE
    r1, c1 = max(left.r1, right.r1), max(left.c1, right.c1)
    r2, c2 = min(left.r2, right.r2), min(left.c2, right.c2)
    if left.sheet.upper() != right.sheet.upper() or r1 > r2 or c1 > c2:
        return ERRORS["#NULL!"]
    return Ref(left.sheet, r1, c1, r2, c2)


def _union(ctx: Any, left: Any, right: Any) -> Any:
    parts = [*(left if isinstance(left, tuple) else (left,)), *(right if isinstance(right, tuple) else (right,))]
    return tuple(parts)


REFERENCE_OPERATORS: dict[str, Callable[[Any, Any, Any], Any]] = {":": _span, " ": _intersect, ",": _union}


def implicit(ctx: Any, value: Any) -> Any:
    """Implicit intersection (``@``, and a single cell's formula that yields a block):
    the cell of a one-column (one-row) block in the formula's row (column), else #VALUE!;
    an array gives its first value."""
    if isinstance(value, Ref):
        if value.is_cell:
            return ctx.env.value(value)
        row, col = ctx.cell
        if value.c1 == value.c2 and value.r1 <= row <= value.r2:
            return ctx.env.value(Ref(value.sheet, row, value.c1, row, value.c1))
        if value.r1 == value.r2 and value.c1 <= col <= value.c2:
            return ctx.env.value(Ref(value.sheet, value.r1, col, value.r1, col))
        return VALUE
    if isinstance(value, np.ndarray):
        return value.flat[0] if value.size else EMPTY
    return value
