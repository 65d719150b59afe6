"""ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT, MROUND and CEILING/FLOOR (.MATH, .PRECISE), exactly
and in bounded time.

Excel rounds the number as it shows it, to 15 significant digits (``ROUND(2.675, 2)`` is 2.68,
though the double is 2.67499…), half away from zero. ``formulas`` computes ``10 ** digits``
as a Python integer: ``TRUNC(x, 1E10)`` ran for minutes; here the digits are clamped to what a
double can hold. CEILING and FLOOR count multiples on the quotient's 15-digit value too, so a
number that is a multiple but for float noise stays itself (``FLOOR(0.3/0.1,1)`` is 3).
"""
from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Any

from formulas.tokens.operand import XlError

from ..functions import Spec
from ..numfmt import decimal15
from ..xlvalues import DIV0, NUM, VALUE
from .text import elementwise, number_arg

_MAX_DIGITS = 330  # beyond this a double's decimal expansion has nothing left to round
_WHOLE = 1e15  # a quotient this large is whole at 15 digits: the number is its own multiple


def _round(number: float, digits: float, mode: str) -> Any:
    places = max(-_MAX_DIGITS, min(_MAX_DIGITS, int(digits)))  # Excel truncates the digits
    value = decimal15(number)
    try:
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=mode)
    except InvalidOperation:  # more digits than the context holds: nothing to round
        return number
    result = float(rounded)
    return result if math.isfinite(result) else NUM


def _rounding(mode: str) -> Any:
    @elementwise
    def apply(number: Any, digits: Any = 0.0) -> Any:
        x, d = number_arg(number), number_arg(digits)
        if isinstance(x, XlError):
            return x
        if isinstance(d, XlError):
            return d
        return _round(x, d, mode)

    return apply


@elementwise
def _int(number: Any) -> Any:
    x = number_arg(number)
    return x if isinstance(x, XlError) else _round(x, 0, ROUND_FLOOR)


@elementwise
def _mround(number: Any, multiple: Any) -> Any:
    if isinstance(number, bool) or isinstance(multiple, bool):
        return VALUE  # MROUND takes no boolean (Excel's MROUND_TRUNC_INT.xlsx)
    x, m = number_arg(number), number_arg(multiple)
    if isinstance(x, XlError):
        return x
    if isinstance(m, XlError):
        return m
    if m == 0:
        return 0.0
    if (x < 0) != (m < 0) and x != 0:
        return NUM
    if abs(x / m) >= _WHOLE:
        return x
    quotient = decimal15(x / m).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(decimal15(float(quotient) * m))


def _to_multiple(x: float, step: float, up: bool) -> Any:
    """``x`` to a whole number of ``step`` (up: ceiling of the quotient, else its floor)."""
    if abs(x / step) >= _WHOLE:
        return x
    quotient = decimal15(x / step).quantize(Decimal(1), rounding=ROUND_CEILING if up else ROUND_FLOOR)
    result = float(decimal15(float(quotient) * step))
    return result if math.isfinite(result) else NUM


def _legacy(up: bool) -> Any:
    """CEILING/FLOOR(number, significance): a negative number with a positive significance
    goes toward zero (CEILING) or away from it (FLOOR); a positive one with a negative
    significance is #NUM!."""
    @elementwise
    def apply(number: Any, significance: Any = 1.0) -> Any:
        x, step = number_arg(number), number_arg(significance)
        if isinstance(x, XlError):
            return x
        if isinstance(step, XlError):
            return step
        if step == 0:
            return 0.0 if up or x == 0 else DIV0
        if x > 0 and step < 0:
            return NUM
        return _to_multiple(x, step, up)

    return apply


def _math(up: bool) -> Any:
    """CEILING.MATH/FLOOR.MATH(number, significance=1, mode=0): the significance's sign is
    ignored; a negative number with a mode other than 0 goes away from zero (CEILING) or
    toward it (FLOOR)."""
    @elementwise
    def apply(number: Any, significance: Any = 1.0, mode: Any = 0.0) -> Any:
        x, step, away = number_arg(number), number_arg(significance), number_arg(mode)
        for value in (x, step, away):
            if isinstance(value, XlError):
                return value
        if step == 0:
            return 0.0
        return _to_multiple(x, abs(step), up != (x < 0 and away != 0))

    return apply


FUNCTIONS: dict[str, Spec] = {
    "ROUND": Spec(_rounding(ROUND_HALF_UP)),
    "ROUNDUP": Spec(_rounding(ROUND_UP)),
    "ROUNDDOWN": Spec(_rounding(ROUND_DOWN)),
    "TRUNC": Spec(_rounding(ROUND_DOWN)),
    "INT": Spec(_int),
    "MROUND": Spec(_mround),
    "CEILING": Spec(_legacy(up=True)),
    "FLOOR": Spec(_legacy(up=False)),
    "CEILING.MATH": Spec(_math(up=True)),
    "FLOOR.MATH": Spec(_math(up=False)),
    "CEILING.PRECISE": Spec(_math(up=True)),
    "FLOOR.PRECISE": Spec(_math(up=False)),
    "ISO.CEILING": Spec(_math(up=True)),
}

