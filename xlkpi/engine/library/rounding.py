"""ROUND, ROUNDUP, ROUNDDOWN, TRUNC, INT and MROUND, exactly and in bounded time.

Excel rounds the number as it shows it, to 15 significant digits (``ROUND(2.675, 2)`` is 2.68,
though the double is 2.67499…), half away from zero. ``formulas`` computes ``10 ** digits``
as a Python integer: ``TRUNC(x, 1E10)`` ran for minutes; here the digits are clamped to what a
double can hold.
"""
from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Any

from formulas.tokens.operand import XlError

from ..functions import Spec
from ..numfmt import decimal15
from ..xlvalues import NUM
from .text import elementwise, number_arg

_MAX_DIGITS = 330  # beyond this a double's decimal expansion has nothing left to round


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
    x, m = number_arg(number), number_arg(multiple)
    if isinstance(x, XlError):
        return x
    if isinstance(m, XlError):
        return m
    if m == 0:
        return 0.0
    if (x < 0) != (m < 0) and x != 0:
        return NUM
    quotient = decimal15(x / m).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(decimal15(float(quotient) * m))


FUNCTIONS: dict[str, Spec] = {
    "ROUND": Spec(_rounding(ROUND_HALF_UP)),
    "ROUNDUP": Spec(_rounding(ROUND_UP)),
    "ROUNDDOWN": Spec(_rounding(ROUND_DOWN)),
    "TRUNC": Spec(_rounding(ROUND_DOWN)),
    "INT": Spec(_int),
    "MROUND": Spec(_mround),
}

