"""The weekly workbook template, generated from the KPI registry and the channel declarations.

``build_template(path, year, lang)`` writes an English or French workbook: Instructions,
Dashboard, Settings, one sheet per channel (one row per ISO week) and a Leads log. Both
editions hold the same formulas; only texts, number formats and sheet names differ. The output
is deterministic (fixed document dates and zip timestamps), so the shipped files in
``workbook_templates/`` are checked against it: ``python -m xlkpi.template`` regenerates them.

Formulas use only functions the headless engine knows, bounded ranges and workbook-scoped
names. A KPI cell is guarded on its input denominator (``IF(den=0,"",KPI_…)``), never wrapped
in IFERROR, since a KPI error reaches Excel as text through xlwings.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string
from openpyxl.utils import get_column_letter as letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .channels import CHANNELS, Channel, KpiColumn, funnel, funnel_kpis
from .package import atomic_output
from .registry import REGISTRY
from .weekly_layout import (  # noqa: F401  (re-exported: the builder's and the checker's shared facts)
    FIRST_INPUT_COL,
    FIRST_WEEK_ROW,
    HEADER_ROW,
    LANGS,
    LEAD_COLUMNS,
    LEAD_ROWS,
    TEXT,
    TOTAL_ROW,
    LeadColumn,
    input_columns,
    iso_weeks,
    sheet_titles,
    text,
)

SHIPPED = Path(__file__).resolve().parent.parent / "workbook_templates"
SHIPPED_YEAR = 2026

CURRENCY = "€"
FORMATS: dict[str, dict[str, str]] = {  # French thousands separators come from the locale
    "en": {"percent": "0.0%", "money": f'"{CURRENCY}"#,##0', "money2": f'"{CURRENCY}"#,##0.00', "date": "yyyy-mm-dd",
           "datetime": "yyyy-mm-dd hh:mm", "count": "#,##0", "decimal": "0.0"},
    "fr": {"percent": "0.0 %", "money": f'#,##0 "{CURRENCY}"', "money2": f'#,##0.00 "{CURRENCY}"', "date": "dd/mm/yyyy",
           "datetime": "dd/mm/yyyy hh:mm", "count": "#,##0", "decimal": "0.0"},
}
MONEY_KPIS = {"KPI_CPL", "KPI_CPQ", "KPI_CAC", "KPI_COST_PER_MEETING", "KPI_ATTRIBUTED_REVENUE"}
DECIMAL_KPIS = {"KPI_AVG_CALL_LENGTH", "KPI_AVG_DAYS", "KPI_CHANNEL_SCORE"}
INFINITE = "1E+307"  # a lower-is-better indicator without a value scores 0 on it


def number_format(function: str, lang: str) -> str:
    kind = "money2" if function in MONEY_KPIS else "decimal" if function in DECIMAL_KPIS else "percent"
    return FORMATS[lang][kind]


# --- Declarations: dashboard, score, lead KPIs ----------------------------------------------------

COUNTS = ("volume", "replies", "meetings", "opportunities", "deals", "revenue", "cost")  # dashboard sums
FUNNEL = {i.key: i for i in funnel("replies")}
DASHBOARD_KPIS = funnel_kpis("volume", "replies")


@dataclass(frozen=True)
class ScoreIndicator:
    function: str  # a dashboard KPI column
    target: float
    weight: float
    lower_is_better: bool = False


SCORE = (
    ScoreIndicator("KPI_REPLY_RATE", 0.25, 1),
    ScoreIndicator("KPI_MEETING_RATE", 0.10, 1),
    ScoreIndicator("KPI_CONVERSION_RATE", 0.05, 2),
    ScoreIndicator("KPI_CPL", 150, 1, lower_is_better=True),
    ScoreIndicator("KPI_ROI", 3, 2),
)


@dataclass(frozen=True)
class LeadKpi:
    function: str
    args: tuple[str, ...]  # defined names
    label_key: str | None = None  # TEXT key; default: the registry's label
    guard: tuple[tuple[int, tuple[str, ...]], ...] = ()  # Σ sign × COUNTIFS(name, ">0", …): the denominator

    def label(self, lang: str) -> str:
        return text(self.label_key, lang) if self.label_key else REGISTRY[self.function].label(lang)


def _days(start: str, end: str, label_key: str) -> LeadKpi:
    return LeadKpi("KPI_AVG_DAYS", (start, end), label_key, ((1, (start, end)),))


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

# --- Layout ----------------------------------------------------------------------------------

# (title, period label, week shown, SUMIFS criterion on the week column)
BLOCKS = (("block_week", "block_week", "ReportWeek", "ReportWeek"),
          ("block_previous", "block_previous", "PrevWeek", "PrevWeek"),
          ("block_ytd", "ytd", "ReportWeek", '"<="&ReportWeek'))
BLOCK_TOP, BLOCK_HEIGHT = 4, 9  # title, header, 5 channels, total, gap
DASH_COUNT_COL = 2  # B…: COUNTS, then DASHBOARD_KPIS, score, rank, a gap, then the score inputs


@dataclass(frozen=True)
class DashboardLayout:
    counts: dict[str, str]  # count key → column letter
    kpis: list[str]  # column letter of each DASHBOARD_KPIS
    score: str
    rank: str
    score_inputs: list[str]  # one per SCORE indicator

    @staticmethod
    def make() -> DashboardLayout:
        col = DASH_COUNT_COL
        counts = {key: letter(col + i) for i, key in enumerate(COUNTS)}
        col += len(COUNTS)
        kpis = [letter(col + i) for i in range(len(DASHBOARD_KPIS))]
        col += len(DASHBOARD_KPIS)
        inputs = [letter(col + 3 + i) for i in range(len(SCORE))]
        return DashboardLayout(counts, kpis, letter(col), letter(col + 1), inputs)

    def kpi_column(self, function: str) -> str:
        return self.kpis[DASHBOARD_KPIS.index(dashboard_kpi(function))]


def dashboard_kpi(function: str) -> KpiColumn:
    """The dashboard's KPI column computed with ``function``."""
    return next(k for k in DASHBOARD_KPIS if k.function == function)


