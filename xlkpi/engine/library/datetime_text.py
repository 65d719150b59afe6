"""VALUE, DATEVALUE and TIMEVALUE: text as Excel reads it (en-US): numbers (``"1,234.567e6"``,
``"$12"``, ``"(5)"``, ``"10%"``) and dates and times (``"7/5/1998 12:13"``, ``"5-Jul-1998"``,
``"July 5, 1998"``, ``"1998/7/5"``, ``"0:13 PM"``, ``"4 pm"``, ``"4:35:00.5"``, ``"25:00"``).

A date without a year is in the current year; a two-digit year below 30 is 20xx, else 19xx.
Minutes and seconds past 59 and hours past 23 carry over, as Excel's do.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ...xlsx.dates import EXCEL_EPOCH
from ..functions import Spec
from ..operators import to_number
from ..xlvalues import EMPTY, VALUE
from .text import elementwise

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
_MONTH = r"(?P<{}>[A-Za-z]{{3,9}})\.?"
_TIME = re.compile(
    r"(?P<h>\d{1,5})(?::(?P<m>\d{1,5})(?::(?P<s>\d{1,5}(?:\.\d*)?))?)?\s*(?P<ap>[AP]M?)?", re.IGNORECASE)
_NUMBER = re.compile(r"(?P<sign>[+-]?)\$?(?P<digits>\d{1,3}(?:,\d{3})+|\d*)(?P<fraction>\.\d*)?(?P<exp>[eE][+-]?\d+)?")
_DATES = [re.compile(p, re.IGNORECASE) for p in (
    r"(?P<a>\d{1,4})(?P<sep>[/-])(?P<b>\d{1,2})(?:(?P=sep)(?P<c>\d{1,4}))?",  # 7/5/1998, 1998-7-5, 7/5, 7/1998
    r"(?P<d>\d{1,2})[-/ ]" + _MONTH.format("mon") + r"(?:[-/ ,]\s*(?P<y>\d{1,4}))?",  # 5-Jul-1998, 5 July
    _MONTH.format("mon") + r"[-/ ]\s*(?P<d>\d{1,4})(?:,?[-/ ]\s*(?P<y>\d{1,4}))?",  # July 5, 1998; Jul-98
)]


@dataclass(frozen=True)
class DateTime:
    """What a text says: a date serial (None: no date), and a time in days (None: no time)."""

    date: int | None
    time: float | None

    @property
    def value(self) -> float:
        return (self.date or 0) + (self.time or 0.0)


def serial(year: int, month: int, day: int) -> int | None:
    """Excel's 1900 serial of a calendar date (None out of 1900-01-01 … 9999-12-31)."""
    if (year, month, day) == (1900, 2, 29):
        return 60
    try:
        days = (dt.date(year, month, day) - EXCEL_EPOCH.date()).days
    except ValueError:
        return None
    return days - 1 if days < 61 else days


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        return year + (2000 if year < 30 else 1900)
    return year


def _month(name: str) -> int | None:
    name = name.lower()
    for number, full in enumerate(MONTH_NAMES, start=1):
        if len(name) >= 3 and full.startswith(name) or name == "sept" and number == 9:
            return number
    return None


def _date(text: str, today: dt.date) -> int | None:
    """The serial of a date text, None when it is none."""
    for pattern in _DATES:
        match = pattern.fullmatch(text)
        if match:
            return _date_of(match.groupdict(), today)
    return None


def _date_of(parts: dict[str, str | None], today: dt.date) -> int | None:
    if parts.get("mon") is not None:
        month = _month(parts["mon"] or "")
        day_text, year_text = parts["d"] or "", parts["y"]
        if month is None:
            return None
        if year_text is None and (len(day_text) > 2 or int(day_text) > 31 or int(day_text) == 0):
            return serial(_year(day_text), month, 1)  # Jul-1998, Jul-98: the month's first day
        year = _year(year_text) if year_text is not None else today.year
        return serial(year, month, int(day_text))
    a, b, c = parts["a"] or "", parts["b"] or "", parts["c"]
    if len(a) > 2:  # 1998/7/5, 1998/7
        return serial(int(a), int(b), int(c) if c is not None else 1) if c is None or len(c) <= 2 else None
    if c is None:  # 7/5 (this year), 7/98 (July 1998)
        if int(b) > 31 or (parts["sep"] == "/" and len(b) > 2):
            return serial(_year(b), int(a), 1)
        return serial(today.year, int(a), int(b))
    return serial(_year(c), int(a), int(b))


