"""COMPLEX with Excel's default suffix (a blank cell or "" means "i"; ``formulas`` answers
#VALUE!) and IMARGUMENT as atan2 (``formulas`` answers #DIV/0! for every number whose real part
is about 0); the rest of the IM* functions are ``formulas``'. Every complex number written as
text writes its small parts in full decimals down to 1E-18, as Excel does ("0.0000000000000001";
1E-20 stays "1E-20")."""
from __future__ import annotations

import functools
import math
import re
from decimal import Decimal
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from formulas.functions import wrap_func
from formulas.functions.eng import _xim2num

from ..functions import Spec, collapse, formulas_functions
from ..xlvalues import DIV0, EMPTY
from .text import elementwise


_SCIENTIFIC = re.compile(r"(\d+(?:\.\d+)?)E-(\d+)")
_FULL_DOWN_TO = 18  # Excel writes parts down to 1E-18 in full decimals
# the IM* functions that answer a complex number as text
TEXT_RESULTS = ("IMCONJUGATE", "IMSUM", "IMSUB", "IMPRODUCT", "IMDIV", "IMPOWER", "IMSQRT", "IMEXP", "IMLN",
                "IMLOG10", "IMLOG2", "IMSIN", "IMCOS", "IMTAN", "IMSEC", "IMCSC", "IMCOT", "IMSINH", "IMCOSH",
                "IMSECH", "IMCSCH")


def _decimals(match: re.Match[str]) -> str:
    exponent = int(match[2])
    if exponent > _FULL_DOWN_TO:
        return match[0]
    return format(Decimal(f"{match[1]}E-{exponent}"), "f")


def written(result: Any) -> Any:
    """A complex result as Excel writes it: small parts in full decimals."""
    if isinstance(result, str) and not isinstance(result, XlError):
        return _SCIENTIFIC.sub(_decimals, result)
    if isinstance(result, np.ndarray):
        return np.vectorize(written, otypes=[object])(result)
    return result


@elementwise
def _complex(real: Any, imaginary: Any, suffix: Any = "i") -> Any:
    if suffix is EMPTY or suffix == "":
        suffix = "i"
    return written(formulas_functions()["COMPLEX"].impl(real, imaginary, suffix))


def _text_result(name: str) -> Spec:
    def apply(*args: Any) -> Any:
        return written(formulas_functions()[name].impl(*args))

    return Spec(apply)


def _argument(number: complex) -> Any:
    return DIV0 if number == 0 else math.atan2(number.imag, number.real)


_imargument = wrap_func(functools.partial(_xim2num, _argument))

FUNCTIONS: dict[str, Spec] = {
    "COMPLEX": Spec(_complex),
    "IMARGUMENT": Spec(lambda number: collapse(_imargument(number))),
    **{name: _text_result(name) for name in TEXT_RESULTS},
}
