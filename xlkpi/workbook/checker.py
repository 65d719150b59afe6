"""``xlkpi check``: input problems of a weekly workbook, cell by cell.

Reads the inputs the layout (:mod:`xlkpi.workbook.layout`) places — the channel sheets' weekly
rows, the Leads log and the Settings values, found through their defined names — and reports
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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from formulas.tokens.operand import XlError

from ..a1 import col_letters
from ..engine import Book, read_book
from ..engine.book import Sheet
from ..engine.refs import split_cell, split_range
from ..errors import WorkbookError, is_error
from ..i18n import LANGS, text
from ..xlsx.dates import epoch
from .channels import CHANNELS, Channel
from .layout import (
    FIRST_LEAD_ROW,
    FIRST_WEEK_ROW,
    LAST_LEAD_ROW,
    LEAD_COLUMNS,
    LEAD_DATES,
    input_columns,
    iso_weeks,
    last_week_row,
    lead_columns,
    sheet_titles,
)

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
    return check_book(read_book(path), path)


def checked(path: str | Path) -> tuple[str, list[Problem]]:
    """The workbook's language and :func:`check_workbook`'s problems, in that language."""
    book = read_book(path)
    return edition(book, path), check_book(book, path)


def check_book(book: Book, path: str | Path) -> list[Problem]:
    """:func:`check_workbook` on the workbook ``book`` already read from ``path``."""
    lang = edition(book, path)
    titles = sheet_titles(lang)
    problems = _check_settings(book, titles, lang)
    for channel in CHANNELS:
        problems += _check_channel(book.sheets[titles[channel.key]], channel, lang, _year(book))
    problems += _check_leads(book, titles["leads"], lang)
    return problems


def edition(book: Book, path: str | Path) -> str:
    """The language of the workbook ``book``: the edition whose sheets it has."""
    for lang in LANGS:
        if set(sheet_titles(lang).values()) <= book.sheets.keys():
            return lang
    expected = ", ".join(sheet_titles("en").values())
    raise WorkbookError(path, say("not_a_workbook", "en", expected=expected))


def _plain(value: object) -> Any:
    """A stored value as the checks read it: a whole number as an int, an error as its text."""
    if isinstance(value, XlError):
        return str.__str__(value)  # a plain str: the token's repr has no quotes
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A destination of a defined name: 'Sheet'!$A$1:$B$2 or Sheet!A1
_DESTINATION = re.compile(r"(?:'((?:[^']|'')+)'|([^'!,\s]+))!(\$?[A-Za-z]+\$?\d+(?::\$?[A-Za-z]+\$?\d+)?)")


def named(book: Book, name: str) -> list[tuple[Sheet, str, Any]]:
    """(sheet, cell, value) of every cell the defined name ``name`` points to."""
    cells = []
    for quoted, plain, ref in _DESTINATION.findall(book.names.get(name.upper(), "")):
        sheet = book.sheet(quoted.replace("''", "'") if quoted else plain)
        if sheet is None:
            continue
        r1, c1, r2, c2 = split_range(ref)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                cells.append((sheet, _ref(r, c), _plain(sheet.values.get((r, c)))))
    return cells


def _ref(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def _year(book: Book) -> int:
    cells = named(book, "Year")
    year = cells[0][2] if cells else None
    return year if isinstance(year, int) and 1 <= year <= 9998 else dt.date.today().year


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
    if kind == "count" and value != int(value):
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


def _check_settings(book: Book, titles: dict[str, str], lang: str) -> list[Problem]:
    cells = named(book, "ReportWeekChoice")
    if not cells:
        return []
    sheet, ref, week = cells[0]
    label = text("workbook.week_to_report", lang)
    weeks = len(iso_weeks(_year(book)))
    if week is None or (isinstance(week, str) and not week.strip()):
        return []
    if not (_is_number(week) and week == int(week) and 1 <= week <= weeks):
        return [Problem("error", sheet.title, ref, about(label, say("bad_week", lang, value=week, weeks=weeks), lang))]
    filled = _weeks_with_data(book, titles)
    later = [w for w in filled if w > week]
    if week not in filled and later:
        return [Problem("warning", sheet.title, ref, about(label, say("empty_week", lang, week=week, latest=max(later)),
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


def _allowed(book: Book, name: str) -> set[str]:
    """The texts of the Settings list a defined name points to."""
    return {str(value) for _, _, value in named(book, name) if value is not None}


def _check_leads(book: Book, title: str, lang: str) -> list[Problem]:
    ws = book.sheets[title]
    col = lead_columns()
    lists = {"channel": _allowed(book, "ChannelList"), "status": _allowed(book, "StatusList")}
    problems: list[Problem] = []

    def report(severity: Severity, key: str, row: int, message: str) -> None:
        label = text(f"workbook.lead.{key}", lang)
        problems.append(Problem(severity, title, f"{col[key]}{row}", about(label, message, lang)))

    for row, values in _rows(ws, FIRST_LEAD_ROW, len(LEAD_COLUMNS)):
        if row > LAST_LEAD_ROW:
            first = next(n for n, v in enumerate(values) if v is not None)
            problems.append(Problem("error", title, _ref(row, first + 1),
                                    say("below_last_row", lang, row=row, last=LAST_LEAD_ROW)))
            continue
        lead = dict(zip(col, values))
        for key, allowed in lists.items():
            if lead[key] is None:
                if key == "channel":
                    report("warning", key, row, say("no_channel", lang))
            elif str(lead[key]) not in allowed:
                report("error", key, row, say("not_listed", lang, value=lead[key], allowed=", ".join(sorted(allowed))))
        dates = {}
        for key in LEAD_DATES:
            if lead[key] is None:
                continue
            date = _date(lead[key], book.date1904)
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
        why = _number_problem(lead["revenue"], "amount", lang, negative_ok=True)
        if why:
            report("error", "revenue", row, why)
        elif lead["revenue"] and "signature" not in dates:
            report("warning", "revenue", row, say("unattributed", lang))
    return sorted(problems, key=lambda p: split_cell(p.cell))
