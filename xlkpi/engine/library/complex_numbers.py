"""COMPLEX with Excel's default suffix (a blank cell or "" means "i"; ``formulas`` answers
#VALUE!) and IMARGUMENT as atan2 (``formulas`` answers #DIV/0! for every number whose real part
is about 0); the rest of the IM* functions are ``formulas``'."""
from __future__ import annotations

import functools
import math
from typing import Any

from formulas.functions import wrap_func
from formulas.functions.eng import _xim2num

from ..functions import Spec, collapse, formulas_functions
from ..xlvalues import DIV0, EMPTY
from .text import elementwise


@elementwise
def _complex(real: Any, imaginary: Any, suffix: Any = "i") -> Any:
    if suffix is EMPTY or suffix == "":
        suffix = "i"
    return formulas_functions()["COMPLEX"].impl(real, imaginary, suffix)


def _argument(number: complex) -> Any:
    return DIV0 if number == 0 else math.atan2(number.imag, number.real)


_imargument = wrap_func(functools.partial(_xim2num, _argument))

FUNCTIONS: dict[str, Spec] = {
    "COMPLEX": Spec(_complex),
    "IMARGUMENT": Spec(lambda number: collapse(_imargument(number))),
}
