"""Week numbers: WEEKNUM for every return type and ISOWEEKNUM, on Excel's 1900 serials (serial 1
is Sunday 1900-01-01, 60 the fictitious 1900-02-29: Excel's weekdays count serials, so dates
before March 1900 keep its calendar, not the real one)."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ...xlsx.dates import EXCEL_EPOCH

from ..functions import Spec
from ..numfmt import MAX_SERIAL, serial_date
from ..xlvalues import NUM, VALUE
from .text import elementwise, number_arg

# WEEKNUM's return type → the weekday its weeks begin on (0 Sunday … 6 Saturday); 21 is ISO.
WEEK_STARTS = {1: 0, 17: 0, 2: 1, 11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6}
ISO = 21


def _serial(value: Any) -> Any:
    """A date argument as a whole serial (#NUM! out of 0 … 2958465; a boolean is #VALUE!)."""
    if isinstance(value, (bool, np.bool_)):
        return VALUE
    number = number_arg(value)
    if isinstance(number, XlError):
        return number
    return math.floor(number) if 0 <= number < MAX_SERIAL else NUM


def weekday(serial: int) -> int:
    """0 Sunday … 6 Saturday, counting serials as Excel does (serial 1 is a Sunday)."""
    return (serial + 6) % 7


def year_start(year: int) -> int:
    """The serial of 1 January of ``year`` (1900's is 1; before 1900: the real calendar's)."""
    return 1 if year == 1900 else (dt.datetime(year, 1, 1) - EXCEL_EPOCH).days


def _year(serial: int) -> int:
    return 1899 if serial < 1 else serial_date(serial)[0]


def iso_week(serial: int) -> int:
    """The ISO week: that of the week's Thursday, counted from its year's first Thursday."""
    thursday = serial - (weekday(serial) + 6) % 7 + 3
    return (thursday - year_start(_year(thursday))) // 7 + 1


@elementwise
def _weeknum(date: Any, return_type: Any = 1.0) -> Any:
    serial = _serial(date)
    if isinstance(serial, XlError):
        return serial
    kind = number_arg(return_type)
    if isinstance(kind, XlError):
        return kind
    if kind == ISO:
        return float(iso_week(serial))
    start = WEEK_STARTS.get(int(kind)) if kind == int(kind) else None
    if start is None:
        return NUM
    first = year_start(serial_date(serial)[0])
    return float((serial - first + (weekday(first) - start) % 7) // 7 + 1)


@elementwise
def _isoweeknum(date: Any) -> Any:
    serial = _serial(date)
    return serial if isinstance(serial, XlError) else float(iso_week(serial))


FUNCTIONS: dict[str, Spec] = {
    "WEEKNUM": Spec(_weeknum),
    "ISOWEEKNUM": Spec(_isoweeknum),
}
