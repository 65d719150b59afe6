"""Excel's coercion rules for arguments: blanks, text, booleans, dates, errors and ranges.

Every KPI function receives its arguments through :func:`coerce`, so the Python API, the
xlwings UDFs and the headless engine all apply the same rules (KPI_SPEC "Conventions").
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from enum import Enum
from numbers import Number
from typing import Any

from .errors import XLError

from .xlsx.dates import EXCEL_EPOCH


class Kind(Enum):
    """What an argument holds; decides how it is coerced (limits such as "≥ 0" are the
    parameter's, see :class:`xlkpi.registry.Param`)."""

    COUNT = "count"  # a count or other quantity (hours, days): blank → 0
    AMOUNT = "amount"  # money or any signed number: blank → 0
    FRACTION = "fraction"  # a rate or share: blank → 0
    TEXT = "text"  # an option word (a blank optional argument takes the parameter's default)
    NUMBERS = "numbers"  # a range of numbers (blanks kept as None, text ignored)
    DATES = "dates"  # a range of dates or date-times (kept as Excel serials)
    TEXTS = "texts"  # a range of labels

    @property
    def is_range(self) -> bool:
        return self in (Kind.NUMBERS, Kind.DATES, Kind.TEXTS)


def excel_serial(value: dt.date | dt.datetime) -> float:
    """The Excel serial number of a date or date-time (1900 date system)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return (value - EXCEL_EPOCH) / dt.timedelta(days=1)


def is_blank(value: Any) -> bool:
    """None, "", NaN and pandas' NA/NaT: what a blank cell becomes in Python."""
    kind = type(value)
    if kind is float:  # the common cases first: this runs for every cell of every range
        return value != value  # noqa: PLR0124  (NaN, without a call)
    if kind is int or kind is bool:
        return False
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    # pandas.NA and NaT, numpy NaN / NaT scalars: pandas is imported only for such values
    return (hasattr(value, "dtype") or type(value).__module__.startswith("pandas")) and _scalar_isna(value)


def _scalar_isna(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _parse_text_number(text: str) -> float | XLError:
    """Excel converts numeric text in arithmetic: "12", " 1e3 ", "18%", "2026-01-05"."""
    s = text.strip()
    try:
        if s.endswith("%"):
            return float(s[:-1]) / 100
        return float(s)
    except ValueError:
        pass
    try:
        return excel_serial(dt.datetime.fromisoformat(s))
    except ValueError:
        return XLError.VALUE


def to_number(value: Any) -> float | XLError | None:
    """A cell value as Excel arithmetic sees it: float, an error, or None for blank."""
    kind = type(value)
    if kind is float:
        return None if value != value else value if math.isfinite(value) else XLError.NUM  # noqa: PLR0124
    if kind is int:
        return float(value)
    if isinstance(value, XLError):
        return value
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        err = XLError.parse(value)
        return err if err is not None else _parse_text_number(value)
    if isinstance(value, (dt.date, dt.datetime)):  # includes pandas.Timestamp
        return excel_serial(value)
    if hasattr(value, "dtype") and str(getattr(value, "dtype", "")).startswith("datetime64"):
        import pandas as pd

        return excel_serial(pd.Timestamp(value).to_pydatetime())
    if isinstance(value, Number):
        x = float(value)  # type: ignore[arg-type]
        return x if math.isfinite(x) else XLError.NUM
    return XLError.VALUE


_PLAIN_CELLS = {float, int, str, bool, type(None)}


def flatten(value: Any) -> list[Any]:
    """A range (nested lists, array, Series, DataFrame) as a flat list of cells, row by row."""
    if hasattr(value, "to_numpy") and not isinstance(value, (str, bytes)):
        value = value.to_numpy()
    if hasattr(value, "ravel") and hasattr(value, "ndim"):
        return list(value.ravel()) if value.ndim else [value.item()]
    if isinstance(value, (list, tuple)):
        if all(type(item) in _PLAIN_CELLS for item in value):  # already flat: a row or column of cells
            return list(value)
        out: list[Any] = []
        for item in value:
            if type(item) in _PLAIN_CELLS:
                out.append(item)
            elif isinstance(item, (list, tuple)) or hasattr(item, "ndim"):
                out.extend(flatten(item))
            else:
                out.append(item)
        return out
    return [value]


def _single(value: Any) -> Any:
    """A scalar argument given as a 1×1 range is that cell; a larger range is #VALUE!."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "ndim") and getattr(value, "ndim", 0) > 0):
        cells = flatten(value)
        return cells[0] if len(cells) == 1 else XLError.VALUE
    return value


_RANGES = frozenset({Kind.NUMBERS, Kind.DATES, Kind.TEXTS})


def coerce(kind: Kind, value: Any) -> Any:
    """Coerce one argument; returns the clean value, or the XLError the function must return."""
    if type(value) is float and kind not in _RANGES and kind is not Kind.TEXT and math.isfinite(value):
        return value  # the common case, at once
    if kind in _RANGES:
        return _coerce_range(kind, value)
    value = _single(value)
    if kind is Kind.TEXT:
        if isinstance(value, XLError) or (isinstance(value, str) and XLError.parse(value)):
            return XLError.parse(str(value))
        return value.strip() if isinstance(value, str) else value
    number = to_number(value)
    if isinstance(number, XLError):
        return number
    return 0.0 if number is None else number


def _coerce_range(kind: Kind, value: Any) -> list[Any] | XLError:
    """Cells of a range: errors propagate (the first one wins), blanks stay None."""
    cells: list[Any] = []
    numbers = kind is not Kind.TEXTS
    for cell in flatten(value):
        if numbers and type(cell) is float and math.isfinite(cell):  # the common case, at once
            cells.append(cell)
            continue
        if cell is None:
            cells.append(None)
            continue
        if isinstance(cell, XLError) or (isinstance(cell, str) and XLError.parse(cell)):
            return XLError.parse(str(cell))  # type: ignore[return-value]
        if is_blank(cell):
            cells.append(None)
        elif kind is Kind.TEXTS:
            cells.append(str(cell).strip())
        else:
            number = to_number(cell)
            # Like AVERAGE or SUM over a range, text that is not a number is ignored.
            cells.append(None if isinstance(number, XLError) else number)
    return cells


def first_error(values: Iterable[Any]) -> XLError | None:
    """The first XLError among coerced arguments (Excel evaluates left to right)."""
    return next((v for v in values if isinstance(v, XLError)), None)
