"""The weekly workbook as the import sees it: edition, year, where each channel's ISO week rows
and input columns are, the Leads columns (by their defined names), the statuses and channel
names it lists, and the values its input cells hold now — all read by
:class:`~xlkpi.workbook.reader.WeeklyBook`, as ``xlkpi check`` and ``xlkpi report`` read them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..a1 import col_letters
from ..engine.book import Book
from ..engine.refs import split_cell
from ..engine.xlvalues import EMPTY
from ..errors import WorkbookError
from ..workbook.reader import LeadsArea, WeeklyBook
from ..xlsx.vet import check_package
from .targets import CHANNELS, input_columns

__all__ = ["LeadsArea", "Target", "machine_timezone", "read_target"]


@dataclass
class Target:
    path: Path
    book: Book
    lang: str
    year: int
    titles: dict[str, str]  # sheet key → title
    week_rows: dict[str, dict[int, int]]  # channel key → ISO week → row
    leads: LeadsArea
    statuses: dict[str, str]  # status key → the workbook's label
    channel_names: dict[str, str]  # channel key → the workbook's label
    date1904: bool = False
    currency: str | None = None  # Settings' Currency (ISO code), when the workbook names it
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


def read_target(path: str | Path) -> Target:
    """Read the weekly workbook at ``path``; WorkbookError when it is not one."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(path, "the workbook must be an .xlsx file")
    check_package(path)
    book = WeeklyBook.open(path)
    return Target(path, book.book, book.lang, book.year, book.titles,
                  {c.key: dict(book.week_rows) for c in CHANNELS}, book.leads, book.statuses, book.channels,
                  book.book.date1904, book.currency, book.missing_lead_keys)


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
