"""``xlkpi check``: input problems of a weekly workbook, cell by cell.

Reads the inputs the template (:mod:`xlkpi.template`) lays out — the channel sheets' weekly
rows, the Leads log and the week to report on — and reports what would make the dashboard
wrong: text or an error value where a number belongs, negative counts, a count above the one it
is part of (each input's ``at_most`` in :mod:`xlkpi.channels`), a week filled without its cost,
lead dates out of order and values outside the Settings lists. Messages are in the workbook's
language and name its columns as its headers do.

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

from .channels import CHANNELS, Channel
from .engine import Book, read_book
from .engine.book import Sheet
from .engine.refs import col_letters, split_cell, split_range
from .errors import WorkbookError, is_error
from .weekly_layout import FIRST_WEEK_ROW, LANGS, LEAD_COLUMNS, input_columns, iso_weeks, sheet_titles, text

Severity = Literal["error", "warning"]

# Problem texts in the workbook's language: (English, French)
MESSAGES: dict[str, tuple[str, str]] = {
    "count": ("a count", "un comptage"),
    "amount": ("an amount", "un montant"),
    "minutes": ("a number of minutes", "un nombre de minutes"),
    "error_value": ("the error value {value} where {a} belongs", "la valeur d'erreur {value} là où il faut {a}"),
    "not_number": ("{value!r} is not a number; {a} must be a number",
                   "{value!r} n'est pas un nombre ; il faut {a}"),
    "negative": ("{a} cannot be negative ({value:g})", "{a} ne peut pas être négatif ({value:g})"),
    "not_whole": ("a count must be a whole number ({value:g})", "un comptage est un nombre entier ({value:g})"),
    "exceeds": ("{label} ({value:g}) exceeds {bound} ({limit:g}, {cell})",
                "{label} ({value:g}) dépasse {bound} ({limit:g}, {cell})"),
    "no_cost": ("{cost} is empty while week {week} is filled ({first} in {cell}); type 0 if it cost nothing",
                ("{cost} est vide alors que la semaine {week} est remplie ({first} en {cell}) ; "
                 "saisissez 0 si elle n'a rien coûté")),
    "bad_week": ("{value!r} is not a week from 1 to {weeks}", "{value!r} n'est pas une semaine de 1 à {weeks}"),
    "no_channel": ("empty; this lead counts in no channel", "vide ; ce lead ne compte dans aucun canal"),
    "not_listed": ("{value!r} is not in the Settings list ({allowed})",
                   "{value!r} n'est pas dans la liste de Paramètres ({allowed})"),
    "not_date": ("{value!r} is not a date", "{value!r} n'est pas une date"),
    "before": ("{date:%Y-%m-%d %H:%M} is before {earlier} ({earlier_date:%Y-%m-%d %H:%M}, {cell})",
               "{date:%Y-%m-%d %H:%M} est antérieur à {earlier} ({earlier_date:%Y-%m-%d %H:%M}, {cell})"),
    "unattributed": ("revenue without a signature date is not attributed to the channel",
                     "chiffre d'affaires sans date de signature : il n'est attribué à aucun canal"),
}


def say(key: str, lang: str, **fields: object) -> str:
    return MESSAGES[key][lang == "fr"].format(**fields)


def about(label: str, message: str, lang: str) -> str:
    """``message`` about the column ``label``, with the language's colon."""
    return f"{label}{' : ' if lang == 'fr' else ': '}{message}"
LEAD_DATES = [c.key for c in LEAD_COLUMNS if c.kind == "datetime"]  # in the order a lead lives them


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


def check_book(book: Book, path: str | Path) -> list[Problem]:
    """:func:`check_workbook` on the workbook ``book`` already read from ``path``."""
    lang = _edition(book, path)
    titles = sheet_titles(lang)
    problems = _check_settings(book.sheets[titles["settings"]], lang)
    for channel in CHANNELS:
        problems += _check_channel(book.sheets[titles[channel.key]], channel, lang)
    problems += _check_leads(book, titles["leads"], lang)
    return problems


def _edition(book: Book, path: str | Path) -> str:
    for lang in LANGS:
        if set(sheet_titles(lang).values()) <= book.sheets.keys():
            return lang
    expected = ", ".join(sheet_titles("en").values())
    raise WorkbookError(path, f"not an xlkpi weekly workbook: expected the sheets {expected} (or the French edition's)")


