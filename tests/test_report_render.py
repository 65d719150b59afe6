"""The report's files: a self-contained HTML page (checked in headless Chromium at a phone's
width), an e-mail whose every cid: reference has its part, summary.png, the optional PDF."""
from __future__ import annotations

import base64
import email
import email.policy
import html
import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from report_books import seeded_book, seeds_week_book
from report_browser import BrowserUnavailable, PageReport, open_page

import xlkpi
from xlkpi.reporting.render import pdf_available, write_report

pytestmark = pytest.mark.slow  # renders reports, opens them in Chromium

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """report.html, report.eml, summary.png (and report.pdf when WeasyPrint is there) of an
    English and a French workbook, and of a workbook with a single filled week."""
    folder = tmp_path_factory.mktemp("reports")
    books = {"en": seeded_book(folder / "en.xlsx", "en", seed=3), "fr": seeded_book(folder / "fr.xlsx", "fr", seed=4),
             "seeds": seeds_week_book(folder / "seeds.xlsx", "fr")}
    out = {}
    for name, book in books.items():
        target = folder / f"out_{name}"
        written = write_report(xlkpi.report(book), book, target, ("html", "png", "eml", "pdf"))
        assert {p.name for p in written.files} >= {"report.html", "summary.png", "report.eml"}
        assert ("report.pdf" in {p.name for p in written.files}) == pdf_available()
        assert bool(written.skipped) != pdf_available()
        out[name] = target
    return out


def in_chromium(page: Path, screenshot: Path | None) -> PageReport:
    """``page`` opened in headless Chromium 390 px wide; the test is skipped, saying why, where
    Chromium cannot run."""
    pytest.importorskip("websocket", reason="websocket-client is not installed (pip install -e '.[test]')")
    try:
        return open_page(page, screenshot, width=390)
    except BrowserUnavailable as why:
        pytest.skip(str(why))


def images(page: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', page)


@pytest.mark.parametrize("name", ["en", "fr", "seeds"])
def test_html_is_self_contained_with_svg_charts(reports: dict[str, Path], name: str) -> None:
    page = (reports[name] / "report.html").read_text("utf-8")
    assert not re.search(r'(src|href)="(https?:|//)', page)  # nothing fetched from the network
    sources = images(page)
    assert len(sources) == 4
    for src in sources:
        assert src.startswith("data:image/svg+xml;base64,")
        root = ElementTree.fromstring(base64.b64decode(src.split(",", 1)[1]))
        assert root.tag.endswith("svg")


def test_html_shows_the_figures_in_the_workbook_language(reports: dict[str, Path]) -> None:
    fr = (reports["seeds"] / "report.html").read_text("utf-8")
    assert "Rapport de prospection — semaine 10, 2026" in fr
    for shown in ("3,0\u00a0%", "5,0\u00a0%", "220\u00a0%", "310\u00a0%", "180\u00a0%", "10\u202f100\u00a0€"):
        assert shown in fr, shown
    en = (reports["en"] / "report.html").read_text("utf-8")
    assert "Prospecting report — week 20, 2026" in en and "vs previous week" in en


def test_eml_parses_and_every_cid_has_its_part(reports: dict[str, Path]) -> None:
    for folder in reports.values():
        message = email.message_from_bytes((folder / "report.eml").read_bytes(), policy=email.policy.default)
        assert message["Subject"].startswith(("Prospecting report", "Rapport de prospection"))
        html_part = message.get_body(("html",))
        assert html_part is not None and message.get_body(("plain",)) is not None
        page = html_part.get_content()
        cids = [src[4:] for src in images(page)]
        assert len(cids) == 4 and all(src.startswith("cid:") for src in images(page))
        parts = {part["Content-ID"].strip("<>"): part for part in message.walk() if part["Content-ID"]}
        for cid in cids:
            assert cid in parts, cid
            assert parts[cid].get_content_type() == "image/png"
            assert parts[cid].get_content().startswith(PNG)
        assert "data:image" not in page  # mail clients drop data: images


def test_summary_png(reports: dict[str, Path]) -> None:
    from PIL import Image

    with Image.open(reports["fr"] / "summary.png") as picture:
        assert picture.format == "PNG" and picture.width >= 900 and picture.height >= 500
        colours = picture.convert("RGB").getcolors(1 << 20)
        assert colours is not None and len(colours) > 50  # drawn, not blank


@pytest.mark.parametrize("name", ["en", "fr"])
def test_page_in_headless_chromium_at_a_phone_width(reports: dict[str, Path], name: str) -> None:
    shot = reports[name] / "screenshot.png"
    page = in_chromium(reports[name] / "report.html", shot)
    assert page.errors == []
    assert len(page.images) == 4
    for image in page.images:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, image
    assert page.scroll_width <= page.inner_width == 390  # no horizontal scroll on a phone
    assert shot.read_bytes().startswith(PNG)
    assert ("Cumul annuel" if name == "fr" else "Year to date") in page.text
    if keep := os.environ.get("XLKPI_REPORT_SHOTS"):  # to look at them: XLKPI_REPORT_SHOTS=DIR pytest …
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / f"report_{name}_390.png")
        shutil.copy(reports[name] / "summary.png", Path(keep) / f"summary_{name}.png")


def test_pdf_when_weasyprint_is_installed(reports: dict[str, Path]) -> None:
    if not pdf_available():
        pytest.skip("WeasyPrint is not installed (pip install 'xlkpi[pdf]'); the report says it skipped report.pdf")
    from weasyprint import HTML

    for name in ("en", "fr"):
        assert (reports[name] / "report.pdf").read_bytes().startswith(b"%PDF")
        pages = HTML(filename=reports[name] / "report.html").render().pages
        assert 1 <= len(pages) <= 2, len(pages)  # prints on one or two A4 pages
        assert {(round(p.width), round(p.height)) for p in pages} == {(794, 1123)}  # A4 in CSS pixels


@pytest.mark.filterwarnings("error")
def test_the_empty_template_gives_a_whole_report(tmp_path: Path) -> None:
    """Nothing entered yet: every file written, the figures blank or 0, no warning."""
    from xlkpi.workbook.builder import shipped_path

    figures = xlkpi.report(shipped_path("fr"))
    assert figures.headline.loc["volume", "week"] == 0 and figures.channels["roi"].isna().all()
    written = write_report(figures, shipped_path("fr"), tmp_path, ("html", "png", "eml"))
    assert {p.name for p in written.files} == {"report.html", "summary.png", "report.eml"}
    assert "Rien n'a été saisi pour la semaine 1." in html.unescape((tmp_path / "report.html").read_text("utf-8"))


def test_the_mail_shows_its_charts_in_a_browser(reports: dict[str, Path], tmp_path: Path) -> None:
    """The e-mail as a mail client shows it: each cid: image replaced by its part, opened in Chromium."""
    message = email.message_from_bytes((reports["fr"] / "report.eml").read_bytes(), policy=email.policy.default)
    body = message.get_body(("html",))
    assert body is not None
    page = body.get_content()
    for part in message.walk():
        if part["Content-ID"]:
            data = base64.b64encode(part.get_content()).decode("ascii")
            page = page.replace(f'cid:{part["Content-ID"].strip("<>")}', f"data:image/png;base64,{data}")
    shown = tmp_path / "mail.html"
    shown.write_text(page, "utf-8")
    result = in_chromium(shown, None)
    assert result.errors == []
    assert len(result.images) == 4 and all(i["complete"] and i["width"] > 0 for i in result.images)
    assert result.scroll_width <= 390
