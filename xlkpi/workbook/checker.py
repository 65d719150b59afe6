"""``xlkpi check``: input problems of a weekly workbook, cell by cell.

Reads the inputs the layout (:mod:`xlkpi.workbook.layout`) places — the channel sheets' weekly
rows, the Leads log and the Settings values, found through their defined names by
:class:`~xlkpi.workbook.reader.WeeklyBook` — and reports
what would make the dashboard wrong: text or an error value where a number belongs, negative
counts, a count above the one it is part of (each input's ``at_most``), a week filled without
its cost, data below the rows the formulas read, a report week without data while later weeks
have some, lead dates out of order and values outside the Settings lists. Messages are in the
workbook's language (:mod:`xlkpi.i18n`, ``check.*``) and name its columns as its headers do.

Cells are read as the engine reads them (:class:`~xlkpi.engine.Book`): stored values, a
formula's cached value, dates as serial numbers (a number in a lead date column is a date).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from formulas.tokens.operand import XlError

from ..a1 import col_letters
from ..engine import Book
from ..engine.book import Sheet
from ..engine.refs import split_cell
from ..errors import is_error
from ..i18n import text
from ..xlsx.dates import epoch
from .channels import CHANNELS, Channel
from .layout import FIRST_WEEK_ROW, LEAD_DATES, input_columns, iso_weeks, last_week_row
from .reader import BadYear, WeeklyBook

Severity = Literal["error", "warning"]


def say(key: str, lang: str, **fields: object) -> str:
    return text(f"check.{key}", lang, **fields)


def about(label: str, message: str, lang: str) -> str:
    """``message`` about the column ``label``, with the language's colon."""
    return say("about", lang, label=label, message=message)


@dataclass(frozen=True)
class Problem:
    severity: Severity
    sheet: str
    cell: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "sheet": self.sheet, "cell": self.cell, "message": self.message}


def check_workbook(path: str | Path) -> list[Problem]:
    """Every input problem of the xlkpi workbook at ``path``, sheet by sheet, row by row.

    Raises WorkbookError if ``path`` is not an xlkpi weekly workbook (no edition's sheets)."""
    return check_book(WeeklyBook.open(path))


def checked(path: str | Path) -> tuple[str, list[Problem]]:
    """The workbook's language and :func:`check_workbook`'s problems, in that language."""
    book = WeeklyBook.open(path)
    return book.lang, check_book(book)


def check_book(book: Book | WeeklyBook) -> list[Problem]:
    """:func:`check_workbook` on a workbook already read (ask
    :func:`~xlkpi.workbook.reader.is_weekly_workbook` first: any other workbook raises WorkbookError).
    A Year cell without a year is its one problem besides the Leads' (the weeks depend on it)."""
    weekly = book if isinstance(book, WeeklyBook) else WeeklyBook(book)
    lang = weekly.lang
    try:
        year = weekly.year
    except BadYear as error:
        label = text("workbook.year", lang)
        return [Problem("error", str(error.sheet), str(error.cell), about(label, error.message, lang)),
                *_check_leads(weekly)]
    problems = _check_settings(weekly, year)
    for channel in CHANNELS:
        problems += _check_channel(weekly.book.sheets[weekly.titles[channel.key]], channel, lang, year)
    return problems + _check_leads(weekly)


