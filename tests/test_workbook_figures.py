"""The weekly workbook's figures: hand-worked dashboard figures, drift of the shipped files, the
two editions' formulas, LibreOffice as oracle for the native formulas, and the structure.

The filled workbook holds the sources' multichannel table in ISO week 12 of 2026 (Email 100
contacted, 18 replies, 6 meetings, 3 deals; LinkedIn 80/25/9/4; Phone 40/10/5/2, with costs and
revenues chosen so that the ROIs are the sources' 220 %, 310 % and 180 %), week 11 (the
previous week), week 3 (only in the year to date) and week 13 (after the report week: nowhere).
Every expected number below is worked by hand from those inputs.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlkpi.engine import evaluate
from xlkpi.errors import XLError
from xlkpi.i18n import LANGS, text
from xlkpi.registry import REGISTRY
from xlkpi.values import excel_serial
from xlkpi.workbook.builder import INPUT_FILL, SHIPPED_YEAR, build_template, shipped_path
from xlkpi.workbook.channels import CHANNELS, Channel, Input, KpiColumn, check_channels
from xlkpi.workbook.layout import (
    BANDS,
    DASH,
    FIRST_WEEK_ROW,
    LAST_LEAD_ROW,
    LEAD_KPIS,
    STATUSES,
    TOTAL_ROW,
    input_columns,
    kpi_columns,
    lead_columns,
    quote,
    sheet_titles,
)

pytestmark = pytest.mark.slow  # builds the shipped workbooks

YEAR = SHIPPED_YEAR
REPORT_WEEK = 12
FUNNEL = ("volume", "replies", "meetings", "opportunities", "deals", "revenue", "cost")

# channel → ISO week → (contacted, replies, meetings, opportunities, deals, revenue, cost)
WEEKS: dict[str, dict[int, tuple[float, ...]]] = {
    "email": {12: (100, 18, 6, 5, 3, 3200, 1000), 11: (200, 20, 4, 2, 1, 1500, 800), 13: (999, 99, 9, 9, 9, 9999, 999)},
    "linkedin": {12: (80, 25, 9, 6, 4, 4100, 1000), 11: (50, 10, 2, 1, 0, 0, 500), 13: (999, 99, 9, 9, 9, 9999, 999)},
    "phone": {12: (40, 10, 5, 4, 2, 2800, 1000), 3: (60, 20, 5, 2, 1, 1200, 600)},
    "sms": {11: (300, 15, 3, 1, 1, 900, 300)},
    "mail": {11: (100, 2, 0, 0, 0, 0, 250), 3: (50, 3, 1, 1, 1, 1000, 150)},
}
EMAIL_WEEK_12 = {"planned": 120, "delivered": 95, "opened": 60, "clicked": 12}  # the rest of email's row

# Score (set on Settings by fill(); the template's defaults are lower): response rate target 25 % weight 1,
# meeting rate 10 % w 1, conversion rate 5 % w 2, CPL 150 € w 1 (lower is better), ROI 300 % w 2; total weight 7.
# score = 10 × Σ weight × min(value / target, 1) / 7 (CPL: min(150 / CPL, 1); no meeting: 0).
# Columns: contacted, replies, meetings, opportunities, deals, revenue, cost,
# response rate, meeting rate, conversion rate, CPL, CPQ, CAC, ROI, score, rank ("" = undefined).
EXPECTED: dict[str, dict[str, tuple]] = {
    "week": {  # week 12: the sources' table
        "email": (100, 18, 6, 5, 3, 3200, 1000, 0.18, 0.06, 0.03, 1000 / 6, 200, 1000 / 3, 2.2,
                  # .18/.25 = .72; .06/.1 = .6; .03/.05 = .6 ×2; 150/166.67 = .9; 2.2/3 ×2
                  10 * (0.72 + 0.6 + 2 * 0.6 + 0.9 + 2 * 2.2 / 3) / 7, 3),  # 6.98
        "linkedin": (80, 25, 9, 6, 4, 4100, 1000, 0.3125, 0.1125, 0.05, 1000 / 9, 1000 / 6, 250, 3.1,
                     10.0, 1),  # every indicator at or beyond its target
        "phone": (40, 10, 5, 4, 2, 2800, 1000, 0.25, 0.125, 0.05, 200, 250, 500, 1.8,
                  10 * (1 + 1 + 2 + 0.75 + 2 * 0.6) / 7, 2),  # 8.5
        "sms": (0, 0, 0, 0, 0, 0, 0, "", "", "", "", "", "", "", "", ""),
        "mail": (0, 0, 0, 0, 0, 0, 0, "", "", "", "", "", "", "", "", ""),
        # 220 contacted, 53 replies, 20 meetings, 15 opportunities, 9 deals, 10 100 €, 3 000 €
        "all": (220, 53, 20, 15, 9, 10100, 3000, 53 / 220, 20 / 220, 9 / 220, 150, 200, 1000 / 3, 7100 / 3000,
                10 * ((53 / 220) / 0.25 + (20 / 220) / 0.1 + 2 * (9 / 220) / 0.05 + 1 + 2 * (7100 / 3000) / 3) / 7,
                None),  # 8.70; no rank for the total
    },
    "previous": {  # week 11
        "email": (200, 20, 4, 2, 1, 1500, 800, 0.1, 0.02, 0.005, 200, 400, 800, 0.875,
                  10 * (0.4 + 0.2 + 2 * 0.1 + 0.75 + 2 * 0.875 / 3) / 7, 2),  # 3.05
        "linkedin": (50, 10, 2, 1, 0, 0, 500, 0.2, 0.04, 0, 250, 500, "", -1,
                     10 * (0.8 + 0.4 + 0 + 0.6 + 0) / 7, 3),  # 2.57; a negative ROI scores 0
        "phone": (0, 0, 0, 0, 0, 0, 0, "", "", "", "", "", "", "", "", ""),
        "sms": (300, 15, 3, 1, 1, 900, 300, 0.05, 0.01, 1 / 300, 100, 300, 300, 2,
                10 * (0.2 + 0.1 + 2 * (1 / 300) / 0.05 + 1 + 2 * 2 / 3) / 7, 1),  # 3.95
        "mail": (100, 2, 0, 0, 0, 0, 250, 0.02, 0, 0, "", "", "", -1,
                 10 * 0.08 / 7, 4),  # 0.11: no meeting, so CPL scores 0
        "all": (650, 47, 9, 4, 2, 2400, 1850, 47 / 650, 9 / 650, 2 / 650, 1850 / 9, 462.5, 925, 550 / 1850,
                10 * ((47 / 650) / 0.25 + (9 / 650) / 0.1 + 2 * (2 / 650) / 0.05 + 150 / (1850 / 9)
                      + 2 * (550 / 1850) / 3) / 7, None),  # 2.11
    },
    "ytd": {  # weeks 1–12: weeks 3, 11 and 12
        "email": (300, 38, 10, 7, 4, 4700, 1800, 38 / 300, 10 / 300, 4 / 300, 180, 1800 / 7, 450, 2900 / 1800,
                  10 * ((38 / 300) / 0.25 + (10 / 300) / 0.1 + 2 * (4 / 300) / 0.05 + 150 / 180
                        + 2 * (2900 / 1800) / 3) / 7, 3),  # 4.69
        "linkedin": (130, 35, 11, 7, 4, 4100, 1500, 35 / 130, 11 / 130, 4 / 130, 1500 / 11, 1500 / 7, 375, 2600 / 1500,
                     10 * (1 + (11 / 130) / 0.1 + 2 * (4 / 130) / 0.05 + 1 + 2 * (2600 / 1500) / 3) / 7, 1),  # 7.47
        "phone": (100, 30, 10, 6, 3, 4000, 1600, 0.3, 0.1, 0.03, 160, 1600 / 6, 1600 / 3, 1.5,
                  10 * (1 + 1 + 2 * 0.6 + 150 / 160 + 2 * 0.5) / 7, 2),  # 7.34
        "sms": (300, 15, 3, 1, 1, 900, 300, 0.05, 0.01, 1 / 300, 100, 300, 300, 2,
                10 * (0.2 + 0.1 + 2 * (1 / 300) / 0.05 + 1 + 2 * 2 / 3) / 7, 4),  # 3.95
        "mail": (150, 5, 1, 1, 1, 1000, 400, 5 / 150, 1 / 150, 1 / 150, 400, 400, 400, 1.5,
                 10 * ((5 / 150) / 0.25 + (1 / 150) / 0.1 + 2 * (1 / 150) / 0.05 + 150 / 400 + 2 * 0.5) / 7, 5),  # 2.63
        "all": (980, 123, 35, 22, 13, 14700, 5600, 123 / 980, 35 / 980, 13 / 980, 160, 5600 / 22, 5600 / 13,
                9100 / 5600,
                10 * ((123 / 980) / 0.25 + (35 / 980) / 0.1 + 2 * (13 / 980) / 0.05 + 150 / 160
                      + 2 * (9100 / 5600) / 3) / 7, None),  # 4.87
    },
}
BLOCK_INDEX = {"week": 0, "previous": 1, "ytd": 2}
KPI_ORDER = ("KPI_REPLY_RATE", "KPI_MEETING_RATE", "KPI_CONVERSION_RATE", "KPI_CPL", "KPI_CPQ", "KPI_CAC", "KPI_ROI")
# Phone's call-to-opportunity rate and its band (bands: 0 low, 1 % common, 3 % good, 6 % excellent)
BENCHMARK = [(4 / 40, "excellent"), ("", ""), (6 / 100, "excellent")]  # 6 % reaches the "excellent" bound


def at(day: int, month: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(YEAR, month, day, hour)


TARGETS = (0.25, 0.10, 0.05, 150, 3)
# channel, received, first contact, first reply, meeting, opportunity, signature, revenue, status (index in the list)
LEADS = [
    ("email", None, at(2, 3), at(4, 3), at(9, 3), at(16, 3), at(15, 4), 3000, 5),  # won
    ("email", None, at(3, 3, 10), at(3, 3, 16), None, None, None, None, 7),  # silent
    ("linkedin", at(5, 3, 8), at(5, 3, 11), at(6, 3, 11), at(10, 3, 11), at(20, 3, 11), at(1, 7, 11), 5000, 5),  # won
    ("phone", at(6, 3, 8), at(6, 3, 14), None, at(9, 3, 14), None, None, None, 6),  # lost
    ("phone", None, at(10, 3), None, None, None, None, None, 1),  # contacted
]
# Per lead-KPI column: email, linkedin, phone, sms, mail, all channels ("" = no lead to average)
LEAD_EXPECTED = [
    (44, 118, "", "", "", (44 + 118) / 2),  # first contact → signature: 2 Mar → 15 Apr, 5 Mar → 1 Jul
    (7, 5, 3, "", "", (7 + 5 + 3) / 3),  # first contact → meeting
    (7, 10, "", "", "", 8.5),  # meeting → opportunity
    (30, 103, "", "", "", (30 + 103) / 2),  # opportunity → signature: 16 Mar → 15 Apr, 20 Mar → 1 Jul
    ((2 + 0.25) / 2, 1, "", "", "", (2 + 0.25 + 1) / 3),  # reactivity: 2 days, 6 hours, 1 day
    (1 / 2, 0, 1, "", "", 2 / 4),  # churn: silent and lost among the 4 leads that replied or met
    ("", 1, 0, "", "", 1 / 2),  # speed to lead: 3 h ≤ 4 h, 6 h > 4 h; email had no inbound lead
    (3000, 0, 0, 0, 0, 3000),  # attributed revenue: signed after 44 days (in), 118 days (out of 90)
]


def fill(path: Path, lang: str) -> None:
    """Type the test's inputs into a fresh template."""
    wb = openpyxl.load_workbook(path)
    titles = sheet_titles(lang)
    for channel in CHANNELS:
        ws, cols = wb[titles[channel.key]], input_columns(channel)
        for week, values in WEEKS[channel.key].items():
            keys = [{"volume": channel.volume, "replies": channel.replies}.get(k, k) for k in FUNNEL]
            for key, value in zip(keys, values):
                ws[f"{cols[key]}{FIRST_WEEK_ROW + week - 1}"] = value
    email = CHANNELS[0]
    for key, value in EMAIL_WEEK_12.items():
        wb[titles["email"]][f"{input_columns(email)[key]}{FIRST_WEEK_ROW + 11}"] = value
    ((sheet, cell),) = wb.defined_names["ReportWeekChoice"].destinations
    wb[sheet][cell] = REPORT_WEEK
    ((sheet, cells),) = wb.defined_names["ScoreTargets"].destinations
    for (target_cell,), target in zip(wb[sheet][cells.replace("$", "")], TARGETS):
        target_cell.value = target
    statuses = [text(f"workbook.status.{s}", lang) for s in STATUSES]
    names = {c.key: c.name(lang) for c in CHANNELS}
    leads, cols = wb[titles["leads"]], lead_columns()
    keys = ("channel", "received", "first_contact", "first_reply", "meeting", "opportunity", "signature", "revenue",
            "status")
    for row, (channel, *dates, revenue, status) in enumerate(LEADS, start=2):
        for key, value in zip(keys, (names[channel], *dates, revenue, statuses[status])):
            leads[f"{cols[key]}{row}"] = value
    wb.save(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("built")
    paths = {lang: folder / f"xlkpi_weekly_{lang}.xlsx" for lang in LANGS}
    for lang, path in paths.items():
        build_template(path, YEAR, lang)
    return paths


@pytest.fixture(scope="module")
def filled(built, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("filled")
    paths = {}
    for lang in LANGS:
        paths[lang] = folder / f"filled_{lang}.xlsx"
        shutil.copy(built[lang], paths[lang])
        fill(paths[lang], lang)
    return paths


@pytest.fixture(scope="module")
def values(filled) -> dict[str, dict]:
    """The engine's values of both filled editions, by (sheet key, cell)."""
    out = {}
    for lang, path in filled.items():
        keys = {title: key for key, title in sheet_titles(lang).items()}
        out[lang] = {(keys[sheet], cell): v for (sheet, cell), v in evaluate(path).values.items()}
    return out


def close(actual, expected) -> bool:
    if isinstance(expected, str) or expected is None:
        return actual == expected
    number = isinstance(actual, (int, float)) and not isinstance(actual, bool)
    return number and actual == pytest.approx(expected, rel=1e-12, abs=1e-12)


# --- Hand-worked figures --------------------------------------------------------------------------


@pytest.mark.parametrize("block", EXPECTED)
@pytest.mark.parametrize("row", [c.key for c in CHANNELS] + ["all"])
def test_dashboard_figures(values, block, row):
    _, channel_rows, total = DASH.block_rows(BLOCK_INDEX[block])
    line = total if row == "all" else channel_rows[[c.key for c in CHANNELS].index(row)]
    cols = [DASH.counts[k] for k in FUNNEL] + [DASH.kpi_column(f) for f in KPI_ORDER] + [DASH.score, DASH.rank]
    for lang in LANGS:
        got = [values[lang].get(("dashboard", f"{col}{line}")) for col in cols]
        wrong = [(col, g, e) for col, g, e in zip(cols, got, EXPECTED[block][row]) if not close(g, e)]
        assert not wrong, f"{lang} {block} {row}: (column, engine, hand-worked) {wrong}"


def test_dashboard_weeks(values):
    for lang in LANGS:
        v = values[lang]
        rows = [DASH.block_rows(b)[0] - 1 for b in range(3)]
        assert [v[("dashboard", f"B{r}")] for r in rows] == [12, 11, 12]
        # Monday of ISO week 12 of 2026 is 16 March, of week 11 the 9th
        assert v[("dashboard", f"C{rows[0]}")] == excel_serial(dt.date(2026, 3, 16))
        assert v[("dashboard", f"C{rows[1]}")] == excel_serial(dt.date(2026, 3, 9))


def test_benchmark_band(values):
    for lang in LANGS:
        bands = {key: text(f"workbook.band.{key}", lang) for key, _ in BANDS}
        for n, (rate, band) in enumerate(BENCHMARK):
            row = DASH.bench_top + 2 + n
            assert close(values[lang][("dashboard", f"B{row}")], rate)
            assert values[lang][("dashboard", f"C{row}")] == bands.get(band, "")


@pytest.mark.parametrize("column", range(len(LEAD_KPIS)))
def test_lead_kpis(values, column):
    col = chr(ord("B") + column)
    for lang in LANGS:
        got = [values[lang][("dashboard", f"{col}{DASH.lead_top + 2 + n}")] for n in range(len(CHANNELS) + 1)]
        assert all(close(g, e) for g, e in zip(got, LEAD_EXPECTED[column])), (lang, got, LEAD_EXPECTED[column])


def test_channel_sheets(values):
    email, phone = CHANNELS[0], CHANNELS[2]
    kpis = dict(zip([k.label("en") for k in email.kpis], kpi_columns(email)))
    row = FIRST_WEEK_ROW + 11
    v = values["en"]
    assert v[("email", f"{kpis['Progress']}{row}")] == pytest.approx(100 / 120)
    assert v[("email", f"{kpis['Open rate']}{row}")] == pytest.approx(60 / 95)
    assert v[("email", f"{kpis['Reply rate (of opened)']}{row}")] == pytest.approx(18 / 60)
    assert v[("email", f"{kpis['Progress']}{row - 1}")] == ""  # week 11: nothing planned
    # Year totals sum every week, week 13 included: 100 + 200 + 999 sent
    assert v[("email", f"{input_columns(email)['sent']}{TOTAL_ROW}")] == 1299
    tco = kpi_columns(phone)[[k.function for k in phone.kpis].index("KPI_CALL_TO_OPP_RATE")]
    assert v[("phone", f"{tco}{TOTAL_ROW}")] == pytest.approx(6 / 100)  # (4 + 2) / (40 + 60)


def test_fresh_template_is_clean(built):
    """An unfilled year shows no error anywhere: every rate waits for its denominator. Only the
    hidden chart data holds #N/A, on purpose: a week without contacts is a gap in the line."""
    errors = {k: v for k, v in evaluate(built["en"]).values.items() if isinstance(v, XLError)}
    chart_data = {("Dashboard", f"{col}{row}") for col in DASH.chart_reply + DASH.chart_meeting
                  for row in DASH.chart_data_rows(YEAR)}
    assert set(errors) == chart_data and set(errors.values()) == {XLError.NA}


# --- Generated files ----------------------------------------------------------------------------


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_files_are_the_builders_output(built, lang):
    shipped, fresh = parts(shipped_path(lang)), parts(built[lang])
    assert shipped.keys() == fresh.keys()
    drifted = [name for name in fresh if shipped[name] != fresh[name]]
    assert not drifted, f"regenerate with `python -m xlkpi.workbook.builder`: {drifted}"
    assert b"<dcterms:modified" in fresh["docProps/core.xml"] and b"2026-01-01T00:00:00Z" in fresh["docProps/core.xml"]


def formulas_by_sheet(path: Path, lang: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Formulas and defined names, sheet titles mapped to the English ones."""
    en, own = sheet_titles("en"), sheet_titles(lang)
    mapping = sorted(((quote(own[k]) + "!", quote(en[k]) + "!") for k in own), key=lambda m: -len(m[0]))

    def english(formula: str) -> str:
        for old, new in mapping:
            formula = formula.replace(old, new)
        return formula

    wb = openpyxl.load_workbook(path)
    keys = {title: key for key, title in own.items()}
    sheets = {keys[ws.title]: {c.coordinate: english(c.value) for row in ws.iter_rows() for c in row
                               if c.data_type == "f"} for ws in wb.worksheets}
    names = {name: english(d.attr_text) for name, d in wb.defined_names.items()}
    return sheets, names


def test_editions_hold_the_same_formulas(built):
    en, fr = formulas_by_sheet(built["en"], "en"), formulas_by_sheet(built["fr"], "fr")
    assert sum(len(f) for f in en[0].values()) > 4000
    assert en == fr
    assert "'Téléphone'!" in openpyxl.load_workbook(built["fr"])["Tableau de bord"]["B8"].value


# --- LibreOffice ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice(built, filled, tmp_path_factory, libreoffice_convert) -> dict[str, Path]:
    """LibreOffice's recalculated copies of the fresh French template and the filled English workbook."""
    folder = tmp_path_factory.mktemp("lo_sources")
    sources = {"fresh_fr": built["fr"], "filled_en": filled["en"]}
    for name, path in sources.items():
        shutil.copy(path, folder / f"{name}.xlsx")
    converted = libreoffice_convert([folder / f"{n}.xlsx" for n in sources], tmp_path_factory.mktemp("libreoffice"))
    return dict(zip(sources, converted))


def native_cells(path: Path) -> dict[tuple[str, str], str]:
    """Formula cells that call no KPI_* function."""
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f" and "KPI_" not in c.value}


def is_error(value) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"#[A-Z0-9/!?]+", value))


@pytest.mark.libreoffice
def test_libreoffice_computes_every_native_formula(built, filled, libreoffice, values):
    """KPI_* cells are #NAME? in LibreOffice. No native cell may be an error but the chart data's
    deliberate #N/A: the only native cells reading KPI results (score inputs, rank, chart data)
    test them with ISNUMBER, so they fall back to their "no value" (0, ∞, blank, #N/A) there.
    Every other native cell (sums, SUMIFS, MAXIFS, INDEX …) of the filled workbook must equal
    the engine's value."""
    for name, source in (("fresh_fr", built["fr"]), ("filled_en", filled["en"])):
        computed = openpyxl.load_workbook(libreoffice[name], data_only=True)
        native = {k: f for k, f in native_cells(source).items() if "NA()" not in f}
        assert len(native) >= 300
        errors = {k: computed[k[0]][k[1]].value for k in native if is_error(computed[k[0]][k[1]].value)}
        assert not errors, f"{name}: {errors}"
    computed = openpyxl.load_workbook(libreoffice["filled_en"], data_only=True)
    keys = {title: key for key, title in sheet_titles("en").items()}
    comparable = [k for k, c in native_cells(filled["en"]).items() if "ISNUMBER" not in c]
    assert any(is_error(computed["Dashboard"][f"{DASH.score}{r}"].value) for r in DASH.block_rows(0)[1])  # #NAME?
    for sheet, cell in comparable:
        lo = computed[sheet][cell].value
        lo = excel_serial(lo) if isinstance(lo, dt.datetime) else ("" if lo is None else lo)
        engine = values["en"][(keys[sheet], cell)]
        assert lo == pytest.approx(engine) if isinstance(engine, (int, float)) else lo == engine, (sheet, cell)


# --- Structure ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(built):
    return openpyxl.load_workbook(built["fr"])


def test_sheets_and_instructions(book):
    titles = sheet_titles("fr")
    assert book.sheetnames == list(titles.values())
    assert book.sheetnames[0] == "Mode d'emploi" and book.active.title == "Mode d'emploi"
    assert {"Paramètres", "Tableau de bord", "Courrier", "Téléphone"} <= set(book.sheetnames)
    instructions = {c.value for row in book["Mode d'emploi"].iter_rows() for c in row}
    used = {k.function for c in CHANNELS for k in c.kpis} | {"KPI_CHANNEL_SCORE", "KPI_BAND", "KPI_AVG_DAYS"}
    assert {REGISTRY[f].label("fr") for f in used} | {REGISTRY[f].describe("fr") for f in used} <= instructions
    assert {REGISTRY["KPI_CPL"].describe("fr"), REGISTRY["KPI_CHURN"].describe("fr")} <= instructions
    assert REGISTRY["KPI_CPL"].description not in instructions  # the French edition describes in French


def test_iso_weeks_rows(book, tmp_path):
    email = book["Email"]
    assert email[f"A{FIRST_WEEK_ROW + 52}"].value == 53  # 2026 has 53 ISO weeks
    assert email[f"B{FIRST_WEEK_ROW}"].value == dt.datetime(2025, 12, 29)  # Monday of week 1
    build_template(tmp_path / "2027.xlsx", 2027, "en")
    sheet = openpyxl.load_workbook(tmp_path / "2027.xlsx")["Email"]
    assert sheet[f"A{FIRST_WEEK_ROW + 51}"].value == 52 and sheet[f"A{FIRST_WEEK_ROW + 52}"].value is None
    assert sheet[f"B{FIRST_WEEK_ROW}"].value == dt.datetime(2027, 1, 4)


def test_protection_inputs_and_formulas(book):
    for ws in book.worksheets:
        if ws.title == "Leads":  # every cell an input (column styles), so not protected: sorting works
            assert not ws.protection.sheet
            assert all(book["Leads"].column_dimensions[col].protection.locked is False for col in lead_columns().values())
            continue
        assert ws.protection.sheet and not ws.protection.password, ws.title
        for row in ws.iter_rows():
            for cell in row:
                yellow = cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == INPUT_FILL.fgColor.rgb
                if cell.data_type == "f":
                    assert cell.protection.locked and not yellow, (ws.title, cell.coordinate)
                if yellow:
                    assert not cell.protection.locked, (ws.title, cell.coordinate)
                if not cell.protection.locked:
                    assert yellow, (ws.title, cell.coordinate)
    for name in ("ReportWeekChoice", "AttributionDays", "SpeedHours", "ScoreTargets", "ScoreWeights", "BandBounds"):
        assert all(not c.protection.locked for c in named_cells(book, name)), name
    for name in ("ReportWeek", "LatestWeek", "PrevWeek"):
        assert all(c.protection.locked and c.data_type == "f" for c in named_cells(book, name)), name


def named_cells(book, name: str) -> list:
    ((sheet, ref),) = book.defined_names[name].destinations
    first, _, last = ref.replace("$", "").partition(":")
    return [c for row in book[sheet][f"{first}:{last or first}"] for c in row]


def covered(ws, ref: str, kind: str, operator: str | None, formula1: str | None) -> bool:
    return any(dv.type == kind and dv.operator == operator and dv.formula1 == formula1 and dv.showErrorMessage
               and ref in dv.sqref for dv in ws.data_validations.dataValidation)


def test_validation_on_inputs(book):
    last = FIRST_WEEK_ROW + 52
    for channel in CHANNELS:
        ws = book[channel.name("fr")]
        for item in channel.inputs:
            col = input_columns(channel)[item.key]
            rule = {"count": ("whole", "greaterThanOrEqual", "0"), "minutes": ("decimal", "greaterThanOrEqual", "0"),
                    "amount": ("decimal", "between", "-1E+15")}[item.kind]
            assert covered(ws, f"{col}{FIRST_WEEK_ROW}", *rule) and covered(ws, f"{col}{last}", *rule), item.key
    leads, cols = book["Leads"], lead_columns()
    assert covered(leads, f"{cols['channel']}2", "list", None, "ChannelList")
    assert covered(leads, f"{cols['status']}{LAST_LEAD_ROW}", "list", None, "StatusList")
    assert covered(leads, f"{cols['first_contact']}2", "date", "greaterThanOrEqual", "36526")
    assert covered(book["Paramètres"], "B4", "whole", "between", "1")


def test_frozen_panes(book):
    assert book["Email"].freeze_panes == f"C{FIRST_WEEK_ROW}"
    assert book["Leads"].freeze_panes == f"{lead_columns()['channel']}2"
    assert book["Tableau de bord"].freeze_panes == "B4"


def chart_parts(path: Path) -> list[str]:
    return [t.decode() for n, t in sorted(parts(path).items()) if n.startswith("xl/charts/chart")]


def test_charts(built):
    charts = chart_parts(built["fr"])
    kinds = [re.search(r"<(barChart|lineChart|scatterChart)>", t).group(1) for t in charts]
    assert kinds == ["barChart", "barChart", "scatterChart", "scatterChart"]  # weekly lines over week numbers
    _, rows, _ = DASH.block_rows(2)
    assert f"$O${rows[0]}:$O${rows[-1]}" in charts[0] and DASH.kpi_column("KPI_ROI") == "O"  # ROI, year to date
    assert f"${DASH.score}${rows[0]}:${DASH.score}${rows[-1]}" in charts[1]
    assert '<max val="10"/><min val="0"/>' in charts[1]  # the score's bars start at 0
    assert all(f"<strRef><f>'Tableau de bord'!$A${rows[0]}:$A${rows[-1]}</f>" in t for t in charts[:2])
    for line in charts[2:]:
        assert '<c:dispBlanksAs val="gap"/>' in line or '<dispBlanksAs val="gap"/>' in line
        assert re.search(r'<(c:)?plotVisOnly val="0"/>', line)  # the data columns are hidden
        assert '<smooth val="1"/>' not in line
        assert '<c16r3:dispNaAsBlank val="1"/>' in line  # Excel: #N/A is a gap, not a point joined across


@pytest.mark.parametrize("chart, function_of", [
    (2, lambda c: (c.response_kpi, (c.replies, c.volume))),
    (3, lambda c: ("KPI_MEETING_RATE", ("meetings", c.volume))),
])
def test_weekly_chart_series_are_each_channels_named_rate(built, chart, function_of):
    """The weekly chart named "response rate (of contacted)" plots, for each channel, the column
    replies / contacted (Postal mail: not its no-reply rate); an empty week is #N/A (a gap)."""
    book = openpyxl.load_workbook(built["en"])
    dashboard = book["Dashboard"]
    refs = re.findall(r"<f>'?Dashboard'?!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)</f>", chart_parts(built["en"])[chart])
    columns = [col for col, _, _ in refs if col != DASH.chart_weeks]
    assert len(columns) == len(CHANNELS)
    for channel, col in zip(CHANNELS, columns):
        function, args = function_of(channel)
        index = next(n for n, k in enumerate(channel.kpis) if k.function == function and k.args == args)
        source = f"'{channel.name('en')}'!${kpi_columns(channel)[index]}$" if " " in channel.name("en") \
            else f"{channel.name('en')}!${kpi_columns(channel)[index]}$"
        for n in range(53):
            formula = dashboard[f"{col}{DASH.chart_data_rows(YEAR)[n]}"].value
            assert formula == f"=IF(ISNUMBER({source}{FIRST_WEEK_ROW + n}),{source}{FIRST_WEEK_ROW + n},NA())"
        assert column_hidden(dashboard, col)


def column_hidden(ws, col: str) -> bool:
    """Whether ``col`` is hidden (openpyxl keeps a group of columns under its first letter)."""
    index = openpyxl.utils.column_index_from_string(col)
    return any(d.hidden and (d.min or 0) <= index <= (d.max or 0) for d in ws.column_dimensions.values())


def test_defined_names_resolve(book):
    for name in book.defined_names:
        assert named_cells(book, name), name  # one sheet, existing cells
    assert book.defined_names["ReportWeekChoice"].attr_text == "'Paramètres'!$B$4"
    assert book.defined_names["ReportWeek"].attr_text == "'Paramètres'!$B$5"
    assert not any(ws.defined_names for ws in book.worksheets)  # workbook-scoped only


def test_conditional_formatting(book):
    phone = book["Téléphone"]
    rules = [r for cf in phone.conditional_formatting for r in cf.rules]
    tco = kpi_columns(CHANNELS[2])[[k.function for k in CHANNELS[2].kpis].index("KPI_CALL_TO_OPP_RATE")]
    first = f"{tco}{TOTAL_ROW}"
    assert {r.formula[0] for r in rules} == {f"AND(ISNUMBER({first}),{first}>=INDEX(BandBounds,{n}))"
                                             for n in range(1, 5)}
    dashboard = book["Tableau de bord"]
    assert any(r.type == "colorScale" for cf in dashboard.conditional_formatting for r in cf.rules)


def test_channels_are_checked():
    bogus = Channel("email", (Input("sent"), Input("replies")), "sent", "replies",
                    (KpiColumn("KPI_NOPE", ("replies", "sent")),))
    with pytest.raises(ValueError, match="KPI_NOPE"):
        check_channels((bogus,))
    unknown = Channel("email", (Input("sent", at_most="planned"),), "sent", "sent", ())
    with pytest.raises(ValueError, match="planned"):
        check_channels((unknown,))
    no_response = Channel("email", (Input("sent"), Input("replies"), Input("meetings")), "sent", "replies",
                          (KpiColumn("KPI_MEETING_RATE", ("meetings", "sent")),))
    with pytest.raises(ValueError, match="no response rate"):
        check_channels((no_response,))
