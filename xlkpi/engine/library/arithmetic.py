"""COMBIN, QUOTIENT, SERIESSUM: Excel's definitions (Microsoft's function reference)."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..xlvalues import DIV0, NUM, VALUE
from .text import elementwise, number_arg


@elementwise
def _combin(number: Any, chosen: Any) -> Any:
    """The number of combinations: both truncated; #NUM! if negative or chosen > number."""
    n, k = number_arg(number), number_arg(chosen)
    for value in (n, k):
        if isinstance(value, XlError):
            return value
    n, k = math.trunc(n), math.trunc(k)
    if n < 0 or k < 0 or k > n:
        return NUM
    return float(math.comb(n, k))


@elementwise
def _quotient(numerator: Any, denominator: Any) -> Any:
    """The integer part of a division (towards zero)."""
    a, b = number_arg(numerator), number_arg(denominator)
    for value in (a, b):
        if isinstance(value, XlError):
            return value
    return DIV0 if b == 0 else float(math.trunc(a / b))


def _seriessum(x: Any, n: Any, m: Any, coefficients: Any) -> Any:
    """Σ aᵢ·x^(n + i·m) over the coefficients, row by row."""
    base, first, step = (number_arg(v) for v in (x, n, m))
    for value in (base, first, step):
        if isinstance(value, XlError):
            return value
    cells = list(coefficients.flat) if isinstance(coefficients, np.ndarray) else [coefficients]
    total = 0.0
    for i, cell in enumerate(cells):
        a = number_arg(cell)
        if isinstance(a, XlError):
            return a
        if isinstance(cell, str) and not isinstance(cell, XlError):
            return VALUE
        total += a * base ** (first + i * step)
    return total


FUNCTIONS: dict[str, Spec] = {
    "COMBIN": Spec(_combin),
    "QUOTIENT": Spec(_quotient),
    "SERIESSUM": Spec(_seriessum),
}
