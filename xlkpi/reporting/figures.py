"""Every figure of the weekly report, as pandas DataFrames, from the workbook's inputs.

Counts are summed with pandas from the channel sheets; every rate, cost per, ROI, score and
lead indicator comes from the KPI registry's functions (the ones the workbook's formulas call),
with the workbook's guards (a KPI is blank while its denominator is 0). The Dashboard's values
are compared with these (:func:`cross_check`); a difference becomes a data note.
"""
from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..registry import REGISTRY
from ..xlsx.dates import EXCEL_EPOCH
from .workbook_reader import ALL, CHANNEL_KEYS, COUNTS, LEAD_FIGURES, WorkbookData, channel_names, input_problems

HEADLINE = ("volume", "replies", "meetings", "deals", "revenue", "cost", "roi")
RATE_OF_VOLUME = ("replies", "meetings", "deals")  # counts compared as a share of contacted (Wilson)
TREND_WEEKS = 13
AVERAGE_WEEKS = 4
CONFIDENCE = 0.95
BREAKDOWNS = ("campaign", "rep", "persona")
INFINITE = 1e307  # the Dashboard's score input for a lower-is-better KPI without a value


def kpi(name: str, *args: Any) -> float:
    """A KPI through the registry; NaN where the workbook leaves the cell blank or shows an error."""
    value = REGISTRY[name](*args)
    return value if isinstance(value, float) and math.isfinite(value) else math.nan


def guarded(name: str, *args: float) -> float:
    """``IF(denominator=0, "", KPI(…))`` as the workbook writes it (the denominator is the last argument)."""
    if not args[-1] or math.isnan(args[-1]):
        return math.nan
    return kpi(name, *args)


@dataclass
class Figures:
    """The report's figures; each DataFrame is what one part of the report shows."""

    lang: str
    currency: str  # the workbook's: EUR, USD …
    year: int
    week: int
    monday: dt.date
    headline: pd.DataFrame  # index HEADLINE
    channels: pd.DataFrame  # index channel key (+ "all")
    funnel: pd.DataFrame  # index channel key; steps and step rates
    trends: pd.DataFrame  # index (week, channel); meetings, cost_per_meeting (NaN: no data that week)
    leads: pd.DataFrame  # index channel key (+ "all"); lead indicators
    breakdowns: dict[str, pd.DataFrame]  # "campaign" | "rep" | "persona" → index group
    movers: pd.DataFrame  # best and worst mover (meetings booked this week vs previous)
    notes: list[str] = field(default_factory=list)  # data notes, in the report's language
    channel_names: dict[str, str] = field(default_factory=dict)
    recalculated: bool = False

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every DataFrame by name (``breakdown_campaign`` …)."""
        frames = {"headline": self.headline, "channels": self.channels, "funnel": self.funnel, "trends": self.trends,
                  "leads": self.leads, "movers": self.movers}
        frames.update({f"breakdown_{k}": v for k, v in self.breakdowns.items()})
        frames["notes"] = pd.DataFrame({"note": self.notes})
        return frames


def _sums(weekly: pd.DataFrame, weeks: range | list[int], by_channel: bool = True) -> pd.DataFrame:
    """COUNTS summed over ``weeks``, per channel (index CHANNEL_KEYS) or for all channels (one row)."""
    rows = weekly[weekly["week"].isin(list(weeks))]
    sums = rows.groupby("channel")[list(COUNTS)].sum(min_count=0).reindex(list(CHANNEL_KEYS), fill_value=0.0)
    return sums if by_channel else sums.sum().to_frame(ALL).T


def _active_weeks(weekly: pd.DataFrame) -> set[int]:
    """Weeks with at least one input filled on some channel."""
    filled = weekly[list(COUNTS)].notna().any(axis=1)
    return set(weekly.loc[filled, "week"])


def _kpis(counts: pd.Series) -> dict[str, float]:
    v = counts
    return {
        "response_rate": guarded("KPI_REPLY_RATE", v.replies, v.volume),
        "meeting_rate": guarded("KPI_MEETING_RATE", v.meetings, v.volume),
        "conversion_rate": guarded("KPI_CONVERSION_RATE", v.deals, v.volume),
        "cpl": guarded("KPI_CPL", v.cost, v.meetings),
        "cpq": guarded("KPI_CPQ", v.cost, v.opportunities),
        "cac": guarded("KPI_CAC", v.cost, v.deals),
        "roi": guarded("KPI_ROI", v.revenue, v.cost),
    }


SCORE_KEYS = {"KPI_REPLY_RATE": "response_rate", "KPI_MEETING_RATE": "meeting_rate",
              "KPI_CONVERSION_RATE": "conversion_rate", "KPI_CPL": "cpl", "KPI_ROI": "roi"}


def _score(data: WorkbookData, row: pd.Series) -> float:
    """The Dashboard's score: blank without volume or cost; a missing KPI scores 0 on it."""
    if not row.volume or not row.cost:
        return math.nan
    lower = [str(d).casefold() in ("lower", "bas") for d in data.score.directions]
    values = [row[SCORE_KEYS[f]] if not math.isnan(row[SCORE_KEYS[f]]) else (INFINITE if low else 0.0)
              for f, low in zip(data.score.functions, lower)]
    return kpi("KPI_CHANNEL_SCORE", values, data.score.targets, data.score.weights, data.score.directions)


