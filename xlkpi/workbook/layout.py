"""Where everything is in the weekly workbook, computed from the declarations: what the builder
(:mod:`xlkpi.workbook.builder`) writes, and what the checker, ``xlkpi import`` and ``xlkpi
report`` read. No openpyxl here (``xlkpi recalc`` and ``xlkpi check`` start fast).

* Channel sheets: a title, a hint, the header (``HEADER_ROW``), the year total (``TOTAL_ROW``)
  and one row per ISO week from ``FIRST_WEEK_ROW``; A: week, B: its Monday, the inputs from
  ``FIRST_INPUT_COL`` (:func:`input_columns`), then the KPI columns (:func:`kpi_columns`).
* Leads: a header row, then ``LEAD_ROWS`` rows the formulas read; one column per
  :data:`LEAD_COLUMNS` entry, each a workbook-scoped name (``LeadChannel`` …).
* Settings: every value behind a defined name (:data:`SETTINGS`, :meth:`SettingsLayout.names`).
* Dashboard: three blocks (week, previous week, year to date), one row per channel, a lead
  block, a phone benchmark, four charts and the hidden chart data (:class:`DashboardLayout`).

A different set of channels (a sixth one) gives a different layout: build one with
``WorkbookLayout(channels)``; :data:`LAYOUT` is the shipped workbook's.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from ..a1 import col_index, col_letters
from ..i18n import LANGS as LANGS  # re-exported: the editions the workbook comes in
from ..i18n import text
from ..registry import REGISTRY
from .channels import CHANNELS, Channel, KpiColumn, funnel, funnel_kpis

# --- Channel sheets --------------------------------------------------------------------------

HEADER_ROW, TOTAL_ROW, FIRST_WEEK_ROW = 3, 4, 5
FIRST_INPUT_COL = 3  # A: ISO week, B: its Monday


def iso_weeks(year: int) -> list[tuple[int, dt.date]]:
    """(ISO week number, its Monday) of every ISO week of ``year`` (52 or 53)."""
    count = dt.date(year, 12, 28).isocalendar()[1]
    return [(week, dt.date.fromisocalendar(year, week, 1)) for week in range(1, count + 1)]


def last_week_row(year: int) -> int:
    """The row of the last ISO week of ``year`` on a channel sheet."""
    return FIRST_WEEK_ROW + len(iso_weeks(year)) - 1


def input_columns(channel: Channel) -> dict[str, str]:
    """Input key → column letter on the channel's sheet."""
    return {i.key: col_letters(FIRST_INPUT_COL + n) for n, i in enumerate(channel.inputs)}


def kpi_columns(channel: Channel) -> list[str]:
    """Column letter of each of the channel's KPI columns."""
    first = FIRST_INPUT_COL + len(channel.inputs)
    return [col_letters(first + n) for n in range(len(channel.kpis))]


# --- Leads -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadColumn:
    key: str  # its header is workbook.lead.<key>
    name: str  # the workbook-scoped name of its range
    kind: str  # "list", "text", "datetime", "amount"


LEAD_COLUMNS = (
    LeadColumn("lead_id", "LeadId", "text"),
    LeadColumn("company", "LeadCompany", "text"),
    LeadColumn("contact", "LeadContact", "text"),
    LeadColumn("email", "LeadEmail", "text"),  # an e-mail address or a profile URL
    LeadColumn("channel", "LeadChannel", "list"),
    LeadColumn("campaign", "LeadCampaign", "text"),
    LeadColumn("rep", "LeadRep", "text"),
    LeadColumn("persona", "LeadPersona", "text"),
    LeadColumn("received", "LeadReceived", "datetime"),
    LeadColumn("first_contact", "LeadFirstContact", "datetime"),
    LeadColumn("first_reply", "LeadFirstReply", "datetime"),
    LeadColumn("meeting", "LeadMeeting", "datetime"),
    LeadColumn("opportunity", "LeadOpportunity", "datetime"),
    LeadColumn("signature", "LeadSignature", "datetime"),
    LeadColumn("revenue", "LeadRevenue", "amount"),
    LeadColumn("status", "LeadStatus", "list"),
)
LEAD_HEADER_ROW, FIRST_LEAD_ROW = 1, 2
LEAD_ROWS = 5000  # rows the formulas read; the checker reports data typed below
LAST_LEAD_ROW = FIRST_LEAD_ROW + LEAD_ROWS - 1
LEAD_DATES = tuple(c.key for c in LEAD_COLUMNS if c.kind == "datetime")  # in the order a lead lives them


