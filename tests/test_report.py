"""The report's figures against hand-worked values (the seeds' multichannel week), the Dashboard's
recalculated values, and pandas computations from the channel sheets and the Leads sheet read by
their headers (not through the report's reader)."""
from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from report_books import SEEDS_WEEK_NUMBER, YEAR, seeded_book, seeds_week_book

import xlkpi
from xlkpi.batch import recalc
from xlkpi.errors import WorkbookError
from xlkpi.reporting import numbers
from xlkpi.reporting.figures import compute, cross_check
from xlkpi.reporting.workbook_reader import read_workbook
from xlkpi.workbook.channels import CHANNELS
from xlkpi.workbook.layout import LEAD_COLUMNS, sheet_titles

pytestmark = pytest.mark.slow  # recalculates whole workbooks in memory

EXAMPLES = Path(__file__).resolve().parent.parent / "workbook_templates"


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report_books")
    return {
        "seeds": seeds_week_book(folder / "seeds.xlsx", "en"),
        "seeds_fr": seeds_week_book(folder / "seeds_fr.xlsx", "fr"),
        "en": seeded_book(folder / "seeded_en.xlsx", "en", seed=1),
        "fr": seeded_book(folder / "seeded_fr.xlsx", "fr", seed=2),
    }


# --- Hand-worked: the seeds' multichannel week ------------------------------------------------


@pytest.mark.parametrize("name", ["seeds", "seeds_fr"])
def test_seeds_week_conversion_and_roi(books: dict[str, Path], name: str) -> None:
    figures = xlkpi.report(books[name])
    assert figures.week == SEEDS_WEEK_NUMBER
    table = figures.channels
    assert table.loc[["email", "linkedin", "phone"], "conversion_rate"].tolist() == pytest.approx([0.03, 0.05, 0.05])
    assert table.loc[["email", "linkedin", "phone"], "roi"].tolist() == pytest.approx([2.2, 3.1, 1.8])
    assert table.loc[["email", "linkedin", "phone"], "response_rate"].tolist() == pytest.approx([0.18, 25 / 80, 0.25])
    assert table.loc["email", "cac"] == pytest.approx(1000 / 3)
    assert math.isnan(table.loc["sms", "roi"])  # no cost: blank, as the Dashboard leaves it
    head = figures.headline
    assert head.loc[["volume", "replies", "meetings", "deals", "revenue", "cost"], "week"].tolist() == \
        [220, 53, 20, 9, 10100, 3000]
    assert head.loc["roi", "week"] == pytest.approx(7100 / 3000)
    assert not head["comparable_previous"].any()  # week 9 is empty: nothing to compare with
    assert table.loc["linkedin", "rank"] == 1  # the seeds' verdict: LinkedIn pays best
    scored = table.loc[["email", "linkedin", "phone"]]
    assert scored["rank"].tolist() == scored["score"].rank(ascending=False, method="min").tolist()


def test_wilson_interval_is_the_kpi_functions(books: dict[str, Path]) -> None:
    """The headline's interval: Wilson's formula worked by hand, 53 replies of 220 contacted."""
    row = xlkpi.report(books["seeds"]).headline.loc["replies"]
    n, p, z = 220, 53 / 220, 1.959963984540054
    centre, spread = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert row["rate_low"] == pytest.approx((centre - spread) / (1 + z * z / n))
    assert row["rate_high"] == pytest.approx((centre + spread) / (1 + z * z / n))


# --- The Dashboard, recalculated by the engine ---------------------------------------------------


@pytest.mark.parametrize("name", ["en", "fr", "seeds"])
def test_figures_equal_the_dashboard(books: dict[str, Path], name: str) -> None:
    data = read_workbook(books[name])
    assert data.recalculated  # openpyxl wrote it: no stored values, fullCalcOnLoad
    assert cross_check(data, compute(data)) == []


