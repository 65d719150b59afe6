"""COUNT, COUNTA and COUNTBLANK, telling a reference or array (only its numbers, or non-blank
cells, count) from a value typed as an argument (numbers, booleans and numeric text count)."""
from __future__ import annotations

from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..operators import to_number
from ..refs import Ref
from ..xlvalues import EMPTY, VALUE


def _cells(ctx: Any, arg: Any) -> Any:
    """The values of a reference, array or 3-D reference as a flat list; None for a typed value."""
    if isinstance(arg, tuple):
        return [v for part in arg for v in _cells(ctx, part)]
    if isinstance(arg, Ref):
        value = ctx.env.value(arg)
        return list(value.flat) if isinstance(value, np.ndarray) else [value]
    value = ctx.env.value(arg)
    return list(value.flat) if isinstance(value, np.ndarray) else None


def _count(ctx: Any, *args: Any) -> Any:
    total = 0
    for arg in args:
        cells = _cells(ctx, arg)
        if cells is None:
            value = ctx.env.value(arg)
            total += not isinstance(value, XlError) and value is not EMPTY and not isinstance(to_number(value), XlError)
        else:
            total += sum(1 for v in cells if type(v) in (float, int))
    return float(total)


def _counta(ctx: Any, *args: Any) -> Any:
    total = 0
    for arg in args:
        cells = _cells(ctx, arg)
        if cells is None:
            total += ctx.env.value(arg) is not EMPTY
        else:
            total += sum(1 for v in cells if v is not EMPTY)
    return float(total)


def _countblank(ctx: Any, rng: Any) -> Any:
    """Blank cells and cells holding "" (a formula's empty text)."""
    if not isinstance(rng, Ref):
        return rng if isinstance(rng, XlError) else VALUE
    cells = _cells(ctx, rng)
    rows, cols = rng.shape
    read = sum(1 for v in cells if v is EMPTY or (v == "" and not isinstance(v, XlError)))
    return float(read + rows * cols - len(cells))  # a whole column: the rows past the last used one


FUNCTIONS: dict[str, Spec] = {
    "COUNT": Spec(_count, refs=True),
    "COUNTA": Spec(_counta, refs=True),
    "COUNTBLANK": Spec(_countblank, refs=True),
}
