"""The weekly workbook, generated from the KPI registry, the channel declarations and the layout.

``build_template(path, year, lang, currency)`` writes an English or French workbook:
Instructions, Dashboard, Settings, one sheet per channel (one row per ISO week) and a Leads log.
``build_example(path, lang)`` writes the same workbook filled with a year of invented weekly
counts and 300 leads (a seeded generator: the same every time). Both editions hold the same
formulas; only texts, number formats and sheet names differ. The output is deterministic (fixed
document dates and zip timestamps), so the shipped files in ``workbook_templates/`` are checked
against it: ``python -m xlkpi.workbook.builder`` regenerates them.

Formulas use only functions the headless engine knows, bounded ranges and workbook-scoped
names. A KPI cell is guarded on its input denominator (``IF(den=0,"",KPI_…)``), never wrapped
in IFERROR, since a KPI error reaches Excel as text through xlwings. Positions come from
:mod:`xlkpi.workbook.layout`, texts from :mod:`xlkpi.i18n`, number formats from
:mod:`xlkpi.workbook.formats`.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string
from openpyxl.utils import get_column_letter as letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import LANGS, text
from ..registry import REGISTRY
from ..xlsx.writer import save_reproducibly
from .channels import CHANNELS, Channel
from .formats import kpi_format, kpi_kind, number_format
from .layout import (
    BANDS,
    BLOCKS,
    CHART_ROWS,
    CHART_SIZE,
    CHURNED,
    COUNTS,
    DASHBOARD_KPIS,
    FIRST_LEAD_ROW,
    FIRST_WEEK_ROW,
    FUNNEL,
    HEADER_ROW,
    LAST_LEAD_ROW,
    LATEST_NOTE_COL,
    LEAD_COLUMNS,
    LEAD_HEADER_ROW,
    LEAD_KPIS,
    SCORE,
    SETTING_ROW,
    SETTINGS,
    STATUSES,
    TOTAL_ROW,
    DashboardLayout,
    WorkbookLayout,
    dashboard_kpi,
    input_columns,
    iso_weeks,
    kpi_columns,
    last_week_row,
    lead_columns,
    quote,
)

SHIPPED = Path(__file__).resolve().parent.parent.parent / "workbook_templates"
SHIPPED_YEAR = 2026
EXAMPLE_SEED = 2026
INFINITE = "1E+307"  # a lower-is-better indicator without a value scores 0 on it

# --- Styles ------------------------------------------------------------------------------------

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
BLOCK_FONT = Font(bold=True, size=12)
BOLD = Font(bold=True)
MUTED = Font(italic=True, color="808080")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
BAND_FILLS = ("F8CBAD", "FFE699", "C6E0B4", "70AD47")  # one per band, low to excellent
LINE_HEIGHT = 15.0  # points per line of 11-point text (Excel's default row height)


@dataclass(frozen=True)
class Edition:
    """What a workbook's texts and formats depend on."""

    lang: str
    currency: str
    year: int
    native: bool = False  # the edition ``xlkpi new --native`` writes: its formulas become native ones

    def fmt(self, kind: str) -> str:
        return number_format(kind, self.lang, self.currency)

    def kpi_fmt(self, function: str) -> str:
        return kpi_format(function, self.lang, self.currency)

    def text(self, key: str, **fields: object) -> str:
        return text(f"workbook.{key}", self.lang, **fields)


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


def lines_needed(value: str, width: float, bold: bool = False) -> int:
    """Lines ``value`` takes wrapped in a column ``width`` characters wide (bold: 10 % wider)."""
    per_line = max(1, int((width - 1) / (1.1 if bold else 1.0)))
    return max(1, sum(len(textwrap.wrap(part, per_line, break_long_words=True)) or 1 for part in value.split("\n")))


def fit_row(ws: Worksheet, row: int) -> None:
    """A row tall enough for the wrapped text of each of its cells, each column wide enough for
    its longest word (a word is never broken)."""
    lines = 1
    for cell in ws[row]:
        if isinstance(cell.value, str) and not cell.value.startswith("=") and cell.alignment.wrap_text:
            dimension = ws.column_dimensions[cell.column_letter]
            size, bold = (cell.font.sz or 11) / 11, bool(cell.font.b)
            longest = max((len(word) for word in cell.value.split()), default=0)
            dimension.width = max(dimension.width or 8.43, round(longest * (1.1 if bold else 1.0) * size + 2, 1))
            lines = max(lines, round(lines_needed(cell.value, dimension.width / size, bold) * size + 0.49))
    ws.row_dimensions[row].height = lines * LINE_HEIGHT + 3


def validation(ws: Worksheet, ed: Edition, kind: str, message_key: str, **rule: str) -> DataValidation:
    dv = DataValidation(type=kind, showErrorMessage=True, allow_blank=True, errorTitle="xlkpi",
                        error=ed.text(message_key), **rule)
    ws.add_data_validation(dv)
    return dv


def guarded(denominator: str, call: str) -> str:
    """A KPI call left blank while its input denominator is 0 or blank."""
    return f'=IF({denominator}=0,"",{call})'


def page(ws: Worksheet, area: str, *, wide: int = 1, tall: int = 1, title_rows: str | None = None,
         title_cols: str | None = None) -> None:
    """Landscape A4, scaled to at most ``wide`` pages across and ``tall`` down (0: as many as needed)."""
    ws.print_area = area
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = wide
    ws.page_setup.fitToHeight = tall
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols


# --- Sheets ------------------------------------------------------------------------------------


