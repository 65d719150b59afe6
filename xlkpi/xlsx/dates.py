"""Excel's serial dates: the one place the epochs are written. Standard library only (the KPI
functions import it in Pyodide too)."""
from __future__ import annotations

import datetime as dt

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 0 in the 1900 date system (Excel's 1900-02-29 bug absorbed)
EPOCH_1904 = dt.datetime(1904, 1, 1)  # serial 0 in the 1904 date system (old Mac workbooks)


def epoch(date1904: bool = False) -> dt.datetime:
    return EPOCH_1904 if date1904 else EXCEL_EPOCH


def from_serial(serial: float, date1904: bool = False) -> dt.datetime:
    """The date-time of an Excel serial number."""
    return epoch(date1904) + dt.timedelta(days=serial)


def to_serial(value: dt.date | dt.datetime, date1904: bool = False) -> float:
    """The Excel serial number of a date or date-time (naive: the wall-clock time is kept)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value.replace(tzinfo=None) - epoch(date1904)) / dt.timedelta(days=1)
