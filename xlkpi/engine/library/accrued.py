"""ACCRINT as Excel computes it (checked against the 400 cases of IronCalc's Excel-saved
accrint_cases.xlsx): the accrued days of the coupon period that holds the settlement — from
the later of issue and that period's start, over the period's length in the day-count basis —
plus one coupon for each whole earlier period back to the issue date and the accrued fraction
of the period the issue falls inside. With calc_method FALSE the whole earlier periods are left
out, so a settlement before the first interest date's period gives a negative amount, as
Excel's does.

Coupon dates step back from first_interest by 12/frequency months, on the month's last day when
first_interest is one. Day counts: 0 US 30/360, 1 actual/actual, 2 actual/360, 3 actual/365,
4 European 30/360; a period's length is 360/frequency, 365/frequency (basis 3) or its actual
days (basis 1).
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Any

from formulas.tokens.operand import XlError

from ...xlsx.dates import EXCEL_EPOCH
from ..functions import Spec
from ..numfmt import MAX_SERIAL
from ..xlvalues import NUM
from .text import elementwise, number_arg, truth_arg

_EPOCH = EXCEL_EPOCH.date()


def _date(value: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=value if value > 60 else value + 1)


def _last_of_month(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _add_months(day: dt.date, months: int, month_end: bool) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, last if month_end else min(day.day, last))


def _days360(start: dt.date, end: dt.date, european: bool) -> int:
    d1, d2 = start.day, end.day
    if european:
        d1, d2 = min(d1, 30), min(d2, 30)
    else:
        february_end = start.month == 2 and _last_of_month(start)
        if february_end and end.month == 2 and _last_of_month(end):
            d2 = 30
        if february_end or d1 == 31:
            d1 = 30
        if d2 == 31 and d1 >= 30:
            d2 = 30
    return (end.year - start.year) * 360 + (end.month - start.month) * 30 + d2 - d1


def _days(start: dt.date, end: dt.date, basis: int) -> int:
    if basis in (0, 4):
        return _days360(start, end, basis == 4)
    return (end - start).days


def _period_days(start: dt.date, end: dt.date, basis: int, frequency: int) -> float:
    """The length of the period holding the settlement: actual days (basis 1), else nominal."""
    if basis == 1:
        return float((end - start).days)
    return (365.0 if basis == 3 else 360.0) / frequency


@elementwise
def _accrint(issue: Any, first_interest: Any, settlement: Any, rate: Any, par: Any, frequency: Any,
             basis: Any = 0.0, calc_method: Any = True) -> Any:
    numbers = [number_arg(v) for v in (issue, first_interest, settlement, rate, par, frequency, basis)]
    from_issue = truth_arg(calc_method)
    for value in (*numbers, from_issue):
        if isinstance(value, XlError):
            return value
    issued, first, settled = (math.floor(v) for v in numbers[:3])
    coupon, face, freq, kind = numbers[3], numbers[4], math.trunc(numbers[5]), math.trunc(numbers[6])
    if (coupon <= 0 or face <= 0 or freq not in (1, 2, 4) or not 0 <= kind <= 4 or issued >= settled
            or not all(0 < d < MAX_SERIAL for d in (issued, first, settled))):
        return NUM
    start, first_day, end = _date(issued), _date(first), _date(settled)
    months, month_end = 12 // freq, _last_of_month(first_day)
    if settled > first and from_issue:  # the period holding the settlement, stepping on from first_interest
        previous, following = first_day, _add_months(first_day, months, month_end)
        while following < end:
            previous, following = following, _add_months(following, months, month_end)
    else:
        previous, following = _add_months(first_day, -months, month_end), first_day
    length = (_period_days(_add_months(first_day, -months, month_end), first_day, kind, freq) if kind == 1
              else _period_days(previous, following, kind, freq))  # actual/actual: the period ending at first_interest
    total = _days(max(start, previous), end, kind) / length
    later = previous
    while later > start:  # the earlier periods back to the issue: a whole one is one coupon (FALSE: left out)
        earlier = _add_months(later, -months, month_end)
        if earlier < start:
            total += _days(start, later, kind) / _period_days(earlier, later, kind, freq)
        elif from_issue:
            total += 1.0
        later = earlier
    return face * coupon / freq * total


FUNCTIONS: dict[str, Spec] = {"ACCRINT": Spec(_accrint)}
