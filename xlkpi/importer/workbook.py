"""The weekly workbook as the import sees it: edition, year, time zone, where each channel's
ISO week rows and input columns are, the Leads columns (by their defined names), the statuses
and channel names it lists, and the values its input cells hold now.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..a1 import col_letters
from ..engine import read_book
from ..engine.book import Book, Sheet
from ..engine.refs import split_cell
from ..engine.xlvalues import EMPTY
from ..errors import WorkbookError
from ..xlsx.vet import check_package
from ..xlsx.dates import epoch
from .targets import CHANNELS, FIRST_WEEK_ROW, LEAD_COLUMNS, STATUS_KEYS, edition, input_columns, sheet_titles

YEAR_NAMES = ("Year", "ReportYear")  # defined names the year may have
TIMEZONE_NAMES = ("TimeZone", "Timezone")


@dataclass
class LeadsArea:
    sheet: str
    columns: dict[str, int]  # lead key → column number
    first_row: int
    last_row: int
    dates: frozenset[str] = frozenset()  # the keys of its date columns


@dataclass
class Target:
    path: Path
    book: Book
    lang: str
    year: int
    timezone: str | None  # from the workbook, if it says
    titles: dict[str, str]  # sheet key → title
    week_rows: dict[str, dict[int, int]]  # channel key → ISO week → row
    leads: LeadsArea
    statuses: dict[str, str]  # status key → the workbook's label
    channel_names: dict[str, str]  # channel key → the workbook's label
    date1904: bool = False
    missing_lead_keys: list[str] = field(default_factory=list)

    def value(self, sheet: str, ref: str) -> Any:
        """The value a cell holds now (None when empty); numbers as float."""
        value = self.book.sheets[sheet].values.get(split_cell(ref), EMPTY)
        return None if value is EMPTY or value == "" else value

    def input_cell(self, channel: str, key: str, week: int) -> tuple[str, str] | None:
        row = self.week_rows[channel].get(week)
        if row is None:
            return None
        letters = input_columns(next(c for c in CHANNELS if c.key == channel))[key]
        return self.titles[channel], f"{letters}{row}"

    def lead_ref(self, key: str, row: int) -> str:
        return f"{col_letters(self.leads.columns[key])}{row}"


def _name_range(book: Book, name: str) -> tuple[str, int, int, int, int] | None:
    """(sheet, first row, first col, last row, last col) of a global defined name."""
    text = book.names.get(name.upper())
    if not text or "!" not in text:
        return None
    sheet, _, cells = text.rpartition("!")
    sheet = sheet.strip("'").replace("''", "'")
    first, _, last = cells.replace("$", "").partition(":")
    try:
        r1, c1 = split_cell(first)
        r2, c2 = split_cell(last or first)
    except ValueError:
        return None
    return sheet, r1, c1, r2, c2


def _named_values(book: Book, name: str) -> list[Any]:
    found = _name_range(book, name)
    if found is None or found[0] not in book.sheets:
        return []
    sheet, r1, c1, r2, c2 = found
    values = book.sheets[sheet].values
    return [values.get((r, c), EMPTY) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def _week_rows(sheet: Sheet) -> dict[int, int]:
    """ISO week → row, from column A under the header."""
    rows: dict[int, int] = {}
    for (row, col), value in sheet.values.items():
        if col == 1 and row >= FIRST_WEEK_ROW and isinstance(value, float) and value.is_integer() and 1 <= value <= 53:
            rows.setdefault(int(value), row)
    return rows


def _year(book: Book, titles: dict[str, str]) -> int | None:
    for name in YEAR_NAMES:
        values = _named_values(book, name)
        if values and isinstance(values[0], float):
            return int(values[0])
    monday = book.sheets[titles[CHANNELS[0].key]].values.get((FIRST_WEEK_ROW, 2))
    if isinstance(monday, float):  # week 1's Monday: its ISO year
        return (epoch(book.date1904) + dt.timedelta(days=int(monday) + 3)).isocalendar()[0]
    return None


def read_target(path: str | Path) -> Target:
    """Read the weekly workbook at ``path``; WorkbookError when it is not one."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(path, "the workbook must be an .xlsx file")
    check_package(path)
    book = read_book(path)
    lang = edition(book, path)
    titles = sheet_titles(lang)
    year = _year(book, titles)
    if year is None:
        raise WorkbookError(path, "no year found (Settings, or the Monday of week 1 on each channel sheet)", titles[CHANNELS[0].key], "B5")
    zone = next((str(v[0]) for n in TIMEZONE_NAMES if (v := _named_values(book, n)) and isinstance(v[0], str)), None)
    columns: dict[str, int] = {}
    first_row, last_row, leads_sheet = 2, 2, titles["leads"]
    missing = []
    for column in LEAD_COLUMNS:
        found = _name_range(book, column.name)
        if found is None:
            missing.append(column.key)
            continue
        leads_sheet, first_row, columns[column.key], last_row, _ = found
    statuses = {k: str(v) for k, v in zip(STATUS_KEYS, _named_values(book, "StatusList")) if isinstance(v, str)}
    names = {c.key: str(v) for c, v in zip(CHANNELS, _named_values(book, "ChannelList")) if isinstance(v, str)}
    for channel in CHANNELS:
        names.setdefault(channel.key, channel.name(lang))
    return Target(path, book, lang, year, zone, titles,
                  {c.key: _week_rows(book.sheets[titles[c.key]]) for c in CHANNELS},
                  LeadsArea(leads_sheet, columns, first_row, last_row,
                            frozenset(c.key for c in LEAD_COLUMNS if c.kind in ("date", "datetime"))), statuses, names, book.date1904, missing)


def machine_timezone() -> str:
    """The machine's IANA time zone (TZ, /etc/timezone, /etc/localtime), else UTC."""
    if zone := os.environ.get("TZ", "").lstrip(":"):
        return zone
    try:
        return Path("/etc/timezone").read_text().strip() or "UTC"
    except OSError:
        pass
    try:
        link = os.readlink("/etc/localtime")
        return link.split("zoneinfo/", 1)[1]
    except (OSError, IndexError):
        return "UTC"