def test_stored_values_are_read_when_current_and_agree(books: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "recalculated"
    summary = recalc([books["en"]], out)
    assert summary.ok
    fresh = read_workbook(out / books["en"].name)
    assert not fresh.recalculated
    stale = compute(read_workbook(books["en"]))
    pd.testing.assert_frame_equal(compute(fresh).channels, stale.channels)
    assert cross_check(fresh, compute(fresh)) == []


def test_another_week_is_recalculated_in_memory_and_the_file_is_untouched(books: dict[str, Path], tmp_path: Path,
                                                                          sha256: Callable[[Path], str]) -> None:
    before = sha256(books["en"])
    figures = xlkpi.report(books["en"], week=15)
    assert sha256(books["en"]) == before
    # the oracle: the same workbook with week 15 typed on Settings, recalculated, read by openpyxl
    edited = tmp_path / "week15.xlsx"
    wb = openpyxl.load_workbook(books["en"])
    wb[sheet_titles("en")["settings"]]["B4"] = 15
    wb.save(edited)
    assert recalc([edited], tmp_path / "out").ok
    dash = openpyxl.load_workbook(tmp_path / "out" / "week15.xlsx", data_only=True)[sheet_titles("en")["dashboard"]]
    first = next(r for r in range(1, 60) if dash.cell(r, 1).value == "Email")  # the selected week's block
    rows = {dash.cell(r, 1).value: r for r in range(first, first + len(CHANNELS))}
    headers = {dash.cell(first - 1, c).value: c for c in range(1, 40)}
    for channel in CHANNELS:
        row = rows[channel.name("en")]
        assert dash.cell(row, headers["Contacted"]).value == figures.channels.loc[channel.key, "volume"]
        roi = dash.cell(row, headers["Return on investment (ROI)"]).value
        assert roi == pytest.approx(figures.channels.loc[channel.key, "roi"])


# --- pandas from the sheets, read by their headers ---------------------------------------------


def channel_frames(path: Path, lang: str) -> dict[str, pd.DataFrame]:
    titles = sheet_titles(lang)
    frames = {}
    for channel in CHANNELS:
        raw = pd.read_excel(path, sheet_name=titles[channel.key], header=2)
        week = raw.columns[0]  # the ISO week; the next row, the year's totals, has none
        raw = raw[pd.to_numeric(raw[week], errors="coerce").notna()]
        names = {channel.input(channel.volume).label(lang): "volume", channel.input(channel.replies).label(lang): "replies"}
        for key in ("meetings", "opportunities", "deals", "revenue", "cost"):
            names[channel.input(key).label(lang)] = key
        frames[channel.key] = raw.rename(columns={week: "week", **names}).set_index("week")[list(names.values())]
    return frames


@pytest.mark.parametrize("name, lang", [("en", "en"), ("fr", "fr")])
def test_channel_figures_equal_pandas_on_the_channel_sheets(books: dict[str, Path], name: str, lang: str) -> None:
    figures = xlkpi.report(books[name])
    frames = channel_frames(books[name], lang)
    w = figures.week
    for key, frame in frames.items():
        week = frame.loc[w].fillna(0)
        row = figures.channels.loc[key]
        assert row["volume"] == week["volume"]
        assert row["meetings"] == week["meetings"]
        assert row["response_rate"] == pytest.approx(week["replies"] / week["volume"])
        assert row["roi"] == pytest.approx((week["revenue"] - week["cost"]) / week["cost"])
        assert row["cpl"] == pytest.approx(week["cost"] / week["meetings"]) if week["meetings"] else math.isnan(row["cpl"])
        ytd = frame.loc[1:w].fillna(0).sum()  # the ROI chart's figure
        assert row["roi_ytd"] == pytest.approx((ytd["revenue"] - ytd["cost"]) / ytd["cost"])
    total = sum(f.fillna(0) for f in frames.values())
    head = figures.headline
    assert head.loc["volume", "ytd"] == total.loc[1:w, "volume"].sum()
    assert head.loc["revenue", "ytd"] == pytest.approx(total.loc[1:w, "revenue"].sum())
    assert head.loc["meetings", "previous"] == total.loc[w - 1, "meetings"]
    assert head.loc["cost", "average_4w"] == pytest.approx(total.loc[w - 4:w - 1, "cost"].mean())
    assert head.loc["meetings", "change_previous"] == pytest.approx(
        total.loc[w, "meetings"] / total.loc[w - 1, "meetings"] - 1)
    # 13 weeks of meetings per channel, the empty week a gap
    trends = figures.trends["meetings"].unstack("channel")
    assert list(trends.index) == list(range(w - 12, w + 1))
    for key, frame in frames.items():
        expected = frame.loc[w - 12:w, "meetings"].where(frame.loc[w - 12:w].notna().any(axis=1))
        assert trends[key].tolist() == pytest.approx(expected.tolist(), nan_ok=True)


def leads_frame(path: Path, lang: str) -> pd.DataFrame:
    frame = pd.read_excel(path, sheet_name=sheet_titles(lang)["leads"])
    frame.columns = [c.key for c in LEAD_COLUMNS]  # the headers are the columns' labels, in this order
    return frame.dropna(how="all")


@pytest.mark.parametrize("name, lang", [("en", "en"), ("fr", "fr")])
def test_lead_figures_equal_pandas_on_the_leads_sheet(books: dict[str, Path], name: str, lang: str) -> None:
    figures = xlkpi.report(books[name])
    leads = leads_frame(books[name], lang)

    def days(a: str, b: str) -> pd.Series:
        return (leads[b] - leads[a]).dt.total_seconds() / 86400

    churned = {"en": ("lost", "silent"), "fr": ("perdu", "sans suite")}[lang]
    engaged = leads[leads["first_reply"].notna() | leads["meeting"].notna()]
    inbound = leads[leads["received"].notna()]
    won = leads[leads["signature"].notna()]

    def within(d: int) -> float:
        return won.loc[days("first_contact", "signature")[won.index] <= d, "revenue"].sum()

    row = figures.leads.loc["all"]
    assert row["leads"] == len(leads)
    assert row["reactivity"] == pytest.approx(days("first_contact", "first_reply").mean())
    assert row["time_to_conversion"] == pytest.approx(days("first_contact", "signature").mean())
    assert row["churn"] == pytest.approx(engaged["status"].isin(churned).mean())
    assert row["speed_to_lead"] == pytest.approx(((inbound["first_contact"] - inbound["received"]).dt.total_seconds()
                                                  <= 4 * 3600).mean())
    assert row["revenue_30d"] == pytest.approx(within(30))
    assert row["revenue_90d"] == pytest.approx(within(90))
    by_campaign = leads.groupby("campaign").agg(leads=("channel", "size"), deals=("signature", "count"),
                                                revenue=("revenue", "sum"))
    mine = figures.breakdowns["campaign"]
    assert mine["leads"].sort_index().tolist() == by_campaign["leads"].sort_index().tolist()
    assert mine["deals"].sort_index().tolist() == by_campaign["deals"].sort_index().tolist()
    assert mine["revenue"].sort_index().tolist() == pytest.approx(by_campaign["revenue"].sort_index().tolist())
    assert mine["conversion_rate"].sort_index().tolist() == pytest.approx(
        (by_campaign["deals"] / by_campaign["leads"]).sort_index().tolist())
    for channel in CHANNELS:
        part = leads[leads["channel"] == channel.name(lang)]
        assert figures.leads.loc[channel.key, "leads"] == len(part)


def test_movers_are_the_largest_changes_in_meetings(books: dict[str, Path]) -> None:
    figures = xlkpi.report(books["en"])
    changes = pd.concat([f["change"] for f in figures.breakdowns.values()])
    if "best" in figures.movers.index:
        assert figures.movers.loc["best", "change"] == changes.max() > 0
    if "worst" in figures.movers.index:
        assert figures.movers.loc["worst", "change"] == changes.min() < 0
    assert len(figures.movers) == (changes.max() > 0) + (changes.min() < 0)


# --- Notes, languages, formats, bad input ------------------------------------------------------


def test_notes_name_the_week_without_cost_and_the_check_problem(books: dict[str, Path]) -> None:
    notes = xlkpi.report(books["en"]).notes
    assert any("SMS week 12" in n for n in notes)
    assert any(n.startswith("SMS!") and "week 12" in n for n in notes)  # xlkpi check's cell-level message
    assert any("engine" in n for n in notes)  # recalculated in memory
    fr = xlkpi.report(books["fr"]).notes
    assert any("SMS semaine 12" in n for n in fr)


def test_report_language_can_differ_from_the_workbook(books: dict[str, Path]) -> None:
    figures = xlkpi.report(books["fr"], lang="en")
    assert figures.channel_names["phone"] == "Phone"
    assert figures.leads.loc["phone", "leads"] > 0  # the French sheet's "Téléphone" leads still count


def test_french_and_english_number_formats() -> None:
    assert numbers.money(1234.5, "fr", "EUR", 1) == "1\u202f234,5\u00a0€"
    assert numbers.percent(0.123, "fr") == "12,3\u00a0%"
    assert numbers.money(1234.5, "en", "EUR", 1) == "€1,234.5"
    assert numbers.percent(0.123, "en") == "12.3%"
    assert numbers.signed_percent(-0.04, "fr") == "−4,0\u00a0%"
    assert numbers.points(0.4, "en") == "+40\u00a0pts"
    assert numbers.count(float("nan"), "en") == "—"


def test_frames_for_notebooks(books: dict[str, Path]) -> None:
    frames = xlkpi.report(books["en"]).frames()
    assert {"headline", "channels", "funnel", "trends", "leads", "movers", "breakdown_campaign", "breakdown_rep",
            "breakdown_persona", "notes"} <= frames.keys()
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    funnel = frames["funnel"]
    assert funnel.loc["email", "replies_rate"] == pytest.approx(funnel.loc["email", "replies"] / funnel.loc["email", "volume"])


def test_bad_input_is_named(tmp_path: Path, books: dict[str, Path]) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    with pytest.raises(WorkbookError, match="junk.xlsx"):
        xlkpi.report(junk)
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(WorkbookError, match="not an xlkpi weekly workbook"):
        xlkpi.report(other)
    with pytest.raises(WorkbookError, match=f"week 60 is not a week of {YEAR}"):
        xlkpi.report(books["seeds"], week=60)
    bad_week = tmp_path / "bad_week.xlsx"
    shutil.copy(books["seeds"], bad_week)
    wb = openpyxl.load_workbook(bad_week)
    wb[sheet_titles("en")["settings"]]["B4"] = "soon"
    wb.save(bad_week)
    with pytest.raises(WorkbookError, match=r"Settings!B4"):
        xlkpi.report(bad_week)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_example_workbook(lang: str) -> None:
    example = EXAMPLES / f"xlkpi_example_{lang}.xlsx"
    if not example.exists():
        pytest.skip(f"{example.name} is not there yet (issue 11 ships it)")
    data = read_workbook(example)
    figures = compute(data)
    assert cross_check(data, figures) == []
    assert figures.headline.loc["volume", "ytd"] > 0


def test_the_last_import_is_noted(books: dict[str, Path], tmp_path: Path) -> None:
    """xlkpi import keeps its record in a custom XML part (urn:xlkpi:import:1): the report names the
    last export read, with its source's totals."""
    import json
    import zipfile

    record = {"version": 1, "sources": {
        "aircall": {"files": [{"name": "calls-w9.csv", "rows": 80, "imported": "2026-03-02T08:00:00+00:00"},
                              {"name": "calls-w10.csv", "rows": 95, "imported": "2026-03-09T08:00:00+00:00"}],
                    "cells": {"Phone!C13": 40, "Phone!D13": 10}, "leads": {"a": {"row": 2}}},
        "lemlist": {"files": [{"name": "lemlist.csv", "rows": 300, "imported": "2026-03-05T08:00:00+00:00"}],
                    "cells": {}, "leads": {}}}}
    book = tmp_path / "imported.xlsx"
    with zipfile.ZipFile(books["seeds"]) as source, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>'
                                    b"</Relationships>")
            target.writestr(item, data)
        target.writestr("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8"?><imports xmlns="urn:xlkpi:import:1">'
                        + json.dumps(record) + "</imports>")
    notes = xlkpi.report(book).notes
    assert "Last import: calls-w10.csv (aircall, 95 rows) on 2026-03-09. Held by this source's imports: " \
           "weekly cells 2, leads 1." in notes
    assert not any("import" in n.lower() for n in xlkpi.report(books["seeds"]).notes)  # never imported: no note


@pytest.mark.parametrize("lang, currency, amount", [("en", "USD", "$0"), ("fr", "CHF", "0\u00a0CHF"), ("en", "CHF", "CHF\u00a00")])
def test_amounts_in_the_workbook_currency(tmp_path: Path, lang: str, currency: str, amount: str) -> None:
    """A workbook made with --currency shows its amounts in that currency, never in euros."""
    from click.testing import CliRunner

    from xlkpi.cli import main

    book = tmp_path / "book.xlsx"
    assert CliRunner().invoke(main, ["new", str(book), "--lang", lang, "--currency", currency]).exit_code == 0
    assert xlkpi.report(book).currency == currency
    shown = CliRunner().invoke(main, ["report", str(book)])
    assert shown.exit_code == 0, shown.output
    assert amount in shown.output and "€" not in shown.output
    assert numbers.money(-1234.5, lang, currency, 1).startswith("−")
