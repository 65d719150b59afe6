"""Cell values inside the engine: the representation of the ``formulas`` package.

Blank is ``EMPTY``; errors are ``formulas``' ``XlError`` tokens (a ``str`` subclass: test for
an error before testing for text); numbers are floats (ints and bools pass through); arrays are
2-D numpy object arrays. :func:`to_cell` turns a value into what the file stores.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import schedula as sh
from formulas.tokens.operand import Error, XlError

from ..errors import XLError

EMPTY = sh.EMPTY
ERRORS: dict[str, XlError] = dict(Error.errors)
VALUE, DIV0, NA, REF, NAME, NUM = (ERRORS[k] for k in ("#VALUE!", "#DIV/0!", "#N/A", "#REF!", "#NAME?", "#NUM!"))


def parse_error(text: str) -> XlError | None:
    return ERRORS.get(text.strip().upper())


def to_cell(value: Any) -> Any:
    """A computed value as the file stores it: None (blank), XLError, bool, int, float or str."""
    if isinstance(value, np.ndarray):
        value = value.flat[0] if value.size else EMPTY
    if isinstance(value, XlError):
        return XLError.parse(str(value)) or XLError.VALUE
    if value is EMPTY or value is None:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def to_python(value: Any) -> Any:
    """An argument for the KPI registry: a block becomes the flat list of its cells, row by row
    (range parameters are a row or a column), blank None, errors :class:`~xlkpi.errors.XLError`."""
    if isinstance(value, np.ndarray):
        return [v if type(v) is float else to_cell(v) for v in value.flat]
    return to_cell(value)


def from_python(value: Any) -> Any:
    """A KPI result as an engine value."""
    if isinstance(value, XLError):
        return ERRORS[value.value]
    return EMPTY if value is None else value
