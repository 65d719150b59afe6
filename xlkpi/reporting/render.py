"""The report's files: report.html (one self-contained page, charts inline as SVG), report.eml
(the same page with the charts as cid: PNG parts), summary.png (headline and ROI for a chat
channel) and, with the ``pdf`` extra, report.pdf (WeasyPrint, from the same HTML).

One jinja2 template, two render modes: ``inline`` (data: SVG images) and ``cid`` (mail).
"""
from __future__ import annotations

import base64
import datetime as dt
import email.policy
import email.utils
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import cast

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..i18n import text
from ..xlsx.writer import atomic_output
from .charts import Chart, charts, summary_png
from .figures import Figures
from .view import View, build_view

DEFAULT_FORMATS = ("html", "png", "eml")
FILES = {"html": "report.html", "png": "summary.png", "eml": "report.eml", "pdf": "report.pdf"}


def _environment() -> Environment:
    return Environment(loader=PackageLoader("xlkpi.reporting", "templates"), autoescape=select_autoescape(["j2", "html"]),
                       trim_blocks=True, lstrip_blocks=True)


def cid(chart: Chart) -> str:
    return f"{chart.key}@xlkpi"


def render_html(view: View, chart_list: list[Chart], mode: str = "inline") -> str:
    """The page; ``mode`` "inline": charts as data: SVG images; "cid": as cid: references to PNG parts."""

    def chart_tag(chart: Chart) -> Markup:
        if mode == "inline":
            src = "data:image/svg+xml;base64," + base64.b64encode(chart.svg()).decode("ascii")
        else:
            src = f"cid:{cid(chart)}"
        return Markup('<img src="{}" alt="{}">').format(src, chart.title)

    template = _environment().get_template("report.html.j2")
    return template.render(v=view, charts=chart_list, chart_tag=chart_tag)


def build_eml(view: View, chart_list: list[Chart], figures: Figures) -> EmailMessage:
    """An unsent e-mail: a plain-text part, the HTML page, each chart as an inline PNG part."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = view.title
    message["Date"] = email.utils.formatdate(localtime=True)
    message["X-Unsent"] = "1"  # mail clients open it as a draft to send on
    message.set_content(text("report.email_text", view.lang, week=figures.week, year=figures.year) + "\n")
    message.add_alternative(render_html(view, chart_list, mode="cid"), subtype="html")
    html_part = cast(EmailMessage, message.get_payload()[1])  # type: ignore[index]
    for chart in chart_list:
        html_part.add_related(chart.png(), "image", "png", cid=f"<{cid(chart)}>", filename=f"{chart.key}.png",
                              disposition="inline")
    return message


def headline_strip(view: View) -> list[tuple[str, str, str, str]]:
    return [(c.label, c.value, c.previous.text, c.previous.tone) for c in view.cards]


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: WeasyPrint installed without its system libraries
        return False
    return True


@dataclass
class Written:
    """What a report run wrote (paths) and skipped (messages)."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _write(path: Path, content: bytes) -> None:
    with atomic_output(path) as out:
        out.write(content)


def write_report(figures: Figures, source: Path, directory: Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
                 speed_hours: float = 4.0, stage: Callable[[str], None] | None = None) -> Written:
    """Write the report's files for ``figures`` (read from ``source``) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    view = build_view(figures, source.name, dt.date.today().isoformat(), speed_hours)
    chart_list = charts(figures)
    written = Written()
    try:
        html = None
        if "html" in formats or "pdf" in formats:
            html = render_html(view, chart_list)
        if "html" in formats and html is not None:
            _write(directory / FILES["html"], html.encode("utf-8"))
            written.files.append(directory / FILES["html"])
        if "eml" in formats:
            _write(directory / FILES["eml"], bytes(build_eml(view, chart_list, figures)))
            written.files.append(directory / FILES["eml"])
        if "png" in formats:
            _write(directory / FILES["png"], summary_png(figures, headline_strip(view)))
            written.files.append(directory / FILES["png"])
        if "pdf" in formats:
            if not pdf_available():
                written.skipped.append(text("report.pdf_skipped", figures.lang, path=directory / FILES["pdf"]))
            else:
                from weasyprint import HTML

                _write(directory / FILES["pdf"], HTML(string=html, base_url=str(directory)).write_pdf())
                written.files.append(directory / FILES["pdf"])
    finally:
        for chart in chart_list:
            chart.close()
    return written