def _rank(scores: pd.Series) -> pd.Series:
    """Excel's RANK (descending, ties share the best rank); blank without a score."""
    return scores.rank(ascending=False, method="min")


def _table(data: WorkbookData, weeks: range | list[int]) -> pd.DataFrame:
    sums = pd.concat([_sums(data.weekly, weeks), _sums(data.weekly, weeks, by_channel=False)])
    table = sums.join(pd.DataFrame({key: _kpis(row) for key, row in sums.iterrows()}).T)
    table["score"] = [_score(data, row) for _, row in table.iterrows()]
    table["rank"] = _rank(table.loc[list(CHANNEL_KEYS), "score"])
    return table.rename_axis("channel")


def _wilson(successes: float, trials: float) -> tuple[float, float]:
    if not trials:
        return math.nan, math.nan
    return (kpi("KPI_WILSON_LOW", successes, trials, CONFIDENCE), kpi("KPI_WILSON_HIGH", successes, trials, CONFIDENCE))


def _change(metric: str, now: pd.Series, base: pd.Series) -> tuple[float, bool]:
    """(change, comparable): relative change of a count or amount, difference of ROI; a share of
    contacted is comparable when the base's rate lies outside this week's Wilson interval."""
    if metric == "roi":
        a, b = guarded("KPI_ROI", now.revenue, now.cost), guarded("KPI_ROI", base.revenue, base.cost)
        return a - b, not (math.isnan(a) or math.isnan(b))
    change = (now[metric] - base[metric]) / base[metric] if base[metric] else math.nan
    if metric in RATE_OF_VOLUME:
        low, high = _wilson(now[metric], now.volume)
        if not base.volume or math.isnan(low):
            return change, False
        rate = base[metric] / base.volume
        return change, not (low <= rate <= high) and not math.isnan(change)
    return change, not math.isnan(change)


def _headline(data: WorkbookData) -> pd.DataFrame:
    w = data.week
    active = _active_weeks(data.weekly)
    last4 = [k for k in range(w - AVERAGE_WEEKS, w) if k >= 1 and k in active]
    now = _sums(data.weekly, [w], by_channel=False).iloc[0]
    prev = _sums(data.weekly, [w - 1], by_channel=False).iloc[0]
    four = _sums(data.weekly, last4, by_channel=False).iloc[0] / max(len(last4), 1)
    ytd = _sums(data.weekly, range(1, w + 1), by_channel=False).iloc[0]
    rows = {}
    def value(s: pd.Series, metric: str) -> float:
        return guarded("KPI_ROI", s.revenue, s.cost) if metric == "roi" else float(s[metric])

    for metric in HEADLINE:
        change_prev, ok_prev = _change(metric, now, prev)
        change_avg, ok_avg = _change(metric, now, four) if last4 else (math.nan, False)
        low, high = _wilson(now[metric], now.volume) if metric in RATE_OF_VOLUME else (math.nan, math.nan)
        rows[metric] = {
            "week": value(now, metric), "previous": value(prev, metric), "change_previous": change_prev, "comparable_previous": ok_prev,
            "average_4w": value(four, metric) if last4 else math.nan, "change_average_4w": change_avg,
            "comparable_average_4w": ok_avg, "ytd": value(ytd, metric),
            "rate": now[metric] / now.volume if metric in RATE_OF_VOLUME and now.volume else math.nan,
            "rate_low": low, "rate_high": high,
        }
    frame = pd.DataFrame(rows).T.rename_axis("metric")
    for column in ("comparable_previous", "comparable_average_4w"):
        frame[column] = frame[column].astype(bool)
    return frame.infer_objects()


