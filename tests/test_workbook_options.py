"""The weekly workbook's options and what they change: a sixth channel, the report week left blank, the Leads
log's size and columns, the currency, the example workbooks, and what a person sees on paper
(LibreOffice renders the recalculated example to PDF and PNG)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from test_workbook_figures import formulas_by_sheet

import xlkpi
from xlkpi import i18n
from xlkpi.cli import main
from xlkpi.engine import evaluate
from xlkpi.i18n import LANGS, text
from xlkpi.workbook.builder import (
    EXAMPLE_LEADS,
    HEADER_FILL,
    SHIPPED_YEAR,
    build_template,
    example_path,
    example_workbook,
    save,
    shipped_path,
)
from xlkpi.workbook.channels import CHANNELS, Channel, Input, check_channels, funnel, funnel_kpis
from xlkpi.workbook.checker import check_workbook
from xlkpi.workbook.layout import (
    DASH,
    FIRST_LEAD_ROW,
    FIRST_WEEK_ROW,
    LAST_LEAD_ROW,
    LEAD_COLUMNS,
    LEAD_KPIS,
    SCORE,
    WorkbookLayout,
    input_columns,
    lead_columns,
    sheet_titles,
)

pytestmark = pytest.mark.slow  # builds and recalculates whole weekly workbooks

YEAR = SHIPPED_YEAR
EMAIL = CHANNELS[0]


def named_cell(wb: openpyxl.Workbook, name: str):
    ((sheet, ref),) = wb.defined_names[name].destinations
    return wb[sheet][ref.replace("$", "")]


def typed(tmp_path: Path, lang: str = "en", weeks: dict[int, dict[str, float]] | None = None,
          choice: object = None, leads: dict[int, dict[str, object]] | None = None) -> Path:
    """A copy of the shipped template with email ``weeks``, the report week ``choice`` and
    ``leads`` (row → lead column key → value) typed in."""
    wb = openpyxl.load_workbook(shipped_path(lang))
    titles = sheet_titles(lang)
    for week, values in (weeks or {}).items():
        for key, value in values.items():
            wb[titles["email"]][f"{input_columns(EMAIL)[key]}{FIRST_WEEK_ROW + week - 1}"] = value
    named_cell(wb, "ReportWeekChoice").value = choice
    for row, lead in (leads or {}).items():
        for key, value in lead.items():
            wb[titles["leads"]][f"{lead_columns()[key]}{row}"] = value
    path = tmp_path / f"typed_{lang}.xlsx"
    wb.save(path)
    return path


# --- A sixth channel -------------------------------------------------------------------------------


@pytest.fixture
def events_texts(monkeypatch):
    """The sixth channel's name in each catalogue (what adding a channel adds there)."""
    from xlkpi.i18n import en, fr

    monkeypatch.setitem(en.WORKBOOK, "workbook.channel.events", "Events")
    monkeypatch.setitem(fr.WORKBOOK, "workbook.channel.events", "Salons")
    i18n.catalogue.cache_clear()
    yield
    i18n.catalogue.cache_clear()