DASH = DashboardLayout.make()


def block_rows(block: int) -> tuple[int, list[int], int]:
    """Header row, channel rows and total row of a dashboard block (0: week, 1: previous, 2: YTD)."""
    top = BLOCK_TOP + block * BLOCK_HEIGHT
    channels = [top + 2 + i for i in range(len(CHANNELS))]
    return top + 1, channels, channels[-1] + 1


LEAD_TOP = BLOCK_TOP + len(BLOCKS) * BLOCK_HEIGHT  # title row of the lead block
BENCH_TOP = LEAD_TOP + len(CHANNELS) + 4
CHART_ROW = BENCH_TOP + len(BLOCKS) + 3


def kpi_columns(channel: Channel) -> list[str]:
    """Column letter of each of the channel's KPI columns."""
    first = FIRST_INPUT_COL + len(channel.inputs)
    return [letter(first + n) for n in range(len(channel.kpis))]


def quote(title: str) -> str:
    """A sheet title as formulas write it: quoted unless a plain identifier."""
    return title if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title) else "'" + title.replace("'", "''") + "'"


# --- Styles ------------------------------------------------------------------------------------

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
MUTED = Font(italic=True, color="808080")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
BAND_FILLS = ("F8CBAD", "FFE699", "C6E0B4", "70AD47")  # one per band, low to excellent


def put(ws: Worksheet, ref: str, value: object, fmt: str | None = None, font: Font | None = None,
        fill: PatternFill | None = None) -> None:
    cell = ws[ref]
    cell.value = value
    if fmt:
        cell.number_format = fmt
    if font:
        cell.font = font
    if fill:
        cell.fill = fill


def put_input(ws: Worksheet, ref: str, value: object = None, fmt: str | None = None) -> None:
    """An input cell: yellow, unlocked."""
    put(ws, ref, value, fmt, fill=INPUT_FILL)
    ws[ref].protection = UNLOCKED


