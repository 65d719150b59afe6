"""Excel's operators, exactly, in plain Python: on single values, and cell by cell on arrays.

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
from formulas.tokens.operand import XlError

from .collation import text_key
from .limits import MAX_TEXT
from .numfmt import number_text
from .refs import Ref
from .xlvalues import DIV0, EMPTY, ERRORS, NA, NUM, VALUE


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


def elementwise(op: Callable[[Any, Any], Any], left: Any, right: Any) -> np.ndarray:
    """``op`` over two values, one of them an array, cell by cell: a row or column (or a single
    value) stretches across the other; beyond the smaller of two larger blocks, #N/A (Excel's rule)."""
    a = left if isinstance(left, np.ndarray) else np.array([[left]], dtype=object)
    b = right if isinstance(right, np.ndarray) else np.array([[right]], dtype=object)
    a, b = np.atleast_2d(a), np.atleast_2d(b)
    height, width = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    a, b = _stretch(a, height, width), _stretch(b, height, width)
    result: np.ndarray = np.frompyfunc(op, 2, 1)(a, b)
    return result.astype(object) if result.dtype != object else result


def _stretch(array: np.ndarray, height: int, width: int) -> np.ndarray:
    """``array`` padded with #N/A to ``height`` × ``width`` where it is neither that size nor 1."""
    h, w = array.shape
    if (h in (1, height)) and (w in (1, width)):
        return array
    padded = np.full((height if h != 1 else 1, width if w != 1 else 1), NA, dtype=object)
    padded[:h, :w] = array
    return padded


def _arithmetic(op: Callable[[float, float], Any]) -> Callable[[Any, Any], Any]:
    def scalar(left: Any, right: Any) -> Any:
        if type(left) is float and type(right) is float:
            return op(left, right)
        a, b = to_number(left), to_number(right)
        if isinstance(a, XlError):
            return a
        if isinstance(b, XlError):
            return b
        return op(a, b)

    def apply(left: Any, right: Any) -> Any:
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            return elementwise(scalar, left, right)
        return scalar(left, right)

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


def compare_numbers(a: float, b: float) -> int:
    """-1, 0 or 1: ``a`` against ``b`` to 15 significant digits, as Excel compares numbers
    (=5.8=5.800000000000001 is TRUE)."""
    if a == b:
        return 0
    if abs(a - b) <= 1e-14 * max(abs(a), abs(b)) and f"{a:.14e}" == f"{b:.14e}":
        return 0
    return -1 if a < b else 1


def compare(left: Any, right: Any) -> Any:
    """-1, 0 or 1: Excel's order of two single values (numbers < text < FALSE < TRUE; text
    without regard to case, :mod:`.collation`; a blank is 0, "" or FALSE beside the other);
    or the left operand's error, else the right one's."""
    if type(left) is float and type(right) is float:
        return compare_numbers(left, right)
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
    x, y = _rank(left), _rank(right)
    if x != y:
        return -1 if x < y else 1
    if x == 0:
        return compare_numbers(float(left), float(right))
    a, b = (text_key(left), text_key(right)) if x == 1 else (left, right)
    return 0 if a == b else -1 if a < b else 1


def _rank(value: Any) -> int:
    """Excel's order of kinds: numbers, text, booleans."""
    return 2 if isinstance(value, bool) else 1 if isinstance(value, str) else 0


def _comparison(test: Callable[[int], bool]) -> Callable[[Any, Any], Any]:
    def scalar(left: Any, right: Any) -> Any:
        order = compare(left, right)
        return order if isinstance(order, XlError) else test(order)

    def apply(left: Any, right: Any) -> Any:
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            return elementwise(scalar, left, right)
        return scalar(left, right)

    return apply


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


def _concat(left: Any, right: Any) -> Any:
    a, b = _text(left), _text(right)
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    return a + b if len(a) + len(b) <= MAX_TEXT else VALUE  # longer than a cell holds: Excel's #VALUE!


def concat(left: Any, right: Any) -> Any:
    if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
        return elementwise(_concat, left, right)
    return _concat(left, right)


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _arithmetic(_add),
    "-": _arithmetic(lambda a, b: _add(a, -b)),
    "*": _arithmetic(lambda a, b: _finite(a * b)),
    "/": _arithmetic(_divide),
    "^": _arithmetic(_power),
    "&": concat,
    "=": _comparison(lambda order: order == 0),
    "<>": _comparison(lambda order: order != 0),
    "<": _comparison(lambda order: order < 0),
    ">": _comparison(lambda order: order > 0),
    "<=": _comparison(lambda order: order <= 0),
    ">=": _comparison(lambda order: order >= 0),
}


def _unary(op: Callable[[float], Any]) -> Callable[[Any], Any]:
    def scalar(value: Any) -> Any:
        number = to_number(value)
        return number if isinstance(number, XlError) else op(number)

    vector = np.frompyfunc(scalar, 1, 1)

    def apply(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            return np.asarray(vector(value), dtype=object)
        return scalar(value)

    return apply


UNARY: dict[str, Callable[[Any], Any]] = {
    "U-": _unary(lambda a: -a),
    "U+": lambda value: value,  # =+"5" is the text "5": a lone plus converts nothing
    "--": _unary(lambda a: a),  # =--"5" is 5: each minus converts (a sign run with an even count of minuses)
    "%": _unary(lambda a: a / 100),
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


def array_operand(ctx: Any, value: Any) -> Any:
    """An operand of an array formula (or of an argument taking arrays): a block's values whole."""
    return ctx.env.value(value) if type(value) is Ref or type(value) is tuple else value


def scalar_operand(ctx: Any, value: Any) -> Any:
    """An operand of a cell's ordinary formula: a block of several cells by implicit
    intersection, unless the cell is part of an array formula."""
    if type(value) is Ref:
        if value.is_cell or (ctx.sheet, ctx.cell) in ctx.env.program.outputs:
            return ctx.env.value(value)
        return implicit(ctx, value)
    return ctx.env.value(value) if type(value) is tuple else value


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