def _channel_sheet(ws: Worksheet, channel: Channel, ed: Edition) -> None:
    weeks = iso_weeks(ed.year)
    last = last_week_row(ed.year)
    inputs, kpis = input_columns(channel), kpi_columns(channel)
    put(ws, "A1", ed.text("channel_title", channel=channel.name(ed.lang), year=ed.year), font=TITLE_FONT)
    put(ws, "A2", ed.text("channel_hint"), font=MUTED)
    put(ws, f"A{TOTAL_ROW}", ed.text("total"), font=BOLD, fill=TOTAL_FILL)
    ws[f"B{TOTAL_ROW}"].fill = TOTAL_FILL
    for n, (week, monday) in enumerate(weeks):
        put(ws, f"A{FIRST_WEEK_ROW + n}", week)
        put(ws, f"B{FIRST_WEEK_ROW + n}", monday, ed.fmt("date"))
    rules = {"count": validation(ws, ed, "whole", "bad_count", operator="greaterThanOrEqual", formula1="0"),
             "minutes": validation(ws, ed, "decimal", "bad_minutes", operator="greaterThanOrEqual", formula1="0"),
             "amount": validation(ws, ed, "decimal", "bad_amount", operator="between",
                                  formula1="-1E+15", formula2="1E+15")}
    for item in channel.inputs:
        col = inputs[item.key]
        cell_fmt = ed.fmt("money" if item.kind == "amount" else "count")
        put(ws, f"{col}{TOTAL_ROW}", f"=SUM({col}{FIRST_WEEK_ROW}:{col}{last})", cell_fmt, BOLD, TOTAL_FILL)
        for row in range(FIRST_WEEK_ROW, last + 1):
            put_input(ws, f"{col}{row}", fmt=cell_fmt)
        rules[item.kind].add(f"{col}{FIRST_WEEK_ROW}:{col}{last}")
        ws.column_dimensions[col].width = 12
    for column, col in zip(channel.kpis, kpis):
        for row in range(TOTAL_ROW, last + 1):
            args = ",".join(f"{inputs[a]}{row}" for a in column.args)
            put(ws, f"{col}{row}", guarded(f"{inputs[column.args[-1]]}{row}", f"{column.function}({args})"),
                ed.kpi_fmt(column.function))
        ws[f"{col}{TOTAL_ROW}"].font, ws[f"{col}{TOTAL_ROW}"].fill = BOLD, TOTAL_FILL
        ws.column_dimensions[col].width = 13
        if column.function == "KPI_CALL_TO_OPP_RATE":
            band_colours(ws, f"{col}{TOTAL_ROW}:{col}{last}")
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 12
    header(ws, HEADER_ROW, [ed.text("week"), ed.text("monday")]
           + [i.label(ed.lang) for i in channel.inputs] + [k.label(ed.lang) for k in channel.kpis])
    fit_row(ws, HEADER_ROW)
    ws.freeze_panes = f"C{FIRST_WEEK_ROW}"
    # on paper: one page tall, two across (readable type), the week and its Monday on each; the
    # title as the page header (in A1 it would be cut where the second page starts)
    page(ws, f"A{HEADER_ROW}:{kpis[-1]}{last}", wide=2, tall=1, title_rows=f"{HEADER_ROW}:{TOTAL_ROW}", title_cols="A:B")
    ws.oddHeader.center.text = ws["A1"].value
    ws.oddHeader.center.font, ws.oddHeader.center.size = "-,Bold", 12
    ws.page_margins.top, ws.page_margins.header = 0.8, 0.3  # room for it above the table


def band_colours(ws: Worksheet, cells: str) -> None:
    """Colour a rate by its benchmark band, reading the bounds on Settings (highest band first).
    ISNUMBER: Excel ranks text (a blank "" or an error shown as text) above every number."""
    first = cells.split(":")[0]
    for n in reversed(range(len(BAND_FILLS))):
        fill = PatternFill("solid", fgColor=BAND_FILLS[n], bgColor=BAND_FILLS[n])
        rule = f"AND(ISNUMBER({first}),{first}>=INDEX(BandBounds,{n + 1}))"
        ws.conditional_formatting.add(cells, FormulaRule(formula=[rule], fill=fill))


def _latest_week(layout: WorkbookLayout, titles: dict[str, str], year: int) -> str:
    """The last ISO week with contacts or a cost on some channel sheet (0 when none). MAXIFS came
    with Excel 2019: files name it _xlfn.MAXIFS, or Excel and LibreOffice read #NAME?."""
    last = last_week_row(year)
    terms = []
    for channel in layout.channels:
        sheet, cols = quote(titles[channel.key]), input_columns(channel)
        weeks = f"{sheet}!$A${FIRST_WEEK_ROW}:$A${last}"
        for key in (channel.volume, "cost"):
            terms.append(f'_xlfn.MAXIFS({weeks},{sheet}!${cols[key]}${FIRST_WEEK_ROW}:${cols[key]}${last},">0")')
    return f"=MAX(0,{','.join(terms)})"