def _plain(value: object) -> Any:
    """A stored value as the checks read it: a whole number as an int, an error as its text."""
    if isinstance(value, XlError):
        return str.__str__(value)  # a plain str: the token's repr has no quotes
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _ref(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def _rows(sheet: Sheet, first: int, width: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row, values of columns 1 to ``width``) of each row from ``first`` with one of them filled."""
    rows = sorted({r for r, c in sheet.values if r >= first and c <= width})
    for row in rows:
        yield row, tuple(_plain(sheet.values.get((row, col))) for col in range(1, width + 1))


def _date(value: object, date1904: bool) -> dt.datetime | None:
    """The date and time a serial number stands for; None when ``value`` is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        return None
    day, fraction = divmod(value, 1)
    if 0 < value < 60 and not date1904:  # Excel's 1900 has a 29 February
        day += 1
    try:
        return epoch(date1904) + dt.timedelta(days=day, milliseconds=round(fraction * 86_400_000))
    except OverflowError:  # past 9999-12-31
        return None


def _number_problem(value: object, kind: str, lang: str, negative_ok: bool = False) -> str | None:
    """Why ``value`` cannot be a ``kind`` ("count", "amount", "minutes"): None when it can or is blank."""
    if value is None:
        return None
    a = say(kind, lang)
    if is_error(value):
        return say("error_value", lang, value=value, a=a)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return say("not_number", lang, value=value, a=a)
    if value < 0 and not negative_ok:
        return say("negative", lang, value=value, a=a)
    if kind == "count" and not float(value).is_integer():
        return say("not_whole", lang, value=value)
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _weeks_with_data(book: Book, titles: dict[str, str]) -> set[int]:
    """ISO weeks with contacts or a cost on some channel sheet (as the LatestWeek formula reads them)."""
    weeks: set[int] = set()
    for channel in CHANNELS:
        sheet, cols = book.sheets[titles[channel.key]], input_columns(channel)
        for row, values in _rows(sheet, FIRST_WEEK_ROW, 1):
            week = values[0]
            for key in (channel.volume, "cost"):
                value = _plain(sheet.values.get(split_cell(f"{cols[key]}{row}")))
                if isinstance(week, int) and _is_number(value) and value > 0:
                    weeks.add(week)
    return weeks


def _check_settings(book: WeeklyBook, year: int) -> list[Problem]:
    place = book.week_input
    sheet, ref = place.sheet, place.first
    week = _plain(book.book.sheets[sheet].values.get(place.cells[0]))
    lang = book.lang
    label = text("workbook.week_to_report", lang)
    weeks = len(iso_weeks(year))
    if week is None or (isinstance(week, str) and not week.strip()):
        return []
    if not (_is_number(week) and 1 <= week <= weeks and float(week).is_integer()):
        return [Problem("error", sheet, ref, about(label, say("bad_week", lang, value=week, weeks=weeks), lang))]
    filled = _weeks_with_data(book.book, book.titles)
    later = [w for w in filled if w > week]
    if week not in filled and later:
        return [Problem("warning", sheet, ref, about(label, say("empty_week", lang, week=week, latest=max(later)),
                                                     lang))]
    return []


def _check_channel(ws: Sheet, channel: Channel, lang: str, year: int) -> list[Problem]:
    columns = input_columns(channel)
    keys = [i.key for i in channel.inputs]
    last = last_week_row(year)
    problems: list[Problem] = []
    for row, values in _rows(ws, FIRST_WEEK_ROW, 2 + len(keys)):
        if values[0] is None and not any(v is not None for v in values[2:]):
            continue
        if row > last:
            first = next(n for n, v in enumerate(values) if v is not None)
            problems.append(Problem("error", ws.title, _ref(row, first + 1), say("below_last_week", lang, row=row, last=last)))
            continue
        week = dict(zip(keys, values[2:]))
        numbers = {}
        for item in channel.inputs:
            value = week[item.key]
            why = _number_problem(value, item.kind, lang, negative_ok=item.key == "revenue")
            if why:
                problems.append(Problem("error", ws.title, f"{columns[item.key]}{row}", about(item.label(lang), why, lang)))
            elif value is not None:
                numbers[item.key] = value
        for item in channel.inputs:
            if item.at_most and item.key in numbers and item.at_most in numbers and numbers[item.key] > numbers[item.at_most]:
                bound = channel.input(item.at_most)
                problems.append(Problem("error", ws.title, f"{columns[item.key]}{row}", say(
                    "exceeds", lang, label=item.label(lang), value=numbers[item.key], bound=bound.label(lang),
                    limit=numbers[item.at_most], cell=f"{columns[item.at_most]}{row}")))
        activity = [k for k in keys if k not in ("planned", "cost") and week[k] is not None]
        if activity and week["cost"] is None:
            problems.append(Problem("error", ws.title, f"{columns['cost']}{row}", say(
                "no_cost", lang, cost=channel.input("cost").label(lang), week=values[0],
                first=channel.input(activity[0]).label(lang), cell=f"{columns[activity[0]]}{row}")))
    return sorted(problems, key=lambda p: split_cell(p.cell))


def _check_leads(book: WeeklyBook) -> list[Problem]:
    """The rows of the Leads columns (found through their names) with something typed."""
    lang, area = book.lang, book.leads
    ws = book.book.sheets[area.sheet]
    col = {key: col_letters(n) for key, n in area.columns.items()}
    lists = {"channel": set(book.channels.values()), "status": set(book.statuses.values())}
    problems: list[Problem] = []

    def report(severity: Severity, key: str, row: int, message: str) -> None:
        label = text(f"workbook.lead.{key}", lang)
        problems.append(Problem(severity, area.sheet, f"{col[key]}{row}", about(label, message, lang)))

    columns = set(area.columns.values())
    for row in sorted({r for r, c in ws.values if r >= area.first_row and c in columns}):
        lead = {key: _plain(ws.values.get((row, n))) for key, n in area.columns.items()}
        if row > area.last_row:
            first = min(n for key, n in area.columns.items() if lead[key] is not None)
            problems.append(Problem("error", area.sheet, _ref(row, first),
                                    say("below_last_row", lang, row=row, last=area.last_row)))
            continue
        for key, allowed in lists.items():
            if key not in lead:
                continue
            if lead[key] is None:
                if key == "channel":
                    report("warning", key, row, say("no_channel", lang))
            elif str(lead[key]) not in allowed:
                report("error", key, row, say("not_listed", lang, value=lead[key], allowed=", ".join(sorted(allowed))))
        dates = {}
        for key in LEAD_DATES:
            if lead.get(key) is None:
                continue
            date = _date(lead[key], book.book.date1904)
            if date is None:
                report("error", key, row, say("not_date", lang, value=lead[key]))
            else:
                dates[key] = date
        ordered = [k for k in LEAD_DATES if k in dates]
        for earlier, later in pairwise(ordered):
            if dates[later] < dates[earlier]:
                report("error", later, row, say("before", lang, date=dates[later],
                                                earlier=text(f"workbook.lead.{earlier}", lang),
                                                earlier_date=dates[earlier], cell=f"{col[earlier]}{row}"))
        if "revenue" not in lead:
            continue
        why = _number_problem(lead["revenue"], "amount", lang, negative_ok=True)
        if why:
            report("error", "revenue", row, why)
        elif lead["revenue"] and "signature" not in dates:
            report("warning", "revenue", row, say("unattributed", lang))
    return sorted(problems, key=lambda p: split_cell(p.cell))
