"""Base conversions: DEC2BIN … HEX2OCT, as Excel does them: ten digits at most, negatives in
ten-digit two's complement (``places`` then ignored), #NUM! for a number out of range, an
invalid digit, more than ten characters, or ``places`` too small, negative or over 10."""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..xlvalues import EMPTY, NUM, VALUE
from .text import elementwise, number_arg, text_arg

BASES = {"BIN": 2, "OCT": 8, "DEC": 10, "HEX": 16}
WIDTH = 10  # digits of every result, and of a negative's two's complement
DIGITS = "0123456789ABCDEF"


def _read(value: Any, base: int) -> Any:
    """An argument as an int: a decimal number truncated, or up to ten digits of ``base``
    (ten digits with the top one set: a two's-complement negative)."""
    if isinstance(value, (bool, np.bool_)):
        return VALUE
    if base == 10:
        number = number_arg(value)
        return number if isinstance(number, XlError) else math.trunc(number)
    text = text_arg(value)
    if isinstance(text, XlError):
        return text
    text = text.upper()
    if not text:
        return 0
    if len(text) > WIDTH or any(ch not in DIGITS[:base] for ch in text):
        return NUM
    number = int(text, base)
    return number - base**WIDTH if len(text) == WIDTH and number >= base**WIDTH // 2 else number


def _write(number: int, base: int, places: Any) -> Any:
    """``number`` in ``base``: #NUM! out of the ten-digit range; a negative in two's complement."""
    if base == 10:
        return float(number)
    half = base**WIDTH // 2
    if not -half <= number < half:
        return NUM
    if number < 0:
        return _digits(number + base**WIDTH, base)
    digits = _digits(number, base)
    if places is None or places is EMPTY:
        return digits
    width = number_arg(places)
    if isinstance(width, XlError):
        return width
    width = math.trunc(width)
    return NUM if not len(digits) <= width <= WIDTH else digits.rjust(width, "0")


def _digits(number: int, base: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, base)
        out = DIGITS[digit] + out
        if not number:
            return out


def _converter(source: int, target: int) -> Callable[..., Any]:
    @elementwise
    def convert(value: Any, places: Any = None) -> Any:
        if isinstance(places, (bool, np.bool_)):
            return VALUE
        number = _read(value, source)
        return number if isinstance(number, XlError) else _write(number, target, places)

    return convert


FUNCTIONS: dict[str, Spec] = {
    f"{a}2{b}": Spec(_converter(BASES[a], BASES[b])) for a in BASES for b in BASES if a != b
}
