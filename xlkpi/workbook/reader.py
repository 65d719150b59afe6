"""The weekly workbook as every command reads it: :class:`WeeklyBook`.

One reading of what the builder (:mod:`xlkpi.workbook.builder`) writes, for ``xlkpi check``,
``xlkpi import``, ``xlkpi report`` and batch recalculation: its edition (the language whose sheet
titles it has), its defined names turned into cells, the year, the Settings values, the channel
and status labels its lists give, the Leads area, whether its stored values are stale, and what
the last ``xlkpi import`` wrote. Positions come from the names the builder writes; where a name is
missing, from the layout (:mod:`xlkpi.workbook.layout`) the builder follows.

The file is read only through the engine's :func:`~xlkpi.engine.read_book`: values as the engine
holds them (numbers as floats, blank absent, errors as ``XlError`` tokens).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from ..a1 import cell_name, split_range
from ..engine import Book, read_book
from ..engine.refs import Cell
from ..errors import WorkbookError
from ..i18n import LANGS, text
from ..importer import provenance
from .channels import CHANNELS
from .layout import FIRST_WEEK_ROW, LEAD_COLUMNS, STATUSES, SettingsLayout, iso_weeks, sheet_titles

FIRST_YEAR, LAST_YEAR = 1900, 9999  # the years a weekly workbook can be for (Excel's dates)

# A defined name's destination: 'Sheet'!$A$1:$B$2 or Sheet!A1 (one area)
_DESTINATION = re.compile(r"\s*=?\s*(?:'((?:[^']|'')+)'|([^'!,\s]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)\s*")


def edition(book: Book) -> str | None:
    """The language of the weekly workbook ``book`` (the edition whose sheets it has); None: not one."""
    return next((lang for lang in LANGS if set(sheet_titles(lang).values()) <= book.sheets.keys()), None)


def is_weekly_workbook(book: Book | str | Path) -> bool:
    """Whether ``book`` (a read workbook, or a path to one) is an xlkpi weekly workbook: it has
    every sheet of one edition. A path that cannot be read as a workbook is not one."""
    if not isinstance(book, Book):
        try:
            book = read_book(book)
        except WorkbookError:
            return False
    return edition(book) is not None


@dataclass(frozen=True)
class Place:
    """The cells a defined name (or the layout, where the name is missing) points to."""

    sheet: str
    cells: tuple[Cell, ...]  # row by row
    name: str

    @property
    def first(self) -> str:
        """The first cell, A1-style."""
        return cell_name(self.cells[0])


@dataclass
class LeadsArea:
    """Where the leads are: the Leads columns each lead name (LeadId …) points to."""

    sheet: str
    columns: dict[str, int]  # lead key → column number
    first_row: int
    last_row: int
    dates: frozenset[str] = frozenset()  # the keys of its date columns


@dataclass
class LastImport:
    """The last export ``xlkpi import`` read into the workbook, and what its source has written in all."""

    source: str  # the import profile (aircall, lemlist …)
    file: str
    rows: int
    imported: str  # ISO date-time, UTC
    cells: int  # weekly cells the source's imports hold
    leads: int  # lead rows the source's imports hold


class BadYear(WorkbookError):
    """The Year cell does not hold a year (``xlkpi check`` lists it as a problem of that cell)."""


class WeeklyBook:
    """An xlkpi weekly workbook read once: ``WeeklyBook.open(path)`` or ``WeeklyBook(book)``.

    Raises WorkbookError (naming the file, and the name or cell at fault) when it is not one, or
    when a value every reader needs (the year) is not usable."""

    def __init__(self, book: Book):
        lang = edition(book)
        if lang is None:
            expected = ", ".join(sheet_titles("en").values())
            raise WorkbookError(book.path, text("check.not_a_workbook", "en", expected=expected))
        self.book, self.path, self.lang = book, book.path, lang
        self.titles = sheet_titles(lang)  # sheet key → title

    @classmethod
    def open(cls, path: str | Path) -> WeeklyBook:
        """Read the weekly workbook at ``path``."""
        return cls(read_book(path))

    def _error(self, key: str, sheet: str | None = None, cell: str | None = None, **fields: object) -> WorkbookError:
        return WorkbookError(self.path, text(f"check.{key}", self.lang, **fields), sheet, cell)

    # --- defined names -------------------------------------------------------------------------

    def place(self, name: str) -> Place | None:
        """The cells the workbook-scoped name ``name`` points to; where the workbook has no such
        name, the Settings cells the layout gives it; None when neither exists. A name that
        points elsewhere than to cells of a sheet of the workbook (``#REF!``) is an error."""
        destination = self.book.names.get(name.upper())
        if destination is None:
            ref = SettingsLayout(len(CHANNELS)).names().get(name)
            if ref is None:
                return None
            sheet, ref = self.titles["settings"], ref
        else:
            found = _DESTINATION.fullmatch(destination)
            if found is None or (target := self.book.sheet(found.group(1).replace("''", "'") if found.group(1)
                                                            else found.group(2))) is None:
                raise self._error("bad_name", name=name, destination=destination)
            sheet, ref = target.title, found.group(3)
        r1, c1, r2, c2 = split_range(ref)
        return Place(sheet, tuple((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)), name)

    def required(self, name: str) -> Place:
        """:meth:`place`, or WorkbookError naming the missing name."""
        place = self.place(name)
        if place is None:
            raise self._error("missing_name", name=name)
        return place

    def values(self, name: str) -> list[Any]:
        """The stored values of the cells ``name`` points to (None where blank); [] without it."""
        place = self.place(name)
        if place is None:
            return []
        values = self.book.sheets[place.sheet].values
        return [values.get(cell) for cell in place.cells]

    # --- what the names hold -------------------------------------------------------------------

    @cached_property
    def year(self) -> int:
        """The year the workbook is for: its ``Year`` cell (a whole number from 1900 to 9999);
        BadYear naming the cell otherwise."""
        place = self.required("Year")
        value = self.book.sheets[place.sheet].values.get(place.cells[0])
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not FIRST_YEAR <= value <= LAST_YEAR \
                or value != int(value):
            shown = _shown(value)
            message = text("check.bad_year", self.lang, value=shown, first=FIRST_YEAR, last=LAST_YEAR)
            raise BadYear(self.path, message, place.sheet, place.first)
        return int(value)

    @property
    def week_input(self) -> Place:
        """The cell a user types the week to report on in: ``ReportWeekChoice``, from which the
        workbook computes ``ReportWeek`` (blank: the latest week with data); in a workbook
        without that name, ``ReportWeek`` itself."""
        names = self.book.names
        name = "ReportWeekChoice" if "REPORTWEEKCHOICE" in names or "REPORTWEEK" not in names else "ReportWeek"
        return self.required(name)

    @cached_property
    def mondays(self) -> dict[int, dt.date]:
        """ISO week → its Monday (a date), for every week of the year."""
        return dict(iso_weeks(self.year))

    @cached_property
    def week_rows(self) -> dict[int, int]:
        """ISO week → its row on every channel sheet."""
        return {week: FIRST_WEEK_ROW + n for n, week in enumerate(self.mondays)}

    @cached_property
    def channels(self) -> dict[str, str]:
        """Channel key → its label: the workbook's ``ChannelList`` (what the Leads channel column
        holds), else the channel's name in the edition's language."""
        listed = dict(zip((c.key for c in CHANNELS), self.values("ChannelList")))
        return {c.key: _label(listed.get(c.key)) or c.name(self.lang) for c in CHANNELS}

    @cached_property
    def currency(self) -> str | None:
        """Settings' ``Currency`` (an ISO code such as EUR), upper-cased; None without one."""
        return next((value.strip().upper() for value in self.values("Currency")[:1] if isinstance(value, str)), None)

    @cached_property
    def statuses(self) -> dict[str, str]:
        """Status key (:data:`~xlkpi.workbook.layout.STATUSES`) → its label in the workbook's ``StatusList``."""
        return {key: label for key, value in zip(STATUSES, self.values("StatusList")) if (label := _label(value))}

    @cached_property
    def leads(self) -> LeadsArea:
        """The Leads columns found through their names; a column whose name is missing is left out."""
        columns: dict[str, int] = {}
        sheet, first, last = self.titles["leads"], 2, 2
        for column in LEAD_COLUMNS:
            place = self.place(column.name)
            if place is not None:
                sheet, first, last, columns[column.key] = place.sheet, place.cells[0][0], place.cells[-1][0], \
                    place.cells[0][1]
        return LeadsArea(sheet, columns, first, last, frozenset(c.key for c in LEAD_COLUMNS if c.kind == "datetime"))

    @property
    def missing_lead_keys(self) -> list[str]:
        """The lead keys whose column the workbook does not name."""
        return [c.key for c in LEAD_COLUMNS if c.key not in self.leads.columns]

    @property
    def stale(self) -> bool:
        """Whether the stored formula values cannot be trusted: Excel recomputes on open
        (``fullCalcOnLoad``), or no Dashboard formula has a stored value (a formula showing ""
        is stored blank, so one blank proves nothing)."""
        sheet = self.book.sheets[self.titles["dashboard"]]
        return self.book.calc_on_load or all(_blank(sheet.values.get(cell)) for cell in sheet.formulas)

    def last_import(self) -> LastImport | None:
        """What the last ``xlkpi import`` wrote, from its record in the workbook (None: never
        imported, or a record this version cannot read)."""
        try:
            record = provenance.read(self.path)
        except (KeyError, ValueError, TypeError, AttributeError, ParseError, OSError):
            return None
        found = [(entry.get("imported", ""), name, entry, source) for name, source in record.sources.items()
                 for entry in source.files]
        if not found:
            return None
        imported, name, entry, source = max(found, key=lambda f: f[0])
        return LastImport(name, str(entry.get("name", "")), int(entry.get("rows", 0)), str(imported),
                          len(source.cells), len(source.leads))


def _label(value: Any) -> str | None:
    """A list entry's text; None when it is not text or blank."""
    return (value.strip() or None) if isinstance(value, str) else None


def _shown(value: Any) -> Any:
    """A stored value as a message quotes it: blank as '', an error as its text, 1850.0 as 1850."""
    if value is None or isinstance(value, str):
        return str.__str__(value or "")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _blank(value: Any) -> bool:
    return value is None or value == ""


__all__ = ["FIRST_YEAR", "LAST_YEAR", "BadYear", "LastImport", "LeadsArea", "Place", "WeeklyBook", "edition",
           "is_weekly_workbook"]
