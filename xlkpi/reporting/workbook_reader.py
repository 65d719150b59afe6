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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..a1 import col_index
from ..engine import evaluate
from ..engine.refs import Cell, split_cell
from ..engine.xlvalues import to_cell
from ..errors import WorkbookError
from ..i18n import text
from ..workbook.channels import CHANNELS
from ..workbook.checker import Problem, check_book
from ..workbook.formats import CURRENCIES
from ..workbook.layout import (COUNTS, DASH, DASHBOARD_KPIS, LEAD_COLUMNS, LEAD_DATES, LEAD_KPIS, SCORE,
                               input_columns)
from ..workbook.reader import LastImport, WeeklyBook

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
    channel_names: dict[str, str]  # channel key → its label in the workbook (the Leads sheet's channel values)
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
    last_import: LastImport | None  # what the last xlkpi import wrote (None: never imported)
    book: WeeklyBook = field(repr=False)
    computed: dict[tuple[str, tuple[int, int]], Any] = field(default_factory=dict, repr=False)  # the engine's values

    def value(self, sheet: str, cell: tuple[int, int]) -> Any:
        """A cell's value as pandas should hold it: the engine's when it recalculated, else the stored one."""
        return _value(self.book, self.computed, sheet, cell)


def _value(book: WeeklyBook, computed: dict[tuple[str, Cell], Any], sheet: str, cell: Cell) -> Any:
    """A cell's value as pandas should hold it: the engine's when it recalculated, else the stored one."""
    if (sheet, cell) in computed:
        return _plain(computed[(sheet, cell)])
    return _plain(book.book.sheets[sheet].values.get(cell))


def channel_names(lang: str) -> dict[str, str]:
    """Channel key → its name in ``lang`` (the Leads sheet's channel values in that edition)."""
    return {c.key: c.name(lang) for c in CHANNELS}


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


def read_workbook(path: str | Path, week: int | None = None, cache: bool = True) -> WorkbookData:
    """Read the weekly workbook at ``path`` for the report on ``week`` (default: Settings' week).

    Raises WorkbookError (naming the file, and the sheet and cell where one is at fault)."""
    book = WeeklyBook.open(path)
    path, lang, year, mondays = book.path, book.lang, book.year, book.mondays
    if week is not None and week not in mondays:
        raise WorkbookError(path, text("check.asked_week", lang, week=week, year=year, weeks=max(mondays)))
    computed: dict[tuple[str, Cell], Any] = {}
    recalculated = week is not None or book.stale
    if recalculated:
        if week is not None:  # typed on Settings, in memory only: the file is never written
            place = book.week_input
            book.book.sheets[place.sheet].values[place.cells[0]] = float(week)
        evaluation = evaluate(path, cache=cache, book=book.book)
        computed = {(s, split_cell(c)): v for (s, c), v in evaluation.values.items()}

    def value(sheet: str, cell: Cell) -> Any:
        return _value(book, computed, sheet, cell)

    def values(name: str) -> list[Any]:
        place = book.required(name)
        return [value(place.sheet, cell) for cell in place.cells]

    shown = values("ReportWeek")[0]
    if not isinstance(shown, float) or shown not in mondays:
        place = book.week_input  # name the cell the user types the week in
        typed = _plain(book.book.sheets[place.sheet].values.get(place.cells[0]))
        raise WorkbookError(path, text("check.shown_week", lang, year=year, value=typed), place.sheet, place.first)
    score = ScoreSettings([s.function for s in SCORE],
                          *(values(n) for n in ("ScoreTargets", "ScoreWeights", "ScoreDirections")))
    churn = [str(s) for s in values("ChurnStatuses") if isinstance(s, str) and s.strip()]
    attribution, speed = (values(n)[0] for n in ("AttributionDays", "SpeedHours"))
    currency = book.currency
    titles = book.titles
    return WorkbookData(
        path=path, lang=lang, year=year, week=int(shown), mondays=mondays,
        channel_names=book.channels,
        weekly=_weekly(book),
        leads=_leads(book),
        currency=currency if currency in CURRENCIES else "EUR",  # workbooks before the currency setting: €
        attribution_days=attribution if isinstance(attribution, float) else 90.0,
        speed_hours=speed if isinstance(speed, float) else 4.0,
        churn_statuses=churn,
        score=score,
        dashboard=_dashboard(titles["dashboard"], value),
        dashboard_leads=_dashboard_leads(titles["dashboard"], value),
        recalculated=recalculated,
        last_import=book.last_import(),
        book=book,
        computed=computed,
    )


def _weekly(weekly: WeeklyBook) -> pd.DataFrame:
    rows = []
    for channel in CHANNELS:
        sheet = weekly.book.sheets[weekly.titles[channel.key]]
        columns = input_columns(channel)
        source = {"volume": channel.volume, "replies": channel.replies}
        for week, monday in weekly.mondays.items():
            row = weekly.week_rows[week]
            record: dict[str, Any] = {"channel": channel.key, "week": week, "monday": monday}
            for key in COUNTS:
                record[key] = _number(sheet.values.get((row, col_index(columns[source.get(key, key)]))))
            rows.append(record)
    return pd.DataFrame(rows)


def _leads(book: WeeklyBook) -> pd.DataFrame:
    """The filled rows of the Leads columns, each found through its defined name (LeadChannel …)."""
    for column in LEAD_COLUMNS:
        book.required(column.name)  # a workbook without one: WorkbookError naming it
    area = book.leads
    values = book.book.sheets[area.sheet].values
    records = []
    for row in sorted({r for r, c in values if area.first_row <= r <= area.last_row}):
        record: dict[str, Any] = {"row": row}
        for column in LEAD_COLUMNS:
            cell = _plain(values.get((row, area.columns[column.key])))
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


def input_problems(data: WorkbookData) -> list[Problem]:
    """``xlkpi check``'s problems of the workbook (errors and warnings, cell by cell)."""
    return check_book(data.book)
