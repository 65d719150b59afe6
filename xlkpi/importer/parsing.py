"""Text cells → typed values, a whole column at once (pandas), with the rows that did not parse.

Dates: ISO text (with or without an offset), day-first or month-first text (guessed per column
unless the mapping says), Excel serial numbers; naive times are in the team's time zone or UTC
as the column says, and every time is returned as naive local time in the team's zone. Numbers:
decimal point or comma, thousands separators, currency signs. Durations: ``HH:MM:SS``,
``MM:SS`` or seconds. Booleans: yes/no, true/false, 1/0, oui/non.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..xlsx.dates import EXCEL_EPOCH

from .mapping import BOOLEANS, Column, normalize

_OFFSET = r"(?:[+-]\d\d:?\d\d|Z|UTC|GMT)\s*$"
_SERIAL = r"^\d{1,6}(?:[.,]\d+)?$"
_EXCEL_EPOCH = pd.Timestamp(EXCEL_EPOCH)
_ISOISH = r"^\d{4}-\d\d-\d\d"
_NOT_NUMBER = re.compile(r"[\s\u00a0\u202f€$£%]|EUR|USD", re.IGNORECASE)


@dataclass
class Parsed:
    values: pd.Series
    bad: pd.Series  # True where a non-empty cell did not parse
    unmapped: Counter[str] = field(default_factory=Counter)  # values a value map does not list → rows


def parse(column: Column, text: pd.Series, tz: str, decimal: str, dayfirst: bool | None) -> Parsed:
    """``text`` (one export column) as ``column.type`` says."""
    text = text.astype(str).str.strip()
    empty = text == ""
    if column.type == "number":
        values = parse_number(text, decimal)
    elif column.type == "duration":
        values = parse_duration(text, decimal)
    elif column.type == "bool":
        values = _by_distinct(text, lambda v: BOOLEANS.get(v.casefold()))
        values[empty] = None
        return Parsed(values, ~empty & values.isna())
    elif column.type == "datetime":
        values = parse_datetime(text, column.timezone, tz, dayfirst)
    else:
        if column.values or column.other:
            mapped = _by_distinct(text, lambda v: column.values.get(normalize(v), column.other))
            mapped[empty] = None
            unmapped = Counter(text[mapped.isna() & ~empty].value_counts().to_dict()) if column.other is None else Counter()
            return Parsed(mapped.astype("category"), pd.Series(False, index=text.index), unmapped)
        return Parsed(text.astype("category"), pd.Series(False, index=text.index))
    return Parsed(values, ~empty & values.isna())


def _by_distinct(text: pd.Series, function: Callable[[str], object]) -> pd.Series:
    """``function`` of each cell, called once per distinct value (exports repeat a few values)."""
    codes, distinct = pd.factorize(text)
    looked_up = np.array([function(v) for v in distinct] + [None], dtype=object)
    return pd.Series(looked_up[codes], index=text.index, dtype=object)


def parse_number(text: pd.Series, decimal: str) -> pd.Series:
    """Numbers, NaN where a cell is not a finite number (``inf``, ``1e309`` and ``nan`` are not)."""
    cleaned = text.str.replace(_NOT_NUMBER, "", regex=True)
    if decimal == ",":
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        cleaned = cleaned.str.replace(",", "", regex=False)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype(float)
    return numbers.where(np.isfinite(numbers))


def parse_duration(text: pd.Series, decimal: str) -> pd.Series:
    """Seconds."""
    clock = text.str.fullmatch(r"\d+:\d\d(?::\d\d)?")
    seconds = parse_number(text.where(~clock, ""), decimal)
    if clock.any():
        parts = text[clock].str.split(":", expand=True).astype(float)
        if parts.shape[1] == 2:
            total = parts[0] * 60 + parts[1]
        else:
            three = parts[2].notna()
            total = (parts[0] * 3600 + parts[1] * 60 + parts[2]).where(three, parts[0] * 60 + parts[1])
        seconds[clock] = total
    return seconds


def guess_dayfirst(text: pd.Series) -> bool:
    """Day first unless a first number above 12 says month first (or the second one says day first)."""
    parts = text[~text.str.match(_ISOISH) & (text != "")].str.extract(r"^(\d{1,2})[/.-](\d{1,2})[/.-]").dropna().astype(int)
    if parts.empty:
        return True
    if (parts[0] > 12).any():
        return True
    return not (parts[1] > 12).any()


def parse_datetime(text: pd.Series, column_tz: str, team_tz: str, dayfirst: bool | None) -> pd.Series:
    """Naive date-times in ``team_tz`` (NaT where empty or unparsable)."""
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    filled = text != ""
    if not filled.any():
        return out
    serial = filled & text.str.match(_SERIAL)
    if serial.any():
        days = pd.to_numeric(text[serial].str.replace(",", ".", regex=False), errors="coerce")
        days = days.where((days >= 1) & (days < 2958466))
        out[serial] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).dt.round("s")
    aware = filled & ~serial & text.str.contains(_OFFSET, regex=True)
    if aware.any():
        stamps = pd.to_datetime(text[aware].str.replace(r"\s*(UTC|GMT)\s*$", "+00:00", regex=True),
                                errors="coerce", utc=True, format="mixed")
        out[aware] = stamps.dt.tz_convert(team_tz).dt.tz_localize(None)
    naive = filled & ~serial & ~aware
    if naive.any():
        values = text[naive]
        iso = values.str.match(_ISOISH)
        stamps = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
        if iso.any():
            stamps[iso] = pd.to_datetime(values[iso], errors="coerce", format="ISO8601")
        if (~iso).any():
            first = guess_dayfirst(values[~iso]) if dayfirst is None else dayfirst
            stamps[~iso] = pd.to_datetime(values[~iso], errors="coerce", dayfirst=first, format="mixed")
        if column_tz == "utc":
            local = stamps.dt.tz_localize("UTC").dt.tz_convert(team_tz).dt.tz_localize(None)
        else:
            local = stamps
        out[naive] = local
    return out


def as_serial(values: pd.Series) -> pd.Series:
    """Naive date-times → Excel serial numbers (1900 date system), NaN where NaT."""
    return (values - _EXCEL_EPOCH) / np.timedelta64(1, "D")
