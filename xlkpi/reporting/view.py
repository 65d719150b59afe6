"""The figures as the reader sees them: formatted text, arrows and labels in the report's
language. The HTML template, the e-mail, summary.png and the terminal table all read this."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..i18n import text
from . import numbers
from .figures import HEADLINE, RATE_OF_VOLUME, Figures
from .workbook_reader import ALL, CHANNEL_KEYS

LOWER_IS_BETTER = {"cost"}
CHANNEL_COLUMNS = ("volume", "response_rate", "meeting_rate", "conversion_rate", "meetings", "opportunities", "deals", "revenue", "cost",
                   "cpl", "cac", "roi", "score", "rank", "rank_change")
LEAD_COLUMNS = ("leads", "speed_to_lead", "reactivity", "time_to_conversion", "churn", "revenue_30d", "revenue_90d")
BREAKDOWN_COLUMNS = ("leads", "meetings", "deals", "conversion_rate", "revenue", "meetings_week", "change")


@dataclass
class Change:
    text: str
    tone: str  # "up", "down", "flat", "none"
    why: str = ""  # why there is no arrow (the Wilson interval)


@dataclass
class Card:
    key: str
    label: str
    value: str
    previous: Change
    average: Change
    ytd: str


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    total: list[str] | None = None


@dataclass
class View:
    lang: str
    title: str
    subtitle: str
    headline_title: str
    cards: list[Card]
    channels: Table
    leads: Table
    breakdowns: list[Table]
    movers: list[str]
    notes: list[str]
    footer: str
    labels: dict[str, str] = field(default_factory=dict)


def _change(figures: Figures, metric: str, which: str) -> Change:
    lang, row = figures.lang, figures.headline.loc[metric]
    value, comparable = row[f"change_{which}"], bool(row[f"comparable_{which}"])
    if comparable:
        shown = numbers.points(value, lang) if metric == "roi" else numbers.signed_percent(value, lang)
        if value == 0:
            return Change(f"= {shown}", "flat")
        good = (value > 0) != (metric in LOWER_IS_BETTER)
        return Change(("▲ " if value > 0 else "▼ ") + shown, "up" if good else "down")
    if metric in RATE_OF_VOLUME and not math.isnan(row["rate_low"]) and not math.isnan(value):
        why = text("report.too_few_why", lang, rate=numbers.percent(row["rate"], lang),
                   low=numbers.percent(row["rate_low"], lang), high=numbers.percent(row["rate_high"], lang))
        return Change(text("report.too_few", lang), "none", why)
    return Change(text("report.no_base", lang), "none")


def _cards(figures: Figures) -> list[Card]:
    lang, currency = figures.lang, figures.currency
    return [Card(m, text(f"report.metric.{m}", lang), numbers.format_metric(m, figures.headline.loc[m, "week"], lang, currency),
                 _change(figures, m, "previous"), _change(figures, m, "average_4w"),
                 numbers.format_metric(m, figures.headline.loc[m, "ytd"], lang, currency)) for m in HEADLINE]


def _rank_change(value: float, lang: str) -> str:
    if math.isnan(value):
        return numbers.DASH
    if value == 0:
        return "="
    return f"▲ {int(value)}" if value > 0 else f"▼ {int(-value)}"


def _channel_cell(column: str, value: float, lang: str, currency: str) -> str:
    if column in ("response_rate", "meeting_rate", "conversion_rate"):
        return numbers.percent(value, lang)
    if column in ("revenue", "cost", "cpl", "cac"):
        return numbers.money(value, lang, currency)
    if column == "roi":
        return numbers.percent(value, lang, 0)
    if column == "score":
        return numbers.decimal(value, lang)
    if column == "rank":
        return numbers.rank(value)
    if column == "rank_change":
        return _rank_change(value, lang)
    return numbers.count(value, lang)


def _channels(figures: Figures) -> Table:
    lang, table = figures.lang, figures.channels
    headers = [text("report.col.channel", lang)] + [text(f"report.col.{c}", lang) for c in CHANNEL_COLUMNS]
    order = sorted(CHANNEL_KEYS, key=lambda k: (math.isnan(table.loc[k, "rank"]), table.loc[k, "rank"]))
    rows = [[figures.channel_names[k]] + [_channel_cell(c, table.loc[k, c], lang, figures.currency) for c in CHANNEL_COLUMNS] for k in order]
    total = [text("report.all", lang)] + [
        _channel_cell(c, table.loc[ALL, c], lang, figures.currency) if c not in ("rank", "rank_change") else "" for c in CHANNEL_COLUMNS]
    return Table(text("report.channels", lang), headers, rows, total)


def _lead_cell(column: str, value: float, lang: str, currency: str) -> str:
    if column in ("speed_to_lead", "churn"):
        return numbers.percent(value, lang)
    if column in ("reactivity", "time_to_conversion"):
        return numbers.decimal(value, lang)
    if column.startswith("revenue"):
        return numbers.money(value, lang, currency)
    return numbers.count(value, lang)


def _leads(figures: Figures, speed_hours: float) -> Table:
    lang = figures.lang
    headers = [text("report.col.channel", lang)] + [
        text(f"report.lead.{c}", lang, hours=numbers.decimal(speed_hours, lang, 0)) if c == "speed_to_lead"
        else text(f"report.lead.{c}", lang) for c in LEAD_COLUMNS]
    rows = [[figures.channel_names[k]] + [_lead_cell(c, figures.leads.loc[k, c], lang, figures.currency) for c in LEAD_COLUMNS]
            for k in CHANNEL_KEYS]
    total = [text("report.all", lang)] + [_lead_cell(c, figures.leads.loc[ALL, c], lang, figures.currency) for c in LEAD_COLUMNS]
    return Table(text("report.leads", lang), headers, rows, total)


def _breakdown(figures: Figures, key: str) -> Table:
    lang, frame = figures.lang, figures.breakdowns[key]
    headers = [text(f"report.group.{key}", lang)] + [text(f"report.bcol.{c}", lang) for c in BREAKDOWN_COLUMNS]

    def cell(column: str, value: float) -> str:
        if column == "conversion_rate":
            return numbers.percent(value, lang)
        if column == "revenue":
            return numbers.money(value, lang, figures.currency)
        if column == "change":
            return _rank_change(value, lang)
        return numbers.count(value, lang)

    rows = [[str(group)] + [cell(c, row[c]) for c in BREAKDOWN_COLUMNS] for group, row in frame.iterrows()]
    return Table(text(f"report.breakdown.{key}", lang), headers, rows)


def _movers(figures: Figures) -> list[str]:
    lang, lines = figures.lang, []
    for kind, row in figures.movers.iterrows():
        lines.append(text(f"report.mover.{kind}", lang, group=row["group"],
                          dimension=text(f"report.dimension.{row['dimension']}", lang),
                          now=numbers.count(row["meetings_week"], lang), before=numbers.count(row["meetings_previous"], lang)))
    return lines or [text("report.mover.none", lang)]


def build_view(figures: Figures, file_name: str, made_on: str, speed_hours: float) -> View:
    lang = figures.lang
    monday = figures.monday.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")
    return View(
        lang=lang,
        title=text("report.title", lang, week=figures.week, year=figures.year),
        subtitle=text("report.subtitle", lang, monday=monday, file=file_name),
        headline_title=text("report.headline", lang),
        cards=_cards(figures),
        channels=_channels(figures),
        leads=_leads(figures, speed_hours),
        breakdowns=[_breakdown(figures, k) for k in figures.breakdowns],
        movers=_movers(figures),
        notes=figures.notes,
        footer=text("report.footer", lang, file=file_name, date=made_on),
        labels={k: text(f"report.{k}", lang) for k in (
            "vs_previous", "vs_average", "ytd", "trends", "breakdown_note", "movers", "notes")} | {
            "colon": "\u00a0: " if lang == "fr" else ": "},
    )