def test_a_sixth_channel_is_one_declaration(events_texts, tmp_path):
    events = Channel("events", (Input("planned"), Input("sent"), Input("replies", at_most="sent"), *funnel("replies")),
                     "sent", "replies", funnel_kpis("sent", "replies"))
    channels = (*CHANNELS, events)
    check_channels(channels)
    layout = WorkbookLayout(channels)
    dash = layout.dashboard
    path = tmp_path / "six.xlsx"
    build_template(path, YEAR, "en", channels=channels)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == ["Events", "Leads"]
    cols = input_columns(events)
    for key, value in {"sent": 200, "replies": 30, "meetings": 6, "opportunities": 3, "deals": 2, "revenue": 8000,
                       "cost": 2000}.items():
        wb["Events"][f"{cols[key]}{FIRST_WEEK_ROW + 11}"] = value
    wb["Email"][f"{input_columns(EMAIL)['sent']}{FIRST_WEEK_ROW + 11}"] = 100
    wb["Email"][f"{input_columns(EMAIL)['cost']}{FIRST_WEEK_ROW + 11}"] = 500
    wb.save(path)
    # every block, the lead block, the benchmark and the charts each have their own rows
    spans = [range(dash.block_rows(b)[0] - 1, dash.block_rows(b)[2] + 1) for b in range(3)]
    spans += [range(dash.lead_top, dash.lead_top + len(channels) + 3), range(dash.bench_top, dash.bench_top + 5),
              range(dash.chart_row, dash.last_row + 1)]
    rows = [r for span in spans for r in span]
    assert len(rows) == len(set(rows)) and rows == sorted(rows)
    assert dash.block_rows(1)[0] - dash.block_rows(0)[0] == DASH.block_rows(1)[0] - DASH.block_rows(0)[0] + 1
    values = evaluate(path).values
    _, channel_rows, total = dash.block_rows(0)
    assert wb["Dashboard"][f"A{channel_rows[-1]}"].value == "Events"
    assert values[("Dashboard", f"{dash.counts['volume']}{channel_rows[-1]}")] == 200
    assert values[("Dashboard", f"{dash.counts['volume']}{total}")] == 300  # 200 events + 100 e-mails
    assert values[("Dashboard", f"{dash.kpi_column('KPI_ROI')}{channel_rows[-1]}")] == pytest.approx(3.0)
    assert values[("Settings", "B5")] == 12  # the latest week with data, events included
    assert wb["Settings"][f"E{layout.settings.list_rows(len(channels))[-1]}"].value == "Events"
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(n).decode() for n in sorted(archive.namelist()) if n.startswith("xl/charts/chart")]
    assert [t.count("<ser>") for t in charts[2:]] == [6, 6]  # a line per channel on each weekly chart
    assert not check_workbook(path)


# --- The report week ----------------------------------------------------------------------------------


def test_a_blank_report_week_is_the_latest_week_with_data(tmp_path):
    path = typed(tmp_path, weeks={3: {"sent": 50, "cost": 100}, 12: {"sent": 100, "cost": 300},
                                  20: {"planned": 500}})  # planning ahead is not data
    values = evaluate(path).values
    assert values[("Settings", "B6")] == 12 and values[("Settings", "B5")] == 12
    assert values[("Dashboard", "B2")] == 12
    assert values[("Dashboard", "D2")] == "(the latest week with data)"
    assert values[("Dashboard", f"{DASH.counts['volume']}{DASH.block_rows(0)[1][0]}")] == 100
    assert check_workbook(path) == []


def test_a_chosen_week_is_reported_and_warned_about_when_empty(tmp_path):
    path = typed(tmp_path, "fr", weeks={12: {"sent": 100, "cost": 300}}, choice=3)
    values = evaluate(path).values
    assert values[("Paramètres", "B5")] == 3 and values[("Tableau de bord", "D2")] == ""
    (problem,) = check_workbook(path)
    assert (problem.severity, problem.sheet, problem.cell) == ("warning", "Paramètres", "B4")
    assert problem.message.endswith("la semaine 3 n'a aucune donnée alors que la semaine 12 en a : le tableau de bord "
                                    "affiche des zéros ; videz la cellule pour analyser la dernière semaine renseignée")
    assert check_workbook(typed(tmp_path, "fr", weeks={12: {"sent": 100, "cost": 300}}, choice=12)) == []


def test_an_empty_workbook_reports_on_week_1(tmp_path):
    values = evaluate(shipped_path("en")).values
    assert values[("Settings", "B6")] == 0 and values[("Settings", "B5")] == 1 and values[("Settings", "B7")] == 0


# --- Leads -----------------------------------------------------------------------------------------


def test_the_leads_log_has_who_to_call_again_and_5000_rows():
    wb = openpyxl.load_workbook(shipped_path("fr"))
    headers = [c.value for c in wb["Leads"][1]]
    assert headers[:4] == ["Identifiant", "Société", "Contact", "E-mail ou URL de profil"]
    assert [c.key for c in LEAD_COLUMNS[:4]] == ["lead_id", "company", "contact", "email"]
    assert LAST_LEAD_ROW - FIRST_LEAD_ROW + 1 >= 5000
    for column in LEAD_COLUMNS:
        col = lead_columns()[column.key]
        assert wb.defined_names[column.name].attr_text == f"Leads!${col}${FIRST_LEAD_ROW}:${col}${LAST_LEAD_ROW}"