def _funnel(table: pd.DataFrame) -> pd.DataFrame:
    steps = ("volume", "replies", "meetings", "opportunities", "deals")
    funnel = table.loc[list(CHANNEL_KEYS), list(steps)].copy()
    for before, after in itertools.pairwise(steps):
        funnel[f"{after}_rate"] = [after_n / before_n if before_n else math.nan
                                   for before_n, after_n in zip(funnel[before], funnel[after])]
    return funnel


def _trends(data: WorkbookData) -> pd.DataFrame:
    first = max(1, data.week - TREND_WEEKS + 1)
    rows = data.weekly[(data.weekly["week"] >= first) & (data.weekly["week"] <= data.week)]
    records = []
    for _, row in rows.iterrows():
        empty = row[list(COUNTS)].isna().all()
        records.append({
            "week": row.week, "channel": row.channel,
            "meetings": math.nan if empty else (0.0 if math.isnan(row.meetings) else row.meetings),
            "cost_per_meeting": math.nan if empty else guarded("KPI_COST_PER_MEETING", _zero(row.cost), _zero(row.meetings)),
        })
    return pd.DataFrame(records).set_index(["week", "channel"])


def _zero(value: float) -> float:
    return 0.0 if math.isnan(value) else value


def _column(leads: pd.DataFrame, key: str) -> list[Any]:
    return [None if (isinstance(v, float) and math.isnan(v)) else v for v in leads[key]]


def _lead_kpis(data: WorkbookData, leads: pd.DataFrame, criteria: tuple[Any, ...] = ()) -> dict[str, float]:
    c = {k: _column(leads, k) for k in ("received", "first_contact", "first_reply", "meeting", "signature",
                                         "revenue", "status")}
    churn = data.churn_statuses or None
    has = {k: sum(v is not None for v in c[k]) for k in c}
    return {
        "leads": float(len(leads)),
        "speed_to_lead": kpi("KPI_SHARE_WITHIN", c["received"], c["first_contact"], data.speed_hours, *criteria)
        if has["received"] else math.nan,
        "reactivity": kpi("KPI_AVG_DAYS", c["first_contact"], c["first_reply"], *criteria),
        "time_to_conversion": kpi("KPI_AVG_DAYS", c["first_contact"], c["signature"], *criteria),
        "churn": kpi("KPI_CHURN", c["first_reply"], c["meeting"], c["status"], churn, *criteria),
        "revenue_30d": kpi("KPI_ATTRIBUTED_REVENUE", c["first_contact"], c["signature"], c["revenue"], 30, *criteria),
        "revenue_90d": kpi("KPI_ATTRIBUTED_REVENUE", c["first_contact"], c["signature"], c["revenue"], 90, *criteria),
        "revenue_window": kpi("KPI_ATTRIBUTED_REVENUE", c["first_contact"], c["signature"], c["revenue"],
                              data.attribution_days, *criteria),
    }


def _leads(data: WorkbookData) -> pd.DataFrame:
    channel = _column(data.leads, "channel")
    rows = {key: _lead_kpis(data, data.leads, (channel, data.channel_names[key])) for key in CHANNEL_KEYS}
    for key in CHANNEL_KEYS:
        rows[key]["leads"] = float(sum(str(v).casefold() == data.channel_names[key].casefold() for v in channel
                                       if v is not None))
    rows[ALL] = _lead_kpis(data, data.leads)
    return pd.DataFrame(rows).T.rename_axis("channel")


def _week_of(serial: float) -> tuple[int, int] | None:
    if serial is None or math.isnan(serial):
        return None
    iso = (EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))).isocalendar()
    return iso[0], iso[1]


def _breakdown(data: WorkbookData, key: str) -> pd.DataFrame:
    leads = data.leads.assign(group=data.leads[key].fillna("—"))
    this, before = (data.year, data.week), _previous_week(data)
    meeting_week = leads["meeting"].map(_week_of)
    rows = {}
    for group, part in leads.groupby("group", sort=True):
        weeks = meeting_week[part.index]
        deals = float(part["signature"].notna().sum())
        rows[group] = {
            "leads": float(len(part)), "replies": float(part["first_reply"].notna().sum()),
            "meetings": float(part["meeting"].notna().sum()), "deals": deals,
            "conversion_rate": guarded("KPI_CONVERSION_RATE", deals, float(len(part))),
            "revenue": float(part["revenue"].sum(min_count=0)),
            "meetings_week": float((weeks == this).sum()), "meetings_previous": float((weeks == before).sum()),
        }
    frame = pd.DataFrame(rows).T if rows else pd.DataFrame(
        columns=["leads", "replies", "meetings", "deals", "conversion_rate", "revenue", "meetings_week",
                 "meetings_previous"])
    frame["change"] = frame["meetings_week"] - frame["meetings_previous"]
    return frame.sort_values(["revenue", "deals"], ascending=False).rename_axis(key)