def _time(text: str) -> float | None:
    """A time text in days, None when it is none ("4" alone is a number, not a time)."""
    match = _TIME.fullmatch(text)
    if not match or (match["m"] is None and match["ap"] is None):
        return None
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    seconds = float(match["s"] or 0)
    if match["ap"]:
        if hours > 12:
            return None
        hours = hours % 12 + (12 if match["ap"][0].upper() == "P" else 0)
    elif match["m"] is not None and match["s"] is None and "." in text:
        return None
    return (hours * 3600 + minutes * 60 + seconds) / 86400


def parse_datetime(text: str, today: dt.date | None = None) -> DateTime | None:
    """The date and time a text gives, or None when it is neither."""
    text = " ".join(text.split())
    if not text:
        return None
    today = today or dt.date.today()
    time = _time(text)
    if time is not None:
        return DateTime(None, time)
    date = _date(text, today)
    if date is not None:
        return DateTime(date, None)
    for at in [i for i, ch in enumerate(text) if ch == " "]:  # a date then a time, or a time then a date
        head, tail = text[:at], text[at + 1:]
        for day_text, time_text in ((head, tail), (tail, head)):
            time = _time(time_text)
            date = _date(day_text, today) if time is not None else None
            if date is not None and time is not None:
                return DateTime(date, time)
    return None


def parse_number(text: str) -> float | None:
    """A number text as VALUE reads it: signs, ``$``, thousands commas, an exponent, ``%``,
    an accounting ``(12)``; None when it is no number."""
    body = text.strip()
    negative = body.startswith("(") and body.endswith(")")
    if negative:
        body = body[1:-1].strip()
    percent = len(body) - len(body.rstrip("%"))
    body = body.rstrip("%").strip()
    match = _NUMBER.fullmatch(body)
    if not match or not (match["digits"] or (match["fraction"] or ".") != "."):
        return None
    if negative and match["sign"]:
        return None
    number = float((match["digits"] or "0").replace(",", "") + (match["fraction"] or "") + (match["exp"] or ""))
    number /= 100 ** percent
    return -number if negative or match["sign"] == "-" else number


# --- VALUE, DATEVALUE, TIMEVALUE ------------------------------------------------------------------


@elementwise
def _value(text: Any) -> Any:
    if isinstance(text, XlError):
        return text
    if text is EMPTY:
        return 0.0
    if isinstance(text, (bool, np.bool_)):
        return VALUE
    if not isinstance(text, str):
        return to_number(text)
    number = parse_number(text)
    if number is not None:
        return number
    when = parse_datetime(text)
    return VALUE if when is None else when.value


def _text_only(fn: Callable[[DateTime], Any]) -> Callable[[Any], Any]:
    @elementwise
    def apply(text: Any) -> Any:
        if isinstance(text, XlError):
            return text
        if not isinstance(text, str) or text is EMPTY:
            return VALUE  # a number is no date text
        when = parse_datetime(text)
        return VALUE if when is None else fn(when)

    return apply


def _datevalue(when: DateTime) -> float:
    return float(math.floor(when.value))  # a time alone is day 0


def _timevalue(when: DateTime) -> float:
    return when.value - math.floor(when.value)  # past 24 hours: the time of the day it reaches


FUNCTIONS: dict[str, Spec] = {
    "VALUE": Spec(_value),
    "DATEVALUE": Spec(_text_only(_datevalue)),
    "TIMEVALUE": Spec(_text_only(_timevalue)),
}