def test_a_deal_in_the_last_row_counts_and_one_below_is_reported(tmp_path):
    day = dt.datetime(YEAR, 3, 2, 9)
    deal = {"lead_id": "L9", "company": "Cedar Labs", "contact": "Léa Roux", "email": "lea@cedar.example",
            "channel": "Email", "first_contact": day, "signature": day + dt.timedelta(days=20), "revenue": 50000,
            "status": "won"}
    path = typed(tmp_path, leads={LAST_LEAD_ROW: deal, LAST_LEAD_ROW + 1: deal})
    values = evaluate(path).values
    attributed = f"{chr(ord('B') + [k.function for k in LEAD_KPIS].index('KPI_ATTRIBUTED_REVENUE'))}"
    all_row = DASH.lead_top + 2 + len(CHANNELS)
    assert values[("Dashboard", f"{attributed}{all_row}")] == 50000  # the last row's deal, not the one below
    assert [(p.severity, p.cell, p.message) for p in check_workbook(path)] == [
        ("error", f"A{LAST_LEAD_ROW + 1}", (f"row {LAST_LEAD_ROW + 1} is below the last row the formulas read "
                                            f"({LAST_LEAD_ROW}): this lead counts nowhere; move it up into an empty row"))]


def test_a_week_typed_below_the_year_is_reported(tmp_path):
    path = typed(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Email"][f"{input_columns(EMAIL)['sent']}{FIRST_WEEK_ROW + 55}"] = 40
    wb.save(path)
    (problem,) = check_workbook(path)
    assert problem.cell == f"{input_columns(EMAIL)['sent']}{FIRST_WEEK_ROW + 55}" and "below the last week" in problem.message


# --- Currency and wording ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang, currency, money", [("en", "USD", '"$"#,##0'), ("en", "GBP", '"£"#,##0'),
                                                   ("fr", "CHF", '#,##0 "CHF"'), ("fr", "CAD", '#,##0 "$ CA"')])
def test_new_with_a_currency(tmp_path, lang, currency, money):
    out = tmp_path / "book.xlsx"
    result = CliRunner().invoke(main, ["new", str(out), "--year", "2026", "--lang", lang, "--currency", currency])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    titles = sheet_titles(lang)
    cost = f"{input_columns(EMAIL)['cost']}{FIRST_WEEK_ROW}"
    assert wb[titles["email"]][cost].number_format == money
    assert named_cell(wb, "Currency").value == currency
    assert formulas_by_sheet(out, lang) == formulas_by_sheet(shipped_path(lang), lang)  # formats only differ
    assert "€" not in "".join(c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_new_refuses_an_unknown_currency(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "b.xlsx"), "--currency", "JPY"])
    assert result.exit_code == 2 and "JPY" in result.output