def lead_columns() -> dict[str, str]:
    """Lead column key → column letter on the Leads sheet."""
    return {c.key: col_letters(n) for n, c in enumerate(LEAD_COLUMNS, start=1)}


# --- Lists and score declarations ---------------------------------------------------------------

STATUSES = ("new", "contacted", "replied", "meeting", "opportunity", "won", "lost", "silent")  # workbook.status.*
CHURNED = ("lost", "silent")  # the statuses meaning a lead dropped out
BANDS = (("low", 0.0), ("common", 0.01), ("good", 0.03), ("excellent", 0.06))  # TCO bands, KPI_SPEC sources


@dataclass(frozen=True)
class ScoreIndicator:
    function: str  # a dashboard KPI column
    target: float
    weight: float
    source: str  # workbook.source.<source>: where the target comes from
    lower_is_better: bool = False


SCORE = (  # targets an ordinary cold-outreach team reaches; their sources are on Settings
    ScoreIndicator("KPI_REPLY_RATE", 0.035, 1, "response"),
    ScoreIndicator("KPI_MEETING_RATE", 0.01, 1, "meeting"),
    ScoreIndicator("KPI_CONVERSION_RATE", 0.0025, 2, "conversion"),
    ScoreIndicator("KPI_CPL", 300, 1, "cpl", lower_is_better=True),
    ScoreIndicator("KPI_ROI", 2, 2, "roi"),
)

COUNTS = ("volume", "replies", "meetings", "opportunities", "deals", "revenue", "cost")  # dashboard sums
FUNNEL = {i.key: i for i in funnel("replies")}
DASHBOARD_KPIS = funnel_kpis("volume", "replies")


def dashboard_kpi(function: str) -> KpiColumn:
    """The dashboard's KPI column computed with ``function``."""
    return next(k for k in DASHBOARD_KPIS if k.function == function)


@dataclass(frozen=True)
class LeadKpi:
    function: str
    args: tuple[str, ...]  # defined names
    text: str | None = None  # its label's key, workbook.<text>; default: the registry's label
    guard: tuple[tuple[int, tuple[str, ...]], ...] = ()  # Σ sign × COUNTIFS(name, ">0", …): the denominator

    def label(self, lang: str) -> str:
        return text(f"workbook.{self.text}", lang) if self.text else REGISTRY[self.function].label(lang)


def _days(start: str, end: str, label: str) -> LeadKpi:
    return LeadKpi("KPI_AVG_DAYS", (start, end), label, ((1, (start, end)),))


LEAD_KPIS = (
    _days("LeadFirstContact", "LeadSignature", "time_to_conversion"),
    _days("LeadFirstContact", "LeadMeeting", "contact_to_meeting"),
    _days("LeadMeeting", "LeadOpportunity", "meeting_to_opp"),
    _days("LeadOpportunity", "LeadSignature", "opp_to_signature"),
    _days("LeadFirstContact", "LeadFirstReply", "reactivity"),
    LeadKpi("KPI_CHURN", ("LeadFirstReply", "LeadMeeting", "LeadStatus", "ChurnStatuses"), None,
            ((1, ("LeadFirstReply",)), (1, ("LeadMeeting",)), (-1, ("LeadFirstReply", "LeadMeeting")))),
    LeadKpi("KPI_SHARE_WITHIN", ("LeadReceived", "LeadFirstContact", "SpeedHours"), "speed_to_lead",
            ((1, ("LeadReceived",)),)),
    LeadKpi("KPI_ATTRIBUTED_REVENUE", ("LeadFirstContact", "LeadSignature", "LeadRevenue", "AttributionDays")),
)

