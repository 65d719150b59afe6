"""Text functions: TEXT (Excel's number-format codes, :mod:`xlkpi.engine.numfmt`), FIXED, DOLLAR,
NUMBERVALUE, CHAR/CODE (Windows-1252), UNICHAR/UNICODE, CONCAT, TEXTJOIN.

Also the helpers the other families share: :func:`elementwise` (a function of single values
applied cell by cell to array arguments) and the coercions of a single argument.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from .. import numfmt
from ..functions import Spec
from ..operators import text_to_number, to_number
from ..xlvalues import EMPTY, NA, VALUE

MAX_TEXT = 32767  # Excel's longest text

# --- helpers shared by the library's scalar functions ------------------------------------------


def elementwise(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` of single values, applied cell by cell when an argument is an array (as Excel
    does: a dimension of 1 stretches; cells past a shorter array are #N/A)."""

    @functools.wraps(fn)
    def apply(*args: Any) -> Any:
        arrays = [a for a in args if isinstance(a, np.ndarray)]
        if not arrays:
            return fn(*args)
        rows = max(a.shape[0] for a in arrays)
        cols = max(a.shape[1] for a in arrays)
        out = np.empty((rows, cols), dtype=object)
        for r in range(rows):
            for c in range(cols):
                out[r, c] = fn(*(_at(a, r, c) for a in args))
        return out

    return apply


def _at(value: Any, row: int, col: int) -> Any:
    if not isinstance(value, np.ndarray):
        return value
    rows, cols = value.shape
    r, c = (0 if rows == 1 else row), (0 if cols == 1 else col)
    return value[r, c] if r < rows and c < cols else NA


def number_arg(value: Any) -> Any:
    """A single argument as a float (blank 0, TRUE 1, numeric text its number), or its error."""
    return to_number(value)


def integer_arg(value: Any) -> Any:
    """A single argument truncated to an int, or its error."""
    number = to_number(value)
    return number if isinstance(number, XlError) else int(number)


def truth_arg(value: Any) -> Any:
    """A single argument as a truth value (numbers: not zero; "TRUE"/"FALSE"), or its error."""
    if isinstance(value, (XlError, bool, np.bool_)):
        return value
    if isinstance(value, str) and value is not EMPTY:
        upper = value.strip().upper()
        return upper == "TRUE" if upper in ("TRUE", "FALSE") else VALUE
    number = to_number(value)
    return number if isinstance(number, XlError) else number != 0


def text_arg(value: Any) -> Any:
    """A single argument as text (blank "", TRUE "TRUE", numbers as Excel writes them), or its error."""
    if value is EMPTY or value is None:  # EMPTY is a str: test it first
        return ""
    if isinstance(value, (XlError, str)):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, np.number)):
        return numfmt.number_text(float(value))
    return VALUE


# --- TEXT, DOLLAR, VALUE, NUMBERVALUE -------------------------------------------------------------


@elementwise
def _text(value: Any, format_text: Any) -> Any:
    code = text_arg(format_text)
    if isinstance(value, XlError):
        return value
    if isinstance(code, XlError):
        return code
    if isinstance(value, (bool, np.bool_)):  # a boolean is the text of its name: the text section shows it
        return numfmt.format_value("TRUE" if value else "FALSE", code)
    if isinstance(value, str) and value is not EMPTY:
        number = text_to_number(value)
        shown = numfmt.format_value(value if isinstance(number, XlError) else number, code)
    else:
        shown = numfmt.format_value(to_number(value), code)
    return VALUE if shown is None else shown


def _rounded(number: Any, decimals: Any) -> Any:
    """(the number rounded half away from zero to ``decimals`` places, the places) or an error."""
    value, places = number_arg(number), integer_arg(decimals)
    if isinstance(value, XlError):
        return value
    if isinstance(places, XlError):
        return places
    if places > 127:
        return VALUE
    return float(numfmt.round_half_up(numfmt.decimal15(value), places)), places


def _places_code(places: int, commas: bool = True) -> str:
    digits = "0" * max(places, 0)
    return f"{'#,##0' if commas else '0'}{'.' + digits if digits else ''}"


@elementwise
def _fixed(number: Any, decimals: Any = 2.0, no_commas: Any = False) -> Any:
    rounded, plain = _rounded(number, decimals), truth_arg(no_commas)
    if isinstance(rounded, XlError):
        return rounded
    if isinstance(plain, XlError):
        return plain
    value, places = rounded
    return numfmt.format_value(value, _places_code(places, commas=not plain))