def _settings_sheet(ws: Worksheet, ed: Edition, layout: WorkbookLayout, titles: dict[str, str],
                    names: dict[str, str]) -> None:
    rows = layout.settings
    for name, ref in rows.names().items():
        names[name] = f"{quote(ws.title)}!{ref}"
    put(ws, "A1", ed.text("settings_title"), font=TITLE_FONT)
    for setting in SETTINGS:
        put(ws, f"A{setting.row}", ed.text(setting.label))
        ws[f"A{setting.row}"].alignment = WRAP
    row = SETTING_ROW
    put_input(ws, f"B{row['Team']}")
    put(ws, f"B{row['Year']}", ed.year)
    put_input(ws, f"B{row['ReportWeekChoice']}")
    validation(ws, ed, "whole", "bad_week", operator="between", formula1="1",
               formula2=str(len(iso_weeks(ed.year)))).add(f"B{row['ReportWeekChoice']}")
    put(ws, f"B{row['ReportWeek']}", '=IF(ReportWeekChoice="",MAX(1,LatestWeek),ReportWeekChoice)', font=BOLD)
    put(ws, f"C{row['ReportWeek']}", '=IF(ReportWeekChoice="",LatestNote,"")', font=MUTED)
    put(ws, f"{LATEST_NOTE_COL}{row['ReportWeek']}", ed.text("latest_note"))
    ws.column_dimensions[LATEST_NOTE_COL].hidden = True
    put(ws, f"B{row['LatestWeek']}", _latest_week(layout, titles, ed.year))
    put(ws, f"B{row['PrevWeek']}", "=ReportWeek-1")
    put(ws, f"B{row['Currency']}", ed.currency)
    put(ws, f"C{row['Currency']}", text(f"workbook.currency.{ed.currency}", ed.lang).strip())
    put_input(ws, f"B{row['AttributionDays']}", 90)
    put_input(ws, f"B{row['SpeedHours']}", 4)
    validation(ws, ed, "decimal", "bad_number", operator="greaterThanOrEqual", formula1="0").add(
        f"B{row['AttributionDays']}:B{row['SpeedHours']}")

    put(ws, f"A{rows.score_title}", ed.text("score_title"), font=BOLD)
    header(ws, rows.score_header, [ed.text(k) for k in ("kpi", "target", "weight", "direction", "source")])
    for indicator, r in zip(SCORE, rows.score_rows):
        put(ws, f"A{r}", dashboard_kpi(indicator.function).label(ed.lang))
        kind = kpi_kind(indicator.function)
        put_input(ws, f"B{r}", indicator.target, ed.fmt("percent2" if kind == "percent" else kind))
        put_input(ws, f"C{r}", indicator.weight)
        put(ws, f"D{r}", ed.text("lower" if indicator.lower_is_better else "higher"))
        put(ws, f"E{r}", ed.text(f"source.{indicator.source}"), font=MUTED)
        for col in "AE":
            ws[f"{col}{r}"].alignment = WRAP
    first, last = rows.score_rows[0], rows.score_rows[-1]
    validation(ws, ed, "decimal", "bad_target", operator="greaterThan", formula1="0").add(f"B{first}:B{last}")
    validation(ws, ed, "decimal", "bad_number", operator="greaterThanOrEqual", formula1="0").add(f"C{first}:C{last}")
    put(ws, f"A{last + 1}", ed.text("score_note"), font=MUTED)

    put(ws, f"A{rows.bands_title}", ed.text("bands_title"), font=BOLD)
    header(ws, rows.bands_title + 1, [ed.text("band"), ed.text("lower_bound")])
    for (band, bound), r in zip(BANDS, rows.band_rows):
        put_input(ws, f"A{r}", ed.text(f"band.{band}"))
        put_input(ws, f"B{r}", bound, ed.fmt("percent"))
    band_colours(ws, f"B{rows.band_rows[0]}:B{rows.band_rows[-1]}")

    header(ws, rows.lists_header, [ed.text("statuses_title"), "", ed.text("churn_title"), "", ed.text("channels_title")])
    for status, r in zip(STATUSES, rows.list_rows(len(STATUSES))):
        put_input(ws, f"A{r}", ed.text(f"status.{status}"))
    for n, r in enumerate(rows.list_rows(len(STATUSES) // 2)):
        put_input(ws, f"C{r}", ed.text(f"status.{CHURNED[n]}") if n < len(CHURNED) else None)
    for channel, r in zip(layout.channels, rows.list_rows(len(layout.channels))):
        put(ws, f"E{r}", channel.name(ed.lang))
    for col, width in zip("ABCDE", (52, 16, 16, 14, 60)):
        ws.column_dimensions[col].width = width
    for r in [*(s.row for s in SETTINGS), rows.score_header, *rows.score_rows, rows.bands_title + 1, rows.lists_header]:
        fit_row(ws, r)
    for r in [*(s.row for s in SETTINGS), *rows.score_rows]:  # values beside their label's first line
        for col in "BCD":
            ws[f"{col}{r}"].alignment = Alignment(vertical="top")
    page(ws, f"A1:E{rows.list_rows(len(STATUSES))[-1]}")


def _leads_sheet(ws: Worksheet, ed: Edition, names: dict[str, str]) -> None:
    """The lead log: every cell an input (column styles: a row typed anywhere is yellow, dated),
    so the sheet is not protected and sorting and filtering work."""
    header(ws, LEAD_HEADER_ROW, [ed.text(f"lead.{c.key}") for c in LEAD_COLUMNS])
    rules = {
        "datetime": validation(ws, ed, "date", "bad_date", operator="greaterThanOrEqual", formula1="36526"),
        "amount": validation(ws, ed, "decimal", "bad_amount", operator="between", formula1="-1E+15", formula2="1E+15"),
    }
    cols = lead_columns()
    for column in LEAD_COLUMNS:
        col = cols[column.key]
        cells = f"{col}{FIRST_LEAD_ROW}:{col}{LAST_LEAD_ROW}"
        names[column.name] = f"{quote(ws.title)}!${col}${FIRST_LEAD_ROW}:${col}${LAST_LEAD_ROW}"
        dimension = ws.column_dimensions[col]
        dimension.fill, dimension.protection = INPUT_FILL, UNLOCKED
        dimension.number_format = {"datetime": ed.fmt("datetime"), "amount": ed.fmt("money")}.get(column.kind, "General")
        if column.kind == "list":
            source = "ChannelList" if column.key == "channel" else "StatusList"
            validation(ws, ed, "list", "bad_list", formula1=source).add(cells)
        elif column.kind in rules:
            rules[column.kind].add(cells)
        dimension.width = {"email": 30, "company": 22, "contact": 20}.get(column.key, 16)
    fit_row(ws, LEAD_HEADER_ROW)
    ws.freeze_panes = f"{cols['channel']}{FIRST_LEAD_ROW}"
    ws.auto_filter.ref = f"A{LEAD_HEADER_ROW}:{letter(len(LEAD_COLUMNS))}{LAST_LEAD_ROW}"
    page(ws, f"A{LEAD_HEADER_ROW}:{letter(len(LEAD_COLUMNS))}{LAST_LEAD_ROW}", tall=0,
         title_rows=f"{LEAD_HEADER_ROW}:{LEAD_HEADER_ROW}")


def _count_formula(channel: Channel, title: str, key: str, criterion: str, last: int) -> str:
    col = input_columns(channel)[{"volume": channel.volume, "replies": channel.replies}.get(key, key)]
    sheet = quote(title)
    return (f"=SUMIFS({sheet}!${col}${FIRST_WEEK_ROW}:${col}${last},"
            f"{sheet}!$A${FIRST_WEEK_ROW}:$A${last},{criterion})")


def _dashboard_sheet(ws: Worksheet, ed: Edition, layout: WorkbookLayout, titles: dict[str, str]) -> None:
    dash = layout.dashboard
    last = last_week_row(ed.year)
    mondays = f"{quote(titles[layout.channels[0].key])}!$B${FIRST_WEEK_ROW}:$B${last}"
    put(ws, "A1", ed.text("dashboard_title", year=ed.year), font=TITLE_FONT)
    put(ws, "A2", ed.text("report_week"), font=BOLD)
    put(ws, "B2", "=ReportWeek", font=BOLD)
    put(ws, "C2", f"=INDEX({mondays},ReportWeek)", ed.fmt("date"))
    put(ws, "D2", '=IF(ReportWeekChoice="",LatestNote,"")', font=MUTED)
    count_fmt = {key: ed.fmt("money" if key in ("revenue", "cost") else "count") for key in COUNTS}
    labels = [ed.text("channel")] + [ed.text(k) if k in ("volume", "replies") else FUNNEL[k].label(ed.lang)
                                     for k in COUNTS]
    labels += [k.label(ed.lang) for k in DASHBOARD_KPIS] + [REGISTRY["KPI_CHANNEL_SCORE"].label(ed.lang), ed.text("rank")]
    for b, block in enumerate(BLOCKS):
        head, rows, total = dash.block_rows(b)
        put(ws, f"A{head - 1}", ed.text(block.title), font=BLOCK_FONT)
        put(ws, f"B{head - 1}", f"={block.week}", font=BOLD)
        if b < 2:
            put(ws, f"C{head - 1}", f'=IF({block.week}<1,"",INDEX({mondays},{block.week}))', ed.fmt("date"))
        header(ws, head, labels)
        header(ws, head, [dashboard_kpi(s.function).label(ed.lang) for s in SCORE],
               column_index_from_string(dash.score_inputs[0]))
        put(ws, f"{dash.score_inputs[0]}{head - 1}", ed.text("score_inputs"), font=MUTED)
        for channel, row in zip(layout.channels, rows):
            put(ws, f"A{row}", channel.name(ed.lang), font=BOLD)
            for key in COUNTS:
                put(ws, f"{dash.counts[key]}{row}", _count_formula(channel, titles[channel.key], key, block.criterion, last),
                    count_fmt[key])
        put(ws, f"A{total}", ed.text("all"), font=BOLD, fill=TOTAL_FILL)
        for key in COUNTS:
            col = dash.counts[key]
            put(ws, f"{col}{total}", f"=SUM({col}{rows[0]}:{col}{rows[-1]})", count_fmt[key], BOLD, TOTAL_FILL)
        for row in [*rows, total]:
            _dashboard_kpis(ws, ed, dash, row)
            if row != total:
                ws[f"{dash.rank}{row}"] = (f'=IF(ISNUMBER({dash.score}{row}),'
                                           f'RANK({dash.score}{row},{dash.score}${rows[0]}:{dash.score}${rows[-1]}),"")')
        for col in [*dash.kpis, dash.score, dash.rank]:
            ws[f"{col}{total}"].font, ws[f"{col}{total}"].fill = BOLD, TOTAL_FILL
        ws.conditional_formatting.add(
            f"{dash.score}{rows[0]}:{dash.score}{total}",
            ColorScaleRule(start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=5,
                           mid_color="FFEB84", end_type="num", end_value=10, end_color="63BE7B"))
    ws.column_dimensions["A"].width = 32
    for n in range(dash.first_col, column_index_from_string(dash.rank) + 1):
        ws.column_dimensions[letter(n)].width = 13
    for col in dash.score_inputs:
        ws.column_dimensions[col].width = 13
    for col in [dash.chart_weeks, *dash.chart_reply, *dash.chart_meeting]:
        ws.column_dimensions[col].width = 14
    _lead_block(ws, ed, layout)
    _benchmark_block(ws, ed, layout)
    _chart_data(ws, ed, layout, titles)
    _charts(ws, ed, dash)
    for b in range(len(BLOCKS)):
        fit_row(ws, dash.block_rows(b)[0])
    fit_row(ws, dash.lead_top + 1)
    fit_row(ws, dash.bench_top + 1)
    # the score inputs and the chart data: hidden, grouped (the outline's + shows them)
    ws.column_dimensions.group(dash.score_inputs[0], dash.score_inputs[-1], hidden=True, outline_level=1)
    ws.column_dimensions.group(dash.chart_weeks, dash.chart_meeting[-1], hidden=True, outline_level=1)
    ws.freeze_panes = "B4"
    page(ws, dash.print_area)


def _dashboard_kpis(ws: Worksheet, ed: Edition, dash: DashboardLayout, row: int) -> None:
    """A dashboard row's KPIs (on its sums), its score inputs and its score."""
    for column, col in zip(DASHBOARD_KPIS, dash.kpis):
        args = ",".join(f"{dash.counts[a]}{row}" for a in column.args)
        put(ws, f"{col}{row}", guarded(f"{dash.counts[column.args[-1]]}{row}", f"{column.function}({args})"),
            ed.kpi_fmt(column.function))
    for indicator, col in zip(SCORE, dash.score_inputs):
        source = f"{dash.kpi_column(indicator.function)}{row}"
        fallback = INFINITE if indicator.lower_is_better else "0"
        fmt = ed.kpi_fmt(indicator.function)
        put(ws, f"{col}{row}", f"=IF(ISNUMBER({source}),{source},{fallback})",
            f'[>=1E+300]"∞";{fmt}' if indicator.lower_is_better else fmt, MUTED)
    inputs = f"{dash.score_inputs[0]}{row}:{dash.score_inputs[-1]}{row}"
    volume, cost = dash.counts["volume"], dash.counts["cost"]
    put(ws, f"{dash.score}{row}",
        f'=IF(OR({volume}{row}=0,{cost}{row}=0),"",'
        f"KPI_CHANNEL_SCORE({inputs},ScoreTargets,ScoreWeights,ScoreDirections))", ed.fmt("decimal"))


def _lead_block(ws: Worksheet, ed: Edition, layout: WorkbookLayout) -> None:
    top = layout.dashboard.lead_top
    put(ws, f"A{top}", ed.text("lead_title"), font=BLOCK_FONT)
    header(ws, top + 1, [ed.text("channel")] + [k.label(ed.lang) for k in LEAD_KPIS])
    rows = [(c.name(ed.lang), True) for c in layout.channels] + [(ed.text("all"), False)]
    for n, (label, by_channel) in enumerate(rows):
        row = top + 2 + n
        put(ws, f"A{row}", label, font=BOLD)
        criteria = f",LeadChannel,$A{row}" if by_channel else ""
        for m, kpi in enumerate(LEAD_KPIS):
            call = f"{kpi.function}({','.join(kpi.args)}{criteria})"
            counts = "".join(("+" if sign > 0 else "-") + _countifs(names, criteria) for sign, names in kpi.guard)
            formula = guarded(counts.lstrip("+"), call) if counts else f"={call}"
            put(ws, f"{letter(2 + m)}{row}", formula, ed.kpi_fmt(kpi.function))


def _countifs(names: tuple[str, ...], criteria: str) -> str:
    """How many leads have a date in each of ``names`` (">0": the engine mishandles "<>")."""
    conditions = ",".join(f'{name},">0"' for name in names)
    return f"COUNTIFS({conditions}{criteria})"


def _benchmark_block(ws: Worksheet, ed: Edition, layout: WorkbookLayout) -> None:
    dash = layout.dashboard
    top = dash.bench_top
    put(ws, f"A{top}", ed.text("bench_title"), font=BLOCK_FONT)
    header(ws, top + 1, [ed.text("period"), REGISTRY["KPI_CALL_TO_OPP_RATE"].label(ed.lang),
                         REGISTRY["KPI_BAND"].label(ed.lang)])
    phone = [c.key for c in layout.channels].index("phone")
    calls, opportunities = dash.counts["volume"], dash.counts["opportunities"]
    for b, block in enumerate(BLOCKS):
        row, source = top + 2 + b, dash.block_rows(b)[1][phone]
        put(ws, f"A{row}", ed.text(block.period))
        put(ws, f"B{row}", guarded(f"{calls}{source}", f"KPI_CALL_TO_OPP_RATE({opportunities}{source},{calls}{source})"),
            ed.fmt("percent"))
        put(ws, f"C{row}", guarded(f"{calls}{source}", f"KPI_BAND(B{row},BandBounds,BandLabels)"))
    band_colours(ws, f"B{top + 2}:B{top + 1 + len(BLOCKS)}")


def _chart_data(ws: Worksheet, ed: Edition, layout: WorkbookLayout, titles: dict[str, str]) -> None:
    """Hidden columns the weekly charts read: each channel's response and meeting rates, #N/A
    (a gap in the line, not a fall to 0) in a week with nothing sent."""
    dash = layout.dashboard
    top, rows = dash.chart_data_header, dash.chart_data_rows(ed.year)
    put(ws, f"{dash.chart_weeks}{top - 1}", ed.text("chart_data"), font=MUTED)
    header(ws, top, [ed.text("week")] + [c.name(ed.lang) for c in layout.channels] * 2,
           column_index_from_string(dash.chart_weeks))
    for n, row in enumerate(rows):
        put(ws, f"{dash.chart_weeks}{row}", f"={quote(titles[layout.channels[0].key])}!$A${FIRST_WEEK_ROW + n}")
    for channel, reply, meeting in zip(layout.channels, dash.chart_reply, dash.chart_meeting):
        sheet, kpis = quote(titles[channel.key]), kpi_columns(channel)
        for col, index in ((reply, channel.response_column()), (meeting, channel.meeting_column())):
            for n, row in enumerate(rows):
                source = f"{sheet}!${kpis[index]}${FIRST_WEEK_ROW + n}"
                put(ws, f"{col}{row}", f"=IF(ISNUMBER({source}),{source},NA())", ed.fmt("percent"))


def _charts(ws: Worksheet, ed: Edition, dash: DashboardLayout) -> None:
    """Bars: ROI and score per channel (year to date); lines: weekly response and meeting rates."""
    head, rows, _ = dash.block_rows(2)
    names = AxDataSource(strRef=StrRef(f=f"{quote(ws.title)}!$A${rows[0]}:$A${rows[-1]}"))  # text categories
    width, height = CHART_SIZE
    half = 1 + (column_index_from_string(dash.rank) + 1) // 2  # the second chart of a row starts there
    for n, (key, col) in enumerate((("chart_roi", dash.kpi_column("KPI_ROI")), ("chart_score", dash.score))):
        chart = BarChart()
        chart.title, chart.legend, chart.width, chart.height = ed.text(key), None, width, height
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl hides axes by default
        index = column_index_from_string(col)
        chart.add_data(Reference(ws, min_col=index, min_row=head, max_row=rows[-1]), titles_from_data=True)
        chart.series[0].cat = names
        chart.y_axis.number_format = ed.fmt("percent" if key == "chart_roi" else "decimal")
        if key == "chart_score":  # bars start at 0: an axis from 7.4 would make 8 look twice 7.7
            chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 10
        ws.add_chart(chart, f"{letter(1 + (half - 1) * n)}{dash.chart_row}")
    data = dash.chart_data_rows(ed.year)
    weeks = Reference(ws, range_string=f"{quote(ws.title)}!${dash.chart_weeks}${data[0]}:${dash.chart_weeks}${data[-1]}")
    for n, (key, cols) in enumerate((("chart_reply", dash.chart_reply), ("chart_meeting", dash.chart_meeting))):
        # lines over the week numbers as a scatter chart: LibreOffice leaves a gap at #N/A there
        # (a line chart draws it at 0), Excel with "show #N/A as an empty cell"
        chart = ScatterChart()
        chart.title, chart.width, chart.height = ed.text(key), width, height
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.display_blanks = "gap"
        chart.visible_cells_only = False  # its data columns are hidden
        chart.legend.position = "b"
        for channel, col in zip(dash.channels, cols):
            values = Reference(ws, range_string=f"{quote(ws.title)}!${col}${data[0]}:${col}${data[-1]}")
            series = Series(values, weeks, title=channel.name(ed.lang))
            series.smooth = False  # a smoothed line overshoots: the rate never was there
            series.marker.symbol = "none"
            chart.series.append(series)
        chart.x_axis.scaling.min, chart.x_axis.scaling.max, chart.x_axis.majorUnit = 1, len(data), 4
        chart.x_axis.number_format = "0"
        chart.x_axis.title = ed.text("week")
        chart.y_axis.number_format = ed.fmt("percent")
        chart.y_axis.scaling.min = 0
        ws.add_chart(chart, f"{letter(1 + (half - 1) * n)}{dash.chart_row + CHART_ROWS}")


def _instructions_sheet(ws: Worksheet, ed: Edition, layout: WorkbookLayout, used: dict[str, list[str]]) -> None:
    put(ws, "A1", ed.text("title", year=ed.year), font=TITLE_FONT)
    put(ws, "A3", ed.text("routine"), font=BOLD)
    steps = [ed.text(f"step{n}_native" if ed.native and n in (6, 7) else f"step{n}") for n in range(1, 8)]
    lines = steps + ["", ed.text("colours"), ed.text("lead_definition"), "",
                                                           ed.text("per_channel")]
    lines += [ed.text("per_channel_line", channel=c.name(ed.lang), volume=c.input(c.volume).label(ed.lang),
                      replies=c.input(c.replies).label(ed.lang)) for c in layout.channels]
    for n, line in enumerate(lines):
        put(ws, f"A{4 + n}", line or None)
    top = 4 + len(lines) + 1
    put(ws, f"A{top}", ed.text("kpis_used"), font=BOLD)
    header(ws, top + 1, [ed.text(k) for k in ("kpi", "function_native" if ed.native else "function", "what", "where")])
    for n, name in enumerate(k for k in REGISTRY if k in used):
        kpi = REGISTRY[name]
        for col, value in zip("ABCD", (kpi.label(ed.lang), kpi.signature, kpi.describe(ed.lang), ", ".join(used[name]))):
            put(ws, f"{col}{top + 2 + n}", value)
            ws[f"{col}{top + 2 + n}"].alignment = WRAP
    for col, width in zip("ABCD", (40, 44, 70, 30)):
        ws.column_dimensions[col].width = width
    for row in range(top + 2, top + 2 + len(used)):
        fit_row(ws, row)
    page(ws, f"A1:D{top + 1 + len(used)}", tall=0, title_rows=f"{top + 1}:{top + 1}")


def functions_used(layout: WorkbookLayout, lang: str) -> dict[str, list[str]]:
    """KPI function → the sheets using it."""
    titles = layout.sheet_titles(lang)
    used: dict[str, list[str]] = {}

    def use(function: str, sheet: str) -> None:
        if sheet not in used.setdefault(function, []):
            used[function].append(sheet)

    dashboard = titles["dashboard"]
    for column in DASHBOARD_KPIS:
        use(column.function, dashboard)
    for function in ("KPI_CHANNEL_SCORE", "KPI_CALL_TO_OPP_RATE", "KPI_BAND", *(k.function for k in LEAD_KPIS)):
        use(function, dashboard)
    for channel in layout.channels:
        for column in channel.kpis:
            use(column.function, titles[channel.key])
    return used


# --- Building -----------------------------------------------------------------------------------


def build_workbook(year: int, lang: str, currency: str = "EUR", channels: tuple[Channel, ...] = CHANNELS,
                   native: bool = False) -> Workbook:
    """The template as an openpyxl workbook; ``native``: its Instructions speak of the native edition
    (``xlkpi new --native`` then rewrites its KPI_* calls)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    ed = Edition(lang, currency, year, native)
    ed.fmt("money")  # an unknown currency fails here
    layout = WorkbookLayout(channels)
    titles = layout.sheet_titles(lang)
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {key: wb.create_sheet(title) for key, title in titles.items()}
    names: dict[str, str] = {}
    _settings_sheet(sheets["settings"], ed, layout, titles, names)
    _leads_sheet(sheets["leads"], ed, names)
    for key, ref in names.items():
        wb.defined_names[key] = DefinedName(key, attr_text=ref)
    for channel in channels:
        _channel_sheet(sheets[channel.key], channel, ed)
    _dashboard_sheet(sheets["dashboard"], ed, layout, titles)
    _instructions_sheet(sheets["instructions"], ed, layout, functions_used(layout, lang))
    for key, ws in sheets.items():  # formula cells locked, no password; widths and heights stay adjustable
        ws.protection.sheet = key != "leads"  # every Leads cell is an input
        ws.protection.formatColumns = ws.protection.formatRows = False
    wb.calculation.fullCalcOnLoad = True
    stamp = dt.datetime(year, 1, 1)
    wb.properties.creator = wb.properties.lastModifiedBy = "xlkpi"
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = ed.text("title", year=year)
    return wb


# Excel 2016+'s "show #N/A as an empty cell" (its default for new charts; openpyxl cannot write it):
# with dispBlanksAs="gap", a week without contacts is a gap in the weekly line, not a point joined across.
_NA_AS_BLANK = (b'<extLst><ext uri="{56B9EC1D-385E-4148-901F-78D8002777C0}" '
                b'xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart">'
                b'<c16r3:dataDisplayOptions16><c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16>'
                b'</ext></extLst></chartSpace>')


def _part(name: str, data: bytes) -> bytes:
    """A part of the package as saved: line charts show #N/A as a gap."""
    if name.startswith("xl/charts/chart") and b"<scatterChart>" in data and data.endswith(b"</chartSpace>"):
        return data[: -len(b"</chartSpace>")] + _NA_AS_BLANK
    return data


def save(wb: Workbook, path: Path) -> None:
    """Write ``wb`` byte-for-byte reproducibly (document dates as set, zip entries dated
    1980-01-01) and atomically: a file already at ``path`` is replaced only by a complete one."""
    save_reproducibly(wb, path, _part)


def build_template(path: Path, year: int, lang: str, currency: str = "EUR",
                   channels: tuple[Channel, ...] = CHANNELS, native: bool = False) -> None:
    """Write the weekly workbook for ``year`` in ``lang`` ("en" or "fr"), amounts in ``currency``."""
    save(build_workbook(year, lang, currency, channels, native), Path(path))


# --- The example: a year of invented data ------------------------------------------------------------

# input → (the input it is a share of, the share); "volume" is the channel's weekly volume
_SHARES: dict[str, tuple[str, float]] = {
    "planned": ("volume", 1.1), "delivered": ("sent", 0.95), "opened": ("delivered", 0.45),
    "clicked": ("opened", 0.08), "replies": ("delivered", 0.05), "negative": ("replies", 0.3),
    "unsubscribes": ("delivered", 0.006), "hard_bounces": ("sent", 0.02), "soft_bounces": ("sent", 0.02),
    "accepted": ("sent", 0.35), "read": ("accepted", 0.7), "connected": ("calls", 0.3), "unanswered": ("calls", 0.6),
    "callbacks": ("connected", 0.2), "refusals": ("connected", 0.4), "off_target": ("connected", 0.1),
    "talk_minutes": ("calls", 1.6), "sought": ("connected", 3), "obtained": ("sought", 0.6),
    "positive": ("replies", 0.4), "stop": ("delivered", 0.01),
}
_FROM_LEADS = ("meetings", "opportunities", "deals", "revenue")  # counted from the lead log, week by week


@dataclass(frozen=True)
class ExampleChannel:
    """How the example's team works a channel."""

    volume: int  # contacts a normal week
    fixed_cost: float  # a week's tools and people's time
    per_contact: float  # cost per contact (stamps, SMS, credits)
    leads: float  # its share of the lead log (people who engaged: about its weekly replies)
    first_week: int = 1  # the week the channel started
    shares: tuple[tuple[str, tuple[str, float]], ...] = ()  # its own shares, over _SHARES


_EXAMPLE = {
    "email": ExampleChannel(70, 220, 0.10, 3.3),
    "linkedin": ExampleChannel(30, 180, 1.2, 2.3, shares=(("replies", ("accepted", 0.22)),)),
    "phone": ExampleChannel(40, 420, 0.0, 4.0, first_week=10),
    "sms": ExampleChannel(40, 120, 0.09, 1.5, shares=(("replies", ("delivered", 0.04)),)),
    "mail": ExampleChannel(15, 120, 3.5, 0.75, shares=(("replies", ("sent", 0.05)),)),
}
_DEAL_SIZE = 5000.0
_COMPANIES = ("Alder", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel",
              "Lumen", "Maple", "Nimbus", "Orbit", "Pine", "Quartz", "Ridge", "Summit", "Tundra")
_SUFFIXES = ("Logistics", "Foods", "Software", "Clinics", "Robotics", "Textiles", "Energy", "Studio", "Partners", "Labs")
_FIRST = ("Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules", "Karim", "Léa",
          "Marc", "Nadia", "Olivier", "Pauline", "Quentin", "Rachel", "Sofia", "Thomas")
_LAST = ("Martin", "Bernard", "Dubois", "Leroy", "Moreau", "Laurent", "Simon", "Michel", "Garcia", "Roux", "Fontaine",
         "Chevalier", "Blanc", "Guerin", "Muller", "Henry", "Perrin", "Morel", "Girard", "Andre")
EXAMPLE_LEADS = 300


def _season(week: int, weeks: int) -> float:
    """Activity of an ISO week: none in the Christmas weeks, low in August and the first week."""
    if week >= weeks - 1:
        return 0.0
    if 31 <= week <= 34:
        return 0.35
    return 0.5 if week == 1 else 1.0


def _example_leads(rnd: random.Random, year: int) -> list[dict[str, object]]:
    """The lead log: people who engaged, by LeadColumn key (channel and status as keys). Every
    event falls in a week its channel is worked (none after the last working week)."""
    weeks = len(iso_weeks(year))
    last_week = max(w for w in range(1, weeks + 1) if _season(w, weeks))
    weights = [_EXAMPLE[c.key].leads for c in CHANNELS]
    leads = []
    for n in range(1, EXAMPLE_LEADS + 1):
        channel = rnd.choices(CHANNELS, weights)[0]
        first, last = rnd.choice(_FIRST), rnd.choice(_LAST)
        company = f"{rnd.choice(_COMPANIES)} {rnd.choice(_SUFFIXES)}"
        plain = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii())
        domain = company.lower().replace(" ", "") + ".example"
        contact_at = (f"https://www.linkedin.com/in/{plain.replace('.', '-')}-{n:04}" if channel.key == "linkedin"
                      else f"{plain}@{domain}")
        week = rnd.randint(_EXAMPLE[channel.key].first_week, last_week)
        start = dt.datetime.fromisocalendar(year, week, rnd.randint(1, 5)) + dt.timedelta(hours=rnd.randint(8, 17))
        lead: dict[str, object] = {"lead_id": f"L{n:04}", "company": company, "contact": f"{first} {last}",
                                   "email": contact_at, "channel": channel.key,
                                   "campaign": rnd.choice(("Q1 launch", "Spring", "Autumn", "Year end")),
                                   "rep": rnd.choice(("Alice", "Bruno", "Chloé")),
                                   "persona": rnd.choice(("CFO", "Head of sales", "Operations"))}
        status = "contacted"
        if rnd.random() < 0.12:  # inbound: a request came in first
            lead["received"] = start - dt.timedelta(hours=rnd.choice((1, 2, 3, 6, 20)))
        lead["first_contact"] = start
        moment = start
        for key, chance, days, reached in (("first_reply", 0.8, 3, "replied"), ("meeting", 0.4, 7, "meeting"),
                                           ("opportunity", 0.55, 10, "opportunity"), ("signature", 0.6, 20, "won")):
            moment = moment + dt.timedelta(days=rnd.uniform(0.2, 2) * days)
            if rnd.random() > chance or moment.year != year or moment.isocalendar()[1] > last_week:
                if status != "contacted":
                    status = rnd.choice(("lost", "silent", status))
                break
            lead[key], status = moment.replace(microsecond=0, second=0), reached
        if status == "won":
            lead["revenue"] = round(_DEAL_SIZE * rnd.uniform(0.5, 2.0), -1)
        lead["status"] = status
        leads.append(lead)
    return leads


def _lead_events(leads: list[dict[str, object]]) -> dict[tuple[str, int], dict[str, float]]:
    """(channel, ISO week) → logged replies, meetings, opportunities, deals and revenue that week."""
    events: dict[tuple[str, int], dict[str, float]] = {}
    for lead in leads:
        for date_key, count in (("first_reply", "replies"), ("meeting", "meetings"), ("opportunity", "opportunities"),
                                ("signature", "deals")):
            date = lead.get(date_key)
            if isinstance(date, dt.datetime):
                week = events.setdefault((str(lead["channel"]), date.isocalendar()[1]), {})
                week[count] = week.get(count, 0) + 1
                if count == "deals":
                    week["revenue"] = week.get("revenue", 0) + float(lead.get("revenue", 0) or 0)  # type: ignore[arg-type]
    return events


def example_weeks(channel: Channel, year: int, rnd: random.Random,
                  events: dict[tuple[str, int], dict[str, float]]) -> dict[int, dict[str, float]]:
    """ISO week → the channel's inputs that week (weeks without activity left out): counts drawn
    from shares of the volume, the funnel counted from the lead log's ``events``, then each count
    raised where it was below one that must not exceed it (replies ≥ meetings …)."""
    plan = _EXAMPLE[channel.key]
    shares = {**_SHARES, **dict(plan.shares)}
    weeks = len(iso_weeks(year))
    out = {}
    for week in range(plan.first_week, weeks + 1):
        base = round(plan.volume * _season(week, weeks) * rnd.uniform(0.75, 1.25))
        if not base:
            continue
        logged = events.get((channel.key, week), {})
        row: dict[str, float] = {channel.volume: base}
        for item in channel.inputs:
            if item.key in row or item.key in _FROM_LEADS or item.key == "cost":
                continue
            parent, share = shares[item.key]
            count = round(row[channel.volume if parent == "volume" else parent] * share * rnd.uniform(0.6, 1.4))
            row[item.key] = min(count, row[item.at_most]) if item.at_most else count
        row.update({key: logged.get(key, 0) for key in _FROM_LEADS})
        row[channel.replies] = max(row[channel.replies], logged.get("replies", 0))
        raised = True
        while raised:  # a logged meeting needs a reply that week, a reply a delivery …
            raised = False
            for item in channel.inputs:
                if item.at_most and row[item.key] > row[item.at_most]:
                    row[item.at_most], raised = row[item.key], True
        row["cost"] = round(plan.fixed_cost + plan.per_contact * base, 2)
        out[week] = row
    return out


def example_workbook(lang: str, year: int = SHIPPED_YEAR, currency: str = "EUR", seed: int = EXAMPLE_SEED) -> Workbook:
    """The workbook filled with a year of invented weekly counts on every channel and a lead log
    of 300 leads whose meetings, opportunities, deals and revenue are the weekly funnel's; the
    report week left blank (the latest week with data)."""
    wb = build_workbook(year, lang, currency)
    titles = WorkbookLayout().sheet_titles(lang)
    rnd = random.Random(seed)
    leads = _example_leads(rnd, year)
    events = _lead_events(leads)
    for channel in CHANNELS:
        ws, cols = wb[titles[channel.key]], input_columns(channel)
        for week, row in example_weeks(channel, year, rnd, events).items():
            for key, number in row.items():
                ws[f"{cols[key]}{FIRST_WEEK_ROW + week - 1}"] = number
    ws, cols = wb[titles["leads"]], lead_columns()
    for n, lead in enumerate(leads):
        for key, value in lead.items():
            shown = text(f"workbook.{key}.{value}", lang) if key in ("channel", "status") else value
            col = cols[key]
            put_input(ws, f"{col}{FIRST_LEAD_ROW + n}", shown, ws.column_dimensions[col].number_format)
    wb.properties.title = text("workbook.example_title", lang, year=year)
    return wb


def build_example(path: Path, lang: str) -> None:
    """Write the example workbook (see :func:`example_workbook`) to ``path``."""
    save(example_workbook(lang), Path(path))


def shipped_path(lang: str) -> Path:
    return SHIPPED / f"xlkpi_weekly_{lang}.xlsx"


def example_path(lang: str) -> Path:
    return SHIPPED / f"xlkpi_example_{lang}.xlsx"


def main() -> None:
    """Regenerate the shipped templates and examples."""
    SHIPPED.mkdir(exist_ok=True)
    for lang in LANGS:
        build_template(shipped_path(lang), SHIPPED_YEAR, lang)
        build_example(example_path(lang), lang)
        print(f"wrote {shipped_path(lang)} and {example_path(lang)}", file=sys.stderr)


if __name__ == "__main__":
    main()
