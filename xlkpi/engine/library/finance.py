"""MIRR and IRR as Excel computes them. IRR: the numbers of the cash-flow cells (a blank cell is
no period, so it is not a 0), a guess ≤ -1 or that is text is #VALUE!, then ``formulas``' solver.
MIRR: the negative flows discounted to period 0 at finance_rate (the
first flow is not discounted, so a finance rate of -1 works when only the first flow is
negative), the positive ones compounded to the last period at reinvest_rate; no positive flow
gives -1, no negative one #DIV/0!. In a reference only numbers count."""
from __future__ import annotations

from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec, formulas_functions
from ..xlvalues import DIV0, EMPTY, VALUE
from .text import number_arg


def _flows(values: Any) -> Any:
    cells = values.flat if isinstance(values, np.ndarray) else [values]
    flows: list[float] = []
    for value in cells:
        if isinstance(value, XlError):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            flows.append(float(value))
    return flows


def _mirr(values: Any, finance_rate: Any, reinvest_rate: Any) -> Any:
    flows = _flows(values)
    finance, reinvest = number_arg(finance_rate), number_arg(reinvest_rate)
    for value in (flows, finance, reinvest):
        if isinstance(value, XlError):
            return value
    count = len(flows)
    if count < 2:
        return DIV0
    try:
        invested = sum(v / (1 + finance) ** i for i, v in enumerate(flows) if v < 0)
        returned = sum(v * (1 + reinvest) ** (count - 1 - i) for i, v in enumerate(flows) if v > 0)
    except ZeroDivisionError:
        return DIV0
    if invested == 0:
        return DIV0
    return (returned / -invested) ** (1 / (count - 1)) - 1


def _irr(values: Any, guess: Any = 0.1) -> Any:
    flows = _flows(values)
    if isinstance(flows, XlError):
        return flows
    if isinstance(guess, str) and guess is not EMPTY:
        return VALUE
    start = number_arg(guess)
    if isinstance(start, XlError):
        return start
    if start <= -1:
        return VALUE
    return formulas_functions()["IRR"].impl(np.array([flows], dtype=object), start)


FUNCTIONS: dict[str, Spec] = {"MIRR": Spec(_mirr), "IRR": Spec(_irr)}