def test_the_dashboard_names_what_cpl_counts():
    wb = openpyxl.load_workbook(shipped_path("en"))
    headers = [c.value for c in wb["Dashboard"][DASH.block_rows(0)[0]]]
    assert "Cost per meeting booked (CPL)" in headers
    settings = [c.value for row in wb["Settings"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Instantly" in v for v in settings) and any("Allston Labs" in v for v in settings)  # the targets say where their figures come from


def test_default_targets_score_a_paying_channel_well():
    """The issue's complaint: a channel with 614 % ROI scored 4.7/10 against targets (25 %
    replies, 10 % meetings, 5 % deals of contacted) no cold-outreach team reaches. The same
    ordinary channel (5.8 % replies, 1.2 % meetings, 0.3 % deals, 230 a meeting) scores 10 now."""
    channel = [0.058, 0.012, 0.003, 230, 6.14]
    weights = [s.weight for s in SCORE]
    directions = ["lower" if s.lower_is_better else "higher" for s in SCORE]
    old = xlkpi.channel_score(channel, [0.25, 0.10, 0.05, 150, 3], weights, directions)
    new = xlkpi.channel_score(channel, [s.target for s in SCORE], weights, directions)
    assert old == pytest.approx(10 * (0.058 / 0.25 + 0.012 / 0.1 + 2 * 0.003 / 0.05 + 150 / 230 + 2) / 7)  # 4.7
    assert new == pytest.approx(10)


# --- The example workbooks ----------------------------------------------------------------------------


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_examples_are_the_generators_output(tmp_path, lang):
    fresh = tmp_path / "example.xlsx"
    save(example_workbook(lang), fresh)
    shipped, built = parts(example_path(lang)), parts(fresh)
    drifted = [name for name in built if shipped.get(name) != built[name]]
    assert shipped.keys() == built.keys() and not drifted, f"regenerate: python -m xlkpi.workbook.builder {drifted}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_example_is_a_plausible_year_that_checks_clean(lang):
    path = example_path(lang)
    assert check_workbook(path) == []
    wb = openpyxl.load_workbook(path)
    titles = sheet_titles(lang)
    for channel in CHANNELS:
        col = input_columns(channel)[channel.volume]
        weeks = [r for r in range(FIRST_WEEK_ROW, FIRST_WEEK_ROW + 53) if wb[titles[channel.key]][f"{col}{r}"].value]
        assert len(weeks) >= 40, channel.key
    leads = wb[titles["leads"]]
    assert sum(leads[f"A{r}"].value is not None for r in range(FIRST_LEAD_ROW, LAST_LEAD_ROW + 1)) == EXAMPLE_LEADS
    assert named_cell(wb, "ReportWeekChoice").value is None
    values = evaluate(path).values
    dashboard = titles["dashboard"]
    _, rows, total = DASH.block_rows(2)
    for row in [*rows, total]:
        roi = values[(dashboard, f"{DASH.kpi_column('KPI_ROI')}{row}")]
        score = values[(dashboard, f"{DASH.score}{row}")]
        assert -0.5 < roi < 4 and 2 <= score <= 10, (row, roi, score)
    assert values[(titles["settings"], "B5")] == 51  # the Christmas weeks are empty


def test_the_examples_funnel_is_its_lead_log():
    """Meetings, opportunities, deals and revenue on each channel sheet are the lead log's, so the
    Dashboard's revenue and its lead block tell one story."""
    wb = openpyxl.load_workbook(example_path("en"))
    leads = wb["Leads"]
    cols = lead_columns()
    rows = range(FIRST_LEAD_ROW, FIRST_LEAD_ROW + EXAMPLE_LEADS)
    for channel in CHANNELS:
        mine = [r for r in rows if leads[f"{cols['channel']}{r}"].value == channel.name("en")]
        sheet, inputs = wb[channel.name("en")], input_columns(channel)

        def total(key: str) -> float:
            return sum(sheet[f"{inputs[key]}{r}"].value or 0 for r in range(FIRST_WEEK_ROW, FIRST_WEEK_ROW + 53))

        for key, date in (("meetings", "meeting"), ("opportunities", "opportunity"), ("deals", "signature")):
            assert total(key) == sum(leads[f"{cols[date]}{r}"].value is not None for r in mine), (channel.key, key)
        assert total("revenue") == sum(leads[f"{cols['revenue']}{r}"].value or 0 for r in mine)
        assert total(channel.replies) >= sum(leads[f"{cols['first_reply']}{r}"].value is not None for r in mine)


def test_both_examples_hold_the_same_data():
    en, fr = openpyxl.load_workbook(example_path("en")), openpyxl.load_workbook(example_path("fr"))
    for key in ("email", "phone"):
        a, b = en[sheet_titles("en")[key]], fr[sheet_titles("fr")[key]]
        assert [[c.value for c in r] for r in a.iter_rows(min_row=FIRST_WEEK_ROW, max_col=20)] \
            == [[c.value for c in r] for r in b.iter_rows(min_row=FIRST_WEEK_ROW, max_col=20)]


# --- xlkpi check in French ----------------------------------------------------------------------------


def test_check_speaks_the_workbooks_language(tmp_path):
    path = typed(tmp_path, "fr", weeks={10: {"sent": 100, "delivered": 120, "cost": 10}})
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"erreur  Email!{input_columns(EMAIL)['delivered']}14: Délivrés (120) dépasse Envoyés" in result.output
    assert f"1 erreur(s), 0 alerte(s) dans {path}" in result.output


# --- On screen and on paper -----------------------------------------------------------------------------


def lines_for(value: str, width: float) -> int:
    """Lines a bold 11-point header takes in a column ``width`` characters wide (a bold character
    is ~1.15 of the width unit; words wrap whole)."""
    per_line = max(1, int((width - 0.5) / 1.15))
    return len(textwrap.wrap(value, per_line, break_long_words=True)) or 1


def column_width(ws, index: int) -> float:
    """The width of column ``index`` (openpyxl keeps a group of columns under its first letter)."""
    spans = [d for d in ws.column_dimensions.values() if d.min and d.max and d.min <= index <= d.max]
    return spans[0].width if spans and spans[0].width else 8.43


@pytest.mark.parametrize("lang", LANGS)
def test_every_header_cell_fits_its_row_height(lang):
    """Each header cell's wrapped text fits its row: lines × 11-point line (13.5 pt) ≤ height."""
    wb = openpyxl.load_workbook(example_path(lang))
    too_short = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.fill.fgColor.rgb != HEADER_FILL.fgColor.rgb or not isinstance(cell.value, str):
                    continue
                width = column_width(ws, cell.column)
                height = ws.row_dimensions[cell.row].height or 15
                if lines_for(cell.value, width) * 13.5 > height:
                    too_short.append((ws.title, cell.coordinate, cell.value, height))
    assert not too_short


def test_print_setup(tmp_path):
    wb = openpyxl.load_workbook(example_path("en"))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_area, ws.title
    assert (wb["Dashboard"].page_setup.fitToWidth, wb["Dashboard"].page_setup.fitToHeight) == (1, 1)
    email = wb["Email"]
    assert (email.page_setup.fitToWidth, email.page_setup.fitToHeight) == (2, 1)  # two pages of readable type
    assert email.print_title_rows == "$3:$4" and email.print_title_cols == "$A:$B"


def page_starts(pdf: Path, lang: str) -> dict[str, int]:
    """Sheet key → the page (0-based) of the PDF where that sheet starts, from each page's first line."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    firsts = [next((line.strip() for line in page.splitlines() if line.strip()), "") for page in pages]
    tops = [" ".join(line.strip() for line in page.splitlines()[:6]) for page in pages]  # a wrapped header's lines
    markers = {"instructions": text("workbook.title", lang, year=YEAR),
               "dashboard": text("workbook.dashboard_title", lang, year=YEAR),
               "settings": text("workbook.settings_title", lang)}
    markers.update({c.key: text("workbook.channel_title", lang, channel=c.name(lang), year=YEAR) for c in CHANNELS})
    starts = {key: next(n for n, first in enumerate(firsts) if first.startswith(marker)) for key, marker in markers.items()}
    starts["leads"] = next(n for n in range(starts["mail"] + 1, len(pages)) if text("workbook.lead.lead_id", lang) in tops[n])
    starts["end"] = len(pages)
    return starts


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_recalculated_example_prints_as_promised(tmp_path, libreoffice_convert, lang):
    """``xlkpi recalc`` the example, print it with LibreOffice: the Dashboard on one page, each
    channel sheet on at most two, and a PNG of the Dashboard that is not blank."""
    summary = xlkpi.recalc([example_path(lang)], output_dir=tmp_path / "out")
    assert summary.ok
    (pdf,) = libreoffice_convert([tmp_path / "out" / example_path(lang).name], tmp_path / "pdf", "pdf")
    starts = page_starts(pdf, lang)
    order = list(starts)
    count = {key: starts[order[n + 1]] - starts[key] for n, key in enumerate(order[:-1])}
    assert count["dashboard"] == 1 and count["settings"] == 1
    assert all(1 <= count[c.key] <= 2 for c in CHANNELS), count
    png = tmp_path / "dashboard"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", str(starts["dashboard"] + 1), "-l",
                    str(starts["dashboard"] + 1), "-singlefile", str(pdf), str(png)], check=True)
    assert png.with_suffix(".png").stat().st_size > 20_000  # tables and four charts, not an empty page


def test_chart_data_matches_the_week_numbers():
    wb = openpyxl.load_workbook(shipped_path("en"))
    rows = DASH.chart_data_rows(YEAR)
    assert [wb["Dashboard"][f"{DASH.chart_weeks}{r}"].value for r in rows] == \
        [f"=Email!$A${FIRST_WEEK_ROW + n}" for n in range(len(rows))]
    assert re.fullmatch(r"\$A\$1:\$[A-Z]+\$\d+", DASH.print_area)