@elementwise
def _dollar(number: Any, decimals: Any = 2.0) -> Any:
    rounded = _rounded(number, decimals)
    if isinstance(rounded, XlError):
        return rounded
    value, places = rounded
    body = "$" + _places_code(places)
    return numfmt.format_value(value, f"{body};({body})")


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@elementwise
def _numbervalue(text: Any, decimal_separator: Any = ".", group_separator: Any = ",") -> Any:
    args = [text_arg(a) for a in (text, decimal_separator, group_separator)]
    error = next((a for a in args if isinstance(a, XlError)), None)
    if error is not None:
        return error
    body, point, group = args
    if not point or not group or point[0] == group[0]:
        return VALUE
    body = "".join(body.split())  # spaces count for nothing, even inside
    percent = len(body) - len(body.rstrip("%"))
    body = body.rstrip("%")
    if not body:
        return 0.0 if not percent else VALUE
    whole, _, fraction = body.partition(point[0])
    if point[0] in fraction or group[0] in fraction:  # a second decimal point, a group after it
        return VALUE
    digits = whole.replace(group[0], "") + "." + fraction
    if not _PLAIN_NUMBER.fullmatch(digits):
        return VALUE
    return float(digits) / 100**percent


# --- characters ---------------------------------------------------------------------------------


def _cp1252(code: int) -> str:
    """A Windows-1252 byte as Windows decodes it (its five unassigned bytes map to C1 controls)."""
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(code)


_CP1252 = {_cp1252(code): code for code in range(1, 256)}


@elementwise
def _char(number: Any) -> Any:
    code = integer_arg(number)
    if isinstance(code, XlError):
        return code
    return _cp1252(code) if 1 <= code <= 255 else VALUE


@elementwise
def _code(text: Any) -> Any:
    value = text_arg(text)
    if isinstance(value, XlError):
        return value
    if not value:
        return VALUE
    return float(_CP1252.get(value[0], ord("?")))  # a character outside the code page reads as "?"


@elementwise
def _unichar(number: Any) -> Any:
    code = integer_arg(number)
    if isinstance(code, XlError):
        return code
    if not 1 <= code <= 0x10FFFF:
        return VALUE
    return NA if 0xD800 <= code <= 0xDFFF else chr(code)


@elementwise
def _unicode(text: Any) -> Any:
    value = text_arg(text)
    if isinstance(value, XlError):
        return value
    return float(ord(value[0])) if value else VALUE


# --- CONCAT, TEXTJOIN ----------------------------------------------------------------------------


def _flat(args: Iterable[Any]) -> Iterable[Any]:
    """Every value of the arguments, ranges row by row."""
    for arg in args:
        if isinstance(arg, np.ndarray):
            yield from arg.flat
        else:
            yield arg


def _texts(args: Iterable[Any]) -> Any:
    texts = []
    for value in _flat(args):
        text = text_arg(value)
        if isinstance(text, XlError):
            return text
        texts.append(text)
    return texts


def _checked(text: str) -> Any:
    return VALUE if len(text) > MAX_TEXT else text


def _concat(*args: Any) -> Any:
    texts = _texts(args)
    return texts if isinstance(texts, XlError) else _checked("".join(texts))


def _textjoin(delimiter: Any, ignore_empty: Any, *args: Any) -> Any:
    delimiters = _texts([delimiter])
    if isinstance(delimiters, XlError):
        return delimiters
    skip = truth_arg(ignore_empty)
    if isinstance(skip, XlError):
        return skip
    texts = _texts(args)
    if isinstance(texts, XlError):
        return texts
    if skip:
        texts = [t for t in texts if t]
    joined = texts[:1]
    for i, text in enumerate(texts[1:]):
        joined += [delimiters[i % len(delimiters)], text]
    return _checked("".join(joined))


FUNCTIONS: dict[str, Spec] = {
    "TEXT": Spec(_text),
    "FIXED": Spec(_fixed),
    "DOLLAR": Spec(_dollar),
    "NUMBERVALUE": Spec(_numbervalue),
    "CHAR": Spec(_char),
    "CODE": Spec(_code),
    "UNICHAR": Spec(_unichar),
    "UNICODE": Spec(_unicode),
    "CONCAT": Spec(_concat),
    "TEXTJOIN": Spec(_textjoin),
}
