"""The weekly workbook read into pandas frames: the one module of the report that knows where
things are in the workbook (its layout, channels and sheet names).

Figures are computed from the inputs (channel sheets, Leads, Settings); the Dashboard's values
are read only for the cross-check. When the stored values are stale (the template's
``fullCalcOnLoad``, a formula without a cached value) or another week is asked for, the engine
recalculates in memory — the same engine as ``xlkpi recalc``, so the report never disagrees
with the Dashboard; the file itself is never written.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from defusedxml.ElementTree import ParseError

from ..a1 import cell_name, col_index, split_cell, split_range
from ..engine import Book, evaluate, read_book
from ..engine.xlvalues import to_cell
from ..errors import WorkbookError
from ..importer import provenance
from ..workbook.channels import CHANNELS
from ..workbook.checker import Problem, check_book, edition
from ..workbook.formats import CURRENCIES
from ..workbook.layout import (COUNTS, DASH, DASHBOARD_KPIS, FIRST_WEEK_ROW, LEAD_COLUMNS, LEAD_DATES, LEAD_KPIS, SCORE,
                               input_columns, iso_weeks, sheet_titles)

block_rows, LEAD_TOP = DASH.block_rows, DASH.lead_top
BLOCK_KEYS = ("week", "previous", "ytd")  # the Dashboard's blocks, in the order of layout.BLOCKS
CHANNEL_KEYS = tuple(c.key for c in CHANNELS)
ALL = "all"  # the all-channels row


@dataclass
class ScoreSettings:
    functions: list[str]  # Dashboard KPI function of each score indicator
    targets: list[Any]
    weights: list[Any]
    directions: list[Any]


@dataclass
class WorkbookData:
    """What the report reads from one weekly workbook."""

    path: Path
    lang: str
    year: int
    week: int  # the week reported on
    mondays: dict[int, dt.date]  # ISO week → its Monday
    channel_names: dict[str, str]  # channel key → name in the workbook's language
    weekly: pd.DataFrame  # one row per (channel, week): COUNTS, NaN where the cell is empty
    leads: pd.DataFrame  # one row per filled Leads row: LEAD_COLUMNS keys (dates as Excel serials), "row"
    currency: str  # EUR, USD … as Settings gives it (the amounts' symbol)
    attribution_days: float
    speed_hours: float
    churn_statuses: list[str]
    score: ScoreSettings
    dashboard: pd.DataFrame  # the Dashboard's values: index (block, channel key | "all"), columns COUNTS + KPI names
    dashboard_leads: pd.DataFrame  # the Dashboard's lead block: index channel key | "all", columns lead KPI labels keys
    recalculated: bool  # True when the engine computed the Dashboard (stale values or another week)
    book: Book = field(repr=False)
    computed: dict[tuple[str, tuple[int, int]], Any] = field(default_factory=dict, repr=False)  # the engine's values

    def value(self, sheet: str, cell: tuple[int, int]) -> Any:
        """A cell's value as pandas should hold it: the engine's when it recalculated, else the stored one."""
        return _plain(self.computed[(sheet, cell)] if (sheet, cell) in self.computed else self.book.sheets[sheet].values.get(cell))


def channel_names(lang: str) -> dict[str, str]:
    """Channel key → its name in ``lang`` (the Leads sheet's channel values in that edition)."""
    return {c.key: c.name(lang) for c in CHANNELS}


def _stale(path: Path, book: Book, dashboard: str) -> bool:
    """Excel would recompute on open (``fullCalcOnLoad``), or no Dashboard formula has a stored value
    (a formula showing "" is stored blank, so one blank proves nothing)."""
    with zipfile.ZipFile(path) as zf:
        if re.search(rb'fullCalcOnLoad="(1|true)"', zf.read("xl/workbook.xml")):
            return True
    sheet = book.sheets[dashboard]
    return all(_plain(sheet.values.get(cell)) is None for cell in sheet.formulas)


def _plain(value: Any) -> Any:
    """A cell value as pandas should hold it: numbers as float, errors as XLError, blanks as None."""
    value = to_cell(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _number(value: Any) -> float:
    """An input cell as a number; blank or text → NaN (``xlkpi check`` reports those)."""
    value = _plain(value)
    return float(value) if isinstance(value, float) and not isinstance(value, bool) else float("nan")


def _name_cells(book: Book, name: str) -> tuple[str, list[tuple[int, int]]]:
    """The sheet and cells (row by row) a workbook-scoped defined name refers to."""
    text = book.names.get(name.upper())
    if text is None:
        raise WorkbookError(book.path, f"the defined name {name} is missing")
    sheet, _, ref = text.rpartition("!")
    sheet = sheet.strip("'").replace("''", "'")
    r1, c1, r2, c2 = split_range(ref)
    return sheet, [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def _name_values(book: Book, values: dict[tuple[str, tuple[int, int]], Any], name: str) -> list[Any]:
    sheet, cells = _name_cells(book, name)
    return [_plain(values.get((sheet, cell), book.sheets[sheet].values.get(cell))) for cell in cells]


def _week_input(book: Book) -> str:
    """The defined name of the cell a user types the week in: ``ReportWeekChoice`` where the
    workbook computes ``ReportWeek`` from it (blank: the latest week with data), else ``ReportWeek``."""
    return "ReportWeekChoice" if "REPORTWEEKCHOICE" in book.names else "ReportWeek"


def read_workbook(path: str | Path, week: int | None = None, cache: bool = True) -> WorkbookData:
    """Read the weekly workbook at ``path`` for the report on ``week`` (default: Settings' week).

    Raises WorkbookError (naming the file, and the sheet and cell where one is at fault)."""
    path = Path(path)
    book = read_book(path)
    lang = edition(book, path)
    titles = sheet_titles(lang)
    computed: dict[tuple[str, tuple[int, int]], Any] = {}
    recalculated = week is not None or _stale(path, book, titles["dashboard"])
    if recalculated:
        if week is not None:  # typed on Settings, in memory only: the file is never written
            input_sheet, (input_cell,) = _name_cells(book, _week_input(book))
            book.sheets[input_sheet].values[input_cell] = float(week)
        evaluation = evaluate(path, cache=cache, book=book)
        computed = {(s, split_cell(c)): v for (s, c), v in evaluation.values.items()}

    def value(sheet: str, cell: tuple[int, int]) -> Any:
        if (sheet, cell) in computed:
            return _plain(computed[(sheet, cell)])
        return _plain(book.sheets[sheet].values.get(cell))

    def setting(name: str, fallback: tuple[str, tuple[int, int]] | None = None) -> tuple[Any, str, str]:
        """A single-cell setting's value, its sheet and cell."""
        if name.upper() in book.names or fallback is None:
            sheet, (cell,) = _name_cells(book, name)
        else:
            sheet, cell = fallback
        return value(sheet, cell), sheet, cell_name(cell)

    year_value, sheet, cell = setting("Year", (titles["settings"], (3, 2)))  # older workbooks: no name, B3
    if not isinstance(year_value, float) or not 1900 < year_value < 10000:
        raise WorkbookError(path, f"the year is not a year ({year_value!r})", sheet, cell)
    year = int(year_value)
    mondays = dict(iso_weeks(year))
    if week is not None and week not in mondays:
        raise WorkbookError(path, f"week {week} is not a week of {year} (1 to {max(mondays)})")
    shown, _, _ = setting("ReportWeek")
    if not isinstance(shown, float) or int(shown) not in mondays:
        typed, sheet, cell = setting(_week_input(book))  # name the cell the user types the week in
        raise WorkbookError(path, f"the week to report on is not a week of {year} ({typed!r})", sheet, cell)
    week = int(shown)

    score = ScoreSettings(
        [s.function for s in SCORE],
        *(_name_values(book, computed, n) for n in ("ScoreTargets", "ScoreWeights", "ScoreDirections")),
    )
    churn = [str(s) for s in _name_values(book, computed, "ChurnStatuses") if isinstance(s, str) and s.strip()]
    attribution = _name_values(book, computed, "AttributionDays")[0]
    speed = _name_values(book, computed, "SpeedHours")[0]
    currency = _name_values(book, computed, "Currency")[0] if "CURRENCY" in book.names else None
    return WorkbookData(
        path=path, lang=lang, year=year, week=week, mondays=mondays,
        channel_names=channel_names(lang),
        weekly=_weekly(book, titles, year),
        leads=_leads(book),
        currency=currency if currency in CURRENCIES else "EUR",  # workbooks before the currency setting: €
        attribution_days=attribution if isinstance(attribution, float) else 90.0,
        speed_hours=speed if isinstance(speed, float) else 4.0,
        churn_statuses=churn,
        score=score,
        dashboard=_dashboard(titles["dashboard"], value),
        dashboard_leads=_dashboard_leads(titles["dashboard"], value),
        recalculated=recalculated,
        book=book,
        computed=computed,
    )


def _weekly(book: Book, titles: dict[str, str], year: int) -> pd.DataFrame:
    rows = []
    weeks = iso_weeks(year)
    for channel in CHANNELS:
        sheet = book.sheets[titles[channel.key]]
        columns = input_columns(channel)
        source = {"volume": channel.volume, "replies": channel.replies}
        for n, (week, monday) in enumerate(weeks):
            row = FIRST_WEEK_ROW + n
            record: dict[str, Any] = {"channel": channel.key, "week": week, "monday": monday}
            for key in COUNTS:
                record[key] = _number(sheet.values.get((row, col_index(columns[source.get(key, key)]))))
            rows.append(record)
    return pd.DataFrame(rows)


def _leads(book: Book) -> pd.DataFrame:
    """The filled rows of the Leads columns, each read through its defined name (LeadChannel …)."""
    columns = {c.key: _name_cells(book, c.name) for c in LEAD_COLUMNS}
    sheet = book.sheets[next(iter(columns.values()))[0]]
    rows = [cell[0] for cell in next(iter(columns.values()))[1]]
    records = []
    for n, row in enumerate(rows):
        record: dict[str, Any] = {"row": row}
        for column in LEAD_COLUMNS:
            cell = _plain(sheet.values.get(columns[column.key][1][n]))
            if column.kind in ("datetime", "amount"):
                cell = cell if isinstance(cell, float) else None
            elif cell is not None:
                cell = str(cell).strip() or None
            record[column.key] = cell
        if any(record[c.key] is not None for c in LEAD_COLUMNS):
            records.append(record)
    frame = pd.DataFrame(records, columns=["row", *(c.key for c in LEAD_COLUMNS)])
    for key in (*LEAD_DATES, "revenue"):
        frame[key] = pd.to_numeric(frame[key], errors="coerce")
    return frame


def _dashboard(title: str, value: Any) -> pd.DataFrame:
    records = []
    for b, block in enumerate(BLOCK_KEYS):
        _, rows, total = block_rows(b)
        for key, row in [*zip(CHANNEL_KEYS, rows), (ALL, total)]:
            record: dict[str, Any] = {"block": block, "channel": key}
            for count, col in DASH.counts.items():
                record[count] = value(title, (row, col_index(col)))
            for kpi, col in zip(DASHBOARD_KPIS, DASH.kpis):
                record[kpi.function] = value(title, (row, col_index(col)))
            record["score"] = value(title, (row, col_index(DASH.score)))
            record["rank"] = value(title, (row, col_index(DASH.rank))) if key != ALL else None
            records.append(record)
    return pd.DataFrame(records).set_index(["block", "channel"])


LEAD_FIGURES = {  # (function, arguments) of a Dashboard lead KPI → the report's name for it
    ("KPI_AVG_DAYS", ("LeadFirstContact", "LeadSignature")): "time_to_conversion",
    ("KPI_AVG_DAYS", ("LeadFirstContact", "LeadFirstReply")): "reactivity",
    ("KPI_CHURN", ("LeadFirstReply", "LeadMeeting", "LeadStatus", "ChurnStatuses")): "churn",
    ("KPI_SHARE_WITHIN", ("LeadReceived", "LeadFirstContact", "SpeedHours")): "speed_to_lead",
    ("KPI_ATTRIBUTED_REVENUE", ("LeadFirstContact", "LeadSignature", "LeadRevenue", "AttributionDays")): "revenue_window",
}


def lead_kpi_keys() -> list[str]:
    """A name per Dashboard lead KPI column: the report's name for it, else its function and arguments."""
    return [LEAD_FIGURES.get((k.function, k.args), f"{k.function}({','.join(k.args)})") for k in LEAD_KPIS]


def _dashboard_leads(title: str, value: Any) -> pd.DataFrame:
    records = []
    for n, key in enumerate([*CHANNEL_KEYS, ALL]):
        row = LEAD_TOP + 2 + n
        record: dict[str, Any] = {"channel": key}
        for m, kpi_key in enumerate(lead_kpi_keys()):
            record[kpi_key] = value(title, (row, 2 + m))
        records.append(record)
    return pd.DataFrame(records).set_index("channel")


@dataclass
class LastImport:
    """The last export ``xlkpi import`` read into the workbook, and what its source has written in all."""

    source: str  # the import profile (aircall, lemlist …)
    file: str
    rows: int
    imported: str  # ISO date-time, UTC
    cells: int  # weekly cells the source's imports hold
    leads: int  # lead rows the source's imports hold


def last_import(path: Path) -> LastImport | None:
    """What the last ``xlkpi import`` wrote, from its record in the workbook (None: never imported,
    or a record this version cannot read)."""
    try:
        record = provenance.read(path)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, ParseError):
        return None
    found = [(entry.get("imported", ""), name, entry, source) for name, source in record.sources.items()
             for entry in source.files]
    if not found:
        return None
    imported, name, entry, source = max(found, key=lambda f: f[0])
    return LastImport(name, str(entry.get("name", "")), int(entry.get("rows", 0)), str(imported),
                      len(source.cells), len(source.leads))


def input_problems(data: WorkbookData) -> list[Problem]:
    """``xlkpi check``'s problems of the workbook (errors and warnings, cell by cell)."""
    return check_book(data.book, data.path)
