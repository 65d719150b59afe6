"""Week numbers (WEEKNUM for every return type, ISOWEEKNUM), the parts of a time (HOUR, MINUTE,
SECOND: the time rounded to the nearest second first, so 23:59:59.9 is midnight) and DAYS360, on
Excel's 1900 serials (serial 1 is Sunday 1900-01-01, 60 the fictitious 1900-02-29: Excel's
weekdays count serials, so dates before March 1900 keep its calendar, not the real one);
WORKDAY.INTL with every weekend code (1–7, 11–17, "0000011"), an omitted weekend being 1."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ...xlsx.dates import EXCEL_EPOCH

from ..functions import Spec
from ..numfmt import MAX_SERIAL, serial_date
from ..xlvalues import EMPTY, NUM, VALUE
from .text import elementwise, number_arg, truth_arg

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


def _time_part(unit: int, modulo: int) -> Any:
    @elementwise
    def part(serial_number: Any) -> Any:
        number = number_arg(serial_number)
        if isinstance(number, XlError):
            return number
        if not 0 <= number < MAX_SERIAL:
            return NUM
        seconds = round((number - math.floor(number)) * 86400) % 86400  # to the nearest second
        return float(seconds // unit % modulo)

    return part


def _last_of_month(serial: int) -> bool:
    return serial > 0 and serial_date(serial + 1)[2] == 1  # serial 0 is 1900-01-00, no month's end


def _day_of(number: float) -> int:
    """The day a serial falls on, its time rounded to the second first (x.999999 is the next day)."""
    return math.floor(round(number * 86400) / 86400)


@elementwise
def _days360(start_date: Any, end_date: Any, method: Any = False) -> Any:
    start, end = number_arg(start_date), number_arg(end_date)
    european = truth_arg(method)
    for value in (start, end, european):
        if isinstance(value, XlError):
            return value
    if not (0 <= start < MAX_SERIAL and 0 <= end < MAX_SERIAL):
        return NUM
    first, last = _day_of(start), _day_of(end)
    (y1, m1, d1), (y2, m2, d2) = serial_date(first), serial_date(last)
    if european:
        d1, d2 = min(d1, 30), min(d2, 30)
    else:  # US (NASD): the last day of a month is its 30th; a 31st ending is the next month's 1st
        if _last_of_month(first):
            d1 = 30
        if d2 == 31:
            if d1 < 30:
                m2, d2 = m2 + 1, 1
            else:
                d2 = 30
    return float((y2 - y1) * 360 + (m2 - m1) * 30 + d2 - d1)


# WORKDAY.INTL's weekend numbers: the weekdays off (0 Monday … 6 Sunday)
WEEKENDS = {1: (5, 6), 2: (6, 0), 3: (0, 1), 4: (1, 2), 5: (2, 3), 6: (3, 4), 7: (4, 5),
            11: (6,), 12: (0,), 13: (1,), 14: (2,), 15: (3,), 16: (4,), 17: (5,)}


def _weekend(value: Any) -> Any:
    """The weekdays off (0 Monday … 6 Sunday) a weekend argument names, or its error."""
    if value is None or value is EMPTY:
        return WEEKENDS[1]
    if isinstance(value, str) and not isinstance(value, XlError):
        if len(value) != 7 or set(value) - {"0", "1"} or value == "1111111":
            return VALUE
        return tuple(i for i, flag in enumerate(value) if flag == "1")
    number = number_arg(value)
    if isinstance(number, XlError):
        return number
    return WEEKENDS.get(int(number), NUM)


def _holidays(value: Any) -> Any:
    days = set()
    for cell in (value.flat if isinstance(value, np.ndarray) else [value]):
        if cell is None or cell is EMPTY:
            continue
        number = number_arg(cell)
        if isinstance(number, XlError):
            return number
        days.add(math.floor(number))
    return days


def _workday_intl(start_date: Any, days: Any, weekend: Any = None, holidays: Any = None) -> Any:
    start, count = number_arg(start_date), number_arg(days)
    off, closed = _weekend(weekend), _holidays(holidays)
    for value in (start, count, off, closed):
        if isinstance(value, XlError):
            return value
    if not 0 <= start < MAX_SERIAL:
        return NUM
    day, left, step = math.floor(start), abs(math.trunc(count)), 1 if count >= 0 else -1
    while left:
        day += step
        if not 0 < day < MAX_SERIAL:
            return NUM
        if (day + 5) % 7 not in off and day not in closed:  # (serial + 5) % 7: 0 Monday … 6 Sunday
            left -= 1
    return float(day)


FUNCTIONS: dict[str, Spec] = {
    "WORKDAY.INTL": Spec(_workday_intl, defaults=True),
    "WEEKNUM": Spec(_weeknum),
    "ISOWEEKNUM": Spec(_isoweeknum),
    "HOUR": Spec(_time_part(3600, 24)),
    "MINUTE": Spec(_time_part(60, 60)),
    "SECOND": Spec(_time_part(1, 60)),
    "DAYS360": Spec(_days360),
}
