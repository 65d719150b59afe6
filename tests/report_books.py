"""Filled weekly workbooks for the report's tests and benchmark, written with openpyxl on the
template (so their stored values are stale: the report must recalculate them).

* :func:`seeds_week_book`: the seeds' multichannel week (000_…txt: "Cas pratique"): email 100
  contacted, 18 replies, 6 meetings, 3 deals; LinkedIn 80/25/9/4; phone 40/10/5/2 → conversion
  3 %, 5 %, 5 %; costs and revenues chosen so that ROI is 220 %, 310 %, 180 %.
* :func:`seeded_book`: weeks 1 … ``last_week`` of every channel with seeded random counts (one
  empty week per channel, one week with activity but no cost), and ``leads`` leads.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from xlkpi.workbook.builder import build_workbook, save
from xlkpi.workbook.channels import CHANNELS
from xlkpi.workbook.layout import FIRST_WEEK_ROW, LEAD_COLUMNS, input_columns, sheet_titles

YEAR = 2026

# channel: (contacted, replies, meetings, opportunities, deals, revenue, cost)
SEEDS_WEEK = {
    "email": (100, 18, 6, 4, 3, 3200, 1000),
    "linkedin": (80, 25, 9, 6, 4, 4100, 1000),
    "phone": (40, 10, 5, 3, 2, 2800, 1000),
}
SEEDS_WEEK_NUMBER = 10


def _put_week(ws, channel, week: int, counts: tuple[float | None, ...]) -> None:
    cols = input_columns(channel)
    keys = (channel.volume, channel.replies, "meetings", "opportunities", "deals", "revenue", "cost")
    row = FIRST_WEEK_ROW + week - 1
    for key, value in zip(keys, counts):
        ws[f"{cols[key]}{row}"] = value


def _set_week(wb, lang: str, week: int) -> None:
    wb[sheet_titles(lang)["settings"]]["B4"] = week


def seeds_week_book(path: Path, lang: str = "en") -> Path:
    """The seeds' multichannel week as week 10; nothing else filled."""
    wb = build_workbook(YEAR, lang)
    titles = sheet_titles(lang)
    for channel in CHANNELS:
        if channel.key in SEEDS_WEEK:
            _put_week(wb[titles[channel.key]], channel, SEEDS_WEEK_NUMBER, SEEDS_WEEK[channel.key])
    _set_week(wb, lang, SEEDS_WEEK_NUMBER)
    save(wb, path)
    return path


# channel: (weekly contacted, reply rate, meeting rate of replies, opp rate of meetings, win rate of opps, deal size, weekly cost)
PROFILES = {
    "email": (400, 0.08, 0.30, 0.6, 0.35, 2500, 900),
    "linkedin": (150, 0.20, 0.28, 0.6, 0.40, 3000, 700),
    "phone": (120, 0.30, 0.15, 0.5, 0.35, 2800, 1500),
    "sms": (200, 0.05, 0.20, 0.5, 0.30, 1500, 300),
    "mail": (60, 0.04, 0.40, 0.5, 0.30, 4000, 500),
}
CAMPAIGNS = ("Spring launch", "Retail push", "Partners", "Webinar follow-up")
REPS = ("Alice", "Bruno", "Chloé")
PERSONAS = ("CFO", "Head of Sales", "Founder")


def _binomial(rnd: random.Random, n: int, p: float) -> int:
    return sum(rnd.random() < p for _ in range(n))


def seeded_book(path: Path, lang: str = "en", seed: int = 1, last_week: int = 20, leads: int = 300) -> Path:
    """A year filled up to ``last_week`` (the week reported on), with ``leads`` leads."""
    rnd = random.Random(seed)
    wb = build_workbook(YEAR, lang)
    titles = sheet_titles(lang)
    for n, channel in enumerate(CHANNELS):
        volume, reply, meet, opp, win, size, cost = PROFILES[channel.key]
        gap = 3 + 2 * n  # one empty week per channel
        for week in range(1, last_week + 1):
            if week == gap:
                continue
            contacted = max(0, int(rnd.gauss(volume, volume * 0.2)))
            replies = _binomial(rnd, contacted, reply)
            meetings = _binomial(rnd, replies, meet)
            opportunities = _binomial(rnd, meetings, opp)
            deals = _binomial(rnd, opportunities, win)
            revenue = round(deals * size * rnd.uniform(0.6, 1.4), 2)
            spent: float | None = round(cost * rnd.uniform(0.8, 1.2), 2)
            if channel.key == "sms" and week == 12:
                spent = None  # activity without cost: a data note
            _put_week(wb[titles[channel.key]], channel, week, (contacted, replies, meetings, opportunities, deals,
                                                                revenue, spent))
    _fill_leads(wb[titles["leads"]], lang, rnd, leads, last_week)
    _set_week(wb, lang, last_week)
    save(wb, path)
    return path


def _fill_leads(ws, lang: str, rnd: random.Random, count: int, last_week: int) -> None:
    columns = {c.key: n for n, c in enumerate(LEAD_COLUMNS, start=1)}
    statuses = {"en": ("contacted", "replied", "meeting", "opportunity", "won", "lost", "silent"),
                "fr": ("contacté", "a répondu", "RDV", "opportunité", "gagné", "perdu", "sans suite")}[lang]
    start = dt.datetime(YEAR - 1, 12, 29, 9)  # Monday of ISO week 1
    end = start + dt.timedelta(weeks=last_week)
    for n in range(count):
        row = n + 2
        channel = rnd.choice(CHANNELS)
        first = start + dt.timedelta(hours=rnd.uniform(0, (end - start).total_seconds() / 3600 - 24))
        record: dict[str, object] = {
            "channel": channel.name(lang), "campaign": rnd.choice(CAMPAIGNS), "rep": rnd.choice(REPS),
            "persona": rnd.choice(PERSONAS), "first_contact": first,
        }
        if rnd.random() < 0.3:  # inbound
            record["received"] = first - dt.timedelta(hours=rnd.choice((0.5, 1, 2, 3, 6, 20, 30)))
        status = "contacted"
        at = first
        for key, p, days, reached in (("first_reply", 0.45, 4, "replied"), ("meeting", 0.5, 7, "meeting"),
                                      ("opportunity", 0.6, 10, "opportunity"), ("signature", 0.45, 25, "won")):
            if rnd.random() > p:
                break
            at = at + dt.timedelta(days=rnd.uniform(0.2, days))
            if at >= end:
                break
            record[key] = at
            status = reached
        if status == "won":
            record["revenue"] = round(rnd.uniform(1500, 6000), 2)
        elif status in ("replied", "meeting") and rnd.random() < 0.5:
            status = rnd.choice(("lost", "silent"))
        record["status"] = statuses[("contacted", "replied", "meeting", "opportunity", "won", "lost", "silent")
                                    .index(status)]
        for key, value in record.items():
            ws.cell(row, columns[key], value)