def _plain(value: object) -> Any:
    """A stored value as the checks read it: a whole number as an int, an error as its text."""
    if isinstance(value, XlError):
        return str.__str__(value)  # a plain str: the token's repr has no quotes
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cell(sheet: Sheet, ref: str) -> Any:
    return _plain(sheet.values.get(split_cell(ref)))


def _rows(sheet: Sheet, first: int, width: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row, values of columns 1 to ``width``) of each row from ``first`` with one of them filled."""
    rows = sorted({r for r, c in sheet.values if r >= first and c <= width})
    for row in rows:
        yield row, tuple(_plain(sheet.values.get((row, col))) for col in range(1, width + 1))


_EPOCHS = {False: dt.datetime(1899, 12, 30), True: dt.datetime(1904, 1, 1)}


def _date(value: object, date1904: bool) -> dt.datetime | None:
    """The date and time a serial number stands for; None when ``value`` is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        return None
    day, fraction = divmod(value, 1)
    if 0 < value < 60 and not date1904:  # Excel's 1900 has a 29 February
        day += 1
    try:
        return _EPOCHS[date1904] + dt.timedelta(days=day, milliseconds=round(fraction * 86_400_000))
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


def _check_settings(ws: Sheet, lang: str) -> list[Problem]:
    year, week = _cell(ws, "B3"), _cell(ws, "B4")
    weeks = len(iso_weeks(year)) if isinstance(year, int) and 1 <= year <= 9998 else 53
    if isinstance(week, (int, float)) and not isinstance(week, bool) and week == int(week) and 1 <= week <= weeks:
        return []
    return [Problem("error", ws.title, "B4", about(text("week_to_report", lang), say("bad_week", lang, value=week, weeks=weeks), lang))]


def _check_channel(ws: Sheet, channel: Channel, lang: str) -> list[Problem]:
    columns = input_columns(channel)
    keys = [i.key for i in channel.inputs]
    problems: list[Problem] = []
    for row, values in _rows(ws, FIRST_WEEK_ROW, 2 + len(keys)):
        if values[0] is None and not any(v is not None for v in values[2:]):
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


# A destination of a defined name: 'Sheet'!$A$1:$B$2 or Sheet!A1
_DESTINATION = re.compile(r"(?:'((?:[^']|'')+)'|([^'!,\s]+))!(\$?[A-Za-z]+\$?\d+(?::\$?[A-Za-z]+\$?\d+)?)")


def _allowed(book: Book, name: str) -> set[str]:
    """The texts of the Settings list a defined name points to."""
    allowed: set[str] = set()
    for quoted, plain, ref in _DESTINATION.findall(book.names.get(name.upper(), "")):
        sheet = book.sheet(quoted.replace("''", "'") if quoted else plain)
        if sheet is None:
            continue
        r1, c1, r2, c2 = split_range(ref)
        values = (_plain(sheet.values.get((r, c))) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        allowed.update(str(v) for v in values if v is not None)
    return allowed


def _check_leads(book: Book, title: str, lang: str) -> list[Problem]:
    ws = book.sheets[title]
    col = {c.key: col_letters(n) for n, c in enumerate(LEAD_COLUMNS, start=1)}
    lists = {"channel": _allowed(book, "ChannelList"), "status": _allowed(book, "StatusList")}
    problems: list[Problem] = []

    def report(severity: Severity, key: str, row: int, message: str) -> None:
        problems.append(Problem(severity, title, f"{col[key]}{row}", about(text(key, lang), message, lang)))

    for row, values in _rows(ws, 2, len(LEAD_COLUMNS)):
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
                report("error", later, row, say("before", lang, date=dates[later], earlier=text(earlier, lang),
                                                earlier_date=dates[earlier], cell=f"{col[earlier]}{row}"))
        why = _number_problem(lead["revenue"], "amount", lang, negative_ok=True)
        if why:
            report("error", "revenue", row, why)
        elif lead["revenue"] and "signature" not in dates:
            report("warning", "revenue", row, say("unattributed", lang))
    return sorted(problems, key=lambda p: split_cell(p.cell))