def header(ws: Worksheet, row: int, labels: list[str], first_col: int = 1) -> None:
    for n, label in enumerate(labels):
        cell = ws.cell(row, first_col + n, label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def validation(ws: Worksheet, lang: str, kind: str, message_key: str, **rule: str) -> DataValidation:
    dv = DataValidation(type=kind, showErrorMessage=True, allow_blank=True, errorTitle="xlkpi",
                        error=text(message_key, lang), **rule)
    ws.add_data_validation(dv)
    return dv


def guarded(denominator: str, call: str) -> str:
    """A KPI call left blank while its input denominator is 0 or blank."""
    return f'=IF({denominator}=0,"",{call})'


# --- Sheets ------------------------------------------------------------------------------------


def _channel_sheet(ws: Worksheet, channel: Channel, lang: str, year: int) -> None:
    weeks = iso_weeks(year)
    last = FIRST_WEEK_ROW + len(weeks) - 1
    fmt = FORMATS[lang]
    inputs, kpis = input_columns(channel), kpi_columns(channel)
    put(ws, "A1", text("channel_title", lang, channel=channel.name(lang), year=year), font=TITLE_FONT)
    put(ws, "A2", text("channel_hint", lang), font=MUTED)
    header(ws, HEADER_ROW, [text("week", lang), text("monday", lang)]
           + [i.label(lang) for i in channel.inputs] + [k.label(lang) for k in channel.kpis])
    ws.row_dimensions[HEADER_ROW].height = 60
    put(ws, f"A{TOTAL_ROW}", text("total", lang), font=BOLD, fill=TOTAL_FILL)
    ws[f"B{TOTAL_ROW}"].fill = TOTAL_FILL
    for n, (week, monday) in enumerate(weeks):
        put(ws, f"A{FIRST_WEEK_ROW + n}", week)
        put(ws, f"B{FIRST_WEEK_ROW + n}", monday, fmt["date"])
    rules = {"count": validation(ws, lang, "whole", "bad_count", operator="greaterThanOrEqual", formula1="0"),
             "minutes": validation(ws, lang, "decimal", "bad_minutes", operator="greaterThanOrEqual", formula1="0"),
             "amount": validation(ws, lang, "decimal", "bad_amount", operator="between",
                                  formula1="-1E+15", formula2="1E+15")}
    for item in channel.inputs:
        col = inputs[item.key]
        cell_fmt = fmt["money"] if item.kind == "amount" else fmt["count"]
        put(ws, f"{col}{TOTAL_ROW}", f"=SUM({col}{FIRST_WEEK_ROW}:{col}{last})", cell_fmt, BOLD, TOTAL_FILL)
        for row in range(FIRST_WEEK_ROW, last + 1):
            put_input(ws, f"{col}{row}", fmt=cell_fmt)
        rules[item.kind].add(f"{col}{FIRST_WEEK_ROW}:{col}{last}")
        ws.column_dimensions[col].width = 12
    for column, col in zip(channel.kpis, kpis):
        for row in range(TOTAL_ROW, last + 1):
            args = ",".join(f"{inputs[a]}{row}" for a in column.args)
            put(ws, f"{col}{row}", guarded(f"{inputs[column.args[-1]]}{row}", f"{column.function}({args})"),
                number_format(column.function, lang))
        ws[f"{col}{TOTAL_ROW}"].font, ws[f"{col}{TOTAL_ROW}"].fill = BOLD, TOTAL_FILL
        ws.column_dimensions[col].width = 13
        if column.function == "KPI_CALL_TO_OPP_RATE":
            band_colours(ws, f"{col}{TOTAL_ROW}:{col}{last}")
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 12
    ws.freeze_panes = f"C{FIRST_WEEK_ROW}"


def band_colours(ws: Worksheet, cells: str) -> None:
    """Colour a rate by its benchmark band, reading the bounds on Settings (highest band first).
    ISNUMBER: Excel ranks text (a blank "" or an error shown as text) above every number."""
    first = cells.split(":")[0]
    for n in reversed(range(len(BAND_FILLS))):
        fill = PatternFill("solid", fgColor=BAND_FILLS[n], bgColor=BAND_FILLS[n])
        rule = f"AND(ISNUMBER({first}),{first}>=INDEX(BandBounds,{n + 1}))"
        ws.conditional_formatting.add(cells, FormulaRule(formula=[rule], fill=fill))


def _settings_sheet(ws: Worksheet, lang: str, year: int, names: dict[str, str]) -> None:
    title = quote(ws.title)
    fmt = FORMATS[lang]

    def name(key: str, ref: str) -> None:
        names[key] = f"{title}!{ref}"

    put(ws, "A1", text("settings_title", lang), font=TITLE_FONT)
    put(ws, "A3", text("year", lang))
    put(ws, "B3", year)
    put(ws, "A4", text("week_to_report", lang))
    put_input(ws, "B4", 1)
    validation(ws, lang, "whole", "bad_week", operator="between", formula1="1",
               formula2=str(len(iso_weeks(year)))).add("B4")
    name("ReportWeek", "$B$4")
    put(ws, "A5", text("previous_week", lang))
    put(ws, "B5", "=ReportWeek-1")
    name("PrevWeek", "$B$5")
    put(ws, "A6", text("currency", lang))
    put(ws, "B6", CURRENCY)
    put(ws, "A7", text("attribution", lang))
    put_input(ws, "B7", 90)
    name("AttributionDays", "$B$7")
    put(ws, "A8", text("speed", lang))
    put_input(ws, "B8", 4)
    name("SpeedHours", "$B$8")
    validation(ws, lang, "decimal", "bad_number", operator="greaterThanOrEqual", formula1="0").add("B7:B8")

    put(ws, "A10", text("score_title", lang), font=BOLD)
    header(ws, 11, [text(k, lang) for k in ("kpi", "target", "weight", "direction")])
    first = 12
    for n, indicator in enumerate(SCORE):
        row = first + n
        put(ws, f"A{row}", dashboard_kpi(indicator.function).label(lang))
        put_input(ws, f"B{row}", indicator.target, number_format(indicator.function, lang))
        put_input(ws, f"C{row}", indicator.weight)
        put(ws, f"D{row}", text("lower" if indicator.lower_is_better else "higher", lang))
    last = first + len(SCORE) - 1
    validation(ws, lang, "decimal", "bad_target", operator="greaterThan", formula1="0").add(f"B{first}:B{last}")
    validation(ws, lang, "decimal", "bad_number", operator="greaterThanOrEqual", formula1="0").add(f"C{first}:C{last}")
    name("ScoreTargets", f"$B${first}:$B${last}")
    name("ScoreWeights", f"$C${first}:$C${last}")
    name("ScoreDirections", f"$D${first}:$D${last}")
    put(ws, f"A{last + 1}", text("score_note", lang), font=MUTED)

    top = last + 3
    put(ws, f"A{top}", text("bands_title", lang), font=BOLD)
    header(ws, top + 1, [text("band", lang), text("lower_bound", lang)])
    bands = text("bands", lang).split("|")
    for n, (label, bound) in enumerate(zip(bands, (0, 0.01, 0.03, 0.06))):
        put_input(ws, f"A{top + 2 + n}", label)
        put_input(ws, f"B{top + 2 + n}", bound, fmt["percent"])
    band_colours(ws, f"B{top + 2}:B{top + 1 + len(bands)}")
    name("BandLabels", f"$A${top + 2}:$A${top + 1 + len(bands)}")
    name("BandBounds", f"$B${top + 2}:$B${top + 1 + len(bands)}")

    top += len(bands) + 3
    header(ws, top, [text("statuses_title", lang), "", text("churn_title", lang), "", text("channels_title", lang)])
    statuses, churned = text("statuses", lang).split("|"), text("churned", lang).split("|")
    for n, status in enumerate(statuses):
        put_input(ws, f"A{top + 1 + n}", status)
    for n in range(len(statuses) // 2):
        put_input(ws, f"C{top + 1 + n}", churned[n] if n < len(churned) else None)
    for n, channel in enumerate(CHANNELS):
        put(ws, f"E{top + 1 + n}", channel.name(lang))
    name("StatusList", f"$A${top + 1}:$A${top + len(statuses)}")
    name("ChurnStatuses", f"$C${top + 1}:$C${top + len(statuses) // 2}")
    name("ChannelList", f"$E${top + 1}:$E${top + len(CHANNELS)}")
    ws.column_dimensions["A"].width = 52
    for col in "BCDE":
        ws.column_dimensions[col].width = 16


def _leads_sheet(ws: Worksheet, lang: str, names: dict[str, str]) -> None:
    fmt, last = FORMATS[lang], LEAD_ROWS + 1
    header(ws, 1, [text(c.key, lang) for c in LEAD_COLUMNS])
    ws.row_dimensions[1].height = 45
    rules = {
        "datetime": validation(ws, lang, "date", "bad_date", operator="greaterThanOrEqual", formula1="36526"),
        "amount": validation(ws, lang, "decimal", "bad_amount", operator="between", formula1="-1E+15", formula2="1E+15"),
    }
    for n, column in enumerate(LEAD_COLUMNS, start=1):
        col = letter(n)
        cells = f"{col}2:{col}{last}"
        names[column.name] = f"{quote(ws.title)}!${col}$2:${col}${last}"
        cell_fmt = {"datetime": fmt["datetime"], "amount": fmt["money"]}.get(column.kind)
        for row in range(2, last + 1):
            put_input(ws, f"{col}{row}", fmt=cell_fmt)
        if column.kind == "list":
            source = "ChannelList" if column.key == "channel" else "StatusList"
            validation(ws, lang, "list", "bad_list", formula1=source).add(cells)
        elif column.kind in rules:
            rules[column.kind].add(cells)
        ws.column_dimensions[col].width = 17
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{letter(len(LEAD_COLUMNS))}{last}"
    ws.protection.autoFilter = ws.protection.sort = False  # every cell is an input: sorting is safe


def _count_formula(channel: Channel, title: str, key: str, criterion: str, last: int) -> str:
    col = input_columns(channel)[{"volume": channel.volume, "replies": channel.replies}.get(key, key)]
    sheet = quote(title)
    return (f"=SUMIFS({sheet}!${col}${FIRST_WEEK_ROW}:${col}${last},"
            f"{sheet}!$A${FIRST_WEEK_ROW}:$A${last},{criterion})")


def _dashboard_sheet(ws: Worksheet, lang: str, year: int, titles: dict[str, str]) -> None:
    fmt = FORMATS[lang]
    weeks = iso_weeks(year)
    last = FIRST_WEEK_ROW + len(weeks) - 1
    mondays = f"{quote(titles[CHANNELS[0].key])}!$B${FIRST_WEEK_ROW}:$B${last}"
    put(ws, "A1", text("dashboard_title", lang, year=year), font=TITLE_FONT)
    put(ws, "A2", text("report_week", lang))
    put(ws, "B2", "=ReportWeek", font=BOLD)
    put(ws, "C2", f"=INDEX({mondays},ReportWeek)", fmt["date"])
    count_fmt = {key: fmt["money"] if key in ("revenue", "cost") else fmt["count"] for key in COUNTS}
    labels = [text("channel", lang)] + [text(k, lang) if k in ("volume", "replies") else FUNNEL[k].label(lang)
                                          for k in COUNTS]
    labels += [k.label(lang) for k in DASHBOARD_KPIS] + [REGISTRY["KPI_CHANNEL_SCORE"].label(lang), text("rank", lang)]
    for b, (title_key, _, week, criterion) in enumerate(BLOCKS):
        head, rows, total = block_rows(b)
        put(ws, f"A{head - 1}", text(title_key, lang), font=Font(bold=True, size=12))
        put(ws, f"B{head - 1}", f"={week}", font=BOLD)
        if b < 2:
            put(ws, f"C{head - 1}", f'=IF({week}<1,"",INDEX({mondays},{week}))', fmt["date"])
        header(ws, head, labels)
        header(ws, head, [dashboard_kpi(s.function).label(lang) for s in SCORE],
               column_index_from_string(DASH.score_inputs[0]))
        put(ws, f"{DASH.score_inputs[0]}{head - 1}", text("score_inputs", lang), font=MUTED)
        for channel, row in zip(CHANNELS, rows):
            put(ws, f"A{row}", channel.name(lang), font=BOLD)
            for key in COUNTS:
                put(ws, f"{DASH.counts[key]}{row}", _count_formula(channel, titles[channel.key], key, criterion, last),
                    count_fmt[key])
        put(ws, f"A{total}", text("all", lang), font=BOLD, fill=TOTAL_FILL)
        for key in COUNTS:
            col = DASH.counts[key]
            put(ws, f"{col}{total}", f"=SUM({col}{rows[0]}:{col}{rows[-1]})", count_fmt[key], BOLD, TOTAL_FILL)
        for row in [*rows, total]:
            _dashboard_kpis(ws, lang, row)
            if row != total:
                ws[f"{DASH.rank}{row}"] = (f'=IF(ISNUMBER({DASH.score}{row}),'
                                           f'RANK({DASH.score}{row},{DASH.score}${rows[0]}:{DASH.score}${rows[-1]}),"")')
        for col in [*DASH.kpis, DASH.score, DASH.rank]:
            ws[f"{col}{total}"].font, ws[f"{col}{total}"].fill = BOLD, TOTAL_FILL
        ws.conditional_formatting.add(
            f"{DASH.score}{rows[0]}:{DASH.score}{total}",
            ColorScaleRule(start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=5,
                           mid_color="FFEB84", end_type="num", end_value=10, end_color="63BE7B"))
    _lead_block(ws, lang)
    _benchmark_block(ws, lang)
    _charts(ws, lang, titles, last)
    ws.column_dimensions["A"].width = 24
    for n in range(DASH_COUNT_COL, column_index_from_string(DASH.score_inputs[-1]) + 1):
        ws.column_dimensions[letter(n)].width = 13
    ws.freeze_panes = "B4"


def _dashboard_kpis(ws: Worksheet, lang: str, row: int) -> None:
    """A dashboard row's KPIs (on its sums), its score inputs and its score."""
    for column, col in zip(DASHBOARD_KPIS, DASH.kpis):
        args = ",".join(f"{DASH.counts[a]}{row}" for a in column.args)
        put(ws, f"{col}{row}", guarded(f"{DASH.counts[column.args[-1]]}{row}", f"{column.function}({args})"),
            number_format(column.function, lang))
    for indicator, col in zip(SCORE, DASH.score_inputs):
        source = f"{DASH.kpi_column(indicator.function)}{row}"
        fallback = INFINITE if indicator.lower_is_better else "0"
        fmt = number_format(indicator.function, lang)
        put(ws, f"{col}{row}", f"=IF(ISNUMBER({source}),{source},{fallback})",
            f'[>=1E+300]"∞";{fmt}' if indicator.lower_is_better else fmt, MUTED)
    inputs = f"{DASH.score_inputs[0]}{row}:{DASH.score_inputs[-1]}{row}"
    volume, cost = DASH.counts["volume"], DASH.counts["cost"]
    put(ws, f"{DASH.score}{row}",
        f'=IF(OR({volume}{row}=0,{cost}{row}=0),"",'
        f"KPI_CHANNEL_SCORE({inputs},ScoreTargets,ScoreWeights,ScoreDirections))", FORMATS[lang]["decimal"])


def _lead_block(ws: Worksheet, lang: str) -> None:
    put(ws, f"A{LEAD_TOP}", text("lead_title", lang), font=Font(bold=True, size=12))
    header(ws, LEAD_TOP + 1, [text("channel", lang)] + [k.label(lang) for k in LEAD_KPIS])
    ws.row_dimensions[LEAD_TOP + 1].height = 60
    rows = [(c.name(lang), True) for c in CHANNELS] + [(text("all", lang), False)]
    for n, (label, by_channel) in enumerate(rows):
        row = LEAD_TOP + 2 + n
        put(ws, f"A{row}", label, font=BOLD)
        criteria = f",LeadChannel,$A{row}" if by_channel else ""
        for m, kpi in enumerate(LEAD_KPIS):
            call = f"{kpi.function}({','.join(kpi.args)}{criteria})"
            counts = "".join(("+" if sign > 0 else "-") + _countifs(names, criteria) for sign, names in kpi.guard)
            formula = guarded(counts.lstrip("+"), call) if counts else f"={call}"
            put(ws, f"{letter(2 + m)}{row}", formula, number_format(kpi.function, lang))


def _countifs(names: tuple[str, ...], criteria: str) -> str:
    """How many leads have a date in each of ``names`` (">0": the engine mishandles "<>")."""
    conditions = ",".join(f'{name},">0"' for name in names)
    return f"COUNTIFS({conditions}{criteria})"


def _benchmark_block(ws: Worksheet, lang: str) -> None:
    put(ws, f"A{BENCH_TOP}", text("bench_title", lang), font=Font(bold=True, size=12))
    header(ws, BENCH_TOP + 1, [text("period", lang), REGISTRY["KPI_CALL_TO_OPP_RATE"].label(lang),
                               REGISTRY["KPI_BAND"].label(lang)])
    phone = [c.key for c in CHANNELS].index("phone")
    calls, opportunities = DASH.counts["volume"], DASH.counts["opportunities"]
    for b, (_, period_key, _, _) in enumerate(BLOCKS):
        row, source = BENCH_TOP + 2 + b, block_rows(b)[1][phone]
        put(ws, f"A{row}", text(period_key, lang))
        put(ws, f"B{row}", guarded(f"{calls}{source}", f"KPI_CALL_TO_OPP_RATE({opportunities}{source},{calls}{source})"),
            FORMATS[lang]["percent"])
        put(ws, f"C{row}", guarded(f"{calls}{source}", f"KPI_BAND(B{row},BandBounds,BandLabels)"))
    band_colours(ws, f"B{BENCH_TOP + 2}:B{BENCH_TOP + 1 + len(BLOCKS)}")


def _charts(ws: Worksheet, lang: str, titles: dict[str, str], last: int) -> None:
    """Bars: ROI and score per channel (year to date); lines: weekly response and meeting rates."""
    head, rows, _ = block_rows(2)
    names = AxDataSource(strRef=StrRef(f=f"{quote(ws.title)}!$A${rows[0]}:$A${rows[-1]}"))  # text categories
    for n, (key, col) in enumerate((("chart_roi", DASH.kpi_column("KPI_ROI")), ("chart_score", DASH.score))):
        chart = BarChart()
        chart.title, chart.legend, chart.width, chart.height = text(key, lang), None, 16, 8
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl hides axes by default
        index = ws[f"{col}1"].column
        chart.add_data(Reference(ws, min_col=index, min_row=head, max_row=rows[-1]), titles_from_data=True)
        chart.series[0].cat = names
        ws.add_chart(chart, f"{letter(1 + 9 * n)}{CHART_ROW}")
    wb = ws.parent
    weeks = Reference(wb[titles[CHANNELS[0].key]], min_col=1, min_row=FIRST_WEEK_ROW, max_row=last)
    for n, (key, base) in enumerate((("chart_reply", "replies"), ("chart_meeting", "meetings"))):
        chart = LineChart()
        chart.title, chart.width, chart.height = text(key, lang), 16, 8
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.legend.position = "b"
        for channel in CHANNELS:
            wanted = (channel.replies if base == "replies" else "meetings", channel.volume)
            col = kpi_columns(channel)[[k.args for k in channel.kpis].index(wanted)]
            sheet = wb[titles[channel.key]]
            values = Reference(sheet, min_col=sheet[f"{col}1"].column, min_row=FIRST_WEEK_ROW, max_row=last)
            chart.series.append(Series(values, title=channel.name(lang)))
        chart.set_categories(weeks)
        chart.y_axis.number_format = FORMATS[lang]["percent"]
        ws.add_chart(chart, f"{letter(1 + 9 * n)}{CHART_ROW + 17}")


def _instructions_sheet(ws: Worksheet, lang: str, year: int, used: dict[str, list[str]]) -> None:
    put(ws, "A1", text("title", lang, year=year), font=TITLE_FONT)
    put(ws, "A3", text("routine", lang), font=BOLD)
    lines = [text(f"step{n}", lang) for n in range(1, 8)] + ["", text("colours", lang), "", text("per_channel", lang)]
    lines += [f"  {c.name(lang)}: {c.input(c.volume).label(lang)} / {c.input(c.replies).label(lang)}" for c in CHANNELS]
    for n, line in enumerate(lines):
        put(ws, f"A{4 + n}", line or None)
    top = 4 + len(lines) + 1
    put(ws, f"A{top}", text("kpis_used", lang), font=BOLD)
    header(ws, top + 1, [text(k, lang) for k in ("kpi", "function", "what", "where")])
    for n, name in enumerate(k for k in REGISTRY if k in used):
        kpi = REGISTRY[name]
        for col, value in zip("ABCD", (kpi.label(lang), kpi.signature, kpi.describe(lang), ", ".join(used[name]))):
            put(ws, f"{col}{top + 2 + n}", value)
            ws[f"{col}{top + 2 + n}"].alignment = WRAP
    for col, width in zip("ABCD", (40, 44, 70, 30)):
        ws.column_dimensions[col].width = width


def functions_used(lang: str) -> dict[str, list[str]]:
    """KPI function → the sheets using it."""
    titles = sheet_titles(lang)
    used: dict[str, list[str]] = {}

    def use(function: str, sheet: str) -> None:
        if sheet not in used.setdefault(function, []):
            used[function].append(sheet)

    dashboard = titles["dashboard"]
    for column in DASHBOARD_KPIS:
        use(column.function, dashboard)
    for function in ("KPI_CHANNEL_SCORE", "KPI_CALL_TO_OPP_RATE", "KPI_BAND", *(k.function for k in LEAD_KPIS)):
        use(function, dashboard)
    for channel in CHANNELS:
        for column in channel.kpis:
            use(column.function, titles[channel.key])
    return used


# --- Building -----------------------------------------------------------------------------------


def build_workbook(year: int, lang: str) -> Workbook:
    """The template as an openpyxl workbook."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    titles = sheet_titles(lang)
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {key: wb.create_sheet(title) for key, title in titles.items()}
    names: dict[str, str] = {}
    _settings_sheet(sheets["settings"], lang, year, names)
    _leads_sheet(sheets["leads"], lang, names)
    for key, ref in names.items():
        wb.defined_names[key] = DefinedName(key, attr_text=ref)
    for channel in CHANNELS:
        _channel_sheet(sheets[channel.key], channel, lang, year)
    _dashboard_sheet(sheets["dashboard"], lang, year, titles)
    _instructions_sheet(sheets["instructions"], lang, year, functions_used(lang))
    for ws in wb.worksheets:  # formula cells locked, no password; widths and heights stay adjustable
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = False
    wb.calculation.fullCalcOnLoad = True
    stamp = dt.datetime(year, 1, 1)
    wb.properties.creator = wb.properties.lastModifiedBy = "xlkpi"
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = text("title", lang, year=year)
    return wb


def save(wb: Workbook, path: Path) -> None:
    """Write ``wb`` byte-for-byte reproducibly (document dates as set, zip entries dated
    1980-01-01) and atomically: a file already at ``path`` is replaced only by a complete one."""
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # keeps properties.modified
    with zipfile.ZipFile(buffer) as source, atomic_output(path) as out, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            target.writestr(entry, source.read(info.filename), zipfile.ZIP_DEFLATED)


def build_template(path: Path, year: int, lang: str) -> None:
    """Write the weekly workbook template for ``year`` in ``lang`` ("en" or "fr") to ``path``."""
    save(build_workbook(year, lang), Path(path))


def shipped_path(lang: str) -> Path:
    return SHIPPED / f"xlkpi_weekly_{lang}.xlsx"


def main() -> None:
    """Regenerate the shipped templates."""
    SHIPPED.mkdir(exist_ok=True)
    for lang in LANGS:
        build_template(shipped_path(lang), SHIPPED_YEAR, lang)
        print(f"wrote {shipped_path(lang)}", file=sys.stderr)


if __name__ == "__main__":
    main()