# --- Settings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    name: str  # its defined name
    label: str  # workbook.<label>
    row: int


SETTINGS = (  # label in A, value in B
    Setting("Team", "team", 2),  # typed; blank: xlkpi collect names the team after the file
    Setting("Year", "year", 3),
    Setting("ReportWeekChoice", "week_to_report", 4),  # typed; blank: the latest week with data
    Setting("ReportWeek", "week_reported", 5),  # what every formula reads
    Setting("LatestWeek", "latest_week", 6),
    Setting("PrevWeek", "previous_week", 7),
    Setting("Currency", "currency", 8),
    Setting("AttributionDays", "attribution", 9),
    Setting("SpeedHours", "speed", 10),
)
SETTING_ROW = {s.name: s.row for s in SETTINGS}
LATEST_NOTE_COL = "H"  # hidden; in the ReportWeek row: the note shown beside the week when it is the latest


@dataclass(frozen=True)
class SettingsLayout:
    """Rows of the Settings tables after the single values; they depend on the channel count."""

    channel_count: int
    score_title: int = SETTINGS[-1].row + 2

    @property
    def score_header(self) -> int:
        return self.score_title + 1

    @property
    def score_rows(self) -> range:
        return range(self.score_header + 1, self.score_header + 1 + len(SCORE))

    @property
    def bands_title(self) -> int:
        return self.score_rows[-1] + 3

    @property
    def band_rows(self) -> range:
        return range(self.bands_title + 2, self.bands_title + 2 + len(BANDS))

    @property
    def lists_header(self) -> int:
        return self.band_rows[-1] + 3

    def list_rows(self, count: int) -> range:
        return range(self.lists_header + 1, self.lists_header + 1 + count)

    def names(self) -> dict[str, str]:
        """Defined name → absolute reference on Settings (without the sheet)."""
        names = {s.name: f"$B${s.row}" for s in SETTINGS}
        names["LatestNote"] = f"${LATEST_NOTE_COL}${SETTING_ROW['ReportWeek']}"
        score = self.score_rows
        for name, col in (("ScoreTargets", "B"), ("ScoreWeights", "C"), ("ScoreDirections", "D")):
            names[name] = f"${col}${score[0]}:${col}${score[-1]}"
        bands = self.band_rows
        names["BandLabels"] = f"$A${bands[0]}:$A${bands[-1]}"
        names["BandBounds"] = f"$B${bands[0]}:$B${bands[-1]}"
        statuses, churn, channels = self.list_rows(len(STATUSES)), self.list_rows(len(STATUSES) // 2), \
            self.list_rows(self.channel_count)
        names["StatusList"] = f"$A${statuses[0]}:$A${statuses[-1]}"
        names["ChurnStatuses"] = f"$C${churn[0]}:$C${churn[-1]}"
        names["ChannelList"] = f"$E${channels[0]}:$E${channels[-1]}"
        return names


# --- Dashboard ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    title: str  # workbook.<title>
    period: str  # workbook.<period>: its name in the benchmark table
    week: str  # the defined name of the week it shows
    criterion: str  # SUMIFS criterion on the week column


BLOCKS = (Block("block_week", "block_week", "ReportWeek", "ReportWeek"),
          Block("block_previous", "block_previous", "PrevWeek", "PrevWeek"),
          Block("block_ytd", "ytd", "ReportWeek", '"<="&ReportWeek'))
CHART_SIZE = (21.0, 9.0)  # width, height in cm
CHART_ROWS = 19  # rows a chart spans, with a gap


@dataclass(frozen=True)
class DashboardLayout:
    """Rows and columns of the Dashboard for ``channels``: from column B the sums (COUNTS), the
    KPIs (DASHBOARD_KPIS), the score and the rank; after a gap the score inputs, then the chart
    data (both hidden)."""

    channels: tuple[Channel, ...]
    block_top: int = 4  # title row of the first block
    first_col: int = 2

    def _col(self, offset: int) -> str:
        return col_letters(self.first_col + offset)

    @cached_property
    def counts(self) -> dict[str, str]:
        """Count key → column."""
        return {key: self._col(i) for i, key in enumerate(COUNTS)}

    @cached_property
    def kpis(self) -> list[str]:
        """Column of each DASHBOARD_KPIS."""
        return [self._col(len(COUNTS) + i) for i in range(len(DASHBOARD_KPIS))]

    @cached_property
    def score(self) -> str:
        return self._col(len(COUNTS) + len(DASHBOARD_KPIS))

    @cached_property
    def rank(self) -> str:
        return self._col(len(COUNTS) + len(DASHBOARD_KPIS) + 1)

    @cached_property
    def score_inputs(self) -> list[str]:
        """One column per SCORE indicator, after a gap."""
        first = len(COUNTS) + len(DASHBOARD_KPIS) + 3
        return [self._col(first + i) for i in range(len(SCORE))]

    @cached_property
    def chart_weeks(self) -> str:
        """The chart data's week numbers, after another gap."""
        return self._col(len(COUNTS) + len(DASHBOARD_KPIS) + 3 + len(SCORE) + 1)

    @cached_property
    def chart_reply(self) -> list[str]:
        """Each channel's weekly response rate, for the chart."""
        first = col_index(self.chart_weeks) + 1
        return [col_letters(first + i) for i in range(len(self.channels))]

    @cached_property
    def chart_meeting(self) -> list[str]:
        """Each channel's weekly meeting rate, for the chart."""
        first = col_index(self.chart_weeks) + 1 + len(self.channels)
        return [col_letters(first + i) for i in range(len(self.channels))]

    @property
    def block_height(self) -> int:
        return len(self.channels) + 4  # title, header, channels, total, gap

    def kpi_column(self, function: str) -> str:
        return self.kpis[DASHBOARD_KPIS.index(dashboard_kpi(function))]

    def block_rows(self, block: int) -> tuple[int, list[int], int]:
        """Header row, channel rows and total row of a block (0: week, 1: previous, 2: YTD)."""
        top = self.block_top + block * self.block_height
        channels = [top + 2 + i for i in range(len(self.channels))]
        return top + 1, channels, channels[-1] + 1

    @property
    def lead_top(self) -> int:
        """Title row of the lead block (header below, a row per channel and one for all)."""
        return self.block_top + len(BLOCKS) * self.block_height

    @property
    def bench_top(self) -> int:
        return self.lead_top + len(self.channels) + 4

    @property
    def chart_row(self) -> int:
        """Top row of the two rows of charts."""
        return self.bench_top + len(BLOCKS) + 3

    @property
    def last_row(self) -> int:
        """The last row printed."""
        return self.chart_row + 2 * CHART_ROWS - 1

    @property
    def chart_data_header(self) -> int:
        return self.block_top

    def chart_data_rows(self, year: int) -> range:
        return range(self.chart_data_header + 1, self.chart_data_header + 1 + len(iso_weeks(year)))

    @property
    def print_area(self) -> str:
        return f"$A$1:${self.rank}${self.last_row}"


@dataclass(frozen=True)
class WorkbookLayout:
    """The whole workbook's layout for ``channels``."""

    channels: tuple[Channel, ...] = CHANNELS

    @cached_property
    def dashboard(self) -> DashboardLayout:
        return DashboardLayout(self.channels)

    @cached_property
    def settings(self) -> SettingsLayout:
        return SettingsLayout(len(self.channels))

    def sheet_titles(self, lang: str) -> dict[str, str]:
        """Sheet key → title, in the workbook's order."""
        titles = {key: text(f"workbook.sheet.{key}", lang) for key in ("instructions", "dashboard", "settings")}
        titles.update({c.key: c.name(lang) for c in self.channels})
        titles["leads"] = text("workbook.sheet.leads", lang)
        return titles


LAYOUT = WorkbookLayout()
DASH = LAYOUT.dashboard


def sheet_titles(lang: str) -> dict[str, str]:
    """Sheet key → title of the shipped workbook, in its order."""
    return LAYOUT.sheet_titles(lang)


def quote(title: str) -> str:
    """A sheet title as formulas write it: quoted unless a plain identifier."""
    return title if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title) else "'" + title.replace("'", "''") + "'"
