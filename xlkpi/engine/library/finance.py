"""MIRR, IRR, XIRR, NPER, VDB, CUMIPMT and CUMPRINC as Excel computes them. VDB: declining balance switching to straight line,
from a fractional start the schedule goes on in whole periods from that start's value and
remaining life (as Excel's values in xlcalculator's Excel-saved VDB.xlsx show). IRR: the numbers of the cash-flow cells (a blank cell is
no period, so it is not a 0), a guess ≤ -1 or that is text is #VALUE!, then ``formulas``' solver.
MIRR: the negative flows discounted to period 0 at finance_rate (the
first flow is not discounted, so a finance rate of -1 works when only the first flow is
negative), the positive ones compounded to the last period at reinvest_rate; no positive flow
gives -1, no negative one #DIV/0!. In a reference only numbers count."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec, formulas_functions
from ..xlvalues import DIV0, EMPTY, NUM, VALUE
from .text import number_arg, truth_arg


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


# --- VDB -------------------------------------------------------------------------------------------


def _ddb(cost: float, salvage: float, life: float, period: float, factor: float) -> float:
    """Double-declining depreciation of one period (never below salvage, never negative)."""
    rate = factor / life
    if rate >= 1.0:
        rate, old = 1.0, (cost if period == 1.0 else 0.0)
    else:
        old = cost * (1.0 - rate) ** (period - 1.0)
    new = cost * (1.0 - rate) ** period
    return max(old - salvage if new < salvage else old - new, 0.0)


def _inter_vdb(cost: float, salvage: float, life: float, remaining_life: float, periods: float, factor: float) -> float:
    """Depreciation of ``cost`` over ``periods`` (the last one may be partial): declining balance
    until straight line over ``remaining_life`` gives more, straight line from then on."""
    total, remaining, straight, linear = 0.0, cost - salvage, 0.0, False
    last = math.ceil(periods)
    for i in range(1, last + 1):
        if not linear:
            declining = _ddb(cost, salvage, life, float(i), factor)
            straight = remaining / (remaining_life - (i - 1))
            linear = straight > declining
            if not linear:
                remaining -= declining
        term = straight if linear else declining
        total += term * (periods + 1.0 - last) if i == last else term
    return total


def _vdb(cost: Any, salvage: Any, life: Any, start_period: Any, end_period: Any, factor: Any = 2.0,
         no_switch: Any = False) -> Any:
    numbers = [number_arg(v) for v in (cost, salvage, life, start_period, end_period, factor)]
    plain = truth_arg(no_switch)
    for value in (*numbers, plain):
        if isinstance(value, XlError):
            return value
    value0, rest, years, start, end, rate = numbers
    if start < 0 or end < start or end > years or rate <= 0 or rest > value0 or years <= 0 or value0 < 0:
        return NUM
    first, last = math.floor(start), math.ceil(end)
    if plain:  # declining balance throughout, partial first and last periods
        total = 0.0
        for i in range(first + 1, last + 1):
            term = _ddb(value0, rest, years, float(i), rate)
            if i == first + 1:
                term *= min(end, first + 1.0) - start
            elif i == last:
                term *= end + 1.0 - last
            total += term
        return total
    left = value0 - _inter_vdb(value0, rest, years, years, start, rate)  # the value at start, then on from there
    return _inter_vdb(left, rest, years, years - start, end - start, rate)

def _cumulative(name: str) -> Spec:
    """CUMIPMT/CUMPRINC: a fractional start period goes up, a fractional end down (Excel's
    CUMPRINC_CUMIPMT.xlsx; a boolean argument is #VALUE!), then ``formulas``' sum over the whole
    periods."""
    def apply(rate: Any, nper: Any, pv: Any, start_period: Any, end_period: Any, kind: Any) -> Any:
        if any(isinstance(v, bool) for v in (rate, nper, pv, start_period, end_period, kind)):
            return VALUE  # a boolean argument, even from a cell
        first, last = number_arg(start_period), number_arg(end_period)
        for value in (first, last):
            if isinstance(value, XlError):
                return value
        return formulas_functions()[name].impl(rate, nper, pv, float(math.ceil(first)), float(math.floor(last)), kind)

    return Spec(apply)


def _nper(rate: Any, pmt: Any, pv: Any, fv: Any = 0.0, kind: Any = 0.0) -> Any:
    """NPER; at rate 0 the payments simply cover pv + fv: -(pv + fv) / pmt."""
    numbers = [number_arg(v) for v in (rate, pmt, pv, fv, kind)]
    for value in numbers:
        if isinstance(value, XlError):
            return value
    if numbers[0] == 0:
        return NUM if numbers[1] == 0 else -(numbers[2] + numbers[3]) / numbers[1]
    return formulas_functions()["NPER"].impl(rate, pmt, pv, fv, kind)


def _xnpv_terms(flows: list[float], years: list[float], rate: float) -> tuple[float, float]:
    """(XNPV at ``rate``, its derivative)."""
    value = derivative = 0.0
    for flow, t in zip(flows, years):
        value += flow / (1 + rate) ** t
        derivative -= t * flow / (1 + rate) ** (t + 1)
    return value, derivative


def _xirr(values: Any, dates: Any, guess: Any = 0.1) -> Any:
    """XIRR by Newton's method from ``guess`` (any number above -1), run to full precision; where
    it leaves the range, a bisection between -1 and the first rate where XNPV changes sign."""
    flows, days = _flows(values), _flows(dates)
    start = number_arg(guess)
    for value in (flows, days, start):
        if isinstance(value, XlError):
            return value
    if len(flows) != len(days) or len(flows) < 2:
        return NUM
    if not (any(f > 0 for f in flows) and any(f < 0 for f in flows)) or start <= -1:
        return NUM
    first = math.floor(days[0])
    if any(math.floor(d) < first for d in days):
        return NUM
    years = [(math.floor(d) - first) / 365.0 for d in days]
    rate = start
    for _ in range(100):
        try:
            value, slope = _xnpv_terms(flows, years, rate)
        except (OverflowError, ZeroDivisionError):
            break
        if slope == 0:
            break
        step = value / slope
        rate -= step
        if rate <= -1:
            break
        if abs(step) <= 1e-15 * max(1.0, abs(rate)):
            return rate
    return _bisect_xirr(flows, years)


def _bisect_xirr(flows: list[float], years: list[float]) -> Any:
    low, high = -1 + 1e-9, 1.0
    f_low = _xnpv_terms(flows, years, low)[0]
    while _xnpv_terms(flows, years, high)[0] * f_low > 0:
        high *= 2
        if high > 1e6:
            return NUM
    for _ in range(200):
        middle = (low + high) / 2
        f_middle = _xnpv_terms(flows, years, middle)[0]
        if f_middle * f_low > 0:
            low, f_low = middle, f_middle
        else:
            high = middle
    return (low + high) / 2


FUNCTIONS: dict[str, Spec] = {"MIRR": Spec(_mirr), "IRR": Spec(_irr), "VDB": Spec(_vdb),
                              "CUMIPMT": _cumulative("CUMIPMT"), "CUMPRINC": _cumulative("CUMPRINC"),
                              "NPER": Spec(_nper), "XIRR": Spec(_xirr)}