def _previous_week(data: WorkbookData) -> tuple[int, int]:
    iso = (data.mondays[data.week] - dt.timedelta(days=7)).isocalendar()
    return iso[0], iso[1]


def _movers(breakdowns: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The group whose meetings booked rose most, and the one that fell most, vs the previous week."""
    rows = [{"dimension": d, "group": g, "meetings_week": r.meetings_week, "meetings_previous": r.meetings_previous,
             "change": r.change} for d, frame in breakdowns.items() for g, r in frame.iterrows()]
    frame = pd.DataFrame(rows, columns=["dimension", "group", "meetings_week", "meetings_previous", "change"])
    best = frame[frame["change"] > 0].sort_values("change", ascending=False, kind="stable").head(1)
    worst = frame[frame["change"] < 0].sort_values("change", kind="stable").head(1)
    return pd.concat([best.assign(kind="best"), worst.assign(kind="worst")]).set_index("kind")


def cross_check(data: WorkbookData, figures: Figures, tolerance: float = 1e-9) -> list[str]:
    """Dashboard cells that differ from the figures: ``"<block> <channel> <column>: a ≠ b"``."""
    blocks: dict[str, range | list[int]] = {"week": [data.week], "previous": [data.week - 1], "ytd": range(1, data.week + 1)}
    columns = {**{c: c for c in COUNTS}, "KPI_REPLY_RATE": "response_rate", "KPI_MEETING_RATE": "meeting_rate",
               "KPI_CONVERSION_RATE": "conversion_rate", "KPI_CPL": "cpl", "KPI_CPQ": "cpq", "KPI_CAC": "cac",
               "KPI_ROI": "roi", "score": "score", "rank": "rank"}
    differences = []
    for block, weeks in blocks.items():
        table = figures.channels if block == "week" else _table(data, weeks)
        for channel in [*CHANNEL_KEYS, ALL]:
            for column, mine in columns.items():
                if column == "rank" and channel == ALL:
                    continue
                if not _same(data.dashboard.loc[(block, channel), column], table.loc[channel, mine], tolerance):
                    differences.append(f"{block} {channel} {column}: {data.dashboard.loc[(block, channel), column]!r}"
                                       f" ≠ {table.loc[channel, mine]!r}")
    for channel in [*CHANNEL_KEYS, ALL]:
        for column in data.dashboard_leads.columns.intersection(list(LEAD_FIGURES.values())):
            if not _same(data.dashboard_leads.loc[channel, column], figures.leads.loc[channel, column], tolerance):
                differences.append(f"leads {channel} {column}: {data.dashboard_leads.loc[channel, column]!r}"
                                   f" ≠ {figures.leads.loc[channel, column]!r}")
    return differences


def _same(shown: Any, mine: Any, tolerance: float) -> bool:
    blank = shown is None or shown == "" or (isinstance(shown, float) and math.isnan(shown))
    if isinstance(mine, float) and math.isnan(mine):
        return blank
    if not isinstance(shown, float) or isinstance(shown, bool):
        return False
    return abs(shown - float(mine)) <= tolerance * max(1.0, abs(shown))


def compute(data: WorkbookData, lang: str | None = None) -> Figures:
    """The report's figures for ``data.week``; texts in ``lang`` (default: the workbook's)."""
    from .notes import data_notes

    lang = lang or data.lang
    table = _table(data, [data.week])
    previous = _table(data, [data.week - 1])
    table["rank_previous"] = previous["rank"]
    table["rank_change"] = previous["rank"] - table["rank"]  # > 0: moved up
    table["roi_ytd"] = _table(data, range(1, data.week + 1))["roi"]  # the ROI chart's: one week's is lumpy
    breakdowns = {key: _breakdown(data, key) for key in BREAKDOWNS}
    figures = Figures(
        lang=lang, currency=data.currency, year=data.year, week=data.week, monday=data.mondays[data.week],
        headline=_headline(data), channels=table, funnel=_funnel(table), trends=_trends(data), leads=_leads(data),
        breakdowns=breakdowns, movers=_movers(breakdowns), channel_names=channel_names(lang),
        recalculated=data.recalculated,
    )
    figures.notes = data_notes(data, input_problems(data), cross_check(data, figures), lang)
    return figures
